"""The lecture scene: how every part of the lecture behaves, whatever it draws. The base classes `LectureScene` (2-D)
and `LectureScene3D`, with the title and its card, narrated steps (`say`: the voice, the subtitle and where the line
was placed, reported to the render job), the slide mode's hooks, and the camera that keeps the caption band free.

Apart from the look (scenes/kit/look.py, what a picture is drawn with) because this is the part that reads the render
job when it is imported (slide mode decides the scenes' base classes) and brings manim-slides, the narration and the
cameras along; the kit's drawing helpers need none of that."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from manim import DOWN, LEFT, UL, FadeIn, FadeOut, ManimColor, Scene, Text, VGroup, Write

from scenes.catalogue import reading_seconds
from scenes.kit.look import SMALL_SIZE, THEME, TITLE_SIZE, Look, active_look, render_job, text, use, words
from scenes.kit.narration import BREATH, plays_sound, report_line, report_title, spoken
from scenes.kit.safe_area import CaptionSafeCamera
from scenes.kit.surface import FastSurfaceCamera, SurfaceScene
from scenes.lecture import LECTURE

# Slide mode (the job's `slides`, set by `saddle render`): scenes are manim-slides Slides writing their deck into
# that folder, and every narrated line starts a slide. Otherwise scenes are plain manim Scenes. Chosen here, once.
SLIDES_FOLDER = render_job().slides
if SLIDES_FOLDER:
    from manim_slides import Slide as _Scene2D
    from manim_slides import ThreeDSlide

    class _Scene3D(ThreeDSlide, SurfaceScene):
        """A 3-D slide scene that still draws loss_surface fast."""
else:
    _Scene2D, _Scene3D = Scene, SurfaceScene


class CaptionSafeSurfaceCamera(CaptionSafeCamera, FastSurfaceCamera):
    """The 3-D scenes' camera, keeping the caption band free too."""


