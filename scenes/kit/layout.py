"""The layout rules of a lecture frame, checked from the scene's mobjects (never from pixels).

A frame breaks the layout when
- two pieces of text or formula overlap (`overlap`);
- text lies over plotted data (`over data`): dots, curves, bars, surfaces and filled maps, unless the label was
  deliberately attached to that object with `attach(label, *objects)`; data is what `plotted(...)` marks (the
  kit's curves, maps, surfaces, paths and eigen-arrows mark themselves) and every Dot, Dot3D, surface and
  plotted function;
- text leaves the picture (`outside`): the scene's frame, which the camera draws into the top 85 % of the video
  above the caption band (scenes/kit/safe_area.py), so the frame is the whole picture;
- text is too small to read when projected (`small`): its x-height is below MIN_X_HEIGHT_PX at 1080p.

Why that minimum: Microsoft's guidance for accessible PowerPoint slides asks for text of at least 18 pt, which on
a standard 16:9 slide (7.5 in = 540 pt tall) is an em of 1/30 of the picture's height; PowerPoint's default font
(Calibri) has an x-height of 0.466 em, so its smallest accessible lowercase letters are 0.466/30 of the height,
16.8 px in a 1080-line video. x-height, not the nominal size, is compared, because the lecture mixes fonts whose
letters differ in size at the same nominal size (Noto Sans CJK, x-height 0.54 em; LaTeX's Computer Modern,
0.43 em, and manim sets MathTex smaller than Text at the same font_size). Chinese characters stand about 1.6
x-heights tall at the same size, so the same rule keeps them larger than the Latin minimum.

How a label declares that it sits on its object: `attach(label, target, ...)` (a tick number on its map, a name
beside its curve, u₁ at the tip of its arrow); nothing else is exempt, and there is no list of exceptions."""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from functools import cache

import numpy as np
from manim import (
    Dot,
    Dot3D,
    MarkupText,
    MathTex,
    Mobject,
    ParametricFunction,
    SingleStringMathTex,
    Surface,
    Text,
    config,
)
from manim.mobject.text.numbers import DecimalNumber

from scenes.kit.look import FONT
from scenes.kit.surface import FastSurface

#: 18 pt Calibri on a 540-pt-tall slide: x-height 0.466 em, em 1/30 of the height (see the module docstring).
MIN_X_HEIGHT_FRACTION = 0.466 / 30
MIN_X_HEIGHT_PX = MIN_X_HEIGHT_FRACTION * 1080
VIDEO_LINES = 1080
OVERLAP_TOLERANCE = 0.02  # scene units (about 2 px at 1080p): boxes that only touch do not overlap
VISIBLE_OPACITY = 0.05  # text fainter than this (the first or last moment of a fade) is not on screen yet
TEXT_CLASSES = (Text, MarkupText, SingleStringMathTex, DecimalNumber)
DATA_CLASSES = (Dot, Dot3D, FastSurface, Surface, ParametricFunction)


# What scenes and the kit declare


def plotted(*mobjects: Mobject) -> Mobject:
    """Mark mobjects as plotted data (text must stay off them unless attached to them); returns the first."""
    for mobject in mobjects:
        mobject.layout_plotted = True
    return mobjects[0]


def attach(label: Mobject, *targets: Mobject) -> Mobject:
    """Declare a label deliberately placed on its objects: it may lie over them (and only them). Kept as weak
    references, which copies share instead of duplicating the targets."""
    label.layout_attached = (*getattr(label, "layout_attached", ()), *(weakref.ref(t) for t in targets))
    return label


def as_text(mobject: Mobject, font_size: float, kind: type = Text) -> Mobject:
    """Mark a mobject drawn from glyphs (a live readout) as text of this size in the font of `kind`."""
    mobject.layout_text = (font_size, kind)
    return mobject


# Sizes


