"""What a render run is about: the scenes, the settings, where the results go, and the fingerprints that say
whether a scene's last render is still current."""

from __future__ import annotations

import hashlib
import json
import re
import runpy
from dataclasses import asdict, dataclass
from functools import cache
from importlib.metadata import version
from pathlib import Path

from saddle.production.media import ProductionError
from saddle.safety import read_state, write_text
from scenes.job import QUALITIES, Narration

ROOT = Path(__file__).resolve().parents[2]  # the repository: manim runs here so it reads manim.cfg
#: The code that runs manim and turns what it makes into a published clip (its cues, sound and colour tags): a
#: change to it makes every stored render stale, as a change to a scene does.
PUBLISHING = tuple(ROOT / "saddle" / name for name in (
    "production/runner.py", "production/render_task.py", "production/launch.py", "production/placed.py",
    "production/audio.py", "production/captions.py", "production/said.py", "production/subtitles.py",
    "production/bt709.py", "production/media.py", "voice/speech.py", "voice/spoken.py"))


@dataclass(frozen=True)
class Settings:
    quality: str = "l"
    lang: str = "en"
    theme: str = "dark"
    transparent: bool = False
    voice: str = "none"  # a voice name (saddle.voice.assets.VOICES) or "none": silent, paced for reading
    recordings: str = ""  # a folder of the lecturer's recordings, <key>.<lang>.wav, used before the voice
    rate: float = 0.85  # the voice's speaking rate (Kokoro's speed): 1.0, its own pace, is fast for a lecture

    @property
    def voiced(self) -> bool:
        return self.voice != "none" or bool(self.recordings)

    def folder(self, renders: Path) -> Path:
        return renders / f"{self.lang}-{self.theme}" / QUALITIES[self.quality].folder


@dataclass(frozen=True)
class SceneEntry:
    path: Path  # absolute path of the scene file
    name: str  # the Scene class

    @property
    def title(self) -> str:
        """A chapter title from the class name: WorstNetworkHessian → Worst Network Hessian."""
        return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", self.name)


def load_lecture(lecture_file: Path | None = None) -> list[SceneEntry]:
    """The ordered scene list: scenes/lecture.py, or another file defining LECTURE the same way (test fixtures)."""
    if lecture_file is None:
        from scenes.lecture import LECTURE

        base = ROOT
    else:
        LECTURE = runpy.run_path(str(lecture_file))["LECTURE"]
        base = lecture_file.resolve().parent
    return [SceneEntry((base / path).resolve() if not Path(path).is_absolute() else Path(path), name)
            for path, name in LECTURE]


def choose(lecture: list[SceneEntry], names: tuple[str, ...]) -> list[SceneEntry]:
    """The named scenes in lecture order (all when none are named); an unknown name is a one-line error."""
    unknown = sorted(set(names) - {entry.name for entry in lecture})
    if unknown:
        raise ProductionError(f"unknown scene(s): {', '.join(unknown)}; see `saddle list`")
    return [entry for entry in lecture if not names or entry.name in names]


def _source_files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if path.is_file() and "__pycache__" not in path.parts)


