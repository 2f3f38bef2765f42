"""Speech from a spoken line: phonemes per language, Kokoro-82M through onnxruntime (both cores), then the level
every line shares (about −16 LUFS, true peak below −1 dBTP) at the 48 kHz of the deliverables.

English phonemes come from espeak-ng (bundled with kokoro-onnx). Chinese ones from misaki's ZHG2P, whose
jieba + pypinyin read 为 as wèi in 为零 / 设为 / 为负: the phrases below fix that. English words inside a Chinese
line (loss, gradient, Hessian — said in English in the lecture) get English phonemes instead of passing raw."""

from __future__ import annotations

import os
import re
import wave
from functools import cache
from pathlib import Path

import numpy as np
from scipy.signal import resample_poly

from saddle.voice.assets import (
    PEAK_CEILING,
    SAMPLE_RATE,
    TARGET_LUFS,
    VOICE_HOME,
    VoiceError,
    model_path,
    voice_style,
)
from saddle.voice.lexicon import ENGLISH_IN_CHINESE, phonemise

#: 为 is wéi ("is", "as") in these phrases and on its own; jieba + pypinyin read it wèi. 因为, 为什么 and 为了
#: keep wèi from pypinyin's phrase dictionary.
WEI_PHRASES = {"为零": ["líng"], "为正": ["zhèng"], "为负": ["fù"], "设为": ["shè"], "全为": ["quán"],
               "称为": ["chēng"], "为例": ["lì"]}
#: An article just before a lexicon word ends the text espeak-ng is given, which then says the letter ("a" /ˈeɪ/):
#: the weak forms it says inside a sentence instead.
_ARTICLE_AT_END = re.compile(r"(?:^|(?<=\s))(a|an)$", re.IGNORECASE)
_WEAK_FORMS = {"a": "ɐ", "an": "ɐn"}
_LATIN = re.compile(r"[A-Za-z][A-Za-z' -]*[A-Za-z]|[A-Za-z]")


def _wei_fixes() -> None:
    import jieba
    import pypinyin

    jieba.setLogLevel(60)
    phrases = {}
    for phrase, other in WEI_PHRASES.items():
        jieba.add_word(phrase, freq=100_000)
        phrases[phrase] = [["wéi"], [other[0]]] if phrase.startswith("为") else [[other[0]], ["wéi"]]
    pypinyin.load_phrases_dict(phrases)
    pypinyin.load_single_dict({ord("为"): "wéi,wèi"})  # 为 on its own (角度为 φ, 统称为): "is", "as"


@cache
def _chinese_front_end():
    from misaki.zh import ZHG2P

    _wei_fixes()
    return ZHG2P(version=None)


@cache
def _kokoro():
    """The model, loaded once per process (about 1.5 s), run on every core. Idle threads sleep instead of spinning:
    on a machine shared with renders, spinning cost 40 % more CPU for the same line and was slower."""
    import onnxruntime
    from kokoro_onnx import Kokoro

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = os.cpu_count() or 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    session = onnxruntime.InferenceSession(str(model_path()), options, providers=["CPUExecutionProvider"])
    return Kokoro.from_session(session, str(voices_file()))


def voices_file(home: Path = VOICE_HOME) -> Path:
    """kokoro-onnx wants its voices in one .npz file: made once from the installed voice files."""
    target = home / "voices.npz"
    if not target.exists():
        from saddle.voice.assets import VOICES

        styles = {name: voice_style(name, home) for name in VOICES if (home / "voices" / f"{name}.bin").exists()}
        with open(target.with_suffix(".partial.npz"), "wb") as handle:
            np.savez(handle, **styles)  # type: ignore[arg-type]  # numpy's stub types the keywords as allow_pickle
        target.with_suffix(".partial.npz").replace(target)
    return target


def phonemes(spoken: str, lang: str) -> str:
    """What the model is given: the lexicon's words with their own phonemes (saddle/voice/lexicon.toml), the rest
    through the language's front end. In Chinese, Latin words are phonemised as English between the Chinese parts,
    from the en-CN table (the Chinese voice's own forms of some English words, then [en])."""
    tokenizer = _kokoro().tokenizer

    def espeak(text: str) -> str:
        article = _ARTICLE_AT_END.search(text)
        if article is None:
            return tokenizer.phonemize(text, "en-us")
        before = text[:article.start()].strip()
        return " ".join([*([tokenizer.phonemize(before, "en-us")] if before else []),
                         _WEAK_FORMS[article.group(1).lower()]])

    def english(text: str, table: str = "en") -> str:
        return phonemise(text, table, espeak)

    if lang == "en":
        return english(spoken)
    zh = _chinese_front_end()
    parts = []
    for index, segment in enumerate(_LATIN.split(spoken)):
        if segment.strip():
            parts.append(phonemise(segment, "zh", lambda rest: zh(rest)[0]))
        if index < len(latin := _LATIN.findall(spoken)):
            parts.append(english(latin[index], ENGLISH_IN_CHINESE))
    return " ".join(part.strip() for part in parts if part.strip())


