"""The gallery's interactive views: views/<Scene>.html beside index.html for every part of the lecture whose
picture is a loss, drawn from that part's own loss and box (the story module's), with the analysis and the
LossExplorer scene's data (saddle.interactive). plotly.js sits once beside the views (views/plotly.min.js).

A view can jump the gallery's player to the moment its chapter shows a kind of point: the start of the first
subtitle cue of the scene's .srt that names the kind (the catalogue's word, e.g. "saddle" / 鞍点), else the
chapter's start; the view says which. In the gallery it posts {type: "saddle-seek", scene, offset} to the page
around it; opened on its own it opens ../index.html#play=<Scene>@<offset>."""

from __future__ import annotations

import hashlib
import inspect
import json
import re
import shutil
from collections.abc import Callable
from html import escape
from pathlib import Path

from mathcore import builtins
from mathcore.critical import DEFAULT_BOX
from mathcore.loss import Loss
from mathcore.story import s02_critical_point_zoo, s03_taylor_approximation, s08_dimensions
from mathcore.story import s12_loss_explorer as explorer
from saddle.budget import analysis_budget
from saddle.interactive.assets import PLOTLY_FILE
from saddle.production.media import ProductionError
from saddle.production.plan import ROOT, SceneEntry, Settings, chapter_title, sources_digest
from saddle.production.subtitles import read_srt
from saddle.safety import atomic_output, read_state, write_text
from scenes.catalogue import STRINGS

FOLDER = "views"
RECIPE = 1  # bump when views are made differently from the same data


def _default(function: Callable, name: str):
    """A story function's own default (its box, its half width): the view shows what the scene computes."""
    return inspect.signature(function).parameters[name].default


def _square(half_width: float, dimension: int = 2) -> tuple[float, ...]:
    return (-half_width, half_width) * dimension


#: Each part of the lecture whose picture is a loss: (the loss, the box) as its story module takes them.
PARTS: dict[str, Callable[[], list[tuple[Loss, tuple[float, ...]]]]] = {
    "CriticalPointZoo": lambda: [(loss(), _default(s02_critical_point_zoo.critical_point_zoo, "box"))
                                 for loss in (builtins.bowl, builtins.dome, builtins.saddle)],
    "TaylorApproximation": lambda: [(builtins.worst_network(),
                                     _default(s03_taylor_approximation.taylor_approximation, "box"))],
    "WorstNetwork": lambda: [(builtins.worst_network(), DEFAULT_BOX)],
    "WorstNetworkHessian": lambda: [(builtins.worst_network(), DEFAULT_BOX)],
    "EscapeSaddle": lambda: [(builtins.worst_network(), DEFAULT_BOX)],
    "SliceReveal": lambda: [(builtins.saddle(), _square(_default(s08_dimensions.slice_reveal, "half_width")))],
    "CriticalPointCount": lambda: [(s08_dimensions.double_wells(n),
                                    _square(_default(s08_dimensions.critical_point_count, "half_width"), n))
                                   for n in (2, 3, 4)],
    "OptimizerRace": lambda: [(builtins.worst_network(), DEFAULT_BOX)],
    "LossExplorer": lambda: [(Loss.from_text(explorer.DEFAULT_EXPRESSION, None, dimension=None), DEFAULT_BOX)],
}


def _moment(offset: float, why: str) -> dict:
    return {"offset": round(offset, 3), "why": why}


def moments(folder: Path, entry: SceneEntry, lang: str) -> dict:
    """Where the chapter shows each kind of point: the first cue of its subtitles naming the kind, else its start."""
    srt = folder / f"{entry.name}.srt"
    cues = read_srt(srt) if srt.exists() else []
    said = {}
    for kind in ("minimum", "saddle", "maximum"):
        word = STRINGS[f"exp.{kind}"][lang]
        cue = next((cue for cue in cues if word.lower() in cue.text.lower()), None)
        if cue is not None:
            said[kind] = _moment(float(cue.start), STRINGS["view.play_said"][lang].format(word=word))
    return {"scene": entry.name, "chapter": _moment(0.0, STRINGS["view.play_chapter"][lang]), "said": said,
            "gallery": "../index.html"}


def _page(entry: SceneEntry, folder: Path, settings: Settings, video: dict) -> str:
    from saddle.interactive.data import page_data
    from saddle.interactive.page import page_html

    with analysis_budget():
        losses = [page_data(str(loss.expression), box, ",".join(v.name for v in loss.variables))
                  for loss, box in PARTS[entry.name]()]
    return page_html(losses, settings.lang, settings.theme, chapter_title(folder, entry, settings), video,
                     plotly_src=PLOTLY_FILE.name)


def _key(entry: SceneEntry, settings: Settings, video: dict) -> str:
    code = hashlib.sha256()  # this module and the page's own code, besides the scene's data and words
    for path in [*sorted((ROOT / "saddle" / "interactive").glob("*.[pj][ys]")), Path(__file__)]:
        code.update(path.read_bytes())
    recipe = [RECIPE, entry.name, settings.lang, settings.theme, video, sources_digest(entry), code.hexdigest()]
    return hashlib.sha256(json.dumps(recipe, sort_keys=True).encode()).hexdigest()


