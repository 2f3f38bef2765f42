"""Cues placed where nothing is drawn (saddle.production.placement), on synthetic PyAV frames; their positions in
SubRip and WebVTT; and a positioned cue drawn at that height by Chromium in the gallery."""

from __future__ import annotations

import io
from fractions import Fraction

import av
import numpy as np
from hypothesis import assume, given
from hypothesis import strategies as st
from PIL import Image

from saddle.production.gallery import write_gallery
from saddle.production.placement import BANDS, CAPTION_HEIGHT, choose_band, measure, moments, place_cues
from saddle.production.plan import SceneEntry, Settings
from saddle.production.subtitles import TOP, Cue, concatenate, read_srt, read_vtt, to_srt, to_vtt
from tests.production_helpers import browser_page, served

HEIGHT, WIDTH = 200, 120
colours = st.tuples(*[st.integers(0, 255)] * 3)


def frame(background, content=None, rows=(0, 0)):
    """A frame of one colour with a full-width stripe of another over the pixel rows [rows[0], rows[1])."""
    pixels = np.empty((HEIGHT, WIDTH, 3), np.uint8)
    pixels[:] = background
    if content is not None:
        pixels[rows[0]:rows[1], 8:WIDTH - 8] = content
    return av.VideoFrame.from_ndarray(pixels, format="rgb24")


def band_rows(line):
    """The pixel rows a cue with this line setting covers (None: the bottom band)."""
    top = 100 - CAPTION_HEIGHT if line is None else line
    return HEIGHT * top // 100, HEIGHT * (top + CAPTION_HEIGHT) // 100


def placed(frames, cues):
    """The line settings place_cues would give, on frames made here."""
    return [choose_band(shares) for shares in measure(frames, cues)]


def contrasting(background, content):
    return max(abs(a - b) for a, b in zip(background, content)) >= 48


@given(colours, colours, st.integers(0, HEIGHT - 4), st.integers(4, 60))
def test_a_cue_leaves_the_bottom_only_for_a_free_band(background, content, top, height):
    assume(contrasting(background, content))
    bottom = min(HEIGHT, top + height)
    cue = Cue(Fraction(0), Fraction(2), "words")
    picture = frame(background, content, (top, bottom))
    frames = [(Fraction(k, 15), picture) for k in range(31)]
    line = placed(frames, [cue])[0]
    band_top, band_bottom = band_rows(line)
    assert bottom <= band_top + 4 or top >= band_bottom - 4  # nothing drawn in the band taken (edges: 4 px rows)
    if bottom <= band_rows(None)[0] - 4:
        assert line is None  # an empty bottom keeps the cue where players put it
    if bottom - max(top, band_rows(None)[0]) >= 8:
        assert line is not None


def test_content_that_passes_through_the_band_during_a_cue_moves_it():
    """Drawn in the bottom band on one frame only: the one measured for the cue's third moment (5/6 s)."""
    first, second = Cue(Fraction(0), Fraction(2), "one"), Cue(Fraction(2), Fraction(4), "two")
    assert moments([first])[2][0] == Fraction(5, 6)
    frames = [(Fraction(k, 15), frame((17, 20, 24), (240, 200, 40), band_rows(None) if k == 13 else (0, 0)))
              for k in range(61)]
    assert placed(frames, [first, second]) == [BANDS[1], None]


def test_content_beside_the_cue_box_leaves_it_at_the_bottom():
    """A short cue's box covers the middle of the width only; content at the sides of the bottom band is not under
    it, content in the middle is."""
    pixels = np.full((HEIGHT, WIDTH, 3), 20, np.uint8)
    top, bottom = band_rows(None)
    pixels[top:bottom, :20] = pixels[top:bottom, -20:] = 230
    cue = Cue(Fraction(0), Fraction(1), "ok")
    frames = [(Fraction(k, 15), av.VideoFrame.from_ndarray(pixels, format="rgb24")) for k in range(16)]
    assert placed(frames, [cue]) == [None]
    pixels[top:bottom, 56:64] = 230
    frames = [(Fraction(k, 15), av.VideoFrame.from_ndarray(pixels, format="rgb24")) for k in range(16)]
    assert placed(frames, [cue]) == [BANDS[1]]


@given(st.lists(st.tuples(st.integers(0, 400), st.integers(1, 105)), min_size=1, max_size=8), st.integers(1, 9))
def test_moments_lie_inside_their_cue_in_time_order(spans, samples):
    cues = [Cue(Fraction(start, 10), Fraction(start + length, 10), "x") for start, length in spans]
    found = moments(cues, samples)
    assert [time for time, _ in found] == sorted(time for time, _ in found)
    assert all(cues[index].start < time < cues[index].end for time, index in found)
    assert sorted(index for _, index in found) == sorted(list(range(len(cues))) * samples)


