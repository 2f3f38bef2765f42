"""loss_surface behaves like a mobject scenes can animate: it measures, moves, fades, grows and morphs."""

import numpy as np
import pytest
from manim import DEGREES, OUT, RED, Create, Dot3D, FadeIn, FadeOut, ThreeDAxes, Transform, Uncreate, tempconfig

from mathcore.builtins import saddle, worst_network
from scenes.kit.surface import FastSurfaceCamera, ProjectedFaces, SurfaceScene, loss_surface

BOX = (-2, 2, -2, 2)


def axes_and_surface(loss=worst_network, **options):
    axes = ThreeDAxes(x_range=(-2, 2, 1), y_range=(-2, 2, 1), z_range=(-4, 25, 5), x_length=5, y_length=5, z_length=4)
    return axes, loss_surface(axes, loss().to_mesh(BOX, 13), **options)


def projected(surface):
    with tempconfig({"quality": "low_quality"}):
        return surface.project_faces(FastSurfaceCamera(phi=60 * DEGREES, theta=-45 * DEGREES))


def test_surface_spans_the_box_of_its_axes():
    axes, surface = axes_and_surface()
    np.testing.assert_allclose(surface.get_corner([-1, -1, -1]), axes.c2p(-2, -2, 0), atol=1e-9)
    np.testing.assert_allclose(surface.get_corner([1, 1, 1]), axes.c2p(2, 2, 25), atol=1e-9)
    surface.move_to(OUT)
    np.testing.assert_allclose(surface.get_center(), OUT, atol=1e-9)


def test_each_face_has_the_colour_of_a_height_it_spans():
    """Black at L = 0 to white at L = 25: a face's grey level times 25 lies between its lowest and highest corner."""
    _axes, surface = axes_and_surface(colorscale=[("#000000", 0), ("#FFFFFF", 25)])
    heights = worst_network().to_mesh(BOX, 13).z.ravel()[surface.corner_indices]
    level = 25 * surface.face_rgbs
    assert np.allclose(level, level[:, :1])
    assert np.all(level[:, 0] >= np.clip(heights.min(axis=1), 0, 25) - 1e-9)
    assert np.all(level[:, 0] <= np.clip(heights.max(axis=1), 0, 25) + 1e-9)


def test_opacity_reaches_every_face():
    _, surface = axes_and_surface(opacity=0.4)
    assert np.allclose(projected(surface).fill[:, :, 3], 0.4)
    surface.set_opacity(0)
    assert projected(surface) is None


def test_partial_surface_shows_a_share_of_the_faces():
    _, surface = axes_and_surface()
    half = surface.copy().pointwise_become_partial(surface, 0, 0.5)
    assert len(projected(half).depth) == len(surface.corner_indices) // 2


def test_transform_needs_surfaces_of_the_same_mesh_size():
    axes, surface = axes_and_surface()
    finer = loss_surface(axes, worst_network().to_mesh(BOX, 17))
    with pytest.raises(ValueError, match="same mesh size"):
        Transform(surface, finer).begin()


def test_faces_nearest_the_camera_are_painted_last():
    """Seen from straight above, depth is height: the painter's order is the faces sorted by their centre's z."""
    _, surface = axes_and_surface()
    with tempconfig({"quality": "low_quality"}):
        faces = surface.project_faces(FastSurfaceCamera(phi=0, theta=-90 * DEGREES))
    corners = surface.points[surface.corner_indices]
    np.testing.assert_allclose(faces.depth, (corners[:, :, 2].min(axis=1) + corners[:, :, 2].max(axis=1)) / 2)
    assert np.all(np.diff(ProjectedFaces.back_to_front([faces]).depth) >= 0)


class Animated(SurfaceScene):
    """Everything a lecture scene does with a surface, in one short scene."""

    def construct(self):
        self.set_camera_orientation(phi=65 * DEGREES, theta=-45 * DEGREES)
        axes, surface = axes_and_surface()
        _, other = axes_and_surface(saddle)
        self.add(axes)
        self.play(FadeIn(surface), FadeIn(Dot3D(axes.c2p(0, 0, 1), color=RED)))
        self.play(surface.animate.set_opacity(0.5).rotate(20 * DEGREES, OUT))
        self.move_camera(theta=0, run_time=0.5)
        self.play(Transform(surface, other))
        self.play(Uncreate(surface))
        self.play(Create(surface))
        self.play(FadeOut(surface))


@pytest.mark.slow
def test_a_scene_fades_rotates_morphs_and_grows_its_surface(tmp_path):
    with tempconfig({"media_dir": tmp_path, "quality": "low_quality", "frame_rate": 5, "dry_run": True}):
        scene = Animated()
        scene.render()
    assert scene.renderer.num_plays == 7
