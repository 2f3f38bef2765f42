"""The lecture's spoken lines: which lines each scene says (learnt by running it with animations skipped), where
each line's audio comes from (the lecturer's recording, the synthetic voice, or nowhere), synthesis of what is
missing from the cache, and the manifest a render is handed (scenes/kit/narration.py reads it).

Audio is cached in renders/.voice/audio/ under the sha256 of what makes it: the phonemes the model is given, the
voice, its rate, the model's hash, the engine settings and the runtime that runs the model (or a recording's bytes).
A render with unchanged words synthesises nothing, and a lexicon entry or a front end's change synthesises again
only the lines whose phonemes it changes (a key made of the text and the whole lexicon re-made every line)."""

from __future__ import annotations

import hashlib
import json
import subprocess
import tempfile
import wave
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version
from pathlib import Path

import numpy as np

from saddle.production.plan import ROOT, SceneEntry, Settings, sources_digest
from saddle.safety import atomic_output, write_text
from saddle.voice.assets import MODEL_SHA256, SETTINGS, VoiceError, voice_language
from saddle.voice.spoken import normalise
from scenes.job import Narration, RenderJob

RUNTIME = ("kokoro-onnx", "onnxruntime")  # what turns the phonemes into sound, besides the model and the voice


@dataclass(frozen=True)
class Line:
    scene: str
    key: str
    text: str  # the subtitle
    spoken: str  # what the voice says: the catalogue's spoken form, or the normalised subtitle


@dataclass(frozen=True)
class Source:
    kind: str  # "recording", "synthetic" or "missing"
    audio: Path | None  # the levelled 48 kHz WAV in the cache
    origin: Path | None = None  # the recording it is made from

    @property
    def ready(self) -> bool:
        return self.audio is not None and self.audio.exists()


def voice_folder(renders: Path) -> Path:
    return renders / ".voice"


def _digest(*parts) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def _collect(entry: SceneEntry, lang: str, renders: Path, cache: Path) -> list[dict]:
    """Run the scene with animations skipped and a manifest asking it to write down every line it says. Formulas
    go to the render's own LaTeX cache, so the render after it compiles none again."""
    from saddle.production.launch import manim_command, manim_config, manim_environment

    with tempfile.TemporaryDirectory(prefix=".partial-collect-", dir=voice_folder(renders)) as work:
        said = Path(work, "said.jsonl")
        job = RenderJob(scene=entry.name, lang=lang, narration=Narration(collect=str(said)))
        command = manim_command(job, entry.path, manim_config(Path(work), cache / entry.name), "-s", "-v", "WARNING")
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False,
                                env=manim_environment(job, Path(work, "job.json")))
        if result.returncode != 0:
            last = (result.stderr.strip().splitlines() or ["no output"])[-1]
            raise VoiceError(f"{entry.name}: could not list its spoken lines: {last[:200]}")
        return [json.loads(row) for row in said.read_text(encoding="utf-8").splitlines()] if said.exists() else []


def scene_lines(entries: list[SceneEntry], lang: str, renders: Path, cache: Path,
                jobs: int = 1) -> dict[str, list[Line]]:
    """Each scene's lines in the order said, from the cache when the scene's sources did not change."""
    voice_folder(renders).mkdir(parents=True, exist_ok=True)

    def lines_of(entry: SceneEntry) -> list[Line]:
        store = voice_folder(renders) / "lines" / lang / f"{entry.name}.json"
        key = _digest(sources_digest(entry), lang, version("manim"))
        cached = json.loads(store.read_text(encoding="utf-8")) if store.exists() else {}
        if cached.get("key") != key:
            cached = {"key": key, "lines": _collect(entry, lang, renders, cache)}
            write_text(store, json.dumps(cached, ensure_ascii=False, indent=1))
        return [Line(entry.name, row["key"], row["text"], row["spoken"] or normalise(row["text"], lang))
                for row in cached["lines"]]

    with ThreadPoolExecutor(max(1, jobs)) as pool:
        return dict(zip((entry.name for entry in entries), pool.map(lines_of, entries)))


@cache
def _runtime_versions() -> list[str]:
    """Looked up once: importlib.metadata scans the installed packages on every call."""
    return [version(name) for name in RUNTIME]


def recording_path(recordings: Path, line: Line, lang: str) -> Path:
    """The lecturer's own recording of a line: <folder>/<key>.<lang>.wav."""
    return recordings / f"{line.key}.{lang}.wav"


def source(line: Line, settings: Settings, renders: Path) -> Source:
    audio = voice_folder(renders) / "audio"
    if settings.recordings:
        recording = recording_path(Path(settings.recordings), line, settings.lang)
        if recording.exists():
            made = _digest("recording", hashlib.sha256(recording.read_bytes()).hexdigest(), SETTINGS)
            return Source("recording", audio / f"{made}.wav", recording)
    if settings.voice == "none":
        return Source("missing", None)
    if voice_language(settings.voice) != settings.lang:
        raise VoiceError(f"voice {settings.voice} speaks {voice_language(settings.voice)}, not {settings.lang}; "
                         "choose another with --voice")
    from saddle.voice.engine import phonemes

    made = _digest(phonemes(line.spoken, settings.lang), settings.voice, settings.rate, MODEL_SHA256, SETTINGS,
                   _runtime_versions())
    return Source("synthetic", audio / f"{made}.wav")


def made_audio(line: Line, found: Source, settings: Settings) -> np.ndarray:
    """The line's audio: synthesised, or the recording trimmed and levelled. A task of the executor when the
    voice runs on a cluster (saddle.production.narrate): it reads nothing of this machine's but a recording."""
    from saddle.voice.engine import level, read_wav, synthesise, trim

    if found.origin is not None:
        samples, rate = read_wav(found.origin)
        return level(trim(samples, rate), rate)
    return synthesise(line.spoken, settings.lang, settings.voice, settings.rate)


def store(found: Source, audio: np.ndarray) -> None:
    """Put a line's audio in the cache, in one step."""
    from saddle.voice.engine import write_wav

    assert found.audio is not None, "a missing line has nothing to make"
    with atomic_output(found.audio) as temporary:
        write_wav(temporary, audio)


def make(line: Line, found: Source, settings: Settings) -> None:
    store(found, made_audio(line, found, settings))


def seconds(path: Path) -> float:
    with wave.open(str(path), "rb") as audio:
        return audio.getnframes() / audio.getframerate()


def write_manifest(target: Path, lines: list[Line], sources: list[Source], sound: bool = True) -> None:
    """The plain JSON a render is handed: per line key and subtitle text, its audio and length. Without `sound`
    the scene times its steps by the audio but does not add it (manim cannot put audio into a WebM here: its
    FFmpeg has no Vorbis encoder; the application adds Opus afterwards)."""
    manifest: dict = {"lines": {}, "sound": sound}
    for line, found in zip(lines, sources, strict=True):
        if found.audio is not None and found.ready:
            manifest["lines"].setdefault(line.key, {})[line.text] = {"audio": str(found.audio.resolve()),
                                                                    "seconds": seconds(found.audio)}
    write_text(target, json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True))
