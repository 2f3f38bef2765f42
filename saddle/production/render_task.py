"""One scene's render as a task of the executor (saddle/execution.py): a value in, a value out, so it runs the same
in a thread here, in a local Dask cluster or on a cluster's worker. The task only runs manim; the client that
submitted it checks what came back and publishes it.

On a worker that shares this machine's files the task renders into the work folder the client made and writes
manim's log there as it goes (the client shows progress from it); elsewhere it renders into a private temporary
folder, is handed the narration's audio as bytes, and returns every file it made."""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

from saddle.production.launch import manim_command, manim_config, manim_environment
from saddle.production.plan import ROOT
from scenes.job import Narration, RenderJob, SpokenLine

ANIMATION_DONE = "Partial movie file written"  # manim logs this once per finished animation
REPORT = "report.jsonl"  # what the scene reports while it renders (saddle.production.placed)
SLIDES = "slides"  # the scene's manim-slides deck, inside the work folder

_running: dict[subprocess.Popen, str] = {}  # each manim this process runs, with the run it belongs to
_stopped: set[str] = set()  # runs that were interrupted: their tasks start no manim
_lock = threading.Lock()


@dataclass(frozen=True)
class RenderTask:
    job: RenderJob  # its slides and placements are set by the task, inside the folder it renders in
    scene_file: str  # relative to the project's root when the scene is part of it (the same on every worker)
    options: tuple[str, ...] = ()  # manim's own options (-t --format=webm)
    slides: bool = True
    work: str = ""  # the client's work folder on a shared file system; "" renders in a private folder
    log: str = ""  # where manim's output goes as it runs (shared); "" returns it
    cache: str = ""  # a LaTeX/text cache folder kept between renders (shared); "" uses one in the work folder
    audio: dict[str, bytes] = field(default_factory=dict)  # the narration's WAVs, by path, for a private folder
    run: str = ""  # the `saddle render` run it belongs to: an interrupted run stops its tasks wherever they are


@dataclass(frozen=True)
class RenderOutput:
    returncode: int
    animations: int
    host: str
    log: str = ""  # manim's output, when it was not written to the shared log
    files: dict[str, bytes] = field(default_factory=dict)  # path in the work folder → bytes, from a private folder


def _relocated(narration: Narration, audio: dict[str, bytes], folder: Path) -> Narration:
    """The narration with its audio written into this worker's folder (the same file names) and pointing there."""
    if not audio:
        return narration
    folder.mkdir(parents=True, exist_ok=True)
    for path, data in audio.items():
        (folder / Path(path).name).write_bytes(data)
    lines = {key: {text: SpokenLine(str(folder / Path(found.audio).name) if found.audio else "", found.seconds)
                   for text, found in by_text.items()} for key, by_text in narration.lines.items()}
    return Narration(lines, narration.sound, narration.collect)


def _run(task: RenderTask, work: Path, log) -> tuple[int, int]:
    """manim, its output line by line into `log`; returns its exit code and how many animations it finished."""
    cache = Path(task.cache) if task.cache else work / "cache"
    job = task.job.but(slides=str(work / SLIDES) if task.slides else "", placements=str(work / REPORT),
                       narration=_relocated(task.job.narration, task.audio, work / "audio"))
    scene_file = ROOT / task.scene_file
    command = manim_command(job, scene_file, manim_config(work, cache), *task.options)
    with _lock:
        if task.run in _stopped:
            raise InterruptedError("interrupted")
        process = subprocess.Popen(command, cwd=ROOT, env=manim_environment(job, work / "job.json"),
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace")
        _running[process] = task.run
    animations = 0
    try:
        for line in process.stdout or ():
            log.write(line)
            animations += ANIMATION_DONE in line
        code = process.wait()
    finally:
        with _lock:
            _running.pop(process, None)
    return code, animations


def render_task(task: RenderTask) -> RenderOutput:
    """Render the task's scene; a failed manim is a result (its exit code and log), not an exception."""
    host = socket.gethostname()
    if task.work:
        work = Path(task.work)
        with open(task.log, "w", encoding="utf-8", buffering=1) as log:  # line by line: the log is live
            code, animations = _run(task, work, log)
        return RenderOutput(code, animations, host)
    work = Path(tempfile.mkdtemp(prefix="saddle-render-"))
    try:
        with open(work / "manim.log", "w+", encoding="utf-8") as log:
            code, animations = _run(task, work, log)
            log.seek(0)
            text = log.read()
        made = {str(path.relative_to(work)): path.read_bytes()
                for folder in ("video", SLIDES) for path in sorted((work / folder).rglob("*")) if path.is_file()}
        if (work / REPORT).exists():
            made[REPORT] = (work / REPORT).read_bytes()
        return RenderOutput(code, animations, host, text, made)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def stop_renders(run: str) -> None:
    """Stop every manim this process runs for the run, and start no more for it (Ctrl-C or SIGTERM of the run;
    the client calls it here and on every Dask worker)."""
    with _lock:
        _stopped.add(run)
        for process, of_run in _running.items():
            if of_run == run:
                process.terminate()
