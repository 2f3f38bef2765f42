"""Numbers on screen and in subtitles: live readouts built from cached glyphs must look like the same text laid out
by Pango; powers of ten are written 10⁻¹⁰."""

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from manim import Text

from scenes.kit.look import THEME
from scenes.kit.maps import glyph_text, power_of_ten, ten_to_the


@pytest.mark.parametrize("string", ["1.0000", "9.7e-10", "-2.85", "204", "0.0003", "1.3e+00", "10.5625"])
def test_glyph_text_matches_pango_layout(string):
    """Same glyph shapes (to 0.01 units: Pango rounds a glyph a little differently beside others), each within
    0.005 units (half a pixel at 1080p) of where Pango puts it, baseline included."""
    ours, pango = glyph_text(string, 30, THEME.text), Text(string, font_size=30)
    assert len(ours) == len(pango) == len(string)
    shift = pango.get_corner(np.array([-1, -1, 0])) - ours.get_corner(np.array([-1, -1, 0]))
    for mine, theirs in zip(ours, pango):
        np.testing.assert_allclose(mine.get_center() + shift, theirs.get_center(), atol=0.005)
        np.testing.assert_allclose(mine.points - mine.get_center(), theirs.points - theirs.get_center(), atol=0.01)


def test_glyph_text_takes_the_colour_and_skips_spaces():
    text = glyph_text("1 2", 30, THEME.negative)
    assert len(text) == 2 and all(glyph.get_fill_color().to_hex().upper() == THEME.negative.upper() for glyph in text)
    assert text[1].get_left()[0] - text[0].get_right()[0] > glyph_text("12", 30, THEME.text)[1].get_left()[0] - \
        glyph_text("12", 30, THEME.text)[0].get_right()[0]


@given(st.integers(-40, 40))
def test_a_power_of_ten_is_written_with_its_exponent_in_superscript(exponent):
    written = power_of_ten(10.0**exponent)
    assert written == ten_to_the(exponent)
    assert int(written[2:].translate(str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789"))) == exponent


@given(st.floats(1e-30, 1e30))
def test_other_numbers_are_written_as_they_are(value):
    exponent = round(np.log10(value))
    assume(not np.isclose(10.0**exponent, value))
    assert power_of_ten(value) == f"{value:,}"
