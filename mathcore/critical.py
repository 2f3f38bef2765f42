"""Critical points of a loss of any number of variables, found exactly where sympy can and by multistart Newton
where it cannot, and classified by the Hessian (index = number of negative eigenvalues) or, where the Hessian is
silent or does not exist, by the loss itself around the point.

A loss that splits into parts sharing no variable (Σ (xᵢ² − 1)²) is solved part by part: its critical set is
the product of theirs, so six double wells cost six one-variable problems, not a search in six dimensions."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
import sympy as sp

from mathcore.cells import subdivide, unique_near
from mathcore.certificate import Certificate, certify
from mathcore.certified_roots import PROVED, UNPROVED
from mathcore.critical_sets import equation_latex, equation_text, explicit_branches, samples_on
from mathcore.critical_solve import Family, polish, solve_block
from mathcore.domain import ScalarField, box_grid, box_ranges
from mathcore.errors import LossError
from mathcore.kinks import kink_expressions
from mathcore.loss import Loss
from mathcore.plateaus import Plateau
from mathcore.stage import stage

DEFAULT_BOX = (-2.0, 2.0, -2.0, 2.0)
DEFAULT_HALF_WIDTH = 2.0  # the default box is [−2, 2] for every variable
#: An eigenvalue counts as zero when |λ| ≤ ZERO_RTOL · (typical Hessian norm over the box).
ZERO_RTOL = 1e-6
#: The higher-order test compares L on rings (spheres) of these radii (fractions of the box diagonal) with L at
#: the point.
RING_RADII = (1e-2, 3e-2)
RING_DIRECTIONS = 3600
#: Differences of L smaller than this, relative to the largest |L| at and on the ring, count as "equal" in the ring
#: test: a point whose rings are all "equal" is undecided.
RING_RTOL = 1e-11
#: Where the loss has a kink, the remainder L(p + r·d) − L(p) − r ∇L·d is compared at these radii (fractions of the
#: box diagonal): it shrinks faster than r where L is differentiable (|x·y| at 0), in proportion to r where not.
KINK_RADII = (1e-6, 1e-4)
#: More isolated points than this in the box is refused (a product of parts can multiply quickly).
MAX_POINTS = 20_000
LINE_SAMPLES = 801  # along a line of critical points in a variable the loss does not depend on
#: What stands for the equation of a curve found by numeric continuation, or of a larger set found numerically.
TRACED_TEXT = {True: "numerically traced", False: "numerically found"}


@dataclass(frozen=True)
class Classification:
    """What the Hessian (or the loss nearby) says about one point."""

    point: np.ndarray
    value: float
    gradient_norm: float  # NaN where the loss is not differentiable
    eigenvalues: np.ndarray  # ascending; empty where the loss is not twice differentiable
    eigenvectors: np.ndarray  # row i is the unit eigenvector of eigenvalues[i]
    kind: str  # minimum | maximum | saddle | undecided (the ring test saw no difference at any radius)
    test: str  # hessian | higher-order | no Hessian (differentiable, not twice) | not differentiable
    zero_tolerance: float
    index: int | None  # number of negative eigenvalues (None where there is no Hessian)


@dataclass(frozen=True)
class CriticalPoint(Classification):
    isolated: bool  # False when the point lies on a family of critical points
    proof: str = UNPROVED  # how the point is proved to be a solution of ∇L = 0 (mathcore.certified_roots)


@dataclass(frozen=True)
class CriticalFamily:
    """Non-isolated critical points {all equations = 0}, e.g. the valley w1·w2 = 1 of the toy network."""

    equations: tuple[sp.Expr, ...]
    equation_latex: str
    equation_text: str
    kind: str  # the kind of its points, or mixed
    dimension: int
    branches: tuple[np.ndarray, ...]  # a curve (dimension 1): ordered polylines (m, n) inside the box; else ()
    traced: bool  # found numerically: no equation is known for it (its text says so)
    samples: np.ndarray  # (m, n): for a set of dimension ≥ 2 found numerically, the search's points on it
    differentiable: bool  # False where the loss has no gradient on it (the axes of |x·y|): minima, yet not critical


@dataclass(frozen=True)
class CriticalSet:
    loss: Loss
    box: tuple[float, ...]  # LO HI for each variable
    points: tuple[CriticalPoint, ...]
    families: tuple[CriticalFamily, ...]
    method: str  # exact | numeric
    starts: int  # Newton starts used by the numeric parts (0 when everything was exact)
    blocks: tuple[tuple[str, ...], ...]  # variables of the parts solved separately
    certificate: Certificate | None = None  # what is proved about the list, and the count check
    plateaus: tuple[Plateau, ...] = ()  # regions where |∇L| is below floating point's resolution: not critical

    @property
    def curves(self) -> tuple[CriticalFamily, ...]:
        return tuple(f for f in self.families if f.dimension == 1)

    def index_counts(self) -> dict[int, int]:
        indices = [p.index for p in self.points if p.index is not None]
        return {i: indices.count(i) for i in sorted(set(indices))}


def default_box(dimension: int) -> tuple[float, ...]:
    return (-DEFAULT_HALF_WIDTH, DEFAULT_HALF_WIDTH) * dimension


def _span(ranges) -> float:
    return float(np.linalg.norm([hi - lo for lo, hi in ranges]))


def _scale_grid(ranges) -> np.ndarray:
    return box_grid(ranges, 9 if len(ranges) <= 3 else max(3, round(729 ** (1 / len(ranges)))))


def hessian_scale(loss: Loss, box=DEFAULT_BOX) -> float:
    """Typical spectral norm of H over the box: the yardstick for 'this eigenvalue is zero'."""
    hessians = loss.hessian(_scale_grid(box_ranges(box, loss.dimension)))
    hessians = hessians[np.all(np.isfinite(hessians), axis=(-2, -1))]  # SVD fails on a Hessian that does not exist
    norms = np.linalg.norm(hessians, ord=2, axis=(-2, -1)) if len(hessians) else np.zeros(0)
    norms = norms[np.isfinite(norms) & (norms > 0)]
    return float(np.median(norms)) if norms.size else 1.0


def _directions(dimension: int, null_space: np.ndarray) -> np.ndarray:
    """Unit directions for the ring test: the circle in 2-D; in more variables, seeded random directions on the
    sphere, many of them inside the Hessian's null space (where a degenerate point is decided)."""
    if dimension == 2:
        angles = np.linspace(0, 2 * np.pi, RING_DIRECTIONS, endpoint=False)
        return np.stack([np.cos(angles), np.sin(angles)], axis=-1)
    rng = np.random.default_rng(0)
    parts = [rng.standard_normal((RING_DIRECTIONS, dimension)), np.eye(dimension), -np.eye(dimension)]
    if len(null_space):
        parts += [rng.standard_normal((RING_DIRECTIONS, len(null_space))) @ null_space, null_space, -null_space]
    directions = np.concatenate(parts)
    return directions / np.linalg.norm(directions, axis=-1, keepdims=True)


