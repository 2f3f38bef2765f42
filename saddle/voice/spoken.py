"""What the voice says: each subtitle line rewritten for the ear, per language.

The subtitles are written for the eye (θ′, w₁w₂ = 1, 10⁻⁶, vᵀHv). The voice's front ends misread them: English
reads "10^-6" as "ten six" and "e.g." letter by letter; the Chinese front end drops the sign of "−2" and passes
Greek letters and digits through raw. So every line goes through a normaliser of its language, and a catalogue
entry may give a `spoken` form of its own where rules cannot do it (scenes/catalogue/*). `unreadable` lists what
a normalised line still holds that the voice would drop or misread; a test runs it over the whole catalogue."""

from __future__ import annotations

import re

import cn2an

SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
SUBSCRIPT = {"₀": "0", "₁": "1", "₂": "2", "₃": "3", "₊": "+", "₋": "-"}
MINUS = "−"  # U+2212, the typographic minus of the subtitles

# Symbols read the same way wherever they stand, per language (multi-character keys first).
WORDS = {
    "en": {"e.g.": "for example", "i.e.": "that is", "θ′": "theta prime", "ŷ": "y hat", "≈": " about ",
           "≤": " at most ", "≥": " at least ", "<": " less than ", ">": " greater than ", "=": " equals ",
           "→": ", to ", "+": " plus ", "×": " by ", "·": " times ", "ᵀ": " transpose ", "√": " root ",
           "–": " to ", "±": " plus or minus ", "&": " and ", "%": " percent", '"': "", "θ": "theta",
           "λ": "lambda", "η": "eta", "τ": "tau", "φ": "phi",
           "TB": "terabytes", "L-BFGS": "L B F G S", "tanh": "tanch", "ln ": "log ", "float32": "float thirty-two",
           "1-D": "one D", "2-D": "two D", "N-term": "N term", "scikit-learn": "psychic learn"},
    "zh": {"θ′": " theta prime ", "ŷ": " y hat ", "≈": "约等于", "≤": "小于等于", "≥": "大于等于", "<": "小于",
           ">": "大于", "=": "等于", "→": "，到", "+": "加", "×": "乘", "·": "乘", "ᵀ": " transpose ", "√": "根号",
           "–": "到", "±": "正负", "&": " and ", "%": "百分之", '"': "", "-向量": " 向量", "θ": " theta ",
           "λ": " lambda ", "η": " eta ", "τ": " tau ", "φ": " phi ",
           "TB": " terabyte ", "L-BFGS": " L B F G S ", "tanh": " tanch ", "ln ": " log ", "float32": " float 32 ",
           "N-term": " N term ", "scikit-learn": " psychic learn ", "《": "", "》": "", "「": "", "」": ""},
}
SUBSCRIPT_WORDS = {"en": {"+": " plus", "-": " minus"}, "zh": {"+": " 正", "-": " 负"}}
SQUARED = {"en": " squared", "zh": " 的平方"}
POWER = {"en": "ten to the {}", "zh": "十的{}次方"}
TIMES_POWER = {"en": "{} times ten to the {}", "zh": "{}乘十的{}次方"}
NORM = {"en": " the norm of {}", "zh": " {} 的范数"}
ABSOLUTE = {"en": " the absolute value of {}", "zh": " {} 的绝对值"}
OVER = {"en": " over ", "zh": "除以"}
BINARY_MINUS = {"en": " minus ", "zh": "减"}
NEGATIVE = {"en": "minus ", "zh": "负"}

_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"  # 2,305 is one number; in (0, 0) the comma parts two
# Characters a line may hold once normalised: what each front end reads as words.
READABLE = {"en": re.compile(r"[A-Za-z0-9 ,.;:!?'()\-\n]"),
            "zh": re.compile(r"[\u4e00-\u9fffA-Za-z ,.;:!?'()，。：；！？、（）“”\n]")}
# Spellings a front end misreads although every character is readable.
MISREAD = {"en": [(re.compile(r"\b[A-Za-z]\d"), "letter glued to a digit (read as one word)"),
                  (re.compile(r"\b(?:e\.g|i\.e)\."), "abbreviation read letter by letter"),
                  (re.compile(r"\de-?\d"), "number in e-notation"),
                  (re.compile(r"(?<![A-Za-z])-|-(?![A-Za-z])"), "a sign or dash the voice drops")],
           "zh": [(re.compile(r"[A-Za-z]*[\u4e00-\u9fff][A-Za-z]|[A-Za-z][\u4e00-\u9fff]"),
                   "Latin letters glued to Chinese characters")]}


DIGIT_NAMES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
         "nineteen")
TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
#: A bare four-digit number from 1100 to 2099 is a year unless a lower-case word follows it, what it counts
#: ("1453. Constantinople", "in 1453, …" but "1797 images"); counts of more are written with separators (2,305).
#: English says a year in pairs (1453: "fourteen fifty-three"); Chinese digit by digit before 年.
_YEAR = re.compile(r"(?<![\d.,\u2009])(1[1-9]\d\d|20\d\d)(?![\d\u2009]|[.,]\d|\s+[a-z])")
#: A decimal, wherever it stands: espeak-ng (through phonemizer's punctuation split) reads the point of "0.05." or
#: of "1.00 then" as a full stop ("zero. zero five"), so English says the point and each digit after it in words.
_DECIMAL = re.compile(r"(?<![\d.])(\d+)\.(\d+)(?![.,]?\d)")


