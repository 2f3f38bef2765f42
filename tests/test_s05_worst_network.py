"""Part 5: the data behind WorstNetworkHessian, pinned by a golden snapshot and a key frame."""

import numpy as np

from mathcore.story.worst_network import worst_network_hessian
from scenes.s05_worst_network import WorstNetworkHessian
from tests.golden import check_golden
from tests.keyframes import keyframe_test


def test_worst_network_hessian_data(data_regression, ndarrays_regression):
    data = worst_network_hessian()
    assert data.origin.hessian_latex == (("0", "-2"), ("-2", "0"))
    assert data.origin.eigenvalue_latex == ("-2", "2") and data.origin.kind == "saddle"
    assert data.valley_point.eigenvalue_latex == ("0", "4") and data.valley_point.kind == "minimum"
    assert data.valley_point.test == "higher-order"
    np.testing.assert_allclose(data.origin.eigenvectors[0], np.ones(2) / np.sqrt(2))
    check_golden(data, data_regression, ndarrays_regression)


test_worst_network_hessian_keyframe = keyframe_test(WorstNetworkHessian)
