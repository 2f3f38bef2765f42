"""`saddle explore EXPR --html`: the page carries the very numbers `saddle analyze --json` prints and the scene's
drawing data; bad input gives the analysis's one-line errors and no page; and in Debian's Chromium, opened from
disk with every request off the machine refused, the page draws, shows a point's card on hover and switches
slices, without a console error."""

import json

import numpy as np
import pytest
from click.testing import CliRunner

from saddle.cli import main
from saddle.interactive.page import embedded_data
from tests.helpers.interactive import drawn_share, hover_point, offline_page
from tests.saddle.cli.test_analyze import BAD_INPUTS

TOY = "(1-w1*w2)**2"
FOUR = "(a**2-1)**2+(b**2-1)**2+(c**2-1)**2+(d**2-1)**2"


def run(*args):
    return CliRunner().invoke(main, list(args))


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """The toy loss (English, dark), four double wells (Chinese, light) and x·y·z (critical only on the axes,
    nothing to slice), each with its `analyze --json`."""
    folder = tmp_path_factory.mktemp("pages")
    made = {}
    for name, expression, options in (("toy", TOY, []), ("four", FOUR, ["--lang", "zh", "--theme", "light"]),
                                      ("axes", "x*y*z", [])):
        target = folder / f"{name}.html"
        result = run("explore", expression, "--html", "-o", str(target), *options)
        assert result.exit_code == 0, result.stderr
        assert result.stdout.strip() == str(target)
        made[name] = (target, json.loads(run("analyze", expression, "--json").stdout))
    return made


@pytest.mark.parametrize("name", ["toy", "four", "axes"])
def test_the_page_carries_exactly_what_analyze_prints(pages, name):
    target, analysis = pages[name]
    (loss,) = embedded_data(target.read_text(encoding="utf-8"))["losses"]
    assert loss["analysis"] == analysis


def test_the_toy_page_draws_the_scene_data(pages):
    target, analysis = pages["toy"]
    data = embedded_data(target.read_text(encoding="utf-8"))
    (loss,) = data["losses"]
    plane = loss["plane"]
    assert np.shape(plane["surface"]["z"]) == (len(plane["surface"]["y"]), len(plane["surface"]["x"]))
    (descent,) = plane["descents"]  # the one saddle's way down, starting beside it and ending in the valley
    path = np.array(descent["path"])
    assert analysis["critical_points"][0]["value"] == 1 and path[-1, 2] < 1e-3
    assert np.linalg.norm(path[0, :2]) < 0.2
    assert abs(np.dot(descent["direction"], analysis["critical_points"][0]["eigenvectors"][0])) == pytest.approx(1)
    (curve,) = plane["curves"]  # the valley w1 w2 = 1, at L = 0, on two branches
    assert curve["kind"] == "minimum" and len(curve["branches"]) == 2
    assert all(abs(x * y - 1) < 1e-6 and abs(z) < 1e-9 for branch in curve["branches"] for x, y, z in branch)
    assert "<math" in loss["formula_mathml"] and "<msub><mi>w</mi><mi>1</mi></msub>" in loss["formula_mathml"]
    assert data["colours"]["kinds"]["saddle"] == data["colours"]["negative"]  # the scene's colour code


def test_the_four_variable_page_slices_one_saddle_of_each_index(pages):
    target, analysis = pages["four"]
    (loss,) = embedded_data(target.read_text(encoding="utf-8"))["losses"]
    points = analysis["critical_points"]
    assert [cut["index"] for cut in loss["slices"]] == [1, 2, 3]
    for cut in loss["slices"]:
        saddle = points[cut["point"]]
        assert saddle["kind"] == "saddle" and saddle["index"] == cut["index"]
        low, high = cut["saddle"]["eigenvalues"]  # the slice's Hessian: the extreme eigenvalues of the full one
        assert (low, high) == pytest.approx((saddle["eigenvalues"][0], saddle["eigenvalues"][-1]))
        assert cut["saddle"]["value"] == pytest.approx(saddle["value"])


@pytest.mark.parametrize("expression", ["open('/etc/passwd')", "x ^ y", "log(x) + y", "1/0 + x + y",
                                        "x**1000"])
def test_bad_input_fails_like_analyze_and_writes_no_page(expression, tmp_path):
    assert expression in BAD_INPUTS
    target = tmp_path / "page.html"
    explored, analyzed = run("explore", expression, "--html", "-o", str(target)), run("analyze", expression)
    assert explored.exit_code == 2 and explored.stdout == "" and explored.stderr == analyzed.stderr
    assert len(explored.stderr.strip().splitlines()) == 1 and not target.exists()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("expression, box, message", [
    ("x**2", [], "2 to 8 variables, this one has 1"),  # no surface: one variable
    ("1/(x*y) + x", ["--box", "-1", "1", "-1", "1"], "infinite or undefined"),  # a pole in the box: refused, no surface
])
def test_a_loss_with_no_surface_in_the_box_gives_no_page(expression, box, message, tmp_path):
    target = tmp_path / "page.html"
    result = run("explore", expression, *box, "--html", "-o", str(target))
    assert result.exit_code == 2 and message in result.stderr and not target.exists()


@pytest.mark.slow
def test_the_toy_page_works_offline_in_chromium(pages):
    target, analysis = pages["toy"]
    with offline_page(target) as page:
        assert drawn_share(page, "#surface") > 0.1 and drawn_share(page, "#contour") > 0.5
        assert page.locator("#card").get_attribute("data-row") is None
        hover_point(page, analysis["critical_points"][0]["point"])
        page.wait_for_function("document.getElementById('card').dataset.row === '0'", timeout=10_000)
        card = page.locator("#card").inner_text()
        assert "saddle" in card and "-2, 2" in card and "0.70711" in card
        assert page.locator(".hoverlayer .hovertext").count() == 1  # plotly's own label beside the point
        assert page.evaluate("document.querySelector('math') !== null")
        assert page.outside == [] and page.problems == []


@pytest.mark.slow
def test_the_four_variable_page_switches_slices_in_chromium(pages):
    target, analysis = pages["four"]
    with offline_page(target) as page:
        assert page.evaluate("document.documentElement.lang") == "zh"
        buttons = page.locator("#slice-buttons button")
        assert buttons.count() == 3 and "鞍点 1" in buttons.nth(0).inner_text()
        before = page.evaluate("document.getElementById('contour').data.at(-1).customdata")
        buttons.nth(2).click()
        page.wait_for_function(f"document.getElementById('contour').data.at(-1).customdata[0] !== {before[0]}",
                               timeout=10_000)
        hover_point(page, [0, 0])  # the slice's saddle sits at its origin
        page.wait_for_function("document.getElementById('card').dataset.row !== undefined", timeout=10_000)
        row = int(page.locator("#card").get_attribute("data-row"))
        assert analysis["critical_points"][row]["index"] == 3 and "鞍点" in page.locator("#card").inner_text()
        assert drawn_share(page, "#surface") > 0.1
        assert page.outside == [] and page.problems == []


@pytest.mark.slow
def test_a_loss_with_nothing_to_slice_shows_its_sets_and_no_empty_plot(pages):
    target, analysis = pages["axes"]
    assert analysis["counts"]["points"] == 0 and len(analysis["critical_sets"]) == 3
    with offline_page(target) as page:
        assert page.locator("#plots").is_hidden() and page.locator("#sets").inner_text().count("x = 0") == 2
        assert page.outside == [] and page.problems == []
