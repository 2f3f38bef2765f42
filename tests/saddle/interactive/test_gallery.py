"""The gallery's interactive views: each part of the lecture whose picture is a loss gets views/<Scene>.html with
that part's own loss and box, linked next to its clip; choosing its chapter opens it beside the player, and its
play button puts the player where the chapter's subtitles first name the point. Tested on a folder of tiny clips
(no render), in Debian's Chromium from disk with every request off the machine refused."""

from fractions import Fraction

import av
import numpy as np
import pytest
from PIL import Image

from saddle.interactive.page import embedded_data
from saddle.production.gallery import write_gallery
from saddle.production.plan import Settings, load_lecture
from saddle.production.slides import reveal_folder
from saddle.production.subtitles import Cue, to_srt, to_vtt
from saddle.production.views import PARTS, add_view_slides
from tests.helpers.interactive import hover_point, offline_page, open_view

SCENES = ["TrainingStalls", "CriticalPointZoo", "WorstNetwork"]  # no view, a view of three losses, a view
SECONDS = 2  # each tiny clip


def tiny_clip(path, seconds=SECONDS, fps=15):
    with av.open(str(path), "w") as container:
        stream = container.add_stream("libx264", rate=fps)
        stream.pix_fmt, stream.width, stream.height = "yuv420p", 32, 32
        for index in range(seconds * fps):
            frame = av.VideoFrame.from_ndarray(np.full((32, 32, 3), index * 8 % 256, np.uint8), format="rgb24")
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)


@pytest.fixture(scope="module")
def gallery(tmp_path_factory):
    folder = tmp_path_factory.mktemp("gallery")
    lecture = [entry for entry in load_lecture() if entry.name in SCENES]
    assert [entry.name for entry in lecture] == SCENES
    cues = {"TrainingStalls": [], "CriticalPointZoo": [],
            "WorstNetwork": [Cue(Fraction(1, 5), Fraction(1, 2), "A valley of minima."),
                             Cue(Fraction(3, 2), Fraction(2), "And a saddle point at the origin.")]}
    for name in SCENES:
        tiny_clip(folder / f"{name}.mp4")
        Image.new("RGB", (32, 32)).save(folder / f"{name}.png")
        (folder / f"{name}.srt").write_text(to_srt(cues[name]), encoding="utf-8")
        (folder / f"{name}.vtt").write_text(to_vtt(cues[name]), encoding="utf-8")
    tiny_clip(folder / "lecture.mp4", SECONDS * len(SCENES))
    for name in ("lecture.vtt", "lecture.chapters.vtt"):
        (folder / name).write_text(to_vtt([]), encoding="utf-8")
    write_gallery(folder, lecture, Settings())
    return folder


def test_every_part_with_a_loss_has_its_view_linked_next_to_its_clip(gallery):
    assert sorted(path.name for path in (gallery / "views").iterdir()) == [
        "CriticalPointZoo.html", "WorstNetwork.html", "plotly.min.js"]
    index = (gallery / "index.html").read_text(encoding="utf-8")
    for name in ("WorstNetwork", "CriticalPointZoo"):
        assert f'data-scene="{name}" data-view="views/{name}.html"' in index  # its chapter
        section = index[index.index(f'<section class="scene" id="{name}">'):]
        assert section.index(f'href="views/{name}.html"') < section.index("</section>")  # beside its clip
    assert 'data-scene="TrainingStalls">' in index and "views/TrainingStalls.html" not in index
    assert {"CriticalPointZoo", "TaylorApproximation", "WorstNetwork", "EscapeSaddle", "SliceReveal",
            "OptimizerRace", "LossExplorer"} <= set(PARTS)


def test_a_view_shows_its_parts_losses_and_where_the_chapter_names_them(gallery):
    zoo = embedded_data((gallery / "views" / "CriticalPointZoo.html").read_text(encoding="utf-8"))
    assert [loss["analysis"]["counts"]["by_kind"] for loss in zoo["losses"]] == [
        {"minimum": 1}, {"maximum": 1}, {"saddle": 1}]  # bowl, dome, saddle, each on the zoo's box
    assert {tuple(loss["analysis"]["box"]) for loss in zoo["losses"]} == {(-1.0, 1.0, -1.0, 1.0)}
    assert zoo["video"]["said"] == {} and zoo["video"]["chapter"]["offset"] == 0  # no subtitles: the start
    worst = embedded_data((gallery / "views" / "WorstNetwork.html").read_text(encoding="utf-8"))
    assert worst["video"]["said"]["saddle"]["offset"] == 1.5  # the first cue that says "saddle"
    assert "saddle" in worst["video"]["said"]["saddle"]["why"] and "minimum" not in worst["video"]["said"]
    assert worst["losses"][0]["analysis"]["loss"] == "(-w1*w2 + 1)**2"


