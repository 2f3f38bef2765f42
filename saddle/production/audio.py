"""The sound and the soft subtitles inside the videos.

Manim mixes the lines a scene says (add_sound) into its own AAC track, but that track stops with the last word and
is placed to the millisecond. The deliverables are made here instead, from the same placements: each line's
levelled 48 kHz WAV put at its subtitle cue's start (which is where add_sound put it, the cue spans exactly the
spoken audio), padded to the video's exact length, encoded once — AAC 48 kHz in MP4, Opus in WebM — beside the
copied video stream and, in MP4, a mov_text subtitle track in the scene's language."""

from __future__ import annotations

import json
import os
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
from av.subtitles.subtitle import SubtitleSet

from saddle.production.media import FASTSTART, probe
from saddle.production.placed import SceneReport
from saddle.production.plan import SceneEntry, Settings
from saddle.production.subtitles import Cue
from saddle.safety import atomic_output, read_state, write_text
from saddle.voice.speech import Pause, pauses

RATE = 48_000
# FFmpeg's AAC encoder at 128 kb/s turned a 0.77 peak of the English lecture's track (at 928.97 s) into 1.027, a
# clipped sample and +0.4 dBTP; at 160 kb/s 0.93; at 192 kb/s the decoded peak stays at the source's (0.854).
BIT_RATE = 192_000
LANGUAGE_CODES = {"en": "eng", "zh": "chi"}  # ISO 639-2, what players show in their subtitle menu
_ASS_HEADER = (  # mov_text is encoded from ASS events; players style it themselves
    "[Script Info]\nScriptType: v4.00+\nPlayResX: 384\nPlayResY: 288\n\n[V4+ Styles]\n"
    "Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, "
    "Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, "
    "MarginR, MarginV, Encoding\nStyle: Default,Sans,16,&Hffffff,&Hffffff,&H0,&H0,0,0,0,0,100,100,0,0,1,1,0,2,10,"
    "10,10,0\n\n[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n")


def line_pauses(report: SceneReport) -> dict[str, list[Pause]]:
    """The pauses of every spoken line's audio, by its text: what fit_cues times the line's cues by."""
    from saddle.voice.engine import read_wav

    return {line.cue.text: pauses(*read_wav(Path(line.audio))) for line in report.lines if line.audio}


def mix(placed: list[tuple[float, str]], duration: Fraction) -> np.ndarray:
    """One mono track exactly as long as the video, each line at its sample."""
    from saddle.voice.engine import read_wav

    track = np.zeros(round(duration * RATE), dtype=np.float32)
    for start, wav in placed:
        samples, rate = read_wav(Path(wav))
        if rate != RATE:
            raise ValueError(f"{wav} is at {rate} Hz, not {RATE}")
        begin = round(start * RATE)
        end = min(track.size, begin + samples.size)
        track[begin:end] += samples[: max(0, end - begin)]
    return track


class _AudioTrack:
    """Encodes a mono track a frame at a time, as far as the video has come, so the file stays interleaved."""

    def __init__(self, out, codec: str, track: np.ndarray):
        self.out, self.track = out, track
        self.stream = out.add_stream(codec, rate=RATE, layout="mono")
        self.stream.bit_rate = BIT_RATE
        self.size = self.stream.codec_context.frame_size or 1024
        # One frame of silence before time 0, cut off again by the container's edit list: without it the AAC
        # encoder overshoots by 2 dB on a word that starts in its first frame (every slide starts with its line).
        self.done = -self.size

    def until(self, seconds: float) -> None:
        while self.done < self.track.size and self.done < seconds * RATE:
            chunk = self.track[max(0, self.done):self.done + self.size] if self.done >= 0 else np.zeros(self.size,
                                                                                                      np.float32)
            frame = av.AudioFrame.from_ndarray(chunk[None], format="flt", layout="mono")
            frame.sample_rate, frame.pts = RATE, self.done
            self.out.mux(self.stream.encode(frame))
            self.done += self.size

    def finish(self) -> None:
        self.until(float("inf"))
        self.out.mux(self.stream.encode(None))


