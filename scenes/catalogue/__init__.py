"""The one string catalogue: every on-screen word and narration line, in English and Chinese.

Each part of the lecture keeps its strings in a module of this package (a dict STRINGS of
key → {"en": ..., "zh": ...}); they are merged here, and a key defined twice or missing a language
is an error at import, so a scene can never show a key instead of words."""

from __future__ import annotations

import importlib
import pkgutil

from scenes.job import LANGUAGES

__all__ = ["LANGUAGES", "STRINGS", "reading_seconds", "say_text"]
#: Reading speed for subtitles: comfortable for a lecture, not a speed-read.
CHARACTERS_PER_SECOND = {"en": 15.0, "zh": 5.0}
MIN_SECONDS = 1.5


def _load() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for key, translations in module.STRINGS.items():
            if key in merged:
                raise KeyError(f"catalogue key {key!r} is defined twice (again in {info.name})")
            missing = set(LANGUAGES) - set(translations)
            if missing:
                raise KeyError(f"catalogue key {key!r} has no {', '.join(sorted(missing))} text")
            merged[key] = translations
    return merged


STRINGS = _load()


def say_text(key: str, lang: str, **fields) -> str:
    """The text of a key in a language, with {placeholders} filled from computed values."""
    return STRINGS[key][lang].format(**fields)


def reading_seconds(text: str, lang: str) -> float:
    return max(MIN_SECONDS, len(text) / CHARACTERS_PER_SECOND[lang])
