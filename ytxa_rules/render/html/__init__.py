"""HTML reports: one station's explanation, and a batch page (stations table, plan reports).

Jinja2 templates in this package, autoescaped; CSS and the little sorting script are
inlined and allowed by a hash in the page's Content-Security-Policy, charts are inline
SVG, fonts are the system's: a page opens offline and makes no request of its own.
Pages read `Result` and `PlanReport` data only (see `views`).
"""

from __future__ import annotations

import base64
import functools
import hashlib
from collections.abc import Mapping, Sequence
from importlib import resources
from typing import Any

from ytxa_rules.engine.result import Result
from ytxa_rules.plans.evaluate import PlanReport


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath("templates", name).read_text(encoding="utf-8")


def _hash(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


@functools.lru_cache(maxsize=1)
def environment() -> Any:
    """The Jinja2 environment (autoescape on, undefined names are errors)."""
    import jinja2  # a base dependency, imported here so the CLI starts without it

    return jinja2.Environment(
        loader=jinja2.PackageLoader(__package__, "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
    )


def _common(script: bool) -> dict[str, Any]:
    from markupsafe import Markup

    from ytxa_rules.version import __version__

    style = _asset("style.css")
    out: dict[str, Any] = {"style": Markup(style), "style_hash": _hash(style), "version": __version__, "script": None, "script_hash": ""}
    if script:
        code = _asset("sort.js")
        out.update(script=Markup(code), script_hash=_hash(code))
    return out


def station_page(result: Result, lang: str = "vi", back: str | None = None) -> str:
    """One station's explanation: verdict, conditions, the criterion chart, every indicator.

    Evaluate with `trace=True` for the facts, values, thresholds and bands of each indicator.
    `back` is a link to the batch page, if there is one.
    """
    from ytxa_rules.render.html.views import station_view

    view = station_view(result, lang)
    template = environment().get_template("station.html.j2")
    return str(template.render(**_common(False), lang=lang, title=view["title"], station=view, words=view["words"], footer=view["footer"], back=back))


def batch_page(
    results: Sequence[Result],
    plans: Sequence[PlanReport] = (),
    lang: str = "vi",
    links: Mapping[int, str] | None = None,
    rollup: Any = None,
    title: str | None = None,
) -> str:
    """The batch page: a summary, the roll-up (a hook), plan reports and a sortable table.

    `links` maps a result's position to the href of its station page. `rollup` is the
    roll-up section as already-safe HTML (`markupsafe.Markup`), rendered by the batch
    package; without it the section stays empty (hidden).
    """
    from ytxa_rules.render.html.views import batch_view

    view = batch_view(results, plans, lang, links or {}, title)
    template = environment().get_template("batch.html.j2")
    return str(template.render(**_common(True), lang=lang, rollup=rollup, **view))
