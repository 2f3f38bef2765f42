"""Helpers the tests share (imported as `tests.helpers.x`; pytest collects nothing here), and the one root of every
lecture part's control data: tests/control_data/<part>/ holds the part's key frames (<scene>.npz, keyframes.py) and
its golden snapshots (test_<name>.yml and .npz, golden.py)."""

from __future__ import annotations

from pathlib import Path

CONTROL_DATA = Path(__file__).resolve().parents[1] / "control_data"
