"""Storyboard part 8: more dimensions, more ways out — how rare an all-positive Hessian is, and how few of
the critical points of n double wells are minima."""

from __future__ import annotations

from typing import ClassVar

import numpy as np
from manim import (
    DEGREES,
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow3D,
    Axes,
    Circle,
    Create,
    DashedVMobject,
    Dot,
    Dot3D,
    FadeIn,
    FadeOut,
    GrowFromEdge,
    Indicate,
    LaggedStart,
    ManimColor,
    MathTex,
    Rectangle,
    ReplacementTransform,
    ThreeDAxes,
    VGroup,
    VMobject,
    Write,
    interpolate_color,
)

from mathcore.story.s08_dimensions import critical_point_count, random_hessians, slice_reveal
from scenes.kit.layout import plotted
from scenes.kit.lecture_scene import LectureScene, LectureScene3D, stacked
from scenes.kit.legend import legend_row
from scenes.kit.linalg import matrix, sign_color
from scenes.kit.look import BODY_SIZE, NUMBER_SIZE, SMALL_SIZE, THEME, grouped, words
from scenes.kit.maps import polyline, ten_to_the
from scenes.kit.surface import loss_surface


class SliceReveal(LectureScene3D):
    """A slice that shows a minimum; turning on the second dimension grows the saddle out of it."""

    side_view: ClassVar[dict] = {"phi": 90 * DEGREES, "theta": -90 * DEGREES}  # looking along y: only x and L are seen
    oblique_view: ClassVar[dict] = {"phi": 62 * DEGREES, "theta": -35 * DEGREES}

    def construct(self):
        data = slice_reveal()
        x0, x1, y0, y1 = data.box

        # Section: the slice, seen from the side
        self.set_camera_orientation(**self.side_view)
        title = self.show_title("slice.title")
        axes = ThreeDAxes(x_range=[x0, x1, 1], y_range=[y0, y1, 1], z_range=[-2.5, 2.5, 1], x_length=5.4,
                          y_length=5.4, z_length=3.6, axis_config={"color": THEME.muted, "include_ticks": False},
                          tips=False).shift(RIGHT * 2.0 + DOWN * 0.1)
        slice_curve = polyline(axes, data.eigen_curves[-1], THEME.loss, width=5, smooth=True)
        point = Dot3D(axes.c2p(*data.point, 0), radius=0.11, color=THEME.theta)
        formula = MathTex(data.slice_latex, font_size=36)
        guess = words("slice.looks_minimum", BODY_SIZE, color=THEME.positive)
        caption = stacked(formula, guess, buff=0.25).next_to(title, DOWN, aligned_edge=LEFT, buff=0.4)
        self.pin_unseen(caption)
        self.add(axes.get_x_axis(), axes.get_z_axis())
        self.say("slice.intro", Create(slice_curve), FadeIn(point), Write(formula), run_time=2)
        self.say("slice.minimum_said", FadeIn(guess))

        # Section: the second dimension grows the surface out of the curve
        folded = loss_surface(axes, data.slice_mesh, colorscale=THEME.surface, opacity=0.85)
        surface = loss_surface(axes, data.mesh, colorscale=THEME.surface, opacity=0.85)
        self.add(folded)
        verdict = words("slice.is_saddle", BODY_SIZE, color=THEME.negative)
        self.pin(verdict)
        verdict.move_to(guess, aligned_edge=LEFT)
        self.remove(verdict)
        self.move_camera(**self.oblique_view, added_anims=[Create(axes.get_y_axis())], run_time=2)
        self.say("slice.turn_on", ReplacementTransform(folded, surface), run_time=3)
        low, high = data.eigenvalue_latex
        self.say("slice.saddle_said", ReplacementTransform(guess, verdict), low=low, high=high)

        # Section: the eigen-directions say which way is up and which way is down
        arrows, labels = VGroup(), VGroup()
        for value, value_latex, vector, curve in zip(data.eigenvalues, data.eigenvalue_latex, data.eigenvectors,
                                                     data.eigen_curves):
            color = sign_color(value)
            arrows.add(polyline(axes, curve, color, width=6, smooth=True))
            arrows.add(Arrow3D(axes.c2p(*data.point, 0), axes.c2p(*(data.point + vector), 0), color=color))
            labels.add(words("slice.down" if value < 0 else "slice.up", SMALL_SIZE,
                              {"value": value_latex.replace("-", "\u2212")}, color=color))
        labels.arrange(DOWN, aligned_edge=LEFT, buff=0.2).next_to(caption, DOWN, aligned_edge=LEFT, buff=0.3)
        self.pin_unseen(labels)
        self.say("slice.directions_said", *(Create(a) for a in arrows), FadeIn(labels), low=low, high=high, run_time=2)
        self.wait(2)


