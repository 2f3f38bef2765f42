"""`--box LO1 HI1 LO2 HI2 …`: two numbers per variable, for a loss of any number of variables.

A click option takes a fixed number of values, so the command joins the numbers that follow --box into one
value before click parses the line; the loss then says how many it needs (mathcore.domain.box_ranges)."""

from __future__ import annotations

import click

from mathcore.errors import LossError


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def join_box_numbers(args: list[str]) -> list[str]:
    """["--box", "-2", "2", "-1", "1", "--json"] → ["--box", "-2 2 -1 1", "--json"]."""
    joined: list[str] = []
    rest = list(args)
    while rest:
        arg = rest.pop(0)
        if arg == "--":
            return [*joined, arg, *rest]
        if arg != "--box":
            joined.append(arg)
            continue
        numbers = []
        while rest and _is_number(rest[0]):
            numbers.append(rest.pop(0))
        joined += [arg, " ".join(numbers)] if numbers else [arg]
    return joined


class BoxCommand(click.Command):
    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, join_box_numbers(args))


def box_option(help_text: str):
    return click.option("--box", "box_text", metavar="LO1 HI1 LO2 HI2 ...", default=None,
                        help=f"{help_text} Two numbers per variable, in the order of --vars (default: -2 2 for each).")


def parse_box(text: str | None) -> tuple[float, ...] | None:
    """The numbers of --box (checked against the loss later, by box_ranges), or None when --box is not given."""
    if text is None:
        return None
    try:
        return tuple(float(v) for v in text.split())
    except ValueError:
        raise LossError(f"--box takes numbers, got {text!r}") from None
