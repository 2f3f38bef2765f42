"""Storyboard part 3: the Taylor series around θ′, built term by term on the surface, then at a critical point."""

from __future__ import annotations

from typing import ClassVar

import numpy as np
from manim import (
    DEGREES,
    DOWN,
    LEFT,
    ORIGIN,
    OUT,
    RIGHT,
    UP,
    Create,
    Cross,
    Dot3D,
    FadeIn,
    FadeOut,
    Indicate,
    MathTex,
    Rotate,
    ThreeDAxes,
    Transform,
    VGroup,
    Write,
)

from mathcore.story.s03_taylor_approximation import Expansion, taylor_approximation
from scenes.kit.lecture_scene import LectureScene3D, stacked
from scenes.kit.linalg import matrix
from scenes.kit.look import SMALL_SIZE, THEME, words
from scenes.kit.surface import loss_surface
from scenes.s02_critical_point_zoo import screen_right


class TaylorApproximation(LectureScene3D):
    """L(θ) ≈ L(θ′) + (θ−θ′)ᵀg + ½(θ−θ′)ᵀH(θ−θ′): each term reshapes the model patch drawn over the true surface."""

    phi = 64 * DEGREES
    theta = -50 * DEGREES
    turn = -40 * DEGREES  # the one move: the surface turns, to show the model hugging it from another side
    side = 4.6
    matrix_spacing: ClassVar[dict] = {"h_buff": 1.5, "v_buff": 1.1, "corner": ORIGIN}
    height = 2.6
    z_range = (0, 5)
    placement = (1.6, -1.5)  # where the surface's origin sits, in screen units right and up (clear of the panel)

    def construct(self):
        data = taylor_approximation()
        self.set_camera_orientation(phi=self.phi, theta=self.theta)
        self.show_title("tay.title")

        # Section: the formula, its colours from the slides
        formula = MathTex(data.lhs_latex, r"\approx", data.term_latex[0], "+", data.term_latex[1], "+",
                          data.term_latex[2], substrings_to_isolate=list(data.colour_latex))
        for tex, color in zip(data.colour_latex, (THEME.theta, THEME.gradient, THEME.hessian)):
            formula.set_color_by_tex(tex, color)
        formula.scale(0.85).next_to(UP * 3.0, DOWN, buff=0.15)
        self.pin_unseen(formula)
        self.say("tay.intro", FadeIn(formula[:2]))

        # Section: the true surface and the first θ′
        box = data.box
        axes = ThreeDAxes(x_range=[box[0], box[1], 1], y_range=[box[2], box[3], 1], z_range=[*self.z_range, 2],
                          x_length=self.side, y_length=self.side, z_length=self.height, tips=False,
                          axis_config={"color": THEME.muted, "stroke_width": 2})
        right, up = self.placement
        axes.shift(right * screen_right(self.theta) + up / np.sin(self.phi) * OUT - axes.c2p(0, 0, 0))
        surface = loss_surface(axes, data.mesh, colorscale=THEME.surface, opacity=0.3, stroke=0.3)
        first = data.expansions[0]
        dot = self.theta_dot(axes, first)
        self.say("tay.surface_said", Create(axes), FadeIn(surface), FadeIn(dot), run_time=2)

        # Section: three terms, three shapes of the model
        panel = self.values_panel(first)
        patch = self.stage(axes, first, 0)
        self.pin(panel[0])
        self.say("tay.constant_said", Write(formula[2]), FadeIn(panel[0]), FadeIn(patch))
        self.add_term(formula[3:5], panel[1], patch, self.stage(axes, first, 1), "tay.gradient_said")
        self.add_term(formula[5:7], panel[2], patch, self.stage(axes, first, 2), "tay.hessian_said")
        scene_3d = VGroup(axes, surface, patch, dot)
        self.say("tay.fit_said", Rotate(scene_3d, self.turn, axis=OUT, about_point=axes.c2p(0, 0, 0)), run_time=3)
        self.play(Rotate(scene_3d, -self.turn, axis=OUT, about_point=axes.c2p(0, 0, 0)), run_time=2)

        # Section: θ′ at a critical point — the green term vanishes
        second = data.expansions[1]
        new_panel = self.values_panel(second)
        self.say("tay.critical_said", dot.animate.move_to(self.theta_dot(axes, second).get_center()),
                 Transform(patch, self.stage(axes, second, 0)), FadeOut(panel), run_time=2)
        self.pin(new_panel[0])
        self.play(FadeIn(new_panel[0]))
        cross = Cross(formula[4], stroke_color=THEME.gradient, stroke_width=4)
        gone = words("tay.gradient_zero", SMALL_SIZE, color=THEME.gradient).next_to(formula, DOWN, buff=0.1)
        gone.set_x(formula[4].get_x())
        self.pin(cross, gone, new_panel[1])
        self.say("tay.vanish_said", FadeIn(new_panel[1]), Create(cross), FadeIn(gone),
                 Transform(patch, self.stage(axes, second, 1)))
        self.pin(new_panel[2])
        self.say("tay.red_decides_said", FadeIn(new_panel[2]), Transform(patch, self.stage(axes, second, 2)),
                 Indicate(formula[6], color=THEME.hessian, scale_factor=1.1), run_time=2)
        self.wait(1)

    def theta_dot(self, axes: ThreeDAxes, at: Expansion) -> Dot3D:
        return Dot3D(axes.c2p(*at.point, at.value), radius=0.08, color=THEME.theta)

    def stage(self, axes: ThreeDAxes, at: Expansion, index: int):
        """The model after 1, 2 or 3 terms, in the colour of the last term added (θ′ blue, g green, H red)."""
        color = (THEME.theta, THEME.gradient, THEME.hessian)[index]
        return loss_surface(axes, at.stages[index], colorscale=(color, color), opacity=0.9, stroke=0.8)

    def values_panel(self, at: Expansion) -> VGroup:
        """θ′, g and H at the point, exact, each in its colour; one row per term of the formula."""
        rows = [
            MathTex(r"\theta' = \left(" + ", ".join(at.point_latex) + r"\right)", color=THEME.theta),
            VGroup(MathTex("g =", color=THEME.gradient),
                   matrix([[g] for g in at.gradient_latex], THEME.gradient, **self.matrix_spacing)),
            VGroup(MathTex("H =", color=THEME.hessian), matrix(at.hessian_latex, THEME.hessian, **self.matrix_spacing)),
        ]
        for row in rows[1:]:
            row.arrange(RIGHT, buff=0.2)
        return stacked(*rows, buff=0.35).scale(0.8).to_edge(LEFT, buff=0.5).shift(DOWN * 0.6)

    def add_term(self, term, row, patch, shape, key: str) -> None:
        """Write the next term of the formula, show its value at θ′ and reshape the model patch."""
        self.pin(row)
        self.say(key, Write(term), FadeIn(row), Transform(patch, shape), run_time=2)
