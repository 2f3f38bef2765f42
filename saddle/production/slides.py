"""The slide decks, from the slides every scene wrote during its render (scenes.kit.lecture_scene's slide mode):
manim-slides makes one HTML deck that works offline, saddle.production.powerpoint the PowerPoint file; both carry the
same titles and notes (the narrated line's cues, as the subtitles show them).

reveal.js comes from the npm registry at install time (scripts/bootstrap.sh unpacks it where manim-slides looks
for its asset cache); a conversion never downloads: it is refused when an asset is missing, and runs behind a
proxy that does not exist, so any attempt to fetch would fail loudly instead."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from importlib import resources
from importlib.metadata import metadata, version
from pathlib import Path

from saddle.production.deck_media import COPY_RECIPE, deck_scenes
from saddle.production.media import ProductionError
from saddle.production.plan import SceneEntry, Settings, chapter_title
from saddle.production.powerpoint import DeckInfo, DeckScene, DeckSlide, write_pptx
from saddle.production.presenter import presenter_fingerprint, presenter_template
from saddle.production.subtitles import Cue, read_srt
from saddle.production.views import add_view_slides, write_views
from saddle.safety import atomic_output, file_sizes, keyed, read_state, work_folder, write_text
from scenes.catalogue import LANGUAGES, say_text

REVEAL_VERSION = "6.0.1"  # manim-slides 5.7's default; tests check they agree
#: The files manim-slides' revealjs.html template links (dist/..., looked up by file name in the cache).
REVEAL_ASSETS = ("reveal.css", "black.css", "zenburn.css", "reveal.js", "notes.js", "markdown.js")
CACHE_HOME = Path(sys.prefix) / "share" / "saddle-cache"  # used as XDG_CACHE_HOME for manim-slides
NO_NETWORK = {"HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9", "NO_PROXY": "",
              "http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9", "no_proxy": ""}
DECKS = ("slides.html", "slides.pptx")
#: reveal.js: the slide number of all slides and a progress bar; the URL names the slide, so a reload stays on it
HTML_OPTIONS = ["--to", "html", "--one-file", "--offline", "-cslide_number=c/t", "-cprogress=true", "-chash=true",
                "-cnavigation_mode=linear", "-ccontrols=true"]
DECK_RECIPE = 5  # bump when the decks are made differently from the same slides
DISTRIBUTION = "saddle-lecture"
AUTHOR = f"{DISTRIBUTION} project"
LECTURE_TITLE = {lang: say_text("kit.lecture", lang) for lang in LANGUAGES}  # the title cards' words
LANGUAGE_TAGS = {"en": "en-US", "zh": "zh-CN"}


def reveal_folder() -> Path:
    return CACHE_HOME / "manim-slides" / f"revealjs{REVEAL_VERSION}"


def _require_reveal() -> None:
    missing = [name for name in REVEAL_ASSETS if not (reveal_folder() / name).exists()]
    if missing:
        raise ProductionError(f"reveal.js {REVEAL_VERSION} is not installed ({', '.join(missing)} missing in "
                              f"{reveal_folder()}); run `make setup`")


def _narrated_notes(narration: str, cues: list[Cue]) -> str:
    """A narrated slide's notes are its line's cues, as the subtitles show them (taken from the front of `cues`);
    the line itself when the cues do not spell it (a line the clip ended before)."""
    def printed(text: str) -> str:
        return "".join(text.split())

    taken: list[Cue] = []
    while cues and len(printed("".join(cue.text for cue in taken))) < len(printed(narration)):
        taken.append(cues.pop(0))
    shown = printed("".join(cue.text for cue in taken))
    return "\n\n".join(cue.text for cue in taken) if shown == printed(narration) else narration


def _scene(folder: Path, entry: SceneEntry, settings: Settings, number: int, scenes: int) -> DeckScene:
    """A scene's slides as its render wrote them, with a title and notes each (the opening slide, where the
    scene's title is written and nothing is said, gets the title and the scene's place in the lecture)."""
    config = json.loads((folder / "slides" / f"{entry.name}.json").read_text(encoding="utf-8"))
    title, cues = chapter_title(folder, entry, settings), read_srt(folder / f"{entry.name}.srt")
    slides = []
    for index, slide in enumerate(config["slides"]):
        step = f"{index + 1}/{len(config['slides'])}"
        notes = (_narrated_notes(slide["notes"], cues) if slide["notes"].strip()
                 else f"{title}\n\n({number}/{scenes})")
        said = " ".join(slide["notes"].split()) or title
        slides.append(DeckSlide(folder / slide["file"], f"{title} · {step}", notes,
                                f"Animation, {title}, step {step}: {said}", f"{entry.name} {step} (video)",
                                bool(slide["notes"].strip())))
    return DeckScene(entry.name, title, tuple(slides))


def deck_info(settings: Settings) -> DeckInfo:
    return DeckInfo(LECTURE_TITLE[settings.lang], AUTHOR, metadata(DISTRIBUTION)["Summary"],
                    LANGUAGE_TAGS[settings.lang])


def _html(folder: Path, scenes: list[DeckScene], info: DeckInfo, target: Path, environment: dict) -> None:
    """slides.html through manim-slides, from a private copy of the scenes' slide lists: notes as in the deck,
    every slide of a scene in one vertical stack (right goes on to the next scene, down through the steps; the
    arrow keys and space go through every slide in order), the page in the lecture's language, with the presenter
    layer (saddle.production.presenter: keys, sound prompt, list of keys)."""
    work = work_folder(folder, "deck")
    try:
        for scene in scenes:
            config = json.loads((folder / "slides" / f"{scene.name}.json").read_text(encoding="utf-8"))
            for slide, made in zip(config["slides"], scene.slides, strict=True):
                slide |= {"file": str(made.video), "rev_file": str(folder / slide["rev_file"]), "notes": made.notes,
                          "direction": "vertical"}
            write_text(work / f"{scene.name}.json", json.dumps(config))
        template = resources.files("manim_slides.templates").joinpath("revealjs.html").read_text(encoding="utf-8")
        narrated = [made.narrated for scene in scenes for made in scene.slides]
        write_text(work / "deck.html", presenter_template(template, info.language, narrated))
        options = [*HTML_OPTIONS, f"-ctitle={info.title}", "--use-template", str(work / "deck.html")]
        command = [sys.executable, "-m", "manim_slides", "convert", *options, "--folder", str(work),
                   *(scene.name for scene in scenes), str(target)]
        result = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
        if result.returncode != 0 or not target.exists():
            lines = (result.stderr + result.stdout).strip().splitlines() or ["no output"]
            raise ProductionError(f"manim-slides could not make slides.html: {lines[-1]}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def make_decks(folder: Path, lecture: list[SceneEntry], settings: Settings, views: bool = False) -> list[Path]:
    """slides.html and slides.pptx in the output folder, from the scenes' slides in lecture order; returns the
    decks made (none when they are already made from these very slides, notes and titles). With `views`, each
    part whose picture is a loss ends in a slide of its interactive view (saddle.production.views)."""
    missing = [entry.name for entry in lecture if not (folder / "slides" / f"{entry.name}.json").exists()]
    if missing or not lecture:
        raise ProductionError(f"no slides for {', '.join(missing) or 'any scene'}; render them first")
    scenes = [_scene(folder, entry, settings, number, len(lecture)) for number, entry in enumerate(lecture, 1)]
    info = deck_info(settings)
    videos = sorted({made.video for scene in scenes for made in scene.slides})
    shown = write_views(folder, lecture, settings) if views else {}
    key = hashlib.sha256(json.dumps([DECK_RECIPE, version("manim-slides"), version("python-pptx"), HTML_OPTIONS,
                                     presenter_fingerprint(), COPY_RECIPE, repr(info), repr(scenes), shown,
                                     *(_size_and_time(video) for video in videos)],
                                    default=str).encode()).hexdigest()
    state = folder / ".state" / "decks.json"
    recorded = read_state(state, keyed)
    if recorded and recorded["key"] == key and recorded["files"] == file_sizes(folder, DECKS):
        return []
    _require_reveal()
    environment = os.environ | {"XDG_CACHE_HOME": str(CACHE_HOME), "COLUMNS": "200"} | NO_NETWORK
    with atomic_output(folder / "slides.html") as temporary:
        _html(folder, scenes, info, temporary, environment)
        if shown:
            add_view_slides(temporary, [scene.name for scene in scenes], shown, settings.lang)
    with atomic_output(folder / "slides.pptx") as temporary:
        write_pptx(temporary, deck_scenes(scenes, folder / ".cache" / "pptx"), info)  # lighter copies of the clips
    write_text(state, json.dumps({"key": key, "files": file_sizes(folder, DECKS)}))
    return [folder / name for name in DECKS]


def _size_and_time(video: Path) -> tuple:
    """How a slide video rendered again is told apart (manim-slides keeps the names of videos whose scene only
    changed its look), as assemble_lecture tells a clip rendered again."""
    return (str(video), video.stat().st_size, video.stat().st_mtime_ns) if video.exists() else (str(video), "missing")
