"""Part 8: the data behind SliceReveal, RandomHessians and CriticalPointCount, pinned by golden snapshots and key
frames; the slice that hides a saddle; the Monte Carlo estimates of P(all eigenvalues > 0) for GOE matrices against
exact values; the critical points of n double wells against their count by construction."""

from math import comb

import numpy as np
import pytest
import sympy as sp

from mathcore.builtins import saddle
from mathcore.errors import LossError
from mathcore.random_matrices import counted_fraction, fit_trend, goe, importance_fraction
from mathcore.story.s08_dimensions import critical_point_count, double_wells, random_hessians, slice_reveal
from scenes.s08_dimensions import CriticalPointCount, RandomHessians, SliceReveal
from tests.helpers.golden import check_golden
from tests.helpers.keyframes import keyframe_test


def test_slice_reveal_data(data_regression, ndarrays_regression):
    data = slice_reveal()
    assert data.kind == "saddle" and data.slice_second_derivative > 0
    check_golden(data, data_regression, ndarrays_regression)


test_slice_reveal_keyframe = keyframe_test(SliceReveal)


def test_random_hessians_data(data_regression, ndarrays_regression):
    data = random_hessians()
    assert np.all(np.diff(np.log(data.estimate)) < 0), "the fraction falls with N"
    assert data.estimate[-1] < 1e-15 and data.sizes[-1] >= 10
    assert abs(np.log10(data.estimate[-1]) + data.rarity_power) <= 0.5, "said: one in 10^k, k the nearest power"
    assert data.theta_latex == r"\frac{\ln{\left(3 \right)}}{4}"
    assert abs(data.negative_count / data.histogram_size - 0.5) < 0.05
    assert data.bin_counts.sum() == data.histogram_size
    check_golden(data, data_regression, ndarrays_regression)


test_random_hessians_keyframe = keyframe_test(RandomHessians)


def test_critical_point_count_data(data_regression, ndarrays_regression):
    """Oracle by construction: a point picks −1, 0 or +1 in each of the n variables; its index is how many zeros it
    picks (the well's curvature there is −4), so C(n, k)·2ⁿ⁻ᵏ points have index k."""
    data = critical_point_count()
    n = data.dimensions
    assert np.array_equal(data.points, 3**n) and np.array_equal(data.minima, 2**n)
    assert np.all(data.maxima == 1) and np.array_equal(data.saddles, 3**n - 2**n - 1)
    expected = [[comb(int(d), k) * 2 ** (int(d) - k) if k <= d else 0 for k in range(n[-1] + 1)] for d in n]
    assert np.array_equal(data.by_index, expected)
    assert data.well_kinds == ("minimum", "maximum", "minimum") and np.allclose(data.well_points, [-1, 0, 1])
    assert data.loss_latex == r"\sum_{i=1}^{n} \left({x}_{i}^{2} - 1\right)^{2}"
    check_golden(data, data_regression, ndarrays_regression)


def test_the_sum_on_screen_is_the_loss_analysed():
    i, x = sp.Idx("i"), sp.IndexedBase("x")
    for n in (1, 3):
        loss = double_wells(n)
        summed = sp.Sum((x[i] ** 2 - 1) ** 2, (i, 1, n)).doit()
        assert sp.expand(summed.subs({x[k + 1]: v for k, v in enumerate(loss.variables)}) - loss.expression) == 0


test_critical_point_count_keyframe = keyframe_test(CriticalPointCount)

SLICE = slice_reveal()


def test_the_slice_is_a_minimum_and_the_point_a_saddle():
    assert SLICE.slice_second_derivative > 0 and SLICE.kind == "saddle"
    assert SLICE.eigenvalues[0] < 0 < SLICE.eigenvalues[-1]
    assert SLICE.slice_latex == "L(x, 0) = x^{2}" and SLICE.eigenvalue_latex == ("-2", "2")
    along = SLICE.eigen_curves[-1]
    assert np.argmin(along[:, 2]) == len(along) // 2, "along the slice the critical point is the lowest"


