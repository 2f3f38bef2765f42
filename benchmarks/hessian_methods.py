"""Time the study's exact Hessian (torch.func.jacrev of torch.func.grad) against a Hessian built row by row from
Hessian-vector products (torch.autograd.functional.hessian, not vectorised) on the study's own networks.

Run: PYTHONPATH=. .venv/bin/python benchmarks/hessian_methods.py   (needs the study extra; one thread)
The last line is the speed ratio (row-by-row time / study time)."""

from __future__ import annotations

import time

import torch

from mathcore.study import StudySettings, TanhNetwork, digits, exact_hessian, objective

REPEATS = 3


def best_time(function) -> tuple[float, torch.Tensor]:
    """Fastest of REPEATS runs after one warm-up run (seconds, result)."""
    result = function()
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    torch.set_num_threads(1)
    settings = StudySettings()
    features, labels = digits(settings)
    totals = {"study": 0.0, "rows": 0.0}
    print(f"{'width':>5} {'params':>6} {'jacrev(grad) s':>15} {'HVP rows s':>11} {'max |diff|':>11}")
    for seed, width in enumerate(settings.widths):
        network = TanhNetwork(features.shape[1], width)
        loss = objective(network, features, labels, settings.weight_decay)
        theta = network.initial(seed)
        study_time, study = best_time(lambda loss=loss, theta=theta: exact_hessian(loss, theta))
        rows_time, rows = best_time(lambda loss=loss, theta=theta: torch.autograd.functional.hessian(loss, theta))
        totals["study"] += study_time
        totals["rows"] += rows_time
        print(f"{width:>5} {network.parameters:>6} {study_time:>15.3f} {rows_time:>11.3f} "
              f"{float((study - rows).abs().max()):>11.1e}")
    print(f"HVP rows / jacrev(grad) time ratio: {totals['rows'] / totals['study']:.2f}")


if __name__ == "__main__":
    main()
