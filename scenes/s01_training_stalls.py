"""Storyboard part 1: training stalls — the loss flattens, the ball stops where the slope is zero."""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    ORIGIN,
    RIGHT,
    UP,
    Axes,
    Brace,
    Create,
    Dot,
    FadeIn,
    Indicate,
    Line,
    MathTex,
    ValueTracker,
    VGroup,
    VMobject,
    Write,
    always_redraw,
    rush_into,
)

from mathcore.story.s01_training_stalls import TrainingStallsData, training_stalls
from scenes.kit.layout import plotted
from scenes.kit.lecture_scene import LectureScene
from scenes.kit.look import BODY_SIZE, NUMBER_SIZE, SMALL_SIZE, THEME, words
from scenes.kit.maps import polyline


def themed_axes(x_range, y_range, x_length, y_length, x_label, y_label, x_numbers=True):
    """Plain axes in the muted colour with their labels, numbers readable at 480p."""
    axes = Axes(x_range=x_range, y_range=y_range, x_length=x_length, y_length=y_length, tips=False,
                axis_config={"color": THEME.muted, "include_numbers": True, "font_size": NUMBER_SIZE},
                x_axis_config={"include_numbers": x_numbers})
    x_label.next_to(axes.x_axis, DOWN, buff=0.2) if x_numbers else x_label.next_to(axes.x_axis, RIGHT, buff=0.2)
    return axes, VGroup(x_label, y_label.next_to(axes.y_axis, UP, buff=0.15))


