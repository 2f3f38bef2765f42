"""Part 7: the data behind SealedCoffin, pinned by a golden snapshot and a key frame, and its geometry: paths
through one extra coordinate never pass a wall inside our space."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mathcore.errors import LossError
from mathcore.story.s07_sealed_coffin import hop, make_box, sealed_coffin, sealed_space, wall_crossings
from scenes.catalogue import LANGUAGES, STRINGS, say_text
from scenes.s07_sealed_coffin import SealedCoffin
from tests.golden import check_golden
from tests.keyframes import keyframe_test


def test_sealed_coffin_data(data_regression, ndarrays_regression):
    data = sealed_coffin()
    assert data.year == 1453
    assert data.plane.loop.shape[1] == 3 and data.space.loop.shape[1] == 4
    check_golden(data, data_regression, ndarrays_regression)


test_sealed_coffin_keyframe = keyframe_test(SealedCoffin)

DATA = sealed_coffin()
SPACES = {"plane": DATA.plane, "space": DATA.space}


def assert_never_through_a_wall_in_our_space(box, path):
    """Where the visible coordinates pass from inside to outside (or back), the extra one is well above 0,
    and wherever the extra coordinate is 0 the point is clearly off the wall."""
    lift = path[:, -1].max()
    for i in wall_crossings(box, path):
        assert min(path[i, -1], path[i + 1, -1]) > 0.05 * lift
    grounded = path[:, -1] <= 1e-12
    assert np.all(np.abs(box.depth(path[grounded, :-1])) > 1e-3)


@pytest.mark.parametrize("name", SPACES)
def test_the_trip_starts_inside_and_ends_inside_crossing_only_outside_our_space(name):
    space = SPACES[name]
    box, loop = space.box, space.loop
    assert loop.shape[1] == len(box.low) + 1
    assert box.depth(loop[0, :-1]) > 0 and box.depth(loop[-1, :-1]) > 0
    assert loop[0, -1] == loop[-1, -1] == 0
    assert box.depth(space.out_path[-1, :-1]) < 0, "the grail is put down outside"
    assert len(wall_crossings(box, loop)) == 2
    for path in (space.out_path, space.in_path, loop):
        assert_never_through_a_wall_in_our_space(box, path)


@pytest.mark.parametrize("name", SPACES)
def test_the_straight_attempt_stops_on_the_wall(name):
    space = SPACES[name]
    start, stop = space.blocked
    assert space.box.depth(stop) == pytest.approx(0, abs=1e-12)
    segment = start + np.linspace(0, 1, 200)[:, None] * (stop - start)
    assert np.all(space.box.depth(segment) >= -1e-12)
    direction = (space.drop - space.grail) / np.linalg.norm(space.drop - space.grail)
    np.testing.assert_allclose((stop - start) / np.linalg.norm(stop - start), direction)


coordinates = st.floats(-0.9, 0.9)


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 4), st.data(), st.floats(0.05, 3.0))
def test_any_hop_from_inside_to_outside_passes_the_wall_off_our_space(dimension, data, lift):
    box = make_box(-np.ones(dimension), np.ones(dimension))
    inside = np.array(data.draw(st.lists(coordinates, min_size=dimension, max_size=dimension)))
    outside = inside.copy()
    axis = data.draw(st.integers(0, dimension - 1))
    outside[axis] = data.draw(st.sampled_from([-1, 1])) * data.draw(st.floats(1.1, 3.0))
    for path in (hop(inside, outside, lift), hop(outside, inside, lift)):
        assert len(wall_crossings(box, path)) == 1
        assert_never_through_a_wall_in_our_space(box, path)


def test_points_on_the_wrong_side_are_refused():
    with pytest.raises(LossError):
        sealed_space((-1, -1), (1, 1), grail=(2, 0), drop=(3, 0), grapes=(0, 0), lift=1)
    with pytest.raises(LossError):
        make_box((0, 0), (0, 1))


def test_the_year_on_screen_is_1453():
    assert DATA.year == 1453
    for lang in LANGUAGES:
        assert "1453" in say_text("coffin.year", lang, year=DATA.year)
    assert not any("1543" in text for texts in STRINGS.values() for text in texts.values())
