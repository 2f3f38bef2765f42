"""Beyond the lecture: the loss explorer. The lecture's analysis for any loss of two parameters, given by the
environment (LOSS_EXPR, LOSS_BOX="xmin xmax ymin ymax"; default: the toy network on [-2, 2]²):
surface, every critical point by kind, curves of critical points, eigen-directions, and an escape from each saddle.

`saddle explore EXPR --box ...` sets the environment and renders this scene."""

from __future__ import annotations

import dataclasses
import sys

import numpy as np
from manim import DEGREES, DOWN, LEFT, RIGHT, UP, Create, Dot, FadeIn, Line, MathTex, ThreeDAxes, VGroup, Write

from mathcore.errors import LossError
from mathcore.story.s12_loss_explorer import ExplorerData, explore, from_environment
from scenes.kit.legend import legend_row, sign_legend
from scenes.kit.linalg import eigen_arrow
from scenes.kit.maps import PathTracer, polyline, slow_start
from scenes.kit.style import SMALL_SIZE, THEME, LectureScene3D, stacked, text, words
from scenes.kit.surface import loss_surface

KIND_COLORS = {
    "minimum": "positive", "maximum": "hessian", "saddle": "negative", "flat": "zero", "mixed": "muted",
}


def kind_color(kind: str) -> str:
    return getattr(THEME, KIND_COLORS[kind])


