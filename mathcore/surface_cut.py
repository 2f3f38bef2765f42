"""A loss surface cut at a level, with a clean rim: the part z ≤ level of a sampled surface z = L(x, y).

Why: capping the samples (min(L, level)) leaves flat-topped plateaus whose faces slope up to the cap at a
staircase of grid points. Cutting instead splits every grid face the level crosses along the level line
(linear along each grid edge, as the faces themselves are drawn) and keeps only the part below, so the surface
ends on a rim that lies on L = level, and nothing above the level is drawn.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mathcore.errors import LossError
from mathcore.loss import Mesh

#: A crossing this close to an end of its side (as a fraction of the side) is taken to be at that end.
SNAP = 1e-9


@dataclass(frozen=True)
class CutMesh:
    """The part z ≤ level of a grid surface, as a mesh of quads.

    vertices (V, 3): (x, y, z); the grid's samples at or below the level and the points where a grid edge crosses
    it (z = level exactly). faces (F, 4): vertex indices in the grid's corner order (x, y), (x⁺, y), (x⁺, y⁺),
    (x, y⁺) and orientation; a grid face wholly below is kept as it is, a crossed one is replaced by its polygon
    below the level, cut into quads (a triangle is closed by the midpoint of its last side, so every face has
    four corners and a proper normal). cell (F,): the grid face, row by row, each face comes from
    (non-decreasing). rim (R, 2, 3): the segments of the cut, each from one crossing to another.
    """

    level: float
    vertices: np.ndarray
    faces: np.ndarray
    cell: np.ndarray
    rim: np.ndarray


def grid_faces(rows: int, columns: int) -> np.ndarray:
    """Vertex indices (faces, 4) of each face of a rows × columns grid of samples (vertex j·columns + i is
    (x[i], y[j])), row by row, corners (i, j) (i+1, j) (i+1, j+1) (i, j+1)."""
    j, i = np.meshgrid(np.arange(rows - 1), np.arange(columns - 1), indexing="ij")
    first = (j * columns + i).ravel()
    return np.stack([first, first + 1, first + columns + 1, first + columns], axis=-1)


def _quads(polygon: list[int], midpoint) -> list[list[int]]:
    """A convex polygon of 3 to 6 vertex indices as a fan of quads from its first vertex; a leftover triangle
    (a, b, c) becomes (a, b, c, midpoint of c–a), c–a being the polygon's closing side."""
    quads, first, rest = [], polygon[0], polygon[1:]
    while len(rest) >= 3:
        quads.append([first, *rest[:3]])
        rest = rest[2:]
    if len(rest) == 2:
        quads.append([first, rest[0], rest[1], midpoint(rest[1], first)])
    return quads


