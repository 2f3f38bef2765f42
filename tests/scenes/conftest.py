"""The lecture parts' golden snapshots live with their key frames under one root, tests/control_data/<part>/, not in
a folder beside each test module (pytest-regressions' default): a part's control data is found, and rewritten with
--force-regen, in one place."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import CONTROL_DATA


@pytest.fixture
def original_datadir(request: pytest.FixtureRequest) -> Path:
    """tests/control_data/<part>/ for tests/scenes/test_<part>.py (pytest-datadir's fixture, which data_regression
    and ndarrays_regression read and write through)."""
    return CONTROL_DATA / request.path.stem.removeprefix("test_")
