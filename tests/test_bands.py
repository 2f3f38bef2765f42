"""Filled contour bands against the loss itself: a point lies in the band whose levels bracket its loss."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mathcore.bands import band_levels, filled_bands
from mathcore.builtins import himmelblau, worst_network

BOXES = {"worst_network": (worst_network(), (-2, 2, -2, 2)), "himmelblau": (himmelblau(), (-5, 5, -5, 5))}


def winding(rings, point) -> int:
    """Non-zero winding number of the point around the rings (how a non-zero fill paints it): an independent
    ray-casting oracle, not contourpy."""
    x, y = point
    total = 0
    for ring in rings:
        closed = np.vstack([ring, ring[:1]])
        for (x0, y0), (x1, y1) in zip(closed[:-1], closed[1:]):
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
    return loss, box, filled_bands(loss, box, resolution=64, levels=14)


def test_levels_are_even_in_log_and_span_the_values():
    edges = band_levels(2.0, 2.0 + np.expm1(3.0), 3)
    np.testing.assert_allclose(np.log1p(edges - 2.0), [0, 1, 2, 3], atol=1e-12)


def test_bands_tile_the_box(bands):
    """Outer rings add, holes subtract: the bands' areas sum to the box's."""
    _, (x0, x1, y0, y1), found = bands
    assert len(found) == 14 and [band.index for band in found] == list(range(14))
    total = sum(signed_area(ring) for band in found for ring in band.rings)
    assert total == pytest.approx((x1 - x0) * (y1 - y0), rel=1e-9)
    assert all(band.lower < band.upper for band in found)
    assert all(a.upper == b.lower for a, b in zip(found[:-1], found[1:]))


@settings(max_examples=200, deadline=None)
@given(u=st.floats(0.01, 0.99), v=st.floats(0.01, 0.99))
def test_a_point_is_in_the_band_of_its_loss(bands, u, v):
    loss, (x0, x1, y0, y1), found = bands
    point = (x0 + u * (x1 - x0), y0 + v * (y1 - y0))
    value = float(loss.value(np.array(point)))
    edges = np.array([found[0].lower] + [band.upper for band in found])
    gap = np.log1p(edges[-1] - edges[0]) / 14
    if np.min(np.abs(np.log1p(value - edges[0]) - np.log1p(edges - edges[0]))) < 0.15 * gap:
        return  # too near a level for a 64 x 64 grid's linear interpolation to decide
    inside = [band.index for band in found if winding(band.rings, point) != 0]
    assert inside == [int(np.searchsorted(edges, value) - 1)]
