"""Storyboard part 7: the sealed coffin — closed in three dimensions, open through the fourth.

The story in a few shapes, then the mechanism one dimension lower (a square in a plane whose walls are only so
high, passed over through height) and at full size: the coffin as the slice w = 0 of a 4-D box (a tesseract,
turning in the plane of x and w, colour carrying w), the grail leaving our space, passing over the wall in w and
coming back; then the lesson for error surfaces. Every box, point, path and projection comes from
mathcore.story.s07_sealed_coffin."""

from __future__ import annotations

import itertools
from typing import ClassVar

import numpy as np
from manim import (
    DEGREES,
    DOWN,
    IN,
    LEFT,
    ORIGIN,
    PI,
    RIGHT,
    UP,
    Circle,
    Create,
    DashedLine,
    Dot,
    Dot3D,
    FadeIn,
    FadeOut,
    Line,
    ManimColor,
    MathTex,
    MoveAlongPath,
    Polygon,
    Prism,
    Rectangle,
    Sector,
    ThreeDAxes,
    Triangle,
    UpdateFromAlphaFunc,
    ValueTracker,
    VGroup,
    VMobject,
    Write,
)

from mathcore.story.s07_sealed_coffin import SealedSpace, Tesseract, sealed_coffin, wall_crossings
from scenes.kit.lecture_scene import LectureScene3D, stacked
from scenes.kit.legend import legend_row
from scenes.kit.look import BODY_SIZE, SMALL_SIZE, THEME, TITLE_SIZE, words
from scenes.kit.maps import polyline

FLAT = {"phi": 0 * DEGREES, "theta": -90 * DEGREES}


def blend(color, w: float) -> ManimColor:
    """A colour moved towards the escape colour as the fourth coordinate w (0…1) grows."""
    return ManimColor(color).interpolate(ManimColor(THEME.negative), w)


def w_colour(w: float, extent: float) -> ManimColor:
    """Colour carrying w: the text colour in our space (w = 0), towards the escape colour for w > 0 and the θ′
    colour for w < 0, fully at |w| = extent."""
    towards = THEME.negative if w > 0 else THEME.theta
    return ManimColor(THEME.text).interpolate(ManimColor(towards), min(1.0, abs(w) / extent))


def grail(height: float = 0.7) -> VGroup:
    """A chalice from three shapes: cup (a half disc), stem, foot — in gold."""
    cup = Sector(radius=height * 0.4, start_angle=PI, angle=PI)
    stem = Rectangle(width=height * 0.08, height=height * 0.4).next_to(cup, DOWN, buff=0)
    foot = Rectangle(width=height * 0.45, height=height * 0.08).next_to(stem, DOWN, buff=0)
    return VGroup(cup, stem, foot).set_fill(THEME.zero, 1).set_stroke(width=0)


def grapes(size: float = 0.7) -> VGroup:
    """A bunch of grapes: rows of 4, 3, 2, 1 berries under a short stem."""
    radius = size / 9
    berries = VGroup(*(Dot(radius=radius, color=THEME.positive).move_to(
        [(column - (row - 1) / 2) * 2 * radius, -(4 - row) * 1.7 * radius, 0])
        for row in (4, 3, 2, 1) for column in range(row)))
    stem = Line(berries.get_top(), berries.get_top() + UP * size * 0.2, color=THEME.muted, stroke_width=3)
    return VGroup(berries, stem)


def church(width: float = 3.0) -> VGroup:
    """Hagia Sophia in silhouette: a hall, a great dome, two half domes and four minarets."""
    hall = Rectangle(width=width, height=width * 0.3)
    dome = Sector(radius=width * 0.27, angle=PI).next_to(hall, UP, buff=0)
    halves = VGroup(*(Sector(radius=width * 0.16, angle=PI).next_to(hall, UP, buff=0).shift(side * width * 0.3)
                      for side in (LEFT, RIGHT)))
    minarets = VGroup()
    for x in (-0.62, -0.5, 0.5, 0.62):
        tower = Rectangle(width=width * 0.035, height=width * 0.75).move_to(hall.get_bottom(), DOWN)
        tower.set_x(x * width)
        minarets.add(tower, Triangle().stretch_to_fit_width(width * 0.05).stretch_to_fit_height(width * 0.1)
                     .next_to(tower, UP, buff=0))
    return VGroup(minarets, hall, halves, dome).set_fill(THEME.muted, 1).set_stroke(width=0)


