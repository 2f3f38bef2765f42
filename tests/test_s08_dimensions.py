"""Part 8: the data behind SliceReveal and RandomHessians, pinned by golden snapshots and key frames."""

import numpy as np

from mathcore.story.random_hessians import random_hessians
from mathcore.story.slice_reveal import slice_reveal
from scenes.s08_dimensions import RandomHessians, SliceReveal
from tests.golden import check_golden
from tests.keyframes import keyframe_test


def test_slice_reveal_data(data_regression, ndarrays_regression):
    data = slice_reveal()
    assert data.kind == "saddle" and data.slice_second_derivative > 0
    check_golden(data, data_regression, ndarrays_regression)


test_slice_reveal_keyframe = keyframe_test(SliceReveal)


def test_random_hessians_data(data_regression, ndarrays_regression):
    data = random_hessians()
    assert np.all(np.diff(np.log(data.estimate)) < 0), "the fraction falls with N"
    assert data.estimate[-1] < 1e-15 and data.sizes[-1] >= 10
    assert data.theta_latex == r"\frac{\ln{\left(3 \right)}}{4}"
    assert abs(data.negative_count / data.histogram_size - 0.5) < 0.05
    assert data.bin_counts.sum() == data.histogram_size
    check_golden(data, data_regression, ndarrays_regression)


test_random_hessians_keyframe = keyframe_test(RandomHessians)
