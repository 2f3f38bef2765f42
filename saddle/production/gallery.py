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
from saddle.production.slides import LECTURE_TITLE
from saddle.production.views import chapter_attribute, panel, scene_link, write_views
from saddle.safety import write_text

LANGUAGE_LABELS = {"en": "English", "zh": "中文"}
PAGE_COLOURS = {"dark": ("#111418", "#F2F2F2", "#4EA8FF"), "light": ("#FFFFFF", "#1A1A1A", "#1565C0")}
EXTRAS = [("slides.html", "slide deck (HTML, works offline)"), ("slides.pptx", "slide deck (PowerPoint)"),
          ("lecture.srt", "lecture subtitles (SubRip)"), ("manifest.json", "manifest")]

_PAGE = """<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{title}</title>
<link rel="icon" href="data:,">
<style>
body {{ background: {background}; color: {text}; font-family: "Noto Sans CJK SC", sans-serif; margin: 2rem auto;
       max-width: 60rem; padding: 0 1rem; }}
a {{ color: {accent}; }}
video {{ width: 100%; background: #000; }}
video::cue {{ background: rgba(0, 0, 0, 0.8); color: #FFF; line-height: 1.3; }}
section {{ margin-bottom: 3rem; }}
</style>
</head>
<body>
<h1>{title}</h1>
{lecture}
{scenes}
<script>
for (const link of document.querySelectorAll("a[data-start]")) {{
  link.addEventListener("click", (event) => {{
    event.preventDefault();
    const video = document.getElementById("lecture-video");
    video.currentTime = Number(link.dataset.start);
    video.play();
  }});
}}
</script>
</body>
</html>
"""


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


def _lecture_section(folder: Path, scenes: list[SceneEntry], settings: Settings, views: dict[str, str]) -> str:
    if not (folder / "lecture.mp4").exists():
        return "<p>The lecture has not been stitched yet: render every scene first.</p>"
    durations = [probe(folder / f"{entry.name}.mp4").duration for entry in scenes]
    chapter_items = "".join(f'\n  <li><a href="#lecture" data-start="{float(start):.3f}"'
                            f"{chapter_attribute(views, entry)}>"
                            f"{escape(chapter_title(folder, entry, settings))}</a> ({_clock(start)})</li>"
                            for entry, start in zip(scenes, accumulate(durations[:-1], initial=Fraction(0))))
    lang = settings.lang
    video = _video("lecture-video", "lecture.mp4", f"{scenes[0].name}.png",
                   [("subtitles", folder / "lecture.vtt", LANGUAGE_LABELS[lang], lang),
                    ("chapters", folder / "lecture.chapters.vtt", "Chapters", lang)])
    extras = " · ".join(f'<a href="{name}">{escape(label)}</a>' for name, label in EXTRAS if (folder / name).exists())
    return (f'<section id="lecture">\n<h2>The whole lecture</h2>\n{video}\n<h3>Chapters</h3>\n'
            f'<ol class="chapters">{chapter_items}\n</ol>\n<p>{extras}</p>\n{panel(views, lang)}\n</section>')


def _scene_section(folder: Path, entry: SceneEntry, settings: Settings, views: dict[str, str]) -> str:
    lang = settings.lang
    parts = [f'<section class="scene" id="{entry.name}">', f"<h2>{escape(chapter_title(folder, entry, settings))}</h2>"]
    if (folder / f"{entry.name}.mp4").exists():
        parts.append(_video(f"video-{entry.name}", f"{entry.name}.mp4", f"{entry.name}.png",
                            [("subtitles", folder / f"{entry.name}.vtt", LANGUAGE_LABELS[lang], lang)]))
    else:
        parts.append("<p>Not rendered yet.</p>")
    if (folder / f"{entry.name}.alpha.webm").exists():
        parts.append(f'<p><a href="{entry.name}.alpha.webm">transparent version (WebM with alpha)</a></p>')
    parts.append(scene_link(views, entry, lang))
    return "\n".join([*parts, "</section>"])


def write_gallery(folder: Path, lecture: list[SceneEntry], settings: Settings) -> None:
    background, text, accent = PAGE_COLOURS[settings.theme]
    views = write_views(folder, lecture, settings)  # views/<Scene>.html of the parts whose picture is a loss
    write_text(folder / "index.html", _PAGE.format(
        lang=settings.lang, title=f"{LECTURE_TITLE[settings.lang]} — preview", background=background,
        text=text, accent=accent, lecture=_lecture_section(folder, lecture, settings, views),
        scenes="\n".join(_scene_section(folder, entry, settings, views) for entry in lecture)))
