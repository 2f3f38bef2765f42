"""The count check in two variables (Poincaré–Hopf): the winding number of ∇L around the box's edge equals the sum
of the indices of the isolated critical points inside (+1 for a minimum or a maximum, −1 for a saddle, the local
winding number for a degenerate point: −2 for the monkey saddle). An independent check of a list of points: a
missed minimum changes the sum, and the edge knows nothing of how the points were found."""

from __future__ import annotations

import numpy as np

#: The edge is sampled until ∇L turns by less than this (radians) between neighbouring samples.
MAX_TURN = 0.3
REFINEMENTS = 24
START_SAMPLES = 256  # per side
MAX_SAMPLES = 400_000


def _loop(corners: np.ndarray, samples: int) -> np.ndarray:
    """Points round a closed polygon, counter-clockwise, samples per side, without repeating the start."""
    t = np.linspace(0, 1, samples, endpoint=False)[:, None]
    return np.concatenate([a + t * (b - a) for a, b in zip(corners, np.roll(corners, -1, axis=0))])


def winding_number(gradient, corners: np.ndarray) -> int | None:
    """How many times ∇L turns round the origin along the closed polygon (counter-clockwise corners); None when ∇L
    vanishes, is undefined, or turns too fast to follow on it (the count check then does not apply)."""
    loop = _loop(np.asarray(corners, dtype=float), START_SAMPLES)
    closed = np.concatenate([loop, loop[:1]])
    for _ in range(REFINEMENTS):
        values = gradient(closed)
        if not np.all(np.isfinite(values)):
            return None
        norms = np.linalg.norm(values, axis=-1)
        if np.any(norms <= 1e-300) or np.any(norms <= 1e-12 * np.max(norms)):
            return None
        angles = np.arctan2(values[:, 1], values[:, 0])
        turns = np.angle(np.exp(1j * np.diff(angles)))
        fast = np.abs(turns) > MAX_TURN
        if not fast.any():
            return round(float(np.sum(turns)) / (2 * np.pi))
        if len(closed) + fast.sum() > MAX_SAMPLES:
            return None
        middles = (closed[:-1][fast] + closed[1:][fast]) / 2
        order = np.argsort(np.concatenate([np.arange(len(closed)), np.flatnonzero(fast) + 0.5]), kind="stable")
        closed = np.concatenate([closed, middles])[order]
    return None


def box_corners(ranges) -> np.ndarray:
    (x0, x1), (y0, y1) = ranges
    return np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], dtype=float)


def local_index(gradient, point: np.ndarray, radius: float) -> int | None:
    """The index of an isolated critical point: the winding number of ∇L round a small square about it."""
    return winding_number(gradient, box_corners([(point[0] - radius, point[0] + radius),
                                                 (point[1] - radius, point[1] + radius)]))
