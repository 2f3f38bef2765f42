"""Critical points of a 2-D loss, found exactly where sympy can and by multistart Newton where it cannot,
and classified by the Hessian or, where the Hessian is silent, by the loss itself around the point."""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce

import numpy as np
import sympy as sp

from mathcore.errors import LossError
from mathcore.loss import Loss, box_bounds

DEFAULT_BOX = (-2.0, 2.0, -2.0, 2.0)
#: An eigenvalue counts as zero when |λ| ≤ ZERO_RTOL · (typical Hessian norm over the box).
ZERO_RTOL = 1e-6
#: The higher-order test compares L on rings of these radii (fractions of the box diagonal) with L at the point.
RING_RADII = (1e-2, 3e-2)
RING_DIRECTIONS = 3600
#: Differences of L smaller than this (relative to max(1, |L|)) count as "equal" in the ring test.
RING_RTOL = 1e-11
MAX_EXACT_DEGREE = 8


@dataclass(frozen=True)
class Classification:
    """What the Hessian (or the loss nearby) says about one point."""

    point: np.ndarray
    value: float
    gradient_norm: float
    eigenvalues: np.ndarray  # ascending
    eigenvectors: np.ndarray  # row i is the unit eigenvector of eigenvalues[i]
    kind: str  # minimum | maximum | saddle | flat
    test: str  # hessian | higher-order
    zero_tolerance: float


@dataclass(frozen=True)
class CriticalPoint(Classification):
    isolated: bool  # False when the point lies on a curve of critical points


@dataclass(frozen=True)
class CriticalCurve:
    """A curve f = 0 on which every point is critical, e.g. the valley w1·w2 = 1 of the toy network."""

    equation: sp.Expr  # f, the curve is f = 0
    equation_latex: str
    kind: str
    branches: tuple[np.ndarray, ...]  # each (m, 2), ordered along the curve, inside the box

    def sample_points(self, count: int = 7) -> np.ndarray:
        points = np.concatenate(self.branches)
        return points[np.linspace(0, len(points) - 1, min(count, len(points))).round().astype(int)]


@dataclass(frozen=True)
class CriticalSet:
    loss: Loss
    box: tuple[float, float, float, float]
    points: tuple[CriticalPoint, ...]
    curves: tuple[CriticalCurve, ...]
    method: str  # exact | numeric


def _box_span(box) -> float:
    (x0, x1), (y0, y1) = box_bounds(box)
    return float(np.hypot(x1 - x0, y1 - y0))


def _grid(box, count: int) -> np.ndarray:
    (x0, x1), (y0, y1) = box_bounds(box)
    gx, gy = np.meshgrid(np.linspace(x0, x1, count), np.linspace(y0, y1, count))
    return np.stack([gx.ravel(), gy.ravel()], axis=-1)


def hessian_scale(loss: Loss, box=DEFAULT_BOX) -> float:
    """Typical spectral norm of H over the box: the yardstick for 'this eigenvalue is zero'."""
    hessians = loss.hessian(_grid(box, 9))
    hessians = hessians[np.all(np.isfinite(hessians), axis=(-2, -1))]  # SVD fails on a Hessian that does not exist
    norms = np.linalg.norm(hessians, ord=2, axis=(-2, -1)) if len(hessians) else np.zeros(0)
    norms = norms[np.isfinite(norms) & (norms > 0)]
    return float(np.median(norms)) if norms.size else 1.0


def _ring_kind(loss: Loss, point: np.ndarray, radius: float) -> str:
    angles = np.linspace(0, 2 * np.pi, RING_DIRECTIONS, endpoint=False)
    ring = point + radius * np.stack([np.cos(angles), np.sin(angles)], axis=-1)
    centre = float(loss.value(point))
    differences = loss.value(ring) - centre
    eps = RING_RTOL * max(1.0, abs(centre))
    rises, falls = bool((differences > eps).any()), bool((differences < -eps).any())
    return {(True, True): "saddle", (True, False): "minimum", (False, True): "maximum"}.get((rises, falls), "flat")


def _unit_eigenvectors(vectors: np.ndarray) -> np.ndarray:
    """Rows, each with its first non-zero component made positive, so the output is deterministic."""
    rows = vectors.T.copy()
    pivots = rows[np.arange(len(rows)), np.argmax(np.abs(rows) > 1e-12, axis=1)]
    return np.where(pivots[:, None] < 0, -rows, rows)


