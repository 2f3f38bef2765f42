"""How the benchmarks time a command: the wall seconds of one run from the repo root (where manim reads manim.cfg),
and, when it fails, one line naming the benchmark and what failed, with the end of its stderr."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed_run(command: list[str], benchmark: str, failure: str) -> float:
    """Wall seconds of `command`; a failure ends the benchmark with `<benchmark>: error: <failure>`."""
    started = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, env=os.environ | {"COLUMNS": "200"}, capture_output=True, text=True,
                            check=False)
    seconds = time.perf_counter() - started
    if result.returncode:
        sys.exit(f"{benchmark}: error: {failure}:\n{result.stderr[-2000:]}")
    return seconds
