"""Critical points that are not isolated: the zero set of a common factor of the gradient, split into components
with one equation each (cos(x·y) = 0 inside [−2, 2]² is x·y = π/2 and x·y = −π/2), and, in two variables, drawn
as ordered branches."""

from __future__ import annotations

import numpy as np
import sympy as sp

from mathcore.domain import ScalarField, box_grid

#: Zeros of periodic functions: f(u) = 0 exactly where u = offset + k·period.
PERIODIC_ZEROS = {sp.sin: (sp.Integer(0), sp.pi), sp.cos: (sp.pi / 2, sp.pi), sp.tan: (sp.Integer(0), sp.pi)}
#: Functions with one real zero: f(u) = 0 exactly where u = value.
SINGLE_ZERO = {sp.sinh: sp.Integer(0), sp.tanh: sp.Integer(0), sp.atan: sp.Integer(0), sp.log: sp.Integer(1),
               sp.Abs: sp.Integer(0), sp.sign: sp.Integer(0)}
MAX_COMPONENTS = 64
SAMPLES = 801  # along the free variable of each explicit branch


def _range_of(expression: sp.Expr, variables, ranges) -> tuple[float, float]:
    """Smallest and largest value of expression over the box, from a grid (a little wide, to be safe)."""
    values = ScalarField(expression, variables).value(box_grid(ranges, max(3, int(40_000 ** (1 / len(ranges))))))
    values = values[np.isfinite(values)]
    if not values.size:
        return 0.0, 0.0
    margin = 0.05 * (values.max() - values.min()) + 1e-9
    return float(values.min() - margin), float(values.max() + margin)


def components(factor: sp.Expr, variables, ranges) -> list[sp.Expr]:
    """Expressions f, one per component, whose zero sets together make up {factor = 0} inside the box."""
    if not factor.free_symbols:
        return []
    if isinstance(factor, sp.Mul):
        return list(dict.fromkeys(c for part in factor.args for c in components(part, variables, ranges)))
    if isinstance(factor, sp.Pow):
        return components(factor.base, variables, ranges) if factor.exp.is_positive else []
    if isinstance(factor, sp.exp):
        return []
    if factor.is_polynomial(*variables):
        return [f for f, _ in sp.factor_list(factor)[1] if f.free_symbols]
    function = type(factor)
    if function in SINGLE_ZERO:
        return components(factor.args[0] - SINGLE_ZERO[function], variables, ranges)
    if function in PERIODIC_ZEROS:
        offset, period = PERIODIC_ZEROS[function]
        argument = factor.args[0]
        low, high = _range_of(argument, variables, ranges)
        first = int(np.ceil((low - float(offset)) / float(period)))
        last = int(np.floor((high - float(offset)) / float(period)))
        ks = range(first, min(last, first + MAX_COMPONENTS - 1) + 1)
        return [c for k in ks for c in components(argument - (offset + k * period), variables, ranges)]
    return [factor]


def equation(f: sp.Expr) -> sp.Eq:
    """f = 0 written as (terms with variables) = (constant), no common factor on the left, leading sign positive."""
    constant = f.as_independent(*f.free_symbols, as_Add=True)[0]
    lhs, rhs = sp.expand(f - constant), -constant
    content, lhs = lhs.as_content_primitive()  # 2·x·y = π  →  x·y = π/2
    rhs = rhs / content
    if lhs.could_extract_minus_sign():
        lhs, rhs = -lhs, -rhs
    for v in sorted(lhs.free_symbols, key=str) if isinstance(lhs, sp.Add) else ():
        rest, alone = lhs.as_independent(v, as_Add=True)
        coefficient = alone / v
        if coefficient.is_number and rest.free_symbols:  # y − eˣ = 0  →  y = eˣ
            return sp.Eq(v, (rhs - rest) / coefficient, evaluate=False)
    return sp.Eq(lhs, rhs, evaluate=False)


def equation_latex(f: sp.Expr) -> str:
    return sp.latex(equation(f))


def equation_text(f: sp.Expr) -> str:
    eq = equation(f)
    return f"{sp.sstr(eq.lhs)} = {sp.sstr(eq.rhs)}"


def _in_box(points: np.ndarray, ranges, margin: float = 1e-9) -> np.ndarray:
    lo, hi = np.array(ranges).T
    return np.all((points >= lo - margin) & (points <= hi + margin), axis=-1)


def pieces(points: np.ndarray, keep: np.ndarray) -> list[np.ndarray]:
    """The runs of consecutive kept points, each an ordered branch of at least two points."""
    edges = np.flatnonzero(np.diff(np.concatenate([[0], keep.astype(int), [0]])))
    return [points[a:b] for a, b in zip(edges[::2], edges[1::2]) if b - a >= 2]


def explicit_branches(f: sp.Expr, variables, ranges, samples: int = SAMPLES) -> tuple[np.ndarray, ...] | None:
    """Ordered pieces of the curve f = 0 in a 2-D box, from an explicit solution y(x) or x(y); None if sympy has
    none."""
    x, y = variables
    for solve_for, along, (lo, hi) in ((y, x, ranges[0]), (x, y, ranges[1])):
        try:
            solutions = sp.solve(f, solve_for)
        except NotImplementedError:
            continue
        solutions = [s for s in solutions if s.free_symbols <= {along}]
        if not solutions:
            continue
        t = np.linspace(lo, hi, samples)
        found = []
        for solution in solutions:
            with np.errstate(all="ignore"):
                other = np.broadcast_to(np.asarray(sp.lambdify(along, solution, "numpy")(t.astype(complex))), t.shape)
            real = np.isfinite(other) & (np.abs(np.imag(other)) < 1e-12)
            points = np.stack([t, np.real(other)] if solve_for == y else [np.real(other), t], axis=-1)
            found += pieces(points, real & _in_box(points, ranges))
        return tuple(found)
    return None


def traced_branches(f: sp.Expr, variables, ranges, resolution: int = 401) -> tuple[np.ndarray, ...]:
    """The curve f = 0 in a 2-D box without an explicit solution: contour lines of f on a grid (contourpy), each
    vertex then moved onto the curve by Gauss–Newton steps, so every point is on it to full precision."""
    import contourpy

    (x0, x1), (y0, y1) = ranges
    xs, ys = np.linspace(x0, x1, resolution), np.linspace(y0, y1, resolution)
    field = ScalarField(f, variables)
    z = field.value(np.stack(np.meshgrid(xs, ys), axis=-1))
    lines = contourpy.contour_generator(xs, ys, np.ma.masked_invalid(z), line_type="Separate").lines(0.0)
    branches = []
    for line in lines:
        points = field.project(np.array(line, dtype=float), steps=30)
        branches += pieces(points, _in_box(points, ranges) & np.all(np.isfinite(points), axis=-1))
    return tuple(branches)


def branches_2d(f: sp.Expr, variables, ranges) -> tuple[np.ndarray, ...]:
    explicit = explicit_branches(f, variables, ranges)
    return explicit if explicit is not None else traced_branches(f, variables, ranges)


def samples_on(f: sp.Expr, variables, ranges, count: int = 9) -> np.ndarray:
    """A few points on the hypersurface f = 0 inside the box (grid points moved onto it by Gauss–Newton)."""
    field = ScalarField(f, variables)
    points = field.project(box_grid(ranges, max(3, int(4000 ** (1 / len(ranges))))), steps=40)
    on = points[_in_box(points, ranges) & (np.abs(field.value(points)) < 1e-9)]
    return on[np.linspace(0, len(on) - 1, min(count, len(on))).round().astype(int)] if len(on) else on
