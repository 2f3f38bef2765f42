"""A part opens with its title and a card under it (the lecture's title, "Part n of N") that leaves with the first
animation, so the opening slide, its poster and its page in a printed deck show more than a few words."""

from __future__ import annotations

import json

import pytest
from manim import Dot, FadeIn, tempconfig

from saddle.production.slides import LECTURE_TITLE
from scenes.job import RenderJob
from scenes.kit.lecture_scene import LectureScene
from scenes.kit.look import Look
from scenes.lecture import LECTURE


def _glyphs(*lines: str) -> list[str]:
    """Lines as manim's Text keeps them in `.text`: without spaces."""
    return [line.replace(" ", "") for line in lines]


def _opened(name: str, lang: str, first_line: bool):
    """A scene called `name` that shows a title, then says a line with no animation or plays one."""

    def construct(self):
        self.show_title("esc.title")
        self.card_at_title = [line.text for line in self.title_card_shown]
        self.on_screen_at_title = set(self.mobjects)
        if first_line:
            self.say("esc.map")
            self.renderer.file_writer.subcaptions.clear()  # a dry run has no movie to put an .srt beside
        else:
            self.play(FadeIn(Dot()))

    scene_class = type(name, (LectureScene,), {"construct": construct, "look": Look(lang, "dark")})
    with tempconfig({"dry_run": True, "quality": "low_quality"}):
        scene = scene_class()
        scene.render()
    return scene


@pytest.mark.parametrize("first_line", [False, True])
def test_the_card_names_the_part_and_leaves_with_the_first_animation(first_line):
    scene = _opened("EscapeSaddle", "en", first_line)
    number = [name for _, name in LECTURE].index("EscapeSaddle") + 1
    assert scene.card_at_title == _glyphs(LECTURE_TITLE["en"], f"Part {number} of {len(LECTURE)}")
    assert scene.title_card_shown is None
    card_lines = {mobject for mobject in scene.on_screen_at_title if getattr(mobject, "text", "") in
                  scene.card_at_title}
    assert not card_lines & set(scene.mobjects), "the card stayed after the first animation"


def test_a_variant_outside_the_lecture_gets_no_part_number_and_chinese_gets_chinese():
    scene = _opened("NotAPartOfTheLecture", "zh", False)
    assert scene.card_at_title == _glyphs(LECTURE_TITLE["zh"])


def test_the_title_is_held_finished_and_the_chapter_keeps_the_parts_first_title(tmp_path, monkeypatch):
    """A part's title slide ends on its finished title (a wait after the Write), and a second title later in
    the part (EscapeSaddle's cost section) does not rename the chapter: chapters match the title cards."""
    import scenes.kit.look as look
    import scenes.kit.narration as narration

    played = []

    def construct(self):
        self.show_title("esc.title")
        played.append([type(a).__name__ for a in self.animations])
        self.play(FadeIn(Dot()))
        self.show_title("esc.cost_title")

    def wait(self, *args, **kwargs):
        played.append("wait")
        LectureScene.wait(self, *args, **kwargs)

    scene_class = type("EscapeSaddle", (LectureScene,), {"construct": construct, "wait": wait,
                                                         "look": Look("en", "dark")})
    report = tmp_path / "report.jsonl"
    monkeypatch.setattr(narration, "current_job", lambda: RenderJob(scene="EscapeSaddle", placements=str(report)))
    with tempconfig({"dry_run": True, "quality": "low_quality"}):
        scene_class().render()
    assert played[:2] == ["wait", ["Wait"]], "the title's Write is followed by a hold on the finished frame"
    titles = [row["title"] for row in map(json.loads, report.read_text(encoding="utf-8").splitlines())]
    assert titles == [look.text("esc.title")]  # the scene reports its first title only: the chapter's name
