"""The minimum-ratio study at scale: one network = one call of `run_network(spec)`, a pure top-level function of a
frozen, picklable spec that returns a plain JSON-ready dict, so any executor (local processes, Dask) can run it.

Each network: full-batch Adam for a stated budget (where training curves usually stop: "stopped"), then L-BFGS
and Newton–MINRES steps on Hessian-vector products drive ‖∇L‖ down as far as float64 and the budget allow
("converged"). At the converged point the spectrum is measured exactly (torch.func + eigvalsh) where the size
allows and by Lanczos on HVPs always (eigsh for the extremes, SLQ for the density and the fractions of negative,
near-zero and positive eigenvalues with error bars), side by side where both run. Same spec → same numbers
(seeded, float64, one torch thread per task)."""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, replace
from typing import Any

import numpy as np
import torch
from torch.func import grad

from mathcore.errors import LossError
from mathcore.minimum_ratio import ZERO_RTOL, count_eigenvalues
from mathcore.minimum_ratio_scaled import (
    counts_record,
    lanczos_ratio_without_near_zero,
    negatives_resolved,
    signed_decade_edges,
)
from mathcore.study import adam, lbfgs
from mathcore.study_networks import DATASETS, FlatNetwork, dataset, objective
from mathcore.study_spectra import (
    HessianProducts,
    Quadrature,
    bin_masses,
    exact_eigenvalues,
    extreme_eigenvalues,
    fraction_below,
    lanczos_quadrature,
    newton_minres,
)

EXTREMES_KEPT = 20  # top and bottom eigenvalues written per network


@dataclass(frozen=True)
class NetworkSpec:
    """Everything that decides one network's numbers."""

    dataset: str
    architecture: str  # "mlp" | "conv"
    widths: tuple[int, ...]
    seed: int
    exact: bool  # also the full Hessian's eigenvalues (a few thousand parameters at most here)
    samples: int = 0  # train on the first `samples` examples; 0: all of them
    adam_steps: int = 1000
    adam_learning_rate: float = 0.01
    weight_decay: float = 1e-4
    lbfgs_iterations: int = 2000
    lbfgs_tolerance: float = 1e-7  # hand over to Newton once every |∂L/∂θᵢ| is below this
    newton_iterations: int = 12
    minres_iterations: int = 200
    gradient_tolerance: float = 1e-10
    zero_rtol: float = ZERO_RTOL
    extremes: int = 10  # eigsh: this many eigenvalues at each end
    extreme_restarts: int = 8  # eigsh restarts at most (a cluster at the bottom converges slowly: take what did)
    probes: int = 8  # SLQ probes
    lanczos_steps: int = 60  # SLQ Lanczos steps per probe

    def __post_init__(self):
        if self.dataset not in DATASETS:
            raise LossError(f"unknown data set {self.dataset!r}: choose one of {', '.join(DATASETS)}")
        if self.probes < 2 or self.lanczos_steps < 2 or self.extremes < 1 or self.samples < 0:
            raise LossError("Lanczos needs at least 2 probes, 2 steps and 1 extreme eigenvalue; samples ≥ 0")

    def data(self) -> tuple[torch.Tensor, torch.Tensor]:
        features, labels = dataset(self.dataset)
        return (features[: self.samples], labels[: self.samples]) if self.samples else (features, labels)

    @property
    def network(self) -> FlatNetwork:
        return FlatNetwork(self.architecture, int(dataset(self.dataset)[0].shape[1]), self.widths)

    @property
    def key(self) -> str:
        """A name unique within a study: what resuming matches finished networks by."""
        subset = f"-first{self.samples}" if self.samples else ""
        return f"{self.dataset}{subset}-{self.architecture}-{'x'.join(map(str, self.widths))}-seed{self.seed}"

    def record(self) -> dict:
        return {**asdict(self), "widths": list(self.widths)}


def _significant(values, digits: int = 7) -> list[float]:
    return [float(f"{float(value):.{digits}g}") for value in np.ravel(values)]


