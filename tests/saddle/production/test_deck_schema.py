"""The PowerPoint deck against the Office Open XML schemas (ECMA-376 / ISO/IEC 29500 and Microsoft's PowerPoint 2010
extensions, as the Open XML SDK's validator checks them; openxml-audit ports it to Python, offline): every XML part
of a small English and Chinese deck (slides with their videos, poster pictures and start-on-entry timing, titles and
notes with language tags, sections, properties) is valid, and every part has the content type its relationships
require, a check the validator does not make. The validator does see a misplaced or misspelt timing, a video
without its link and a dangling relationship, and the content check sees a part without a content type, so the
first test can fail. What the schemas leave free (a language tag is any string, a shape id any number, time node ids
need not be unique) test_deck checks."""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree
from openxml_audit import OpenXmlValidator

from saddle.production.powerpoint import DeckInfo, DeckScene, DeckSlide, write_pptx
from scenes.catalogue import say_text
from tests.saddle.production.test_deck import assert_starts_on_entry, title_frame, write_clip

SLIDE = "ppt/slides/slide2.xml"
PACKAGE = "http://schemas.openxmlformats.org/package/2006/"
OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
PRESENTATION = "application/vnd.openxmlformats-officedocument.presentationml."
#: the content type each relationship the deck writes requires of its target (ECMA-376 Part 1, 13 and 15.2)
TARGET_TYPES = {
    f"{OFFICE}slide": (f"{PRESENTATION}slide+xml",),
    f"{OFFICE}slideLayout": (f"{PRESENTATION}slideLayout+xml",),
    f"{OFFICE}slideMaster": (f"{PRESENTATION}slideMaster+xml",),
    f"{OFFICE}notesSlide": (f"{PRESENTATION}notesSlide+xml",),
    f"{OFFICE}notesMaster": (f"{PRESENTATION}notesMaster+xml",),
    f"{OFFICE}officeDocument": (f"{PRESENTATION}presentation.main+xml",),
    f"{OFFICE}video": ("video/mp4",),
    "http://schemas.microsoft.com/office/2007/relationships/media": ("video/mp4",),
    f"{OFFICE}image": ("image/jpeg", "image/png"),
    f"{PACKAGE}relationships/metadata/thumbnail": ("image/jpeg",),
}


@pytest.fixture(scope="module")
def validator() -> OpenXmlValidator:
    return OpenXmlValidator()  # Office 2019's schemas, PowerPoint's extensions included


@pytest.fixture(scope="module", params=[("en", "en-US"), ("zh", "zh-CN")], ids=["en", "zh"])
def deck(request, tmp_path_factory) -> Path:
    """Two scenes of three slides, each with a video (two different clips, so two media parts), a title, notes
    over two paragraphs and the language's tag."""
    lang, tag = request.param
    folder = tmp_path_factory.mktemp(f"deck-{lang}")
    clips = [write_clip(folder / f"clip{n}.mp4", [title_frame(n / 2)] * 21) for n in (1, 2)]  # 1.4 s each
    scenes = [DeckScene(f"s{part}", f"{say_text('deck.keys', lang)} {part}", tuple(
        DeckSlide(clips[(part + n) % 2], f"{say_text('deck.keys', lang)} · {n}/3",
                  f"{say_text('deck.next', lang)}\n\n{say_text('deck.sound', lang)}", f"alt {n}", f"clip {part}.{n}",
                  True) for n in (1, 2, 3))) for part in (1, 2)]
    write_pptx(folder / "deck.pptx", scenes, DeckInfo("T", "A", "S", tag))
    return folder / "deck.pptx"


