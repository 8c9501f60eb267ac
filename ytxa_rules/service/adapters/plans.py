"""Plan targets: the share of a province's communes to be recognised by each year.

For now a province's targets are a table in the database (`PUT /v1/provinces/{p}/targets`,
from the plan's text: Nam Định 139/KH-UBND says 90 % by 2026, 100 % by 2028). The plan
files of the province workflow (a `plan` document kind, `ytxa_rules.plans`) will be a
second `TargetSource`; `target_source` is the one place that chooses.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Protocol

import attrs
from sqlalchemy import delete, select

from ytxa_rules.service.errors import fail
from ytxa_rules.service.store.database import Database
from ytxa_rules.service.store.models import PlanTarget


@attrs.frozen
class Target:
    year: int
    share: Fraction  # percent of communes recognised
    source: str  # the plan that sets it


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


def target_source(database: Database) -> TargetSource:
    """TODO(plans): when `ytxa_rules.plans` lands, read the plan files configured for the
    service here (falling back to the table), so the target line follows the plan."""
    return TableTargets(database)
