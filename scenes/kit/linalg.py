"""Linear algebra in the colour code: bracketed matrices in the colour of what they are (g green, H red), and the
colours of eigen-directions (λ < 0 escape, λ > 0 uphill, λ = 0 flat) applied to eigenvalues, eigen-arrows,
eigen-pairs written out, values of vᵀHv, and curves whose colour follows the sign of the value they plot."""

from __future__ import annotations

import numpy as np
from manim import DOWN, Arrow, MathTex, Matrix, VGroup, VMobject

from scenes.kit.layout import plotted
from scenes.kit.look import THEME

#: |value| at or below this counts as zero when choosing a colour: the one notion of zero of every scene.
ZERO = 1e-9


def matrix(entries, color, h_buff: float = 2.0, v_buff: float = 0.8, corner=DOWN) -> Matrix:
    """A bracketed matrix (or column) of LaTeX entries with brackets in the colour of what it is (g green, H red);
    entries aligned on their `corner`."""
    tex = Matrix([list(row) for row in entries], h_buff=h_buff, v_buff=v_buff, element_alignment_corner=corner)
    tex.get_brackets().set_color(color)
    return tex


def sign_color(value: float) -> str:
    return THEME.negative if value < -ZERO else THEME.positive if value > ZERO else THEME.zero


def eigen_arrow(start, end, value: float, width: float = 6, tip: float = 0.2) -> Arrow:
    """An eigenvector drawn from start to end in the colour of its eigenvalue's sign."""
    return plotted(Arrow(start, end, buff=0, color=sign_color(value), stroke_width=width,
                         max_tip_length_to_length_ratio=tip))


def eigen_pair(index: int, value: float, value_latex: str, vector_latex: str | None = None, gap: str = r"\quad",
               **kwargs) -> MathTex:
    """λᵢ = value (and, given its LaTeX, uᵢ = vector after a gap) in the colour of the eigenvalue's sign."""
    parts = [rf"\lambda_{index} = {value_latex}"]
    if vector_latex is not None:
        parts += [rf",{gap}", rf"u_{index} = {vector_latex}"]
    return MathTex(*parts, color=sign_color(value), **kwargs)


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
    return plotted(pieces)