def classify(loss: Loss, point, box=DEFAULT_BOX, scale: float | None = None) -> Classification:
    """Eigen-decomposition of H at the point and the kind of point it is.

    The Hessian decides when it is definite or indefinite; when an eigenvalue is (relatively) zero and the
    others share one sign, the test is inconclusive and the loss itself is compared on small rings around
    the point (a local, sampled test: the monkey saddle is a saddle, x⁴ + y⁴ a minimum)."""
    point = np.asarray(point, dtype=float)
    scale = hessian_scale(loss, box) if scale is None else scale
    tolerance = ZERO_RTOL * scale
    eigenvalues, vectors = np.linalg.eigh(loss.hessian(point))
    eigenvalues = np.where(np.abs(eigenvalues) <= tolerance * 1e-6, 0.0, eigenvalues)
    positive, negative = eigenvalues > tolerance, eigenvalues < -tolerance
    if positive.any() and negative.any():
        kind, test = "saddle", "hessian"
    elif positive.all():
        kind, test = "minimum", "hessian"
    elif negative.all():
        kind, test = "maximum", "hessian"
    else:
        test = "higher-order"
        kind = "flat"
        for radius in sorted(RING_RADII):
            kind = _ring_kind(loss, point, radius * _box_span(box))
            if kind != "flat":
                break
    return Classification(
        point=point,
        value=float(loss.value(point)),
        gradient_norm=float(np.linalg.norm(loss.gradient(point))),
        eigenvalues=eigenvalues,
        eigenvectors=_unit_eigenvectors(vectors),
        kind=kind,
        test=test,
        zero_tolerance=tolerance,
    )


def _in_box(points: np.ndarray, box, margin: float = 1e-9) -> np.ndarray:
    (x0, x1), (y0, y1) = box_bounds(box)
    x, y = points[..., 0], points[..., 1]
    return (x >= x0 - margin) & (x <= x1 + margin) & (y >= y0 - margin) & (y <= y1 + margin)


def _polish(loss: Loss, points: np.ndarray, steps: int = 60) -> np.ndarray:
    """Newton on ∇L = 0 for many starts at once (pseudo-inverse, so flat directions do not blow up).

    A start that reaches a point where the derivatives do not exist (a kink, a pole) is abandoned as NaN."""
    points = np.array(points, dtype=float)
    for _ in range(steps):
        hessians, gradients = loss.hessian(points), loss.gradient(points)
        defined = np.all(np.isfinite(hessians), axis=(-2, -1)) & np.all(np.isfinite(gradients), axis=-1)
        step = np.zeros_like(points)
        step[defined] = np.einsum("...ij,...j->...i", np.linalg.pinv(hessians[defined], rcond=1e-10),
                                  gradients[defined])
        step = np.where(np.isfinite(step), step, 0.0)
        points = np.where(defined[..., None], points - step, np.nan)
        if np.max(np.abs(step), initial=0.0) < 1e-15:
            break
    return points


def _deduplicate(points: np.ndarray, radius: float) -> np.ndarray:
    kept: list[np.ndarray] = []
    for p in points:
        if all(np.linalg.norm(p - q) > radius for q in kept):
            kept.append(p)
    kept.sort(key=lambda p: (round(p[0], 9), round(p[1], 9)))
    return np.array(kept).reshape(-1, 2)


def _equation_latex(f: sp.Expr) -> str:
    constant = f.as_independent(*f.free_symbols, as_Add=True)[0]
    lhs, rhs = sp.expand(f - constant), -constant
    if lhs.could_extract_minus_sign():
        lhs, rhs = -lhs, -rhs
    return sp.latex(sp.Eq(lhs, rhs, evaluate=False))


def _branches(loss: Loss, f: sp.Expr, box, samples: int = 801) -> tuple[np.ndarray, ...]:
    """Ordered pieces of the curve f = 0 inside the box, from an explicit solution y(x) or x(y)."""
    x, y = loss.variables
    (x0, x1), (y0, y1) = box_bounds(box)
    for solve_for, along, (lo, hi) in ((y, x, (x0, x1)), (x, y, (y0, y1))):
        try:
            solutions = sp.solve(f, solve_for)
        except NotImplementedError:
            continue
        solutions = [s for s in solutions if s.free_symbols <= {along}]
        if not solutions:
            continue
        t = np.linspace(lo, hi, samples)
        pieces = []
        for solution in solutions:
            with np.errstate(all="ignore"):
                other = np.broadcast_to(np.asarray(sp.lambdify(along, solution, "numpy")(t.astype(complex))), t.shape)
            real = np.isfinite(other) & (np.abs(np.imag(other)) < 1e-12)
            points = np.stack([t, np.real(other)] if solve_for == y else [np.real(other), t], axis=-1)
            inside = real & _in_box(points, box)
            edges = np.flatnonzero(np.diff(np.concatenate([[0], inside.astype(int), [0]])))
            pieces += [points[a:b] for a, b in zip(edges[::2], edges[1::2]) if b - a >= 2]
        return tuple(pieces)
    return ()


def level_curve(loss: Loss, level: float, box=DEFAULT_BOX) -> tuple[np.ndarray, ...]:
    """The contour L = level inside the box, exactly, as ordered branches: each factor of L − level is solved
    for one variable (so the level of the toy network's saddle gives both axes as well as w1·w2 = 2)."""
    _, factors = sp.factor_list(sp.expand(loss.expression - sp.nsimplify(level)))
    return tuple(branch for factor, _ in factors if factor.free_symbols for branch in _branches(loss, factor, box))


