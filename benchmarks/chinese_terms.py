"""Are the English terms of the Chinese lecture heard as English? Whisper base hears Chinese lines in Chinese and
writes an English term as characters of like sound (Hessian as 黑心), so the intelligibility benchmark cannot tell
a term said well from one said badly. Here the Chinese voice says each term inside three English carrier sentences,
and Whisper hears them in English: once with the phonemes the English lecture gives the term ([en]) and once with
those Chinese lines give it ([en-CN] over [en], saddle/voice/lexicon.toml). A carrier counts as heard right when
its transcript's words are the carrier's. Not a test: it needs the recogniser's model (optional extra `listen`).

The terms are the Latin runs of the Chinese lines' spoken forms whose words have two letters or more (a single
letter is a symbol, read as its name).

    PYTHONPATH=$PWD nice -n 10 .venv/bin/python benchmarks/chinese_terms.py [--only REGEX]
"""

from __future__ import annotations

import argparse
import re
from collections import Counter

import numpy as np
from intelligibility import at_16k, english_words, hear, heard_text, lecture_lines, recogniser

from saddle.production.plan import ROOT, Settings
from saddle.voice.assets import DEFAULT_VOICES
from saddle.voice.engine import _LATIN, SAMPLE_RATE, synthesise

CARRIERS = ("The next word is {}", "Here we look at the {} again", "So this {} is what we need")
TABLES = {"en": "as in the English lecture ([en])", "zh": "as in Chinese lines ([en-CN])"}  # phonemes(…, lang)


def chinese_terms() -> Counter[str]:
    """Each English term the Chinese lecture says, with how often."""
    return Counter(run for line in lecture_lines("zh", ROOT / "renders") for run in _LATIN.findall(line.spoken)
                   if all(len(word) > 1 for word in run.split()))


def heard_right(model, carrier: str, lang: str, voice: str, rate: float) -> tuple[bool, str]:
    """The carrier said by `voice` with the phonemes of `lang`'s lines; heard in English, with half a second of
    silence on each side (Whisper is unsure of speech that starts at once)."""
    silence = np.zeros(8_000, np.float32)
    audio = np.concatenate([silence, at_16k(synthesise(carrier, lang, voice, rate), SAMPLE_RATE), silence])
    heard = heard_text(hear(model, audio, "en", None))
    return english_words(heard) == english_words(carrier), heard


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", type=re.compile, help="only terms matching this regular expression")
    args = parser.parse_args()
    terms = [(term, uses) for term, uses in chinese_terms().most_common() if not args.only or args.only.search(term)]
    voice, rate, model = DEFAULT_VOICES["zh"], Settings(lang="zh").rate, recogniser()
    right = dict.fromkeys(TABLES, 0)
    print(f"{'term':24s} uses  carriers heard right of {len(CARRIERS)}, with each table's phonemes")
    for term, uses in terms:
        found = {lang: [heard_right(model, carrier.format(term), lang, voice, rate) for carrier in CARRIERS]
                 for lang in TABLES}
        counts = {lang: sum(ok for ok, _ in results) for lang, results in found.items()}
        print(f"{term:24s} {uses:4d}  " + "   ".join(f"{lang}: {counts[lang]}" for lang in TABLES))
        for lang, results in found.items():
            right[lang] += counts[lang]
            for heard in (heard for ok, heard in results if not ok):
                print(f"{'':31s}{lang}: {heard}")
    total = len(terms) * len(CARRIERS)
    print("\n" + "; ".join(f"{TABLES[lang]}: {right[lang]} of {total} carriers heard right" for lang in TABLES)
          + f" ({len(terms)} terms, the Chinese voice {voice})")


if __name__ == "__main__":
    main()