class RandomHessians(LectureScene):
    """The fraction of random symmetric matrices with all eigenvalues positive, on a log axis, then one spectrum."""

    lowest_power = -20  # the y axis runs from 10^0 down to 10^lowest_power
    power_step = 4
    plot_size = (6.0, 4.7)

    def construct(self):
        data = random_hessians()
        samples, counted_samples = grouped(data.samples), grouped(data.count_samples)

        # Section: the question
        self.show_title("rh.title")
        example = self.example(data)
        self.say("rh.intro", FadeIn(example[0]))
        self.say("rh.question", FadeIn(example[1], shift=UP * 0.2))
        self.play(FadeOut(example))

        # Section: count, as long as counting finds anything
        axes, labels = self.log_axes(data)
        self.play(Create(axes), FadeIn(labels), run_time=1.5)
        counted = plotted(VGroup(*(Circle(radius=0.11, color=THEME.text, stroke_width=3).move_to(self.at(axes, n, p))
                                   for n, p in zip(data.counted_sizes, data.counted))))
        legend_counted = legend_row(Circle(radius=0.11, color=THEME.text, stroke_width=3),
                                    words("rh.legend_counted", SMALL_SIZE, {"samples": counted_samples}))
        legend = stacked(legend_counted).next_to(axes, RIGHT, buff=0.5).align_to(axes, UP)
        self.say("rh.counting", FadeIn(legend),
                 LaggedStart(*(FadeIn(c, scale=0.5) for c in counted[:2]), lag_ratio=0.5),
                 samples=counted_samples, two=grouped(int(data.counted_hits[1])))
        self.say("rh.counting_end", LaggedStart(*(FadeIn(c, scale=0.5) for c in counted[2:]), lag_ratio=0.4),
                 last=int(data.counted_sizes[-1]), hits=grouped(int(data.counted_hits[-1])), samples=counted_samples)

        # Section: importance sampling goes further
        sampled = VGroup(*(Dot(self.at(axes, n, p), radius=0.07, color=THEME.positive)
                           for n, p in zip(data.sizes, data.estimate)))
        legend_sampled = legend_row(Dot(radius=0.07, color=THEME.positive),
                                    words("rh.legend_sampled", SMALL_SIZE, {"samples": samples}))
        legend.add(legend_sampled.next_to(legend_counted, DOWN, aligned_edge=LEFT, buff=0.3))
        self.say("rh.sampling", FadeIn(legend_sampled), LaggedStart(*(FadeIn(d) for d in sampled), lag_ratio=0.2),
                 run_time=3)

        # Section: the theoretical trend
        sizes = np.linspace(data.sizes[0], data.sizes[-1], 100)
        trend_values = np.exp(-data.theta * sizes**2 + data.trend_slope * sizes + data.trend_intercept)
        trend = plotted(DashedVMobject(VMobject(color=THEME.loss, stroke_width=3).set_points_smoothly(
            [self.at(axes, n, p) for n, p in zip(sizes, trend_values)]), num_dashes=40))
        formula = MathTex(data.trend_latex, color=THEME.loss)
        theta = MathTex(rf"\theta = {data.theta_latex} \approx {data.theta:.3f}", font_size=36)
        notes = stacked(words("rh.legend_trend", SMALL_SIZE), words("rh.legend_fit", SMALL_SIZE, color=THEME.muted),
                        buff=0.15)
        explanation = stacked(formula, theta, notes, buff=0.25).next_to(legend, DOWN, aligned_edge=LEFT, buff=0.6)
        self.say("rh.trend", Create(trend), Write(formula), FadeIn(theta), FadeIn(notes), run_time=3)
        self.say("rh.conclusion", size=int(data.sizes[-1]), one_in=ten_to_the(data.rarity_power))
        self.play(FadeOut(VGroup(axes, labels, counted, sampled, trend, legend, explanation)))

        # Section: one big random matrix, eigenvalues of both signs
        self.spectrum(data)

    def at(self, axes: Axes, size: float, fraction: float):
        """The point of (N, fraction) on the log axes; their y coordinate counts decades above the bottom."""
        return axes.c2p(size, np.log10(fraction) - self.lowest_power + 0.5)

    def log_axes(self, data) -> tuple[Axes, VGroup]:
        """N to the right, the fraction up on a log scale, ticks labelled 10^k, the N axis at the bottom."""
        axes = Axes(x_range=[0, data.sizes[-1] + 0.5, 1], y_range=[0, 1 - self.lowest_power, self.power_step],
                    x_length=self.plot_size[0], y_length=self.plot_size[1], tips=False,
                    axis_config={"color": THEME.muted}, y_axis_config={"include_ticks": False},
                    x_axis_config={"numbers_to_include": range(2, int(data.sizes[-1]) + 1, 2),
                                   "font_size": NUMBER_SIZE},
                    ).to_edge(LEFT, buff=1.1).shift(DOWN * 0.15)
        powers = VGroup(*(MathTex(f"10^{{{k}}}", font_size=NUMBER_SIZE).next_to(self.at(axes, 1, 10.0**k), LEFT,
                                                                             buff=0.15)
                          .set_x(axes.get_left()[0] - 0.45) for k in range(0, self.lowest_power - 1, -self.power_step)))
        x_label = words("rh.axis_n", SMALL_SIZE).next_to(axes.x_axis, DOWN, buff=0.4)
        y_label = words("rh.axis_p", SMALL_SIZE).next_to(axes, UP, buff=0.2).align_to(axes, LEFT)
        return axes, VGroup(powers, x_label, y_label)

    def example(self, data) -> VGroup:
        """One random symmetric matrix (Hessian red) and its eigenvalues coloured by sign."""
        entries = [[f"{v:.1f}" for v in row] for row in data.example]
        hessian = VGroup(MathTex("H =", color=THEME.hessian), matrix(entries, THEME.hessian, h_buff=1.1)).arrange(RIGHT)
        values = VGroup(MathTex(r"\lambda:"), *(MathTex(f"{v:.2f}", color=sign_color(v))
                                                for v in data.example_eigenvalues)).arrange(RIGHT, buff=0.5)
        return VGroup(hessian, values).arrange(DOWN, buff=0.6).scale(0.85).shift(DOWN * 0.3)

    def spectrum(self, data) -> None:
        """The eigenvalues of one large GOE matrix as a histogram over Wigner's semicircle, coloured by sign."""
        size = data.histogram_size
        top = float(data.bin_counts.max()) * 1.2
        axes = Axes(x_range=[-2.2, 2.2, 1], y_range=[0, top, top], x_length=9, y_length=4.2, tips=False,
                    axis_config={"color": THEME.muted},
                    x_axis_config={"numbers_to_include": [-2, -1, 0, 1, 2], "font_size": NUMBER_SIZE},
                    y_axis_config={"stroke_opacity": 0}).shift(DOWN * 0.6)
        x_label = words("rh.axis_lambda", SMALL_SIZE).next_to(axes.x_axis, DOWN, buff=0.45)
        self.say("rh.histogram_intro", Create(axes), FadeIn(x_label), size=size)
        bars = VGroup()
        for left, right, count in zip(data.bin_edges[:-1], data.bin_edges[1:], data.bin_counts):
            color = sign_color((left + right) / 2)
            corner, far = axes.c2p(left, 0), axes.c2p(right, count)
            bar = Rectangle(width=far[0] - corner[0], height=max(far[1] - corner[1], 1e-3), stroke_width=1,
                            stroke_color=THEME.background, fill_color=color, fill_opacity=0.85)
            bars.add(plotted(bar.move_to((corner + far) / 2)))
        curve = polyline(axes, np.column_stack([data.semicircle_x, data.semicircle_density]), THEME.text, 3,
                         smooth=True)
        self.play(LaggedStart(*(GrowFromEdge(bar, DOWN) for bar in bars), lag_ratio=0.08), run_time=2.5)
        self.say("rh.semicircle", Create(curve))
        count = words("rh.negative_count", BODY_SIZE, {"negative": data.negative_count, "size": size},
                      color=THEME.negative).next_to(axes, UP, buff=0.3)
        self.say("rh.half_said", Write(count), negative=data.negative_count, size=size)
        self.wait(1)


