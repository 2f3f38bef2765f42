"""Curves of critical points that no symbolic factor reveals, traced numerically, and the honest edges of the
classification (undecided points, kinks).

Oracle: L = (e^{h₁} − e^{h₂})², written multiplied out so that its gradient's two components share no factor sympy
can see, is zero, its minimum, exactly on the level curve h₁ = h₂; elsewhere ∇L = 2(A − B)(A∇h₁ − B∇h₂) vanishes
only where ∇h₁ = ∇h₂ = 0. Both are known by construction."""

import json

import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from mathcore.continuation import STEPS_PER_DIAGONAL, Tolerances, trace
from mathcore.critical import classify, critical_points
from mathcore.loss import Loss
from mathcore.story.s12_loss_explorer import explore
from saddle.cli import main

BOX = (-2.0, 2.0, -2.0, 2.0)
RANGES = ((-2.0, 2.0), (-2.0, 2.0))
STEP = float(np.hypot(4, 4)) / STEPS_PER_DIAGONAL


def squared_difference(h1: str, h2: str, sign: str = "", variables: str = "x,y") -> Loss:
    """(e^{h1} − e^{h2})², multiplied out (times −1 with sign="-": a curve of maxima)."""
    return Loss.from_text(f"{sign}(exp(2*({h1})) - 2*exp({h1} + {h2}) + exp(2*({h2})))", variables, dimension=None)


def ellipse(a: float, b: float, c: float, d: float) -> tuple[Loss, callable]:
    """The closed curve a x² + b x + d y² = c (inside the box for the values used here), and its left side − c."""
    loss = squared_difference(f"{a}*x**2 + {b}*x", f"{c} - {d}*y**2")
    return loss, lambda p: a * p[:, 0] ** 2 + b * p[:, 0] + d * p[:, 1] ** 2 - c


def on_curve(loss: Loss, branch: np.ndarray, level) -> None:
    np.testing.assert_array_less(np.linalg.norm(loss.gradient(branch), axis=-1), 1e-9)
    np.testing.assert_allclose(level(branch), 0, atol=1e-9)


@settings(max_examples=8, derandomize=True)
@given(a=st.sampled_from([0.8, 1.0, 1.5]), b=st.sampled_from([-0.4, 0.0, 0.3]),
       c=st.sampled_from([0.3, 0.7, 1.2]), d=st.sampled_from([0.6, 1.0, 1.4]))
def test_the_trace_follows_a_closed_curve_all_the_way_round(a, b, c, d):
    """Seeded on the curve at its widest point (y = 0), the trace goes round the ellipse and closes on itself."""
    loss, level = ellipse(a, b, c, d)
    seed = np.array([(-b + np.sqrt(b * b + 4 * a * c)) / (2 * a), 0.0])
    branch, is_curve = trace(loss, seed, RANGES, Tolerances(1e-6, 1e-9))
    assert is_curve
    on_curve(loss, branch, level)
    np.testing.assert_array_equal(branch[0], branch[-1])  # closed
    steps = np.linalg.norm(np.diff(branch, axis=0), axis=-1)
    assert steps.max() <= 1.5 * STEP  # dense enough to draw
    half_height = np.sqrt((c + b * b / (4 * a)) / d)  # the ellipse's, by completing the square
    assert np.ptp(branch[:, 1]) > 2 * half_height * 0.999  # all the way round


@settings(max_examples=6, derandomize=True)
@given(c=st.sampled_from([-1.0, 0.0, 0.5, 1.5]), d=st.sampled_from([0.3, 0.5, 1.0]), maximum=st.booleans())
def test_an_open_curve_is_traced_from_edge_to_edge(c, d, maximum):
    """x = c − d y² (a parabola through the box): one branch, both ends on the box's boundary."""
    loss = squared_difference("x", f"{c} - {d}*y**2", "-" if maximum else "")
    critical = critical_points(loss, BOX)
    assert not critical.points  # ∇h₁ = (1, 0) never vanishes: nothing but the curve
    (curve,) = critical.families
    assert curve.traced and curve.dimension == 1 and curve.equation_text == "numerically traced"
    assert curve.kind == ("maximum" if maximum else "minimum")
    for branch in curve.branches:
        on_curve(loss, branch, lambda p: p[:, 0] - c + d * p[:, 1] ** 2)
        for end in (branch[0], branch[-1]):
            assert np.isclose(np.abs(end), 2, atol=1e-12).any()  # on the boundary, to full precision


