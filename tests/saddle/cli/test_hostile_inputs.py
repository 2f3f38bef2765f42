"""The hostile-input corpus: what a careless user or an attacker may type, each with the outcome it must have.

Every case goes through `saddle analyze --json` and `saddle explore` (manim replaced by a recorder). It ends either
in exit 2 with one line on stderr that says what is wrong (the substring given here), or in the correct critical
points; never a traceback, never anything executed. Time and memory are bounded by the tool itself
(mathcore.limits, saddle.budget), tested at the end of this file."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass

import numpy as np
import pytest
from click.testing import CliRunner

from mathcore.errors import LossError
from saddle.budget import analysis_budget
from saddle.cli import explore as cli_explore
from saddle.cli import main


@dataclass(frozen=True)
class Refused:
    says: str  # a piece of the one line on stderr


@dataclass(frozen=True)
class Answer:
    points: tuple = ()  # (kind, (x, y)) of every isolated critical point
    curves: tuple = ()  # kinds of the curves of critical points


@dataclass(frozen=True)
class Differs:
    """`saddle analyze` takes 1 to 8 variables; `saddle explore` draws 2 to 8 (a loss of one is refused)."""

    analyze: Refused | Answer
    explore: Refused | Answer


def refused(says: str) -> Refused:
    return Refused(says)


def answer(*points, curves=()) -> Answer:
    return Answer(tuple(points), tuple(curves))


NONE = answer()
BOWL = answer(("minimum", (0, 0)))
KINK_MINIMUM = answer(("minimum", (0, 0)))  # at a point where the loss is not differentiable
DEEP_PARENTHESES = "(" * 100_000 + "x" + ")" * 100_000
NOT_ALLOWED = "not allowed in a loss expression"
CALL = "call not allowed"
ATTRIBUTE = "attribute access is not allowed"
SYNTAX = "cannot parse"
NOT_NUMBER = "only numbers are allowed"
UNDERSCORE = "names starting with '_'"
CHARACTER = "the loss expression has the character"
DEGREE = "multiplies out to degree"
UNDEFINED = "division by zero or an infinity"
NOT_REAL = "is not a real number"
TOO_LARGE = "too large"
BOX = "the box must"

INJECTION = [
    ("__import__('os').system('touch /tmp/saddle-hostile-canary')", refused(CALL)),
    ("__import__", refused(UNDERSCORE)),
    ("__builtins__", refused(UNDERSCORE)),
    ("__class__", refused(UNDERSCORE)),
    ("_", refused(UNDERSCORE)),
    ("_x + y", refused(UNDERSCORE)),
    ("x.__class__", refused(ATTRIBUTE)),
    ("x.__dict__", refused(ATTRIBUTE)),
    ("x.real", refused(ATTRIBUTE)),
    ("(1).__class__.__bases__[0].__subclasses__()", refused(CALL)),
    ("().__class__.__mro__[1].__subclasses__()[0]", refused(NOT_ALLOWED)),
    ("x.__add__(y)", refused(CALL)),
    ("exp.__globals__", refused(ATTRIBUTE)),
    ("sp.exp(x)", refused(CALL)),
    ("sympy.exp(x) + y", refused(CALL)),
    ("np.exp(x)", refused(CALL)),
    ("os.system('id')", refused(CALL)),
    ("Symbol('x')", refused(CALL)),
    ("sympify('x*y')", refused(CALL)),
    ("S('x') + y", refused(CALL)),
    ("Integer(2)*x + y", refused(CALL)),
    ("Function('f')(x)", refused(CALL)),
    ("Lambda(x, x)(y)", refused(CALL)),
    ("parse_expr('x')", refused(CALL)),
    ("eval('x*y')", refused(CALL)),
    ("exec('import os')", refused(CALL)),
    ("compile('1', '', 'eval')", refused(CALL)),
    ("getattr(x, 'y')", refused(CALL)),
    ("setattr(x, 'a', 1)", refused(CALL)),
    ("globals()", refused(CALL)),
    ("locals()", refused(CALL)),
    ("vars()", refused(CALL)),
    ("dir()", refused(CALL)),
    ("type(x)", refused(CALL)),
    ("object()", refused(CALL)),
    ("open('/etc/passwd')", refused(CALL)),
    ("print(x)", refused(CALL)),
    ("input()", refused(CALL)),
    ("breakpoint()", refused(CALL)),
    ("help()", refused(CALL)),
    ("exit()", refused(CALL)),
    ("factorial(1000)", refused(CALL)),
    ("factorial(x) + y", refused(CALL)),
    ("gamma(x) + y", refused(CALL)),
    ("max(x, y)", refused(CALL)),
    ("pi(x) + y", refused(CALL)),
    ("x(y)", refused(CALL)),
    ("(x)(y)", refused(CALL)),
    ("exp(x)(y)", refused(CALL)),
    ("lambda: x", refused("Lambda")),
    ("lambda x: x", refused("Lambda")),
    ("(lambda: 1)()", refused(CALL)),
    ("(lambda x: x)(y)", refused(CALL)),
    ("[x for x in y]", refused("ListComp")),
    ("{x for x in y}", refused("SetComp")),
    ("(x for x in y)", refused("GeneratorExp")),
    ("{x: y for x in y}", refused("DictComp")),
    ("(y := x)", refused("NamedExpr")),
    ("f'{x}'", refused("JoinedStr")),
    ("f'{__import__(\"os\")}'", refused("JoinedStr")),
    ("'x'", refused(NOT_NUMBER)),
    ("'x' + y", refused(NOT_NUMBER)),
    ("b'x' + y", refused(NOT_NUMBER)),
    ("None", refused(NOT_NUMBER)),
    ("True + x + y", refused(NOT_NUMBER)),
    ("...", refused(NOT_NUMBER)),
    ("1j*x + y", refused(NOT_NUMBER)),
    ("*x", refused(SYNTAX)),
    ("exp(*x)", refused("Starred")),
    ("exp(**y)", refused("exactly 1 argument")),
    ("exp(x=1)", refused("exactly 1 argument")),
    ("exp(x, y)", refused("exactly 1 argument")),
    ("exp()", refused("exactly 1 argument")),
    ("log(x, 2)", refused("exactly 1 argument")),
    ("x[0]", refused("Subscript")),
    ("x[0:1] + y", refused("Subscript")),
    ("[x, y]", refused("List")),
    ("(x, y)", refused("Tuple")),
    ("{x, y}", refused("Set")),
    ("{x: y}", refused("Dict")),
    ("x if y else 1", refused("IfExp")),
    ("x < y", refused("Compare")),
    ("x == y", refused("Compare")),
    ("not x", refused("UnaryOp")),
    ("~x + y", refused("UnaryOp")),
    ("x and y", refused("BoolOp")),
    ("x // y", refused("FloorDiv")),
    ("x % y", refused("Mod")),
    ("'%s' % x", refused("Mod")),
    ("x @ y", refused("MatMult")),
    ("x << y", refused("LShift")),
    ("x | y", refused("BitOr")),
    ("x ^ y", refused("'^' is not a power")),
    ("await x", refused("Await")),
    ("yield x", refused(SYNTAX)),
    ("import os", refused(SYNTAX)),
    ("x + y; import os", refused(SYNTAX)),
    ("x = y", refused(SYNTAX)),
    ("sin", refused("is a function")),
    ("exp + y", refused("is a function")),
    ("x**y", refused("exponents must be numbers")),
    ("2**x + y", refused("exponents must be numbers")),
]

RESOURCES = [
    (DEEP_PARENTHESES, refused("characters long")),
    ("(" * 150 + "x" + ")" * 150 + " + y**2", NONE),  # deep but harmless: the parser's limits are not crossed
    ("(" * 199 + "x" + ")" * 199, Differs(NONE, refused("2 to 8 variables, this one has 1"))),  # as deep as 400 allow
    ("x + " + "-" * 300 + "y", refused("nested deeper than")),
    ("exp(" * 12 + "x" + ")" * 12 + " + y", refused("nested more than 10 deep")),
    ("sigmoid(" * 30 + "x*y" + ")" * 30, refused("nested more than 10 deep")),
    ("sin(" * 10 + "x" + ")" * 10 + " + y**2",  # a nest at the limit still answers: extremes where cos(x) = 0
     answer(("minimum", (-np.pi / 2, 0)), ("saddle", (np.pi / 2, 0)))),
    ("x" + "+x" * 300, refused("characters long")),
    ("x" + "*x" * 100 + " + y", refused(DEGREE)),
    ("+".join(["x**2", "y**2"] * 40), BOWL),  # long, flat and harmless: 40·x² + 40·y²
    ("*".join(f"sin(x + {k}*y)" for k in range(13)), refused("degree 13")),
    ("*".join(f"sin(x + {k}*y)" for k in range(12)), refused("gradient is too large")),
    ("*".join(f"sigmoid(x + {k}*y)" for k in range(12)), refused("gradient is too large")),
    ("9**9**9**9", refused("exponent 9**9 is too large")),
    ("2**64**64 + x + y", refused("exponent 64**64 is too large")),
    ("x**1000", refused("exponent 1000 is too large")),
    ("x**(10**100) + y", refused("exponent 100 is too large")),
    ("x**1e10 + y", refused("exponent 1e10 is too large")),
    ("2**1024 + x + y", refused("exponent 1024 is too large")),
    ("(((((2**64)**64)**64)**64)**64) + x + y", refused("the number (2**64)**64 is too large")),
    ("(9**64)*(9**64)*(9**64)*(9**64)*(9**64)*x*y", refused(TOO_LARGE)),
    ("exp(exp(exp(20))) + x*y", refused("the number exp(exp(20)) is too large")),
    ("exp(700)*x*y", refused("the number exp(700) is too large")),
    ("1e300 * x + y", refused("the number 1e300 is too large")),
    ("9" * 400 + "*x*y", refused("characters long")),
    ("9" * 300 + "*x*y", refused(TOO_LARGE)),
    ("1e-400*x + y", refused("too small")),
    ("x**12 + 12*x + y**2", answer(("minimum", (-1, 0)))),  # degree 12, the limit, still answers
    ("(x**64)**64 + y", refused("degree 4096")),
    ("(((x**2)**2)**2)**2 + y**2", refused("degree 16")),
    ("(x + y + 1)**64", refused("degree 64")),
    ("(x + y + 1)**32*(x - y + 2)**32", refused("degree 64")),
    ("(x + y)**64*(x - y)**64", refused("degree 128")),
    ("sin(x)**13 + y**2", refused("degree 13")),
    ("x**(-13) + y**2", refused("degree 13")),
    ("exp((x + y)**13)", refused("degree 13")),
]

UNICODE = [
    ("ｘ**2 + ｙ**2", refused("FULLWIDTH LATIN SMALL LETTER X) at column 1; type 'x' instead")),
    ("х**2 + y**2", refused("CYRILLIC SMALL LETTER HA")),
    ("x**2 + у**2", refused("CYRILLIC SMALL LETTER U")),
    ("eхp(x) + y", refused("CYRILLIC SMALL LETTER HA")),
    ("x**2 + ο**2", refused("GREEK SMALL LETTER OMICRON")),
    ("𝑥**2 + y**2", refused("MATHEMATICAL ITALIC SMALL X")),
    ("x\u202e + y", refused("RIGHT-TO-LEFT OVERRIDE")),
    ("x\u2066 + y\u2069", refused("LEFT-TO-RIGHT ISOLATE")),
    ("x\u200b + y", refused("ZERO WIDTH SPACE")),
    ("\ufeffx + y", refused("ZERO WIDTH NO-BREAK SPACE")),
    ("x\u00a0+ y", refused("NO-BREAK SPACE")),
    ("x\u0301 + y", refused("COMBINING ACUTE ACCENT")),
    ("x − y", refused("MINUS SIGN) at column 3; type '-' instead")),
    ("x × y", refused("type '*' instead")),
    ("x² + y²", refused("type '**2' instead")),
    ("x\x00 + y", refused("U+0000")),
    ("x + \x07y", refused("U+0007")),
    ("x\x1b[31m + y", refused("U+001B")),
    ("x\x7f + y", refused("U+007F")),
    ("x**2 +\ty**2", BOWL),
    ("(x**2\n + y**2)", BOWL),
    ("x**2\n+ y**2", BOWL),
    ("  x**2 + y**2  ", BOWL),
    ("x**2 + y**2\r\n", BOWL),
]

NUMERIC = [
    ("1/0 + x + y", refused(UNDEFINED)),
    ("x/0 + y", refused(UNDEFINED)),
    ("0/0 + x + y", refused(UNDEFINED)),
    ("0**-1 + x + y", refused(UNDEFINED)),
    ("log(0) + x + y", refused(UNDEFINED)),
    ("tan(pi/2) + x + y", refused(UNDEFINED)),
    ("1/sin(pi) + x + y", refused(UNDEFINED)),
    ("sqrt(-1) + x + y", refused(NOT_REAL)),
    ("sqrt(-4)*x + y", refused(NOT_REAL)),
    ("log(-1) + x + y", refused(NOT_REAL)),
    ("(-1)**0.5 + x + y", refused(NOT_REAL)),
    ("(-8)**(1/3) + x**2 + y**2", refused(NOT_REAL)),
    ("log(x) + y", refused("choose a box")),
    ("sqrt(x) + y**2", refused("choose a box")),
    ("x**0.5 + y", refused("choose a box")),
    ("x**(1/3) + y**2", refused("choose a box")),
    ("log(x + 1) + y**2", refused("choose a box")),
    ("sqrt(1 - x**2 - y**2)", refused("choose a box")),
    ("1/x + y", refused("where x = 0")),
    ("x**(-12) + y**2", refused("where x = 0")),
    ("1/(x - y)", refused("choose a box")),
    ("1/(x**2 + y**2)", refused("where x**2 + y**2 = 0")),
    ("tanh(x)**(-1) + y", refused("where tanh(x) = 0, which meets the box (e.g. at (0, -2))")),
    ("tan(x) + y", refused("where cos(x) = 0")),
    ("log(x**2) + y", refused("where x**2 = 0")),
    ("exp(1000*x) + y", refused("overflows floating point")),
    ("x*0", refused("the loss is constant (L = 0)"), "--vars", "x,y"),
    ("0*x + 0*y", refused("the loss is constant (L = 0)"), "--vars", "x,y"),
    ("x - x + y - y", refused("the loss is constant (L = 0)"), "--vars", "x,y"),
    ("sin(1)", refused("the loss is constant (L = sin(1))"), "--vars", "x,y"),
    ("pi", refused("the loss is constant (L = pi)"), "--vars", "x,y"),
    ("x*0", refused("a loss needs at least one variable")),
    ("abs(x)**0.5 + y", NONE),  # |x|^½ has a cusp on x = 0, but ∂L/∂y = 1: no critical point
    ("abs(x) + abs(y)", answer(("minimum", (0, 0)))),  # a kink, taken with sign(0) = 0: the minimum
    ("sqrt(x**2 + y**2)", KINK_MINIMUM),  # a cone: its tip has no gradient at all, yet is the minimum
    ("(x**2 + y**2)**0.5", KINK_MINIMUM),
    ("(x**2 + y**2)**(1/3)", KINK_MINIMUM),  # issue 27: a kink with a vertical tangent
    ("abs(x)**0.5 + abs(y)**0.5", KINK_MINIMUM),  # issue 27: a cusp on each axis, the minimum where they cross
    ("abs(x) - abs(y)", answer(("saddle", (0, 0)))),  # 0 is in the hull of the gradients (±1, ±1) round it
    ("abs(x) + y", NONE),  # no: every gradient round 0 has ∂L/∂y = 1
    ("x*abs(x) + y**2", answer(("saddle", (0, 0)))),  # x|x| rises through 0: neither minimum nor maximum
    ("abs(x*y)", answer(curves=("minimum", "minimum"))),  # 0 on both axes (kinks there); the origin is on them
    ("exp(2*x) - 2*exp(x - y) + exp(-2*y)", answer(curves=("minimum",))),  # (eˣ − e⁻ʸ)²: y = −x, traced
    ("1/(x**2 + y**2 + 1)", answer(("maximum", (0, 0)))),
    ("log(x + 1) + y**2", NONE, "--box", "0", "2", "-1", "1"),
    ("1/(x - y)", NONE, "--box", "1", "2", "-2", "-1"),
    ("exp(x)**12 + y**2", NONE),
    ("x**2 + y**2 + 0*sin(x*y)", BOWL),
    ("1_0.5*x + y", NONE),
    ("1.e5*x + y**2", NONE),
    ("0x10*x**2 + y**2", BOWL),
    ("(1 - x*y)**2", answer(("saddle", (0, 0)), curves=("minimum",))),
    ("x**3 - 3*x*y**2", answer(("saddle", (0, 0)))),
    ("(x**2 + y - 11)**2 + (x + y**2 - 7)**2", answer(
        ("minimum", (-3.7793102534, -3.2831859913)), ("saddle", (-3.0730257508, -0.0813530443)),
        ("minimum", (-2.805118087, 3.1313125183)), ("maximum", (-0.2708445907, -0.9230385565)),
        ("saddle", (-0.1279613467, -1.9537149802)), ("saddle", (0.0866775046, 2.8842547012)),
        ("minimum", (3.0, 2.0)), ("saddle", (3.3851541836, 0.0738518798)),
        ("minimum", (3.5844283403, -1.848126527))), "--box", "-5", "5", "-5", "5"),
]

BOXES = [
    ("x*y", refused(BOX), "--box", "1", "-1", "0", "1"),
    ("x*y", refused(BOX), "--box", "0", "0", "0", "1"),
    ("x*y", refused(BOX), "--box", "0", "1", "nan", "1"),
    ("x*y", refused(BOX), "--box", "-inf", "inf", "0", "1"),
    ("x*y", refused(BOX), "--box", "1e309", "2e309", "0", "1"),
    ("x*y", refused("unexpected extra arguments (b c d)"), "--box", "a", "b", "c", "d"),
    ("x*y", refused("a box needs 4 numbers XMIN XMAX YMIN YMAX, got 3"), "--box", "1", "2", "3"),
    ("x*y", refused("a box needs 4 numbers XMIN XMAX YMIN YMAX, got 5"), "--box", "-1", "1", "-1", "1", "2"),
    ("x**2 + y**2", refused("overflows floating point"), "--box", "-1e300", "1e300", "-1", "1"),
    ("x**12 + y**12", refused("overflows floating point"), "--box", "-1e30", "1e30", "-1", "1"),
    ("x**2 + y**2", BOWL, "--box", "-1e30", "1e30", "-1", "1"),
    ("x**2 + y**2", BOWL, "--box", "-1e-300", "1e-300", "-1e-300", "1e-300"),
    ("x**2 + y**2", NONE, "--box", "1", "2", "1", "2"),
    ("x**2 - y**2", answer(("saddle", (0, 0))), "--box", "0", "1", "0", "1"),  # a corner of the box
]

VARIABLES = [
    ("x*y", refused("uses y, which is not among the variables (x)"), "--vars", "x"),
    ("x*y", Differs(answer(curves=("saddle",)), NONE), "--vars", "x,y,z"),  # the z axis; explore draws it
    ("x*y", refused("distinct names"), "--vars", "x,x"),
    ("x*y", refused("distinct names"), "--vars", ""),
    ("x*y", refused("distinct names"), "--vars", "x,y,"),
    ("x*y", refused("distinct names"), "--vars", "x;y"),
    ("x*y", refused("distinct names"), "--vars", "1x,y"),
    ("x*y", refused("distinct names"), "--vars", "__class__,y"),
    ("x*y", refused("distinct names"), "--vars", "a.b,y"),
    ("x*y", refused("'exp' cannot be a variable"), "--vars", "exp,y"),
    ("x*y", refused("'pi' cannot be a variable"), "--vars", "x,pi"),
    ("x*y", refused("cannot be a variable"), "--vars", "x," + "y" * 40),
    ("x*y", refused("CYRILLIC SMALL LETTER HA"), "--vars", "х,y"),
    ("a*b", refused("a, b, which is not among the variables (x, y)"), "--vars", "x,y"),
    ("x + y + z", NONE),
    ("x**2", Differs(answer(("minimum", (0,))), refused("2 to 8 variables, this one has 1"))),
    ("x**2 + y**2", BOWL, "--vars", " x , y "),
    ("b**2 - a**2", answer(("saddle", (0, 0))), "--vars", "b,a"),
]

USAGE = [
    ("-x**2 - y**2", refused("goes after --, as in: saddle analyze -- ")),
    ("x*y", refused("No such option '--bogus'"), "--bogus"),
    ("", refused("empty")),
    ("   ", refused("empty")),
    ("x + ", refused(SYNTAX)),
    (")(", refused(SYNTAX)),
    ("x +* y", refused(SYNTAX)),
]

ISSUE_27 = [  # the examples of issue 27 (and what turned up while fixing them); the kinks are under NUMERIC
    ("(1+(x+y+1)**2*(19-14*x+3*x**2-14*y+6*x*y+3*y**2))*(30+(2*x-3*y)**2*(18-32*x+12*x**2+48*y-36*x*y+27*y**2))",
     answer(("minimum", (-0.6, -0.4)), ("saddle", (-0.4, -0.6)), ("minimum", (0, -1)), ("saddle", (0.6, 0.4)),
            ("maximum", (0.8, 0.2)), ("saddle", (1.2, -0.2)), ("minimum", (1.2, 0.8)), ("saddle", (1.4, 0.6)),
            ("minimum", (1.8, 0.2)))),  # Goldstein–Price: 9 points (the old exact path lost 2)
    ("x**12+y**12+x**11*y", answer(("minimum", (0, 0))), "--vars", "x,y"),  # was NoConvergence (polyroots)
    ("sigmoid(1e6*x)+y**2", NONE, "--vars", "x,y"),  # a plateau, not 2000 minima
    ("x1*x2*x3*x4*x5*x6*x7*x8", answer(curves=("saddle",) * 28)),  # 28 six-dimensional subspaces, not a point
    ("(y-5.1/(4*pi**2)*x**2+5/pi*x-6)**2+10*(1-1/(8*pi))*cos(x)+10",  # Branin: π in a polynomial factor
     answer(("minimum", (-np.pi, 12.275)), ("saddle", (0, 6)), ("minimum", (np.pi, 2.275)),
            ("saddle", (2 * np.pi, 1.1)), ("minimum", (3 * np.pi, 2.475))), "--box", "-5", "10", "0", "15"),
]

CASES = [*INJECTION, *RESOURCES, *UNICODE, *NUMERIC, *BOXES, *VARIABLES, *USAGE, *ISSUE_27]


def run(*args):
    return CliRunner().invoke(main, list(args))


def check_answer(data: dict, expected: Answer) -> None:
    found = sorted((p["kind"], tuple(p["point"])) for p in data["critical_points"] if p["isolated"])
    wanted = sorted(expected.points)
    assert [kind for kind, _ in found] == [kind for kind, _ in wanted] and len(found) == len(wanted), found
    for (_, point), (_, target) in zip(found, wanted):
        np.testing.assert_allclose(point, target, atol=1e-6)
    assert sorted(c["kind"] for c in data["critical_sets"]) == sorted(expected.curves)


def ids(case) -> str:
    return repr(case[0])[:40] + (" " + " ".join(case[2:]) if len(case) > 2 else "")


@pytest.fixture
def no_render(monkeypatch):
    calls = []
    monkeypatch.setattr(cli_explore.subprocess, "run",
                        lambda command, **options: calls.append(command) or subprocess.CompletedProcess(command, 0))
    return calls


def test_the_corpus_is_large_and_covers_every_kind():
    assert len(CASES) >= 150
    assert sum(isinstance(case[1], Answer) for case in CASES) >= 30  # good inputs in odd forms still answer


@pytest.mark.parametrize("case", CASES, ids=[ids(case) for case in CASES])
def test_analyze(case):
    expression, expected, *options = case
    expected = expected.analyze if isinstance(expected, Differs) else expected
    result = run("analyze", "--json", expression, *options)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    if isinstance(expected, Refused):
        lines = result.stderr.strip().splitlines()
        assert result.exit_code == 2 and result.stdout == "", (result.exit_code, result.output)
        assert len(lines) == 1 and lines[0].startswith("saddle: error: "), result.stderr
        assert expected.says in lines[0], lines[0]
    else:
        assert result.exit_code == 0, result.stderr
        check_answer(json.loads(result.stdout), expected)


@pytest.mark.parametrize("case", CASES, ids=[ids(case) for case in CASES])
def test_explore_refuses_the_same_inputs_before_rendering(case, no_render):
    expression, expected, *options = case
    expected = expected.explore if isinstance(expected, Differs) else expected
    explored = run("explore", expression, *options)
    assert explored.exception is None or isinstance(explored.exception, SystemExit), explored.exception
    if isinstance(expected, Refused):
        lines = explored.stderr.strip().splitlines()
        assert explored.exit_code == 2 and no_render == [], explored.output
        assert len(lines) == 1 and expected.says.replace("analyze", "explore") in lines[0], lines
    else:
        assert explored.exit_code == 0 and len(no_render) == 1, explored.output


@pytest.mark.parametrize("command", ["analyze", "explore"])
def test_nothing_was_executed(command, tmp_path, no_render):
    """Its own hostile input with its own fresh canary path: the check holds whatever ran before, on any worker."""
    canary = tmp_path / "canary"
    result = run(command, f"__import__('os').system('touch {canary}') + x*y")
    assert result.exit_code == 2 and CALL in result.stderr and no_render == []
    assert not canary.exists()


def test_the_cpu_budget_ends_a_runaway_analysis_in_one_line():
    with pytest.raises(LossError, match=r"more than 0\.5 s of CPU time"), analysis_budget(seconds=0.5):
        while True:
            pass


def test_the_memory_budget_ends_a_runaway_analysis_in_one_line():
    with pytest.raises(LossError, match="more than 64 MB of memory"), analysis_budget(megabytes=64):
        bytearray(256 * 2**20)
    bytearray(256 * 2**20)  # the limit is lifted afterwards


def test_a_bug_ends_in_one_line_naming_the_command_the_error_and_the_log(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))

    def broken(*args):
        raise ZeroDivisionError("polynomial division")

    monkeypatch.setattr("saddle.cli.critical_points", broken)
    result = run("analyze", "x*y")
    (line,) = result.stderr.strip().splitlines()
    assert result.exit_code == 1 and result.stdout == ""
    assert line.startswith("saddle analyze: internal error (a bug, not your input): ZeroDivisionError: polynomial "
                           "division; full traceback in ")
    log = tmp_path / "saddle" / line.rsplit("full traceback in ", 1)[1].split("/")[-1]
    assert log.exists() and "Traceback" in log.read_text() and "in broken" in log.read_text()


@pytest.mark.parametrize("error, says", [
    (OSError(28, "No space left on device", "/renders/x.mp4"),
     "saddle: error: cannot write /renders/x.mp4: No space left on device; free some disk space"),
    (OSError(30, "Read-only file system", "/renders/.lock"),
     "saddle: error: cannot write /renders/.lock: Read-only file system; the folder is on a read-only file system"),
])
def test_a_full_or_read_only_disk_is_one_line_not_a_bug(monkeypatch, error, says):
    def failing(*args):
        raise error

    monkeypatch.setattr("saddle.cli.critical_points", failing)
    result = run("analyze", "x*y")
    (line,) = result.stderr.strip().splitlines()
    assert result.exit_code == 1 and line.startswith(says)


def test_ctrl_c_ends_in_one_line(monkeypatch):
    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr("saddle.cli.critical_points", interrupted)
    result = run("analyze", "x*y")
    assert result.exit_code == 130 and result.stderr.strip().splitlines()[-1] == "saddle: interrupted"