@cache
def x_height_per_size(kind: type) -> float:
    """Scene units of a lowercase x per unit of font_size, measured once in the lecture's fonts."""
    sample = Text("x", font=FONT, font_size=100) if issubclass(kind, Text | MarkupText) else MathTex("x", font_size=100)
    return sample.height / 100


def pixels_per_unit() -> float:
    """Pixels of a 1080-line video per scene unit: the frame's height is drawn into the picture above the band."""
    from scenes.kit.safe_area import CAPTION_BAND

    return VIDEO_LINES * (1 - CAPTION_BAND) / config.frame_height


# What is on screen


@dataclass
class TextItem:
    label: str
    box: np.ndarray  # (x0, y0, x1, y1) on screen, scene units from the frame's centre
    x_height_px: float
    owner: int
    attached: frozenset[int]


@dataclass
class DataItem:
    kind: str
    box: np.ndarray
    ident: int  # the id of the plotted mobject (the leaf drawn)
    segments: np.ndarray = field(default_factory=lambda: np.zeros((0, 2, 2)))  # a curve or outline, in pieces
    polygons: list[np.ndarray] = field(default_factory=list)  # filled areas, even-odd


@dataclass
class Finding:
    rule: str
    what: str
    where: str = ""

    def key(self) -> tuple[str, str]:
        return self.rule, self.what


def describe(mobject: Mobject) -> str:
    words = getattr(mobject, "text", None) or getattr(mobject, "tex_string", None)
    if words is None and isinstance(mobject, DecimalNumber):
        words = f"{mobject.get_value():g}"
    words = " ".join(str(words or type(mobject).__name__).split())
    return words if len(words) <= 40 else words[:39] + "…"


class Screen:
    """Where mobjects are on the picture: through the scene's camera (projected in 3-D, unless fixed in the
    frame), relative to the frame's centre."""

    def __init__(self, camera):
        self.camera = camera
        self.three_d = hasattr(camera, "project_points")
        if self.three_d:
            camera.reset_rotation_matrix()
        self.centre = np.zeros(3) if self.three_d else np.asarray(camera.frame_center, dtype=float)

    def points(self, mobject: Mobject, points: np.ndarray | None = None) -> np.ndarray:
        points = mobject.points if points is None else points
        if len(points) == 0:
            return np.zeros((0, 2))
        return (self.camera.transform_points_pre_display(mobject, points) - self.centre)[:, :2]

    def projected(self, mobject: Mobject) -> bool:
        return self.three_d and mobject not in self.camera.fixed_in_frame_mobjects


def _box(points: np.ndarray) -> np.ndarray:
    return np.array([*points.min(axis=0), *points.max(axis=0)])


def _leaves(mobject: Mobject) -> list[Mobject]:
    return [m for m in mobject.family_members_with_points() if len(m.points)]


def _visible(leaves: list[Mobject]) -> bool:
    return any(max(m.get_fill_opacity(), m.get_stroke_opacity() if m.get_stroke_width() > 0 else 0)
               > VISIBLE_OPACITY for m in leaves)


def _text_size(mobject: Mobject) -> tuple[float, type]:
    if hasattr(mobject, "layout_text"):
        return mobject.layout_text
    kind = Text if isinstance(mobject, Text | MarkupText) else MathTex
    return float(mobject.font_size), kind


def _attached_ids(mobject: Mobject) -> set[int]:
    ids = set()
    for reference in getattr(mobject, "layout_attached", ()):
        target = reference()
        if target is not None:
            ids.update(id(m) for m in target.get_family())
    return ids


