"""Opening an interactive page in Debian's Chromium as a student would: from disk, with every request that leaves
the machine refused and counted, console errors recorded, and the time to the first drawn plot kept."""

from __future__ import annotations

import io
from contextlib import contextmanager
from pathlib import Path

import numpy as np
from PIL import Image

from tests.helpers.production import browser_page


@contextmanager
def offline_page(path: Path, viewport=(1400, 1000), view: bool = True):
    """The page (a view: drawn); `page.outside` lists the refused requests, `page.first_draw` the milliseconds from
    navigation to the view's first drawn plot (the page's own clock)."""
    with browser_page() as page:
        page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
        page.outside = []

        def only_local(route):
            if route.request.url.startswith(("file:", "data:", "blob:")):
                route.continue_()
            else:
                page.outside.append(route.request.url)
                route.abort()

        page.route("**/*", only_local)
        page.goto(path.as_uri(), wait_until="load")
        if view:
            page.wait_for_function("window.firstDraw !== undefined", timeout=60_000)
            page.first_draw = page.evaluate("window.firstDraw")
        yield page


def drawn_share(page, selector: str) -> float:
    """The share of an element's pixels that differ from the page's background: 0 for an empty plot."""
    image = Image.open(io.BytesIO(page.locator(selector).screenshot())).convert("RGB")
    pixels = np.asarray(image).reshape(-1, 3).astype(int)
    background = np.array(Image.open(io.BytesIO(page.screenshot(clip={"x": 0, "y": 0, "width": 4, "height": 4})))
                          .convert("RGB")).reshape(-1, 3)[0].astype(int)
    return float(np.mean(np.abs(pixels - background).max(axis=1) > 8))


def hover_point(page, point, frame=None) -> None:
    """Move the mouse onto a point of the contour map, where plotly puts it (in `frame`, an iframe's Frame, when
    the view is inside the gallery)."""
    inside = frame or page
    inside.locator("#contour").scroll_into_view_if_needed()
    x, y = inside.evaluate("""([x, y]) => {
        const div = document.getElementById('contour'), layout = div._fullLayout, box = div.getBoundingClientRect();
        return [box.left + layout._size.l + layout.xaxis.l2p(x), box.top + layout._size.t + layout.yaxis.l2p(y)];
    }""", list(point))
    if frame is not None:
        box = frame.frame_element().bounding_box()
        x, y = x + box["x"], y + box["y"]
    page.mouse.move(x - 20, y - 20)
    page.mouse.move(x, y, steps=4)


def open_view(page, chapter, name: str):
    """Click a chapter of the gallery and return the frame its view opened in, once the view is drawn. The click
    brings the player into view (it plays); the view's panel opens below it, and Chromium draws a frame only once it
    is scrolled to, as a viewer does."""
    with page.expect_event("framenavigated", lambda frame: frame.url.endswith(f"views/{name}.html"),
                           timeout=60_000) as navigated:
        chapter.click()
    frame = navigated.value
    page.locator("#view-frame").scroll_into_view_if_needed()
    frame.wait_for_function("window.firstDraw !== undefined", timeout=60_000)
    return frame
