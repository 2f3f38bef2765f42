"""What a scene reported while it rendered (scenes/kit/narration.py): its title, and each narrated line with the
place its cue starts and how long it shows; with the narration the scene was handed (which audio each line has),
the clip's sound, cues and chapter title are made from this data, not recovered by matching manim's subtitles."""

from __future__ import annotations

import json
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from saddle.production.media import ProductionError
from saddle.production.subtitles import Cue
from scenes.job import Narration


@dataclass(frozen=True)
class PlacedLine:
    key: str
    cue: Cue  # starts where the line's audio was placed, spans its length (or its reading time when silent)
    audio: str  # the levelled WAV, "" for a silent line


@dataclass(frozen=True)
class SceneReport:
    title: str | None
    lines: tuple[PlacedLine, ...]

    @property
    def cues(self) -> list[Cue]:
        return [line.cue for line in self.lines]

    def audio_placements(self) -> list[tuple[float, str]]:
        """(start second, WAV) of every line that has audio."""
        return [(float(line.cue.start), line.audio) for line in self.lines if line.audio]


def _milliseconds(seconds: float) -> Fraction:
    """Scene time to the millisecond, as subtitle files and players keep it (manim's clock adds up 1/fps steps)."""
    return Fraction(round(seconds * 1000), 1000)


def read_report(path: Path, narration: Narration) -> SceneReport:
    """The scene's report, each line with its audio from the narration; none at all when the scene reported
    nothing (no title, no lines)."""
    if not path.exists():
        return SceneReport(None, ())
    title, lines = None, []
    try:
        for row in map(json.loads, path.read_text(encoding="utf-8").splitlines()):
            if "title" in row:
                title = str(row["title"])
                continue
            start = _milliseconds(row["start"])
            cue = Cue(start, start + _milliseconds(row["seconds"]), str(row["text"]))
            spoken = narration.find(row["key"], cue.text)
            lines.append(PlacedLine(str(row["key"]), cue, spoken.audio if spoken else ""))
    except (ValueError, KeyError, TypeError) as error:
        raise ProductionError(f"the scene's report {path.name} is broken: {error}") from None
    return SceneReport(title, tuple(lines))
