"""A station's explanation as a self-contained HTML page: the one of `ytxa_rules.render.html`.

The same page `ytxa explain --format html` and the batch report's station pages give (the
verdict, the conditions, the per-criterion bar chart, every indicator's steps), so the
service and the command line cannot drift apart. Evaluate with `trace=True`.
"""

from __future__ import annotations

from ytxa_rules import Result
from ytxa_rules.render.html import station_page


def explanation_page(result: Result, lang: str) -> str:
    return station_page(result, lang)
