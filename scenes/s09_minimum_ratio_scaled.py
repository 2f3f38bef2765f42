"""Storyboard part 9, continued: the minimum ratio at scale (`saddle study-scaled`): the largest network's
eigenvalue density from Lanczos, then the minimum ratio of every network against its parameter count beside the
lecture's band, and what the data say about it."""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Axes,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    LaggedStart,
    Line,
    MathTex,
    Rectangle,
    VGroup,
)

from mathcore.story.s09_minimum_ratio_scaled import (
    CRITICAL_GRADIENT,
    DensityBars,
    ScaledRatioData,
    minimum_ratio_scaled_plot,
)
from scenes.kit.lecture_scene import LectureScene, stacked
from scenes.kit.legend import legend_row
from scenes.kit.look import NUMBER_SIZE, SMALL_SIZE, THEME, grouped, listed, words
from scenes.s09_minimum_ratio import kind_colour, short


def side_by_side(parameters: np.ndarray) -> list[float]:
    """log10 of each network's size, the seeds of one size a little apart so that none hides another."""
    seen: dict[int, int] = {}
    places = []
    for size in parameters:
        index = seen[size] = seen.get(size, -1) + 1
        places.append(float(np.log10(size)) + 0.06 * (index - 1))
    return places


def decades(axes: Axes) -> VGroup:
    """Ticks and labels at 10³, 10⁴, 10⁵ on a log10 size axis that starts half a decade early (its own ticks would
    fall on the half decades)."""
    return VGroup(*(VGroup(Line(UP * 0.08, DOWN * 0.08, color=THEME.muted).move_to(axes.c2p(k, 0)),
                           MathTex(f"10^{{{k}}}", font_size=NUMBER_SIZE, color=THEME.muted).next_to(
                               axes.c2p(k, 0), DOWN, buff=0.12)) for k in (3, 4, 5)))


