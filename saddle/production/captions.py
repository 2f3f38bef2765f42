"""Cues the way broadcast and streaming guidelines ask for them (Netflix's timed-text style guides, EBU-TT-D
practice): at most two lines of at most 42 characters (Chinese: as wide as 16 full-width characters, a Latin
letter, digit or space counting half, as CJK subtitle guides count them), at most 7 seconds a cue, never
overlapping, never faster than a reading speed a viewer can follow. Lines and cues break where the sentence
does: after a full stop, else after a comma or before a connective, never after an article.

manim writes one cue per narrated line, however long; `fit_cues` splits such a line into cues at phrase
boundaries, shares its time among them by characters and breaks each into at most two balanced lines."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from fractions import Fraction
from functools import cache

from saddle.production.subtitles import Cue


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
_ZH_AFTER = tuple("的了地得是在和与或")  # a Chinese line may end after these particles
_ZH_BEFORE = ("但", "而", "所以", "因为", "如果", "就", "也", "还", "并", "或者", "然后", "因此", "这")
_ZH_MEASURE = tuple("个张层次步条种位倍维")  # a measure word stays with the number before it

_PER_CUE = 3  # every extra cue costs this much: one cue is better than two unless two read better
_CUE_BREAK = 2  # a cue that ends mid-phrase is worse than a line that does
_TOO_LONG = 6  # a piece longer than the longest cue is clipped; splitting at a clause is preferred
_TOO_SHORT = 20


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
    if previous in _ARTICLES or previous in _CONNECTIVES:
        return 8
    if previous in _BINDING:
        return 6
    return 2 if word in _CONNECTIVES else 4


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


def _characters(text: str) -> int:
    """Characters as reading speed counts them: spaces and punctuation too, a line break as a space."""
    return len(text) or 1


def split_text(text: str, seconds: Fraction, lang: str) -> list[list[str]]:
    """A narrated line as cues of at most two lines, split where the sentence allows (dynamic programming over
    the places between pieces); each cue will last its share of `seconds` by characters."""
    pieces = tokens(" ".join(text.split()))
    if not pieces:
        return []
    rules, total = RULES[lang], _characters(text)

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
            share = seconds * _characters("\n".join(layout[1])) / total
            cost = before[0] + layout[0] + _PER_CUE + _CUE_BREAK * (break_cost(pieces, start, lang) if start else 0)
            cost += _TOO_LONG * (share > rules.longest) + _TOO_SHORT * (share < rules.shortest)
            options.append((cost, (*before[1], tuple(layout[1]))))
        return min(options, key=lambda option: option[0], default=None)

    found = best(len(pieces))
    if found is None:  # a single piece wider than a line: it gets a line of its own
        return [[token] for _, token in pieces]
    return [list(cue) for cue in found[1]]


def _millisecond(seconds: Fraction) -> Fraction:
    """Down to a whole millisecond, what SubRip and WebVTT can say: never later than the time it stands for."""
    return Fraction(int(seconds * 1000), 1000)


def fit_cues(cues: list[Cue], lang: str, duration: Fraction | None = None) -> list[Cue]:
    """The cues of a clip fitted to the rules: in time order, each ending before the next starts (and before
    the clip ends), split and broken into lines, none longer than the longest cue allowed."""
    rules = RULES[lang]
    ordered = sorted((cue for cue in cues if cue.text.strip()), key=lambda cue: cue.start)
    fitted: list[Cue] = []
    for index, cue in enumerate(ordered):
        limits = [cue.end, *(later.start for later in ordered[index + 1:index + 2])]
        end = min([*limits, duration] if duration is not None else limits)
        if end <= cue.start:
            continue  # a cue that starts after the clip ends, or where the next one starts, cannot be shown
        parts = split_text(cue.text, end - cue.start, lang)
        total = sum(_characters("\n".join(lines)) for lines in parts)
        done = 0
        for lines in parts:
            start = _millisecond(cue.start + (end - cue.start) * done / total)
            done += _characters("\n".join(lines))
            finish = _millisecond(cue.start + (end - cue.start) * done / total)
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
        elif _characters(cue.text) > rules.characters_per_second * seconds:
            found.append(f"{where}: {_characters(cue.text) / float(seconds):.1f} characters a second")
        if index + 1 < len(cues) and cues[index + 1].start < cue.end:
            found.append(f"{where}: overlaps the next cue")
    return found
