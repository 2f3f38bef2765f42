"""Walk a lecture scene and check its layout (scenes/kit/layout.py) at the end of every animation and every half
second inside it, in one language and theme, without drawing a frame.

The scene runs in-process with animations skipped; a subclass of it (same name, so its title card still says
"Part n of N") looks at `self.mobjects` after each animation and at the inner moments that manim skips, and
notes a slide that ends right after a Write (the clip of that slide would stop on half-written text: each
narrated line starts a slide). `python -m scenes.kit.layout_check [Scene ...]` prints a table of every scene in
both languages and both themes; `tests/scenes/kit/test_layout.py` fails on any finding."""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from manim import AnimationGroup, DrawBorderThenFill, MarkupText, SingleStringMathTex, Text, Wait, config, tempconfig
from tqdm import tqdm

from scenes.kit.layout import Finding, Inventory, Screen, findings
from scenes.kit.look import Look
from scenes.lecture import LECTURE

LOOKS = [Look(lang, theme) for lang in ("en", "zh") for theme in ("dark", "light")]
INNER_STEP = 0.5  # seconds between the looks inside an animation
INNER_MOST = 8
RULES = ("overlap", "over data", "outside", "small", "half-written")


@dataclass
class Report:
    scene: str
    look: Look
    found: dict[tuple[str, str], Finding] = field(default_factory=dict)
    states: int = 0
    seconds: float = 0.0
    line: str = "the title"
    writing: bool = False  # the last animation wrote text and nothing has been shown after it yet

    def note(self, scene, moment: str, sizes: bool) -> None:
        self.states += 1
        inventory = Inventory(scene.mobjects, Screen(scene.renderer.camera), scene.layout_owners)
        for finding in findings(inventory, sizes):
            finding.where = f"{moment} at {scene.renderer.time:.1f} s, line {self.line!r}"
            self.found.setdefault(finding.key(), finding)

    def slide_ends(self, where: str) -> None:
        if self.writing:
            finding = Finding("half-written", f"the slide before {where} ends on a Write")
            self.found.setdefault(finding.key(), finding)
        self.writing = False

    def counts(self) -> Counter:
        return Counter(rule for rule, _ in self.found)


def _writes(animations) -> bool:
    for animation in animations:
        if isinstance(animation, DrawBorderThenFill):
            return True
        if isinstance(animation, AnimationGroup) and _writes(animation.animations):
            return True
    return False


def inner_times(run_time: float) -> list[float]:
    count = min(INNER_MOST, int((run_time - 1e-9) // INNER_STEP))
    return [run_time * k / (count + 1) for k in range(1, count + 1)]


@contextlib.contextmanager
def glyph_owners():
    """While a scene is built, remember which text or formula every glyph was made for, so a formula shown in
    pieces (formula[2:4]) is still one piece of text, never overlapping itself."""
    owners: dict[int, tuple] = {}
    originals = {kind: kind.__init__ for kind in (Text, MarkupText, SingleStringMathTex)}

    def recording(original):
        def init(self, *args, **kwargs):
            original(self, *args, **kwargs)
            for glyph in self.family_members_with_points():
                owners.setdefault(id(glyph), (glyph, self))
        return init

    for kind, original in originals.items():
        kind.__init__ = recording(original)
    try:
        yield owners
    finally:
        for kind, original in originals.items():
            kind.__init__ = original


def probe_class(scene_class, report: Report, owners: dict):
    """The scene, with the layout looked at while it plays."""

    class Probe(scene_class):
        layout_owners = owners

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.renderer.update_frame = lambda *_, **__: None  # nothing is drawn: only mobjects are looked at

        def get_time_progression(self, run_time, description, n_iterations=None, override_skip_animations=False):
            if self.renderer.skip_animations and not override_skip_animations:
                return tqdm([*inner_times(run_time), run_time], disable=True)
            return super().get_time_progression(run_time, description, n_iterations, override_skip_animations)

        def update_to_time(self, t):
            super().update_to_time(t)
            if t < self.duration - 1e-9:
                report.note(self, f"inside an animation ({t:.1f} of {self.duration:.1f} s)", sizes=False)

        def play_internal(self, skip_rendering=False):
            super().play_internal(skip_rendering)
            report.writing = _writes(self.animations) and not all(isinstance(a, Wait) for a in self.animations)
            report.note(self, "after an animation", sizes=True)

        def wait(self, *args, **kwargs):
            super().wait(*args, **kwargs)
            report.writing = False

        def add_subcaption(self, content, duration=1, offset=0):
            report.line = content if len(content) <= 50 else content[:49] + "…"

        def say(self, key, *args, **kwargs):
            report.slide_ends(f"line {key}")
            super().say(key, *args, **kwargs)

        def construct(self):
            super().construct()
            report.slide_ends("the end")

    Probe.__name__ = Probe.__qualname__ = scene_class.__name__
    return Probe


def scene_class(name: str):
    path = {scene: file for file, scene in LECTURE}[name]
    module = importlib.import_module(path.removesuffix(".py").replace("/", "."))
    return getattr(module, name)


def check_scene(name: str, look: Look) -> Report:
    """Run one lecture scene in a look and return what its layout breaks."""
    report = Report(name, look)
    started = time.perf_counter()
    # Text pictures in a folder of this process's own: manim writes and deletes a temporary file beside each cached
    # one, which another process making the same text at the same moment (pytest-xdist) would trip over.
    texts = Path(config.text_dir) / f"layout-{os.getpid()}"
    with glyph_owners() as owners, tempconfig({"dry_run": True, "quality": "low_quality", "progress_bar": "none",
                                               "verbosity": "ERROR", "text_dir": str(texts)}):
        probe = probe_class(scene_class(name), report, owners)
        probe.look = look
        probe(skip_animations=True).render()
    report.seconds = time.perf_counter() - started
    return report


def table(reports: list[Report]) -> str:
    head = f"{'scene':<22}{'look':<10}" + "".join(f"{rule:>13}" for rule in RULES) + f"{'states':>8}{'s':>7}"
    rows = [head]
    for report in reports:
        counts = report.counts()
        rows.append(f"{report.scene:<22}{report.look.lang + '-' + report.look.theme_name:<10}"
                    + "".join(f"{counts.get(rule, 0):>13}" for rule in RULES)
                    + f"{report.states:>8}{report.seconds:>7.1f}")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scenes.kit.layout_check", description=__doc__.split("\n\n")[0])
    parser.add_argument("scenes", nargs="*", help="scene classes (default: the whole lecture)")
    parser.add_argument("--look", action="append", help="lang-theme, e.g. zh-light (default: all four)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every finding")
    options = parser.parse_args(argv)
    names = [name for _, name in LECTURE]
    unknown = [name for name in options.scenes if name not in names]
    if unknown:
        print(f"layout_check: error: not a scene of the lecture: {', '.join(unknown)}", file=sys.stderr)
        return 2
    looks = [Look(*spec.split("-", 1)) for spec in options.look] if options.look else LOOKS
    reports = []
    for name in options.scenes or names:
        for look in looks:
            reports.append(check_scene(name, look))
            print(table(reports[-1:]).splitlines()[-1] if len(reports) > 1 else table(reports), flush=True)
    if options.verbose:
        for report in reports:
            for finding in report.found.values():
                print(f"{report.scene} {report.look.lang}-{report.look.theme_name}: {finding.rule}: {finding.what}"
                      f" ({finding.where})")
    return 1 if any(report.found for report in reports) else 0


if __name__ == "__main__":
    sys.exit(main())
