"""`saddle study`: rerun the experiment behind the MinimumRatio scene and write its JSON data file."""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

import click

from mathcore.errors import LossError
from mathcore.minimum_ratio import STUDY_JSON, ZERO_RTOL, load_study, network_record, study_record
from saddle.safety import write_text


@click.command()
@click.option("--networks", type=click.IntRange(min=1), default=48, show_default=True, help="How many networks.")
@click.option("--seed", type=click.IntRange(min=0), default=0, show_default=True,
              help="Base seed: network i is initialised with seed·10000 + i.")
@click.option("--widths", default="6,8,10,12", show_default=True, help="Hidden widths, cycled over the networks.")
@click.option("--adam-steps", default="300,1000,3000", show_default=True,
              help="Adam budgets (the 'stopped' measurement), cycled over the networks.")
@click.option("--samples", type=click.IntRange(1, 1797), default=1797, show_default=True,
              help="Train on the first SAMPLES digits.")
@click.option("--zero-rtol", type=float, default=ZERO_RTOL, show_default=True,
              help="|eigenvalue| ≤ ZERO_RTOL·max|eigenvalue| counts as near zero.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=STUDY_JSON,
              show_default=True, help="Where to write the JSON data file.")
def study(networks, seed, widths, adam_steps, samples, zero_rtol, output):
    """Train small networks on scikit-learn's digits to critical points; count their Hessian eigenvalues."""
    try:
        from rich.progress import Progress

        from mathcore.study import StudySettings, run_study
    except ImportError as error:
        raise LossError(f"saddle study needs the study extra ({error.name} is missing): "
                        "pip install -e '.[study]'") from None
    settings = StudySettings(networks=networks, seed=seed, widths=_integers(widths, "--widths"),
                             adam_steps=_integers(adam_steps, "--adam-steps"), samples=samples,
                             zero_rtol=zero_rtol)
    partial = output.with_name(f"{output.stem}.partial.json")
    records = _resumable(partial, settings.record(), networks)
    started = time.perf_counter()
    try:
        with Progress(transient=False) as progress:
            task = progress.add_task("training networks", total=networks, completed=len(records))
            for network in run_study(settings, start=len(records)):
                records.append(network_record(network))
                write_text(partial, _readable_json(study_record(settings.record(), records)))
                progress.advance(task)
    except KeyboardInterrupt:  # Ctrl-C ends like every other command's: one line, exit 130
        click.echo(f"saddle: interrupted: {len(records)} of {networks} networks are kept in {partial}; "
                   "run the same command again to go on from there", err=True)
        sys.exit(130)
    write_text(output, _readable_json(study_record(settings.record(), records)))
    partial.unlink()
    click.echo(f"wrote {output}: {networks} networks, {time.perf_counter() - started:.0f} s in this run")


def _resumable(partial: Path, settings: dict, networks: int) -> list[dict]:
    """The networks an interrupted run with the same settings already finished (network i depends only on the
    settings and i, so they need not be trained again, whatever --networks was); nothing if there is no such run."""
    if not partial.exists():
        return []
    try:
        load_study(partial)  # every record complete and readable, or a LossError
        record = json.loads(partial.read_text())
        records = record["networks"][:networks]
        same = ({**record["settings"], "networks": networks} == settings
                and [r["index"] for r in records] == list(range(len(records))))
    except (LossError, ValueError, KeyError, TypeError):
        same = False
    if not same:
        click.echo(f"saddle: warning: not resuming from {partial}: another study's, or unreadable; it will be "
                   "replaced", err=True)
        return []
    click.echo(f"resuming from {partial}: {len(records)} of {networks} networks already trained", err=True)
    return records


def _integers(text: str, option: str) -> tuple[int, ...]:
    try:
        values = tuple(int(part) for part in text.split(","))
    except ValueError:
        raise LossError(f"{option} takes comma-separated integers, got {text!r}") from None
    if min(values) < 1:
        raise LossError(f"{option} values must be at least 1, got {text!r}")
    return values


def _readable_json(record: dict) -> str:
    """Indented JSON with every list of numbers on one line (a spectrum is one line, not three hundred)."""
    text = json.dumps(record, indent=1)
    return re.sub(r"\[\n\s*([-+.\deE,\s]*?)\n\s*\]", lambda m: "[" + re.sub(r",\s+", ", ", m.group(1)) + "]",
                  text) + "\n"