class _SubtitleTrack:
    """The cues as mov_text samples (encoded from ASS events), muxed as the video reaches each one."""

    def __init__(self, out, cues: list[Cue], lang: str):
        self.out, self.cues, self.done = out, cues, 0
        self.stream = out.add_stream("mov_text")
        self.stream.codec_context.subtitle_header = _ASS_HEADER.encode()
        self.stream.metadata["language"] = LANGUAGE_CODES.get(lang, "und")

    def until(self, seconds: float) -> None:
        time_base = Fraction(self.stream.time_base)
        while self.done < len(self.cues) and self.cues[self.done].start <= seconds:
            cue = self.cues[self.done]
            event = f"{self.done},0,Default,,0,0,0,,{cue.text.replace(chr(10), chr(92) + 'N')}".encode()
            subtitle = SubtitleSet.create(event, 0, round((cue.end - cue.start) / time_base),
                                          round(cue.start / time_base))
            packet = self.stream.codec_context.encode_subtitle(subtitle)
            packet.stream = self.stream
            self.out.mux(packet)
            self.done += 1

    def finish(self) -> None:
        self.until(float("inf"))


def with_tracks(video: Path, target: Path, track: np.ndarray | None, cues: list[Cue], lang: str) -> None:
    """target: video's picture (copied), the audio track if any, and (MP4) the cues as soft subtitles."""
    mp4 = target.suffix == ".mp4"
    with av.open(str(video)) as source, av.open(str(target), "w", format="mp4" if mp4 else "webm",
                                                 options=FASTSTART if mp4 else {}) as out:
        picture = out.add_stream_from_template(source.streams.video[0])
        picture.metadata.update(source.streams.video[0].metadata)  # WebM's alpha_mode tag among them
        if source.chapters():
            out.set_chapters(source.chapters())
        extra: list[_SubtitleTrack | _AudioTrack] = [_SubtitleTrack(out, cues, lang)] if mp4 and cues else []
        extra += [_AudioTrack(out, "aac" if mp4 else "libopus", track)] if track is not None else []
        for packet in source.demux(source.streams.video[0]):
            if packet.dts is None or packet.pts is None:
                continue
            seconds = float(packet.pts * packet.time_base)
            packet.stream = picture
            out.mux(packet)  # the first one writes the header, which fixes the streams' time bases
            for other in extra:
                other.until(seconds)
        for other in extra:
            other.finish()


def placements_path(folder: Path, entry: SceneEntry) -> Path:
    """Where a clip's lines were placed: the stitched lecture rebuilds its track from these."""
    return folder / ".state" / f"{entry.name}.voice.json"


def publish_sound(folder: Path, entry: SceneEntry, settings: Settings, video: Path, report: SceneReport,
                  cues: list[Cue], target: Path, slides: Path) -> None:
    """The clip in target with its sound (when voiced) and soft subtitles (cues); each slide video gets its own
    words. The scene's report says where each line's audio starts."""
    placed = report.audio_placements() if settings.voiced else []
    write_text(placements_path(folder, entry), json.dumps(placed))
    if not settings.voiced and settings.transparent:
        os.replace(video, target)  # nothing to add: the WebM stays as manim wrote it (VP9 with alpha)
        return
    track = mix(placed, probe(video).duration) if settings.voiced else None
    with_tracks(video, target, track, [] if settings.transparent else cues, settings.lang)
    deck = slides / f"{entry.name}.json"
    if track is not None and deck.exists():
        _sound_slides([Path(slide["file"]) for slide in json.loads(deck.read_text())["slides"]], track,
                      settings.lang)


def _sound_slides(files: list[Path], track: np.ndarray, lang: str) -> None:
    """The slides play one after another through the scene, so slide k has the sound from where slide k-1 ended."""
    start = Fraction(0)
    for video in files:
        duration = probe(video).duration
        part = track[round(start * RATE): round((start + duration) * RATE)]
        with atomic_output(video) as temporary:
            with_tracks(video, temporary, np.pad(part, (0, max(0, round(duration * RATE) - part.size))), [], lang)
        start += duration


def _valid_placements(data) -> bool:
    return isinstance(data, list) and all(isinstance(row, list) and len(row) == 2 and isinstance(row[0], float | int)
                                          and isinstance(row[1], str) for row in data)


def lecture_track(folder: Path, lecture: list[SceneEntry], durations: list[Fraction]) -> np.ndarray:
    """The stitched lecture's one continuous track: each clip's lines at their places, clip after clip."""
    return np.concatenate([mix([(start, wav) for start, wav in
                                read_state(placements_path(folder, entry), _valid_placements) or []], duration)
                           for entry, duration in zip(lecture, durations, strict=True)])
