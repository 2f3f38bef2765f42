"""`saddle explore`: bad losses fail before any rendering with the very errors of `saddle analyze`; a good one
hands manim the scene, the repo root and a render job carrying the analysis (the render itself is not run here)."""

import subprocess
import sys

import numpy as np
import pytest
from click.testing import CliRunner

from mathcore.story import s12_loss_explorer as explorer
from saddle.cli import explore as cli_explore
from saddle.cli import main
from saddle.production.plan import ROOT
from scenes.job import job_from_environment
from tests.saddle.cli.test_analyze import BAD_INPUTS


@pytest.fixture
def no_render(monkeypatch):
    """Fail the test if manim would be started; record what would have been run instead."""
    calls = []

    def fake_run(command, **options):
        job = job_from_environment(options["env"])  # read now: the job's files go when the command returns
        calls.append((command, options | {"job": job, "analysis": job.explore and job.explore.analysis()}))
        return subprocess.CompletedProcess(command, 0)

    monkeypatch.setattr(cli_explore.subprocess, "run", fake_run)
    return calls


def run(*args):
    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize("expression", [*BAD_INPUTS, "log(x) + y", "x^2 + y"])
def test_bad_expressions_fail_like_analyze_before_rendering(expression, no_render):
    explored, analyzed = run("explore", expression), run("analyze", expression)
    assert explored.exit_code == 2 and explored.stdout == ""
    lines = explored.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("saddle: error: ")
    assert explored.stderr == analyzed.stderr
    assert no_render == []


@pytest.mark.parametrize("expression, message", [
    ("x**2", "2 to 8 variables, this one has 1"),
    ("+".join(f"x{i}" for i in range(9)), "this one has 9"),
])
def test_other_dimensions_fail_in_one_line_before_rendering(expression, message, no_render):
    result = run("explore", expression)
    assert result.exit_code == 2 and message in result.stderr and no_render == []
    assert len(result.stderr.strip().splitlines()) == 1


def test_three_variables_are_rendered_with_a_box_of_six_numbers(no_render):
    result = run("explore", "x*y*z", "--box", "-1", "1", "-1", "1", "-2", "2")
    assert result.exit_code == 0, result.stderr
    ((_, options),) = no_render
    assert options["job"].explore.box == (-1, 1, -1, 1, -2, 2)
    assert options["analysis"].box == (-1, 1, -1, 1, -2, 2)
    assert run("explore", "x*y*z", "--box", "-1", "1", "-1", "1").exit_code == 2


@pytest.mark.parametrize("box", [["1", "0", "0", "1"], ["0", "1", "nan", "1"]])
def test_bad_box_fails_before_rendering(box, no_render):
    result = run("explore", "x*y", "--box", *box)
    assert result.exit_code == 2 and "box" in result.stderr and no_render == []


def test_a_good_loss_is_rendered_from_the_repo_root_with_its_analysis_in_the_job(no_render, monkeypatch):
    himmelblau = "(x**2 + y - 11)**2 + (x + y**2 - 7)**2"
    expected = explorer.explore(himmelblau, (-5, 5, -5, 5))
    analyses = []
    monkeypatch.setattr(explorer, "explore", lambda *args: analyses.append(args) or expected)
    result = run("explore", himmelblau, "--box", "-5", "5", "-5", "5", "-q", "m")
    assert result.exit_code == 0, result.stderr
    ((command, options),) = no_render
    assert command[:4] == [sys.executable, "-m", "saddle.production.bt709", "render"]  # BT.709, like every render
    assert command[-2:] == ["scenes/s12_loss_explorer.py", "LossExplorer"]
    assert command[4:8] == ["--resolution", "1280,720", "--frame_rate", "30"]
    assert options["cwd"] == ROOT and len(analyses) == 1  # analysed once, here, not again in the scene
    job = options["job"]
    assert (job.scene, job.quality, job.explore.expression, job.explore.box) == (
        "LossExplorer", "m", himmelblau, (-5, 5, -5, 5))
    assert [p.kind for p in options["analysis"].points] == [p.kind for p in expected.points]
    assert np.array_equal(options["analysis"].mesh.z, expected.mesh.z)
    name = command[command.index("-o") + 1]
    assert result.stdout.strip().endswith(f"renders/s12_loss_explorer/720p30/{name}.mp4")


def test_each_loss_gets_its_own_video():
    names = {cli_explore.output_name(e, b) for e in ("x*y", "x**2 - y**2") for b in ((-1, 1, -1, 1), (-2, 2, -2, 2))}
    assert len(names) == 4


def test_a_failed_render_is_reported(monkeypatch):
    monkeypatch.setattr(cli_explore.subprocess, "run", lambda command, **_: subprocess.CompletedProcess(command, 1))
    result = run("explore", "x*y")
    assert result.exit_code == 1 and "rendering LossExplorer failed" in result.stderr
