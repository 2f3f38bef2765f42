"""The spoken narration a scene is handed: `saddle` synthesises (or takes from recordings) every line before it
renders, and names a plain JSON manifest in LECTURE_NARRATION. Scenes never import the application; without a
manifest (plain `manim render`, or `saddle render --voice none`) nothing is spoken and timing is as before.

Manifest: {"lines": {key: {subtitle text: {"audio": WAV path, "seconds": length}}}, "sound": add it (default
true), "collect": path or absent}.
With "collect", the scene writes every line it would say to that file (one JSON object a line: key, text and the
catalogue's `spoken` form if it has one), which is how the application learns the lines with their data filled in."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import cache

from scenes.catalogue import STRINGS

BREATH = 0.35  # seconds of quiet after a spoken line, before the next step begins


@dataclass(frozen=True)
class Spoken:
    audio: str  # a WAV file, placed with add_sound when the step starts ("": timing only, the caller adds it)
    seconds: float  # its length: the subtitle cue spans exactly this


@cache
def _manifest() -> dict:
    path = os.environ.get("LECTURE_NARRATION", "")
    if not path:
        return {}
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def spoken(key: str, line: str, lang: str, fields: dict) -> Spoken | None:
    """The recorded or synthesised audio of this line, if the application prepared one."""
    manifest = _manifest()
    if manifest.get("collect"):
        forms: dict = STRINGS[key].get("spoken", {})  # type: ignore[assignment]  # the voice's own form, if any
        override = forms.get(lang)
        with open(manifest["collect"], "a", encoding="utf-8") as handle:
            handle.write(json.dumps({"key": key, "text": line, "spoken": override and override.format(**fields)},
                                    ensure_ascii=False) + "\n")
    found = manifest.get("lines", {}).get(key, {}).get(line)
    return Spoken(found["audio"] if manifest.get("sound", True) else "", found["seconds"]) if found else None