def _moment(network: FlatNetwork, loss, theta: torch.Tensor, features, labels) -> dict:
    with torch.no_grad():
        logits = network.logits(theta, features)
        data_loss = float(torch.nn.functional.cross_entropy(logits, labels))
        accuracy = float((logits.argmax(1) == labels).double().mean())
    return {"loss": float(f"{float(loss(theta)):.12g}"), "data_loss": float(f"{data_loss:.12g}"),
            "accuracy": float(f"{accuracy:.12g}"), "gradient_norm": float(f"{float(grad(loss)(theta).norm()):.6g}")}


def lanczos_measurement(loss, theta: torch.Tensor, spec: NetworkSpec) -> tuple[dict, np.ndarray, Quadrature]:
    """eigsh extremes, then SLQ: counts as fractions with brackets, under the tolerance zero_rtol·max|λ|."""
    started, products = time.perf_counter(), HessianProducts(loss, theta)
    top = extreme_eigenvalues(products, spec.extremes, "LA", spec.seed, max_restarts=spec.extreme_restarts)
    bottom = extreme_eigenvalues(products, spec.extremes, "SA", spec.seed + 1, max_restarts=spec.extreme_restarts)
    extreme_products = products.count
    quadrature = lanczos_quadrature(products, spec.probes, spec.lanczos_steps, spec.seed + 2)
    lowest_ritz = float(quadrature.nodes.min())  # Ritz values lie inside the spectrum: λ_min ≤ this
    highest = float(top[-1]) if len(top) else float(quadrature.nodes.max())
    lowest = float(bottom[0]) if len(bottom) else lowest_ritz
    scale = max(abs(highest), abs(lowest))
    tolerance = spec.zero_rtol * scale
    negative = fraction_below(quadrature, -tolerance)
    not_positive = fraction_below(quadrature, tolerance, inclusive=True)
    size = products.size
    record: dict[str, Any] = {
        "method": "lanczos", "hvps": products.count, "extreme_hvps": extreme_products,
        "seconds": round(time.perf_counter() - started, 2), "probes": spec.probes, "steps": spec.lanczos_steps,
        "zero_tolerance": float(f"{tolerance:.6g}"),
        "negative_fraction": [negative.estimate, negative.low, negative.high],
        "near_zero_fraction": [not_positive.estimate - negative.estimate,
                               max(0.0, not_positive.low - negative.high), min(1.0, not_positive.high - negative.low)],
        "positive_fraction": [1 - not_positive.estimate, 1 - not_positive.high, 1 - not_positive.low],
        "negative_below_extremes": int(np.sum(bottom < -tolerance)), "lowest_ritz": float(f"{lowest_ritz:.7g}"),
        "top": _significant(top[::-1][:EXTREMES_KEPT] if len(top) else [highest]), "top_converged": len(top),
        "bottom": _significant(bottom[:EXTREMES_KEPT]),  # eigsh's converged lowest eigenvalues: maybe none
    }
    record["negative_resolved"] = negatives_resolved(record)
    for name in ("negative_fraction", "near_zero_fraction", "positive_fraction"):
        record[name] = _significant(record[name], 6)
    record["counts"] = {kind: round(record[f"{kind}_fraction"][0] * size, 1)
                        for kind in ("positive", "near_zero", "negative")}
    ratio = record["positive_fraction"]
    record["minimum_ratio"] = ratio
    record["ratio_without_near_zero"] = lanczos_ratio_without_near_zero(record)
    return record, np.array([tolerance, scale, lowest, highest]), quadrature


