"""Does each subtitle cue start when its first word is said? For every narrated line that
benchmarks/intelligibility.py has listened to (its transcript cache holds Whisper's word times and the line's
pauses), the line's cues are fitted as `saddle render` fits them (saddle.production.captions, by the line's
pauses), and each cue after a line's first is compared with the onset of its first word: Whisper's start of the
word aligned to it, moved to the end of a pause of the voice within 0.3 s when there is one (Whisper's word times
are good to about a tenth of a second; a first word the recogniser did not hear is placed before the next one it
heard by the line's seconds of speech a unit; a word after a pause starts where the pause ends; only a pause Whisper's
start falls in, or ends at most 0.3 s before, or begins at most 0.15 s after: a pause that begins later lies
inside or after the word). Issue 23 asks every cue within 0.25 s. Run intelligibility.py with the same options
first.

    PYTHONPATH=$PWD nice -n 10 .venv/bin/python benchmarks/cue_onsets.py --lang en [--key-lines]
"""

from __future__ import annotations

import argparse
import json
import sys
from difflib import SequenceMatcher
from fractions import Fraction
from functools import partial
from pathlib import Path

import numpy as np
from intelligibility import KEY_LINES, _key, align, hint, lecture_lines, units

from saddle.production.captions import fit_cues
from saddle.production.plan import ROOT, Settings
from saddle.production.subtitles import Cue
from saddle.production.voice_lines import make, source
from saddle.voice.assets import DEFAULT_VOICES
from saddle.voice.spoken import normalise

LIMIT = 0.25
SNAP = 0.3
EARLY = 0.15


def heard_units(words: list, lang: str) -> list[tuple[str, float]]:
    """Each unit the recogniser heard with its start: a word's characters share its time evenly (Chinese)."""
    found = []
    for text, start, end in words:
        pieces = units(text, lang)
        found += [(piece, start + (end - start) * index / len(pieces)) for index, piece in enumerate(pieces)]
    return found


def onset(start: float, pauses: list) -> float:
    """The word's onset: the end of the voice's pause nearest to Whisper's start, if its start is in the pause,
    at most SNAP after it ends or at most EARLY before it begins."""
    ends = [end for begin, end in pauses if begin - EARLY <= start <= end + SNAP]
    return min(ends, key=lambda end: abs(end - start), default=start)


def _unlike(said: str, heard: str) -> float:
    """What hearing one unit as another costs: 0 or 1 for characters; for words, the share of their letters that
    differ, so that a word heard with a letter less ("definit") still sits where it was said."""
    if said == heard:
        return 0.0
    if len(said) == 1 or len(heard) == 1:
        return 1.0
    return 1.0 - SequenceMatcher(None, said, heard).ratio()


def _edit_costs(said: list[str], heard: list[str]) -> np.ndarray:
    """The edit distance (substitutions weighed by _unlike) from said[:k] to all of `heard`, for every k (the DP
    table's last column)."""
    row = np.arange(len(heard) + 1, dtype=float)
    costs = [row[-1]]
    for unit in said:
        previous, row = row, np.empty_like(row)
        row[0] = previous[0] + 1
        for j, other in enumerate(heard, 1):
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + _unlike(unit, other))
        costs.append(row[-1])
    return np.array(costs)


def heard_split(said: list[str], before: list[str], after: list[str]) -> list[int]:
    """Where the two halves' transcripts divide the line: every k for which said[:k] against the first half and
    said[k:] against the second cost the fewest edits together. A word misheard on one side costs the same at
    every k, so only the units near the cut decide; a half heard as noise gives many k."""
    costs = _edit_costs(said, before) + _edit_costs(said[::-1], after[::-1])[::-1]
    return [int(k) for k in np.flatnonzero(np.isclose(costs, costs.min()))]


def cut_check(cut, said: list[str], first: int, start: float, pauses: list) -> float | None:
    """Whisper's word times are loosest at a pause (a word is often given the pause, either side): where they put
    a cue more than LIMIT from its first word, the line's audio is cut in two at the pause the cue starts after
    (or at the cue's start) and each half transcribed; when the halves divide the line exactly before the cue's
    first unit (heard_split: one place, that one), the word starts where the pause ends (or at the cut)."""
    for at, onset_there in [*(((begin + end) / 2, end) for begin, end in pauses if abs(end - start) <= LIMIT),
                            (start, start)]:
        before, after = cut(at)
        if heard_split(said, before, after) == [first]:
            return onset_there
    return None


