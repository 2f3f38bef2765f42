"""Cues fitted to broadcast rules (saddle/production/captions.py): whatever the narration, no word is lost or
reordered, every cue keeps the limits, and the cues stay in time order without overlapping, each lasting its
share of the narrated line by characters."""

from __future__ import annotations

import re
from fractions import Fraction
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from saddle.production.captions import RULES, fit_cues, problems, split_text, tokens, width
from saddle.production.subtitles import Cue

FRAME = Fraction(1, 15)
english_word = st.one_of(
    st.sampled_from(["the", "a", "and", "of", "gradient", "saddle", "Hessian", "eigenvalue", "λ₁", "x = 1", "—"]),
    st.text("abcdefghijklmnopqrstuvwxyzABC0123456789₁′", min_size=1, max_size=14),
)
english_text = st.lists(st.tuples(english_word, st.sampled_from(["", "", "", ",", ".", ":", ";", "?"])),
                        min_size=1, max_size=60).map(lambda words: " ".join(w + p for w, p in words))
chinese_piece = st.one_of(st.text("梯度为零的时候就停下来了鞍点损失函数", min_size=1, max_size=6),
                          st.sampled_from(["，", "。", "：", "（", "）", "、", " gradient ", " local minima ", " 10 ",
                                           "θ′", " λ = −2 "]))
#: as written: closing punctuation right after a character, never after a space or at the start
chinese_text = st.lists(chinese_piece, min_size=1, max_size=50).map(
    lambda pieces: re.sub(r"\s+(?=[，。：）、])", "", "".join(pieces)).lstrip("，。：）、 ")).filter(str.strip)


def printed(text: str) -> str:
    """Everything but the spaces, in order: what a split may never lose, add or reorder."""
    return "".join(text.split())


def narrated(texts: list[str], gaps: list[int], lang: str, overlap: bool) -> list[Cue]:
    """Cues as manim writes them: one per narrated line, lasting at least its reading time (at the catalogue's
    15 or 5 characters a second), whole frames, the next starting one frame early when `overlap`."""
    cues, start = [], Fraction(1)
    per_second = {"en": 15, "zh": 5}[lang]
    for text, gap in zip(texts, gaps):
        seconds = max(Fraction(3, 2), Fraction(len(text), per_second)) + gap * FRAME
        seconds = Fraction(-(-seconds // FRAME)) * FRAME  # up to a whole frame
        cues.append(Cue(start, start + seconds, text))
        start += seconds - (FRAME if overlap else 0)
    return cues


@settings(max_examples=150, deadline=None)
@given(english_text, st.integers(15, 3000).map(lambda frames: frames * FRAME))
def test_english_split_keeps_every_word_and_the_limits(text, seconds):
    cues = split_text(text, seconds, "en")
    assert " ".join(line for cue in cues for line in cue).split() == text.split()
    assert all(1 <= len(cue) <= 2 for cue in cues)
    if all(len(token) <= 42 for _, token in tokens(text)):
        assert all(len(line) <= 42 for cue in cues for line in cue)


@settings(max_examples=150, deadline=None)
@given(chinese_text, st.integers(15, 3000).map(lambda frames: frames * FRAME))
def test_chinese_split_keeps_every_character_and_the_limits(text, seconds):
    cues = split_text(text, seconds, "zh")
    assert printed("".join(line for cue in cues for line in cue)) == printed(text)
    assert all(1 <= len(cue) <= 2 for cue in cues)
    assert all(width(line, "zh") <= 16 for cue in cues for line in cue)
    assert all(not line.startswith(tuple("，。、：）")) for cue in cues for line in cue)  # punctuation stays put


@settings(max_examples=100, deadline=None)
@given(st.data(), st.sampled_from(["en", "zh"]), st.booleans())
def test_fitted_cues_keep_time_order_limits_and_shares(data, lang, overlap):
    texts = data.draw(st.lists(english_text if lang == "en" else chinese_text, min_size=1, max_size=6))
    gaps = data.draw(st.lists(st.integers(0, 120), min_size=len(texts), max_size=len(texts)))
    source = narrated(texts, gaps, lang, overlap)
    duration = source[-1].end - (FRAME if overlap else 0)  # the clip may end a frame before the last cue
    fitted = fit_cues(source, lang, duration)
    assert printed("".join(cue.text for cue in fitted)) == printed("".join(texts))
    assert problems(fitted, lang) == []
    assert all(later.start >= earlier.end for earlier, later in pairwise(fitted))
    assert fitted[-1].end <= duration
    # the pieces of each narrated line come in order, lie inside it and last its share by characters
    remaining = list(fitted)
    for cue in source:
        shown = min([cue.end, duration, *(c.start for c in source if c.start > cue.start)]) - cue.start
        pieces = []
        while len(printed("".join(piece.text for piece in pieces))) < len(printed(cue.text)):
            pieces.append(remaining.pop(0))
        assert printed("".join(piece.text for piece in pieces)) == printed(cue.text)
        for piece in pieces:
            assert cue.start - Fraction(1, 1000) < piece.start and piece.end <= cue.start + shown
            share = shown * len(piece.text) / sum(len(other.text) for other in pieces)
            assert abs((piece.end - piece.start) - min(share, RULES[lang].longest)) <= Fraction(1, 500)


def test_a_long_line_splits_after_its_sentences_and_commas():
    text = ("When the gradient is zero, gradient descent cannot update the parameters any more. "
            "Training stops. It might be a local minimum, or it might be a saddle point.")
    assert split_text(text, Fraction(10), "en") == [
        ["When the gradient is zero,"], ["gradient descent cannot update", "the parameters any more. Training stops."],
        ["It might be a local minimum,", "or it might be a saddle point."]]


def test_a_short_line_is_one_line_and_a_long_pause_is_cut_to_seven_seconds():
    assert fit_cues([Cue(Fraction(0), Fraction(12), "Watch.")], "en") == [Cue(Fraction(0), Fraction(7), "Watch.")]


def test_problems_name_every_broken_rule():
    cues = [Cue(Fraction(0), Fraction(8), "x" * 43), Cue(Fraction(7), Fraction(8), "a\nb\nc"),
            Cue(Fraction(9), Fraction(9, 1) + Fraction(1, 10), "far too many characters for a tenth")]
    assert [problem.split(": ", 1)[1] for problem in problems(cues, "en")] == [
        f"line too long: {'x' * 43!r}", "lasts 8.000 s", "overlaps the next cue", "3 lines",
        "350.0 characters a second"]
