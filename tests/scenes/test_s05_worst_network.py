"""Part 5: the data behind WorstNetwork and WorstNetworkHessian, pinned by golden snapshots and key frames."""

import numpy as np

from mathcore.story.s05_worst_network import worst_network_hessian, worst_network_surface
from scenes.s05_worst_network import WorstNetwork, WorstNetworkHessian
from tests.helpers.golden import check_golden
from tests.helpers.keyframes import keyframe_test


def toy_loss(w1, w2):
    """The storyboard's L = (1 − w1·w2)², written out by hand as an oracle."""
    return (1 - w1 * w2) ** 2


def test_worst_network_surface_data(data_regression, ndarrays_regression):
    data = worst_network_surface()
    assert data.model_latex == "y = w_{1} w_{2} x" and data.example == (1, 1)
    assert data.loss_latex == r"\left(1 - w_{1} w_{2}\right)^{2}"
    assert data.saddle_kind == "saddle" and data.saddle_value == 1 and not data.saddle.any()
    assert data.valley_kind == "minimum" and data.valley_equation_latex == "w_{1} w_{2} = 1"
    assert len(data.valley_branches) == 2 and {np.sign(b[0, 0]) for b in data.valley_branches} == {-1, 1}
    for branch in data.valley_branches:
        w1, w2 = branch.T
        np.testing.assert_allclose(w1 * w2, 1, atol=1e-12)  # exactly on the hyperbola, not dots near it
        np.testing.assert_allclose([-2 * w2 * (1 - w1 * w2), -2 * w1 * (1 - w1 * w2)], 0, atol=1e-12)  # ∇L = 0
        assert np.all(np.abs(branch) <= 2 + 1e-12) and max(np.abs(branch).max(axis=0)) > 1.99  # reaches the box edge
    for level, branches in zip(data.levels[1:], data.level_curves):
        assert branches, f"no contour at L = {level}"
        for branch in branches:
            np.testing.assert_allclose(toy_loss(*branch.T), level, atol=1e-9)
    w1, w2, height = data.surface.vertices.T  # samples of L below the cut and points on its rim, nothing above
    assert data.surface.level == data.surface_ceiling and height.max() == data.surface_ceiling
    samples = np.isin(w1, np.linspace(-2, 2, 61)) & np.isin(w2, np.linspace(-2, 2, 61))
    np.testing.assert_allclose(height[samples], toy_loss(w1, w2)[samples], atol=1e-12)
    assert np.all(toy_loss(w1, w2)[samples] <= data.surface_ceiling)
    np.testing.assert_allclose(toy_loss(*data.surface.rim[..., :2].T), data.surface_ceiling, rtol=0.05)
    grid_w1, grid_w2 = np.meshgrid(data.bands.x, data.bands.y)
    above = np.append(data.levels, np.inf)[np.searchsorted(data.levels, data.bands.z) + 1]  # the next level up
    assert set(np.unique(data.bands.z)) <= set(data.levels)
    assert np.all(data.bands.z <= toy_loss(grid_w1, grid_w2)) and np.all(toy_loss(grid_w1, grid_w2) < above)
    check_golden(data, data_regression, ndarrays_regression)


def test_worst_network_hessian_data(data_regression, ndarrays_regression):
    data = worst_network_hessian()
    assert data.origin.hessian_latex == (("0", "-2"), ("-2", "0"))
    assert data.origin.eigenvalue_latex == ("-2", "2") and data.origin.kind == "saddle"
    assert data.valley_point.eigenvalue_latex == ("0", "4") and data.valley_point.kind == "minimum"
    assert data.valley_point.test == "higher-order"
    np.testing.assert_allclose(data.origin.eigenvectors[0], np.ones(2) / np.sqrt(2))
    check_golden(data, data_regression, ndarrays_regression)


test_worst_network_keyframe = keyframe_test(WorstNetwork)
test_worst_network_hessian_keyframe = keyframe_test(WorstNetworkHessian)
