"""Storyboard 6: gradient descent stalls in the saddle of the worst network; a step along the negative
eigenvector of H gets out; and why nobody forms H in a real network (Lanczos on Hessian-vector products)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import sympy as sp

from mathcore.builtins import worst_network
from mathcore.critical import critical_points
from mathcore.hessian_free import LanczosResult, lowest_eigenpair, teacher_network
from mathcore.loss import latex
from mathcore.story.s05_worst_network import HessianAtPoint, hessian_at
from mathcore.taylor import QuadraticModel
from mathcore.trajectories import Trajectory, eigen_step, gradient_descent

FLOAT32_BYTES = 4


@dataclass(frozen=True)
class HessianCost:
    """What storing H would cost for a network of P parameters."""

    parameters: int
    entries: int
    bytes: int
    parameters_latex: str
    entries_latex: str
    terabytes: float


@dataclass(frozen=True)
class EscapeSaddleData:
    variable_latex: tuple[str, ...]
    loss_latex: str
    lr: float
    manifold_latex: str  # the saddle's stable manifold, w1 = −w2
    stall: Trajectory  # gradient descent from the stable manifold into the saddle
    saddle: HessianAtPoint  # the origin: H, eigenvalues, eigenvectors
    escape_direction: np.ndarray  # u, the unit eigenvector of the negative eigenvalue
    step_length: float
    step: Trajectory  # θ′ + s·u for s from 0 to step_length
    model_after_step: float  # what the quadratic model predicts at the end of the step (exact)
    slice_lengths: np.ndarray  # s along u
    slice_exact: np.ndarray  # L(s·u)
    slice_model: np.ndarray  # quadratic model at s·u
    slice_exact_latex: str
    slice_model_latex: str
    slice_variable_latex: str
    resume: Trajectory  # gradient descent from the end of the step into the valley
    valley_branches: tuple[np.ndarray, ...]
    cost: HessianCost
    lanczos: LanczosResult  # a network-sized Hessian searched without being formed


def _power_of_ten_latex(value: int) -> str:
    exponent = round(np.log10(value))
    return f"10^{{{exponent}}}" if 10**exponent == value else sp.latex(sp.Integer(value))


def hessian_cost(parameters: int = 10**7) -> HessianCost:
    entries = parameters**2
    return HessianCost(parameters, entries, FLOAT32_BYTES * entries, _power_of_ten_latex(parameters),
                       _power_of_ten_latex(entries), FLOAT32_BYTES * entries / 1e12)


def escape_direction_exact(loss) -> sp.Matrix:
    """The unit eigenvector of H(0, 0)'s negative eigenvalue, exact, first non-zero component positive
    (the sign convention of the numbers in mathcore.critical)."""
    hessian = sp.Matrix(loss.hessian_expressions).subs(dict.fromkeys(loss.variables, 0))
    _, _, (vector, *_) = min(hessian.eigenvects(), key=lambda pair: float(pair[0]))
    unit = sp.simplify(vector / vector.norm())
    return -unit if next(c for c in unit if c != 0) < 0 else unit


def stable_manifold_latex(loss) -> str:
    """The saddle's stable manifold uᵀθ = 0 (the line of the positive eigenvector) as an equation, w1 = −w2."""
    first = loss.variables[0]
    line = (escape_direction_exact(loss).T * sp.Matrix(loss.variables))[0]
    return sp.latex(sp.Eq(first, sp.solve(line, first)[0]))


def _slice(loss, s: sp.Symbol) -> tuple[sp.Expr, sp.Expr]:
    """L(s·u) exactly and its quadratic model L(0) + s gᵀu + ½ s² uᵀHu at the origin, from the loss's sympy
    expression."""
    origin = dict.fromkeys(loss.variables, 0)
    gradient = sp.Matrix(loss.gradient_expressions).subs(origin)
    hessian = sp.Matrix(loss.hessian_expressions).subs(origin)
    u = escape_direction_exact(loss)
    exact = loss.expression.subs(dict(zip(loss.variables, s * u)))
    model = loss.expression.subs(origin) + s * (gradient.T * u)[0] + s**2 / 2 * (u.T * hessian * u)[0]
    return exact, sp.expand(model)


def escape_saddle(start=(1.5, -1.5), lr: float = 0.05, step_length: float = 1.0,
                  slice_range: float = 2.0) -> EscapeSaddleData:
    loss = worst_network()
    critical = critical_points(loss)
    saddle = hessian_at((0, 0), critical)
    direction = saddle.eigenvectors[int(np.argmin(saddle.eigenvalues))]
    s = sp.Symbol("s", real=True)
    slice_exact, slice_model = _slice(loss, s)
    lengths = np.linspace(-slice_range, slice_range, 161)
    model = QuadraticModel.of(loss, saddle.point)
    step = eigen_step(loss, saddle.point, direction, np.linspace(0, step_length, 31))
    network, theta = teacher_network()
    return EscapeSaddleData(
        variable_latex=tuple(loss.variable_latex),
        loss_latex=loss.latex,
        lr=lr,
        manifold_latex=stable_manifold_latex(loss),
        stall=gradient_descent(loss, start, lr=lr),
        saddle=saddle,
        escape_direction=direction,
        step_length=step_length,
        step=step,
        model_after_step=float(slice_model.subs(s, sp.nsimplify(step_length))),
        slice_lengths=lengths,
        slice_exact=eigen_step(loss, saddle.point, direction, lengths).losses,
        slice_model=model.along(direction, lengths),
        slice_exact_latex=latex(slice_exact),
        slice_model_latex=latex(slice_model),
        slice_variable_latex=sp.latex(s),
        resume=gradient_descent(loss, step.end, lr=lr),
        valley_branches=critical.curves[0].branches,
        cost=hessian_cost(),
        lanczos=lowest_eigenpair(network, theta),
    )
