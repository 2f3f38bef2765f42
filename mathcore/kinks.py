"""Critical points where the loss is not differentiable: the tip of the cone √(x² + y²), the cusp of
|x|^½ + |y|^½. Newton cannot land there (the gradient does not exist), so they are sought on the kink loci
themselves: the zeros of the arguments of abs and of the bases of fractional powers (mathcore.critical.kinks).

A locus u = 0 is a point where u vanishes with its gradient (x² + y² = 0), or where as many loci as there are
variables cross (|x| and |y|); each such point is solved exactly (sympy) and kept when it is stationary in
Clarke's sense: a minimum or maximum, or a point where 0 lies in the convex hull of the gradients around it (|x| −
|y| at 0, but not |x| + y, which falls along −y)."""

from __future__ import annotations

import itertools

import numpy as np
import sympy as sp

#: At most this many combinations of loci are solved.
MAX_COMBINATIONS = 64
#: Gradients sampled round a kink point for the convex-hull test, at this radius (fraction of the box's span).
HULL_RADIUS = 1e-6
HULL_DIRECTIONS = 64


def kink_expressions(expression: sp.Expr) -> list[sp.Expr]:
    """Expressions whose zeros are where the loss has no Hessian: arguments of abs, bases of powers such as sqrt or
    |u|^1.5 (a non-integer exponent below 2)."""
    found = {node.args[0] for node in sp.preorder_traversal(expression) if isinstance(node, sp.Abs)}
    found |= {node.base for node in sp.preorder_traversal(expression)
              if isinstance(node, sp.Pow) and node.exp.is_number and not node.exp.is_integer and node.exp < 2}
    return sorted((u for u in found if u.free_symbols), key=sp.default_sort_key)


def _locus(u: sp.Expr) -> sp.Expr:
    while isinstance(u, sp.Abs):
        u = u.args[0]
    return u


def kink_candidates(expressions: list[sp.Expr], variables, ranges) -> np.ndarray:
    """Points (m, n) in the box where kink loci (expressions u, zero on the locus) are isolated or cross."""
    n = len(variables)
    loci = list(dict.fromkeys(_locus(u) for u in expressions))
    loci = [u for u in loci if u.free_symbols and u.is_polynomial(*variables)]
    systems = [[u, *(sp.diff(u, v) for v in variables)] for u in loci]
    systems += [list(c) for c in itertools.islice(itertools.combinations(loci, n), MAX_COMBINATIONS)]
    found = []
    for system in systems:
        try:
            solutions = sp.solve(system, list(variables), dict=True)
        except (NotImplementedError, ValueError):
            continue
        for solution in solutions:
            if set(solution) != set(variables) or any(value.free_symbols for value in solution.values()):
                continue
            values = [complex(solution[v]) for v in variables]
            if all(abs(c.imag) < 1e-12 for c in values):
                found.append([c.real for c in values])
    points = np.array(found, dtype=float).reshape(-1, n)
    lo, hi = np.array(ranges, dtype=float).T
    return points[np.all((points >= lo - 1e-12) & (points <= hi + 1e-12), axis=-1)]


def clarke_stationary(gradient, point: np.ndarray, span: float) -> bool:
    """Whether 0 is in the convex hull of the gradients on a small sphere round the point (no direction descends
    from it at a linear rate): a linear programme, d with g·d ≥ 1 for every gradient g, has no solution."""
    from scipy.optimize import linprog

    n = len(point)
    rng = np.random.default_rng(0)
    directions = np.concatenate([np.eye(n), -np.eye(n), rng.standard_normal((HULL_DIRECTIONS, n))])
    directions /= np.linalg.norm(directions, axis=-1, keepdims=True)
    with np.errstate(all="ignore"):
        gradients = gradient(point + HULL_RADIUS * span * directions)
    gradients = gradients[np.all(np.isfinite(gradients), axis=-1)]
    if not len(gradients):
        return True
    scale = np.max(np.linalg.norm(gradients, axis=-1))
    if scale == 0:
        return True
    result = linprog(np.zeros(n), A_ub=-gradients / scale, b_ub=-np.full(len(gradients), 1e-6),
                     bounds=[(-1, 1)] * n, method="highs")
    return result.status != 0  # infeasible: every direction rises against some gradient


def kink_points(block, ranges) -> np.ndarray:
    """The block's critical points on its kink loci: candidates that are Clarke-stationary."""
    candidates = kink_candidates(kink_expressions(block.expression), block.variables, ranges)
    span = float(np.linalg.norm([hi - lo for lo, hi in ranges]))
    keep = [clarke_stationary(block.gradient, p, span) for p in candidates]
    return candidates[np.array(keep, dtype=bool)] if len(candidates) else candidates
