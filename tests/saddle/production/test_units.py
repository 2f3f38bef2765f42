"""The production pieces that need no render: subtitle offsets, WebVTT, atomic writes, the folder lock,
fingerprints and the reveal.js version manim-slides expects."""

from __future__ import annotations

import ast
import fcntl
import io
import itertools
import os
import subprocess
import sys
import threading
from fractions import Fraction
from pathlib import Path
from types import SimpleNamespace

import av
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.progress import Progress

from saddle.production import plan
from saddle.production.bt709 import _encode_bt709
from saddle.production.gallery import gallery_title
from saddle.production.media import ink_map
from saddle.production.plan import PUBLISHING, ROOT, SceneEntry, Settings, fingerprint, longest_first, write_stamp
from saddle.production.render_task import ANIMATION_DONE
from saddle.production.runner import LogWatch
from saddle.production.slides import LECTURE_TITLE, REVEAL_VERSION
from saddle.production.subtitles import Cue, chapters, concatenate, read_srt, to_srt, to_vtt
from saddle.safety import TEMPORARY_PREFIX, atomic_output, folder_lock, remove_leftovers, replace_folder
from scenes.job import RenderJob

frames = st.integers(min_value=1, max_value=10_000).map(lambda n: Fraction(n, 15))
clip = st.lists(st.tuples(frames, frames, st.text("ab ", min_size=1, max_size=5)), max_size=4).map(
    lambda cues: [Cue(start, start + length, text) for start, length, text in cues])


@given(st.lists(st.tuples(clip, frames), min_size=1, max_size=5))
def test_concatenated_cues_move_by_the_clips_before_them(clips):
    tracks, durations = [track for track, _ in clips], [duration for _, duration in clips]
    joined = concatenate(tracks, durations)
    assert len(joined) == sum(map(len, tracks))
    position = 0
    for index, track in enumerate(tracks):
        offset = sum(durations[:index], Fraction(0))
        for cue in track:
            assert joined[position] == Cue(cue.start + offset, cue.end + offset, cue.text)
            position += 1


@given(st.lists(frames, min_size=1, max_size=6))
def test_chapters_tile_the_lecture_without_gaps(durations):
    marks = chapters([f"c{i}" for i in range(len(durations))], durations)
    assert marks[0].start == 0 and marks[-1].end == sum(durations)
    assert all(left.end == right.start for left, right in itertools.pairwise(marks))
    assert [mark.end - mark.start for mark in marks] == durations


def test_webvtt_times_and_header():
    vtt = to_vtt([Cue(Fraction(3661, 1) + Fraction(1, 4), Fraction(3662), "a --> b")])
    assert vtt.splitlines() == ["WEBVTT", "", "1", "01:01:01.250 --> 01:01:02.000", "a → b"]


def test_srt_round_trip(tmp_path):
    cues = [Cue(Fraction(0), Fraction(3, 2), "one"), Cue(Fraction(22, 15), Fraction(44, 15), "two\nlines")]
    (tmp_path / "x.srt").write_text(to_srt(cues))
    again = read_srt(tmp_path / "x.srt")
    assert [cue.text for cue in again] == ["one", "two\nlines"]
    assert all(abs(a.start - b.start) < Fraction(1, 1000) and abs(a.end - b.end) < Fraction(1, 1000)
               for a, b in zip(again, cues))
    assert read_srt(tmp_path / "missing.srt") == []


def test_failed_write_keeps_the_good_file(tmp_path):
    final = tmp_path / "clip.mp4"
    final.write_bytes(b"good")
    with pytest.raises(RuntimeError), atomic_output(final) as temporary:
        temporary.write_bytes(b"half")
        raise RuntimeError("render died")
    assert final.read_bytes() == b"good"
    assert list(tmp_path.iterdir()) == [final]
    with atomic_output(final) as temporary:
        temporary.write_bytes(b"better")
        assert final.read_bytes() == b"good"  # not replaced until complete
    assert final.read_bytes() == b"better" and list(tmp_path.iterdir()) == [final]


def test_folder_replacement_and_leftovers(tmp_path):
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "a").write_text("new")
    (tmp_path / "files").mkdir()
    (tmp_path / "files" / "a").write_text("old")
    replace_folder(tmp_path / "new", tmp_path / "files")
    assert (tmp_path / "files" / "a").read_text() == "new" and not (tmp_path / "new").exists()
    (tmp_path / f"{TEMPORARY_PREFIX}1-x.mp4").write_text("killed mid-write")
    (tmp_path / "files" / f"{TEMPORARY_PREFIX}work").mkdir()
    remove_leftovers(tmp_path)
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["a", "files"]


