"""The PowerPoint deck's lighter copies of the slide clips (saddle.production.deck_media), on a small clip made here
with PyAV whose picture and sound are known: the picture is the very same, the voice lighter, nothing else
changes, the copy is the same bytes each time and made once, and the deck carries the copies."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import av
import numpy as np
import pytest

from saddle.production.deck_media import VOICE_BIT_RATE, deck_copy, deck_scenes
from saddle.production.media import BT709, probe, require_deliverable
from saddle.production.powerpoint import DeckInfo, DeckScene, DeckSlide, write_pptx

FPS, SIZE, RATE, SECONDS = 30, (320, 180), 48_000, 3


def write_narrated_clip(path: Path, audio_bit_rate: int = 192_000, start: int = 0) -> Path:
    """3 s of a moving square (from `start`) over a dark background with a voice-like sound (a gliding tone with
    noise, so the encoder spends the bits it is given), H.264 + AAC in MP4, moov first, BT.709 tags: as a render."""
    rng = np.random.default_rng(7)
    with av.open(str(path), "w", format="mp4", options={"movflags": "+faststart"}) as out:
        video = out.add_stream("libx264", rate=FPS, options={"crf": "23", "threads": "1"})
        video.width, video.height, video.pix_fmt = *SIZE, "yuv420p"
        for field, value in BT709.items():
            setattr(video.codec_context, field, value)
        audio = out.add_stream("aac", rate=RATE, layout="mono")
        audio.bit_rate = audio_bit_rate
        for index in range(FPS * SECONDS):
            pixels = np.full((SIZE[1], SIZE[0], 3), (17, 20, 24), dtype=np.uint8)
            left = (start + 4 * index) % 260
            pixels[60:120, left:left + 60] = (230, 200, 90)
            out.mux(video.encode(av.VideoFrame.from_ndarray(pixels, format="rgb24")))
        out.mux(video.encode())
        time = np.arange(RATE * SECONDS) / RATE
        sound = 0.3 * np.sin(2 * np.pi * (180 + 60 * time) * time) + 0.05 * rng.standard_normal(time.size)
        for start in range(0, sound.size, 1024):
            frame = av.AudioFrame.from_ndarray(sound[None, start:start + 1024].astype(np.float32), format="fltp",
                                               layout="mono")
            frame.sample_rate, frame.pts = RATE, start
            out.mux(audio.encode(frame))
        out.mux(audio.encode())
    return path


def packets(path: Path, kind: str) -> list[bytes]:
    with av.open(str(path)) as container:
        stream = container.streams.video[0] if kind == "video" else container.streams.audio[0]
        return [bytes(packet) for packet in container.demux(stream) if packet.size]


def audio_info(path: Path) -> tuple[str, int, int, float]:
    with av.open(str(path)) as container:
        stream = container.streams.audio[0]
        duration = float(stream.duration * stream.time_base) if stream.duration and stream.time_base else 0.0
        return stream.codec_context.name, stream.codec_context.sample_rate, stream.bit_rate or 0, duration


def test_the_copy_keeps_the_picture_and_the_timing_and_makes_the_voice_lighter(tmp_path):
    clip = write_narrated_clip(tmp_path / "clip.mp4")
    copy = deck_copy(clip, tmp_path / "cache")
    assert copy.parent == tmp_path / "cache" and copy.stat().st_size < 0.6 * clip.stat().st_size
    assert packets(copy, "video") == packets(clip, "video")  # the same picture, frame for frame, bit for bit
    assert len(packets(copy, "video")) == FPS * SECONDS
    before, after = probe(clip), probe(copy)
    assert (after.codec, after.pix_fmt, after.width, after.height, after.fps, after.duration) == (
        "h264", "yuv420p", *SIZE, FPS, before.duration)
    require_deliverable(copy)  # moov first, BT.709 tags kept
    codec, rate, bit_rate, duration = audio_info(copy)
    assert (codec, rate) == ("aac", RATE) and 0.5 * VOICE_BIT_RATE < bit_rate <= 1.1 * VOICE_BIT_RATE
    assert audio_info(clip)[2] > 2.5 * VOICE_BIT_RATE
    assert abs(duration - audio_info(clip)[3]) < 0.05 and len(packets(copy, "audio")) > 100


def test_the_copy_is_the_same_bytes_every_time_and_made_once(tmp_path):
    clip = write_narrated_clip(tmp_path / "clip.mp4")
    first, second = deck_copy(clip, tmp_path / "one"), deck_copy(clip, tmp_path / "two")
    assert first.name == second.name and first.read_bytes() == second.read_bytes()
    made = first.stat().st_mtime_ns
    assert deck_copy(clip, tmp_path / "one") == first and first.stat().st_mtime_ns == made  # found, not made again


def test_a_clip_whose_voice_is_already_light_is_only_remuxed(tmp_path):
    clip = write_narrated_clip(tmp_path / "clip.mp4", audio_bit_rate=48_000)
    copy = deck_copy(clip, tmp_path / "cache")
    assert packets(copy, "audio") == packets(clip, "audio") and packets(copy, "video") == packets(clip, "video")


def deck_of_copies(tmp_path: Path) -> tuple[Path, list[Path]]:
    clips = [write_narrated_clip(tmp_path / f"clip{n}.mp4", start=100 * n) for n in (1, 2)]
    slides = tuple(DeckSlide(clip, f"Slide {n}", "notes", "alt", f"clip {n}", True) for n, clip in enumerate(clips, 1))
    cache = tmp_path / "cache"
    (cache.mkdir(), (cache / "old.mp4").write_bytes(b"a copy no slide uses"))
    scenes = deck_scenes([DeckScene("Scene", "Scene", slides)], cache)
    copies = [item.video for item in scenes[0].slides]
    assert [copy.parent for copy in copies] == [cache, cache] and not (cache / "old.mp4").exists()
    write_pptx(tmp_path / "deck.pptx", scenes, DeckInfo("T", "A", "S", "en-US"))
    return tmp_path / "deck.pptx", copies


def test_the_powerpoint_file_carries_the_copies(tmp_path):
    deck, copies = deck_of_copies(tmp_path)
    with zipfile.ZipFile(deck) as package:
        media = sorted(package.read(name) for name in package.namelist() if re.fullmatch(r"ppt/media/.*\.mp4", name))
    assert len(media) == 2 and media == sorted(copy.read_bytes() for copy in copies)


@pytest.mark.slow
def test_libreoffice_opens_the_deck_of_copies(tmp_path):
    """LibreOffice Impress (headless) reads the deck and keeps both videos, byte for byte, in its own format."""
    deck, copies = deck_of_copies(tmp_path)
    converted = subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                                "--convert-to", "odp", "--outdir", str(tmp_path), str(deck)],
                               check=False, capture_output=True, text=True, timeout=600)
    assert converted.returncode == 0 and (tmp_path / "deck.odp").exists(), converted.stdout + converted.stderr
    with zipfile.ZipFile(tmp_path / "deck.odp") as package:
        media = sorted(package.read(name) for name in package.namelist() if name.endswith(".mp4"))
        content = package.read("content.xml").decode()
    assert len(re.findall(r"<draw:page ", content)) == 2
    assert len(media) == 2 and media == sorted(copy.read_bytes() for copy in copies)
