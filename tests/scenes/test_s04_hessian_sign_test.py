"""Part 4: vᵀHv over all directions — its extremes are H's eigenvalues and its sign gives the kind of point."""

import numpy as np
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from mathcore.builtins import X, Y
from mathcore.loss import Loss
from mathcore.story.s04_hessian_sign_test import direction_sweep, hessian_sign_test
from scenes.s04_hessian_sign_test import HessianSignTest
from tests.helpers.golden import check_golden
from tests.helpers.keyframes import keyframe_test


def test_hessian_sign_test_data(data_regression, ndarrays_regression):
    data = hessian_sign_test()
    assert [case.kind for case in data.cases] == ["minimum", "maximum", "saddle"]
    assert data.saddle.name == "worst network"
    assert data.saddle.hessian_latex == (("0", "-2"), ("-2", "0"))
    assert data.saddle.eigenvalue_latex == ("-2", "2")
    np.testing.assert_allclose(data.saddle.eigen_angles, [np.pi / 4, 3 * np.pi / 4])
    assert np.all(data.cases[0].values > 0) and np.all(data.cases[1].values < 0)
    assert data.saddle.values.min() < 0 < data.saddle.values.max()
    check_golden(data, data_regression, ndarrays_regression)


def test_the_sweep_is_the_quadratic_form_of_the_hessian():
    """Oracle: vᵀHv computed directly from the numeric Hessian of the loss at the point."""
    for case in hessian_sign_test(73).cases:
        directions = np.stack([np.cos(case.angles), np.sin(case.angles)], axis=-1)
        direct = np.einsum("ki,ij,kj->k", directions, case.hessian, directions)
        np.testing.assert_allclose(case.values, direct, atol=1e-12)


@settings(max_examples=20, deadline=None)
@given(st.integers(-4, 4), st.integers(-4, 4), st.integers(-4, 4))
def test_sweep_extremes_are_the_eigenvalues(a, b, c):
    """For any quadratic a x² + b xy + c y², min and max of vᵀHv over unit v are numpy's eigenvalues of H."""
    loss = Loss(a * X**2 + b * X * Y + c * Y**2 + sp.Rational(1, 10) * X**3, (X, Y))  # the cubic term leaves H(0) alone
    sweep = direction_sweep(loss, (0, 0), 721)
    expected = np.linalg.eigvalsh(np.array([[2 * a, b], [b, 2 * c]], dtype=float))
    np.testing.assert_allclose(sweep.eigenvalues, expected, atol=1e-9)
    np.testing.assert_allclose(sweep.eigen_forms, expected, atol=1e-9)
    # vᵀHv = λ1 cos²δ + λ2 sin²δ at angle δ from u1: a 0.5° grid misses an extreme by at most (λ2 − λ1)·sin²(0.25°)
    tolerance = (expected[1] - expected[0]) * np.sin(np.radians(0.25)) ** 2 + 1e-12
    assert abs(sweep.values.min() - expected[0]) <= tolerance and abs(sweep.values.max() - expected[1]) <= tolerance


test_hessian_sign_test_keyframe = keyframe_test(HessianSignTest)
