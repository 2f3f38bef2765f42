"""A short narrated scene for the production tests (subtitles and slide breaks through LectureScene.say)."""

from manim import Circle, Create, Square, Transform

from scenes.catalogue import STRINGS
from scenes.kit.lecture_scene import LectureScene
from scenes.kit.look import THEME

STRINGS.update({  # test-only lines, added in the render's own process
    "tiny.circle": {"en": "A circle.", "zh": "一个圆。"},
    "tiny.square": {"en": "Now a square.", "zh": "现在是正方形。"},
})


class TinyCircle(LectureScene):
    def construct(self):
        circle = Circle(color=THEME.theta)
        self.say("tiny.circle", Create(circle), run_time=1)
        self.say("tiny.square", Transform(circle, Square(color=THEME.gradient)), run_time=1)
