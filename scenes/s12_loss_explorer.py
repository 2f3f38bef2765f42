"""Beyond the lecture: the loss explorer. The lecture's analysis for any loss of two parameters (default: the toy
network on [-2, 2]²): surface, every critical point by kind, curves of critical points, eigen-directions, and an
escape from each saddle; in 3 to 8 variables, each saddle through the plane of its extreme eigenvectors.

`saddle explore EXPR --box ...` analyses the loss and hands this scene the analysis in its render job."""

from __future__ import annotations

import dataclasses
import sys

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
    Dot,
    FadeIn,
    FadeOut,
    Line,
    MathTex,
    ThreeDAxes,
    VGroup,
    Write,
)

from mathcore.errors import LossError
from mathcore.story.s12_loss_explorer import ExplorerData, ExplorerManyData, explore
from scenes.job import current_job
from scenes.kit.lecture_scene import LectureScene3D, stacked
from scenes.kit.legend import legend_row, sign_legend
from scenes.kit.linalg import eigen_arrow
from scenes.kit.look import NUMBER_SIZE, SMALL_SIZE, THEME, text, words
from scenes.kit.maps import PathTracer, band_map, polyline, slow_start
from scenes.kit.surface import loss_surface

KIND_COLORS = {
    "minimum": "positive", "maximum": "hessian", "saddle": "negative", "undecided": "zero", "mixed": "muted",
}

OBLIQUE = {"phi": 62 * DEGREES, "theta": -58 * DEGREES, "zoom": 1.0}  # the view of a surface
FROM_ABOVE = {"phi": 0, "theta": -90 * DEGREES, "focal_distance": 200, "zoom": 1, "frame_center": ORIGIN}  # a true map


def kind_color(kind: str) -> str:
    return getattr(THEME, KIND_COLORS[kind])