def _equal_below(values: np.ndarray) -> float:
    """Differences smaller than this are rounding: relative to the size of L itself at and around the point, not
    to 1 (so 1e-9·(x⁴ − y⁴) is a saddle), nor to L's range over the box (a ring would then miss −z¹⁰ beside x²)."""
    return RING_RTOL * max(float(np.max(np.abs(values))), 1e-300)


def _ring_kind(loss: Loss, point: np.ndarray, radius: float, directions: np.ndarray) -> str:
    centre = float(loss.value(point))
    ring = loss.value(point + radius * directions)
    differences, eps = ring - centre, _equal_below(np.append(ring, centre))
    rises, falls = bool((differences > eps).any()), bool((differences < -eps).any())
    return {(True, True): "saddle", (True, False): "minimum", (False, True): "maximum"}.get((rises, falls),
                                                                                             "undecided")


def _differentiable(loss: Loss, point: np.ndarray, gradient: np.ndarray, directions: np.ndarray, span: float
                    ) -> bool:
    """Whether L has a gradient at a point on a kink: the remainder of its linear model shrinks faster than r.
    ∇L is the formula with sign(0) = 0, the only candidate where the kink's own term vanishes."""
    if not np.all(np.isfinite(gradient)):
        return False
    centre = float(loss.value(point))
    remainders, noise = [], 0.0
    for r in KINK_RADII:
        ring = loss.value(point + r * span * directions)
        remainders.append(float(np.max(np.abs(ring - centre - r * span * directions @ gradient))) / (r * span))
        noise = _equal_below(np.append(ring, centre)) / (r * span)
    near, far = remainders
    return near <= 0.3 * far or far <= noise


def _unit_eigenvectors(vectors: np.ndarray) -> np.ndarray:
    """Rows, each with its first non-zero component made positive, so the output is deterministic."""
    rows = vectors.T.copy()
    pivots = rows[np.arange(len(rows)), np.argmax(np.abs(rows) > 1e-12, axis=1)]
    return np.where(pivots[:, None] < 0, -rows, rows)