def test_every_part_of_the_deck_is_valid_ooxml(deck, validator):
    result = validator.validate(deck)
    assert result.errors == [], "\n".join(map(str, result.errors))
    assert content_type_faults(deck) == []
    with zipfile.ZipFile(deck) as package:
        slides = [name for name in package.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", name)]
        assert len(slides) == 6 and len([name for name in package.namelist() if "notesSlide" in name]) == 12
        for name in slides:  # what was validated is the timing test_deck checks
            assert_starts_on_entry(etree.fromstring(package.read(name)))


#: Broken copies of slide 2, each with a word of what the validator must say: p:timing after p:extLst breaks
#: CT_Slide's sequence; "autoplay" is no attribute of p:cTn; "afterEffects" no ST_TLTimeNodeType; a media node must
#: name its target; a:videoFile must link the video; a relationship id must exist.
BREAKS: dict[str, tuple[Callable[[str], str], str]] = {
    "timing after extLst": (lambda xml: xml.replace(
        "<p:timing>", '<p:extLst><p:ext uri="{BB962C8B-B14F-4D97-AF65-F5344CB8AC3E}"/></p:extLst><p:timing>'),
        "Unexpected element 'timing'"),
    "undeclared attribute on p:cTn": (lambda xml: xml.replace('<p:cTn id="5"', '<p:cTn autoplay="1" id="5"'),
                                      "'autoplay' attribute is not declared"),
    "misspelt node type": (lambda xml: xml.replace('nodeType="afterEffect"', 'nodeType="afterEffects"'),
                           "'afterEffects' is not in allowed values"),
    "media node without target": (lambda xml: re.sub(r"(</p:cTn>)<p:tgtEl>.*?</p:tgtEl>(</p:cMediaNode>)", r"\1\2",
                                                     xml), "'tgtEl' is missing"),
    "video without link": (lambda xml: re.sub(r'<a:videoFile r:link="\w+"/>', "<a:videoFile/>", xml),
                           "'link' is missing"),
    "dangling poster": (lambda xml: re.sub(r'<a:blip r:embed="\w+"/>', '<a:blip r:embed="rId99"/>', xml),
                        "'rId99' referenced by attribute 'embed' does not exist"),
}


@pytest.mark.parametrize("break_name", BREAKS)
def test_the_validator_finds_a_broken_slide(deck, validator, tmp_path, break_name):
    change, said = BREAKS[break_name]
    result = validator.validate(rewrite(deck, tmp_path / "broken.pptx", SLIDE, change))
    assert result.error_count > 0 and all(error.part_uri == f"/{SLIDE}" for error in result.errors), result.errors
    assert any(said in error.description for error in result.errors), result.errors


def test_the_content_check_finds_a_part_without_its_content_type(deck, tmp_path):
    without_video = rewrite(deck, tmp_path / "a.pptx", "[Content_Types].xml",
                            lambda xml: re.sub(r'<Default Extension="mp4"[^>]*/>', "", xml))
    assert [fault.split(":")[0] for fault in content_type_faults(without_video)] == ["/ppt/media/media1.mp4",
                                                                                       "/ppt/media/media2.mp4"]
    slide_as_xml = rewrite(deck, tmp_path / "b.pptx", "[Content_Types].xml",
                           lambda xml: re.sub(rf'<Override PartName="/{SLIDE}"[^>]*/>', "", xml))
    assert content_type_faults(slide_as_xml) == [f"/{SLIDE}: application/xml, not {PRESENTATION}slide+xml"]


def content_type_faults(deck: Path) -> list[str]:
    """Parts without a content type ([Content_Types].xml: an Override by name, else a Default by extension), and
    relationship targets of another content type than their relationship requires (TARGET_TYPES)."""
    with zipfile.ZipFile(deck) as package:
        types = etree.fromstring(package.read("[Content_Types].xml"))
        defaults = {item.get("Extension").lower(): item.get("ContentType") for item in types
                    if item.tag.endswith("Default")}
        overrides = {item.get("PartName").lower(): item.get("ContentType") for item in types
                     if item.tag.endswith("Override")}
        parts = {f"/{name}": overrides.get(f"/{name}".lower(), defaults.get(name.rsplit(".", 1)[-1].lower()))
                 for name in package.namelist() if name != "[Content_Types].xml"}
        faults = [f"{name}: no content type" for name, kind in parts.items() if kind is None]
        for rels in (name for name in parts if name.endswith(".rels")):
            source = posixpath.dirname(posixpath.dirname(rels))
            for link in etree.fromstring(package.read(rels[1:])):
                if link.get("TargetMode") == "External":
                    continue
                target = posixpath.normpath(posixpath.join(source, link.get("Target")))
                wanted = TARGET_TYPES.get(link.get("Type"), ())
                if target not in parts:
                    faults.append(f"{target}: no such part")
                elif wanted and parts[target] and parts[target] not in wanted:
                    faults.append(f"{target}: {parts[target]}, not {' or '.join(wanted)}")
    return sorted(set(faults))


def rewrite(deck: Path, target: Path, part: str, change: Callable[[str], str]) -> Path:
    """A copy of the deck with one part's text changed (the change must change it)."""
    with zipfile.ZipFile(deck) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == part:
                changed = change(data.decode()).encode()
                assert changed != data, f"the change does not apply to {part}"
                data = changed
            copy.writestr(item, data)
    return target
