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
_OFF_PAUSE = 1.0  # per second of speech between where a cue's words end and the pause it changes at


def width(text: str, lang: str) -> float:
    """How wide a line is: characters, or for Chinese full-width characters with Latin letters counting half."""
    if lang != "zh":
        return len(text)
    return sum(1 if unicodedata.east_asian_width(c) in "WFA" else 0.5 for c in text)


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
    """Where a voiced line says its pieces, estimated as `_voiced` will place its cues: each place between two
    pieces at its share of the speaking time (by said weight, not characters), moved to the pause `_voiced` would
    choose for it. For each place: `edges` (when a cue ending there ends, when one starting there starts: the two
    ends of its pause), `speech` (seconds of speech before it) and `off` (what a split there costs: the seconds
    of speech between the pause and where the words end, or _UNPAUSED where the voice does not pause)."""

    def __init__(self, pieces: list[tuple[str, str]], seconds: Fraction, pauses: Sequence[Pause], lang: str):
        pauses = _within(pauses, seconds)
        spoken = _speech_time(seconds, pauses)
        weights = list(accumulate((_said_weight(token, lang) for _, token in pieces), initial=0))
        places = [_speech_time(start, pauses) for start, _ in pauses]
        self.edges: list[tuple[Fraction, Fraction]] = []
        self.speech: list[Fraction] = []
        self.off: list[float] = []
        for index, weight in enumerate(weights):
            guess = spoken * weight / weights[-1]
            marked = 0 < index < len(pieces) and _marked(pieces[index - 1][1])
            chosen = _nearest_pause(guess, marked, places, pauses) if 0 < index < len(pieces) else None
            self.edges.append(_split_at(guess, chosen, pauses))
            self.speech.append(guess if chosen is None else places[chosen])
            self.off.append(_UNPAUSED if chosen is None else _OFF_PAUSE * float(abs(places[chosen] - guess)))


def _marked(text: str) -> bool:
    """Whether a piece of text ends a sentence or a clause, where a voice pauses."""
    return bool(_SENTENCE_END.search(text) or _CLAUSE_END.search(text))


def _pause_cost(place: Fraction, guess: Fraction, pause: Pause) -> Fraction:
    """How bad a pause is as the place where words that should end at speech time `guess` end: its distance,
    less its length (a longer pause is likelier a phrase's end, up to _LONG_PAUSE)."""
    return abs(place - guess) - min(pause[1] - pause[0], _LONG_PAUSE)


def _nearest_pause(guess: Fraction, marked: bool, places: Sequence[Fraction], pauses: Sequence[Pause]) -> int | None:
    """The pause a split whose words should end at `guess` goes to, alone, or None when every pause costs more
    than missing them (_MISSED)."""
    costs = [(_pause_cost(place, guess, pause), index) for index, (place, pause) in enumerate(zip(places, pauses))]
    cost, index = min(costs, default=(_MISSED[marked], None))
    return index if cost < _MISSED[marked] else None


def _reading_speed(size: Fraction, seconds: Fraction, lang: str) -> Fraction:
    """Characters a second a cue may ask for: the reading-speed ceiling, or for a line said faster than anyone
    reads (Chinese often is; no cue can keep the ceiling then) a quarter faster than the line itself."""
    ceiling = Fraction(RULES[lang].characters_per_second)
    return ceiling if size <= ceiling * seconds else Fraction(5, 4) * size / seconds


def _millisecond(seconds: Fraction) -> Fraction:
    """Down to a whole millisecond, what SubRip and WebVTT can say: never later than the time it stands for."""
    return Fraction(int(seconds * 1000), 1000)


def _said_weight(token: str, lang: str) -> int:
    """About how long a piece of text takes to say, in Latin letters of its spoken form (saddle.voice.spoken): a
    letter 1, a digit 4 (numbers are said as words), a Chinese character 3 (the voice takes 0.074 s and 0.22 s,
    measured on the lecture's lines); punctuation takes no time of its own (its pause is measured), at least 1."""
    from saddle.voice.spoken import normalise  # only voiced lines need it, and it takes cn2an's 0.2 s to import

    return max(1, sum(3 if unicodedata.east_asian_width(c) in "WF" else 4 if c.isdigit() else 1
                      for c in normalise(token, lang) if c.isalnum()))


def _shares(parts: list[list[str]], seconds: Fraction, lang: str) -> list[tuple[Fraction, Fraction]]:
    """(start, end) of each cue of a line when nothing says when its words are spoken: shares by characters."""
    sizes = [_characters("\n".join(lines), lang) for lines in parts]
    edges = [seconds * sum(sizes[:index]) / sum(sizes) for index in range(len(sizes) + 1)]
    return list(pairwise(edges))


def _speech_time(moment: Fraction, pauses: Sequence[Pause]) -> Fraction:
    """Seconds of the line before `moment` that are not in its pauses."""
    return moment - sum((min(end, moment) - start for start, end in pauses if start < moment), Fraction(0))


