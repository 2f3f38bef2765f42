"""Does each subtitle cue start when its first word is said? For every narrated line that
benchmarks/intelligibility.py has listened to (its transcript cache holds Whisper's word times and the line's
pauses), the line's cues are fitted as `saddle render` fits them (saddle.production.captions, by the line's
pauses), and each cue after a line's first is compared with the onset of its first word: Whisper's start of the
word aligned to it, moved to the end of a pause of the voice within 0.3 s when there is one (Whisper's word times
are good to about a tenth of a second; a word after a pause starts where the pause ends). Issue 23 asks every cue
within 0.25 s. Run intelligibility.py with the same options first.

    PYTHONPATH=$PWD nice -n 10 .venv/bin/python benchmarks/cue_onsets.py --lang en [--key-lines]
"""

from __future__ import annotations

import argparse
import json
import sys
from fractions import Fraction
from pathlib import Path

from intelligibility import KEY_LINES, _key, align, units

from saddle.production.captions import fit_cues
from saddle.production.plan import ROOT, Settings, load_lecture
from saddle.production.subtitles import Cue
from saddle.production.voice_lines import scene_lines
from saddle.voice.assets import DEFAULT_VOICES
from saddle.voice.spoken import normalise

LIMIT = 0.25
SNAP = 0.3


def heard_units(words: list, lang: str) -> list[tuple[str, float]]:
    """Each unit the recogniser heard with its start: a word's characters share its time evenly (Chinese)."""
    found = []
    for text, start, end in words:
        pieces = units(text, lang)
        found += [(piece, start + (end - start) * index / len(pieces)) for index, piece in enumerate(pieces)]
    return found


def onset(start: float, pauses: list) -> float:
    """The word's onset: the end of the voice's pause nearest to Whisper's start, if one ends within SNAP."""
    ends = [end for _, end in pauses if abs(end - start) <= SNAP]
    return min(ends, key=lambda end: abs(end - start), default=start)


def cue_offsets(text: str, spoken: str, lang: str, entry: dict) -> list[tuple[str, float]]:
    """(cue text, cue start − its first word's onset) for each cue after the line's first."""
    seconds = Fraction(entry["seconds"]).limit_denominator(48_000)
    pauses = [(Fraction(round(a * 50), 50), Fraction(round(b * 50), 50)) for a, b in entry["pauses"]]
    cues = fit_cues([Cue(Fraction(0), seconds, text)], lang, seconds, {text: pauses})
    heard = heard_units(entry["words"], lang)
    matched: dict[int, int] = {}
    said_index = heard_index = 0
    for a, b in align(units(spoken, lang), [unit for unit, _ in heard]):
        if a and b:
            matched[said_index] = heard_index
        said_index += bool(a)
        heard_index += bool(b)
    offsets, first = [], 0
    for number, cue in enumerate(cues):
        if number:
            found = next((matched[index] for index in range(first, first + 6) if index in matched), None)
            if found is not None:
                offsets.append((cue.text, float(cue.start) - onset(heard[found][1], entry["pauses"])))
        first += len(units(normalise(" ".join(cue.text.split()), lang), lang))
    return offsets


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=["en", "zh"], default="en")
    parser.add_argument("--key-lines", action="store_true")
    parser.add_argument("--renders", type=Path, default=ROOT / "renders")
    args = parser.parse_args()
    settings = Settings(lang=args.lang, voice=DEFAULT_VOICES[args.lang])
    heard = json.loads((args.renders / ".voice" / "listened.json").read_text(encoding="utf-8"))
    lines = [line for found in scene_lines(load_lecture(), args.lang, args.renders,
                                           args.renders / ".voice" / ".cache").values() for line in found
             if not args.key_lines or KEY_LINES.search(line.text)]
    measured, late, early, missing = 0, 0, 0, 0
    for line in lines:
        entry = heard.get(_key(line.spoken, settings))
        if entry is None or "words" not in entry:
            missing += 1
            continue
        for text, offset in cue_offsets(line.text, line.spoken, args.lang, entry):
            measured += 1
            late += offset > LIMIT
            early += offset < -LIMIT
            if abs(offset) > LIMIT:
                print(f"{line.key:28s} {offset:+.2f} s  {' '.join(text.split())[:60]}")
    if missing == len(lines):
        sys.exit("cue_onsets: no line listened to yet; run intelligibility.py first")
    print(f"{args.lang}: {measured} cues after a line's first measured ({missing} lines not listened to): "
          f"{late} start over {LIMIT} s after their first word, {early} over {LIMIT} s before")


if __name__ == "__main__":
    main()
