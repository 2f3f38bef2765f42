"""A loss as a user gives it to a command (`saddle analyze`, `saddle explore`, the interactive page): the text
parsed safely, its number of variables within what the tools handle, and its box (default [−2, 2] for each) checked
and free of poles. One function, so every command refuses the same input with the same line."""

from __future__ import annotations

import numpy as np

from mathcore.critical import default_box
from mathcore.domain import box_ranges
from mathcore.errors import LossError
from mathcore.loss import Loss

MAX_VARIABLES = 8  # the most variables any command analyses (the n-D search's cost grows with them)


def prepared_loss(expression: str, box=None, variables: str | None = None, command: str = "saddle analyze",
                  fewest: int = 1) -> tuple[Loss, tuple[float, ...]]:
    """The loss and its box as 2n floats; LossError, in one line, on anything wrong."""
    loss = Loss.from_text(expression, variables, dimension=None)
    if not fewest <= loss.dimension <= MAX_VARIABLES:
        hint = "; use saddle analyze for one variable" if loss.dimension < fewest else ""
        raise LossError(f"{command} handles losses of {fewest} to {MAX_VARIABLES} variables, this one has "
                        f"{loss.dimension}{hint}")
    box = default_box(loss.dimension) if box is None else box
    box = tuple(float(v) for v in np.ravel(box_ranges(box, loss.dimension)))
    loss.require_defined(box)
    return loss, box
