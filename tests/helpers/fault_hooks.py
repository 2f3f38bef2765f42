"""`python -m tests.helpers.fault_hooks STEP MARKER ARGS...` runs `saddle ARGS...` with one step made to stop
half-way, so a fault test can kill it exactly there: the step writes half of its output under the temporary name the
real step writes to, touches MARKER and waits to be killed (SIGINT or SIGKILL)."""

from __future__ import annotations

import sys
import time
from pathlib import Path


def _stall(half_written: Path, marker: Path) -> None:
    half_written.write_bytes(b"\0" * 4096)
    marker.touch()
    time.sleep(600)
    raise SystemExit("fault hook: was not killed")


def stitch_stalls(marker: Path) -> None:
    from saddle.production import assemble

    assemble.stitch = lambda clips, titles, target: _stall(target, marker)


def conversion_stalls(marker: Path) -> None:
    from saddle.production import slides

    real_run = slides.subprocess.run

    def run(command, **options):
        if "manim_slides" in command and "convert" in command:
            _stall(Path(command[-1]), marker)
        return real_run(command, **options)

    slides.subprocess.run = run


def study_stalls(marker: Path) -> None:
    """The study stops after its first network (which it has kept in its partial file by then)."""
    import mathcore.study

    real_run = mathcore.study.run_study

    def run_study(settings, start=0):
        for network in real_run(settings, start):
            yield network
            marker.touch()
            time.sleep(600)

    mathcore.study.run_study = run_study


STEPS = {"stitch": stitch_stalls, "convert": conversion_stalls, "study": study_stalls}

if __name__ == "__main__":
    step, marker, *arguments = sys.argv[1:]
    STEPS[step](Path(marker))
    from saddle.cli import main

    main(arguments, prog_name="saddle")
