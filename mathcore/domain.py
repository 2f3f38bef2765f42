"""Where a loss is defined: its box, and the places inside the box where the loss is infinite, undefined or too
large for floating point.

A grid of samples finds regions (the log of a negative number) and overflow (x² at 1e300). A line or a point of
poles (1/tanh(x) on x = 0) falls between grid points, so the zeros of every denominator, log argument and tan's
cosine are searched for as well: by bisection between samples of opposite sign, and by Gauss–Newton from the
samples nearest zero where a zero is only touched (1/(x² + y²))."""

from __future__ import annotations

import numpy as np
import sympy as sp

from mathcore.errors import LossError

#: Grid points over the box for the finiteness check of a loss of 3 or more variables (2-D uses its 48² mesh).
FINITE_SAMPLES = 20_000
#: A singular expression b counts as zero where |b| ≤ ZERO_RTOL · (median |b| over the box, at least 1).
ZERO_RTOL = 1e-12
_NEWTON_STARTS = 8
_NEWTON_STEPS = 80
_BISECTIONS = 80


def box_ranges(box, dimension: int) -> tuple[tuple[float, float], ...]:
    """Validate a box of 2n numbers LO1 HI1 LO2 HI2 … (one pair per variable) and return the pairs."""
    flat = np.asarray(box, dtype=float).reshape(-1)
    if flat.size != 2 * dimension:
        if dimension == 2:
            raise LossError(f"a box needs 4 numbers XMIN XMAX YMIN YMAX, got {flat.size}")
        raise LossError(f"a box of {dimension} variables needs {2 * dimension} numbers (LO HI for each variable, "
                        f"in the order of --vars), got {flat.size}")
    if not np.all(np.isfinite(flat)):
        raise LossError("the box must be finite numbers")
    ranges = tuple((float(lo), float(hi)) for lo, hi in flat.reshape(-1, 2))
    if not all(lo < hi for lo, hi in ranges):
        text = " ".join(f"{v:g}" for v in flat)
        wanted = "XMIN < XMAX and YMIN < YMAX" if dimension == 2 else "LO < HI for every variable"
        raise LossError(f"the box must have {wanted}, got {text}")
    return ranges


def box_grid(ranges, per_axis: int) -> np.ndarray:
    """The (per_axis^n, n) points of a regular grid over the box, corners included."""
    axes = [np.linspace(lo, hi, per_axis) for lo, hi in ranges]
    return np.stack(np.meshgrid(*axes, indexing="ij"), axis=-1).reshape(-1, len(ranges))


def finite_grid(ranges) -> np.ndarray:
    return box_grid(ranges, max(3, int(FINITE_SAMPLES ** (1 / len(ranges)))))


def singular_expressions(expression: sp.Expr) -> list[sp.Expr]:
    """Sub-expressions whose zeros make the loss infinite or undefined: denominators, log arguments, cos under tan."""
    found: dict[sp.Expr, None] = {}
    for node in sp.preorder_traversal(expression):
        if isinstance(node, sp.Pow) and node.exp.is_negative:
            found[node.base] = None
        elif isinstance(node, sp.log):
            found[node.args[0]] = None
        elif isinstance(node, sp.tan):
            found[sp.cos(node.args[0])] = None
    return [b for b in found if b.free_symbols]


def drop_distributions(expression: sp.Expr) -> sp.Expr:
    """Derivatives of abs() and sign() produce DiracDelta; it is zero almost everywhere, which is what a sampled
    picture sees (and numpy has no DiracDelta to evaluate)."""
    return expression.replace(sp.DiracDelta, lambda *args: sp.Integer(0))


def _format(point, ranges) -> str:
    """Coordinates to 3 digits; rounding noise of a bisection (7e-26 for 0) shown as 0."""
    span = max(hi - lo for lo, hi in ranges)
    return "(" + ", ".join(f"{0.0 if abs(v) < 1e-9 * span else v:.3g}" for v in point) + ")"


