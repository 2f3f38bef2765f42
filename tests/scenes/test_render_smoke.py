"""Every scene of the lecture renders its last frame from the repo root with the real `manim` CLI,
in English on the dark theme and in Chinese on the light theme."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from scenes.lecture import LECTURE

ROOT = Path(__file__).resolve().parents[2]
VARIANTS = [("en", "dark"), ("zh", "light")]


@pytest.mark.slow
@pytest.mark.parametrize("lang, theme", VARIANTS)
@pytest.mark.parametrize("path, scene", LECTURE, ids=[name for _, name in LECTURE])
def test_scene_renders_last_frame(path, scene, lang, theme, tmp_path):
    env = os.environ | {"LECTURE_LANG": lang, "LECTURE_THEME": theme, "COLUMNS": "200"}
    command = [sys.executable, "-m", "manim", "render", "-ql", "-s", "--media_dir", str(tmp_path), path, scene]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    stills = list(tmp_path.rglob(f"{scene}*.png"))
    assert len(stills) == 1, f"no still image written: {result.stdout[-2000:]}"
    assert stills[0].stat().st_size > 10_000
