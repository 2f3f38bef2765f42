"""A sympy expression evaluated on a box with ball (interval) arithmetic (python-flint's arb): an enclosure of
every value it takes there, so "0 is not in it" is a proof that the expression has no zero in the box. Floating
point cannot give that (e^(−10⁶) underflows to 0; arb holds it as 3.3·10^−434295)."""

from __future__ import annotations

from collections.abc import Callable

import sympy as sp
from flint import arb

Ball = arb


def _monotone(function: Callable[[arb], arb]) -> Callable[[arb], arb]:
    """An increasing function on a ball: the union of its values at the ends. arb's own midpoint-radius result for
    e^[−2·10⁶, −10⁶] contains 0; the ends keep it positive."""

    def on(x: arb) -> arb:
        if x.rad() == 0 or not x.is_finite():
            return function(x)
        return function(x.lower()).union(function(x.upper()))

    return on


_FUNCTIONS: dict[type, Callable[[arb], arb]] = {
    sp.exp: _monotone(arb.exp), sp.log: _monotone(arb.log), sp.sin: arb.sin, sp.cos: arb.cos, sp.tan: arb.tan,
    sp.tanh: _monotone(arb.tanh), sp.sinh: _monotone(arb.sinh), sp.cosh: arb.cosh, sp.atan: _monotone(arb.atan),
    sp.Abs: abs, sp.sign: arb.sgn,
}


def integer_power(x: arb, n: int) -> arb:
    """x**n for an integer n, tight where the ball straddles 0 (arb's pow gives NaN there): even powers of |x|."""
    if n < 0:
        return 1 / integer_power(x, -n)
    result, base = (x, abs(x)) if n % 2 else (arb(1), abs(x))
    for _ in range(n // 2):
        result *= base * base
    return result


def compile_ball(expression: sp.Expr, variables) -> Callable[[list[arb]], arb] | None:
    """A function of a box (one ball per variable) enclosing the expression's values on it; None when the
    expression uses something ball arithmetic here does not know."""
    index = {v: i for i, v in enumerate(variables)}

    def build(node: sp.Expr):
        if node in index:
            i = index[node]
            return lambda box: box[i]
        if node.is_Rational:
            value = arb(int(node.p)) / int(node.q)
            return lambda box: value
        if node == sp.pi:
            return lambda box: arb.pi()
        if node == sp.E:
            return lambda box: arb(1).exp()
        if node.is_Float:
            constant = arb(str(node))
            return lambda box: constant
        if node.is_Add or node.is_Mul:
            parts = [build(a) for a in node.args]
            if any(p is None for p in parts):
                return None
            if node.is_Add:
                return lambda box: _sum(p(box) for p in parts)  # type: ignore[misc]
            return lambda box: _product(p(box) for p in parts)  # type: ignore[misc]
        if node.is_Pow:
            base = build(node.base)
            if base is None or not node.exp.is_number:
                return None
            if node.exp == sp.S.Half:
                return lambda box: base(box).sqrt()
            if node.exp.is_Integer:
                n = int(node.exp)
                return lambda box: integer_power(base(box), n)
            exponent = build(node.exp)
            if exponent is None:
                return None
            return lambda box: base(box) ** exponent(box)
        function = _FUNCTIONS.get(type(node))
        if function is not None and len(node.args) == 1:
            argument = build(node.args[0])
            if argument is None:
                return None
            return lambda box: function(argument(box))
        return None

    return build(expression)


def _sum(values) -> arb:
    total = arb(0)
    for v in values:
        total += v
    return total


def _product(values) -> arb:
    total = arb(1)
    for v in values:
        total *= v
    return total


def excludes_zero(value: arb) -> bool:
    """True only when the ball proves the value is not zero (a NaN ball proves nothing)."""
    return value.is_finite() and not value.contains(0)


def box_of(lo, hi) -> list[arb]:
    """Balls covering the box [lo, hi] (per coordinate), outward-rounded."""
    return [arb(a).union(arb(b)) for a, b in zip(lo, hi)]
