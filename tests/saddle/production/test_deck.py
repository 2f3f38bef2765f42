"""The parts of the decks and the gallery that need no render: the poster frame, the contact sheet, the presenter
layer's edits of manim-slides' template, and the PowerPoint file's language tags and timing, each on small clips
made here with PyAV whose every frame is known."""

from __future__ import annotations

import json
import re
import subprocess
import zipfile
from fractions import Fraction
from importlib import resources
from pathlib import Path

import av
import numpy as np
import pytest
from lxml import etree
from PIL import Image

from saddle.production.contact import COLUMNS, GAP, LABEL, TILE, sheet_times, write_contact_sheet
from saddle.production.media import ProductionError, best_frame
from saddle.production.powerpoint import DeckInfo, DeckScene, DeckSlide, write_pptx
from saddle.production.presenter import presenter_template
from scenes.catalogue import say_text

FPS = 15
SIZE = (192, 108)
BACKGROUND = np.array([17, 20, 24])
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def write_clip(path: Path, frames: list[np.ndarray]) -> Path:
    with av.open(str(path), "w") as container:
        stream = container.add_stream("libx264", rate=FPS, options={"crf": "12"})
        stream.width, stream.height, stream.pix_fmt = *SIZE, "yuv420p"
        for pixels in frames:
            container.mux(stream.encode(av.VideoFrame.from_ndarray(pixels.astype(np.uint8), format="rgb24")))
        container.mux(stream.encode())
    return path


def title_frame(brightness: float, letters: int = 8) -> np.ndarray:
    """A background with `letters` blocks (a title) drawn at `brightness` (0: not yet, 1: white)."""
    pixels = np.broadcast_to(BACKGROUND, (SIZE[1], SIZE[0], 3)).copy()
    for index in range(letters):
        pixels[40:60, 16 + 20 * index:30 + 20 * index] = BACKGROUND + brightness * (255 - BACKGROUND)
    return pixels


def test_poster_is_the_finished_picture_not_a_half_drawn_or_faded_one(tmp_path):
    """A title written in 10 frames (its letters grey, then white), held 10, then fading for 10: the chosen frame
    shows it white; every frame shows the same blocks, so counting drawn pixels alone cannot tell them apart."""
    ramp = [title_frame(0.15 + 0.85 * k / 9) for k in range(10)]
    fade = [title_frame(1 - 0.6 * k / 9) for k in range(10)]
    clip = write_clip(tmp_path / "title.mp4", [*ramp, *[title_frame(1.0)] * 10, *fade])
    chosen = best_frame(clip).to_ndarray(format="rgb24")
    assert chosen[45:55, 18:28].mean() > 245  # the letters white, not grey
    still = write_clip(tmp_path / "still.mp4", [*ramp, *[title_frame(1.0)] * 5])  # ends when the title is written
    assert best_frame(still).to_ndarray(format="rgb24")[45:55, 18:28].mean() > 245


