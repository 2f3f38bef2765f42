"""`saddle study`: exact Hessians against finite differences, Newton reaching saddles, the CLI's bad input.
Needs the study extra."""

import numpy as np
import pytest
import torch
from click.testing import CliRunner

from mathcore.cli import main
from mathcore.minimum_ratio import count_eigenvalues
from mathcore.study import StudySettings, TanhNetwork, digits, exact_hessian, newton_polish, objective


def test_exact_hessian_agrees_with_finite_differences_of_the_loss():
    """A 4 → 2 → 10 network (40 parameters) on 20 digits, at a random point: central second differences."""
    features, labels = digits(StudySettings(pool=4, samples=20))
    network = TanhNetwork(features.shape[1], 2)
    loss = objective(network, features, labels, weight_decay=1e-3)
    theta = torch.randn(network.parameters, generator=torch.Generator().manual_seed(1), dtype=torch.float64)
    exact = exact_hessian(loss, theta).numpy()

    step, size = 1e-4, network.parameters
    basis = torch.eye(size, dtype=torch.float64) * step
    plus, minus = basis[:, None, :] + basis[None, :, :], basis[:, None, :] - basis[None, :, :]
    shifts = torch.stack([plus, minus, -minus, -plus]).reshape(-1, size)  # every (±e_i ± e_j)·step
    values = torch.func.vmap(loss)(theta + shifts).reshape(4, size, size).numpy()
    differences = (values[0] - values[1] - values[2] + values[3]) / (4 * step**2)
    assert np.abs(exact - exact.T).max() < 1e-12
    np.testing.assert_allclose(exact, differences, atol=1e-6 * np.abs(exact).max())


def test_newton_polish_converges_to_a_saddle_too():
    """L = (x² − 1)² + y² − z² + z⁴ from near (1, 0, 0): Newton lands on that saddle, H = diag(8, 2, −2)."""
    loss = lambda t: (t[0] ** 2 - 1) ** 2 + t[1] ** 2 - t[2] ** 2 + t[2] ** 4  # noqa: E731
    start = torch.tensor([0.9, 0.1, 0.1], dtype=torch.float64)
    theta = newton_polish(loss, start, iterations=30, tolerance=1e-13)
    np.testing.assert_allclose(theta.numpy(), [1, 0, 0], atol=1e-12)
    counts = count_eigenvalues(torch.linalg.eigvalsh(exact_hessian(loss, theta)).numpy())
    assert (counts.positive, counts.near_zero, counts.negative) == (2, 0, 1)


@pytest.mark.parametrize("arguments, message", [(["--widths", "0"], "--widths values must be at least 1"),
                                                (["--adam-steps", "10,x"], "--adam-steps takes comma-separated")])
def test_bad_study_options_are_one_line_errors(arguments, message, tmp_path):
    result = CliRunner().invoke(main, ["study", *arguments, "-o", str(tmp_path / "x.json")])
    assert result.exit_code == 2 and result.stderr.startswith("saddle: error: ") and result.stderr.count("\n") == 1
    assert message in result.stderr and not (tmp_path / "x.json").exists()
