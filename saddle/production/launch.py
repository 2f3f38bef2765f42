"""The one way the application starts manim: a render job (scenes/job.py) written beside the render, manim's
command line through the BT.709 wrapper (saddle/production/bt709.py) with the job's quality, and a config file
pointing everything manim writes into the render's own folders."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from saddle.production.plan import ROOT
from scenes.job import QUALITIES, RenderJob


def manim_config(work: Path, cache: Path) -> Path:
    """Every path manim writes to, pointed into this render's own folders (Tex and text caches per scene, so
    parallel renders never compile the same formula at the same time)."""
    config = work / "manim.cfg"
    config.write_text("[CLI]\n" + "".join(f"{key} = {value}\n" for key, value in {
        "media_dir": work, "video_dir": work / "video", "images_dir": work / "images",
        "partial_movie_dir": work / "partial", "log_dir": work / "logs", "tex_dir": cache / "Tex",
        "text_dir": cache / "texts", "disable_caching": True, "progress_bar": "none",
    }.items()))
    return config


def manim_command(job: RenderJob, scene_file: Path, config: Path | None, *options: str) -> list[str]:
    """`manim render` of the job's scene at its quality; `options` are manim's own (-s, -t, -o NAME, ...)."""
    configured = ["--config_file", str(config)] if config is not None else []
    return [sys.executable, "-m", "saddle.production.bt709", "render", *QUALITIES[job.quality].manim_options(),
            *configured, *options, str(scene_file), job.scene]


def manim_environment(job: RenderJob, job_file: Path) -> dict[str, str]:
    """This process's environment with the job handed over (and the project importable from a scene file)."""
    paths = [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
    return os.environ | job.write(job_file) | {"COLUMNS": "200", "PYTHONUNBUFFERED": "1",
                                               "PYTHONPATH": os.pathsep.join(paths)}
