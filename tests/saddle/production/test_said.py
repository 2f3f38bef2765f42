"""Where a voiced line says each place between its pieces (saddle/production/said.py): its pauses are matched to
the places where its text breaks, whatever pace each phrase is said at, and a cue starting after a matched pause
starts where the pause ends (issue 23: within 0.25 s of its first word)."""

from __future__ import annotations

from fractions import Fraction
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from saddle.production.captions import tokens
from saddle.production.said import moment_of, places, speech_time

CLAUSES = ["the gradient is zero here,", "yet the loss keeps going down;", "a saddle point stops it.",
           "Newton steps go towards it,", "and noise pushes it away."]


def pieces(text: str) -> list[str]:
    return [token for _, token in tokens(text)]


def said_line(clauses: list[str], paces: list[Fraction], gaps: list[Fraction]):
    """A line of clauses, each said at its pace (0.07 s a letter times the pace), the gaps between them: its
    text, length, pauses and when each clause starts."""
    lengths = [Fraction(7, 100) * len(clause.replace(" ", "")) * pace for clause, pace in zip(clauses, paces)]
    starts, at, pauses = [], Fraction(0), []
    for index, length in enumerate(lengths):
        starts.append(at)
        at += length
        if index < len(gaps):
            pauses.append((at, at + gaps[index]))
            at += gaps[index]
    return " ".join(clauses), at, pauses, starts


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_every_clause_starts_where_its_pause_ends_at_any_pace(data):
    count = data.draw(st.integers(2, 5))
    paces = data.draw(st.lists(st.fractions(Fraction(4, 5), Fraction(5, 4)), min_size=count, max_size=count))
    gaps = data.draw(st.lists(st.fractions(Fraction(3, 25), Fraction(3, 5)), min_size=count - 1,
                              max_size=count - 1))
    text, seconds, pauses, starts = said_line(CLAUSES[:count], paces, gaps)
    found = places(pieces(text), seconds, pauses, "en")
    first_pieces = [0]
    for clause in CLAUSES[:count]:
        first_pieces.append(first_pieces[-1] + len(pieces(clause)))
    assert [found[index].start for index in first_pieces[:-1]] == starts
    assert all(found[index].paused for index in first_pieces[1:-1])
    assert found[0].start == 0 and found[-1].end == seconds
    assert all(a.start <= b.start for a, b in pairwise(found))  # in time order


def test_a_short_stop_inside_a_phrase_is_not_taken_for_the_break():
    """A 60 ms closure mid-phrase, close to where the words alone would put the comma, and the comma's 120 ms
    pause later: the comma gets its own pause."""
    text, seconds, pauses, starts = said_line(CLAUSES[:2], [Fraction(5, 4), Fraction(4, 5)], [Fraction(3, 25)])
    closure = (Fraction(1, 1), Fraction(106, 100))
    found = places(pieces(text), seconds, sorted([closure, *pauses]), "en")
    assert found[len(pieces(CLAUSES[0]))].start == starts[1]


@pytest.mark.parametrize("text, seconds, pauses, piece, start", [
    # measured on the lecture's English voice (20 ms windows, saddle.voice.speech): where the whole line's pace put
    # the split at the wrong pause, 1.0 to 1.5 s from the words' start (cue_onsets.py on main at 9f37c04)
    ("Draw 100 000 random matrices of each size and count. N = 1: half of them. N = 2: 14 684.", 11.05,
     [(1.04, 1.12), (4.18, 4.82), (5.92, 6.08), (6.78, 7.4), (8.42, 8.72)], "N", 7.4),
    ("The slide marks three dots on each branch; the truth is both whole branches of w₁w₂ = 1.", 7.99,
     [(1.08, 1.14), (2.62, 3.2), (3.78, 3.84), (7.0, 7.18)], "the", 3.2),
    ("Turn v once round. Where vᵀHv is positive (violet) the loss goes up; where it is negative (orange) it goes "
     "down.", 9.13, [(1.2, 1.74), (4.4, 4.58), (5.14, 5.22), (6.06, 6.12), (6.16, 6.56), (7.52, 7.6),
                     (8.18, 8.24)], "where", 6.56),
    # a 0.4 s pause between two words mid-phrase ("w₂ | and"), which the words' lengths put 0.5 s earlier (the cue
    # began before its first word, and was speech for 76 % of its span; 1080p render at ec8c8ad)
    ("With only two parameters we can try every w₁ and w₂ and draw the error surface (cut at L = 9).", 8.85,
     [(1.54, 1.78), (2.38, 2.46), (3.66, 3.72), (4.76, 4.86), (4.88, 5.18), (6.7, 7.14), (7.44, 7.5)], "and", 5.18),
    # a piece said with pauses of its own ("6/8/10/12" is said "6, 8, 10, 12"): they are not the places after it
    ("48 small networks, 16 pixels, one tanh layer of 6/8/10/12 units, 10 classes: 172 to 334 parameters, trained "
     "on 1797 images of scikit-learn's digits.", 17.85,
     [(1.58, 1.88), (3.02, 3.1), (3.12, 3.34), (4.84, 4.9), (5.1, 5.46), (5.82, 6.12), (6.62, 6.72), (7.52, 7.78),
      (8.66, 9.24), (11.32, 11.38), (12.64, 12.7), (12.86, 13.14), (17.6, 17.66)], "10", 7.78),
])
def test_measured_lines_split_where_their_words_start(text, seconds, pauses, piece, start):
    exact = [(Fraction(a).limit_denominator(50), Fraction(b).limit_denominator(50)) for a, b in pauses]
    split = pieces(text)
    index = max(number for number, token in enumerate(split) if token == piece)
    found = places(split, Fraction(seconds).limit_denominator(100), exact, "en")
    assert found[index].start == Fraction(start).limit_denominator(50)
    assert found[index].paused


@given(st.lists(st.tuples(st.integers(1, 100), st.integers(1, 40)), max_size=6), st.integers(0, 3000))
def test_moment_of_undoes_speech_time_outside_the_pauses(runs, hundredths):
    pauses, at = [], Fraction(0)
    for speech, quiet in runs:
        at += Fraction(speech, 100)
        pauses.append((at, at + Fraction(quiet, 100)))
        at += Fraction(quiet, 100)
    moment = Fraction(hundredths, 100)
    if not any(start < moment <= end for start, end in pauses):
        assert moment_of(speech_time(moment, pauses), pauses) == moment