def test_contact_sheet_shows_the_frame_at_each_time(tmp_path):
    """Frame n of the clip is a flat grey of level 4n: each tile's level says which frame it shows, and it must be
    the frame on screen at the tile's time (the last one starting at or before it)."""
    levels = [np.full((SIZE[1], SIZE[0], 3), 4 * n) for n in range(60)]  # 4 s
    clip = write_clip(tmp_path / "lecture.mp4", levels)
    times = write_contact_sheet(clip, tmp_path / "sheet.png")
    assert times == sheet_times(Fraction(4)) and len(times) == 12
    assert times[0] == Fraction(1, 6) and times[-1] == Fraction(4) - Fraction(1, 6)
    with Image.open(tmp_path / "sheet.png") as sheet:
        pixels = np.asarray(sheet.convert("RGB"), dtype=int)
    assert pixels.shape[1] == COLUMNS * (TILE[0] + GAP) + GAP
    for index, moment in enumerate(times):
        left = GAP + (index % COLUMNS) * (TILE[0] + GAP)
        top = GAP + (index // COLUMNS) * (TILE[1] + LABEL + GAP)
        shown = pixels[top + 40:top + 140, left + 40:left + 280].mean() / 4
        assert round(shown) == int(moment * FPS), (moment, shown)


def test_long_lectures_get_a_frame_every_twenty_seconds():
    times = sheet_times(Fraction(993))
    assert len(times) == 49 and times[1] - times[0] == 20 and times[0] == 10


def manim_slides_template() -> str:
    return resources.files("manim_slides.templates").joinpath("revealjs.html").read_text(encoding="utf-8")


def test_presenter_layer_goes_into_the_template_once_with_the_lecture_words():
    page = presenter_template(manim_slides_template(), "zh-CN", [False, True, True])
    assert page.count('<html lang="zh-CN">') == 1 and "data-background-video-muted" not in page
    data = re.search(r'<script type="application/json" id="saddle-deck">(.*?)</script>', page, re.S)
    settings = json.loads(data.group(1))
    assert settings["narrated"] == [False, True, True]
    assert settings["words"]["sound"] == say_text("deck.sound", "zh") and settings["words"]["first"]
    assert page.index("Reveal.initialize(") < page.index("Reveal.removeKeyBinding(32)")  # after reveal's setup
    assert "{% raw %}" in page  # jinja leaves the script and style as they are


def test_a_template_without_a_place_to_edit_fails_loudly():
    with pytest.raises(ProductionError, match=r"revealjs\.html"):
        presenter_template(manim_slides_template().replace("</head>", ""), "en-US", [True])


@pytest.mark.parametrize(("lang", "tag"), [("en", "en-US"), ("zh", "zh-CN")])
def test_powerpoint_text_says_its_language_and_videos_start_with_their_slide(tmp_path, lang, tag):
    clip = write_clip(tmp_path / "clip.mp4", [title_frame(1.0)] * 21)  # 1.4 s
    slides = tuple(DeckSlide(clip, f"{say_text('deck.keys', lang)} · {n}/2", f"{say_text('deck.next', lang)}\n\nB",
                             "alt", f"clip {n}/2", True) for n in (1, 2))
    write_pptx(tmp_path / "deck.pptx", [DeckScene("Scene", "Scene", slides)], DeckInfo("T", "A", "S", tag))
    with zipfile.ZipFile(tmp_path / "deck.pptx") as package:
        parts = {name: etree.fromstring(package.read(name)) for name in package.namelist()
                 if re.fullmatch(r"ppt/(slides/slide|notesSlides/notesSlide)\d+\.xml", name)}
    assert len(parts) == 4
    for name, part in parts.items():
        runs = [*part.iter(f"{A}r"), *part.iter(f"{A}fld")]
        assert runs and all(run.find(f"{A}rPr").get("lang") == tag for run in runs), name
        assert all(end.get("lang") == tag for end in part.iter(f"{A}endParaRPr"))
        assert all(run.find(f"{A}rPr").get("altLang") == ("en-US" if lang == "zh" else None) for run in runs)
    for name in (name for name in parts if "/slides/" in name):
        assert_starts_on_entry(parts[name])


def assert_starts_on_entry(slide) -> None:
    """PowerPoint's "Start: Automatically": the main sequence's first effect runs after the previous one (none: the
    slide's start) and calls playFrom(0.0) on the slide's video for its whole length; the media node waits for it."""
    video = next(pic for pic in slide.iter(f"{P}pic") if pic.find(f".//{A}videoFile") is not None)
    shape = video.find(f"{P}nvPicPr/{P}cNvPr").get("id")
    timing = slide.find(f"{P}timing")
    ids = [node.get("id") for node in timing.iter(f"{P}cTn")]
    assert len(ids) == len(set(ids)) == 7
    sequence = timing.find(f".//{P}seq/{P}cTn")
    assert sequence.get("nodeType") == "mainSeq"
    effects = [node for node in sequence.iter(f"{P}cTn") if node.get("presetClass") == "mediacall"]
    assert [effect.get("nodeType") for effect in effects] == ["afterEffect"]
    command = effects[0].find(f".//{P}cmd")
    assert (command.get("type"), command.get("cmd")) == ("call", "playFrom(0.0)")
    assert command.find(f".//{P}spTgt").get("spid") == shape
    assert command.find(f"{P}cBhvr/{P}cTn").get("dur") == "1400"
    media = timing.find(f".//{P}video/{P}cMediaNode")
    assert media.find(f".//{P}spTgt").get("spid") == shape
    assert media.find(f"{P}cTn/{P}stCondLst/{P}cond").get("delay") == "indefinite"
    # p:timing comes after p:clrMapOvr and before any p:extLst (CT_Slide's sequence)
    order = [child.tag.removeprefix(P) for child in slide]
    assert order.index("timing") == order.index("clrMapOvr") + 1


@pytest.mark.slow
def test_libreoffice_starts_each_video_with_its_slide(tmp_path):
    """LibreOffice Impress (headless) reads the timing as PowerPoint means it: converted to ODP, every page's main
    sequence holds an after-previous media call that plays that page's video for its length."""
    clip = write_clip(tmp_path / "clip.mp4", [title_frame(1.0)] * 21)
    slides = tuple(DeckSlide(clip, f"Slide {n}", "notes", "alt", f"clip {n}", True) for n in (1, 2))
    write_pptx(tmp_path / "deck.pptx", [DeckScene("Scene", "Scene", slides)], DeckInfo("T", "A", "S", "en-US"))
    converted = subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                                "--convert-to", "odp", "--outdir", str(tmp_path), str(tmp_path / "deck.pptx")],
                               check=False, capture_output=True, text=True, timeout=600)
    assert converted.returncode == 0 and (tmp_path / "deck.odp").exists(), converted.stdout + converted.stderr
    with zipfile.ZipFile(tmp_path / "deck.odp") as package:
        content = package.read("content.xml").decode()
    pages = re.findall(r"<draw:page .*?</draw:page>", content, re.S)
    assert len(pages) == 2
    for page in pages:
        video = re.search(r'<draw:frame draw:name="clip \d" [^>]*draw:id="([^"]+)"', page).group(1)
        effect = re.search(r'<anim:par [^>]*presentation:node-type="after-previous"[^>]*'
                           r'presentation:preset-class="media-call"[^>]*>(.*?)</anim:par>', page, re.S)
        assert effect, page[-1500:]
        command = re.search(r'<anim:command ([^>]*)/>', effect.group(1)).group(1)
        assert 'anim:command="play"' in command and f'smil:targetElement="{video}"' in command
        assert 'smil:dur="1.4s"' in command
