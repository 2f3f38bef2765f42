"""The pronunciation lexicon (saddle/voice/lexicon.toml) as the voice receives it: every word's phonemes are
exactly what Kokoro is given, alone, inside a sentence and (English terms) inside a Chinese line; every eigen-
word the lecture says is listed; years are said as years and decimals keep their point wherever they stand."""

from __future__ import annotations

import re
import tomllib

import pytest

from saddle.voice.engine import _kokoro, phonemes
from saddle.voice.lexicon import ENGLISH_IN_CHINESE, LEXICON_FILE, lexicon, phonemise
from saddle.voice.spoken import english_year, normalise
from scenes.catalogue import STRINGS

ENGLISH = sorted(lexicon()["en"].items())
CHINESE = sorted(lexicon()["zh"].items())
ENGLISH_IN_CHINESE_LINES = sorted(lexicon()[ENGLISH_IN_CHINESE].items())
ZERO_POINT_ZERO_FIVE = "zˈiəɹoʊ pˈɔɪnt zˈiəɹoʊ fˈaɪv"


@pytest.mark.parametrize("word, said", ENGLISH)
def test_an_english_word_reaches_the_model_as_listed(word, said):
    assert phonemes(word, "en") == said
    assert phonemes(word.capitalize(), "en") == said
    assert phonemes(f"So the {word}, then more.", "en") == f"sˈoʊ ðə {said}, ðˈɛn mˈɔːɹ."


@pytest.mark.parametrize("word, said", ENGLISH_IN_CHINESE_LINES)
def test_an_english_term_in_a_chinese_line_is_said_in_english_as_listed(word, said):
    assert phonemes(f"这是 {word} 的例子。", "zh") == f"ꭧɤ↘ʂɨ↘ {said} tɤ li↘ʦɨ."


def test_the_chinese_voices_own_english_forms_stay_in_chinese_lines():
    """[en-CN] is for the Chinese voice: the English lecture keeps espeak-ng's "local" and "loss"; every [en] word
    not overridden is said in Chinese lines as in English."""
    own = tomllib.loads(LEXICON_FILE.read_text(encoding="utf-8"))[ENGLISH_IN_CHINESE]
    assert own and {word.lower() for word in own}.isdisjoint(lexicon()["en"])
    assert lexicon()[ENGLISH_IN_CHINESE] == lexicon()["en"] | {word.lower(): said for word, said in own.items()}
    assert phonemes("这是 local minima 的 loss 值。", "zh") == "ꭧɤ↘ʂɨ↘ lˈoʊkʰəl mˈɪnɪmə tɤ lˈɒs ꭧɨ↗."
    assert phonemes("The local loss.", "en") == "ðə lˈoʊkəl lˈɔs."


@pytest.mark.parametrize("word, said", CHINESE)
def test_a_chinese_word_reaches_the_model_as_listed(word, said):
    assert phonemes(word, "zh") == said
    assert said in phonemes(f"在{word}里。", "zh")


def test_espeak_gets_eigen_wrong_without_the_lexicon():
    """The lexicon is what makes the difference (/ˈaɪdʒən/, "eye-jen", from espeak-ng alone)."""
    assert _kokoro().tokenizer.phonemize("eigenvalue", "en-us").startswith("ˈaɪdʒən")
    assert phonemes("eigenvalue", "en").startswith("ˈaɪɡən")


def test_every_phoneme_of_the_lexicon_is_in_the_models_vocabulary():
    vocabulary = _kokoro().tokenizer.vocab
    assert {(word, ch) for words in lexicon().values() for word, said in words.items() for ch in said
            if ch not in vocabulary} == set()


def test_every_eigen_word_of_the_lecture_is_in_the_lexicon():
    said = {word.lower() for entry in STRINGS.values() for text in entry.values() if isinstance(text, str)
            for word in re.findall(r"\beigen[\w-]*", text, re.IGNORECASE)}
    assert said and said <= set(lexicon()["en"])


def test_possessives_hyphens_and_articles_next_to_a_lexicon_word():
    """Hessian's and Hessian-vector keep the listed sound; an article cut off before a listed word is said weak
    (espeak-ng alone says the letter: "a" /ˈeɪ/)."""
    assert phonemes("the Hessian's eigenvalues", "en") == "ðə hˈɛsiənz ˈaɪɡənvˌæljuːz"
    assert phonemes("a Hessian-vector product", "en") == "ɐ hˈɛsiən vˈɛktɚ pɹˈɑːdʌkt"
    assert phonemes("It has a negative eigenvalue and an eigenvalue.", "en") == (
        "ɪt hɐz ɐ nˈɛɡətˌɪv ˈaɪɡənvˌæljuː ænd ɐn ˈaɪɡənvˌæljuː.")
    assert phonemes("Adam's and Lanczos's", "en") == "ˈædæmz ænd lˈɑːntʃoʊsᵻz"


