"""Check a rendered lecture folder the way real clients see it, and print the counts (issue 15):

- cues (lecture.srt): over the limits of saddle.production.captions, overlapping, the longest line and cue;
- videos: every .mp4 tagged BT.709 (range, primaries, transfer, matrix), read back with PyAV;
- slides.pptx read with python-pptx: size, metadata, a title and notes on every slide, sections;
- slides.pptx exported to PDF by LibreOffice Impress (headless) and drawn by pdftoppm: pages ≥ 99 % background;
- the caption band: cues during which the picture has content in the bottom band of the frame that the lecture's
  camera keeps free for them (scenes/kit/safe_area.py), measured on every frame of lecture.mp4.

    PYTHONPATH=$PWD .venv/bin/python benchmarks/deck_check.py renders/en-dark/480p15 [--lang en] [--no-pdf]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import av
import numpy as np
from pptx import Presentation

from saddle.production.captions import RULES, problems, width
from saddle.production.media import BT709, colour_tags, ink_map
from saddle.production.slides import LECTURE_TITLE
from saddle.production.subtitles import read_srt
from scenes.kit.safe_area import CAPTION_BAND
from tests.helpers.production import pdf_page_background_shares

BANDS = (CAPTION_BAND, 0.25)  # bottom share of the frame: the lecture's caption band; the quarter
FREE = 0.002  # a band with at most this share of pixels off the background has nothing drawn in it


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
          f"{max(width(cue.text, lang) / float(cue.end - cue.start) for cue in cues):.1f} characters/s as the rules "
          f"count them (limit {RULES[lang].characters_per_second})")
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
    """For every frame of lecture.mp4 while a cue shows: is anything drawn in the caption band (the bottom
    CAPTION_BAND of the frame, the whole width, where players put the cues), and in the issue's bottom quarter?"""
    busy: dict[float, set[int]] = {band: set() for band in BANDS}
    frames, index = 0, 0
    with av.open(str(folder / "lecture.mp4")) as container:
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        for frame in container.decode(stream):
            moment = frame.time
            while index < len(cues) and cues[index].end <= moment:
                index += 1
            if index < len(cues) and cues[index].start <= moment:
                frames += 1
                drawn = ink_map(frame)
                for band in BANDS:
                    if np.mean(drawn[round(len(drawn) * (1 - band)):]) > FREE:
                        busy[band].add(index)
    for band in BANDS:
        print(f"caption band: cues with content in the bottom {band:.0%} of the frame: {len(busy[band])} of "
              f"{len(cues)} (every one of the {frames} frames under a cue measured)")


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
