"""Storyboard 5: the worst network y = w1·w2·x — its error surface and exact critical set (WorstNetwork), and
its gradient, Hessian and their eigenvalues worked out (WorstNetworkHessian)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import sympy as sp

from mathcore.builtins import worst_network
from mathcore.critical import DEFAULT_BOX, classify, critical_points, level_curve
from mathcore.loss import Mesh, latex
from mathcore.surface_cut import CutMesh, cut_at_level


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


def hessian_at(point, critical) -> HessianAtPoint:
    """The Hessian at a critical point with exact entries, eigenvalues and unit eigenvectors (what the worst-network
    and escape scenes show), and the numerical classification of the same point."""
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
        origin=hessian_at((0, 0), critical),
        valley_point=hessian_at(valley_point, critical),
        valley_equation_latex=valley.equation_latex,
        valley_branches=valley.branches,
    )


@dataclass(frozen=True)
class WorstNetworkData:
    """The network, its one training example, its loss, its error surface and its exact critical set."""

    variable_latex: tuple[str, ...]
    model_latex: str  # y = w1 w2 x
    example: tuple[int, int]  # (x, ŷ)
    example_latex: tuple[str, str]  # x = 1, ŷ = 1
    loss_definition_latex: str  # L = (ŷ − y)², before the example is substituted
    loss_latex: str  # after: (1 − w1 w2)²
    box: tuple[float, ...]  # (xmin, xmax, ymin, ymax), as the analysis returns it
    surface: CutMesh  # L on a grid, cut at surface_ceiling so that the saddle is not dwarfed by the corners
    surface_ceiling: float
    loss_max: float  # the largest L in the box
    levels: np.ndarray  # contour levels, ascending, from 0, all below loss_max
    level_curves: tuple[tuple[np.ndarray, ...], ...]  # for each level above 0, the exact branches of L = level
    bands: Mesh  # L replaced by the level just below it: the filled contour plot
    saddle: np.ndarray
    saddle_value: float
    saddle_kind: str
    valley_equation_latex: str
    valley_kind: str
    valley_branches: tuple[np.ndarray, ...]


def worst_network_surface(surface_resolution: int = 61, band_resolution: int = 121, surface_ceiling: float = 9.0,
                          level_step: float = 0.5, box=DEFAULT_BOX) -> WorstNetworkData:
    """L(w1, w2) of y = w1·w2·x trained on x = 1, ŷ = 1; contour levels are (k·level_step)², so that the
    contour lines are the hyperbolas w1·w2 = 1 ± k·level_step, evenly spaced."""
    loss = worst_network()
    w1, w2 = loss.variables
    x, target = sp.Symbol("x", real=True), sp.Symbol(r"\hat{y}", real=True)
    model = w1 * w2 * x
    general = (target - model) ** 2
    example = {x: 1, target: 1}
    if sp.expand(general.subs(example) - loss.expression) != 0:
        raise AssertionError("the toy network's loss is not the squared error of its model on its example")
    critical = critical_points(loss, box)
    (saddle,) = critical.points
    (valley,) = critical.curves
    surface = loss.to_mesh(box, surface_resolution)
    fine = loss.to_mesh(box, band_resolution)
    top = np.sqrt(fine.z.max())
    levels = (np.arange(np.ceil(top / level_step)) * level_step) ** 2  # every level below the largest L
    return WorstNetworkData(
        variable_latex=tuple(loss.variable_latex),
        model_latex=f"y = {sp.latex(model)}",
        example=(example[x], example[target]),
        example_latex=tuple(sp.latex(sp.Eq(symbol, value)) for symbol, value in example.items()),
        loss_definition_latex=f"L = {latex(general.subs(model, sp.Symbol('y')))}",
        loss_latex=loss.latex,
        box=critical.box,
        surface=cut_at_level(surface, surface_ceiling),
        surface_ceiling=surface_ceiling,
        loss_max=float(fine.z.max()),
        levels=levels,
        level_curves=tuple(level_curve(loss, level, box) for level in levels[1:]),
        bands=Mesh(x=fine.x, y=fine.y, z=levels[np.searchsorted(levels, fine.z, side="right") - 1]),
        saddle=saddle.point,
        saddle_value=saddle.value,
        saddle_kind=saddle.kind,
        valley_equation_latex=valley.equation_latex,
        valley_kind=valley.kind,
        valley_branches=valley.branches,
    )
