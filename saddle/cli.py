"""`saddle`: analyse a loss from the command line (and, as the lecture grows, render it)."""

from __future__ import annotations

import json
import sys

import click

from mathcore.critical import critical_points
from mathcore.domain import box_ranges
from mathcore.errors import LossError
from mathcore.loss import Loss
from saddle.box_option import BoxCommand, box_option, parse_box
from saddle.cli_explore import explore
from saddle.cli_render import COMMANDS
from saddle.cli_study import study
from saddle.report import analysis_dict, analysis_table

MAX_VARIABLES = 8


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


@main.command(cls=BoxCommand)
@click.argument("expression")
@click.option("--vars", "variables", help="Comma-separated variable names, e.g. w1,w2 (default: sorted symbols).")
@box_option("Region to search for critical points.")
@click.option("--json", "as_json", is_flag=True, help="Print exactly one JSON object on stdout.")
def analyze(expression, variables, box_text, as_json):
    """Find and classify every critical point of EXPRESSION, e.g. "(1-w1*w2)**2", in any number of variables."""
    loss = Loss.from_text(expression, variables, dimension=None)
    if loss.dimension > MAX_VARIABLES:
        raise LossError(f"the loss has {loss.dimension} variables; saddle analyze handles at most {MAX_VARIABLES}")
    box = parse_box(box_text, loss.dimension)
    box_ranges(box, loss.dimension)
    loss.require_defined(box)
    critical = critical_points(loss, box)
    click.echo(json.dumps(analysis_dict(critical)) if as_json else analysis_table(critical))


for command in COMMANDS:  # list, render, slides: the lecture's production (saddle/cli_render.py)
    main.add_command(command)
main.add_command(explore)  # saddle explore: any loss through the LossExplorer scene (saddle/cli_explore.py)
main.add_command(study)  # saddle study: the minimum-ratio experiment (saddle/cli_study.py)


if __name__ == "__main__":
    main()
