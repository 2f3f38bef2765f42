"""`saddle voice`: every spoken line of the lecture with where its audio comes from, and the audio that is missing
made (the same step `saddle render` takes before rendering)."""

from __future__ import annotations

import sys

import click

from saddle.cli.options import (
    EXECUTOR,
    HIDDEN_PATHS,
    LANGUAGE,
    RATE,
    RECORDINGS,
    VOICE,
    executor_choice,
    jobs_option,
    render_settings,
    with_options,
)
from saddle.execution import ExecutionError, UsageError, open_executor
from saddle.production.plan import choose, load_lecture
from saddle.safety import folder_lock


@click.command()
@click.argument("scenes", nargs=-1)
@with_options([LANGUAGE, VOICE, RECORDINGS, RATE])
@click.option("--list-only", is_flag=True, help="Only list the lines; make no audio.")
@with_options([jobs_option("Scenes run to learn their lines", 2), *EXECUTOR, *HIDDEN_PATHS])
def voice(scenes, lang, voice, recordings, rate, list_only, jobs, scheduler, cluster, shared_files, lecture_file,
          renders):
    """List each spoken line of SCENES (default: the whole lecture) with its source — recording, synthetic or
    missing — and synthesise the lines that are not cached yet."""
    from saddle.production.narrate import narrate
    from saddle.production.voice_lines import seconds

    settings = render_settings("l", lang, "dark", voice, recordings, rate=rate)
    chosen = choose(load_lecture(lecture_file), tuple(scenes))
    folder = renders / ".voice"
    try:
        with folder_lock(folder), open_executor(executor_choice(scheduler, cluster, shared_files), jobs) as executor:
            outcome = narrate(folder, chosen, settings, renders, jobs, make_missing=not list_only, write=False,
                              executor=executor)
    except UsageError as error:
        raise click.UsageError(str(error)) from None
    except ExecutionError as error:
        click.echo(f"saddle: error: {error}", err=True)
        sys.exit(1)
    for line, found in zip(outcome.lines, outcome.sources, strict=True):
        state = f"{seconds(found.audio):5.1f} s" if found.audio and found.ready else ("  stale" if found.audio
                                                                                        else "      –")
        click.echo(f"{line.scene:<20} {line.key:<28} {found.kind:<9} {state}  {line.text[:60]}")
    kinds = {kind: sum(found.kind == kind for found in outcome.sources) for kind in ("recording", "synthetic",
                                                                                    "missing")}
    click.echo(f"{len(outcome.lines)} line(s): " + ", ".join(f"{count} {kind}" for kind, count in kinds.items()))
    if outcome.made:
        click.echo(f"made {outcome.made} line(s), {outcome.audio_seconds:.1f} s of speech in "
                   f"{outcome.work_seconds:.1f} s (real-time factor {outcome.real_time_factor:.2f})")
