"""One key frame per lecture scene, compared with control data in tests/control_data/lecture/.

The key frame is the scene's last frame, rendered by manim's own `frames_comparison` with every animation
skipped. frames_comparison gives a ThreeDCamera only when base_scene *is* ThreeDScene, so a 3-D lecture scene
is run on a ThreeDScene whose class is then extended with the lecture scene (its attributes and methods)."""

from __future__ import annotations

import re

from manim import ThreeDScene
from manim.utils.testing.frames_comparison import frames_comparison

from scenes.surface import FastSurfaceCamera

__module_test__ = "lecture"


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def keyframe_test(scene_class):
    """A pytest test comparing the last frame of scene_class with its control data (--set_test writes it)."""
    three_d = issubclass(scene_class, ThreeDScene)

    def test(scene):
        if three_d:
            scene.__class__ = type(scene_class.__name__, (type(scene), scene_class), {})
            scene.renderer.camera.__class__ = FastSurfaceCamera  # the ThreeDCamera that also draws loss_surface
            scene.setup()  # the lecture scene's own setup (theme background) ran before its class was known
        scene_class.construct(scene)
        scene.renderer.file_writer.subcaptions.clear()  # the test's file writer has no movie to put an .srt beside

    test.__name__ = f"test_{_snake(scene_class.__name__)}"
    return frames_comparison(base_scene=ThreeDScene if three_d else scene_class)(test)
