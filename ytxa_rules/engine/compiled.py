"""A composed document compiled once into an evaluator; immutable, safe to share.

`evaluate` validates facts, runs the generated indicator functions (fast, or traced when
an explanation is wanted), sums criteria and applies the recognition rule.
"""

from __future__ import annotations

import datetime
import threading
from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import Any, NamedTuple

import attrs

from ytxa_rules import ast
from ytxa_rules.diagnostics import ERROR, Diagnostic, error
from ytxa_rules.engine import runtime
from ytxa_rules.engine.codegen import Program, fact_dependencies, generate
from ytxa_rules.engine.recognition import Scores, compile_conditions, conditions, reasons, verdict
from ytxa_rules.engine.result import (
    MISSING_DATA,
    NOT_APPLICABLE,
    SCORED,
    CriterionResult,
    IndicatorResult,
    RawScores,
    Reason,
    Result,
)
from ytxa_rules.engine.trace import Outcome
from ytxa_rules.engine.tracing import TraceTables, materialise
from ytxa_rules.errors import FactsError
from ytxa_rules.facts.fastpath import generate_fast_validator
from ytxa_rules.facts.validate import FactsValidator
from ytxa_rules.language.functions import FUNCTIONS, plain
from ytxa_rules.language.kinds import STATION_KINDS
from ytxa_rules.language.scope import Scope

_WHOLE = [Fraction(n) for n in range(101)]  # points as Fractions, shared (they are immutable)


def _fraction(value: int | Fraction) -> Fraction:
    if type(value) is int and 0 <= value <= 100:
        return _WHOLE[value]
    return Fraction(value)


_MISSING = object()  # "not computed yet" in generated code; never a value of a spec


def _namespace(program: Program) -> dict[str, Any]:
    return {
        "__builtins__": {},  # generated code calls only what is handed in below
        "_N": _MISSING,
        "_k": program.constants,
        "_b": bool,
        **{function.local: function.implementation for function in FUNCTIONS.values()},
        "_rc": runtime.RATE_COMPARE,
        "_div": runtime.divide,
        "_unknown": runtime.unknown,
        "_used": runtime.used_result,
        "_tf": runtime.t_fact,
        "_tv": runtime.t_value,
        "_tu": runtime.t_used,
        "_tt": runtime.t_table,
        "_tc": runtime.t_compare,
        "_trc": runtime.t_rate_compare,
        "_trv": runtime.t_rate_value,
        "_ti": runtime.t_in,
        "_tb": runtime.t_band,
        "_tbr": runtime.t_branch,
        "_tna": runtime.t_not_applicable,
        "_tpna": runtime.t_part_not_applicable,
    }


def _compiled(program: Program, name: str) -> list[Callable[..., Any]]:
    """The indicator functions of `program`, compiled a chunk at a time."""
    namespace = _namespace(program)
    for chunk in program.chunks():
        code = compile(chunk, f"<ytxa {name}>", "exec")
        exec(code, namespace)  # noqa: S102 - our own generated code, from a checked AST
    return [namespace[name] for name in program.indicators]


