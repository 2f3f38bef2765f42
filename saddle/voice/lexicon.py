"""The pronunciation lexicon (lexicon.toml): the lecture's terms and names with the phonemes the voice must say,
applied in one place, before a front end phonemises the rest of a line. espeak-ng says "eigen-" /ˈaɪdʒən/ and
Lanczos /ˈlæŋkzoʊz/; no respelling fixes every form, so the words listed are replaced by their phonemes and
only the text between them goes to the front end."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from functools import cache
from importlib.resources import files

LEXICON_FILE = files("saddle.voice").joinpath("lexicon.toml")
_PUNCTUATION_AFTER = re.compile(r" +(?=[.,;:!?…—])")


ENGLISH_IN_CHINESE = "en-CN"  # the table for English words inside Chinese lines: [en], then [en-CN] over it


@cache
def lexicon() -> dict[str, dict[str, str]]:
    """Per table, each word (lower case) and its phonemes; en-CN holds every English word, its own entries first."""
    table = {lang: {word.lower(): said for word, said in words.items()}
             for lang, words in tomllib.loads(LEXICON_FILE.read_text(encoding="utf-8")).items()}
    return table | {ENGLISH_IN_CHINESE: table["en"] | table.get(ENGLISH_IN_CHINESE, {})}


@cache
def _pattern(lang: str) -> re.Pattern[str]:
    words = sorted(lexicon()[lang], key=len, reverse=True)  # "eigenvalues" before "eigenvalue"
    alternatives = "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in words)
    if lang == "zh":
        return re.compile(f"({alternatives})")
    return re.compile(rf"(?<![\w'-])((?:{alternatives})(?:'s)?)(?![\w'])", re.IGNORECASE)  # Hessian's, Hessian-vector


def _entry(word: str, lang: str) -> str:
    """A listed word's phonemes; an English possessive adds /z/, /s/ after a voiceless sound, /ᵻz/ after a hiss."""
    entries, key = lexicon()[lang], " ".join(word.lower().split())
    if key in entries or not key.endswith("'s"):
        return entries[key]
    said = entries[key[:-2]]
    return said + ("ᵻz" if said[-1] in "szʃʒ" else "s" if said[-1] in "ptkfθ" else "z")


def phonemise(text: str, lang: str, front_end: Callable[[str], str]) -> str:
    """The text's phonemes: each lexicon word's own, the text between them through `front_end`."""
    parts = []
    for index, piece in enumerate(_pattern(lang).split(text)):
        if index % 2:
            parts.append(_entry(piece, lang))
        elif piece.strip():
            parts.append(front_end(piece.strip()))
    return _PUNCTUATION_AFTER.sub("", " ".join(part for part in parts if part))
