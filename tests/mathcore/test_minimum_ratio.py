"""The counting rule and the minimum ratio on constructed spectra (no torch needed)."""

import numpy as np
import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

from mathcore.errors import LossError
from mathcore.minimum_ratio import MINIMUM_RATIO, RATIO_WITHOUT_NEAR_ZERO, count_eigenvalues


def test_constructed_spectrum():
    counts = count_eigenvalues([-2.0, -1e-9, 0.0, 3e-4, 3.0, 5.0], zero_rtol=1e-4)
    assert counts.tolerance == pytest.approx(5e-4)
    assert (counts.positive, counts.near_zero, counts.negative) == (2, 3, 1)
    assert counts.minimum_ratio == pytest.approx(2 / 6)
    assert counts.ratio_without_near_zero == pytest.approx(2 / 3)


def test_a_true_minimum_with_flat_directions_looks_half_saddle_to_the_strict_lecture_ratio():
    """Half the eigenvalues tiny but positive: the lecture's ratio is 1 only with a zero tolerance."""
    spectrum = np.concatenate([np.full(50, 1e-7), np.linspace(0.1, 2, 50)])
    assert count_eigenvalues(spectrum, zero_rtol=0).minimum_ratio == 1.0
    counts = count_eigenvalues(spectrum, zero_rtol=1e-4)
    assert counts.minimum_ratio == 0.5 and counts.ratio_without_near_zero == 1.0 and counts.negative == 0


def test_the_formulas_are_the_lecture_definition():
    assert sp.latex(MINIMUM_RATIO) == r"\frac{N_{+}}{N_{+} + N_{-} + N_{0}}"
    assert sp.latex(RATIO_WITHOUT_NEAR_ZERO) == r"\frac{N_{+}}{N_{+} + N_{-}}"


spectra = st.lists(st.floats(-1e3, 1e3, allow_nan=False, allow_subnormal=False), min_size=1, max_size=60).filter(
    lambda values: max(map(abs, values)) > 1e-100)


@given(spectra, st.floats(1e-8, 0.5), st.sampled_from([2.0**-20, 0.5, 2.0, 2.0**20]))  # exact scalings
def test_counting_rule_properties(values, zero_rtol, scale):
    counts = count_eigenvalues(values, zero_rtol)
    assert counts.total == len(values)
    assert 0 <= counts.minimum_ratio <= counts.ratio_without_near_zero <= 1
    flipped = count_eigenvalues([-v for v in values], zero_rtol)
    assert (flipped.positive, flipped.near_zero, flipped.negative) == (counts.negative, counts.near_zero,
                                                                         counts.positive)
    scaled = count_eigenvalues([scale * v for v in values], zero_rtol)  # the tolerance is relative
    assert (scaled.positive, scaled.near_zero, scaled.negative) == (counts.positive, counts.near_zero,
                                                                      counts.negative)


@pytest.mark.parametrize("values, zero_rtol", [([], 1e-4), ([1.0, np.nan], 1e-4), ([0.0, 0.0], 1e-4),
                                               ([1.0], 1.0), ([[1.0]], 1e-4)])
def test_bad_spectra_are_refused(values, zero_rtol):
    with pytest.raises(LossError):
        count_eigenvalues(values, zero_rtol)


def test_rendering_side_never_imports_torch():
    """The scene's data come from the committed JSON: `make lecture` must work without the study extra."""
    import subprocess
    import sys

    code = ("import sys, mathcore.story.s09_minimum_ratio, mathcore.story.s09_minimum_ratio_scaled, scenes.catalogue; "
            "sys.exit('torch' in sys.modules or 'sklearn' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
