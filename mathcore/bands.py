"""Filled contour bands of a two-parameter loss, as polygons: the slides' filled contour plot seen from above.

Levels are evenly spaced in log(1 + L − min L), so the low valleys, where the optimisers move, get as many bands
as the steep walls. The polygons come from contourpy (matplotlib's contouring engine), so band edges follow the
interpolated level curves instead of the grid's staircase."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import cast

import contourpy
import numpy as np

from mathcore.errors import LossError
from mathcore.loss import Loss

#: The lecture's maps: the grid the band polygons are interpolated on, and how many bands.
MAP_CELLS = 96
MAP_LEVELS = 14


@dataclass(frozen=True)
class Band:
    """Where lower < L ≤ upper (the lowest band includes its lower end). Each ring is a closed polygon (n, 2);
    outer boundaries run anticlockwise and holes clockwise, so a non-zero fill leaves the holes open."""

    index: int  # 0 is the lowest band
    lower: float
    upper: float
    rings: tuple[np.ndarray, ...]


def band_levels(minimum: float, maximum: float, levels: int) -> np.ndarray:
    """levels + 1 loss values from minimum to maximum, evenly spaced in log(1 + L − minimum); evenly spaced in L
    where the loss is so large that the first steps vanish beside the minimum in floating point."""
    span = np.log1p(max(maximum - minimum, 1e-12))
    edges = minimum + np.expm1(np.linspace(0.0, span, levels + 1))
    if not np.all(np.diff(edges) > 0):
        edges = np.linspace(minimum, maximum, levels + 1)
    if not np.all(np.diff(edges) > 0):
        raise LossError(f"the loss varies too little over the box (from {minimum:g} to {maximum:g}) to draw "
                        f"{levels} contour bands")
    return edges


def filled_bands(loss: Loss, box, resolution: int, levels: int) -> tuple[Band, ...]:
    """The box cut into `levels` bands of the loss, sampled on a resolution × resolution grid."""
    mesh = loss.require_finite(box, resolution)
    edges = band_levels(float(mesh.z.min()), float(mesh.z.max()), levels)
    generator = contourpy.contour_generator(mesh.x, mesh.y, mesh.z, fill_type=contourpy.FillType.OuterOffset)
    bands = []
    for index, (lower, upper) in enumerate(itertools.pairwise(edges)):
        # contourpy fills lower < L ≤ upper: widen the outer ends so the minimum and maximum belong to a band
        bottom = lower if index else np.nextafter(lower, -np.inf)
        top = upper if index < levels - 1 else np.nextafter(upper, np.inf)
        points, offsets = cast(tuple[list, list], generator.filled(bottom, top))  # OuterOffset: (points, offsets)
        rings = tuple(polygon[start:stop] for polygon, offset in zip(points, offsets)
                      for start, stop in itertools.pairwise(offset))
        bands.append(Band(index=index, lower=float(lower), upper=float(upper), rings=rings))
    return tuple(bands)
