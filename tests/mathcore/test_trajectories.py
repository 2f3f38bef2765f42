"""Optimisers on the toy loss: who stalls at the saddle and who escapes, deterministically."""

import numpy as np
import pytest

from mathcore.builtins import himmelblau, worst_network
from mathcore.trajectories import (
    adam,
    gradient_descent,
    momentum,
    newton,
    perturbed_gradient_descent,
    saddle_free_newton,
)

LOSS = worst_network()
ON_MANIFOLD = [1.5, -1.5]
HAIR_OFF = [1.5 + 1e-4, -1.5]


def in_valley(point):
    return abs(point[0] * point[1] - 1) < 1e-4


def test_newton_is_attracted_to_the_saddle_even_off_the_manifold():
    path = newton(LOSS, HAIR_OFF)
    assert path.stop_reason == "converged" and np.linalg.norm(path.end) < 1e-6


def test_saddle_free_newton_escapes_where_newton_does_not():
    path = saddle_free_newton(LOSS, HAIR_OFF)
    assert path.stop_reason == "converged" and in_valley(path.end)
    assert np.all(np.diff(path.losses[1:]) <= 1e-12) or path.losses[-1] < 1e-10


@pytest.mark.parametrize("method", [gradient_descent, momentum, adam])
def test_first_order_methods_from_a_hair_off_reach_the_valley(method):
    path = method(LOSS, HAIR_OFF)
    assert path.stop_reason == "converged" and in_valley(path.end)


def test_perturbed_descent_escapes_from_exactly_on_the_manifold():
    assert np.linalg.norm(gradient_descent(LOSS, ON_MANIFOLD).end) < 1e-6
    path = perturbed_gradient_descent(LOSS, ON_MANIFOLD, seed=3)
    assert path.stop_reason == "converged" and in_valley(path.end)


def test_seeded_runs_are_identical():
    a = perturbed_gradient_descent(LOSS, [0.0, 0.0], seed=7)
    b = perturbed_gradient_descent(LOSS, [0.0, 0.0], seed=7)
    np.testing.assert_array_equal(a.points, b.points)


def test_paths_record_losses_and_gradient_norms():
    path = gradient_descent(himmelblau(), [0.0, 0.0], lr=0.01)
    assert len(path.points) == len(path.losses) == len(path.gradient_norms)
    np.testing.assert_allclose(path.losses, himmelblau().value(path.points))
    assert path.losses[-1] < 1e-12  # Himmelblau's minimum at (3, 2)


def test_divergence_is_reported():
    path = gradient_descent(LOSS, [2.0, 2.0], lr=1.0)
    assert path.stop_reason == "diverged"