def test_lock_is_exclusive(tmp_path):
    with folder_lock(tmp_path), open(tmp_path / ".lock") as other, pytest.raises(BlockingIOError):
        fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
    with open(tmp_path / ".lock") as other:
        fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)  # released afterwards


def test_fingerprint_follows_scene_source_and_settings(tmp_path):
    scene = tmp_path / "s.py"
    scene.write_text("x = 1\n")
    entry = SceneEntry(scene, "S")
    base = fingerprint(entry, Settings())
    assert fingerprint(entry, Settings()) == base
    assert len({base, fingerprint(entry, Settings(quality="m")), fingerprint(entry, Settings(lang="zh")),
                fingerprint(entry, Settings(theme="light")), fingerprint(entry, Settings(transparent=True)),
                fingerprint(SceneEntry(scene, "T"), Settings()), fingerprint(entry, Settings(rate=1.0))}) == 7
    scene.write_text("x = 2\n")
    assert fingerprint(entry, Settings()) != base


def saddle_imports(path: Path) -> set[Path]:
    """The files of the saddle package that a module imports, anywhere in it, and what they import in turn."""
    found: set[Path] = set()
    todo = [path]
    while todo:
        for node in ast.walk(ast.parse(todo.pop().read_text())):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("saddle."):
                module = ROOT.joinpath(*node.module.split(".")).with_suffix(".py")
                if module not in found:
                    found.add(module)
                    todo.append(module)
    return found


def test_every_module_that_makes_a_clip_is_in_its_fingerprint():
    """A change to how clips are published (cues, sound) must make stored clips stale without anyone bumping a
    number; only bookkeeping (plan, safety, where tasks run) and the synthesis (its audio is in the narration
    digest) are out."""
    bookkeeping = {ROOT / "saddle" / "production" / "plan.py", ROOT / "saddle" / "safety.py",
                   ROOT / "saddle" / "execution.py"}
    made_by = saddle_imports(ROOT / "saddle" / "production" / "runner.py") - bookkeeping
    synthesis = {ROOT / "saddle" / "voice" / name for name in ("engine.py", "assets.py", "lexicon.py")}
    assert made_by - synthesis <= set(PUBLISHING)


def test_fingerprint_follows_the_publishing_code(tmp_path, monkeypatch):
    scene = tmp_path / "s.py"
    scene.write_text("x = 1\n")
    base = fingerprint(SceneEntry(scene, "S"), Settings())
    monkeypatch.setattr(plan, "_publishing_digest", lambda: "another way of making clips")
    assert fingerprint(SceneEntry(scene, "S"), Settings()) != base


def test_longest_scenes_start_first_and_new_ones_before_them(tmp_path):
    entries = [SceneEntry(tmp_path / "s.py", name) for name in ("Short", "New", "Long", "Newer", "Middle")]
    for name, seconds in (("Short", 3.0), ("Long", 60.0), ("Middle", 20.0)):
        write_stamp(tmp_path, SceneEntry(tmp_path / "s.py", name), Settings(), {"seconds": seconds})
    order = [entry.name for entry in longest_first(tmp_path, entries, Settings())]
    assert order == ["New", "Newer", "Long", "Middle", "Short"]
    never_rendered = [entry.name for entry in longest_first(tmp_path / "elsewhere", entries, Settings())]
    assert never_rendered == [entry.name for entry in entries]  # no times in that folder: lecture order


def test_reveal_version_is_the_one_manim_slides_links():
    from manim_slides.convert import RevealJS

    assert RevealJS.model_fields["reveal_version"].default == REVEAL_VERSION


def test_chapter_titles_from_class_names():
    assert SceneEntry(Path("x.py"), "WorstNetworkHessian").title == "Worst Network Hessian"


def test_slide_mode_keeps_the_scene_bases(tmp_path):
    """With a render job in slide mode, lecture scenes are manim-slides Slides writing into its folder, and 3-D ones
    keep the fast surface camera (with the caption band); without it they are plain manim scenes (checked in fresh
    processes: the lecture scene module reads the job at import)."""
    probe = ("from manim_slides import Slide, ThreeDSlide; "
             "from scenes.kit.lecture_scene import LectureScene, LectureScene3D; "
             "from scenes.kit.surface import SurfaceScene; s = LectureScene3D(); "
             "print(issubclass(LectureScene, Slide), isinstance(s, ThreeDSlide), isinstance(s, SurfaceScene), "
             "type(s.renderer.camera).__name__, getattr(s, '_output_folder', None))")
    root = Path(__file__).resolve().parents[3]
    for folder, expected in [("/tmp/deck", "True True True CaptionSafeSurfaceCamera /tmp/deck"),
                             ("", "False False True CaptionSafeSurfaceCamera None")]:
        job = RenderJob(scene="Probe", slides=folder).write(tmp_path / "job.json")
        environment = os.environ | job | {"PYTHONPATH": str(root)}
        result = subprocess.run([sys.executable, "-c", probe], env=environment, capture_output=True, text=True,
                                cwd=root, timeout=120, check=False)
        assert result.stdout.strip() == expected, result.stderr[-2000:]


