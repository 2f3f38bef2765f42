"""Completeness you can read, for a loss solved numerically: the box is cut into cells until each is proved to hold
no critical point (ball arithmetic: some component of ∇L excludes 0 on the whole cell) or exactly one (the Krawczyk
test), within a CPU-time budget. A cell proved to hold one that the search missed gives that point (Newton from the
cell converges inside it); cells that are neither are listed with their bounds, and the share of the box that is
proved is stated. Cells are halved across their widest side, so this works in any number of variables, though in
many it proves less within the budget."""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass

import numpy as np

from mathcore.balls import box_of, compile_ball, excludes_zero
from mathcore.certified_roots import krawczyk

#: CPU seconds the subdivision may take (the analysis as a whole has 10).
SECONDS = 2.0
MAX_CELLS = 40_000
#: Cells narrower than this fraction of the box's widest side are not cut further (they stay unproved).
SMALLEST = 1e-6
#: At most this many unproved cells are kept for the report (their total share is always exact).
LISTED = 200
#: Cells are cut a little off their middle, so symmetric losses' critical points (often at 0) are not on a cut.
CUT = 0.4871
#: A cell whose Krawczyk test fails is tried again widened by this fraction on each side (a critical point on its
#: edge): exactly one critical point in the wider box, located by Newton, is in the cell or not.
WIDEN = 0.125


@dataclass(frozen=True)
class Cells:
    proved_fraction: float  # of the box's volume, proved empty or to hold exactly one critical point
    empty: int  # cells proved to hold none
    single: int  # cells proved to hold exactly one
    unproved: tuple[tuple[float, ...], ...]  # LO HI per variable of (at most LISTED of) the cells neither proved
    unproved_count: int
    missed: np.ndarray  # (m, n): points proved to exist (one per cell) that were not in the list, found now
    ran_out: bool  # the budget ended the subdivision (its remaining cells count as unproved)
    singles: tuple[tuple[np.ndarray, np.ndarray], ...] = ()  # (LO, HI) of each cell proved to hold one

    def proves(self, point: np.ndarray) -> bool:
        """Whether the point lies in a cell proved to hold exactly one critical point."""
        return any(np.all((point >= a - 1e-12) & (point <= b + 1e-12)) for a, b in self.singles)


def _balls(loss):
    """∇L and its Jacobian in ball arithmetic, or None when they have no ball form here."""
    gradient = [compile_ball(g, loss.variables) for g in loss.gradient_expressions]
    hessian = [[compile_ball(h, loss.variables) for h in row] for row in loss.hessian_expressions]
    if any(g is None for g in gradient) or any(h is None for row in hessian for h in row):
        return None
    return gradient, hessian


def unique_near(loss, points: np.ndarray, ranges) -> np.ndarray:
    """For each point, whether the Krawczyk test proves exactly one critical point in a small box round it (a
    quarter of the distance to its nearest neighbour, at most 1% of the box's widest side, then 100 times less)."""
    points = np.asarray(points, dtype=float).reshape(-1, loss.dimension)
    proved = np.zeros(len(points), dtype=bool)
    balls = _balls(loss)
    if balls is None or not len(points):
        return proved
    gradient, hessian = balls
    widest = float(np.max(np.subtract(*np.array(ranges, dtype=float).T[::-1])))
    for k, p in enumerate(points):
        others = np.delete(points, k, axis=0)
        radius = min(0.25 * float(np.min(np.linalg.norm(others - p, axis=-1), initial=np.inf)), 1e-2 * widest)
        proved[k] = any(krawczyk(gradient, hessian, box_of(p - r, p + r)) for r in (radius, radius / 100))
    return proved


def subdivide(loss, ranges, points: np.ndarray, newton, seconds: float = SECONDS) -> Cells | None:
    """Prove the box cell by cell, largest cells first; None when ∇L or its Jacobian has no ball-arithmetic form
    here."""
    balls = _balls(loss)
    if balls is None:
        return None
    gradient, hessian = balls
    variables = loss.variables
    lo, hi = np.array(ranges, dtype=float).T
    total = float(np.prod(hi - lo))
    smallest = SMALLEST * float(np.max(hi - lo))
    points = np.asarray(points, dtype=float).reshape(-1, len(variables))
    stack = deque([(lo, hi)])
    proved, empty, single, unproved, missed, singles = 0.0, 0, 0, [], [], []
    start, ran_out = time.process_time(), False
    while stack:
        if time.process_time() - start > seconds or empty + single + len(stack) > MAX_CELLS:
            ran_out = True
            break
        a, b = stack.popleft()
        box = box_of(a, b)
        values = [g(box) for g in gradient]  # type: ignore[misc]
        volume = float(np.prod(b - a))
        if any(excludes_zero(v) for v in values):
            proved, empty = proved + volume, empty + 1
            continue
        small = np.all(b - a < 0.25 * np.max(hi - lo))
        if small and krawczyk(gradient, hessian, box):
            proved, single = proved + volume, single + 1
            singles.append((a, b))
            inside = np.all((points >= a - 1e-12) & (points <= b + 1e-12), axis=-1)
            if not inside.any():
                found = newton(((a + b) / 2)[None])[0]
                if np.all(np.isfinite(found)) and np.all((found >= a) & (found <= b)):
                    missed.append(found)
            continue
        wide_a, wide_b = a - WIDEN * (b - a), b + WIDEN * (b - a)
        if small and krawczyk(gradient, hessian, box_of(wide_a, wide_b)):
            found = newton(((a + b) / 2)[None])[0]
            if np.all(np.isfinite(found)) and np.all((found >= wide_a) & (found <= wide_b)):
                proved += volume
                if np.all((found >= a) & (found <= b)):
                    single += 1
                    singles.append((a, b))
                    if not np.any(np.all(np.abs(points - found) <= 1e-9 * (1 + np.abs(found)), axis=-1)):
                        missed.append(found)
                else:
                    empty += 1
                continue
        widest = int(np.argmax(b - a))
        if b[widest] - a[widest] < smallest:
            unproved.append((a, b))
            continue
        middle = a[widest] + CUT * (b[widest] - a[widest])
        left_b, right_a = b.copy(), a.copy()
        left_b[widest], right_a[widest] = middle, middle
        stack.extend([(a, left_b), (right_a, b)])
    unproved += stack
    listed = tuple(tuple(float(v) for pair in zip(a, b) for v in pair) for a, b in unproved[:LISTED])
    return Cells(
        proved_fraction=proved / total,
        empty=empty,
        single=single,
        unproved=listed,
        unproved_count=len(unproved),
        missed=np.array(missed, dtype=float).reshape(-1, len(variables)),
        ran_out=ran_out,
        singles=tuple(singles),
    )
