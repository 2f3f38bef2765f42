"""Real-time factor of the whole lecture: render time divided by the duration of the video it makes.

Every scene of `scenes.lecture.LECTURE` is rendered from the repo root (no scene cache, into a temporary media
folder) the way `saddle render` launches manim (saddle/production/launch.py: the BT.709 encoder), at each quality,
--jobs scenes at a time; and, as the baseline in the same run and at the same parallelism, with manim's own encoder
(`python -m manim`: x264's default preset and threads, a conversion per frame, glibc's default memory handling).
With --serial, also one scene at a time (per-scene figures). Durations are read from the written mp4 files with
PyAV. A factor of 2 means a minute of lecture takes two minutes to render. The last lines are
`realtime-factor <quality>: <parallel> parallel, <cpu> cpu; baseline <b> parallel, <bcpu> cpu (ratio <r>, cpu ratio
<c>)[; <serial> serial]`.

    python benchmarks/lecture_speed.py [--jobs 2] [--quality l --quality h] [--scene NAME ...] [--serial]
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import av
from timing import timed_run

from scenes.job import QUALITIES
from scenes.lecture import LECTURE

ENCODERS = {"saddle": "saddle.production.bt709", "manim": "manim"}  # the module `python -m` runs


def render(path: str, scene: str, flags: list[str], media: Path, encoder: str = "saddle") -> tuple[float, float]:
    """(seconds to render, seconds of video) for one scene."""
    command = [sys.executable, "-m", ENCODERS[encoder], "render", *flags, "--disable_caching", "--media_dir",
               str(media), path, scene]
    seconds = timed_run(command, "lecture_speed", f"{scene} failed to render")
    video = max(media.rglob(f"{scene}.mp4"), key=lambda p: p.stat().st_mtime)
    with av.open(str(video)) as container:
        return seconds, container.duration / av.time_base


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(scenes, flags: list[str], jobs: int, encoder: str = "saddle") -> tuple[float, float, float, list]:
    """(wall seconds, CPU seconds, video seconds, per-scene results) rendering `jobs` scenes at a time."""
    with tempfile.TemporaryDirectory() as media:
        started, cpu = time.perf_counter(), children_cpu()
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            results = list(pool.map(lambda item: render(*item, flags, Path(media) / item[1], encoder), scenes))
        wall, cpu = time.perf_counter() - started, children_cpu() - cpu
    return wall, cpu, sum(duration for _, duration in results), results


def per_scene(quality: str, scenes, results: list, how: str) -> None:
    for (_, name), (seconds, length) in zip(scenes, results):
        print(f"{quality} {name:24s} {seconds:7.1f} s for {length:6.1f} s of video  ({seconds / length:4.2f}x, {how})",
              flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2, help="scenes rendered at once in the parallel run")
    parser.add_argument("--quality", action="append", choices=list(QUALITIES), help="default: l and h")
    parser.add_argument("--scene", action="append", help="only these scene classes (default: the whole lecture)")
    parser.add_argument("--serial", action="store_true", help="also one scene at a time, with per-scene figures")
    args = parser.parse_args()
    scenes = [(path, name) for path, name in LECTURE if not args.scene or name in args.scene]
    if not scenes:
        sys.exit("lecture_speed: error: no scenes to render (scenes/lecture.py is empty or --scene matched none)")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, python {platform.python_version()}; "
          f"{len(scenes)} scenes")
    summary = []
    for flag in args.quality or ["l", "h"]:
        quality, options = QUALITIES[flag].folder, QUALITIES[flag].manim_options()
        wall, cpu, duration, results = run(scenes, options, jobs=args.jobs)
        per_scene(quality, scenes, results, f"{args.jobs} at a time")
        base_wall, base_cpu, *_ = run(scenes, options, jobs=args.jobs, encoder="manim")
        line = (f"realtime-factor {quality}: {wall / duration:.2f} parallel, {cpu / duration:.2f} cpu; baseline "
                f"{base_wall / duration:.2f} parallel, {base_cpu / duration:.2f} cpu (ratio {wall / base_wall:.2f}, "
                f"cpu ratio {cpu / base_cpu:.2f})")
        print(f"{quality} lecture: {duration:.1f} s of video; {args.jobs} at a time {wall:.1f} s, cpu {cpu:.1f} s; "
              f"manim's own encoder: {base_wall:.1f} s, cpu {base_cpu:.1f} s", flush=True)
        if args.serial:
            serial_wall, _, _, serial = run(scenes, options, jobs=1)
            per_scene(quality, scenes, serial, "alone")
            line += f"; {serial_wall / duration:.2f} serial"
        summary.append(line)
    print("\n".join(summary))


if __name__ == "__main__":
    main()
