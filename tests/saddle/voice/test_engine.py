"""The voice engine on a few short lines (the model loads once per test process): same inputs give the same bytes,
every line is at the common level, Chinese gets tones and English words in English, and a damaged model or an
unknown voice is refused in one line."""

from __future__ import annotations

import hashlib
import math

import numpy as np
import pyloudnorm
import pytest
from scipy.signal import resample_poly

from saddle.production.plan import Settings
from saddle.voice.assets import MODEL_SHA256, VoiceError, model_path, voice_style
from saddle.voice.engine import (
    PEAK_CEILING,
    SAMPLE_RATE,
    TARGET_LUFS,
    level,
    phonemes,
    synthesise,
    write_wav,
)


@pytest.fixture(scope="module")
def english():
    return synthesise("The gradient is small.", "en", "af_heart", Settings.rate)


def test_same_line_same_bytes(english, tmp_path):
    again = synthesise("The gradient is small.", "en", "af_heart", Settings.rate)
    write_wav(tmp_path / "a.wav", english)
    write_wav(tmp_path / "b.wav", again)
    assert (tmp_path / "a.wav").read_bytes() == (tmp_path / "b.wav").read_bytes()


def test_a_line_is_at_the_common_level(english):
    loudness = pyloudnorm.Meter(SAMPLE_RATE).integrated_loudness(english.astype(np.float64))
    true_peak = 20 * math.log10(np.abs(resample_poly(english.astype(np.float64), 8, 1)).max())  # finer than 4x
    assert abs(loudness - TARGET_LUFS) < 0.5
    assert true_peak < PEAK_CEILING + 0.2 < -1.0
    assert 0.8 < english.size / SAMPLE_RATE < 3.0


def test_levelling_a_quiet_recording_brings_it_up_without_clipping():
    rng = np.random.default_rng(3)
    time = np.arange(44_100) / 44_100
    quiet = (0.02 * np.sin(2 * np.pi * 220 * time) * (1 + rng.random(time.size))).astype(np.float32)
    levelled = level(quiet, 44_100)
    assert levelled.size == 48_000
    assert abs(pyloudnorm.Meter(SAMPLE_RATE).integrated_loudness(levelled.astype(np.float64)) - TARGET_LUFS) < 0.5
    assert np.abs(levelled).max() < 10 ** (-1 / 20)


def test_chinese_has_tones_and_says_english_words_in_english():
    said = phonemes("gradient 只剩负二", "zh")
    english_word = phonemes("gradient", "en")
    assert said.startswith(english_word)
    assert any(tone in said for tone in "→↗↓↘")
    assert "gradient" not in said  # not passed through raw to the Chinese voice


def test_the_model_is_the_published_one():
    assert hashlib.sha256(model_path().read_bytes()).hexdigest() == MODEL_SHA256


def test_a_damaged_model_is_refused_in_one_line(tmp_path):
    (tmp_path / "kokoro-v1.0.int8.onnx").write_bytes(b"not the model")
    with pytest.raises(VoiceError, match=r"^the voice model .* has sha256 .*; delete it and run `make setup` again$"):
        model_path(tmp_path)


def test_an_unknown_or_missing_voice_is_refused(tmp_path):
    with pytest.raises(VoiceError, match="unknown voice 'af_nobody'"):
        voice_style("af_nobody")
    with pytest.raises(VoiceError, match="voice af_heart is not installed"):
        voice_style("af_heart", tmp_path)


def test_a_slower_rate_says_the_same_line_longer():
    line = "The gradient is small, and the Hessian has a negative eigenvalue."
    slow, own_pace = (synthesise(line, "en", "af_heart", rate) for rate in (0.8, 1.0))
    assert slow.size > 1.15 * own_pace.size


def test_the_rate_is_part_of_the_audio_cache_key(tmp_path):
    from saddle.production.voice_lines import Line, source

    line = Line("S", "s.key", "The gradient is small.", "The gradient is small.")
    paths = {source(line, Settings(voice="af_heart", rate=rate), tmp_path).audio for rate in (0.9, 1.0, 0.9)}
    assert len(paths) == 2