@pytest.mark.parametrize("a, b, c, d", [(1.0, 0.0, 1.0, 1.0), (0.8, 0.3, 0.7, 1.4), (1.5, -0.4, 1.2, 0.6)])
def test_a_cloud_of_newton_points_becomes_one_curve_and_the_isolated_point(a, b, c, d):
    loss, level = ellipse(a, b, c, d)
    critical = critical_points(loss, BOX)
    assert critical.method == "numeric"
    (point,) = critical.points  # the centre: ∇h₁ = ∇h₂ = 0
    np.testing.assert_allclose(point.point, [-b / (2 * a), 0], atol=1e-9)
    # inside the ellipse h₁ < h₂, and h₁ rises, h₂ falls away from the centre: L = (A − B)² falls both ways
    assert point.isolated and point.kind == "maximum" and point.index == 2
    (curve,) = critical.curves
    assert curve.traced and curve.kind == "minimum" and curve.differentiable
    (branch,) = curve.branches
    on_curve(loss, branch, level)


def test_curves_that_newton_reaches_only_where_they_cross_are_traced_too():
    """(e^{sin 3x} − e^{cos 3y})²: sin 3x = cos 3y on the lines x ∓ y = π/6 + 2kπ/3, which cross where both
    ∇h vanish (two zero eigenvalues there). Newton ends on x − y = 5π/6 only at such crossings; each of the six
    lines of k = −1, 0, 1 must be traced, straight through every crossing."""
    loss = squared_difference("sin(3*x)", "cos(3*y)")
    critical = critical_points(loss, BOX)
    (curve,) = critical.curves
    lines = set()
    for branch in curve.branches:
        on_curve(loss, branch, lambda p: np.sin(3 * p[:, 0]) - np.cos(3 * p[:, 1]))
        for sign in (-1, 1):
            offset = branch[:, 0] + sign * branch[:, 1]
            if np.ptp(offset) < 1e-9:
                lines.add((sign, round(float((offset[0] - np.pi / 6) / (2 * np.pi / 3)), 6)))
    assert {(sign, k) for sign in (-1, 1) for k in (-1.0, 0.0, 1.0)} <= lines
    assert len(curve.branches) == len(lines)  # one branch per line: straight through the crossings
    assert [p.kind for p in critical.points] == ["maximum"] * 6  # cos 3x = sin 3y = 0 off the lines


@pytest.mark.parametrize("expression", ["x**2 + y**10*exp(x)", "x**2 + y**8*exp(x)", "-(x**2) - y**8*exp(x)"])
def test_a_degenerate_isolated_point_is_one_point_not_a_curve_or_a_cloud(expression):
    """x² + y¹⁰·eˣ: Newton creeps along the flat y direction and stops anywhere |∇L| = 10 y⁹ is below its
    tolerance (166 points before); the trace from them stalls (∇L grows), so no curve, and they are one point."""
    critical = critical_points(Loss.from_text(expression), BOX)
    (point,) = critical.points
    assert not critical.families and point.kind == ("maximum" if expression.startswith("-") else "minimum")
    np.testing.assert_allclose(point.point, [0, 0], atol=1e-9)


@pytest.mark.parametrize("expression, kind", [("x**2 + (y**10 + z**10)*exp(x)", "minimum"),
                                              ("x**2 + (y**10 - z**10)*exp(x)", "saddle")])
def test_a_point_flat_in_two_directions_is_one_point_too(expression, kind):
    """Two zero eigenvalues and no set through the point: walks along them stall, and the Newton end points around
    the origin (572 and 816 points before, the latter called 4 minima and 812 saddles) are that one point."""
    critical = critical_points(Loss.from_text(expression, "x,y,z", dimension=None), (-2, 2) * 3)
    (point,) = critical.points
    assert not critical.families and point.kind == kind
    np.testing.assert_allclose(point.point, 0, atol=1e-9)


def test_three_variables_a_closed_curve_tilted_out_of_the_plane():
    loss = Loss.from_text("exp(2*x**2) - 2*exp(x**2 + 1 - y**2) + exp(2 - 2*y**2) + (z - x)**2", "x,y,z",
                          dimension=None)
    critical = critical_points(loss, (-2, 2) * 3)
    (origin,) = critical.points
    assert origin.kind == "saddle" and np.allclose(origin.point, 0)
    (curve,) = critical.families
    assert curve.traced and curve.kind == "minimum" and curve.dimension == 1
    (branch,) = curve.branches
    np.testing.assert_allclose(branch[:, 0] ** 2 + branch[:, 1] ** 2, 1, atol=1e-9)
    np.testing.assert_allclose(branch[:, 2], branch[:, 0], atol=1e-9)


