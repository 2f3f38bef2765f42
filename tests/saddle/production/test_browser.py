"""The HTML deck and the gallery as a lecturer drives them, in Debian's chromium under its normal desktop autoplay
policy (a page may not start sound before the user's first click or key): the keys, sound after reopening the deck
on any slide, a chapter brought into view, the page in the lecture's language, subtitles inside the caption band;
no console error and no request leaving the disk. Built once from the Chinese test lecture (the words of the pages
are the catalogue's, checked here in zh; the English ones are in tests/saddle/production/test_render.py). Screenshots
for a person to look at go to the test's tmp folder (pytest prints it with -s; their names say what they show)."""

from __future__ import annotations

import io
import json
from contextlib import contextmanager

import numpy as np
import pytest
from PIL import Image

from saddle.production.captions import RULES
from scenes.catalogue import STRINGS, say_text
from scenes.kit.safe_area import CAPTION_BAND
from tests.helpers.production import browser_page, produce_fixture, refuse_network

pytestmark = pytest.mark.slow

DESKTOP_AUTOPLAY = "--autoplay-policy=document-user-activation-required"  # Chrome's default on desktops
LAPTOP, FULL_HD = {"width": 1366, "height": 768}, {"width": 1920, "height": 1080}
CURRENT_VIDEO = "Reveal.getSlideBackground(Reveal.getCurrentSlide()).querySelector('video')"


@pytest.fixture(scope="module")
def produced(tmp_path_factory):
    _, _, folder = produce_fixture(tmp_path_factory, "slides", "zh")
    return folder


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    return tmp_path_factory.mktemp("screenshots")


@contextmanager
def offline_page(viewport=LAPTOP):
    """A page that may read files only: every other request is refused and recorded; on leaving, nothing was
    requested from outside and no console error was logged."""
    with browser_page(DESKTOP_AUTOPLAY, viewport=viewport) as page:
        outside = refuse_network(page)
        yield page
        assert outside == []
        # Chromium cancels the rest of a file: video once it has what it needs (reported as a failed request)
        assert [problem for problem in page.problems if not problem.endswith(".mp4")] == []


def open_deck(page, folder, slide: str = ""):
    page.goto((folder / "slides.html").as_uri() + slide, wait_until="load")
    page.wait_for_function("window.Reveal && Reveal.isReady()", timeout=20_000)


def position(page) -> list[int]:
    return page.evaluate("[Reveal.getIndices().h, Reveal.getIndices().v]")


def sound(page) -> dict:
    """The current slide's clip: playing? muted? where? and is the sound prompt up?"""
    return page.evaluate(f"""(() => {{ const v = {CURRENT_VIDEO};
        return {{playing: !v.paused && !v.ended, muted: v.muted, time: v.currentTime,
                 prompt: !document.querySelector('.saddle-sound').hidden}}; }})()""")


def press(page, key: str, then: list[int]):
    page.keyboard.press(key)
    page.wait_for_function(f"[Reveal.getIndices().h, Reveal.getIndices().v].join() === '{then[0]},{then[1]}'",
                           timeout=10_000)


