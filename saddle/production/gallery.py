"""index.html in the output folder: the lecture with its chapter list, then every scene's clip with its poster
and subtitles (the cues of the .srt/.vtt files, at most two lines each, on a dark box) — a page to preview
everything before a talk. Plain HTML, no network; it works served from the folder and opened straight from disk
(subtitles and chapters are inlined as data: URLs, because browsers refuse to load a <track> from a file: URL)."""

from __future__ import annotations

import base64
from fractions import Fraction
from html import escape
from itertools import accumulate
from pathlib import Path

from saddle.production.media import probe
from saddle.production.plan import SceneEntry, Settings, chapter_title
from saddle.production.slides import LANGUAGE_TAGS, LECTURE_TITLE
from saddle.production.views import chapter_attribute, panel, scene_link, write_views
from saddle.safety import write_text
from scenes.catalogue import say_text
from scenes.job import PREVIEW_QUALITY

LANGUAGE_LABELS = {"en": "English", "zh": "中文"}  # a subtitle track is named in its own language
PAGE_COLOURS = {"dark": ("#111418", "#F2F2F2", "#4EA8FF"), "light": ("#FFFFFF", "#1A1A1A", "#1565C0")}
#: The files offered below the lecture, each with its catalogue key (page.file.*).
EXTRAS = [("slides.html", "slides_html"), ("slides.pptx", "slides_pptx"), ("lecture.srt", "lecture_srt"),
          ("contact-sheet.png", "contact_sheet"), ("manifest.json", "manifest")]
#: Subtitles as the player draws them stay in the caption band (scenes/kit/safe_area.py: the bottom 15 % of the
#: frame, kept free by every scene): two lines at this share of the picture's height a line, in the band's
#: bottom. Chromium's own size is 5 % of the height with a larger line box, which reached above the band.
CUE_FONT = 0.042

_PAGE = """<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="icon" href="data:,">
<style>
body {{ background: {background}; color: {text}; font-family: "Noto Sans CJK SC", sans-serif; margin: 2rem auto;
       max-width: 60rem; padding: 0 1rem; }}
a {{ color: {accent}; }}
a:focus-visible {{ outline: 3px solid {accent}; outline-offset: 2px; }}
video {{ width: 100%; background: #000; display: block; }}
video::cue {{ background: rgba(0, 0, 0, 0.8); color: #FFF; font-size: var(--cue-size); line-height: 1.2; }}
section {{ margin-bottom: 3rem; }}
</style>
</head>
<body>
<h1>{title}</h1>
{lecture}
{scenes}
<script>
{script}
</script>
</body>
</html>
"""

#: Choosing a chapter (click, or Enter on the focused link) seeks the lecture, brings the player into view and
#: plays it (a click is the user gesture that lets it start with sound); the player takes the focus, so Space and
#: the arrow keys go on from there. The cue size follows the player's height (CUE_FONT).
_SCRIPT = """const lecture = document.getElementById("lecture-video");
for (const link of document.querySelectorAll("a[data-start]")) {
  link.addEventListener("click", (event) => {
    event.preventDefault();
    lecture.currentTime = Number(link.dataset.start);
    lecture.scrollIntoView({ block: "center", behavior: "instant" });
    lecture.focus({ preventScroll: true });
    lecture.play();
  });
}
const cueSize = new ResizeObserver((entries) => {
  for (const entry of entries) {
    entry.target.style.setProperty("--cue-size", `${(entry.contentRect.height * CUE_FONT).toFixed(1)}px`);
  }
});
for (const video of document.querySelectorAll("video")) cueSize.observe(video);
"""


def _say(key: str, lang: str, **fields) -> str:
    return escape(say_text(f"page.{key}", lang, **fields))


def _inline(vtt: Path) -> str:
    return "data:text/vtt;charset=utf-8;base64," + base64.b64encode(vtt.read_bytes()).decode("ascii")


def _video(element_id: str, clip: str, poster: str | None, tracks: list[tuple[str, Path, str, str]]) -> str:
    poster_attribute = f' poster="{escape(poster)}"' if poster else ""
    track_tags = "".join(f'\n  <track kind="{kind}" src="{_inline(vtt)}" label="{escape(label)}" srclang="{lang}"'
                         f'{" default" if kind == "subtitles" else ""}>' for kind, vtt, label, lang in tracks)
    return (f'<video id="{element_id}" controls preload="metadata" src="{escape(clip)}"{poster_attribute}>'
            f"{track_tags}\n</video>")


