"""Speech and pauses in 20 ms windows (saddle/voice/speech.py), on synthetic lines whose tones and silences are
known exactly: the windows that are speech, the pauses between words (not those at the ends, not a dip shorter
than a pause), and the share of a span that is speech."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from saddle.voice.speech import SHORTEST_PAUSE, WINDOW, pauses, speaking, speech_share

RATE = 8_000
STEP = int(WINDOW * RATE)  # samples in a window


def line(runs: list[tuple[bool, int]], level: float = 0.3) -> np.ndarray:
    """Alternating tone and silence, each run a whole number of windows."""
    time = np.arange(sum(windows for _, windows in runs) * STEP) / RATE
    loud = np.concatenate([np.full(windows * STEP, tone) for tone, windows in runs])
    return (level * np.sin(2 * np.pi * 220 * time) * loud).astype(np.float32)


runs = st.lists(st.integers(1, 40), min_size=1, max_size=12).map(
    lambda lengths: [(index % 2 == 0, length) for index, length in enumerate(lengths)])  # tone first


@given(st.integers(0, 30), runs, st.integers(0, 30))
def test_pauses_are_the_silences_between_tones(lead, middle, tail):
    samples = line([(False, lead), *middle, (False, tail)])
    expected, at = [], lead
    for index, (tone, windows) in enumerate(middle):
        if not tone and index + 1 < len(middle) and windows * WINDOW >= SHORTEST_PAUSE:
            expected.append((at * WINDOW, (at + windows) * WINDOW))
        at += windows
    assert pauses(samples, RATE) == expected
    assert list(speaking(samples, RATE)) == [tone for tone, windows in [(False, lead), *middle, (False, tail)]
                                             for _ in range(windows)]


def test_quiet_is_below_minus_50_dbfs_and_silence_has_no_pauses():
    assert not speaking(line([(True, 5)], level=10 ** (-52 / 20) * np.sqrt(2)), RATE).any()  # RMS −52 dBFS
    assert speaking(line([(True, 5)], level=10 ** (-48 / 20) * np.sqrt(2)), RATE).all()  # RMS −48 dBFS
    assert pauses(np.zeros(RATE, np.float32), RATE) == []


@given(runs, st.integers(0, 60), st.integers(0, 60))
def test_speech_share_counts_the_windows_of_the_span(middle, first, count):
    samples = line(middle)
    tones = [tone for tone, windows in middle for _ in range(windows)]
    chosen = tones[first:first + count]
    share = speech_share(samples, RATE, first * WINDOW, (first + count) * WINDOW)
    assert share == (sum(chosen) / len(chosen) if chosen else 0.0)
    assert speech_share(samples, RATE, Fraction(0), Fraction(len(samples), RATE)) == sum(tones) / len(tones)