class LossExplorer(LectureScene3D):
    """Surface in 3-D from the first second, then from straight above as filled contour bands (as every map of the
    lecture): critical points, curves, eigenvectors, escapes."""

    side = 6.0  # length of the longer horizontal axis
    height = 2.8  # length of the loss axis
    arrow_length = 0.8  # on screen
    legend_width = 4.2  # at most: the map takes the rest
    escape_seconds = 6.0
    slice_side = 5.0  # a slice's map leaves room for its caption and the legend (left)
    source: tuple = ()  # (expression, box, variables) to analyse when no job hands over an analysis

    def construct(self):
        try:
            request = current_job().explore
            data = request.analysis() if request else explore(*self.source)
        except LossError as error:  # the same one line as `saddle analyze`, never a traceback
            print(f"saddle: error: {error}", file=sys.stderr)
            sys.exit(2)
        if isinstance(data, ExplorerManyData):
            self.many_variables(data)
        else:
            self.two_variables(data)
        self.say("exp.end")
        self.wait(1)

    def formula(self, data: ExplorerData | ExplorerManyData) -> VGroup:
        """L(…) = … and its box, pinned top right."""
        formula = MathTex(rf"L({', '.join(data.variable_latex)}) = {data.loss_latex}", font_size=34)
        ranges = r" \times ".join(f"[{lo:g}, {hi:g}]" for lo, hi in zip(data.box[::2], data.box[1::2]))
        box = MathTex(rf"({', '.join(data.variable_latex)}) \in {ranges}", font_size=NUMBER_SIZE, color=THEME.muted)
        formula = VGroup(formula.scale_to_fit_width(min(formula.width, 6.4)),
                         box.scale_to_fit_width(min(box.width, 6.4))).arrange(DOWN, aligned_edge=RIGHT)
        formula.to_corner(UP + RIGHT, buff=0.4)
        self.pin(formula)
        return formula

    def many_variables(self, data: ExplorerManyData) -> None:
        """No surface in n > 2 variables: the counts, then each chosen saddle through its slice."""
        self.set_camera_orientation(**OBLIQUE)
        title = self.show_title("exp.title")
        formula = self.formula(data)
        counts = "   ".join(f"{index}: {count}" for index, count in data.by_index.items())
        by_index = words("exp.by_index", SMALL_SIZE, {"counts": counts}, color=THEME.muted)
        by_index.next_to(formula, DOWN, aligned_edge=RIGHT, buff=0.25)
        self.pin_unseen(by_index)
        self.say("exp.many_intro", Write(formula), FadeIn(by_index), run_time=1.5, n=len(data.variable_latex),
                 points=data.points, minima=data.kinds["minimum"], saddles=data.kinds["saddle"],
                 maxima=data.kinds["maximum"])
        if not data.slices:
            self.say("exp.no_saddle")
            return
        legend = stacked(*sign_legend(), legend_row(Line(LEFT * 0.2, RIGHT * 0.2, color=THEME.theta, stroke_width=4),
                                                    words("exp.descent", SMALL_SIZE)), buff=0.22)
        legend.to_corner(LEFT + DOWN, buff=0.6)  # under the slice's caption, where the map leaves room
        self.pin_unseen(legend)
        for cut in data.slices:
            view, (saddle,) = cut.view, cut.view.points
            axes = self.axes(view, side=self.slice_side, shift=RIGHT * 2.0 + DOWN * 0.95)
            surface = loss_surface(axes, view.mesh, colorscale=THEME.surface, opacity=0.9)
            bands = self.bands(axes, view)
            place = lambda p, z, axes=axes: axes.c2p(p[0], p[1], z)  # noqa: E731
            dot = Dot(place(saddle.point, saddle.value), radius=0.09, color=kind_color("saddle"))
            point = "(" + ", ".join(f"{c:.3g}" for c in cut.point) + ")"
            vectors = ",\\ ".join(f"u_{sign} = ({', '.join(f'{c:.2g}' for c in u)})"
                                   for sign, u in zip("-+", cut.directions))
            caption = stacked(words("exp.slice_caption", SMALL_SIZE, {"point": point, "index": cut.index}),
                              MathTex(vectors, font_size=28, color=THEME.muted),
                              *(words(key, SMALL_SIZE, color=THEME.muted)
                                for key in ("exp.slice_minus", "exp.slice_plus")), buff=0.15)
            caption.scale_to_fit_width(min(caption.width, 4.4)).next_to(title, DOWN, aligned_edge=LEFT, buff=1.0)
            self.pin_unseen(caption)
            low, high = (f"{v:.3g}".replace("-", "\u2212") for v in saddle.eigenvalues)
            self.move_camera(**self.oblique(axes), focal_distance=20, run_time=0.5)
            self.say("exp.slice", Create(axes), FadeIn(surface), FadeIn(dot), FadeIn(caption), FadeIn(legend),
                     run_time=2, index=cut.index, low=low, high=high)
            self.move_camera(**FROM_ABOVE, run_time=2, added_anims=[FadeOut(surface), FadeIn(bands)])
            edges = self.map_edges(axes, view)
            scale = self.arrow_length / axes.x_axis.get_unit_size()
            arrows = VGroup(*(eigen_arrow(place(saddle.point, saddle.value),
                                          place(saddle.point + scale * vector, saddle.value), value, width=4, tip=0.3)
                              for value, vector in zip(saddle.eigenvalues, saddle.eigenvectors)))
            path = saddle.escape
            tracer = PathTracer(axes, dataclasses.replace(path, points=np.column_stack([path.points, path.losses])),
                                THEME.theta, width=4, radius=0.06)
            self.add(tracer.trail, tracer.dot)
            self.say("exp.slice_escape", FadeIn(arrows), FadeIn(edges), tracer.run(self.escape_seconds, slow_start),
                     run_time=self.escape_seconds)
            if cut is not data.slices[-1]:  # the last slice stays on screen to the end
                self.play(*(FadeOut(m) for m in (axes, bands, dot, arrows, tracer.trail, tracer.dot, caption, edges)))

    def two_variables(self, data: ExplorerData) -> None:
        # Section: the loss and its surface, there from the first second
        axes = self.axes(data)
        self.set_camera_orientation(**self.oblique(axes))
        self.show_title("exp.title")
        surface = loss_surface(axes, data.mesh, colorscale=THEME.surface, opacity=0.9)
        formula = self.formula(data)
        self.say("exp.intro", Write(formula), FadeIn(axes), FadeIn(surface), run_time=1.5)
        self.begin_ambient_camera_rotation(rate=0.12)
        self.say("exp.surface")
        self.stop_ambient_camera_rotation()
        bands = self.bands(axes, data)
        self.play(FadeOut(surface), FadeIn(bands), run_time=1)  # the surface becomes its map, then the map turns up
        self.move_camera(**FROM_ABOVE, run_time=2)

        # Section: critical points and curves, by kind
        place = lambda p, z: axes.c2p(p[0], p[1], z)  # noqa: E731 — on the surface, so the top view lines up
        dots = VGroup(*(Dot(place(p.point, p.value), radius=0.09, color=kind_color(p.kind)) for p in data.points))
        legend, edges = self.legend(data), self.map_edges(axes, data)
        self.say("exp.points", FadeIn(dots), FadeIn(legend), FadeIn(edges), minima=data.count("minimum"),
                 maxima=data.count("maximum"), saddles=data.count("saddle"), undecided=data.count("undecided"))
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

    @staticmethod
    def oblique(axes: ThreeDAxes) -> dict:
        """The view of a surface: from the side, looking at the top of its box, which puts the surface in the
        middle of the picture (moving the frame's centre sideways would move the pinned words too)."""
        middle = [(axis.x_range[0] + axis.x_range[1]) / 2 for axis in axes.get_axes()]
        middle[2] = axes.z_range[1]
        return OBLIQUE | {"frame_center": OUT * axes.c2p(*middle)[2]}

    def axes(self, data: ExplorerData, side: float | None = None, shift=LEFT * 1.4 + DOWN * 0.45) -> ThreeDAxes:
        x0, x1, y0, y1 = data.box
        z = data.mesh.z
        low, high = float(np.min(z)), float(np.max(z))
        high = high if high > low else low + 1
        unit = (side or self.side) / max(x1 - x0, y1 - y0)
        axes = ThreeDAxes(x_range=[x0, x1, (x1 - x0) / 4], y_range=[y0, y1, (y1 - y0) / 4],
                          z_range=[low, high, (high - low) / 2], x_length=unit * (x1 - x0),
                          y_length=unit * (y1 - y0), z_length=self.height, tips=False,
                          axis_config={"color": THEME.muted, "stroke_width": 2})
        return axes.shift(shift)

    @staticmethod
    def bands(axes: ThreeDAxes, data: ExplorerData) -> VGroup:
        """The map from above: the loss's contour bands on the floor of the axes (the surface's lowest value)."""
        floor = float(np.min(data.mesh.z))
        return band_map(lambda x, y: axes.c2p(x, y, floor), data.bands)

    def map_edges(self, axes: ThreeDAxes, data: ExplorerData) -> VGroup:
        """Once the camera looks straight down: the two variables and the box's ends beside the map, pinned, so a
        critical point's place can be read off (the 3-D axes' own labels would lie flat in the view)."""
        x0, x1, y0, y1 = data.box
        floor = float(np.min(data.mesh.z))
        at = lambda x, y: self.on_screen(axes.c2p(x, y, floor))  # noqa: E731
        edges = VGroup(
            MathTex(data.variable_latex[0], font_size=36).next_to(at((x0 + x1) / 2, y0), DOWN, buff=0.15),
            MathTex(data.variable_latex[1], font_size=36).next_to(at(x0, (y0 + y1) / 2), LEFT, buff=0.2),
            *(MathTex(f"{x:g}", font_size=NUMBER_SIZE, color=THEME.muted).next_to(at(x, y0), DOWN, buff=0.1)
              for x in (x0, x1)),
            *(MathTex(f"{y:g}", font_size=NUMBER_SIZE, color=THEME.muted).next_to(at(x0, y), LEFT, buff=0.1)
              for y in (y0, y1)),
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


class LossExplorerThreeWells(LossExplorer):
    """The explorer on a loss of three variables, Σ (xᵢ² − 1)²: counts by index, then saddles through slices."""

    source = ("(x**2-1)**2+(y**2-1)**2+(z**2-1)**2", None, "x,y,z")
