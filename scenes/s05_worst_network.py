"""Storyboard part 5: the worst network y = w1·w2·x — its error surface and critical set (WorstNetwork, 3-D),
then worked out by hand: gradient, Hessian, eigenvalues (WorstNetworkHessian, 2-D)."""

from __future__ import annotations

import itertools
from typing import ClassVar

import numpy as np
from manim import (
    DEGREES,
    DL,
    DOWN,
    LEFT,
    OUT,
    RIGHT,
    UP,
    UR,
    Arrow,
    Axes,
    Circle,
    Create,
    Dot,
    Dot3D,
    FadeIn,
    FadeOut,
    GrowArrow,
    Indicate,
    ManimColor,
    MathTex,
    Rectangle,
    ReplacementTransform,
    ThreeDAxes,
    VGroup,
    Write,
)

from mathcore.story.s05_worst_network import HessianAtPoint, worst_network_hessian, worst_network_surface
from scenes.kit.lecture_scene import LectureScene, LectureScene3D, stacked
from scenes.kit.legend import sign_legend
from scenes.kit.linalg import eigen_arrow, eigen_pair, matrix
from scenes.kit.look import BODY_SIZE, NUMBER_SIZE, SMALL_SIZE, THEME, words
from scenes.kit.maps import polyline
from scenes.kit.surface import height_colours, loss_surface


