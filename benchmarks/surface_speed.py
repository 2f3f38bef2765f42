"""Per-frame cost of manim's stock `Surface` against `loss_surface` (FastSurface) on the toy loss.

Same mesh, colour scale, stroke, axes and camera move for both, rendered in this process one after the other
(interleaved, best of --repeats, since the machine is shared): a ThreeDScene rotating the camera for --frames
frames at 480p15, video encoding included. Also reports the drawing alone (camera.capture_mobjects).
The last line is `ratio: <stock/fast>` for the 24x24 mesh, end to end.

    python benchmarks/surface_speed.py [--frames 20] [--repeats 3]
"""

from __future__ import annotations

import argparse
import platform
import tempfile
import time

from manim import DEGREES, ThreeDAxes, ThreeDScene, tempconfig

from mathcore.builtins import worst_network
from scenes.surface import SurfaceScene, loss_surface, stock_surface

BOX = (-2, 2, -2, 2)


def timed_scene(base: type, make_surface, faces: int, frames: int):
    """A scene class drawing the toy loss with `make_surface` and timing its rotation and its drawing."""

    class Rotation(base):
        def construct(self):
            self.set_camera_orientation(phi=65 * DEGREES, theta=-45 * DEGREES)
            axes = ThreeDAxes(x_range=(-2, 2, 1), y_range=(-2, 2, 1), z_range=(0, 25, 5), z_length=4)
            self.add(make_surface(axes, worst_network().to_mesh(BOX, faces + 1)))
            camera = self.renderer.camera
            started = time.perf_counter()
            for _ in range(frames):
                camera.capture_mobjects(self.mobjects)
            self.draw_seconds = (time.perf_counter() - started) / frames
            started = time.perf_counter()
            self.move_camera(theta=45 * DEGREES, run_time=frames / 15, rate_func=lambda t: t)
            self.frame_seconds = (time.perf_counter() - started) / frames

    return Rotation


def measure(base, make_surface, faces: int, frames: int) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as media, tempconfig(
        {"media_dir": media, "quality": "low_quality", "disable_caching": True, "verbosity": "WARNING", "progress_bar": "none"}
    ):
        scene = timed_scene(base, make_surface, faces, frames)()
        scene.render()
    return scene.frame_seconds, scene.draw_seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    print(f"machine: {platform.machine()} {platform.processor() or ''} python {platform.python_version()}, 480p15")
    ratios = {}
    for faces in (24, 48):
        best = {"stock": (float("inf"),) * 2, "fast": (float("inf"),) * 2}
        for _ in range(args.repeats):
            for name, base, make in (("stock", ThreeDScene, stock_surface), ("fast", SurfaceScene, loss_surface)):
                best[name] = tuple(map(min, best[name], measure(base, make, faces, args.frames)))
        for name, (frame, draw) in best.items():
            print(f"{faces}x{faces} {name:5s}: {frame * 1000:7.1f} ms/frame rendered, {draw * 1000:7.1f} ms/frame drawing")
        ratios[faces] = best["stock"][0] / best["fast"][0]
        draw_ratio = best["stock"][1] / best["fast"][1]
        print(f"{faces}x{faces} stock/fast: {ratios[faces]:.1f}x rendered, {draw_ratio:.1f}x drawing only")
    print(f"ratio: {ratios[24]:.1f}")


if __name__ == "__main__":
    main()