def true_peak_db(audio: np.ndarray, rate: int = SAMPLE_RATE) -> float:
    """Peak of the signal between samples too (4x oversampling, as BS.1770 asks), in dB of full scale."""
    oversampled = resample_poly(audio.astype(np.float64), 4, 1) if rate <= 48_000 else audio
    peak = float(np.max(np.abs(oversampled))) if oversampled.size else 0.0
    return 20 * np.log10(peak) if peak > 0 else -np.inf


def loudness_lufs(audio: np.ndarray, rate: int = SAMPLE_RATE) -> float:
    """Integrated loudness (ITU-R BS.1770-4, pyloudnorm); short lines are padded with silence, which the gate drops."""
    import pyloudnorm

    padded = np.pad(audio.astype(np.float64), (0, max(0, int(0.5 * rate) - audio.size)))
    return float(pyloudnorm.Meter(rate).integrated_loudness(padded))


def _limit(audio: np.ndarray, ceiling_db: float, rate: int) -> np.ndarray:
    """A look-ahead peak limiter: the gain each sample needs (from its 4x-oversampled peak) is held over ±5 ms
    and smoothed over 5 ms, so it never exceeds what any nearby peak needs and never clicks."""
    from scipy.ndimage import minimum_filter1d, uniform_filter1d

    peaks = np.abs(resample_poly(audio, 4, 1)).reshape(-1, 4).max(axis=1)[:audio.size]
    needed = np.minimum(1.0, 10 ** (ceiling_db / 20) / np.maximum(peaks, 1e-12))
    window = int(0.005 * rate)
    held = minimum_filter1d(needed, 2 * window + 1, mode="nearest")
    return audio * np.minimum(uniform_filter1d(held, window + 1, mode="nearest"), held)


def level(audio: np.ndarray, rate: int) -> np.ndarray:
    """At 48 kHz and the common loudness (−16 LUFS), peaks limited under the ceiling: speech peaks ~12 dB above
    its loudness, so plain gain alone would leave it at −18 LUFS."""
    audio = audio.astype(np.float64)
    if rate != SAMPLE_RATE:
        divisor = np.gcd(rate, SAMPLE_RATE)
        audio = resample_poly(audio, SAMPLE_RATE // divisor, rate // divisor)
    for _ in range(3):  # limiting lowers the loudness a little: gain and limit again
        audio = _limit(audio * 10 ** ((TARGET_LUFS - loudness_lufs(audio)) / 20), PEAK_CEILING, SAMPLE_RATE)
    audio *= 10 ** (min(0.0, PEAK_CEILING - true_peak_db(audio)) / 20)
    return audio.astype(np.float32)


def synthesise(spoken: str, lang: str, voice: str, speed: float) -> np.ndarray:
    """The line spoken by the voice at `speed` (Kokoro's: 1.0 is its own pace): float32 at 48 kHz, silence
    trimmed at both ends, levelled."""
    audio, rate = _kokoro().create(phonemes(spoken, lang), voice=voice_style(voice), speed=speed, is_phonemes=True)
    # Kokoro leaves a quiet tail after the words: trimmed, so that the subtitle cue ends where the words end
    return level(trim(np.asarray(audio, dtype=np.float32), rate), rate)


def trim(audio: np.ndarray, rate: int, floor_db: float = -45.0, margin: float = 0.03) -> np.ndarray:
    """A line without its silence before and after (10 ms windows quieter than floor_db below the loudest), so
    the subtitle cue spans the words."""
    window = max(1, int(0.01 * rate))
    frames = audio[: audio.size // window * window].reshape(-1, window).astype(np.float64)
    energy = 10 * np.log10(np.mean(frames ** 2, axis=1) + 1e-20)
    loud = np.flatnonzero(energy > energy.max() - abs(floor_db)) if energy.size else np.array([], int)
    if not loud.size:
        raise VoiceError("a recording is silent")
    pad = int(margin * rate)
    return audio[max(0, loud[0] * window - pad): (loud[-1] + 1) * window + pad]


def write_wav(path: Path, audio: np.ndarray, rate: int = SAMPLE_RATE) -> None:
    """16-bit mono WAV (what manim's add_sound reads without conversion)."""
    samples = np.clip(np.round(audio * 32767), -32768, 32767).astype("<i2")
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(samples.tobytes())


def read_wav(path: Path) -> tuple[np.ndarray, int]:
    """A WAV file as mono float32 and its rate (PCM 16/24/32-bit; channels are averaged)."""
    with wave.open(str(path), "rb") as source:
        width, channels, rate = source.getsampwidth(), source.getnchannels(), source.getframerate()
        raw = source.readframes(source.getnframes())
    if width == 3:
        padded = np.frombuffer(raw, np.uint8).reshape(-1, 3)
        samples = (np.pad(padded, ((0, 0), (1, 0))).view("<i4").ravel() >> 8).astype(np.float64) / 2 ** 23
    else:
        kinds = {1: ("u1", 128, 128), 2: ("<i2", 0, 2 ** 15), 4: ("<i4", 0, 2 ** 31)}
        kind, offset, scale = kinds[width]
        samples = (np.frombuffer(raw, kind).astype(np.float64) - offset) / scale
    return samples.reshape(-1, channels).mean(axis=1).astype(np.float32), rate
