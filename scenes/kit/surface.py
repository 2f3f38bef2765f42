"""Loss surfaces for 3-D scenes: `loss_surface(axes, mesh)` draws a `mathcore.loss.Mesh` over `ThreeDAxes`.

Why not manim's `Surface`: with the Cairo renderer each of its faces is a VMobject, and per face per frame the
camera sorts, projects, shades and strokes it through several Python calls (~0.33 s a frame for 24x24 faces).
`FastSurface` is ONE mobject holding the grid vertices; `FastSurfaceCamera` projects, depth-sorts and shades
all its faces with numpy and only issues the few cairo calls per face, while keeping the look of a `Surface`
coloured by `set_fill_by_value`: the same per-face colour, the same two-corner shading gradient, the same
painter's order (faces interleave with other 3-D mobjects such as the axes' pieces). The same camera draws the
faces of stock Surfaces (Sphere, Dot3D) the same way, and memoises ThreeDAxes' costly shading hook.
Scenes that draw one derive from `SurfaceScene` (a `ThreeDScene` with that camera; LectureScene3D does).
"""

from __future__ import annotations

import itertools as it
from collections.abc import Sequence
from dataclasses import astuple, dataclass

import cairo
import numpy as np
from manim import (
    BLUE_E,
    DOWN,
    GREEN_C,
    TEAL_D,
    YELLOW_C,
    ManimColor,
    Surface,
    ThreeDAxes,
    ThreeDScene,
    ThreeDVMobject,
    VMobject,
)
from manim.camera.camera import Camera
from manim.camera.three_d_camera import ThreeDCamera

from mathcore.loss import Mesh
from mathcore.surface_cut import CutMesh, grid_faces

#: Low to high loss; pivots spread evenly over the axes' z range (or give (colour, height) pairs).
DEFAULT_COLORSCALE = (BLUE_E, TEAL_D, GREEN_C, YELLOW_C)
DEFAULT_STROKE_WIDTH = 0.5


# Colour by height, as Surface.set_fill_by_value does it


def _colorscale_pivots(axes: ThreeDAxes, colorscale: Sequence | None) -> tuple[np.ndarray, np.ndarray]:
    """(colours (n, 3), heights (n,)) of a colour scale: plain colours spread over the z range, or (colour, height)."""
    scale = list(colorscale or DEFAULT_COLORSCALE)
    if all(isinstance(entry, tuple) and len(entry) == 2 for entry in scale):
        colours, heights = zip(*scale)
    else:
        colours, heights = scale, np.linspace(axes.z_range[0], axes.z_range[1], len(scale))
    return np.array([ManimColor(c).to_rgb() for c in colours]), np.asarray(heights, dtype=float)


def height_colours(heights: np.ndarray, rgbs: np.ndarray, pivots: np.ndarray) -> np.ndarray:
    """RGB per height: linear between pivots, the end colours outside them."""
    return np.stack([np.interp(heights, pivots, rgbs[:, channel]) for channel in range(3)], axis=-1)


