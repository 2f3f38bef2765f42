"""Plateaus: where the gradient is so small that floating point reads it as zero (or cannot resolve it), though it is
not. sigmoid(10⁶·x) has ∂L/∂x = 10⁶·e^(−10⁶·x)/(1 + e^(−10⁶·x))² ≈ 10^−434289 at x = 1: 0.0 in floating point, so
Newton "converges" everywhere there. Ball arithmetic (mathcore.balls) evaluates the same derivative exactly enough
to prove it is not zero: those points are a plateau, not critical points, and are reported as such. This is the
lecture's subject — a gradient that is small, not zero."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from flint import arb, ctx

from mathcore.balls import compile_ball, excludes_zero

#: A floating-point value that differs from the ball's by more than this (relative) does not resolve it.
RESOLVED_RTOL = 0.5
#: A point is on a plateau only when no critical point is within this distance (relative to max(1, |point|)):
#: a rounded true critical point has a tiny non-zero gradient too, but a zero right next to it.
NEIGHBOURHOOD = 1e-9
#: In one variable, plateau points further apart than this many grid steps belong to different plateaus.
GAP_STEPS = 1.5


@dataclass(frozen=True)
class Plateau:
    variables: tuple[str, ...]
    extent: tuple[tuple[float, float], ...]  # LO HI of the plateau points found, per variable
    gradient_log10: tuple[float, float]  # smallest and largest log10 |∇L| there, from ball arithmetic
    points: int  # how many points of the search fell on it


def _log10(value: arb) -> float:
    magnitude = abs(value.mid())
    return float((magnitude.log() / arb(10).log()).mid()) if magnitude != 0 else float("-inf")


def unresolved(block, points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(mask of the points that are not critical though floating point says |∇L| ≈ 0, the log10 |∇L| of each
    from ball arithmetic (NaN where not computed)). A point is on a plateau when floating point gets a component of
    ∇L wrong there (0, or off by more than half) and ball arithmetic proves that component non-zero on a small box
    round the point (so no critical point is next to it)."""
    points = np.asarray(points, dtype=float).reshape(-1, block.dimension)
    mask, sizes = np.zeros(len(points), dtype=bool), np.full(len(points), np.nan)
    components = [compile_ball(g, block.variables) for g in block.gradient_expressions]
    if not len(points) or any(c is None for c in components):
        return mask, sizes
    with np.errstate(all="ignore"):
        floats = block.gradient(points)
    previous = ctx.prec
    ctx.prec = 64
    try:
        for k, (point, approximate) in enumerate(zip(points, floats)):
            box = [arb(float(c)) for c in point]
            exact = [c(box) for c in components]  # type: ignore[misc]
            near = [arb(float(c), NEIGHBOURHOOD * max(1.0, abs(float(c)))) for c in point]
            for value, seen, around in zip(exact, approximate, components):
                if excludes_zero(value) and excludes_zero(around(near)):  # type: ignore[misc]
                    mid = float(value.mid()) if abs(value.mid()) > arb("1e-300") else 0.0
                    if not np.isfinite(seen) or seen == 0 or mid == 0.0 or abs(seen - mid) > RESOLVED_RTOL * abs(mid):
                        mask[k] = True
            if mask[k]:
                norm = max(exact, key=lambda v: abs(v.mid()))
                sizes[k] = _log10(norm)
    finally:
        ctx.prec = previous
    return mask, sizes


def plateaus(names: tuple[str, ...], points: np.ndarray, sizes: np.ndarray, step: float | None) -> list[Plateau]:
    """The plateau points of one block grouped into plateaus: in one variable, runs along the line (gaps of more
    than a grid step split them); in more, one box round them all."""
    points = np.asarray(points, dtype=float).reshape(-1, len(names))
    if not len(points):
        return []
    groups: list[np.ndarray] = [np.arange(len(points))]
    if len(names) == 1 and step:
        order = np.argsort(points[:, 0])
        cuts = np.flatnonzero(np.diff(points[order, 0]) > GAP_STEPS * step) + 1
        groups = np.split(order, cuts)
    found = []
    for group in groups:
        finite = sizes[group][np.isfinite(sizes[group])]
        found.append(Plateau(
            variables=names,
            extent=tuple((float(lo), float(hi)) for lo, hi in zip(points[group].min(0), points[group].max(0))),
            gradient_log10=(float(finite.min()), float(finite.max())) if finite.size else (float("nan"),) * 2,
            points=len(group),
        ))
    return found
