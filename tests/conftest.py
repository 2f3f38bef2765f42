"""Test options and gates shared by all tests, in the way Manim Community's own test suite sets them up."""

from __future__ import annotations

import manim.utils.testing.frames_comparison as frames_comparison


def pytest_addoption(parser):
    # manim registers no pytest plugin; its frames_comparison decorator reads these two options.
    parser.addoption("--set_test", action="store_true", default=False,
                     help="write control data for the graphical tests instead of comparing against it")
    parser.addoption("--show_diff", action="store_true", default=False,
                     help="show a visual diff when a graphical test fails")


# Debian 12 ships cairo 1.16 and manim skips every Cairo graphical test below 1.18. Our control data is made
# with this same cairo on this kind of machine, so the comparison is meaningful: lift the gate, never skip.
frames_comparison.MIN_CAIRO_VERSION = 0
