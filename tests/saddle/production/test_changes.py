"""What happens when things change or go wrong: only the edited scene renders again; a failing scene names
itself and its log, leaves the good clip it would have replaced, and does not stop the others; a run killed
mid-render leaves no broken or temporary file; two runs at once both finish with sound files."""

from __future__ import annotations

import signal
import subprocess
import time

import pytest

from saddle.production.media import probe, require_deliverable
from saddle.safety import TEMPORARY_PREFIX
from tests.helpers.production import (
    ROOT,
    environment,
    produce_fixture,
    saddle,
    saddle_command,
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    return produce_fixture(tmp_path_factory, "render")


def edit_words_scene(lecture, new_body: str) -> None:
    scene = lecture.parent / "tiny_words.py"
    head = scene.read_text().split("    def construct(self):")[0]
    scene.write_text(head + "    def construct(self):\n" + new_body)


def leftovers(folder):
    return list(folder.rglob(f"{TEMPORARY_PREFIX}*"))


def test_only_the_edited_scene_renders_again(rendered):
    lecture, renders, folder = rendered
    circle_before = (folder / "TinyCircle.mp4").stat().st_mtime_ns
    words_before = probe(folder / "TinyWords.mp4").duration
    edit_words_scene(lecture, '        self.say("tiny.words", run_time=1)\n        self.wait(1)\n')
    result = saddle("render", lecture, renders)
    assert result.returncode == 0, result.stderr
    assert "1 scene(s) rendered, 1 up to date" in result.stdout
    assert "lecture.mp4 stitched from 2 scene(s)" in result.stdout
    assert (folder / "TinyCircle.mp4").stat().st_mtime_ns == circle_before
    assert probe(folder / "TinyWords.mp4").duration != words_before


def test_decks_are_remade_when_a_scene_only_changes_its_look(rendered):
    """Same narration, so the same slide list and video names; other pictures, so the decks must be made again
    (the HTML deck embeds the videos)."""
    lecture, renders, folder = rendered
    body = '        self.say("tiny.words", run_time=1)\n        self.wait(1)\n'
    edit_words_scene(lecture, body)
    first = saddle("slides", lecture, renders)
    assert first.returncode == 0, first.stderr
    assert (folder / "slides.html").exists()
    edit_words_scene(lecture, '        self.add(words("tiny.title"))\n' + body)  # a picture more, nothing else
    second = saddle("slides", lecture, renders)
    assert second.returncode == 0, second.stderr
    assert "1 scene(s) rendered, 1 up to date" in second.stdout
    assert "slides.html made from 2 scene(s)" in second.stdout and "slides.pptx made" in second.stdout


def test_a_failing_scene_keeps_the_old_clip_and_the_others_finish(rendered):
    lecture, renders, folder = rendered
    good = (folder / "TinyWords.mp4").read_bytes()
    edit_words_scene(lecture, '        raise ValueError("broken on purpose")\n')
    result = saddle("render", lecture, renders, "--force")
    assert result.returncode == 1
    log = folder / "logs" / "TinyWords.log"
    assert "saddle: error: TinyWords failed" in result.stderr and str(log) in result.stderr
    assert "broken on purpose" in result.stderr and "broken on purpose" in log.read_text()
    assert "1 scene(s) rendered" in result.stdout  # TinyCircle still finished
    assert (folder / "TinyWords.mp4").read_bytes() == good
    assert "lecture.mp4 not stitched: TinyWords not rendered yet" in result.stdout
    assert leftovers(folder) == []


def test_a_killed_render_leaves_no_broken_file(rendered):
    lecture, renders, folder = rendered
    good = (folder / "TinyWords.mp4").read_bytes()
    edit_words_scene(lecture, '        self.say("tiny.words", run_time=1)\n        import time; time.sleep(120)\n')
    (folder / "logs" / "TinyWords.log").unlink()  # the last render's log would say "under way" at once
    process = subprocess.Popen(saddle_command("render", lecture, renders, "TinyWords"), cwd=ROOT,
                               env=environment(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while "Partial movie file written" not in _log_text(folder) and time.monotonic() < deadline:
        time.sleep(0.2)  # wait until manim is in the middle of the scene
    assert leftovers(folder), "the render should be under way in a temporary folder"
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130 and "interrupted" in stderr
    assert (folder / "TinyWords.mp4").read_bytes() == good
    assert leftovers(folder) == []


def _log_text(folder):
    log = folder / "logs" / "TinyWords.log"
    return log.read_text() if log.exists() else ""


def test_two_runs_at_once_do_not_corrupt_each_other(rendered):
    lecture, renders, folder = rendered
    (lecture.parent / "tiny_words.py").write_text((ROOT / "tests/production_fixture/tiny_words.py").read_text())
    command = saddle_command("render", lecture, renders, "--force", "TinyCircle")
    runs = [subprocess.Popen(command, cwd=ROOT, env=environment(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True) for _ in range(2)]
    outputs = [run.communicate(timeout=600) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert any("waiting for another render" in stderr for _, stderr in outputs)
    require_deliverable(folder / "TinyCircle.mp4")
    assert leftovers(folder) == []


def test_transparent_variant_is_webm_with_alpha(rendered):
    lecture, renders, folder = rendered
    result = saddle("render", lecture, renders, "--transparent", "TinyCircle")
    assert result.returncode == 0, result.stderr
    info = probe(folder / "TinyCircle.alpha.webm")
    assert info.codec in ("vp9", "libvpx-vp9") and info.alpha and info.duration > 2
