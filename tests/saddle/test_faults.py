"""Faults a lecturer's machine will see, on the two-scene test lecture: a broken state file of every kind, Ctrl-C
(SIGINT) and SIGKILL in the middle of a scene render, of stitching, of slide conversion and of the study, a full
disk, a read-only folder, two renders into one folder at once. After each, no file under a final name is broken
and the next run recovers.

The tests run as root, which ignores file permissions: the read-only folder and the full disk are real mounts
(a read-only bind mount, a small tmpfs), always unmounted at the end."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from PIL import Image

from mathcore.minimum_ratio import STUDY_JSON
from saddle.cli.study import _resumable
from saddle.production.media import probe, require_deliverable
from saddle.production.subtitles import read_srt
from saddle.safety import TEMPORARY_PREFIX
from tests.helpers.production import (
    ROOT,
    SCENES,
    copy_fixture,
    environment,
    output_folder,
    produce_fixture,
    saddle,
    saddle_command,
)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def leftovers(folder: Path) -> list[Path]:
    return list(folder.rglob(f"{TEMPORARY_PREFIX}*"))


def assert_sound(folder: Path) -> None:
    """Every file under a final name is whole: videos decode to their end, JSON, subtitles and posters parse."""
    for path in folder.rglob("*"):
        if not path.is_file() or TEMPORARY_PREFIX in path.name or "logs" in path.parts or ".cache" in path.parts:
            continue
        if path.suffix == ".mp4" and path.parent == folder:
            info = probe(path)
            assert info.duration > 0, path
            if path.name != "lecture.mp4":
                require_deliverable(path)
        elif path.suffix == ".json":
            json.loads(path.read_text())
        elif path.suffix == ".srt":
            read_srt(path)
        elif path.suffix == ".png":
            with Image.open(path) as image:
                image.verify()


def one_error_line(stderr: str) -> str:
    """The command's own last word on stderr: one `saddle: error:` line, and no traceback anywhere."""
    assert "Traceback" not in stderr, stderr
    last = stderr.strip().splitlines()[-1]
    assert last.startswith("saddle: error: "), stderr
    return last


#: Runs a command with Ctrl-C working as at a terminal, even when the test run was started in the background, which
#: leaves SIGINT ignored for every process below it (POSIX shells do that to background jobs, and exec keeps it).
AS_AT_A_TERMINAL = [sys.executable, "-c", "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); "
                    "os.execv(sys.argv[1], sys.argv[1:])"]


def start(command: list[str], **extra_environment) -> subprocess.Popen:
    """In a session of its own, like a command typed at a terminal: a signal can go to its whole process group."""
    return subprocess.Popen([*AS_AT_A_TERMINAL, *command], cwd=ROOT, env=environment() | extra_environment,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


def wait_for(condition, what: str, seconds: float = 300) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.2)


def interrupt(process: subprocess.Popen, how: signal.Signals) -> tuple[int, str]:
    os.killpg(process.pid, how)
    _, stderr = process.communicate(timeout=120)
    return process.returncode, stderr


def check_interrupted(code: int, stderr: str, how: signal.Signals) -> None:
    if how == signal.SIGINT:
        assert code == 130 and "interrupted" in stderr and "Traceback" not in stderr, stderr
    else:
        assert code == -signal.SIGKILL


@pytest.fixture(scope="module")
def produced(tmp_path_factory):
    """The test lecture with clips, lecture, decks: (lecture file, renders folder, output folder)."""
    return produce_fixture(tmp_path_factory, "slides")


def slides(produced, *options: str) -> subprocess.CompletedProcess:
    lecture, renders, _ = produced
    result = saddle("slides", lecture, renders, *options)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


# Every kind of file the tool reads back, broken the ways a crash, a full disk or a person breaks it.
def _stamp(folder: Path, scene: str) -> Path:
    return folder / ".state" / f"{scene}.mp4.json"


