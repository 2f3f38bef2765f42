"""The caption-safe band: the bottom of every lecture frame is kept free for the subtitles.

A narrated lecture shows a cue nearly all the time, and a player draws it over the bottom of the picture. Rather
than ask every scene to stay out of that strip, the camera owns it: the whole scene (manim's frame, as every
layout call such as `to_edge(DOWN)` knows it) is drawn scaled into the part of the video above the band, and
anything a scene puts outside its frame stays unseen, as it always was, instead of showing in the band or the
margins beside it. Scenes keep their coordinates; only the picture shrinks, by the band's height."""

from __future__ import annotations

from dataclasses import dataclass

import cairo
import numpy as np
from manim import Camera

#: The band's height as a share of the frame: two lines of cues as Chromium draws them (5 % of the height a line,
#: 1.3 em a line, with the box's padding), and about what VLC, QuickTime and PowerPoint take.
CAPTION_BAND = 0.15


@dataclass(frozen=True)
class ContentBox:
    """Where a scene's frame lands in a video `width` × `height` pixels: centred, touching the top, `band` of the
    height left free below it (pixel rows and columns, end exclusive)."""

    width: int
    height: int
    band: float = CAPTION_BAND

    @property
    def scale(self) -> float:
        return 1 - self.band

    @property
    def rows(self) -> tuple[int, int]:
        return 0, round(self.height * self.scale)

    @property
    def columns(self) -> tuple[int, int]:
        margin = round(self.width * self.band / 2)
        return margin, self.width - margin

    @property
    def lift(self) -> float:
        """Pixels the scaled picture moves up so that its top meets the video's."""
        return self.height * self.band / 2


class CaptionSafeCamera(Camera):
    """A camera (2-D or, mixed in first, any 3-D one) that draws the frame into the ContentBox and paints everything
    outside it, the caption band included, in the background colour after each capture."""

    caption_band = CAPTION_BAND

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.keep_caption_band()

    def keep_caption_band(self) -> None:
        """Frame the picture into the ContentBox (once; also for a camera another harness built, made this class)."""
        if getattr(self, "box", None) is not None:
            return
        self.box = ContentBox(self.pixel_width, self.pixel_height, self.caption_band)
        self.frame_width /= self.box.scale  # the same picture, seen from further away
        self.frame_height /= self.box.scale
        self.pixel_array_to_cairo_context.clear()  # contexts made before map the frame to the whole video

    def get_cairo_context(self, pixel_array):
        cached = self.get_cached_cairo_context(pixel_array)
        if cached:
            return cached
        ctx = super().get_cairo_context(pixel_array)
        ctx.set_matrix(ctx.get_matrix().multiply(cairo.Matrix(y0=-self.box.lift)))  # then up, in pixels
        return ctx

    def points_to_subpixel_coords(self, mobject, points):
        coords = super().points_to_subpixel_coords(mobject, points)
        coords[:, 1] -= self.box.lift
        return coords

    def capture_mobjects(self, mobjects, **kwargs) -> None:
        super().capture_mobjects(mobjects, **kwargs)
        self.clear_outside_box(self.pixel_array)

    def clear_outside_box(self, pixel_array: np.ndarray) -> None:
        """What a scene drew beyond its frame (into the band or the side margins) is painted over with the
        background, as it would have been off screen."""
        (top, bottom), (left, right) = self.box.rows, self.box.columns
        pixel_array[bottom:] = self.background[bottom:]
        pixel_array[top:bottom, :left] = self.background[top:bottom, :left]
        pixel_array[top:bottom, right:] = self.background[top:bottom, right:]
