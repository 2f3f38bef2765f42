"""Storyboard 9: the minimum-ratio plot, from our own study (mathcore/data/minimum_ratio.json), set against the
lecture's picture. Reading the committed JSON needs no torch."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import sympy as sp

from mathcore.loss import latex
from mathcore.minimum_ratio import (
    MINIMUM_RATIO,
    RATIO_WITHOUT_NEAR_ZERO,
    STUDY_JSON,
    Measurement,
    SpectrumCounts,
    load_study,
)

#: What the lecture's slide shows: most points at minimum ratio 0.32–0.56, none near 1.
LECTURE_RATIO_BAND = (0.3, 0.6)


@dataclass(frozen=True)
class SignedHistogram:
    """A spectrum binned on a signed log scale s(λ): the near-zero band |λ| ≤ τ fills −1 ≤ s ≤ 1 linearly,
    and every decade of |λ| beyond τ adds one unit outwards, so 1e-3 and 90 fit on one axis."""

    tolerance: float
    left_edges: np.ndarray  # in s units
    right_edges: np.ndarray
    counts: np.ndarray
    kinds: tuple[str, ...]  # negative | near_zero | positive, one per bin
    tick_positions: np.ndarray  # s of λ = 0 and of ±10^k
    tick_latex: tuple[str, ...]
    counted: SpectrumCounts


@dataclass(frozen=True)
class MinimumRatioData:
    networks: int
    parameter_range: tuple[int, int]
    widths: tuple[int, ...]
    samples: int
    inputs: int
    zero_rtol: float
    tolerance_latex: str  # τ = (zero_rtol)·max|λ|
    ratio_latex: str  # the lecture's definition, from the sympy expression that computes it
    ratio_without_near_zero_latex: str
    stopped_losses: np.ndarray  # one per network, in plot order
    stopped_ratios: np.ndarray
    stopped_gradient_range: tuple[float, float]
    stopped_with_negative: int  # networks with a negative eigenvalue where Adam stopped
    losses: np.ndarray  # at the true critical point
    ratios: np.ndarray
    ratios_without_near_zero: np.ndarray
    gradient_range: tuple[float, float]
    true_minima: int  # converged networks without a single negative eigenvalue
    in_lecture_band: int  # converged networks whose ratio lies in LECTURE_RATIO_BAND
    agrees_with_lecture: bool  # most points in the band and no true minimum, as on the slide
    loss_axis_max: float
    lecture_band: tuple[float, float]  # where the slide's points lie
    example_index: int  # the network whose spectrum is shown: most negative eigenvalues where Adam stopped
    example_parameters: int
    example_stopped: SignedHistogram
    example_converged: SignedHistogram


def signed_log(values: np.ndarray, tolerance: float) -> np.ndarray:
    """An axis for eigenvalues of both signs and many sizes: linear within ±tolerance, then log10 each way."""
    magnitude = np.abs(values)
    outside = np.sign(values) * (1 + np.log10(np.maximum(magnitude, tolerance) / tolerance))
    return np.where(magnitude <= tolerance, values / tolerance, outside)


def power_latex(sign: int, exponent: int) -> str:
    """A tick label of that axis: ±10^k."""
    return ("-" if sign < 0 else "") + ("1" if exponent == 0 else f"10^{{{exponent}}}")


def _decades(top: float, tolerance: float) -> tuple[np.ndarray, np.ndarray]:
    """Exponents k with τ < 10^k ≤ 10^⌈log10 top⌉, and the bin edges 1, s(10^k)... of one side of the axis."""
    if top <= tolerance:  # nothing on this side beyond the band
        return np.array([], dtype=int), np.array([1.0])
    exponents = np.arange(int(np.floor(np.log10(tolerance))) + 1, int(np.ceil(np.log10(top))) + 1)
    return exponents, np.concatenate([[1.0], signed_log(10.0**exponents, tolerance)])


def signed_histogram(measurement: Measurement) -> SignedHistogram:
    """One bin for the near-zero band, one per decade on each side, as far out as the spectrum reaches."""
    counted = measurement.counts
    tolerance, eigenvalues = counted.tolerance, measurement.eigenvalues
    low_exponents, low_edges = _decades(-float(eigenvalues.min()), tolerance)
    high_exponents, high_edges = _decades(float(eigenvalues.max()), tolerance)
    edges = np.concatenate([-low_edges[::-1], high_edges])
    counts, _ = np.histogram(signed_log(eigenvalues, tolerance), bins=edges)
    kinds = ("negative",) * (len(low_edges) - 1) + ("near_zero",) + ("positive",) * (len(high_edges) - 1)
    ticks = ([(-edge, power_latex(-1, int(k))) for k, edge in zip(low_exponents, low_edges[1:])][::-1]
             + [(0.0, "0")] + [(edge, power_latex(1, int(k))) for k, edge in zip(high_exponents, high_edges[1:])])
    return SignedHistogram(
        tolerance=tolerance, left_edges=edges[:-1], right_edges=edges[1:], counts=counts, kinds=kinds,
        tick_positions=np.array([float(t) for t, _ in ticks]), tick_latex=tuple(text for _, text in ticks),
        counted=counted,
    )


def minimum_ratio_plot(path: Path | str = STUDY_JSON) -> MinimumRatioData:
    study = load_study(path)
    parameters = np.array([network.parameters for network in study.networks])
    losses = study.column("converged", "loss")
    ratios = study.column("converged", "minimum_ratio")
    stopped_losses = study.column("stopped", "loss")
    negatives_stopped = study.column("stopped", "negative")
    true_minima = int(np.sum(study.column("converged", "negative") == 0))
    low, high = LECTURE_RATIO_BAND
    in_band = int(np.sum((ratios >= low) & (ratios <= high)))
    example = int(np.argmax(negatives_stopped))
    settings = study.settings
    zero_rtol = float(settings["zero_rtol"])
    return MinimumRatioData(
        networks=len(study.networks),
        parameter_range=(int(parameters.min()), int(parameters.max())),
        widths=tuple(settings["widths"]),
        samples=int(settings["samples"]),
        inputs=(8 // int(settings["pool"])) ** 2,
        zero_rtol=zero_rtol,
        tolerance_latex=rf"\tau = {_number_latex(zero_rtol)} \cdot \max_i |\lambda_i|",
        ratio_latex=latex(MINIMUM_RATIO),
        ratio_without_near_zero_latex=latex(RATIO_WITHOUT_NEAR_ZERO),
        stopped_losses=stopped_losses,
        stopped_ratios=study.column("stopped", "minimum_ratio"),
        stopped_gradient_range=_range(study.column("stopped", "gradient_norm")),
        stopped_with_negative=int(np.sum(negatives_stopped > 0)),
        losses=losses,
        ratios=ratios,
        ratios_without_near_zero=study.column("converged", "ratio_without_near_zero"),
        gradient_range=_range(study.column("converged", "gradient_norm")),
        true_minima=true_minima,
        in_lecture_band=in_band,
        agrees_with_lecture=true_minima == 0 and 2 * in_band > len(ratios),
        loss_axis_max=float(np.ceil(max(losses.max(), stopped_losses.max()) * 10) / 10),
        lecture_band=LECTURE_RATIO_BAND,
        example_index=example,
        example_parameters=int(parameters[example]),
        example_stopped=signed_histogram(study.networks[example].stopped),
        example_converged=signed_histogram(study.networks[example].converged),
    )


def _number_latex(value: float) -> str:
    """10^{-4} rather than 0.0001 when the number is a power of ten."""
    exponent = round(np.log10(value))
    return f"10^{{{exponent}}}" if 10.0**exponent == value else latex(sp.Float(value, 3))


def _range(values: np.ndarray) -> tuple[float, float]:
    return float(values.min()), float(values.max())
