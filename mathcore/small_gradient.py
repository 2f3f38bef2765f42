"""Where in the box is the gradient small? The map behind `saddle analyze --small-gradient EPS`: |∇L| < EPS on a
grid (two variables) or on quasi-random samples (more), with ball arithmetic where floating point overflows
(e^(10⁶·x) for x < 0), so a plateau is seen for what it is wherever it is."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from flint import arb, ctx

from mathcore.balls import compile_ball
from mathcore.domain import box_grid, box_ranges
from mathcore.errors import LossError

GRID = 81  # per side, in two variables
SAMPLES = 4096  # in more variables (Sobol)


@dataclass(frozen=True)
class SmallGradient:
    eps: float
    fraction: float  # of the samples where |∇L| < eps
    extent: tuple[tuple[float, float], ...] | None  # LO HI per variable of those samples (None: nowhere)
    samples: int
    axes: tuple[np.ndarray, ...]  # two variables: the grid's coordinates; else ()
    mask: np.ndarray  # two variables: (GRID, GRID), mask[j, i] at (x[i], y[j]); else the per-sample mask


def _norms(loss, points: np.ndarray) -> np.ndarray:
    with np.errstate(all="ignore"):
        norms = np.linalg.norm(loss.gradient(points), axis=-1)
    broken = np.flatnonzero(~np.isfinite(norms))
    components = [compile_ball(g, loss.variables) for g in loss.gradient_expressions]
    if len(broken) and all(c is not None for c in components):
        previous = ctx.prec
        ctx.prec = 64
        try:
            for k in broken:
                box = [arb(float(c)) for c in points[k]]
                values = [c(box) for c in components]  # type: ignore[misc]
                if all(v.is_finite() for v in values):
                    norms[k] = min(float(sum((v * v for v in values), arb(0)).sqrt().upper()), np.finfo(float).max)
        finally:
            ctx.prec = previous
    return norms


def small_gradient(loss, box, eps: float) -> SmallGradient:
    if not (np.isfinite(eps) and eps > 0):
        raise LossError(f"--small-gradient needs a positive number, got {eps:g}")
    ranges = box_ranges(box, loss.dimension)
    axes: tuple[np.ndarray, ...] = ()
    if loss.dimension == 2:
        axes = (np.linspace(*ranges[0], GRID), np.linspace(*ranges[1], GRID))
        points = np.stack(np.meshgrid(*axes), axis=-1).reshape(-1, 2)
    elif loss.dimension == 1:
        points = box_grid(ranges, GRID * GRID)
    else:
        from scipy.stats import qmc

        lo, hi = np.array(ranges).T
        points = lo + (hi - lo) * qmc.Sobol(loss.dimension, scramble=True, seed=0).random(SAMPLES)
    small = _norms(loss, points) < eps
    extent = None
    if small.any():
        extent = tuple((float(lo), float(hi)) for lo, hi in zip(points[small].min(0), points[small].max(0)))
    mask = small.reshape(GRID, GRID) if loss.dimension == 2 else small
    return SmallGradient(eps, float(small.mean()), extent, len(points), axes, mask)