class Inventory:
    """The text and data on screen now, from the scene's mobjects."""

    def __init__(self, mobjects, screen: Screen, owners: dict[int, tuple[Mobject, Mobject]]):
        self.screen, self.owners = screen, owners
        self.texts: list[TextItem] = []
        self.data: list[DataItem] = []
        glyphs: dict[int, tuple[Mobject, list[Mobject], set[int]]] = {}
        for mobject in mobjects:
            self._walk(mobject, frozenset(), False, glyphs)
        for owner_id, (owner, leaves, attached) in glyphs.items():
            self._add_text(owner, leaves, frozenset(attached), owner_id)

    def _walk(self, mobject: Mobject, attached: frozenset[int], data: bool, glyphs: dict) -> None:
        attached = attached | _attached_ids(mobject) if hasattr(mobject, "layout_attached") else attached
        if isinstance(mobject, TEXT_CLASSES) or hasattr(mobject, "layout_text"):
            self._add_text(mobject, _leaves(mobject), attached, id(mobject))
            return
        owner = self.owners.get(id(mobject))
        if owner is not None and owner[0] is mobject and not mobject.submobjects:
            piece = glyphs.setdefault(id(owner[1]), (owner[1], [], set()))  # a formula shown in pieces
            piece[1].append(mobject)
            piece[2].update(attached)
            return
        data = data or getattr(mobject, "layout_plotted", False) or isinstance(mobject, DATA_CLASSES)
        if data and isinstance(mobject, Dot | Dot3D | Surface | FastSurface):
            self._add_data(mobject)
            return
        if data and len(mobject.points):
            self._add_data(mobject)
        for sub in mobject.submobjects:
            self._walk(sub, attached, data, glyphs)

    def _add_text(self, mobject: Mobject, leaves: list[Mobject], attached: frozenset[int], owner: int) -> None:
        if not leaves or not _visible(leaves):
            return
        points = np.concatenate([self.screen.points(leaf) for leaf in leaves])
        box = _box(points)
        size, kind = _text_size(mobject)
        scale = 1.0
        if self.screen.projected(leaves[0]):
            world = np.concatenate([leaf.points for leaf in leaves])
            height = np.ptp(world[:, 1])
            scale = (box[3] - box[1]) / height if height > 1e-6 else 1.0
        x_height = size * x_height_per_size(kind) * scale * pixels_per_unit()
        self.texts.append(TextItem(describe(mobject), box, x_height, owner, attached))

    def _add_data(self, mobject: Mobject) -> None:
        if isinstance(mobject, FastSurface):
            faces = mobject.project_faces(self.screen.camera)
            if faces is None:
                return
            quads = faces.corners
            self.data.append(DataItem("surface", _box(quads.reshape(-1, 2)), id(mobject), polygons=list(quads)))
            return
        if not _visible(_leaves(mobject)):
            return
        if isinstance(mobject, Dot | Dot3D | Surface):
            points = np.concatenate([self.screen.points(m) for m in _leaves(mobject)])
            self.data.append(DataItem(type(mobject).__name__.lower(), _box(points), id(mobject)))
            return
        points = self.screen.points(mobject)
        curves = points[: len(points) // 4 * 4].reshape(-1, 4, 2)
        t = np.linspace(0, 1, 6)[:, None]
        bezier = np.array([(1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t**2, t**3])[..., 0]  # (4, 6)
        samples = np.einsum("kt,ckd->ctd", bezier, curves)
        segments = np.stack([samples[:, :-1], samples[:, 1:]], axis=2).reshape(-1, 2, 2)
        filled = mobject.get_fill_opacity() > VISIBLE_OPACITY
        polygons = [curves[indices, 0] for indices in _subpaths(curves)] if filled else []
        self.data.append(DataItem("area" if filled else "curve", _box(points), id(mobject), segments, polygons))


def _subpaths(curves: np.ndarray) -> list[np.ndarray]:
    """Indices of the cubic pieces of each closed outline (a new one where a piece does not start at the last end)."""
    breaks = np.flatnonzero(np.linalg.norm(curves[1:, 0] - curves[:-1, 3], axis=1) > 1e-6) + 1
    return [piece for piece in np.split(np.arange(len(curves)), breaks) if len(piece) >= 2]


def _segments_hit_box(segments: np.ndarray, box: np.ndarray) -> np.ndarray:
    """Which straight pieces (S, 2, 2) pass through the box (Liang-Barsky clipping)."""
    start, delta = segments[:, 0], segments[:, 1] - segments[:, 0]
    p = np.stack([-delta[:, 0], delta[:, 0], -delta[:, 1], delta[:, 1]], axis=1)
    q = np.stack([start[:, 0] - box[0], box[2] - start[:, 0], start[:, 1] - box[1], box[3] - start[:, 1]], axis=1)
    parallel_outside = ((p == 0) & (q < 0)).any(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = q / p
    enter = np.where(p < 0, ratio, -np.inf).max(axis=1).clip(min=0)
    leave = np.where(p > 0, ratio, np.inf).min(axis=1).clip(max=1)
    return ~parallel_outside & (enter <= leave)


def _in_polygons(points: np.ndarray, polygons: list[np.ndarray]) -> np.ndarray:
    """Even-odd rule over all outlines (holes of a contour band included)."""
    inside = np.zeros(len(points), dtype=bool)
    for polygon in polygons:
        a, b = polygon, np.roll(polygon, -1, axis=0)
        x, y = points[:, 0, None], points[:, 1, None]
        crosses = (a[None, :, 1] > y) != (b[None, :, 1] > y)
        with np.errstate(divide="ignore", invalid="ignore"):
            at = a[None, :, 0] + (y - a[None, :, 1]) * (b[None, :, 0] - a[None, :, 0]) / (b[None, :, 1] - a[None, :, 1])
        inside ^= (np.count_nonzero(crosses & (x < at), axis=1) % 2).astype(bool)
    return inside


def _boxes_meet(a: np.ndarray, b: np.ndarray, tolerance: float = OVERLAP_TOLERANCE) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > tolerance and min(a[3], b[3]) - max(a[1], b[1]) > tolerance


def _covers(text: TextItem, data: DataItem) -> bool:
    """Does the plotted object show inside the text's box (shrunk by the tolerance)?"""
    box = text.box + np.array([1, 1, -1, -1]) * OVERLAP_TOLERANCE
    if not _boxes_meet(box, data.box, 0):
        return False
    if data.kind not in ("curve", "area", "surface"):
        return True
    if len(data.segments) and _segments_hit_box(data.segments, box).any():
        return True
    if not data.polygons:
        return False
    grid = np.stack(np.meshgrid(np.linspace(box[0], box[2], 5), np.linspace(box[1], box[3], 3)), -1).reshape(-1, 2)
    if data.kind == "surface":
        return any(_in_polygons(grid, [quad]).any() for quad in data.polygons
                   if _boxes_meet(box, _box(quad), 0))
    return bool(_in_polygons(grid, data.polygons).any())


def findings(inventory: Inventory, sizes: bool = True) -> list[Finding]:
    """Every broken rule in this state of the frame (sizes only where animations have finished)."""
    found: list[Finding] = []
    texts = inventory.texts
    half = np.array([config.frame_width, config.frame_height]) / 2
    for i, text in enumerate(texts):
        for other in texts[i + 1:]:
            if other.owner != text.owner and _boxes_meet(text.box, other.box):
                pair = sorted((text.label, other.label))
                found.append(Finding("overlap", f"{pair[0]!r} × {pair[1]!r}"))
        for data in inventory.data:
            if data.ident not in text.attached and _covers(text, data):
                found.append(Finding("over data", f"{text.label!r} over a {data.kind}"))
        if (text.box[:2] < -half - OVERLAP_TOLERANCE).any() or (text.box[2:] > half + OVERLAP_TOLERANCE).any():
            found.append(Finding("outside", repr(text.label)))
        if sizes and text.x_height_px < MIN_X_HEIGHT_PX - 0.05:
            found.append(Finding("small", f"{text.label!r} x-height {text.x_height_px:.1f} px"))
    return found
