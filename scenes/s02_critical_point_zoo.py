"""Storyboard part 2: local minimum, local maximum and saddle point side by side, all with zero gradient."""

from __future__ import annotations

import numpy as np
from manim import (
    DEGREES,
    DOWN,
    OUT,
    PI,
    RIGHT,
    UP,
    Create,
    Dot3D,
    FadeIn,
    Indicate,
    MathTex,
    Polygon,
    Rotate,
    ThreeDAxes,
    VGroup,
    Write,
)

from mathcore.story.s02_critical_point_zoo import ZooMember, critical_point_zoo
from scenes.kit.lecture_scene import LectureScene3D
from scenes.kit.look import BODY_SIZE, SMALL_SIZE, THEME, words
from scenes.kit.surface import loss_surface

KIND_KEYS = {"minimum": "zoo.minimum", "maximum": "zoo.maximum", "saddle": "zoo.saddle"}


def screen_right(theta: float) -> np.ndarray:
    """The world direction that a camera at azimuth theta shows as straight to the right (for any phi)."""
    return np.array([np.cos(theta + PI / 2), np.sin(theta + PI / 2), 0.0])


class CriticalPointZoo(LectureScene3D):
    """Bowl, dome and saddle: three ways for the gradient to vanish, only one of them a local minimum."""

    phi = 62 * DEGREES
    theta = -60 * DEGREES
    spacing = 4.6  # between the surfaces' centres, along the screen's horizontal
    side = 2.5  # length of each surface's x and y axes
    height = 1.8  # length of each z axis, for z in [-2, 2]
    label_row = -2.45  # screen height of the kind labels
    drop = -0.8  # the camera looks at this height, so the row of surfaces sits above the labels
    saddle_turn = PI / 2

    def construct(self):
        data = critical_point_zoo()
        self.set_camera_orientation(phi=self.phi, theta=self.theta, frame_center=OUT * self.drop)
        self.show_title("zoo.title")
        self.say("zoo.intro")

        # Section: the three surfaces, one by one
        right = screen_right(self.theta)
        shelves = []
        for index, member in enumerate(data.members):
            offset = (index - 1) * self.spacing
            axes, surface = self.shelf(member, data.box, offset * right)
            label = VGroup(words(KIND_KEYS[member.kind], BODY_SIZE),
                           MathTex(f"L = {member.loss_latex}", font_size=34)).arrange(DOWN, buff=0.2)
            label.move_to(RIGHT * offset + UP * self.label_row)
            self.pin(label)
            self.say(f"zoo.{member.kind}_said", Create(axes), FadeIn(surface), FadeIn(label), run_time=1.5)
            shelves.append((member, axes, surface, label))

        # Section: turn the saddle, so its two directions show
        _, saddle_axes, saddle_surface, _ = shelves[2]
        self.say("zoo.turn_said", Rotate(VGroup(saddle_axes, saddle_surface), self.saddle_turn, axis=OUT,
                                         about_point=saddle_axes.c2p(0, 0, 0)), run_time=3)

        # Section: the gradient is zero at all three — flat tangent planes
        planes = [self.tangent_plane(member, axes) for member, axes, _, _ in shelves]
        flat = VGroup(*(MathTex(r"g = 0", color=THEME.gradient, font_size=34) for _ in shelves))
        for mark, (_, _, _, label) in zip(flat, shelves):
            mark.next_to(label, UP, buff=0.2)
        self.pin(*flat)
        self.say("zoo.flat_said", *(FadeIn(plane) for plane in planes), *(Write(mark) for mark in flat), run_time=2)

        # Section: the message
        message = VGroup(words("zoo.dont", BODY_SIZE, color=THEME.hessian), words("zoo.why", SMALL_SIZE))
        message.arrange(DOWN, buff=0.15).to_edge(DOWN, buff=0.2)
        labels = VGroup(*(label for *_, label in shelves))
        self.pin(message)
        self.play(labels.animate.shift(UP * 0.55), flat.animate.shift(UP * 0.55), run_time=0.8)
        self.say("zoo.dont_said", FadeIn(message, shift=UP * 0.2), Indicate(shelves[2][3][0], color=THEME.negative))
        self.say("zoo.critical_said")
        self.wait(1)

    def shelf(self, member: ZooMember, box, centre: np.ndarray) -> tuple[ThreeDAxes, object]:
        """Small axes centred at `centre` with the member's surface coloured by height."""
        axes = ThreeDAxes(x_range=[box[0], box[1], 1], y_range=[box[2], box[3], 1], z_range=[-2, 2, 1],
                          x_length=self.side, y_length=self.side, z_length=self.height, tips=False,
                          axis_config={"color": THEME.muted, "stroke_width": 2})
        axes.shift(centre - axes.c2p(0, 0, 0))
        surface = loss_surface(axes, member.mesh, colorscale=THEME.surface, opacity=0.95)
        return axes, surface

    def tangent_plane(self, member: ZooMember, axes: ThreeDAxes) -> VGroup:
        """The tangent plane at the critical point, translucent green (g = 0 makes it level), and θ′ in blue."""
        plane = Polygon(*(axes.c2p(*corner) for corner in member.tangent_plane), color=THEME.gradient,
                        fill_color=THEME.gradient, fill_opacity=0.35, stroke_width=2)
        dot = Dot3D(axes.c2p(*member.point, member.value), radius=0.07, color=THEME.theta)
        return VGroup(plane, dot)
