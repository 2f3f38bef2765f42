"""Storyboard part 6: gradient descent stalls in the saddle; the negative eigenvector of H is the way out;
and why nobody forms H (Lanczos finds the escape direction from Hessian-vector products alone)."""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    DR,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    Axes,
    Create,
    DashedVMobject,
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    MathTex,
    Text,
    VGroup,
    Write,
)

from mathcore.builtins import worst_network
from mathcore.story.s06_escape_saddle import EscapeSaddleData, escape_saddle
from scenes.kit.layout import plotted
from scenes.kit.lecture_scene import LectureScene, stacked
from scenes.kit.linalg import eigen_arrow, eigen_pair, matrix
from scenes.kit.look import BODY_SIZE, NUMBER_SIZE, SMALL_SIZE, THEME, words
from scenes.kit.maps import PathTracer, map_axes, polyline, power_of_ten, slow_start, toy_map


class EscapeSaddle(LectureScene):
    """Stall, eigenvectors, one eigen-step, the 1-D slice, descent to the valley, then the cost of H."""

    start = (1.5, -1.5)
    lr = 0.05
    step_length = 1.0
    box = (-2, 2, -2, 2)
    descent_seconds = 6.0

    def construct(self):
        data = escape_saddle(self.start, self.lr, self.step_length)
        # Section: the map, the valley and the stable manifold
        self.show_title("esc.title")
        axes = self.draw_map(data)

        # Section: gradient descent from the manifold stalls in the saddle
        tracer = PathTracer(axes, data.stall, THEME.theta)
        readouts = self.readouts(tracer, data)
        self.add(tracer.trail, tracer.dot)
        self.say("esc.start", FadeIn(tracer.dot), FadeIn(readouts), lr=f"{data.lr:g}")
        self.play(tracer.run(self.descent_seconds, slow_start))
        stalled = words("esc.stalled", BODY_SIZE, color=THEME.hessian).next_to(readouts, DOWN, buff=0.3)
        self.say("esc.stall", FadeIn(stalled), norm=f"{data.stall.gradient_norms[-1]:.0e}",
                 loss=f"{data.stall.losses[-1]:.0f}")
        tracer.trail.clear_updaters()
        self.play(FadeOut(readouts), FadeOut(stalled), FadeOut(tracer.trail))

        # Section: the Hessian at the saddle and its eigenvectors
        panel, arrows = self.eigen_panel(axes, data)
        self.say("esc.hessian", FadeIn(panel), *(GrowArrow(a) for a in arrows), run_time=2)
        self.say("esc.escape_direction", arrows[0].animate.set_stroke(width=9),
                 value=data.saddle.eigenvalue_latex[0])

        # Section: one step along u lowers the loss
        step = PathTracer(axes, data.step, THEME.negative, width=6, dot_color=THEME.theta)
        tracer.dot.clear_updaters()
        self.remove(tracer.dot)
        self.add(step.trail, step.dot)
        losses = self.before_after(step, data).next_to(panel, DOWN, buff=0.3, aligned_edge=LEFT)
        self.play(FadeIn(losses))
        self.say("esc.take_step", step.run(2.0), length=f"{data.step_length:g}",
                 before=f"{data.step.losses[0]:.2f}", after=f"{data.step.losses[-1]:.2f}")

        # Section: the 1-D slice along u, exact against the quadratic model
        self.play(FadeOut(panel), FadeOut(losses))
        self.say("esc.slice", FadeIn(self.slice_plot(data)), run_time=2)
        self.say("esc.model_said", model=f"{data.model_after_step:.2f}", after=f"{data.step.losses[-1]:.2f}")

        # Section: gradient descent resumes and reaches the valley
        resume = PathTracer(axes, data.resume, THEME.theta)
        step.dot.clear_updaters()
        self.remove(step.dot)
        self.add(resume.trail, resume.dot)
        self.say("esc.resume", resume.run(3.0, slow_start), run_time=3.0)
        self.wait(0.5)

        # Section: the cost argument
        self.clear_all()
        self.cost_argument(data)

    def draw_map(self, data: EscapeSaddleData) -> Axes:
        axes = map_axes(self.box).to_edge(LEFT, buff=0.7).shift(DOWN * 0.35)
        parts = toy_map(axes, worst_network(), self.box, data.variable_latex, data.valley_branches,
                        data.manifold_latex)
        formula = MathTex(rf"L({data.variable_latex[0]}, {data.variable_latex[1]}) = {data.loss_latex}")
        self.formula = formula.to_edge(RIGHT, buff=0.8).to_edge(UP, buff=1.3)
        self.play(FadeIn(parts["heat"]), Create(axes), FadeIn(parts["labels"]), run_time=1.5)
        self.say("esc.map", Write(formula), Create(parts["valley"]), Create(parts["manifold"]),
                 FadeIn(parts["manifold_label"]), run_time=2)
        return axes

    def readouts(self, tracer: PathTracer, data: EscapeSaddleData) -> VGroup:
        step = tracer.readout(words("esc.step", SMALL_SIZE + 6), None, fmt="{:d}")
        loss = tracer.readout(r"L(\theta) =", data.stall.losses, THEME.loss, "{:.4f}")
        gradient = tracer.readout(r"\lVert g \rVert =", data.stall.gradient_norms, THEME.gradient, "{:.1e}")
        return stacked(step, loss, gradient, buff=0.35).next_to(self.formula, DOWN, buff=0.6, aligned_edge=LEFT)

    def eigen_panel(self, axes: Axes, data: EscapeSaddleData) -> tuple[VGroup, list[Arrow]]:
        saddle = data.saddle
        hessian = VGroup(MathTex("H(0, 0) =", color=THEME.hessian),
                         matrix(saddle.hessian_latex, THEME.hessian, h_buff=1.2, corner=DR)).arrange(RIGHT).scale(0.8)
        lines, arrows = [], []
        for index, (value, value_latex, vector, vector_latex) in enumerate(zip(
                saddle.eigenvalues, saddle.eigenvalue_latex, saddle.eigenvectors, saddle.eigenvector_latex), 1):
            lines.append(eigen_pair(index, value, value_latex, vector_latex, gap=r"\ ").scale(0.8))
            arrows.append(eigen_arrow(axes.c2p(*saddle.point), axes.c2p(*(saddle.point + 1.2 * vector)), value))
        panel = stacked(hessian, *lines, buff=0.2).next_to(self.formula, DOWN, buff=0.4, aligned_edge=LEFT)
        return panel, arrows

    def before_after(self, step: PathTracer, data: EscapeSaddleData) -> VGroup:
        before = VGroup(words("esc.before", SMALL_SIZE), MathTex("L =", color=THEME.loss),
                        Text(f"{data.step.losses[0]:.2f}", font_size=SMALL_SIZE + 6, color=THEME.loss)).arrange(RIGHT)
        after = VGroup(words("esc.after", SMALL_SIZE), step.readout("L =", data.step.losses, THEME.loss, "{:.2f}"))
        model = words("esc.model_predicts", SMALL_SIZE, {"value": f"{data.model_after_step:.2f}"},
                      color=THEME.hessian)
        return stacked(before, after.arrange(RIGHT), model, buff=0.2)

    def slice_plot(self, data: EscapeSaddleData) -> VGroup:
        s = data.slice_lengths
        exact_label = VGroup(words("esc.exact", SMALL_SIZE, color=THEME.loss),
                             MathTex(data.slice_exact_latex, color=THEME.loss, font_size=32)).arrange(RIGHT)
        model_label = VGroup(words("esc.model", SMALL_SIZE, color=THEME.hessian),
                             MathTex(data.slice_model_latex, color=THEME.hessian, font_size=32)).arrange(RIGHT)
        legend = stacked(exact_label, model_label, buff=0.15).next_to(self.formula, DOWN, buff=0.4, aligned_edge=LEFT)
        # No tick number where a curve crosses an axis: the model crosses the s axis, both cross the L axis at s = 0.
        crossings = s[:-1][np.diff(np.sign(data.slice_model)) != 0]
        through = [np.interp(0, s, curve) for curve in (data.slice_exact, data.slice_model)]
        plot = Axes(x_range=[s[0], s[-1], 1], y_range=[-3, 2, 1], x_length=5.4, y_length=3.2, tips=False,
                    axis_config={"color": THEME.muted, "include_numbers": True, "font_size": NUMBER_SIZE},
                    x_axis_config={"numbers_to_exclude": sorted({round(float(c)) for c in crossings})},
                    y_axis_config={"numbers_to_exclude": sorted({round(float(v)) for v in through})})
        plot.next_to(legend, DOWN, buff=0.4).align_to(self.formula, RIGHT)
        exact = polyline(plot, list(zip(s, data.slice_exact)), THEME.loss, smooth=True)
        model = plotted(DashedVMobject(polyline(plot, list(zip(s, data.slice_model)), THEME.hessian, smooth=True),
                                       num_dashes=40))
        label = MathTex(data.slice_variable_latex, font_size=NUMBER_SIZE).next_to(plot.x_axis, RIGHT, buff=0.15)
        marks = VGroup(Dot(plot.c2p(data.step_length, data.step.losses[-1]), color=THEME.loss),
                       Dot(plot.c2p(data.step_length, data.model_after_step), color=THEME.hessian))
        return VGroup(plot, label, exact, model, legend, marks)

    def cost_argument(self, data: EscapeSaddleData) -> None:
        cost, lanczos = data.cost, data.lanczos
        self.show_title("esc.cost_title")
        entries = MathTex(rf"H \in \mathbb{{R}}^{{P \times P}}:\ P = {cost.parameters_latex}"
                          rf"\ \Rightarrow\ P^2 = {cost.entries_latex}", color=THEME.hessian)
        size = words("esc.terabytes", BODY_SIZE, {"tb": f"{cost.terabytes:.0f}"}, color=THEME.hessian)
        top = VGroup(entries, size).arrange(DOWN, buff=0.25).next_to(UP * 2.4, DOWN)
        self.say("esc.cost_entries", FadeIn(top), params=power_of_ten(cost.parameters),
                 entries=power_of_ten(cost.entries), tb=f"{cost.terabytes:.0f}")
        hvp = VGroup(MathTex(r"H v", color=THEME.hessian), words("esc.hvp_cost", BODY_SIZE)).arrange(RIGHT)
        hvp.next_to(top, DOWN, buff=0.5)
        self.say("esc.hvp", FadeIn(hvp))
        facts = stacked(
            words("esc.network", SMALL_SIZE, {"params": f"{lanczos.parameters:,}"}),
            words("esc.products", SMALL_SIZE, {"products": lanczos.products}, color=THEME.gradient),
            MathTex(rf"\lambda_{{\min}} = {lanczos.eigenvalue:.3f}", color=THEME.negative, font_size=36),
            words("esc.dense_cost", SMALL_SIZE, {"params": f"{lanczos.parameters:,}",
                                                  "entries": f"{lanczos.parameters**2:,}"}, color=THEME.muted),
        ).next_to(hvp, DOWN, buff=0.5)
        self.say("esc.lanczos", FadeIn(facts, shift=UP * 0.2), params=f"{lanczos.parameters:,}",
                 value=f"{lanczos.eigenvalue:.3f}", products=lanczos.products)
        losses = {"before": f"{lanczos.loss_before:.4f}", "after": f"{lanczos.loss_after:.4f}"}
        step = words("esc.network_step", SMALL_SIZE, {"step": f"{lanczos.step:g}", **losses}, color=THEME.negative)
        self.say("esc.lanczos_step", FadeIn(step.next_to(facts, DOWN, buff=0.3, aligned_edge=LEFT)))
        self.say("esc.later")
        self.wait(1)
