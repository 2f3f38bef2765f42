"""How much of each subtitle cue is speech (issue 13 asks ≥ 80 % for every cue), in a voiced output folder:

- published: each clip's cues (<Scene>.srt) against its own sound (decoded from <Scene>.mp4);
- by characters / by voice: the same clips' narrated lines as they were placed (.state/<Scene>.voice.json and the
  narration manifest) fitted again, in the same run, the old way (each cue's time shared by characters) and the
  way `saddle render` does now (split times at the pauses of the line's audio), against the track mixed from them.

The measure is saddle.voice.speech.speech_share: 20 ms windows with RMS above −50 dBFS over the cue's span.

    PYTHONPATH=$PWD .venv/bin/python benchmarks/cue_speech.py renders/en-dark/480p15 [--scene NAME ...]
"""

from __future__ import annotations

import argparse
import json
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

from saddle.production.audio import RATE, line_pauses, mix
from saddle.production.captions import fit_cues, problems
from saddle.production.media import probe
from saddle.production.subtitles import Cue, read_srt
from saddle.voice.speech import speech_share

LEAST = 0.8


def said_cues(state: Path, scene: str) -> tuple[list[Cue], list[tuple[float, str]], Path]:
    """The clip's narrated lines as manim placed them (a cue per line, spanning its audio), where each line's
    audio was placed, and the narration manifest."""
    manifest = state / f"{scene}.narration.json"
    lines = json.loads(manifest.read_text(encoding="utf-8"))["lines"]
    found = {spoken["audio"]: (text, spoken["seconds"])
             for by_text in lines.values() for text, spoken in by_text.items()}
    placed = [(start, wav) for start, wav in json.loads((state / f"{scene}.voice.json").read_text())]
    cues = []
    for start, wav in placed:
        text, seconds = found[wav]
        begin = Fraction(round(start * 1000), 1000)
        cues.append(Cue(begin, begin + Fraction(seconds).limit_denominator(48_000), text))
    return cues, placed, manifest


def decoded(video: Path) -> np.ndarray:
    with av.open(str(video)) as container:
        return np.concatenate([frame.to_ndarray().ravel() for frame in container.decode(container.streams.audio[0])])


def shares(cues: list[Cue], track: np.ndarray) -> list[float]:
    return [speech_share(track, RATE, cue.start, cue.end) for cue in cues]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="an output folder: renders/<lang>-<theme>/<quality>")
    parser.add_argument("--scene", action="append", default=[], help="only these clips (default: every voiced one)")
    args = parser.parse_args()
    lang = args.folder.parent.name.split("-")[0]
    state = args.folder / ".state"
    scenes = args.scene or sorted(path.name.removesuffix(".voice.json") for path in state.glob("*.voice.json"))
    totals = dict.fromkeys(("lines", "published", "by characters", "by voice"), 0)
    under = dict.fromkeys(("published", "by characters", "by voice"), 0)
    print(f"{'clip':24s} {'lines':>5s}  cues under {LEAST:.0%} speech / cues: published, by characters, by voice")
    for scene in scenes:
        video = args.folder / f"{scene}.mp4"
        said, placed, manifest = said_cues(state, scene)
        duration = probe(video).duration
        track = mix(placed, duration)
        fitted = {"published": (read_srt(video.with_suffix(".srt")), decoded(video)),
                  "by characters": (fit_cues(said, lang, duration), track),
                  "by voice": (fit_cues(said, lang, duration, line_pauses(said, manifest)), track)}
        row = []
        for name, (cues, audio) in fitted.items():
            values = shares(cues, audio)
            low = sum(value < LEAST for value in values)
            totals[name] += len(cues)
            under[name] += low
            row.append(f"{low:3d}/{len(cues):3d} (least {min(values, default=1):.2f})")
            if problems(cues, lang):
                row[-1] += " RULES BROKEN"
        totals["lines"] += len(said)
        print(f"{scene:24s} {len(said):5d}  " + "  ".join(row))
    print(f"{'all':24s} {totals['lines']:5d}  "
          + "  ".join(f"{under[name]:3d}/{totals[name]:3d}" + " " * 14 for name in under))


if __name__ == "__main__":
    main()
