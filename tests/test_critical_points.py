"""Critical points of published test functions and of the degenerate cases the Hessian cannot decide."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mathcore.builtins import bowl, dome, himmelblau, monkey_saddle, quartic_bowl, saddle
from mathcore.critical import classify, critical_points
from mathcore.errors import LossError
from mathcore.loss import Loss

# Himmelblau (1972): minima with L = 0 and the local maximum, known to 6 decimals.
HIMMELBLAU_MINIMA = [(3.0, 2.0), (-2.805118, 3.131312), (-3.779310, -3.283186), (3.584428, -1.848126)]
HIMMELBLAU_MAXIMUM = (-0.270845, -0.923039)


def test_himmelblau_has_four_minima_one_maximum_four_saddles():
    critical = critical_points(himmelblau(), (-5, 5, -5, 5))
    kinds = [p.kind for p in critical.points]
    assert sorted(kinds) == ["maximum"] + ["minimum"] * 4 + ["saddle"] * 4
    minima = sorted(tuple(p.point) for p in critical.points if p.kind == "minimum")
    np.testing.assert_allclose(minima, sorted(HIMMELBLAU_MINIMA), atol=1e-6)
    (maximum,) = [p for p in critical.points if p.kind == "maximum"]
    np.testing.assert_allclose(maximum.point, HIMMELBLAU_MAXIMUM, atol=1e-6)
    assert all(p.gradient_norm < 1e-8 and p.test == "hessian" for p in critical.points)
    for p in critical.points:
        assert (p.eigenvalues < 0).any() == (p.kind != "minimum")


def test_numeric_search_agrees_with_the_exact_one():
    """A non-polynomial term that is 0.0 in floating point over the box forces the multistart-Newton path."""
    loss = Loss.from_text("(x**2 + y - 11)**2 + (x + y**2 - 7)**2 + exp(-(x - 100)**2)")
    numeric = critical_points(loss, (-5, 5, -5, 5))
    exact = critical_points(himmelblau(), (-5, 5, -5, 5))
    assert numeric.method == "numeric" and exact.method == "exact"
    np.testing.assert_allclose([p.point for p in numeric.points], [p.point for p in exact.points], atol=1e-7)
    assert [p.kind for p in numeric.points] == [p.kind for p in exact.points]


@pytest.mark.parametrize(
    "make, kind, test",
    [(bowl, "minimum", "hessian"), (dome, "maximum", "hessian"), (saddle, "saddle", "hessian"),
     (monkey_saddle, "saddle", "higher-order"), (quartic_bowl, "minimum", "higher-order")],
)
def test_the_origin_of_each_shape(make, kind, test):
    critical = critical_points(make())
    (point,) = critical.points
    np.testing.assert_allclose(point.point, [0, 0], atol=1e-12)
    assert (point.kind, point.test) == (kind, test)


def test_a_degenerate_maximum_and_a_peano_saddle():
    assert classify(Loss.from_text("-(x**4) - y**2"), [0, 0]).kind == "maximum"
    # Minimum along every line through the origin, yet a saddle: L < 0 between the parabolas y = x², y = 2x².
    peano = classify(Loss.from_text("(y - x**2)*(y - 2*x**2)"), [0, 0])
    assert (peano.kind, peano.test) == ("saddle", "higher-order")


def test_zero_tolerance_is_relative_to_the_hessian_scale():
    """A saddle scaled down by 1e-8 is still a saddle decided by the Hessian, not 'flat'."""
    tiny = classify(Loss.from_text("1e-8*(x**2 - y**2)"), [0, 0])
    assert (tiny.kind, tiny.test) == ("saddle", "hessian")


def test_eigenvectors_are_unit_and_orthogonal():
    info = classify(himmelblau(), [-0.270845, -0.923039], box=(-5, 5, -5, 5))
    np.testing.assert_allclose(info.eigenvectors @ info.eigenvectors.T, np.eye(2), atol=1e-12)
    assert np.all(np.diff(info.eigenvalues) >= 0)


@settings(max_examples=30, deadline=None)
@given(a=st.integers(-19, 19), b=st.integers(-19, 19), outside=st.booleans())
def test_a_pole_inside_the_box_is_found_between_grid_points(a, b, outside):
    """Oracle: the pole of 1/((x − a)² + (y − b)²) is at (a, b) by construction; shifted by 5 it is outside
    (−1.9 + 5 > 2)."""
    a, b = a / 10 + (5 if outside else 0), b / 10
    loss = Loss.from_text(f"1/((x - {a})**2 + (y - {b})**2) + x")
    if outside:
        loss.require_finite((-2, 2, -2, 2))
    else:
        with pytest.raises(LossError, match="infinite or undefined") as error:
            loss.require_finite((-2, 2, -2, 2))
        assert f"({a:.3g}, {b:.3g})" in str(error.value).replace("-0,", "0,")
