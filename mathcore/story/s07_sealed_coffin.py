"""Storyboard 7: the sealed coffin. A box that is closed in d dimensions is open through dimension d + 1.

Every picture of the scene comes from here: the box (a square in the plane, a coffin in space), whose walls
reach only wall_height into the extra coordinate (the box is the slice, at 0, of a box one dimension higher:
for the coffin, a tesseract), the straight path that is stopped by the wall, and the path that leaves through
the extra coordinate, passes over the wall while it is higher than the wall, and comes back down — taking the
grail out and putting the grapes in. The tesseract is also given turning in a plane that contains w, projected
into our space, so that the scene can show it as a 4-D object.
"""

from __future__ import annotations

import itertools
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


def hop(start, stop, lift: float, samples: int = 61, rise: float = 0.25) -> np.ndarray:
    """(samples, d + 1): from start to stop in the d coordinates we see, leaving through the extra coordinate.
    The first `rise` of the way only goes up to `lift` (the point stands still in our coordinates), the middle
    moves across at that height, the last `rise` comes straight down: the extra coordinate is 0 only at the two
    ends, and the visible coordinates move only while it is at `lift`, so whatever wall lies between start and
    stop is passed at that height."""
    start, stop = np.asarray(start, dtype=float), np.asarray(stop, dtype=float)
    t = np.linspace(0.0, 1.0, samples)

    def smooth(u):  # smoothstep: leave and land gently
        u = np.clip(u, 0.0, 1.0)
        return u * u * (3 - 2 * u)

    across = smooth((t - rise) / (1 - 2 * rise))
    extra = lift * np.minimum(smooth(t / rise), smooth((1 - t) / rise))
    extra[[0, -1]] = 0.0
    return np.column_stack([start + across[:, None] * (stop - start), extra])


def wall_crossings(box: Box, path: np.ndarray) -> np.ndarray:
    """Indices i where the visible part of the path goes from inside to outside the box or back between
    samples i and i + 1: where it passes the wall (the extra coordinate there says how far outside our space)."""
    inside = box.depth(path[:, :-1]) > 0
    return np.flatnonzero(inside[:-1] != inside[1:])


@dataclass(frozen=True)
class SealedSpace:
    """One dimension's version of the story: the box, the grail, the grapes and the ways in and out. The box's
    walls reach from −wall_height to wall_height in the extra coordinate; the paths pass over them at lift."""

    box: Box
    wall_height: float
    lift: float
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


def sealed_space(low, high, grail, drop, grapes, wall_height: float, lift: float) -> SealedSpace:
    box = make_box(low, high)
    grail, drop, grapes = (np.asarray(p, dtype=float) for p in (grail, drop, grapes))
    if box.depth(grail) <= 0 or box.depth(grapes) <= 0 or box.depth(drop) >= 0:
        raise LossError("the grail and the grapes must be inside the box and the drop point outside it")
    if not 0 < wall_height < lift:
        raise LossError(f"the way over the wall must rise above it: wall height {wall_height}, lift {lift}")
    return SealedSpace(
        box=box, wall_height=float(wall_height), lift=float(lift), grail=grail, drop=drop, grapes=grapes,
        blocked=np.stack([grail, wall_hit(box, grail, drop)]),
        out_path=hop(grail, drop, lift), in_path=hop(drop, grapes, lift),
    )


def plane_rotation(dimension: int, first: int, second: int, angle: float) -> np.ndarray:
    """The rotation by `angle` in the plane of coordinates `first` and `second` (the others stay put)."""
    rotation = np.eye(dimension)
    cos, sin = np.cos(angle), np.sin(angle)
    rotation[[first, first, second, second], [first, second, first, second]] = [cos, -sin, sin, cos]
    return rotation


def perspective(points, viewer: float) -> np.ndarray:
    """(…, 4) → (…, 3): seen from w = viewer on the w axis, the way a photograph shows depth: a point at w > 0 is
    nearer the eye and drawn larger, at w < 0 smaller; w = 0 (our space) is drawn as it is."""
    points = np.asarray(points, dtype=float)
    if np.any(points[..., 3] >= viewer):
        raise LossError("a point at or beyond the eye cannot be drawn")
    return points[..., :3] * (viewer / (viewer - points[..., 3]))[..., None]


@dataclass(frozen=True)
class Tesseract:
    """The 4-D box whose slice w = 0 is the coffin: coffin × [−wall_height, wall_height] in w. Its 16 corners
    and 32 edges, and the box turning once in the plane of x and w, seen in perspective from w = viewer:
    `projected` (K, 16, 3) the corners in our space at each of the K angles, `w` (K, 16) their w there (what
    colour shows)."""

    vertices: np.ndarray  # (16, 4)
    edges: np.ndarray  # (32, 2) corners that differ in one coordinate
    plane: tuple[int, int]  # (0, 3): x and w
    viewer: float
    angles: np.ndarray  # (K,) from 0 to one full turn
    projected: np.ndarray
    w: np.ndarray


def tesseract(box: Box, wall_height: float, turns: int = 96) -> Tesseract:
    low, high = np.append(box.low, -wall_height), np.append(box.high, wall_height)
    corners = np.array(list(itertools.product((0, 1), repeat=4)))
    vertices = np.where(corners == 1, high, low)
    edges = np.array([(a, b) for a, b in itertools.combinations(range(16), 2)
                      if np.sum(corners[a] != corners[b]) == 1])
    radius = float(np.max(np.hypot(vertices[:, 0], vertices[:, 3])))  # the farthest a corner gets in w turning
    viewer = 2.5 * radius
    angles = np.linspace(0.0, 2 * np.pi, turns + 1)
    turned = np.stack([vertices @ plane_rotation(4, 0, 3, angle).T for angle in angles])
    return Tesseract(vertices=vertices, edges=edges, plane=(0, 3), viewer=viewer, angles=angles,
                     projected=perspective(turned, viewer), w=turned[..., 3])


@dataclass(frozen=True)
class CoffinData:
    plane: SealedSpace  # a square in the plane (d = 2), escaping through height z
    space: SealedSpace  # a coffin in space (d = 3), escaping through a fourth coordinate w
    tesseract: Tesseract  # the coffin as the slice w = 0 of a 4-D box
    year: int


def sealed_coffin() -> CoffinData:
    space = sealed_space((-1.2, -0.6, -0.5), (1.2, 0.6, 0.5), grail=(-0.5, 0.0, 0.0), drop=(2.3, 0.9, 0.0),
                         grapes=(0.5, 0.0, -0.1), wall_height=0.5, lift=1.0)
    return CoffinData(
        plane=sealed_space((-1, -1), (1, 1), grail=(-0.4, 0.2), drop=(2.2, 0.6), grapes=(0.35, -0.3),
                           wall_height=0.6, lift=1.4),
        space=space,
        tesseract=tesseract(space.box, space.wall_height),
        year=1453,  # the fall of Constantinople (the slide's 1543 is a typo)
    )
