"""Where a voice speaks and where it pauses, in 20 ms windows: a window is speech when its RMS is above silence,
−50 dBFS (every line is levelled to −16 LUFS, so that is 34 dB under the voice). The subtitle cues of a narrated
line are timed by its pauses (saddle.production.captions) and measured by the same windows (the voice tests and
benchmarks/cue_speech.py), so "a cue is speech for 80 % of its span" means one thing everywhere. Numpy only."""

from __future__ import annotations

from fractions import Fraction

import numpy as np

WINDOW = Fraction(1, 50)  # seconds
SILENCE_DB = -50.0
#: A quiet run shorter than this is a stop consonant or a word joined to the next, not a pause to split at.
SHORTEST_PAUSE = Fraction(3, 50)

Pause = tuple[Fraction, Fraction]  # (start, end) in seconds


def speaking(samples: np.ndarray, rate: int) -> np.ndarray:
    """For each whole 20 ms window of the samples, whether it is speech (RMS above −50 dBFS)."""
    window = round(WINDOW * rate)
    frames = samples[: samples.size // window * window].astype(np.float64).reshape(-1, window)
    return np.sqrt(np.mean(frames ** 2, axis=1)) > 10 ** (SILENCE_DB / 20)


def speech_share(samples: np.ndarray, rate: int, start: Fraction | float, end: Fraction | float) -> float:
    """The share of the 20 ms windows from start to end (seconds into the samples) that are speech; 0 for a span
    shorter than a window."""
    windows = speaking(samples[round(start * rate): round(end * rate)], rate)
    return float(np.mean(windows)) if windows.size else 0.0


def pauses(samples: np.ndarray, rate: int) -> list[Pause]:
    """The silent runs of a line between its words (not those at its ends), at least SHORTEST_PAUSE long."""
    speech = speaking(samples, rate)
    if not speech.any():
        return []
    edges = np.flatnonzero(np.diff(speech.astype(np.int8)))  # the last window before each change
    quiet = [(int(edges[index]) + 1, int(edges[index + 1]) + 1) for index in range(len(edges) - 1)
             if not speech[edges[index] + 1]]  # runs that start after speech and end before speech
    return [(first * WINDOW, last * WINDOW) for first, last in quiet if (last - first) * WINDOW >= SHORTEST_PAUSE]
