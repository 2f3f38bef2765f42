"""Storyboard part 8, the data of its two scenes.

8a, SliceReveal: a 1-D slice through a saddle looks like a local minimum; the second dimension reveals the saddle.

The slice is taken along the Hessian's positive eigen-direction, so in one dimension the point is a strict
minimum (second derivative uᵀHu = λ > 0); across it the loss goes down (λ < 0).

8b, RandomHessians: how often is a random symmetric matrix positive definite? (GOE, N = 1 … 12)

A Hessian at a critical point is a minimum only when all its eigenvalues are positive. For random symmetric
matrices from the Gaussian orthogonal ensemble (GOE: off-diagonal entries N(0, 1), diagonal N(0, 2), i.e.
H = (A + Aᵀ)/√2) that fraction collapses like exp(−θN²) with θ = ln 3 / 4 (Dean & Majumdar, PRL 97, 160201,
2006). Two seeded Monte Carlo estimates are computed here:

Both estimates, counting and importance sampling, are mathcore/random_matrices.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import sympy as sp

from mathcore.builtins import saddle
from mathcore.critical import classify, critical_points
from mathcore.loss import Loss, Mesh, latex
from mathcore.random_matrices import THETA, counted_fraction, fit_trend, goe, importance_fraction


@dataclass(frozen=True)
class SliceRevealData:
    loss_latex: str  # L(x, y)
    slice_latex: str  # L along the slice: L(x, 0) = x^{2}
    slice_second_derivative: float  # d²/ds² L(θ′ + s u) at s = 0: > 0, a minimum in 1-D
    point: np.ndarray  # θ′, the critical point
    kind: str  # what the full Hessian says: saddle
    eigenvalues: np.ndarray  # ascending
    eigenvectors: np.ndarray  # rows, unit
    eigenvalue_latex: tuple[str, ...]
    slice_direction: np.ndarray  # the eigenvector of the largest eigenvalue
    box: tuple[float, float, float, float]
    mesh: Mesh  # the whole surface
    slice_mesh: Mesh  # the same grid folded onto the slice curve: the surface before it grows out of the curve
    eigen_curves: tuple[np.ndarray, ...]  # (m, 3) points (x, y, L) along each eigenvector, same order


def slice_reveal(half_width: float = 1.5, resolution: int = 24, samples: int = 61) -> SliceRevealData:
    loss = saddle()
    point = np.zeros(2)
    box = (-half_width, half_width, -half_width, half_width)
    info = classify(loss, point, box)
    direction = info.eigenvectors[-1]
    s = loss.variables[0]  # the slice coordinate is named like the first variable: L(x, 0) = x²
    on_slice = [sp.nsimplify(p) + s * sp.nsimplify(u) for p, u in zip(point, direction)]
    along = sp.expand(loss.expression.subs(dict(zip(loss.variables, on_slice)), simultaneous=True))
    mesh = loss.to_mesh(box, resolution)
    flat_z = np.broadcast_to(loss.value(np.stack([mesh.x, np.zeros_like(mesh.x)], axis=-1)), mesh.z.shape)
    steps = np.linspace(-half_width, half_width, samples)
    curves = []
    for vector in info.eigenvectors:
        points = point + steps[:, None] * vector
        curves.append(np.column_stack([points, loss.value(points)]))
    hessian = sp.Matrix(loss.hessian_expressions).subs(dict(zip(loss.variables, point.tolist())))
    return SliceRevealData(
        loss_latex=loss.latex,
        slice_latex=f"L({', '.join(sp.latex(c) for c in on_slice)}) = {latex(along)}",
        slice_second_derivative=float(sp.diff(along, s, 2).subs(s, 0)),
        point=point,
        kind=info.kind,
        eigenvalues=info.eigenvalues,
        eigenvectors=info.eigenvectors,
        eigenvalue_latex=tuple(sp.latex(v) for v in sorted(hessian.eigenvals(), key=float)),
        slice_direction=direction,
        box=box,
        mesh=mesh,
        slice_mesh=Mesh(x=mesh.x, y=np.zeros_like(mesh.y), z=np.array(flat_z)),
        eigen_curves=tuple(curves),
    )


@dataclass(frozen=True)
class RandomHessiansData:
    sizes: np.ndarray  # N = 1 … max
    estimate: np.ndarray  # importance-sampled P(all λ > 0)
    relative_error: np.ndarray  # its standard error / estimate
    samples: int
    counted_sizes: np.ndarray  # the N where counting found at least one positive definite matrix
    counted: np.ndarray  # their fractions
    counted_hits: np.ndarray  # how many of count_samples matrices were positive definite
    count_samples: int
    theta: float
    theta_latex: str  # ln 3 / 4 as LaTeX
    trend_slope: float  # b in log P ≈ −θN² + bN + c, fitted with θ fixed
    trend_intercept: float  # c
    trend_latex: str  # e^{−θN² + bN + c} with θ as a symbol and b, c rounded
    example: np.ndarray  # one 4×4 GOE matrix rounded to one decimal, the matrix shown on screen
    example_eigenvalues: np.ndarray  # of that rounded matrix, ascending
    histogram_size: int
    eigenvalues: np.ndarray  # of one histogram_size GOE matrix, divided by √N: the semicircle on [−2, 2]
    bin_edges: np.ndarray
    bin_counts: np.ndarray
    semicircle_x: np.ndarray
    semicircle_density: np.ndarray  # √(4 − x²)/(2π), scaled to counts per bin
    negative_count: int
    rarity_power: int  # k in "about one matrix in 10^k" at the largest N: the power of ten nearest 1/estimate


@lru_cache(maxsize=4)  # a few seconds of sampling, shared by the scene and its tests in one process
def random_hessians(max_size: int = 12, samples: int = 40_000, count_samples: int = 100_000,
                    histogram_size: int = 400, bins: int = 22, seed: int = 2006) -> RandomHessiansData:
    sizes = np.arange(1, max_size + 1)
    estimates = [importance_fraction(int(n), samples, seed + int(n)) for n in sizes]
    estimate, relative_error = (np.array(column) for column in zip(*estimates))
    counts = [(int(n), *counted_fraction(int(n), count_samples, seed + 100 + int(n))) for n in sizes[:7]]
    counts = [row for row in counts if row[2] > 0]
    theta = float(THETA)
    slope, intercept = fit_trend(sizes.astype(float), estimate, relative_error, theta)
    n, theta_symbol = sp.Symbol("N"), sp.Symbol("theta")
    exponent = sp.Add(sp.Mul(-1, theta_symbol, n**2, evaluate=False), sp.Float(round(slope, 2), 2) * n,
                      sp.Float(round(intercept, 2), 2), evaluate=False)
    rng = np.random.default_rng(seed)
    eigenvalues = np.linalg.eigvalsh(goe(histogram_size, 1, rng)[0]) / np.sqrt(histogram_size)
    example = np.round(goe(4, 1, np.random.default_rng(seed + 1))[0], 1)
    edges = np.linspace(-2.2, 2.2, bins + 1)  # a little beyond ±2: the edge eigenvalues fluctuate
    bin_counts, _ = np.histogram(eigenvalues, edges)
    x = np.linspace(-2.0, 2.0, 161)
    density = np.sqrt(np.clip(4 - x**2, 0, None)) / (2 * np.pi) * histogram_size * (edges[1] - edges[0])
    return RandomHessiansData(
        sizes=sizes, estimate=estimate, relative_error=relative_error, samples=samples,
        counted_sizes=np.array([row[0] for row in counts]), counted=np.array([row[1] for row in counts]),
        counted_hits=np.array([row[2] for row in counts]), count_samples=count_samples,
        theta=theta, theta_latex=sp.latex(THETA, ln_notation=True), trend_slope=slope, trend_intercept=intercept,
        trend_latex=f"e^{{{sp.latex(exponent, order='none')}}}",
        example=example, example_eigenvalues=np.linalg.eigvalsh(example),
        histogram_size=histogram_size, eigenvalues=eigenvalues, bin_edges=edges, bin_counts=bin_counts,
        semicircle_x=x, semicircle_density=density, negative_count=int(np.count_nonzero(eigenvalues < 0)),
        rarity_power=round(-np.log10(estimate[-1])),
    )


@dataclass(frozen=True)
class CriticalPointCountData:
    """8c, CriticalPointCount: the critical points of n separate double wells Σ (xᵢ² − 1)², n = 1 … 6, found and
    classified by `saddle analyze`'s own analysis (mathcore.critical): most of them are saddles."""

    loss_latex: str  # Σ_{i=1}^{n} (x_i² − 1)², from a sympy Sum
    well_latex: str  # one well, (x² − 1)²
    well_x: np.ndarray  # the one-variable well, sampled for the picture
    well_y: np.ndarray
    well_points: np.ndarray  # its critical points, ascending
    well_kinds: tuple[str, ...]
    dimensions: np.ndarray  # n = 1 … max
    points: np.ndarray  # critical points found for each n
    by_index: np.ndarray  # (max, max + 1): [n − 1, k] = points of index k (k negative eigenvalues)
    minima: np.ndarray
    maxima: np.ndarray
    saddles: np.ndarray
    box_half_width: float