class SealedCoffin(LectureScene3D):
    """Diorena's trick as geometry: a wall in d dimensions is no wall in d + 1."""

    tilt: ClassVar[dict] = {"phi": 65 * DEGREES, "theta": -60 * DEGREES}
    unit = 1.45  # scene units per coordinate unit in the plane section
    coffin_unit = 1.9  # and in the coffin section

    def construct(self):
        data = sealed_coffin()
        self.title = self.show_title("coffin.title")
        self.story(data.year)
        self.flatland(data.plane)
        self.coffin_in_space(data.space, data.tesseract)
        self.lesson()

    def clear_but_title(self) -> None:
        self.play(*(FadeOut(m) for m in self.mobjects if m is not self.title), run_time=0.8)

    def pinned_words(self, key: str, size: int = SMALL_SIZE, **kwargs):
        text = words(key, size, **kwargs)
        self.pin_unseen(text)
        return text

    # Section: the story, in flat shapes
    def story(self, year: int) -> None:
        heading = words("coffin.year", TITLE_SIZE, {"year": year}, color=THEME.zero).move_to(UP * 2.3)
        source = words("coffin.source", SMALL_SIZE, color=THEME.muted).next_to(heading, DOWN, buff=0.2)
        sophia = church().move_to(LEFT * 3.6 + DOWN * 0.6)
        sophia_label = words("coffin.hagia_sophia", SMALL_SIZE, color=THEME.muted).next_to(sophia, DOWN, buff=0.25)
        self.say("coffin.story_city", Write(heading), FadeIn(source), FadeIn(sophia), FadeIn(sophia_label), year=year)

        body = Rectangle(width=3.2, height=1.3, fill_color=THEME.panel, fill_opacity=0.6, stroke_color=THEME.muted,
                         stroke_width=4)
        lid = Rectangle(width=3.5, height=0.25, fill_color=THEME.muted, fill_opacity=1, stroke_width=0).next_to(
            body, UP, buff=0)
        coffin = VGroup(body, lid).move_to(RIGHT * 2.6 + DOWN * 1.2)
        sealed = words("coffin.sealed", SMALL_SIZE, color=THEME.muted).next_to(coffin, DOWN, buff=0.25)
        cup = grail().move_to(body)
        link = DashedLine(sophia.get_right(), coffin.get_left(), color=THEME.muted)
        self.say("coffin.story_coffin", Create(link), FadeIn(coffin), FadeIn(sealed), FadeIn(cup), run_time=2)

        outside = cup.copy().next_to(coffin, UP, buff=0.5)
        bunch = grapes().move_to(body)
        self.say("coffin.story_grail", FadeOut(cup), FadeIn(outside, shift=UP * 0.3), FadeIn(bunch, scale=0.5),
                 run_time=2)
        self.say("coffin.story_how", outside.animate.scale(1.2))
        self.clear_but_title()

    # Section: a square in the plane, left through the third dimension
    def flatland(self, plane: SealedSpace) -> None:
        axes = ThreeDAxes(x_range=[-2.5, 3.2, 1], y_range=[-2, 2, 1], z_range=[0, 2, 1],
                          x_length=5.7 * self.unit, y_length=4 * self.unit, z_length=2 * self.unit,
                          axis_config={"color": THEME.muted, "include_ticks": False}, tips=False).shift(DOWN * 0.3)
        floor = Polygon(*(axes.c2p(x, y, 0) for x, y in ((-2.5, -2), (3.2, -2), (3.2, 2), (-2.5, 2))),
                        fill_color=THEME.panel, fill_opacity=0.5, stroke_width=0)
        (x0, y0), (x1, y1) = plane.box.low, plane.box.high
        wall = Polygon(*(axes.c2p(x, y, 0) for x, y in ((x0, y0), (x1, y0), (x1, y1), (x0, y1))),
                       color=THEME.text, stroke_width=6)
        cup = Dot(axes.c2p(*plane.grail, 0), radius=0.12, color=THEME.zero)
        drop = Dot(axes.c2p(*plane.drop, 0), radius=0.12, color=THEME.muted, fill_opacity=0.4)
        self.say("coffin.plane_intro", FadeIn(floor), Create(wall), FadeIn(cup), FadeIn(drop))
        self.blocked(axes, plane, cup, "coffin.plane_blocked")

        self.move_camera(**self.tilt, run_time=2)
        z_axis = axes.get_z_axis()
        height = self.pinned_words("coffin.height", color=THEME.muted).to_corner(RIGHT + UP, buff=0.6)
        fence = self.fence(axes, plane)
        tall = self.pinned_words("coffin.wall_label", fields={"h": f"{plane.wall_height:g}"}, color=THEME.muted)
        tall.next_to(height, DOWN, aligned_edge=RIGHT, buff=0.25)
        self.say("coffin.plane_walls", Create(z_axis), FadeIn(height), FadeIn(fence), FadeIn(tall),
                 h=f"{plane.wall_height:g}")
        out_path, in_path = (self.path_through(axes, path) for path in (plane.out_path, plane.in_path))
        self.say("coffin.plane_lift", Create(out_path), MoveAlongPath(cup, out_path), run_time=3)
        bunch = Dot(axes.c2p(*plane.drop, 0), radius=0.12, color=THEME.positive)
        self.add(bunch)
        self.say("coffin.plane_back", Create(in_path), MoveAlongPath(bunch, in_path), run_time=3)
        self.clear_but_title()
        self.set_camera_orientation(**FLAT)

    @staticmethod
    def fence(axes, plane: SealedSpace) -> VGroup:
        """The square's walls as they are seen from the third dimension: wall_height high."""
        (x0, y0), (x1, y1), h = plane.box.low, plane.box.high, plane.wall_height
        corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
        return VGroup(*(Polygon(*(axes.c2p(*p) for p in ((*a, 0), (*b, 0), (*b, h), (*a, h))),
                                fill_color=THEME.muted, fill_opacity=0.35, stroke_color=THEME.text, stroke_width=2)
                        for a, b in itertools.pairwise([*corners, corners[0]])))

    def blocked(self, axes, space: SealedSpace, mover, key: str) -> None:
        """The straight attempt: the mover runs into the wall and a mark says so."""
        start, stop = (axes.c2p(*p, *([0] * (3 - len(p)))) for p in space.blocked)
        line = DashedLine(start, stop, color=THEME.muted)
        mark = self.pinned_words("coffin.blocked", color=THEME.text).to_corner(RIGHT + UP, buff=0.6).shift(DOWN * 0.6)
        self.say(key, Create(line), mover.animate.move_to(stop), FadeIn(mark), run_time=2)
        self.play(mover.animate.move_to(start), FadeOut(line), FadeOut(mark))

    def path_through(self, axes, path: np.ndarray) -> VMobject:
        """A path of (x, y, height) drawn in 3-D, in the escape colour."""
        return polyline(axes, path, THEME.negative, width=5, smooth=True)

    # Section: the coffin in space, left through a fourth coordinate shown as colour
    def coffin_in_space(self, space: SealedSpace, cube: Tesseract) -> None:
        self.set_camera_orientation(**self.tilt)
        unit = self.coffin_unit
        axes = ThreeDAxes(x_range=[-2, 3, 1], y_range=[-1.5, 1.5, 1], z_range=[-1, 1, 1],
                          x_length=5 * unit, y_length=3 * unit, z_length=2 * unit,
                          axis_config={"color": THEME.muted, "include_ticks": False},
                          tips=False).shift(LEFT * 0.8 + IN * 0.8)
        center = axes.c2p(*(space.box.low + space.box.high) / 2)
        coffin = Prism(dimensions=(space.box.high - space.box.low) * unit, fill_color=THEME.muted,
                       fill_opacity=0.25, stroke_color=THEME.text, stroke_width=2).move_to(center)
        cup = Dot3D(axes.c2p(*space.grail), radius=0.13, color=THEME.zero)
        drop = Dot3D(axes.c2p(*space.drop), radius=0.1, color=THEME.muted)
        self.play(Create(axes), FadeIn(coffin), FadeIn(cup), FadeIn(drop), run_time=1.5)
        self.blocked(axes, space, cup, "coffin.space_intro")
        key = self.colour_key(space.lift)
        self.four_d_box(axes, space, cube, key)

        meter, marker, lift = self.fourth_meter(space)
        self.say("coffin.space_fourth", FadeIn(meter), FadeIn(marker))
        self.travel(axes, space, space.out_path, cup, marker, meter, lift)
        self.say("coffin.space_crossing", w=f"{space.out_path[wall_crossings(space.box, space.out_path)[0], 3]:.2f}",
                 h=f"{space.wall_height:g}")
        bunch = Dot3D(axes.c2p(*space.drop), radius=0.13, color=THEME.positive)
        self.travel(axes, space, space.in_path, bunch, marker, meter, lift, label_side=DOWN + RIGHT)
        self.say("coffin.space_back")
        self.clear_but_title()
        self.set_camera_orientation(**FLAT)

    def colour_key(self, extent: float) -> VGroup:
        """What the colour of an edge or of the path says about w, pinned bottom left."""
        rows = [legend_row(Line(LEFT * 0.2, RIGHT * 0.2, color=w_colour(w, extent), stroke_width=6),
                           words(key, SMALL_SIZE)) for w, key in ((extent, "coffin.key_above"),
                                                                  (0.0, "coffin.in_space"),
                                                                  (-extent, "coffin.key_below"))]
        key = stacked(*rows, buff=0.15).to_corner(LEFT + DOWN, buff=0.5)
        self.pin_unseen(key)
        return key

    def four_d_box(self, axes, space: SealedSpace, cube: Tesseract, key: VGroup) -> None:
        """The coffin as the slice w = 0 of the tesseract coffin × [−h, h]: its edges in perspective from w,
        coloured by w, turning once in the plane of x and w."""
        turn = ValueTracker(0)
        last = len(cube.angles) - 1
        extent = space.lift  # the same colour for the same w as the path and the key

        def frame() -> tuple[np.ndarray, np.ndarray]:
            position = float(np.clip(turn.get_value(), 0, last))
            k = min(int(position), last - 1)
            share = position - k
            return ((1 - share) * cube.projected[k] + share * cube.projected[k + 1],
                    (1 - share) * cube.w[k] + share * cube.w[k + 1])

        def place(edges: VGroup) -> VGroup:
            points, w = frame()
            for line, (a, b) in zip(edges, cube.edges):
                line.put_start_and_end_on(axes.c2p(*points[a]), axes.c2p(*points[b]))
                line.set_color(w_colour((w[a] + w[b]) / 2, extent))
            return edges

        edges = place(VGroup(*(Line(ORIGIN, RIGHT, stroke_width=4) for _ in cube.edges)))
        h = f"{space.wall_height:g}"
        label = self.pinned_words("coffin.tesseract_label").to_corner(RIGHT + UP, buff=0.6)
        self.say("coffin.tesseract_intro", Create(edges), FadeIn(key), FadeIn(label), run_time=2, h=h)
        edges.add_updater(place)
        self.say("coffin.tesseract_turn", turn.animate.set_value(last), run_time=8, rate_func=lambda t: t)
        edges.clear_updaters()
        self.play(FadeOut(edges), FadeOut(label))

    def fourth_meter(self, space: SealedSpace):
        """A pinned gauge for w: its bottom is our space (w = 0), its top the highest point of the path, with a
        mark where the walls end (w = wall height)."""
        lift = float(max(space.out_path[:, -1].max(), space.in_path[:, -1].max()))
        bar = Line(ORIGIN, UP * 2.5, color=THEME.negative, stroke_width=6)
        label = words("coffin.meter", SMALL_SIZE, color=THEME.negative).next_to(bar, UP, buff=0.2)
        ground = words("coffin.in_space", SMALL_SIZE, color=THEME.muted).next_to(bar, DOWN, buff=0.2)
        top = bar.point_from_proportion(space.wall_height / lift)
        wall = Line(top + LEFT * 0.25, top + RIGHT * 0.25, color=THEME.text, stroke_width=4)
        wall_words = words("coffin.wall_top", SMALL_SIZE, {"h": f"{space.wall_height:g}"}, color=THEME.text)
        wall_words.next_to(wall, LEFT, buff=0.15)
        meter = VGroup(bar, label, ground, wall, wall_words).to_edge(RIGHT, buff=0.5).shift(DOWN * 0.5)
        marker = Dot(bar.get_start(), radius=0.1, color=THEME.text)
        self.pin_unseen(meter, marker)
        return meter, marker, lift

    def travel(self, axes, space: SealedSpace, path: np.ndarray, mover, marker, meter, lift: float,
               label_side=UP + RIGHT) -> None:
        """Move along the 4-D path: position from (x, y, z), colour and gauge from w; the trail keeps the colour
        and a ring marks where it passes the wall, labelled with w there (on label_side: the way in and the way
        out pass the wall close together)."""
        bar = meter[0]
        base = mover.get_color()
        trail = VGroup()
        for a, b in itertools.pairwise(path):
            w = (a[3] + b[3]) / (2 * lift)
            trail.add(Line(axes.c2p(*a[:3]), axes.c2p(*b[:3]), stroke_width=5, color=blend(THEME.text, w),
                           stroke_opacity=1 - 0.4 * w))

        def follow(mob, alpha):
            index = min(int(alpha * (len(path) - 1)), len(path) - 1)
            w = path[index, 3] / lift
            mob.move_to(axes.c2p(*path[index, :3]))
            mob.set_color(blend(base, w)).set_opacity(1 - 0.6 * w)

        def gauge(mob, alpha):
            index = min(int(alpha * (len(path) - 1)), len(path) - 1)
            mob.move_to(bar.point_from_proportion(path[index, 3] / lift))

        self.add(mover)
        self.play(Create(trail), UpdateFromAlphaFunc(mover, follow), UpdateFromAlphaFunc(marker, gauge), run_time=3)
        crossings = wall_crossings(space.box, path)
        rings = [Circle(radius=0.2, color=THEME.negative, stroke_width=4).move_to(axes.c2p(*path[i, :3]))
                 for i in crossings]
        # Each ring says how far outside our space the hand was there, so a still frame explains the crossing.
        heights = [MathTex(f"w = {path[i, 3]:.2f}", font_size=30, color=THEME.negative)
                   .add_background_rectangle(color=THEME.background, opacity=0.85, buff=0.05)
                   .next_to(self.on_screen(ring.get_center()), label_side, buff=0.22)
                   for i, ring in zip(crossings, rings)]
        self.pin_unseen(*heights)
        self.play(*(Create(ring) for ring in rings), *(FadeIn(height) for height in heights), run_time=0.6)

    # Section: what it means for error surfaces
    def lesson(self) -> None:
        lines = stacked(words("coffin.lesson_1", BODY_SIZE, color=THEME.negative),
                        words("coffin.lesson_2", SMALL_SIZE), words("coffin.lesson_3", SMALL_SIZE),
                        buff=0.4).move_to(ORIGIN)
        self.say("coffin.lesson_said", FadeIn(lines[0], shift=UP * 0.2), FadeIn(lines[1:], shift=UP * 0.2),
                 run_time=2.5)
        self.wait(1.5)
