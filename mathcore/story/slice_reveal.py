"""Storyboard 8a: a 1-D slice through a saddle looks like a local minimum; the second dimension reveals the saddle.

The slice is taken along the Hessian's positive eigen-direction, so in one dimension the point is a strict
minimum (second derivative uᵀHu = λ > 0); across it the loss goes down (λ < 0)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import sympy as sp

from mathcore.builtins import saddle
from mathcore.critical import classify
from mathcore.loss import Mesh, latex


@dataclass(frozen=True)
class SliceRevealData:
    loss_latex: str  # L(x, y)
    slice_latex: str  # L along the slice: L(x, 0) = x^{2}
    slice_second_derivative: float  # d²/ds² L(θ′ + s u) at s = 0: > 0, a minimum in 1-D
    point: np.ndarray  # θ′, the critical point
    kind: str  # what the full Hessian says: saddle
    eigenvalues: np.ndarray  # ascending
    eigenvectors: np.ndarray  # rows, unit
    eigenvalue_latex: tuple[str, ...]
    slice_direction: np.ndarray  # the eigenvector of the largest eigenvalue
    box: tuple[float, float, float, float]
    mesh: Mesh  # the whole surface
    slice_mesh: Mesh  # the same grid folded onto the slice curve: the surface before it grows out of the curve
    eigen_curves: tuple[np.ndarray, ...]  # (m, 3) points (x, y, L) along each eigenvector, same order


def slice_reveal(half_width: float = 1.5, resolution: int = 24, samples: int = 61) -> SliceRevealData:
    loss = saddle()
    point = np.zeros(2)
    box = (-half_width, half_width, -half_width, half_width)
    info = classify(loss, point, box)
    direction = info.eigenvectors[-1]
    s = loss.variables[0]  # the slice coordinate is named like the first variable: L(x, 0) = x²
    on_slice = [sp.nsimplify(p) + s * sp.nsimplify(u) for p, u in zip(point, direction)]
    along = sp.expand(loss.expression.subs(dict(zip(loss.variables, on_slice)), simultaneous=True))
    mesh = loss.to_mesh(box, resolution)
    flat_z = np.broadcast_to(loss.value(np.stack([mesh.x, np.zeros_like(mesh.x)], axis=-1)), mesh.z.shape)
    steps = np.linspace(-half_width, half_width, samples)
    curves = []
    for vector in info.eigenvectors:
        points = point + steps[:, None] * vector
        curves.append(np.column_stack([points, loss.value(points)]))
    hessian = sp.Matrix(loss.hessian_expressions).subs(dict(zip(loss.variables, point.tolist())))
    return SliceRevealData(
        loss_latex=loss.latex,
        slice_latex=f"L({', '.join(sp.latex(c) for c in on_slice)}) = {latex(along)}",
        slice_second_derivative=float(sp.diff(along, s, 2).subs(s, 0)),
        point=point,
        kind=info.kind,
        eigenvalues=info.eigenvalues,
        eigenvectors=info.eigenvectors,
        eigenvalue_latex=tuple(sp.latex(v) for v in sorted(hessian.eigenvals(), key=float)),
        slice_direction=direction,
        box=box,
        mesh=mesh,
        slice_mesh=Mesh(x=mesh.x, y=np.zeros_like(mesh.y), z=np.array(flat_z)),
        eigen_curves=tuple(curves),
    )
