"""Cost of every case of the hostile-input corpus (tests/saddle/cli/test_hostile_inputs.py) through
`saddle analyze --json`: the analysis's own CPU seconds and peak Python-traced memory (in this process, imports already
paid), and the peak resident memory of the whole command run as its own process. Prints the costliest cases.
Run: .venv/bin/python benchmarks/hostile_inputs.py"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from saddle.cli import main as saddle  # noqa: E402 (tests is importable only after the path is set)
from tests.saddle.cli.test_hostile_inputs import CASES  # noqa: E402


def in_process(arguments: list[str]) -> tuple[float, float]:
    """CPU seconds and peak traced megabytes of one analysis in this process."""
    tracemalloc.start()
    started = time.process_time()
    CliRunner().invoke(saddle, arguments)
    seconds = time.process_time() - started
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return seconds, peak


def own_process(arguments: list[str]) -> float:
    """Peak resident megabytes of the command run as its own process (imports included); 0 for an argument no
    program can be given (longer than Linux's 128 KiB, or holding a NUL), which no shell can pass either."""
    if max(map(len, arguments)) >= 2**17 or any("\0" in argument for argument in arguments):
        return 0.0
    process = subprocess.Popen([sys.executable, "-m", "saddle.cli", *arguments], cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(process.pid, 0)
    return usage.ru_maxrss / 1024


def main() -> None:
    rows = []
    for expression, _, *options in CASES:
        arguments = ["analyze", "--json", expression, *options]
        seconds, traced = in_process(arguments)
        rows.append((seconds, traced, own_process(arguments), f"{expression[:50]!r} {' '.join(options)}"))
    for seconds, traced, resident, case in sorted(rows)[-5:]:
        print(f"cpu {seconds:5.2f} s  traced peak {traced:6.1f} MB  process peak {resident:4.0f} MB  {case}")
    print(f"{len(rows)} cases: slowest {max(rows)[0]:.2f} s CPU; largest traced peak {max(r[1] for r in rows):.1f} "
          f"MB; largest process peak {max(r[2] for r in rows):.0f} MB; all cases {sum(r[0] for r in rows):.1f} s CPU")


if __name__ == "__main__":
    main()
