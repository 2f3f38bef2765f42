"""Storyboard 5: the worst network y = w1·w2·x, its gradient, Hessian and the critical set worked out."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import sympy as sp

from mathcore.builtins import worst_network
from mathcore.critical import classify, critical_points


@dataclass(frozen=True)
class HessianAtPoint:
    """Everything the screen shows when a point is substituted into g and H."""

    point: np.ndarray
    point_latex: tuple[str, ...]
    gradient_latex: tuple[str, ...]
    hessian_latex: tuple[tuple[str, ...], ...]
    eigenvalues: np.ndarray  # ascending
    eigenvalue_latex: tuple[str, ...]
    eigenvectors: np.ndarray  # rows, unit
    eigenvector_latex: tuple[str, ...]  # exact unit eigenvectors, same order and signs as the rows above
    kind: str
    test: str


@dataclass(frozen=True)
class WorstNetworkHessianData:
    variable_latex: tuple[str, ...]
    loss_latex: str
    gradient_latex: tuple[str, ...]
    hessian_latex: tuple[tuple[str, ...], ...]
    origin: HessianAtPoint
    valley_point: HessianAtPoint
    valley_equation_latex: str
    valley_branches: tuple[np.ndarray, ...]


def _unit_vector_latex(vector: sp.Matrix) -> str:
    """Exact unit vector, first non-zero component positive (the convention of mathcore.critical)."""
    unit = sp.simplify(vector / vector.norm())
    if next(c for c in unit if c != 0) < 0:
        unit = -unit
    return sp.latex(sp.Matrix(unit))


def _at(point, critical) -> HessianAtPoint:
    loss = critical.loss
    exact = [sp.nsimplify(p) for p in point]
    substituted = loss.subs_latex(exact)
    info = classify(loss, point, critical.box)
    hessian = sp.Matrix(loss.hessian_expressions).subs(dict(zip(loss.variables, exact)))
    eigenpairs = sorted(((value, vector) for value, _, vectors in hessian.eigenvects() for vector in vectors),
                        key=lambda pair: float(pair[0]))
    eigenvalues = [value for value, _ in eigenpairs]
    return HessianAtPoint(
        point=np.asarray(point, dtype=float),
        point_latex=tuple(sp.latex(p) for p in exact),
        gradient_latex=tuple(substituted["gradient"]),
        hessian_latex=tuple(tuple(row) for row in substituted["hessian"]),
        eigenvalues=info.eigenvalues,
        eigenvalue_latex=tuple(sp.latex(e) for e in eigenvalues),
        eigenvectors=info.eigenvectors,
        eigenvector_latex=tuple(_unit_vector_latex(vector) for _, vector in eigenpairs),
        kind=info.kind,
        test=info.test,
    )


def worst_network_hessian(valley_point=(1, 1)) -> WorstNetworkHessianData:
    loss = worst_network()
    critical = critical_points(loss)
    (valley,) = critical.curves
    return WorstNetworkHessianData(
        variable_latex=tuple(loss.variable_latex),
        loss_latex=loss.latex,
        gradient_latex=tuple(loss.gradient_latex),
        hessian_latex=tuple(tuple(row) for row in loss.hessian_latex),
        origin=_at((0, 0), critical),
        valley_point=_at(valley_point, critical),
        valley_equation_latex=valley.equation_latex,
        valley_branches=valley.branches,
    )
