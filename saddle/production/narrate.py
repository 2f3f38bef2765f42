"""Before a voiced render: learn the scenes' lines, make the audio that is not cached yet (with a progress bar),
and write each scene's narration manifest into the output folder's state."""

from __future__ import annotations

import time
from collections.abc import Iterator
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

from saddle.execution import DaskExecutor, Executor
from saddle.production.plan import SceneEntry, Settings, narration_path
from saddle.production.voice_lines import (
    Line,
    Source,
    made_audio,
    make,
    scene_lines,
    seconds,
    source,
    store,
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
            console: Console | None = None, make_missing: bool = True, write: bool = True,
            executor: Executor | None = None) -> Narration:
    """Every line of the scenes with its source; the missing audio made (on a Dask executor, a task a synthetic
    line; here, one line after another: the model runs on every core itself); manifests written when `write`."""
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
            for audio in _made(list(todo.values()), settings, executor):
                made_seconds += seconds(audio)
                progress.advance(task)
    work = time.monotonic() - start
    if write:
        for entry in entries:
            chosen = [(line, found) for line, found in zip(lines, sources) if line.scene == entry.name]
            write_manifest(narration_path(folder, entry), [line for line, _ in chosen], [found for _, found in chosen],
                           sound=not settings.transparent)
    return Narration(lines, sources, len(todo), made_seconds, work)


def _made(todo: list[tuple[Line, Source]], settings: Settings, executor: Executor | None) -> Iterator[Path]:
    """Make each line's audio and store it; yields each line's audio file as it is stored."""
    distributed = isinstance(executor, DaskExecutor)
    remote = {executor.submit(made_audio, line, found, settings, key=f"voice-{Path(str(found.audio)).stem}"): found
              for line, found in todo if found.origin is None} if distributed and executor else {}
    try:
        for line, found in todo:
            if found not in remote.values():
                make(line, found, settings)
                yield Path(str(found.audio))
        for future in executor.as_completed(remote) if executor and remote else ():
            store(remote[future], future.result())
            yield Path(str(remote[future].audio))
    except BaseException:
        if executor and remote:
            executor.cancel(remote)
        raise
