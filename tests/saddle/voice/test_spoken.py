"""What the voice says: every catalogue line in both languages, normalised for the ear, holds nothing the voice would
drop or misread; the measured misreadings are fixed; Chinese 为 reads wéi where it means "is"."""

from __future__ import annotations

import re
import string

import pytest

from saddle.voice.spoken import normalise, unreadable
from scenes.catalogue import LANGUAGES, STRINGS

# Values the scenes fill in (scenes/sNN_*.py): signed decimals, e-notation, powers of ten, thousands, years.
FIELD_SAMPLES = ["−2", "-0.25", "1e-05", "2.5e+03", "10^{-6}", "10⁻⁶", "1,234,567", "100\u2009000", "1453", "0.61",
                 "3"]


class _Filled(dict):
    def __init__(self, value: str):
        super().__init__()
        self.value = value

    def __missing__(self, key):
        return self.value


def _spoken(key: str, lang: str, value: str) -> str:
    override = STRINGS[key].get("spoken", {}).get(lang)
    template = override or STRINGS[key][lang]
    said = string.Formatter().vformat(template, (), _Filled(value))
    return said if override else normalise(said, lang)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("value", FIELD_SAMPLES)
def test_every_catalogue_line_reads_cleanly(lang, value):
    problems = {key: unreadable(_spoken(key, lang, value), lang) for key in STRINGS}
    assert {key: found for key, found in problems.items() if found} == {}


@pytest.mark.parametrize("text, lang, expected", [
    ("10^-6", "en", "ten to the minus 6"),  # espeak: "ten six"
    ("10⁻⁶", "en", "ten to the minus 6"),
    ("x²", "en", "x squared"),  # "ex two"
    ("w1 and w₁", "en", "w 1 and w 1"),  # one word "w1"
    ("e.g. this", "en", "for example this"),  # letter by letter
    ("the gradient is 2e-07", "en", "the gradient is 2 times ten to the minus 7"),
    ("λ = −2", "en", "lambda equals minus 2"),
    ("θ − θ′", "en", "theta minus theta prime"),
    ("uᵀHu = λ‖u‖²", "en", "u transpose H u equals lambda the norm of u squared"),
    ("ratios 0.61–0.88", "en", "ratios 0 point six one to 0 point eight eight"),
    ("100\u2009000 matrices", "en", "100000 matrices"),  # a thin space between thousands was read as a pause
    ("100\u2009000 个", "zh", "十万个"),
    ("θ′ = (0, 0)", "zh", "theta prime 等于 (零, 零)"),  # the comma was read as a thousands separator
    ("2,305 个参数", "zh", "二千三百零五个参数"),
    ("gradient 只剩 −2", "zh", "gradient 只剩负二"),  # the sign was lost
    ("λ = −2", "zh", "lambda 等于负二"),
    ("P² 个元素", "zh", "P 的平方个元素"),
    ("1453 年", "zh", "一四五三年"),
    ("10⁻⁶", "zh", "十的负六次方"),
    ("有 172 个参数", "zh", "有一百七十二个参数"),
    ("w₁w₂ = 1", "zh", "w 一 w 二等于一"),
    ("高度为 L(θ′)", "zh", "高度为 L (theta prime)"),
])
def test_measured_misreadings_are_rewritten(text, lang, expected):
    assert normalise(text, lang) == expected
    assert unreadable(expected, lang) == []


@pytest.mark.parametrize("raw, lang", [("10^-6", "en"), ("x²", "en"), ("w1", "en"), ("e.g. so", "en"),
                                       ("at −2", "en"), ("2e-07", "en"), ("λ", "en"), ("只剩 −2", "zh"),
                                       ("λ 全部为正", "zh"), ("有 172 个", "zh"), ("loss是", "zh")])
def test_the_check_finds_what_the_voice_would_misread(raw, lang):
    assert unreadable(raw, lang)


def _readings_of_wei(text: str) -> list[str]:
    """The pinyin of every 为 as misaki's Chinese front end reads it: jieba words, then pypinyin per word."""
    import jieba
    from pypinyin import Style, lazy_pinyin

    from saddle.voice.engine import _chinese_front_end

    _chinese_front_end()  # installs the phrase fixes
    readings = []
    for word in jieba.lcut(text):
        hanzi = re.findall(r"[\u4e00-\u9fff]", word)
        pinyins = lazy_pinyin(word, style=Style.TONE3, neutral_tone_with_five=True) if hanzi else []
        readings += [pinyin for character, pinyin in zip(hanzi, pinyins, strict=True) if character == "为"]
    return readings


@pytest.mark.parametrize("key", sorted(key for key in STRINGS if "为" in STRINGS[key]["zh"]))
def test_wei_reads_wei2_where_it_means_is(key):
    text = STRINGS[key]["zh"]
    meaning_for = len(re.findall("因为|为什么|为了", text))  # wèi: because, why, in order to
    readings = _readings_of_wei(text)
    assert sorted(readings) == sorted(["wei4"] * meaning_for + ["wei2"] * (len(readings) - meaning_for))
