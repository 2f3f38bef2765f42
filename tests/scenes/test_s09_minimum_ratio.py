"""Part 9: the data behind MinimumRatio, read from the committed study, pinned by a golden snapshot and a key frame."""

import numpy as np

from mathcore.minimum_ratio import load_study
from mathcore.story.s09_minimum_ratio import minimum_ratio_plot, signed_histogram
from scenes.s09_minimum_ratio import MinimumRatio
from tests.helpers.golden import check_golden
from tests.helpers.keyframes import keyframe_test


def test_minimum_ratio_data(data_regression, ndarrays_regression):
    data = minimum_ratio_plot()
    assert data.ratio_latex == r"\frac{N_{+}}{N_{+} + N_{-} + N_{0}}"
    assert data.tolerance_latex == r"\tau = 10^{-4} \cdot \max_i |\lambda_i|"
    assert len(data.losses) == len(data.ratios) == len(data.stopped_ratios) == data.networks
    assert np.all((data.ratios >= 0) & (data.ratios <= data.ratios_without_near_zero))
    assert np.all(data.ratios_without_near_zero <= 1)
    assert data.gradient_range[1] < 1e-10 < data.stopped_gradient_range[0]
    assert data.loss_axis_max >= max(data.losses.max(), data.stopped_losses.max())
    check_golden(data, data_regression, ndarrays_regression)


def test_histograms_count_exactly_what_the_counting_rule_counts():
    for network in load_study().networks:
        for measurement in (network.stopped, network.converged):
            histogram = signed_histogram(measurement)
            kinds = np.array(histogram.kinds)
            counted = measurement.counts
            assert histogram.counts.sum() == counted.total
            assert histogram.counts[kinds == "negative"].sum() == counted.negative
            assert histogram.counts[kinds == "near_zero"].sum() == counted.near_zero
            assert histogram.counts[kinds == "positive"].sum() == counted.positive
            assert np.all(np.diff(histogram.tick_positions) > 0)
            np.testing.assert_array_equal(histogram.left_edges[1:], histogram.right_edges[:-1])


test_minimum_ratio_keyframe = keyframe_test(MinimumRatio)
