"""`saddle slides` with a voice on the test lecture (two tiny scenes spoken by the synthetic voice, and ManySteps
spoken from "recordings" that the test makes), once; then the sound is checked everywhere the video goes, against
independent reads of the files: length, placement against the frames, cue/speech overlap, loudness, soft subtitles,
slides, the cache, and `--voice none`."""

from __future__ import annotations

import json
import math
import wave
from itertools import pairwise

import av
import numpy as np
import pytest
from scipy.signal import resample_poly

from saddle.production.subtitles import read_srt
from saddle.voice.speech import speech_share
from scenes.catalogue import reading_seconds
from scenes.kit.lecture_scene import LectureScene
from tests.helpers.production import (
    copy_fixture,
    environment,
    output_folder,
    saddle_command,
)
from tests.production_fixture.many_steps import STEPS

pytestmark = pytest.mark.slow
SCENES = ["TinyCircle", "TinyWords", "ManySteps"]
FPS = 15


def _run(command, lecture, renders, *options, voice="default"):
    import subprocess

    from tests.helpers.production import ROOT

    return subprocess.run(saddle_command(command, lecture, renders, *options), cwd=ROOT, capture_output=True,
                          text=True, timeout=900, check=False, env=environment() | {"SADDLE_VOICE": voice})


def _tone_recordings(folder):
    """A 0.23 s tone per ManySteps line at 44.1 kHz, 16-bit stereo: the recordings must be resampled and levelled."""
    folder.mkdir()
    time = np.arange(int(0.23 * 44_100)) / 44_100
    samples = (0.3 * np.sin(2 * np.pi * 330 * time) * 32767).astype("<i2")
    for index in range(STEPS):
        with wave.open(str(folder / f"steps.{index}.en.wav"), "wb") as out:
            out.setnchannels(2)
            out.setsampwidth(2)
            out.setframerate(44_100)
            out.writeframes(np.repeat(samples, 2).tobytes())


@pytest.fixture(scope="module")
def produced(tmp_path_factory):
    lecture = copy_fixture(tmp_path_factory.mktemp("lecture") / "fixture")
    lecture.write_text("LECTURE = [('tiny_circle.py', 'TinyCircle'), ('tiny_words.py', 'TinyWords'), "
                       "('many_steps.py', 'ManySteps')]\n")
    recordings = tmp_path_factory.mktemp("recorded") / "lines"
    _tone_recordings(recordings)
    renders = tmp_path_factory.mktemp("renders")
    result = _run("slides", lecture, renders, "--recordings", str(recordings))
    assert result.returncode == 0, result.stdout + result.stderr
    return lecture, renders, output_folder(renders), recordings


def _audio(path):
    with av.open(str(path)) as container:
        stream = container.streams.audio[0]
        assert stream.codec_context.sample_rate == 48_000
        return np.concatenate([frame.to_ndarray().ravel() for frame in container.decode(stream)])


def _video_seconds(path):
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        return float(stream.duration * stream.time_base)


@pytest.mark.parametrize("name", [*(f"{scene}.mp4" for scene in SCENES), "lecture.mp4"])
def test_sound_is_as_long_as_the_picture_and_not_clipped(produced, name):
    _, _, folder, _ = produced
    audio = _audio(folder / name)
    assert abs(audio.size / 48_000 - _video_seconds(folder / name)) <= 0.1
    assert 20 * math.log10(np.abs(resample_poly(audio, 4, 1)).max()) < -1.0  # true peak under −1 dBTP


def test_lecture_loudness_is_about_minus_16_lufs(produced):
    import pyloudnorm

    _, _, folder, _ = produced
    assert abs(pyloudnorm.Meter(48_000).integrated_loudness(_audio(folder / "lecture.mp4").astype(np.float64))
               + 16) < 1.0


@pytest.mark.parametrize("name", [*(f"{scene}.srt" for scene in SCENES), "lecture.srt"])
def test_every_cue_is_spoken_and_none_overlaps_the_next(produced, name):
    _, _, folder, _ = produced
    audio = _audio(folder / name.replace(".srt", ".mp4"))
    cues = read_srt(folder / name)
    assert cues
    for cue, following in pairwise(cues):
        assert cue.end <= following.start
    for cue in cues:
        assert speech_share(audio, 48_000, cue.start, cue.end) >= 0.8, (cue.text, speech_share(audio, 48_000,
                                                                                               cue.start, cue.end))


