"""Part 9, continued: the data behind MinimumRatioScaled, read from the committed scaled study, checked against the
counting rule and pinned by a golden snapshot and key frames (both languages)."""

import numpy as np

from mathcore.minimum_ratio import count_eigenvalues
from mathcore.minimum_ratio_scaled import load_scaled_study
from mathcore.story.s09_minimum_ratio_scaled import CRITICAL_GRADIENT, minimum_ratio_scaled_plot
from scenes.kit.look import Look
from scenes.s09_minimum_ratio_scaled import MinimumRatioScaled
from tests.helpers.golden import check_golden
from tests.helpers.keyframes import keyframe_test


def test_minimum_ratio_scaled_data(data_regression, ndarrays_regression):
    """Three or more sizes from ~10³ to ~10⁵ parameters, each bracket around its estimate, exact beside Lanczos."""
    data = minimum_ratio_scaled_plot()
    assert len(data.sizes) >= 3 and data.sizes[0] < 2_000 and data.sizes[-1] > 50_000
    assert np.all((data.ratio_low <= data.ratios) & (data.ratios <= data.ratio_high))
    assert np.all(data.ratio_low[data.exact] == data.ratio_high[data.exact])
    assert data.compared >= 2 and data.largest.parameters == data.sizes[-1]
    bars, side = data.largest, len(data.largest.kinds) // 2  # each bin's kind by its side of [−τ, τ]
    assert bars.kinds == ("negative",) * side + ("near_zero",) + ("positive",) * side
    assert np.all(bars.right_edges[:side] < -1 + 1e-5) and np.all(bars.left_edges[side + 1:] > 1 - 1e-5)
    assert data.minima + data.saddles <= data.at_critical <= data.networks  # near a critical point: neither
    near = data.networks - data.at_critical  # the words name these: near a critical point, not at it
    assert data.at_critical == int(data.critical.sum()) and np.all(data.gradients[data.critical] < CRITICAL_GRADIENT)
    assert set(data.near_sizes) <= set(data.sizes) and (near == 0) == (data.near_sizes == ())
    if data.at_critical:
        assert data.critical_gradient_range[1] < CRITICAL_GRADIENT
    if near:
        assert data.near_gradient_range[0] >= CRITICAL_GRADIENT
    check_golden(data, data_regression, ndarrays_regression)


def test_committed_scaled_study_recounts_and_adds_up():
    """Every exact spectrum recounts to its stored counts and density; every SLQ estimate lies in its bracket and the
    three fractions add up to one; the file says which planned networks are missing."""
    study = load_scaled_study()
    keys = [record["key"] for record in study.networks]
    assert set(keys) | set(study.settings["missing"]) == set(study.settings["planned"])
    for record in study.networks:
        lanczos, density = record["lanczos"], record["density"]
        fractions = [lanczos[f"{kind}_fraction"] for kind in ("positive", "near_zero", "negative")]
        assert all(low <= estimate <= high for estimate, low, high in [*fractions, lanczos["ratio_without_near_zero"]])
        assert abs(sum(estimate for estimate, _, _ in fractions) - 1) < 1e-5
        assert abs(sum(density["lanczos"]) - 1) < 1e-4
        if "exact" in record:
            exact = record["exact"]
            eigenvalues = np.array(exact["eigenvalues"])
            counts = count_eigenvalues(eigenvalues, record["spec"]["zero_rtol"])
            assert len(eigenvalues) == record["parameters"]
            assert (counts.positive, counts.near_zero, counts.negative) == tuple(exact["counts"].values())
            counted, _ = np.histogram(eigenvalues, bins=density["edges"])
            np.testing.assert_allclose(counted / record["parameters"], density["exact"], atol=1e-6)


test_minimum_ratio_scaled_keyframe = keyframe_test(MinimumRatioScaled)
test_minimum_ratio_scaled_keyframe_zh_light = keyframe_test(MinimumRatioScaled, Look("zh", "light"))
