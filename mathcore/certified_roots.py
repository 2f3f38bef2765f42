"""Every real solution of a zero-dimensional polynomial system, with a proof for each and none missed.

Ball arithmetic (python-flint's arb), never an iteration that may fail to converge. For each variable, the
system's elimination polynomial (lex Gröbner basis with that variable last) has as roots every value the variable
takes at a solution; its real roots are isolated exactly (flint's certified root isolation). So every solution lies
in one of the boxes that are products of these isolating balls, and at most one in each. A box is dropped only
when ball arithmetic proves that some equation is not zero anywhere in it; a box that stays is proved to hold one
solution by the Krawczyk test (interval Newton), or, when the Jacobian is singular there (a degenerate critical
point), by substituting its exact rational coordinates. What neither proves is kept and marked unproved."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
import sympy as sp
from flint import arb, ctx, fmpq, fmpq_mpoly_ctx, fmpz_poly

from mathcore.balls import integer_power

#: Root isolation and the box tests are tried at these precisions (bits) until every box is decided.
PRECISIONS = (128, 512, 2048)
#: More candidate boxes than this (products of the variables' real roots) is left to the numeric search.
MAX_CANDIDATES = 4_000
#: Each box is widened by this factor before the Krawczyk test (so a ball about a rounded midpoint has room).
INFLATE = 4.0

PROVED = "interval Newton"  # Krawczyk: exactly one solution in the box
EXACT = "exact rational"  # a degenerate solution with rational coordinates, substituted exactly
EXACT_ROOTS = "exact real roots"  # one variable: sympy's exact real-root isolation
UNPROVED = "not proved"  # no test decided (a degenerate solution with irrational coordinates)


@dataclass(frozen=True)
class CertifiedSolutions:
    points: np.ndarray  # (m, n): the boxes' midpoints, rounded to floating point
    radii: np.ndarray  # (m, n): half-widths of the boxes each solution is in
    proofs: tuple[str, ...]  # per point: PROVED | EXACT | UNPROVED
    residual: float  # largest |equation| at any midpoint, evaluated at the final precision (an upper bound)
    candidates: int  # boxes examined (products of the variables' real roots)
    bits: int  # the precision that decided every box


def _rational(c) -> fmpq:
    c = sp.Rational(c)
    return fmpq(int(c.p), int(c.q))


def _univariate_roots(coefficients: list[fmpq]) -> list[tuple[arb, sp.Rational | None]]:
    """Isolating balls of the distinct real roots of a polynomial with rational coefficients (ascending), in
    increasing order, each with its exact value when it is rational."""
    denominator = int(sp.ilcm(*[int(c.q) for c in coefficients])) if coefficients else 1
    integer = fmpz_poly([int(c.p) * (denominator // int(c.q)) for c in coefficients])
    found: list[tuple[arb, sp.Rational | None]] = []
    for factor, _ in integer.factor()[1]:
        if factor.degree() == 1:
            a0, a1 = int(factor[0]), int(factor[1])
            found.append((arb(fmpq(-a0, a1)), sp.Rational(-a0, a1)))
            continue
        roots: list = [pair[0] for pair in factor.complex_roots()]  # type: ignore[index]
        found += [(root.real, None) for root in roots if root.imag.is_zero()]
    found.sort(key=lambda item: float(item[0].mid()))
    return found


def _to_flint(polynomials: list[sp.Poly], names: tuple[str, ...]):
    context = fmpq_mpoly_ctx.get(names, "lex")
    return [context.from_dict({monomial: _rational(c) for monomial, c in p.terms()}) for p in polynomials]


def elimination_polynomial(polynomials: list[sp.Poly], variables, position: int) -> list[fmpq] | None:
    """A non-zero polynomial in one variable (coefficients ascending) that vanishes wherever the variable takes the
    value it has at a solution: in two variables the resultant of the two equations (flint), in more the generator
    of (the ideal) ∩ Q[variable] from a lex Gröbner basis with it last. None when the system has infinitely many
    solutions."""
    variable = variables[position]
    if len(variables) == 2:
        names = tuple(v.name for v in variables)
        first, second = _to_flint(polynomials, names)
        resultant = first.resultant(second, names[1 - position])
        if resultant.is_zero():
            return None
        degree = resultant.degrees()[position]
        coefficients = [fmpq(0)] * (degree + 1)
        for monomial, c in resultant.to_dict().items():
            coefficients[monomial[position]] = fmpq(c)
        return coefficients
    order = [v for v in variables if v != variable] + [variable]
    basis = sp.groebner([p.as_expr() for p in polynomials], *order, order="lex")
    if not basis.is_zero_dimensional:
        return None
    last = [g for g in basis.exprs if g.free_symbols <= {variable}]
    return [_rational(c) for c in reversed(sp.Poly(last[-1], variable).all_coeffs())] if last else None


class _BallPolynomial:
    """A polynomial with rational coefficients, evaluated on boxes of arb balls."""

    def __init__(self, poly: sp.Poly):
        self.terms = [(monomial, _rational(c)) for monomial, c in poly.terms()]

    def __call__(self, box: list[arb]) -> arb:
        total = arb(0)
        for monomial, coefficient in self.terms:
            term = arb(coefficient)
            for x, power in zip(box, monomial):
                if power:
                    term *= integer_power(x, power)
            total += term
        return total


def _excludes_zero(value: arb) -> bool:
    return not value.contains(0)


def krawczyk(equations, jacobian, box: list[arb]) -> bool:
    """True when the Krawczyk operator maps the box strictly into itself: exactly one solution in it."""
    n = len(box)
    middle = [arb(x.mid()) for x in box]
    at_middle = np.array([[float(entry(middle)) for entry in row] for row in jacobian])
    try:
        inverse = np.linalg.inv(at_middle)
    except np.linalg.LinAlgError:
        return False
    if not np.all(np.isfinite(inverse)):
        return False
    y = [[arb(float(v)) for v in row] for row in inverse]
    f_middle = [f(middle) for f in equations]
    j_box = [[entry(box) for entry in row] for row in jacobian]
    offsets = [x - m for x, m in zip(box, middle)]
    for i in range(n):
        value = middle[i] - sum((y[i][k] * f_middle[k] for k in range(n)), arb(0))
        for j in range(n):
            coefficient = (arb(1) if i == j else arb(0)) - sum((y[i][k] * j_box[k][j] for k in range(n)), arb(0))
            value += coefficient * offsets[j]
        if not box[i].contains_interior(value):
            return False
    return True


def _widened(ball: arb, neighbours: list[arb]) -> arb:
    """The ball widened INFLATE times, or not at all when that would reach another root's ball."""
    wide = arb(ball.mid(), ball.rad() * INFLATE + arb(2) ** (-ctx.prec // 2))
    return ball if any(wide.overlaps(other) for other in neighbours) else wide


def certified_solutions(polynomials: list[sp.Poly], variables, ranges) -> CertifiedSolutions | None:
    """Every real solution inside the box (ranges) of a zero-dimensional system; None when it has infinitely many
    solutions or too many candidate boxes (then the caller searches numerically and says so)."""
    n = len(variables)
    eliminations = []
    for position in range(n):
        poly = elimination_polynomial(polynomials, variables, position)
        if poly is None:
            return None
        eliminations.append(poly)
    equations = [_BallPolynomial(p) for p in polynomials]
    jacobian = [[_BallPolynomial(p.diff(v)) for v in variables] for p in polynomials]
    previous = ctx.prec
    try:
        for bits in PRECISIONS:
            ctx.prec = bits
            result = _decide(eliminations, equations, jacobian, ranges, bits, final=bits == PRECISIONS[-1])
            if result is not None:
                return result
    finally:
        ctx.prec = previous
    return None


def _decide(eliminations, equations, jacobian, ranges, bits: int, final: bool) -> CertifiedSolutions | None:
    """One pass at the current precision: None when a box is undecided and a higher precision may decide it, or
    when there are too many candidates."""
    axes = []
    for poly, (lo, hi) in zip(eliminations, ranges):
        roots = _univariate_roots(poly)
        balls = [r for r, _ in roots]
        margin = 1e-9 * max(1.0, abs(lo), abs(hi))
        inside = [(_widened(r, balls[:k] + balls[k + 1:]), r, exact) for k, (r, exact) in enumerate(roots)
                  if lo - margin <= float(r.mid()) <= hi + margin]
        axes.append(inside)
    count = int(np.prod([len(a) for a in axes]))
    if count > MAX_CANDIDATES:
        return None
    points, radii, proofs, residual = [], [], [], 0.0
    for combination in itertools.product(*axes):
        box, tight = [wide for wide, _, _ in combination], [ball for _, ball, _ in combination]
        if any(_excludes_zero(f(tight)) for f in equations):
            continue
        exact = [value for _, _, value in combination]
        if krawczyk(equations, jacobian, box):
            proof = PROVED
        elif all(value is not None for value in exact) and all(
                _rational_zero(f, exact) for f in equations):
            proof = EXACT
        elif final:
            proof = UNPROVED
        else:
            return None
        middle = [arb(ball.mid()) for ball in tight]
        residual = max(residual, *(float(abs(f(middle)).upper()) for f in equations))
        points.append([float(ball.mid()) for ball in tight])
        radii.append([float(wide.rad()) for wide in box] if proof == PROVED else [float(b.rad()) for b in tight])
        proofs.append(proof)
    n = len(eliminations)
    return CertifiedSolutions(np.array(points, dtype=float).reshape(-1, n), np.array(radii, dtype=float).reshape(-1, n),
                              tuple(proofs), residual, count, bits)


def _rational_zero(equation: _BallPolynomial, values) -> bool:
    total = sp.Rational(0)
    for monomial, coefficient in equation.terms:
        term = sp.Rational(int(coefficient.p), int(coefficient.q))
        for value, power in zip(values, monomial):
            term *= value**power
        total += term
    return total == 0


