"""The scaled study's machinery against independent oracles: HVPs against finite differences of the gradient,
Lanczos quadrature brackets against exact spectral measures, eigsh against eigvalsh, Newton–MINRES reaching a
saddle, and the CI preset running the whole path (train → critical point → exact and Lanczos agree)."""

import json
import os
from concurrent.futures.process import BrokenProcessPool

import numpy as np
import pytest
import torch
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from torch.func import grad

from mathcore.errors import LossError
from mathcore.minimum_ratio import count_eigenvalues
from mathcore.minimum_ratio_scaled import load_scaled_study, signed_decade_edges
from mathcore.scaled_study import NetworkSpec, preset, run_network
from mathcore.study_networks import FlatNetwork, convolve, dataset, objective
from mathcore.study_spectra import (
    HessianProducts,
    exact_eigenvalues,
    extreme_eigenvalues,
    fraction_below,
    lanczos_quadrature,
    newton_minres,
)
from saddle.cli import main
from saddle.cli.study import run_tasks


def _small_loss(architecture: str, dataset_name: str):
    features, labels = dataset(dataset_name)
    network = FlatNetwork(architecture, features.shape[1], (3,))
    loss = objective(network, features[:40], labels[:40], weight_decay=1e-3)
    theta = torch.randn(network.parameters, generator=torch.Generator().manual_seed(3), dtype=torch.float64) / 3
    return loss, theta


@pytest.mark.parametrize("architecture, dataset_name", [("mlp", "digits"), ("conv", "mnist1d")])
def test_hessian_vector_products_agree_with_finite_differences_of_the_gradient(architecture, dataset_name):
    """H·v against (∇L(θ + εv) − ∇L(θ − εv)) / 2ε, whose error is O(ε²)."""
    loss, theta = _small_loss(architecture, dataset_name)
    products, gradient = HessianProducts(loss, theta), grad(loss)
    for seed in range(3):
        direction = np.random.default_rng(seed).normal(size=products.size)
        step = 1e-5
        shift = torch.from_numpy(direction) * step
        differences = ((gradient(theta + shift) - gradient(theta - shift)) / (2 * step)).numpy()
        exact = products(direction)
        np.testing.assert_allclose(exact, differences, atol=1e-6 * np.abs(exact).max())
    assert products.count == 3


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 4), st.integers(1, 5), st.integers(1, 6), st.integers(1, 3), st.integers(0, 3),
       st.integers(6, 30), st.integers(0, 1000))
def test_the_convolution_is_torchs_conv1d(inputs, outputs, width, stride, padding, length, seed):
    """The study's conv layer (windows × kernel) against torch's own conv1d, the oracle it replaces for speed."""
    generator = torch.Generator().manual_seed(seed)
    signal = torch.randn(3, inputs, length, generator=generator, dtype=torch.float64)
    kernel = torch.randn(outputs, inputs, width, generator=generator, dtype=torch.float64)
    bias = torch.randn(outputs, generator=generator, dtype=torch.float64)
    expected = torch.nn.functional.conv1d(signal, kernel, bias, stride=stride, padding=padding)
    torch.testing.assert_close(convolve(signal, kernel, bias, stride, padding), expected, rtol=1e-12, atol=1e-12)


class _Matrix:
    """HessianProducts' interface over a dense symmetric matrix."""

    def __init__(self, matrix):
        self.matrix, self.size, self.count = matrix, len(matrix), 0

    def __call__(self, vector):
        self.count += 1
        return self.matrix @ vector

    def operator(self):
        from scipy.sparse.linalg import aslinearoperator

        return aslinearoperator(self.matrix)


def _random_symmetric(eigenvalues, seed):
    basis, _ = np.linalg.qr(np.random.default_rng(seed).normal(size=(len(eigenvalues), len(eigenvalues))))
    return basis @ np.diag(eigenvalues) @ basis.T, basis


@settings(max_examples=30, deadline=None)
@given(st.lists(st.floats(-5, 5, allow_subnormal=False), min_size=12, max_size=40), st.integers(2, 10),
       st.floats(-4, 4), st.integers(0, 100))
def test_one_probe_bracket_holds_the_exact_spectral_measure(eigenvalues, steps, threshold, seed):
    """With one probe v the bracket is the Chebyshev–Markov–Stieltjes one: it must hold Σ_{λᵢ<a} (v·uᵢ)² exactly."""
    matrix, basis = _random_symmetric(np.array(eigenvalues), seed)
    quadrature = lanczos_quadrature(_Matrix(matrix), probes=1, steps=steps, seed=seed)
    probe = np.random.default_rng(seed).normal(size=len(matrix))
    weights = (basis.T @ (probe / np.linalg.norm(probe))) ** 2
    for inclusive in (False, True):
        exact = weights[np.array(eigenvalues) <= threshold if inclusive else np.array(eigenvalues) < threshold].sum()
        bracket = fraction_below(quadrature, threshold, inclusive)
        assert bracket.low - 1e-9 <= exact <= bracket.high + 1e-9
        assert bracket.low <= bracket.estimate <= bracket.high