class MinimumRatioScaled(LectureScene):
    """The same question at 10³–10⁵ parameters: one spectrum too big to diagonalise, then the ratio by size."""

    spectrum_size = (5.6, 2.2)  # bars: width × height of the tallest possible bar (mass 1)
    floor_decades = 5  # bar heights are log10(mass) from 10⁻⁵ to 1
    plot_size = (4.4, 2.6)
    tick_spacing = 1.5
    dot_radius = 0.07
    loose_bracket = 0.2  # a Lanczos ratio bracket wider than this is said to be loose
    gradient_decades = (-13, -1)  # the ‖∇L‖ axis, log10

    def construct(self):
        data = minimum_ratio_scaled_plot()
        largest = data.largest

        # Section: the question and the networks
        self.show_title("mrs.title")
        low, high = data.parameter_range
        gradient_axes, gradient_labels = self.gradient_axes(data)
        stopped, converged = self.gradient_dots(data, gradient_axes)
        self.say("mrs.intro_said", Create(gradient_axes), FadeIn(gradient_labels),
                 LaggedStart(*(FadeIn(dot, scale=1.5) for dot in stopped), lag_ratio=0.1),
                 networks=data.networks, low=grouped(low), high=grouped(high), datasets=listed(list(data.datasets)))
        self.say_convergence(data, *(dot.animate.move_to(target).set_color(THEME.theta)
                                     for dot, target in zip(stopped, converged)))

        # Section: the largest network's spectrum, through Hessian-vector products only
        spectrum = self.spectrum(largest).to_corner(UP + LEFT, buff=0.5).shift(DOWN * 1.1)
        self.play(FadeOut(gradient_axes, gradient_labels, *stopped))
        self.say("mrs.spectrum_said", FadeIn(spectrum, shift=UP * 0.2), parameters=grouped(largest.parameters))
        self.say(self.negatives_key(largest), negative=largest.negative, lowest=f"{largest.lowest:.2g}",
                 tolerance=f"{largest.tolerance:.1g}")

        # Section: exact and Lanczos side by side where both fit
        agreement = words("mrs.agreement", SMALL_SIZE, self.agreement_fields(data), color=THEME.muted)
        agreement.scale_to_fit_width(min(agreement.width, self.spectrum_size[0] + 0.7))
        agreement.next_to(spectrum, DOWN, buff=0.35).align_to(spectrum, LEFT)
        self.say("mrs.agreement_said", FadeIn(agreement), **self.agreement_fields(data))

        # Section: the minimum ratio against size, and the verdict
        axes, decorations = self.ratio_axes(data)
        self.play(Create(axes), FadeIn(decorations))
        marks = self.ratio_marks(data, axes)
        self.say("mrs.ratio_said", LaggedStart(*(FadeIn(mark, scale=1.5) for mark in marks), lag_ratio=0.3),
                 low=f"{data.ratios.min():.2f}", high=f"{data.ratios.max():.2f}")
        widest = int(np.argmax(data.ratio_high - data.ratio_low))
        if data.ratio_high[widest] - data.ratio_low[widest] > self.loose_bracket:
            self.say("mrs.loose_said", low=f"{data.ratio_low[widest]:.2f}", high=f"{data.ratio_high[widest]:.2f}")
        self.verdict(data)
        self.wait(1)

    @staticmethod
    def negatives_key(bars: DensityBars) -> str:
        """What Lanczos can say about eigenvalues below −τ: how many, at least how many, or that it cannot tell."""
        if bars.negative_resolved:
            return "mrs.negatives_said" if bars.negative else "mrs.no_negatives_said"
        return "mrs.negatives_at_least_said" if bars.negative else "mrs.negatives_unknown_said"

    def say_convergence(self, data: ScaledRatioData, *animations) -> None:
        """How close to a critical point the networks got: all there, some, or none (named by their sizes)."""
        (low, high), (near_low, near_high) = data.critical_gradient_range, data.near_gradient_range
        near = data.networks - data.at_critical
        if not near:
            self.say("mrs.converged_said", *animations, low=short(low), high=short(high))
        elif data.at_critical:
            self.say("mrs.converged_partly_said", *animations, critical=data.at_critical, networks=data.networks,
                     low=short(low), high=short(high), near=near,
                     sizes=listed([grouped(size) for size in data.near_sizes]), near_low=short(near_low),
                     near_high=short(near_high))
        else:
            self.say("mrs.converged_none_said", *animations, low=short(near_low), high=short(near_high))

    def gradient_axes(self, data: ScaledRatioData) -> tuple[Axes, VGroup]:
        """log10 ‖∇L‖ (up) against log10 of the parameter count, with the line below which a point is critical."""
        bottom, top = self.gradient_decades  # drawn as decades above the bottom, so the size axis sits low
        axes = Axes(x_range=[2.5, 5.5, 1], y_range=[0, top - bottom, 2], x_length=6.5, y_length=4.2, tips=False,
                    axis_config={"color": THEME.muted}, x_axis_config={"include_ticks": False})
        axes.shift(DOWN * 0.3 + LEFT * 1.2)
        x_labels = decades(axes)
        y_labels = VGroup(*(MathTex(f"10^{{{k}}}", font_size=NUMBER_SIZE, color=THEME.muted).next_to(
            axes.c2p(2.5, k - bottom), LEFT, buff=0.12) for k in range(bottom + 1, top + 1, 4)))
        size_label = words("mrs.axis_parameters", SMALL_SIZE).next_to(x_labels, DOWN, buff=0.15)
        norm_label = MathTex(r"\|\nabla L\|", font_size=NUMBER_SIZE).next_to(axes.y_axis, UP, buff=0.15)
        level = np.log10(CRITICAL_GRADIENT) - bottom
        line = DashedLine(axes.c2p(2.5, level), axes.c2p(5.5, level), color=THEME.theta, stroke_width=2)
        line_label = words("mrs.critical_line", SMALL_SIZE, color=THEME.theta).next_to(line, RIGHT, buff=0.15)
        legend = stacked(*(legend_row(Dot(radius=self.dot_radius, color=colour), words(key, SMALL_SIZE), buff=0.15)
                           for colour, key in ((THEME.muted, "mrs.stopped_label"),
                                               (THEME.theta, "mrs.converged_label"))), buff=0.1)
        legend.next_to(axes, RIGHT, buff=0.4).align_to(axes, UP)
        return axes, VGroup(x_labels, y_labels, size_label, norm_label, line, line_label, legend)

    def gradient_dots(self, data: ScaledRatioData, axes: Axes) -> tuple[list[Dot], list[np.ndarray]]:
        """A dot per network where Adam stopped, and where Newton left it (side by side at one size)."""
        bottom, top = self.gradient_decades

        def at(x: float, gradient: float) -> np.ndarray:
            return axes.c2p(x, np.clip(np.log10(gradient), bottom, top) - bottom)

        places = list(zip(side_by_side(data.parameters), data.stopped_gradients, data.gradients))
        return ([Dot(at(x, stopped), radius=self.dot_radius, color=THEME.muted) for x, stopped, _ in places],
                [at(x, converged) for x, _, converged in places])

    @staticmethod
    def agreement_fields(data: ScaledRatioData) -> dict:
        # the file keeps 7 significant digits: a smaller difference than 1e-7 is not there to be seen
        return {"compared": data.compared, "top": short(data.top_gap) if data.top_gap >= 1e-7 else "< 1e-7",
                "gap": f"{100 * data.fraction_gap:.1f}"}

    def spectrum(self, bars: DensityBars) -> VGroup:
        """Bars on the signed log axis, heights log10(mass) above 10⁻⁵, coloured by kind, with ticks."""
        width, height = self.spectrum_size
        low, high = bars.left_edges[0], bars.right_edges[-1]
        scale = width / (high - low)
        baseline = Line(LEFT * width / 2, RIGHT * width / 2, color=THEME.muted, stroke_width=2)
        drawn = VGroup()
        for left, right, mass, kind in zip(bars.left_edges, bars.right_edges, bars.masses, bars.kinds):
            decades = np.log10(mass) + self.floor_decades if mass > 0 else 0.0
            if decades > 0:
                bar = Rectangle(width=(right - left) * scale * 0.92, height=height * decades / self.floor_decades,
                                fill_color=kind_colour(kind), fill_opacity=0.85, stroke_width=0)
                drawn.add(bar.move_to(baseline.get_left() + RIGHT * ((left + right) / 2 - low) * scale,
                                      aligned_edge=DOWN))
        ticks = VGroup()
        for position, text in self.spaced_ticks(bars):
            ticks.add(MathTex(text, font_size=NUMBER_SIZE, color=THEME.muted).next_to(
                baseline.get_left() + RIGHT * (position - low) * scale, DOWN, buff=0.08))
        scale_bar = VGroup(*(MathTex(label, font_size=NUMBER_SIZE, color=THEME.muted).move_to(
            baseline.get_left() + LEFT * 0.35 + UP * height * level / self.floor_decades)
            for level, label in ((self.floor_decades, "1"), (self.floor_decades - 2, "10^{-2}"),
                                 (self.floor_decades - 4, "10^{-4}"))))
        title = words("mrs.spectrum_title", SMALL_SIZE, {"parameters": grouped(bars.parameters)},
                      color=THEME.hessian)
        legend = VGroup(*(words(f"mr.legend_{kind}", SMALL_SIZE, color=kind_colour(kind))
                          for kind in ("negative", "near_zero", "positive"))).arrange(RIGHT, buff=0.35)
        return stacked(title, VGroup(drawn, baseline, ticks, scale_bar), legend, buff=0.2)

    def spaced_ticks(self, bars: DensityBars) -> list[tuple[float, str]]:
        """0, then outwards on each side every tick at least tick_spacing from the last one kept."""
        kept = []
        for side in (1, -1):
            last = 0.0
            for position, text in sorted(zip(bars.tick_positions, bars.tick_latex), key=lambda t: side * t[0]):
                if side * position > 0 and side * (position - last) >= self.tick_spacing:
                    kept.append((float(position), text))
                    last = position
        return [(0.0, "0"), *kept]

    def ratio_axes(self, data: ScaledRatioData) -> tuple[Axes, VGroup]:
        """Minimum ratio (0–1, up) against log10 of the parameter count (across), with the lecture's band."""
        width, height = self.plot_size
        axes = Axes(x_range=[2.5, 5.5, 1], y_range=[0, 1, 0.2], x_length=width, y_length=height, tips=False,
                    axis_config={"color": THEME.muted, "font_size": NUMBER_SIZE},
                    x_axis_config={"include_ticks": False},
                    y_axis_config={"include_numbers": True, "decimal_number_config": {"num_decimal_places": 1}})
        axes.to_edge(RIGHT, buff=1.5).shift(UP * 0.95)
        labels = decades(axes)
        size_label = words("mrs.axis_parameters", SMALL_SIZE).next_to(labels, DOWN, buff=0.15)
        ratio_label = words("mr.axis_ratio", SMALL_SIZE).next_to(axes.y_axis, UP, buff=0.15)
        band_low, band_high = data.lecture_band
        band = Rectangle(width=width, height=(band_high - band_low) * height, stroke_width=0,
                         fill_color=THEME.muted, fill_opacity=0.18).move_to(axes.c2p(4, (band_low + band_high) / 2))
        band_label = words("mr.lecture_band", SMALL_SIZE, color=THEME.muted).next_to(band, RIGHT, buff=0.15)
        rows = [(Dot(radius=self.dot_radius, color=THEME.theta), "mrs.exact_label"),
                (VGroup(Line(UP * 0.15, DOWN * 0.15, color=THEME.positive, stroke_width=3),
                        Dot(radius=self.dot_radius, color=THEME.positive)), "mrs.lanczos_label")]
        if not data.critical.all():
            rows.append((self.hollow(Dot(radius=self.dot_radius, color=THEME.muted)), "mrs.near_label"))
        legend = stacked(*(legend_row(marker, words(key, SMALL_SIZE), buff=0.15) for marker, key in rows), buff=0.1)
        legend.next_to(size_label, DOWN, buff=0.3).align_to(axes, LEFT)
        return axes, VGroup(band, band_label, labels, size_label, ratio_label, legend)

    def ratio_marks(self, data: ScaledRatioData, axes: Axes) -> list[VGroup]:
        """One dot per network (side by side at one size); Lanczos dots carry SLQ's bracket as an error bar."""
        marks = []
        for x, ratio, low, high, exact, critical in zip(side_by_side(data.parameters), data.ratios, data.ratio_low,
                                                        data.ratio_high, data.exact, data.critical):
            colour = THEME.theta if exact else THEME.positive
            dot = Dot(axes.c2p(x, ratio), radius=self.dot_radius, color=colour)
            mark = VGroup(dot if critical else self.hollow(dot))
            if not exact:
                mark.add(Line(axes.c2p(x, low), axes.c2p(x, high), color=colour, stroke_width=3))
            marks.append(mark)
        return marks

    @staticmethod
    def hollow(dot: Dot) -> Dot:
        """A network only near a critical point: the dot's outline, its ratio measured where Newton stopped."""
        return dot.set_fill(opacity=0).set_stroke(dot.get_color(), width=2.5, opacity=1)

    def verdict(self, data: ScaledRatioData) -> None:
        """What the ratio plot says, decided by the data: in the lecture's band or not, minima or saddles."""
        agrees = 2 * data.in_lecture_band > data.networks and data.minima == 0
        fields = {"inside": data.in_lecture_band, "networks": data.networks, "minima": data.minima,
                  "saddles": data.saddles, "unsure": data.networks - data.minima - data.saddles,
                  "largest": grouped(data.parameter_range[1])}
        key = "mrs.verdict_agrees" if agrees else "mrs.verdict_differs"
        text = words(key, SMALL_SIZE, fields).to_edge(DOWN, buff=0.25).to_edge(LEFT, buff=0.6)
        self.say(f"{key}_said", FadeIn(text), **fields)
