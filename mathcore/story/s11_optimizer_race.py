"""Beyond the lecture: six optimisers from one start a hair off the saddle's stable manifold of the toy loss.

The start, the number of steps and every optimiser's settings are chosen so that the story is true within the
steps shown: plain gradient descent is still stuck at the saddle, Newton's method has converged onto it, and
perturbed GD, momentum, Adam and saddle-free Newton have all reached the valley."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mathcore.builtins import worst_network
from mathcore.critical import critical_points
from mathcore.story.s06_escape_saddle import stable_manifold_latex
from mathcore.trajectories import OPTIMIZERS, Trajectory

#: (optimiser, its settings): the race as shown, settings stated on screen.
RACERS: tuple[tuple[str, dict], ...] = (
    ("gd", {"lr": 0.05}),
    ("perturbed-gd", {"lr": 0.05, "radius": 1e-2, "threshold": 1e-2, "seed": 1}),
    ("momentum", {"lr": 0.05, "beta": 0.9}),
    ("adam", {"lr": 0.05, "beta2": 0.9}),
    ("newton", {}),
    ("saddle-free-newton", {}),
)
ESCAPED_LOSS = 1e-3  # below this the path has reached the valley (L = 0 there, L = 1 at the saddle)
AT_SADDLE = 1e-6  # closer than this to the saddle: converged onto it


@dataclass(frozen=True)
class Racer:
    key: str
    path: Trajectory
    outcome: str  # escaped | at_saddle | stalled


@dataclass(frozen=True)
class OptimizerRaceData:
    variable_latex: tuple[str, ...]
    loss_latex: str
    manifold_latex: str
    start: np.ndarray
    offset: float  # how far off the stable manifold the start is
    steps: int
    saddle: np.ndarray
    racers: tuple[Racer, ...]
    valley_branches: tuple[np.ndarray, ...]


def outcome(path: Trajectory, saddle: np.ndarray) -> str:
    if path.losses[-1] < ESCAPED_LOSS:
        return "escaped"
    return "at_saddle" if np.linalg.norm(path.end - saddle) < AT_SADDLE else "stalled"


def optimizer_race(on_manifold=(1.5, -1.5), offset: float = 1e-10, steps: int = 200) -> OptimizerRaceData:
    loss = worst_network()
    critical = critical_points(loss)
    (saddle,) = (p.point for p in critical.points if p.kind == "saddle")
    start = np.asarray(on_manifold, dtype=float) + np.array([offset, 0.0])
    racers = []
    for key, settings in RACERS:
        path = OPTIMIZERS[key](loss, start, max_steps=steps, **settings)
        racers.append(Racer(key, path, outcome(path, saddle)))
    return OptimizerRaceData(
        variable_latex=tuple(loss.variable_latex),
        loss_latex=loss.latex,
        manifold_latex=stable_manifold_latex(loss),
        start=start,
        offset=offset,
        steps=steps,
        saddle=saddle,
        racers=tuple(racers),
        valley_branches=critical.curves[0].branches,
    )
