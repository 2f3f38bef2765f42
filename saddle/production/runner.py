"""Render scenes as separate `manim render` processes, several at once, each in a private work folder inside
the output folder, then publish each finished scene's files in one step. A failed scene is reported with its
log and does not stop the others."""

from __future__ import annotations

import json
import shutil
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from saddle.execution import Executor
from saddle.production.audio import line_pauses, publish_sound
from saddle.production.captions import fit_cues
from saddle.production.media import ProductionError, probe, require_deliverable, write_poster
from saddle.production.placed import read_report
from saddle.production.plan import (
    ROOT,
    SceneEntry,
    Settings,
    clip_name,
    expected_files,
    fingerprint,
    longest_first,
    narration_digest,
    read_narration,
    read_stamp,
    write_stamp,
)
from saddle.production.render_task import (
    ANIMATION_DONE,
    REPORT,
    SLIDES,
    RenderOutput,
    RenderTask,
    render_task,
    stop_renders,
)
from saddle.production.subtitles import to_srt, to_vtt
from saddle.safety import atomic_output, discard, replace_folder, work_folder, write_text
from scenes.job import Narration, RenderJob


@dataclass(frozen=True)
class SceneResult:
    entry: SceneEntry
    ok: bool
    seconds: float
    log: Path
    error: str = ""


def _drop_unfinished_cache(cache: Path) -> None:
    """manim reuses a cached formula or text picture by its file name alone, so a picture a killed render left
    half-written would break every later render of the scene: it is removed, with the intermediate files of a
    compile that never made its picture (a truncated .dvi), and made again."""
    for picture in cache.rglob("*.svg"):
        try:
            ElementTree.parse(picture)
        except (ElementTree.ParseError, OSError) as error:
            discard(picture, f"{type(error).__name__}: {error}")
    for step in [*cache.rglob("*.dvi"), *cache.rglob("*.xdv"), *cache.rglob("*.tex")]:
        if not step.with_suffix(".svg").exists():
            step.unlink(missing_ok=True)


def scene_task(entry: SceneEntry, settings: Settings, narration: Narration, shared: Path | None, log: Path,
               cache: Path, run: str) -> RenderTask:
    """The task of one scene of the lecture: its job (look, quality, narration), slide mode (not for WebM clips),
    and, on a shared file system, the work folder, live log and LaTeX cache it renders with; otherwise the
    narration's audio travels with it."""
    job = RenderJob(scene=entry.name, lang=settings.lang, theme=settings.theme, quality=settings.quality,
                    narration=narration)
    scene_file = entry.path.relative_to(ROOT) if entry.path.is_relative_to(ROOT) else entry.path
    options = ("-t", "--format=webm") if settings.transparent else ()
    if shared is not None:
        _drop_unfinished_cache(cache)
        return RenderTask(job, str(scene_file), options, not settings.transparent, str(shared), str(log), str(cache),
                          run=run)
    audio = {found.audio: Path(found.audio).read_bytes()
             for by_text in narration.lines.values() for found in by_text.values() if found.audio}
    return RenderTask(job, str(scene_file), options, not settings.transparent, audio=audio, run=run)


def _publish(entry: SceneEntry, settings: Settings, work: Path, folder: Path, narration: Narration) -> None:
    """Move a finished render's files into the output folder, each in one step."""
    video = work / "video" / clip_name(entry, settings).replace(".alpha", "")
    if not video.exists():
        raise ProductionError(f"{entry.name}: manim finished without writing {video.name}")
    report = read_report(work / REPORT, narration)  # a cue per narrated line, from where its audio starts
    voice = line_pauses(report) if settings.voiced else {}
    cues = fit_cues(report.cues, settings.lang, probe(video).duration, voice)  # as a viewer reads them, as said
    with atomic_output(folder / clip_name(entry, settings)) as temporary:  # with its sound and soft subtitles
        publish_sound(folder, entry, settings, video, report, cues, temporary, work / "slides")
        if not settings.transparent:
            require_deliverable(temporary)
    if settings.transparent:
        return
    clip = folder / f"{entry.name}.mp4"
    write_text(folder / f"{entry.name}.srt", to_srt(cues))
    write_text(folder / f"{entry.name}.vtt", to_vtt(cues))
    with atomic_output(folder / f"{entry.name}.png") as temporary:
        write_poster(clip, temporary)
    _publish_slides(entry, work / "slides", folder / "slides")


def _publish_slides(entry: SceneEntry, made: Path, slides: Path) -> None:
    """manim-slides wrote absolute paths into the work folder; store them relative to the output folder, the way
    manim-slides reads them back (relative to the folder above the JSON file)."""
    deck = made / f"{entry.name}.json"
    if not deck.exists():
        return
    config = json.loads(deck.read_text())
    for slide in config["slides"]:
        for key in ("file", "rev_file"):
            slide[key] = f"{slides.name}/files/{entry.name}/{Path(slide[key]).name}"
    replace_folder(made / "files" / entry.name, slides / "files" / entry.name)
    write_text(slides / f"{entry.name}.json", json.dumps(config, indent=2))