def test_deck_keys_go_where_a_presenter_expects(produced, shots):
    """Four slides: (0,0) (0,1) in the first scene's stack, (1,0) (1,1) in the second's."""
    with offline_page() as page:
        open_deck(page, produced)
        page.wait_for_function("!document.querySelector('.saddle-sound').hidden", timeout=20_000)
        page.keyboard.press("x")  # the first key only starts the narrated first slide with sound
        assert position(page) == [0, 0]
        page.wait_for_function(f"!{CURRENT_VIDEO}.paused", timeout=10_000)
        press(page, "Space", [0, 1])  # a playing clip does not keep Space: the slide moves on
        press(page, "PageDown", [1, 0])  # a clicker's forward button
        press(page, "Home", [0, 0])  # the first slide of the deck, not the step last seen in the first stack
        press(page, "n", [0, 1])
        press(page, "ArrowRight", [1, 0])
        press(page, "End", [1, 1])  # the last slide of the deck, not the first of the last stack
        press(page, "Shift+Space", [1, 0])
        press(page, "PageUp", [0, 1])
        press(page, "End", [1, 1])
        page.keyboard.press("b")  # blank: the picture and the clip stop
        page.wait_for_function("Reveal.isPaused()", timeout=10_000)
        assert page.evaluate(f"{CURRENT_VIDEO}.paused")
        resume = page.inner_text(".pause-overlay .resume-button")
        page.wait_for_timeout(1200)  # the screen fades to black
        page.screenshot(path=shots / "deck-blank.png")
        page.keyboard.press("b")
        page.wait_for_function("!Reveal.isPaused()", timeout=10_000)
        page.evaluate(f"{CURRENT_VIDEO}.loop = true")  # the 1-s clip must not end between the clicks
        page.evaluate(f"{CURRENT_VIDEO}.play()")
        page.mouse.click(683, 300)
        assert page.evaluate(f"{CURRENT_VIDEO}.paused") and position(page) == [1, 1]
        page.mouse.click(683, 300)
        page.wait_for_function(f"!{CURRENT_VIDEO}.paused", timeout=10_000)
        page.keyboard.press("Shift+Slash")  # ?: the list of keys, in the lecture's language
        page.wait_for_selector(".r-overlay-help-content table")
        rows = page.evaluate("[...document.querySelectorAll('.r-overlay-help-content tr')].map(r => r.innerText)")
        title = page.inner_text(".r-overlay-help-content .title")
        page.screenshot(path=shots / "deck-keys-zh.png")
    assert title == say_text("deck.keys", "zh") and len(rows) == 12 and resume == say_text("deck.resume", "zh")
    for word in ("next", "previous", "first", "last", "blank", "click", "fullscreen", "help"):
        assert any(say_text(f"deck.{word}", "zh") in row for row in rows), word
    assert any(row.startswith("Space") for row in rows) and any(row.startswith("B , .") for row in rows)


def test_sound_after_reopening_the_deck_on_any_slide(produced, shots):
    """Under the desktop policy a reopened deck may not start its clip with sound: the narrated slide shows the
    prompt, and the first key (or click) starts its clip from the start, with sound, on the same slide."""
    with offline_page() as page:  # a fresh browser for each reopening: no click or key in its history
        open_deck(page, produced, "#/1/1")
        page.wait_for_function("!document.querySelector('.saddle-sound').hidden", timeout=20_000)
        before = sound(page)
        page.screenshot(path=shots / "deck-reopened-prompt-zh.png")
        assert page.inner_text(".saddle-sound").endswith(say_text("deck.sound", "zh"))
        page.keyboard.press("Space")
        page.wait_for_function(f"!{CURRENT_VIDEO}.paused && !{CURRENT_VIDEO}.muted", timeout=10_000)
        after = sound(page)
        assert position(page) == [1, 1]
    with offline_page() as page:  # the same with a click, on another slide
        open_deck(page, produced, "#/0/1")
        page.wait_for_function("!document.querySelector('.saddle-sound').hidden", timeout=20_000)
        page.mouse.click(300, 200)
        page.wait_for_function(f"!{CURRENT_VIDEO}.paused && !{CURRENT_VIDEO}.muted", timeout=10_000)
        assert position(page) == [0, 1]
    with offline_page() as page:  # the title slide says nothing: no prompt
        open_deck(page, produced, "#/1/0")
        page.wait_for_function(f"{CURRENT_VIDEO} && {CURRENT_VIDEO}.readyState >= 2", timeout=20_000)
        page.wait_for_timeout(1000)
        assert sound(page)["prompt"] is False
    assert not (before["playing"] and not before["muted"])  # the policy held the sound back
    assert after["prompt"] is False and after["muted"] is False and after["time"] < 1.0


def test_chapter_click_brings_the_player_into_view_and_plays(produced, shots):
    with offline_page() as page:
        page.goto((produced / "index.html").as_uri(), wait_until="load")
        page.wait_for_function("document.getElementById('lecture-video').readyState >= 1", timeout=20_000)
        links = page.locator("ol.chapters a")
        links.nth(1).click()  # Playwright scrolls the link into view first, as a reader would
        page.wait_for_function("!document.getElementById('lecture-video').paused", timeout=10_000)
        box = page.evaluate("(() => { const r = document.getElementById('lecture-video').getBoundingClientRect();"
                            "return [r.top, r.bottom, innerHeight]; })()")
        state = page.evaluate("(() => { const v = document.getElementById('lecture-video');"
                              "return [v.currentTime, v.muted, document.activeElement === v]; })()")
        page.screenshot(path=shots / "gallery-chapter-1366x768.png")
        page.evaluate("scrollTo(0, document.body.scrollHeight)")
        links.nth(0).focus()
        page.keyboard.press("Enter")  # the keyboard reaches the chapters too
        page.wait_for_function("document.getElementById('lecture-video').getBoundingClientRect().top >= 0",
                               timeout=10_000)
    top, bottom, height = box
    assert top >= 0 and bottom <= height  # the whole player, not 15 px of it
    assert state[0] >= 2.9 and state[1] is False and state[2] is True


