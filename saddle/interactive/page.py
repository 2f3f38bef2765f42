"""One HTML page per loss (or per part of the lecture): the data of saddle.interactive.data, the lecture's colours
(scenes.kit.look's themes, the LossExplorer scene's colour per kind of point) and words (the catalogue), drawn by
page.js with plotly.js. Everything is inside the page, or (gallery views) plotly.js beside it: nothing is fetched."""

from __future__ import annotations

import json
import re
from dataclasses import asdict
from html import escape
from importlib import resources

from saddle.interactive.assets import plotly_script
from scenes.catalogue import STRINGS
from scenes.kit.look import THEMES
from scenes.s12_loss_explorer import KIND_COLORS

#: Words the page takes from the LossExplorer scene's catalogue (its own names for kinds and the slice's axes).
SCENE_WORDS = {"minimum": "exp.minimum", "maximum": "exp.maximum", "saddle": "exp.saddle",
               "undecided": "exp.undecided", "mixed": "exp.mixed", "curve": "exp.curve", "descent": "exp.descent",
               "slice_minus": "exp.slice_minus", "slice_plus": "exp.slice_plus", "by_index": "exp.by_index",
               "title": "exp.title"}
TESTS = ("hessian", "higher-order", "no Hessian", "not differentiable")

_PAGE = """<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="icon" href="data:,">
<style>
body {{ background: {background}; color: {text}; font-family: "Noto Sans CJK SC", sans-serif; margin: 0 auto;
       max-width: 80rem; padding: 0.5rem 1rem; }}
h1 {{ font-size: 1.4rem; margin: 0.3rem 0; }}
math {{ font-size: 1.3rem; }}
p {{ margin: 0.3rem 0; }}
.muted {{ color: {muted}; }}
button {{ background: {panel}; color: {text}; border: 1px solid {muted}; border-radius: 4px; margin: 0.15rem;
         padding: 0.25rem 0.6rem; font: inherit; cursor: pointer; }}
button.chosen {{ border-color: {theta}; color: {theta}; }}
#plots {{ display: grid; grid-template-columns: 3fr 2fr; gap: 0.5rem; }}
#plots[hidden] {{ display: none; }}
#surface, #contour {{ height: 30rem; }}
#card {{ background: {panel}; padding: 0.5rem 0.8rem; border-radius: 6px; min-height: 6rem; }}
#card h3 {{ margin: 0.2rem 0; }}
#card th {{ text-align: left; color: {muted}; font-weight: normal; padding-right: 1rem; }}
</style>
</head>
<body>
<h1>{title}</h1>
<div id="formula"></div>
<p id="facts" class="muted"></p>
<p id="counts"></p>
<p id="sets"></p>
<div id="loss-buttons"></div>
<div id="slices"><p id="slice-note"></p><div id="slice-buttons"></div></div>
<div id="chapter"></div>
<div id="plots">
<div><p class="muted">{surface_title}</p><div id="surface"></div></div>
<div><p class="muted">{contour_title}</p><div id="contour"></div><div id="card"></div></div>
</div>
{plotly}
<script type="application/json" id="page-data">{data}</script>
<script>
{script}
</script>
</body>
</html>
"""


def words(lang: str) -> dict:
    """The page's words in one language: the catalogue's templates, placeholders left for the page to fill."""
    found = {name: STRINGS[key][lang] for name, key in SCENE_WORDS.items()}
    found |= {key.removeprefix("view."): text[lang] for key, text in STRINGS.items()
              if key.startswith("view.") and not key.startswith("view.test.")}
    return found | {"tests": {test: STRINGS[f"view.test.{test}"][lang] for test in TESTS}}


def colours(theme: str) -> dict:
    """The lecture's colour code on one theme; a point's kind is coloured as the LossExplorer scene colours it."""
    look = THEMES[theme]
    return asdict(look) | {"kinds": {kind: getattr(look, role) for kind, role in KIND_COLORS.items()}}


def _script_text(text: str) -> str:
    """Code safe inside <script>: no "</script" can end the element early (the same in a JS string or regex)."""
    return re.sub(r"</(script)", r"<\\/\1", text, flags=re.IGNORECASE)


def _json_text(data) -> str:
    """JSON safe inside <script>: every "</" written "<\\/", which JSON reads back as "</"."""
    return json.dumps(data, ensure_ascii=False, allow_nan=False).replace("</", "<\\/")


def page_html(losses: list[dict], lang: str = "en", theme: str = "dark", title: str | None = None,
              video: dict | None = None, plotly_src: str | None = None) -> str:
    """The page for one or more losses (each a saddle.interactive.data.page_data); `video` lets it jump the
    gallery's player (saddle.production.views.moments: the scene, its chapter's start and where its subtitles
    first name each kind of point); `plotly_src` links plotly.js beside the page instead of inlining it."""
    look = THEMES[theme]
    text = words(lang)
    library = (f'<script src="{escape(plotly_src)}"></script>' if plotly_src
               else f"<script>{_script_text(plotly_script())}</script>")
    data = {"words": text, "colours": colours(theme), "losses": losses, "video": video}
    script = resources.files("saddle.interactive").joinpath("page.js").read_text(encoding="utf-8")
    return _PAGE.format(lang=lang, title=escape(title or text["title"]), background=look.background,
                        text=look.text, muted=look.muted, panel=look.panel, theta=look.theta,
                        surface_title=escape(text["surface"]), contour_title=escape(text["contour"]),
                        plotly=library, data=_json_text(data), script=_script_text(script))


def embedded_data(html: str) -> dict:
    """The data a page carries (what the tests compare with `saddle analyze --json`)."""
    start = html.index('<script type="application/json" id="page-data">')
    body = html[html.index(">", start) + 1: html.index("</script>", start)]
    return json.loads(body)
