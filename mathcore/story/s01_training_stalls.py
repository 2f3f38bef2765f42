"""Storyboard 1: training stalls — gradient descent on a 1-D landscape stops where the slope vanishes.

The landscape is built from its derivative, dL/dθ = (θ−1)²(θ−7/2)(θ−11/2)(θ−13/2)/20, so that every kind of
critical point is where we put it: a flat saddle at 1 (a double root: the slope does not change sign there), the
lowest minimum at 7/2 (where L = 0), a local maximum at 11/2 and a local minimum at 13/2. Started on the wall left
of the saddle, gradient descent creeps into the saddle and the recorded loss flattens far above the lowest loss."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
import sympy as sp

from mathcore.loss import Loss, latex, real_symbol
from mathcore.trajectories import gradient_descent

THETA = real_symbol("theta")
ROOTS = {"saddle": sp.Integer(1), "lowest": sp.Rational(7, 2), "maximum": sp.Rational(11, 2),
         "minimum": sp.Rational(13, 2)}
SLOPE = (THETA - ROOTS["saddle"]) ** 2 * (THETA - ROOTS["lowest"]) * (THETA - ROOTS["maximum"]) * (
    THETA - ROOTS["minimum"]) / 20


def stall_landscape() -> Loss:
    """The 1-D loss whose derivative is SLOPE, shifted so that its lowest value is exactly 0."""
    antiderivative = sp.integrate(SLOPE, THETA)
    landscape = sp.expand(antiderivative - antiderivative.subs(THETA, ROOTS["lowest"]))
    return Loss(landscape, (THETA,), name="stall landscape")


@dataclass(frozen=True)
class TrainingStallsData:
    variable_latex: str
    loss_latex: str
    stop_condition_latex: str  # dL/dθ = 0, the reason training stops
    landscape_theta: np.ndarray  # samples of the landscape curve
    landscape_loss: np.ndarray
    path_theta: np.ndarray  # gradient descent, one entry per step
    path_loss: np.ndarray
    path_gradient: np.ndarray
    learning_rate: float
    critical_theta: np.ndarray  # every zero of dL/dθ, ascending, exact roots as floats
    critical_loss: np.ndarray
    critical_kinds: tuple[str, ...]  # minimum | maximum | saddle, by the sign of the slope on either side
    lowest_loss: float


def first_derivative_test(slope: sp.Expr, variable: sp.Symbol) -> list[tuple[sp.Expr, str]]:
    """Each real zero of the slope with its kind, decided exactly by the slope's sign between neighbouring zeros."""
    roots = sorted(sp.real_roots(sp.Poly(slope, variable)), key=float)
    roots = list(dict.fromkeys(roots))
    fences = [roots[0] - 1] + [(a + b) / 2 for a, b in itertools.pairwise(roots)] + [roots[-1] + 1]
    signs = [sp.sign(slope.subs(variable, fence)) for fence in fences]
    kinds = {(-1, 1): "minimum", (1, -1): "maximum"}
    return [(root, kinds.get((signs[i], signs[i + 1]), "saddle")) for i, root in enumerate(roots)]


def training_stalls(start: float = 0.1, learning_rate: float = 0.02, steps: int = 120,
                    window: tuple[float, float] = (0.0, 7.2), samples: int = 289) -> TrainingStallsData:
    loss = stall_landscape()
    path = gradient_descent(loss, [start], lr=learning_rate, max_steps=steps)
    grid = np.linspace(window[0], window[1], samples)
    critical = first_derivative_test(sp.diff(loss.expression, THETA), THETA)
    critical_theta = np.array([float(root) for root, _ in critical])
    critical_loss = np.array([float(loss.expression.subs(THETA, root)) for root, _ in critical])
    derivative = sp.Derivative(sp.Function("L")(THETA), THETA)
    return TrainingStallsData(
        variable_latex=sp.latex(THETA),
        loss_latex=loss.latex,
        stop_condition_latex=latex(sp.Eq(derivative, 0)),
        landscape_theta=grid,
        landscape_loss=loss.value(grid[:, None]),
        path_theta=path.points[:, 0],
        path_loss=path.losses,
        path_gradient=loss.gradient(path.points)[:, 0],
        learning_rate=learning_rate,
        critical_theta=critical_theta,
        critical_loss=critical_loss,
        critical_kinds=tuple(kind for _, kind in critical),
        lowest_loss=float(critical_loss.min()),
    )
