"""`saddle voice`: every spoken line of the lecture with where its audio comes from, and the audio that is missing
made (the same step `saddle render` takes before rendering)."""

from __future__ import annotations

from pathlib import Path

import click

from saddle.cli_render import _HIDDEN_PATHS, _settings, _with
from saddle.production.plan import Settings, choose, load_lecture
from saddle.production.safety import folder_lock


@click.command()
@click.argument("scenes", nargs=-1)
@click.option("--lang", type=click.Choice(["en", "zh"]), default="en", show_default=True)
@click.option("--voice", default="default", show_default=True, envvar="SADDLE_VOICE",
              help="af_heart, am_michael (en); zf_xiaobei, zm_yunxi (zh); `default`; or `none`. Also $SADDLE_VOICE.")
@click.option("--recordings", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder of your own recordings, <line key>.<lang>.wav.")
@click.option("--rate", type=click.FloatRange(0.5, 2.0), default=Settings.rate, show_default=True,
              help="The voice's speaking rate: 1.0 is its own pace.")
@click.option("--list-only", is_flag=True, help="Only list the lines; make no audio.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=2, show_default=True,
              help="Scenes run at once to learn their lines.")
@_with(_HIDDEN_PATHS)
def voice(scenes, lang, voice, recordings, rate, list_only, jobs, lecture_file, renders):
    """List each spoken line of SCENES (default: the whole lecture) with its source — recording, synthetic or
    missing — and synthesise the lines that are not cached yet."""
    from saddle.voice.lines import seconds
    from saddle.voice.narrate import narrate

    settings = _settings("l", lang, "dark", voice, recordings, rate=rate)
    chosen = choose(load_lecture(lecture_file), tuple(scenes))
    folder = renders / ".voice"
    with folder_lock(folder):
        outcome = narrate(folder, chosen, settings, renders, jobs, make_missing=not list_only, write=False)
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
