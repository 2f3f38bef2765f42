"""Critical points of published test functions and of the degenerate cases the Hessian cannot decide."""

import itertools

import numpy as np
import pytest
import sympy as sp
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


# n variables: oracles known by construction.
ROOTS = (-1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5)


@st.composite
def separable_losses(draw):
    """Σ fᵢ(xᵢ), each fᵢ′ either c·Π(x − r) with chosen simple roots r, or fᵢ = a·cos(b·x) (critical where b·x = kπ).
    Returns the text, the variable names and, per variable, its critical coordinates with the sign of fᵢ″ there."""
    n = draw(st.integers(1, 4))
    names = [f"x{i}" for i in range(1, n + 1)]
    terms, truth = [], []
    for name in names:
        x = sp.Symbol(name, real=True)
        if draw(st.booleans()):
            roots = sorted(draw(st.sets(st.sampled_from(ROOTS), min_size=1, max_size=3)))
            c = draw(st.sampled_from([-2, -1, 1, 3]))
            slope = c * sp.Mul(*(x - sp.nsimplify(r) for r in roots))
            terms.append(f"({sp.sstr(sp.expand(sp.integrate(slope, x)))})")
            curvature = [float(sp.diff(slope, x).subs(x, sp.nsimplify(r))) for r in roots]
            truth.append([(r, np.sign(k)) for r, k in zip(roots, curvature)])
        else:
            a, b = draw(st.sampled_from([-1, 2])), draw(st.sampled_from([1, 2, 3]))
            terms.append(f"{a}*cos({b}*{name})")
            ks = range(int(np.ceil(-2 * b / np.pi)), int(np.floor(2 * b / np.pi)) + 1)
            truth.append([(k * np.pi / b, -np.sign(a) * (-1) ** k) for k in ks])
    return " + ".join(terms), names, truth


@settings(max_examples=25, deadline=None)
@given(case=separable_losses())
def test_separable_losses_in_n_variables(case):
    """Every product of per-variable critical points is found; its index is the number of coordinates where fᵢ″ < 0."""
    text, names, truth = case
    critical = critical_points(Loss.from_text(text, names, dimension=None), (-2, 2) * len(names))
    expected = sorted(itertools.product(*truth))
    assert len(critical.points) == len(expected) and not critical.families
    for point, combination in zip(critical.points, expected):
        np.testing.assert_allclose(point.point, [c for c, _ in combination], atol=1e-9)
        index = sum(sign < 0 for _, sign in combination)
        assert point.index == index and point.test == "hessian"
        assert point.kind == ("minimum" if index == 0 else "maximum" if index == len(names) else "saddle")


@st.composite
def quadratic_losses(draw):
    """½ (x − x*)ᵀ A (x − x*) with A = Pᵀ D P, P an integer matrix of determinant 1 (a product of shears) and D a
    diagonal of non-zero integers: by Sylvester's law of inertia the index is the number of negative entries of D."""
    n = draw(st.integers(2, 5))
    d = draw(st.lists(st.sampled_from([-3, -2, -1, 1, 2, 3]), min_size=n, max_size=n))
    p = sp.eye(n)
    for _ in range(draw(st.integers(n, 3 * n))):
        i, j = draw(st.integers(0, n - 1)), draw(st.integers(0, n - 1))
        if i != j:
            shear = sp.eye(n)
            shear[i, j] = draw(st.sampled_from([-1, 1]))
            p = p * shear
    centre = [sp.Rational(draw(st.integers(-15, 15)), 10) for _ in range(n)]
    x = sp.Matrix(sp.symbols(f"x1:{n + 1}", real=True))
    shifted = x - sp.Matrix(centre)
    expression = sp.expand((shifted.T * p.T * sp.diag(*d) * p * shifted)[0] / 2)
    return sp.sstr(expression), [str(v) for v in x], np.array(centre, dtype=float), sum(v < 0 for v in d)


@settings(max_examples=25, deadline=None)
@given(case=quadratic_losses())
def test_quadratic_losses_in_n_variables(case):
    text, names, centre, index = case
    critical = critical_points(Loss.from_text(text, names, dimension=None), (-2, 2) * len(names))
    (point,) = critical.points
    np.testing.assert_allclose(point.point, centre, atol=1e-9)
    assert point.index == index and critical.method == "exact" and not critical.families
    assert point.kind == ("minimum" if index == 0 else "maximum" if index == len(names) else "saddle")