def _files_digest(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@cache
def _shared_sources_digest() -> str:
    """Everything a scene may draw from: the scene code and its words, mathcore's maths and data, manim.cfg."""
    return _files_digest([*_source_files(ROOT / "scenes"), *_source_files(ROOT / "mathcore"), ROOT / "manim.cfg"])


@cache
def _publishing_digest() -> str:
    """PUBLISHING's code. The rest of this package (stitching, slides, the gallery) only packages finished clips,
    so changing it re-renders nothing."""
    return _files_digest(list(PUBLISHING))


def sources_digest(entry: SceneEntry) -> str:
    """The scene's code, words and data, whatever the settings: what its spoken lines depend on."""
    return hashlib.sha256(f"{_shared_sources_digest()} {entry.name}".encode() + entry.path.read_bytes()).hexdigest()


def narration_path(folder: Path, entry: SceneEntry) -> Path:
    """The narration manifest a voiced render of the scene is handed (saddle.production.narrate writes it)."""
    return folder / ".state" / f"{entry.name}.narration.json"


def read_narration(folder: Path, entry: SceneEntry) -> Narration:
    """The narration prepared for the scene (saddle.production.narrate writes it); a broken file is made again."""
    found = read_state(narration_path(folder, entry), _valid_narration)
    return Narration.from_data(found) if found else Narration()


def _valid_narration(data) -> bool:
    try:
        Narration.from_data(data)
    except (TypeError, KeyError, AttributeError):
        return False
    return True


def narration_digest(folder: Path, entry: SceneEntry, settings: Settings) -> str:
    """Changes when any spoken line's audio or length changes; empty for a silent render."""
    path = narration_path(folder, entry)
    return hashlib.sha256(path.read_bytes()).hexdigest() if settings.voiced and path.exists() else ""


def fingerprint(entry: SceneEntry, settings: Settings) -> str:
    """Changes whenever the scene's source, its data, the settings, the tools or the way clips are made change."""
    digest = hashlib.sha256(_shared_sources_digest().encode() + _publishing_digest().encode())
    recipe = {"scene": entry.name, "manim": version("manim"),
              "manim-slides": version("manim-slides"), **asdict(settings)}
    digest.update(json.dumps(recipe, sort_keys=True).encode())
    digest.update(entry.path.read_bytes())
    return digest.hexdigest()


def clip_name(entry: SceneEntry, settings: Settings) -> str:
    """The scene's video in the output folder: an H.264 clip, or a WebM with alpha for --transparent."""
    return f"{entry.name}.alpha.webm" if settings.transparent else f"{entry.name}.mp4"


def expected_files(entry: SceneEntry, settings: Settings) -> list[str]:
    extras = [] if settings.transparent else [f"{entry.name}.png", f"{entry.name}.srt", f"{entry.name}.vtt"]
    return [clip_name(entry, settings), *extras]


def _stamp_path(folder: Path, entry: SceneEntry, settings: Settings) -> Path:
    return folder / ".state" / f"{clip_name(entry, settings)}.json"


_STAMP_FIELDS: dict[str, type | tuple[type, ...]] = {
    "fingerprint": str, "animations": int, "seconds": (int, float), "title": str, "files": dict, "slides": bool}


def _valid_stamp(stamp) -> bool:
    """A stamp as write_stamp makes it (a bool is no number here, although Python counts it as an int)."""
    return isinstance(stamp, dict) and all(
        isinstance(stamp[key], kind) and isinstance(stamp[key], bool) == (kind is bool)
        for key, kind in _STAMP_FIELDS.items() if stamp.get(key) is not None)


def read_stamp(folder: Path, entry: SceneEntry, settings: Settings) -> dict:
    """What the last render of the scene recorded (empty when never rendered, or when the stamp was broken)."""
    return read_state(_stamp_path(folder, entry, settings), _valid_stamp) or {}


def write_stamp(folder: Path, entry: SceneEntry, settings: Settings, stamp: dict) -> None:
    write_text(_stamp_path(folder, entry, settings), json.dumps(stamp, indent=1))


def longest_first(folder: Path, entries: list[SceneEntry], settings: Settings) -> list[SceneEntry]:
    """The order that keeps every worker busy to the end: longest last render first (scenes never rendered here
    first of all, in lecture order), so a long scene never starts alone after the short ones are done."""
    def last_seconds(entry: SceneEntry) -> float:
        return read_stamp(folder, entry, settings).get("seconds", float("inf"))
    return sorted(entries, key=last_seconds, reverse=True)


def chapter_title(folder: Path, entry: SceneEntry, settings: Settings) -> str:
    """The scene's on-screen title as its last render showed it, else one made from the class name."""
    return read_stamp(folder, entry, settings).get("title") or entry.title


def _valid_slides(config) -> bool:
    return isinstance(config, dict) and isinstance(config.get("slides"), list) and all(
        isinstance(slide, dict) and all(isinstance(slide.get(key, ""), str) for key in ("file", "rev_file"))
        for slide in config["slides"])


def scene_slides(folder: Path, entry: SceneEntry) -> dict | None:
    """The scene's slide list as its render published it (slides/<Scene>.json; None when missing or broken)."""
    return read_state(folder / "slides" / f"{entry.name}.json", _valid_slides)


def _slides_intact(folder: Path, entry: SceneEntry) -> bool:
    config = scene_slides(folder, entry)
    return config is not None and all((folder / slide[key]).exists() for slide in config["slides"]
                                      for key in ("file", "rev_file") if slide.get(key))


def is_current(folder: Path, entry: SceneEntry, settings: Settings) -> bool:
    """The last render of this scene used the same source, data, settings and spoken lines, and all it made is
    still there as it was made: a file of another size (truncated, replaced) or a broken slide list means render
    it again."""
    stamp = read_stamp(folder, entry, settings)
    if (not entry.path.exists() or stamp.get("fingerprint") != fingerprint(entry, settings)
            or stamp.get("narration", "") != narration_digest(folder, entry, settings)):
        return False
    sizes = stamp.get("files", {})
    for name in expected_files(entry, settings):
        path = folder / name
        if not path.exists() or sizes.get(name, path.stat().st_size) != path.stat().st_size:
            return False
    return not stamp.get("slides") or _slides_intact(folder, entry)
