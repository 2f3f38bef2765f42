"""The caption band (scenes/kit/safe_area.py): a scene's whole frame lands above the band, scaled, and nothing it
draws, inside its frame or beyond it, ever reaches the band or the side margins, in 2-D and 3-D."""

from __future__ import annotations

import numpy as np
import pytest
from manim import DEGREES, DOWN, RIGHT, UP, Dot, Rectangle, Square, tempconfig

from scenes.kit.lecture_scene import CaptionSafeSurfaceCamera
from scenes.kit.safe_area import CAPTION_BAND, CaptionSafeCamera, ContentBox

WIDTH, HEIGHT = 320, 180
BACKGROUND = "#000000"


def _frame_filler():
    """A white rectangle exactly the size of manim's frame, and white dots beyond its bottom and right edge."""
    from manim import config

    frame = Rectangle(width=config.frame_width, height=config.frame_height, fill_color="#FFFFFF", fill_opacity=1,
                      stroke_width=0)
    outside = [Dot(DOWN * (config.frame_y_radius + 0.4), radius=0.3, color="#FFFFFF"),
               Dot(RIGHT * (config.frame_x_radius + 0.4), radius=0.3, color="#FFFFFF")]
    return frame, outside


def _drawn(camera_class, mobjects_of, pin=False, **camera_kwargs) -> np.ndarray:
    with tempconfig({"pixel_width": WIDTH, "pixel_height": HEIGHT, "background_color": BACKGROUND}):
        camera = camera_class(**camera_kwargs)
        mobjects = mobjects_of()
        if pin:
            camera.add_fixed_in_frame_mobjects(*mobjects)
        camera.capture_mobjects(mobjects)
        return camera.pixel_array[:, :, :3].max(axis=2)


def _check_box(image: np.ndarray) -> None:
    box = ContentBox(WIDTH, HEIGHT)
    (top, bottom), (left, right) = box.rows, box.columns
    assert bottom == round(HEIGHT * (1 - CAPTION_BAND)) and left == WIDTH - right
    assert image[bottom:].max() == 0, "something reached the caption band"
    assert image[:, :left].max() == 0 and image[:, right:].max() == 0, "something reached a side margin"
    inner = image[top + 1:bottom - 1, left + 1:right - 1]
    assert inner.min() > 200, "the scene's frame does not fill the box above the band"


@pytest.mark.parametrize("camera_class", [CaptionSafeCamera, CaptionSafeSurfaceCamera])
def test_frame_fills_the_box_and_nothing_reaches_the_band(camera_class):
    def mobjects():
        frame, outside = _frame_filler()
        return [frame, *outside]

    _check_box(_drawn(camera_class, mobjects))


def test_pinned_mobjects_of_a_turned_3d_camera_keep_the_band_free():
    def mobjects():
        frame, outside = _frame_filler()
        return [frame, *outside]

    _check_box(_drawn(CaptionSafeSurfaceCamera, mobjects, pin=True, phi=70 * DEGREES, theta=-30 * DEGREES))


def test_a_3d_surface_seen_from_above_lands_in_the_box_as_in_2d():
    """Seen straight from above, a square in the xy plane is drawn where the 2-D camera draws it."""
    def square():
        return [Square(side_length=4, fill_color="#FFFFFF", fill_opacity=1, stroke_width=0).shift(UP)]

    flat = _drawn(CaptionSafeCamera, square)
    turned = _drawn(CaptionSafeSurfaceCamera, square, phi=0, theta=-90 * DEGREES)
    assert (flat > 128).sum() > 1000
    assert np.mean((flat > 128) != (turned > 128)) < 0.002


def test_the_box_is_the_frame_scaled_under_the_top_edge():
    box = ContentBox(1920, 1080)
    assert box.rows == (0, 918) and box.columns == (144, 1776)
    assert box.lift == pytest.approx(81)
    assert ContentBox(1920, 1080, band=0).rows == (0, 1080)
