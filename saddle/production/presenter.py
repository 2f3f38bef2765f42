"""The presenter layer of slides.html: manim-slides' reveal.js template, with keys a lecturer and a clicker expect,
a sound prompt that cannot be missed after a reload, and the list of keys in the lecture's language (presenter.js
and presenter.css say what they do). The template is edited at a few named places, each of which must be found
exactly once: a manim-slides release that moves them fails the deck loudly instead of losing a key silently."""

from __future__ import annotations

import hashlib
import json
from html import escape
from importlib import resources

from saddle.production.media import ProductionError
from scenes.catalogue import STRINGS, say_text

#: manim-slides mutes the first slide's clip (so it may start on load); every slide is treated alike here: a
#: narrated clip the browser refuses to start with sound gets the prompt, wherever the deck is opened.
FIRST_SLIDE_MUTED = """          {% if loop.index == 1 and outer_loop.index == 1 %}
          data-background-video-muted
          {% endif %}
"""
WORDS = sorted(key.removeprefix("deck.") for key in STRINGS if key.startswith("deck."))


class TemplateChanged(ProductionError):
    """manim-slides' revealjs.html no longer has a place this layer edits."""


def _once(template: str, old: str, new: str) -> str:
    if template.count(old) != 1:
        raise TemplateChanged(f"manim-slides' revealjs.html has {template.count(old)} copies of {old.strip()[:40]!r}")
    return template.replace(old, new)


def _asset(name: str) -> str:
    return resources.files("saddle.production").joinpath(name).read_text(encoding="utf-8")


def presenter_fingerprint() -> str:
    """Changes when the layer does (the decks are made again)."""
    return hashlib.sha256((_asset("presenter.js") + _asset("presenter.css")).encode()).hexdigest()


def presenter_template(template: str, language_tag: str, narrated: list[bool]) -> str:
    """The deck's template with the presenter layer: `narrated` says, slide by slide in deck order, which clips
    carry a voice (only those get the sound prompt)."""
    lang = language_tag.split("-")[0]  # en-US -> en, zh-CN -> zh
    settings = {"narrated": narrated, "words": {word: say_text(f"deck.{word}", lang) for word in WORDS}}
    data = json.dumps(settings, ensure_ascii=False).replace("</", "<\\/")  # cannot close the script element
    template = _once(template, "<html>", f'<html lang="{escape(language_tag)}">')
    template = _once(template, FIRST_SLIDE_MUTED, "")
    template = _once(template, "</head>", "{% raw %}<style>\n" + _asset("presenter.css")
                     + "</style>{% endraw %}\n</head>")
    script = (f'<script type="application/json" id="saddle-deck">{data}</script>\n'
              f"<script>\n{_asset('presenter.js')}</script>")
    return _once(template, "  </body>", "{% raw %}" + script + "{% endraw %}\n  </body>")
