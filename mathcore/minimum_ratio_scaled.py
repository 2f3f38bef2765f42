"""The scaled study's committed data (mathcore/data/minimum_ratio_scaled.json), read without torch: what the
scene and the tests need, and the two helpers the study writes its numbers with.

A network's record holds its size, loss, accuracy and ‖∇L‖ where Adam stopped and where Newton converged; at the
converged point the Lanczos measurement (eigsh extremes, SLQ fractions with brackets [estimate, low, high]) and,
for the sizes that allow it, the exact spectrum (every eigenvalue, its counts); and the density on signed decade
bins from both."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from mathcore.errors import LossError
from mathcore.minimum_ratio import SpectrumCounts

SCALED_JSON = Path(__file__).parent / "data" / "minimum_ratio_scaled.json"


def signed_decade_edges(tolerance: float, low: float, high: float) -> np.ndarray:
    """Bin edges −10^a … −10^k, −τ, τ, 10^k … 10^b: the near-zero band [−τ, τ] is one bin, every decade of |λ|
    beyond it another, reaching past the lowest and highest eigenvalue (one side stops at ∓τ if nothing is there)."""
    if not tolerance > 0 or not np.isfinite([low, high]).all():
        raise LossError("the decade bins need a positive tolerance and finite extremes")
    first = int(np.floor(np.log10(tolerance))) + 1

    def side(reach: float) -> list[float]:
        return [10.0**k for k in range(first, int(np.ceil(np.log10(reach))) + 1)] if reach > tolerance else []

    negative, positive = side(-low), side(high)
    return np.array([-v for v in negative[::-1]] + [-tolerance, tolerance] + positive)


def eigsh_bottom(lanczos: dict) -> list[float]:
    """The lowest eigenvalues eigsh converged to. (Files written before 'top_converged' existed put the lowest Ritz
    value of SLQ, an upper bound on λ_min, in their place when eigsh converged none: that is not counted.)"""
    bottom = list(lanczos["bottom"])
    if "top_converged" not in lanczos and bottom == [lanczos["lowest_ritz"]]:
        return []
    return bottom


def negatives_resolved(lanczos: dict) -> bool:
    """Whether eigsh's converged lowest eigenvalues reach up to −τ or beyond: then every eigenvalue below −τ is among
    them and their count is N₋ (as far as ARPACK's lowest Ritz values are the lowest eigenvalues, its premise)."""
    bottom = eigsh_bottom(lanczos)
    return bool(bottom) and max(bottom) >= -float(lanczos["zero_tolerance"])


def negatives_found(lanczos: dict) -> int:
    """Eigenvalues below −τ that are certain: eigsh's converged ones, or one if SLQ's lowest Ritz value is below −τ
    (a Ritz value is never below λ_min)."""
    tolerance = float(lanczos["zero_tolerance"])
    found = sum(value < -tolerance for value in eigsh_bottom(lanczos))
    return max(found, int(lanczos["lowest_ritz"] < -tolerance))


def lanczos_ratio_without_near_zero(lanczos: dict) -> list[float]:
    """N₊ / (N₊ + N₋) from SLQ's fractions: [estimate, low, high] (it rises with N₊ and falls with N₋)."""

    def ratio(positive: float, negative: float) -> float:
        return positive / (positive + negative) if positive + negative > 0 else 0.0

    (positive, positive_low, positive_high), (negative, negative_low, negative_high) = (
        lanczos["positive_fraction"], lanczos["negative_fraction"])
    return [round(value, 6) for value in (ratio(positive, negative), ratio(positive_low, negative_high),
                                          ratio(positive_high, negative_low))]


def counts_record(counts: SpectrumCounts) -> dict:
    return {"counts": {"positive": counts.positive, "near_zero": counts.near_zero, "negative": counts.negative},
            "zero_tolerance": float(f"{counts.tolerance:.6g}"), "minimum_ratio": round(counts.minimum_ratio, 12),
            "ratio_without_near_zero": round(counts.ratio_without_near_zero, 12)}


@dataclass(frozen=True)
class ScaledStudy:
    settings: dict
    networks: tuple[dict, ...]  # the records as written by mathcore.scaled_study.run_network

    def sizes(self) -> list[int]:
        return sorted({network["parameters"] for network in self.networks})

    def at(self, parameters: int) -> list[dict]:
        return [network for network in self.networks if network["parameters"] == parameters]


REQUIRED = ("key", "parameters", "stopped", "converged", "lanczos", "density")


def load_scaled_study(path: Path | str = SCALED_JSON) -> ScaledStudy:
    """Read a file written by `saddle study --scaled`; every record must be complete."""
    try:
        data = json.loads(Path(path).read_text())
        networks = tuple(data["networks"])
        for record in networks:
            missing = [name for name in REQUIRED if name not in record]
            if missing:
                raise KeyError(f"network {record.get('key', '?')} lacks {', '.join(missing)}")
        settings = dict(data["settings"])
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise LossError(f"cannot read the scaled study file {path}: {error}") from None
    if not networks:
        raise LossError(f"the scaled study file {path} holds no networks")
    return ScaledStudy(settings, networks)