BROKEN_STATE = {
    "stamp garbage": (lambda folder: _stamp(folder, "TinyWords"), lambda text: "{garbage", "1 scene(s) rendered"),
    "stamp truncated": (lambda folder: _stamp(folder, "TinyCircle"), lambda text: text[: len(text) // 2],
                        "1 scene(s) rendered"),
    "stamp of another shape": (lambda folder: _stamp(folder, "TinyWords"),
                               lambda text: json.dumps({**json.loads(text), "seconds": "slow"}), "1 scene(s) rendered"),
    "slide list": (lambda folder: folder / "slides" / "TinyCircle.json", lambda text: "[]", "1 scene(s) rendered"),
    "lecture state": (lambda folder: folder / ".state" / "lecture.json", lambda text: "\x00\x01\x02",
                      "lecture.mp4 stitched from 2 scene(s)"),
    "deck state": (lambda folder: folder / ".state" / "decks.json", lambda text: text[:5],
                   "slides.html made from 2 scene(s)"),
}


@pytest.mark.slow
@pytest.mark.parametrize("kind", BROKEN_STATE)
def test_a_broken_state_file_is_discarded_with_a_warning_and_made_again(produced, kind):
    _, _, folder = produced
    locate, corrupt, rebuilt = BROKEN_STATE[kind]
    path = locate(folder)
    path.write_text(corrupt(path.read_text()), encoding="utf-8")
    result = slides(produced)
    warnings = [line for line in result.stderr.splitlines() if line.startswith("saddle: warning:")]
    assert len(warnings) == 1 and str(path) in warnings[0] and "discarded" in warnings[0], result.stderr
    assert rebuilt in result.stdout, result.stdout
    assert json.loads(path.read_text())  # made again, whole
    assert_sound(folder)
    assert "0 scene(s) rendered, 2 up to date" in slides(produced).stdout  # and stable from then on


@pytest.mark.slow
def test_a_truncated_clip_is_rendered_again(produced):
    _, _, folder = produced
    clip = folder / "TinyCircle.mp4"
    clip.write_bytes(clip.read_bytes()[: clip.stat().st_size // 2])
    result = slides(produced)
    assert "1 scene(s) rendered, 1 up to date" in result.stdout and "lecture.mp4 stitched" in result.stdout
    assert_sound(folder)


@pytest.mark.slow
def test_a_half_written_cache_picture_is_made_again(produced):
    """A render killed while a text picture was written leaves it in the scene's cache, which manim trusts."""
    _, _, folder = produced
    pictures = sorted((folder / ".cache" / "TinyWords").rglob("*.svg"))
    assert pictures, "the words scene caches its text pictures"
    pictures[0].write_text(pictures[0].read_text()[:40])
    result = slides(produced, "--force", "TinyWords")
    assert f"saddle: warning: {pictures[0]} is unreadable" in result.stderr
    assert "1 scene(s) rendered" in result.stdout and "ParseError" not in result.stdout
    assert_sound(folder)


_STUDY = json.loads(STUDY_JSON.read_text())
BROKEN_PARTIAL_STUDIES = {
    "garbage": b"{garbage",
    "truncated": STUDY_JSON.read_bytes()[:1000],
    "binary": b"\xff\xfe\x00\x01",
    "a list": b"[1, 2, 3]",
    "networks not a list": json.dumps({**_STUDY, "networks": "abc"}).encode(),
    "records not objects": json.dumps({**_STUDY, "networks": [1, 2]}).encode(),
    "a record without its spectra": json.dumps({**_STUDY, "networks": [{"index": 0}]}).encode(),
    "records out of order": json.dumps({**_STUDY, "networks": _STUDY["networks"][1:3]}).encode(),
}


@pytest.mark.parametrize("kind", BROKEN_PARTIAL_STUDIES)
def test_a_broken_partial_study_is_not_resumed(tmp_path, capsys, kind):
    from mathcore.study import StudySettings

    partial = tmp_path / "study.partial.json"
    partial.write_bytes(BROKEN_PARTIAL_STUDIES[kind])
    assert _resumable(partial, StudySettings(networks=5).record(), 5) == []
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("saddle: warning: not resuming from"), lines


# Signals in the middle of each long step.
@pytest.mark.slow
@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGKILL], ids=["SIGINT", "SIGKILL"])
def test_a_signal_during_a_scene_render(produced, how):
    lecture, renders, folder = produced
    before = {name: sha256(folder / name) for name in ("TinyWords.mp4", "lecture.mp4", "slides.html")}
    log = folder / "logs" / "TinyWords.log"
    log.unlink(missing_ok=True)
    process = start(saddle_command("render", lecture, renders, "--force", "TinyWords"), TINY_PAUSE="600")
    wait_for(lambda: log.exists() and "Partial movie file written" in log.read_text(), "the first animation")
    check_interrupted(*interrupt(process, how), how)
    assert {name: sha256(folder / name) for name in before} == before  # nothing replaced by half a render
    assert_sound(folder)
    result = slides(produced)  # recovers: the old render is still current, the leftovers go
    assert "0 scene(s) rendered, 2 up to date" in result.stdout and leftovers(folder) == []
    again = saddle("render", lecture, renders, "--force", "TinyWords")
    assert again.returncode == 0 and "1 scene(s) rendered" in again.stdout, again.stderr
    assert sha256(folder / "TinyWords.mp4") == before["TinyWords.mp4"]  # a re-render is byte-identical


@pytest.mark.slow
@pytest.mark.parametrize("step, state, outputs", [
    ("stitch", "lecture.json", ("lecture.mp4", "lecture.srt")),
    ("convert", "decks.json", ("slides.html", "slides.pptx")),
], ids=["stitching", "slide conversion"])
@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGKILL], ids=["SIGINT", "SIGKILL"])
def test_a_signal_during_stitching_and_slide_conversion(produced, tmp_path, step, state, outputs, how):
    lecture, renders, folder = produced
    before = {name: sha256(folder / name) for name in outputs}
    (folder / ".state" / state).unlink()  # makes the step run again
    marker = tmp_path / "stalled"
    command = [sys.executable, "-m", "tests.helpers.fault_hooks", step, str(marker),
               *saddle_command("slides", lecture, renders)[3:]]
    process = start(command)
    wait_for(marker.exists, f"the {step} step")
    check_interrupted(*interrupt(process, how), how)
    assert {name: sha256(folder / name) for name in outputs} == before
    assert_sound(folder)
    result = slides(produced)
    assert ("lecture.mp4 stitched" if step == "stitch" else "slides.html made") in result.stdout
    assert leftovers(folder) == []
    assert_sound(folder)


