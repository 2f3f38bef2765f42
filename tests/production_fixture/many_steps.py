"""Many short narrated steps whose lengths are not whole frames (tests/saddle/voice/test_production.py): the spoken
lines must stay on the frames where their steps begin, to the end of the scene."""

from manim import BLACK, WHITE, Square, linear

from scenes.catalogue import STRINGS
from scenes.kit.lecture_scene import LectureScene

STEPS = 12
STEP_SECONDS = 0.37  # 5.55 frames at 15 fps: a placement by exact time would drift from the frames step by step

STRINGS.update({f"steps.{index}": {"en": f"Step {index}.", "zh": f"第 {index} 步。"} for index in range(STEPS)})


class ManySteps(LectureScene):
    def construct(self):
        square = Square(side_length=5, fill_color=BLACK, fill_opacity=1, stroke_width=0)
        self.add(square)
        for index in range(STEPS):  # black, white, black...: the frame where a step begins is plain to see
            colour = WHITE if index % 2 == 0 else BLACK
            self.say(f"steps.{index}", square.animate(rate_func=linear).set_fill(colour), run_time=STEP_SECONDS)
