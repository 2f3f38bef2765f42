"""`saddle list`, `saddle render` and `saddle slides`: the lecture's production commands (saddle.production)."""

from __future__ import annotations

import signal
import sys

import click

from saddle.cli.options import (
    EXECUTOR,
    HIDDEN_PATHS,
    LANGUAGE,
    QUALITY,
    RATE,
    RECORDINGS,
    THEME,
    VOICE,
    executor_choice,
    jobs_option,
    render_settings,
    with_options,
)
from saddle.execution import ExecutionError, UsageError
from saddle.production.plan import ROOT, load_lecture

_RENDER_OPTIONS = [
    click.argument("scenes", nargs=-1), QUALITY, LANGUAGE, THEME, jobs_option("Scenes rendered"), *EXECUTOR,
    click.option("--force", is_flag=True, help="Render again even the scenes that are up to date."),
    VOICE, RECORDINGS, RATE, *HIDDEN_PATHS,
]


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def _run(scenes, settings, jobs, force, lecture_file, renders, where, decks=False, views=False):
    from saddle.production.pipeline import produce

    signal.signal(signal.SIGTERM, _interrupt)  # a killed run cleans up like Ctrl-C: no half-written files
    try:
        outcome = produce(tuple(scenes), settings, jobs, renders, lecture_file, force, decks, where, views)
    except KeyboardInterrupt:
        click.echo("saddle: interrupted; finished files are kept, unfinished ones removed", err=True)
        sys.exit(130)
    except UsageError as error:
        raise click.UsageError(str(error)) from None
    except ExecutionError as error:
        click.echo(f"saddle: error: {error}", err=True)
        sys.exit(1)
    rendered = sum(result.ok for result in outcome.results)
    click.echo(f"{rendered} scene(s) rendered, {len(outcome.up_to_date)} up to date, {len(outcome.failed)} failed "
               f"→ {outcome.folder}")
    for note in outcome.notes:
        click.echo(note)
    if outcome.failed:
        for result in outcome.failed:
            click.echo(f"saddle: error: {result.entry.name} failed: {result.error} (log: {result.log})", err=True)
        sys.exit(1)


@click.command("list")
@with_options(HIDDEN_PATHS[:1])
def list_scenes(lecture_file):
    """Print the lecture's scenes in order, one a line: <scene file> <SceneClass>."""
    for entry in load_lecture(lecture_file):
        path = entry.path.relative_to(ROOT) if ROOT in entry.path.parents else entry.path
        click.echo(f"{path} {entry.name}")


@click.command()
@with_options(_RENDER_OPTIONS)
@click.option("--transparent", is_flag=True, help="WebM clips with an alpha channel, for overlaying on slides.")
def render(scenes, quality, lang, theme, jobs, scheduler, cluster, shared_files, force, voice, recordings, rate,
           lecture_file, renders, transparent):
    """Render SCENES (default: the whole lecture) in parallel into renders/<lang>-<theme>/<quality>/:
    a clip, poster and subtitles per scene, the stitched lecture, a gallery page and a manifest.
    Scenes whose source, data and settings did not change are not rendered again."""
    settings = render_settings(quality, lang, theme, voice, recordings, transparent, rate)
    _run(scenes, settings, jobs, force, lecture_file, renders, executor_choice(scheduler, cluster, shared_files))


@click.command()
@with_options(_RENDER_OPTIONS)
@click.option("--views", is_flag=True,
              help="End each part whose picture is a loss with a slide of its interactive view (slides.html).")
def slides(scenes, quality, lang, theme, jobs, scheduler, cluster, shared_files, force, voice, recordings, rate,
           lecture_file, renders, views):
    """Render what is stale, then make slides.html (offline reveal.js deck) and slides.pptx from SCENES
    (default: the whole lecture); each narrated line of a scene is one slide."""
    settings = render_settings(quality, lang, theme, voice, recordings, rate=rate)
    _run(scenes, settings, jobs, force, lecture_file, renders, executor_choice(scheduler, cluster, shared_files),
         decks=True, views=views)


COMMANDS = [list_scenes, render, slides]
