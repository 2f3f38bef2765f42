"""Flat maps of a two-parameter loss, and optimiser paths traced over them with live readouts.

Why a map: paths, eigen-directions and the stable manifold are easiest to read from above; a 2-D scene is also
far cheaper to render than a 3-D surface. The map is coloured with the same scale as the 3-D surfaces."""

from __future__ import annotations

import math

import numpy as np
from manim import (
    DOWN,
    RIGHT,
    Axes,
    DashedLine,
    Dot,
    ManimColor,
    MathTex,
    Text,
    ValueTracker,
    VGroup,
    VMobject,
    color_gradient,
)

from mathcore.bands import MAP_CELLS, MAP_LEVELS, Band, filled_bands
from mathcore.loss import Loss, box_bounds
from mathcore.trajectories import Trajectory
from scenes.kit.layout import as_text, attach, plotted
from scenes.kit.look import NUMBER_SIZE, SMALL_SIZE, THEME, words

MAP_OPACITY = 0.6


def map_axes(box, side: float = 5.6, numbers: bool = True) -> Axes:
    """Square axes over the box (equal scale on both axes, so directions look right)."""
    (x0, x1), (y0, y1) = box_bounds(box)
    scale = side / max(x1 - x0, y1 - y0)
    step = max(1, round((x1 - x0) / 4))
    return Axes(x_range=[x0, x1, step], y_range=[y0, y1, step], x_length=scale * (x1 - x0),
                y_length=scale * (y1 - y0), tips=False,
                axis_config={"color": THEME.muted, "include_numbers": numbers, "font_size": NUMBER_SIZE})


def heat_map(axes: Axes, loss: Loss, box, cells: int = MAP_CELLS, levels: int = MAP_LEVELS,
             opacity: float = MAP_OPACITY) -> VGroup:
    """A filled contour map behind the axes: one flat polygon per band of `mathcore.bands.filled_bands` (levels
    even in log(1 + L − min L)), coloured along the surface colour scale. Not an ImageMobject: manim 0.21's Cairo
    camera cannot paste one with Pillow ≥ 11."""
    return band_map(axes.c2p, filled_bands(loss, box, cells, levels), opacity)


def band_map(place, bands: tuple[Band, ...], opacity: float = MAP_OPACITY) -> VGroup:
    """Bands (mathcore.bands) as flat polygons, band i in the i-th of len(bands) colours along the surface colour
    scale, blended with the background; `place(x, y)` puts a point of the loss's plane on screen."""
    background = ManimColor(THEME.background)
    scale = color_gradient([ManimColor(c) for c in THEME.surface], len(bands))
    colors = [background.interpolate(c, opacity) for c in scale]
    tiles = VGroup()
    for band in bands:
        color = colors[band.index]  # opaque, blended with the background; the stroke closes seams between bands
        shape = VMobject(stroke_width=1, stroke_color=color, fill_opacity=1, fill_color=color)
        for ring in band.rings:
            corners = [place(*point) for point in ring]
            shape.start_new_path(corners[0])
            shape.add_points_as_corners([*corners[1:], corners[0]])
        tiles.add(shape)
    return plotted(tiles)


