"""The province chart as numbers for an inline SVG: % recognised per year, the target line.

Geometry only (no markup): the template draws what this computes, so the chart needs no
script and no library, prints on paper, and its numbers are the exact shares rounded for
the eye (the table beside it gives them exactly).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 16, 36


def _y(percent: Fraction) -> float:
    return TOP + float((100 - percent) / 100) * (HEIGHT - TOP - BOTTOM)


def share_chart(years: list[dict[str, Any]]) -> dict[str, Any]:
    """Bars for the share recognised, points joined by a line for the plan target."""
    count = max(len(years), 1)
    slot = (WIDTH - LEFT - RIGHT) / count
    bars, targets = [], []
    for index, year in enumerate(years):
        x = LEFT + index * slot
        centre = x + slot / 2
        share = Fraction(str(year["share_recognised"])) if year["share_recognised"] is not None else None
        if share is not None:
            top = _y(share)
            bars.append({"x": round(x + slot * 0.2, 1), "y": round(top, 1), "width": round(slot * 0.6, 1), "height": round(_y(Fraction(0)) - top, 1), "label": year["year"], "share": share, "met": year["met"]})
        if year["target"] is not None:
            targets.append({"x": round(centre, 1), "y": round(_y(Fraction(str(year["target"]))), 1), "target": Fraction(str(year["target"]))})
    ticks = [{"y": round(_y(Fraction(p)), 1), "label": p} for p in (0, 25, 50, 75, 100)]
    labels = [{"x": round(LEFT + i * slot + slot / 2, 1), "year": y["year"]} for i, y in enumerate(years)]
    line = " ".join(f"{t['x']},{t['y']}" for t in targets)
    return {"width": WIDTH, "height": HEIGHT, "left": LEFT, "right": WIDTH - RIGHT, "bottom": HEIGHT - BOTTOM, "bars": bars, "targets": targets, "line": line, "ticks": ticks, "labels": labels}
