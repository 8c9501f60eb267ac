"""Plan targets: the share of a province's communes to be recognised by each year.

The targets come from the plan files the service loads with its criteria (`plans/` of each
spec folder, the shipped Nam Định 139/KH-UBND and Quảng Nam 123/KH-UBND among them): every
`share recognised` target of a plan whose area is a whole province (`area tinh "…"` and
nothing narrower) and whose criteria are the service's gives its milestones (`require >= 90%
by 2026`) as that province's targets, cited by the plan's id.

The admin table (`PUT /v1/provinces/{p}/targets`) is an override: when it holds rows for a
province, they replace the plan files' targets for that province as a whole (a plan not
yet written as a file, or a revised target); `PUT` with empty `targets` returns the province
to its plan files. `target_source` is the one place that chooses.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Protocol

import attrs
from sqlalchemy import delete, select

from ytxa_rules.batch.station import ROLES
from ytxa_rules.plans.nodes import Plan, ShareRecognised
from ytxa_rules.service.auth import province_key
from ytxa_rules.service.errors import fail
from ytxa_rules.service.store.database import Database
from ytxa_rules.service.store.models import PlanTarget


@attrs.frozen
class Target:
    year: int
    share: Fraction  # percent of communes recognised
    source: str  # the plan that sets it
    op: str = ">="  # how the share recognised must compare with `share` (a plan may say `>`)

    def met(self, share: Fraction) -> bool:
        return share > self.share if self.op == ">" else share >= self.share


PROVINCE_FACTS = ROLES["province"]


class TargetSource(Protocol):
    def targets(self, province: str) -> list[Target]: ...

    def set_targets(self, province: str, shares: Mapping[int, str], source: str) -> list[Target]: ...


class TableTargets:
    """Targets kept in the `plan_targets` table, replaced as a whole per province."""

    def __init__(self, database: Database):
        self.db = database

    def targets(self, province: str) -> list[Target]:
        with self.db.session() as session:
            rows = session.scalars(select(PlanTarget).where(PlanTarget.province_key == province).order_by(PlanTarget.year)).all()
            return [Target(r.year, Fraction(Decimal(r.share)), r.source) for r in rows]

    def set_targets(self, province: str, shares: Mapping[int, str], source: str) -> list[Target]:
        parsed = {year: _share(year, text) for year, text in shares.items()}
        with self.db.write() as session:
            session.execute(delete(PlanTarget).where(PlanTarget.province_key == province))
            for year, share in sorted(parsed.items()):
                session.add(PlanTarget(province_key=province, year=year, share=str(share), source=source))
        return self.targets(province)


def _share(year: int, text: str) -> Decimal:
    try:
        value = Decimal(str(text))
    except InvalidOperation:
        raise fail(422, "U059", name=f"targets.{year}", reason="a percent between 0 and 100", field=f"targets.{year}") from None
    if not value.is_finite() or not 0 <= value <= 100 or not 1900 <= year <= 2100:
        raise fail(422, "U059", name=f"targets.{year}", reason="a percent between 0 and 100, for a year 1900–2100", field=f"targets.{year}")
    return value


class PlanFileTargets:
    """Targets read from plan files, with the admin table as a per-province override."""

    def __init__(self, database: Database, plans: Iterable[Plan], criteria_id: str):
        self.table = TableTargets(database)
        self.from_plans = plan_targets(plans, criteria_id)

    def targets(self, province: str) -> list[Target]:
        override = self.table.targets(province)
        return override if override else list(self.from_plans.get(province, []))

    def set_targets(self, province: str, shares: Mapping[int, str], source: str) -> list[Target]:
        self.table.set_targets(province, shares, source)
        return self.targets(province)


def plan_targets(plans: Iterable[Plan], criteria_id: str) -> dict[str, list[Target]]:
    """province key → its targets by year, from the `share recognised` targets of whole-province plans."""
    found: dict[str, dict[int, Target]] = {}
    for plan in plans:
        if plan.criteria not in (None, criteria_id) or len(plan.areas) != 1 or plan.areas[0].fact not in PROVINCE_FACTS:
            continue
        key = province_key(plan.areas[0].place)
        for target in plan.targets:
            if not isinstance(target.measure, ShareRecognised):
                continue
            for milestone in target.milestones:
                if milestone.op not in (">=", ">"):
                    continue
                share = Fraction(milestone.threshold.value)
                earlier = found.setdefault(key, {}).get(milestone.year)
                if earlier is None or share > earlier.share:  # two plans for one year: the stricter target
                    found[key][milestone.year] = Target(milestone.year, share, plan.id, milestone.op)
    return {key: [by_year[y] for y in sorted(by_year)] for key, by_year in found.items()}


def target_source(database: Database, plans: Iterable[Plan] = (), criteria_id: str = "") -> TargetSource:
    """The plan files' targets, overridden per province by the admin table."""
    return PlanFileTargets(database, plans, criteria_id)
