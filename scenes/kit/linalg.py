"""Linear algebra in the colour code: bracketed matrices in the colour of what they are (g green, H red), and
the colours of eigen-directions (λ < 0 escape, λ > 0 uphill, λ = 0 flat) applied to eigenvalues, to values
of vᵀHv, and to curves whose colour follows the sign of the value they plot."""

from __future__ import annotations

import numpy as np
from manim import DOWN, Matrix, VGroup, VMobject

from scenes.kit.style import THEME

#: |value| at or below this counts as zero when choosing a colour.
ZERO = 1e-9


def matrix(entries, color, h_buff: float = 2.0) -> Matrix:
    """A bracketed matrix of LaTeX entries with brackets in the colour of what it is (g green, H red)."""
    tex = Matrix([list(row) for row in entries], h_buff=h_buff, element_alignment_corner=DOWN)
    tex.get_brackets().set_color(color)
    return tex


def sign_color(value: float) -> str:
    return THEME.negative if value < -ZERO else THEME.positive if value > ZERO else THEME.zero


def sign_pieces(points, values, stroke_width: float = 5) -> VGroup:
    """A polyline through points, cut where the values change sign, each piece in the colour of its sign.

    A value that is exactly zero takes the sign of the next non-zero one, so a curve crossing zero is not
    dotted with zero-coloured specks; each piece ends on the first point of the next, so there are no gaps."""
    points = np.asarray(points, dtype=float)
    signs = np.sign(np.where(np.abs(values) <= ZERO, 0, values))
    nonzero = np.flatnonzero(signs)
    if nonzero.size:
        signs = signs[nonzero[np.minimum(np.searchsorted(nonzero, np.arange(len(signs))), nonzero.size - 1)]]
    cuts = np.flatnonzero(np.diff(signs)) + 1
    pieces = VGroup()
    for start, stop in zip(np.r_[0, cuts], np.r_[cuts, len(points)]):
        run = points[start: stop + 1]
        if len(run) >= 2:
            pieces.add(VMobject(color=sign_color(signs[start]), stroke_width=stroke_width).set_points_as_corners(run))
    return pieces
