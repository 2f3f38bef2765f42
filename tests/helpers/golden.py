"""Golden snapshots of scene data: arrays go to ndarrays_regression (.npz), everything else to data_regression. Both
keep a part's snapshots in tests/control_data/<part>/ (tests/scenes/conftest.py points pytest-regressions there)."""

from __future__ import annotations

import dataclasses

import numpy as np

DIGITS = 10  # floats are rounded so that the last bits of libm do not make a snapshot flaky


def split(value, prefix: str = "", arrays: dict | None = None):
    """(plain data with arrays replaced by their keys, {key: array}) for a dataclass tree."""
    arrays = {} if arrays is None else arrays
    if dataclasses.is_dataclass(value):
        plain = {f.name: split(getattr(value, f.name), f"{prefix}{f.name}.", arrays)[0]
                 for f in dataclasses.fields(value)}
        return plain, arrays
    if isinstance(value, np.ndarray):
        key = prefix.rstrip(".")
        arrays[key] = value
        return f"<array {key} {value.shape}>", arrays
    if isinstance(value, dict):
        return {str(k): split(v, f"{prefix}{k}.", arrays)[0] for k, v in value.items()}, arrays
    if isinstance(value, (list, tuple)):
        return [split(v, f"{prefix}{i}.", arrays)[0] for i, v in enumerate(value)], arrays
    if isinstance(value, (float, np.floating)):
        return round(float(value), DIGITS), arrays
    if isinstance(value, np.integer):
        return int(value), arrays
    if isinstance(value, np.bool_):
        return bool(value), arrays
    return value, arrays


def check_golden(data, data_regression, ndarrays_regression) -> None:
    plain, arrays = split(data)
    data_regression.check(plain)
    if arrays:
        ndarrays_regression.check(arrays, default_tolerance={"atol": 1e-9, "rtol": 1e-9})
