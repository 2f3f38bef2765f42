"""The second-order Taylor model L(θ) ≈ L(θ′) + (θ−θ′)ᵀg + ½(θ−θ′)ᵀH(θ−θ′) of a loss at a point."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mathcore.loss import Loss


@dataclass(frozen=True)
class QuadraticModel:
    centre: np.ndarray  # θ′
    value: float  # L(θ′)
    gradient: np.ndarray  # g
    hessian: np.ndarray  # H

    @classmethod
    def of(cls, loss: Loss, centre) -> QuadraticModel:
        centre = np.asarray(centre, dtype=float)
        return cls(centre, float(loss.value(centre)), loss.gradient(centre), loss.hessian(centre))

    def terms(self, points) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The three terms separately (constant, gradient, Hessian), for building the formula term by term."""
        v = np.asarray(points, dtype=float) - self.centre
        linear = v @ self.gradient
        quadratic = 0.5 * np.einsum("...i,ij,...j->...", v, self.hessian, v)
        return np.full(linear.shape, self.value), linear, quadratic

    def __call__(self, points) -> np.ndarray:
        constant, linear, quadratic = self.terms(points)
        return constant + linear + quadratic

    def along(self, direction, lengths) -> np.ndarray:
        """Model values at θ′ + s·u/‖u‖ for each s."""
        direction = np.asarray(direction, dtype=float)
        direction = direction / np.linalg.norm(direction)
        return self(self.centre + np.asarray(lengths, dtype=float)[:, None] * direction)