@settings(max_examples=15, deadline=None)
@given(st.tuples(*[st.integers(0, 255)] * 3))
def test_frames_are_coded_with_the_bt709_matrix(tmp_path_factory, colour):
    """saddle.production.bt709's encoder step against the BT.709 formulas (limited range): a flat frame of any
    colour comes back as the Y'CbCr that Rec. 709 gives for it (FFmpeg's default matrix would be BT.601's)."""
    path = tmp_path_factory.mktemp("bt709") / "flat.mp4"
    with av.open(str(path), "w") as container:
        stream = container.add_stream("libx264", rate=15, options={"qp": "0"})
        stream.pix_fmt, stream.width, stream.height = "yuv420p", 32, 32
        frame = np.zeros((32, 32, 4), np.uint8)
        frame[..., :3], frame[..., 3] = colour, 255
        _encode_bt709(SimpleNamespace(stream=stream, container=container), frame, 1)
        for packet in stream.encode():
            container.mux(packet)
    with av.open(str(path)) as container:
        planes = next(container.decode(video=0)).to_ndarray()  # yuv420p: Y rows, then U and V
    red, green, blue = (value / 255 for value in colour)
    luma = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    expected = (16 + 219 * luma, 128 + 224 * (blue - luma) / 1.8556, 128 + 224 * (red - luma) / 1.5748)
    measured = (planes[0, 0], planes[32, 0], planes[40, 0])
    assert all(abs(int(m) - e) <= 1.5 for m, e in zip(measured, expected)), (measured, expected)


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 255), st.integers(0, 255), st.integers(0, 255), st.integers(0, 2 ** 32 - 1))
def test_codec_noise_around_any_background_is_not_ink_and_a_line_is(red, green, blue, seed):
    """ink_map against its definition: a background of any colour with ±2 noise per channel (what H.264 leaves of
    a flat colour, e.g. #111418's red 17 coming back as 15..19, across the //16 bin edge) has nothing drawn on it;
    a line 40 levels away in one channel, 4 rows high (one sampled row), is all drawn."""
    noise = np.random.default_rng(seed).integers(-2, 3, (48, 64, 3))
    pixels = np.clip(np.array([red, green, blue]) + noise, 0, 255).astype(np.uint8)
    assert ink_map(av.VideoFrame.from_ndarray(pixels, format="rgb24")).sum() == 0
    line = (red + 40 if red < 128 else red - 40, green, blue)
    pixels[20:24] = line
    drawn = ink_map(av.VideoFrame.from_ndarray(pixels, format="rgb24"))
    assert drawn[5].all() and drawn.sum() == drawn.shape[1]


def test_a_scene_that_ends_while_its_log_is_read_leaves_the_progress_whole(tmp_path, monkeypatch):
    """The progress thread of `saddle render` died with rich's KeyError when a scene finished between its look at
    the scenes and its update of that scene's bar (seen in a 1080p `make lecture`): the removal now waits."""
    progress = Progress(console=Console(file=io.StringIO()))
    watch = LogWatch(progress)  # not started: refresh runs here, the scene ends in another thread
    log = tmp_path / "Scene.log"
    watch.add("Scene", log, 3)
    log.write_text(f"{ANIMATION_DONE}\n", encoding="utf-8")
    ending = threading.Thread(target=watch.remove, args=("Scene",))
    read = Path.read_text

    def read_while_the_scene_ends(self, *args, **kwargs):
        ending.start()
        ending.join(0.5)  # the scene ends now, unless it has to wait for the update
        return read(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", read_while_the_scene_ends)
    watch.refresh()
    ending.join()
    assert progress.task_ids == []


@pytest.mark.parametrize("quality, lang, title", [
    ("l", "en", "When the gradient is small: critical points in deep learning (preview)"),
    ("h", "en", "When the gradient is small: critical points in deep learning"),
    ("k", "zh", LECTURE_TITLE["zh"]),
])
def test_the_gallery_calls_only_a_quick_render_a_preview(quality, lang, title):
    assert gallery_title(Settings(quality=quality, lang=lang)) == title
