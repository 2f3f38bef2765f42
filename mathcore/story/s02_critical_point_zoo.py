"""Storyboard 2: the three kinds of critical point — a bowl, a dome and a saddle, each flat at the origin."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mathcore.builtins import bowl, dome, saddle
from mathcore.critical import classify
from mathcore.loss import Loss, Mesh
from mathcore.taylor import QuadraticModel


@dataclass(frozen=True)
class ZooMember:
    """One surface of the zoo and what the screen says about its critical point."""

    name: str
    loss_latex: str
    variable_latex: tuple[str, ...]
    point: np.ndarray  # the critical point θ′
    value: float  # L(θ′)
    gradient: np.ndarray  # g at θ′: zero
    gradient_latex: tuple[str, ...]  # g with θ′ substituted exactly
    kind: str  # minimum | maximum | saddle (mathcore.critical.classify)
    eigenvalues: np.ndarray
    mesh: Mesh
    tangent_plane: np.ndarray  # (4, 3) corners (x, y, L(θ′) + (θ−θ′)ᵀg) of the tangent plane over the plane box


@dataclass(frozen=True)
class CriticalPointZooData:
    box: tuple[float, float, float, float]
    members: tuple[ZooMember, ...]


def _member(loss: Loss, box, resolution: int, plane_half_width: float) -> ZooMember:
    point = np.zeros(2)
    info = classify(loss, point, box)
    model = QuadraticModel.of(loss, point)
    signs = np.array([(-1, -1), (1, -1), (1, 1), (-1, 1)], dtype=float)
    corners = point + plane_half_width * signs
    constant, linear, _ = model.terms(corners)
    return ZooMember(
        name=loss.name,
        loss_latex=loss.latex,
        variable_latex=tuple(loss.variable_latex),
        point=point,
        value=info.value,
        gradient=model.gradient,
        gradient_latex=tuple(loss.subs_latex(point)["gradient"]),
        kind=info.kind,
        eigenvalues=info.eigenvalues,
        mesh=loss.to_mesh(box, resolution),
        tangent_plane=np.column_stack([corners, constant + linear]),
    )


def critical_point_zoo(box=(-1.0, 1.0, -1.0, 1.0), resolution: int = 25,
                       plane_half_width: float = 0.6) -> CriticalPointZooData:
    return CriticalPointZooData(
        box=tuple(box),
        members=tuple(_member(loss(), box, resolution, plane_half_width) for loss in (bowl, dome, saddle)),
    )