class WorstNetwork(LectureScene3D):
    """The toy network and its one example, its error surface in 3-D and from above, and its exact critical set."""

    surface_colour_heights = (0, 1, 3, 9)  # where THEME.surface's colours sit on the L axis: detail near the valley
    side = 5.0  # length of the w1 and w2 axes
    height = 3.0  # length of the L axis
    tilted: ClassVar[dict] = {"phi": 64 * DEGREES, "theta": -55 * DEGREES, "zoom": 0.72, "frame_center": OUT * 1.3}
    from_above: ClassVar[dict] = {"phi": 0, "theta": -90 * DEGREES, "zoom": 1.0, "frame_center": LEFT * 2.0}
    rotation_rate = 0.12  # radians per second while the surface is explained

    def construct(self):
        data = worst_network_surface()
        w1, w2 = data.variable_latex

        # Section: the network and its one training example
        self.show_title("wn.title")
        diagram = self.network(w1, w2).scale(1.15).move_to(UP * 1.6)
        model = MathTex(data.model_latex).next_to(diagram, DOWN, buff=0.6)
        self.say("wn.network", FadeIn(diagram, lag_ratio=0.2), run_time=2)
        self.say("wn.model", Write(model))
        example = VGroup(words("wn.example", BODY_SIZE, color=THEME.muted),
                         MathTex(rf"{data.example_latex[0]},\quad {data.example_latex[1]}")).arrange(RIGHT, buff=0.4)
        example.next_to(model, DOWN, buff=0.5)
        self.say("wn.example_said", FadeIn(example))
        definition = MathTex(data.loss_definition_latex).next_to(example, DOWN, buff=0.5)
        loss = MathTex(rf"L({w1}, {w2}) = {data.loss_latex}").move_to(definition)
        self.say("wn.loss_definition", Write(definition))
        self.say("wn.loss", ReplacementTransform(definition, loss))

        # Section: the error surface in 3-D
        self.play(FadeOut(VGroup(diagram, model, example)), loss.animate.scale(0.8).to_corner(UR, buff=0.4))
        self.pin(loss)
        axes, labels = self.surface_axes(data)
        colours = list(zip(THEME.surface, self.surface_colour_heights))
        surface = loss_surface(axes, data.surface, colorscale=colours, stroke=0.3)
        self.move_camera(**self.tilted, added_anims=[Create(axes), FadeIn(labels)], run_time=2)
        cut = words("wn.cut", SMALL_SIZE, {"ceiling": f"{data.surface_ceiling:g}"}, color=THEME.muted)
        self.pin(cut.next_to(loss, DOWN, aligned_edge=RIGHT))
        self.say("wn.surface", FadeIn(surface), FadeIn(cut), run_time=1.5, ceiling=f"{data.surface_ceiling:g}")
        self.begin_ambient_camera_rotation(rate=self.rotation_rate)
        self.say("wn.corners")

        # Section: the critical set, drawn exactly
        saddle = Dot3D(axes.c2p(*data.saddle, data.saddle_value) + OUT * 0.05, radius=0.12, color=THEME.negative)
        valley = self.curves(axes, data.valley_branches, THEME.zero, stroke_width=6)
        legend = stacked(words("wn.legend_saddle", SMALL_SIZE, color=THEME.negative),
                         words("wn.legend_valley", SMALL_SIZE, color=THEME.zero)).to_corner(DL, buff=0.6)
        self.pin(legend)
        self.say("wn.saddle", FadeIn(saddle), FadeIn(legend[0]), FadeOut(labels))  # before the turn hides them
        self.say("wn.valley", *(Create(branch) for branch in valley), FadeIn(legend[1]), run_time=2)
        self.stop_ambient_camera_rotation()

        # Section: from above, the filled contour plot of the slide
        band_colours = self.band_colours(data)
        steps = [(colour, height) for colour, (low, high) in band_colours for height in (low, high - 1e-6)]
        bands = loss_surface(axes, data.bands, colorscale=steps, stroke=1)
        bands.stretch(0, 2, about_point=axes.c2p(0, 0, 0))
        contours = self.curves(axes, [branch for level in data.level_curves for branch in level], THEME.background,
                               stroke_width=1.5)
        self.move_camera(**self.from_above, run_time=2.5, added_anims=[
            surface.animate.stretch(0, 2, about_point=axes.c2p(0, 0, 0)), saddle.animate.move_to(axes.c2p(0, 0, 0)),
            FadeOut(VGroup(axes.z_axis, cut))])
        self.add(bands, contours, valley, saddle)
        key = self.colour_key(band_colours).to_edge(LEFT, buff=0.8).shift(UP * 0.6)
        self.pin(key)
        numbers = self.edge_numbers(axes, data)
        names = self.map_names(axes, data)
        self.say("wn.contours", FadeIn(bands), Create(contours), FadeOut(surface), FadeIn(numbers), FadeIn(key),
                 FadeIn(names), run_time=2)
        self.say("wn.not_dots", Indicate(valley, color=THEME.zero, scale_factor=1.05), run_time=2)
        self.wait(1)

    def network(self, w1: str, w2: str) -> VGroup:
        """x → (neuron) → (neuron) = y: one neuron per layer, weights on the connections, nothing else."""
        nodes = VGroup(*(Circle(radius=0.45, color=color, stroke_width=4)
                         for color in (THEME.muted, THEME.text, THEME.text))).arrange(RIGHT, buff=2.4)
        names = VGroup(MathTex("x").move_to(nodes[0]), MathTex("y").next_to(nodes[2], RIGHT, buff=0.9))
        links = VGroup(*(Arrow(a.get_right(), b.get_left(), buff=0.1, color=THEME.muted)
                         for a, b in itertools.pairwise(nodes)))
        weights = VGroup(*(MathTex(w, color=THEME.theta).next_to(link, UP, buff=0.15)
                           for w, link in zip((w1, w2), links)))
        output = Arrow(nodes[2].get_right(), names[1].get_left(), buff=0.1, color=THEME.muted)
        return VGroup(nodes, links, weights, output, names)

    def surface_axes(self, data) -> tuple[ThreeDAxes, VGroup]:
        x0, x1, y0, y1 = data.box
        axes = ThreeDAxes(x_range=[x0, x1, 1], y_range=[y0, y1, 1], z_range=[0, data.surface_ceiling, 3],
                          x_length=self.side, y_length=self.side, z_length=self.height, tips=False,
                          axis_config={"color": THEME.muted, "stroke_width": 2})
        # At the front ends of the axes: behind the surface a label would sit under its walls. The height axis is
        # named by the pinned formula and "surface cut at L = 9" (its own label would be under the back wall).
        labels = VGroup(MathTex(data.variable_latex[0]).next_to(axes.c2p(x1, 0, 0), RIGHT, buff=0.3),
                        MathTex(data.variable_latex[1]).next_to(axes.c2p(0, y0, 0), DOWN, buff=0.3))
        self.add_fixed_orientation_mobjects(*labels)
        return axes, labels

    @staticmethod
    def band_colours(data) -> list[tuple[ManimColor, tuple[float, float]]]:
        """One flat colour per band, the bands spread evenly over THEME.surface, as (colour, (low, high)); drawn as
        a step colour scale, every face of the contour plot gets exactly one band's colour, never a blend of two."""
        rgbs = np.array([ManimColor(colour).to_rgb() for colour in THEME.surface])
        count = len(data.levels)
        fills = height_colours(np.arange(count), rgbs, np.linspace(0, count - 1, len(rgbs)))
        highs = np.append(data.levels[1:], data.loss_max)
        return [(ManimColor.from_rgb(rgb), (low, high)) for rgb, low, high in zip(fills, data.levels, highs)]

    @staticmethod
    def colour_key(band_colours) -> VGroup:
        """The bands' colours, lowest at the bottom, with L written at the levels that are whole squares."""
        swatches = VGroup(*(Rectangle(width=0.45, height=0.32, stroke_width=0, fill_opacity=1, fill_color=colour)
                            for colour, _ in band_colours)).arrange(UP, buff=0)
        marks = VGroup(*(MathTex(f"{low:g}", font_size=NUMBER_SIZE).next_to(swatch.get_bottom(), RIGHT, buff=0.35)
                         for (_, (low, _)), swatch in zip(band_colours, swatches) if float(np.sqrt(low)).is_integer()))
        return VGroup(swatches, marks, MathTex("L", font_size=34).next_to(swatches, UP, buff=0.2))

    def map_names(self, axes, data) -> VGroup:
        """w1 and w2 at the far ends of their axes, read from above, clear of the tick numbers on the near edges."""
        _, x1, _, y1 = data.box
        names = VGroup(MathTex(data.variable_latex[0]).next_to(axes.c2p(x1, 0, 0), RIGHT, buff=0.3),
                       MathTex(data.variable_latex[1]).next_to(axes.c2p(0, y1, 0), UP, buff=0.3))
        self.add_fixed_orientation_mobjects(*names)
        self.remove(*names)  # they come in with the map
        return names

    @staticmethod
    def edge_numbers(axes, data) -> VGroup:
        """Tick numbers along the bottom and left edges of the map, lying in its plane (read from above)."""
        x0, x1, y0, y1 = data.box
        return VGroup(*(MathTex(f"{value:g}", font_size=NUMBER_SIZE).next_to(axes.c2p(value, y0, 0), DOWN, buff=0.15)
                        for value in np.arange(x0, x1 + 0.5)),
                      *(MathTex(f"{value:g}", font_size=NUMBER_SIZE).next_to(axes.c2p(x0, value, 0), LEFT, buff=0.15)
                        for value in np.arange(y0, y1 + 0.5)))

    @staticmethod
    def curves(axes, branches, color, stroke_width: float) -> VGroup:
        """Curves of the (w1, w2) plane drawn at L = 0 in the axes, one smooth piece per branch."""
        return VGroup(*(polyline(axes, np.column_stack([branch, np.zeros(len(branch))]), color, stroke_width,
                                 smooth=True, most=80) for branch in branches))