def _path_midpoint_parameter(corners: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where half of each face's perimeter is reached (Mobject.get_midpoint): (edge index, fraction along it)."""
    edges = np.roll(corners, -1, axis=1) - corners
    lengths = np.linalg.norm(edges, axis=-1)
    before = np.cumsum(lengths, axis=1) - lengths
    half = lengths.sum(axis=1, keepdims=True) / 2
    edge = np.clip((before <= half).sum(axis=1) - 1, 0, 3)
    rows = np.arange(len(corners))
    fraction = (half[:, 0] - before[rows, edge]) / np.where(lengths[rows, edge] > 0, lengths[rows, edge], 1)
    return edge, np.clip(fraction, 0, 1)


# The mobject


class FastSurface(VMobject):
    """A surface of quad faces as one VMobject: `points` are the vertices (so shift/rotate/scale/Transform work),
    fill and stroke opacity are the whole surface's (so FadeIn and set_opacity work), and each face keeps its
    colour in `face_rgbs`. Only `FastSurfaceCamera` (scenes derived from `SurfaceScene`) can draw it.
    The vertices are a grid (rows, columns, 3), or (V, 3) with `corner_indices` (F, 4) (a surface cut at a level)."""

    def __init__(self, vertices: np.ndarray, face_rgbs: np.ndarray, stroke_color=None, corner_indices=None,
                 **kwargs):
        super().__init__(shade_in_3d=True, **kwargs)
        if corner_indices is None:
            rows, columns, _ = vertices.shape
            self.grid_shape: tuple = (rows, columns)
            self.corner_indices = grid_faces(rows, columns)
        else:
            self.grid_shape = ("vertices", len(vertices), "faces", len(corner_indices))
            self.corner_indices = np.asarray(corner_indices, dtype=int)
        self.face_rgbs = np.asarray(face_rgbs, dtype=float).reshape(-1, 3)
        self.stroke_follows_faces = stroke_color is None
        if stroke_color is not None:
            self.set_stroke(color=stroke_color)
        self.revealed = (0.0, 1.0)
        self.set_points(vertices.reshape(-1, 3))

    def pointwise_become_partial(self, mobject: FastSurface, a: float, b: float) -> FastSurface:
        """Create/Uncreate: show the faces whose place in the grid (row by row) lies in [a, b]."""
        self.set_points(mobject.points)
        self.revealed = (a, b)
        return self

    def interpolate_color(self, mobject1: FastSurface, mobject2: FastSurface, alpha: float) -> FastSurface:
        """Transforms between surfaces of the same grid blend the face colours too."""
        super().interpolate_color(mobject1, mobject2, alpha)
        if mobject1.face_rgbs.shape == mobject2.face_rgbs.shape:
            self.face_rgbs = (1 - alpha) * mobject1.face_rgbs + alpha * mobject2.face_rgbs
        return self

    def align_points(self, mobject) -> FastSurface:
        """Transform moves vertex to vertex: it needs a surface of the same grid, not manim's curve resampling."""
        if getattr(mobject, "grid_shape", None) != self.grid_shape:
            shape = getattr(mobject, "grid_shape", type(mobject).__name__)
            raise ValueError("a loss surface can only be transformed into one of the same mesh size: "
                             f"{self.grid_shape} vs {shape}")
        return self

    def get_anchors(self) -> np.ndarray:
        """Every vertex is an anchor (there are no Bezier handles): what get_center, move_to, next_to... measure."""
        return self.points

    def get_subpath_split_indices_from_points(self, *args, **kwargs):
        """Only a stock camera asks for this, and it cannot draw the faces: say what to do instead."""
        raise TypeError("a FastSurface (scenes.kit.surface.loss_surface) needs a scene derived from SurfaceScene, "
                        "not ThreeDScene")

    def project_faces(self, camera: ThreeDCamera) -> ProjectedFaces | None:
        """This frame's faces as the camera sees them (None when fully transparent or not revealed)."""
        fill_opacity, stroke_opacity = self.get_fill_opacity(), self.get_stroke_opacity()
        shown = np.linspace(0, 1, len(self.corner_indices), endpoint=False)
        shown = (shown >= self.revealed[0]) & (shown < self.revealed[1])
        if not shown.any() or (fill_opacity == 0 and (stroke_opacity == 0 or self.get_stroke_width() == 0)):
            return None
        corners = self.points[self.corner_indices[shown]]
        # Where Surface's faces have their handles (a third of the way along each side): see project_quads.
        end = corners[:, 1] + 2 / 3 * (corners[:, 2] - corners[:, 1])
        after_end = corners[:, 2] + 1 / 3 * (corners[:, 3] - corners[:, 2])
        fill = np.concatenate([self.face_rgbs[shown], np.full((shown.sum(), 1), fill_opacity)], axis=1)
        stroke = fill if self.stroke_follows_faces else self.get_stroke_rgbas()[:1]
        stroke = np.concatenate([stroke[:, :3], np.full((len(stroke), 1), stroke_opacity)], axis=1)
        stroke = np.broadcast_to(stroke, fill.shape)
        return project_quads(
            camera, corners, end, after_end, np.stack([fill, fill], axis=1), np.stack([stroke, stroke], axis=1),
            np.full(len(fill), self.get_stroke_width()),
        )


def project_quads(camera, corners, end, after_end, fill, stroke, stroke_width) -> ProjectedFaces:
    """Quad faces (corners (F, 4, 3)) as Surface's faces look through the ThreeDCamera: each filled with a linear
    gradient from corner 0 to `end` (2/3 along side 1-2) between its RGBA colours there (fill (F, 2, 4)), both
    lit by ThreeDCamera's rule (normals from the neighbouring points, `after_end` 1/3 along side 2-3), and
    stroked (stroke (F, 2, 4), width (F,) in manim units); depth is the bounding-box centre along the view."""
    projected = camera.project_points(np.concatenate([corners, end[:, None]], axis=1).reshape(-1, 3))
    projected = projected[:, :2].reshape(len(corners), 5, 2)
    centres = (corners.min(axis=1) + corners.max(axis=1)) / 2
    light = np.zeros((len(corners), 2))
    if camera.should_apply_shading:
        normals = (
            _unit_normals(corners[:, 1] - corners[:, 0], corners[:, 3] - corners[:, 0]),
            _unit_normals(after_end - end, corners[:, 1] - end),
        )
        light_source = camera.light_source.points[0]
        light = np.stack([_light(corners[:, 0], normals[0], light_source), _light(end, normals[1], light_source)],
                         axis=1)
    quads, shaded_fill, shaded_stroke = projected[:, :4], _shaded_bgra(fill, light), _shaded_bgra(stroke, light)
    widths = np.where(stroke[:, 0, 3] > 0, stroke_width * camera.cairo_line_width_multiple, 0.0)
    # A stroke in the face's own gradient over its fill covers what the fill grown by half the stroke width
    # covers, at a third of cairo's cost; slivers and folded faces keep a real stroke.
    own = np.all(shaded_stroke == shaded_fill, axis=(1, 2)) & (widths > 0)
    grown_quads, grown = _outset(quads[own], widths[own] / 2)
    quads[own] = grown_quads
    widths[np.flatnonzero(own)[grown]] = 0.0
    return ProjectedFaces(
        corners=quads,
        depth=centres @ camera.get_rotation_matrix()[2],
        gradient=projected[:, [0, 4]],
        fill=shaded_fill,
        stroke=shaded_stroke.mean(axis=1),
        stroke_width=widths,
    )


def surface_faces(faces: list[VMobject], camera: ThreeDCamera) -> ProjectedFaces:
    """Faces of stock Surfaces (Sphere, Dot3D...: 4 straight-ish Bezier sides, 16 points) in one numpy pass."""
    points = np.stack([face.points for face in faces])

    def two_ends(rgbas):
        return rgbas[[0, min(1, len(rgbas) - 1)]]

    fill = np.stack([two_ends(face.fill_rgbas) for face in faces])
    stroke = np.stack([two_ends(face.stroke_rgbas) for face in faces])
    widths = np.array([face.stroke_width for face in faces], dtype=float)
    return project_quads(camera, points[:, [0, 4, 8, 12]], points[:, 6], points[:, 9], fill, stroke, widths)


def _outset(quads: np.ndarray, distance: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Quads (F, 4, 2) grown outwards by `distance` (F,) with mitred corners (the outline of fill + stroke), and
    which ones could be: convex, with every corner within cairo's miter limit (10); the others are unchanged."""
    edges = np.roll(quads, -1, axis=1) - quads
    following = np.roll(edges, -1, axis=1)
    turns = edges[:, :, 0] * following[:, :, 1] - edges[:, :, 1] * following[:, :, 0]
    edges /= np.maximum(np.linalg.norm(edges, axis=-1, keepdims=True), 1e-12)
    orientation = np.where(turns.sum(axis=1) < 0, -1.0, 1.0)
    outward = np.stack([edges[:, :, 1], -edges[:, :, 0]], axis=-1) * orientation[:, None, None]
    before = np.roll(outward, 1, axis=1)
    bend = 1 + np.einsum("fkc,fkc->fk", before, outward)
    grown = np.all(turns * orientation[:, None] > 0, axis=1) & np.all(bend >= 0.02, axis=1)
    offset = distance[:, None, None] * (before + outward) / np.maximum(bend, 0.02)[:, :, None]
    return np.where(grown[:, None, None], quads + offset, quads), grown


def _unit_normals(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """Row-wise manim get_unit_normal (DOWN where the edges are degenerate)."""
    cross = np.cross(first, second)
    norms = np.linalg.norm(cross, axis=-1, keepdims=True)
    return np.where(norms > 1e-9, cross / np.where(norms > 0, norms, 1), DOWN)


def _light(points: np.ndarray, normals: np.ndarray, light_source: np.ndarray) -> np.ndarray:
    """Row-wise manim get_shaded_rgb offset: 0.5 cos³ towards the light, half as strong in shadow."""
    to_sun = light_source - points
    to_sun /= np.linalg.norm(to_sun, axis=-1, keepdims=True)
    light = 0.5 * np.einsum("ij,ij->i", normals, to_sun) ** 3
    return np.where(light < 0, 0.5 * light, light)


def _shaded_bgra(rgbas: np.ndarray, light: np.ndarray) -> np.ndarray:
    """RGBA colours (F, 2, 4) at the gradient's two ends, lit, in cairo's BGR order over manim's RGBA pixels."""
    shaded = np.clip(rgbas[:, :, 2::-1] + light[:, :, None], 0, 1)
    return np.concatenate([shaded, rgbas[:, :, 3:]], axis=-1)


# The camera


@dataclass
class ProjectedFaces:
    """Faces ready to paint: projected corners (F, 4, 2), camera depth (F,), gradient ends (F, 2, 2), fill
    colours at those ends (F, 2, 4, cairo order), wireframe colour (F, 4) and width in cairo units (F,; 0: none)."""

    corners: np.ndarray
    depth: np.ndarray
    gradient: np.ndarray
    fill: np.ndarray
    stroke: np.ndarray
    stroke_width: np.ndarray

    @classmethod
    def back_to_front(cls, batches: list[ProjectedFaces]) -> ProjectedFaces:
        """All surfaces' faces in one list, farthest first (stable, like the camera's sort)."""
        merged = {name: np.concatenate([getattr(b, name) for b in batches]) for name in cls.__dataclass_fields__}
        order = np.argsort(merged["depth"], kind="stable")
        return cls(**{name: values[order] for name, values in merged.items()})

    def rows(self) -> list[list[float]]:
        """One flat list per face (4 corners, 2 gradient ends, 2 fill colours, stroke colour, width): Python floats,
        cheap to unpack in the painting loop."""
        flat = [self.corners, self.gradient, self.fill, self.stroke, self.stroke_width[:, None]]
        return np.concatenate([a.reshape(len(self.depth), -1) for a in flat], axis=1).tolist()


def paint_faces(ctx: cairo.Context, rows: list[list[float]]) -> None:
    """Per face one closed path filled with its shading gradient, stroked if it has its own wireframe colour."""
    for row in rows:
        ctx.new_path()
        ctx.move_to(row[0], row[1])
        ctx.line_to(row[2], row[3])
        ctx.line_to(row[4], row[5])
        ctx.line_to(row[6], row[7])
        ctx.close_path()
        ctx.set_source(_gradient(row[8:12], row[12:20]))
        if row[24] > 0:
            ctx.fill_preserve()
            ctx.set_source_rgba(*row[20:24])
            ctx.set_line_width(row[24])
            ctx.stroke()
        else:
            ctx.fill()


def _gradient(ends: list[float], colours: list[float]) -> cairo.LinearGradient:
    pattern = cairo.LinearGradient(*ends)
    pattern.add_color_stop_rgba(0, *colours[:4])
    pattern.add_color_stop_rgba(1, *colours[4:])
    return pattern


class FastSurfaceCamera(ThreeDCamera):
    """ThreeDCamera whose painter's loop draws the faces of FastSurfaces and of stock Surfaces (Sphere, Dot3D...)
    with numpy, in depth order among the other mobjects, which it draws as ThreeDCamera does."""

    def capture_mobjects(self, mobjects, **kwargs) -> None:
        self.reset_rotation_matrix()
        self._gradient_ends = {}
        family = Camera.get_mobjects_to_display(self, mobjects, **kwargs)
        surfaces = [mob for mob in family if isinstance(mob, FastSurface)]
        stock_faces = [mob for mob in family if self._is_plain_face(mob)]
        vectorised = set(map(id, surfaces + stock_faces))
        others = [mob for mob in family if id(mob) not in vectorised]
        depths = np.array([self._depth(mob) for mob in others])
        order = np.argsort(depths, kind="stable")
        others, depths = [others[k] for k in order], depths[order]
        batches = [faces for faces in (s.project_faces(self) for s in surfaces) if faces is not None]
        if stock_faces:
            batches.append(surface_faces(stock_faces, self))
        if not batches:
            self._display(others)
            return
        faces = ProjectedFaces.back_to_front(batches)
        cuts = np.searchsorted(faces.depth, depths, side="left")
        rows, ctx = faces.rows(), self.get_cairo_context(self.pixel_array)
        painted, run = 0, []
        for mob, cut in zip(others, cuts.tolist()):
            if cut > painted:
                self._display(run)
                paint_faces(ctx, rows[painted:cut])
                painted, run = cut, []
            run.append(mob)
        self._display(run)
        paint_faces(ctx, rows[painted:])

    def set_cairo_context_color(self, ctx, rgbas, vmobject):
        """ThreeDAxes gives each of its ~150 pieces a closure measuring the whole axis for its shading gradient,
        which cost more than the surface itself; within a frame it is the same for a whole axis: ask once."""
        hook = vars(vmobject).get("get_gradient_start_and_end_points")
        if len(rgbas) < 2 or hook is None or not hook.__closure__:
            return super().set_cairo_context_color(ctx, rgbas, vmobject)
        key = (hook.__code__, *(id(cell.cell_contents) for cell in hook.__closure__))
        if key not in self._gradient_ends:
            self._gradient_ends[key] = hook()
        (x0, y0, _), (x1, y1, _) = self.transform_points_pre_display(vmobject, np.array(self._gradient_ends[key]))
        pattern = cairo.LinearGradient(x0, y0, x1, y1)
        for k, rgba in enumerate(rgbas):
            pattern.add_color_stop_rgba(k / (len(rgbas) - 1), *rgba[2::-1], rgba[3])
        ctx.set_source(pattern)
        return self

    def _is_plain_face(self, mob) -> bool:
        """A face of a stock Surface that the numpy path draws exactly as ThreeDCamera would."""
        return (
            isinstance(mob, ThreeDVMobject)
            and mob.shade_in_3d
            and len(mob.points) == 16
            and len(mob.fill_rgbas) <= 2
            and len(mob.stroke_rgbas) <= 2
            and mob.background_stroke_width == 0
            and mob.get_background_image() is None
            and not {"z_index_group", "get_gradient_start_and_end_points"} & vars(mob).keys()
            and mob not in self.fixed_in_frame_mobjects
            and mob not in self.fixed_orientation_mobjects
        )

    def _depth(self, mob) -> float:
        """ThreeDCamera's sort key: distance along the view axis; flat mobjects last (on top)."""
        if not getattr(mob, "shade_in_3d", False):
            return np.inf
        return float(mob.get_z_index_reference_point() @ self.get_rotation_matrix()[2])

    def _display(self, mobjects) -> None:
        for kind, group in it.groupby(mobjects, self.type_or_raise):
            self.display_funcs[kind](list(group), self.pixel_array)


class SurfaceScene(ThreeDScene):
    """A ThreeDScene that can draw FastSurface (loss_surface); use it for every scene with a surface."""

    def __init__(self, **kwargs):
        kwargs.setdefault("camera_class", FastSurfaceCamera)
        super().__init__(**kwargs)


# The API the scenes use


def _vertices(axes: ThreeDAxes, mesh: Mesh) -> np.ndarray:
    grid_x, grid_y = np.meshgrid(mesh.x, mesh.y, indexing="xy")
    z = np.asarray(mesh.z, dtype=float)
    return np.asarray(axes.c2p(grid_x.ravel(), grid_y.ravel(), z.ravel())).T.reshape((*z.shape, 3))


@dataclass(frozen=True)
class SurfaceLook:
    """How a surface is drawn, the same for the fast surface and the stock reference.

    colorscale: colours low to high (spread over the z range of `axes`) or (colour, height) pairs.
    stroke: width of the edges between faces (0: none); stroke_color: a wireframe colour (default: each face's own).
    """

    colorscale: Sequence | None = None
    opacity: float = 1.0
    stroke: float = DEFAULT_STROKE_WIDTH
    stroke_color: object = None


def loss_surface(axes: ThreeDAxes, mesh: Mesh | CutMesh, **look) -> FastSurface:
    """The loss surface z = L(x, y) of `mesh` in `axes` (a grid, or a grid cut at a level by
    `mathcore.surface_cut.cut_at_level`), faces coloured by height, drawn as `SurfaceLook(**look)` says; add it in a
    SurfaceScene."""
    colorscale, opacity, stroke, stroke_color = astuple(SurfaceLook(**look))
    if isinstance(mesh, CutMesh):
        vertices = np.asarray(axes.c2p(*mesh.vertices.T)).T.reshape(-1, 3)
        faces, heights, shape = mesh.faces, mesh.vertices[:, 2], {"corner_indices": mesh.faces}
    else:
        vertices = _vertices(axes, mesh)
        faces, heights, shape = grid_faces(*mesh.z.shape), np.asarray(mesh.z, dtype=float).ravel(), {}
    corners = vertices.reshape(-1, 3)[faces]
    heights = heights[faces]
    edge, fraction = _path_midpoint_parameter(corners)
    rows = np.arange(len(corners))
    midpoint_heights = heights[rows, edge] + fraction * (heights[rows, (edge + 1) % 4] - heights[rows, edge])
    rgbs, pivots = _colorscale_pivots(axes, colorscale)
    return FastSurface(
        vertices,
        height_colours(midpoint_heights, rgbs, pivots),
        stroke_color=stroke_color,
        fill_opacity=opacity,
        stroke_width=stroke,
        stroke_opacity=opacity,
        **shape,
    )


def _mesh_function(axes: ThreeDAxes, mesh: Mesh):
    """Surface function on grid indices (u = i, v = j): exact at the samples, bilinear in between."""
    z = np.asarray(mesh.z, dtype=float)
    last_i, last_j = len(mesh.x) - 1, len(mesh.y) - 1

    def point(u: float, v: float) -> np.ndarray:
        i0, j0 = min(int(np.floor(u)), last_i - 1), min(int(np.floor(v)), last_j - 1)
        s, t = u - i0, v - j0
        corners = z[j0 : j0 + 2, i0 : i0 + 2]
        near, far = (1 - s) * corners[0, 0] + s * corners[0, 1], (1 - s) * corners[1, 0] + s * corners[1, 1]
        height = (1 - t) * near + t * far
        x = np.interp(u, np.arange(last_i + 1), mesh.x)
        y = np.interp(v, np.arange(last_j + 1), mesh.y)
        return axes.c2p(x, y, height)

    return point


def stock_surface(axes: ThreeDAxes, mesh: Mesh, **look) -> Surface:
    """Manim's own `Surface` through the same samples and `SurfaceLook`: the reference look and speed."""
    colorscale, opacity, stroke, stroke_color = astuple(SurfaceLook(**look))
    faces = (len(mesh.x) - 1, len(mesh.y) - 1)
    surface = Surface(
        _mesh_function(axes, mesh),
        u_range=(0, faces[0]),
        v_range=(0, faces[1]),
        resolution=faces,
        fill_opacity=opacity,
        stroke_width=stroke,
    )
    rgbs, pivots = _colorscale_pivots(axes, colorscale)
    surface.set_fill_by_value(axes=axes, colorscale=[(ManimColor(rgb), h) for rgb, h in zip(rgbs, pivots)], axis=2)
    surface.set_fill(opacity=opacity)
    surface.set_stroke(opacity=opacity)
    if stroke_color is not None:
        surface.set_stroke(color=stroke_color, width=stroke)
    return surface
