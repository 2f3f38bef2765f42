"""When a voiced line says each place between its pieces of text, from nothing but its text and its pauses
(saddle.voice.speech): the pauses are matched, in order, to the places where the text breaks (after a full stop
or a comma first), so that the speech between two matched pauses is as long as the words between their places
take to say. A place the voice does not pause at lies between its two neighbouring matched pauses by the said
length of the words. Matching all pauses at once, each by the words since the last, keeps one misjudged
speaking rate from sending a split to the wrong pause (issue 23: a cue must start within 0.25 s of its first
word; one guessed from the whole line's rate started 1.46 s late). Dynamic programming over (pause, place),
numpy for the inner minimum."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import accumulate, pairwise

import numpy as np

from saddle.voice.speech import Pause

#: What a match costs, in seconds of speech (the unit of a timing mismatch, see _SHORTEST): a full stop or a
#: comma the voice says without a pause; a pause where the text does not break (matched to a place mid-phrase,
#: or to none: a stop consonant's closure, or a breath), plus per second of its length (long ones are breaks).
_NO_PAUSE = {"sentence": 1.5, "clause": 0.4, "": 0.0}
_MID_PHRASE = 0.15
_MID_PHRASE_PER_SECOND = 4.0
#: A pause left unmatched is a stop consonant's closure, which lasts at most about this long (seconds); matched to
#: a place between two words mid-phrase, it costs only up to this length: a long pause is between words (a voice
#: that pauses after "w₂ and" before "draw" is not inside a word), so it anchors the timing there (issue 23: a cue
#: put by the words' lengths 0.5 s before such a pause ended started before its first word).
_CLOSURE = 0.1
#: A phrase's pace differs from the line's by a share, not by seconds: a mismatch counts in seconds over the
#: square root of the phrase's length (seconds), as a random walk of its words' lengths would (not under this).
_SHORTEST = 0.25
BLIP = Fraction(1, 20)  # seconds of sound between two pauses that make them one
_SPOKEN_CLAUSE = re.compile(r"[,;:，；：、]\s*")  # where a piece's spoken form has a clause break inside it
#: A pause shorter than this is no gap between cues: the earlier cue goes on to the next one's start.
CHAINED = Fraction(3, 20)


@dataclass(frozen=True)
class Place:
    """A place between two pieces of a voiced line: when a cue that ends there ends and when one that starts
    there starts (seconds from the line's start), the seconds of speech before it, and whether the voice pauses
    there."""

    end: Fraction
    start: Fraction
    speech: Fraction
    paused: bool


def said_weights(token: str, lang: str) -> list[int]:
    """About how long each clause of a piece of text's spoken form (saddle.voice.spoken) takes to say, in Latin
    letters: a piece such as "6/8/10/12" is said "6, 8, 10, 12", with pauses of its own, which must not be taken for
    the pauses of the places after it. A letter 1, a Chinese character 3 (the voice takes 0.074 s and 0.22 s,
    measured on the lecture's lines), a letter said alone by its name 3 ("w" 6), a digit of a number by the words
    it is read as (a non-zero digit 5 letters, "six hundred", a zero 3; in Chinese 6 and 2); punctuation takes no
    time of its own (its pause is measured), each clause at least 1."""
    from saddle.voice.spoken import normalise  # only voiced lines need it, and it takes cn2an's 0.2 s to import

    weights = []
    for clause in _SPOKEN_CLAUSE.split(normalise(token, lang).strip(" ,;:，；：、")):
        weight = 0
        for word in re.findall(r"[^\W\d_]+|\d", clause):
            if word.isdigit():
                weight += (5 if lang == "en" else 6) if word != "0" else (3 if lang == "en" else 2)
            elif len(word) == 1 and word.isascii() and word not in "aAI":
                weight += 6 if word in "wW" else 3
            else:
                weight += sum(3 if unicodedata.east_asian_width(c) in "WF" else 1 for c in word)
        weights.append(max(1, weight))
    return weights


def speech_time(moment: Fraction, pauses: Sequence[Pause]) -> Fraction:
    """Seconds of the line before `moment` that are not in its pauses."""
    return moment - sum((min(end, moment) - start for start, end in pauses if start < moment), Fraction(0))


def moment_of(speech: Fraction, pauses: Sequence[Pause]) -> Fraction:
    """When the line has spoken for `speech` seconds (the inverse of speech_time, before any pause it ends at)."""
    moment = speech
    for start, end in pauses:
        if speech_time(start, pauses) >= speech:
            break
        moment += end - start  # (compared with the speech time itself: adding to it was a bug, issue 23)
    return moment


def within(pauses: Sequence[Pause], seconds: Fraction) -> list[Pause]:
    """The pauses of a line that lasts `seconds` (its cue may be cut short by the next one or the clip's end)."""
    return [(start, min(end, seconds)) for start, end in pauses if start < seconds]


def _joined(pauses: Sequence[Pause]) -> list[Pause]:
    """The pauses with a blip of sound shorter than BLIP between two of them taken as one pause."""
    joined: list[Pause] = []
    for start, end in pauses:
        if joined and start - joined[-1][1] < BLIP:
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


def _match(weights: list[int], breaks: list[str], speech: list[float], lengths: list[float],
           total: float) -> list[int | None]:
    """For each pause (speech before it, its length), the place it is matched to (an index into the places
    1..n-1 between n pieces with these said weights; `breaks` names each place's kind) or None."""
    cumulative = np.array(list(accumulate(weights, initial=0)), dtype=float)
    places, pauses = len(weights) + 1, len(speech)
    rate = total / cumulative[-1]
    no_pause = np.array([0.0, *(_NO_PAUSE[kind] for kind in breaks), 0.0])
    missed = np.concatenate([[0.0], np.cumsum(no_pause)])  # missed[k] = cost of the unmatched places before k
    unmatched = [_MID_PHRASE + _MID_PHRASE_PER_SECOND * length for length in lengths]
    mid_phrase = [_MID_PHRASE + _MID_PHRASE_PER_SECOND * min(length, _CLOSURE) for length in lengths]
    here = np.array([np.inf, *(0.0 if kind else 1.0 for kind in breaks), np.inf])  # 1: mid-phrase
    skipped = np.concatenate([[0.0], np.cumsum(unmatched)])  # skipped[i]: the pauses before i left unmatched
    at = [0.0, *speech]
    # best[i][k]: the least cost of the line up to pause i matched to place k (i = 0: the line's start, place 0)
    best = np.full((pauses + 1, places), np.inf)
    best[0, 0] = 0.0
    came: dict[tuple[int, int], tuple[int, int]] = {}
    earlier = np.tril(np.ones((places, places), dtype=bool), -1)  # [k, k']: k' < k

    def step(before: int, after_speech: float, targets: np.ndarray) -> np.ndarray:
        """[target, k']: the pause after `before` (at place k') matched at place `target`, or the line's end:
        the least cost so far, the timing mismatch of the words between, the breaks between said unpaused."""
        spoken, expected = after_speech - at[before], rate * (cumulative[targets][:, None] - cumulative[None, :])
        timing = np.abs(spoken - expected) / np.sqrt(np.maximum(np.maximum(spoken, expected), _SHORTEST))
        between = missed[targets][:, None] - missed[None, :places] - no_pause[None, :]
        return best[before][None, :] + timing + between

    every = np.arange(places)
    for pause in range(1, pauses + 1):
        for before in range(pause):
            costs = np.where(earlier, step(before, at[pause], every), np.inf) + (skipped[pause - 1] - skipped[before])
            chosen = np.argmin(costs, axis=1)
            found = costs[every, chosen] + here * mid_phrase[pause - 1]
            better = found < best[pause]
            best[pause] = np.where(better, found, best[pause])
            came.update({(pause, int(k)): (before, int(chosen[k])) for k in np.flatnonzero(better)})
    end = np.array([places - 1])
    last = min(((float(cost), before, k) for before in range(pauses + 1)
                for k, cost in enumerate(step(before, total, end)[0] + (skipped[pauses] - skipped[before]))
                if np.isfinite(cost)), default=None)
    matched: list[int | None] = [None] * pauses
    assert last is not None, "the line's start is always a way"
    state = (last[1], last[2])
    while state[0]:
        matched[state[0] - 1] = state[1]
        state = came[state]
    return matched


def places(pieces: Sequence[str], seconds: Fraction, pauses: Sequence[Pause], lang: str) -> list[Place]:
    """Each place of a voiced line said in `seconds` with these pauses, from before its first piece (0) to after
    its last (len(pieces)): matched pauses where the voice pauses at a break, the rest between them by weight."""
    from saddle.production.captions import break_kind

    pauses = _joined(within(pauses, seconds))
    total = speech_time(seconds, pauses)
    # matched over the clauses of the pieces' spoken forms; the places between pieces are some of their places
    clauses = [said_weights(piece, lang) for piece in pieces]
    weights = [weight for piece in clauses for weight in piece]
    breaks = []
    for index, piece in enumerate(clauses):
        breaks += ["clause"] * (len(piece) - 1)
        if index + 1 < len(pieces):
            breaks.append(break_kind(pieces[index], pieces[index + 1]))
    outer = list(accumulate((len(piece) for piece in clauses), initial=0))  # piece places among clause places
    starts = [speech_time(start, pauses) for start, _ in pauses]
    matched = _match(weights, breaks, [float(s) for s in starts], [float(end - start) for start, end in pauses],
                     float(total)) if pauses and total > 0 else []
    at_place = {place: index for index, place in enumerate(matched) if place is not None}
    cumulative = list(accumulate(weights, initial=0))
    anchors = [(0, Fraction(0)), *((place, starts[index]) for place, index in sorted(at_place.items())),
               (len(weights), total)]
    found = []
    for place in outer:
        if place in at_place:
            start, end = pauses[at_place[place]]
            found.append(Place(end if end - start < CHAINED else start, end, starts[at_place[place]], True))
            continue
        (low, low_speech), (high, high_speech) = next(pair for pair in pairwise(anchors)
                                                      if pair[0][0] <= place <= pair[1][0])
        share = Fraction(cumulative[place] - cumulative[low], max(1, cumulative[high] - cumulative[low]))
        spoken = low_speech + (high_speech - low_speech) * share
        moment = seconds if place == len(weights) else moment_of(spoken, pauses)
        found.append(Place(moment, moment, spoken, False))
    return found
