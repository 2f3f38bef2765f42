"""Filled contour bands against the loss itself: a point lies in the band whose levels bracket its loss."""

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mathcore.bands import band_levels, filled_bands
from mathcore.builtins import himmelblau, worst_network
from mathcore.errors import LossError

RESOLUTION = 64
BOXES = {"worst_network": (worst_network(), (-2, 2, -2, 2)), "himmelblau": (himmelblau(), (-5, 5, -5, 5))}


def winding(rings, point) -> int:
    """Non-zero winding number of the point around the rings (how a non-zero fill paints it): an independent
    ray-casting oracle, not contourpy."""
    x, y = point
    total = 0
    for ring in rings:
        closed = np.vstack([ring, ring[:1]])
        for (x0, y0), (x1, y1) in itertools.pairwise(closed):
            if y0 <= y < y1 and (x1 - x0) * (y - y0) - (x - x0) * (y1 - y0) > 0:
                total += 1
            elif y1 <= y < y0 and (x1 - x0) * (y - y0) - (x - x0) * (y1 - y0) < 0:
                total -= 1
    return total


def signed_area(ring) -> float:
    x, y = ring.T
    return 0.5 * float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))


@pytest.fixture(scope="module", params=sorted(BOXES))
def bands(request):
    loss, box = BOXES[request.param]
    return loss, box, filled_bands(loss, box, resolution=RESOLUTION, levels=14)


def test_levels_are_even_in_log_and_span_the_values():
    edges = band_levels(2.0, 2.0 + np.expm1(3.0), 3)
    np.testing.assert_allclose(np.log1p(edges - 2.0), [0, 1, 2, 3], atol=1e-12)


def test_levels_of_a_huge_loss_still_rise_and_a_flat_one_is_refused():
    """Near 1e56 the log steps vanish beside the minimum: the levels fall back to even steps in L (a box of
    ±1e30 for x² + y²); a loss that barely varies gets one clear error, not contourpy's."""
    edges = band_levels(1e56, 1e60, 14)
    assert np.all(np.diff(edges) > 0) and edges[0] == 1e56 and edges[-1] == pytest.approx(1e60)
    with pytest.raises(LossError, match="too little"):
        band_levels(1e56, np.nextafter(1e56, np.inf), 14)


def test_bands_tile_the_box(bands):
    """Outer rings add, holes subtract: the bands' areas sum to the box's."""
    _, (x0, x1, y0, y1), found = bands
    assert len(found) == 14 and [band.index for band in found] == list(range(14))
    total = sum(signed_area(ring) for band in found for ring in band.rings)
    assert total == pytest.approx((x1 - x0) * (y1 - y0), rel=1e-9)
    assert all(band.lower < band.upper for band in found)
    assert all(a.upper == b.lower for a, b in itertools.pairwise(found))


@settings(max_examples=200, deadline=None)
@given(u=st.floats(0.01, 0.99), v=st.floats(0.01, 0.99))
def test_a_point_is_in_the_band_of_its_loss(bands, u, v):
    """Where the grid cell around a point lies wholly in one band (its four corners and the point itself), the
    polygons put the point in exactly that band: contourpy only draws band edges in cells a level crosses."""
    loss, (x0, x1, y0, y1), found = bands
    point = (x0 + u * (x1 - x0), y0 + v * (y1 - y0))
    edges = np.array([found[0].lower] + [band.upper for band in found])

    def band_of(value) -> int:  # lower < L <= upper; the lowest band also holds its lower end
        return int(np.clip(np.searchsorted(edges, value) - 1, 0, len(found) - 1))

    xs, ys = np.linspace(x0, x1, RESOLUTION), np.linspace(y0, y1, RESOLUTION)
    i, j = np.searchsorted(xs, point[0]), np.searchsorted(ys, point[1])
    corners = loss.value(np.array([[xs[a], ys[b]] for a in (i - 1, i) for b in (j - 1, j)]))
    expected = band_of(float(loss.value(np.array(point))))
    if any(band_of(value) != expected for value in corners):
        return  # a level crosses this cell: its edge there is contourpy's interpolation, not the loss
    assert [band.index for band in found if winding(band.rings, point) != 0] == [expected]
