"""The spoken narration a scene is handed, and what it reports back.

`saddle` synthesises (or takes from recordings) every line before it renders and hands the scene the audio in its
render job (scenes/job.py). Without a job (plain `manim render`, or `saddle render --voice none`) nothing is spoken
and timing is as before. While it renders, the scene reports its title and where it placed each narrated line to the
job's `placements` file, one JSON object a line: {"title": text} or {"key", "text", "start", "seconds"}.
With the narration's `collect` file, the scene writes every line it would say there instead (key, text and the
catalogue's `spoken` form if it has one), which is how the application learns the lines with their data filled in."""

from __future__ import annotations

import json

from scenes.catalogue import STRINGS
from scenes.job import SpokenLine, current_job

BREATH = 0.35  # seconds of quiet after a spoken line, before the next step begins


def _append(path: str, row: dict) -> None:
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def spoken(key: str, line: str, lang: str, fields: dict) -> SpokenLine | None:
    """The recorded or synthesised audio of this line, if the application prepared one."""
    narration = current_job().narration
    if narration.collect:
        forms: dict = STRINGS[key].get("spoken", {})  # type: ignore[assignment]  # the voice's own form, if any
        override = forms.get(lang)
        _append(narration.collect, {"key": key, "text": line, "spoken": override and override.format(**fields)})
    return narration.find(key, line)


def plays_sound() -> bool:
    """Whether the scene adds its lines' audio itself (not for a WebM: the application adds its sound)."""
    return current_job().narration.sound


def report_line(key: str, line: str, start: float, seconds: float) -> None:
    """Where a narrated line was placed: its cue starts where its audio does and spans its length."""
    if current_job().placements:
        _append(current_job().placements, {"key": key, "text": line, "start": start, "seconds": seconds})


def report_title(title: str) -> None:
    """The part's title as the scene writes it: the stitched lecture names its chapter after it."""
    if current_job().placements:
        _append(current_job().placements, {"title": title})
