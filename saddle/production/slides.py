"""The slide deck: manim-slides turns the slides every scene wrote during its render (scenes.kit.style's slide mode)
into one HTML deck that works offline and a PowerPoint file.

reveal.js comes from the npm registry at install time (scripts/bootstrap.sh unpacks it where manim-slides looks
for its asset cache); a conversion never downloads: it is refused when an asset is missing, and runs behind a
proxy that does not exist, so any attempt to fetch would fail loudly instead."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

from saddle.production.media import ProductionError
from saddle.production.plan import SceneEntry
from saddle.production.safety import atomic_output, write_text

REVEAL_VERSION = "6.0.1"  # manim-slides 5.7's default; tests check they agree
#: The files manim-slides' revealjs.html template links (dist/..., looked up by file name in the cache).
REVEAL_ASSETS = ("reveal.css", "black.css", "zenburn.css", "reveal.js", "notes.js", "markdown.js")
CACHE_HOME = Path(sys.prefix) / "share" / "saddle-cache"  # used as XDG_CACHE_HOME for manim-slides
NO_NETWORK = {"HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9", "NO_PROXY": "",
              "http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9", "no_proxy": ""}
DECKS = {"slides.html": ["--to", "html", "--one-file", "--offline", "-cslide_number=true"],
         "slides.pptx": ["--to", "pptx"]}


def reveal_folder() -> Path:
    return CACHE_HOME / "manim-slides" / f"revealjs{REVEAL_VERSION}"


def _require_reveal() -> None:
    missing = [name for name in REVEAL_ASSETS if not (reveal_folder() / name).exists()]
    if missing:
        raise ProductionError(f"reveal.js {REVEAL_VERSION} is not installed ({', '.join(missing)} missing in "
                              f"{reveal_folder()}); run `make setup`")


def _slide_contents(folder: Path, deck: Path) -> list:
    """A scene's slide list and the size and time of every video it names (as assemble_lecture tells a clip
    rendered again). The videos keep their names when a scene only changes its look (manim-slides names them
    after the partial movies), so the list alone cannot say the decks are stale."""
    text = deck.read_text()
    videos = sorted({slide[key] for slide in json.loads(text)["slides"] for key in ("file", "rev_file")
                     if slide.get(key)})
    return [text, *((video, (folder / video).stat().st_size, (folder / video).stat().st_mtime_ns)
                    if (folder / video).exists() else (video, "missing") for video in videos)]


def make_decks(folder: Path, lecture: list[SceneEntry]) -> list[Path]:
    """slides.html and slides.pptx in the output folder, from the scenes' slides in lecture order; returns the
    decks made (none when they are already made from these very slides)."""
    slides = folder / "slides"
    missing = [entry.name for entry in lecture if not (slides / f"{entry.name}.json").exists()]
    if missing or not lecture:
        raise ProductionError(f"no slides for {', '.join(missing) or 'any scene'}; render them first")
    contents = [_slide_contents(folder, slides / f"{entry.name}.json") for entry in lecture]
    key = hashlib.sha256(json.dumps([version("manim-slides"), DECKS, *contents]).encode()).hexdigest()
    state = folder / ".state" / "decks.json"
    if state.exists() and json.loads(state.read_text()).get("key") == key and all(
            (folder / name).exists() for name in DECKS):
        return []
    _require_reveal()
    environment = os.environ | {"XDG_CACHE_HOME": str(CACHE_HOME), "COLUMNS": "200"} | NO_NETWORK
    made = []
    for name, options in DECKS.items():
        with atomic_output(folder / name) as temporary:
            command = [sys.executable, "-m", "manim_slides", "convert", *options, "--folder", str(slides),
                       *(entry.name for entry in lecture), str(temporary)]
            result = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
            if result.returncode != 0 or not temporary.exists():
                lines = (result.stderr + result.stdout).strip().splitlines() or ["no output"]
                raise ProductionError(f"manim-slides could not make {name}: {lines[-1]}")
        made.append(folder / name)
    write_text(state, json.dumps({"key": key}))
    return made
