"""The options several commands share, defined once: the look and quality of a render, where tasks run (this
machine or a Dask cluster), the voice, and the hidden paths tests use. A command lists the ones it takes."""

from __future__ import annotations

import os
from pathlib import Path

import click

from saddle.execution import SCHEDULER_VARIABLE, ExecutorChoice
from saddle.production.plan import ROOT, Settings
from scenes.job import LANGUAGES, PREVIEW_QUALITY, QUALITIES, THEME_NAMES

HIDDEN_PATHS = [  # for tests and tooling: another scene list, another renders folder
    click.option("--lecture", "lecture_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                 hidden=True),
    click.option("--renders", type=click.Path(file_okay=False, path_type=Path), default=ROOT / "renders",
                 hidden=True),
]
QUALITY = click.option(
    "-q", "--quality", type=click.Choice(list(QUALITIES)), default=PREVIEW_QUALITY, show_default=True,
    help=", ".join(f"{flag}={quality.folder}" for flag, quality in QUALITIES.items())
    + " (h is what a lecture is projected at; `make lecture` renders it).")
LANGUAGE = click.option("--lang", type=click.Choice(LANGUAGES), default=LANGUAGES[0], show_default=True)
THEME = click.option("--theme", type=click.Choice(THEME_NAMES), default=THEME_NAMES[0], show_default=True)
VOICE = click.option(
    "--voice", default="default", show_default=True, envvar="SADDLE_VOICE",
    help="Narrating voice (af_heart, am_michael; zf_xiaobei, zm_yunxi), `default` for the language's "
         "(af_heart, zf_xiaobei), or `none`: silent, paced for reading. Also $SADDLE_VOICE.")
RECORDINGS = click.option(
    "--recordings", type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of your own recordings, <line key>.<lang>.wav, used instead of the voice line by line.")
RATE = click.option("--rate", type=click.FloatRange(0.5, 2.0), default=Settings.rate, show_default=True,
                    help="The voice's speaking rate: 1.0 is its own pace (about 185 English words a minute).")
#: Where the tasks run: gives the command `where`, an ExecutorChoice (saddle/execution.py).
EXECUTOR = [
    click.option("--scheduler", envvar=SCHEDULER_VARIABLE, default="", metavar="ADDRESS",
                 help=f"Run on a Dask cluster: its scheduler, e.g. tcp://HOST:8786 (also ${SCHEDULER_VARIABLE})."),
    click.option("--cluster", default="", metavar="local:N",
                 help="Start a Dask cluster of N worker processes on this machine and run on it."),
    click.option("--shared-files", "shared_files", is_flag=True,
                 help="The scheduler's workers see this folder at the same path (no copying of inputs and results)."),
]


def jobs_option(what: str, default: int | None = None):
    return click.option("-j", "--jobs", type=click.IntRange(min=1), default=default or os.cpu_count() or 1,
                        show_default=str(default) if default else "CPU count", help=f"{what} at the same time here.")


def with_options(options):
    """Apply a list of click options in the order they are listed (as --help shows them)."""
    def decorate(function):
        for option in reversed(options):
            function = option(function)
        return function
    return decorate


def executor_choice(scheduler: str, cluster: str, shared_files: bool) -> ExecutorChoice:
    return ExecutorChoice(scheduler, cluster, shared_files)


def render_settings(quality, lang, theme, voice, recordings, transparent=False, rate=Settings.rate) -> Settings:
    """The run's settings, with `default` resolved to the language's voice (so a fingerprint names the voice)."""
    from saddle.voice.assets import DEFAULT_VOICES

    voice = DEFAULT_VOICES[lang] if voice == "default" else voice
    return Settings(quality, lang, theme, transparent, voice, str(recordings.resolve()) if recordings else "", rate)
