"""Before a voiced render: learn the scenes' lines, make the audio that is not cached yet (with a progress bar),
and write each scene's narration manifest into the output folder's state."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)

from saddle.production.plan import SceneEntry, Settings, narration_path
from saddle.voice.lines import (
    Line,
    Source,
    make,
    scene_lines,
    seconds,
    source,
    write_manifest,
)


@dataclass(frozen=True)
class Narration:
    lines: list[Line]
    sources: list[Source]
    made: int  # lines synthesised or levelled in this run
    audio_seconds: float  # length of what was made
    work_seconds: float  # time spent making it

    @property
    def real_time_factor(self) -> float:
        return self.work_seconds / self.audio_seconds if self.audio_seconds else 0.0


def narrate(folder: Path, entries: list[SceneEntry], settings: Settings, renders: Path, jobs: int = 1,
            console: Console | None = None, make_missing: bool = True, write: bool = True) -> Narration:
    """Every line of the scenes with its source; the missing audio made; manifests written when `write`."""
    console = console or Console(stderr=True)
    by_scene = scene_lines(entries, settings.lang, renders, folder / ".cache", jobs)
    lines = [line for entry in entries for line in by_scene[entry.name]]
    sources = [source(line, settings, renders) for line in lines]
    todo = {found.audio: (line, found) for line, found in zip(lines, sources)
            if make_missing and found.audio is not None and not found.ready}
    start, made_seconds = time.monotonic(), 0.0
    if todo:
        columns = (TextColumn("{task.description:<28}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, console=console, transient=True) as progress:
            task = progress.add_task(f"voice: {len(todo)} line(s)", total=len(todo))
            for audio, (line, found) in todo.items():  # one process: the model runs on both cores itself
                make(line, found, settings)
                made_seconds += seconds(audio)
                progress.advance(task)
    work = time.monotonic() - start
    if write:
        for entry in entries:
            chosen = [(line, found) for line, found in zip(lines, sources) if line.scene == entry.name]
            write_manifest(narration_path(folder, entry), [line for line, _ in chosen], [found for _, found in chosen],
                           sound=not settings.transparent)
    return Narration(lines, sources, len(todo), made_seconds, work)