def test_a_sphere_of_minima_in_three_variables_is_one_set_of_dimension_two():
    """(e^{x²+y²} − e^{1−z²})² multiplied out: zero on the sphere x² + y² + z² = 1; the origin, where both
    exponents' gradients vanish, a maximum."""
    loss = squared_difference("x**2 + y**2", "1 - z**2", variables="x,y,z")
    critical = critical_points(loss, (-2, 2) * 3)
    (origin,) = critical.points
    assert origin.kind == "maximum" and np.allclose(origin.point, 0)
    (sphere,) = critical.families
    assert (sphere.dimension, sphere.kind, sphere.traced, sphere.branches) == (2, "minimum", True, ())
    assert sphere.equation_text == "numerically found" and len(sphere.samples) > 100
    np.testing.assert_allclose(np.sum(sphere.samples**2, axis=1), 1, atol=1e-9)
    np.testing.assert_array_less(np.linalg.norm(loss.gradient(sphere.samples), axis=-1), 1e-8)


def test_the_json_table_and_explorer_show_a_traced_curve():
    expression = "exp(2*x) - 2*exp(x - y) + exp(-2*y)"  # (eˣ − e⁻ʸ)²: the line y = −x
    result = CliRunner().invoke(main, ["analyze", expression, "--json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["counts"]["points"] == 0 and data["critical_points"] == []
    (curve,) = data["critical_sets"]
    assert (curve["kind"], curve["dimension"], curve["method"], curve["equation"]) == (
        "minimum", 1, "numeric", "numerically traced")
    (branch,) = curve["branches"]
    np.testing.assert_allclose(np.sum(branch, axis=1), 0, atol=1e-12)
    assert branch[0] == [-2.0, 2.0] and branch[-1] == [2.0, -2.0] and len(branch) > 400
    table = CliRunner().invoke(main, ["analyze", expression]).stdout
    assert "no isolated critical points in the box" in table
    assert "curve of minimum: numerically traced  (501 points on 1 branch in the box)" in table
    (view,) = explore(expression).curves
    assert view.kind == "minimum" and len(view.branches) == 1
    np.testing.assert_allclose(view.heights[0], 0, atol=1e-12)


@pytest.mark.parametrize("expression, kind", [
    ("1e-9*(x**4 - y**4)", "saddle"),  # tiny, yet decided: "equal" is relative to the loss's own spread
    ("1e-9*(x**4 + y**4)", "minimum"),
    ("1e4 + x**10 - y**10", "undecided"),  # differences of 2e-8 on 1e4: below what the rings can resolve
    ("1e4 + x**10 + y**10", "undecided"),
])
def test_a_point_the_rings_cannot_decide_says_so(expression, kind):
    info = classify(Loss.from_text(expression), [0, 0])
    assert (info.kind, info.test) == (kind, "higher-order")


def test_undecided_in_the_table_and_json():
    result = CliRunner().invoke(main, ["analyze", "1e4 + x**10 - y**10", "--json"])
    (point,) = json.loads(result.stdout)["critical_points"]
    assert point["kind"] == "undecided" and json.loads(result.stdout)["counts"]["by_kind"] == {"undecided": 1}
    table = CliRunner().invoke(main, ["analyze", "1e4 + x**10 - y**10"]).stdout
    assert "undecided higher-order" in table and "1 isolated critical point: 1 undecided" in table
    assert "flat" not in table


def test_abs_xy_is_a_minimum_on_both_axes_not_differentiable_there():
    """|x·y| = 0 exactly on the axes, its minimum. Away from the origin it has a kink there (|y₀|·|x| near (0, y₀));
    at the origin |x·y| ≤ (x² + y²)/2, so the gradient exists (0) but the Hessian does not."""
    result = CliRunner().invoke(main, ["analyze", "abs(x*y)", "--json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    axes = {c["equation"]: c for c in data["critical_sets"]}
    assert set(axes) == {"x = 0", "y = 0"}
    for axis in axes.values():
        assert axis["kind"] == "minimum" and axis["dimension"] == 1 and axis["differentiable"] is False
    (origin,) = data["critical_points"]
    assert origin["point"] == [0.0, 0.0] and origin["isolated"] is False
    assert (origin["kind"], origin["test"], origin["gradient_norm"], origin["index"]) == (
        "minimum", "no Hessian", 0.0, None)
    kink = classify(Loss.from_text("abs(x*y)"), [0, 1])
    assert (kink.kind, kink.test, np.isnan(kink.gradient_norm)) == ("minimum", "not differentiable", True)
