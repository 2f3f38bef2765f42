"""Beyond the lecture: the whole analysis for any loss a teacher types in — surface, every critical point by kind,
curves of critical points, eigen-directions, and a descent out of every saddle. A loss of more than two variables
has no surface to draw: it is shown through saddles, each by the plane spanned by its most negative and most
positive eigenvectors, S(s₋, s₊) = L(θ′ + s₋u₋ + s₊u₊), which is a loss of two variables again.

`explorer_loss` is the one gate for user input: the CLI (`saddle explore`) calls it before it starts a render,
and the scene calls it again, so both fail with the same one-line errors as `saddle analyze`."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import sympy as sp

from mathcore.bands import MAP_CELLS, MAP_LEVELS, Band, filled_bands
from mathcore.critical import CriticalSet, classify, critical_points, hessian_scale
from mathcore.errors import LossError
from mathcore.loss import Loss, Mesh, box_bounds
from mathcore.trajectories import Trajectory, gradient_descent
from mathcore.user_loss import prepared_loss

DEFAULT_EXPRESSION = "(1 - w1*w2)**2"  # the lecture's toy network
SURFACE_RESOLUTION = 48  # fine enough that the surface's facets do not show at 1080p
#: The descent out of a saddle starts this far (a fraction of the box diagonal) along the escape direction.
NUDGE = 0.03
ESCAPE_STEPS = 3000
DRAWN_POINTS = 240
RING_DIRECTIONS = 720
#: Saddles of an n-D loss drawn through their slice: one per index first, at most this many.
MAX_SLICES = 3


@dataclass(frozen=True)
class PointView:
    point: np.ndarray
    value: float
    kind: str  # minimum | maximum | saddle | undecided
    test: str  # hessian | higher-order | no Hessian | not differentiable
    eigenvalues: np.ndarray
    eigenvectors: np.ndarray  # rows
    escape_direction: np.ndarray | None  # saddles only: unit, downhill
    escape: Trajectory | None  # saddles only: gradient descent from point + nudge, cut at the box's edge


@dataclass(frozen=True)
class CurveView:
    equation_latex: str
    kind: str
    branches: tuple[np.ndarray, ...]  # each (m, 2)
    heights: tuple[np.ndarray, ...]  # L along each branch


@dataclass(frozen=True)
class ExplorerData:
    expression: str
    loss_latex: str
    variable_latex: tuple[str, ...]
    box: tuple[float, float, float, float]
    mesh: Mesh
    bands: tuple[Band, ...]  # the map seen from above: filled contour bands, as on the lecture's other maps
    lr: float
    points: tuple[PointView, ...]
    curves: tuple[CurveView, ...]

    def count(self, kind: str) -> int:
        return sum(p.kind == kind for p in self.points)


@dataclass(frozen=True)
class SliceView:
    """A saddle θ′ of a loss of n > 2 variables and the plane through it spanned by u₋ and u₊, the eigenvectors of
    its most negative and most positive eigenvalues: the slice is drawn as a loss of two variables (s₋, s₊)."""

    point: np.ndarray  # θ′
    index: int
    directions: np.ndarray  # (2, n): u₋, u₊
    view: ExplorerData  # the slice: its saddle at the origin with eigenvalues (λ₋, λ₊), an escape in the plane


@dataclass(frozen=True)
class ExplorerManyData:
    """The analysis of a loss of more than two variables: counts, and a few saddles through their slices."""

    expression: str
    loss_latex: str
    variable_latex: tuple[str, ...]
    box: tuple[float, ...]
    points: int
    kinds: dict[str, int]
    by_index: dict[str, int]
    slices: tuple[SliceView, ...]


def explorer_loss(expression: str, box=None, variables: str | None = None) -> tuple[Loss, tuple[float, ...]]:
    """A loss of 2 to 8 variables and its box, checked exactly as `saddle analyze` checks them."""
    return prepared_loss(expression, box, variables, command="saddle explore", fewest=2)


def _escape_direction(loss: Loss, point: np.ndarray, eigenvalues, eigenvectors, radius: float) -> np.ndarray:
    """The eigenvector of the most negative eigenvalue (sign: downhill), or, for a degenerate saddle whose
    Hessian has no negative eigenvalue (the monkey saddle) or no Hessian at all (x·|x| + y², not twice
    differentiable there), the steepest way down on a small ring."""
    if len(eigenvalues) and eigenvalues[0] < 0:
        u = eigenvectors[0]
        return u if loss.value(point + radius * u) <= loss.value(point - radius * u) else -u
    angles = np.linspace(0, 2 * np.pi, RING_DIRECTIONS, endpoint=False)
    ring = np.stack([np.cos(angles), np.sin(angles)], axis=-1)
    return ring[int(np.argmin(loss.value(point + radius * ring)))]


def _inside(points: np.ndarray, box) -> np.ndarray:
    """The path up to (not beyond) its first point outside the box."""
    (x0, x1), (y0, y1) = box_bounds(box)
    outside = ~((points[:, 0] >= x0) & (points[:, 0] <= x1) & (points[:, 1] >= y0) & (points[:, 1] <= y1))
    return points[: int(np.argmax(outside))] if outside.any() else points


def _escape(loss: Loss, start, lr: float, box) -> Trajectory:
    path = gradient_descent(loss, start, lr=lr, max_steps=ESCAPE_STEPS, bound=1e3)
    points = _inside(path.points, box)
    keep = np.unique(np.round(np.linspace(0, len(points) - 1, min(DRAWN_POINTS, len(points)))).astype(int))
    points = points[keep]
    return Trajectory(method=path.method, points=points, losses=loss.value(points),
                      gradient_norms=np.linalg.norm(loss.gradient(points), axis=-1), stop_reason=path.stop_reason,
                      parameters=path.parameters)


def _two_variables(loss: Loss, box, expression: str, critical: CriticalSet | None) -> ExplorerData:
    """The drawing data of a loss of two variables: its critical set, or (critical None) only the origin, the
    saddle a slice is taken through."""
    (x0, x1), (y0, y1) = box_bounds(box)
    span = float(np.hypot(x1 - x0, y1 - y0))
    lr = 0.1 / hessian_scale(loss, box)
    points = critical.points if critical is not None else (classify(loss, np.zeros(2), box),)
    views = []
    for p in points:
        direction = escape = None
        if p.kind == "saddle":
            direction = _escape_direction(loss, p.point, p.eigenvalues, p.eigenvectors, NUDGE * span)
            escape = _escape(loss, p.point + NUDGE * span * direction, lr, box)
        views.append(PointView(p.point, p.value, p.kind, p.test, p.eigenvalues, p.eigenvectors, direction, escape))
    curves = critical.curves if critical is not None else ()
    return ExplorerData(
        expression=expression,
        loss_latex=loss.latex,
        variable_latex=tuple(loss.variable_latex),
        box=box,
        mesh=loss.to_mesh(box, SURFACE_RESOLUTION),
        bands=filled_bands(loss, box, MAP_CELLS, MAP_LEVELS),
        lr=lr,
        points=tuple(views),
        curves=tuple(CurveView(c.equation_latex, c.kind, c.branches, tuple(loss.value(b) for b in c.branches))
                     for c in curves),
    )


def _slice(loss: Loss, point: np.ndarray, directions: np.ndarray, half_width: float) -> ExplorerData | None:
    """S(s₋, s₊) = L(θ′ + s₋u₋ + s₊u₊) on [−r, r]², r halved until S is finite there (None if it never is)."""
    low, high = sp.Symbol("s_-", real=True), sp.Symbol("s_+", real=True)
    along = {v: sp.Float(c) + low * sp.Float(a) + high * sp.Float(b)
             for v, c, a, b in zip(loss.variables, point, *directions)}
    plane = Loss(loss.expression.subs(along, simultaneous=True), (low, high), name="slice")
    for _ in range(4):
        box = (-half_width, half_width, -half_width, half_width)
        try:
            plane.require_finite(box)
        except LossError:
            half_width /= 2
            continue
        return _two_variables(plane, box, plane.name, None)
    return None


def _many_variables(loss: Loss, box, expression: str) -> ExplorerManyData:
    critical = critical_points(loss, box)
    saddles = [p for p in critical.points if p.kind == "saddle" and len(p.eigenvalues)
               and p.eigenvalues[0] < 0 < p.eigenvalues[-1]]
    first_of_each_index = {int(p.index or 0): p for p in reversed(saddles)}  # smooth saddles have an index
    chosen = [first_of_each_index[i] for i in sorted(first_of_each_index)][:MAX_SLICES]
    chosen += [p for p in saddles if all(p is not q for q in chosen)][: MAX_SLICES - len(chosen)]
    lo, hi = np.array(box[::2]), np.array(box[1::2])
    slices = []
    for p in chosen:
        directions = np.stack([p.eigenvectors[0], p.eigenvectors[-1]])
        # as far as the nearest face of the box (so the slice shows the box's loss), but not less than a quarter
        # of its half side or more than all of it
        half_width = float(np.clip(np.min(np.minimum(p.point - lo, hi - p.point)), (hi - lo).min() / 8,
                                   (hi - lo).min() / 2))
        view = _slice(loss, p.point, directions, half_width)
        if view is not None:
            slices.append(SliceView(point=p.point, index=int(p.index or 0), directions=directions, view=view))
    kinds = [p.kind for p in critical.points]
    return ExplorerManyData(
        expression=expression,
        loss_latex=loss.latex,
        variable_latex=tuple(loss.variable_latex),
        box=box,
        points=len(critical.points),
        kinds={k: kinds.count(k) for k in ("minimum", "saddle", "maximum", "undecided")},
        by_index={str(i): n for i, n in critical.index_counts().items()},
        slices=tuple(slices),
    )


def explore(expression: str = DEFAULT_EXPRESSION, box=None, variables: str | None = None,
            ) -> ExplorerData | ExplorerManyData:
    loss, box = explorer_loss(expression, box, variables)
    if loss.dimension == 2:
        return _two_variables(loss, box, expression, critical_points(loss, box))
    return _many_variables(loss, box, expression)
