"""Storyboard 9, continued: the minimum ratio from ~10³ to ~10⁵ parameters, from the committed scaled study
(mathcore/data/minimum_ratio_scaled.json): the largest network's eigenvalue density, and the ratio against the
parameter count beside the lecture's band. Reading the JSON needs no torch."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from mathcore.minimum_ratio_scaled import (
    SCALED_JSON,
    ScaledStudy,
    eigsh_bottom,
    load_scaled_study,
    negatives_found,
    negatives_resolved,
)
from mathcore.story.s09_minimum_ratio import LECTURE_RATIO_BAND, power_latex, signed_log

DATASET_NAMES = {"digits": "8×8 digits", "mnist1d": "MNIST-1D"}
CRITICAL_GRADIENT = 1e-8  # ‖∇L‖ below this: at a critical point, as far as float64 tells; above it: near one


@dataclass(frozen=True)
class DensityBars:
    """One network's eigenvalue density on the signed log scale s(λ) of the MinimumRatio scene (the band |λ| ≤ τ
    is −1 ≤ s ≤ 1, each decade of |λ| beyond adds one unit), one bar per bin, its mass a fraction of all P."""

    parameters: int
    method: str  # "lanczos" (SLQ masses) or "exact" (counted)
    tolerance: float
    left_edges: np.ndarray  # in s units
    right_edges: np.ndarray
    masses: np.ndarray  # fractions of the P eigenvalues
    kinds: tuple[str, ...]  # negative | near_zero | positive
    tick_positions: np.ndarray
    tick_latex: tuple[str, ...]
    lowest: float  # the lowest eigenvalue (exact), or the lowest of eigsh's and SLQ's Ritz values (λ_min ≤ it)
    highest: float
    negative: int  # eigenvalues below −τ: all of them if negative_resolved, else at least this many
    negative_resolved: bool


@dataclass(frozen=True)
class ScaledRatioData:
    networks: int
    planned: int  # networks the preset planned (fewer ran if the study was cut short)
    wall_minutes: float
    datasets: tuple[str, ...]
    parameter_range: tuple[int, int]
    sizes: tuple[int, ...]
    parameters: np.ndarray  # one entry per network
    exact: np.ndarray  # bool: the spectrum was computed exactly
    ratios: np.ndarray  # the lecture's minimum ratio: exact, or SLQ's estimate
    ratio_low: np.ndarray  # exact: the ratio itself; Lanczos: SLQ's bracket
    ratio_high: np.ndarray
    negatives: np.ndarray  # eigenvalues below −τ found (exact, or eigsh's bottom ones)
    negatives_resolved: np.ndarray  # bool: that is all of them (exact, or eigsh reached one above −τ)
    gradients: np.ndarray  # ‖∇L‖ where Newton stopped, one per network
    stopped_gradients: np.ndarray  # ‖∇L‖ where Adam stopped
    gradient_range: tuple[float, float]  # ‖∇L‖ where Newton stopped
    critical: np.ndarray  # bool per network: its ‖∇L‖ fell below CRITICAL_GRADIENT
    at_critical: int  # how many did
    critical_gradient_range: tuple[float, float]  # ‖∇L‖ of those (nan, nan if none)
    near_sizes: tuple[int, ...]  # parameter counts of the networks that stopped above it, only near a critical point
    near_gradient_range: tuple[float, float]  # ‖∇L‖ of those (nan, nan if none)
    stopped_gradient_range: tuple[float, float]  # where Adam stopped
    lecture_band: tuple[float, float]
    in_lecture_band: int
    minima: int  # at a critical point (‖∇L‖ < CRITICAL_GRADIENT) with no eigenvalue below −τ, sure of it
    saddles: int  # at a critical point with at least one eigenvalue below −τ; a network only near one is neither
    compared: int  # networks with both an exact and a Lanczos spectrum
    fraction_gap: float  # largest |exact fraction − SLQ estimate| over them (negative, near-zero, positive)
    within_brackets: bool  # every exact fraction inside its SLQ bracket
    top_gap: float  # largest relative difference of eigsh's top eigenvalue from the exact one
    largest: DensityBars


def density_bars(record: dict) -> DensityBars:
    """The largest network's bars: SLQ masses (exact counts where the spectrum is exact)."""
    density, lanczos = record["density"], record["lanczos"]
    method = "exact" if "exact" in density else "lanczos"
    tolerance = float(record["exact"]["zero_tolerance"] if method == "exact" else lanczos["zero_tolerance"])
    edges, masses = symmetric_bins(np.array(density["edges"]), np.array(density[method]))
    positions = signed_log(edges, tolerance)
    side = (len(edges) - 2) // 2  # bins each side of [−τ, τ], which symmetric_bins puts in the middle
    kinds = ("negative",) * side + ("near_zero",) + ("positive",) * side  # by place: the file rounds τ and edges apart
    ticks = sorted([(0.0, "0")] + [(float(s), power_latex(int(np.sign(edge)), round(np.log10(abs(edge)))))
                                   for edge, s in zip(edges, positions) if abs(s) > 1 + 1e-9])
    source = record["exact"] if method == "exact" else lanczos
    negative, resolved = _negatives(record)
    return DensityBars(
        parameters=int(record["parameters"]), method=method, tolerance=tolerance, left_edges=positions[:-1],
        right_edges=positions[1:], masses=masses, kinds=kinds, tick_positions=np.array([t for t, _ in ticks]),
        tick_latex=tuple(text for _, text in ticks), lowest=min([*eigsh_bottom(source), lanczos["lowest_ritz"]])
        if method == "lanczos" else float(source["bottom"][0]),
        highest=float(source["top"][0]), negative=negative, negative_resolved=resolved)