def test_views_are_made_again_only_when_something_changed(gallery):
    views = sorted((gallery / "views").iterdir())
    before = [path.stat().st_mtime_ns for path in views]
    write_gallery(gallery, [entry for entry in load_lecture() if entry.name in SCENES], Settings())
    assert [path.stat().st_mtime_ns for path in views] == before


@pytest.mark.slow
def test_choosing_a_chapter_opens_its_view_and_the_view_moves_the_player(gallery):
    with offline_page(gallery / "index.html", view=False) as page:
        chapters = page.locator("ol.chapters a")
        frame = open_view(page, chapters.nth(2), "WorstNetwork")  # its chapter starts at 0:04
        assert page.locator("#view-frame").get_attribute("src") == "views/WorstNetwork.html"
        assert page.evaluate("document.getElementById('view-panel').hidden") is False
        hover_point(page, [0, 0], frame)
        frame.wait_for_function("document.getElementById('card').dataset.row === '0'", timeout=10_000)
        page.evaluate("window.seeks = []; const v = document.getElementById('lecture-video'); "
                      "v.addEventListener('seeking', () => seeks.push(v.currentTime))")
        frame.locator("#card button.play").click()  # where the chapter's subtitles first say "saddle"
        page.wait_for_function("window.seeks.length > 0", timeout=10_000)
        assert page.evaluate("window.seeks") == [pytest.approx(4 + 1.5)]  # the chapter's start + the cue's
        chapters.nth(0).click()  # TrainingStalls: no loss, no view
        page.wait_for_function("document.getElementById('view-panel').hidden", timeout=10_000)
        assert page.outside == []
        # Chromium cancels the rest of a file: video once it has what it needs (reported as a failed request)
        assert [problem for problem in page.problems if not problem.endswith(".mp4")] == []


def deck_of_two_stacks(folder, names):
    """A reveal.js deck shaped as manim-slides makes slides.html (a vertical stack of two slides per scene),
    reveal.js inlined in <head> from the copy setup installed (its code names '<div class="slides">' too)."""
    library = reveal_folder()
    stacks = "".join(f'<section><section data-background-color="#000">{name} 1</section>'
                     f'<section data-background-color="#000">{name} 2</section></section>' for name in names)
    (folder / "deck.html").write_text(
        f'<!doctype html><html><head><meta charset="utf-8"><style>{(library / "reveal.css").read_text()}</style>'
        f'<script>{(library / "reveal.js").read_text()}</script></head>'
        f'<body><div class="reveal"><div class="slides">{stacks}</div></div>'
        f"<script>Reveal.initialize();</script></body></html>",
        encoding="utf-8")
    return folder / "deck.html"


def test_the_deck_ends_each_part_that_has_a_view_with_it(gallery):
    deck = deck_of_two_stacks(gallery, SCENES)
    add_view_slides(deck, SCENES, {"WorstNetwork": "views/WorstNetwork.html"}, "en")
    html = deck.read_text(encoding="utf-8")
    stacks = html.split("<body>")[1].split('<div class="slides">')[1].split("</div>")[0].split("</section></section>")
    assert [stack.count("<iframe") for stack in stacks[:3]] == [0, 0, 1]
    assert stacks[2].index("WorstNetwork 2") < stacks[2].index('<iframe data-src="views/WorstNetwork.html"')


@pytest.mark.slow
def test_the_deck_shows_the_view_where_the_clip_is(gallery):
    deck = deck_of_two_stacks(gallery, SCENES)
    add_view_slides(deck, SCENES, {"WorstNetwork": "views/WorstNetwork.html"}, "en")
    with offline_page(deck, view=False) as page:
        page.wait_for_function("window.Reveal && Reveal.isReady()", timeout=20_000)
        assert page.evaluate("Reveal.getTotalSlides()") == 7
        with page.expect_event("framenavigated", lambda frame: frame.url.endswith("views/WorstNetwork.html"),
                               timeout=60_000) as navigated:
            page.evaluate("Reveal.slide(2, 2)")
        navigated.value.wait_for_function("window.firstDraw !== undefined", timeout=60_000)
        assert page.outside == [] and page.problems == []
