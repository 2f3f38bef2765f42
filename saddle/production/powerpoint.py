"""slides.pptx, written with python-pptx so it looks finished in PowerPoint and LibreOffice Impress: 16:9, the
lecture's title and the project as author (not the template's), a thumbnail of the first slide, a title on every
slide (hidden behind the video, it names the slide in the outline and for screen readers), a section per scene,
videos with readable names, alt text and a poster that shows the slide, and speaker notes on every slide."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from html import escape
from io import BytesIO
from pathlib import Path

from lxml import etree
from manim_slides.convert import _auto_play_pptx_media  # the timing XML that starts a video with its slide
from PIL import Image
from pptx import Presentation
from pptx.util import Emu

from saddle.production.media import best_frame

WIDTH, HEIGHT = Emu(12192000), Emu(6858000)  # 13.33 x 7.5 inches: PowerPoint's 16:9
TITLE_ONLY = 5  # the default template's "Title Only" layout
P14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"
SECTIONS_URI = "{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"  # the extension PowerPoint reads sections from
THUMBNAIL_WIDTH = 256


@dataclass(frozen=True)
class DeckSlide:
    video: Path
    title: str
    notes: str
    alt_text: str
    name: str  # the video's name in the selection pane
    last_frame_poster: bool  # a title slide: its poster is its last frame, when the title is written


@dataclass(frozen=True)
class DeckScene:
    name: str
    title: str
    slides: tuple[DeckSlide, ...]


@dataclass(frozen=True)
class DeckInfo:
    title: str
    author: str
    subject: str
    language: str  # BCP 47: en-US, zh-CN


def write_pptx(target: Path, scenes: list[DeckScene], info: DeckInfo) -> None:
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    deck.part._element.sldSz.attrib.pop("type", None)  # the template's says "screen4x3"
    layout = deck.slide_layouts[TITLE_ONLY]
    thumbnail = b""
    for scene in scenes:
        for item in scene.slides:
            poster = _png(best_frame(item.video, last=item.last_frame_poster).to_image())
            thumbnail = thumbnail or _thumbnail(poster)
            slide = deck.slides.add_slide(layout)
            title = slide.shapes.title
            title.text = item.title
            title.left, title.top, title.width, title.height = 0, 0, WIDTH, HEIGHT // 6
            movie = slide.shapes.add_movie(str(item.video), 0, 0, WIDTH, HEIGHT, poster_frame_image=BytesIO(poster),
                                           mime_type="video/mp4")  # added after the title, so drawn over it
            movie.name = item.name
            movie._element.nvPicPr.cNvPr.set("descr", item.alt_text)
            _auto_play_pptx_media(movie)
            slide.notes_slide.notes_text_frame.text = item.notes
    _add_sections(deck, scenes)
    _describe(deck, info, sum(len(scene.slides) for scene in scenes))
    _replace_part(deck, "/docProps/thumbnail.jpeg", thumbnail)
    deck.save(str(target))


def _add_sections(deck, scenes: list[DeckScene]) -> None:
    """One section per scene, named by its title (the p14:sectionLst extension: python-pptx has no API for it)."""
    presentation = deck.part._element
    p = presentation.nsmap["p"]
    extensions = etree.SubElement(presentation, f"{{{p}}}extLst")
    extension = etree.SubElement(extensions, f"{{{p}}}ext", uri=SECTIONS_URI)
    sections = etree.SubElement(extension, f"{{{P14}}}sectionLst", nsmap={"p14": P14})
    slide_ids = iter(slide.slide_id for slide in deck.slides)
    for scene in scenes:
        identity = str(uuid.uuid5(uuid.NAMESPACE_URL, f"saddle-lecture/{scene.name}")).upper()
        section = etree.SubElement(sections, f"{{{P14}}}section", name=scene.title, id=f"{{{identity}}}")
        members = etree.SubElement(section, f"{{{P14}}}sldIdLst")
        for _ in scene.slides:
            etree.SubElement(members, f"{{{P14}}}sldId", id=str(next(slide_ids)))


def _describe(deck, info: DeckInfo, slides: int) -> None:
    """The file's properties: core (title, author, dates) and the application's (format, counts), replacing the
    template's (another author, 2013, "On-screen Show (4:3)")."""
    now = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    properties = deck.core_properties
    properties.title, properties.subject, properties.language = info.title, info.subject, info.language
    properties.author = properties.last_modified_by = info.author
    properties.created = properties.modified = now
    properties.comments, properties.keywords, properties.category, properties.revision = "", "", "lecture", 1
    _replace_part(deck, "/docProps/app.xml", (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.'
        'org/officeDocument/2006/extended-properties"><Application>' + escape(info.author) + "</Application>"
        f"<PresentationFormat>On-screen Show (16:9)</PresentationFormat><Slides>{slides}</Slides><Notes>{slides}"
        f"</Notes><HiddenSlides>0</HiddenSlides><MMClips>{slides}</MMClips><ScaleCrop>false</ScaleCrop>"
        "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false"
        "</HyperlinksChanged></Properties>").encode())


def _png(image: Image.Image) -> bytes:
    output = BytesIO()
    image.save(output, format="PNG")
    return output.getvalue()


def _thumbnail(poster: bytes) -> bytes:
    """The first slide's poster, small, as the JPEG file browsers and PowerPoint's Open dialog show."""
    with Image.open(BytesIO(poster)) as image:
        small = image.convert("RGB")
    small.thumbnail((THUMBNAIL_WIDTH, THUMBNAIL_WIDTH))
    output = BytesIO()
    small.save(output, format="JPEG", quality=85)
    return output.getvalue()


def _replace_part(deck, name: str, blob: bytes) -> None:
    """Give a package part that python-pptx carries over untouched from its template new contents."""
    for part in deck.part.package.iter_parts():
        if part.partname == name:
            part._blob = blob
            return
    raise LookupError(f"the template has no {name}")
