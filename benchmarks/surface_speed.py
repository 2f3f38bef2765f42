"""Per-frame cost of manim's stock `Surface` against `loss_surface` (FastSurface) on the toy loss.

Same mesh, colour scale, stroke and camera move for both (the axes only place the surface), rendered in this
process one after the other, interleaved, best of --repeats: a scene rotating the camera for --frames frames
at 480p15. Two figures per surface: a frame's drawing (camera.capture_mobjects, the surface's own cost) and a
whole rendered frame (video encoding included, which costs the same for both). Times are CPU seconds of this
process, so other jobs on the shared machine do not count; wall-clock seconds are printed beside them.
The last line is `ratio: <stock/fast>` of the drawing time per frame for the 24x24 mesh.

    python benchmarks/surface_speed.py [--frames 20] [--repeats 3]
"""

from __future__ import annotations

import argparse
import os
import platform
import tempfile
import time

import numpy as np
from manim import DEGREES, ThreeDAxes, ThreeDScene, tempconfig

from mathcore.builtins import worst_network
from scenes.kit.surface import SurfaceScene, loss_surface, stock_surface

BOX = (-2, 2, -2, 2)
SURFACES = {"stock": (ThreeDScene, stock_surface), "fast": (SurfaceScene, loss_surface)}


def clocks() -> np.ndarray:
    return np.array([time.process_time(), time.perf_counter()])


def timed_scene(base: type, make_surface, faces: int, frames: int):
    """A scene drawing the toy loss with `make_surface`, timing (cpu, wall) per frame of drawing and of rendering."""

    class Rotation(base):
        def construct(self):
            self.set_camera_orientation(phi=65 * DEGREES, theta=-45 * DEGREES)
            axes = ThreeDAxes(x_range=(-2, 2, 1), y_range=(-2, 2, 1), z_range=(0, 25, 5), z_length=4)
            self.add(make_surface(axes, worst_network().to_mesh(BOX, faces + 1)))
            started = clocks()
            for _ in range(frames):
                self.renderer.camera.capture_mobjects(self.mobjects)
            self.drawing = (clocks() - started) / frames
            started = clocks()
            self.move_camera(theta=45 * DEGREES, run_time=frames / 15, rate_func=lambda t: t)
            self.rendering = (clocks() - started) / frames

    return Rotation


def measure(name: str, faces: int, frames: int) -> np.ndarray:
    """[[drawing cpu, drawing wall], [rendering cpu, rendering wall]] seconds per frame."""
    base, make_surface = SURFACES[name]
    settings = {"media_dir": None, "quality": "low_quality", "disable_caching": True, "verbosity": "WARNING",
                "progress_bar": "none"}
    with tempfile.TemporaryDirectory() as media, tempconfig(settings | {"media_dir": media}):
        scene = timed_scene(base, make_surface, faces, frames)()
        scene.render()
    return np.array([scene.drawing, scene.rendering])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, python {platform.python_version()}, 480p15")
    drawing_ratio = {}
    for faces in (24, 48):
        best = {name: np.full((2, 2), np.inf) for name in SURFACES}
        for _ in range(args.repeats):
            for name in SURFACES:
                best[name] = np.minimum(best[name], measure(name, faces, args.frames))
        for name, ((draw_cpu, draw_wall), (frame_cpu, frame_wall)) in best.items():
            print(f"{faces}x{faces} {name:5s}: drawing {draw_cpu * 1e3:6.1f} ms/frame cpu "
                  f"({draw_wall * 1e3:6.1f} wall), "
                  f"rendered {frame_cpu * 1e3:6.1f} ms/frame cpu ({frame_wall * 1e3:6.1f} wall)")
        ratio = best["stock"] / best["fast"]
        drawing_ratio[faces] = ratio[0, 0]
        print(f"{faces}x{faces} stock/fast: drawing {ratio[0, 0]:.1f}x cpu ({ratio[0, 1]:.1f}x wall), "
              f"rendered frame {ratio[1, 0]:.1f}x cpu ({ratio[1, 1]:.1f}x wall)")
    print(f"ratio: {drawing_ratio[24]:.1f}")


if __name__ == "__main__":
    main()
