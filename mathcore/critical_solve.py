"""Solving ∇L = 0 for one block of variables (a part of the loss that shares no variable with the rest):
exactly where it can (real roots in one variable; a common factor of the gradient, then certified real
solutions of the polynomial system that remains: mathcore.certified_roots), by multistart Newton where it cannot."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, replace
from functools import reduce

import numpy as np
import sympy as sp

from mathcore.certified_roots import EXACT_ROOTS, UNPROVED, certified_solutions
from mathcore.continuation import Tolerances, numeric_families
from mathcore.critical_sets import SAMPLES, branches_2d, components, pieces
from mathcore.domain import ScalarField, box_grid
from mathcore.factor_sets import factor_choices, linear_samples
from mathcore.kinks import kink_points
from mathcore.loss import Loss
from mathcore.plateaus import Plateau, plateaus, unresolved

#: Exact solving is tried when the product of the degrees of the reduced gradient (Bézout's bound) is at most this.
MAX_BEZOUT = 200
MAX_DEGREE = 64
#: Multistart Newton in 2 variables: a GRID_2D × GRID_2D grid first, refined up to MAX_GRID_2D a side (_finer_grids).
GRID_2D = 15
MAX_GRID_2D = 113
#: Multistart Newton in 3 or more variables: this many quasi-random (Sobol) starts per variable.
STARTS_PER_VARIABLE = 256
ONE_D_SAMPLES = 4001


@dataclass(frozen=True)
class Family:
    """Non-isolated critical points of a block: {all equations = 0} (no equation: the whole box of the block)."""

    equations: tuple[sp.Expr, ...]
    dimension: int
    branches: tuple[np.ndarray, ...]  # for a curve: ordered polylines (m, k) inside the box; otherwise ()
    traced: bool = False  # found numerically: no equation; a curve has its branches, a larger set its samples
    samples: np.ndarray | None = None  # (m, k): the numeric search's points on a traced set of dimension ≥ 2


@dataclass(frozen=True)
class BlockSolution:
    points: np.ndarray  # (m, k) in the block's variables, inside its box
    families: tuple[Family, ...]
    method: str  # exact | numeric
    starts: int  # Newton starts of a numeric search (0 when exact)
    proofs: tuple[str, ...] = ()  # per point, for an exact solution: how it is proved (mathcore.certified_roots)
    residual: float = 0.0  # an exact solution: largest |equation| at its points, at high precision
    plateaus: tuple[Plateau, ...] = ()  # where floating point read |∇L| as 0 though it is not (mathcore.plateaus)


def in_box(points: np.ndarray, ranges, margin: float = 1e-9) -> np.ndarray:
    lo, hi = np.array(ranges).T
    return np.all((points >= lo - margin) & (points <= hi + margin), axis=-1)


def polish(loss: Loss, points: np.ndarray, steps: int = 60) -> np.ndarray:
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


def _starts(ranges, seed: int) -> np.ndarray:
    """Where Newton starts: in 2-D a 15×15 grid and 64 random points; in more variables a scrambled Sobol
    sequence (STARTS_PER_VARIABLE per variable, rounded up to a power of 2), never a full grid; numeric adds half as
    many again where these did worst."""
    lo, hi = np.array(ranges).T
    rng = np.random.default_rng(seed)
    if len(ranges) <= 2:
        count = GRID_2D if len(ranges) == 2 else 401
        return np.concatenate([box_grid(ranges, count), rng.uniform(lo, hi, size=(64, len(ranges)))])
    from scipy.stats import qmc

    sobol = qmc.Sobol(len(ranges), scramble=True, seed=seed)
    power = int(np.ceil(np.log2(STARTS_PER_VARIABLE * len(ranges))))  # Sobol points balance in powers of 2
    return lo + (hi - lo) * sobol.random_base2(power)


def _distinct(points: np.ndarray, ranges) -> int:
    """How many different points (equal when within a millionth of the box's widest side)."""
    widest = float(np.max(np.subtract(*np.array(ranges, dtype=float).T[::-1])))
    return len(np.unique(np.round(points / (1e-6 * widest)), axis=0))


def _finer_grids(loss: Loss, ranges, starts: np.ndarray, points: np.ndarray, converged: np.ndarray,
                 tolerance: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """2-D: halve the start grid's spacing (15 → 29 → 57 → 113 a side, new nodes only) while the points found
    number more than a quarter of the starts: that many points between starts says more lie between them
    (Levy N.13 has 293 in [−1, 2]², which 289 starts cannot all reach)."""
    per_axis = GRID_2D
    while per_axis < MAX_GRID_2D and 4 * _distinct(points[converged], ranges) > len(starts):
        per_axis = 2 * per_axis - 1
        i, j = np.divmod(np.arange(per_axis * per_axis), per_axis)
        new = box_grid(ranges, per_axis)[(i % 2 == 1) | (j % 2 == 1)]  # the old grid's nodes are the even ones
        landed = polish(loss, new)
        starts, points = np.concatenate([starts, new]), np.concatenate([points, landed])
        converged = np.concatenate([converged, _converged(loss, landed, ranges, tolerance)])
    return starts, points, converged


def numeric(loss: Loss, ranges, seed: int = 0) -> tuple[np.ndarray, int, float]:
    """Converged Newton end points inside the box (not yet de-duplicated), the number of starts, and the |∇L| below
    which a point counted as converged. Adaptive rounds follow: finer grids in 2-D (_finer_grids), more starts
    where the first ones did worst in 3 or more variables (_more_starts)."""
    starts = _starts(ranges, seed)
    points = polish(loss, starts)
    with np.errstate(all="ignore"):
        tolerance = 1e-9 * max(1.0, float(np.nanmedian(np.linalg.norm(loss.gradient(starts), axis=-1))))
    converged = _converged(loss, points, ranges, tolerance)
    if len(ranges) == 2:
        starts, points, converged = _finer_grids(loss, ranges, starts, points, converged, tolerance)
    if len(ranges) >= 3:
        more = _more_starts(starts, points, converged, ranges, seed)
        landed = polish(loss, more)
        starts, points = np.concatenate([starts, more]), np.concatenate([points, landed])
        converged = np.concatenate([converged, _converged(loss, landed, ranges, tolerance)])
    return points[converged], len(starts), tolerance


def _converged(loss: Loss, points: np.ndarray, ranges, tolerance: float) -> np.ndarray:
    with np.errstate(all="ignore"):
        inside = np.all(np.isfinite(points), axis=-1) & in_box(points, ranges)
        return inside & (np.linalg.norm(loss.gradient(points), axis=-1) < tolerance)


def _more_starts(starts: np.ndarray, ends: np.ndarray, converged: np.ndarray, ranges, seed: int) -> np.ndarray:
    """Half as many starts again, where the first round did worst or found most: the box is cut into its 2^n
    orthants about its centre (at most 256), and each gets starts in proportion to 1 + the first round's starts
    there that failed + the distinct points found there."""
    lo, hi = np.array(ranges, dtype=float).T
    n = len(lo)
    axes = min(n, 8)
    centre = (lo + hi) / 2

    def orthant(p: np.ndarray) -> np.ndarray:
        return np.sum((p[:, :axes] > centre[:axes]) * (2 ** np.arange(axes)), axis=-1)

    weight = np.ones(2**axes)
    np.add.at(weight, orthant(starts[~converged]), 1.0)
    distinct = np.unique(np.round(ends[converged], 6), axis=0)
    np.add.at(weight, orthant(distinct), 1.0)
    counts = np.random.default_rng(seed + 1).multinomial(len(starts) // 2, weight / weight.sum())
    rng = np.random.default_rng(seed + 2)
    chosen = []
    for index, count in enumerate(counts):
        upper = (index >> np.arange(axes)) & 1
        a, b = lo.copy(), hi.copy()
        a[:axes] = np.where(upper, centre[:axes], lo[:axes])
        b[:axes] = np.where(upper, hi[:axes], centre[:axes])
        chosen.append(rng.uniform(a, b, size=(count, n)))
    return np.concatenate(chosen)


def _factors(g: sp.Expr, variables) -> dict[sp.Expr, int]:
    """Multiplicative factors of one gradient component with their powers. Only polynomial pieces are factored
    (sympy's factor would expand exp(−(x − 100)²) into powers of exp(x): minutes); a function is one factor."""
    found: dict[sp.Expr, int] = {}
    for arg in sp.Mul.make_args(sp.factor_terms(g)):
        base, power = arg.as_base_exp()
        if not base.free_symbols or not (power.is_Integer and power > 0):
            continue
        pieces = [(base, 1)]
        if base.is_polynomial(*variables):
            with contextlib.suppress(sp.PolynomialError):  # over the variables: π is a number, not a variable
                pieces = sp.factor_list(base, *variables)[1]
        for raw, multiplicity in pieces:
            piece = -raw if raw.could_extract_minus_sign() else raw  # y − eˣ and eˣ − y: one factor
            if piece.free_symbols:
                found[piece] = found.get(piece, 0) + multiplicity * int(power)
    return found


def _without_exponentials(g: sp.Expr) -> sp.Expr:
    """g without its factors exp(…), which never vanish on the reals: the same zeros, and a polynomial where only
    they kept it from being one (Hosaki's gradient is y·e^(−y) times polynomials)."""
    return sp.Mul(*(a for a in sp.Mul.make_args(sp.factor_terms(g)) if not isinstance(a, sp.exp)))


def _common_factor(gradients: list[sp.Expr], variables) -> sp.Expr:
    """The largest factor all gradient components share: a polynomial gcd, or, with functions such as cos(x·y)
    in them, the factors common to all."""
    if all(g.is_polynomial(*variables) for g in gradients):
        return reduce(sp.gcd, [sp.Poly(sp.expand(g), *variables) for g in gradients]).as_expr()
    factored = [_factors(g, variables) for g in gradients]
    shared = set(factored[0]).intersection(*factored[1:])
    return sp.Mul(*(f ** min(d[f] for d in factored) for f in shared))


def _families(common: sp.Expr, variables, ranges) -> list[Family]:
    families = []
    for f in components(common, variables, ranges):
        branches = branches_2d(f, variables, ranges) if len(variables) == 2 else ()
        if len(variables) == 2 and not branches:
            continue  # the curve misses the box
        families.append(Family((f,), len(variables) - 1, branches))
    return families


def _solve_1d(block: Loss, lo: float, hi: float) -> tuple[np.ndarray, str, str]:
    """Roots of L′ in [lo, hi]: exact real roots of a polynomial, else sign changes and touching zeros on a fine
    grid, refined by bisection and Newton."""
    (variable,), (gradient,) = block.variables, block.gradient_expressions
    if gradient.is_polynomial(variable):
        poly = sp.Poly(sp.expand(gradient), variable)
        try:
            roots, proof = [float(r.evalf(30)) for r in poly.real_roots()], EXACT_ROOTS
        except NotImplementedError:  # irrational coefficients (π): numeric roots of the same polynomial
            roots = [complex(r).real for r in poly.nroots(n=30) if abs(complex(r).imag) < 1e-12]
            proof = UNPROVED
        return np.array([r for r in roots if lo - 1e-12 <= r <= hi + 1e-12]).reshape(-1, 1), "exact", proof

    def slope(t: np.ndarray) -> np.ndarray:
        return block.gradient(t[:, None])[:, 0]

    t = np.linspace(lo, hi, ONE_D_SAMPLES)
    values = slope(t)
    finite = np.isfinite(values)
    crossings = np.flatnonzero(finite[:-1] & finite[1:] & (np.sign(values[:-1]) * np.sign(values[1:]) < 0))
    low, high, start = t[crossings], t[crossings + 1], values[crossings]
    for _ in range(60):
        middle = (low + high) / 2
        same = np.sign(slope(middle)) == np.sign(start)
        low, high = np.where(same, middle, low), np.where(same, high, middle)
    roots = list((low + high) / 2) + list(t[finite & (values == 0)])
    magnitude = np.abs(np.where(finite, values, np.inf))
    dips = np.flatnonzero((magnitude[1:-1] <= magnitude[:-2]) & (magnitude[1:-1] <= magnitude[2:])) + 1
    if len(dips):  # touching zeros (L′ = x², no sign change): Newton from the dips of |L′|
        touched = polish(block, t[dips][:, None])[:, 0]
        scale = max(1.0, float(np.median(magnitude[finite])))
        ok = np.isfinite(touched) & (touched >= lo) & (touched <= hi)
        roots += [r for r in touched[ok] if abs(slope(np.array([r]))[0]) < 1e-12 * scale]
    return np.array(roots).reshape(-1, 1), "numeric", UNPROVED


def _parametric(polynomials: list[sp.Expr], variables, ranges) -> tuple[np.ndarray, tuple[Family, ...]] | None:
    """A polynomial system with infinitely many solutions, solved by sympy in parametric form: each solution
    fixes some variables as functions of the others (the free ones: the family's dimension). A family of one
    free variable is traced over its range into ordered branches. None when sympy cannot."""
    try:
        solutions = sp.solve(polynomials, list(variables), dict=True)
    except (NotImplementedError, ValueError):
        return None
    index = {v: i for i, v in enumerate(variables)}
    points, families = [], []
    for solution in solutions:
        free = [v for v in variables if v not in solution]
        if not all(value.free_symbols <= set(free) for value in solution.values()):
            return None
        if not free:
            values = [complex(solution[v]) for v in variables]
            if all(abs(c.imag) < 1e-12 for c in values):
                points.append([c.real for c in values])
            continue
        branches: tuple[np.ndarray, ...] = ()
        if len(free) == 1:
            (t,) = free
            low, high = ranges[index[t]]
            along = np.linspace(low, high, SAMPLES)
            curve = np.zeros((SAMPLES, len(variables)), dtype=complex)
            curve[:, index[t]] = along
            for v, value in solution.items():
                with np.errstate(all="ignore"):
                    curve[:, index[v]] = np.broadcast_to(sp.lambdify(t, value, "numpy")(along.astype(complex)),
                                                         along.shape)
            real = np.all(np.isfinite(curve) & (np.abs(curve.imag) < 1e-12), axis=-1)
            branches = tuple(pieces(curve.real, real & in_box(curve.real, ranges)))
            if not branches:
                continue  # the curve misses the box
        families.append(Family(tuple(v - solution[v] for v in variables if v in solution), len(free), branches))
    return np.array(points, dtype=float).reshape(-1, len(variables)), tuple(families)


def solve_block(part: sp.Expr, variables, ranges, zero_tolerance: float) -> BlockSolution:
    """Critical points of one block, with its critical points on kinks added (mathcore.kinks)."""
    solution = _solve_smooth(part, variables, ranges, zero_tolerance)
    on_kinks = kink_points(Loss(part, tuple(variables)), ranges)
    if not len(on_kinks):
        return solution
    span = float(np.linalg.norm([hi - lo for lo, hi in ranges]))
    new = [p for p in on_kinks if not len(solution.points)
           or np.min(np.linalg.norm(solution.points - p, axis=-1)) > 1e-9 * span]
    if not new:
        return solution
    proofs = solution.proofs + (UNPROVED,) * len(new) if len(solution.proofs) == len(solution.points) else ()
    return replace(solution, points=np.concatenate([solution.points, np.array(new)]), proofs=proofs)


def _solve_smooth(part: sp.Expr, variables, ranges, zero_tolerance: float) -> BlockSolution:
    """Critical points of one block: isolated points (not yet de-duplicated) and families. zero_tolerance: the
    |λ| below which a Hessian eigenvalue is zero (a numeric search recognises curves by it)."""
    block = Loss(part, tuple(variables))
    k, gradients = len(variables), block.gradient_expressions
    if all(g == 0 for g in gradients):  # the loss does not depend on these variables: all of their box is critical
        return BlockSolution(np.zeros((0, k)), (Family((), k, ()),), "exact", 0)
    if k == 1:
        points, method, proof = _solve_1d(block, *ranges[0])
        step = (ranges[0][1] - ranges[0][0]) / (ONE_D_SAMPLES - 1)
        points, flat = _without_plateaus(block, points, step, _unreadable(block, *ranges[0]))
        return BlockSolution(points, (), method, 0 if method == "exact" else ONE_D_SAMPLES, (proof,) * len(points),
                             plateaus=flat)
    zero_sets = [_without_exponentials(g) for g in gradients]
    common = _common_factor(zero_sets, variables)
    families = tuple(_families(common, variables, ranges)) if common.free_symbols else ()
    reduced = [sp.cancel(g / common) for g in zero_sets] if common.free_symbols else zero_sets
    if all(q.is_polynomial(*variables) for q in reduced):
        polys = [sp.Poly(sp.expand(q), *variables) for q in reduced]
        degrees = [max(p.total_degree(), 1) for p in polys]
        if all(p.is_zero for p in polys):
            return BlockSolution(np.zeros((0, k)), families, "exact", 0)
        rational = all(c.is_Rational for p in polys for c in p.coeffs())  # π in a coefficient: no exact isolation
        if rational and max(degrees) <= MAX_DEGREE and np.prod(degrees) <= MAX_BEZOUT:
            certified = certified_solutions(polys, variables, ranges)
            if certified is not None:
                inside = in_box(certified.points, ranges)
                return BlockSolution(certified.points[inside], families, "exact", 0,
                                     tuple(p for p, keep in zip(certified.proofs, inside) if keep), certified.residual)
            solved = _parametric([p.as_expr() for p in polys], variables, ranges)
            if solved is not None:  # infinitely many solutions, not from one factor: x·y·z has three lines
                points, more = solved
                return BlockSolution(points[in_box(points, ranges)], families + more, "exact", 0)
        by_factors = _by_factors([p.as_expr() for p in polys], variables, ranges)
        if by_factors is not None:  # x1·x2·…·x8: a union of subspaces, whatever the degrees
            points, more = by_factors
            return BlockSolution(points[in_box(points, ranges)], families + more, "exact", 0)
    points, starts, gradient_tolerance = numeric(block, ranges)
    points, flat = _without_plateaus(block, points, None)
    for family in families:  # Newton also lands on the families: those points are not isolated
        (f,) = family.equations
        points = points[~(np.abs(ScalarField(f, variables).value(points)) < 1e-9)]
    # and on curves or sets no symbolic factor gives: found numerically, their points are not isolated either
    points, curves, sets = numeric_families(block, points, ranges, Tolerances(zero_tolerance, gradient_tolerance))
    families += tuple(Family((), 1, branches, traced=True) for branches in curves)
    families += tuple(Family((), dimension, (), traced=True, samples=on) for dimension, on in sets)
    return BlockSolution(points, families, "numeric", starts, plateaus=flat)


def _by_factors(polynomials: list[sp.Expr], variables, ranges) -> tuple[np.ndarray, tuple[Family, ...]] | None:
    """The critical set as the union of the sets where one factor of each component vanishes
    (mathcore.factor_sets), each solved in parametric form; None unless every one of them is."""
    choices = factor_choices(polynomials, variables)
    if choices is None:
        return None
    points, families = [], []
    for choice in choices:
        solved = _parametric(list(choice), variables, ranges)
        if solved is None:
            return None
        points.append(solved[0])
        for family in solved[1]:
            on = linear_samples(family.equations, variables, ranges) if family.dimension >= 2 else None
            families.append(replace(family, samples=on) if on is not None and len(on) else family)
    return np.concatenate(points), tuple(families)


def _unreadable(block: Loss, lo: float, hi: float) -> np.ndarray:
    """The grid points of one variable where floating point cannot evaluate L′ at all (e^(10⁶·x) overflows):
    candidates for a plateau, though no root is sought there."""
    t = np.linspace(lo, hi, ONE_D_SAMPLES)
    with np.errstate(all="ignore"):
        return t[~np.isfinite(block.gradient(t[:, None])[:, 0])][:, None]


def _without_plateaus(block: Loss, points: np.ndarray, step: float | None, also: np.ndarray | None = None
                      ) -> tuple[np.ndarray, tuple[Plateau, ...]]:
    """The points that may be critical, and the plateaus made of those (and of also) that are proved not to be."""
    candidates = points if also is None else np.concatenate([points, also])
    mask, sizes = unresolved(block, candidates)
    names = tuple(v.name for v in block.variables)
    return points[~mask[:len(points)]], tuple(plateaus(names, candidates[mask], sizes[mask], step))
