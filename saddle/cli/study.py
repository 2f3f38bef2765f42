"""`saddle study`: rerun the experiment behind the MinimumRatio scene and write its JSON data file."""

from __future__ import annotations

import itertools
import json
import re
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures.process import BrokenProcessPool
from functools import partial as partial_function
from pathlib import Path
from typing import TypeVar

import click

from mathcore.errors import LossError
from mathcore.minimum_ratio import STUDY_JSON, ZERO_RTOL, load_study, network_record, study_record
from saddle.cli.options import EXECUTOR, executor_choice, with_options
from saddle.execution import ExecutionError, ExecutorChoice, UsageError, open_executor
from saddle.safety import write_text

Item = TypeVar("Item")
Result = TypeVar("Result")


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


def run_tasks(function: Callable[[Item], Result], items: list[Item], workers: int,
              keep_starting: Callable[[], bool] = lambda: True,
              where: ExecutorChoice | None = None) -> Iterator[tuple[Item, Result]]:
    """Call `function(item)` for every item as tasks of the project's executor (local processes, or Dask when
    `where` names a cluster) and yield (item, result) as each finishes. At most `workers` are in flight; the next
    starts only while keep_starting() holds. Ctrl-C, a dead worker or a caller that stops listening ends them."""
    waiting = iter(items)
    running: dict = {}
    with open_executor(where or ExecutorChoice(), workers, processes=True) as executor:
        try:
            for item in itertools.islice(waiting, workers):
                running[executor.submit(function, item)] = item
            while running:
                for future in executor.first_done(running):
                    item = running.pop(future)
                    yield item, future.result()
                    if keep_starting():
                        for following in itertools.islice(waiting, 1):
                            running[executor.submit(function, following)] = following
        except BaseException:
            executor.cancel(running)
            raise


@click.command("study-scaled")
@click.option("--preset", "preset_name", type=click.Choice(["full", "ci"]), default="full", show_default=True,
              help="full: ~10³…~10⁵ parameters, 12 networks; ci: one tiny network, the whole path in seconds.")
@click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True,
              help="Networks trained at once (one torch thread each).")
@click.option("--budget-minutes", type=click.FloatRange(min=0), default=None,
              help="Start no network after this many minutes; the file then says it is reduced and what is missing.")
@click.option("--only", default="", help="Run only the preset's networks whose name contains this text.")
@click.option("--device", type=click.Choice(["cpu", "cuda"]), default="cpu", show_default=True,
              help="Where the networks are trained and their Hessians applied (cuda: a GPU torch can see).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to write the JSON data file [default: mathcore/data/minimum_ratio_scaled.json].")