def _below_hundred(number: int) -> str:
    if number < 10:
        return DIGIT_NAMES[number]
    if number < 20:
        return TEENS[number - 10]
    return TENS[number // 10] + (f"-{DIGIT_NAMES[number % 10]}" if number % 10 else "")


def english_year(year: int) -> str:
    """1453 → "fourteen fifty-three", 1900 → "nineteen hundred", 1905 → "nineteen oh five", 2008 → "two thousand
    eight", 2024 → "twenty twenty-four"."""
    high, low = divmod(year, 100)
    if 2000 <= year < 2010:
        return "two thousand" + (f" {DIGIT_NAMES[low]}" if low else "")
    if low == 0:
        return f"{_below_hundred(high)} hundred"
    return f"{_below_hundred(high)} {'oh ' + DIGIT_NAMES[low] if low < 10 else _below_hundred(low)}"


def _english_numbers(text: str) -> str:
    """Years as years and decimals with their point said, wherever they stand in the line."""
    text = _YEAR.sub(lambda m: english_year(int(m.group(1))), text)
    return _DECIMAL.sub(lambda m: f"{m.group(1)} point " + " ".join(DIGIT_NAMES[int(d)] for d in m.group(2)), text)


def _replace_all(text: str, table: dict[str, str]) -> str:
    for symbol in sorted(table, key=len, reverse=True):
        text = text.replace(symbol, table[symbol])
    return text


def _signed_number(number: str, lang: str) -> str:
    """A number with its sign said: "−2" → "minus 2" / "负二"; Chinese numbers in characters (cn2an)."""
    negative = number.startswith("-")
    digits = number.lstrip("-").replace(",", "") if lang == "zh" else number.lstrip("-")
    if lang == "zh":
        digits = cn2an.an2cn(digits)
    return (NEGATIVE[lang] if negative else "") + digits


def _powers(text: str, lang: str) -> str:
    """Powers of ten, e-notation and lists of numbers, before their symbols are read one by one."""
    text = re.sub(r"10\^\{?([-−]?\d+)\}?|10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)",
                  lambda m: POWER[lang].format(_signed_number((m.group(1) or m.group(2).translate(SUPERSCRIPT))
                                                             .replace(MINUS, "-"), lang)), text)
    text = re.sub(rf"([-−]?{_NUMBER})e([+-]?\d+)\b",
                  lambda m: TIMES_POWER[lang].format(_signed_number(m.group(1).replace(MINUS, "-"), lang),
                                                     _signed_number(str(int(m.group(2))), lang)), text)
    text = re.sub(r"(?<=\d)[\u2009\u202f\u00a0](?=\d{3})", "", text)  # 100 000 (thin space): one number
    text = re.sub(r"\b(\d+(?:/\d+)+)\b", lambda m: ", ".join(m.group(1).split("/")), text)  # widths 6/8/10/12
    if lang == "zh":  # a year is read digit by digit
        text = re.sub(r"(\d{4})\s*年", lambda m: "".join(cn2an.an2cn(d) for d in m.group(1)) + "年", text)
    return text


def _notation(text: str, lang: str) -> str:
    """Norms, absolute values, squares, subscripts, and a minus between two operands."""
    text = re.sub(r"‖([^‖]+)‖(²?)", lambda m: NORM[lang].format(m.group(1)) + (SQUARED[lang] if m.group(2) else ""),
                  text)
    text = re.sub(r"\|([^|]+)\|", lambda m: ABSOLUTE[lang].format(m.group(1)), text)
    text = re.sub(r"(\S)²", lambda m: m.group(1) + SQUARED[lang], text)
    text = re.sub("[₀₁₂₃₊₋]", lambda m: SUBSCRIPT_WORDS[lang].get(SUBSCRIPT[m.group(0)], " " + SUBSCRIPT[m.group(0)])
                  + " ", text)
    text = re.sub(r"\b([A-Za-z])(\d)\b", r"\1 \2", text)  # w1 → w 1
    text = re.sub(r"(?<=\S)\s[-−]\s(?=\S)", BINARY_MINUS[lang], text)  # θ − θ′
    return re.sub(r"\s/\s", OVER[lang], text)


def _signs(text: str, lang: str) -> str:
    """A minus left over is a sign ("= −2", "−w₂"); Chinese numbers are then written in characters (cn2an)."""
    text = re.sub(rf"(?<![A-Za-z0-9])[-−]\s?({_NUMBER}|[A-Za-z])", lambda m: (
        _signed_number("-" + m.group(1), lang) if m.group(1)[0].isdigit() else NEGATIVE[lang] + m.group(1)), text)
    if lang == "zh":
        text = re.sub(_NUMBER, lambda m: _signed_number(m.group(0), lang), text)
    return text


def normalise(text: str, lang: str) -> str:
    """The line as the voice should say it."""
    text = _signs(_replace_all(_notation(_powers(text, lang), lang), WORDS[lang]), lang)
    text = re.sub(r"\b([A-Z])([uvw])\b", r"\1 \2", text)  # Hv → H v, not the word "hv"
    if lang == "en":
        text = _english_numbers(text)
    if lang == "zh":
        text = re.sub(r"([A-Za-z][A-Za-z' ]*[A-Za-z]|[A-Za-z])", r" \1 ", text)  # Latin words apart from 汉字
    text = re.sub(r"[ \t]+", " ", text)
    text = re.sub(r"(?<=[\u4e00-\u9fff，。：；！？、]) (?=[\u4e00-\u9fff，。：；！？、])", "", text)
    return re.sub(r" ([,.;:!?，。：；！？、)）])", r"\1", text).replace("( ", "(").strip()


def unreadable(spoken: str, lang: str) -> list[str]:
    """What the voice would drop or misread in a normalised line (empty when it reads cleanly)."""
    problems = [f"{ch!r} (U+{ord(ch):04X})" for ch in dict.fromkeys(spoken) if not READABLE[lang].match(ch)]
    problems += [f"{m.group(0)!r}: {why}" for pattern, why in MISREAD[lang] for m in [pattern.search(spoken)] if m]
    return problems
