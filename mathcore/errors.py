"""One error type for everything a user can get wrong, so the CLI can report it in one line."""


class LossError(ValueError):
    """Bad user input: an unsafe or malformed expression, wrong variables, a bad box, non-finite values."""