def _clock(seconds: Fraction) -> str:
    whole = int(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def _chapter_list(folder: Path, scenes: list[SceneEntry], settings: Settings, views: dict[str, str]) -> str:
    """The chapters as links a keyboard reaches (Tab, Enter) and a screen reader names ("Play from 1:23: title");
    a chapter whose part has an interactive view opens it too."""
    lang = settings.lang
    durations = [probe(folder / f"{entry.name}.mp4").duration for entry in scenes]
    items = []
    for entry, start in zip(scenes, accumulate(durations[:-1], initial=Fraction(0))):
        title = chapter_title(folder, entry, settings)
        label = _say("play_from", lang, time=_clock(start), title=title)
        items.append(f'\n  <li><a href="#lecture" data-start="{float(start):.3f}" aria-label="{label}"'
                     f"{chapter_attribute(views, entry)}>{escape(title)}</a> ({_clock(start)})</li>")
    return (f'<nav aria-labelledby="chapters-heading">\n<h3 id="chapters-heading">{_say("chapters", lang)}</h3>\n'
            f'<ol class="chapters">{"".join(items)}\n</ol>\n</nav>')


def _lecture_section(folder: Path, scenes: list[SceneEntry], settings: Settings, views: dict[str, str]) -> str:
    lang = settings.lang
    if not (folder / "lecture.mp4").exists():
        return f"<p>{_say('not_stitched', lang)}</p>"
    video = _video("lecture-video", "lecture.mp4", f"{scenes[0].name}.png",
                   [("subtitles", folder / "lecture.vtt", LANGUAGE_LABELS[lang], lang),
                    ("chapters", folder / "lecture.chapters.vtt", say_text("page.chapters", lang), lang)])
    extras = " · ".join(f'<a href="{name}">{_say(f"file.{key}", lang)}</a>' for name, key in EXTRAS
                        if (folder / name).exists() or name == "manifest.json")  # written right after the page
    return (f'<section id="lecture" aria-labelledby="lecture-heading">\n'
            f'<h2 id="lecture-heading">{_say("lecture", lang)}</h2>\n{video}\n'
            f"{_chapter_list(folder, scenes, settings, views)}\n"
            f'<p aria-label="{_say("files", lang)}">{extras}</p>\n{panel(views, lang)}\n</section>')


def _scene_section(folder: Path, entry: SceneEntry, settings: Settings, views: dict[str, str]) -> str:
    lang = settings.lang
    parts = [f'<section class="scene" id="{entry.name}">', f"<h2>{escape(chapter_title(folder, entry, settings))}</h2>"]
    if (folder / f"{entry.name}.mp4").exists():
        parts.append(_video(f"video-{entry.name}", f"{entry.name}.mp4", f"{entry.name}.png",
                            [("subtitles", folder / f"{entry.name}.vtt", LANGUAGE_LABELS[lang], lang)]))
    else:
        parts.append(f"<p>{_say('not_rendered', lang)}</p>")
    if (folder / f"{entry.name}.alpha.webm").exists():
        parts.append(f'<p><a href="{entry.name}.alpha.webm">{_say("transparent", lang)}</a></p>')
    parts.append(scene_link(views, entry, lang))
    return "\n".join([*parts, "</section>"])


def gallery_title(settings: Settings) -> str:
    """The lecture's title; a quick render's page says it is a preview (a 1080p one is the lecture itself)."""
    title = LECTURE_TITLE[settings.lang]
    return _say("preview", settings.lang, title=title) if settings.quality == PREVIEW_QUALITY else escape(title)


def write_gallery(folder: Path, lecture: list[SceneEntry], settings: Settings) -> None:
    background, text, accent = PAGE_COLOURS[settings.theme]
    views = write_views(folder, lecture, settings)  # views/<Scene>.html of the parts whose picture is a loss
    write_text(folder / "index.html", _PAGE.format(
        lang=LANGUAGE_TAGS[settings.lang], title=gallery_title(settings),
        background=background, text=text, accent=accent, lecture=_lecture_section(folder, lecture, settings, views),
        scenes="\n".join(_scene_section(folder, entry, settings, views) for entry in lecture),
        script=_SCRIPT.replace("CUE_FONT", str(CUE_FONT))))
