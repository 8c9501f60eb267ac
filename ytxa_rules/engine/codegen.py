"""Compile a checked document into plain Python source, once per composed spec.

Each indicator becomes one function `(facts, used[, log]) -> points`, or None when a
`not applicable` condition holds; each derived value one function, called where it is
used and memoised per indicator evaluation. Straight-line generated code is as fast as a
hand-written scorer, which is the bar the engine is held to; the traced variant is the
same code with hook calls that append small tuples to a log. Both are generated from the
same AST walk, so they cannot disagree about what a rule means.

Generated code has no `elif` chains and no statement nested more than two levels deep:
each band is `if condition: return points`, each part of a sum is a function of its own,
so a rule of any length compiles (Python nests `elif` and stops at a few thousand).
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from ytxa_rules import ast
from ytxa_rules.engine.expressions import ExpressionWriter, Unit, is_atom
from ytxa_rules.language import literals
from ytxa_rules.language.scope import Scope
from ytxa_rules.tree import branch_keys, indicator_expressions, part_max, referenced_names


@attrs.frozen
class BandInfo:
    """What a band id in the generated code stands for, for trace and results."""

    indicator: str
    where: str  # "", "case 1, 2", "part 1", "part 2 case 3", "… else"
    position: int  # 1-based within its list
    band: ast.Band
    part: int | None = None


class Program(Unit):
    """Generated functions of one variant, plus the tables its ids point into."""

    def __init__(self, traced: bool):
        super().__init__(traced)
        self.bands: list[BandInfo] = []
        self.indicators: list[str] = []  # function name per indicator, in catalog order
        self.excluded_parts: list[tuple[int, ast.Part]] = []  # (1-based index, part) per `_tpna` id

    def chunks(self, lines_per_chunk: int = 1000) -> Iterator[str]:
        """The source in pieces that compile one at a time (peak memory stays small)."""
        chunk: list[str] = []
        for function in self.functions:
            chunk.extend(function)
            chunk.append("")
            if len(chunk) >= lines_per_chunk:
                yield "\n".join(chunk)
                chunk = []
        if chunk:
            yield "\n".join(chunk)

    @property
    def source(self) -> str:
        return "\n".join(self.chunks(lines_per_chunk=10**12))


class _Indicator:
    """Writes the function of one indicator (and its parts) into a program."""

    def __init__(self, program: Program, writer: ExpressionWriter, indicator: ast.Indicator):
        self.program = program
        self.writer = writer
        self.indicator = indicator
        self.traced = program.traced

    def band_condition(self, band: ast.Band, where: str, position: int, part: int | None) -> str:
        band_id = len(self.program.bands)
        if self.traced:
            self.program.bands.append(BandInfo(self.indicator.number, where, position, band, part))
        condition = "True" if band.condition is None else self.writer.sub(band.condition).text
        return f"_tb(T, {band_id}, {condition})" if self.traced else condition

    def bands(self, bands: ast.Bands, where: str, part: int | None, indent: str) -> list[str]:
        """`if condition: return points` per band, then `return 0`: the first band that holds."""
        lines = []
        for position, band in enumerate(bands.bands, 1):
            lines.append(f"{indent}if {self.band_condition(band, where, position, part)}:")
            lines.append(f"{indent}    return {self.writer.number(band.points.value)}")
        lines.append(f"{indent}return 0")
        return lines

    def branch(self, branch: ast.Branch, prefix: str, part: int | None) -> list[str]:
        key = self.writer.fact(branch.key).text
        if self.traced:
            key = f"_tbr(T, {self.program.node(branch)}, {key})"
        temp = self.program.fresh("key")
        lines = [f"    {temp} = {key}"]
        for case in branch.cases:  # flat `if`s, each returning: cases never overlap (E215)
            lines.append(f"    if {temp} in {literals.texts(case.keys)}:")
            lines.extend(self.bands(case.bands, f"{prefix}case {', '.join(case.keys)}", part, "        "))
        if branch.otherwise is not None:
            lines.extend(self.bands(branch.otherwise, f"{prefix}else", part, "    "))
        else:
            lines.append("    return 0")
        return lines

    def rule_lines(self, rule: ast.Bands | ast.Branch, where: str, part: int | None) -> list[str]:
        if isinstance(rule, ast.Bands):
            return self.bands(rule, where, part, "    ")
        return self.branch(rule, where + " " if where else "", part)

    def part_function(self, part: ast.Part, index: int, memo: str) -> str:
        place = f'part {index} "{part.title}"' if part.title else f"part {index}"
        part_name = self.program.fresh("TP" if self.traced else "P")
        self.program.functions.append([f"def {part_name}({memo}):", *self.rule_lines(part.rule, place, index)])
        return part_name

    def sum_with_exclusions(self, rule: ast.Sum, memo: str) -> list[str]:
        """A sum with parts that may not apply: `(points, reduced maximum)`, or None when no
        part applies (the indicator is then not applicable, like `not applicable when`)."""
        total, maximum, applies = self.program.fresh("s"), self.program.fresh("r"), self.program.fresh("a")
        every_part_optional = all(p.not_applicable is not None for p in rule.parts)
        lines = [f"    {total} = 0", f"    {maximum} = {self.writer.number(self.indicator.max.value)}"]
        if every_part_optional:
            lines.append(f"    {applies} = False")
        for index, part in enumerate(rule.parts, 1):
            call = f"{self.part_function(part, index, memo)}({memo})"
            if part.not_applicable is None:
                lines.append(f"    {total} += {call}")
                continue
            condition = self.writer.sub(part.not_applicable).text
            if self.traced:
                self.program.excluded_parts.append((index, part))
                condition = f"_tpna(T, {len(self.program.excluded_parts) - 1}, {condition})"
            lines += [f"    if {condition}:", f"        {maximum} -= {self.writer.number(part_max(part))}", "    else:"]
            lines.append(f"        {total} += {call}")
            if every_part_optional:
                lines.append(f"        {applies} = True")
        if every_part_optional:
            lines += [f"    if not {applies}:", "        return None"]
        lines.append(f"    return ({total}, {maximum})")
        return lines

    def write(self, name: str) -> None:
        indicator, writer = self.indicator, self.writer
        params = "f, u, T" if self.traced else "f, u"
        memo = self.program.params
        body: list[str] = []
        if indicator.not_applicable is not None:
            condition = writer.sub(indicator.not_applicable).text
            if self.traced:
                condition = f"_tna(T, {condition})"
            body += [f"    if {condition}:", "        return None"]
        rule = indicator.rule
        if isinstance(rule, ast.Sum) and any(p.not_applicable is not None for p in rule.parts):
            body += self.sum_with_exclusions(rule, memo)
            writer.uses_memo = True
        elif isinstance(rule, ast.Sum):
            total = self.program.fresh("s")
            for index, part in enumerate(rule.parts, 1):
                call = f"{self.part_function(part, index, memo)}({memo})"
                body.append(f"    {total} = {call}" if index == 1 else f"    {total} += {call}")
            body.append(f"    return {total}")
            writer.uses_memo = True
        elif rule is not None:
            body += self.rule_lines(rule, "", None)
        else:
            body.append("    return 0")
        header = [f"def {name}({params}):"]
        if writer.uses_memo:
            header.append("    m = {}")
        self.program.functions.append(header + body)


def _value_function(program: Program, writer: ExpressionWriter, value: ast.Value, name: str) -> None:
    """`name(f, u, m[, T])`: the value, computed once per indicator evaluation."""
    computed = writer.sub(value.expr).text
    if program.traced:
        computed = f"_tv(T, {program.node(value)}, {computed})"
    key = literals.text(value.name)
    program.functions.append(
        [
            f"def {name}({program.params}):",
            f"    v = m.get({key}, _N)",
            "    if v is _N:",
            f"        v = m[{key}] = {computed}",
            "    return v",
        ]
    )


def generate(document: ast.Document, scope: Scope, traced: bool) -> Program:
    """Source for every indicator of `document` (one variant), in catalog order."""
    program = Program(traced)
    stem = "TV" if traced else "V"
    value_names = {name: f"_{stem}{index}" for index, name in enumerate(scope.values)}
    rate_operands: dict[tuple[str, int], str] = {}

    def rate_operand(value: str, index: int) -> str:
        """One helper per operand of a derived rate, shared by every comparison with it."""
        key = (value, index)
        if key not in rate_operands:
            rate_operands[key] = name = program.fresh("TR" if traced else "R")
            arg = scope.values[value].expr
            assert isinstance(arg, ast.Call) and not is_atom(arg.args[index], scope)
            helper = ExpressionWriter(program, scope, value_names.__getitem__, rate_operand)
            program.functions.append([f"def {name}({program.params}):", f"    return {helper.sub(arg.args[index]).text}"])
        return rate_operands[key]

    for name, value in scope.values.items():
        _value_function(program, ExpressionWriter(program, scope, value_names.__getitem__, rate_operand), value, value_names[name])
    for position, indicator in enumerate(document.indicators()):
        name = f"_{'t' if traced else 'i'}{position}"
        writer = ExpressionWriter(program, scope, value_names.__getitem__, rate_operand)
        _Indicator(program, writer, indicator).write(name)
        program.indicators.append(name)
    return program


def fact_dependencies(indicators: tuple[ast.Indicator, ...], scope: Scope) -> list[frozenset[str]]:
    """Facts each indicator may read (through values and tables too): for missing-data reports.

    What a value reads is worked out once, however many indicators use it.
    """
    of_value: dict[str, frozenset[str]] = {}

    def direct(names: Iterator[str]) -> tuple[set[str], list[str]]:
        facts, values = set(), []
        for name in names:
            if name in scope.facts:
                facts.add(name)
            elif name in scope.values:
                values.append(name)
            elif name in scope.tables:
                facts.update(scope.tables[name].keys)
        return facts, values

    def value_facts(root: str) -> frozenset[str]:
        # Iterative post-order (the checker has refused cycles): chains never recurse.
        stack = [(root, False)]
        while stack:
            name, expanded = stack.pop()
            if name in of_value:
                continue
            facts, values = direct(referenced_names(scope.values[name].expr))
            if expanded:
                for other in values:
                    facts |= of_value[other]
                of_value[name] = frozenset(facts)
                continue
            stack.append((name, True))
            stack.extend((other, False) for other in values if other not in of_value)
        return of_value[root]

    found = []
    for indicator in indicators:
        names = [b.key for b in branch_keys(indicator.rule)]
        names += [n for e in indicator_expressions(indicator) for n in referenced_names(e)]
        facts, values = direct(iter(names))
        for value in values:
            facts |= value_facts(value)
        found.append(frozenset(facts))
    return found
