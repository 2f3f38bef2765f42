"""Real-time factor of the whole lecture: render time divided by the duration of the video it makes.

Every scene of `scenes.lecture.LECTURE` is rendered with the manim CLI from the repo root (no scene cache,
into a temporary media folder) at 480p15 and at 1080p30, first one scene at a time, then --jobs scenes at a
time. Durations are read from the written mp4 files with PyAV. A factor of 2 means a minute of lecture takes
two minutes to render. The last line is `realtime-factor 1080p30: <serial> serial, <parallel> parallel`.

    python benchmarks/lecture_speed.py [--jobs 2] [--quality 480p15 --quality 1080p30] [--scene NAME ...]
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

from scenes.lecture import LECTURE

QUALITIES = {"480p15": ["-ql"], "1080p30": ["-r", "1920,1080", "--frame_rate", "30"]}


def render(path: str, scene: str, flags: list[str], media: Path) -> tuple[float, float]:
    """(seconds to render, seconds of video) for one scene."""
    command = [sys.executable, "-m", "manim", "render", *flags, "--disable_caching", "--media_dir", str(media),
               path, scene]
    seconds = timed_run(command, "lecture_speed", f"{scene} failed to render")
    video = max(media.rglob(f"{scene}.mp4"), key=lambda p: p.stat().st_mtime)
    with av.open(str(video)) as container:
        return seconds, container.duration / av.time_base


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(scenes, flags: list[str], jobs: int) -> tuple[float, float, float, list[tuple[float, float]]]:
    """(wall seconds, CPU seconds, video seconds, per-scene results) rendering `jobs` scenes at a time."""
    with tempfile.TemporaryDirectory() as media:
        started, cpu = time.perf_counter(), children_cpu()
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            results = list(pool.map(lambda item: render(*item, flags, Path(media) / item[1]), scenes))
        wall, cpu = time.perf_counter() - started, children_cpu() - cpu
    return wall, cpu, sum(duration for _, duration in results), results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2, help="scenes rendered at once in the parallel run")
    parser.add_argument("--quality", action="append", choices=list(QUALITIES), help="default: all")
    parser.add_argument("--scene", action="append", help="only these scene classes (default: the whole lecture)")
    args = parser.parse_args()
    scenes = [(path, name) for path, name in LECTURE if not args.scene or name in args.scene]
    if not scenes:
        sys.exit("lecture_speed: error: no scenes to render (scenes/lecture.py is empty or --scene matched none)")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, python {platform.python_version()}; "
          f"{len(scenes)} scenes")
    summary = []
    for quality in args.quality or list(QUALITIES):
        wall, cpu, duration, results = run(scenes, QUALITIES[quality], jobs=1)
        for (_, name), (seconds, length) in zip(scenes, results):
            print(f"{quality} {name:24s} {seconds:7.1f} s for {length:6.1f} s of video  ({seconds / length:4.1f}x)")
        parallel_wall, *_ = run(scenes, QUALITIES[quality], jobs=args.jobs)
        print(f"{quality} lecture: {duration:.1f} s of video; serial {wall:.1f} s ({wall / duration:.2f}x), "
              f"{args.jobs} at a time {parallel_wall:.1f} s ({parallel_wall / duration:.2f}x), "
              f"cpu {cpu:.1f} s ({cpu / duration:.2f}x)")
        summary.append(f"realtime-factor {quality}: {wall / duration:.2f} serial, "
                       f"{parallel_wall / duration:.2f} parallel, "
                       f"{cpu / duration:.2f} cpu")
    print("\n".join(summary))


if __name__ == "__main__":
    main()
