"""Storyboard part 9: the lecture's closing evidence, re-done with our own study (`saddle study`): training
loss against minimum ratio, one dot per trained network, and one network's Hessian spectrum."""

from __future__ import annotations

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    AnimationGroup,
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
    Write,
)

from mathcore.story.s09_minimum_ratio import MinimumRatioData, SignedHistogram, minimum_ratio_plot
from scenes.kit.layout import plotted
from scenes.kit.lecture_scene import LectureScene, stacked
from scenes.kit.legend import legend_row
from scenes.kit.look import NUMBER_SIZE, SMALL_SIZE, THEME, listed, words

#: The theme colour of each kind of eigenvalue: the colour code of eigen-directions.
KIND_COLOURS = {"negative": "negative", "near_zero": "zero", "positive": "positive"}


def kind_colour(kind: str) -> str:
    return getattr(THEME, KIND_COLOURS[kind])


def short(value: float) -> str:
    """A gradient norm as 1e-16 style text: only its order of magnitude matters on screen."""
    return f"{value:.0e}".replace("e-0", "e-").replace("e+0", "e")


class MinimumRatio(LectureScene):
    """Dots appear network by network where Adam stopped, then move to the true critical points; one network's
    spectrum shows the three kinds of eigenvalue; the verdict compares with the lecture's plot."""

    plot_size = (4.8, 2.6)  # short enough for the dot legend to fit under the plot
    dot_radius = 0.06
    histogram_size = (5.0, 0.9)
    tick_spacing = 1.5  # fewest signed-log units between two labelled ticks
    appear_time = 4.0  # seconds for all dots to appear, one network after another

    def construct(self):
        data = minimum_ratio_plot()

        # Section: the experiment's axes and the definition of the ratio
        self.show_title("mr.title")
        axes, axes_labels = self.axes(data)
        self.say("mr.intro", Create(axes), FadeIn(axes_labels))
        definition = self.definition(data).to_corner(UP + RIGHT, buff=0.45).shift(DOWN * 0.6)
        self.say("mr.definition_said", Write(definition[0]))
        self.say("mr.tolerance_said", FadeIn(definition[1:]))

        # Section: the networks, where Adam stopped
        self.say("mr.setup_said", networks=data.networks, inputs=data.inputs,
                 widths=listed([str(width) for width in data.widths], "kit.choices"),
                 low=data.parameter_range[0], high=data.parameter_range[1], samples=data.samples)
        stopped = VGroup(*(Dot(axes.c2p(x, y), radius=self.dot_radius, color=THEME.muted)
                           for x, y in zip(data.stopped_ratios, data.stopped_losses)))
        low, high = data.stopped_gradient_range
        legend = self.dot_legend(data).next_to(axes_labels[-2], DOWN, buff=0.3).align_to(axes, LEFT)
        self.say("mr.stopped_said", LaggedStart(*(FadeIn(dot, scale=2) for dot in stopped), lag_ratio=0.6),
                 FadeIn(legend[0]), run_time=self.appear_time, low=short(low), high=short(high),
                 negative=data.stopped_with_negative, networks=data.networks)

        # Section: drive the gradient to zero
        converged = VGroup(*(Dot(axes.c2p(x, y), radius=self.dot_radius, color=THEME.theta)
                             for x, y in zip(data.ratios, data.losses)))
        moves = [dot.animate.move_to(target).set_color(THEME.theta) for dot, target in zip(stopped, converged)]
        self.say("mr.converged_said", LaggedStart(*moves, lag_ratio=0.05), FadeIn(legend[1]), run_time=3,
                 high=short(data.gradient_range[1]))

        # Section: one network's spectrum
        self.play(FadeOut(definition[1:]))
        spectra = self.spectra(data).next_to(definition[0], DOWN, buff=0.35).to_edge(RIGHT, buff=0.45)
        self.say("mr.histogram_said", FadeIn(spectra, shift=UP * 0.2),
                 before=data.example_stopped.counted.negative, after=data.example_converged.counted.negative)

        # Section: the near-zero band set aside, and the verdict
        aside = VGroup(*(Dot(axes.c2p(x, y), radius=self.dot_radius, fill_opacity=0, stroke_width=2,
                             color=THEME.positive) for x, y in zip(data.ratios_without_near_zero, data.losses)))
        ratios = sorted({f"{r:.2f}" for r in data.ratios_without_near_zero})
        self.say("mr.set_aside_said", AnimationGroup(*(FadeIn(ring, target_position=dot)
                                                       for ring, dot in zip(aside, stopped))),
                 FadeIn(legend[2]), ratio=listed(ratios[:3]))
        self.verdict(data, spectra, under=definition[0])
        self.wait(1)

    def definition(self, data: MinimumRatioData) -> VGroup:
        """minimum ratio = N₊ / (N₊ + N₋ + N₀) in the eigen-colours, the three counts and the tolerance τ."""
        formula = MathTex(data.ratio_latex, substrings_to_isolate=["N_{+}", "N_{0}", "N_{-}"], font_size=36)
        for symbol, kind in (("N_{+}", "positive"), ("N_{0}", "near_zero"), ("N_{-}", "negative")):
            formula.set_color_by_tex(symbol, kind_colour(kind))
        line = VGroup(words("mr.definition", SMALL_SIZE), formula).arrange(RIGHT, buff=0.2)
        counts = stacked(*(words(f"mr.legend_{kind}", SMALL_SIZE, color=kind_colour(kind))
                           for kind in ("positive", "near_zero", "negative")), buff=0.12)
        tolerance = MathTex(data.tolerance_latex, font_size=32, color=THEME.zero)
        return VGroup(line, stacked(counts, tolerance, buff=0.2)).arrange(DOWN, aligned_edge=LEFT, buff=0.3)

    def axes(self, data: MinimumRatioData) -> tuple[Axes, VGroup]:
        """Loss against ratio, as on the slide: ratio 0–1 across, training loss up from 0."""
        width, height = self.plot_size
        top = data.loss_axis_max
        axes = Axes(x_range=[0, 1, 0.2], y_range=[0, top, top / 5], x_length=width, y_length=height, tips=False,
                    axis_config={"color": THEME.muted, "include_numbers": True, "font_size": NUMBER_SIZE,
                                 "decimal_number_config": {"num_decimal_places": 1}})
        axes.to_edge(LEFT, buff=0.9).shift(UP * 0.75)
        ratio_label = words("mr.axis_ratio", SMALL_SIZE).next_to(axes.x_axis, DOWN, buff=0.45)
        loss_label = words("mr.axis_loss", SMALL_SIZE).next_to(axes.y_axis, UP, buff=0.15).shift(RIGHT * 0.5)
        toward = words("mr.more_minimum", SMALL_SIZE, color=THEME.positive).next_to(ratio_label, DOWN, buff=0.12)
        toward.align_to(axes.x_axis, RIGHT)
        one = DashedLine(axes.c2p(1, 0), axes.c2p(1, top), color=THEME.positive, stroke_width=2)
        low, high = data.lecture_band
        band = Rectangle(width=(high - low) * width, height=height, stroke_width=0, fill_color=THEME.muted,
                         fill_opacity=0.18).move_to(axes.c2p((low + high) / 2, top / 2))
        band_label = words("mr.lecture_band", SMALL_SIZE, color=THEME.muted).next_to(band, DOWN, buff=0.05)
        band_label.align_to(axes.c2p(0, 0.04 * top), DOWN)
        return axes, VGroup(band, band_label, ratio_label, loss_label, toward, one)  # `toward` is second to last

    def dot_legend(self, data: MinimumRatioData) -> VGroup:
        """One row per kind of mark, so a still frame (a slide) explains itself: stopped, converged, ring."""
        rows = []
        for key, colour, (_, high) in (("mr.stopped_label", THEME.muted, data.stopped_gradient_range),
                                       ("mr.converged_label", THEME.theta, data.gradient_range)):
            dot = Dot(radius=self.dot_radius * 1.3, color=colour)
            rows.append(legend_row(dot, words(key, SMALL_SIZE, {"high": short(high)}), buff=0.15))
        ring = Dot(radius=self.dot_radius * 1.3, fill_opacity=0, stroke_width=2, color=THEME.positive)
        rows.append(legend_row(ring, words("mr.aside_label", SMALL_SIZE), buff=0.15))
        return stacked(*rows, buff=0.15)

    def spectra(self, data: MinimumRatioData) -> VGroup:
        title = words("mr.histogram_title", SMALL_SIZE,
                      {"index": data.example_index + 1, "parameters": data.example_parameters}, color=THEME.hessian)
        panels = [self.histogram(histogram, key) for histogram, key in
                  ((data.example_stopped, "mr.histogram_stopped"), (data.example_converged, "mr.histogram_converged"))]
        return stacked(title, *panels, buff=0.25)

    def histogram(self, histogram: SignedHistogram, label_key: str) -> VGroup:
        """Bars on the signed log scale, coloured negative / near zero / positive, with decade ticks."""
        width, height = self.histogram_size
        low, high = histogram.left_edges[0], histogram.right_edges[-1]
        scale = width / (high - low)
        tallest = max(histogram.counts.max(), 1)
        baseline = Line(LEFT * width / 2, RIGHT * width / 2, color=THEME.muted, stroke_width=2)
        bars = VGroup()
        for left, right, count, kind in zip(histogram.left_edges, histogram.right_edges, histogram.counts,
                                            histogram.kinds):
            if count:
                bar = Rectangle(width=(right - left) * scale * 0.92, height=height * count / tallest,
                                fill_color=kind_colour(kind), fill_opacity=0.85, stroke_width=0)
                bars.add(plotted(bar.move_to(baseline.get_left() + RIGHT * ((left + right) / 2 - low) * scale,
                                             aligned_edge=DOWN)))
        ticks, last = VGroup(), -float("inf")
        for position, text in zip(histogram.tick_positions, histogram.tick_latex):
            if position - last >= self.tick_spacing:
                ticks.add(MathTex(text, font_size=NUMBER_SIZE, color=THEME.muted).next_to(
                    baseline.get_left() + RIGHT * (position - low) * scale, DOWN, buff=0.08))
                last = position
        counted = histogram.counted
        counts = MathTex(rf"N_{{-}} = {counted.negative},\;", rf"N_{{0}} = {counted.near_zero},\;",
                         rf"N_{{+}} = {counted.positive}", font_size=NUMBER_SIZE)
        for part, kind in zip(counts, ("negative", "near_zero", "positive")):
            part.set_color(kind_colour(kind))
        caption = VGroup(words(label_key, SMALL_SIZE), counts).arrange(RIGHT, buff=0.3)
        return stacked(caption, VGroup(bars, baseline, ticks), buff=0.1)

    def verdict(self, data: MinimumRatioData, spectra: VGroup, under) -> None:
        """The honest comparison with the lecture's plot, decided by the data, where the spectra stood (they
        leave first: the verdict is about the plot)."""
        self.play(FadeOut(spectra))
        if data.agrees_with_lecture:
            text = words("mr.verdict_agrees", SMALL_SIZE, {"low": f"{data.ratios.min():.2f}",
                                                           "high": f"{data.ratios.max():.2f}"})
            self.say("mr.agrees_said", FadeIn(self.beside_plot(text, under)))
            return
        lecture = words("mr.lecture_annotation", SMALL_SIZE, color=THEME.muted)
        strike = Line(lecture.get_left(), lecture.get_right(), color=THEME.hessian, stroke_width=3)
        ours = words("mr.verdict_differs", SMALL_SIZE, {"minima": data.true_minima, "networks": data.networks})
        self.beside_plot(stacked(VGroup(lecture, strike), ours, buff=0.25), under)
        self.say("mr.verdict_said", FadeIn(lecture), Create(strike), FadeIn(ours),
                 minima=data.true_minima, networks=data.networks)

    @staticmethod
    def beside_plot(mobject, under):
        """In the right-hand column, under the definition."""
        return mobject.next_to(under, DOWN, buff=0.6).to_edge(RIGHT, buff=0.45)
