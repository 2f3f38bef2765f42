"""`saddle`: analyse a loss from the command line (and, as the lecture grows, render it)."""

from __future__ import annotations

import json
import sys

import click

from mathcore.critical import DEFAULT_BOX, critical_points
from mathcore.errors import LossError
from mathcore.loss import Loss, box_bounds
from mathcore.report import analysis_dict, analysis_table


class SaddleGroup(click.Group):
    """Any LossError becomes one line on stderr and exit code 2, never a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except LossError as error:
            click.echo(f"saddle: error: {error}", err=True)
            sys.exit(2)


@click.group(cls=SaddleGroup, context_settings={"help_option_names": ["-h", "--help"]})
def main():
    """Critical points of losses, and the lecture that explains them."""


@main.command()
@click.argument("expression")
@click.option("--vars", "variables", help="Comma-separated variable names, e.g. w1,w2 (default: sorted symbols).")
@click.option("--box", nargs=4, type=float, default=DEFAULT_BOX, show_default=True,
              metavar="XMIN XMAX YMIN YMAX", help="Region to search for critical points.")
@click.option("--json", "as_json", is_flag=True, help="Print exactly one JSON object on stdout.")
def analyze(expression, variables, box, as_json):
    """Find and classify every critical point of EXPRESSION, e.g. "(1-w1*w2)**2"."""
    loss = Loss.from_text(expression, variables)
    box_bounds(box)
    loss.require_finite(box)
    critical = critical_points(loss, box)
    click.echo(json.dumps(analysis_dict(critical)) if as_json else analysis_table(critical))


@main.command("list")
def list_scenes():
    """Print the lecture's scenes in order, one a line: <scene file> <SceneClass>."""
    from scenes.lecture import LECTURE

    for path, scene in LECTURE:
        click.echo(f"{path} {scene}")


@main.command()
@click.argument("scenes", nargs=-1)
@click.option("-q", "--quality", type=click.Choice(list("lmhk")), default="l", show_default=True,
              help="Manim quality: l=480p15, m=720p30, h=1080p60, k=2160p60.")
def render(scenes, quality):
    """Render SCENES (default: the whole lecture, in order) into renders/."""
    import subprocess

    from scenes.lecture import LECTURE

    chosen = [(path, name) for path, name in LECTURE if not scenes or name in scenes]
    unknown = set(scenes) - {name for _, name in LECTURE}
    if unknown:
        raise LossError(f"unknown scene(s): {', '.join(sorted(unknown))}; see `saddle list`")
    if not chosen:
        click.echo("saddle: the lecture has no scenes yet")
        return
    failed = []
    for index, (path, name) in enumerate(chosen, 1):
        click.echo(f"[{index}/{len(chosen)}] {name}")
        if subprocess.run([sys.executable, "-m", "manim", "render", f"-q{quality}", path, name]).returncode:
            failed.append(name)
    if failed:
        click.echo(f"saddle: error: these scenes failed to render: {', '.join(failed)}", err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
