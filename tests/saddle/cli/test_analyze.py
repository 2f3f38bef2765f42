"""`saddle analyze`: the JSON contract, the table, and the bad-input corpus (exit 2, one line, nothing run)."""

import json

import numpy as np
import pytest
from click.testing import CliRunner

from saddle.cli import main


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_toy_network_json():
    result = run("analyze", "(1-w1*w2)**2", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)  # exactly one JSON object and nothing else
    assert data["variables"] == ["w1", "w2"]
    assert data["hessian_latex"] == [["2 w_{2}^{2}", "4 w_{1} w_{2} - 2"], ["4 w_{1} w_{2} - 2", "2 w_{1}^{2}"]]
    (origin,) = data["critical_points"]
    assert origin["point"] == [0.0, 0.0] and origin["kind"] == "saddle" and origin["test"] == "hessian"
    assert origin["eigenvalues"] == [-2.0, 2.0]
    assert origin["eigenvectors"][0] == pytest.approx([2**-0.5, 2**-0.5])
    assert origin["isolated"] is True
    (valley,) = data["critical_sets"]
    assert valley["kind"] == "minimum" and valley["dimension"] == 1
    assert valley["equation_latex"] == "w_{1} w_{2} = 1" and valley["equation"] == "w1*w2 = 1"
    assert len(valley["branches"]) == 2  # w1 < 0 and w1 > 0, each an ordered polyline at full precision
    for branch in valley["branches"]:
        w1, w2 = np.array(branch).T
        np.testing.assert_allclose(w1 * w2, 1, rtol=1e-13)
        assert len(branch) > 200 and np.all(np.diff(w1) > 0)


def test_table_and_options():
    result = run("analyze", "a**2 - b**2 + c", "--vars", "a,b")
    assert result.exit_code == 2 and "c, which is not among the variables" in result.stderr
    result = run("analyze", "b**2 - a**2", "--vars", "b,a", "--box", "-1", "1", "-1", "1")
    assert result.exit_code == 0 and "saddle" in result.stdout
    result = run("analyze", "(x**2 + y - 11)**2 + (x + y**2 - 7)**2", "--box", "-5", "5", "-5", "5")
    assert result.exit_code == 0
    assert result.stdout.count("saddle ") == 4 and result.stdout.count("minimum") == 4
    assert "9 isolated critical points: 4 minima, 4 saddles, 1 maximum" in result.stdout
    assert "maximum" in result.stdout


BAD_INPUTS = {
    "__import__('os').system('touch /tmp/saddle-canary')": "call not allowed",
    "x.__class__": "attribute access",
    "(lambda: 1)()": "call not allowed",
    "lambda x: x": "Lambda",
    "'x' + y": "only numbers",
    "open('/etc/passwd')": "call not allowed",
    "exp(x, y)": "exactly 1 argument",
    "exp(x=1)": "exactly 1 argument",
    "x if y else 1": "IfExp",
    "[x, y]": "List",
    "x < y": "Compare",
    "__builtins__": "'_'",
    "x ^ y": "'^' is not a power",
    "x**y": "exponents must be numbers",
    "x**1000": "too large",
    "1e300 * x + y": "too large",
    "x + ": "cannot parse",
    "": "empty",
    "x" + "+x" * 300: "characters long",
    "1/0 + x + y": "division by zero",
    "exp": "is a function",
    "log(x) + y": "not finite",
    "x + y; import os": "cannot parse",
}


@pytest.mark.parametrize("expression, message", BAD_INPUTS.items(), ids=range(len(BAD_INPUTS)))
def test_bad_input_exits_2_with_one_clear_line(expression, message):
    result = run("analyze", expression, "--json")
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("saddle: error: ")
    assert message in lines[0]


@pytest.mark.parametrize("template", [
    "__import__('os').system('touch {canary}')",
    "open('{canary}', 'w')",
    "exec(\"open('{canary}', 'w')\")",
])
def test_nothing_was_executed(template, tmp_path):
    """Each case names its own fresh canary file, so the check holds in any order, on any worker, after any run."""
    canary = tmp_path / "canary"
    result = run("analyze", template.format(canary=canary), "--json")
    assert result.exit_code == 2 and "call not allowed" in result.stderr
    assert not canary.exists()


