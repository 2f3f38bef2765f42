"""Imports only go downward: mathcore ← scenes ← saddle, and inside the application the voice (synthesis, speech,
the normaliser) under production (which orchestrates it). A module never imports another module's private name,
and the render contract (scenes/job.py) needs no manim."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: package → the first-party packages it must not import
FORBIDDEN = {
    "mathcore": ("scenes", "saddle", "manim"),
    "scenes": ("saddle",),
    "saddle/voice": ("saddle.production", "saddle.cli", "manim"),
}


def imports(path: Path) -> list[tuple[str, list[str]]]:
    """(module, names) of every import statement in a file, wherever it stands (inside functions too)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.append((node.module, [alias.name for alias in node.names]))
        elif isinstance(node, ast.Import):
            found.extend((alias.name, []) for alias in node.names)
    return found


def modules(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


@pytest.mark.parametrize("package", FORBIDDEN)
def test_imports_only_go_downward(package):
    wrong = [f"{path.relative_to(ROOT)} imports {module}" for path in modules(package)
             for module, _ in imports(path)
             if any(module == banned or module.startswith(banned + ".") for banned in FORBIDDEN[package])]
    assert wrong == []


def test_no_module_imports_a_private_name_of_another():
    """`from a.b import _name` couples two modules through something one of them may change at will."""
    first_party = ("mathcore", "scenes", "saddle")
    wrong = [f"{path.relative_to(ROOT)}: {module}.{name}"
             for package in first_party for path in modules(package)
             for module, names in imports(path) if module.split(".")[0] in first_party
             for name in names if name.startswith("_") and not name.startswith("__")]
    assert wrong == []


def test_the_render_contract_imports_no_manim():
    probe = "import sys, scenes.job; assert 'manim' not in sys.modules, sorted(sys.modules)"
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
