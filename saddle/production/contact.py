"""contact-sheet.png beside the stitched lecture: one frame every few seconds of the whole lecture, tiled in one
image with its time under each, so a lecturer or a reviewer sees the whole lecture at a glance (a title card left
over, a half-empty frame, text over a plot) without playing it."""

from __future__ import annotations

import math
from fractions import Fraction
from pathlib import Path

import av
from PIL import Image, ImageDraw, ImageFont

from saddle.production.media import ProductionError, probe

EVERY = 20  # seconds between frames of a long lecture
FEWEST = 12  # a short lecture still gets this many frames, closer together
COLUMNS = 6
TILE = (320, 180)  # 16:9
LABEL = 26  # pixels of the strip under each frame that holds its time
GAP = 4
SHEET_BACKGROUND = (24, 24, 24)


def sheet_times(duration: Fraction) -> list[Fraction]:
    """The moments shown: the middle of each EVERY-second stretch of the lecture (the stretch shorter for a lecture
    under FEWEST × EVERY seconds), so neither the blank first frame nor the very end is taken."""
    every = min(Fraction(EVERY), duration / FEWEST)
    count = max(1, math.floor(duration / every))
    return [every * k + every / 2 for k in range(count)]


def clock(seconds: Fraction, tenths: bool = False) -> str:
    """m:ss, or m:ss.s for frames less than two seconds apart."""
    if tenths:
        whole, tenth = divmod(int(seconds * 10), 10)
        return f"{whole // 60}:{whole % 60:02d}.{tenth}"
    whole = int(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def frames_at(video: Path, times: list[Fraction]) -> list[Image.Image]:
    """The frame on screen at each time (the last frame starting at or before it), found by seeking to the
    keyframe before it and decoding forward: the whole lecture is never decoded."""
    pictures = []
    with av.open(str(video)) as container:
        stream = container.streams.video[0]
        time_base = Fraction(stream.time_base or Fraction(1, 1000))
        for moment in times:
            container.seek(math.floor(moment / time_base), stream=stream, backward=True)
            shown = None
            for frame in container.decode(stream):
                if frame.pts is not None and frame.pts * time_base > moment:
                    break
                shown = frame
            if shown is None:
                raise ProductionError(f"{video.name}: no frame at {float(moment):.2f} s for the contact sheet")
            pictures.append(shown.to_image())
    return pictures


def write_contact_sheet(video: Path, target: Path) -> list[Fraction]:
    """Tile the frames at sheet_times() of `video` into `target` (PNG), each with its time; returns the times."""
    times = sheet_times(probe(video).duration)
    pictures = frames_at(video, times)
    rows = math.ceil(len(pictures) / COLUMNS)
    width, height = TILE[0] + GAP, TILE[1] + LABEL + GAP
    sheet = Image.new("RGB", (COLUMNS * width + GAP, rows * height + GAP), SHEET_BACKGROUND)
    draw = ImageDraw.Draw(sheet)
    font = ImageFont.load_default(size=18)
    tenths = len(times) > 1 and times[1] - times[0] < 2
    for index, (moment, picture) in enumerate(zip(times, pictures, strict=True)):
        left, top = GAP + (index % COLUMNS) * width, GAP + (index // COLUMNS) * height
        sheet.paste(picture.convert("RGB").resize(TILE, Image.Resampling.LANCZOS), (left, top))
        draw.text((left + 4, top + TILE[1] + 3), clock(moment, tenths), fill=(240, 240, 240), font=font)
    sheet.save(target, format="PNG", optimize=True)
    return times
