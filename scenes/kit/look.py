"""The lecture's look: what every picture is drawn with. The colour code and the two themes, typography (font and
sizes), the language, and the catalogue's words in it.

Kept apart from the scene base class (scenes/kit/lecture_scene.py, how a scene behaves) so that whatever only draws
or only reads colours (the kit's maps, matrices and legends, the interactive page) depends on the look alone.

Theme and language are a value, `Look`, that a scene activates when it is set up (from the render job, scenes/job.py,
or from the scene's `look` class attribute), so one process can build a scene in English on the dark theme and then
in Chinese on the light one, and the colour code can never drift between scenes. Importing this module decides
nothing: no look is active until a scene is set up or a colour is read."""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass
from functools import cache

import manimpango
from manim import DecimalNumber, Integer, MathTex, Tex, Text

from scenes.catalogue import say_text
from scenes.job import LANGUAGES, THEME_NAMES, JobError, current_job

FONT = "Noto Sans CJK SC"  # one family for English and Chinese, so both languages look alike


def _fail(message: str) -> None:
    """Bad settings and missing system parts are reported in one line with the fix, not as a traceback from deep
    inside manim."""
    print(f"lecture: error: {message}", file=sys.stderr)
    sys.exit(2)


def render_job():
    """The render job (scenes/job.py), or one line saying what is wrong with it and exit 2."""
    try:
        return current_job()
    except JobError as error:
        _fail(str(error))
        raise


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
        job = render_job()
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


def grouped(number: int) -> str:
    """100000 → "100 000": digits grouped by a thin space, which reads at a glance in both languages and which the
    voice reads as one number (a plain space would make 85 002 "eighty-five, two" in Chinese)."""
    return f"{number:,}".replace(",", "\u2009")


def listed(items: list[str], joined_by: str = "kit.list") -> str:
    """"A, B and C" in the active language ("A、B 和 C"); joined_by="kit.choices": "A, B or C", one of them."""
    if len(items) < 2:
        return "".join(items)
    return text(joined_by, rest=text("kit.list_separator").join(items[:-1]), last=items[-1])


def words(key: str, size: int = BODY_SIZE, fields: dict | None = None, **kwargs) -> Text:
    """On-screen words from the catalogue, in the active language, with {placeholders} filled from data."""
    return Text(text(key, **(fields or {})), font_size=size, **kwargs)


__all__ = [
    "BODY_SIZE",
    "FONT",
    "FORMULA_SIZE",
    "NUMBER_SIZE",
    "SMALL_SIZE",
    "THEME",
    "THEMES",
    "TITLE_SIZE",
    "Look",
    "Theme",
    "active_look",
    "grouped",
    "listed",
    "render_job",
    "text",
    "use",
    "words",
]