def test_many_probes_bracket_the_fraction_of_a_large_spectrum():
    """300 eigenvalues: a bulk at zero, 30 negative, 60 positive outliers; SLQ's brackets hold the true fractions,
    tight where the threshold lies among the outliers, wide where it cuts the bulk (SLQ cannot resolve it)."""
    spectrum = np.concatenate([np.random.default_rng(0).normal(0, 1e-4, 210), -np.linspace(0.01, 1, 30),
                               np.linspace(0.05, 20, 60)])
    matrix, _ = _random_symmetric(spectrum, 1)
    quadrature = lanczos_quadrature(_Matrix(matrix), probes=10, steps=40, seed=2)
    for threshold in (-0.005, 0.005, 1.0):
        bracket = fraction_below(quadrature, threshold)
        assert bracket.low <= np.mean(spectrum < threshold) <= bracket.high
    assert fraction_below(quadrature, 1.0).high - fraction_below(quadrature, 1.0).low < 0.05


def test_eigsh_extremes_are_the_exact_extremes_of_a_network_hessian():
    loss, theta = _small_loss("mlp", "digits")
    exact = exact_eigenvalues(loss, theta)
    products = HessianProducts(loss, theta)
    np.testing.assert_allclose(extreme_eigenvalues(products, 3, "LA", seed=0), exact[-3:], rtol=1e-7)
    np.testing.assert_allclose(extreme_eigenvalues(products, 3, "SA", seed=1), exact[:3], rtol=1e-7, atol=1e-9)


def test_newton_minres_lands_on_a_saddle():
    """L = (x² − 1)² + y² − z² + z⁴ from near (1, 0, 0): the saddle there, H = diag(8, 2, −2)."""
    loss = lambda t: (t[0] ** 2 - 1) ** 2 + t[1] ** 2 - t[2] ** 2 + t[2] ** 4  # noqa: E731
    result = newton_minres(loss, torch.tensor([0.9, 0.1, 0.1], dtype=torch.float64), 30, 1e-13, 10)
    np.testing.assert_allclose(result.theta.numpy(), [1, 0, 0], atol=1e-12)
    assert result.gradient_norms[-1] < 1e-13 and result.products > 0
    counts = count_eigenvalues(exact_eigenvalues(loss, result.theta))
    assert (counts.positive, counts.near_zero, counts.negative) == (2, 0, 1)


@given(st.floats(1e-8, 1e-1), st.floats(-1e3, 1e3), st.floats(-1e3, 1e3))
def test_decade_edges_rise_and_cover_the_spectrum(tolerance, a, b):
    low, high = min(a, b), max(a, b)
    edges = signed_decade_edges(tolerance, low, high)
    assert np.all(np.diff(edges) > 0) and edges[0] <= min(low, -tolerance) and edges[-1] >= max(high, tolerance)
    assert np.count_nonzero(np.abs(np.abs(edges) - tolerance) < 1e-15 * tolerance) == 2


def test_a_spec_is_checked_and_keyed():
    with pytest.raises(LossError):
        NetworkSpec("imagenet", "mlp", (4,), seed=0, exact=True)
    with pytest.raises(LossError):
        FlatNetwork("rnn", 64, (4,))
    keys = [spec.key for spec in preset("full")]
    assert len(keys) == len(set(keys))
    with pytest.raises(LossError):
        preset("huge")