def cut_at_level(mesh: Mesh, level: float) -> CutMesh:
    """The surface of `mesh` where z ≤ level, its faces split along the level line (see CutMesh)."""
    z = np.asarray(mesh.z, dtype=float)
    if not np.all(np.isfinite(z)):
        raise LossError("a surface can only be cut where the loss is finite")
    if not np.any(z <= level):
        raise LossError(f"the whole surface lies above L = {level:g}: nothing is left to draw")
    grid_x, grid_y = np.meshgrid(mesh.x, mesh.y, indexing="xy")
    points = np.column_stack([grid_x.ravel(), grid_y.ravel(), z.ravel()])
    below = points[:, 2] <= level
    corners = grid_faces(*z.shape)
    count = below[corners].sum(axis=1)
    vertices: list[np.ndarray] = []  # crossings and midpoints, numbered after the grid's samples
    crossing: dict[tuple[int, int], int] = {}

    def new_vertex(point: np.ndarray) -> int:
        vertices.append(point)
        return len(points) + len(vertices) - 1

    def cross(a: int, b: int) -> int:
        """The point on side a–b at the level. Within SNAP of an end it is that end (a sample below) or one
        point under it (a sample above), so that two sides never put two points in one place."""
        low, high = (a, b) if below[a] else (b, a)
        t = (level - points[low, 2]) / (points[high, 2] - points[low, 2])
        if t <= SNAP:
            return low
        key = (high, high) if t >= 1 - SNAP else (min(a, b), max(a, b))
        if key not in crossing:
            point = points[low] + min(t, 1.0) * (points[high] - points[low])
            point[2] = level
            crossing[key] = new_vertex(point)
        return crossing[key]

    def position(index: int) -> np.ndarray:
        return points[index] if index < len(points) else vertices[index - len(points)]

    def midpoint(a: int, b: int) -> int:
        return new_vertex((position(a) + position(b)) / 2)

    faces: list[list[int]] = []
    cells: list[int] = []
    rim: list[tuple[int, int]] = []
    for cell in range(len(corners)):
        quad = corners[cell]
        if count[cell] == 4:
            faces.append(quad.tolist())
            cells.append(cell)
            continue
        if count[cell] == 0:
            continue
        for polygon in _pieces(quad.tolist(), below, points, level):
            loop, on_cut = _distinct([cross(*v) if isinstance(v, tuple) else v for v in polygon],
                                     [isinstance(v, tuple) for v in polygon])
            if len(loop) < 3:
                continue  # the face touches the level in a point
            # two crossings in a row: the cut runs between them; start after one, so that a leftover triangle is
            # closed on the rim, not on a side it shares with the next face
            cuts = [k for k in range(len(loop)) if on_cut[k - 1] and on_cut[k]]
            rim.extend((loop[k - 1], loop[k]) for k in cuts)
            if cuts:  # (none when the face only touches the level at a corner)
                loop = loop[cuts[0]:] + loop[:cuts[0]]
            for piece in _quads(loop, midpoint):
                faces.append(piece)
                cells.append(cell)
    everything = np.vstack([points, *vertices]) if vertices else points
    faces_array = np.array(faces, dtype=np.int64).reshape(-1, 4)
    used, renumbered = np.unique(faces_array, return_inverse=True)
    return CutMesh(
        level=float(level),
        vertices=everything[used],
        faces=renumbered.reshape(-1, 4),
        cell=np.array(cells, dtype=np.int64),
        rim=everything[np.array(rim, dtype=np.int64).reshape(-1, 2)],
    )


def _distinct(loop: list[int], on_cut: list[bool]) -> tuple[list[int], list[bool]]:
    """The polygon without repeated vertices (a crossing that is a sample on the level is that sample), each
    vertex on the cut if any of its copies was."""
    kept: list[int] = []
    flags: list[bool] = []
    for vertex, flag in zip(loop, on_cut):
        if kept and kept[-1] == vertex:
            flags[-1] |= flag
        else:
            kept.append(vertex)
            flags.append(flag)
    if len(kept) > 1 and kept[0] == kept[-1]:
        flags[0] |= flags.pop()
        kept.pop()
    return kept, flags


def _pieces(quad: list[int], below: np.ndarray, points: np.ndarray, level: float) -> list[list]:
    """The polygons below the level in one crossed grid face: its corners below, and (a, b) for the crossing on
    side a–b, in the face's order. With two opposite corners below and two above (a saddle in the face), the
    mean of the four corners (the face's centre, bilinearly) says whether the two low corners are joined."""
    sides = [(quad[k], quad[(k + 1) % 4]) for k in range(4)]
    if below[quad].tolist() in ([True, False, True, False], [False, True, False, True]) and \
            points[quad, 2].mean() > level:
        return [[(p, a), a, (a, n)] for p, a, n in ((quad[k - 1], quad[k], quad[(k + 1) % 4])
                                                   for k in range(4)) if below[a]]
    polygon: list = []
    for a, b in sides:
        if below[a]:
            polygon.append(a)
        if below[a] != below[b]:
            polygon.append((a, b))
    return [polygon]