def kinks(loss: Loss) -> list[ScalarField]:
    """Expressions whose zeros are where the loss has no Hessian (mathcore.kinks.kink_expressions)."""
    return [ScalarField(u, loss.variables) for u in kink_expressions(loss.expression)]


def classify(loss: Loss, point, box=DEFAULT_BOX, scale: float | None = None) -> Classification:
    """Eigen-decomposition of H at the point and the kind of point it is.

    The Hessian decides when it is definite or indefinite; when an eigenvalue is (relatively) zero and the
    others share one sign, the test is inconclusive and the loss itself is compared on small rings (spheres)
    around the point (a local, sampled test: the monkey saddle is a saddle, x⁴ + y⁴ a minimum); when no ring shows
    any difference, the point is undecided. Where the loss is not twice differentiable (|x| at 0) only the ring
    test is used, and the point says so."""
    return classify_all(loss, np.asarray(point, dtype=float)[None], box, scale)[0]


def classify_all(loss: Loss, points: np.ndarray, box=DEFAULT_BOX, scale: float | None = None,
                 set_dimension: int = 0) -> list[Classification]:
    """classify for many points (m, n) at once: the derivatives are evaluated in one call.

    set_dimension: the points lie on a set of critical points of that dimension. Where exactly that many
    eigenvalues are zero (the set's own directions), the others decide, as at a point (Morse–Bott)."""
    points = np.asarray(points, dtype=float).reshape(-1, loss.dimension)
    ranges = box_ranges(box, loss.dimension)
    n, span = loss.dimension, _span(ranges)
    tolerance = ZERO_RTOL * (hessian_scale(loss, box) if scale is None else scale)
    hessians, values = loss.hessian(points), loss.value(points)
    with np.errstate(all="ignore"):
        gradients = loss.gradient(points)
    smooth = np.all(np.isfinite(hessians), axis=(-2, -1))
    for kink in kinks(loss):
        smooth &= ~(np.abs(kink.value(points)) <= 1e-12)
    eigenvalues, vectors = np.zeros((len(points), n)), np.tile(np.eye(n), (len(points), 1, 1))
    if smooth.any():
        eigenvalues[smooth], vectors[smooth] = np.linalg.eigh(hessians[smooth])
    eigenvalues = np.where(np.abs(eigenvalues) <= tolerance * 1e-6, 0.0, eigenvalues)
    results = []
    for i, point in enumerate(points):
        positive, negative = eigenvalues[i] > tolerance, eigenvalues[i] < -tolerance
        decided = smooth[i] and (positive | negative).any() and np.sum(~positive & ~negative) == set_dimension
        has_gradient = True
        if decided:
            kind = "saddle" if positive.any() and negative.any() else "minimum" if positive.any() else "maximum"
            test = "hessian"
        else:
            null_space = vectors[i].T[~positive & ~negative] if smooth[i] else np.eye(n)
            directions = _directions(n, null_space)
            for radius in sorted(RING_RADII):
                kind = _ring_kind(loss, point, radius * span, directions)
                if kind != "undecided":
                    break
            test = "higher-order"
            if not smooth[i]:
                has_gradient = _differentiable(loss, point, gradients[i], _directions(n, np.eye(n)), span)
                test = "no Hessian" if has_gradient else "not differentiable"
        results.append(Classification(
            point=point,
            value=float(values[i]),
            gradient_norm=float(np.linalg.norm(gradients[i])) if has_gradient else float("nan"),
            eigenvalues=eigenvalues[i] if smooth[i] else np.zeros(0),
            eigenvectors=_unit_eigenvectors(vectors[i]) if smooth[i] else np.zeros((0, n)),
            kind=kind,
            test=test,
            zero_tolerance=tolerance,
            index=int(negative.sum()) if smooth[i] else None,
        ))
    return results


def _deduplicate(points: np.ndarray, radius: float) -> np.ndarray:
    kept: list[np.ndarray] = []
    for p in points:
        if all(np.linalg.norm(p - q) > radius for q in kept):
            kept.append(p)
    kept.sort(key=lambda p: tuple(round(c, 9) for c in p))
    return np.array(kept).reshape(-1, points.shape[-1])


def level_curve(loss: Loss, level: float, box=DEFAULT_BOX) -> tuple[np.ndarray, ...]:
    """The contour L = level inside the box, exactly, as ordered branches: each factor of L − level is solved
    for one variable (so the level of the toy network's saddle gives both axes as well as w1·w2 = 2)."""
    _, factors = sp.factor_list(sp.expand(loss.expression - sp.nsimplify(level)))
    ranges = box_ranges(box, 2)
    return tuple(branch for factor, _ in factors if factor.free_symbols
                 for branch in explicit_branches(factor, loss.variables, ranges) or ())


