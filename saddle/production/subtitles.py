"""Subtitles and chapters: SubRip (what manim's add_subcaption writes) and WebVTT (what browsers read).

Times are exact fractions of a second, so the lecture's subtitles are each scene's cues shifted by exactly the
same offsets as its video. A cue carries no position: every player puts it at the bottom, and the scenes keep that
band free (scenes/kit/safe_area.py), so SubRip, WebVTT and the mp4's soft track all show it in the same place."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import timedelta
from fractions import Fraction
from pathlib import Path

import srt


@dataclass(frozen=True)
class Cue:
    start: Fraction  # seconds
    end: Fraction
    text: str

    def shifted(self, offset: Fraction) -> Cue:
        return replace(self, start=self.start + offset, end=self.end + offset)


_TIMING = re.compile(r"(\d+):(\d\d):(\d\d)\.(\d{3}) --> (\d+):(\d\d):(\d\d)\.(\d{3})(.*)")


def _seconds(delta: timedelta) -> Fraction:
    return Fraction(delta.days * 86400 + delta.seconds) + Fraction(delta.microseconds, 1_000_000)


def read_srt(path: Path) -> list[Cue]:
    """The cues of a SubRip file, or none when the scene said nothing (manim writes no file then)."""
    if not path.exists():
        return []
    return [Cue(_seconds(s.start), _seconds(s.end), s.content) for s in srt.parse(path.read_text(encoding="utf-8"))]


def to_srt(cues: list[Cue]) -> str:
    subtitles = [srt.Subtitle(index, timedelta(seconds=float(cue.start)), timedelta(seconds=float(cue.end)), cue.text)
                 for index, cue in enumerate(cues, 1)]
    return srt.compose(subtitles, reindex=False)


def _vtt_time(seconds: Fraction) -> str:
    millis = round(seconds * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    return f"{hours:02d}:{minutes:02d}:{millis // 1000:02d}.{millis % 1000:03d}"


def to_vtt(cues: list[Cue]) -> str:
    blocks = ["WEBVTT\n"]
    for index, cue in enumerate(cues, 1):
        text = cue.text.replace("-->", "→")  # the one sequence a cue's text may not contain
        blocks.append(f"{index}\n{_vtt_time(cue.start)} --> {_vtt_time(cue.end)}\n{text}\n")
    return "\n".join(blocks)


def read_vtt(path: Path) -> list[Cue]:
    """The cues of a WebVTT file as to_vtt writes them (cue settings are ignored); none when there is no file."""
    if not path.exists():
        return []
    cues = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = block.strip("\n").split("\n")
        timing = next((index for index, line in enumerate(lines) if "-->" in line), None)
        if timing is None or not (match := _TIMING.fullmatch(lines[timing].strip())):
            continue
        hours, minutes, seconds, millis, *end = (int(group) for group in match.groups()[:8])
        cues.append(Cue(hours * 3600 + minutes * 60 + seconds + Fraction(millis, 1000),
                        end[0] * 3600 + end[1] * 60 + end[2] + Fraction(end[3], 1000), "\n".join(lines[timing + 1:])))
    return cues


def concatenate(tracks: list[list[Cue]], durations: list[Fraction]) -> list[Cue]:
    """One track for clips played one after another: each clip's cues move by the clips before it."""
    cues: list[Cue] = []
    offset = Fraction(0)
    for track, duration in zip(tracks, durations, strict=True):
        cues.extend(cue.shifted(offset) for cue in track)
        offset += duration
    return cues


def chapters(titles: list[str], durations: list[Fraction]) -> list[Cue]:
    """One chapter cue per clip, from where it starts to where the next one starts."""
    return concatenate([[Cue(Fraction(0), duration, title)] for title, duration in zip(titles, durations, strict=True)],
                       durations)