def symmetric_bins(edges: np.ndarray, masses: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The decade bins mirrored so both signs reach equally far, the added bins empty: a side with no eigenvalue
    shows as an empty half of the axis instead of a missing one. Edges: −10^b … −10^k, −τ, τ, 10^k … 10^b."""
    centre = int(np.flatnonzero(np.isclose(edges[:-1], -edges[1:]))[0])  # the bin [−τ, τ]
    negative, positive = -edges[:centre][::-1], edges[centre + 2:]
    reach = positive if len(positive) >= len(negative) else negative
    full = np.concatenate([-reach[::-1], edges[centre: centre + 2], reach])
    spread = np.zeros(len(full) - 1)
    offset = len(reach) - len(negative)
    spread[offset: offset + len(masses)] = masses
    return full, spread


def _negatives(record: dict) -> tuple[int, bool]:
    if "exact" in record:
        return int(record["exact"]["counts"]["negative"]), True
    return negatives_found(record["lanczos"]), negatives_resolved(record["lanczos"])


def _agreement(study: ScaledStudy) -> tuple[int, float, bool, float]:
    """Exact against Lanczos on every network that has both."""
    gaps, inside, top_gaps = [0.0], True, [0.0]
    both = [record for record in study.networks if "exact" in record]
    for record in both:
        exact, lanczos = record["exact"], record["lanczos"]
        for kind in ("negative", "near_zero", "positive"):
            fraction = exact["counts"][kind] / record["parameters"]
            estimate, low, high = lanczos[f"{kind}_fraction"]
            gaps.append(abs(fraction - estimate))
            inside = inside and low <= fraction <= high
        top_gaps.append(abs(lanczos["top"][0] - exact["top"][0]) / abs(exact["top"][0]))
    return len(both), max(gaps), inside, max(top_gaps)


def minimum_ratio_scaled_plot(path: Path | str = SCALED_JSON) -> ScaledRatioData:
    study = load_scaled_study(path)
    networks = sorted(study.networks, key=lambda record: (record["parameters"], record["key"]))
    parameters = np.array([record["parameters"] for record in networks])
    exact = np.array(["exact" in record for record in networks])
    brackets = np.array([[record["exact"]["minimum_ratio"]] * 3 if "exact" in record
                         else record["lanczos"]["minimum_ratio"] for record in networks])
    negatives, resolved = (np.array(column) for column in zip(*(_negatives(record) for record in networks)))
    low, high = LECTURE_RATIO_BAND
    compared, gap, inside, top_gap = _agreement(study)
    largest = max(networks, key=lambda record: (record["parameters"], "exact" in record))
    gradients = np.array([record["converged"]["gradient_norm"] for record in networks])
    at_critical = gradients < CRITICAL_GRADIENT
    return ScaledRatioData(
        networks=len(networks), planned=len(study.settings["planned"]),
        wall_minutes=float(study.settings["wall_seconds"]) / 60,
        datasets=tuple(sorted({DATASET_NAMES[record["spec"]["dataset"]] for record in networks})),
        parameter_range=(int(parameters.min()), int(parameters.max())), sizes=tuple(sorted(set(parameters.tolist()))),
        parameters=parameters, exact=exact, ratios=brackets[:, 0], ratio_low=brackets[:, 1],
        ratio_high=brackets[:, 2], negatives=negatives, negatives_resolved=resolved,
        gradients=gradients, stopped_gradients=np.array([record["stopped"]["gradient_norm"] for record in networks]),
        gradient_range=_range(gradients), critical=at_critical, at_critical=int(np.sum(at_critical)),
        critical_gradient_range=_range(gradients[at_critical]),
        near_sizes=tuple(sorted(set(parameters[~at_critical].tolist()))),
        near_gradient_range=_range(gradients[~at_critical]),
        stopped_gradient_range=_range([record["stopped"]["gradient_norm"] for record in networks]),
        lecture_band=LECTURE_RATIO_BAND,
        in_lecture_band=int(np.sum((brackets[:, 0] >= low) & (brackets[:, 0] <= high))),
        minima=int(np.sum(at_critical & (negatives == 0) & resolved)),
        saddles=int(np.sum(at_critical & (negatives > 0))),
        compared=compared, fraction_gap=gap, within_brackets=inside, top_gap=top_gap,
        largest=density_bars(largest),
    )


def _range(values) -> tuple[float, float]:
    return (float(min(values)), float(max(values))) if len(values) else (float("nan"), float("nan"))