class CompiledSpec:
    """One document as in force on a date (base plus amendments), ready to score."""

    def __init__(
        self,
        document: ast.Document,
        digest: str,
        amendments: tuple[ast.AmendmentRef, ...] = (),
        used: Mapping[str, CompiledSpec] | None = None,
    ):
        self.document = document
        self.digest = digest
        self.amendments = amendments
        self.used = dict(used or {})  # alias -> compiled spec
        self.scope = Scope.of(document, {s.document.id: s.document for s in self.used.values()})
        self.program = generate(document, self.scope, traced=False)
        self._fast = _compiled(self.program, document.id)
        self._traced_parts: tuple[list[Callable[..., Any]], TraceTables] | None = None
        self._traced_lock = threading.Lock()
        self.indicators = document.indicators()
        positions = {c.number: i for i, c in enumerate(document.criteria)}
        self._criterion_of = [positions[c.number] for c in document.criteria for _ in c.indicators]
        self._criterion_number = [c.number for c in document.criteria for _ in c.indicators]
        self._max = [plain(i.max.value) for i in self.indicators]
        self._knockout = [i.knockout for i in self.indicators]
        # Some part of a sum may not apply: those indicators return (points, reduced maximum).
        self._partial = any(
            isinstance(i.rule, ast.Sum) and any(p.not_applicable is not None for p in i.rule.parts) for i in self.indicators
        )
        self._dependencies = fact_dependencies(self.indicators, self.scope)
        self.validator = FactsValidator(self.scope.facts)
        self._fast_validate = generate_fast_validator(self.scope.facts)
        self._station_facts = [n for n, f in self.scope.facts.items() if f.type.kind in STATION_KINDS]
        assert document.recognition is not None
        self._requirements = document.recognition.requirements
        self._conditions = compile_conditions(self._requirements, [c.number for c in document.criteria])
        self.amendment_ids = tuple(a.id for a in amendments)
        self._indicator_templates: list[_IndicatorTemplate] | None = None

    def _traced(self) -> tuple[list[Callable[..., Any]], TraceTables]:
        """The traced variant, generated and compiled the first time a trace is asked for."""
        if self._traced_parts is None:
            with self._traced_lock:
                if self._traced_parts is None:
                    program = generate(self.document, self.scope, traced=True)
                    self._traced_parts = (_compiled(program, self.document.id), TraceTables(program, self.scope))
        return self._traced_parts

    # ------------------------------------------------------------ evaluation
    def evaluate(
        self,
        facts: Mapping[str, Any],
        as_of: datetime.date,
        *,
        trace: bool = False,
        strict: bool = False,
        where: Mapping[str, ast.Span] | None = None,
    ) -> Result:
        """Validate and score one station; `strict` makes missing facts and warnings errors."""
        fast = self._fast_validate(facts)
        warnings: tuple[Diagnostic, ...] = ()
        if fast is not None:
            values, low = fast
            missing = self.validator.missing(values)
            if low:  # some percent is at most 1: worth comparing with the others
                warnings = tuple(self.validator.warnings(values, where))
        else:
            values, missing, warnings = self.validator.check(facts, where)
        if strict and (missing or warnings):  # strict: a warning is an error too
            problems = [error("F010", None, name=name) for name in missing]
            raise FactsError(problems + [Diagnostic(w.code, ERROR, w.span, w.arguments) for w in warnings])
        return self.run(values, as_of, trace=trace, warnings=warnings)

    def run(
        self, values: dict[str, Any], as_of: datetime.date, *, trace: bool = False, warnings: tuple[Diagnostic, ...] = ()
    ) -> Result:
        """Score already validated values (used for criteria sets that reuse this one)."""
        used = {alias: self._used_result(spec, values, as_of) for alias, spec in self.used.items()}
        functions = self._traced()[0] if trace else self._fast
        count = len(functions)
        statuses: list[str] = [SCORED] * count
        points: list[Any] = [0] * count
        details: list[str | None] = [None] * count
        logs: list[list[tuple[Any, ...]]] | None = [] if trace else None
        criterion_points: list[int | Fraction] = [0] * len(self.document.criteria)
        criterion_max: list[int | Fraction] = [0] * len(self.document.criteria)
        criterion_of, maxima, knockout = self._criterion_of, self._max, self._knockout
        failed: list[str] = []
        incomplete = False
        partial = self._partial
        station_max: list[Any] | None = list(maxima) if partial else None
        for position, function in enumerate(functions):
            try:
                if logs is None:
                    outcome = function(values, used)
                else:
                    log: list[tuple[Any, ...]] = []
                    logs.append(log)
                    outcome = function(values, used, log)
            except KeyError as exc:
                if exc.args[0] not in self.scope.facts:
                    raise
                statuses[position], details[position], incomplete = MISSING_DATA, exc.args[0], True
                outcome = 0
            except runtime.DenominatorZero as exc:
                statuses[position], details[position] = NOT_APPLICABLE, exc.what
                outcome = None
            except runtime.UnknownValue as exc:
                statuses[position], details[position], incomplete = MISSING_DATA, "?" + exc.what, True
                outcome = 0
            if outcome is None:
                statuses[position] = NOT_APPLICABLE
                continue
            criterion = criterion_of[position]
            if partial and type(outcome) is tuple:  # a part did not apply: a smaller maximum
                outcome, reduced = outcome
                station_max[position] = reduced  # type: ignore[index]
                criterion_max[criterion] += reduced
            else:
                criterion_max[criterion] += maxima[position]
            if outcome:
                points[position] = outcome
                criterion_points[criterion] += outcome
            elif knockout[position] and statuses[position] == SCORED:
                failed.append(self.indicators[position].number)
        low = Scores(tuple(criterion_points), tuple(criterion_max), tuple(failed))
        high = None
        if incomplete:
            low, high = self._scenarios(statuses, low)
        passed, held = verdict(
            conditions(self._conditions, low),
            conditions(self._conditions, high) if high is not None else None,
        )
        missing: tuple[str, ...] = ()
        if incomplete:
            needed: set[str] = set()
            for position, status in enumerate(statuses):
                if status == MISSING_DATA:
                    needed.update(d for d in self._dependencies[position] if d not in values)
            missing = tuple(sorted(needed))
        return Result(
            spec_id=self.document.id,
            spec_title=self.document.title,
            amendments=self.amendment_ids,
            digest=self.digest,
            as_of=as_of,
            station={n: values[n] for n in self._station_facts if n in values},
            total=low.total,
            max=low.max,
            passed=passed,
            missing=missing,
            # Kept as tuples: compact, and tuples of plain values leave the collector's
            # view, so holding many results does not slow every later collection.
            raw=RawScores(tuple(statuses), tuple(points), tuple(details), tuple(map(tuple, logs)) if logs is not None else None, values, low, held,
                            tuple(station_max) if station_max is not None else None),
            spec=self,
            warnings=warnings,
        )

    def _scenarios(self, statuses: list[str], low: Scores) -> tuple[Scores, Scores]:
        """Missing indicators at 0 with knock-outs failed, and at full points with them passed."""
        pessimistic_failed = list(low.knockouts_failed)
        optimistic = list(low.points)
        for position, status in enumerate(statuses):
            if status == MISSING_DATA:
                optimistic[self._criterion_of[position]] += self._max[position]
                if self._knockout[position]:
                    pessimistic_failed.append(self.indicators[position].number)
        return (
            attrs.evolve(low, knockouts_failed=tuple(pessimistic_failed)),
            attrs.evolve(low, points=tuple(optimistic)),
        )

    def _used_result(self, spec: CompiledSpec, values: dict[str, Any], as_of: datetime.date) -> dict[str, Any]:
        result = spec.run(values, as_of)
        return {"passed": result.passed, "total": result.total, "max": result.max}

    # ------------------------------------------------------------ lazy views
    def criterion_results(self, raw: RawScores) -> tuple[CriterionResult, ...]:
        low: Scores = raw.low
        return tuple(
            CriterionResult(c.number, c.title, _fraction(p), _fraction(m), c.max.value)
            for c, p, m in zip(self.document.criteria, low.points, low.maxima)
        )

    def reasons(self, raw: RawScores) -> tuple[Reason, ...]:
        return reasons(self._requirements, self.document.criteria, raw.low, raw.held)

    def _templates(self) -> list[_IndicatorTemplate]:
        """What each indicator's result shows that depends on the spec alone, made once."""
        if self._indicator_templates is None:
            self._indicator_templates = [
                _IndicatorTemplate(
                    indicator.number,
                    self._criterion_number[position],
                    indicator.title,
                    Fraction(self._max[position]),
                    indicator.knockout,
                    indicator.status == "provisional",
                    indicator.cite,
                    indicator.note,
                    tuple(dict.fromkeys(a.id for a in indicator.amended_by)),
                    tuple(sorted(self._dependencies[position])),
                )
                for position, indicator in enumerate(self.indicators)
            ]
        return self._indicator_templates

    def indicator_results(self, raw: RawScores) -> tuple[IndicatorResult, ...]:
        statuses, points, details, logs, values = raw.statuses, raw.points, raw.details, raw.logs, raw.values
        tables = self._traced()[1] if logs is not None else None
        zero = Fraction(0)
        results = []
        for position, template in enumerate(self._templates()):
            status = statuses[position]
            maximum = template.max if status != NOT_APPLICABLE else zero
            if raw.maxima is not None and status == SCORED:
                maximum = _fraction(raw.maxima[position])
            earned = _fraction(points[position]) if status == SCORED else zero
            missing = tuple(d for d in template.dependencies if d not in values) if status == MISSING_DATA else ()
            detail = details[position]
            knockout_failed = template.knockout and status != NOT_APPLICABLE and not earned
            trace = None
            if tables is not None:
                assert logs is not None
                outcome = Outcome(status, earned, maximum, ", ".join(missing) if missing else detail)
                trace = materialise(logs[position], tables, values, self.indicators[position], outcome)
            results.append(
                IndicatorResult(
                    number=template.number,
                    criterion=template.criterion,
                    title=template.title,
                    points=earned,
                    max=maximum,
                    status=status,
                    knockout=template.knockout,
                    knockout_failed=knockout_failed,
                    provisional=template.provisional,
                    cite=template.cite,
                    note=template.note,
                    missing=missing,
                    reason=detail,
                    amended_by=template.amended_by,
                    trace=trace,
                )
            )
        return tuple(results)


class _IndicatorTemplate(NamedTuple):
    number: str
    criterion: int
    title: str
    max: Fraction
    knockout: bool
    provisional: bool
    cite: str | None
    note: str | None
    amended_by: tuple[str, ...]
    dependencies: tuple[str, ...]  # sorted: the order missing facts are reported in