@pytest.mark.slow
@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGKILL], ids=["SIGINT", "SIGKILL"])
def test_a_signal_during_the_study(tmp_path, how):
    output, partial, marker = tmp_path / "study.json", tmp_path / "study.partial.json", tmp_path / "stalled"
    options = ["study", "--networks", "2", "--widths", "6", "--adam-steps", "30", "--samples", "60", "-o", str(output)]
    process = start([sys.executable, "-m", "tests.helpers.fault_hooks", "study", str(marker), *options])
    wait_for(marker.exists, "the first network")
    check_interrupted(*interrupt(process, how), how)
    assert len(json.loads(partial.read_text())["networks"]) == 1 and not output.exists()  # kept whole
    resumed = subprocess.run([sys.executable, "-m", "saddle.cli", *options], cwd=ROOT, env=environment(), check=False,
                             capture_output=True, text=True, timeout=600)
    assert resumed.returncode == 0, resumed.stderr
    assert "1 of 2 networks already trained" in resumed.stderr
    assert len(json.loads(output.read_text())["networks"]) == 2 and not partial.exists()


def _workers(pid: int) -> list[str]:
    """Command lines of a process's children that are multiprocessing workers."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    lines = [Path(f"/proc/{child}/cmdline").read_bytes().decode(errors="replace") for child in children
             if Path(f"/proc/{child}/cmdline").exists()]
    return [line for line in lines if "spawn_main" in line]


def _group_gone(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return True
    return False


@pytest.mark.slow
def test_ctrl_c_during_the_scaled_study_ends_its_workers_in_one_line(tmp_path):
    """Ctrl-C at a terminal reaches the whole group while a network trains in a worker process: the command says
    in one line that nothing finished, exits 130, and leaves no worker running."""
    output = tmp_path / "scaled.json"
    process = start([sys.executable, "-m", "saddle.cli", "study-scaled", "--preset", "ci", "-o", str(output)])
    wait_for(lambda: _workers(process.pid), "a worker process")
    time.sleep(2)  # the worker is past its start and into the network
    code, stderr = interrupt(process, signal.SIGINT)
    check_interrupted(code, stderr, signal.SIGINT)
    assert "no network of 1 had finished" in stderr and stderr.count("\n") == 1, stderr
    wait_for(lambda: _group_gone(process.pid), "the workers to end", seconds=30)
    assert not output.exists()


# Where the tool writes: a full disk, a read-only folder, two runs at once.
@contextmanager
def mounted(target: Path, *options: str):
    target.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", *options, str(target)], check=True)
    try:
        yield target
    finally:
        subprocess.run(["umount", "--lazy", str(target)], check=False)


def fill(disk: Path) -> Path:
    """Write a file until the disk is full."""
    filler = disk / "filler"
    with open(filler, "wb", buffering=0) as handle:
        try:
            while True:
                handle.write(b"\0" * 4096)
        except OSError as error:
            assert error.errno == errno.ENOSPC
    return filler


@pytest.mark.slow
def test_a_full_disk_ends_in_one_line_and_the_next_run_recovers(tmp_path):
    lecture = copy_fixture(tmp_path / "fixture")
    with mounted(tmp_path / "disk", "-t", "tmpfs", "-o", "size=4m", "saddle-full-disk") as disk:
        renders = disk / "renders"
        output_folder(renders).mkdir(parents=True)
        filler = fill(disk)
        full = saddle("render", lecture, renders)
        assert full.returncode == 1 and "No space left on device" in full.stderr
        one_error_line(full.stderr)
        assert_sound(output_folder(renders))
        filler.unlink()
        recovered = saddle("render", lecture, renders)
        assert recovered.returncode == 0, recovered.stderr
        assert "lecture.mp4 stitched from 2 scene(s)" in recovered.stdout
        assert leftovers(output_folder(renders)) == []
        assert_sound(output_folder(renders))


@pytest.mark.slow
def test_a_read_only_folder_ends_in_one_line(produced, tmp_path):
    lecture, renders, _ = produced
    with mounted(tmp_path / "read-only", "--bind", "-o", "ro", str(renders)) as read_only:
        before = {path: sha256(path) for path in output_folder(read_only).glob("*.mp4")}
        result = saddle("render", lecture, read_only, "--force")
        assert result.returncode == 1
        assert "Read-only file system" in one_error_line(result.stderr)
        assert {path: sha256(path) for path in before} == before


@pytest.mark.slow
def test_two_renders_of_different_scenes_into_one_folder(produced):
    lecture, renders, folder = produced
    runs = [start(saddle_command("render", lecture, renders, "--force", scene)) for scene in SCENES]
    outputs = [run.communicate(timeout=600) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert any("waiting for another render" in stderr for _, stderr in outputs)
    assert "lecture.mp4 stitched from 2 scene(s)" in "".join(stdout for stdout, _ in outputs)
    assert leftovers(folder) == []
    assert_sound(folder)
