"""Storyboard part 5: the worst network y = w1·w2·x worked out by hand — gradient, Hessian, eigenvalues."""

from __future__ import annotations

from manim import (
    DOWN, LEFT, RIGHT, UP, Arrow, Axes, Create, Dot, FadeIn, FadeOut, GrowArrow, MathTex,
    ReplacementTransform, VGroup, VMobject, Write,
)

from mathcore.story.worst_network import HessianAtPoint, worst_network_hessian
from scenes.linalg import matrix
from scenes.style import BODY_SIZE, SMALL_SIZE, THEME, LectureScene, stacked, words


class WorstNetworkHessian(LectureScene):
    """g and H of L = (1 − w1 w2)² in general, then at the saddle (0, 0) and at a point of the valley."""

    valley_point = (1, 1)
    map_box = (-2, 2)

    def construct(self):
        data = worst_network_hessian(self.valley_point)
        w1, w2 = data.variable_latex

        # Section: the loss and its derivatives, in general
        self.show_title("wnh.title")
        loss = MathTex(rf"L({w1}, {w2}) = {data.loss_latex}").next_to(UP * 2.6, DOWN)
        self.say("wnh.intro", Write(loss))
        gradient = VGroup(MathTex("g ="), matrix([[g] for g in data.gradient_latex], THEME.gradient)).arrange(RIGHT)
        hessian = VGroup(MathTex("H ="), matrix(data.hessian_latex, THEME.hessian)).arrange(RIGHT)
        gradient[0].set_color(THEME.gradient)
        hessian[0].set_color(THEME.hessian)
        formulas = VGroup(gradient, hessian).arrange(DOWN, buff=0.5).scale(0.8).next_to(loss, DOWN, buff=0.5)
        self.say("wnh.formulas", FadeIn(gradient, shift=UP * 0.2), FadeIn(hessian, shift=UP * 0.2), run_time=2)

        # Section: substitute the origin
        origin_panel = self.substitute(data.origin, "wnh.at_origin", {}, replacing=formulas)
        self.say("wnh.substitute_origin")
        eigen = self.eigen_lines(data.origin).next_to(origin_panel, DOWN, buff=0.4)
        self.say("wnh.eigen_origin", FadeIn(eigen), low=data.origin.eigenvalue_latex[0],
                 high=data.origin.eigenvalue_latex[1])
        verdict = words("wnh.verdict_saddle", BODY_SIZE, color=THEME.negative).next_to(eigen, DOWN, buff=0.4)
        self.say("wnh.saddle_said", Write(verdict))
        self.play(FadeOut(VGroup(origin_panel, eigen, verdict, loss)))

        # Section: a point of the valley, where the Hessian test is silent
        a, b = data.valley_point.point_latex
        valley_panel = self.substitute(data.valley_point, "wnh.at_valley", {"a": a, "b": b})
        self.say("wnh.substitute_valley")
        eigen = self.eigen_lines(data.valley_point).next_to(valley_panel, DOWN, buff=0.4)
        self.say("wnh.eigen_valley", FadeIn(eigen), low=data.valley_point.eigenvalue_latex[0],
                 high=data.valley_point.eigenvalue_latex[1])
        verdicts = stacked(words("wnh.verdict_valley_1", SMALL_SIZE, color=THEME.zero),
                           words("wnh.verdict_valley_2", SMALL_SIZE)).next_to(eigen, DOWN, buff=0.4)
        self.say("wnh.minimum_said", Write(verdicts))
        self.play(FadeOut(VGroup(valley_panel, eigen, verdicts)))

        # Section: both points on the map of the (w1, w2) plane
        self.draw_map(data)

    def substitute(self, at: HessianAtPoint, heading_key: str, fields: dict, replacing=None) -> VGroup:
        """g and H with θ′ substituted (heading in θ′'s blue), transformed out of the general formulas if given."""
        heading = words(heading_key, BODY_SIZE, fields, color=THEME.theta)
        gradient = VGroup(MathTex("g =", color=THEME.gradient), matrix([[g] for g in at.gradient_latex], THEME.gradient))
        hessian = VGroup(MathTex("H =", color=THEME.hessian), matrix(at.hessian_latex, THEME.hessian))
        values = VGroup(gradient.arrange(RIGHT), hessian.arrange(RIGHT)).arrange(RIGHT, buff=1.0).scale(0.8)
        panel = VGroup(heading, values).arrange(DOWN, buff=0.35).next_to(UP * 1.9, DOWN)
        arrival = ReplacementTransform(replacing, values) if replacing else FadeIn(values, shift=UP * 0.2)
        self.play(FadeIn(heading), arrival, run_time=1.5)
        return panel

    def eigen_lines(self, at: HessianAtPoint) -> VGroup:
        """One line per eigenpair, coloured by the sign of the eigenvalue."""
        lines = []
        for index, (value, latex_value, vector) in enumerate(zip(at.eigenvalues, at.eigenvalue_latex,
                                                                 at.eigenvector_latex), 1):
            color = THEME.negative if value < 0 else THEME.positive if value > 0 else THEME.zero
            lines.append(MathTex(rf"\lambda_{index} = {latex_value}", r",\quad", rf"u_{index} = {vector}",
                                 color=color).scale(0.8))
        return VGroup(*lines).arrange(RIGHT, buff=1.0)

    def draw_map(self, data) -> None:
        low, high = self.map_box
        axes = Axes(x_range=[low, high, 1], y_range=[low, high, 1], x_length=5.6, y_length=5.6,
                    axis_config={"color": THEME.muted, "include_numbers": True, "font_size": 22},
                    tips=False).to_edge(RIGHT, buff=0.8).shift(DOWN * 0.3)
        labels = axes.get_axis_labels(MathTex(data.variable_latex[0]), MathTex(data.variable_latex[1]))
        valley = VGroup(*(VMobject(color=THEME.loss, stroke_width=4, stroke_opacity=0.7).set_points_smoothly(
            [axes.c2p(*p) for p in branch[:: max(1, len(branch) // 60)]]) for branch in data.valley_branches))
        self.play(Create(axes), FadeIn(labels), run_time=1.5)
        valley_label = MathTex(data.valley_equation_latex, color=THEME.loss, font_size=30).next_to(
            axes.c2p(*data.valley_branches[-1][-1]), UP, buff=0.25)
        self.play(*(Create(branch) for branch in valley), FadeIn(valley_label), run_time=1.5)

        arrows = VGroup()
        for at, directions in ((data.origin, (0, 1)), (data.valley_point, (0, 1))):
            dot = Dot(axes.c2p(*at.point), color=THEME.theta, radius=0.09)
            arrows.add(dot)
            for index in directions:
                value, vector = at.eigenvalues[index], at.eigenvectors[index]
                color = THEME.negative if value < 0 else THEME.positive if value > 0 else THEME.zero
                start, end = axes.c2p(*at.point), axes.c2p(*(at.point + 0.9 * vector))
                arrows.add(Arrow(start, end, buff=0, color=color, stroke_width=5, max_tip_length_to_length_ratio=0.25))
        legend = stacked(words("wnh.legend_negative", SMALL_SIZE, color=THEME.negative),
                         words("wnh.legend_positive", SMALL_SIZE, color=THEME.positive),
                         words("wnh.legend_zero", SMALL_SIZE, color=THEME.zero), buff=0.2)
        kinds = stacked(words("wnh.kind_origin", SMALL_SIZE), words("wnh.kind_valley", SMALL_SIZE), buff=0.2)
        legend = stacked(kinds, legend, buff=0.6).to_edge(LEFT, buff=0.8).shift(UP * 0.3)
        self.say("wnh.map_said", *(GrowArrow(a) if isinstance(a, Arrow) else FadeIn(a) for a in arrows),
                 FadeIn(legend), run_time=2)
        self.say("wnh.flat_said")
        self.wait(1)
