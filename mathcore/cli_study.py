"""`saddle study`: rerun the experiment behind the MinimumRatio scene and write its JSON data file."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import click

from mathcore.errors import LossError
from mathcore.minimum_ratio import STUDY_JSON, ZERO_RTOL, study_record


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
    started = time.perf_counter()
    trained = []
    with Progress(transient=False) as progress:
        task = progress.add_task("training networks", total=networks)
        for network in run_study(settings):
            trained.append(network)
            progress.advance(task)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(_readable_json(study_record(settings.record(), trained)))
    click.echo(f"wrote {output}: {len(trained)} networks in {time.perf_counter() - started:.0f} s")


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
