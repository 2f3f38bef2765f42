"""The Hessian without the Hessian: exact Hessian-vector products of a small tanh network and Lanczos on them.

Why: a real network has millions of parameters, so H (P² entries) is never formed; H·v costs about two
gradients (Pearlmutter 1994: differentiate the backward pass along v). Lanczos (scipy's eigsh) needs only
H·v to find the most negative eigenvalue, the direction a saddle can be left by.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.sparse.linalg import LinearOperator, eigsh


@dataclass(frozen=True)
class TanhNetwork:
    """f(x) = w2·tanh(W1 x + b1) + b2 with the mean squared error on fixed data: a loss of P parameters."""

    inputs: np.ndarray  # (n, d)
    targets: np.ndarray  # (n,)
    hidden: int

    @property
    def shapes(self) -> tuple[tuple[int, ...], ...]:
        d = self.inputs.shape[1]
        return (self.hidden, d), (self.hidden,), (self.hidden,), ()

    @property
    def size(self) -> int:
        """P, the number of parameters."""
        return int(sum(np.prod(shape, dtype=int) for shape in self.shapes))

    def unpack(self, theta: np.ndarray) -> list[np.ndarray]:
        pieces, start = [], 0
        for shape in self.shapes:
            count = int(np.prod(shape, dtype=int))
            pieces.append(np.asarray(theta[start:start + count]).reshape(shape))
            start += count
        return pieces

    def _forward(self, theta):
        w1, b1, w2, b2 = self.unpack(theta)
        hidden = np.tanh(self.inputs @ w1.T + b1)
        return w1, w2, hidden, hidden @ w2 + b2 - self.targets

    def loss(self, theta) -> float:
        return float(np.mean(self._forward(theta)[3] ** 2))

    def gradient(self, theta) -> np.ndarray:
        _, w2, hidden, residual = self._forward(theta)
        error = 2 * residual / len(residual)  # dL/df
        d_pre = np.outer(error, w2) * (1 - hidden**2)  # dL/d(W1 x + b1)
        return np.concatenate([(d_pre.T @ self.inputs).ravel(), d_pre.sum(0), hidden.T @ error, [error.sum()]])

    def hessian_vector(self, theta, direction) -> np.ndarray:
        """H·v exactly, by the R-operator: the gradient's backward pass differentiated along v."""
        _, w2, hidden, residual = self._forward(theta)
        v1, vb1, v2, vb2 = self.unpack(direction)
        error = 2 * residual / len(residual)
        slope = 1 - hidden**2
        r_hidden = slope * (self.inputs @ v1.T + vb1)
        r_error = 2 * (r_hidden @ w2 + hidden @ v2 + vb2) / len(residual)
        d_hidden = np.outer(error, w2)
        r_pre = (np.outer(r_error, w2) + np.outer(error, v2)) * slope - d_hidden * 2 * hidden * r_hidden
        return np.concatenate([(r_pre.T @ self.inputs).ravel(), r_pre.sum(0),
                               r_hidden.T @ error + hidden.T @ r_error, [r_error.sum()]])


def teacher_network(inputs: int = 16, hidden: int = 128, examples: int = 256, seed: int = 0):
    """A student network on data labelled by a random teacher, and a seeded random point θ to look at."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(examples, inputs))
    teacher = TanhNetwork(x, np.zeros(examples), hidden=4)
    targets = teacher._forward(rng.normal(size=teacher.size))[3]
    network = TanhNetwork(x, targets, hidden)
    return network, rng.normal(scale=1 / np.sqrt(inputs), size=network.size)


@dataclass(frozen=True)
class LanczosResult:
    eigenvalue: float  # the most negative eigenvalue of H
    eigenvector: np.ndarray  # unit
    products: int  # Hessian-vector products used
    parameters: int  # P
    loss_before: float
    loss_after: float  # after a small step along the eigenvector (sign chosen to go downhill)
    step: float


def lowest_eigenpair(network: TanhNetwork, theta, seed: int = 0, tolerance: float = 1e-8, step: float = 0.05):
    """Lanczos (ARPACK via eigsh) on the operator v ↦ H·v: H is never formed. Seeded start, so deterministic."""
    count = [0]

    def product(v):
        count[0] += 1
        return network.hessian_vector(theta, np.ravel(v))

    operator = LinearOperator((network.size, network.size), matvec=product, dtype=float)
    start = np.random.default_rng(seed).normal(size=network.size)
    values, vectors = eigsh(operator, k=1, which="SA", v0=start, tol=tolerance)
    vector = vectors[:, 0] / np.linalg.norm(vectors[:, 0])
    if vector @ network.gradient(theta) > 0:  # same eigenvector, the downhill sign
        vector = -vector
    return LanczosResult(
        eigenvalue=float(values[0]), eigenvector=vector, products=count[0], parameters=network.size,
        loss_before=network.loss(theta), loss_after=network.loss(theta + step * vector), step=step,
    )
