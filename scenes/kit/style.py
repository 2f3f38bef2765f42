"""The lecture's look in one place: the colour code, the two themes, typography, language and narration.

Every scene takes its colours, fonts and words from here. Theme and language are a value, `Look`, that a scene
activates when it is set up (from the render job, scenes/job.py, or from the scene's `look` class attribute), so one
process can build a scene in English on the dark theme and then in Chinese on the light one, and the colour code
can never drift between scenes."""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import manimpango
import numpy as np
from manim import (
    DOWN,
    LEFT,
    UL,
    UP,
    DecimalNumber,
    FadeIn,
    FadeOut,
    Integer,
    ManimColor,
    MathTex,
    Scene,
    Tex,
    Text,
    VGroup,
    Write,
)

from scenes.catalogue import reading_seconds, say_text
from scenes.job import LANGUAGES, THEME_NAMES, JobError, current_job
from scenes.kit.narration import BREATH, plays_sound, report_line, report_title, spoken
from scenes.kit.safe_area import CaptionSafeCamera
from scenes.kit.surface import FastSurfaceCamera, SurfaceScene
from scenes.lecture import LECTURE

FONT = "Noto Sans CJK SC"  # one family for English and Chinese, so both languages look alike


def _fail(message: str) -> None:
    """Bad settings and missing system parts are reported in one line with the fix, not as a traceback from deep
    inside manim."""
    print(f"lecture: error: {message}", file=sys.stderr)
    sys.exit(2)


def _job():
    """The render job, or one line saying what is wrong with it."""
    try:
        return current_job()
    except JobError as error:
        _fail(str(error))
        raise


# Slide mode (the job's `slides`, set by `saddle render`): scenes are manim-slides Slides writing their deck into
# that folder, and every narrated line starts a slide. Otherwise scenes are plain manim Scenes. Chosen here, once.
SLIDES_FOLDER = _job().slides
if SLIDES_FOLDER:
    from manim_slides import Slide as _Scene2D
    from manim_slides import ThreeDSlide

    class _Scene3D(ThreeDSlide, SurfaceScene):
        """A 3-D slide scene that still draws loss_surface fast."""
else:
    _Scene2D, _Scene3D = Scene, SurfaceScene


@cache
def require_tools() -> None:
    """LaTeX and the lecture font, checked once, when the first scene is set up (not when a module is imported)."""
    if shutil.which("latex") is None or shutil.which("dvisvgm") is None:
        _fail("LaTeX is not installed (latex and dvisvgm are needed for formulas); run `make setup`")
    if FONT not in manimpango.list_fonts():
        _fail(f"the font {FONT!r} is not installed; run `make setup` (Debian package fonts-noto-cjk)")


@dataclass(frozen=True)
class Theme:
    """Colours for one background. The colour code of the slides is kept in both themes."""

    background: str
    text: str
    muted: str  # secondary text, axes, grid
    panel: str  # boxes behind tables and formulas
    theta: str  # θ′, the point we expand around — blue
    gradient: str  # g — green
    hessian: str  # H — red
    negative: str  # eigen-direction with λ < 0: the escape
    positive: str  # eigen-direction with λ > 0
    zero: str  # eigen-direction with λ = 0: flat
    loss: str  # curves of the loss itself
    surface: tuple[str, ...]  # low → high colour scale of surfaces


THEMES = {
    "dark": Theme(
        background="#111418", text="#F2F2F2", muted="#8A93A0", panel="#1D232B",
        theta="#4EA8FF", gradient="#4CCB6A", hessian="#FF5A5A",
        negative="#FF9F1C", positive="#B48CFF", zero="#F5E663", loss="#E8E8E8",
        surface=("#1B3A6B", "#2C7FB8", "#7FCDBB", "#EDF8B1"),
    ),
    "light": Theme(
        background="#FFFFFF", text="#1A1A1A", muted="#6B7280", panel="#EEF1F5",
        theta="#1565C0", gradient="#1E8E3E", hessian="#D32F2F",
        negative="#E65100", positive="#6A1B9A", zero="#9E8600", loss="#333333",
        surface=("#0B3C7D", "#2C7FB8", "#41B6C4", "#78C679"),  # top stays darker than the page
    ),
}
assert tuple(THEMES) == THEME_NAMES, "scenes/job.py names the themes the kit draws"

# Typography: sizes chosen to stay readable at 480p.
TITLE_SIZE = 44
BODY_SIZE = 30
SMALL_SIZE = 24
FORMULA_SIZE = 40
#: The smallest formula, axis number or tick label: x-height 17.3 px at 1080p, above the layout check's minimum of
#: 16.8 px (18-pt text on a slide; scenes/kit/layout.py). A formula of FORMULA_SIZE may be scaled down to 0.8.
NUMBER_SIZE = 32


@dataclass(frozen=True)
class Look:
    """The language and theme a scene is drawn in."""

    lang: str = LANGUAGES[0]
    theme_name: str = THEME_NAMES[0]

    def __post_init__(self):
        for name, value, allowed in (("language", self.lang, LANGUAGES), ("theme", self.theme_name, THEME_NAMES)):
            if value not in allowed:
                _fail(f"{name} {value!r} is not one of {', '.join(allowed)}")

    @property
    def theme(self) -> Theme:
        return THEMES[self.theme_name]

    @classmethod
    def of_job(cls) -> Look:
        """The look the render job asks for (plain `manim render`: LECTURE_LANG=en|zh, LECTURE_THEME=dark|light)."""
        job = _job()
        return cls(job.lang, job.theme)


_active: list[Look] = []


def use(look: Look) -> None:
    """Draw from now on in this look: the theme's colours and the language's words, and manim's text defaults."""
    require_tools()
    _active[:] = [look]
    theme = look.theme
    Text.set_default(font=FONT, color=theme.text, font_size=BODY_SIZE)
    MathTex.set_default(color=theme.text, font_size=FORMULA_SIZE)
    DecimalNumber.set_default(color=theme.text)  # axis numbers
    Integer.set_default(color=theme.text)
    Tex.set_default(color=theme.text, font_size=FORMULA_SIZE)


def active_look() -> Look:
    """The look of the scene being built; before any scene is set up, the one the render job asks for."""
    if not _active:
        use(Look.of_job())
    return _active[0]


class _ActiveTheme:
    """`THEME.negative` and the like: the colours of the active look's theme, looked up when a scene draws."""

    def __getattr__(self, name: str):
        return getattr(active_look().theme, name)


THEME: Theme = _ActiveTheme()  # type: ignore[assignment]  # reads like a Theme, follows the active look


def text(key: str, **fields) -> str:
    """A catalogue line in the active language, with {placeholders} filled from data."""
    return say_text(key, active_look().lang, **fields)


def words(key: str, size: int = BODY_SIZE, fields: dict | None = None, **kwargs) -> Text:
    """On-screen words from the catalogue, in the active language, with {placeholders} filled from data."""
    return Text(text(key, **(fields or {})), font_size=size, **kwargs)


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


__all__ = [
    "BODY_SIZE",
    "DOWN",
    "FONT",
    "FORMULA_SIZE",
    "NUMBER_SIZE",
    "SMALL_SIZE",
    "THEME",
    "TITLE_SIZE",
    "UP",
    "LectureScene",
    "LectureScene3D",
    "Look",
    "active_look",
    "stacked",
    "text",
    "use",
    "words",
]