def test_the_front_end_sees_only_the_text_between_lexicon_words():
    seen: list[str] = []
    line = "The eigenvalues of the Hessian, and Lanczos."
    said = phonemise(line, "en", lambda text: seen.append(text) or text.upper())
    assert seen == ["The", "of the", ", and", "."]
    assert said == "THE ˈaɪɡənvˌæljuːz OF THE hˈɛsiən, AND lˈɑːntʃoʊs."


@pytest.mark.parametrize("line", [
    "0.05 is the step.",  # start of a line and of a sentence
    "The step is 0.05 here.",  # middle of a sentence
    "The step is 0.05. Then it grows.",  # end of a sentence, not of the line
    "It stops. 0.05 is the step.",  # start of a sentence, not of the line
    "The step is 0.05",  # end of a line without a full stop
    "The step is 0.05.",  # end of a line
    "The step is 0.05, then less.",  # before a comma
])
def test_a_decimal_keeps_its_point_wherever_it_stands(line):
    said = phonemes(normalise(line, "en"), "en")
    assert said.count(ZERO_POINT_ZERO_FIVE) == 1
    assert "zˈiəɹoʊ." not in said


@pytest.mark.parametrize("number, words", [("1.00", "1 point zero zero"), ("0.012.", "0 point zero one two."),
                                           ("−0.25", "minus 0 point two five"), ("2.5e+03", "2 point five times ten "
                                                                                          "to the 3")])
def test_decimals_are_written_with_their_point_said(number, words):
    assert normalise(number, "en") == words


@pytest.mark.parametrize("year, words", [(1453, "fourteen fifty-three"), (1900, "nineteen hundred"),
                                         (1905, "nineteen oh five"), (2008, "two thousand eight"),
                                         (2024, "twenty twenty-four"), (1210, "twelve ten")])
def test_years_are_said_as_years(year, words):
    assert english_year(year) == words


def test_the_lectures_year_is_said_as_a_year_in_both_languages():
    assert normalise("1453. Constantinople is about to fall.", "en").startswith("fourteen fifty-three. ")
    assert phonemes(normalise("1453.", "en"), "en") == "fˈɔːɹtiːn fˈɪftiθɹˈiː."
    assert normalise("1453 年，君士坦丁堡", "zh").startswith("一四五三年，")
    counts = "2,305 and 100\u2009000 and 12345, trained on 1797 images"
    assert normalise(counts, "en") == "2,305 and 100000 and 12345, trained on 1797 images"  # counts, not years
    assert normalise("In 1453, the city fell.", "en") == "In fourteen fifty-three, the city fell."


def test_the_letter_n_is_held_where_it_stands_alone():
    """Said short, the letter was heard "and" ("3 to the end of them"); a word containing n is left alone."""
    assert phonemes("3 to the n of them, an N-term", "en") == "θɹˈiː tə ðə ˈɛːn ʌv ðˌɛm, ɐn ˈɛːn tˈɜːm"
    assert "ˈɛːn" not in phonemes("Then an entry in the network.", "en")


def test_a_lexicon_entry_makes_again_only_the_lines_that_say_it(monkeypatch, tmp_path):
    """A line's audio is keyed by the phonemes the model is given: a new Lanczos re-makes the English line that
    says it and not the line beside it; the Chinese voice's own "loss" (en-CN) re-makes the Chinese line with loss
    in it, and neither the other Chinese line nor the English line that says loss."""
    from saddle.production.plan import Settings
    from saddle.production.voice_lines import Line, source

    lines = {("en", "af_heart", "name"): "Lanczos finds the extreme eigenvalues.",
             ("en", "af_heart", "other"): "The gradient is small, and so is the loss.",
             ("zh", "zf_xiaobei", "loss"): "这个 loss 很小。", ("zh", "zf_xiaobei", "other"): "梯度很小。"}

    def audio_paths():
        return {(lang, name): source(Line("S", name, text, text), Settings(lang=lang, voice=voice), tmp_path).audio
                for (lang, voice, name), text in lines.items()}

    before = audio_paths()
    monkeypatch.setitem(lexicon()["en"], "lanczos", "lˈæŋkzoʊz")
    monkeypatch.setitem(lexicon()[ENGLISH_IN_CHINESE], "loss", "lˈɑːs")
    after = audio_paths()
    assert {line for line in before if before[line] != after[line]} == {("en", "name"), ("zh", "loss")}