def index_color(index: int, dimension: int):
    """Index 0 (every eigenvalue positive) in the positive colour, index n (every one negative) in the negative."""
    return interpolate_color(ManimColor(THEME.positive), ManimColor(THEME.negative), index / max(dimension, 1))


class CriticalPointCount(LectureScene):
    """The critical points of n double wells, counted by the analysis itself: 3ⁿ points, 2ⁿ minima, the rest saddles."""

    chart_size = (5.4, 3.6)
    bar_width = 0.5

    def construct(self):
        data = critical_point_count()
        self.show_title("cpc.title")

        # Section: one well, three critical points
        well, well_formula = self.well(data)
        self.say("cpc.one_well", Create(well[0]), Write(well_formula), LaggedStart(*(FadeIn(d) for d in well[1]),
                                                                                 lag_ratio=0.3), run_time=2)
        formula = MathTex(f"L = {data.loss_latex}").next_to(well, DOWN, buff=0.35).align_to(well, LEFT)
        self.say("cpc.sum", Write(formula))

        # Section: the table of counts, by kind
        table = self.table(data).next_to(formula, DOWN, buff=0.35).align_to(well, LEFT)
        rows = table[1:]
        self.say("cpc.table", FadeIn(table[0]), LaggedStart(*(FadeIn(r, shift=RIGHT * 0.2) for r in rows),
                                                            lag_ratio=0.25), run_time=2.5,
                 three=int(data.points[2]), six=grouped(int(data.points[-1])))
        self.say("cpc.minima", *(Indicate(row[2], color=THEME.positive) for row in rows))

        # Section: the share of every index, n = 1 … 6
        axes, labels, bars, totals = self.chart(data)
        legend = self.legend().next_to(labels[0], DOWN, buff=0.3).align_to(axes, LEFT)
        self.play(Create(axes), FadeIn(labels), run_time=1)
        last = int(data.dimensions[-1])
        self.say("cpc.bars", LaggedStart(*(GrowFromEdge(bar, DOWN) for bar in bars), lag_ratio=0.15),
                 FadeIn(totals), FadeIn(legend), run_time=3, n=last,
                 share=f"{100 * data.minima[-1] / data.points[-1]:.0f}%")
        self.say("cpc.conclusion", Indicate(rows[-1][3], color=index_color(1, 2)),
                 saddles=int(data.saddles[-1]), points=int(data.points[-1]))
        self.wait(1)

    def well(self, data) -> tuple[VGroup, MathTex]:
        """(x² − 1)² with its three critical points coloured by kind."""
        axes = Axes(x_range=[-1.6, 1.6, 1], y_range=[0, 2.6, 1], x_length=3.6, y_length=1.6, tips=False,
                    axis_config={"color": THEME.muted, "include_ticks": False})
        curve = plotted(VMobject(color=THEME.loss, stroke_width=4).set_points_smoothly(
            [axes.c2p(x, y) for x, y in zip(data.well_x, data.well_y)]))
        dots = VGroup(*(Dot(axes.c2p(x, float((x * x - 1) ** 2)), radius=0.09,
                            color=THEME.positive if kind == "minimum" else THEME.negative)
                        for x, kind in zip(data.well_points, data.well_kinds)))
        group = VGroup(VGroup(axes, curve), dots).to_corner(UP + LEFT, buff=0.4).shift(DOWN * 0.9 + RIGHT * 0.2)
        label = MathTex(data.well_latex, font_size=34).next_to(axes, RIGHT, buff=0.3).align_to(axes, UP)
        return group, label

    def table(self, data) -> VGroup:
        """n, the number of critical points, and how many are minima, saddles and maxima."""
        colors = (THEME.text, THEME.text, THEME.positive, index_color(1, 2), THEME.negative)  # as in the bars
        keys = ("cpc.n", "cpc.points", "cpc.minimum", "cpc.saddle", "cpc.maximum")
        widths = (0.5, 1.35, 1.45, 1.45, 1.45)
        header = VGroup(*(words(key, SMALL_SIZE, color=color) for key, color in zip(keys, colors)))
        lines = [header]
        for n, points, minima, saddles, maxima in zip(data.dimensions, data.points, data.minima, data.saddles,
                                                      data.maxima):
            lines.append(VGroup(*(MathTex(str(int(v)), font_size=NUMBER_SIZE, color=color)
                                  for v, color in zip((n, points, minima, saddles, maxima), colors))))
        for line in lines:
            x = 0.0
            for cell, width in zip(line, widths):
                cell.move_to([x + width - cell.width / 2, 0, 0])  # right-aligned columns
                x += width
        return VGroup(*lines).arrange(DOWN, buff=0.16, aligned_edge=RIGHT)

    def chart(self, data) -> tuple[Axes, VGroup, VGroup, VGroup]:
        """One bar per n, stacked by index from 0 (minima, bottom) to n (the maximum, top)."""
        last = int(data.dimensions[-1])
        axes = Axes(x_range=[0.4, last + 0.6, 1], y_range=[0, 1, 0.25], x_length=self.chart_size[0],
                    y_length=self.chart_size[1], tips=False,
                    axis_config={"color": THEME.muted, "font_size": NUMBER_SIZE},
                    x_axis_config={"numbers_to_include": list(range(1, last + 1))},
                    y_axis_config={"numbers_to_include": [0, 0.5, 1]}).to_edge(RIGHT, buff=0.5).shift(UP * 0.45)
        labels = VGroup(words("cpc.axis_n", SMALL_SIZE).next_to(axes.x_axis, DOWN, buff=0.4),
                        words("cpc.axis_share", SMALL_SIZE).next_to(axes, UP, buff=0.25).align_to(axes, LEFT))
        bars, totals = VGroup(), VGroup()
        for n, row, total in zip(data.dimensions, data.by_index, data.points):
            bottom, bar = 0.0, VGroup()
            for index, count in enumerate(row[: n + 1]):
                share = count / total
                low, high = axes.c2p(n - self.bar_width / 2, bottom), axes.c2p(n + self.bar_width / 2, bottom + share)
                bar.add(plotted(Rectangle(width=high[0] - low[0], height=max(high[1] - low[1], 1e-3), stroke_width=1,
                                  stroke_color=THEME.background, fill_color=index_color(index, int(n)),
                                  fill_opacity=0.9).move_to((low + high) / 2)))
                bottom += share
            bars.add(bar)
            totals.add(MathTex(str(int(total)), font_size=NUMBER_SIZE).next_to(axes.c2p(n, 1), UP, buff=0.12))
        return axes, labels, bars, totals

    def legend(self) -> VGroup:
        """The two ends of the colour ramp of the bars, and what an index is."""
        ends = [legend_row(Rectangle(width=0.3, height=0.25, stroke_width=0, fill_color=index_color(k, 1),
                                     fill_opacity=0.9), words(key, SMALL_SIZE), buff=0.15)
                for k, key in ((0, "cpc.index_low"), (1, "cpc.index_high"))]
        return stacked(*ends, words("cpc.index_meaning", SMALL_SIZE, color=THEME.muted), buff=0.12)