@with_options(EXECUTOR)
def study_scaled(preset_name, workers, budget_minutes, only, device, output, scheduler, cluster, shared_files):
    """Networks of ~10³ to ~10⁵ parameters driven to critical points; exact and Lanczos Hessian spectra."""
    try:
        from mathcore.scaled_study import preset, run_network, study_settings
    except ImportError as error:
        raise LossError(f"saddle study-scaled needs the study extra ({error.name} is missing): "
                        "pip install -e '.[study]'") from None
    import torch

    from mathcore.minimum_ratio_scaled import SCALED_JSON

    if device == "cuda" and not torch.cuda.is_available():
        raise LossError("--device cuda: torch sees no CUDA GPU on this machine; leave --device out to use the CPU")

    output = output or SCALED_JSON
    specs = [spec for spec in preset(preset_name) if only in spec.key]
    if not specs:
        raise LossError(f"--only {only!r}: no network of the {preset_name} preset has that in its name")
    settings = study_settings(preset_name, specs)
    partial = output.with_name(f"{output.stem}.partial.json")
    where = executor_choice(scheduler, cluster, shared_files)
    done, wall_before = _finished_networks(partial, specs)
    todo = [spec for spec in specs if spec.key not in done]
    started = time.perf_counter()

    def keep_starting() -> bool:
        return budget_minutes is None or time.perf_counter() - started < 60 * budget_minutes

    def file_record(complete: bool) -> dict:
        wall = round(wall_before + time.perf_counter() - started, 1)
        missing = [spec.key for spec in specs if spec.key not in done]
        return {"about": SCALED_ABOUT, "settings": {**settings, "workers": workers, "wall_seconds": wall,
                                                    "complete": complete, "missing": missing},
                "networks": [done[spec.key] for spec in specs if spec.key in done]}

    try:
        for count, (spec, record) in enumerate(run_tasks(partial_function(run_network, device=device),
                                                         todo if keep_starting() else [], workers,
                                                         keep_starting, where), start=1):
            done[spec.key] = record
            write_text(partial, _readable_json(file_record(complete=False)))
            _progress(count, len(todo), spec, record, time.perf_counter() - started, workers)
    except KeyboardInterrupt:
        click.echo(f"saddle: interrupted: {_kept(len(done), len(specs), partial)}", err=True)
        sys.exit(130)
    except BrokenProcessPool:
        raise LossError(f"a worker process died; {_kept(len(done), len(specs), partial)}") from None
    except UsageError as error:
        raise click.UsageError(str(error)) from None
    except ExecutionError as error:
        click.echo(f"saddle: error: {error}", err=True)
        sys.exit(1)
    complete = len(done) == len(specs)
    write_text(output, _readable_json(file_record(complete)))
    if complete:
        partial.unlink(missing_ok=True)
    state = "" if complete else (f" (reduced: {len(specs) - len(done)} planned networks not run; the same command "
                                 f"goes on from {partial.name})")
    click.echo(f"wrote {output}: {len(done)} networks{state}, {time.perf_counter() - started:.0f} s in this run")


SCALED_ABOUT = (
    "saddle study-scaled: tanh networks of ~1e3 to ~1e5 parameters on scikit-learn's 8x8 digits and on MNIST-1D "
    "(made locally), full-batch Adam ('stopped'), then L-BFGS and Newton-MINRES on Hessian-vector products "
    "('converged'). At the converged point: exact spectra (torch.func, eigvalsh) where 'exact' is present, and "
    "always Lanczos: eigsh extremes and stochastic Lanczos quadrature fractions [estimate, low, high]. "
    "Near zero: |eigenvalue| <= zero_rtol * max|eigenvalue|; minimum_ratio = positive / all.")


def _kept(done: int, planned: int, partial: Path) -> str:
    if not done:
        return f"no network of {planned} had finished, so there is nothing to go on from"
    return f"{done} of {planned} networks are kept in {partial}; run the same command again to go on from there"


def _finished_networks(partial: Path, specs: list) -> tuple[dict[str, dict], float]:
    """Networks an interrupted run already finished with exactly today's specs, and that run's wall time."""
    if not partial.exists():
        return {}, 0.0
    wanted = {spec.key: json.loads(json.dumps(spec.record())) for spec in specs}
    try:
        data = json.loads(partial.read_text())
        done = {record["key"]: record for record in data["networks"] if wanted.get(record["key"]) == record["spec"]}
        wall = float(data["settings"]["wall_seconds"])
    except (ValueError, KeyError, TypeError):
        click.echo(f"saddle: warning: not resuming from {partial}: unreadable; it will be replaced", err=True)
        return {}, 0.0
    click.echo(f"resuming from {partial}: {len(done)} of {len(specs)} networks already done", err=True)
    return done, wall


def _progress(count: int, total: int, spec, record: dict, elapsed: float, workers: int) -> None:
    """One line per finished network: what it found, the time so far and a rough estimate of the rest."""
    lanczos = record["lanczos"]
    left = elapsed / count * (total - count) if count < total else 0.0
    click.echo(f"[{count}/{total}] {spec.key}: {record['parameters']} parameters, "
               f"|grad| {record['converged']['gradient_norm']:.1e}, minimum ratio "
               f"{lanczos['minimum_ratio'][0]:.3f} (Lanczos), {record['seconds']['total']:.0f} s; "
               f"{elapsed / 60:.1f} min so far, about {left / 60:.0f} min left ({workers} at once)", err=True)
