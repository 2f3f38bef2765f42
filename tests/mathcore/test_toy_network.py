"""Every fact the storyboard states about the worst network L = (1 − w1·w2)²."""

import numpy as np
import pytest
import sympy as sp

from mathcore.builtins import W1, W2, worst_network
from mathcore.critical import classify, critical_points
from mathcore.taylor import QuadraticModel
from mathcore.trajectories import eigen_step, gradient_descent

LOSS = worst_network()
U = np.array([1.0, 1.0]) / np.sqrt(2)


def test_gradient_and_hessian_formulas():
    g1, g2 = LOSS.gradient_expressions
    assert sp.simplify(g1 - 2 * (1 - W1 * W2) * (-W2)) == 0
    assert sp.simplify(g2 - 2 * (1 - W1 * W2) * (-W1)) == 0
    (h11, h12), (h21, h22) = LOSS.hessian_expressions
    assert sp.simplify(h11 - 2 * W2**2) == 0
    assert sp.simplify(h22 - 2 * W1**2) == 0
    assert sp.simplify(h12 - (-2 + 4 * W1 * W2)) == 0 and sp.simplify(h21 - h12) == 0


def test_origin_is_a_saddle_with_eigenvalues_plus_minus_two():
    np.testing.assert_array_equal(LOSS.hessian(np.zeros(2)), [[0, -2], [-2, 0]])
    point = classify(LOSS, [0, 0])
    assert point.kind == "saddle" and point.test == "hessian"
    np.testing.assert_allclose(point.eigenvalues, [-2, 2])
    np.testing.assert_allclose(np.abs(point.eigenvectors[0] @ U), 1)  # λ = −2 along (1, 1)
    np.testing.assert_allclose(np.abs(point.eigenvectors[1] @ [1, -1]) / np.sqrt(2), 1)  # λ = +2 along (1, −1)


def test_critical_set_is_the_origin_and_the_hyperbola():
    critical = critical_points(LOSS)
    assert critical.method == "exact"
    assert len(critical.points) == 1
    np.testing.assert_allclose(critical.points[0].point, [0, 0], atol=1e-12)
    (curve,) = critical.curves
    assert curve.kind == "minimum"
    assert curve.equation_latex == "w_{1} w_{2} = 1"
    assert len(curve.branches) == 2  # w1 > 0 and w1 < 0
    samples = np.concatenate(curve.branches)
    np.testing.assert_allclose(samples[:, 0] * samples[:, 1], 1, rtol=1e-12)
    assert np.all(np.abs(samples) <= 2 + 1e-9)


@pytest.mark.parametrize("w1", [0.5, 0.8, 1.0, 1.7, -1.2, -2.0])
def test_valley_eigenvalues_are_zero_and_twice_the_squared_norm(w1):
    point = np.array([w1, 1 / w1])
    info = classify(LOSS, point)
    np.testing.assert_allclose(info.eigenvalues, [0, 2 * (point @ point)], atol=1e-12)
    assert info.kind == "minimum" and info.test == "higher-order"
    tangent = np.array([1.0, -1 / w1**2])  # d/dw1 of (w1, 1/w1)
    assert abs(info.eigenvectors[0] @ tangent) / np.linalg.norm(tangent) == pytest.approx(1)


def test_slices_through_the_saddle():
    s = np.linspace(-2, 2, 41)
    escape = eigen_step(LOSS, [0, 0], [1, 1], s)
    np.testing.assert_allclose(escape.losses, (1 - s**2 / 2) ** 2, atol=1e-12)
    np.testing.assert_allclose(QuadraticModel.of(LOSS, [0, 0]).along([1, 1], s), 1 - s**2, atol=1e-12)
    climb = eigen_step(LOSS, [0, 0], [1, -1], s)
    np.testing.assert_allclose(climb.losses, (1 + s**2 / 2) ** 2, atol=1e-12)


@pytest.mark.parametrize("start", [1.5, -0.7, 2.0])
def test_descent_from_the_stable_manifold_stalls_at_the_origin(start):
    path = gradient_descent(LOSS, [start, -start], lr=0.05)
    assert path.stop_reason == "converged"
    assert np.linalg.norm(path.end) < 1e-6
    assert path.losses[-1] == pytest.approx(1)


def test_a_tiny_nudge_escapes_to_the_valley_in_about_138_steps():
    delta, lr = 1e-6, 0.05
    path = gradient_descent(LOSS, [delta, delta], lr=lr)
    assert path.stop_reason == "converged"
    assert path.end[0] * path.end[1] == pytest.approx(1, abs=1e-6)
    predicted = np.log(1 / delta) / (lr * 2)
    assert predicted == pytest.approx(138.2, abs=0.1)
    escaped = int(np.argmax(path.losses < 0.5))  # halfway down from the saddle
    assert abs(escaped - predicted) < 0.1 * predicted