def _real_solutions(polynomials: list[sp.Expr], variables) -> list[list[float]] | None:
    """Real solutions of a zero-dimensional polynomial system by a lex Gröbner basis and back-substitution.

    (sympy's solve_poly_system silently drops solutions of Himmelblau's gradient, so it is not used.)"""
    x, y = variables
    basis = sp.groebner(polynomials, x, y, order="lex")
    if not basis.is_zero_dimensional:
        return None
    exprs = list(basis.exprs)
    univariate = next(g for g in exprs if not g.has(x))
    solutions = []
    for root in sp.Poly(univariate, y).real_roots():
        y_value = sp.Float(root.evalf(40), 40)
        in_x = [sp.Poly(g.subs(y, y_value), x) for g in exprs if g.has(x)]
        in_x = [p for p in in_x if p.degree() > 0]
        for x_root in min(in_x, key=lambda p: p.degree()).nroots(n=30, maxsteps=200):
            x_value = complex(x_root)
            if abs(x_value.imag) > 1e-9:
                continue
            residual = max(abs(complex(g.subs({x: x_value.real, y: y_value}))) for g in exprs)
            if residual < 1e-6 * max(1.0, *(abs(c) for g in exprs for c in sp.Poly(g, x, y).coeffs())):
                solutions.append([x_value.real, float(y_value)])
    return solutions


def _exact(loss: Loss, box, scale: float):
    """Exact critical set of a polynomial loss: the common factor of the gradient gives curves, the rest points."""
    variables = loss.variables
    if not loss.expression.is_polynomial(*variables):
        return None
    polys = [sp.Poly(sp.expand(g), *variables) for g in loss.gradient_expressions]
    if any(p.total_degree() > MAX_EXACT_DEGREE for p in polys):
        return None
    common = reduce(sp.gcd, polys)
    curves = []
    for factor, _ in sp.factor_list(common.as_expr())[1]:
        if not factor.free_symbols:
            continue
        branches = _branches(loss, factor, box)
        if not branches:
            continue
        samples = np.concatenate(branches)
        picks = samples[np.linspace(0, len(samples) - 1, 9).round().astype(int)]
        kinds = {classify(loss, p, box, scale).kind for p in picks}
        kind = kinds.pop() if len(kinds) == 1 else "mixed"
        curves.append(CriticalCurve(factor, _equation_latex(factor), kind, branches))
    quotients = [sp.div(p, common)[0] for p in polys]
    if all(q.is_zero for q in quotients):
        return [], curves
    candidates = _real_solutions([q.as_expr() for q in quotients], variables)
    if candidates is None:
        return None
    points = np.array(candidates, dtype=float).reshape(-1, 2)
    points = _polish(loss, points, steps=5)
    return points[_in_box(points, box)], curves


def _numeric(loss: Loss, box, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    (x0, x1), (y0, y1) = box_bounds(box)
    starts = np.concatenate([_grid(box, 15), rng.uniform([x0, y0], [x1, y1], size=(64, 2))])
    points = _polish(loss, starts)
    gradient_scale = max(1.0, float(np.nanmedian(np.linalg.norm(loss.gradient(starts), axis=-1))))
    converged = np.all(np.isfinite(points), axis=-1) & _in_box(points, box)
    converged &= np.linalg.norm(loss.gradient(points), axis=-1) < 1e-9 * gradient_scale
    return points[converged]


def critical_points(loss: Loss, box=DEFAULT_BOX) -> CriticalSet:
    """Every critical point in the box, exact (sympy) where the gradient system is polynomial and solvable."""
    if loss.dimension != 2:
        raise ValueError("critical_points works on losses of two variables")
    box = tuple(float(v) for v in np.asarray(box, dtype=float).reshape(-1))
    box_bounds(box)
    if all(g == 0 for g in loss.gradient_expressions):
        raise LossError(f"the loss is constant (L = {loss.expression}): every point is critical and none can be "
                        "classified; give a loss that depends on the variables")
    scale = hessian_scale(loss, box)
    exact = _exact(loss, box, scale)
    method = "exact" if exact is not None else "numeric"
    points, curves = exact if exact is not None else (_numeric(loss, box), [])
    points = _deduplicate(points, 1e-6 * _box_span(box))
    on_curve = [any(abs(float(c.equation.subs(dict(zip(loss.variables, p))))) < 1e-9 for c in curves) for p in points]
    classified = tuple(
        CriticalPoint(**vars(classify(loss, p, box, scale)), isolated=not c) for p, c in zip(points, on_curve)
    )
    return CriticalSet(loss=loss, box=box, points=classified, curves=tuple(curves), method=method)
