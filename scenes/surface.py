"""Loss surfaces for 3-D scenes: `loss_surface(axes, mesh)` draws a `mathcore.loss.Mesh` over `ThreeDAxes`.

First version: a stock manim `Surface` coloured by height, so scenes can use the API while the fast
surface (one mobject, faces projected, sorted and shaded with numpy per frame) is being built.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import BLUE_E, GREEN_C, TEAL_D, YELLOW_C, Surface, ThreeDAxes

from mathcore.loss import Mesh

#: Low to high loss; pivots spread evenly over the axes' z range (or give (colour, height) pairs).
DEFAULT_COLORSCALE = (BLUE_E, TEAL_D, GREEN_C, YELLOW_C)
DEFAULT_STROKE_WIDTH = 0.5


def _mesh_function(axes: ThreeDAxes, mesh: Mesh):
    """Surface function on grid indices (u = i, v = j): exact at the samples, bilinear in between."""
    z = np.asarray(mesh.z, dtype=float)
    last_i, last_j = len(mesh.x) - 1, len(mesh.y) - 1

    def point(u: float, v: float) -> np.ndarray:
        i0, j0 = min(int(np.floor(u)), last_i - 1), min(int(np.floor(v)), last_j - 1)
        s, t = u - i0, v - j0
        height = (
            (1 - s) * (1 - t) * z[j0, i0] + s * (1 - t) * z[j0, i0 + 1] + (1 - s) * t * z[j0 + 1, i0] + s * t * z[j0 + 1, i0 + 1]
        )
        x = np.interp(u, np.arange(last_i + 1), mesh.x)
        y = np.interp(v, np.arange(last_j + 1), mesh.y)
        return axes.c2p(x, y, height)

    return point


def stock_surface(
    axes: ThreeDAxes,
    mesh: Mesh,
    *,
    colorscale: Sequence | None = None,
    opacity: float = 1.0,
    stroke_color=None,
    stroke_width: float = DEFAULT_STROKE_WIDTH,
) -> Surface:
    """Manim's own `Surface` through the mesh samples, coloured with `set_fill_by_value`: the reference look."""
    faces = (len(mesh.x) - 1, len(mesh.y) - 1)
    surface = Surface(
        _mesh_function(axes, mesh),
        u_range=(0, faces[0]),
        v_range=(0, faces[1]),
        resolution=faces,
        fill_opacity=opacity,
        stroke_width=stroke_width,
    )
    surface.set_fill_by_value(axes=axes, colorscale=list(colorscale or DEFAULT_COLORSCALE), axis=2)
    surface.set_fill(opacity=opacity)
    if stroke_color is not None:
        surface.set_stroke(color=stroke_color, width=stroke_width)
    return surface


def loss_surface(
    axes: ThreeDAxes,
    mesh: Mesh,
    *,
    colorscale: Sequence | None = None,
    opacity: float = 1.0,
    stroke: float = DEFAULT_STROKE_WIDTH,
    stroke_color=None,
):
    """The loss surface z = L(x, y) of `mesh` in `axes`, faces coloured by height.

    colorscale: colours low to high (spread over the z range of `axes`) or (colour, height) pairs.
    stroke: width of the edges between faces (0: none); stroke_color: a wireframe colour (default: each face's own).
    """
    return stock_surface(axes, mesh, colorscale=colorscale, opacity=opacity, stroke_color=stroke_color, stroke_width=stroke)
