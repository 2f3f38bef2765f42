"""The minimum ratio of a Hessian spectrum, and the committed study data it is plotted from.

Torch-free on purpose: rendering and most tests read `mathcore/data/minimum_ratio.json` through this module,
and only `saddle study` (mathcore/study.py) needs torch to regenerate it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import sympy as sp

from mathcore.errors import LossError

STUDY_JSON = Path(__file__).parent / "data" / "minimum_ratio.json"

#: An eigenvalue is "near zero" when |λ| ≤ ZERO_RTOL · max|λ| of its own spectrum.
ZERO_RTOL = 1e-4

# The two ratios, as the sympy expressions that are both evaluated and typeset.
N_POSITIVE, N_NEAR_ZERO, N_NEGATIVE = sp.symbols("N_{+} N_{0} N_{-}", nonnegative=True, integer=True)
MINIMUM_RATIO = N_POSITIVE / (N_POSITIVE + N_NEAR_ZERO + N_NEGATIVE)
RATIO_WITHOUT_NEAR_ZERO = N_POSITIVE / (N_POSITIVE + N_NEGATIVE)
_COUNTS = (N_POSITIVE, N_NEAR_ZERO, N_NEGATIVE)
_minimum_ratio = sp.lambdify(_COUNTS, MINIMUM_RATIO)
_ratio_without_near_zero = sp.lambdify(_COUNTS, RATIO_WITHOUT_NEAR_ZERO)


@dataclass(frozen=True)
class SpectrumCounts:
    """How many eigenvalues are positive, near zero and negative under one tolerance."""

    positive: int
    near_zero: int
    negative: int
    tolerance: float  # absolute: |λ| ≤ tolerance counts as near zero

    @property
    def total(self) -> int:
        return self.positive + self.near_zero + self.negative

    @property
    def minimum_ratio(self) -> float:
        """The lecture's definition: positive eigenvalues / all eigenvalues."""
        return float(_minimum_ratio(self.positive, self.near_zero, self.negative))

    @property
    def ratio_without_near_zero(self) -> float:
        """Positive / (positive + negative): the near-zero band set aside."""
        return float(_ratio_without_near_zero(self.positive, self.near_zero, self.negative))


def count_eigenvalues(eigenvalues, zero_rtol: float = ZERO_RTOL) -> SpectrumCounts:
    """Sort a spectrum into positive / near-zero / negative with |λ| ≤ zero_rtol · max|λ| as the zero band."""
    values = np.asarray(eigenvalues, dtype=float)
    if values.ndim != 1 or values.size == 0 or not np.all(np.isfinite(values)):
        raise LossError("a spectrum must be a non-empty list of finite eigenvalues")
    if not 0 <= zero_rtol < 1:
        raise LossError(f"the zero tolerance must lie in [0, 1), got {zero_rtol}")
    scale = float(np.max(np.abs(values)))
    if scale == 0:
        raise LossError("a zero Hessian has no scale to measure near-zero eigenvalues against")
    tolerance = zero_rtol * scale
    positive = int(np.sum(values > tolerance))
    negative = int(np.sum(values < -tolerance))
    return SpectrumCounts(positive, values.size - positive - negative, negative, tolerance)


@dataclass(frozen=True)
class Measurement:
    """A network's parameters at one moment: its loss, gradient and exact Hessian spectrum."""

    loss: float  # the training objective, weight decay included
    data_loss: float  # cross-entropy alone
    accuracy: float
    gradient_norm: float
    eigenvalues: np.ndarray  # ascending
    counts: SpectrumCounts


@dataclass(frozen=True)
class TrainedNetwork:
    """One dot of the study, measured where a budget of Adam steps stopped and where ∇L truly vanished."""

    index: int
    seed: int
    width: int
    parameters: int
    adam_steps: int
    stopped: Measurement  # after the Adam budget: "converged" as training curves usually call it
    converged: Measurement  # after L-BFGS and Newton: a critical point to machine precision


@dataclass(frozen=True)
class Study:
    settings: dict
    networks: tuple[TrainedNetwork, ...]

    def column(self, moment: str, name: str) -> np.ndarray:
        """One number per network, e.g. column("converged", "loss") or column("stopped", "minimum_ratio")."""
        measurements = [getattr(network, moment) for network in self.networks]
        return np.array([getattr(m, name) if hasattr(m, name) else getattr(m.counts, name) for m in measurements])


def _significant(value: float, digits: int) -> float:
    return float(f"{value:.{digits}g}")


def measurement_record(measurement: Measurement) -> dict:
    """The JSON object of one measurement (eigenvalues to 7 significant digits, enough to recount them)."""
    counts = measurement.counts
    return {
        "loss": _significant(measurement.loss, 12),
        "data_loss": _significant(measurement.data_loss, 12),
        "accuracy": _significant(measurement.accuracy, 12),
        "gradient_norm": _significant(measurement.gradient_norm, 6),
        "positive": counts.positive,
        "near_zero": counts.near_zero,
        "negative": counts.negative,
        "zero_tolerance": _significant(counts.tolerance, 6),
        "minimum_ratio": round(counts.minimum_ratio, 12),
        "ratio_without_near_zero": round(counts.ratio_without_near_zero, 12),
        "eigenvalues": [_significant(value, 7) for value in measurement.eigenvalues],
    }


def network_record(network: TrainedNetwork) -> dict:
    return {"index": network.index, "seed": network.seed, "width": network.width, "parameters": network.parameters,
            "adam_steps": network.adam_steps, "stopped": measurement_record(network.stopped),
            "converged": measurement_record(network.converged)}


def study_record(settings: dict, network_records: list[dict]) -> dict:
    return {
        "about": "saddle study: small tanh networks on scikit-learn's digits; exact Hessian spectra (torch.func) "
        "where the Adam budget stopped and where the gradient truly vanished (L-BFGS, then Newton). "
        "minimum_ratio = positive / all eigenvalues; ratio_without_near_zero = positive / (positive + negative); "
        "near zero: |eigenvalue| <= zero_rtol * max|eigenvalue|.",
        "settings": settings,
        "networks": network_records,
    }


def _measurement(record: dict, zero_rtol: float) -> Measurement:
    return Measurement(
        loss=record["loss"], data_loss=record["data_loss"], accuracy=record["accuracy"],
        gradient_norm=record["gradient_norm"], eigenvalues=np.array(record["eigenvalues"]),
        counts=count_eigenvalues(record["eigenvalues"], zero_rtol),
    )


def load_study(path: Path | str = STUDY_JSON) -> Study:
    """Read a study file written by `saddle study` and recount every spectrum with its stated tolerance."""
    try:
        data = json.loads(Path(path).read_text())
        zero_rtol = float(data["settings"]["zero_rtol"])
        networks = tuple(
            TrainedNetwork(
                index=record["index"], seed=record["seed"], width=record["width"],
                parameters=record["parameters"], adam_steps=record["adam_steps"],
                stopped=_measurement(record["stopped"], zero_rtol),
                converged=_measurement(record["converged"], zero_rtol),
            )
            for record in data["networks"]
        )
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise LossError(f"cannot read the study file {path}: {error}") from None
    if not networks:
        raise LossError(f"the study file {path} holds no networks")
    return Study(data["settings"], networks)