class LectureMixin:
    """Shared behaviour of every lecture scene: theme background, a title, narrated steps, and a camera that keeps
    the bottom of the video free for subtitles (scenes/kit/safe_area.py)."""

    skip_reversing = True  # slide mode: the HTML and PowerPoint decks never play slides backwards
    look: Look | None = None  # None: the render job's; a variant may fix one
    lecture_camera: type = CaptionSafeCamera
    title_card_shown: VGroup | None = None  # on screen under the title until the next animation
    titled = False  # a part's first title names its chapter; a later one (a new section) does not
    title_hold = 0.5  # seconds the finished title stays before anything moves
    card_exit_time = 0.5  # seconds the card takes to leave, before the next animation starts

    def __init__(self, *args, **kwargs):
        if SLIDES_FOLDER:
            kwargs.setdefault("output_folder", Path(SLIDES_FOLDER))
        kwargs.setdefault("camera_class", self.lecture_camera)
        super().__init__(*args, **kwargs)

    def setup(self):
        super().setup()
        self.look = self.look or Look.of_job()
        use(self.look)
        self.camera.background_color = ManimColor(self.look.theme.background)

    def pin(self, *mobjects) -> None:
        """Keep mobjects fixed on the screen (a no-op in 2-D; 3-D scenes keep them out of the camera's rotation)."""

    def pin_unseen(self, *mobjects) -> None:
        """Pin mobjects without showing them yet: they appear when an animation brings them in."""
        self.pin(*mobjects)
        self.remove(*mobjects)

    def title_card(self) -> VGroup:
        """The lines under a part's title while it opens: the lecture's title and which part this is (a variant
        outside the lecture has no number). The opening slide and its page in a printed deck show more than a title."""
        names = [name for _, name in LECTURE]
        lines = [words("kit.lecture", SMALL_SIZE, color=THEME.muted)]
        if type(self).__name__ in names:
            fields = {"number": names.index(type(self).__name__) + 1, "parts": len(names)}
            lines.append(words("kit.part", SMALL_SIZE, fields, color=THEME.muted))
        return stacked(*lines, buff=0.15)

    def show_title(self, key: str) -> Text:
        """Write the part's title in its corner, with the title card under it until the next animation. The title
        is held, finished, for a moment: its slide (and the poster made from its last frame) shows it whole."""
        title = words(key, TITLE_SIZE, weight="BOLD").to_corner(UL, buff=0.4)
        card = self.title_card().next_to(title, DOWN, aligned_edge=LEFT, buff=0.3)
        if not self.titled:  # the stitched lecture names its chapter after the part's first title, as its card
            report_title(text(key))
        self.titled = True
        self.pin(title, card)
        self.play(Write(title), FadeIn(card), run_time=1)
        self.wait(self.title_hold)
        self.title_card_shown = card
        return title

    def fade_title_card(self) -> list[FadeOut]:
        """The card's exit, taken once: the first animation after a title plays it."""
        card, self.title_card_shown = self.title_card_shown, None
        return [FadeOut(card)] if card is not None else []

    def play(self, *animations, **kwargs) -> None:
        """Play animations; a title card still on screen leaves first, on its own, so nothing is ever written
        where it stood while it fades."""
        exit_card = self.fade_title_card()
        if exit_card and animations:
            super().play(*exit_card, run_time=self.card_exit_time)  # type: ignore[misc]
            exit_card = []
        super().play(*animations, *exit_card, **kwargs)  # type: ignore[misc]

    def say(self, key: str, *animations, run_time: float | None = None, **fields) -> None:
        """Play the animations while the narration line is spoken and on screen as a subtitle, then wait until it
        is said (and a breath) or, without a voice, until it can be read."""
        line = text(key, **fields)
        animations = animations or tuple(self.fade_title_card())  # a first line without animations: the card goes
        if SLIDES_FOLDER:
            self.next_slide(notes=line)  # a natural pause: each narrated line starts a slide, its words are the notes
        lang = active_look().lang
        voice = spoken(key, line, lang, fields)  # prepared by `saddle render`; None: silent, paced for reading
        needed = voice.seconds if voice else reading_seconds(line, lang)
        run_time = run_time if run_time is not None else (min(2.0, needed) if animations else 0.0)
        if voice and voice.audio and plays_sound():
            self.add_sound(voice.audio)  # starts with the step; the step lasts until the line is said, and a breath
        shown = needed if voice else max(needed, run_time)
        self.add_subcaption(line, duration=shown)
        report_line(key, line, float(self.renderer.time), shown)
        if animations:
            self.play(*animations, run_time=run_time)
        rest = max(run_time, needed) + BREATH - run_time if voice else needed - run_time
        if rest > 0:
            self.wait(rest)

    def clear_all(self, run_time: float = 0.8) -> None:
        """Fade out everything on screen: the end of a section."""
        if self.mobjects:
            self.play(*(FadeOut(m) for m in self.mobjects), run_time=run_time)


class LectureScene(LectureMixin, _Scene2D):
    pass


class LectureScene3D(LectureMixin, _Scene3D):  # SurfaceScene (or its slide form): draws loss_surface fast
    lecture_camera = CaptionSafeSurfaceCamera

    def pin(self, *mobjects) -> None:
        self.add_fixed_in_frame_mobjects(*mobjects)

    def on_screen(self, point) -> np.ndarray:
        """Where a point of the 3-D scene is on the screen now, to put a pinned label beside it. The camera caches
        its rotation when it draws a frame, so it is refreshed first (no frame is drawn when animations are skipped)."""
        camera = self.renderer.camera
        camera.reset_rotation_matrix()
        return camera.project_point(point)


def stacked(*mobjects, buff: float = 0.3) -> VGroup:
    """Mobjects one under another, left-aligned: tables of facts."""
    return VGroup(*mobjects).arrange(DOWN, aligned_edge=LEFT, buff=buff)


__all__ = ["SLIDES_FOLDER", "CaptionSafeSurfaceCamera", "LectureScene", "LectureScene3D", "stacked"]