def test_coupled_cosines_found_by_the_numeric_search_in_three_variables():
    """Σ cos((Px)ᵢ) with P a shear: critical exactly where Px ∈ πℤ³, index = how many (Px)ᵢ are even multiples of π
    (there −cos″ = cos > 0 … −cos is the curvature: cos″(u) = −cos(u))."""
    p = np.array([[1, 1, 0], [0, 1, 1], [0, 0, 1]])
    loss = Loss.from_text("cos(x + y) + cos(y + z) + cos(z)", "x,y,z", dimension=None)
    box = (-3, 3) * 3
    critical = critical_points(loss, box)
    assert critical.method == "numeric" and critical.starts > 0
    truth = []
    for k in itertools.product(range(-4, 5), repeat=3):
        point = np.linalg.solve(p, np.pi * np.array(k))
        if np.all(np.abs(point) <= 3):
            truth.append((point, sum(kk % 2 == 0 for kk in k)))  # cos″ = −cos < 0 where k is even
    assert len(critical.points) == len(truth)
    for point, index in truth:
        (found,) = [c for c in critical.points if np.allclose(c.point, point, atol=1e-8)]
        assert found.index == index


def test_double_wells_in_three_and_four_variables():
    for n, by_index in ((3, {0: 8, 1: 12, 2: 6, 3: 1}), (4, {0: 16, 1: 32, 2: 24, 3: 8, 4: 1})):
        names = [f"x{i}" for i in range(n)]
        loss = Loss.from_text(" + ".join(f"({v}**2 - 1)**2" for v in names), names, dimension=None)
        critical = critical_points(loss, (-2, 2) * n)
        assert critical.index_counts() == by_index and len(critical.points) == 3**n
        assert critical.blocks == tuple((v,) for v in names) and critical.method == "exact"


def test_sin_xy_has_one_saddle_and_two_curves_of_two_branches():
    critical = critical_points(Loss.from_text("sin(x*y)"))
    (saddle_point,) = critical.points
    assert saddle_point.kind == "saddle" and np.allclose(saddle_point.point, 0)
    curves = {c.equation_text: c for c in critical.curves}
    assert set(curves) == {"x*y = pi/2", "x*y = -pi/2"}
    assert curves["x*y = pi/2"].kind == "maximum" and curves["x*y = -pi/2"].kind == "minimum"
    for curve in curves.values():
        assert len(curve.branches) == 2 and curve.equation_latex in (r"x y = \frac{\pi}{2}", r"x y = - \frac{\pi}{2}")
        for branch in curve.branches:
            np.testing.assert_allclose(np.abs(np.prod(branch, axis=1)), np.pi / 2, rtol=1e-13)


def test_a_variable_the_loss_ignores_makes_lines_and_planes():
    (line,) = critical_points(Loss.from_text("x**3", "x,y")).families
    assert (line.equation_text, line.dimension, line.kind) == ("x = 0", 1, "saddle")
    (branch,) = line.branches
    assert np.all(branch[:, 0] == 0) and branch[0, 1] == -2 and branch[-1, 1] == 2
    (plane,) = critical_points(Loss.from_text("y**2", "x,y,z", dimension=None), (-1, 1) * 3).families
    assert (plane.equation_text, plane.dimension, plane.kind, plane.branches) == ("y = 0", 2, "minimum", ())


def test_a_valley_times_a_well_is_a_curve_in_three_variables():
    critical = critical_points(Loss.from_text("(1 - x*y)**2 + z**2", "x,y,z", dimension=None), (-2, 2) * 3)
    (origin,) = critical.points
    assert origin.kind == "saddle" and origin.index == 1
    (valley,) = critical.families
    assert valley.equation_text == "x*y = 1, z = 0" and valley.dimension == 1 and valley.kind == "minimum"
    for branch in valley.branches:
        np.testing.assert_allclose(branch[:, 0] * branch[:, 1], 1, rtol=1e-13)
        assert np.all(branch[:, 2] == 0)


def test_a_kink_is_not_classified_by_a_hessian_that_does_not_exist():
    (point,) = critical_points(Loss.from_text("abs(x) + y**2")).points
    assert (point.kind, point.test, point.index) == ("minimum", "not differentiable", None)
    assert point.eigenvalues.size == 0


def test_lines_that_no_common_factor_gives_are_solved_in_parametric_form():
    """x·y·z: the gradient (y z, x z, x y) vanishes exactly on the three axes, by hand."""
    critical = critical_points(Loss.from_text("x*y*z", "x,y,z", dimension=None), (-1, 1) * 3)
    assert not critical.points and critical.method == "exact"
    assert sorted(f.equation_text for f in critical.families) == ["x = 0, y = 0", "x = 0, z = 0", "y = 0, z = 0"]
    for family in critical.families:
        (branch,) = family.branches
        assert family.dimension == 1 and family.kind == "saddle" and len(branch) > 200
        assert np.all(np.sum(branch == 0, axis=1) >= 2) and np.ptp(branch.max(axis=1) + branch.min(axis=1)) == 2
