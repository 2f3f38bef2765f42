"""Check a rendered lecture folder the way real clients see it, and print the counts (issue 15):

- cues (lecture.srt): over the limits of saddle.production.captions, overlapping, the longest line and cue;
- videos: every .mp4 tagged BT.709 (range, primaries, transfer, matrix), read back with PyAV;
- slides.pptx read with python-pptx: size, metadata, a title and notes on every slide, sections;
- slides.pptx exported to PDF by LibreOffice Impress (headless) and drawn by pdftoppm: pages ≥ 99 % background;
- the caption band: cues during which the picture has content in the bottom band of the frame (where two lines of
  subtitles sit), and cues during which it has content under the cue's box in the band the cue was placed in
  (lecture.vtt's line settings, saddle.production.placement), measured on every frame of lecture.mp4.

    PYTHONPATH=$PWD .venv/bin/python benchmarks/deck_check.py renders/en-dark/480p15 [--lang en] [--no-pdf]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
from pptx import Presentation

from saddle.production.captions import RULES, problems, width
from saddle.production.media import BT709, colour_tags, ink_map
from saddle.production.placement import BANDS as PLACES
from saddle.production.placement import CAPTION_HEIGHT, FREE, band_shares, cue_columns
from saddle.production.slides import LECTURE_TITLE
from saddle.production.subtitles import read_srt, read_vtt
from tests.production_helpers import pdf_page_background_shares

BANDS = (0.15, 0.25)  # bottom share of the frame: two lines of cues as Chromium draws them; the quarter


def check_cues(folder: Path, lang: str) -> list:
    cues = read_srt(folder / "lecture.srt")
    found = problems(cues, lang)
    kinds = Counter(problem.split(": ", 1)[1].split(":")[0].split(" ")[0] for problem in found)
    lines = [line for cue in cues for line in cue.text.split("\n")]
    print(f"cues: {len(cues)}, over the limits: {len(found) - kinds['overlaps']} {dict(kinds)}, "
          f"overlaps: {kinds['overlaps']}")
    print(f"  longest line {max(width(line, lang) for line in lines)} (limit {RULES[lang].line_width}), "
          f"most lines {max(cue.text.count(chr(10)) + 1 for cue in cues)}, longest cue "
          f"{float(max(cue.end - cue.start for cue in cues)):.2f} s, fastest "
          f"{max(len(cue.text) / float(cue.end - cue.start) for cue in cues):.1f} characters/s")
    return cues


def check_colours(folder: Path) -> None:
    videos = sorted(folder.rglob("*.mp4"))
    untagged = [video for video in videos if colour_tags(video) != BT709]
    print(f"videos: {len(videos)}, not tagged BT.709: {len(untagged)}")


def check_pptx(folder: Path, lang: str) -> None:
    deck = Presentation(str(folder / "slides.pptx"))
    slides = list(deck.slides)
    untitled = sum(1 for slide in slides if not (slide.shapes.title and slide.shapes.title.text.strip()))
    no_notes = sum(1 for slide in slides if not slide.notes_slide.notes_text_frame.text.strip())
    properties = deck.core_properties
    print(f"pptx: {len(slides)} slides, {deck.slide_width / deck.slide_height:.4f} (16:9 = {16 / 9:.4f}), "
          f"without a title: {untitled}, without notes: {no_notes}")
    print(f"  title {properties.title!r} (lecture's: {properties.title == LECTURE_TITLE[lang]}), author "
          f"{properties.author!r}, last modified by {properties.last_modified_by!r}, created {properties.created}, "
          f"language {properties.language}")


def check_pdf(folder: Path) -> None:
    start = time.monotonic()
    with tempfile.TemporaryDirectory() as work:
        shares = pdf_page_background_shares(folder / "slides.pptx", Path(work))
    blank = [index + 1 for index, share in enumerate(shares) if share >= 0.99]
    print(f"pdf (LibreOffice): {len(shares)} pages, pages >= 99 % background: {len(blank)} {blank}, most background "
          f"{max(shares):.4f}, export and drawing took {time.monotonic() - start:.0f} s")


def check_band(folder: Path, cues: list) -> None:
    """For every frame of lecture.mp4 inside a cue: is there content in the bottom band (the whole width), and
    under the cue's box in each band a cue can be placed in (saddle.production.placement)? Then: cues with content
    under them in the band lecture.vtt put them in, and cues that no band could have kept clear (every band has
    content under the box on some frame of the cue)."""
    placed = read_vtt(folder / "lecture.vtt")
    if len(placed) != len(cues) or any(a.text != b.text or abs(a.start - b.start) > Fraction(1, 1000)
                                       for a, b in zip(placed, cues)):  # SubRip's times can be a millisecond early
        sys.exit("deck_check: lecture.vtt and lecture.srt hold different cues; assemble the lecture again")
    busy: dict[float, set[int]] = {band: set() for band in BANDS}
    worst = np.zeros((len(cues), len(PLACES)))
    index = 0
    with av.open(str(folder / "lecture.mp4")) as container:
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        for frame in container.decode(stream):
            moment = frame.time
            while index < len(cues) and cues[index].end <= moment:
                index += 1
            if index < len(cues) and cues[index].start <= moment:
                drawn = ink_map(frame)
                for band in BANDS:
                    if np.mean(drawn[round(len(drawn) * (1 - band)):]) > FREE:
                        busy[band].add(index)
                columns = cue_columns(cues[index].text, frame.width / frame.height)
                worst[index] = np.maximum(worst[index], band_shares(drawn, columns))
    for band in BANDS:
        print(f"caption band: cues with content in the bottom {band:.0%} of the frame: {len(busy[band])} of "
              f"{len(cues)}")
    chosen = [PLACES.index(100 - CAPTION_HEIGHT if cue.line is None else cue.line) for cue in placed]
    covering = [index for index, place in enumerate(chosen) if worst[index, place] > FREE]
    unavoidable = [index for index in covering if (worst[index] > FREE).all()]
    lines = Counter("bottom" if cue.line is None else f"{cue.line}%" for cue in placed)
    print(f"placed cues (lecture.vtt): with content in their own band: {len(covering)} of {len(cues)}, of which "
          f"{len(unavoidable)} had no band free on every frame (all at the bottom: {int((worst[:, 0] > FREE).sum())}); "
          f"bands {dict(lines)}")
    print(f"  a free band missed (content between the sampled frames): "
          f"{[index + 1 for index in covering if index not in unavoidable]}")
    if covering:
        print(f"  share drawn in the cue's band, median over those cues: "
              f"{np.median([worst[index, chosen[index]] for index in covering]):.4f} where placed, "
              f"{np.median(worst[covering, 0]):.4f} at the bottom")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--lang", choices=sorted(RULES), default="en")
    parser.add_argument("--no-pdf", action="store_true", help="skip the LibreOffice export (about a minute)")
    options = parser.parse_args()
    if not (options.folder / "lecture.srt").exists():
        sys.exit(f"deck_check: no lecture.srt in {options.folder}; render the lecture and its slides first")
    cues = check_cues(options.folder, options.lang)
    check_colours(options.folder)
    check_pptx(options.folder, options.lang)
    if not options.no_pdf:
        check_pdf(options.folder)
    check_band(options.folder, cues)


if __name__ == "__main__":
    main()