class LossExplorer(LectureScene3D):
    """Surface in 3-D, then from straight above: critical points, curves, eigenvectors, escapes."""

    side = 5.6  # length of the longer horizontal axis
    height = 2.4  # length of the loss axis
    arrow_length = 0.8  # on screen
    legend_width = 4.2  # at most: the map takes the rest
    escape_seconds = 6.0

    def construct(self):
        try:
            data = explore(*from_environment())
        except LossError as error:  # the same one line as `saddle analyze`, never a traceback
            print(f"saddle: error: {error}", file=sys.stderr)
            sys.exit(2)

        # Section: the loss and its surface
        self.set_camera_orientation(phi=62 * DEGREES, theta=-58 * DEGREES, zoom=0.75)
        self.show_title("exp.title")
        formula = MathTex(rf"L({', '.join(data.variable_latex)}) = {data.loss_latex}", font_size=34)
        x0, x1, y0, y1 = data.box
        variables = ", ".join(data.variable_latex[:2])
        box = MathTex(rf"({variables}) \in [{x0:g}, {x1:g}] \times [{y0:g}, {y1:g}]",
                      font_size=30, color=THEME.muted)
        formula = VGroup(formula.scale_to_fit_width(min(formula.width, 6.4)), box).arrange(DOWN, aligned_edge=RIGHT)
        formula.to_corner(UP + RIGHT, buff=0.4)
        self.pin(formula)
        axes = self.axes(data)
        self.say("exp.intro", Write(formula), Create(axes), run_time=1.5)
        surface = loss_surface(axes, data.mesh, colorscale=THEME.surface, opacity=0.9)
        self.play(FadeIn(surface), run_time=1.5)
        self.begin_ambient_camera_rotation(rate=0.12)
        self.say("exp.surface")
        self.stop_ambient_camera_rotation()
        self.move_camera(phi=0, theta=-90 * DEGREES, focal_distance=200, zoom=1, run_time=2)  # far: a true map

        # Section: critical points and curves, by kind
        place = lambda p, z: axes.c2p(p[0], p[1], z)  # noqa: E731 — on the surface, so the top view lines up
        dots = VGroup(*(Dot(place(p.point, p.value), radius=0.09, color=kind_color(p.kind)) for p in data.points))
        legend, edges = self.legend(data), self.map_edges(axes, data)
        self.say("exp.points", FadeIn(dots), FadeIn(legend), FadeIn(edges), minima=data.count("minimum"),
                 maxima=data.count("maximum"), saddles=data.count("saddle"), flats=data.count("flat"))
        if data.curves:
            curves = VGroup(*(polyline(axes, np.column_stack([b, h]), kind_color(c.kind), width=5)
                              for c in data.curves for b, h in zip(c.branches, c.heights)))
            self.say("exp.curves", Create(curves), run_time=2)

        # Section: eigen-directions at each point
        arrows = VGroup()
        scale = self.arrow_length / axes.x_axis.get_unit_size()
        for p in data.points:
            for value, vector in zip(p.eigenvalues, p.eigenvectors):
                arrows.add(eigen_arrow(place(p.point, p.value), place(p.point + scale * vector, p.value), value,
                                       width=4, tip=0.3))
        self.say("exp.eigen", FadeIn(arrows), run_time=1.5)
        silent = sum(p.test == "higher-order" for p in data.points)
        if silent:
            self.say("exp.higher_order", count=silent)

        # Section: an escape from every saddle
        escapes = [p.escape for p in data.points if p.escape is not None]
        if escapes:
            tracers = [PathTracer(axes, dataclasses.replace(e, points=np.column_stack([e.points, e.losses])),
                                  THEME.theta, width=4, radius=0.06) for e in escapes]
            for tracer in tracers:
                self.add(tracer.trail, tracer.dot)
            self.say("exp.escape", *(t.run(self.escape_seconds, slow_start) for t in tracers),
                     run_time=self.escape_seconds, lr=f"{data.lr:.2g}")
        else:
            self.say("exp.no_saddle")
        self.say("exp.end")
        self.wait(1)

    def axes(self, data: ExplorerData) -> ThreeDAxes:
        x0, x1, y0, y1 = data.box
        z = data.mesh.z
        low, high = float(np.min(z)), float(np.max(z))
        high = high if high > low else low + 1
        unit = self.side / max(x1 - x0, y1 - y0)
        axes = ThreeDAxes(x_range=[x0, x1, (x1 - x0) / 4], y_range=[y0, y1, (y1 - y0) / 4],
                          z_range=[low, high, (high - low) / 2], x_length=unit * (x1 - x0),
                          y_length=unit * (y1 - y0), z_length=self.height, tips=False,
                          axis_config={"color": THEME.muted, "stroke_width": 2})
        return axes.shift(LEFT * 0.9 + DOWN * 0.4)

    def map_edges(self, axes: ThreeDAxes, data: ExplorerData) -> VGroup:
        """Once the camera looks straight down: the two variables and the box's ends beside the map, pinned, so a
        critical point's place can be read off (the 3-D axes' own labels would lie flat in the view)."""
        x0, x1, y0, y1 = data.box
        floor = float(np.min(data.mesh.z))
        at = lambda x, y: self.on_screen(axes.c2p(x, y, floor))  # noqa: E731
        edges = VGroup(
            MathTex(data.variable_latex[0], font_size=32).next_to(at((x0 + x1) / 2, y0), DOWN, buff=0.15),
            MathTex(data.variable_latex[1], font_size=32).next_to(at(x0, (y0 + y1) / 2), LEFT, buff=0.2),
            *(MathTex(f"{x:g}", font_size=24, color=THEME.muted).next_to(at(x, y0), DOWN, buff=0.1) for x in (x0, x1)),
            *(MathTex(f"{y:g}", font_size=24, color=THEME.muted).next_to(at(x0, y), LEFT, buff=0.1) for y in (y0, y1)),
        )
        self.pin_unseen(edges)
        return edges

    def legend(self, data: ExplorerData) -> VGroup:
        """Kinds present, the eigen colours, and the descent; pinned to the screen."""
        rows = [legend_row(Dot(radius=0.09, color=kind_color(kind)), words(f"exp.{kind}", SMALL_SIZE))
                for kind in KIND_COLORS if data.count(kind)]
        if data.curves:
            for kind in dict.fromkeys(c.kind for c in data.curves):
                rows.append(legend_row(Line(LEFT * 0.15, RIGHT * 0.15, color=kind_color(kind), stroke_width=5),
                                       words("exp.curve", SMALL_SIZE, {"kind": text(f"exp.{kind}")})))
        rows += sign_legend()
        if any(p.escape is not None for p in data.points):
            rows.append(legend_row(Line(LEFT * 0.2, RIGHT * 0.2, color=THEME.theta, stroke_width=4),
                                   words("exp.descent", SMALL_SIZE)))
        legend = stacked(*rows, buff=0.22)
        legend.scale_to_fit_width(min(legend.width, self.legend_width)).to_edge(RIGHT, buff=0.4).shift(DOWN * 0.5)
        self.pin(legend)
        return legend
