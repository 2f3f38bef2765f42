"""`saddle explore EXPR`: render the lecture's analysis of any loss of 2 to 8 variables (the LossExplorer scene).

The scene's analysis runs here first (within the same budget as `saddle analyze`), so a bad loss, or one the
analysis refuses, fails in one line (exit 2) before manim starts; then manim renders the scene from the repo root
with that analysis handed over in its render job (the scene does not analyse the loss again)."""

from __future__ import annotations

import hashlib
import pickle
import subprocess
import sys
import tempfile
from pathlib import Path

import click

from mathcore.story import s12_loss_explorer as explorer
from saddle.budget import analysis_budget
from saddle.cli.box import BoxCommand, box_option, parse_box
from saddle.cli.options import LANGUAGE, QUALITY, THEME
from saddle.production.launch import manim_command, manim_environment
from saddle.production.plan import ROOT, load_lecture
from saddle.safety import write_text
from scenes.job import QUALITIES, ExploreRequest, RenderJob

SCENE = "LossExplorer"


def write_page(expression: str, box, variables: str | None, lang: str, theme: str, output: Path | None) -> Path:
    """The analysis within `saddle analyze`'s budget (a LossError, and so no page, before anything is written),
    then one self-contained page, written whole or not at all."""
    from saddle.interactive.data import page_data
    from saddle.interactive.page import page_html

    with analysis_budget():
        data = page_data(expression, box, variables)
    target = output or Path(f"{output_name(expression, tuple(data['analysis']['box']), variables)}.html")
    write_text(target, page_html([data], lang, theme))
    return target


def output_name(expression: str, box, variables: str | None = None) -> str:
    """One video per (expression, box, variables), so exploring a second loss does not overwrite the first."""
    key = f"{expression.strip()}|{' '.join(map(repr, box))}|{variables or ''}"
    digest = hashlib.sha256(key.encode()).hexdigest()[:10]
    return f"{SCENE}_{digest}"


@click.command(cls=BoxCommand)
@click.argument("expression")
@click.option("--vars", "variables", help="Comma-separated variable names, e.g. w1,w2 (default: sorted symbols).")
@box_option("Region to analyse and draw.")
@QUALITY
@click.option("--html", "as_html", is_flag=True,
              help="Write one interactive HTML page that works offline (in seconds) instead of rendering a video.")
@LANGUAGE
@THEME
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Where --html writes the page (default: LossExplorer_<hash>.html in the current folder).")
def explore(expression, variables, box_text, quality, as_html, lang, theme, output):
    """Render the analysis of EXPRESSION (e.g. "x**3 - 3*x*y**2"; in more than two variables, each saddle through
    the plane of its most negative and most positive eigenvectors) into renders/, or with --html write it as an
    interactive page to turn by hand."""
    if as_html:
        click.echo(write_page(expression, parse_box(box_text), variables, lang, theme, output))
        return
    with analysis_budget():  # the scene's whole analysis, first: any LossError ends here, before manim starts
        data = explorer.explore(expression, parse_box(box_text), variables)
    name = output_name(expression, data.box, variables)
    scene_file = next(entry.path for entry in load_lecture() if entry.name == SCENE)
    with tempfile.TemporaryDirectory(prefix="saddle-explore-") as work:
        analysis = Path(work, "analysis.pickle")
        analysis.write_bytes(pickle.dumps(data))
        job = RenderJob(scene=SCENE, quality=quality,
                        explore=ExploreRequest(expression, variables, data.box, str(analysis)))
        command = manim_command(job, scene_file.relative_to(ROOT), None, "-o", name)
        environment = manim_environment(job, Path(work, "job.json"))
        if subprocess.run(command, cwd=ROOT, env=environment, check=False).returncode:
            click.echo(f"saddle: error: rendering {SCENE} failed (see manim's output above)", err=True)
            sys.exit(1)
    click.echo(ROOT / "renders" / scene_file.stem / QUALITIES[quality].folder / f"{name}.mp4")  # manim.cfg's video_dir
