"""Legends: a row is a marker (dot, ring, swatch, arrow) beside its words; the colour code of eigen-directions is
one legend that every scene showing eigenvectors uses."""

from __future__ import annotations

from manim import LEFT, RIGHT, VGroup
from manim.constants import DEFAULT_MOBJECT_TO_MOBJECT_BUFFER

from scenes.kit.linalg import eigen_arrow, sign_color
from scenes.kit.look import SMALL_SIZE, words

#: The eigen-direction colour code in the order the lecture explains it: the way out first.
SIGN_ROWS = ((-1, "kit.sign_negative"), (1, "kit.sign_positive"), (0, "kit.sign_zero"))


def legend_row(marker, label, buff: float = DEFAULT_MOBJECT_TO_MOBJECT_BUFFER) -> VGroup:
    return VGroup(marker, label).arrange(RIGHT, buff=buff)


def sign_legend(arrows: bool = True, size: int = SMALL_SIZE) -> list[VGroup]:
    """A row per sign of λ: a short arrow in its colour and what it means, or (arrows=False, where the picture's
    arrows are already on screen) the meaning written in that colour."""
    if not arrows:
        return [words(key, size, color=sign_color(sign)) for sign, key in SIGN_ROWS]
    return [legend_row(eigen_arrow(LEFT * 0.25, RIGHT * 0.25, sign, width=4, tip=0.25), words(key, size))
            for sign, key in SIGN_ROWS]
