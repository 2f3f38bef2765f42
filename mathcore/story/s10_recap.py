"""Storyboard 10: the decision chart, with its formulas from sympy and one worked example from the toy network."""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from mathcore.story.s05_worst_network import HessianAtPoint, worst_network_hessian


@dataclass(frozen=True)
class RecapData:
    taylor_latex: str  # L(θ) ≈ L(θ′) + ½ vᵀHv at a critical point (g = 0)
    escape_latex: str  # uᵀHu = λ‖u‖² < 0 for an eigenvector u of λ < 0
    example: HessianAtPoint  # the toy network's origin: the chart applied to real numbers


def recap() -> RecapData:
    n = sp.Symbol("n", integer=True, positive=True)
    v, u, hessian = sp.MatrixSymbol("v", n, 1), sp.MatrixSymbol("u", n, 1), sp.MatrixSymbol("H", n, n)
    loss, theta, theta_prime, lam = sp.Function("L"), sp.Symbol(r"\theta"), sp.Symbol(r"\theta'"), sp.Symbol(r"\lambda")
    half, quadratic = sp.Rational(1, 2), v.T * hessian * v
    taylor = rf"{sp.latex(loss(theta))} \approx {sp.latex(loss(theta_prime))} + {sp.latex(half)} {sp.latex(quadratic)}"
    escape = rf"{sp.latex(u.T * hessian * u)} = {sp.latex(lam)} \lVert u \rVert^2 < 0"
    return RecapData(taylor_latex=taylor, escape_latex=escape, example=worst_network_hessian().origin)
