"""Test options and gates shared by all tests, in the way Manim Community's own test suite sets them up."""

from __future__ import annotations

import manim.utils.testing.frames_comparison as frames_comparison
from hypothesis import settings

# No timed assertions: hypothesis's per-example deadline fails healthy tests on a busy machine. Derandomized: CI
# draws the same examples on every run, as the brief asks of all randomness.
settings.register_profile("lecture", deadline=None, derandomize=True)
settings.load_profile("lecture")


def pytest_addoption(parser):
    # manim registers no pytest plugin; its frames_comparison decorator reads these two options.
    parser.addoption("--set_test", action="store_true", default=False,
                     help="write control data for the graphical tests instead of comparing against it")
    parser.addoption("--show_diff", action="store_true", default=False,
                     help="show a visual diff when a graphical test fails")


# Debian 12 ships cairo 1.16 and manim skips every Cairo graphical test below 1.18. Our control data is made
# with this same cairo on this kind of machine, so the comparison is meaningful: lift the gate, never skip.
frames_comparison.MIN_CAIRO_VERSION = 0


def pytest_sessionfinish(session, exitstatus):
    """A skipped test proves nothing: any skip fails the run (deselecting with -m, as `make check` does, is not a
    skip). Under pytest-xdist only the controller, which sees every worker's reports, decides."""
    if hasattr(session.config, "workerinput"):
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped and exitstatus == 0:
        reporter.write_line(f"{len(skipped)} test(s) skipped: a skipped test is not a passing one; failing the run",
                            red=True)
        session.exitstatus = 1
