"""Part 10: the data behind Recap, pinned by a golden snapshot and a key frame."""

from mathcore.story.s10_recap import recap
from scenes.kit.look import Look
from scenes.s10_recap import Recap
from tests.helpers.golden import check_golden
from tests.helpers.keyframes import keyframe_test


def test_recap_data(data_regression, ndarrays_regression):
    data = recap()
    assert data.taylor_latex.endswith(r"\frac{1}{2} v^{T} H v")
    assert data.escape_latex.startswith("u^{T} H u")
    assert data.example.kind == "saddle" and data.example.eigenvalue_latex == ("-2", "2")
    check_golden(data, data_regression, ndarrays_regression)


test_recap_keyframe = keyframe_test(Recap)
test_recap_keyframe_zh_light = keyframe_test(Recap, Look("zh", "light"))