class WorstNetworkHessian(LectureScene):
    """g and H of L = (1 − w1 w2)² in general, then at the saddle (0, 0) and at a point of the valley."""

    valley_point = (1, 1)
    map_box = (-2, 2)
    map_side = 5.4
    formula_scale = 0.95

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
        formulas = VGroup(gradient, hessian).arrange(DOWN, buff=0.6).scale(self.formula_scale)
        formulas.next_to(loss, DOWN, buff=0.6)
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
        gradient = VGroup(MathTex("g =", color=THEME.gradient),
                          matrix([[g] for g in at.gradient_latex], THEME.gradient))
        hessian = VGroup(MathTex("H =", color=THEME.hessian), matrix(at.hessian_latex, THEME.hessian))
        values = VGroup(gradient.arrange(RIGHT), hessian.arrange(RIGHT)).arrange(RIGHT, buff=1.0)
        values.scale(self.formula_scale)
        panel = VGroup(heading, values).arrange(DOWN, buff=0.35).next_to(UP * 1.65, DOWN)
        arrival = ReplacementTransform(replacing, values) if replacing else FadeIn(values, shift=UP * 0.2)
        self.play(arrival, run_time=1.5)  # the formulas arrive first, then the heading over them: nothing crosses it
        self.play(FadeIn(heading), run_time=0.5)
        return panel

    def eigen_lines(self, at: HessianAtPoint) -> VGroup:
        """One line per eigenpair, coloured by the sign of the eigenvalue."""
        lines = []
        for index, (value, latex_value, vector) in enumerate(zip(at.eigenvalues, at.eigenvalue_latex,
                                                                 at.eigenvector_latex), 1):
            lines.append(eigen_pair(index, value, latex_value, vector).scale(self.formula_scale))
        return VGroup(*lines).arrange(RIGHT, buff=1.0)

    def draw_map(self, data) -> None:
        low, high = self.map_box
        axes = Axes(x_range=[low, high, 1], y_range=[low, high, 1], x_length=self.map_side, y_length=self.map_side,
                    axis_config={"color": THEME.muted, "include_numbers": True, "font_size": NUMBER_SIZE},
                    tips=False).to_edge(RIGHT, buff=1.0).shift(DOWN * 0.45)
        labels = axes.get_axis_labels(MathTex(data.variable_latex[0]), MathTex(data.variable_latex[1]))
        valley = VGroup(*(polyline(axes, branch, THEME.loss, smooth=True, most=60, opacity=0.7)
                          for branch in data.valley_branches))
        self.play(Create(axes), FadeIn(labels), run_time=1.5)
        top_end = max((end for branch in data.valley_branches for end in (branch[0], branch[-1])), key=lambda p: p[1])
        valley_label = MathTex(data.valley_equation_latex, color=THEME.loss, font_size=32).next_to(
            axes.c2p(*top_end), RIGHT, buff=0.25)  # beside the end of the upper branch, clear of the arrows at (1, 1)
        self.play(*(Create(branch) for branch in valley), FadeIn(valley_label), run_time=1.5)

        arrows = VGroup()
        for at, directions in ((data.origin, (0, 1)), (data.valley_point, (0, 1))):
            dot = Dot(axes.c2p(*at.point), color=THEME.theta, radius=0.09)
            arrows.add(dot)
            for index in directions:
                value, vector = at.eigenvalues[index], at.eigenvectors[index]
                start, end = axes.c2p(*at.point), axes.c2p(*(at.point + 0.9 * vector))
                arrows.add(eigen_arrow(start, end, value, width=5, tip=0.25))
        legend = stacked(*sign_legend(arrows=False), buff=0.2)
        kinds = stacked(words("wnh.kind_origin", SMALL_SIZE), words("wnh.kind_valley", SMALL_SIZE), buff=0.2)
        legend = stacked(kinds, legend, buff=0.6).to_edge(LEFT, buff=0.8).shift(UP * 0.3)
        self.say("wnh.map_said", *(GrowArrow(a) if isinstance(a, Arrow) else FadeIn(a) for a in arrows),
                 FadeIn(legend), run_time=2)
        self.say("wnh.flat_said")
        self.wait(1)
