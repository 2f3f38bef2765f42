"""Gradients and Hessians from sympy against an independent oracle: complex-step differentiation of L itself."""

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from mathcore.builtins import himmelblau, monkey_saddle, worst_network
from mathcore.loss import Loss

STEP = 1e-20  # complex step: no subtractive cancellation, so tiny steps are exact to rounding
FD_STEP = 1e-5


def complex_step_gradient(loss: Loss, point: np.ndarray) -> np.ndarray:
    evaluate = sp.lambdify(loss.variables, loss.expression, "numpy")
    gradient = []
    for k in range(loss.dimension):
        shifted = point.astype(complex)
        shifted[k] += 1j * STEP
        gradient.append(np.imag(evaluate(*shifted)) / STEP)
    return np.array(gradient)


def oracle_hessian(loss: Loss, point: np.ndarray) -> np.ndarray:
    """Central differences of the complex-step gradient."""
    columns = []
    for k in range(loss.dimension):
        e = np.zeros(loss.dimension)
        e[k] = FD_STEP
        difference = complex_step_gradient(loss, point + e) - complex_step_gradient(loss, point - e)
        columns.append(difference / (2 * FD_STEP))
    return np.array(columns).T


LOSSES = [
    worst_network(),
    himmelblau(),
    monkey_saddle(),
    Loss.from_text("exp(-x**2)*sin(3*y) + log(1 + x**2*y**2) + tanh(x*y) - sqrt(2 + cos(x))"),
    Loss.from_text("sigmoid(a - b**2) + softplus(a*b) / (3 + a**2)"),
]

coordinates = st.floats(min_value=-3, max_value=3, allow_nan=False)


@pytest.mark.parametrize("loss", LOSSES, ids=lambda loss: loss.name)
@settings(max_examples=40, deadline=None)
@given(x=coordinates, y=coordinates)
def test_gradient_matches_complex_step(loss, x, y):
    point = np.array([x, y])
    expected = complex_step_gradient(loss, point)
    np.testing.assert_allclose(loss.gradient(point), expected, rtol=1e-9, atol=1e-9)


@pytest.mark.parametrize("loss", LOSSES, ids=lambda loss: loss.name)
@settings(max_examples=40, deadline=None)
@given(x=coordinates, y=coordinates)
def test_hessian_matches_differenced_gradient(loss, x, y):
    point = np.array([x, y])
    hessian = loss.hessian(point)
    expected = oracle_hessian(loss, point)
    np.testing.assert_allclose(hessian, expected, rtol=1e-5, atol=1e-5 * max(1.0, np.abs(expected).max()))
    np.testing.assert_array_equal(hessian, hessian.T)


def test_vectorised_evaluation_broadcasts_constants():
    loss = Loss.from_text("x**2 + 3*y")  # ∂L/∂y and the Hessian are constants
    points = np.random.default_rng(0).normal(size=(4, 5, 2))
    assert loss.value(points).shape == (4, 5)
    assert loss.gradient(points).shape == (4, 5, 2)
    np.testing.assert_array_equal(loss.gradient(points)[..., 1], 3.0)
    np.testing.assert_array_equal(loss.hessian(points)[..., 0, 0], 2.0)
