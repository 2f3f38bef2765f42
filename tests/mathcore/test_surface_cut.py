"""A surface cut at a level (mathcore.surface_cut): nothing above the level, a rim on the level, no holes, no
overlaps, and the area it covers is the area where the loss is below the level."""

from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mathcore.builtins import worst_network
from mathcore.errors import LossError
from mathcore.loss import Mesh
from mathcore.surface_cut import cut_at_level

BOX = (-2.0, 2.0, -2.0, 2.0)


def plane_mesh(a: float, b: float, c: float, resolution: int) -> Mesh:
    xs = ys = np.linspace(-2, 2, resolution)
    grid_x, grid_y = np.meshgrid(xs, ys, indexing="xy")
    return Mesh(x=xs, y=ys, z=a * grid_x + b * grid_y + c)


def shoelace(polygons: np.ndarray) -> np.ndarray:
    """Signed area of each polygon (F, k, 2), positive when anticlockwise."""
    x, y = polygons[..., 0], polygons[..., 1]
    return 0.5 * (x * np.roll(y, -1, axis=1) - np.roll(x, -1, axis=1) * y).sum(axis=1)


def assert_a_clean_cut(cut, box=BOX):
    """Every face below the level and turning the grid's way; each inner edge shared by exactly two faces; an edge
    of one face only lies on the box's border or on the level (the rim: a sample closer to the level than a
    billionth of its side's rise counts as on it)."""
    vertices, faces = cut.vertices, cut.faces
    on_level = 1e-8 * (1 + np.ptp(vertices[:, 2]))
    assert np.all(vertices[:, 2] <= cut.level)
    assert np.all(np.diff(cut.cell) >= 0), "faces keep the grid's row-by-row order"
    assert np.all(shoelace(vertices[faces][..., :2]) >= -1e-12)
    corners = vertices[faces]
    gaps = np.linalg.norm(corners[:, :, None] - corners[:, None], axis=-1) + np.eye(4) * 1e9
    assert gaps.min() > 1e-12, "a face with two corners in one place has no direction to be lit from"
    edges = Counter(tuple(sorted(pair)) for face in faces.tolist() for pair in zip(face, face[1:] + face[:1])
                    if pair[0] != pair[1])
    assert max(edges.values()) <= 2
    x0, x1, y0, y1 = box
    for (a, b), uses in edges.items():
        if uses == 1:
            ends = vertices[[a, b]]
            on_border = any(np.all(np.isclose(ends[:, axis], side)) for axis, sides in ((0, (x0, x1)), (1, (y0, y1)))
                            for side in sides)
            assert on_border or np.all(np.abs(ends[:, 2] - cut.level) <= on_level), f"a hole at {ends.tolist()}"
    assert np.all(np.abs(cut.rim[..., 2] - cut.level) <= on_level)


@settings(max_examples=60, deadline=None)
@given(st.floats(-3, 3), st.floats(-3, 3), st.floats(-4, 4), st.floats(-2, 6), st.integers(2, 14))
def test_a_plane_is_cut_exactly_along_its_level_line(a, b, c, level, resolution):
    """For a plane, the faces are exact: the rim lies on a·x + b·y + c = level and the faces cover exactly the
    part of the box below the level (measured independently on a fine grid of cell centres)."""
    mesh = plane_mesh(a, b, c, resolution)
    if not np.any(mesh.z <= level):
        with pytest.raises(LossError):
            cut_at_level(mesh, level)
        return
    cut = cut_at_level(mesh, level)
    assert_a_clean_cut(cut)
    np.testing.assert_allclose(a * cut.rim[..., 0] + b * cut.rim[..., 1] + c, level, atol=1e-7)
    np.testing.assert_allclose(a * cut.vertices[:, 0] + b * cut.vertices[:, 1] + c, cut.vertices[:, 2], atol=1e-9)
    centres = (np.arange(800) + 0.5) / 800 * 4 - 2
    grid_x, grid_y = np.meshgrid(centres, centres)
    expected = 16 * np.mean(a * grid_x + b * grid_y + c <= level)
    assert shoelace(cut.vertices[cut.faces][..., :2]).sum() == pytest.approx(expected, abs=16 * 4 / 800 + 1e-9)


@pytest.mark.parametrize("level", [0.5, 1.0, 9.0])
def test_the_toy_loss_cut_keeps_its_samples_below_and_ends_on_the_level(level):
    loss = worst_network()
    mesh = loss.to_mesh(BOX, 41)
    cut = cut_at_level(mesh, level)
    assert_a_clean_cut(cut)
    kept = cut.vertices[np.isin(cut.vertices[:, 0], mesh.x) & np.isin(cut.vertices[:, 1], mesh.y)]
    assert len(kept) >= np.sum(mesh.z <= level)  # every sample below is kept (rim points may sit on grid lines too)
    np.testing.assert_allclose(loss.value(kept[:, :2])[kept[:, 2] < level], kept[kept[:, 2] < level, 2], atol=1e-12)
    # the rim follows the true level line to within the grid's interpolation error
    np.testing.assert_allclose(loss.value(cut.rim.reshape(-1, 3)[:, :2]), level, rtol=0.03)
    full = len(mesh.x) - 1
    assert np.sum(np.bincount(cut.cell, minlength=full * full) > 0) <= full * full


def test_a_saddle_inside_one_face_joins_its_low_corners_only_when_its_centre_is_low():
    """Corners 0, 2 below and 1, 3 above: one six-sided piece (two quads) if the mean is below, else two triangles."""
    xs = ys = np.array([0.0, 1.0])
    for corners, pieces in (([[0.0, 3.0], [3.0, 0.0]], 2), ([[0.0, 1.2], [1.2, 0.0]], 2)):
        cut = cut_at_level(Mesh(x=xs, y=ys, z=np.array(corners)), 1.0)
        assert len(cut.faces) == pieces
        assert len(cut.rim) == 2
    low = cut_at_level(Mesh(x=xs, y=ys, z=np.array([[0.0, 1.2], [1.2, 0.0]])), 1.0)
    high = cut_at_level(Mesh(x=xs, y=ys, z=np.array([[0.0, 3.0], [3.0, 0.0]])), 1.0)
    assert shoelace(low.vertices[low.faces][..., :2]).sum() > shoelace(high.vertices[high.faces][..., :2]).sum()
    assert len(high.vertices) == 2 + 4 + 2  # two corners, four crossings, a midpoint closing each triangle


@pytest.mark.parametrize("level", [1.0, 4.0, 9.0])
def test_samples_exactly_on_the_level_are_not_doubled(level):
    """z = x·y on an integer grid has many samples exactly at each integer level (the toy loss at L = 9 has some)."""
    xs = ys = np.arange(-4.0, 5.0)
    cut = cut_at_level(Mesh(x=xs, y=ys, z=np.multiply.outer(ys, xs)), level)
    assert_a_clean_cut(cut, (-4, 4, -4, 4))
    np.testing.assert_array_equal(np.prod(cut.rim[..., :2], axis=-1), level)
    assert len(np.unique(cut.vertices, axis=0)) == len(cut.vertices)


def test_nothing_below_or_not_finite_is_refused():
    xs = ys = np.array([0.0, 1.0])
    with pytest.raises(LossError, match="above"):
        cut_at_level(Mesh(x=xs, y=ys, z=np.full((2, 2), 5.0)), 1.0)
    with pytest.raises(LossError, match="finite"):
        cut_at_level(Mesh(x=xs, y=ys, z=np.array([[0.0, np.nan], [1.0, 2.0]])), 1.0)
