"""Cues the way broadcast and streaming guidelines ask for them (Netflix's timed-text style guides, EBU-TT-D
practice): at most two lines of at most 42 characters (Chinese: as wide as 16 full-width characters, a Latin
letter, digit or space counting half, as CJK subtitle guides count them), at most 7 seconds a cue, never
overlapping, never faster than a reading speed a viewer can follow. Lines and cues break where the sentence
does: after a full stop, else after a comma or before a connective, never after an article.

manim writes one cue per narrated line, however long; `fit_cues` splits such a line into cues at phrase
boundaries and breaks each into at most two balanced lines. When the line's voice is known, each cue shows while
its words are said: cues change where the voice pauses (saddle.voice.speech), each long enough to read while its
words are said, and the split times go to the pauses nearest to where its words should fall; a silent line shares
its time among its cues by characters."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from itertools import accumulate, pairwise

from saddle.production.said import Place, places
from saddle.production.subtitles import Cue
from saddle.voice.speech import Pause


@dataclass(frozen=True)
class CueRules:
    line_width: float  # characters; for Chinese full-width characters, a Latin letter, digit or space counting half
    lines: int
    longest: Fraction  # seconds
    shortest: Fraction  # a split-off cue shorter than this flashes by; avoided when possible, not forbidden
    characters_per_second: int  # the reading-speed ceiling


RULES = {"en": CueRules(42, 2, Fraction(7), Fraction(1), 20),
         "zh": CueRules(16, 2, Fraction(7), Fraction(1), 9)}

_SENTENCE_END = re.compile(r"[.!?。！？…][\"'”’)）」》]*$")
_CLAUSE_END = re.compile(r"[,;:，；：、—–)）」》]$")
_CJK = r"\u2e80-\u2fff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CLOSING = "，。、；：！？）》」』”’"
_OPENING = "（《「『“‘"
#: A token: a CJK character, or a run of anything else without spaces; punctuation sticks to its word.
_TOKEN = re.compile(rf"[{_OPENING}]*(?:[{_CJK}]|[^\s{_CJK}{_OPENING}{_CLOSING}]+)?[{_CLOSING}]*")
_CONNECTIVES = frozenset((
    "and", "but", "or", "nor", "so", "because", "which", "that", "who", "whose", "where", "when", "while", "if",
    "then", "than", "though", "although", "unless", "until", "since", "as", "to", "of", "in", "on", "at", "for",
    "with", "from", "by", "into", "onto", "over", "under", "along", "through", "about", "between", "without"))
_OPERATORS = frozenset(("=", "≈", "+", "−", "-", "×", "·", "/", "<", ">", "≤", "≥", "→", "∈"))  # formulas hold
_ARTICLES = frozenset(("a", "an", "the", "its", "their", "our", "your", "this", "these", "those", "my"))
_BINDING = frozenset(("is", "are", "was", "were", "be", "been", "can", "cannot", "may", "must", "will", "would",
                      "should", "not", "no", "very"))
#: The lecture's two-word terms: a line or cue that ends inside one splits a name ("a local | minimum").
_TERMS = frozenset(tuple(term.split()) for term in (
    "local minimum", "local minima", "local maximum", "local maxima", "saddle point", "saddle points",
    "critical point", "critical points", "critical set", "gradient descent", "gradient norm", "minimum ratio",
    "negative eigenvalue", "negative eigenvalues", "positive eigenvalues", "zero eigenvalue", "zero eigenvalues",
    "escape direction", "flat direction", "training set", "loss landscape", "second derivatives"))
_ZH_AFTER = tuple("的了地得是在和与或")  # a Chinese line may end after these particles
_ZH_BEFORE = ("但", "而", "所以", "因为", "如果", "就", "也", "还", "并", "或者", "然后", "因此", "这")
_ZH_MEASURE = tuple("个张层次步条种位倍维")  # a measure word stays with the number before it

_PER_CUE = 3  # every extra cue costs this much: one cue is better than two unless two read better
_TOO_LONG = 6  # a piece longer than the longest cue is clipped; splitting at a clause is preferred
_TOO_SHORT = 20
_TOO_QUIET = 6  # a cue that holds a long pause of its voice shows mostly silence; splitting there is preferred
_QUIET = Fraction(1, 6)  # share of a cue's time
_TOO_FAST = 6  # a cue said faster than one reads must show longer than its words: mostly silence, or early
_SPOKEN = Fraction(4, 5)  # the share of a cue's time its words must fill (issue 13)
_UNPAUSED = 2.0  # a cue that changes where the voice goes on (a long sentence must change somewhere)


def width(text: str, lang: str) -> float:
    """How wide a line is: characters, or for Chinese full-width characters with Latin letters counting half."""
    if lang != "zh":
        return len(text)
    return sum(1 if unicodedata.east_asian_width(c) in "WFA" else 0.5 for c in text)


def break_kind(before: str, after: str) -> str:
    """The break between two pieces of text, as a voice says it: "sentence", "clause" (after a comma or a colon,
    before a bracket or a dash) or "" (none)."""
    if _SENTENCE_END.search(before):
        return "sentence"
    return "clause" if _CLAUSE_END.search(before) or after[:1] in "(（《「“—–" else ""


def tokens(text: str) -> list[tuple[str, str]]:
    """The unbreakable pieces of a text, each with the separator before it (a space or nothing)."""
    pieces, position = [], 0
    for match in _TOKEN.finditer(text):
        if not match.group():
            continue
        pieces.append((" " if match.start() > position else "", match.group()))
        position = match.end()
    return pieces


def join(pieces: list[tuple[str, str]]) -> str:
    return "".join(separator + token for separator, token in pieces).strip()


def break_cost(pieces: list[tuple[str, str]], index: int, lang: str) -> int:
    """How bad it is to end a line or a cue just before pieces[index] (0: after a sentence)."""
    before, after = pieces[index - 1][1], pieces[index][1]
    if _SENTENCE_END.search(before):
        return 0
    if before in _OPERATORS or after in _OPERATORS:
        return 8
    if _CLAUSE_END.search(before) or after in ("—", "–"):
        return 1
    if lang == "zh":
        if after.startswith(_ZH_MEASURE):
            return 8
        return 2 if before.endswith(_ZH_AFTER) or after.startswith(_ZH_BEFORE) else 4
    word, previous = after.lower().strip("\"'(“‘"), before.lower().strip("\"'(“‘")
    if previous in _ARTICLES or previous in _CONNECTIVES or (previous, word.rstrip(".,;:!?")) in _TERMS:
        return 8
    if previous in _BINDING:
        return 6
    return 2 if word in _CONNECTIVES else 4


def _cue_break_cost(line_cost: int) -> float:
    """How bad it is to end a cue where ending a line costs `line_cost`: more, and the more so the worse the
    place (a cue that ends mid-phrase leaves the reader with half a thought; one that ends at a comma does not)."""
    return line_cost + line_cost ** 2 / 2


def _fits(text: str, lang: str) -> bool:
    return width(text, lang) <= RULES[lang].line_width


def lines_of(pieces: list[tuple[str, str]], lang: str) -> tuple[float, list[str]] | None:
    """The best way to show the pieces in at most two lines (cost, lines), or None when they do not fit."""
    whole = join(pieces)
    if _fits(whole, lang):
        return 0.0, [whole]
    best: tuple[float, list[str]] | None = None
    for index in range(1, len(pieces)):
        top, bottom = join(pieces[:index]), join(pieces[index:])
        if _fits(top, lang) and _fits(bottom, lang):
            cost = break_cost(pieces, index, lang) + abs(width(top, lang) - width(bottom, lang)) / 16
            if best is None or cost < best[0]:
                best = (cost, [top, bottom])
    return best


def _characters(text: str, lang: str) -> Fraction:
    """Characters as reading speed counts them: spaces and punctuation too, a line break as a space; in Chinese as
    the line width counts them, a Latin letter, digit or space half a full-width character ("saddle point" reads
    as one term, not as twelve characters). At least one."""
    return max(Fraction(1), Fraction(width(text, lang)))  # exact: widths are whole or halves


def split_text(text: str, seconds: Fraction, lang: str,
               pauses: Sequence[Pause] | None = None) -> list[list[str]]:
    """A narrated line as cues of at most two lines, split where the sentence allows (dynamic programming over
    the places between pieces). A silent line's cue will last its share of `seconds` by characters. A voiced
    line's cue lasts while its words are said (`_Said`): cues that change where the voice pauses, each long
    enough to read while it is spoken and not mostly silence, are preferred."""
    pieces = tokens(" ".join(text.split()))
    if not pieces:
        return []
    rules, total = RULES[lang], _characters(text, lang)
    said = _Said(pieces, seconds, pauses, lang) if pauses is not None else None
    speed = _reading_speed(total, seconds, lang)

    def timing_cost(start: int, end: int, size: Fraction) -> float:
        """What the cue of pieces[start:end] costs for its time: too long, too short, too quiet, too fast."""
        if said is None:
            share = seconds * size / total
            return _TOO_LONG * (share > rules.longest) + _TOO_SHORT * (share < rules.shortest)
        span, speech = said.edges[end][0] - said.edges[start][1], said.speech[end] - said.speech[start]
        cost = _TOO_LONG * (span > rules.longest) + _TOO_SHORT * (span < rules.shortest)
        cost += _TOO_QUIET * (span - speech > _QUIET * span) + _TOO_FAST * (size / speed > speech / _SPOKEN)
        return cost + (said.off[start] if start else 0.0)

    @cache
    def best(end: int) -> tuple[float, tuple[tuple[str, ...], ...]] | None:
        """The cheapest way to show pieces[:end] (cost, cues)."""
        if end == 0:
            return 0.0, ()
        options = []
        for start in range(end - 1, -1, -1):
            layout = lines_of(pieces[start:end], lang)
            if layout is None:
                if width(join(pieces[start:end]), lang) > 2 * rules.line_width + 1:
                    break  # longer starts fit even less
                continue
            before = best(start)
            if before is None:
                continue
            cost = before[0] + layout[0] + _PER_CUE + (_cue_break_cost(break_cost(pieces, start, lang)) if start else 0)
            cost += timing_cost(start, end, _characters("\n".join(layout[1]), lang))
            options.append((cost, (*before[1], tuple(layout[1]))))
        return min(options, key=lambda option: option[0], default=None)

    found = best(len(pieces))
    if found is None:  # a single piece wider than a line: it gets a line of its own
        return [[token] for _, token in pieces]
    return [list(cue) for cue in found[1]]


class _Said:
    """Where a voiced line says its pieces (saddle.production.said), as `_voiced` will place its cues. For each
    place between pieces: `edges` (when a cue ending there ends, when one starting there starts), `speech`
    (seconds of speech before it) and `off` (what a split there costs: _UNPAUSED where the voice does not pause)."""

    def __init__(self, pieces: list[tuple[str, str]], seconds: Fraction, pauses: Sequence[Pause], lang: str):
        found = places([token for _, token in pieces], seconds, pauses, lang)
        self.edges = [(place.end, place.start) for place in found]
        self.speech = [place.speech for place in found]
        self.off = [0.0 if place.paused or index in (0, len(found) - 1) else _UNPAUSED
                    for index, place in enumerate(found)]


def _reading_speed(size: Fraction, seconds: Fraction, lang: str) -> Fraction:
    """Characters a second a cue may ask for: the reading-speed ceiling, or for a line said faster than anyone
    reads (Chinese often is; no cue can keep the ceiling then) a quarter faster than the line itself."""
    ceiling = Fraction(RULES[lang].characters_per_second)
    return ceiling if size <= ceiling * seconds else Fraction(5, 4) * size / seconds


def _millisecond(seconds: Fraction) -> Fraction:
    """Down to a whole millisecond, what SubRip and WebVTT can say: never later than the time it stands for."""
    return Fraction(int(seconds * 1000), 1000)


def _shares(parts: list[list[str]], seconds: Fraction, lang: str) -> list[tuple[Fraction, Fraction]]:
    """(start, end) of each cue of a line when nothing says when its words are spoken: shares by characters."""
    sizes = [_characters("\n".join(lines), lang) for lines in parts]
    edges = [seconds * sum(sizes[:index]) / sum(sizes) for index in range(len(sizes) + 1)]
    return list(pairwise(edges))


def _voiced(parts: list[list[str]], seconds: Fraction, pauses: Sequence[Pause], lang: str,
            room: Fraction = Fraction(0)) -> list[tuple[Fraction, Fraction]]:
    """(start, end) of each cue of a line said in `seconds` with these pauses: each cue starts where the voice
    says its first piece (saddle.production.said: at the end of the pause before it, when there is one) and ends
    with its words, unless the pause after them is too short to be a gap."""
    sizes = [len(tokens(" ".join(lines))) for lines in parts]
    pieces = tokens(" ".join(" ".join(lines) for lines in parts))
    assert sum(sizes) == len(pieces), "a cue's pieces are the line's"
    found: list[Place] = places([token for _, token in pieces], seconds, pauses, lang)
    splits = [found[index] for index in accumulate(sizes[:-1])]
    starts, ends = [Fraction(0), *(place.start for place in splits)], [*(place.end for place in splits), seconds]
    return _readable(parts, list(zip(starts, ends, strict=True)), seconds, lang, room)


#: Seconds a cue may start before or after its words when it needs the time to be read (issue 23 allows 0.25).
_SHIFT = Fraction(1, 5)
#: Seconds a line's last cue may stay after its voice ends to be read to its end, when nothing follows at once (a
#: scene waits 0.35 s after a line before its next step: scenes/kit/narration.py's BREATH).
_LINGER = Fraction(3, 10)


def _readable(parts: list[list[str]], spans: list[tuple[Fraction, Fraction]], seconds: Fraction, lang: str,
              room: Fraction = Fraction(0)) -> list[tuple[Fraction, Fraction]]:
    """The spans lengthened where a cue would be too short to read: into the gap after it, by starting the next
    cue or itself at most _SHIFT later or earlier, the last into `room` after the line; only when that is not
    enough, by moving the next cues as much later as it takes (a cue must be readable first)."""
    sizes = [_characters("\n".join(lines), lang) for lines in parts]
    speed = _reading_speed(sum(sizes, Fraction(0)), seconds, lang)
    needs = [size / speed + Fraction(1, 1000) for size in sizes]
    bounded = _lengthened(spans, needs, seconds + room, _SHIFT)
    if all(end - start >= need for (start, end), need in zip(bounded, needs, strict=True)):
        return bounded
    return _lengthened(spans, needs, seconds, None)


def _lengthened(spans: list[tuple[Fraction, Fraction]], needs: list[Fraction], limit: Fraction,
                shift: Fraction | None) -> list[tuple[Fraction, Fraction]]:
    """Each span at least as long as it needs, ending by `limit`: later into the next one (its start moved at
    most `shift` later), then earlier from the end (a start moved at most `shift` earlier); no bound: None."""
    starts, ends = [start for start, _ in spans], [end for _, end in spans]
    for index, need in enumerate(needs):
        ends[index] = max(ends[index], starts[index] + need)
        if index + 1 < len(starts):
            if shift is not None:
                ends[index] = min(ends[index], starts[index + 1] + shift)
            starts[index + 1] = max(starts[index + 1], ends[index])
            ends[index + 1] = max(ends[index + 1], starts[index + 1])
    for index in range(len(needs) - 1, -1, -1):
        ends[index] = min(ends[index], limit)
        floor = Fraction(0) if shift is None else max(Fraction(0), spans[index][0] - shift)
        starts[index] = max(floor, min(starts[index], ends[index] - needs[index]))
        limit = starts[index]
    return list(zip(starts, ends, strict=True))


def fit_cues(cues: list[Cue], lang: str, duration: Fraction | None = None,
             pauses: Mapping[str, Sequence[Pause]] | None = None) -> list[Cue]:
    """The cues of a clip fitted to the rules: in time order, each ending before the next starts (and before
    the clip ends), split and broken into lines, none longer than the longest cue allowed. `pauses` holds, per
    narrated line's text, the pauses of its voice (seconds from the cue's start); the line's cues follow them."""
    rules = RULES[lang]
    ordered = sorted((cue for cue in cues if cue.text.strip()), key=lambda cue: cue.start)
    fitted: list[Cue] = []
    for index, cue in enumerate(ordered):
        limits = [cue.end, *(later.start for later in ordered[index + 1:index + 2])]
        end = min([*limits, duration] if duration is not None else limits)
        if end <= cue.start:
            continue  # a cue that starts after the clip ends, or where the next one starts, cannot be shown
        voice = (pauses or {}).get(cue.text)
        parts = split_text(cue.text, end - cue.start, lang, voice)
        if voice is None:
            spans = _shares(parts, end - cue.start, lang)
        else:
            room = max(Fraction(0), min([cue.end + _LINGER, *limits[1:], *([duration] if duration else [])]) - end)
            spans = _voiced(parts, end - cue.start, voice, lang, room)
        for lines, (begin, close) in zip(parts, spans, strict=True):
            start, finish = _millisecond(cue.start + begin), _millisecond(cue.start + close)
            if finish > start:
                fitted.append(Cue(start, min(finish, start + rules.longest), "\n".join(lines)))
    return fitted


def problems(cues: list[Cue], lang: str) -> list[str]:
    """Every way the cues break the rules, one sentence each (an empty list when they keep them all)."""
    rules, found = RULES[lang], []
    for index, cue in enumerate(cues):
        lines, seconds = cue.text.split("\n"), cue.end - cue.start
        where = f"cue {index + 1} ({float(cue.start):.3f} s)"
        if len(lines) > rules.lines:
            found.append(f"{where}: {len(lines)} lines")
        found += [f"{where}: line too long: {line!r}" for line in lines if not _fits(line, lang)]
        if seconds <= 0 or seconds > rules.longest:
            found.append(f"{where}: lasts {float(seconds):.3f} s")
        elif _characters(cue.text, lang) > rules.characters_per_second * seconds:
            found.append(f"{where}: {float(_characters(cue.text, lang) / seconds):.1f} characters a second")
        if index + 1 < len(cues) and cues[index + 1].start < cue.end:
            found.append(f"{where}: overlaps the next cue")
    return found
