"""Part 2: the data behind CriticalPointZoo — three kinds of critical point, all with zero gradient."""

import numpy as np

from mathcore.story.s02_critical_point_zoo import critical_point_zoo
from scenes.kit.look import Look
from scenes.s02_critical_point_zoo import CriticalPointZoo
from tests.helpers.golden import check_golden
from tests.helpers.keyframes import keyframe_test


def test_each_member_is_its_kind_with_zero_gradient():
    data = critical_point_zoo()
    assert [m.kind for m in data.members] == ["minimum", "maximum", "saddle"]
    for member in data.members:
        assert np.all(member.gradient == 0) and member.gradient_latex == ("0", "0")
        np.testing.assert_array_equal(member.tangent_plane[:, 2], member.value)  # g = 0: the tangent plane is level


def test_kinds_agree_with_the_sampled_surface():
    """Independent oracle: compare the mesh around its centre sample with the centre value."""
    for member in critical_point_zoo(resolution=41).members:
        z = member.mesh.z
        centre = z[20, 20]
        ring = np.concatenate([z[19:22, 19], z[19:22, 21], z[[19, 21], 20]]) - centre
        expected = {"minimum": ring.min() > 0, "maximum": ring.max() < 0, "saddle": ring.min() < 0 < ring.max()}
        assert expected[member.kind], member.name
        slopes = np.gradient(z, member.mesh.x, member.mesh.y)
        assert max(abs(s[20, 20]) for s in slopes) < 1e-12


def test_critical_point_zoo_data(data_regression, ndarrays_regression):
    data = critical_point_zoo()
    assert [np.sign(m.eigenvalues).tolist() for m in data.members] == [[1, 1], [-1, -1], [-1, 1]]
    check_golden(data, data_regression, ndarrays_regression)


test_critical_point_zoo_keyframe = keyframe_test(CriticalPointZoo)
test_critical_point_zoo_keyframe_zh_light = keyframe_test(CriticalPointZoo, Look("zh", "light"))
