"""A short titled scene with on-screen words for the production tests. TINY_PAUSE (seconds) holds the render
after its first animation, so a fault test can kill it in the middle of a scene."""

import os
import time

from manim import FadeIn

from scenes.catalogue import STRINGS
from scenes.kit.lecture_scene import LectureScene
from scenes.kit.look import words

STRINGS.update({  # test-only lines, added in the render's own process
    "tiny.title": {"en": "Tiny", "zh": "小"},
    "tiny.words": {"en": "Words on screen.", "zh": "屏幕上的字。"},
})


class TinyWords(LectureScene):
    def construct(self):
        self.show_title("tiny.title")
        time.sleep(float(os.environ.get("TINY_PAUSE", "0")))
        self.say("tiny.words", FadeIn(words("tiny.words")), run_time=1)
