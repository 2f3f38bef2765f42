"""Outputs are never half-written: every file is made under a temporary name beside its final place and moved
there in one step (os.replace) only when complete, and one lock per output folder keeps two runs from
interleaving. A run that is killed leaves at most temporary names behind, which the next run removes."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import sys
import tempfile
from contextlib import contextmanager, suppress
from pathlib import Path

TEMPORARY_PREFIX = ".partial-"  # anything starting with this in an output folder is an unfinished write


@contextmanager
def atomic_output(final: Path):
    """Yield a temporary path in final's folder; on success it replaces final, on any failure it is removed."""
    final.parent.mkdir(parents=True, exist_ok=True)
    temporary = final.with_name(f"{TEMPORARY_PREFIX}{os.getpid()}-{final.name}")
    try:
        yield temporary
        os.replace(temporary, final)
    finally:
        temporary.unlink(missing_ok=True)


def write_text(final: Path, text: str) -> None:
    with atomic_output(final) as temporary:
        temporary.write_text(text, encoding="utf-8")


def read_state(path: Path, valid=lambda data: isinstance(data, dict)):
    """The JSON of a state, stamp or cache file, or None when there is none. Such files are only ever written by
    this tool, but a crash, a full disk or a person may leave one broken: then it is removed with a one-line
    warning and None is returned, so whatever it described is made again."""
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        reason = "" if valid(data) else "not what this tool writes there"
    except (OSError, ValueError) as error:  # ValueError covers JSONDecodeError and UnicodeDecodeError
        reason = f"{type(error).__name__}: {error}"
    if not reason:
        return data
    discard(path, reason)
    return None


def discard(path: Path, reason: str) -> None:
    """Remove a broken state or cache file, saying so in one line."""
    print(f"saddle: warning: {path} is unreadable ({' '.join(reason.split())[:120]}); discarded, it will be "
          "made again", file=sys.stderr, flush=True)
    with suppress(OSError):  # a read-only folder: the warning is all that can be done
        path.unlink()


def keyed(data) -> bool:
    """The shape of a `{"key": ..., "files": {name: size}}` state: what an up-to-date output was made from."""
    return isinstance(data, dict) and isinstance(data.get("key"), str) and isinstance(data.get("files"), dict)


def file_sizes(folder: Path, names) -> dict[str, int | None]:
    """Sizes of the named files (None for a missing one): a truncated or replaced output no longer matches."""
    return {name: (folder / name).stat().st_size if (folder / name).exists() else None for name in names}


def replace_folder(source: Path, final: Path) -> None:
    """Put a finished folder in place of final: the old one is renamed away first, then removed."""
    final.parent.mkdir(parents=True, exist_ok=True)
    retired = final.with_name(f"{TEMPORARY_PREFIX}{os.getpid()}-old-{final.name}")
    if final.exists():
        os.replace(final, retired)
    os.replace(source, final)
    shutil.rmtree(retired, ignore_errors=True)


def work_folder(folder: Path, label: str) -> Path:
    """A fresh private folder for one render inside the output folder (same file system, so moves are atomic)."""
    folder.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f"{TEMPORARY_PREFIX}{label}-", dir=folder))


def remove_leftovers(folder: Path) -> None:
    """Remove what an earlier, killed run left under temporary names (only called while holding the lock)."""
    for leftover in folder.rglob(f"{TEMPORARY_PREFIX}*"):
        if leftover.is_dir():
            shutil.rmtree(leftover, ignore_errors=True)
        else:
            leftover.unlink(missing_ok=True)


@contextmanager
def folder_lock(folder: Path):
    """Hold the output folder's lock; a second run on the same folder waits for the first to finish."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".lock", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"saddle: waiting for another render of {folder} to finish", file=sys.stderr, flush=True)
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
