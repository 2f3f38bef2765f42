"""`saddle`: analyse a loss from the command line (and, as the lecture grows, render it)."""

from __future__ import annotations

import errno
import json
import os
import sys
import tempfile
import time
import traceback
from pathlib import Path

import click

from mathcore.critical import critical_points
from mathcore.errors import LossError
from mathcore.small_gradient import small_gradient
from mathcore.user_loss import prepared_loss
from saddle.budget import analysis_budget
from saddle.cli.box import BoxCommand, box_option, parse_box
from saddle.cli.explore import explore as explore_command
from saddle.cli.render import COMMANDS
from saddle.cli.study import study as study_command
from saddle.cli.study import study_scaled as study_scaled_command
from saddle.cli.voice import voice as voice_command
from saddle.report import analysis_dict, analysis_table

#: Failures of the machine, not of the tool or the input: one line and exit 1, no crash log.
_ENVIRONMENT_ERRORS = {
    errno.ENOSPC: "free some disk space (or choose another --renders folder) and run again; finished files are kept",
    errno.EDQUOT: "free some of your disk quota and run again; finished files are kept",
    errno.EROFS: "the folder is on a read-only file system: choose a writable one",
    errno.EACCES: "you may not write there: choose a folder you own",
    errno.EPERM: "you may not write there: choose a folder you own",
}


def _one_line(text: object) -> str:
    return " ".join(str(text).split())


def _crash_log(command: str, error: BaseException) -> Path:
    """Write the full traceback where the user can find it (XDG state folder, else the temporary folder)."""
    stamp = f"{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}"
    report = (f"saddle {command} failed at {time.strftime('%Y-%m-%d %H:%M:%S')}\nargv: {sys.argv!r}\n\n"
              + "".join(traceback.format_exception(error)))
    state = Path(os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state") / "saddle"
    for folder in (state, Path(tempfile.gettempdir())):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            log = folder / f"saddle-crash-{stamp}.log"
            log.write_text(report, encoding="utf-8")
            return log
        except OSError:
            continue
    return Path("(nowhere: no writable folder)")


class SaddleGroup(click.Group):
    """Every way a command can end is one line on stderr: bad input (a LossError or a usage error) exits 2,
    Ctrl-C exits 130, and anything unexpected is a bug: it names the command, the error and the log holding the
    full traceback, and exits 1. Never a traceback on the terminal."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.ClickException as error:
            context = getattr(error, "ctx", None)
            command = f"saddle {context.command.name}" if context and context.parent else "saddle"
            hint = ""
            if isinstance(error, click.NoSuchOption) and not error.option_name.startswith("--"):
                hint = f"; an expression that starts with '-' goes after --, as in: {command} -- '-x**2+y**2'"
            click.echo(f"saddle: error: {_one_line(error.format_message())}{hint} (see `{command} --help`)",
                       err=True)
            sys.exit(2 if isinstance(error, click.UsageError) else error.exit_code)
        except click.Abort:
            click.echo("saddle: interrupted", err=True)
            sys.exit(130)
        sys.exit(result if isinstance(result, int) else 0)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except LossError as error:
            click.echo(f"saddle: error: {_one_line(error)}", err=True)
            sys.exit(2)
        except (click.ClickException, click.exceptions.Exit, click.Abort, BrokenPipeError):
            raise
        except OSError as error:
            if error.errno not in _ENVIRONMENT_ERRORS:
                raise self._bug(ctx, error) from None
            where = f" {error.filename}" if error.filename else ""
            click.echo(f"saddle: error: cannot write{where}: {error.strerror}; {_ENVIRONMENT_ERRORS[error.errno]}",
                       err=True)
            sys.exit(1)
        except Exception as error:  # any bug at all ends in one line and a log
            raise self._bug(ctx, error) from None

    @staticmethod
    def _bug(ctx, error: Exception) -> SystemExit:
        command = ctx.invoked_subcommand or "?"
        log = _crash_log(command, error)
        click.echo(f"saddle {command}: internal error (a bug, not your input): {type(error).__name__}: "
                   f"{_one_line(error)[:300]}; full traceback in {log}", err=True)
        return SystemExit(1)


@click.group(cls=SaddleGroup, context_settings={"help_option_names": ["-h", "--help"]})
def main():
    """Critical points of losses, and the lecture that explains them."""


@main.command(cls=BoxCommand)
@click.argument("expression")
@click.option("--vars", "variables", help="Comma-separated variable names, e.g. w1,w2 (default: sorted symbols).")
@box_option("Region to search for critical points.")
@click.option("--json", "as_json", is_flag=True, help="Print exactly one JSON object on stdout.")
@click.option("--small-gradient", "small_eps", type=float, metavar="EPS",
              help="Also map where |grad L| < EPS in the box (a plateau is small, not zero).")
def analyze(expression, variables, box_text, as_json, small_eps):
    """Find and classify every critical point of EXPRESSION, e.g. "(1-w1*w2)**2", in any number of variables."""
    with analysis_budget():
        loss, box = prepared_loss(expression, parse_box(box_text), variables)
        critical = critical_points(loss, box)
        small = None if small_eps is None else small_gradient(loss, box, small_eps)
        report = json.dumps(analysis_dict(critical, small)) if as_json else analysis_table(critical, small)
    click.echo(report)


for command in COMMANDS:  # list, render, slides: the lecture's production (saddle/cli/render.py)
    main.add_command(command)
main.add_command(explore_command)  # saddle explore: any loss through the LossExplorer scene (saddle/cli/explore.py)
main.add_command(study_command)  # saddle study: the minimum-ratio experiment (saddle/cli/study.py)
main.add_command(study_scaled_command)  # saddle study-scaled: the same at ~1e3 to ~1e5 parameters
main.add_command(voice_command)  # saddle voice: the spoken lines, their sources, synthesis (saddle/cli/voice.py)
