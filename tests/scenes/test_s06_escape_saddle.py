"""Part 6: the escape facts behind EscapeSaddle, pinned by a golden snapshot and a key frame."""

import numpy as np
import pytest

from mathcore.story.s06_escape_saddle import escape_saddle
from scenes.s06_escape_saddle import EscapeSaddle
from tests.helpers.golden import check_golden
from tests.helpers.keyframes import keyframe_test


@pytest.fixture(scope="module")
def data():
    return escape_saddle()


def test_gradient_descent_from_the_manifold_stalls_in_the_saddle(data):
    assert data.stall.points[0][0] == -data.stall.points[0][1]  # started on w1 = -w2
    assert np.linalg.norm(data.stall.end) < 1e-6
    assert data.stall.gradient_norms[-1] < 1e-8 and data.stall.losses[-1] == pytest.approx(1.0)
    assert data.manifold_latex == "w_{1} = - w_{2}"


def test_a_step_along_the_negative_eigenvector_lowers_the_loss(data):
    assert data.saddle.eigenvalues[0] == pytest.approx(-2)
    np.testing.assert_allclose(data.escape_direction, np.ones(2) / np.sqrt(2))
    assert data.step.losses[-1] < data.step.losses[0]
    assert data.step.losses[-1] == pytest.approx(0.25) and data.model_after_step == 0.0


def test_the_slice_is_exact_against_an_independent_formula(data):
    s = data.slice_lengths
    np.testing.assert_allclose(data.slice_exact, (1 - s**2 / 2) ** 2, atol=1e-12)
    np.testing.assert_allclose(data.slice_model, 1 - s**2, atol=1e-12)
    assert data.slice_exact_latex == r"\left(1 - \frac{s^{2}}{2}\right)^{2}"
    assert data.slice_model_latex == "1 - s^{2}"


def test_descent_resumes_into_the_valley(data):
    assert abs(np.prod(data.resume.end) - 1) < 1e-6 and data.resume.losses[-1] < 1e-12


def test_the_cost_of_the_hessian(data):
    assert data.cost.entries == 10**14 and data.cost.terabytes == 400
    assert (data.cost.parameters_latex, data.cost.entries_latex) == ("10^{7}", "10^{14}")


def test_escape_saddle_data(data, data_regression, ndarrays_regression):
    check_golden(data, data_regression, ndarrays_regression)


test_escape_saddle_keyframe = keyframe_test(EscapeSaddle)
