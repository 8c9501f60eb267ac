"""Trace steps are named tuples of one closed union; every renderer handles every step class."""

from __future__ import annotations

import typing

from ytxa_rules.engine import trace_steps
from ytxa_rules.engine.trace_log import ARITY
from ytxa_rules.render.trace_json import JsonTemplates


def test_the_json_renderer_has_a_handler_for_every_step_class() -> None:
    classes = set(typing.get_args(trace_steps.Step))
    assert classes == set(JsonTemplates._handlers)
    assert all(issubclass(c, tuple) and c._fields for c in classes)  # NamedTuples: fields by name


def test_a_step_reads_by_name_and_costs_a_tuple() -> None:
    step = trace_steps.new_step(trace_steps.Compared, (3, 80, 90, False, "percent", "number"))
    assert (step.node, step.left, step.right, step.held, step.left_kind, step.right_kind) == (3, 80, 90, False, "percent", "number")
    assert step == (3, 80, 90, False, "percent", "number") and type(step) is trace_steps.Compared


def test_every_log_record_kind_has_a_known_length() -> None:
    """The hooks' records are cut out of the flat log by these lengths (`trace_log.CompactLog`)."""
    assert set(ARITY) == {
        "band", "compare", "value", "rate_value", "rate_compare", "in", "table", "branch", "used", "not_applicable",
        "part_not_applicable", "fact",
    }  # fmt: skip
