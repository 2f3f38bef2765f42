"""Random symmetric matrices, the model of a Hessian at a random critical point: how often is one positive definite?

For the Gaussian orthogonal ensemble (GOE: off-diagonal entries N(0, 1), diagonal N(0, 2), i.e. H = (A + Aᵀ)/√2)
that fraction collapses like exp(−θN²) with θ = ln 3 / 4 (Dean & Majumdar, PRL 97, 160201, 2006). Two seeded Monte
Carlo estimates:

* counting: draw many GOE matrices and count the positive definite ones (usable while the count is not zero);
* importance sampling on the eigenvalues: draw real Wishart matrices W = s·XᵀX (X square, so W > 0 always)
  and weight each by the ratio of the GOE and Wishart eigenvalue densities. The Vandermonde factor Π|λi − λj|
  is common to both and cancels; both normalisations are Selberg-type integrals in closed form (Mehta,
  Random Matrices, eq. 17.6.7 and the Laguerre case). This reaches probabilities far below 1/samples.
"""

from __future__ import annotations

import numpy as np
import sympy as sp
from scipy.special import gammaln

from mathcore.errors import LossError

#: Dean & Majumdar's exponent: P(all eigenvalues > 0) ≈ exp(−θ N²) for the GOE.
THETA = sp.log(3) / 4
#: Wishart scale s = WISHART_SCALE / √N: a proposal close to GOE conditioned on a positive spectrum (tuned once).
WISHART_SCALE = 0.8


def goe(size: int, count: int, rng: np.random.Generator) -> np.ndarray:
    """count GOE matrices (count, size, size): H = (A + Aᵀ)/√2 with A standard normal."""
    a = rng.standard_normal((count, size, size))
    return (a + np.swapaxes(a, 1, 2)) / np.sqrt(2.0)


def counted_fraction(size: int, samples: int, seed: int) -> tuple[float, int]:
    """(fraction, count) of `samples` GOE matrices whose eigenvalues are all positive."""
    if size < 1 or samples < 1:
        raise LossError(f"need size ≥ 1 and samples ≥ 1, got {size} and {samples}")
    rng = np.random.default_rng(seed)
    positive, left = 0, samples
    while left:  # batches keep memory flat for any sample count
        batch = min(left, 50_000)
        positive += int(np.count_nonzero(np.linalg.eigvalsh(goe(size, batch, rng))[:, 0] > 0))
        left -= batch
    return positive / samples, positive


def _log_goe_normalisation(n: int) -> float:
    """log ∫_{Rⁿ} Π_{i<j}|λi − λj| Π exp(−λi²/4) dλ (Mehta's integral, β = 1, rescaled from exp(−x²/2))."""
    j = np.arange(1, n + 1)
    gammas = float(np.sum(gammaln(1 + j / 2) - gammaln(1.5)))
    return (n / 2 + n * (n - 1) / 4) * np.log(2) + n / 2 * np.log(2 * np.pi) + gammas


def _log_wishart_normalisation(n: int, scale: float) -> float:
    """log ∫_{R+ⁿ} Π|λi − λj| Π λi^(−1/2) exp(−λi/(2 scale)) dλ, the density of the eigenvalues of scale·XᵀX
    with X n×n standard normal (Laguerre–Selberg integral)."""
    a, j = -0.5, np.arange(n)
    base = float(np.sum(gammaln(1 + a + j / 2) + gammaln(1 + (j + 1) / 2) - gammaln(1.5)))
    return base + np.log(2 * scale) * (n + n * (n - 1) / 2 + a * n)


def importance_fraction(size: int, samples: int, seed: int) -> tuple[float, float]:
    """(estimate, relative standard error) of P(all eigenvalues of an N×N GOE matrix > 0)."""
    if size < 1 or samples < 2:
        raise LossError(f"need size ≥ 1 and samples ≥ 2, got {size} and {samples}")
    rng = np.random.default_rng(seed)
    scale = WISHART_SCALE / np.sqrt(size)
    x = rng.standard_normal((samples, size, size))
    eigenvalues = np.linalg.eigvalsh(scale * np.swapaxes(x, 1, 2) @ x)
    log_ratio = _log_wishart_normalisation(size, scale) - _log_goe_normalisation(size)
    per_eigenvalue = -eigenvalues**2 / 4 + 0.5 * np.log(eigenvalues) + eigenvalues / (2 * scale)
    log_weights = log_ratio + per_eigenvalue.sum(axis=1)
    top = log_weights.max()
    weights = np.exp(log_weights - top)
    mean = weights.mean()
    return float(np.exp(top) * mean), float(weights.std(ddof=1) / mean / np.sqrt(samples))


def fit_trend(sizes: np.ndarray, estimate: np.ndarray, relative_error: np.ndarray, theta: float) -> tuple[float, float]:
    """(b, c) of log P ≈ −θN² + bN + c by weighted least squares, θ held at the theoretical value."""
    weights = 1 / np.maximum(relative_error, 1e-3)
    design = np.stack([sizes, np.ones_like(sizes)], axis=1) * weights[:, None]
    target = (np.log(estimate) + theta * sizes**2) * weights
    (slope, intercept), *_ = np.linalg.lstsq(design, target, rcond=None)
    return float(slope), float(intercept)