def test_gallery_speaks_the_lecture_language(produced, shots):
    with offline_page() as page:
        page.goto((produced / "index.html").as_uri(), wait_until="load")
        lang = page.evaluate("document.documentElement.lang")
        text = page.inner_text("body")
        labels = page.evaluate("[...document.querySelectorAll('ol.chapters a')].map(a => a.getAttribute('aria-label'))")
        nav = page.evaluate("document.querySelector('nav').getAttribute('aria-labelledby')")
        tracks = page.evaluate("[...document.getElementById('lecture-video').textTracks].map(t => t.label)")
        page.screenshot(path=shots / "gallery-zh.png", full_page=True)
    assert lang == "zh-CN" and nav == "chapters-heading" and tracks == ["中文", "章节"]
    shown = ["lecture", "chapters", "file.slides_html", "file.slides_pptx", "file.lecture_srt",
             "file.contact_sheet", "file.manifest"]
    assert all(say_text(f"page.{key}", "zh") in text for key in shown)
    english = [STRINGS[key]["en"] for key in STRINGS if key.startswith("page.") and "{" not in STRINGS[key]["en"]]
    assert [words for words in english if words in text] == []
    assert labels[0].startswith("从 0:00 开始播放：") and len(labels) == 2
    listed = {item["path"]: item for item in json.loads((produced / "manifest.json").read_text())["files"]}
    assert listed["contact-sheet.png"]["width"] == 6 * (320 + 4) + 4  # the whole lecture at a glance, listed


def longest_cue(lang: str) -> str:
    """Two full lines as the caption rules allow them (42 characters, or 16 full-width ones)."""
    if lang == "zh":
        return "鞍点处的梯度为零但特征值有正有负\n所以训练会在这里停滞很长一段时间"
    return "the Hessian's eigenvalues of opposite sign\nand a saddle point where the gradient is 0"


@pytest.mark.parametrize("viewport", [LAPTOP, FULL_HD], ids=["1366x768", "1920x1080"])
def test_subtitles_stay_inside_the_caption_band(produced, shots, viewport):
    """The longest cue the rules allow, drawn by Chromium over a paused frame: every pixel it changes lies in the
    bottom CAPTION_BAND of the picture (with the player's controls hidden, as while it plays: Chromium lifts the
    cues above its control bar while that shows)."""
    with offline_page(viewport) as page:
        page.goto((produced / "index.html").as_uri(), wait_until="load")
        page.wait_for_function("document.getElementById('lecture-video').readyState >= 2", timeout=20_000)
        for lang in ("en", "zh"):
            assert all(len(line) <= RULES[lang].line_width for line in longest_cue(lang).split("\n"))
            page.evaluate("""text => { const v = document.getElementById('lecture-video');
                v.controls = false; v.currentTime = 1.0; v.scrollIntoView({block: 'center'});
                for (const t of v.textTracks) t.mode = 'disabled';
                window.testTrack = v.addTextTrack('subtitles', 'test'); testTrack.mode = 'hidden';
                testTrack.addCue(new VTTCue(0, 5, text)); }""", longest_cue(lang))
            page.wait_for_timeout(500)
            box = page.locator("#lecture-video").bounding_box()
            without = np.asarray(Image.open(io.BytesIO(page.screenshot(clip=box))).convert("RGB"), dtype=int)
            page.evaluate("testTrack.mode = 'showing'")
            page.wait_for_timeout(500)
            shot = page.screenshot(clip=box)
            (shots / f"gallery-cue-{lang}-{viewport['width']}x{viewport['height']}.png").write_bytes(shot)
            drawn = np.asarray(Image.open(io.BytesIO(shot)).convert("RGB"), dtype=int)
            rows = np.nonzero(np.abs(drawn - without).max(axis=(1, 2)) > 30)[0]
            assert rows.size > 0 and rows.max() < drawn.shape[0]  # a cue was drawn
            assert rows.min() >= drawn.shape[0] * (1 - CAPTION_BAND), (lang, rows.min(), drawn.shape[0])
