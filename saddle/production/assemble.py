"""After the scenes: the stitched lecture with its chapters and subtitles, and the manifest of the folder."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from PIL import Image

from saddle.production.audio import lecture_track, with_tracks
from saddle.production.media import probe, stitch
from saddle.production.plan import SceneEntry, Settings, chapter_title, is_current, read_stamp
from saddle.production.subtitles import chapters, concatenate, read_vtt, to_srt, to_vtt
from saddle.safety import atomic_output, file_sizes, keyed, read_state, write_text

LECTURE_FILES = ("lecture.mp4", "lecture.srt", "lecture.vtt", "lecture.chapters.vtt")


def assemble_lecture(folder: Path, lecture: list[SceneEntry], settings: Settings) -> str:
    """Stitch lecture.mp4 (a chapter per scene) and its subtitles when every scene has a current render;
    returns what was done, in a sentence."""
    missing = [entry.name for entry in lecture if not is_current(folder, entry, settings)]
    if missing or not lecture:
        return f"lecture.mp4 not stitched: {', '.join(missing) or 'no scenes'} not rendered yet"
    clips = [folder / f"{entry.name}.mp4" for entry in lecture]
    key = hashlib.sha256(json.dumps([[entry.name, read_stamp(folder, entry, settings)["fingerprint"],
                                      clip.stat().st_size, clip.stat().st_mtime_ns]  # a clip rendered again
                                     for entry, clip in zip(lecture, clips)]).encode()).hexdigest()
    state = folder / ".state" / "lecture.json"
    recorded = read_state(state, keyed)
    if recorded and recorded["key"] == key and recorded["files"] == file_sizes(folder, LECTURE_FILES):
        return "lecture.mp4 is up to date"
    titles = [chapter_title(folder, entry, settings) for entry in lecture]
    with atomic_output(folder / "lecture.mp4") as temporary:
        pictures = temporary.with_name(f"{temporary.name}.video.mp4")  # a leftover is removed like any .partial-
        durations = stitch(clips, titles, pictures)
        cues = concatenate([read_vtt(folder / f"{entry.name}.vtt") for entry in lecture], durations)  # placed
        with_tracks(pictures, temporary, lecture_track(folder, lecture, durations) if settings.voiced else None, cues,
                    settings.lang)
        pictures.unlink()
    write_text(folder / "lecture.srt", to_srt(cues))
    write_text(folder / "lecture.vtt", to_vtt(cues))
    write_text(folder / "lecture.chapters.vtt", to_vtt(chapters(titles, durations)))
    write_text(state, json.dumps({"key": key, "files": file_sizes(folder, LECTURE_FILES)}))
    return f"lecture.mp4 stitched from {len(lecture)} scene(s), {float(sum(durations)):.1f} s"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _describe(path: Path, relative: str) -> dict:
    item = {"path": relative, "bytes": path.stat().st_size, "sha256": _sha256(path)}
    if path.suffix in (".mp4", ".webm"):
        info = probe(path)
        item |= {"duration": round(float(info.duration), 6), "width": info.width, "height": info.height,
                 "fps": round(float(info.fps), 6), "codec": info.codec, "pix_fmt": info.pix_fmt, "alpha": info.alpha}
    elif path.suffix == ".png":
        with Image.open(path) as image:
            item |= {"width": image.width, "height": image.height}
    return item


def published_files(folder: Path) -> list[Path]:
    """Every finished artefact of the folder: not the logs, not the hidden state, caches or unfinished writes."""
    return sorted(path for path in folder.rglob("*")
                  if path.is_file() and path.name != "manifest.json"
                  and not any(part.startswith(".") or part == "logs" for part in path.relative_to(folder).parts))


def write_manifest(folder: Path, settings: Settings) -> dict:
    """manifest.json: every file with its size and sha256, and duration, frame size and fps for the videos."""
    manifest = {"settings": {"quality": settings.quality, "lang": settings.lang, "theme": settings.theme},
                "files": [_describe(path, path.relative_to(folder).as_posix()) for path in published_files(folder)]}
    write_text(folder / "manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False))
    return manifest
