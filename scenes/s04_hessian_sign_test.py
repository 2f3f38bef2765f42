"""Storyboard part 4: at a critical point the sign of vᵀHv decides, and the eigenvalues of H give that sign."""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arc,
    Arrow,
    Axes,
    Circle,
    Create,
    DashedLine,
    DashedVMobject,
    DecimalNumber,
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    MathTex,
    Succession,
    ValueTracker,
    VGroup,
    Write,
    always_redraw,
    linear,
)

from mathcore.story.s04_hessian_sign_test import DirectionSweep, hessian_sign_test
from scenes.kit.lecture_scene import LectureScene
from scenes.kit.linalg import eigen_arrow, eigen_pair, matrix, sign_color, sign_pieces
from scenes.kit.look import BODY_SIZE, NUMBER_SIZE, THEME, words


class HessianSignTest(LectureScene):
    """Turn a unit vector v once round a critical point and watch vᵀHv; then read the verdict off H's eigenvalues."""

    samples = 361
    sweep_seconds = 8.0
    dial_center = np.array([-4.4, -1.1, 0])
    dial_radius = 1.45
    graph_center = np.array([2.2, -1.1, 0])
    ring_radius = 0.6  # zero level of the small polar plots in the table
    ring_scale = 0.2  # radius per unit of vᵀHv in those plots
    row_y = (1.75, -0.45, -2.65)
    ring_x = -5.7
    columns = (-4.3, -1.3, 1.1)  # left edges of H, its eigenvalues and the verdict in the table
    right_edge = 6.8

    def construct(self):
        data = hessian_sign_test(self.samples)
        saddle = data.saddle
        title = self.show_title("hst.title")

        # Section: at a critical point only the Hessian term is left
        taylor = MathTex(data.taylor_latex, substrings_to_isolate=["H"]).set_color_by_tex("H", THEME.hessian)
        displacement = MathTex(data.displacement_latex, color=THEME.muted)
        displacement.next_to(taylor.move_to(UP * 0.8), DOWN, buff=0.5)
        self.say("hst.intro", Write(taylor))
        self.say("hst.question", FadeIn(displacement))
        self.play(FadeOut(taylor), FadeOut(displacement))

        # Section: turn v once round the saddle of the worst network
        hessian = VGroup(MathTex("H =", color=THEME.hessian), matrix(saddle.hessian_latex, THEME.hessian))
        hessian = hessian.arrange(RIGHT).scale(0.8)
        form = VGroup(MathTex(data.direction_latex),
                      MathTex(rf"{data.form_symbol_latex} = {saddle.form_latex}")).arrange(DOWN, aligned_edge=LEFT)
        VGroup(hessian, form.scale(0.85)).arrange(RIGHT, buff=1.2).next_to(UP * 2.85, DOWN)  # places both
        self.say("hst.saddle_hessian", FadeIn(hessian, shift=UP * 0.2))
        angle = ValueTracker(0)
        dial, axes = self.dial(angle, data), self.graph(angle, data)
        self.say("hst.sweep_setup", FadeIn(form), Create(dial[0]), Create(axes), run_time=2)
        self.add(dial[1], axes.trace)
        self.say("hst.sweep", angle.animate.set_value(2 * np.pi), run_time=self.sweep_seconds, rate_func=linear)

        # Section: the extremes are the eigenvalues, reached along the eigenvectors
        levels, extremes = self.eigen_levels(axes, saddle, data)
        eigen_arrows = self.eigen_arrows(self.dial_center, saddle, self.dial_radius, labels=True)
        self.say("hst.extremes", *(Create(level) for level in levels), FadeIn(extremes), run_time=2,
                 low=saddle.eigenvalue_latex[0], high=saddle.eigenvalue_latex[-1])
        rayleigh = MathTex(data.rayleigh_latex, substrings_to_isolate=["H"]).set_color_by_tex("H", THEME.hessian)
        readout = dial[1][1]
        rayleigh.scale(0.85).move_to(readout)
        readout.clear_updaters()
        self.say("hst.eigenvectors", *(GrowArrow(arrow) for arrow in eigen_arrows[0]), FadeIn(eigen_arrows[1]),
                 Succession(FadeOut(readout, run_time=0.6), Write(rayleigh, run_time=1.4)), run_time=2)
        self.say("hst.no_need")
        self.play(*(FadeOut(mobject) for mobject in self.mobjects if mobject is not title))

        # Section: the table — three critical points, one verdict each
        rows = [self.table_row(case, y) for case, y in zip(data.cases, self.row_y)]
        VGroup(*(VGroup(*row) for row in rows)).set_x(0)
        for case, (ring, values, verdict) in zip(data.cases, rows):
            self.say(f"hst.row_{case.kind}", Create(ring[1]), FadeIn(ring[0]), FadeIn(values), run_time=1.5)
            self.say(f"hst.rule_{case.kind}", *(GrowArrow(arrow) for arrow in ring[2][0]), Write(verdict))
        self.say("hst.summary")
        self.wait(1)

    def dial(self, angle: ValueTracker, data) -> tuple[VGroup, VGroup]:
        """(the still circle of unit directions, the moving v with its angle and the ring it colours by sign)."""
        sweep, center, radius = data.saddle, self.dial_center, self.dial_radius
        circle = DashedVMobject(Circle(radius=radius, color=THEME.muted, stroke_width=2).move_to(center), num_dashes=48)
        rim = center + radius * np.stack([np.cos(sweep.angles), np.sin(sweep.angles), 0 * sweep.angles], axis=-1)

        def swept() -> int:
            return int(np.searchsorted(sweep.angles, angle.get_value(), side="right"))

        def moving() -> VGroup:
            phi = angle.get_value()
            tip = center + radius * np.array([np.cos(phi), np.sin(phi), 0])
            arrow = Arrow(center, tip, buff=0, color=THEME.text, stroke_width=5, max_tip_length_to_length_ratio=0.15)
            label = MathTex("v", font_size=36).move_to(center + (radius + 0.35) * (tip - center) / radius)
            ring = sign_pieces(rim[: swept()], sweep.values[: swept()], stroke_width=9)
            if not 0.4 < phi < 2 * np.pi - 0.1:  # no angle to mark at the start and after the full turn
                return VGroup(ring, arrow, label)
            arc = Arc(radius=0.45, start_angle=0, angle=phi, color=THEME.muted, arc_center=center)
            phi_label = MathTex(data.angle_latex, font_size=NUMBER_SIZE, color=THEME.muted).move_to(
                center + 0.75 * np.array([np.cos(phi / 2), np.sin(phi / 2), 0]))
            return VGroup(ring, arc, phi_label, arrow, label)

        number = DecimalNumber(0, num_decimal_places=2, include_sign=True)
        value = VGroup(MathTex(rf"{data.form_symbol_latex} ="), number)
        value.arrange(RIGHT).scale(0.8).next_to(center, DOWN, buff=radius + 0.45)

        def readout() -> VGroup:
            number = sweep.values[max(swept() - 1, 0)]
            value[1].set_value(number).set_color(sign_color(number))
            return value

        return VGroup(circle), VGroup(always_redraw(moving), always_redraw(readout))

    def graph(self, angle: ValueTracker, data) -> Axes:
        """vᵀHv against the angle of v, drawn as v turns; the x axis sits at zero so the sign is plain to see."""
        sweep = data.saddle
        axes = Axes(x_range=[0, 360, 90], y_range=[-3, 3, 1], x_length=5.6, y_length=3.6, tips=False,
                    axis_config={"color": THEME.muted},
                    y_axis_config={"include_numbers": True, "font_size": NUMBER_SIZE}).move_to(self.graph_center)
        ticks = VGroup(*(MathTex(rf"{degrees}^\circ", font_size=NUMBER_SIZE).next_to(axes.c2p(degrees, -3), DOWN,
                                                                                   buff=0.15)
                         for degrees in range(0, 361, 90)))
        labels = VGroup(MathTex(data.angle_latex, font_size=34).next_to(axes.c2p(360, 0), RIGHT, buff=0.2),
                        MathTex(data.form_symbol_latex, font_size=34).next_to(axes.c2p(0, 3), UP, buff=0.15))
        points = axes.c2p(np.column_stack([np.degrees(sweep.angles), sweep.values]))

        def trace() -> VGroup:
            count = int(np.searchsorted(sweep.angles, angle.get_value(), side="right"))
            dot = Dot(points[max(count - 1, 0)], radius=0.07, color=sign_color(sweep.values[max(count - 1, 0)]))
            return VGroup(sign_pieces(points[:count], sweep.values[:count], stroke_width=5), dot)

        axes.add(ticks, labels)
        axes.trace = always_redraw(trace)
        return axes

    def eigen_levels(self, axes: Axes, sweep: DirectionSweep, data) -> tuple[VGroup, VGroup]:
        """Dashed lines at each eigenvalue, labelled, and dots where the sweep touches them (at u and −u)."""
        levels, extremes = VGroup(), VGroup()
        for index, (value, latex) in enumerate(zip(sweep.eigenvalues, sweep.eigenvalue_latex), 1):
            color = sign_color(value)
            line = DashedLine(axes.c2p(0, value), axes.c2p(360, value), color=color, stroke_width=3)
            label = eigen_pair(index, value, latex, font_size=NUMBER_SIZE).next_to(line, RIGHT, buff=0.15)
            levels.add(VGroup(line, label))
            for degrees in np.degrees(sweep.eigen_angles[index - 1]) + np.array([0, 180]):
                extremes.add(Dot(axes.c2p(degrees, value), radius=0.09, color=color))
        return levels, extremes

    def eigen_arrows(self, center, sweep: DirectionSweep, length: float, labels: bool = False) -> VGroup:
        """(arrows along the eigenvectors in the colour of their eigenvalue's sign, their u_i labels)."""
        arrows, names = VGroup(), VGroup()
        for index, (value, vector) in enumerate(zip(sweep.eigenvalues, sweep.eigenvectors), 1):
            tip = center + length * np.array([*vector, 0])
            arrows.add(eigen_arrow(center, tip, value))
            if labels:
                names.add(MathTex(f"u_{index}", color=sign_color(value), font_size=34).move_to(
                    center + (length + 0.35) * np.array([*vector, 0]) + 0.3 * np.array([vector[1], -vector[0], 0])))
        return VGroup(arrows, names)

    def table_row(self, case: DirectionSweep, y: float) -> tuple[VGroup, VGroup, VGroup]:
        """One row: a polar plot of vᵀHv (outside the dashed circle: > 0), H, its eigenvalues, and the verdict."""
        center = np.array([self.ring_x, y, 0])
        radii = self.ring_radius + self.ring_scale * case.values
        curve = center + radii[:, None] * np.stack([np.cos(case.angles), np.sin(case.angles), 0 * case.angles], axis=-1)
        zero = DashedVMobject(Circle(radius=self.ring_radius, color=THEME.muted, stroke_width=2).move_to(center),
                              num_dashes=24)
        ring = VGroup(zero, sign_pieces(curve, case.values, stroke_width=5),
                      self.eigen_arrows(center, case, self.ring_radius))
        hessian = VGroup(MathTex("H =", color=THEME.hessian), matrix(case.hessian_latex, THEME.hessian, h_buff=1.3))
        eigenvalues = VGroup(*(eigen_pair(index, value, latex)
                               for index, (value, latex) in enumerate(zip(case.eigenvalues, case.eigenvalue_latex), 1)))
        hessian.arrange(RIGHT).scale(0.8).move_to([self.columns[0], y, 0], aligned_edge=LEFT)
        eigenvalues.arrange(DOWN, aligned_edge=LEFT).move_to([self.columns[1], y, 0], aligned_edge=LEFT)
        verdict = words(f"hst.verdict_{case.kind}", BODY_SIZE)
        verdict.scale(min(1.0, (self.right_edge - self.columns[2]) / verdict.width))
        verdict.move_to([self.columns[2], y, 0], aligned_edge=LEFT)
        return ring, VGroup(hessian, eigenvalues), verdict