@pytest.mark.parametrize("box", [["1", "-1", "0", "1"], ["0", "1", "nan", "1"]])
def test_bad_box(box):
    result = run("analyze", "x*y", "--box", *box)
    assert result.exit_code == 2 and "box" in result.stderr


# Defects found by the hostile-input survey (issue 16): each ends in a correct answer or one line, exit 2.
def test_a_kink_in_the_search_is_abandoned_not_a_traceback():
    result = run("analyze", "abs(x)**0.5+y", "--vars", "x,y")  # dL/dy = 1: no critical point anywhere
    assert result.exit_code == 0, result.stderr
    assert "no isolated critical points" in result.stdout


@pytest.mark.parametrize("expression, message", [
    ("x*0", "the loss is constant (L = 0)"),
    ("tanh(x)**(-1)+y", "infinite or undefined where tanh(x) = 0, which meets the box (e.g. at (0, -2))"),
    ("1/(x - 0.123) + y", "where x - 123/1000 = 0"),
    ("1/(x**2 + y**2)", "where x**2 + y**2 = 0, which meets the box (e.g. at (0, 0))"),
    ("tan(x) + y", "where cos(x) = 0"),
    ("log(x**2) + y", "where x**2 = 0"),
    ("exp(1000*x) + y", "the loss overflows floating point"),
])
def test_constant_singular_and_overflowing_losses(expression, message):
    result = run("analyze", expression, "--vars", "x,y")
    lines = result.stderr.strip().splitlines()
    assert result.exit_code == 2 and len(lines) == 1 and message in lines[0], result.stderr


def test_a_box_too_large_for_floating_point_says_it_overflows():
    result = run("analyze", "x**2+y**2", "--box", "-1e300", "1e300", "-1", "1")
    assert result.exit_code == 2
    assert "overflows floating point" in result.stderr and "smaller box" in result.stderr


def test_a_pole_outside_the_box_is_fine():
    result = run("analyze", "1/(x**2 + y**2) + x", "--box", "1", "2", "1", "2")
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize("args, message", [
    (["x**2 + y", "--box", "0", "1", "0", "1", "0", "1"], "a box needs 4 numbers XMIN XMAX YMIN YMAX, got 6"),
    (["x + y + z", "--box", "0", "1", "0", "1"], "a box of 3 variables needs 6 numbers"),
    (["x + y + z", "--box", "0", "1", "1", "0", "0", "1"], "LO < HI for every variable"),
    (["+".join(f"x{i}" for i in range(9)), "--json"], "1 to 8 variables, this one has 9"),
    (["1 + 2"], "a loss needs at least one variable"),
])
def test_bad_boxes_and_dimensions(args, message):
    result = run("analyze", *args)
    lines = result.stderr.strip().splitlines()
    assert result.exit_code == 2 and len(lines) == 1 and message in lines[0], result.output


def test_a_capital_e_outside_the_variables_is_told_how_eulers_number_is_written():
    result = run("analyze", "x**2+E*y**2", "--vars", "x,y")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "saddle: error: the expression uses E, which is not among the variables (x, y); fix --vars; "
        "Euler's number is written e"]


def test_points_an_exact_solution_finds_on_a_critical_set_are_not_called_isolated():
    """y²(x² − 1): the line y = 0 is critical; on it the kind changes at x = ±1, the two points the exact solution
    singles out. None is isolated, and the proof line says so."""
    result = run("analyze", "y**2*(x**2-1)", "--vars", "x,y")
    assert result.exit_code == 0, result.stderr
    (proof,) = [line for line in result.stdout.splitlines() if line.startswith("proof")]
    assert proof == ("proof     complete (certified): no isolated critical point in the box; 2 points on the "
                     "critical sets below, each proved")
