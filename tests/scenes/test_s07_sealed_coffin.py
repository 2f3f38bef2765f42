"""Part 7: the data behind SealedCoffin, pinned by a golden snapshot and a key frame, and its geometry: paths
through one extra coordinate pass a wall only higher than the wall reaches in that coordinate; the coffin is the
slice w = 0 of a tesseract, which turns in a plane containing w."""

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mathcore.errors import LossError
from mathcore.story.s07_sealed_coffin import (
    hop,
    make_box,
    perspective,
    plane_rotation,
    sealed_coffin,
    sealed_space,
    wall_crossings,
)
from scenes.catalogue import LANGUAGES, STRINGS, say_text
from scenes.s07_sealed_coffin import SealedCoffin
from tests.helpers.golden import check_golden
from tests.helpers.keyframes import keyframe_test


def test_sealed_coffin_data(data_regression, ndarrays_regression):
    data = sealed_coffin()
    assert data.year == 1453
    assert data.plane.loop.shape[1] == 3 and data.space.loop.shape[1] == 4
    check_golden(data, data_regression, ndarrays_regression)


test_sealed_coffin_keyframe = keyframe_test(SealedCoffin)

DATA = sealed_coffin()
SPACES = {"plane": DATA.plane, "space": DATA.space}


def assert_never_through_a_wall_in_our_space(box, path, wall_height):
    """Where the visible coordinates pass from inside to outside (or back), the extra one is above the wall's
    height; wherever it is at or below that height the point is clearly off the wall, inside before the crossing
    and outside after it; and it is 0 only at the two ends."""
    crossings = wall_crossings(box, path)
    for i in crossings:
        assert min(path[i, -1], path[i + 1, -1]) > wall_height
    assert path[0, -1] == path[-1, -1] == 0 and np.all(path[1:-1, -1] > 0)
    low = path[:, -1] <= wall_height
    depth = box.depth(path[:, :-1])
    assert np.all(np.abs(depth[low]) > 1e-3)
    if len(crossings) == 1:
        before = np.arange(len(path)) <= crossings[0]
        assert np.all(np.sign(depth[low & before]) == np.sign(depth[0]))
        assert np.all(np.sign(depth[low & ~before]) == np.sign(depth[-1]))


@pytest.mark.parametrize("name", SPACES)
def test_the_trip_starts_inside_and_ends_inside_crossing_only_outside_our_space(name):
    space = SPACES[name]
    box, loop = space.box, space.loop
    assert loop.shape[1] == len(box.low) + 1
    assert box.depth(loop[0, :-1]) > 0 and box.depth(loop[-1, :-1]) > 0
    assert box.depth(space.out_path[-1, :-1]) < 0, "the grail is put down outside"
    assert len(wall_crossings(box, loop)) == 2
    for path in (space.out_path, space.in_path):
        assert_never_through_a_wall_in_our_space(box, path, space.wall_height)
        assert path[:, -1].max() == pytest.approx(space.lift)


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
@given(st.integers(2, 4), st.data(), st.floats(0.05, 3.0), st.floats(0.01, 0.95))
def test_any_hop_from_inside_to_outside_passes_over_the_wall(dimension, data, lift, height_share):
    box = make_box(-np.ones(dimension), np.ones(dimension))
    inside = np.array(data.draw(st.lists(coordinates, min_size=dimension, max_size=dimension)))
    outside = inside.copy()
    axis = data.draw(st.integers(0, dimension - 1))
    outside[axis] = data.draw(st.sampled_from([-1, 1])) * data.draw(st.floats(1.1, 3.0))
    for path in (hop(inside, outside, lift), hop(outside, inside, lift)):
        assert len(wall_crossings(box, path)) == 1
        assert_never_through_a_wall_in_our_space(box, path, height_share * lift)


def test_points_on_the_wrong_side_are_refused():
    with pytest.raises(LossError):
        sealed_space((-1, -1), (1, 1), grail=(2, 0), drop=(3, 0), grapes=(0, 0), wall_height=0.5, lift=1)
    with pytest.raises(LossError, match="rise above"):
        sealed_space((-1, -1), (1, 1), grail=(0, 0), drop=(3, 0), grapes=(0, 0), wall_height=1, lift=1)
    with pytest.raises(LossError):
        make_box((0, 0), (0, 1))


def test_the_year_on_screen_is_1453():
    assert DATA.year == 1453
    for lang in LANGUAGES:
        assert "1453" in say_text("coffin.year", lang, year=DATA.year)
    assert not any("1543" in text for texts in STRINGS.values() for text in texts.values())


def test_the_tesseract_is_the_coffin_stretched_along_w():
    """16 corners, 32 edges, 4 at every corner, each along one coordinate; its slice at w = 0 (where the 8 edges
    along w meet our space) is the coffin's 8 corners."""
    cube, space = DATA.tesseract, DATA.space
    assert cube.vertices.shape == (16, 4) and cube.edges.shape == (32, 2)
    assert np.all(np.bincount(cube.edges.ravel()) == 4)
    steps = cube.vertices[cube.edges[:, 1]] - cube.vertices[cube.edges[:, 0]]
    assert np.all(np.count_nonzero(steps, axis=1) == 1)
    along_w = cube.edges[steps[:, 3] != 0]
    ends = cube.vertices[along_w]
    slice_points = ends[:, 0] + (0 - ends[:, 0, 3:]) / (ends[:, 1, 3:] - ends[:, 0, 3:]) * (ends[:, 1] - ends[:, 0])
    corners = {tuple(c) for c in itertools.product(*zip(space.box.low, space.box.high))}
    assert {tuple(p[:3]) for p in np.round(slice_points, 12)} == corners
    np.testing.assert_allclose(np.abs(cube.vertices[:, 3]), space.wall_height)


def test_the_tesseract_turns_in_the_plane_of_x_and_w():
    cube = DATA.tesseract
    assert cube.plane == (0, 3) and cube.angles[0] == 0 and cube.angles[-1] == pytest.approx(2 * np.pi)
    for angle in cube.angles[::7]:
        rotation = plane_rotation(4, 0, 3, angle)
        np.testing.assert_allclose(rotation @ rotation.T, np.eye(4), atol=1e-12)
        assert np.linalg.det(rotation) == pytest.approx(1)
        np.testing.assert_array_equal(rotation[1:3], np.eye(4)[1:3])  # y and z stay put: the plane contains w
        turned = cube.vertices @ rotation.T
        np.testing.assert_allclose(np.linalg.norm(turned, axis=1), np.linalg.norm(cube.vertices, axis=1))
    np.testing.assert_allclose(plane_rotation(4, 0, 3, 0.3) @ plane_rotation(4, 0, 3, 0.4),
                               plane_rotation(4, 0, 3, 0.7), atol=1e-12)
    np.testing.assert_allclose(cube.projected[0], cube.projected[-1], atol=1e-12)  # one full turn
    assert np.all(cube.w < cube.viewer)


def test_perspective_draws_our_space_as_it_is_and_w_as_size():
    cube = DATA.tesseract
    points = np.array([[0.3, -0.2, 0.5, 0.0], [0.3, -0.2, 0.5, 1.0], [0.3, -0.2, 0.5, -1.0]])
    seen = perspective(points, cube.viewer)
    np.testing.assert_allclose(seen[0], points[0, :3])
    assert np.linalg.norm(seen[1]) > np.linalg.norm(seen[0]) > np.linalg.norm(seen[2])
    np.testing.assert_allclose(cube.projected[0], perspective(cube.vertices, cube.viewer))
    with pytest.raises(LossError):
        perspective([[0, 0, 0, cube.viewer]], cube.viewer)
