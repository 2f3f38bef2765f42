"""The string catalogue: every key in both languages, with the same placeholders, and no empty text."""

import importlib
import pkgutil
import string

import opencc
import pytest

import scenes.catalogue
from scenes.catalogue import LANGUAGES, STRINGS, reading_seconds

#: The lecture's own keys, from the catalogue's modules. STRINGS itself also holds what a test fixture added to it when
#: pytest imported that fixture first (tests/production_fixture/many_steps.py): its lines are not the lecture's, and
#: the tests collected here must not depend on the order pytest imports test modules in.
KEYS = sorted(key for module in pkgutil.iter_modules(scenes.catalogue.__path__)
              for key in importlib.import_module(f"scenes.catalogue.{module.name}").STRINGS)


def placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


@pytest.mark.parametrize("key", KEYS)
def test_both_languages_with_the_same_placeholders(key):
    texts = STRINGS[key]
    assert set(texts) - {"spoken"} == set(LANGUAGES)
    assert all(texts[lang].strip() for lang in LANGUAGES)
    assert placeholders(texts["en"]) == placeholders(texts["zh"])
    spoken = texts.get("spoken", {})  # the voice's own form of a line, where the rules cannot make it
    assert set(spoken) <= set(LANGUAGES)
    assert all(placeholders(spoken[lang]) <= placeholders(texts[lang]) for lang in spoken)


def test_chinese_reads_slower_per_character():
    assert reading_seconds("一" * 30, "zh") > reading_seconds("a" * 30, "en")


@pytest.mark.parametrize("key", KEYS)
def test_chinese_is_written_in_simplified_characters(key):
    """The zh lecture is simplified Chinese; the seed note mixes in traditional characters (裡, 麼) that must not
    leak onto the screen. OpenCC keeps 著 (also simplified, as in 著名), but the lecture only uses the particle 着."""
    text = STRINGS[key]["zh"]
    assert opencc.OpenCC("t2s").convert(text) == text
    assert "著" not in text
