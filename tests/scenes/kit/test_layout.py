"""Every scene of the lecture, in both languages and both themes, keeps its layout (scenes/kit/layout.py): no text
over text or over plotted data unless attached to it, nothing outside the picture, nothing too small to read at
1080p, no slide ending on half-written text. The rules themselves are tested on small made-up frames."""

from __future__ import annotations

import pytest
from manim import LEFT, RIGHT, UP, Dot, FadeIn, MathTex, Text, Write, tempconfig

from scenes.kit.layout import MIN_X_HEIGHT_PX, Inventory, Screen, attach, findings, plotted
from scenes.kit.layout_check import LOOKS, Report, check_scene, glyph_owners, probe_class
from scenes.kit.lecture_scene import LectureScene
from scenes.kit.look import SMALL_SIZE, Look
from scenes.kit.maps import polyline
from scenes.lecture import LECTURE


def _rules(*mobjects, camera=None) -> list[str]:
    from manim import Camera

    return sorted(f.rule for f in findings(Inventory(mobjects, Screen(camera or Camera()), {})))


def _probed(construct) -> Report:
    """A made-up scene run through the layout check."""
    report = Report("Sketch", Look("en", "dark"))
    with glyph_owners() as owners, tempconfig({"dry_run": True, "progress_bar": "none"}):
        scene = type("Sketch", (LectureScene,), {"construct": construct})
        probe_class(scene, report, owners)(skip_animations=True).render()
    return report


@pytest.mark.slow  # runs every scene (no frame is drawn, but its LaTeX, text and story data are made)
@pytest.mark.parametrize("look", LOOKS, ids=lambda look: f"{look.lang}-{look.theme_name}")
@pytest.mark.parametrize("scene", [name for _, name in LECTURE])
def test_the_scene_keeps_its_layout(scene, look):
    report = check_scene(scene, look)
    assert report.states > 10, "the check looked at too few moments to mean anything"
    assert not report.found, "\n".join(f"{f.rule}: {f.what} ({f.where})" for f in report.found.values())


def test_two_texts_on_top_of_each_other_overlap_and_side_by_side_do_not():
    assert _rules(Text("one", font_size=30), Text("two", font_size=30)) == ["overlap"]
    assert _rules(Text("one", font_size=30).shift(LEFT * 2), Text("two", font_size=30).shift(RIGHT * 2)) == []


def test_text_over_a_curve_is_found_unless_the_label_is_attached_to_it():
    from manim import Axes

    axes = Axes(x_range=[0, 1], y_range=[0, 1], x_length=4, y_length=4)
    curve = polyline(axes, [(0, 0), (1, 1)], "#FFFFFF")
    label = Text("curve", font_size=30).move_to(axes.c2p(0.5, 0.5))
    assert _rules(curve, label) == ["over data"]
    assert _rules(curve, attach(label, curve)) == []
    assert _rules(curve, label.copy().move_to(axes.c2p(0.1, 0.9))) == []  # beside the diagonal, not over it


def test_a_dot_under_text_and_a_filled_area_under_text_count_as_data():
    from manim import Square

    assert _rules(Dot(), Text("x", font_size=40)) == ["over data"]
    area = plotted(Square(side_length=2, fill_opacity=0.5))
    assert _rules(area, Text("inside", font_size=30)) == ["over data"]
    assert _rules(area, Text("outside", font_size=30).shift(UP * 2)) == []


def test_text_beyond_the_frame_and_text_too_small_are_found():
    assert _rules(Text("gone", font_size=30).to_edge(RIGHT).shift(RIGHT * 1)) == ["outside"]
    assert _rules(MathTex("x", font_size=20)) == ["small"]
    assert _rules(Text("x", font_size=SMALL_SIZE)) == []


def test_the_minimum_is_18_point_calibri_on_a_slide():
    assert pytest.approx(1080 * 0.466 / 30) == MIN_X_HEIGHT_PX


def test_a_formula_shown_in_pieces_is_one_text_and_another_text_on_it_overlaps():
    def construct(self):
        formula = MathTex("a", "+", "b")
        self.play(FadeIn(formula[0]), FadeIn(formula[1:]))
        self.play(FadeIn(MathTex("c").move_to(formula[2])))
        self.wait(1)

    assert [f.what for f in _probed(construct).found.values()] == ["'a + b' × 'c'"]


def test_a_slide_that_ends_on_a_write_is_half_written():
    def construct(self):
        self.play(Write(Text("title", font_size=40).shift(UP * 2)))
        self.say("esc.map")
        self.renderer.file_writer.subcaptions.clear()

    assert [f.rule for f in _probed(construct).found.values()] == ["half-written"]


def test_a_projected_label_is_measured_through_the_camera():
    from manim import ThreeDCamera

    def x_height(zoom: float) -> float:
        camera = ThreeDCamera()
        camera.set_zoom(zoom)
        return Inventory([MathTex("x", font_size=60)], Screen(camera), {}).texts[0].x_height_px

    assert x_height(0.5) == pytest.approx(x_height(1.0) / 2, rel=0.02)