class ScalarField:
    """One expression b of the variables, its numpy value and gradient, and searches for its zeros in a box."""

    def __init__(self, expression: sp.Expr, variables):
        self.expression = expression
        self._value = sp.lambdify(variables, expression, "numpy")
        self._gradient = sp.lambdify(variables, [drop_distributions(sp.diff(expression, v)) for v in variables],
                                     "numpy")

    def value(self, points: np.ndarray) -> np.ndarray:
        with np.errstate(all="ignore"):
            return np.broadcast_to(np.asarray(self._value(*np.moveaxis(points, -1, 0)), dtype=float), points.shape[:-1])

    def gradient(self, points: np.ndarray) -> np.ndarray:
        with np.errstate(all="ignore"):
            parts = self._gradient(*np.moveaxis(points, -1, 0))
        return np.stack([np.broadcast_to(np.asarray(p, dtype=float), points.shape[:-1]) for p in parts], axis=-1)

    def zero_in(self, ranges, samples: np.ndarray) -> np.ndarray | None:
        values = self.value(samples)
        finite = np.isfinite(values)
        if not finite.any():
            return None
        tolerance = ZERO_RTOL * max(1.0, float(np.median(np.abs(values[finite]))))
        if (np.abs(values[finite]) <= tolerance).any():
            return samples[finite][np.argmin(np.abs(values[finite]))]
        positive, negative = samples[finite & (values > 0)], samples[finite & (values < 0)]
        if len(positive) and len(negative):
            crossing = self._bisect(positive, negative, tolerance)
            if crossing is not None:
                return crossing
        return self._touch(ranges, samples[finite][np.argsort(np.abs(values[finite]))[:_NEWTON_STARTS]], tolerance)

    def _bisect(self, positive: np.ndarray, negative: np.ndarray, tolerance: float) -> np.ndarray | None:
        """A sign change of b between the closest pair of samples of opposite sign: a zero, if b is continuous."""
        low = positive[np.argmin(np.abs(self.value(positive)))]
        high = negative[np.argmin(np.linalg.norm(negative - low, axis=-1))]
        start = float(self.value(low[None])[0])
        for _ in range(_BISECTIONS):
            middle = (low + high) / 2
            if np.sign(self.value(middle[None])[0]) == np.sign(start):
                low = middle
            else:
                high = middle
        return low if abs(self.value(low[None])[0]) <= tolerance * 1e6 else None

    def project(self, points: np.ndarray, steps: int = _NEWTON_STEPS) -> np.ndarray:
        """Gauss–Newton steps x ← x − b ∇b / |∇b|²: onto the zero set b = 0 from nearby points."""
        points = np.array(points, dtype=float)
        for _ in range(steps):
            values, gradients = self.value(points), self.gradient(points)
            norms = np.sum(gradients**2, axis=-1)
            with np.errstate(all="ignore"):
                step = np.where((norms > 0)[:, None], values[:, None] * gradients / norms[:, None], 0.0)
            points = points - np.where(np.isfinite(step), step, 0.0)
        return points

    def _touch(self, ranges, starts: np.ndarray, tolerance: float) -> np.ndarray | None:
        """A zero that b only touches (b ≥ 0 around it), reached by projecting the samples nearest zero."""
        points = self.project(starts)
        lo, hi = np.array(ranges).T
        inside = np.all((points >= lo) & (points <= hi), axis=-1)
        hits = inside & (np.abs(self.value(points)) <= tolerance)
        return points[np.argmax(hits)] if hits.any() else None


def check_domain(expression: sp.Expr, variables, ranges, points: np.ndarray, values: np.ndarray) -> None:
    """LossError, in one line with its fix, if the loss is not finite somewhere in the box.

    points (m, n) and values (m,) are the loss sampled on a grid over the box."""
    singular = [ScalarField(b, variables) for b in singular_expressions(expression)]
    bad = ~np.isfinite(values)
    if bad.any():
        index = int(np.argmax(bad))
        point = points[index]
        near_pole = any(abs(float(b.value(point[None])[0])) <= ZERO_RTOL or not np.isfinite(b.value(point[None])[0])
                        for b in singular)
        if np.isinf(values[index]) and not near_pole:
            raise LossError(f"the loss overflows floating point (|L| > 1.8e308) at {bad.mean():.0%} of the box "
                            f"(e.g. at {_format(point, ranges)}); choose a smaller box with --box")
        raise LossError(f"the loss is not finite at {bad.mean():.0%} of the box (e.g. at {_format(point, ranges)}); "
                        "choose a box where it is defined with --box")
    for b in singular:
        zero = b.zero_in(ranges, points)
        if zero is not None:
            raise LossError(f"the loss is infinite or undefined where {b.expression} = 0, which meets the box "
                            f"(e.g. at {_format(zero, ranges)}); choose a box that avoids it with --box")
