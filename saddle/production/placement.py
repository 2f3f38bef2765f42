"""Room for the words (issue 15): each cue goes where nothing is drawn while it shows. The scenes are not changed;
the clip itself is measured. For every cue, a few frames spread over its span are compared with the frame's
background, band by band, under the cue's box only (centred, as wide as its longest line), and the cue takes the
bottom band when it stays free, else the first free band in order of preference, else the emptiest. One decoding
pass per clip; a cue's band is the worst it gets over its frames, so content that passes through the band counts."""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

from saddle.production.media import ink_map
from saddle.production.subtitles import Cue

CUE_FONT = 5  # percent of the frame's height: Chromium's cue font size for a landscape video (5vmin)
CAPTION_HEIGHT = 15  # percent of the frame's height: two lines of cues as Chromium draws them (1.3 em a line)
#: The top edge of each candidate band, in percent of the height, in order of preference: the bottom (where a cue
#: with no setting goes), the top, just below a scene's title, then from the bottom up.
BANDS = (100 - CAPTION_HEIGHT, 0, 12, 70, 56, 28, 42)
FREE = 0.002  # a band with at most this share of non-background pixels has nothing in it
SAMPLES = 6  # frames measured in each cue, spread evenly over its span


def cue_columns(text: str, aspect: float) -> tuple[float, float]:
    """The part of the width (fractions) a centred cue box covers in a frame `aspect` times as wide as high: its
    longest line at 0.6 em a Latin letter, 1 em a full-width character (generous for Chromium's sans fonts, which
    average about 0.55 em), plus an em for the box's padding."""
    ems = 1 + max(sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.6 for c in line)
                  for line in text.split("\n"))
    share = min(1.0, ems * CUE_FONT / 100 / aspect)
    return (1 - share) / 2, (1 + share) / 2


def band_shares(drawn: np.ndarray, columns: tuple[float, float]) -> np.ndarray:
    """How much is drawn in each candidate band between the `columns` (fractions of the width), from an ink_map."""
    rows, width = drawn.shape
    left = round(width * columns[0])
    right = max(round(width * columns[1]), left + 1)
    return np.array([drawn[round(rows * top / 100):round(rows * (top + CAPTION_HEIGHT) / 100), left:right].mean()
                     for top in BANDS])


def choose_band(shares: np.ndarray) -> int | None:
    """The line setting for a cue whose bands hold `shares` (worst over its frames): None for the bottom."""
    free = [index for index, share in enumerate(shares) if share <= FREE]
    index = free[0] if free else int(np.argmin(shares))
    return None if index == 0 else BANDS[index]


def moments(cues: list[Cue], samples: int = SAMPLES) -> list[tuple[Fraction, int]]:
    """(time, cue) pairs in time order: the middles of `samples` equal parts of each cue."""
    return sorted((cue.start + (cue.end - cue.start) * Fraction(2 * k + 1, 2 * samples), index)
                  for index, cue in enumerate(cues) for k in range(samples))


def measure(frames, cues: list[Cue], samples: int = SAMPLES) -> np.ndarray:
    """The worst share drawn in each band under each cue over its sampled frames (cues × bands). `frames` yields
    (time, frame) in time order; a moment is measured on the first frame at or after it."""
    worst = np.zeros((len(cues), len(BANDS)))
    pending = moments(cues, samples)
    for time, frame in frames:
        if not pending:
            break  # the clip's tail after the last cue is not decoded
        if time < pending[0][0]:
            continue
        drawn = ink_map(frame)
        while pending and pending[0][0] <= time:
            index = pending.pop(0)[1]
            columns = cue_columns(cues[index].text, frame.width / frame.height)
            worst[index] = np.maximum(worst[index], band_shares(drawn, columns))
    return worst


def _decoded(clip: Path):
    with av.open(str(clip)) as container:
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        for frame in container.decode(stream):
            if frame.time is not None:
                yield Fraction(frame.time), frame


def place_cues(clip: Path, cues: list[Cue]) -> list[Cue]:
    """The cues with the band each should take in this clip."""
    if not cues:
        return cues
    worst = measure(_decoded(clip), cues)
    return [replace(cue, line=choose_band(shares)) for cue, shares in zip(cues, worst, strict=True)]