def blocks(loss: Loss) -> list[tuple[list[int], sp.Expr]]:
    """The loss as a sum of parts sharing no variable: (indices of the part's variables, the part), in the order
    of the variables; a variable the loss does not use is a part of its own, equal to 0."""
    index = {v: i for i, v in enumerate(loss.variables)}
    group = list(range(loss.dimension))

    def root(i: int) -> int:
        while group[i] != i:
            i = group[i]
        return i

    terms = [t for t in sp.Add.make_args(loss.expression) if t.free_symbols]
    for term in terms:
        members = sorted(index[s] for s in term.free_symbols)
        for i in members[1:]:
            group[root(i)] = root(members[0])
    parts: dict[int, list[int]] = {}
    for i in range(loss.dimension):
        parts.setdefault(root(i), []).append(i)
    return [(members, sp.Add(*(t for t in terms if root(index[next(iter(t.free_symbols))]) == r)))
            for r, members in parts.items()]


def _coordinate_equation(variable: sp.Symbol, value: float) -> sp.Expr:
    """variable − value, with the value written simply when it is (π/2, √2/2, 1/3)."""
    simple = sp.nsimplify(value, [sp.pi], tolerance=1e-12, rational=False)
    return variable - (simple if abs(float(simple) - value) <= 1e-12 * max(1.0, abs(value)) else sp.Float(value, 15))


def _block_choices(solution, members, ranges, proofs: dict) -> list[tuple[np.ndarray | None, Family | None]]:
    """The block's distinct points and its families; the proof of each point goes into proofs, by its
    coordinates."""
    points = list(_deduplicate(solution.points, 1e-6 * _span([ranges[i] for i in members])))
    for p in points:
        nearest = int(np.argmin(np.linalg.norm(solution.points - p, axis=-1)))
        proved = len(solution.proofs) == len(solution.points)
        proofs[(tuple(members), tuple(p.tolist()))] = solution.proofs[nearest] if proved else UNPROVED
    return [(p, None) for p in points] + [(None, f) for f in solution.families]


def _family(loss: Loss, ranges, combination, parts, scale: float) -> CriticalFamily:
    """One family of the product: the chosen families of some parts times the chosen points of the others."""
    n = loss.dimension
    equations: list[sp.Expr] = []
    dimension, base = 0, np.zeros(n)
    samples: list[tuple[list[int], np.ndarray]] = []  # per part: its columns and a few sample points
    curve_part, traced, on_set = None, False, None
    for (point, family), (members, _) in zip(combination, parts):
        variables = [loss.variables[i] for i in members]
        block_ranges = [ranges[i] for i in members]
        if family is None:
            base[members] = point
            equations += [_coordinate_equation(v, float(c)) for v, c in zip(variables, point)]
            continue
        dimension += family.dimension
        equations += list(family.equations)
        traced |= family.traced
        if family.branches:
            along = np.concatenate(family.branches)
            samples.append((members, along[np.linspace(0, len(along) - 1, 9).round().astype(int)]))
            curve_part = (members, family.branches)
        elif family.samples is not None:  # a set found numerically: the search's points on it
            samples.append((members, family.samples))
            on_set = (members, family.samples)
        elif not family.equations:  # a variable the loss does not use: its whole range
            samples.append((members, box_grid(block_ranges, 3)))
            if family.dimension == 1:
                (lo, hi), = block_ranges
                curve_part = (members, (np.linspace(lo, hi, LINE_SAMPLES)[:, None],))
        else:
            samples.append((members, samples_on(family.equations[0], variables, block_ranges)))
    picks = []
    for i in range(9):
        sample = base.copy()
        for members, points in samples:
            if len(points):
                sample[members] = points[i % len(points)]
        picks.append(sample)
    classified = classify_all(loss, np.array(picks), tuple(np.ravel(ranges)), scale, set_dimension=dimension)
    kinds = {c.kind for c in classified}
    branches: tuple[np.ndarray, ...] = ()
    found = np.zeros((0, n))
    if on_set is not None:
        found = np.tile(base, (len(on_set[1]), 1))
        found[:, on_set[0]] = on_set[1]
    if dimension == 1 and curve_part is not None:
        members, pieces = curve_part
        branches = tuple(np.tile(base, (len(b), 1)) for b in pieces)
        for full, piece in zip(branches, pieces):
            full[:, members] = piece
    return CriticalFamily(
        equations=tuple(equations),
        equation_latex=r",\quad ".join([rf"\text{{{TRACED_TEXT[on_set is None]}}}"] * traced
                                        + [equation_latex(f) for f in equations]),
        equation_text=", ".join([TRACED_TEXT[on_set is None]] * traced + [equation_text(f) for f in equations]),
        kind=kinds.pop() if len(kinds) == 1 else "mixed",
        dimension=dimension,
        branches=branches,
        traced=traced,
        samples=found,
        differentiable=all(c.test != "not differentiable" for c in classified),
    )


