"""Every word the dashboard shows comes from the one catalog, in both languages."""

from __future__ import annotations

import re
from pathlib import Path

from ytxa_rules.messages.service import UI
from ytxa_rules.service.auth import ROLES
from ytxa_rules.service.store.assessments import STATES, TRANSITIONS

TEMPLATES = Path(__file__).resolve().parents[2] / "ytxa_rules" / "service" / "templates"


def test_every_key_a_template_uses_is_in_the_catalog() -> None:
    used = set()
    for template in TEMPLATES.glob("*.html"):
        used |= set(re.findall(r"""\b(?:t|word)\(["']([a-z_.]+[a-z_])["']""", template.read_text(encoding="utf-8")))
    assert used, "no words found: the pattern is wrong"
    assert sorted(used - set(UI)) == []


def test_keys_built_from_values_exist_for_every_value() -> None:
    needed = {f"role.{r}" for r in ROLES} | {f"state.{s}" for s in STATES} | {f"appraisal.done.{a}" for a in TRANSITIONS}
    needed |= {f"verdict.{v}" for v in ("passed", "not_passed", "undecided")} | {"status.confirmed", "status.provisional"}
    assert sorted(needed - set(UI)) == []


def test_both_languages_are_written_and_differ_where_they_should() -> None:
    for key, (vi, en) in UI.items():
        assert vi.strip() and en.strip(), key
        assert set(re.findall(r"{(\w+)}", vi)) == set(re.findall(r"{(\w+)}", en)), key
