"""Part 3: the data behind TaylorApproximation — the typeset formula is the model, and the model is second order."""

import numpy as np
import sympy as sp

from mathcore.builtins import worst_network
from mathcore.story.s03_taylor_approximation import taylor_approximation, taylor_terms
from mathcore.taylor import QuadraticModel
from scenes.s03_taylor_approximation import TaylorApproximation
from tests.helpers.golden import check_golden
from tests.helpers.keyframes import keyframe_test


def test_the_typeset_expression_evaluates_to_the_quadratic_model():
    """The sympy expression behind the formula, with θ, θ′, g, H substituted, gives QuadraticModel's numbers."""
    loss = worst_network()
    _, _, linear, quadratic = taylor_terms()
    rng = np.random.default_rng(3)
    for centre, theta in rng.uniform(-1.2, 1.2, size=(5, 2, 2)):
        model = QuadraticModel.of(loss, centre)
        symbols = {s.name: s for s in (linear.free_symbols | quadratic.free_symbols)}
        values = {symbols[r"\theta"]: sp.Matrix(theta), symbols[r"{\theta'}"]: sp.Matrix(centre),
                  symbols["{g}"]: sp.Matrix(model.gradient), symbols["{H}"]: sp.Matrix(model.hessian)}
        typeset = model.value + float(linear.subs(values).doit()[0]) + float(quadratic.subs(values).doit()[0]) / 2
        assert abs(typeset - model(theta)) < 1e-12


def test_the_model_is_exact_to_second_order():
    """Independent of the model's code: its error against the true loss shrinks at least like s³ (halving s: ÷8 or
    more)."""
    loss = worst_network()
    for expansion in taylor_approximation().expansions:
        model = QuadraticModel(expansion.point, expansion.value, expansion.gradient, expansion.hessian)
        direction = np.array([0.6, 0.8])
        nearby = [expansion.point + s * direction for s in (1e-2, 5e-3)]
        errors = [abs(float(loss.value(point)) - float(model(point))) for point in nearby]
        assert errors[0] / errors[1] > 7.0


def test_taylor_approximation_data(data_regression, ndarrays_regression):
    data = taylor_approximation()
    ordinary, critical = data.expansions
    assert not ordinary.critical and critical.critical and critical.gradient_latex == ("0", "0")
    np.testing.assert_array_equal(critical.stages[0].z, critical.stages[1].z)  # the green term adds nothing
    assert not np.array_equal(ordinary.stages[0].z, ordinary.stages[1].z)
    for expansion in data.expansions:
        centre = len(expansion.true_patch.x) // 2
        assert abs(expansion.stages[2].z[centre, centre] - expansion.value) < 1e-12
        assert abs(expansion.true_patch.z[centre, centre] - expansion.value) < 1e-12
    assert all(tex in term for tex, term in zip(data.colour_latex, data.term_latex))
    check_golden(data, data_regression, ndarrays_regression)


test_taylor_approximation_keyframe = keyframe_test(TaylorApproximation)