def double_wells(dimension: int):
    """Σ (xᵢ² − 1)² in x1 … xn, parsed from text exactly as `saddle analyze` parses it."""
    names = [f"x{i}" for i in range(1, dimension + 1)]
    return Loss.from_text(" + ".join(f"(x{i}**2 - 1)**2" for i in range(1, dimension + 1)), names, dimension=None)


def critical_point_count(max_dimension: int = 6, half_width: float = 2.0) -> CriticalPointCountData:
    sets = [critical_points(double_wells(n), (-half_width, half_width) * n) for n in range(1, max_dimension + 1)]
    by_index = np.zeros((max_dimension, max_dimension + 1), dtype=int)
    for n, critical in enumerate(sets, start=1):
        for index, count in critical.index_counts().items():
            by_index[n - 1, index] = count
    kinds = [[p.kind for p in critical.points] for critical in sets]
    i, n, x = sp.Idx("i"), sp.Symbol("n", integer=True, positive=True), sp.IndexedBase("x")
    well = double_wells(1)
    xs = np.linspace(-1.6, 1.6, 161)
    return CriticalPointCountData(
        loss_latex=sp.latex(sp.Sum((x[i] ** 2 - 1) ** 2, (i, 1, n))),
        well_latex=sp.latex(well.expression.subs(well.variables[0], sp.Symbol("x"))),
        well_x=xs,
        well_y=well.value(xs[:, None]),
        well_points=np.array([p.point[0] for p in sets[0].points]),
        well_kinds=tuple(p.kind for p in sets[0].points),
        dimensions=np.arange(1, max_dimension + 1),
        points=np.array([len(critical.points) for critical in sets]),
        by_index=by_index,
        minima=np.array([k.count("minimum") for k in kinds]),
        maxima=np.array([k.count("maximum") for k in kinds]),
        saddles=np.array([k.count("saddle") for k in kinds]),
        box_half_width=half_width,
    )
