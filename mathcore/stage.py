"""Which part of an analysis is running, so a budget that ends it can say which part ran out. A stage left by an
exception (the budget's own) stays current, so the handler further out still sees it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

START = "reading the loss"
_current = [START]


@contextmanager
def stage(name: str) -> Iterator[None]:
    previous = _current[0]
    _current[0] = name
    yield  # not restored when the block raises: the error is reported with the stage it ended
    _current[0] = previous


def current_stage() -> str:
    return _current[0]


def start_stages() -> None:
    _current[0] = START
