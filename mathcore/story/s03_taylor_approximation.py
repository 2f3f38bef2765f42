"""Storyboard 3: the second-order Taylor model L(θ) ≈ L(θ′) + (θ−θ′)ᵀg + ½(θ−θ′)ᵀH(θ−θ′), term by term.

The formula on screen is the LaTeX of a sympy matrix expression (`taylor_terms`), the very expression the tests
evaluate against `QuadraticModel`; the pictures are the model of the toy loss at two points θ′, built up one term
at a time (constant → tangent plane → quadratic), first at an ordinary point, then at a critical point where the
gradient term vanishes."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import sympy as sp

from mathcore.builtins import worst_network
from mathcore.loss import Loss, Mesh, box_bounds
from mathcore.taylor import QuadraticModel

#: How θ′, g and H are spelled in the formula; braces make each a group the scene can colour on its own.
THETA_PRIME, GRADIENT, HESSIAN = r"{\theta'}", "{g}", "{H}"


def taylor_terms(n: int = 2) -> tuple[sp.Expr, sp.Expr, sp.Expr, sp.Expr]:
    """(L(θ), L(θ′), (θ−θ′)ᵀg, (θ−θ′)ᵀH(θ−θ′)) as sympy matrix expressions; the model is the 1st + 2nd + ½·3rd."""
    theta, theta_prime = sp.MatrixSymbol(r"\theta", n, 1), sp.MatrixSymbol(THETA_PRIME, n, 1)
    gradient, hessian = sp.MatrixSymbol(GRADIENT, n, 1), sp.MatrixSymbol(HESSIAN, n, n)
    step = sp.MatAdd(theta, -theta_prime, evaluate=False)
    loss = sp.Function("L")
    return (loss(sp.Symbol(r"\theta")), loss(sp.Symbol(THETA_PRIME)),
            sp.MatMul(sp.Transpose(step), gradient, evaluate=False),
            sp.MatMul(sp.Transpose(step), hessian, step, evaluate=False))


@dataclass(frozen=True)
class Expansion:
    """The model of the loss at one point θ′ and the three stages of building it over a patch around θ′."""

    point: np.ndarray
    point_latex: tuple[str, ...]
    value: float
    gradient: np.ndarray
    gradient_latex: tuple[str, ...]
    hessian: np.ndarray
    hessian_latex: tuple[tuple[str, ...], ...]
    critical: bool  # g = 0 exactly
    stages: tuple[Mesh, ...]  # L(θ′); + (θ−θ′)ᵀg; + ½(θ−θ′)ᵀH(θ−θ′)
    true_patch: Mesh  # the loss itself over the same patch


@dataclass(frozen=True)
class TaylorApproximationData:
    lhs_latex: str
    term_latex: tuple[str, str, str]  # L(θ′), (θ−θ′)ᵀg, ½(θ−θ′)ᵀH(θ−θ′)
    colour_latex: tuple[str, str, str]  # θ′, g, H as spelled inside term_latex
    loss_latex: str
    variable_latex: tuple[str, ...]
    box: tuple[float, float, float, float]
    mesh: Mesh
    expansions: tuple[Expansion, ...]


def _stages(model: QuadraticModel, loss: Loss, patch, resolution: int) -> tuple[tuple[Mesh, ...], Mesh]:
    (x0, x1), (y0, y1) = box_bounds(patch)
    xs, ys = np.linspace(x0, x1, resolution), np.linspace(y0, y1, resolution)
    points = np.stack(np.meshgrid(xs, ys, indexing="xy"), axis=-1)
    partial_sums = np.cumsum(np.stack(model.terms(points)), axis=0)
    stages = tuple(Mesh(x=xs, y=ys, z=z) for z in partial_sums)
    return stages, Mesh(x=xs, y=ys, z=loss.value(points))


def _expansion(loss: Loss, point, patch_radius: float, resolution: int) -> Expansion:
    model = QuadraticModel.of(loss, point)
    exact = loss.subs_latex(point)
    patch = (point[0] - patch_radius, point[0] + patch_radius, point[1] - patch_radius, point[1] + patch_radius)
    stages, true_patch = _stages(model, loss, patch, resolution)
    return Expansion(
        point=model.centre,
        point_latex=tuple(sp.latex(sp.nsimplify(p)) for p in point),
        value=model.value,
        gradient=model.gradient,
        gradient_latex=tuple(exact["gradient"]),
        hessian=model.hessian,
        hessian_latex=tuple(tuple(row) for row in exact["hessian"]),
        critical=bool(np.all(model.gradient == 0)),
        stages=stages,
        true_patch=true_patch,
    )


def taylor_approximation(points=((-0.5, 0.5), (0.0, 0.0)), box=(-1.1, 1.1, -1.1, 1.1), resolution: int = 25,
                         patch_radius: float = 0.6, patch_resolution: int = 13) -> TaylorApproximationData:
    loss = worst_network()
    lhs, constant, linear, quadratic = taylor_terms()
    return TaylorApproximationData(
        lhs_latex=sp.latex(lhs),
        term_latex=(sp.latex(constant), sp.latex(linear), rf"{sp.latex(sp.Rational(1, 2))} {sp.latex(quadratic)}"),
        colour_latex=(THETA_PRIME, GRADIENT, HESSIAN),
        loss_latex=loss.latex,
        variable_latex=tuple(loss.variable_latex),
        box=tuple(box),
        mesh=loss.to_mesh(box, resolution),
        expansions=tuple(_expansion(loss, np.asarray(p, dtype=float), patch_radius, patch_resolution) for p in points),
    )