def test_the_eigen_curves_go_up_and_down_as_their_eigenvalues_say():
    loss = saddle()
    for value, vector, curve in zip(SLICE.eigenvalues, SLICE.eigenvectors, SLICE.eigen_curves):
        np.testing.assert_allclose(curve[:, 2], loss.value(curve[:, :2]))
        s = curve[:, :2] @ vector
        np.testing.assert_allclose(curve[:, 2], value / 2 * s**2, atol=1e-12)  # exact for a quadratic


def test_the_folded_surface_lies_on_the_slice_curve():
    folded = SLICE.slice_mesh
    assert np.all(folded.y == 0) and folded.z.shape == SLICE.mesh.z.shape
    np.testing.assert_allclose(folded.z, np.broadcast_to(folded.x**2, folded.z.shape))


def exact_two_by_two() -> sp.Expr:
    """P(both eigenvalues > 0) for the 2×2 GOE, integrated exactly by sympy from the joint eigenvalue density
    ∝ |λ1 − λ2| exp(−(λ1² + λ2²)/4) (Mehta, Random Matrices, ch. 3), over λ1 > λ2 (the density is symmetric)."""
    x, y = sp.symbols("x y", real=True)
    density = (x - y) * sp.exp(-(x**2 + y**2) / 4)
    positive = sp.integrate(sp.integrate(density, (y, 0, x)), (x, 0, sp.oo))
    everywhere = sp.integrate(sp.integrate(density, (y, -sp.oo, x)), (x, -sp.oo, sp.oo))
    return sp.simplify(positive / everywhere)


def test_the_exact_two_by_two_value_is_the_known_closed_form():
    assert sp.simplify(exact_two_by_two() - (2 - sp.sqrt(2)) / 4) == 0


@pytest.mark.parametrize("size, exact", [(1, 0.5), (2, (2 - np.sqrt(2)) / 4)])
def test_both_estimates_match_the_exact_value(size, exact):
    estimate, relative_error = importance_fraction(size, 40_000, seed=7)
    assert abs(estimate - exact) < 4 * relative_error * estimate
    samples = 100_000
    fraction, hits = counted_fraction(size, samples, seed=8)
    assert hits == round(fraction * samples)
    assert abs(fraction - exact) < 4 * np.sqrt(exact * (1 - exact) / samples)


@pytest.mark.parametrize("size", [3, 4])
def test_importance_sampling_agrees_with_counting(size):
    estimate, relative_error = importance_fraction(size, 40_000, seed=9)
    fraction, _hits = counted_fraction(size, 200_000, seed=10)
    counting_error = np.sqrt(fraction * (1 - fraction) / 200_000)
    assert abs(estimate - fraction) < 4 * np.hypot(relative_error * estimate, counting_error)


def test_goe_matrices_are_symmetric_with_the_stated_variances():
    matrices = goe(3, 40_000, np.random.default_rng(0))
    np.testing.assert_array_equal(matrices, np.swapaxes(matrices, 1, 2))
    assert abs(matrices[:, 0, 0].var() - 2) < 0.06 and abs(matrices[:, 0, 1].var() - 1) < 0.03


def test_the_trend_fit_recovers_known_coefficients():
    sizes = np.arange(1.0, 11.0)
    theta = np.log(3) / 4
    slope, intercept = fit_trend(sizes, np.exp(-theta * sizes**2 - 0.4 * sizes + 0.1), np.full(10, 0.05), theta)
    assert slope == pytest.approx(-0.4) and intercept == pytest.approx(0.1)


@pytest.mark.parametrize("call", [lambda: counted_fraction(0, 10, 1), lambda: importance_fraction(3, 1, 1)])
def test_bad_sizes_are_refused_in_one_line(call):
    with pytest.raises(LossError):
        call()