def run_network(spec: NetworkSpec, device: str = "cpu") -> dict:
    """Train, converge and measure one network; a JSON-ready record. Pure: the same spec on the same device gives
    the same record (apart from the seconds it took). device "cuda" puts the data and the parameters on a GPU."""
    torch.set_num_threads(1)
    started, cpu_started = time.perf_counter(), time.process_time()
    features, labels = (tensor.to(device) for tensor in spec.data())
    network = spec.network
    loss = objective(network, features, labels, spec.weight_decay)
    stopped = adam(loss, network.initial(spec.seed).to(device), spec.adam_steps, spec.adam_learning_rate)
    trained = time.perf_counter()
    descended = lbfgs(loss, stopped, spec.lbfgs_iterations, spec.lbfgs_tolerance)
    newton = newton_minres(loss, descended, spec.newton_iterations, spec.gradient_tolerance, spec.minres_iterations)
    converged_at = time.perf_counter()
    lanczos, (tolerance, _, low, high), quadrature = lanczos_measurement(loss, newton.theta, spec)
    record: dict[str, Any] = {
        "key": spec.key, "spec": spec.record(), "device": device, "parameters": network.parameters,
        "samples": len(labels),
        "stopped": _moment(network, loss, stopped, features, labels),
        "converged": _moment(network, loss, newton.theta, features, labels),
        "newton_gradient_norms": _significant(newton.gradient_norms, 4), "newton_hvps": newton.products,
        "lanczos": lanczos,
        "seconds": {"adam": round(trained - started, 2), "converge": round(converged_at - trained, 2)},
    }
    exact: dict[str, Any] | None = None
    if spec.exact:
        begun = time.perf_counter()
        eigenvalues = exact_eigenvalues(loss, newton.theta)
        counts = count_eigenvalues(eigenvalues, spec.zero_rtol)
        exact = {"method": "exact", "seconds": round(time.perf_counter() - begun, 2), **counts_record(counts),
                 "top": _significant(eigenvalues[::-1][:EXTREMES_KEPT]),
                 "bottom": _significant(eigenvalues[:EXTREMES_KEPT]), "eigenvalues": _significant(eigenvalues)}
        tolerance, low, high = counts.tolerance, float(eigenvalues[0]), float(eigenvalues[-1])
        record["exact"] = exact
    edges = signed_decade_edges(tolerance, low, high)
    record["density"] = {"edges": _significant(edges), "lanczos": _significant(bin_masses(quadrature, edges), 6)}
    if exact is not None:
        counted, _ = np.histogram(np.array(exact["eigenvalues"]), bins=edges)
        record["density"]["exact"] = _significant(counted / network.parameters, 6)
    record["seconds"]["total"] = round(time.perf_counter() - started, 2)
    record["seconds"]["cpu"] = round(time.process_time() - cpu_started, 2)  # = wall on an idle core
    return record


def _full() -> list[NetworkSpec]:
    """~10³ to ~10⁵ parameters, in the order they are worth having if the run is cut short: every size once
    (the largest first, it takes longest), then the second seeds, then the third."""
    sizes = {
        "85k": NetworkSpec("digits", "mlp", (256, 256), seed=0, exact=False, adam_steps=400, lbfgs_iterations=1500,
                           newton_iterations=5, minres_iterations=200, extremes=6, extreme_restarts=3, probes=6,
                           lanczos_steps=50),
        "910": NetworkSpec("digits", "mlp", (12,), seed=0, exact=True),
        "3466": NetworkSpec("digits", "mlp", (32, 32), seed=0, exact=True),
        "conv": NetworkSpec("mnist1d", "conv", (16,), seed=0, exact=True),
        "17k": NetworkSpec("digits", "mlp", (128, 64), seed=0, exact=False, lbfgs_iterations=3000,
                           newton_iterations=6, minres_iterations=200, extreme_restarts=3, probes=6, lanczos_steps=50),
    }
    order = [("85k", 0), ("910", 0), ("3466", 0), ("17k", 0), ("910", 1), ("910", 2), ("3466", 1), ("17k", 1),
             ("conv", 0), ("85k", 1), ("3466", 2), ("conv", 1)]
    return [replace(sizes[size], seed=seed) for size, seed in order]


def _ci() -> list[NetworkSpec]:
    """One 310-parameter network on 300 digits: the whole path (train, converge, exact and Lanczos) in seconds."""
    return [NetworkSpec("digits", "mlp", (4,), seed=0, exact=True, samples=300, adam_steps=300,
                        lbfgs_iterations=500, newton_iterations=10, minres_iterations=100, extremes=4,
                        extreme_restarts=10, probes=4, lanczos_steps=30)]


PRESETS = {"full": _full, "ci": _ci}


def preset(name: str) -> list[NetworkSpec]:
    if name not in PRESETS:
        raise LossError(f"unknown preset {name!r}: choose one of {', '.join(PRESETS)}")
    return PRESETS[name]()


def study_settings(name: str, specs: list[NetworkSpec]) -> dict:
    """What the data file says about how it was made (beside each network's own spec)."""
    return {"preset": name, "planned": [spec.key for spec in specs], "torch": torch.__version__.split("+")[0],
            "dtype": "float64", "threads_per_network": 1}
