"""The one contract between the application and the scenes: a render job is a value.

`saddle` (or a test) builds a `RenderJob`, writes it to a JSON file and names that file in the one environment
entry `LECTURE_JOB`; the scene process reads it back with `current_job()`. Nothing else crosses between them: the
look, the quality, slide mode, the narration (which line has which audio), where the scene reports where it placed
each line, and what `saddle explore` already analysed all travel in this value. Plain `manim render` without a job
gets the default job, with the language and theme a lecturer may ask for by hand (LECTURE_LANG, LECTURE_THEME).

This module imports no manim, so the application can build jobs without paying for it, and it is the only place
that names the languages, themes and qualities the lecture is made in."""

from __future__ import annotations

import json
import os
import pickle
from dataclasses import asdict, dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

JOB_VARIABLE = "LECTURE_JOB"  # the one environment entry: the path of the job's JSON file
LANGUAGES = ("en", "zh")
THEME_NAMES = ("dark", "light")


@dataclass(frozen=True)
class Quality:
    """A picture size and frame rate: the flag `saddle` takes, manim's options for it, and the output folder."""

    flag: str
    width: int
    height: int
    fps: int

    @property
    def folder(self) -> str:
        return f"{self.height}p{self.fps}"

    def manim_options(self) -> list[str]:
        return ["--resolution", f"{self.width},{self.height}", "--frame_rate", str(self.fps)]


#: The qualities, by flag. `h` (1080p30) is what a lecture is projected at; `l` is the quick preview.
QUALITIES = {quality.flag: quality for quality in (
    Quality("l", 854, 480, 15), Quality("m", 1280, 720, 30), Quality("h", 1920, 1080, 30),
    Quality("k", 3840, 2160, 30))}
PREVIEW_QUALITY = "l"
LECTURE_QUALITY = "h"


class JobError(ValueError):
    """A job file that is missing, unreadable or asks for something that does not exist."""


@dataclass(frozen=True)
class SpokenLine:
    """One narrated line's audio, as the application prepared it for the scene."""

    audio: str  # a WAV file ("" when the scene only times its step by it)
    seconds: float


@dataclass(frozen=True)
class Narration:
    """What the scene says: per catalogue key and subtitle text, its audio. `sound`: add the audio to the video
    (off for WebM, whose sound the application adds). `collect`: a file to write every line the scene would say
    to (one JSON object a line), which is how the application learns the lines with their data filled in."""

    lines: dict[str, dict[str, SpokenLine]] = field(default_factory=dict)
    sound: bool = True
    collect: str = ""

    def find(self, key: str, text: str) -> SpokenLine | None:
        return self.lines.get(key, {}).get(text)

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Narration:
        """From its JSON form (`dataclasses.asdict`); TypeError/KeyError/AttributeError when it is not one."""
        lines = {key: {said: SpokenLine(**found) for said, found in by_text.items()}
                 for key, by_text in data.get("lines", {}).items()}
        return cls(lines, **{name: data[name] for name in ("sound", "collect") if name in data})


@dataclass(frozen=True)
class ExploreRequest:
    """A loss `saddle explore` analysed before the render: the scene draws `data` (a pickle of mathcore's
    explorer data, written by the application) instead of analysing the loss a second time."""

    expression: str
    variables: str | None
    box: tuple[float, ...]
    data: str  # path of the pickled analysis

    def analysis(self) -> Any:
        """The analysis, as the application made it (mathcore.story.s12_loss_explorer's data)."""
        with open(self.data, "rb") as handle:
            return pickle.load(handle)


@dataclass(frozen=True)
class RenderJob:
    scene: str = ""
    lang: str = LANGUAGES[0]
    theme: str = THEME_NAMES[0]
    quality: str = PREVIEW_QUALITY
    slides: str = ""  # a folder: render as manim-slides Slides writing their deck there (and the scene's title)
    narration: Narration = field(default_factory=Narration)
    placements: str = ""  # a file: the scene appends where it placed each narrated line (one JSON object a line)
    explore: ExploreRequest | None = None

    def __post_init__(self):
        for name, value, allowed in (("language", self.lang, LANGUAGES), ("theme", self.theme, THEME_NAMES),
                                     ("quality", self.quality, tuple(QUALITIES))):
            if value not in allowed:
                raise JobError(f"{name} {value!r} is not one of {', '.join(allowed)}")

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> RenderJob:
        try:
            data: dict[str, Any] = json.loads(text)
            narration = Narration.from_data(data.pop("narration", None) or {})
            explore = data.pop("explore", None)
            if explore:
                explore["box"] = tuple(explore["box"])
            return cls(**data, narration=narration,
                       explore=ExploreRequest(**explore) if explore else None)
        except (ValueError, TypeError, KeyError, AttributeError) as error:
            raise JobError(f"not a render job: {error}") from None

    def write(self, path: Path) -> dict[str, str]:
        """Write the job beside the render; returns the environment entry that hands it to the scene process."""
        path.write_text(self.to_json(), encoding="utf-8")
        return {JOB_VARIABLE: str(path)}

    def but(self, **changes) -> RenderJob:
        return replace(self, **changes)


def job_from_environment(environ=os.environ) -> RenderJob:
    """The job the scene process was handed, or the default job of a plain `manim render` (with LECTURE_LANG and
    LECTURE_THEME, the look a lecturer may ask for by hand)."""
    path = environ.get(JOB_VARIABLE, "")
    if not path:
        asked = {variable: environ.get(variable, allowed[0]).strip().lower()
                 for variable, allowed in (("LECTURE_LANG", LANGUAGES), ("LECTURE_THEME", THEME_NAMES))}
        for (variable, value), allowed in zip(asked.items(), (LANGUAGES, THEME_NAMES), strict=True):
            if value not in allowed:
                raise JobError(f"{variable}={value!r} is not one of {', '.join(allowed)}")
        return RenderJob(lang=asked["LECTURE_LANG"], theme=asked["LECTURE_THEME"])
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise JobError(f"{JOB_VARIABLE}={path}: {error.strerror}") from None
    return RenderJob.from_json(text)


@cache
def current_job() -> RenderJob:
    """This process's job, read once."""
    return job_from_environment()
