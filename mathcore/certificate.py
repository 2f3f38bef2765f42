"""What is proved about a list of critical points, and an independent count check of it.

"Complete" is said only when every part of the loss was solved exactly and every point has a proof
(mathcore.certified_roots). In two variables the list is also checked by Poincaré–Hopf (mathcore.winding): round
the box's edge, and round each cell of a grid over the box, the winding number of ∇L must equal the sum of the
indices of the points inside. A disagreement is reported, never hidden."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from mathcore.cells import Cells
from mathcore.certified_roots import UNPROVED
from mathcore.winding import box_corners, local_index, winding_number

#: The count check is also made round each cell of a CELLS × CELLS grid over the box.
CELLS = 4
AGREES = "agrees"


@dataclass(frozen=True)
class Certificate:
    complete: bool  # every isolated critical point in the box is listed, each with a proof
    proved: int  # points with a proof
    residual: float | None  # exact parts: largest |equation| at their points at high precision (None: no such part)
    winding_number: int | None  # two variables: of ∇L round the box's edge
    index_sum: int | None  # two variables: the sum of the indices of the points found
    count_check: str  # "agrees" | "DISAGREES: ..." | "not applicable: ..."
    disagreeing_cells: tuple[tuple[float, float, float, float], ...] = ()  # XMIN XMAX YMIN YMAX of each
    cells: Cells | None = None  # a numeric search: the box proved cell by cell (mathcore.cells)


def _index(point, gradient, others: np.ndarray, ranges) -> int | None:
    """+1 for a non-degenerate minimum or maximum, −1 for a saddle; else the winding number round the point."""
    if point.test == "hessian":
        return 1 if point.kind in ("minimum", "maximum") else -1
    lo, hi = np.array(ranges).T
    room = [float(np.min(np.concatenate([point.point - lo, hi - point.point]))), 1e-2 * float(np.max(hi - lo))]
    distances = np.linalg.norm(others - point.point, axis=-1)
    distances = distances[distances > 0]
    if distances.size:
        room.append(0.3 * float(distances.min()))
    radius = min(room)
    return local_index(gradient, point.point, radius) if radius > 0 else None


def _count_check(loss, ranges, points, families, has_kinks: bool):
    """(winding number, index sum, verdict, disagreeing cells) of the two-variable count check."""
    if loss.dimension != 2:
        return None, None, "not applicable: made in two variables only", ()
    if has_kinks:
        return None, None, "not applicable: the loss has kinks, so its gradient is not continuous", ()
    if families:
        return None, None, "not applicable: the box holds a set of critical points, not only isolated ones", ()
    lo, hi = np.array(ranges, dtype=float).T
    span = float(np.max(hi - lo))
    located = np.array([p.point for p in points]).reshape(-1, 2)
    if np.any(np.min(np.abs(np.concatenate([located - lo, hi - located], axis=1)), axis=1, initial=np.inf)
              <= 1e-9 * span):
        return None, None, "not applicable: a critical point lies on the box's edge", ()
    winding = winding_number(loss.gradient, box_corners(ranges))
    indices = [_index(p, loss.gradient, located, ranges) for p in points]
    if winding is None or any(i is None for i in indices):
        return winding, None, "not applicable: the gradient could not be followed round the edge", ()
    total = int(sum(indices))  # type: ignore[arg-type]
    cells = []
    xs, ys = np.linspace(lo[0], hi[0], CELLS + 1), np.linspace(lo[1], hi[1], CELLS + 1)
    for x0, x1 in itertools.pairwise(xs):
        for y0, y1 in itertools.pairwise(ys):
            inside = (located[:, 0] > x0) & (located[:, 0] < x1) & (located[:, 1] > y0) & (located[:, 1] < y1)
            near_edge = np.any(np.min(np.abs(located[:, None] - [[x0, y0], [x1, y1]]), axis=(1, 2)) <= 1e-9 * span)
            if near_edge:
                continue
            cell = winding_number(loss.gradient, box_corners([(x0, x1), (y0, y1)]))
            if cell is not None and cell != sum(i for i, keep in zip(indices, inside) if keep):  # type: ignore[misc]
                cells.append((float(x0), float(x1), float(y0), float(y1)))
    if winding != total or cells:
        verdict = (f"DISAGREES: the gradient winds {winding} times round the box's edge, the points found have "
                   f"indices summing to {total}" + (f"; {len(cells)} grid cells disagree" if cells else "")
                   + ": a critical point is missing or misclassified")
        return winding, total, verdict, tuple(cells)
    return winding, total, AGREES, ()


def certify(loss, ranges, points, families, solutions, has_kinks: bool, cells: Cells | None = None
            ) -> Certificate:
    exact = all(s.method == "exact" for s in solutions)
    if cells is not None and cells.unproved_count == 0 and not cells.ran_out:
        exact = True  # every cell proved: none is missing, each listed point has its own
    proved = sum(p.proof != UNPROVED for p in points)
    residuals = [s.residual for s in solutions if s.method == "exact" and len(s.proofs)]
    winding, total, verdict, disagreeing = _count_check(loss, ranges, points, families, has_kinks)
    return Certificate(
        complete=exact and proved == len(points) and not verdict.startswith("DISAGREES"),
        proved=proved,
        residual=max(residuals) if residuals else None,
        winding_number=winding,
        index_sum=total,
        count_check=verdict,
        disagreeing_cells=disagreeing,
        cells=cells,
    )
