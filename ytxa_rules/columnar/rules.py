"""Scoring rules over whole columns: bands, branches, sums of parts, `not applicable`.

Points are constants of the spec, so they are scaled once by the least common multiple
`scale` of their denominators and summed as integers; `supported` proves the sums fit in
int64 before anything runs. A row takes the first band whose condition holds, or stops at
the first error, exactly as the generated `if condition: return points` chain does.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np

from ytxa_rules import ast
from ytxa_rules.check.scope import Scope
from ytxa_rules.columnar.exact import LIMIT
from ytxa_rules.columnar.expressions import Errors, Evaluator
from ytxa_rules.tree import band_lists, children, indicator_expressions

NO_ERROR = np.int32(0)


def points_scale(document: ast.Document) -> int:
    """The least common multiple of the denominators of every number of points."""
    scale = 1
    for criterion in document.criteria:
        scale = math.lcm(scale, criterion.max.value.denominator)
        for indicator in criterion.indicators:
            scale = math.lcm(scale, indicator.max.value.denominator)
            for _, bands in band_lists(indicator.rule):
                for band in bands.bands:
                    scale = math.lcm(scale, band.points.value.denominator)
    recognition = document.recognition
    for requirement in recognition.requirements if recognition else ():
        if requirement.amount is not None and requirement.amount.points is not None:
            scale = math.lcm(scale, requirement.amount.points.denominator)
    return scale


def largest_points(rule: ast.Rule | None) -> Fraction:
    """A bound on |points| one rule can give."""
    if rule is None:
        return Fraction(0)
    return sum((max(abs(b.points.value) for b in bands.bands) for _, bands in band_lists(rule) if bands.bands), Fraction(0))


def supported(document: ast.Document, scope: Scope, scale: int) -> str | None:
    """Why the columnar path cannot score this document (None: it can)."""
    if document.uses:
        return "uses another criteria set"
    bound = Fraction(0)
    for indicator in document.indicators():
        bound += max(largest_points(indicator.rule), abs(indicator.max.value))
        for expr in indicator_expressions(indicator):
            stack = [expr]
            while stack:
                node = stack.pop()
                if isinstance(node, ast.QualifiedRef):
                    return "uses another criteria set"
                stack.extend(children(node))
        rule = indicator.rule
        if isinstance(rule, ast.Sum) and any(p.not_applicable is not None for p in rule.parts):
            return "a part of a sum that may not apply (`part … not applicable when`)"
        parts = [p.rule for p in rule.parts] if isinstance(rule, ast.Sum) else [rule]
        for part in parts:
            if isinstance(part, ast.Branch) and scope.facts[part.key].type.kind not in ("enum", "text"):
                return "a branch on a fact that is not one of listed values"
    if bound * scale * 1000 >= LIMIT:
        return "points too large for int64"
    return None


class RuleEvaluator:
    """Points (scaled), errors and not-applicable flags per indicator, over one batch."""

    def __init__(self, expressions: Evaluator, scale: int):
        self.x = expressions
        self.scale = scale
        self.rows = expressions.rows

    def bands(self, bands: ast.Bands, active: np.ndarray) -> tuple[np.ndarray, Errors]:
        pending = active.copy()
        points = np.zeros(self.rows, dtype=np.int64)
        err = np.zeros(self.rows, dtype=np.int32)
        for band in bands.bands:
            if not pending.any():
                break
            value = int(band.points.value * self.scale)
            if band.condition is None:
                points[pending] = value
                pending[:] = False
                break
            column, cond_err = self.x.expr(band.condition)
            held = self.x.truth(column)
            if isinstance(cond_err, int):
                ok = pending
            else:
                failed = pending & (cond_err != 0)
                err[failed] = cond_err[failed]
                ok = pending & ~failed
            take = ok & held
            points[take] = value
            pending = ok & ~held
        return points, err

    def branch(self, branch: ast.Branch, active: np.ndarray) -> tuple[np.ndarray, Errors]:
        keys, key_err = self.x.fact(branch.key)
        values = keys.values  # type: ignore[union-attr]  # `supported` admits text keys only
        err = np.zeros(self.rows, dtype=np.int32)
        if not isinstance(key_err, int):
            failed = active & (key_err != 0)
            err[failed] = key_err[failed]
            active = active & ~failed
        points = np.zeros(self.rows, dtype=np.int64)
        unmatched = active.copy()
        for case in branch.cases:
            rows = np.zeros(self.rows, dtype=bool)
            for key in case.keys:
                rows |= np.equal(values, key)
            rows &= active
            unmatched &= ~rows
            if rows.any():
                self._merge(points, err, *self.bands(case.bands, rows), rows)
        if branch.otherwise is not None and unmatched.any():
            self._merge(points, err, *self.bands(branch.otherwise, unmatched), unmatched)
        return points, err

    @staticmethod
    def _merge(points: np.ndarray, err: np.ndarray, got: np.ndarray, got_err: np.ndarray, rows: np.ndarray) -> None:
        points[rows] = got[rows]
        err[rows] = got_err[rows]

    def part(self, rule: ast.Bands | ast.Branch, active: np.ndarray) -> tuple[np.ndarray, Errors]:
        return self.bands(rule, active) if isinstance(rule, ast.Bands) else self.branch(rule, active)

    def indicator(self, indicator: ast.Indicator) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(points × scale, error code, not applicable by its condition), one per row."""
        active = np.ones(self.rows, dtype=bool)
        err = np.zeros(self.rows, dtype=np.int32)
        excluded = np.zeros(self.rows, dtype=bool)
        if indicator.not_applicable is not None:
            column, na_err = self.x.expr(indicator.not_applicable)
            held = self.x.truth(column)
            if not isinstance(na_err, int):
                err = np.where(na_err != 0, na_err, 0).astype(np.int32)
                held = held & (na_err == 0)
                active = na_err == 0
            excluded = held
            active = active & ~held
        rule = indicator.rule
        points = np.zeros(self.rows, dtype=np.int64)
        if isinstance(rule, ast.Sum):
            for part in rule.parts:  # a part that fails stops the sum: later parts do not count
                got, got_err = self.part(part.rule, active)
                points += np.where(active, got, 0)
                failed = active & (got_err != 0)
                err[failed] = got_err[failed]
                active = active & ~failed
        elif rule is not None:
            got, got_err = self.part(rule, active)
            points = np.where(active, got, 0)
            err = np.where(active & (got_err != 0), got_err, err).astype(np.int32)
        return points, err, excluded
