"""Real-time factors of the voice, all measured in the same run on the same machine:

1. synthesis: seconds spent synthesising divided by the seconds of speech made, per language, over narration lines
   of the catalogue (normalised as the lecture says them; the model is loaded first and not counted);
2. rendering: `saddle render` of the chosen scenes (default: the whole lecture) into a fresh renders folder, silent
   (--voice none), then with the voice the first time (learning the lines, synthesising, rendering), then with the
   voice again after `--force` (audio from the cache: only the render). Each is divided by the seconds of video.

    python benchmarks/voice_speed.py [--lines 12] [--scene NAME ...] [--lang en] [--jobs 2]
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

import av
from timing import timed_run


def synthesis_factor(lang: str, count: int) -> tuple[float, float]:
    """(real-time factor, seconds of speech) synthesising `count` narration lines of the catalogue."""
    from saddle.production.plan import Settings
    from saddle.voice.assets import DEFAULT_VOICES, SAMPLE_RATE
    from saddle.voice.engine import _kokoro, synthesise
    from saddle.voice.spoken import normalise
    from scenes.catalogue import STRINGS

    _kokoro()
    lines = [texts[lang] for key, texts in STRINGS.items() if key.endswith("_said") and "{" not in texts[lang]]
    started, speech = time.perf_counter(), 0.0
    for line in lines[:count]:
        speech += synthesise(normalise(line, lang), lang, DEFAULT_VOICES[lang], Settings.rate).size / SAMPLE_RATE
    return (time.perf_counter() - started) / speech, speech


def render(renders: Path, scenes: list[str], lang: str, jobs: int, voice: str, *extra: str) -> tuple[float, float]:
    """(wall seconds, seconds of video) of one `saddle render`."""
    command = [sys.executable, "-m", "saddle.cli", "render", *scenes, "--lang", lang, "--jobs", str(jobs),
               "--voice", voice, "--renders", str(renders), *extra]
    seconds = timed_run(command, "voice_speed", "saddle render failed")
    videos = [path for path in (renders / f"{lang}-dark" / "480p15").glob("*.mp4") if path.name != "lecture.mp4"]
    duration = 0.0
    for video in videos:
        with av.open(str(video)) as container:
            duration += container.duration / av.time_base
    return seconds, duration


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=12, help="catalogue lines synthesised per language")
    parser.add_argument("--scene", action="append", default=[], help="only these scenes (default: whole lecture)")
    parser.add_argument("--lang", default="en", choices=["en", "zh"], help="language of the render comparison")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}, "
          f"python {platform.python_version()}")
    for lang in ("en", "zh"):
        factor, speech = synthesis_factor(lang, args.lines)
        print(f"synthesis {lang}: {speech:.1f} s of speech, real-time factor {factor:.2f}")
    with tempfile.TemporaryDirectory() as folder:
        silent = render(Path(folder) / "silent", args.scene, args.lang, args.jobs, "none")
        first = render(Path(folder) / "voiced", args.scene, args.lang, args.jobs, "default")
        second = render(Path(folder) / "voiced", args.scene, args.lang, args.jobs, "default", "--force")
    for label, (seconds, duration) in (("silent", silent), ("voice, first", first), ("voice, second", second)):
        print(f"render {label:14s} {seconds:7.1f} s for {duration:6.1f} s of video ({seconds / duration:.2f}x)")
    print(f"voice/silent render time: first {first[0] / silent[0]:.2f}x, second {second[0] / silent[0]:.2f}x")


if __name__ == "__main__":
    main()
