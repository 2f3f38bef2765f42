"""The loss explorer: the analysis of any loss, an escape from every saddle, and the scene drawing the analysis
its render job hands over."""

import numpy as np
import pytest

from mathcore.errors import LossError
from mathcore.loss import Loss
from mathcore.story.s12_loss_explorer import explore
from scenes.s12_loss_explorer import LossExplorer, LossExplorerThreeWells
from tests.helpers.golden import check_golden
from tests.helpers.keyframes import keyframe_test


def test_toy_loss_escape_reaches_the_valley():
    data = explore()
    (saddle,) = data.points
    assert saddle.kind == "saddle" and np.allclose(saddle.point, 0)
    assert saddle.escape.losses[-1] < 1e-6 and np.all(np.diff(saddle.escape.losses) <= 1e-12)
    (valley,) = data.curves
    assert valley.kind == "minimum" and all(np.allclose(h, 0) for h in valley.heights)


def test_monkey_saddle_escapes_downhill_without_a_negative_eigenvalue():
    data = explore("x**3 - 3*x*y**2")
    (saddle,) = data.points
    assert saddle.kind == "saddle" and saddle.test == "higher-order" and np.allclose(saddle.eigenvalues, 0)
    path = saddle.escape
    assert path.losses[-1] < path.losses[0] < saddle.value  # unbounded below: it runs to the box's edge
    assert np.max(np.abs(path.points[-1])) > 1.5 and np.all(np.abs(path.points) <= 2)


def test_himmelblau_every_saddle_escape_ends_in_a_minimum():
    data = explore("(x**2 + y - 11)**2 + (x + y**2 - 7)**2", (-5, 5, -5, 5))
    assert (data.count("minimum"), data.count("maximum"), data.count("saddle")) == (4, 1, 4)
    minima = [p.point for p in data.points if p.kind == "minimum"]
    for p in data.points:
        if p.kind == "saddle":
            assert p.escape.losses[-1] < 1e-6
            assert min(np.linalg.norm(p.escape.points[-1] - m) for m in minima) < 1e-3
            assert p.escape_direction @ p.eigenvectors[0] != 0 and p.eigenvalues[0] < 0


def test_loss_explorer_data(data_regression, ndarrays_regression):
    check_golden(explore(), data_regression, ndarrays_regression)


test_loss_explorer_keyframe = keyframe_test(LossExplorer)


def test_three_double_wells_are_shown_through_slices_of_their_saddles():
    """Oracle by construction: a saddle of Σ(xᵢ² − 1)² has coordinates in {−1, 0, 1}, curvature −4 along each
    axis where it is 0 and 8 where it is ±1; its slice is L on the plane of those axes."""
    data = explore("(x**2-1)**2+(y**2-1)**2+(z**2-1)**2", None, "x,y,z")
    assert (data.points, data.kinds["minimum"], data.kinds["saddle"], data.kinds["maximum"]) == (27, 8, 18, 1)
    assert data.by_index == {"0": 8, "1": 12, "2": 6, "3": 1}
    assert [s.index for s in data.slices] == [1, 2, 1]  # one saddle of each index first
    loss = Loss.from_text("(x**2-1)**2+(y**2-1)**2+(z**2-1)**2", "x,y,z", dimension=None)
    for cut in data.slices:
        assert set(np.round(cut.point, 12)) <= {-1.0, 0.0, 1.0} and int(np.sum(cut.point == 0)) == cut.index
        (saddle,) = cut.view.points
        assert saddle.kind == "saddle" and np.allclose(saddle.point, 0)
        np.testing.assert_allclose(saddle.eigenvalues, [-4, 8], atol=1e-9)
        mesh = cut.view.mesh
        s_minus, s_plus = np.meshgrid(mesh.x, mesh.y)
        points = cut.point + s_minus[..., None] * cut.directions[0] + s_plus[..., None] * cut.directions[1]
        np.testing.assert_allclose(mesh.z, loss.value(points), rtol=1e-12, atol=1e-12)
        path = saddle.escape
        assert np.all(np.diff(path.losses) <= 1e-12)
        assert path.losses[-1] < saddle.value - 0.99  # down by the depth of a well, 1


def test_a_loss_of_one_variable_is_not_explored():
    with pytest.raises(LossError, match="2 to 8 variables"):
        explore("x**2")


test_loss_explorer_three_wells_keyframe = keyframe_test(LossExplorerThreeWells)
