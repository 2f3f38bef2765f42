"""One production run over an output folder: render what is stale, then stitch, gallery and manifest — all while
holding the folder's lock."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from saddle.execution import ExecutorChoice, open_executor
from saddle.production.assemble import assemble_lecture, write_manifest
from saddle.production.gallery import write_gallery
from saddle.production.media import ProductionError
from saddle.production.plan import (
    ROOT,
    SceneEntry,
    Settings,
    choose,
    is_current,
    load_lecture,
)
from saddle.production.runner import Renderer, SceneResult
from saddle.production.slides import make_decks
from saddle.safety import folder_lock, remove_leftovers


@dataclass(frozen=True)
class Outcome:
    folder: Path
    up_to_date: list[SceneEntry]
    results: list[SceneResult]
    notes: list[str]

    @property
    def failed(self) -> list[SceneResult]:
        return [result for result in self.results if not result.ok]


def produce(names: tuple[str, ...], settings: Settings, jobs: int, renders: Path = ROOT / "renders",
            lecture_file: Path | None = None, force: bool = False, decks: bool = False,
            where: ExecutorChoice | None = None, views: bool = False) -> Outcome:
    lecture = load_lecture(lecture_file)
    chosen = choose(lecture, names)
    absent = [str(entry.path) for entry in chosen if not entry.path.exists()]
    if absent:
        raise ProductionError(f"scene file not found: {', '.join(absent)}")
    folder = settings.folder(renders)
    with folder_lock(folder), open_executor(where or ExecutorChoice(), jobs) as executor:
        remove_leftovers(folder)
        if settings.voiced:  # every line's audio made and handed over before anything renders
            from saddle.production.narrate import narrate

            narrate(folder, chosen, settings, renders, jobs, executor=executor)
        stale = [entry for entry in chosen if force or not is_current(folder, entry, settings)]
        up_to_date = [entry for entry in chosen if entry not in stale]
        results = Renderer(settings, folder, executor).run(stale) if stale else []
        notes = [] if settings.transparent else [assemble_lecture(folder, lecture, settings)]
        if decks:
            ready = [entry for entry in chosen if is_current(folder, entry, settings)]
            made = make_decks(folder, ready, settings, views)
            notes += [f"{deck.name} made from {len(ready)} scene(s)" for deck in made] or ["slide decks are up to date"]
        write_gallery(folder, lecture, settings)
        write_manifest(folder, settings)
    return Outcome(folder, up_to_date, results, notes)
