"""A station's explanation as a self-contained HTML page.

TODO(html): when `ytxa_rules.render.html` (issue 12's HTML reports, with the per-criterion
bar chart) lands, `explanation_page` returns its page; until then the service's own
template renders the same data (the result document and the text explanation).
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment

from ytxa_rules import Result, explain_text


def explanation_context(result: Result, lang: str) -> dict[str, Any]:
    return {"result": result.to_dict(), "explanation": explain_text(result, lang), "lang": lang}


def explanation_page(environment: Environment, result: Result, lang: str) -> str:
    template = environment.get_template("explanation_page.html")
    return template.render(**explanation_context(result, lang))
