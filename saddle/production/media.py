"""Video work with PyAV (FFmpeg bundled in its wheel): probing, remuxing for streaming, stitching clips with
chapters, and picking a poster frame. Streams are copied, never re-encoded, so clips keep manim's quality."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from itertools import accumulate
from pathlib import Path

import av
import numpy as np

from mathcore.errors import LossError

FASTSTART = {"movflags": "+faststart"}  # moov atom before the media data: playback starts before the download ends
#: A video's colour tags as FFmpeg numbers them: BT.709 primaries, transfer and matrix, limited ("tv") range.
BT709 = {"color_range": 1, "color_primaries": 1, "color_trc": 1, "colorspace": 1}


class ProductionError(LossError):
    """A render or an artefact is not what a talk needs; reported as one line like every other bad input."""


@dataclass(frozen=True)
class VideoInfo:
    codec: str
    pix_fmt: str
    width: int
    height: int
    fps: Fraction
    duration: Fraction  # seconds, exact for constant-rate clips
    alpha: bool  # VP9 in WebM keeps alpha in a side channel, flagged by the alpha_mode tag


def _time_base(source) -> Fraction:
    """The time base of a stream or chapter read from a file (PyAV types it optional; a file always has one)."""
    time_base = source["time_base"] if isinstance(source, dict) else source.time_base
    if time_base is None:
        raise ProductionError(f"{source} has no time base: the file is damaged; render it again")
    return Fraction(time_base)


def _duration(stream) -> Fraction:
    """Exact for MP4 (the stream's duration in its time base); WebM only knows the container's duration."""
    if stream.duration is not None:
        return stream.duration * Fraction(stream.time_base)
    return Fraction(stream.container.duration or 0, av.time_base)


def _rate(stream) -> Fraction:
    """The nominal frame rate (15, 30, 60): manim's joined partial movies can be a few ticks off on one frame,
    which makes the measured average rate a hair off."""
    return Fraction(stream.base_rate or stream.average_rate or 0)


def probe(path: Path) -> VideoInfo:
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        context = stream.codec_context
        return VideoInfo(context.name, context.format.name if context.format else "", context.width, context.height,
                         _rate(stream), _duration(stream),
                         stream.metadata.get("alpha_mode", stream.metadata.get("ALPHA_MODE")) == "1")


def colour_tags(path: Path) -> dict[str, int]:
    with av.open(str(path)) as container:
        context = container.streams.video[0].codec_context
        return {field: int(getattr(context, field)) for field in BT709}


def require_deliverable(path: Path) -> VideoInfo:
    """The clip plays everywhere slides need it: H.264, yuv420p, even frame size, moov first, colours tagged."""
    info = probe(path)
    problems = [f"codec {info.codec} (want h264)"] * (info.codec != "h264")
    problems += [f"pixel format {info.pix_fmt} (want yuv420p)"] * (info.pix_fmt != "yuv420p")
    problems += [f"odd frame size {info.width}x{info.height}"] * (info.width % 2 or info.height % 2)
    problems += ["moov atom after the media data"] * (not moov_first(path))
    problems += [f"colour tags {colour_tags(path)} (want BT.709)"] * (colour_tags(path) != BT709)
    if problems:
        raise ProductionError(f"{path.name}: {', '.join(problems)}")
    return info


def top_level_boxes(path: Path) -> list[str]:
    """The MP4 file's top-level box types in file order (ftyp, moov, mdat, ...)."""
    boxes = []
    with open(path, "rb") as handle:
        while header := handle.read(8):
            size, kind = int.from_bytes(header[:4], "big"), header[4:8].decode("latin-1")
            if size == 1:
                size = int.from_bytes(handle.read(8), "big") - 8
            elif size == 0:
                boxes.append(kind)
                break
            boxes.append(kind)
            handle.seek(size - 8, 1)
    return boxes


def moov_first(path: Path) -> bool:
    boxes = top_level_boxes(path)
    return "moov" in boxes and "mdat" in boxes and boxes.index("moov") < boxes.index("mdat")


def _signature(stream) -> tuple:
    context = stream.codec_context
    return context.name, context.width, context.height, context.format.name, _rate(stream), context.extradata


def stitch(clips: list[Path], titles: list[str], target: Path) -> list[Fraction]:
    """Play the clips one after another in one MP4 with a chapter per clip; returns each clip's duration.

    Packets are copied with their times shifted by the clips before them, so the offsets of chapters and subtitles
    are exactly the durations returned here."""
    durations = [probe(clip).duration for clip in clips]
    with av.open(str(target), "w", format="mp4", options=FASTSTART) as out:
        stream, reference, offset = None, None, Fraction(0)
        for clip, duration in zip(clips, durations, strict=True):
            with av.open(str(clip)) as inp:
                source = inp.streams.video[0]
                if stream is None:
                    stream, reference = out.add_stream_from_template(source), _signature(source)
                    time_base = _time_base(source)
                    out.set_chapters([{"id": index + 1, "start": round(start / time_base),
                                       "end": round((start + length) / time_base), "time_base": time_base,
                                       "metadata": {"title": name}}
                                      for index, (name, start, length) in enumerate(zip(
                                          titles, accumulate(durations[:-1], initial=Fraction(0)), durations))])
                elif _signature(source) != reference:
                    raise ProductionError(f"{clip.name} was encoded differently from {clips[0].name}; render both "
                                          "again with the same settings")
                shift = round(offset / _time_base(source))
                for packet in inp.demux(source):
                    if packet.dts is None or packet.pts is None:
                        continue
                    packet.pts += shift
                    packet.dts += shift
                    packet.stream = stream
                    out.mux(packet)
            offset += duration
    return durations


def chapter_list(path: Path) -> list[tuple[str, Fraction, Fraction]]:
    """(title, start, end) of each chapter stored in the container."""
    with av.open(str(path)) as container:
        return [(chapter["metadata"].get("title", ""), chapter["start"] * _time_base(chapter),
                 chapter["end"] * _time_base(chapter)) for chapter in container.chapters()]


INK = 12  # a pixel further than this from the background in any channel (of 255) is drawn on


def _ink_and_contrast(frame) -> tuple[np.ndarray, np.ndarray]:
    """Which pixels of every fourth row and column are drawn on, and how strongly (the largest channel distance to
    the background, 0-255). The background is the frame's most common colour, found by coarse colour and then taken
    as its pixels' median, so the codec's ±2 noise around a colour near a bin edge (#111418's red is 17) never
    counts as ink."""
    pixels = frame.to_ndarray(format="rgb24")[::4, ::4].astype(np.int32)
    coarse = pixels // 16
    keys = coarse[..., 0] * 256 + coarse[..., 1] * 16 + coarse[..., 2]
    background = np.median(pixels[keys == np.bincount(keys.ravel()).argmax()], axis=0)
    contrast = np.abs(pixels - background).max(axis=-1)
    return contrast > INK, contrast


def ink_map(frame) -> np.ndarray:
    """Which pixels of every fourth row and column are drawn on: further than INK from the frame's background."""
    return _ink_and_contrast(frame)[0]


def ink(frame) -> float:
    """The share of a frame that is drawn on."""
    return float(np.mean(ink_map(frame)))


def information(frame) -> float:
    """How much a frame shows: its drawn-on pixels weighted by their contrast, so a title still being written (the
    last letters grey) or a picture fading out counts less than the same picture finished."""
    drawn, contrast = _ink_and_contrast(frame)
    return float(np.sum(contrast[drawn])) / (255 * drawn.size)


#: Frames within this share of the most informative one count as showing as much; the latest of them is taken
#: (animations build up, and a finished picture holds at the end of its step).
SAME_INFORMATION = 0.01


def best_frame(source: Path, samples: int = 12):
    """The frame that shows a clip best, for posters and the PowerPoint slide's picture: the most informative
    (information()) among a few evenly spread frames and the last one, the latest when several are about equal;
    never the empty first frame, a half-drawn title or a faded-out end. One pass over the clip: seeking would decode
    from the start of each of manim's partial movies again."""
    with av.open(str(source)) as container:
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        duration = _duration(stream)
        moments = [duration * Fraction(2 * k + 1, 2 * samples) for k in range(samples)]
        candidates, final = [], None
        for final in container.decode(stream):
            if moments and final.time is not None and final.time >= moments[0]:
                candidates.append(final)
                moments.pop(0)
        if final is None:
            raise ProductionError(f"{source.name}: no frame could be decoded for the poster")
        frames = [*candidates, final]
        scores = [information(frame) for frame in frames]
        best = max(scores)
        return frames[max(index for index, score in enumerate(scores) if score >= best * (1 - SAME_INFORMATION))]


def write_poster(source: Path, target: Path) -> None:
    """Save the frame that best shows the clip as a PNG."""
    best_frame(source).to_image().save(target, format="PNG")
