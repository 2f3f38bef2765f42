"""plotly.js for the interactive pages: from the npm registry at setup (scripts/bootstrap.sh, `npm pack`), kept in a
folder of the venv and inlined into each page, so nothing is fetched when a page is made or viewed."""

from __future__ import annotations

import sys
from pathlib import Path

from mathcore.errors import LossError

PLOTLY_PACKAGE = "plotly.js-dist-min@4.1.2"  # the npm package whose plotly.min.js bootstrap.sh keeps
PLOTLY_HOME = Path(sys.prefix) / "share" / "saddle-plotly"  # inside the venv, beside the voices and reveal.js
PLOTLY_FILE = PLOTLY_HOME / "plotly.min.js"


def plotly_script(path: Path = PLOTLY_FILE) -> str:
    """The library's text; a one-line error (exit 2 through the CLI) with the fix when setup has not fetched it."""
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        raise LossError(f"plotly.js is not installed ({path} is missing); run `make setup`") from None


if __name__ == "__main__":
    print(PLOTLY_FILE)
