"""Curves (and higher-dimensional sets) of critical points that no symbolic factor reveals, found numerically.

Where ∇L = 0 along a curve, differentiating along it gives H·t = 0: the curve's tangent t is a null vector of the
Hessian. So when multistart Newton lands on points whose Hessian has exactly one zero eigenvalue, each is followed
both ways by predictor–corrector continuation: a step along t, then Newton on ∇L = 0 inside the hyperplane through
the predicted point normal to t. A curve of critical points cannot simply end inside the box (the critical set is
analytic): a trace ends where it leaves the box, where it closes, or where the loss has no derivatives. A trace that
stalls inside the box instead followed the flat direction of a degenerate but isolated point (x² + y¹⁰·eʸ at the
origin, where |∇L| only grows slowly); it is not a curve, and its points are that one point.

Where k ≥ 2 eigenvalues are zero, the point may lie on a k-dimensional set (a surface of minima in three
variables): walks along each null direction that neither stall nor leave the k zero eigenvalues say so, and the
search's points at that loss value are reported as that set."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mathcore.loss import Loss

#: The continuation step is the box diagonal divided by this (dense enough to draw; the branches of exact curves
#: have 801 samples).
STEPS_PER_DIAGONAL = 500
#: A step that the corrector cannot bring back onto ∇L = 0 is halved, down to this fraction of the full step.
SMALLEST_STEP = 1 / 64
CORRECTIONS = 10
#: All traced curves together have at most this many points (a bound on the time a trace can take).
MAX_TRACED_POINTS = 20_000
#: Newton end points within this fraction of a step of a traced curve lie on it (a chord's sagitta is ≈ κh²/8).
COVER = 0.25
#: A walk of this many steps along a null direction without stalling shows a set of critical points, not a flat
#: point (the flat direction of x² + y¹⁰·eˣ stalls within about ten).
PROBE_STEPS = 40
#: Directions tried from a crossing of curves, evenly round the Hessian's null plane.
CROSSING_DIRECTIONS = 24
#: Pieces whose loss values agree to this (relative) are reported as branches of one curve.
LEVEL_RTOL = 1e-9


@dataclass(frozen=True)
class Tolerances:
    eigenvalue: float  # |λ| at most this counts as zero
    gradient: float  # |∇L| at most this counts as critical (the Newton search's own test)


def _null_direction(hessian: np.ndarray, tolerance: float, previous: np.ndarray | None) -> np.ndarray | None:
    """The curve's unit tangent: at a seed, the eigenvector of the only zero eigenvalue (None unless exactly one);
    along the trace, the previous tangent projected onto the (near-)null space, so a crossing is passed straight."""
    if not np.all(np.isfinite(hessian)):
        return None
    values, vectors = np.linalg.eigh(hessian)
    small = np.abs(values) <= tolerance
    if previous is None:
        return vectors[:, int(np.argmax(small))] if small.sum() == 1 else None
    space = vectors[:, small] if small.any() else vectors[:, [int(np.argmin(np.abs(values)))]]
    tangent = space @ (space.T @ previous)
    norm = float(np.linalg.norm(tangent))
    return tangent / norm if norm > 0.5 else None


def _correct(loss: Loss, predicted: np.ndarray, normal: np.ndarray, tolerance: float) -> np.ndarray | None:
    """Newton on ∇L = 0 restricted to the hyperplane normal·x = normal·predicted (a bordered least-squares system:
    the Hessian is singular along the curve, the border is not); None unless it ends on ∇L = 0."""
    offset = float(normal @ predicted)
    point = predicted.copy()
    for _ in range(CORRECTIONS):
        gradient, hessian = loss.gradient(point[None])[0], loss.hessian(point[None])[0]
        if not (np.all(np.isfinite(gradient)) and np.all(np.isfinite(hessian))):
            return None
        system = np.vstack([hessian, normal])
        residual = np.concatenate([gradient, [normal @ point - offset]])
        step = np.linalg.lstsq(system, -residual, rcond=None)[0]
        point = point + step
        if np.linalg.norm(step) <= 1e-14 * (1 + np.linalg.norm(point)):
            break
    gradient = loss.gradient(point[None])[0]
    return point if np.all(np.isfinite(gradient)) and np.linalg.norm(gradient) <= tolerance else None


def _to_the_edge(point: np.ndarray, direction: np.ndarray, step: float, lo: np.ndarray, hi: np.ndarray):
    """Where the step from point along direction crosses the box's boundary: (fraction of the step, axis, bound),
    or None while it stays inside."""
    predicted = point + step * direction
    if np.all((predicted >= lo) & (predicted <= hi)):
        return None
    with np.errstate(divide="ignore", invalid="ignore"):
        fractions = np.where(direction > 0, (hi - point) / (step * direction),
                             np.where(direction < 0, (lo - point) / (step * direction), np.inf))
    axis = int(np.argmin(fractions))
    return max(float(fractions[axis]), 0.0), axis, float(hi[axis] if direction[axis] > 0 else lo[axis])


def _follow(loss: Loss, start: np.ndarray, tangent: np.ndarray, ranges, step: float, tolerances: Tolerances,
            budget: int) -> tuple[list[np.ndarray], str]:
    """Points of the curve from start along tangent, and how the trace ended: edge | closed | undefined | stalled
    (| budget)."""
    lo, hi = np.array(ranges, dtype=float).T
    points, current = [start], step
    while len(points) < budget:
        here = points[-1]
        if len(points) > 3 and np.linalg.norm(start - here) < 1.5 * step and (start - here) @ tangent > 0:
            points.append(start.copy())
            return points, "closed"
        edge = _to_the_edge(here, tangent, current, lo, hi)
        if edge is not None:
            fraction, axis, bound = edge
            predicted = here + fraction * current * tangent
            predicted[axis] = bound
            normal = np.eye(len(here))[axis]
            landed = _correct(loss, predicted, normal, tolerances.gradient) if fraction > 0 else None
            if landed is not None and np.all((landed >= lo - 1e-12) & (landed <= hi + 1e-12)):
                points.append(np.clip(landed, lo, hi))
            return points, "edge"
        predicted = here + current * tangent
        landed = _correct(loss, predicted, tangent, tolerances.gradient)
        following = None
        if landed is not None and (landed - here) @ tangent > 0 and np.linalg.norm(landed - here) < 2 * current:
            following = _null_direction(loss.hessian(landed[None])[0], tolerances.eigenvalue, tangent)
        if landed is None or following is None:
            if not np.all(np.isfinite(loss.hessian(predicted[None])[0])):
                return points, "undefined"
            current /= 2
            if current < step * SMALLEST_STEP:
                return points, "stalled"
            continue
        points.append(landed)
        tangent, current = following, min(step, 2 * current)
    return points, "budget"


def trace(loss: Loss, seed: np.ndarray, ranges, tolerances: Tolerances, budget: int = MAX_TRACED_POINTS
          ) -> tuple[np.ndarray, bool] | None:
    """The path through seed along the Hessian's null direction, as one ordered polyline (m, n) inside the box,
    and whether it is a curve of critical points (it ends on the box, closes, or ends where the loss has no
    derivatives; a closed curve ends where it starts) or stalled inside the box. None unless the seed has exactly
    one zero eigenvalue."""
    tangent = _null_direction(loss.hessian(seed[None])[0], tolerances.eigenvalue, None)
    if tangent is None:
        return None
    step = float(np.linalg.norm(np.subtract(*np.array(ranges, dtype=float).T))) / STEPS_PER_DIAGONAL
    forward, ending = _follow(loss, seed, tangent, ranges, step, tolerances, budget)
    if ending == "closed":
        return np.array(forward), True
    backward, other = _follow(loss, seed, -tangent, ranges, step, tolerances, max(2, budget - len(forward)))
    path = backward[::-1] + forward[1:]
    path = path if tuple(path[0]) <= tuple(path[-1]) else path[::-1]  # the same way for any seed
    return np.array(path), "stalled" not in (ending, other) and len(path) > 1


def _dip(loss: Loss, point: np.ndarray, direction: np.ndarray, reach: float) -> np.ndarray:
    """Where the slope along direction (unit) vanishes on the segment point ± reach·direction, by golden section
    on |slope|, each candidate moved onto ∇L = 0 across the direction: where Newton's flat direction really ends.
    (The slope, not |∇L|: the other flat directions' share of |∇L| would drown it.)"""

    def at(s: float) -> np.ndarray | None:
        return _correct(loss, point + s * direction, direction, np.inf)

    def size(s: float) -> float:
        candidate = at(s)
        return np.inf if candidate is None else abs(float(loss.gradient(candidate[None])[0] @ direction))

    low, high = -reach, reach
    ratio = (np.sqrt(5) - 1) / 2
    for _ in range(80):
        left, right = high - ratio * (high - low), low + ratio * (high - low)
        low, high = (low, right) if size(left) <= size(right) else (left, high)
    best = at((low + high) / 2)
    return best if best is not None and size((low + high) / 2) <= size(0.0) else point


def _flattest(loss: Loss, path: np.ndarray, tolerance: float) -> np.ndarray | None:
    """Where |∇L| is smallest along a stalled path: the degenerate point whose flat direction Newton crept along
    (its end points there are a cloud around it). None when |∇L| does not dip along the path: then the trace lost
    a curve rather than found a point, and nothing is merged."""
    norms = np.linalg.norm(loss.gradient(path), axis=-1)
    k = int(np.argmin(norms))
    if len(path) < 3 or norms.max() < max(1e3 * norms[k], 1e-3 * tolerance):
        return None
    before, after = path[max(k - 1, 0)], path[min(k + 1, len(path) - 1)]
    direction = (after - before) / np.linalg.norm(after - before)
    return _dip(loss, path[k], direction, float(max(np.linalg.norm(before - path[k]), np.linalg.norm(after - path[k]))))


def _flat_point(loss: Loss, cloud: np.ndarray, tolerance: float) -> np.ndarray:
    """The degenerate point that a cloud of Newton end points surrounds where k ≥ 2 eigenvalues are zero and no
    set passes: from the cloud's point of least |∇L|, dips along the k flattest eigenvectors, three sweeps."""
    point = cloud[int(np.argmin(np.linalg.norm(loss.gradient(cloud), axis=-1)))]
    reach = float(np.max(np.linalg.norm(cloud - point, axis=-1))) + 1e-12
    for _ in range(3):
        values, vectors = np.linalg.eigh(loss.hessian(point[None])[0])
        flattest = vectors[:, np.argsort(np.abs(values))[: max(2, int(np.sum(np.abs(values) <= tolerance)))]]
        for direction in flattest.T:
            point = _dip(loss, point, direction, reach)
        reach /= 4
    return point


def _branch_seeds(loss: Loss, crossing: np.ndarray, tolerances: Tolerances, step: float) -> list[np.ndarray]:
    """Where curves cross, the Hessian has two zero eigenvalues and no single tangent: a point one step away on
    each branch, found by correcting steps in CROSSING_DIRECTIONS directions of the null plane."""
    values, vectors = np.linalg.eigh(loss.hessian(crossing[None])[0])
    null = vectors[:, np.abs(values) <= tolerances.eigenvalue]
    seeds: list[np.ndarray] = []
    if null.shape[1] != 2:
        return seeds
    for angle in np.linspace(0, 2 * np.pi, CROSSING_DIRECTIONS, endpoint=False):
        direction = null @ np.array([np.cos(angle), np.sin(angle)])
        predicted = crossing + step * direction
        landed = _correct(loss, predicted, direction, tolerances.gradient)
        if landed is None or np.linalg.norm(landed - predicted) >= step:
            continue
        if _null_direction(loss.hessian(landed[None])[0], tolerances.eigenvalue, None) is None:
            return []  # not on a single branch: a surface of critical points (3-D), or a flat point; no curves
        if all(np.linalg.norm(landed - seed) > COVER * step for seed in seeds):
            seeds.append(landed)
    return seeds


def _nullity(loss: Loss, point: np.ndarray, tolerance: float) -> int:
    hessian = loss.hessian(point[None])[0]
    return int(np.sum(np.abs(np.linalg.eigvalsh(hessian)) <= tolerance)) if np.all(np.isfinite(hessian)) else -1


def _set_dimension(loss: Loss, point: np.ndarray, ranges, step: float, tolerances: Tolerances) -> int:
    """k when point lies on a k-dimensional set of critical points (2 ≤ k < n): from it, PROBE_STEPS along each of
    its k null directions, both ways, on ∇L = 0, and still k zero eigenvalues at the end. 0 otherwise (a walk
    stalls: a flat point; it ends on a single branch: curves crossing)."""
    values, vectors = np.linalg.eigh(loss.hessian(point[None])[0])
    null = vectors[:, np.abs(values) <= tolerances.eigenvalue]
    k = null.shape[1]
    if not 2 <= k < loss.dimension:
        return 0
    for direction in (*null.T, *(-null.T)):
        path, ending = _follow(loss, point, direction, ranges, step, tolerances, PROBE_STEPS)
        if ending == "stalled" or _nullity(loss, path[-1], tolerances.eigenvalue) != k:
            return 0
    return k


def distance_to(polyline: np.ndarray, points: np.ndarray) -> np.ndarray:
    """Distance of each point (k, n) to the polyline (m, n): to its nearest segment."""
    if len(polyline) == 1:
        return np.linalg.norm(points - polyline[0], axis=-1)
    a, b = polyline[:-1], polyline[1:]
    along = b - a
    lengths = np.maximum(np.sum(along**2, axis=-1), 1e-300)
    t = np.clip(np.einsum("kmn,mn->km", points[:, None, :] - a[None], along) / lengths, 0, 1)
    nearest = a[None] + t[..., None] * along[None]
    return np.min(np.linalg.norm(points[:, None, :] - nearest, axis=-1), axis=1)


def numeric_families(loss: Loss, points: np.ndarray, ranges, tolerances: Tolerances
                     ) -> tuple[np.ndarray, list[tuple[np.ndarray, ...]], list[tuple[int, np.ndarray]]]:
    """Split converged Newton end points into isolated points, curves and higher-dimensional sets of critical
    points.

    Returns the points that lie on no curve or set (a cloud that Newton left along the flat direction of a
    degenerate point replaced by that one point); the curves, each a tuple of ordered branches: pieces at the same
    loss value are branches of one curve (as x·y = π/2 has two in [−2, 2]²); and the sets, each its dimension and
    the points of the search on it (those at the same loss value with as many zero eigenvalues)."""
    points = np.asarray(points, dtype=float).reshape(-1, loss.dimension)
    if not len(points):
        return points, [], []
    step = float(np.linalg.norm(np.subtract(*np.array(ranges, dtype=float).T))) / STEPS_PER_DIAGONAL
    eigenvalues = np.linalg.eigvalsh(np.where(np.isfinite(h := loss.hessian(points)), h, 0.0))
    nullity = np.sum(np.abs(eigenvalues) <= tolerances.eigenvalue, axis=-1)
    singular = nullity > 0
    covered = np.zeros(len(points), dtype=bool)
    pieces: list[np.ndarray] = []
    merged: list[np.ndarray] = []
    budget = MAX_TRACED_POINTS

    def take(seed: np.ndarray) -> None:
        nonlocal budget, covered
        traced = trace(loss, seed, ranges, tolerances, budget) if budget >= 2 else None
        if traced is None:
            return
        path, is_curve = traced
        budget -= len(path)
        point = None if is_curve else _flattest(loss, path, tolerances.gradient)
        if is_curve:
            pieces.append(path)
        elif point is not None:
            merged.append(point)
        else:
            return
        covered |= singular & (distance_to(path, points) <= COVER * step)

    for i in np.flatnonzero(nullity == 1):
        if not covered[i]:
            take(points[i])
    crossings: list[np.ndarray] = []  # Newton often ends where curves cross, also on curves it reached nowhere else
    for i in np.flatnonzero(nullity == 2):
        if any(np.linalg.norm(points[i] - c) <= COVER * step for c in crossings):
            continue
        crossings.append(points[i])
        for seed in _branch_seeds(loss, points[i], tolerances, step):
            if all(distance_to(piece, seed[None])[0] > COVER * step for piece in pieces):
                take(seed)
    sets: list[tuple[int, np.ndarray]] = []
    values = loss.value(points)
    for i in np.flatnonzero(nullity >= 2):
        if covered[i]:
            continue
        dimension = _set_dimension(loss, points[i], ranges, step, tolerances)
        if dimension:
            level = np.abs(values - values[i]) <= LEVEL_RTOL * max(1.0, abs(values[i]))
            same = ~covered & (nullity == dimension) & level
            sets.append((dimension, points[same]))
        else:  # a flat point: the cloud is every point joined to this one through |∇L| ≤ tolerance
            between = points[i] + np.array([0.25, 0.5, 0.75])[:, None, None] * (points - points[i])
            joined = np.all(np.linalg.norm(loss.gradient(between), axis=-1) <= tolerances.gradient, axis=0)
            same = ~covered & singular & joined
            merged.append(_flat_point(loss, points[same], tolerances.eigenvalue))
        covered |= same
    levels = [float(loss.value(piece[:1])[0]) for piece in pieces]
    curves: list[tuple[float, list[np.ndarray]]] = []
    for k in sorted(range(len(pieces)), key=lambda k: levels[k]):
        if curves and abs(levels[k] - curves[-1][0]) <= LEVEL_RTOL * max(1.0, abs(levels[k])):
            curves[-1][1].append(pieces[k])
        else:
            curves.append((levels[k], [pieces[k]]))
    isolated = np.concatenate([points[~covered], np.reshape(merged, (-1, loss.dimension))])
    return isolated, [tuple(branches) for _, branches in curves], sets