def write_views(folder: Path, lecture: list[SceneEntry], settings: Settings) -> dict[str, str]:
    """views/<Scene>.html for each part of the lecture that has one (made again only when its data, words, code
    or moments changed); returns {scene: path relative to the folder}."""
    parts = [entry for entry in lecture if entry.name in PARTS]
    if not parts:
        return {}
    if not PLOTLY_FILE.exists():
        raise ProductionError(f"plotly.js is not installed ({PLOTLY_FILE} is missing); run `make setup`")
    views = folder / FOLDER
    library = views / PLOTLY_FILE.name
    if not library.exists() or library.stat().st_size != PLOTLY_FILE.stat().st_size:
        with atomic_output(library) as temporary:
            shutil.copyfile(PLOTLY_FILE, temporary)
    made = {}
    for entry in parts:
        video = moments(folder, entry, settings.lang)
        target, state = views / f"{entry.name}.html", folder / ".state" / f"view-{entry.name}.json"
        key = _key(entry, settings, video)
        recorded = read_state(state)
        if not (target.exists() and recorded and recorded.get("key") == key):
            write_text(target, _page(entry, folder, settings, video))
            write_text(state, json.dumps({"key": key}))
        made[entry.name] = f"{FOLDER}/{entry.name}.html"
    return made


def chapter_attribute(views: dict[str, str], entry: SceneEntry) -> str:
    """What a chapter link carries so that choosing it opens its view beside the player."""
    return f' data-scene="{escape(entry.name)}"' + (f' data-view="{escape(views[entry.name])}"'
                                                    if entry.name in views else "")


def scene_link(views: dict[str, str], entry: SceneEntry, lang: str) -> str:
    """The link to the scene's view, next to its clip."""
    if entry.name not in views:
        return ""
    return f'<p><a class="view" href="{escape(views[entry.name])}">{escape(STRINGS["view.link"][lang])}</a></p>'


#: The view beside the lecture's player, and the player's side of the jump (a chapter's start is its link's
#: data-start; without the stitched lecture, the scene's own clip plays).
PANEL = """<section id="view-panel" hidden>
<h3>{title}</h3>
<iframe id="view-frame" title="{title}" style="width: 100%; height: 56rem; border: 0;"></iframe>
</section>
<script>
function openView(link) {{
  const panel = document.getElementById("view-panel"), frame = document.getElementById("view-frame");
  panel.hidden = !link.dataset.view;
  if (!link.dataset.view) return;
  if (frame.getAttribute("src") !== link.dataset.view) frame.src = link.dataset.view;
  panel.scrollIntoView({{ block: "start" }});  // in sight: a browser does not draw a frame out of sight
}}
function playAt(scene, offset) {{
  const chapter = document.querySelector('a[data-scene="' + scene + '"]');
  const lecture = document.getElementById("lecture-video");
  const video = lecture && chapter ? lecture : document.getElementById("video-" + scene);
  if (!video) return;
  video.currentTime = (video === lecture ? Number(chapter.dataset.start) : 0) + Number(offset);
  video.scrollIntoView({{ block: "nearest" }});
  video.play().catch(() => {{}});
}}
for (const link of document.querySelectorAll("a[data-scene]")) link.addEventListener("click", () => openView(link));
window.addEventListener("message", event => {{
  if (event.data && event.data.type === "saddle-seek") playAt(event.data.scene, event.data.offset);
}});
const wanted = /^#play=(\\w+)@([\\d.]+)$/.exec(location.hash);
if (wanted) playAt(wanted[1], wanted[2]);
</script>"""


def panel(views: dict[str, str], lang: str) -> str:
    return PANEL.format(title=escape(STRINGS["view.panel"][lang])) if views else ""


def add_view_slides(deck: Path, scenes: list[str], views: dict[str, str], lang: str) -> None:
    """Put each scene's view into the reveal.js deck (slides.html, one vertical stack per scene) as the last slide
    of its stack: an iframe that reveal.js loads when the slide comes near (data-src)."""
    html = deck.read_text(encoding="utf-8")
    start = html.index('<div class="slides">', html.index("<body"))  # reveal.js, inlined in <head>, names it too
    pieces, depth, stack, cut = [html[:start]], 0, 0, start
    for tag in re.finditer(r"<section\b|</section>", html[start:]):
        depth += 1 if tag.group() != "</section>" else -1
        if depth == 0:  # the end of a scene's stack
            at = start + tag.start()
            name = scenes[stack]
            pieces.append(html[cut:at])
            if name in views:
                title = escape(STRINGS["view.panel"][lang])
                pieces.append(f'<section data-view="{escape(name)}"><iframe data-src="{escape(views[name])}" '
                              f'title="{title}" style="width: 100%; height: 90vh; border: 0;"></iframe></section>\n')
            cut, stack = at, stack + 1
            if stack == len(scenes):
                break
    pieces.append(html[cut:])
    write_text(deck, "".join(pieces))
