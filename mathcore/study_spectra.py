"""Hessian spectra of a network's loss, exact or from Hessian-vector products only.

- exact: the full Hessian by torch.func (jacrev of grad, in chunks so memory stays bounded) and eigvalsh;
- extremes: scipy's eigsh (ARPACK, implicitly restarted Lanczos) on a LinearOperator v ↦ H·v;
- density: stochastic Lanczos quadrature (SLQ; Ubaru, Chen & Saad 2017): Lanczos with full
  reorthogonalisation from random unit probes v gives Gauss quadrature nodes θ and weights w of the measure
  μ_v = Σ_i (v·u_i)² δ(λ_i), whose mean over uniform unit probes is the eigenvalue density (1/P) Σ_i δ(λ_i).
  The fraction of eigenvalues below a threshold is bracketed per probe by the Chebyshev–Markov–Stieltjes
  inequalities (the Gauss quadrature's step function is within one node's weight of the true one on each
  side), and the spread over probes adds two standard errors: the error bar of each SLQ fraction.
- critical points: Newton steps whose linear systems H p = −∇L are solved by MINRES on HVPs (H may be
  indefinite), shortened until ‖∇L‖ falls, so they converge to whatever critical point is near: minimum or saddle.

An HVP is forward-over-reverse (torch.func.jvp of torch.func.grad): about the cost of two to four gradients."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import torch
from scipy.sparse.linalg import ArpackNoConvergence, LinearOperator, eigsh, minres
from torch.func import grad, jacrev, jvp

Loss = Callable[[torch.Tensor], torch.Tensor]


class HessianProducts:
    """v ↦ H(θ)·v on numpy vectors, counting the products (the currency of every Hessian-free method)."""

    def __init__(self, loss: Loss, theta: torch.Tensor):
        self.theta = theta.detach()
        self.size = int(theta.numel())
        self.count = 0
        self._gradient = grad(loss)

    def __call__(self, vector: np.ndarray) -> np.ndarray:
        self.count += 1
        direction = torch.from_numpy(np.ascontiguousarray(vector, dtype=np.float64).reshape(-1))
        return jvp(self._gradient, (self.theta,), (direction.to(self.theta.device),))[1].cpu().numpy()

    def operator(self) -> LinearOperator:
        return LinearOperator((self.size, self.size), matvec=self, dtype=np.float64)


def exact_hessian(loss: Loss, theta: torch.Tensor, chunk: int = 64) -> torch.Tensor:
    """The full P×P Hessian, reverse over reverse, `chunk` rows at a time (bounded memory). torch's vmap has no
    batching rule for the conv layer's unfold backward and says so once per process, asking for a bug report; the
    rows are right either way, only slower (the MNIST-1D net's 2490 rows: minutes), so that notice is not shown."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="There is a performance drop because we have not yet implemented")
        return jacrev(grad(loss), chunk_size=chunk)(theta.detach())


def exact_eigenvalues(loss: Loss, theta: torch.Tensor) -> np.ndarray:
    """Every eigenvalue of the Hessian, ascending."""
    return torch.linalg.eigvalsh(exact_hessian(loss, theta)).cpu().numpy()


def extreme_eigenvalues(products: HessianProducts, count: int, which: str, seed: int,
                        tolerance: float = 1e-8, max_restarts: int = 60) -> np.ndarray:
    """The `count` largest ("LA") or smallest ("SA") eigenvalues by eigsh on H·v, ascending; if ARPACK runs out
    of restarts, the eigenvalues that did converge (possibly fewer)."""
    start = np.random.default_rng(seed).normal(size=products.size)
    try:
        values = eigsh(products.operator(), k=count, which=which, v0=start, tol=tolerance,
                       ncv=min(products.size, max(2 * count + 1, 40)), maxiter=max_restarts,
                       return_eigenvectors=False)
    except ArpackNoConvergence as partial:
        values = partial.eigenvalues
    return np.sort(np.asarray(values, dtype=float))


@dataclass(frozen=True)
class Quadrature:
    """SLQ nodes and weights, one row per probe (each row's weights sum to 1)."""

    nodes: np.ndarray  # (probes, steps)
    weights: np.ndarray


def lanczos_quadrature(products: HessianProducts, probes: int, steps: int, seed: int) -> Quadrature:
    """`probes` runs of `steps` Lanczos steps with full reorthogonalisation, each from a seeded uniform unit vector."""
    rng = np.random.default_rng(seed)
    steps = min(steps, products.size)
    nodes, weights = np.zeros((probes, steps)), np.zeros((probes, steps))
    for probe in range(probes):
        basis = np.zeros((steps, products.size))
        vector = rng.normal(size=products.size)
        basis[0] = vector / np.linalg.norm(vector)
        alphas: list[float] = []
        betas: list[float] = []
        for step in range(steps):
            w = products(basis[step])
            alphas.append(float(basis[step] @ w))
            for _ in range(2):  # full reorthogonalisation, twice is enough (Kahan–Parlett)
                w -= basis[: step + 1].T @ (basis[: step + 1] @ w)
            beta = float(np.linalg.norm(w))
            scale = max(*(abs(a) for a in alphas), *betas, 1e-300)
            if step + 1 == steps or beta <= 1e-12 * scale:
                break
            betas.append(beta)
            basis[step + 1] = w / beta
        ritz, vectors = np.linalg.eigh(np.diag(alphas) + np.diag(betas, 1) + np.diag(betas, -1))
        found = len(alphas)  # an invariant subspace ends the run early: its quadrature is exact
        nodes[probe, :found], weights[probe, :found] = ritz, vectors[0] ** 2
        nodes[probe, found:] = ritz[-1]  # padding with zero weight
    return Quadrature(nodes, weights)


@dataclass(frozen=True)
class Fraction:
    """An estimated fraction of the eigenvalues, with a bracket [low, high] (quadrature bounds ± 2 s.e.)."""

    estimate: float
    low: float
    high: float


def fraction_below(quadrature: Quadrature, threshold: float, inclusive: bool = False) -> Fraction:
    """Fraction of eigenvalues < threshold (≤ if inclusive). Per probe, with nodes x₁<…<x_m and j the last node
    on the counted side, Chebyshev–Markov–Stieltjes gives Σ_{i<j} w_i ≤ μ_v(side) ≤ Σ_{i≤j+1} w_i."""
    below = quadrature.nodes <= threshold if inclusive else quadrature.nodes < threshold
    order = np.argsort(quadrature.nodes, axis=1, kind="stable")
    nodes = np.take_along_axis(quadrature.nodes, order, axis=1)
    weights = np.take_along_axis(quadrature.weights, order, axis=1)
    below = np.take_along_axis(below, order, axis=1)
    estimates = (weights * below).sum(axis=1)
    last = below.sum(axis=1) - 1  # index of x_j, −1 if none
    rows = np.arange(len(nodes))
    at_last = np.where(last >= 0, weights[rows, np.maximum(last, 0)], 0.0)
    after = np.where(last + 1 < nodes.shape[1], weights[rows, np.minimum(last + 1, nodes.shape[1] - 1)], 0.0)
    spread = 2 * estimates.std(ddof=1) / np.sqrt(len(estimates)) if len(estimates) > 1 else 0.0
    return Fraction(estimate=float(estimates.mean()),
                    low=float(max(0.0, (estimates - at_last).mean() - spread)),
                    high=float(min(1.0, (estimates + after).mean() + spread)))


def bin_masses(quadrature: Quadrature, edges: np.ndarray) -> np.ndarray:
    """The SLQ density's mass in each bin [edges[k], edges[k+1]) (the last bin closed), averaged over probes."""
    index = np.clip(np.searchsorted(edges, quadrature.nodes, side="right") - 1, 0, len(edges) - 2)
    inside = (quadrature.nodes >= edges[0]) & (quadrature.nodes <= edges[-1])
    masses = np.zeros((len(quadrature.nodes), len(edges) - 1))
    for probe in range(len(quadrature.nodes)):
        np.add.at(masses[probe], index[probe][inside[probe]], quadrature.weights[probe][inside[probe]])
    return masses.mean(axis=0)


@dataclass(frozen=True)
class NewtonResult:
    theta: torch.Tensor
    gradient_norms: tuple[float, ...]  # ‖∇L‖ before each step and at the end
    products: int


def newton_minres(loss: Loss, theta: torch.Tensor, iterations: int, tolerance: float,
                  inner_iterations: int) -> NewtonResult:
    """Newton steps −H⁻¹∇L by MINRES on HVPs (≤ inner_iterations each), shortened until ‖∇L‖ falls; stops at
    ‖∇L‖ < tolerance, after `iterations` steps, or when no step length lowers ‖∇L‖."""
    gradient = grad(loss)
    theta, radius, products, norms = theta.detach(), 1.0, 0, []
    for _ in range(iterations):
        g = gradient(theta)
        norms.append(float(g.norm()))
        if norms[-1] < tolerance:
            break
        hessian = HessianProducts(loss, theta)
        step, _ = minres(hessian.operator(), -g.cpu().numpy(), maxiter=inner_iterations, rtol=1e-12)
        products += hessian.count
        step = torch.from_numpy(step).to(theta.device)
        while radius > 1e-12:
            trial = step * min(1.0, radius / max(float(step.norm()), 1e-300))
            if float(gradient(theta + trial).norm()) < norms[-1]:
                theta, radius = theta + trial, min(4 * radius, 1.0)
                break
            radius /= 4
        else:
            break
    else:
        norms.append(float(gradient(theta).norm()))
    return NewtonResult(theta, tuple(norms), products)