def test_positions_in_srt_and_vtt_keep_the_words(tmp_path):
    cues = [Cue(Fraction(0), Fraction(1), "bottom"), Cue(Fraction(1), Fraction(2), "top\nline", 0),
            Cue(Fraction(2), Fraction(3), "middle", 56)]
    srt_text = to_srt(cues)
    assert f"{TOP}top\nline" in srt_text and f"{TOP}middle" not in srt_text and "\nmiddle\n" in srt_text
    (tmp_path / "x.srt").write_text(srt_text)
    assert [(cue.text, cue.line) for cue in read_srt(tmp_path / "x.srt")] == [
        ("bottom", None), ("top\nline", 0), ("middle", None)]  # SubRip says the top only
    vtt = to_vtt(cues)
    assert "00:00:01.000 --> 00:00:02.000 line:0% align:center\ntop\nline" in vtt
    assert "00:00:00.000 --> 00:00:01.000\nbottom" in vtt
    (tmp_path / "x.vtt").write_text(vtt)
    assert read_vtt(tmp_path / "x.vtt") == cues
    lecture = concatenate([cues, cues], [Fraction(3), Fraction(3)])
    assert [cue.line for cue in lecture] == [None, 0, 56] * 2
    (tmp_path / "lecture.vtt").write_text(to_vtt(lecture))
    assert read_vtt(tmp_path / "lecture.vtt") == lecture


def write_clip(path, stripes_of_frame, frames=30, background=(17, 20, 24), content=(240, 240, 240)):
    """A 15 fps H.264 clip whose frame k has full-width stripes over the pixel rows stripes_of_frame(k)."""
    with av.open(str(path), "w") as out:
        stream = out.add_stream("libx264", rate=15)
        stream.width, stream.height, stream.pix_fmt = WIDTH, HEIGHT, "yuv420p"
        for k in range(frames):
            pixels = np.empty((HEIGHT, WIDTH, 3), np.uint8)
            pixels[:] = background
            for top, bottom in stripes_of_frame(k):
                pixels[top:bottom] = content
            out.mux(stream.encode(av.VideoFrame.from_ndarray(pixels, format="rgb24").reformat(format="yuv420p")))
        out.mux(stream.encode(None))


def test_place_cues_decodes_a_clip(tmp_path):
    """Through a real H.264 clip: the bottom is busy in the first second, free in the next."""
    write_clip(tmp_path / "clip.mp4", lambda k: [band_rows(None)] if k < 15 else [])
    cues = [Cue(Fraction(0), Fraction(1), "busy"), Cue(Fraction(1), Fraction(2), "free")]
    assert [cue.line for cue in place_cues(tmp_path / "clip.mp4", cues)] == [BANDS[1], None]


def test_gallery_draws_a_placed_cue_in_its_band(tmp_path):
    """Chromium draws the cue's dark box inside the band place_cues chose (content at the top and the bottom:
    the cue goes to the 70 % band), in the gallery page as written for a scene."""
    write_clip(tmp_path / "Probe.mp4", lambda k: [(0, 60), band_rows(None)], background=(128, 128, 128))
    cues = place_cues(tmp_path / "Probe.mp4", [Cue(Fraction(0), Fraction(2), "Placed words")])
    assert cues[0].line == 70
    (tmp_path / "Probe.vtt").write_text(to_vtt(cues))
    write_gallery(tmp_path, [SceneEntry(tmp_path / "probe.py", "Probe")], Settings())
    with served(tmp_path) as address, browser_page() as page:
        page.goto(f"{address}/index.html", wait_until="load")
        page.evaluate("const v = document.getElementById('video-Probe'); v.controls = false; v.currentTime = 1.0")
        page.wait_for_function("const v = document.getElementById('video-Probe'); v.readyState >= 2 && "
                               "v.textTracks[0].activeCues?.length === 1", timeout=20_000)
        page.wait_for_timeout(300)  # the cue box is laid out on the next frame
        shot = page.locator("#video-Probe").screenshot()
    pixels = np.asarray(Image.open(io.BytesIO(shot)).convert("L")).astype(int)
    dark_rows = np.flatnonzero(np.mean(pixels < 60, axis=1) > 0.05)  # the cue's box: 80 % black over grey
    box = max(np.split(dark_rows, np.flatnonzero(np.diff(dark_rows) > 1) + 1), key=len)  # not the element's edge
    top, bottom = box[0] / len(pixels), (box[-1] + 1) / len(pixels)
    assert 0.69 <= top <= 0.72 and bottom <= 0.85, (top, bottom)