class Cuts:
    """A line's audio cut in two at a time, each half transcribed by the recogniser (loaded on first use)."""

    def __init__(self, lang: str):
        self.lang, self.model, self.made = lang, None, 0

    def heard(self, line, settings: Settings, renders: Path, hotwords: str | None,
              at: float) -> tuple[list[str], list[str]]:
        """The units heard before and after `at` seconds into the line (its audio made if it is not cached)."""
        from intelligibility import at_16k, hear, heard_text, recogniser

        from saddle.voice.engine import read_wav

        found = source(line, settings, renders)
        if not found.ready:
            make(line, found, settings)
        audio = at_16k(*read_wav(Path(str(found.audio))))
        self.model = self.model or recogniser()
        self.made += 1
        halves = []
        for half in (audio[:round(at * 16_000)], audio[round(at * 16_000):]):
            halves.append(units(heard_text(hear(self.model, half, self.lang, hotwords)), self.lang))
        return halves[0], halves[1]


def _text_before(text: str, shown: int) -> str:
    """The line's text up to where `shown` of its non-space characters have passed: cues re-space a line (thin
    spaces in "2 490" become plain ones, which the normaliser reads as two numbers), so they are counted in it."""
    passed = 0
    for index, character in enumerate(text):
        if passed == shown:
            return text[:index]
        passed += not character.isspace()
    return text


def cue_offsets(text: str, spoken: str, lang: str, entry: dict, cut=None) -> list[tuple[str, float]]:
    """(cue text, cue start − its first word's onset) for each cue after the line's first; with `cut` (a
    function of a time giving the units heard before and after it), an offset over LIMIT is checked by cut_check."""
    seconds = Fraction(entry["seconds"]).limit_denominator(48_000)
    pauses = [(Fraction(round(a * 50), 50), Fraction(round(b * 50), 50)) for a, b in entry["pauses"]]
    cues = fit_cues([Cue(Fraction(0), seconds, text)], lang, None, {text: pauses})  # as placed: quiet after it
    heard = heard_units(entry["words"], lang)
    matched: dict[int, int] = {}
    said_index = heard_index = 0
    said = units(spoken, lang)
    for a, b in align(said, [unit for unit, _ in heard]):
        if a and b:
            matched[said_index] = heard_index
        said_index += bool(a)
        heard_index += bool(b)
    offsets, first, shown = [], 0, 0
    for number, cue in enumerate(cues):
        if number:  # the units said before this cue: the line's own text up to it, normalised as the line was
            first = len(units(normalise(_text_before(text, shown), lang), lang))
            found = next((index for index in range(first, first + 6) if index in matched), None)
            if found is not None:  # a first word not heard: the next one heard, less the said units between
                started = heard[matched[found]][1] - (found - first) * entry["speech"] / max(1, len(said))
                offset = float(cue.start) - onset(started, entry["pauses"])
                checked = cut_check(cut, said, first, float(cue.start), entry["pauses"]) \
                    if cut is not None and abs(offset) > LIMIT else None
                offsets.append((cue.text, offset if checked is None else float(cue.start) - checked))
        shown += len("".join(cue.text.split()))
    return offsets


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=["en", "zh"], default="en")
    parser.add_argument("--key-lines", action="store_true")
    parser.add_argument("--renders", type=Path, default=ROOT / "renders")
    parser.add_argument("--no-cut", action="store_true", help="Whisper's word times only (no cut_check)")
    parser.add_argument("--no-names", dest="told", action="store_false", help="as intelligibility.py --no-names")
    args = parser.parse_args()
    settings = Settings(lang=args.lang, voice=DEFAULT_VOICES[args.lang])
    heard = json.loads((args.renders / ".voice" / "listened.json").read_text(encoding="utf-8"))
    lines = [line for line in lecture_lines(args.lang, args.renders)
             if not args.key_lines or KEY_LINES.search(line.text)]
    measured, late, early, missing, worst, cuts = 0, 0, 0, 0, 0.0, Cuts(args.lang)
    for line in lines:
        hotwords = hint(line, args.told)
        entry = heard.get(_key(line.spoken, settings, hotwords))
        if entry is None or "words" not in entry:
            missing += 1
            continue
        cut = None if args.no_cut else partial(cuts.heard, line, settings, args.renders, hotwords)
        for text, offset in cue_offsets(line.text, line.spoken, args.lang, entry, cut):
            measured += 1
            late += offset > LIMIT
            early += offset < -LIMIT
            worst = max(worst, abs(offset))
            if abs(offset) > LIMIT:
                print(f"{line.key:28s} {offset:+.2f} s  {' '.join(text.split())[:60]}")
    if missing == len(lines):
        sys.exit("cue_onsets: no line listened to yet; run intelligibility.py first")
    print(f"{args.lang}: {measured} cues after a line's first measured ({missing} lines not listened to): "
          f"{late} start over {LIMIT} s after their first word, {early} over {LIMIT} s before; "
          f"largest offset {worst:.2f} s; {cuts.made} cut checks")


if __name__ == "__main__":
    main()
