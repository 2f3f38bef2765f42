"""`saddle study`: exact Hessians against finite differences, Newton reaching saddles, and a small study that
reproduces the first networks of the committed data file (same seed, same numbers). Needs the study extra."""

import json

import numpy as np
import pytest
import torch
from click.testing import CliRunner

import mathcore.study
from mathcore.minimum_ratio import STUDY_JSON, count_eigenvalues, load_study
from mathcore.study import StudySettings, TanhNetwork, digits, exact_hessian, newton_polish, objective, run_study
from saddle.cli import main
from saddle.cli.study import _resumable


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


@pytest.mark.slow
def test_small_study_reproduces_the_committed_networks_across_an_interruption(tmp_path, monkeypatch):
    """`saddle study --networks 2`, stopped by Ctrl-C after its first network and run again, trains only the second
    network the second time and ends with exactly the first two networks of the committed study."""
    output, partial, real_run, starts = tmp_path / "study.json", tmp_path / "study.partial.json", run_study, []

    def interrupted_after_one(settings, start=0):
        starts.append(start)
        for network in real_run(settings, start):
            yield network
            raise KeyboardInterrupt

    def recorded(settings, start=0):
        starts.append(start)
        yield from real_run(settings, start)

    monkeypatch.setattr(mathcore.study, "run_study", interrupted_after_one)
    first = CliRunner().invoke(main, ["study", "--networks", "2", "-o", str(output)])
    assert first.exit_code == 130 and "saddle: interrupted: 1 of 2 networks are kept in" in first.stderr
    assert partial.exists() and not output.exists()
    monkeypatch.setattr(mathcore.study, "run_study", recorded)
    result = CliRunner().invoke(main, ["study", "--networks", "2", "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert starts == [0, 1] and "1 of 2 networks already trained" in result.stderr and not partial.exists()
    small, committed = load_study(output), load_study(STUDY_JSON)
    assert {**small.settings, "networks": committed.settings["networks"]} == committed.settings
    assert len(small.networks) == 2
    for new, old in zip(small.networks, committed.networks):
        assert (new.seed, new.width, new.parameters, new.adam_steps) == (old.seed, old.width, old.parameters,
                                                                       old.adam_steps)
        for moment in ("stopped", "converged"):
            a, b = getattr(new, moment), getattr(old, moment)
            assert (a.counts.positive, a.counts.near_zero, a.counts.negative) == (
                b.counts.positive, b.counts.near_zero, b.counts.negative)
            assert a.loss == pytest.approx(b.loss, rel=1e-9)
            np.testing.assert_allclose(a.eigenvalues, b.eigenvalues, rtol=1e-5, atol=1e-9 * b.eigenvalues.max())
        assert new.converged.gradient_norm < StudySettings().gradient_tolerance
        assert new.converged.counts.total == new.parameters


def test_only_a_run_with_the_same_settings_is_resumed(tmp_path, capsys):
    """Network i depends on the settings and i only: a partial file resumes a run with other --networks, but not
    one with another seed, and never a file that is not a study's."""
    partial, committed = tmp_path / "s.partial.json", json.loads(STUDY_JSON.read_text())
    partial.write_text(json.dumps({**committed, "networks": committed["networks"][:3]}))
    settings = StudySettings(networks=5).record()
    assert [r["index"] for r in _resumable(partial, settings, 5)] == [0, 1, 2]
    assert [r["index"] for r in _resumable(partial, StudySettings(networks=2).record(), 2)] == [0, 1]
    assert "3 of 5 networks already trained" in capsys.readouterr().err
    assert _resumable(partial, StudySettings(networks=5, seed=1).record(), 5) == []
    partial.write_text("{not json")
    assert _resumable(partial, settings, 5) == [] and "not resuming" in capsys.readouterr().err
    assert _resumable(tmp_path / "absent.json", settings, 5) == []


def test_committed_study_is_consistent():
    """The committed file was written with today's default settings, and its stored counts recount exactly."""
    study = load_study()
    record = json.loads(STUDY_JSON.read_text())
    assert record["settings"] == StudySettings().record() and len(study.networks) == StudySettings().networks
    for network, stored in zip(study.networks, record["networks"]):
        assert network.parameters == len(network.converged.eigenvalues)
        for moment in ("stopped", "converged"):
            counts = getattr(network, moment).counts
            assert (counts.positive, counts.near_zero, counts.negative) == tuple(
                stored[moment][key] for key in ("positive", "near_zero", "negative"))


@pytest.mark.parametrize("arguments, message", [(["--widths", "0"], "--widths values must be at least 1"),
                                                (["--adam-steps", "10,x"], "--adam-steps takes comma-separated")])
def test_bad_study_options_are_one_line_errors(arguments, message, tmp_path):
    result = CliRunner().invoke(main, ["study", *arguments, "-o", str(tmp_path / "x.json")])
    assert result.exit_code == 2 and result.stderr.startswith("saddle: error: ") and result.stderr.count("\n") == 1
    assert message in result.stderr and not (tmp_path / "x.json").exists()