@pytest.mark.slow
def test_ci_preset_runs_the_whole_path_and_exact_and_lanczos_agree(tmp_path):
    """`saddle study-scaled --preset ci`: a critical point to ‖∇L‖ < 1e-10; eigsh's extremes are eigvalsh's; the
    exact counts lie inside the SLQ brackets; a rerun resumes instead of training again; same spec → same numbers."""
    output = tmp_path / "ci.json"
    result = CliRunner().invoke(main, ["study-scaled", "--preset", "ci", "-o", str(output)])
    assert result.exit_code == 0, result.output
    study = load_scaled_study(output)
    assert study.settings["complete"] and study.settings["missing"] == []
    (record,) = study.networks
    assert record["converged"]["gradient_norm"] < 1e-10 < record["stopped"]["gradient_norm"]
    exact, lanczos = record["exact"], record["lanczos"]
    np.testing.assert_allclose(lanczos["top"], exact["top"][: len(lanczos["top"])], rtol=1e-6)
    counts = count_eigenvalues(exact["eigenvalues"], record["spec"]["zero_rtol"])
    assert (counts.positive, counts.near_zero, counts.negative) == tuple(exact["counts"].values())
    for kind in ("positive", "near_zero", "negative"):
        _, low, high = lanczos[f"{kind}_fraction"]
        assert low <= exact["counts"][kind] / record["parameters"] <= high
    estimate, low, high = lanczos["ratio_without_near_zero"]
    assert low <= exact["ratio_without_near_zero"] <= high and low <= estimate <= high
    masses = np.array(record["density"]["lanczos"])
    assert abs(masses.sum() - 1) < 1e-6 and np.abs(masses - record["density"]["exact"]).sum() < 0.2

    partial = tmp_path / "ci.partial.json"
    partial.write_text(output.read_text())
    again = CliRunner().invoke(main, ["study-scaled", "--preset", "ci", "-o", str(output)])
    assert again.exit_code == 0 and "1 of 1 networks already done" in again.stderr and not partial.exists()
    repeated = run_network(preset("ci")[0])
    for moment in ("stopped", "converged"):
        assert repeated[moment] == record[moment]
    assert repeated["exact"]["eigenvalues"] == exact["eigenvalues"]


def test_a_partial_file_of_other_specs_is_not_resumed(tmp_path):
    """A network is resumed only when its spec is today's exactly: a changed spec is trained again."""
    output, partial = tmp_path / "ci.json", tmp_path / "ci.partial.json"
    spec = preset("ci")[0]
    stale = {**spec.record(), "adam_steps": spec.adam_steps + 1}
    partial.write_text(json.dumps({"settings": {"wall_seconds": 1.0}, "networks": [{"key": spec.key, "spec": stale}]}))
    result = CliRunner().invoke(main, ["study-scaled", "--preset", "ci", "--budget-minutes", "0", "-o", str(output)])
    assert result.exit_code == 0 and "0 of 1 networks already done" in result.stderr
    assert "reduced: 1 planned networks not run" in result.output and partial.exists()
    with pytest.raises(LossError):
        load_scaled_study(output)  # nothing finished: no study to read


def test_the_task_pool_starts_no_more_than_allowed_and_reports_a_dead_worker():
    """run_tasks keeps at most `workers` tasks in flight and starts none once keep_starting() fails; a worker that
    dies (here os._exit) ends the run with BrokenProcessPool, which `saddle study-scaled` turns into one line."""
    assert list(run_tasks(abs, [-1, -2, -3], workers=1, keep_starting=lambda: False)) == [(-1, 1)]
    assert sorted(run_tasks(abs, [-1, -2, -3], workers=2)) == [(-3, 3), (-2, 2), (-1, 1)]
    with pytest.raises(BrokenProcessPool):
        list(run_tasks(os._exit, [3], workers=1))


def test_a_gpu_asked_for_where_torch_sees_none_is_a_one_line_error(tmp_path, monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)  # as on this project's machines
    result = CliRunner().invoke(main, ["study-scaled", "--preset", "ci", "--device", "cuda", "-o", str(tmp_path / "x")])
    assert result.exit_code == 2 and result.stderr.startswith("saddle: error: --device cuda: torch sees no CUDA GPU")
    assert result.stderr.count("\n") == 1 and not (tmp_path / "x").exists()


def test_only_a_name_of_the_preset_is_accepted(tmp_path):
    result = CliRunner().invoke(main, ["study-scaled", "--only", "resnet", "-o", str(tmp_path / "x.json")])
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert "--only 'resnet': no network of the full preset" in result.stderr


def _without_times(record: dict) -> dict:
    """A network's record without what depends on the machine's speed (seconds of each step)."""
    return {key: (_without_times(value) if isinstance(value, dict) else value) for key, value in record.items()
            if key not in ("seconds", "cpu_seconds")}


@pytest.mark.slow
def test_the_ci_preset_on_a_dask_cluster_gives_the_same_numbers(tmp_path):
    """Each network is a task of the project's executor: on a local Dask cluster the same spec gives the same
    record, number for number, as in a local process."""
    local, cluster = tmp_path / "local.json", tmp_path / "cluster.json"
    for output, where in ((local, []), (cluster, ["--cluster", "local:1"])):
        result = CliRunner().invoke(main, ["study-scaled", "--preset", "ci", "-o", str(output), *where])
        assert result.exit_code == 0, result.output
    (here,), (there,) = load_scaled_study(local).networks, load_scaled_study(cluster).networks
    assert _without_times(here) == _without_times(there)
