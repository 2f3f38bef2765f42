"""Part 1: the data behind TrainingStalls, checked against a sampled oracle, a golden snapshot and a key frame."""

import numpy as np

from mathcore.story.s01_training_stalls import training_stalls
from scenes.s01_training_stalls import TrainingStalls
from tests.helpers.golden import check_golden
from tests.helpers.keyframes import keyframe_test


def test_critical_points_match_the_sampled_landscape():
    """Independent oracle: local minima / maxima of the dense samples, and the slope's sign around each point."""
    data = training_stalls(samples=7201)
    theta, loss = data.landscape_theta, data.landscape_loss
    inner = slice(1, -1)
    minima = theta[inner][(loss[inner] < loss[:-2]) & (loss[inner] < loss[2:])]
    maxima = theta[inner][(loss[inner] > loss[:-2]) & (loss[inner] > loss[2:])]
    kinds = dict(zip(data.critical_theta.round(6), data.critical_kinds))
    np.testing.assert_allclose(sorted(t for t, k in kinds.items() if k == "minimum"), minima, atol=2e-3)
    np.testing.assert_allclose([t for t, k in kinds.items() if k == "maximum"], maxima, atol=2e-3)
    (saddle,) = [t for t, k in kinds.items() if k == "saddle"]
    slope = np.gradient(loss, theta)
    near = np.abs(theta - saddle) < 0.3
    assert np.all(slope[near] <= 1e-9), "the loss keeps falling through the saddle: neither minimum nor maximum"
    assert data.lowest_loss == 0.0 and loss.min() >= -1e-12


def test_descent_stalls_at_the_saddle_far_above_the_lowest_loss():
    data = training_stalls()
    assert np.all(np.diff(data.path_loss) <= 0), "gradient descent with a small step only goes downhill"
    saddle = data.critical_theta[data.critical_kinds.index("saddle")]
    assert abs(data.path_theta[-1] - saddle) < 0.15
    assert abs(data.path_gradient[-1]) < 0.01 * abs(data.path_gradient[0])
    last_quarter = data.path_loss[-len(data.path_loss) // 4:]
    assert last_quarter[0] - last_quarter[-1] < 0.01 * last_quarter[-1], "the loss curve has flattened"
    assert data.path_loss[-1] - data.lowest_loss > 1.5, "and it flattened far above the lowest loss"


def test_training_stalls_data(data_regression, ndarrays_regression):
    data = training_stalls()
    assert data.critical_kinds == ("saddle", "minimum", "maximum", "minimum")
    assert data.stop_condition_latex.endswith("= 0")
    check_golden(data, data_regression, ndarrays_regression)


test_training_stalls_keyframe = keyframe_test(TrainingStalls)
