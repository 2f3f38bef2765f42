"""The PowerPoint deck's own copies of the slide clips, made smaller so a 1080p deck of ~150 videos stays light.

Why: PowerPoint keeps the media of a slide show in memory as it goes, and a deck of many embedded 1080p videos
stops playing them after some 30 slides (manim-slides #392 and its FAQ, "My media stop playing after a few
slides": "partially solved by reducing the video quality or the number of slides"); big decks with embedded
video also load slowly and can crash less powerful computers (The PowerPoint Blog, "Behind-the-Scenes PowerPoint
Issues #6", on optimizing embedded video), which is what PowerPoint's own File > Info > Compress Media (Full HD,
HD, Standard) is for. What PowerPoint plays natively is MP4 with H.264 video and AAC audio (Microsoft's answer on
Microsoft Q&A: "The recommended format is .mp4 files encoded with H.264 video and AAC audio"; PowerPoint 2013 and
later play them through Media Foundation); LibreOffice Impress plays the same through GStreamer's H.264 and AAC
decoders.

What: measured on the 1080p30 slide clips of a real render (HessianSignTest, 16 clips, 3.71 MB), the voice is
most of the bytes: manim muxes it as AAC at ~185 kbit/s (48 kHz mono) for a 24 kHz synthetic voice, 2.17 MB of
the 3.71, while H.264 at crf 23 (tune animation) spends 1.42 MB on 100 s of 1080p drawing. So the deck's copy keeps
the video stream as it is, packet for packet (the picture is bit-identical to the HTML deck's and the lecture's,
so text stays as sharp), and encodes the voice again as AAC-LC at 64 kbit/s mono, the rate podcast guides give for
speech in mono (Libsyn: "as low as 64kbps"). A clip whose sound is already at or below that rate is remuxed as
it is. Re-encoding the video too was measured and left out: at the same crf it took 150 s of CPU for SealedCoffin
(2 busy cores) to save a further 0.9 of 6.6 MB, at the price of a second generation of loss.
#392's reporter got the deck to play by going from 1080p to 720p, which cut pixels and bytes at once; this keeps
1080p and cuts the bytes only. PowerPoint itself cannot run here, so that this is enough is not verified.

The copy is deterministic (same input bytes, same output bytes) and cached by the source's content and this
recipe under the output folder's .cache/pptx, so making the decks again re-encodes only clips that changed."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from pathlib import Path

import av

from saddle.production.media import FASTSTART
from saddle.production.powerpoint import DeckScene
from saddle.safety import atomic_output

VOICE_BIT_RATE = 64_000  # AAC-LC, mono speech
#: Bump when the copies are made differently from the same clip (the name of every cached copy changes).
COPY_RECIPE = 1


def copy_key(source: Path) -> str:
    """Names a copy by what it is made from: the clip's bytes, this recipe and the FFmpeg that encodes it."""
    digest = hashlib.sha256()
    digest.update(json.dumps([COPY_RECIPE, VOICE_BIT_RATE, av.__version__, av.library_versions]).encode())
    with open(source, "rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()[:24]


def deck_copy(source: Path, cache: Path) -> Path:
    """The deck's copy of one slide clip (made once, then found in the cache)."""
    target = cache / f"{copy_key(source)}.mp4"
    if not target.exists():
        with atomic_output(target) as temporary:
            _lighter_voice(source, temporary)
    return target


def _lighter_voice(source: Path, target: Path) -> None:
    """Copy the video packets; encode the audio again at VOICE_BIT_RATE unless it is already that light."""
    with av.open(str(source)) as inp, av.open(str(target), "w", format="mp4", options=FASTSTART) as out:
        video = inp.streams.video[0]
        voice = inp.streams.audio[0] if inp.streams.audio else None
        copied: dict[av.stream.Stream, av.stream.Stream] = {video: out.add_stream_from_template(video)}
        encoder = None
        if voice is not None and (voice.bit_rate or 0) <= VOICE_BIT_RATE:
            copied[voice] = out.add_stream_from_template(voice)
        elif voice is not None:
            context = voice.codec_context
            encoder = out.add_stream("aac", rate=context.sample_rate, layout=context.layout.name)
            encoder.bit_rate = VOICE_BIT_RATE
            encoder.time_base = voice.time_base
        for packet in inp.demux(*[stream for stream in (video, voice) if stream is not None]):
            if packet.stream in copied:
                if packet.dts is None:  # the demuxer's empty end-of-stream packet
                    continue
                packet.stream = copied[packet.stream]
                out.mux(packet)
            elif encoder is not None:
                for frame in packet.decode():
                    if isinstance(frame, av.AudioFrame):
                        out.mux(encoder.encode(frame))
        if encoder is not None:
            out.mux(encoder.encode())


def deck_scenes(scenes: list[DeckScene], cache: Path) -> list[DeckScene]:
    """The scenes with every slide's video replaced by its deck copy; copies no slide uses any more are removed."""
    cache.mkdir(parents=True, exist_ok=True)
    made = [replace(scene, slides=tuple(replace(item, video=deck_copy(item.video, cache)) for item in scene.slides))
            for scene in scenes]
    used = {item.video for scene in made for item in scene.slides}
    for stale in cache.glob("*.mp4"):
        if stale not in used:
            stale.unlink(missing_ok=True)
    return made
