"""Running the real `saddle` CLI on the two-scene test lecture (tests/production_fixture) in a private folder."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "production_fixture"
SCENES = ["TinyCircle", "TinyWords"]


def copy_fixture(folder: Path) -> Path:
    """A private copy of the test lecture that a test may edit; returns its lecture file."""
    shutil.copytree(FIXTURE, folder, ignore=shutil.ignore_patterns("__pycache__"))
    return folder / "lecture.py"


def saddle_command(command: str, lecture: Path, renders: Path, *options: str) -> list[str]:
    return [sys.executable, "-m", "saddle.cli", command, "--lecture", str(lecture), "--renders", str(renders),
            *options]


def environment() -> dict[str, str]:
    """Silent renders (the voice has its own tests, tests/saddle/voice/test_production.py), unless a test asks for
    one."""
    return {"SADDLE_VOICE": "none"} | os.environ | {"PYTHONPATH": str(ROOT), "COLUMNS": "200"}


def saddle(command: str, lecture: Path, renders: Path, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run(saddle_command(command, lecture, renders, *options), cwd=ROOT, env=environment(),
                          capture_output=True, text=True, timeout=600, check=False)


def output_folder(renders: Path) -> Path:
    return renders / "en-dark" / "480p15"


CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@contextmanager
def served(folder: Path):
    """The folder over http on localhost, the way a browser would open a published gallery."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@contextmanager
def browser_page(*arguments: str, viewport: dict | None = None):
    """A page in Debian's chromium (never a downloaded browser) that records console errors and failed requests;
    `arguments` go to chromium after CHROMIUM_ARGS."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=[*CHROMIUM_ARGS, *arguments])
        try:
            page = browser.new_page(viewport=viewport) if viewport else browser.new_page()
            page.problems = []
            page.on("console", lambda message: message.type == "error" and page.problems.append(message.text))
            page.on("pageerror", lambda error: page.problems.append(str(error)))
            page.on("requestfailed", lambda request: page.problems.append(f"failed: {request.url}"))
            yield page
        finally:
            browser.close()


def refuse_network(page) -> list[str]:
    """Let the page read files (and data:/blob: URLs) only: every other request is refused, its URL recorded in the
    list returned."""
    outside: list[str] = []

    def only_local(route):
        if route.request.url.startswith(("file:", "data:", "blob:")):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_local)
    return outside


def produce_fixture(tmp_path_factory, command: str, lang: str = "en") -> tuple[Path, Path, Path]:
    """Run `saddle COMMAND` on a fresh copy of the test lecture: (lecture file, renders folder, output folder)."""
    lecture = copy_fixture(tmp_path_factory.mktemp("lecture") / "fixture")
    renders = tmp_path_factory.mktemp("renders")
    result = saddle(command, lecture, renders, "--lang", lang)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 scene(s) rendered" in result.stdout
    return lecture, renders, renders / f"{lang}-dark" / "480p15"


def pdf_page_background_shares(deck: Path, work: Path, dpi: int = 48) -> list[float]:
    """Export a deck to PDF with LibreOffice Impress (headless, a private profile), draw each page with poppler's
    pdftoppm, and give for each page the share of it that is its most common colour (the background)."""
    export = subprocess.run(["soffice", f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
                             "--convert-to", "pdf", "--outdir", str(work), str(deck)],
                            check=False, capture_output=True, text=True, timeout=900)
    pdf = work / f"{deck.stem}.pdf"
    assert export.returncode == 0 and pdf.exists(), export.stdout + export.stderr
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(work / "page")], check=True, timeout=900)
    shares = []
    for page in sorted(work.glob("page-*.png")):
        with Image.open(page) as image:
            pixels = np.asarray(image.convert("RGB")).reshape(-1, 3).astype(int)
        colours, counts = np.unique(pixels, axis=0, return_counts=True)
        shares.append(float(np.mean(np.abs(pixels - colours[counts.argmax()]).max(axis=1) <= 8)))
    return shares
