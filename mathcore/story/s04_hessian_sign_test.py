"""Storyboard 4: the sign of vᵀHv over every direction v decides the kind of critical point, and the extremes
of that sweep are the eigenvalues of H — so the eigenvalues alone decide."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import sympy as sp

from mathcore.builtins import bowl, dome, worst_network
from mathcore.critical import classify
from mathcore.loss import Loss, latex

ANGLE = sp.Symbol("varphi", real=True)
_V, _H = sp.MatrixSymbol("v", 2, 1), sp.MatrixSymbol("H", 2, 2)
_U = sp.MatrixSymbol("u", 2, 1)


@dataclass(frozen=True)
class DirectionSweep:
    """vᵀHv for every unit vector v = (cos φ, sin φ), φ ∈ [0, 2π], at one critical point."""

    name: str  # the builtin loss it comes from
    kind: str  # minimum | maximum | saddle, from mathcore.critical.classify
    loss_latex: str
    point: np.ndarray
    hessian: np.ndarray
    hessian_latex: tuple[tuple[str, ...], ...]
    form_latex: str  # vᵀHv as a function of φ: the very expression that gives `values`
    angles: np.ndarray  # (n,) from 0 to 2π
    values: np.ndarray  # (n,) vᵀHv at those angles
    eigenvalues: np.ndarray  # ascending
    eigenvalue_latex: tuple[str, ...]
    eigenvectors: np.ndarray  # rows, unit, same order as eigenvalues
    eigen_angles: np.ndarray  # the angle in [0, π) of each eigenvector row
    eigen_forms: np.ndarray  # uᵀHu for each eigenvector row: equals its eigenvalue


@dataclass(frozen=True)
class HessianSignTestData:
    angle_latex: str
    direction_latex: str  # v = (cos φ, sin φ)
    form_symbol_latex: str  # v^T H v
    taylor_latex: str  # the loss near a critical point: only the Hessian term is left
    displacement_latex: str  # v = θ − θ′
    rayleigh_latex: str  # u^T H u = λ u^T u for an eigenvector u
    cases: tuple[DirectionSweep, ...]  # minimum, maximum, saddle: the three rows of the table

    @property
    def saddle(self) -> DirectionSweep:
        """The case swept in full on screen: the saddle of the worst network."""
        return self.cases[-1]


def direction_sweep(loss: Loss, point, samples: int = 361) -> DirectionSweep:
    """vᵀHv over the unit circle of directions at a point, with H's exact eigenvalues beside it."""
    exact = dict(zip(loss.variables, (sp.nsimplify(p) for p in point)))
    hessian = sp.Matrix(loss.hessian_expressions).subs(exact)
    direction = sp.Matrix([sp.cos(ANGLE), sp.sin(ANGLE)])
    form = sp.simplify((direction.T * hessian * direction)[0])
    angles = np.linspace(0, 2 * np.pi, samples)
    values = np.broadcast_to(np.asarray(sp.lambdify(ANGLE, form, "numpy")(angles), dtype=float), angles.shape)
    info = classify(loss, point)
    numeric = np.array(hessian, dtype=float)
    return DirectionSweep(
        name=loss.name,
        kind=info.kind,
        loss_latex=loss.latex,
        point=np.asarray(point, dtype=float),
        hessian=numeric,
        hessian_latex=tuple(tuple(latex(entry) for entry in row) for row in hessian.tolist()),
        form_latex=latex(form),
        angles=angles,
        values=values.copy(),
        eigenvalues=info.eigenvalues,
        eigenvalue_latex=tuple(sp.latex(value) for value in sorted(hessian.eigenvals(multiple=True), key=float)),
        eigenvectors=info.eigenvectors,
        eigen_angles=np.mod(np.arctan2(info.eigenvectors[:, 1], info.eigenvectors[:, 0]), np.pi),
        eigen_forms=np.einsum("ki,ij,kj->k", info.eigenvectors, numeric, info.eigenvectors),
    )


def hessian_sign_test(samples: int = 361) -> HessianSignTestData:
    """A minimum (bowl), a maximum (dome) and the worst network's saddle, each swept over all directions."""
    quadratic = sp.latex(_V.T * _H * _V)
    return HessianSignTestData(
        angle_latex=sp.latex(ANGLE),
        direction_latex=rf"v = \left({sp.latex(sp.cos(ANGLE))}, {sp.latex(sp.sin(ANGLE))}\right)",
        form_symbol_latex=quadratic,
        taylor_latex=rf"L(\theta) \approx L(\theta') + \frac{{1}}{{2}}\, {quadratic}",
        displacement_latex=rf"{sp.latex(_V)} = \theta - \theta'",
        rayleigh_latex=rf"{sp.latex(_U.T * _H * _U)} = \lambda\, {sp.latex(_U.T * _U)}",
        cases=tuple(direction_sweep(loss, (0, 0), samples) for loss in (bowl(), dome(), worst_network())),
    )
