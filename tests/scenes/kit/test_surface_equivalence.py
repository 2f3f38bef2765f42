"""The fast surface must look like manim's own Surface: speed may not be bought with a different picture.

Each case draws the same loss mesh, axes and camera angle once with the stock `ThreeDCamera` + `Surface`
and once with `FastSurfaceCamera` + `loss_surface`, at 480p, and compares the RGB pixel arrays.
Metric (per channel, 0-255): mean absolute difference < 0.5 and 99.9th percentile of the absolute
difference <= 24. Measured on this machine: mean <= 0.2, 99.9th percentile <= 13 (21 with a grey-wired
Sphere), all of it anti-aliasing along face edges (Surface strokes each face over its fill with Bezier sides;
the fast path fills each straight-sided face grown by half the stroke width, or strokes it in one colour). A surface
that is missing, mis-sorted, mis-coloured or mis-shaded moves thousands of pixels by tens of levels (see the
turned-camera check).
"""

import numpy as np
import pytest
from manim import DEGREES, RED, WHITE, Cube, Dot3D, Sphere, Surface, ThreeDAxes, tempconfig
from manim.camera.three_d_camera import ThreeDCamera

from mathcore.builtins import monkey_saddle, saddle, worst_network
from scenes.kit.surface import FastSurfaceCamera, loss_surface, stock_surface

pytestmark = pytest.mark.slow  # ~15 s of drawing stock surfaces

MEAN_LIMIT = 0.5
P999_LIMIT = 24
BOX = (-2, 2, -2, 2)

CASES = {
    "worst network, default view": {"loss": worst_network, "phi": 65, "theta": -45, "options": {}},
    "worst network, camera turned": {"loss": worst_network, "phi": 70, "theta": 100, "options": {}},
    "worst network, from below, translucent": {"loss": worst_network, "phi": 115, "theta": 30,
                                               "options": {"opacity": 0.6}},
    "monkey saddle, white wireframe": {
        "loss": monkey_saddle, "phi": 60, "theta": -120, "options": {"stroke": 1.5, "stroke_color": WHITE}
    },
    "monkey saddle, own colours, no stroke": {
        "loss": monkey_saddle, "phi": 75, "theta": 20, "options": {"stroke": 0, "colorscale": [(RED, -10), (WHITE, 10)]}
    },
}


def draw(camera_class, make_surface, case) -> np.ndarray:
    """RGB pixels of axes + surface seen by a fresh camera at the case's angle."""
    with tempconfig({"quality": "low_quality"}):
        camera = camera_class(phi=case["phi"] * DEGREES, theta=case["theta"] * DEGREES)
        axes = ThreeDAxes(x_range=(-2, 2, 1), y_range=(-2, 2, 1), z_range=(-10, 25, 5),
                          x_length=5, y_length=5, z_length=4)
        mesh = case["loss"]().to_mesh(BOX, 25)
        camera.capture_mobjects([axes, make_surface(axes, mesh, **case["options"])])
        return camera.pixel_array[:, :, :3].astype(int)


@pytest.mark.parametrize("name", CASES)
def test_fast_surface_matches_stock_surface(name):
    case = CASES[name]
    stock = draw(ThreeDCamera, stock_surface, case)
    fast = draw(FastSurfaceCamera, loss_surface, case)
    assert (stock.sum(axis=-1) > 0).mean() > 0.05, "the stock picture is nearly empty: the case shows nothing"
    difference = np.abs(stock - fast)
    assert difference.mean() < MEAN_LIMIT
    assert np.percentile(difference, 99.9) <= P999_LIMIT


def test_a_wrong_picture_fails_the_metric():
    """The metric has teeth: the same surface seen 10 degrees further round does not pass."""
    case = CASES["worst network, default view"]
    turned = dict(case, theta=case["theta"] + 10)
    difference = np.abs(draw(ThreeDCamera, stock_surface, case) - draw(FastSurfaceCamera, loss_surface, turned))
    assert difference.mean() >= MEAN_LIMIT or np.percentile(difference, 99.9) > P999_LIMIT


def test_stock_camera_refuses_the_fast_surface_with_a_clear_message():
    with pytest.raises(TypeError, match="SurfaceScene"):
        draw(ThreeDCamera, loss_surface, CASES["worst network, default view"])


def stock_shapes():
    """What scenes put beside a loss surface: axes, Dot3D and Sphere (stock Surfaces), a Cube, a stock Surface."""
    axes = ThreeDAxes(x_range=(-2, 2, 1), y_range=(-2, 2, 1), z_range=(-4, 4, 2), x_length=5, y_length=5, z_length=4)
    return [
        axes,
        stock_surface(axes, saddle().to_mesh(BOX, 13), opacity=0.8),
        Sphere(radius=0.8).shift(axes.c2p(1, 1, 3)),
        Dot3D(axes.c2p(-1, -1, 0), radius=0.15, color=RED),
        Cube(side_length=0.6).shift(axes.c2p(1.5, -1.5, -2)),
    ]


def capture(camera_class, mobjects, phi=70, theta=30) -> np.ndarray:
    with tempconfig({"quality": "low_quality"}):
        camera = camera_class(phi=phi * DEGREES, theta=theta * DEGREES)
        camera.capture_mobjects(mobjects)
        return camera.pixel_array[:, :, :3].astype(int)


@pytest.mark.parametrize("phi, theta", [(70, 30), (110, 45)])
def test_stock_surfaces_drawn_by_numpy_match_the_stock_camera(phi, theta):
    """FastSurfaceCamera also draws the faces of stock Surfaces (Sphere, Dot3D) with numpy: same metric."""
    stock = capture(ThreeDCamera, stock_shapes(), phi, theta)
    difference = np.abs(stock - capture(FastSurfaceCamera, stock_shapes(), phi, theta))
    assert difference.mean() < MEAN_LIMIT
    assert np.percentile(difference, 99.9) <= P999_LIMIT


def test_everything_but_surfaces_is_drawn_exactly_as_by_the_stock_camera():
    """The camera's other shortcuts (the ThreeDAxes shading memo, the merged painter's loop) change no pixel."""
    flat_things = [mob for mob in stock_shapes() if not isinstance(mob, Surface)]
    np.testing.assert_array_equal(capture(ThreeDCamera, flat_things), capture(FastSurfaceCamera, flat_things))