class Renderer:
    """Renders the stale scenes of one output folder as tasks of an executor, with one progress display, and
    publishes each scene here as its task comes back."""

    def __init__(self, settings: Settings, folder: Path, executor: Executor):
        self.settings, self.folder, self.executor = settings, folder, executor
        self.console = Console(stderr=True)
        self.works: dict[str, Path] = {}  # scene → the folder its render is published from, in the output folder
        self.run_id = uuid.uuid4().hex  # names this run's tasks, so an interrupt stops them on every worker

    def run(self, entries: list[SceneEntry]) -> list[SceneResult]:
        progress = Progress(SpinnerColumn(), TextColumn("{task.description:<28}"), BarColumn(), MofNCompleteColumn(),
                            TimeElapsedColumn(), console=self.console, transient=True)
        results: list[SceneResult] = []
        futures: dict = {}
        try:
            with progress, LogWatch(progress) as watch:
                overall = progress.add_task(f"{len(entries)} scene(s) on {self.executor.name}", total=len(entries))
                for entry in longest_first(self.folder, entries, self.settings):
                    futures[self._submit(entry, watch)] = (entry, time.monotonic())
                for future in self.executor.as_completed(futures):
                    entry, start = futures[future]
                    results.append(result := self._finish(entry, future, start, watch))
                    progress.advance(overall)
                    self._report(result)
        except BaseException:
            self.executor.cancel(futures)
            self.executor.everywhere(stop_renders, self.run_id)
            raise
        finally:
            for work in self.works.values():
                shutil.rmtree(work, ignore_errors=True)
        return sorted(results, key=lambda result: entries.index(result.entry))

    def _log(self, entry: SceneEntry) -> Path:
        return self.folder / "logs" / f"{Path(clip_name(entry, self.settings)).stem}.log"

    def _narration(self, entry: SceneEntry) -> Narration:
        return read_narration(self.folder, entry) if self.settings.voiced else Narration()

    def _submit(self, entry: SceneEntry, watch: LogWatch):
        log = self._log(entry)
        log.parent.mkdir(parents=True, exist_ok=True)
        work = self.works[entry.name] = work_folder(self.folder, entry.name)
        if self.executor.shares_files:
            watch.add(entry.name, log, read_stamp(self.folder, entry, self.settings).get("animations"))
        task = scene_task(entry, self.settings, self._narration(entry), work if self.executor.shares_files else None,
                          log, self.folder / ".cache" / entry.name, self.run_id)
        return self.executor.submit(render_task, task, key=f"render-{entry.name}-{uuid.uuid4().hex[:8]}")

    def _report(self, result: SceneResult) -> None:
        if result.ok:
            self.console.print(f"[green]✓[/] {result.entry.name} ({result.seconds:.1f} s)")
        else:
            self.console.print(f"[red]✗ {result.entry.name} failed[/]: {result.error} — log: {result.log}")

    def _finish(self, entry: SceneEntry, future, start: float, watch: LogWatch) -> SceneResult:
        """Check and publish what the scene's task made; any failure is this scene's alone."""
        watch.remove(entry.name)
        log, work = self._log(entry), self.works.pop(entry.name)
        try:
            output: RenderOutput = future.result()
            if not self.executor.shares_files:
                _unpack(output, work, log)
            if output.returncode != 0:
                raise ProductionError(f"manim exited with code {output.returncode}: {_last_error(log)}")
            narration = self._narration(entry)
            _publish(entry, self.settings, work, self.folder, narration)
            title = read_report(work / REPORT, narration).title  # as LectureScene.show_title wrote it
            seconds = time.monotonic() - start
            write_stamp(self.folder, entry, self.settings, {
                "fingerprint": fingerprint(entry, self.settings), "animations": output.animations,
                "narration": narration_digest(self.folder, entry, self.settings),
                "seconds": round(seconds, 1), "title": title or entry.title,
                "files": {name: (self.folder / name).stat().st_size  # is_current tells a truncated file by its size
                          for name in expected_files(entry, self.settings)},
                "slides": (work / SLIDES / f"{entry.name}.json").exists()})
            return SceneResult(entry, True, seconds, log)
        except Exception as error:  # one scene's failure, whatever it is, must not stop the others
            message = str(error) if isinstance(error, ProductionError) else f"{type(error).__name__}: {error}"
            return SceneResult(entry, False, time.monotonic() - start, log, message)
        finally:
            shutil.rmtree(work, ignore_errors=True)


def _unpack(output: RenderOutput, work: Path, log: Path) -> None:
    """A task that rendered in a private folder on its worker: its log and files, put where publishing reads them."""
    write_text(log, output.log)
    for name, data in output.files.items():
        target = work / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


class LogWatch:
    """Progress of the scenes rendering on this machine's file system: the animations their live logs name."""

    def __init__(self, progress: Progress):
        self.progress = progress
        self.watched: dict[str, tuple[Path, TaskID]] = {}  # scene → (log, progress task)
        self.lock = threading.Lock()
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._follow, daemon=True)

    def __enter__(self) -> LogWatch:
        self.thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.done.set()
        self.thread.join()

    def add(self, scene: str, log: Path, animations: int | None) -> None:
        log.unlink(missing_ok=True)  # the last render's log is not this one's progress
        with self.lock:
            self.watched[scene] = (log, self.progress.add_task(scene, total=animations, visible=False))

    def remove(self, scene: str) -> None:
        with self.lock:
            _, task = self.watched.pop(scene, (None, None))
            if task is not None:
                self.progress.remove_task(task)

    def refresh(self) -> None:
        """Show each started scene with the animations it has finished. Under the lock: a scene that ends while its
        log is read keeps its progress task until this update is done (a removed task cannot be updated)."""
        with self.lock:
            for log, task in self.watched.values():
                if log.exists():
                    finished = log.read_text(encoding="utf-8", errors="replace").count(ANIMATION_DONE)
                    self.progress.update(task, completed=finished, visible=True)

    def _follow(self) -> None:
        while not self.done.wait(0.5):
            self.refresh()


def _last_error(log: Path) -> str:
    """The line of the log that says what went wrong (the exception at the end of a traceback)."""
    lines = [line.strip(" │╭╰─\n") for line in log.read_text(encoding="utf-8", errors="replace").splitlines()]
    lines = [line for line in lines if line]
    errors = [line for line in lines if "Error" in line or "error:" in line]
    return (errors or lines or ["no output"])[-1][:200]
