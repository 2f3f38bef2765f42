"""One key frame per lecture scene, compared with control data in tests/control_data/<part>/<scene>.npz, where
<part> is the scene's file (s06_escape_saddle) and <scene> its class in snake case (escape_saddle).

The key frame is the scene's last frame, rendered by manim's own `frames_comparison` with every animation
skipped. frames_comparison gives a ThreeDCamera only when base_scene *is* ThreeDScene, so a 3-D lecture scene
is run on a ThreeDScene whose class is then extended with the lecture scene (its attributes and methods)."""

from __future__ import annotations

import re
import types

import pytest
from manim import ThreeDScene
from manim.utils.testing.frames_comparison import frames_comparison

from scenes.kit.lecture_scene import CaptionSafeSurfaceCamera, LectureScene
from scenes.kit.look import Look
from tests.helpers import CONTROL_DATA


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def keyframe_test(scene_class, look: Look | None = None):
    """A pytest test comparing the last frame of scene_class with its control data (--set_test writes it); with a
    look, the scene drawn in that language and theme (control data <scene>_<lang>_<theme>.npz)."""
    three_d = issubclass(scene_class, ThreeDScene)
    part = scene_class.__module__.rpartition(".")[2]
    name = _snake(scene_class.__name__) + (f"_{look.lang}_{look.theme_name}" if look else "")
    if look:
        scene_class = type(scene_class.__name__, (scene_class,), {"look": look})

    def test(scene):
        camera = scene.renderer.camera  # the test renderer's: the scene's camera_class does not reach it
        if three_d:
            scene.__class__ = type(scene_class.__name__, (type(scene), scene_class), {})
            camera.__class__ = CaptionSafeSurfaceCamera  # the ThreeDCamera that draws loss_surface, band kept
        else:
            camera.__class__ = LectureScene.lecture_camera
        camera.keep_caption_band()
        if three_d:
            scene.setup()  # the lecture scene's own setup (theme background) ran before its class was known
        scene_class.construct(scene)
        scene.renderer.file_writer.subcaptions.clear()  # the test's file writer has no movie to put an .srt beside

    # frames_comparison finds the control data in control_data/<__module_test__>/ beside the test function's module
    # file (its globals' __file__): give the test the globals of a module named after the scene's part that stands
    # beside CONTROL_DATA, wherever this helper and the part's tests are.
    module = {**globals(), "__module_test__": part, "__file__": str(CONTROL_DATA.parent / "__init__.py")}
    test = types.FunctionType(test.__code__, module, f"test_{name}",
                              test.__defaults__, test.__closure__)
    return pytest.mark.render(frames_comparison(base_scene=ThreeDScene if three_d else scene_class)(test))
