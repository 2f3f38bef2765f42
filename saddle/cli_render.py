"""`saddle list`, `saddle render` and `saddle slides`: the lecture's production commands (saddle.production)."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import click

from saddle.production.plan import QUALITIES, ROOT, Settings, load_lecture

_HIDDEN_PATHS = [  # for tests and tooling: another scene list, another renders folder
    click.option("--lecture", "lecture_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                 hidden=True),
    click.option("--renders", type=click.Path(file_okay=False, path_type=Path), default=ROOT / "renders",
                 hidden=True),
]
_RENDER_OPTIONS = [
    click.argument("scenes", nargs=-1),
    click.option("-q", "--quality", type=click.Choice(list(QUALITIES)), default="l", show_default=True,
                 help="Manim quality: l=480p15, m=720p30, h=1080p60, k=2160p60."),
    click.option("--lang", type=click.Choice(["en", "zh"]), default="en", show_default=True),
    click.option("--theme", type=click.Choice(["dark", "light"]), default="dark", show_default=True),
    click.option("-j", "--jobs", type=click.IntRange(min=1), default=os.cpu_count() or 1, show_default="CPU count",
                 help="Scenes rendered at the same time."),
    click.option("--force", is_flag=True, help="Render again even the scenes that are up to date."),
    click.option("--voice", default="default", show_default=True, envvar="SADDLE_VOICE",
                 help="Narrating voice (af_heart, am_michael; zf_xiaobei, zm_yunxi), `default` for the language's "
                      "(af_heart, zf_xiaobei), or `none`: silent, paced for reading. Also $SADDLE_VOICE."),
    click.option("--recordings", type=click.Path(exists=True, file_okay=False, path_type=Path),
                 help="Folder of your own recordings, <line key>.<lang>.wav, used instead of the voice line by line."),
    click.option("--rate", type=click.FloatRange(0.5, 2.0), default=Settings.rate, show_default=True,
                 help="The voice's speaking rate: 1.0 is its own pace (about 178 English words a minute)."),
    *_HIDDEN_PATHS,
]


def _with(options):
    def decorate(function):
        for option in reversed(options):
            function = option(function)
        return function
    return decorate


def _settings(quality, lang, theme, voice, recordings, transparent=False, rate=Settings.rate) -> Settings:
    """The run's settings, with `default` resolved to the language's voice (so a fingerprint names the voice)."""
    from saddle.voice.assets import DEFAULT_VOICES

    voice = DEFAULT_VOICES[lang] if voice == "default" else voice
    return Settings(quality, lang, theme, transparent, voice, str(recordings.resolve()) if recordings else "", rate)


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def _run(scenes, settings, jobs, force, lecture_file, renders, decks=False):
    from saddle.production.pipeline import produce

    signal.signal(signal.SIGTERM, _interrupt)  # a killed run cleans up like Ctrl-C: no half-written files
    try:
        outcome = produce(tuple(scenes), settings, jobs, renders, lecture_file, force, decks)
    except KeyboardInterrupt:
        click.echo("saddle: interrupted; finished files are kept, unfinished ones removed", err=True)
        sys.exit(130)
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
@_with(_HIDDEN_PATHS[:1])
def list_scenes(lecture_file):
    """Print the lecture's scenes in order, one a line: <scene file> <SceneClass>."""
    for entry in load_lecture(lecture_file):
        path = entry.path.relative_to(ROOT) if ROOT in entry.path.parents else entry.path
        click.echo(f"{path} {entry.name}")


@click.command()
@_with(_RENDER_OPTIONS)
@click.option("--transparent", is_flag=True, help="WebM clips with an alpha channel, for overlaying on slides.")
def render(scenes, quality, lang, theme, jobs, force, voice, recordings, rate, lecture_file, renders, transparent):
    """Render SCENES (default: the whole lecture) in parallel into renders/<lang>-<theme>/<quality>/:
    a clip, poster and subtitles per scene, the stitched lecture, a gallery page and a manifest.
    Scenes whose source, data and settings did not change are not rendered again."""
    _run(scenes, _settings(quality, lang, theme, voice, recordings, transparent, rate), jobs, force, lecture_file,
         renders)


@click.command()
@_with(_RENDER_OPTIONS)
def slides(scenes, quality, lang, theme, jobs, force, voice, recordings, rate, lecture_file, renders):
    """Render what is stale, then make slides.html (offline reveal.js deck) and slides.pptx from SCENES
    (default: the whole lecture); each narrated line of a scene is one slide."""
    _run(scenes, _settings(quality, lang, theme, voice, recordings, rate=rate), jobs, force, lecture_file, renders,
         decks=True)


COMMANDS = [list_scenes, render, slides]
