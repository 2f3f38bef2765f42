"""Real-time factor of the whole lecture: render time divided by the duration of the video it makes.

Every scene of `scenes.lecture.LECTURE` is rendered from the repo root (no scene cache, into a temporary media
folder) the way `saddle render` launches manim (saddle/production/launch.py: the BT.709 encoder), at each quality,
first one scene at a time, then --jobs scenes at a time; and, as the baseline in the same run, once at a time with
manim's own encoder (`python -m manim`: x264's default preset, a conversion per frame). Durations are read from the
written mp4 files with PyAV. A factor of 2 means a minute of lecture takes two minutes to render. The last lines
are `realtime-factor <quality>: <serial> serial, <parallel> parallel, ...; baseline <b> serial (ratio <r>)`.

    python benchmarks/lecture_speed.py [--jobs 2] [--quality l --quality h] [--scene NAME ...]
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2, help="scenes rendered at once in the parallel run")
    parser.add_argument("--quality", action="append", choices=list(QUALITIES), help="default: l and h")
    parser.add_argument("--scene", action="append", help="only these scene classes (default: the whole lecture)")
    args = parser.parse_args()
    scenes = [(path, name) for path, name in LECTURE if not args.scene or name in args.scene]
    if not scenes:
        sys.exit("lecture_speed: error: no scenes to render (scenes/lecture.py is empty or --scene matched none)")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, python {platform.python_version()}; "
          f"{len(scenes)} scenes")
    summary = []
    for flag in args.quality or ["l", "h"]:
        quality, options = QUALITIES[flag].folder, QUALITIES[flag].manim_options()
        wall, cpu, duration, results = run(scenes, options, jobs=1)
        for (_, name), (seconds, length) in zip(scenes, results):
            print(f"{quality} {name:24s} {seconds:7.1f} s for {length:6.1f} s of video  ({seconds / length:4.1f}x)")
        parallel_wall, *_ = run(scenes, options, jobs=args.jobs)
        base_wall, base_cpu, *_ = run(scenes, options, jobs=1, encoder="manim")
        print(f"{quality} lecture: {duration:.1f} s of video; serial {wall:.1f} s ({wall / duration:.2f}x), "
              f"{args.jobs} at a time {parallel_wall:.1f} s ({parallel_wall / duration:.2f}x), "
              f"cpu {cpu:.1f} s ({cpu / duration:.2f}x); manim's own encoder: serial {base_wall:.1f} s, "
              f"cpu {base_cpu:.1f} s")
        summary.append(f"realtime-factor {quality}: {wall / duration:.2f} serial, "
                       f"{parallel_wall / duration:.2f} parallel, {cpu / duration:.2f} cpu; "
                       f"baseline {base_wall / duration:.2f} serial (ratio {wall / base_wall:.2f}, "
                       f"cpu ratio {cpu / base_cpu:.2f})")
    print("\n".join(summary))


if __name__ == "__main__":
    main()