def _certify(loss: Loss, ranges, points, families, solutions, cells) -> Certificate:
    with stage("making the count check"):
        return certify(loss, ranges, points, families, solutions, bool(kinks(loss)), cells)


def critical_points(loss: Loss, box=DEFAULT_BOX) -> CriticalSet:
    """Every critical point in the box, exact (sympy) where the gradient system is polynomial and solvable; the
    loss is split into parts sharing no variable first, and the critical set is the product of theirs."""
    ranges = box_ranges(box, loss.dimension)
    box = tuple(float(v) for v in np.ravel(ranges))
    if all(g == 0 for g in loss.gradient_expressions):
        raise LossError(f"the loss is constant (L = {loss.expression}): every point is critical and none can be "
                        "classified; give a loss that depends on the variables")
    parts = blocks(loss)
    scale = hessian_scale(loss, box)
    with stage("solving grad L = 0"):
        solutions = [solve_block(part, [loss.variables[i] for i in members], [ranges[i] for i in members],
                                 ZERO_RTOL * scale) for members, part in parts]
    proofs: dict[tuple, str] = {}
    choices = [_block_choices(s, members, ranges, proofs) for s, (members, _) in zip(solutions, parts)]
    count = int(np.prod([sum(p is not None for p, _ in c) for c in choices]))
    if count > MAX_POINTS:
        raise LossError(f"the loss has {count} critical points in the box, more than {MAX_POINTS} can be classified; "
                        "choose a smaller box with --box")
    found: list[tuple[np.ndarray, str]] = []
    families = []
    for combination in itertools.product(*choices):
        if all(family is None for _, family in combination):
            full = np.zeros(loss.dimension)
            for (point, _), (members, _) in zip(combination, parts):
                full[members] = point
            ways = sorted({proofs[(tuple(members), tuple(np.asarray(point).tolist()))]
                           for (point, _), (members, _) in zip(combination, parts)})
            found.append((full, UNPROVED if UNPROVED in ways else " and ".join(ways)))
        else:
            families.append(_family(loss, ranges, combination, parts, scale))
    cells = None
    if any(s.method == "numeric" for s in solutions) and not families:
        with stage("proving the box cell by cell"):
            cells = subdivide(loss, ranges, np.array([p for p, _ in found]).reshape(-1, loss.dimension),
                              lambda starts: polish(loss, starts))
        if cells is not None:
            found = [(p, PROVED if cells.proves(p) else proof) for p, proof in found]
            found += [(p, PROVED) for p in cells.missed]
        if any(proof == UNPROVED for _, proof in found):  # each point unique in a small box round it
            with stage("proving each point unique near it"):
                unique = unique_near(loss, np.array([p for p, _ in found]), ranges)
            found = [(p, PROVED if alone and proof == UNPROVED else proof) for (p, proof), alone in zip(found, unique)]
    found.sort(key=lambda item: tuple(round(c, 9) for c in item[0]))
    point_proofs = [proof for _, proof in found]
    points = [p for p, _ in found]
    # a traced curve took its points out already: no equation of it to test them against
    fields = [[ScalarField(f, loss.variables) for f in family.equations] for family in families if not family.traced]
    classified = []
    with stage("classifying the points"):
        infos = classify_all(loss, np.array(points).reshape(-1, loss.dimension), box, scale)
    for p, proof, info in zip(points, point_proofs, infos):
        on_family = any(all(abs(float(f.value(p[None])[0])) < 1e-9 for f in fs) for fs in fields)
        classified.append(CriticalPoint(**vars(info), isolated=not on_family, proof=proof))
    numeric = [s for s in solutions if s.method == "numeric"]
    return CriticalSet(
        loss=loss, box=box, points=tuple(classified), families=tuple(families),
        method="numeric" if numeric else "exact", starts=sum(s.starts for s in numeric),
        blocks=tuple(tuple(loss.variables[i].name for i in members) for members, _ in parts),
        certificate=_certify(loss, ranges, classified, families, solutions, cells),
        plateaus=tuple(p for s in solutions for p in s.plateaus),
    )
