"""Part 7: the data behind SealedCoffin, pinned by a golden snapshot and a key frame."""

from mathcore.story.coffin import sealed_coffin
from scenes.s07_sealed_coffin import SealedCoffin
from tests.golden import check_golden
from tests.keyframes import keyframe_test


def test_sealed_coffin_data(data_regression, ndarrays_regression):
    data = sealed_coffin()
    assert data.year == 1453
    assert data.plane.loop.shape[1] == 3 and data.space.loop.shape[1] == 4
    check_golden(data, data_regression, ndarrays_regression)


test_sealed_coffin_keyframe = keyframe_test(SealedCoffin)