def test_spoken_lines_stay_on_their_frames_to_the_end_of_a_scene(produced):
    """Each ManySteps step turns the square from black to white or back; its line's tone must start with the
    step's first frame (manim draws an animation's first frame at its start, unchanged, so that is the frame before
    the first changed one), within a frame — the last step as much as the first: no drift."""
    _, _, folder, _ = produced
    with av.open(str(folder / "ManySteps.mp4")) as container:
        centre = [float(frame.to_ndarray(format="gray")[240, 427]) for frame in container.decode(video=0)]
    changes = [index for index in range(1, len(centre)) if abs(centre[index] - centre[index - 1]) > 8
               and abs(centre[index - 1] - centre[max(0, index - 2)]) <= 8]
    audio = _audio(folder / "ManySteps.mp4")
    loud = np.flatnonzero(np.abs(audio) > 0.05)
    onsets = [loud[0], *(b for a, b in pairwise(loud) if b - a > 0.1 * 48_000)]
    assert len(changes) == len(onsets) == STEPS
    offsets = [onset / 48_000 - (frame - 1) / FPS for onset, frame in zip(onsets, changes, strict=True)]
    assert max(abs(value) for value in offsets) < 1 / FPS, offsets
    assert max(offsets) - min(offsets) < 1 / FPS, offsets


def test_subtitles_are_a_soft_track_in_the_scene_language(produced):
    _, _, folder, _ = produced
    for name in ["TinyCircle.mp4", "lecture.mp4"]:
        with av.open(str(folder / name)) as container:
            track = container.streams.subtitles[0]
            assert (track.codec_context.name, track.metadata.get("language")) == ("mov_text", "eng")
            texts = [bytes(packet)[2:].decode() for packet in container.demux(track) if packet.size > 2]
        assert texts == [cue.text for cue in read_srt(folder / name.replace(".mp4", ".srt"))]


def test_each_slide_plays_its_own_words(produced):
    _, _, folder, _ = produced
    deck = json.loads((folder / "slides" / "ManySteps.json").read_text())
    spoken = []
    for slide in deck["slides"]:
        video = folder / slide["file"]
        audio = _audio(video)
        assert abs(audio.size / 48_000 - _video_seconds(video)) <= 0.1
        spoken.append(bool(np.abs(audio).max() > 0.05))
    assert spoken.count(True) == STEPS  # a slide per line, each with its tone


def test_a_second_run_makes_no_sound_and_renders_nothing(produced):
    lecture, renders, _, recordings = produced
    cache = sorted((renders / ".voice" / "audio").iterdir())
    times = [path.stat().st_mtime_ns for path in cache]
    result = _run("slides", lecture, renders, "--recordings", str(recordings))
    assert result.returncode == 0, result.stderr
    assert "0 scene(s) rendered, 3 up to date" in result.stdout
    assert [path.stat().st_mtime_ns for path in sorted((renders / ".voice" / "audio").iterdir())] == times


def test_voice_lists_each_line_with_its_source(produced):
    lecture, renders, _, recordings = produced
    result = _run("voice", lecture, renders, "--list-only", "--recordings", str(recordings), voice="none")
    assert result.returncode == 0, result.stderr
    rows = [line.split() for line in result.stdout.splitlines() if line.startswith(tuple(SCENES))]
    assert {row[1]: row[2] for row in rows} == {"tiny.circle": "missing", "tiny.square": "missing",
                                                "tiny.words": "missing",
                                                **{f"steps.{index}": "recording" for index in range(STEPS)}}


def test_voice_none_is_silent_with_reading_time(produced):
    lecture, renders, _, _ = produced
    result = _run("render", lecture, renders, "TinyWords", "--theme", "light", voice="none")
    assert result.returncode == 0, result.stderr
    folder = renders / "en-light" / "480p15"
    with av.open(str(folder / "TinyWords.mp4")) as container:
        assert not container.streams.audio
    # TinyWords: a 1 s title held finished, its card leaving on its own, then one line read
    title = 1 + LectureScene.title_hold + LectureScene.card_exit_time
    line = reading_seconds("Words on screen.", "en")
    assert abs(_video_seconds(folder / "TinyWords.mp4") - (title + line)) < 1 / FPS


def test_unknown_voice_is_one_line(produced):
    lecture, renders, _, _ = produced
    result = _run("render", lecture, renders, "TinyWords", voice="af_nobody")
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "unknown voice 'af_nobody'" in result.stderr
