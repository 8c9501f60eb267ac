"""The roll-up printed by `ytxa batch`: what a director reads first, in plain text."""

from __future__ import annotations

from ytxa_rules.batch.rollup import GroupRollUp, RollUp
from ytxa_rules.batch.tables import reasons_text
from ytxa_rules.messages.batch import words
from ytxa_rules.render.escape import one_line
from ytxa_rules.render.numbers import number

TOP = 5  # indicators and criteria listed as most often failed


def _clip(text: str, width: int) -> str:
    text = one_line(text)
    return text if len(text) <= width else text[: width - 1] + "…"


def _group_line(group: GroupRollUp, lang: str) -> str:
    share = number(group.share_passed, lang, percent=True)
    return words("report.group", lang, stations=group.stations, passed=group.passed, share=share,
                 failed=group.not_passed, undecided=group.undecided)  # fmt: skip


def _table(rollup: RollUp, lang: str) -> list[str]:
    head = [words("col.group", lang), words("col.stations", lang), words("col.passed", lang), words("col.share_passed", lang),
            words("col.not_passed", lang), words("col.undecided", lang)]  # fmt: skip
    rows = []
    show_districts = any(g.district for g in rollup.districts)
    for province in rollup.provinces:
        rows.append((_clip(province.province or "—", 34), province))
        if show_districts:
            rows.extend(("  " + _clip(d.district or "—", 32), d) for d in rollup.districts if d.province == province.province)
    lines = [f"  {head[0]:<34} {head[1]:>8} {head[2]:>6} {head[3]:>9} {head[4]:>10} {head[5]:>14}"]
    for label, g in rows:
        share = number(g.share_passed, lang, percent=True)
        lines.append(f"  {label:<34} {g.stations:>8} {g.passed:>6} {share:>9} {g.not_passed:>10} {g.undecided:>14}")
    return lines


def rollup_text(rollup: RollUp, lang: str = "vi") -> str:
    overall = rollup.overall
    lines = [words("report.title", lang, spec=rollup.spec_id), words("report.all", lang) + " " + _group_line(overall, lang)]
    if not overall.stations:
        return "\n".join(lines) + "\n"
    bands = " · ".join(f"{b.low}–{b.high if b.high < 100 else 100} %: {b.stations}" for b in overall.distribution if b.stations)
    lines.append(words("report.distribution", lang, bands=bands))
    lines += ["", words("report.by_group", lang), *_table(rollup, lang)]
    failing = [t for t in overall.indicators if t.zero][:TOP]
    lines += ["", words("report.indicators", lang)]
    lines += [f"  {words('report.indicator', lang, number=t.number, title=_clip(t.title, 60), count=t.zero)}" for t in failing] or ["  —"]
    missed = [t for t in overall.criteria if t.missed][:TOP]
    lines += ["", words("report.criteria", lang)]
    lines += [f"  {words('report.criterion', lang, number=t.number, title=_clip(t.title, 60), count=t.missed)}" for t in missed] or ["  —"]
    knocked = [t for t in overall.knockouts if t.knockout_failed]
    lines += ["", words("report.knockouts", lang)]
    lines += [f"  {words('report.indicator', lang, number=t.number, title=_clip(t.title, 60), count=t.knockout_failed)}" for t in knocked] or [
        "  " + words("report.no_knockouts", lang)
    ]
    lines += ["", words("report.closest", lang)]
    for near in overall.closest:
        name = " ".join(p for p in (near.id, _clip(near.name, 30), f"({_clip(near.district, 20)})" if near.district else "") if p)
        key = "report.near" if near.points_short else "report.near_knockout"
        lines.append("  " + words(key, lang, name=name or near.where, total=number(near.total, lang), max=number(near.max, lang),
                                  short=number(near.points_short, lang)))  # fmt: skip
        lines.append("      " + _clip(reasons_text(near.reasons, lang), 160))
    if not overall.closest:
        lines.append("  —")
    return "\n".join(lines) + "\n"


def counts_text(rollup: RollUp, lang: str = "vi") -> str:
    line = words("counts", lang, read=rollup.read, scored=rollup.scored, rejected=rollup.rejected)
    if rollup.files_refused:
        line += "\n" + words("files_refused", lang, count=rollup.files_refused)
    return line
