"""Part 8: the data behind SliceReveal and RandomHessians, pinned by golden snapshots and key frames."""

import numpy as np

from mathcore.story.random_hessians import random_hessians
from scenes.s08_dimensions import RandomHessians
from tests.golden import check_golden
from tests.keyframes import keyframe_test


def test_random_hessians_data(data_regression, ndarrays_regression):
    data = random_hessians()
    assert np.all(np.diff(np.log(data.estimate)) < 0), "the fraction falls with N"
    assert data.estimate[-1] < 1e-15 and data.sizes[-1] >= 10
    assert data.theta_latex == r"\frac{\ln{\left(3 \right)}}{4}"
    assert abs(data.negative_count / data.histogram_size - 0.5) < 0.05
    assert data.bin_counts.sum() == data.histogram_size
    check_golden(data, data_regression, ndarrays_regression)


test_random_hessians_keyframe = keyframe_test(RandomHessians)
