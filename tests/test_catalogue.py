"""The string catalogue: every key in both languages, with the same placeholders, and no empty text."""

import string

import pytest

from scenes.catalogue import LANGUAGES, STRINGS, reading_seconds


def placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


@pytest.mark.parametrize("key", sorted(STRINGS))
def test_both_languages_with_the_same_placeholders(key):
    texts = STRINGS[key]
    assert set(texts) == set(LANGUAGES)
    assert all(texts[lang].strip() for lang in LANGUAGES)
    assert placeholders(texts["en"]) == placeholders(texts["zh"])


def test_chinese_reads_slower_per_character():
    assert reading_seconds("一" * 30, "zh") > reading_seconds("a" * 30, "en")
