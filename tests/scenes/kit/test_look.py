"""Theme and language are a value (`Look`), not an import-time global: one process builds a scene in English on
the dark theme, then in Chinese on the light theme, then in English again, and each build shows its own look."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from manim import Text, tempconfig

from saddle.voice.spoken import normalise
from scenes.catalogue import STRINGS
from scenes.kit.look import THEMES, Look, active_look, grouped, listed, use
from scenes.s10_recap import Recap

CJK = re.compile(r"[\u4e00-\u9fff]")


def built(look: Look, tmp_path) -> Recap:
    """Recap built to its last frame (animations skipped, nothing written) in the given look."""
    variant = type("Recap", (Recap,), {"look": look})
    with tempconfig({"media_dir": str(tmp_path), "quality": "low_quality", "disable_caching": True}):
        scene = variant()
        scene.renderer.skip_animations = True
        scene.setup()
        scene.construct()
        scene.renderer.update_frame(scene)
    return scene


def texts(scene) -> list[str]:
    return [m.original_text for m in scene.mobjects for m in m.get_family() if isinstance(m, Text)]


@pytest.mark.render
def test_one_process_builds_both_looks_in_turn(tmp_path):
    for lang, theme in (("en", "dark"), ("zh", "light"), ("en", "dark")):
        scene = built(Look(lang, theme), tmp_path)
        assert scene.camera.background_color.to_hex().upper() == THEMES[theme].background.upper()
        corner = scene.renderer.get_frame()[2, 2, :3]  # a pixel of the drawn frame, outside any mobject
        assert "#{:02X}{:02X}{:02X}".format(*corner) == THEMES[theme].background.upper()
        words = texts(scene)
        assert STRINGS["recap.title"][lang] in words
        assert any(CJK.search(w) for w in words) == (lang == "zh")
        title = next(m for m in scene.mobjects
                     if isinstance(m, Text) and m.original_text == STRINGS["recap.title"][lang])
        assert title[0].get_fill_color().to_hex().upper() == THEMES[theme].text.upper()


@pytest.mark.parametrize("variable, value", [("LECTURE_LANG", "fr"), ("LECTURE_THEME", "sepia")])
def test_an_unknown_look_is_one_line_and_exit_2(variable, value, tmp_path):
    probe = "from scenes.kit.look import Look; Look.of_job()"
    result = subprocess.run([sys.executable, "-c", probe], env={"PATH": "/usr/bin:/bin", variable: value},
                            capture_output=True, text=True, cwd=tmp_path, check=False)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.strip().splitlines() == [f"lecture: error: {variable}={value!r} is not one of "
                                                  + ("en, zh" if variable == "LECTURE_LANG" else "dark, light")]


def test_a_broken_job_file_is_one_line_and_exit_2(tmp_path):
    job = tmp_path / "job.json"
    job.write_text('{"scene": "Recap", "lang": "fr"}')
    probe = "import scenes.kit.lecture_scene"
    for environment, message in (({"LECTURE_JOB": str(tmp_path / "missing.json")}, "No such file or directory"),
                                 ({"LECTURE_JOB": str(job)}, "language 'fr' is not one of en, zh")):
        result = subprocess.run([sys.executable, "-c", probe], env={"PATH": "/usr/bin:/bin"} | environment,
                                capture_output=True, text=True, cwd=tmp_path, check=False)
        assert result.returncode == 2 and result.stdout == ""
        (line,) = result.stderr.strip().splitlines()
        assert line.startswith("lecture: error: ") and message in line


def test_importing_the_scenes_activates_no_look():
    """Nothing is decided at import: a fresh interpreter imports every scene without touching manim's defaults."""
    probe = ("import scenes.kit.look as s, scenes.lecture as l, runpy\n"
             "for path, _ in l.LECTURE: runpy.run_path(path)\n"
             "assert s._active == [], s._active\n")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr[-2000:]


@pytest.mark.parametrize("number, english, chinese", [
    (85002, "85002", "八万五千零二"), (1797, "1797", "一千七百九十七"), (910, "910", "九百一十"),
    (1000000, "1000000", "一百万")])
def test_a_grouped_count_is_said_as_one_number(number, english, chinese):
    """What a scene writes on screen and hands the voice: grouped digits the voice reads as the number itself."""
    assert re.fullmatch(r"\d{1,3}(\u2009\d{3})*", grouped(number))
    assert normalise(f"to {grouped(number)} parameters", "en") == f"to {english} parameters"
    assert chinese in normalise(f"到 {grouped(number)} 个参数", "zh")


@pytest.mark.parametrize("lang, expected", [("en", ["", "85 002", "2 490 and 85 002", "910, 2 490 and 85 002"]),
                                            ("zh", ["", "85 002", "2 490 和 85 002", "910、2 490 和 85 002"])])
def test_a_list_is_joined_in_the_active_language(lang, expected):
    items = ["910", "2 490", "85 002"]
    before = active_look()
    use(Look(lang, "dark"))
    try:
        assert [listed(items[3 - count:]) for count in range(4)] == expected
    finally:
        use(before)
