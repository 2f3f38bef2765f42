"""The Monte Carlo estimates of P(all eigenvalues > 0) for GOE matrices, against exact values."""

import numpy as np
import pytest
import sympy as sp

from mathcore.errors import LossError
from mathcore.story.random_hessians import counted_fraction, fit_trend, goe, importance_fraction


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
    fraction, hits = counted_fraction(size, 200_000, seed=10)
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
