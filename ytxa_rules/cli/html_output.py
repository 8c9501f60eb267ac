"""HTML files written by the CLI: the batch page and, with `--pages`, one page per station."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path

from ytxa_rules.atomic import write_text_atomic
from ytxa_rules.cli.stations import Scored
from ytxa_rules.plans.evaluate import PlanReport
from ytxa_rules.render.html import batch_page as render_batch
from ytxa_rules.render.html import station_page


def page_name(position: int, scored: Scored) -> str:
    """`003-13669.html`: the position keeps names unique, the code makes them readable."""
    code = str(scored.result.station.get("ma_xa") or scored.path.stem)
    safe = re.sub(r"[^A-Za-z0-9_-]+", "-", code).strip("-")[:40] or "tram"
    return f"{position + 1:03d}-{safe}.html"


def batch_page(scored: Sequence[Scored], reports: Sequence[PlanReport], output: str | None, pages: str | None, lang: str) -> str:
    """The batch page's HTML; station pages are written into `pages` (atomically) first."""
    links: dict[int, str] = {}
    if pages:
        folder = Path(pages)
        folder.mkdir(parents=True, exist_ok=True)
        base = Path(output).resolve().parent if output else Path.cwd()
        back = os.path.relpath(Path(output).resolve(), folder.resolve()) if output else None
        for position, item in enumerate(scored):
            target = folder / page_name(position, item)
            write_text_atomic(target, station_page(item.result, lang, back=back))
            links[position] = Path(os.path.relpath(target.resolve(), base)).as_posix()
    return render_batch([s.result for s in scored], reports, lang, links)
