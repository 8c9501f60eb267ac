"""The Jinja2 environment of the dashboard: templates from the package, escaping on, words
from the one catalog (`ytxa_rules.messages.service`), numbers as people write them."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from ytxa_rules.messages.service import ui_word
from ytxa_rules.render.numbers import number

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def _number(value: Any, lang: str = "vi", percent: bool = False) -> str:
    if value is None:
        return "—"
    from fractions import Fraction

    if isinstance(value, str):
        try:
            value = Fraction(value)
        except ValueError:
            return value
    return number(value, lang, percent=percent)


_CODE = re.compile(r"`([^`]+)`")


def _message(text: str) -> Markup:
    """A diagnostic's message with its `names` set as code (escaped first: nothing else is markup)."""
    return Markup(_CODE.sub(r"<code>\1</code>", str(escape(text))))


def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(["html", "svg"], default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["word"] = ui_word
    env.filters["num"] = _number
    env.filters["msg"] = _message
    return env