def _moment(speech: Fraction, pauses: Sequence[Pause]) -> Fraction:
    """When the line has spoken for `speech` seconds (the inverse of _speech_time, before any pause it ends at)."""
    for start, end in pauses:
        if _speech_time(start, pauses) >= speech:
            break
        speech += end - start
    return speech


def _within(pauses: Sequence[Pause], seconds: Fraction) -> list[Pause]:
    """The pauses of a line that lasts `seconds` (its cue may be cut short by the next one or the clip's end)."""
    return [(start, min(end, seconds)) for start, end in pauses if start < seconds]


def _split_at(guess: Fraction, chosen: int | None, pauses: Sequence[Pause]) -> tuple[Fraction, Fraction]:
    """(when the earlier cue ends, when the next one starts) for a split whose words end at speech time `guess`,
    put at pause `chosen`: the next cue starts when its words do, and the earlier one ends with its words unless
    the pause is too short to be a gap; with None, both where the words end."""
    if chosen is None:
        moment = _moment(guess, pauses)
        return moment, moment
    start, end = pauses[chosen]
    return (end if end - start < _CHAINED else start), end


#: Seconds of speech: a split this far from where its words should end is better left where they should end than
#: put at a pause; far further after a full stop or a comma, where the voice pauses (a split mid-phrase may not).
_MISSED = {True: Fraction(2), False: Fraction(1, 2)}
_LONG_PAUSE = Fraction(1, 2)  # a longer pause is no likelier a phrase's end
_CHAINED = Fraction(3, 20)  # seconds: a pause shorter than this is no gap between cues; the earlier one stays


def _voiced(parts: list[list[str]], seconds: Fraction, pauses: Sequence[Pause],
            lang: str) -> list[tuple[Fraction, Fraction]]:
    """(start, end) of each cue of a line said in `seconds` with these pauses: each split goes to a pause near
    where its words should end by their share of the speaking time (not of the pauses), preferring longer pauses;
    the next cue starts when its words do, and the earlier one ends with its words unless the pause is short."""
    pauses = _within(pauses, seconds)
    speech = _speech_time(seconds, pauses)
    weights = [sum(_said_weight(token, lang) for _, token in tokens(" ".join(lines))) for lines in parts]
    guesses = [speech * sum(weights[:index]) / sum(weights) for index in range(1, len(parts))]
    places = [_speech_time(start, pauses) for start, _ in pauses]
    marks = [_marked(lines[-1]) for lines in parts[:-1]]

    @cache
    def best(split: int, after: Fraction) -> tuple[Fraction, tuple[int | None, ...]] | None:
        """The cheapest places for splits[split:] after speech time `after`: (cost, pause index or None each)."""
        if split == len(guesses):
            return Fraction(0), ()
        guess, marked = guesses[split], marks[split]
        options: list[tuple[Fraction, Fraction, int | None]] = [(_MISSED[marked], guess, None)]
        options += [(_pause_cost(place, guess, pauses[index]), place, index) for index, place in enumerate(places)]
        found = []
        for cost, place, index in options:
            if place > after and (rest := best(split + 1, place)) is not None:
                found.append((cost + rest[0], (index, *rest[1])))
        return min(found, key=lambda option: option[0], default=None)

    chosen = best(0, Fraction(0))
    assert chosen is not None, "the guesses themselves are in order"
    splits = [_split_at(guess, index, pauses) for guess, index in zip(guesses, chosen[1], strict=True)]
    starts, ends = [Fraction(0), *(start for _, start in splits)], [*(end for end, _ in splits), seconds]
    return _readable(parts, list(zip(starts, ends, strict=True)), seconds, lang)


def _readable(parts: list[list[str]], spans: list[tuple[Fraction, Fraction]], seconds: Fraction,
              lang: str) -> list[tuple[Fraction, Fraction]]:
    """The spans lengthened where a cue would be too short to read, into the gap after it or by moving the next
    cues later (and back from the line's end), as little as that takes."""
    sizes = [_characters("\n".join(lines), lang) for lines in parts]
    speed = _reading_speed(sum(sizes, Fraction(0)), seconds, lang)
    needs = [size / speed + Fraction(1, 1000) for size in sizes]
    starts, ends = [start for start, _ in spans], [end for _, end in spans]
    for index, need in enumerate(needs):
        ends[index] = max(ends[index], starts[index] + need)
        if index + 1 < len(starts):
            starts[index + 1] = max(starts[index + 1], ends[index])
            ends[index + 1] = max(ends[index + 1], starts[index + 1])
    limit = seconds
    for index in range(len(needs) - 1, -1, -1):
        ends[index] = min(ends[index], limit)
        starts[index] = max(Fraction(0), min(starts[index], ends[index] - needs[index]))
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
        spans = _shares(parts, end - cue.start, lang) if voice is None else _voiced(parts, end - cue.start, voice, lang)
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