def thinned(points, most: int) -> np.ndarray:
    """About `most` of the points, evenly spaced, always ending on the last: enough for a smooth curve."""
    points = np.asarray(points, dtype=float)
    kept = points[:: max(1, len(points) // most)]
    return kept if (len(points) - 1) % max(1, len(points) // most) == 0 else np.vstack([kept, points[-1:]])


def polyline(axes, points, color, width: float = 4, smooth: bool = False, most: int | None = None,
             opacity: float = 1.0) -> VMobject:
    """A curve through points given in the axes' coordinates (x, y or x, y, z): straight pieces, or a smooth
    curve through about `most` of them."""
    curve = VMobject(color=color, stroke_width=width, stroke_opacity=opacity)
    placed = [axes.c2p(*p) for p in (thinned(points, most) if most else points)]
    return plotted(curve.set_points_smoothly(placed) if smooth else curve.set_points_as_corners(placed))


def ten_to_the(exponent: int) -> str:
    """10⁷ or 10⁻¹⁰ as running text writes it."""
    return "10" + str(exponent).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))


def power_of_ten(value: float) -> str:
    """10⁷ for 1e7 and 10⁻¹⁰ for 1e-10, for numbers in running text; other numbers as they are."""
    exponent = round(math.log10(value))
    return ten_to_the(exponent) if math.isclose(10.0**exponent, value) else f"{value:,}"


def slow_start(t: float) -> float:
    """Rate function for a descent: the few big early steps take a fair share of the time, the long tail less."""
    return t**2.5


_GLYPHS: dict[tuple[str, float], tuple[VMobject, float]] = {}
_GAPS: dict[tuple[str, float], float] = {}


def _glyph(char: str, size: float) -> tuple[VMobject, float]:
    """One character of the lecture font, and how far its bottom sits above the baseline (a 0's bottom)."""
    if (char, size) not in _GLYPHS:
        reference, glyph = Text("0" + char, font_size=size)
        _GLYPHS[char, size] = glyph, glyph.get_bottom()[1] - reference.get_bottom()[1]
    return _GLYPHS[char, size]


def _gap(pair: str, size: float) -> float:
    """Space Pango leaves between the two glyphs of a pair (bearings and kerning)."""
    if (pair, size) not in _GAPS:
        first, second = Text(pair, font_size=size)
        _GAPS[pair, size] = second.get_left()[0] - first.get_right()[0]
    return _GAPS[pair, size]


def glyph_text(string: str, size: float, color) -> VGroup:
    """A number as text from cached glyphs, as manim's DecimalNumber does with digits: a readout rebuilt every
    frame costs a few copies instead of a Pango layout and an SVG parse (~20 ms each, most of a race's frame).
    Glyphs are spaced as Pango spaces each pair; a space advances by half a digit."""
    glyphs, right, previous = VGroup(), 0.0, ""
    for char in string:
        if char.isspace():
            right, previous = right + _glyph("0", size)[0].width / 2, ""
            continue
        shape, lift = _glyph(char, size)
        glyph = shape.copy().set_color(color)
        left = right + (_gap(previous + char, size) if previous else 0.0)
        glyph.shift(np.array([left - glyph.get_left()[0], lift - glyph.get_bottom()[1], 0.0]))
        glyphs.add(glyph)
        right, previous = glyph.get_right()[0], char
    return glyphs


class PathTracer:
    """A dot running along a trajectory, leaving a trail; `progress` (a ValueTracker) is the step index.

    Readouts (step, loss, gradient norm) follow the same tracker, so everything on screen shows the same step."""

    def __init__(self, axes: Axes, path: Trajectory, color, width: float = 4, radius: float = 0.08, dot_color=None):
        self.axes, self.path = axes, path
        self.progress = ValueTracker(0)
        self.dot = Dot(axes.c2p(*path.points[0]), radius=radius, color=dot_color or color)
        self.trail = plotted(VMobject(color=color, stroke_width=width))
        self.trail.add_updater(lambda trail: trail.set_points_as_corners(self._visited()))
        self.dot.add_updater(lambda dot: dot.move_to(self._visited()[-1]))

    @property
    def last(self) -> int:
        return len(self.path.points) - 1

    def _index(self) -> tuple[int, float]:
        position = float(np.clip(self.progress.get_value(), 0, self.last))
        index = min(int(position), max(self.last - 1, 0))
        return index, position - index

    def _visited(self) -> list[np.ndarray]:
        index, fraction = self._index()
        points = self.path.points
        if self.last == 0:
            return [self.axes.c2p(*points[0])] * 2
        head = (1 - fraction) * points[index] + fraction * points[index + 1]
        return [self.axes.c2p(*p) for p in points[: index + 1]] + [self.axes.c2p(*head)]

    def value_at(self, series: np.ndarray) -> float:
        index, fraction = self._index()
        if self.last == 0:
            return float(series[0])
        return float((1 - fraction) * series[index] + fraction * series[index + 1])

    def readout(self, label, series: np.ndarray | None = None, color=None, fmt: str = "{:.3f}",
                size: int = SMALL_SIZE + 6) -> VGroup:
        """`label = value` following the tracer: a series per step (or the step index), formatted with fmt (e.g.
        "{:.1e}" for a gradient norm falling to 1e-9). The value is rewritten in place every frame from cached
        glyphs (`glyph_text`), so it costs little and stays the same mobjects while an animation runs."""
        color = color or THEME.text
        label = MathTex(label, color=color, font_size=size * 1.3) if isinstance(label, str) else label
        values = np.arange(self.last + 1) if series is None else series

        def value_text():
            value = round(self.progress.get_value()) if series is None else self.value_at(series)
            return glyph_text(fmt.format(value), size, color).next_to(label, RIGHT, buff=0.2)

        def show(number: VGroup) -> VGroup:
            text = value_text()
            for index, slot in enumerate(number):
                slot.set_points(text[index].points if index < len(text) else np.zeros((0, 3)))
            return number

        width = max(len(fmt.format(value)) for value in values)
        number = VGroup(*(VMobject(fill_color=color, fill_opacity=1, stroke_width=0) for _ in range(width)))
        return VGroup(label, as_text(show(number).add_updater(show), size))

    def run(self, run_time: float, rate_func=None, until: int | None = None):
        """The animation of the tracer walking to step `until` (default: the end of its path; a path that
        stopped earlier waits at its end, so several tracers can share one clock)."""
        extra = {"rate_func": rate_func} if rate_func else {}
        return self.progress.animate(run_time=run_time, **extra).set_value(self.last if until is None else until)



def toy_map(axes: Axes, loss: Loss, box, variable_latex, valley_branches, manifold_latex: str) -> dict:
    """The toy loss from above: filled contours, axis labels, the valley of minima and the saddle's stable
    manifold w1 = −w2 (dashed, labelled). Returned by part so a scene can bring them in as it likes."""
    x0, x1 = box_bounds(box)[0]
    heat = heat_map(axes, loss, box)
    for axis in axes.get_axes():  # tick numbers lie on the map they measure
        if hasattr(axis, "numbers"):
            attach(axis.numbers, heat)
    manifold = plotted(DashedLine(axes.c2p(x0, -x0), axes.c2p(x1, -x1), color=THEME.muted, stroke_width=3))
    manifold_label = VGroup(words("kit.manifold", SMALL_SIZE, color=THEME.muted),
                            MathTex(manifold_latex, color=THEME.muted, font_size=NUMBER_SIZE)).arrange(DOWN, buff=0.1)
    manifold_label.add_background_rectangle(color=THEME.background, opacity=0.85, buff=0.08)
    half = (x1 - x0) / 2  # under the line's upper-left half, where no path from the lower right goes
    manifold_label.move_to(axes.c2p(-0.75 * half, 0.225 * half))
    return {
        "heat": heat,
        "labels": axes.get_axis_labels(MathTex(variable_latex[0]), MathTex(variable_latex[1])),
        "valley": VGroup(*(polyline(axes, branch, THEME.loss, smooth=True, most=30) for branch in valley_branches)),
        "manifold": manifold,
        "manifold_label": attach(manifold_label, heat, manifold),
    }