class TrainingStalls(LectureScene):
    """Gradient descent creeps into a flat saddle: the loss curve stalls far above the lowest loss."""

    start = 0.1
    learning_rate = 0.02
    steps = 120
    descent_seconds = 8.0
    ball_radius = 0.13
    tangent_half_width = 0.45  # in θ units: the short green lines that show "slope zero"

    def construct(self):
        data = training_stalls(self.start, self.learning_rate, self.steps)
        self.show_title("ts.title")

        # Section: the loss curve, the landscape and the descent that stalls
        curve_axes, curve_labels = themed_axes([0, self.steps, 40], [0, 4, 1], 5.0, 3.5, words("ts.step", SMALL_SIZE),
                                               words("ts.loss", SMALL_SIZE))
        VGroup(curve_axes, curve_labels).to_edge(RIGHT, buff=0.6)
        self.say("ts.intro", Create(curve_axes), FadeIn(curve_labels), run_time=1.5)
        landscape, landscape_labels = themed_axes([0, 7.2, 1], [0, 4, 1], 6.0, 3.5, MathTex(data.variable_latex),
                                                  words("ts.loss", SMALL_SIZE), x_numbers=False)
        VGroup(landscape, landscape_labels).to_edge(LEFT, buff=0.6).shift(
            UP * (curve_axes.c2p(0, 0)[1] - landscape.c2p(0, 0)[1]))
        terrain = polyline(landscape, np.column_stack([data.landscape_theta, data.landscape_loss]), THEME.loss,
                           smooth=True)
        self.play(Create(landscape), FadeIn(landscape_labels), Create(terrain), run_time=1.5)

        progress = ValueTracker(0)
        ball = always_redraw(lambda: self.ball_at(landscape, data, progress.get_value()))
        trace = always_redraw(lambda: self.loss_trace(curve_axes, data, progress.get_value()))
        self.play(FadeIn(ball, scale=0.5), run_time=0.6)
        self.add(trace)
        self.say("ts.landscape", progress.animate(rate_func=rush_into).set_value(self.steps),
                 run_time=self.descent_seconds)
        ball.clear_updaters()
        trace.clear_updaters()
        self.say("ts.slows", Indicate(ball, color=THEME.theta))

        plateau = data.path_loss[-1]
        gap = Line(curve_axes.c2p(self.steps, 0), curve_axes.c2p(self.steps, plateau))
        brace = Brace(gap, LEFT, color=THEME.muted, buff=0.1)
        gap_label = words("ts.gap", SMALL_SIZE).next_to(brace, LEFT, buff=0.15)
        self.say("ts.plateau", FadeIn(brace), FadeIn(gap_label))

        # Section: gradient = 0 → training stops
        saddle = data.critical_kinds.index("saddle")
        stall = self.tangent(landscape, data.critical_theta[saddle], data.critical_loss[saddle])
        rule = VGroup(MathTex(data.stop_condition_latex, color=THEME.gradient),
                      words("ts.stop_rule", BODY_SIZE, t2c={"= 0": THEME.gradient})).arrange(RIGHT, buff=0.5)
        rule.to_edge(DOWN, buff=0.35)
        self.say("ts.stop_said", Create(stall), Write(rule), run_time=2)

        # Section: the critical points of this landscape, by name
        self.name_critical_points(landscape, data, stall, ball)
        self.wait(1)

    def ball_at(self, axes: Axes, data: TrainingStallsData, step: float) -> Dot:
        """The ball at a fractional step of the recorded path, resting on the curve."""
        theta = np.interp(step, np.arange(len(data.path_theta)), data.path_theta)
        loss = np.interp(step, np.arange(len(data.path_loss)), data.path_loss)
        return Dot(axes.c2p(theta, loss) + UP * self.ball_radius, radius=self.ball_radius, color=THEME.theta)

    def loss_trace(self, axes: Axes, data: TrainingStallsData, step: float) -> VMobject:
        """The recorded loss from step 0 up to the current (fractional) step."""
        done = int(np.floor(step))
        points = [axes.c2p(i, data.path_loss[i]) for i in range(done + 1)]
        if step > done:
            points.append(axes.c2p(step, np.interp(step, [done, done + 1], data.path_loss[done:done + 2])))
        trace = plotted(VMobject(color=THEME.theta, stroke_width=4))
        return trace.set_points_as_corners(points if len(points) > 1 else points * 2)

    def tangent(self, axes: Axes, theta: float, loss: float) -> Line:
        """A short horizontal line in the gradient's green: the slope there is zero."""
        return Line(axes.c2p(theta - self.tangent_half_width, loss), axes.c2p(theta + self.tangent_half_width, loss),
                    color=THEME.gradient, stroke_width=5)

    def name_critical_points(self, axes: Axes, data: TrainingStallsData, stall: Line, ball: Dot) -> None:
        """Every zero of the slope gets its green tangent and its name; the saddle is where the ball stopped."""
        names = {"minimum": "ts.local_minimum", "maximum": "ts.local_maximum", "saddle": "ts.saddle_point"}
        marks = {kind: VGroup() for kind in names}
        for theta, loss, kind in zip(data.critical_theta, data.critical_loss, data.critical_kinds):
            tangent = stall if kind == "saddle" else self.tangent(axes, theta, loss)
            label = words(names[kind], SMALL_SIZE, color=THEME.negative if kind == "saddle" else THEME.text)
            if kind == "saddle":  # above the ball, leaning right where the slope goes on down
                label.next_to(tangent, UP, buff=2.5 * self.ball_radius).align_to(tangent, LEFT)
            elif loss == data.lowest_loss:  # the lowest point sits on the θ axis: name it under the axis
                label.next_to(tangent, DOWN, buff=0.2)
            elif kind == "maximum":  # leaning left, clear of the steep wall on the right
                label.next_to(tangent, UP, buff=0.2).align_to(tangent, RIGHT)
            else:
                label.next_to(tangent, DOWN, buff=0.2)
            marks[kind].add(VGroup(tangent, label))
        sample = Line(ORIGIN, RIGHT * 0.6, color=THEME.gradient, stroke_width=5)
        critical = VGroup(sample, words("ts.critical_point", BODY_SIZE, color=THEME.gradient)).arrange(RIGHT)
        critical.next_to(axes, UP, buff=0.2)
        self.say("ts.critical_said", Write(critical))
        self.say("ts.minimum_said", *(Create(m[0]) for m in marks["minimum"]),
                 *(FadeIn(m[1]) for m in marks["minimum"]), *(Create(m[0]) for m in marks["maximum"]),
                 *(FadeIn(m[1]) for m in marks["maximum"]))
        self.say("ts.saddle_said", FadeIn(marks["saddle"][0][1]), Indicate(ball, color=THEME.negative))
        self.say("ts.not_stuck_said")
