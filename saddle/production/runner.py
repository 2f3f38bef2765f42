"""Render scenes as separate `manim render` processes, several at once, each in a private work folder inside
the output folder, then publish each finished scene's files in one step. A failed scene is reported with its
log and does not stop the others."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from saddle.production.audio import line_pauses, publish_sound
from saddle.production.captions import fit_cues
from saddle.production.media import ProductionError, probe, require_deliverable, write_poster
from saddle.production.plan import (
    ROOT,
    SceneEntry,
    Settings,
    clip_name,
    expected_files,
    fingerprint,
    longest_first,
    narration_digest,
    narration_path,
    read_stamp,
    write_stamp,
)
from saddle.production.safety import atomic_output, discard, replace_folder, work_folder, write_text
from saddle.production.subtitles import read_srt, to_srt, to_vtt

ANIMATION_DONE = "Partial movie file written"  # manim logs this once per finished animation


@dataclass(frozen=True)
class SceneResult:
    entry: SceneEntry
    ok: bool
    seconds: float
    log: Path
    error: str = ""


def _manim_config(work: Path, cache: Path) -> Path:
    """Every path manim writes to, pointed into this render's own folders (Tex and text caches per scene, so
    parallel renders never compile the same formula at the same time)."""
    config = work / "manim.cfg"
    config.write_text("[CLI]\n" + "".join(f"{key} = {value}\n" for key, value in {
        "media_dir": work, "video_dir": work / "video", "images_dir": work / "images",
        "partial_movie_dir": work / "partial", "log_dir": work / "logs", "tex_dir": cache / "Tex",
        "text_dir": cache / "texts", "disable_caching": True, "progress_bar": "none",
    }.items()))
    return config


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


def _command(entry: SceneEntry, settings: Settings, config: Path) -> list[str]:
    alpha = ["-t", "--format=webm"] if settings.transparent else []
    return [sys.executable, "-m", "saddle.production.bt709", "render", f"-q{settings.quality}", "--config_file",
            str(config), *alpha, str(entry.path), entry.name]


def _environment(settings: Settings, work: Path, narration: Path) -> dict[str, str]:
    paths = [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
    slides = {} if settings.transparent else {"LECTURE_SLIDES": str(work / "slides")}
    slides |= {"LECTURE_NARRATION": str(narration)} if settings.voiced and narration.exists() else {}
    return os.environ | slides | {"LECTURE_LANG": settings.lang, "LECTURE_THEME": settings.theme, "COLUMNS": "200",
                                  "PYTHONUNBUFFERED": "1", "PYTHONPATH": os.pathsep.join(paths)}


def _publish(entry: SceneEntry, settings: Settings, work: Path, folder: Path) -> None:
    """Move a finished render's files into the output folder, each in one step."""
    video = work / "video" / clip_name(entry, settings).replace(".alpha", "")
    if not video.exists():
        raise ProductionError(f"{entry.name}: manim finished without writing {video.name}")
    said = read_srt(video.with_suffix(".srt"))  # manim's: a cue per narrated line, from where its audio starts
    voice = line_pauses(said, narration_path(folder, entry)) if settings.voiced else {}
    cues = fit_cues(said, settings.lang, probe(video).duration, voice)  # as a viewer reads them, as they are said
    with atomic_output(folder / clip_name(entry, settings)) as temporary:  # with its sound and soft subtitles
        publish_sound(folder, entry, settings, video, said, cues, temporary, work / "slides")
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
    """Runs the stale scenes of one output folder, `jobs` at a time, with one progress display for the job."""

    def __init__(self, settings: Settings, folder: Path, jobs: int):
        self.settings, self.folder, self.jobs = settings, folder, max(1, jobs)
        self.console = Console(stderr=True)
        self.running: set[subprocess.Popen] = set()
        self.stopping = threading.Event()
        self.lock = threading.Lock()

    def run(self, entries: list[SceneEntry]) -> list[SceneResult]:
        progress = Progress(SpinnerColumn(), TextColumn("{task.description:<28}"), BarColumn(), MofNCompleteColumn(),
                            TimeElapsedColumn(), console=self.console, transient=True)
        workers = min(self.jobs, len(entries))
        pool = ThreadPoolExecutor(workers)
        results = []
        try:
            with progress:
                overall = progress.add_task(f"{len(entries)} scene(s), {workers} at a time", total=len(entries))
                futures = [pool.submit(self._render, entry, progress)
                           for entry in longest_first(self.folder, entries, self.settings)]
                for future in as_completed(futures):
                    results.append(result := future.result())
                    progress.advance(overall)
                    self._report(result)
        except BaseException:
            self.stopping.set()
            with self.lock:
                for process in self.running:
                    process.terminate()
            raise
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        return sorted(results, key=lambda result: entries.index(result.entry))

    def _report(self, result: SceneResult) -> None:
        if result.ok:
            self.console.print(f"[green]✓[/] {result.entry.name} ({result.seconds:.1f} s)")
        else:
            self.console.print(f"[red]✗ {result.entry.name} failed[/]: {result.error} — log: {result.log}")

    def _render(self, entry: SceneEntry, progress: Progress) -> SceneResult:
        start = time.monotonic()
        log = self.folder / "logs" / f"{Path(clip_name(entry, self.settings)).stem}.log"
        if self.stopping.is_set():
            return SceneResult(entry, False, 0.0, log, "interrupted")
        previous = read_stamp(self.folder, entry, self.settings).get("animations")
        task = progress.add_task(entry.name, total=previous)
        work = work_folder(self.folder, entry.name)
        try:
            animations = self._run_manim(entry, work, log, lambda: progress.advance(task))
            _publish(entry, self.settings, work, self.folder)
            title = work / "slides" / f"{entry.name}.title"  # written by LectureScene.show_title
            seconds = time.monotonic() - start
            write_stamp(self.folder, entry, self.settings, {
                "fingerprint": fingerprint(entry, self.settings), "animations": animations,
                "narration": narration_digest(self.folder, entry, self.settings),
                "seconds": round(seconds, 1),
                "title": title.read_text(encoding="utf-8") if title.exists() else entry.title,
                "files": {name: (self.folder / name).stat().st_size  # is_current tells a truncated file by its size
                          for name in expected_files(entry, self.settings)},
                "slides": (work / "slides" / f"{entry.name}.json").exists()})
            return SceneResult(entry, True, seconds, log)
        except Exception as error:  # one scene's failure, whatever it is, must not stop the others
            message = str(error) if isinstance(error, ProductionError) else f"{type(error).__name__}: {error}"
            return SceneResult(entry, False, time.monotonic() - start, log, message)
        finally:
            progress.remove_task(task)
            shutil.rmtree(work, ignore_errors=True)

    def _run_manim(self, entry: SceneEntry, work: Path, log: Path, on_animation) -> int:
        """Run manim with its output going to the log; returns the number of animations rendered."""
        cache = self.folder / ".cache" / entry.name
        _drop_unfinished_cache(cache)
        config = _manim_config(work, cache)
        log.parent.mkdir(parents=True, exist_ok=True)
        animations = 0
        with open(log, "w", encoding="utf-8", buffering=1) as handle:  # line by line: the log is live
            with self.lock:
                if self.stopping.is_set():
                    raise ProductionError("interrupted")
                process = subprocess.Popen(_command(entry, self.settings, config), cwd=ROOT,
                                           env=_environment(self.settings, work, narration_path(self.folder, entry)),
                                           stdout=subprocess.PIPE,
                                           stderr=subprocess.STDOUT, text=True, errors="replace")
                self.running.add(process)
            try:
                for line in process.stdout or ():
                    handle.write(line)
                    if ANIMATION_DONE in line:
                        animations += 1
                        on_animation()
                code = process.wait()
            finally:
                with self.lock:
                    self.running.discard(process)
        if code != 0:
            raise ProductionError(f"manim exited with code {code}: {_last_error(log)}")
        return animations


def _last_error(log: Path) -> str:
    """The line of the log that says what went wrong (the exception at the end of a traceback)."""
    lines = [line.strip(" │╭╰─\n") for line in log.read_text(encoding="utf-8", errors="replace").splitlines()]
    lines = [line for line in lines if line]
    errors = [line for line in lines if "Error" in line or "error:" in line]
    return (errors or lines or ["no output"])[-1][:200]
