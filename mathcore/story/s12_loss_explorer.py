"""Beyond the lecture: the whole analysis for any two-parameter loss a teacher types in — surface, every critical
point by kind, curves of critical points, eigen-directions, and a descent out of every saddle.

`explorer_loss` is the one gate for user input: the CLI (`saddle explore`) calls it before it starts a render,
and the scene calls it again, so both fail with the same one-line errors as `saddle analyze`."""

from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np

from mathcore.critical import DEFAULT_BOX, critical_points, hessian_scale
from mathcore.errors import LossError
from mathcore.loss import Loss, Mesh, box_bounds
from mathcore.trajectories import Trajectory, gradient_descent

DEFAULT_EXPRESSION = "(1 - w1*w2)**2"  # the lecture's toy network
SURFACE_RESOLUTION = 24
#: The descent out of a saddle starts this far (a fraction of the box diagonal) along the escape direction.
NUDGE = 0.03
ESCAPE_STEPS = 3000
DRAWN_POINTS = 240
RING_DIRECTIONS = 720


@dataclass(frozen=True)
class PointView:
    point: np.ndarray
    value: float
    kind: str  # minimum | maximum | saddle | flat
    test: str  # hessian | higher-order
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
    lr: float
    points: tuple[PointView, ...]
    curves: tuple[CurveView, ...]

    def count(self, kind: str) -> int:
        return sum(p.kind == kind for p in self.points)


def explorer_loss(expression: str, box=DEFAULT_BOX, variables: str | None = None) -> tuple[Loss, tuple[float, ...]]:
    """Parse and check a loss and its box exactly as `saddle analyze` does; LossError on anything wrong."""
    loss = Loss.from_text(expression, variables)
    (x0, x1), (y0, y1) = box_bounds(box)
    box = (x0, x1, y0, y1)
    loss.require_finite(box)
    return loss, box


def from_environment(environ=os.environ) -> tuple[str, tuple[float, ...], str | None]:
    """LOSS_EXPR, LOSS_BOX ("xmin xmax ymin ymax") and LOSS_VARS ("a,b"), defaulting to the toy loss on [-2, 2]²."""
    expression = environ.get("LOSS_EXPR", "").strip() or DEFAULT_EXPRESSION
    variables = environ.get("LOSS_VARS", "").strip() or None
    text = environ.get("LOSS_BOX", "").strip()
    if not text:
        return expression, DEFAULT_BOX, variables
    try:
        box = tuple(float(v) for v in text.replace(",", " ").split())
    except ValueError:
        raise LossError(f"LOSS_BOX must be 4 numbers XMIN XMAX YMIN YMAX, got {text!r}") from None
    box_bounds(box)
    return expression, box, variables


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


def explore(expression: str = DEFAULT_EXPRESSION, box=DEFAULT_BOX, variables: str | None = None) -> ExplorerData:
    loss, box = explorer_loss(expression, box, variables)
    critical = critical_points(loss, box)
    (x0, x1), (y0, y1) = box_bounds(box)
    span = float(np.hypot(x1 - x0, y1 - y0))
    lr = 0.1 / hessian_scale(loss, box)
    views = []
    for p in critical.points:
        direction = escape = None
        if p.kind == "saddle":
            direction = _escape_direction(loss, p.point, p.eigenvalues, p.eigenvectors, NUDGE * span)
            escape = _escape(loss, p.point + NUDGE * span * direction, lr, box)
        views.append(PointView(p.point, p.value, p.kind, p.test, p.eigenvalues, p.eigenvectors, direction, escape))
    return ExplorerData(
        expression=expression,
        loss_latex=loss.latex,
        variable_latex=tuple(loss.variable_latex),
        box=box,
        mesh=loss.to_mesh(box, SURFACE_RESOLUTION),
        lr=lr,
        points=tuple(views),
        curves=tuple(CurveView(c.equation_latex, c.kind, c.branches, tuple(loss.value(b) for b in c.branches))
                     for c in critical.curves),
    )
