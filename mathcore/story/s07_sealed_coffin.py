"""Storyboard 7: the sealed coffin. A box that is closed in d dimensions is open through dimension d + 1.

Every picture of the scene comes from here: the box (a square in the plane, a coffin in space), the straight
path that is stopped by the wall, and the path that leaves through one extra coordinate, crosses the wall
while it is "above" our space, and comes back down — taking the grail out and putting the grapes in.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mathcore.errors import LossError


@dataclass(frozen=True)
class Box:
    """An axis-aligned box {low ≤ x ≤ high} in d dimensions; its boundary is the wall."""

    low: np.ndarray
    high: np.ndarray

    def depth(self, points) -> np.ndarray:
        """Distance to the wall for points inside (> 0); minus the distance to the box for points outside (< 0)."""
        points = np.asarray(points, dtype=float)
        inside = np.minimum(points - self.low, self.high - points).min(axis=-1)
        outside = np.linalg.norm(np.maximum(np.maximum(self.low - points, points - self.high), 0), axis=-1)
        return np.where(inside >= 0, inside, -outside)


def make_box(low, high) -> Box:
    low, high = np.asarray(low, dtype=float), np.asarray(high, dtype=float)
    if low.shape != high.shape or low.ndim != 1 or not np.all(low < high):
        raise LossError(f"a box needs low < high in every coordinate, got {low.tolist()} and {high.tolist()}")
    return Box(low, high)


def wall_hit(box: Box, start, target) -> np.ndarray:
    """Where the straight segment from start (inside) towards target first meets the wall: as far as a path
    confined to the box's own space can go."""
    start, target = np.asarray(start, dtype=float), np.asarray(target, dtype=float)
    if box.depth(start) <= 0:
        raise LossError("the straight path must start inside the box")
    direction = target - start
    with np.errstate(divide="ignore", invalid="ignore"):
        exits = np.where(direction > 0, (box.high - start) / direction,
                         np.where(direction < 0, (box.low - start) / direction, np.inf))
    return start + min(1.0, float(exits.min())) * direction


def hop(start, stop, lift: float, samples: int = 61) -> np.ndarray:
    """(samples, d + 1): from start to stop in the d coordinates we see, while the extra coordinate rises to
    `lift` and comes back to 0. It is 0 only at the two ends, so the wall is crossed out of our space."""
    start, stop = np.asarray(start, dtype=float), np.asarray(stop, dtype=float)
    t = np.linspace(0.0, 1.0, samples)
    ease = t * t * (3 - 2 * t)  # smoothstep: leave and land gently
    base = start + ease[:, None] * (stop - start)
    extra = lift * np.sin(np.pi * t)
    extra[[0, -1]] = 0.0
    return np.column_stack([base, extra])


def wall_crossings(box: Box, path: np.ndarray) -> np.ndarray:
    """Indices i where the visible part of the path goes from inside to outside the box or back between
    samples i and i + 1: where it passes the wall (the extra coordinate there says how far outside our space)."""
    inside = box.depth(path[:, :-1]) > 0
    return np.flatnonzero(inside[:-1] != inside[1:])


@dataclass(frozen=True)
class SealedSpace:
    """One dimension's version of the story: the box, the grail, the grapes and the ways in and out."""

    box: Box
    grail: np.ndarray  # inside
    drop: np.ndarray  # outside: where the grail is put down
    grapes: np.ndarray  # inside
    blocked: np.ndarray  # (2, d): the straight attempt from the grail towards the drop, stopped at the wall
    out_path: np.ndarray  # (m, d + 1): grail → drop through the extra coordinate
    in_path: np.ndarray  # (m, d + 1): drop → grapes through the extra coordinate

    @property
    def loop(self) -> np.ndarray:
        """The whole trip of the magician's hand: inside → outside → inside."""
        return np.concatenate([self.out_path, self.in_path[1:]])


def sealed_space(low, high, grail, drop, grapes, lift: float) -> SealedSpace:
    box = make_box(low, high)
    grail, drop, grapes = (np.asarray(p, dtype=float) for p in (grail, drop, grapes))
    if box.depth(grail) <= 0 or box.depth(grapes) <= 0 or box.depth(drop) >= 0:
        raise LossError("the grail and the grapes must be inside the box and the drop point outside it")
    return SealedSpace(
        box=box, grail=grail, drop=drop, grapes=grapes,
        blocked=np.stack([grail, wall_hit(box, grail, drop)]),
        out_path=hop(grail, drop, lift), in_path=hop(drop, grapes, lift),
    )


@dataclass(frozen=True)
class CoffinData:
    plane: SealedSpace  # a square in the plane (d = 2), escaping through height z
    space: SealedSpace  # a coffin in space (d = 3), escaping through a fourth coordinate w
    year: int


def sealed_coffin() -> CoffinData:
    return CoffinData(
        plane=sealed_space((-1, -1), (1, 1), grail=(-0.4, 0.2), drop=(2.2, 0.6), grapes=(0.35, -0.3), lift=1.6),
        space=sealed_space((-1.2, -0.6, -0.5), (1.2, 0.6, 0.5), grail=(-0.5, 0.0, 0.0), drop=(2.3, 0.9, 0.0),
                           grapes=(0.5, 0.0, -0.1), lift=1.0),
        year=1453,  # the fall of Constantinople (the slide's 1543 is a typo)
    )
