"""`saddle`: analyse a loss from the command line (and, as the lecture grows, render it)."""

from __future__ import annotations

import json
import sys

import click

from mathcore.critical import DEFAULT_BOX, critical_points
from mathcore.errors import LossError
from mathcore.loss import Loss, box_bounds
from saddle.cli_explore import explore
from saddle.cli_render import COMMANDS
from saddle.cli_study import study
from saddle.report import analysis_dict, analysis_table


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


for command in COMMANDS:  # list, render, slides: the lecture's production (saddle/cli_render.py)
    main.add_command(command)
main.add_command(explore)  # saddle explore: any loss through the LossExplorer scene (saddle/cli_explore.py)
main.add_command(study)  # saddle study: the minimum-ratio experiment (saddle/cli_study.py)


if __name__ == "__main__":
    main()
