"""Random derivations of grammar/criteria.lark: syntactically valid, semantically anything.

The rules come from the grammar file itself (as Lark compiled them), so the generator
follows the language as it changes. Past a depth budget each non-terminal takes its
shortest expansion, so every derivation ends. Names come from a small pool, so that some
references resolve and the checks behind the parser are reached too.
"""

from __future__ import annotations

import functools
import random
import re
from collections import defaultdict

import lark

from ytxa_rules.syntax.grammar import grammar_text

NAMES = ("x", "y", "ty_le", "so_a", "so_b", "vung", "a", "b", "c", "dân_số", "nam_danh_gia", "rate", "count", "min", "max", "_u")
STRINGS = ('"1300/QĐ-BYT"', '"A"', '"B"', '"x"', '""', '"Tỷ lệ (%) | <b>"', '"đính chính"')


def _sample_terminal(name: str, pattern: lark.lexer.Pattern, rnd: random.Random) -> str:
    if isinstance(pattern, lark.lexer.PatternStr):
        return pattern.value
    if name == "NAME":
        return rnd.choice(NAMES)
    if name == "STRING":
        return rnd.choice(STRINGS)
    if name == "NUMBER":
        return rnd.choice(("0", "1", "2", "3", "10", "100", "0.5", "2.25", "47"))
    if name == "PERCENT":
        return rnd.choice(("0%", "50%", "80%", "95%", "100%", "0.05%", "16.5%"))
    if name == "DATE":
        return rnd.choice(("2023-03-09", "2023-03-20", "2024-01-01", "2027-01-01", "2023-02-30", "0000-00-00"))
    if name == "COMMENT":
        return "# " + rnd.choice(("ghi chú", "x", ""))
    if name == "_NOT_APPLICABLE":
        return rnd.choice(("not applicable", "not\napplicable", "not # c\n applicable"))
    alternatives = re.fullmatch(r"\(\?:(.*)\)", pattern.value)
    if alternatives:  # keyword sets and operators: (?:a|b|c)
        return rnd.choice(alternatives.group(1).split("|")).replace("\\", "")
    raise ValueError(f"no sampler for terminal {name}: {pattern.value!r}")


@functools.cache
def _grammar() -> tuple[dict[str, list[tuple[str, ...]]], dict[str, lark.lexer.Pattern], dict[str, int]]:
    parser = lark.Lark(grammar_text(), parser="lalr", start="start")
    rules: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for rule in parser.rules:
        rules[rule.origin.name].append(tuple(s.name for s in rule.expansion))
    terminals = {t.name: t.pattern for t in parser.terminals}
    # Shortest derivation depth of each non-terminal (fixed point).
    depth: dict[str, int] = {}
    changed = True
    while changed:
        changed = False
        for origin, expansions in rules.items():
            for expansion in expansions:
                parts = [0 if s in terminals else depth.get(s) for s in expansion]
                if None not in parts:
                    d = 1 + max([p for p in parts if p is not None], default=0)
                    if d < depth.get(origin, 1 << 30):
                        depth[origin] = d
                        changed = True
    return dict(rules), terminals, depth


def keywords() -> list[str]:
    """Every literal word and symbol of the grammar (`document`, `when`, `(`, …)."""
    _, terminals, _ = _grammar()
    return sorted({p.value for p in terminals.values() if isinstance(p, lark.lexer.PatternStr)})


def derive(rnd: random.Random, budget: int = 14, start: str = "start") -> str:
    """A random sentence of the grammar, tokens separated by spaces or line breaks."""
    rules, terminals, depth = _grammar()
    out: list[str] = []

    def expand(symbol: str, level: int) -> None:
        if symbol in terminals:
            out.append(_sample_terminal(symbol, terminals[symbol], rnd))
            return
        expansions = rules[symbol]
        if level >= budget:  # finish: the expansions that end soonest
            best = min(max((depth.get(s, 0) for s in e if s not in terminals), default=0) for e in expansions)
            expansions = [e for e in expansions if max((depth.get(s, 0) for s in e if s not in terminals), default=0) == best]
        for part in rnd.choice(expansions):
            expand(part, level + 1)

    expand(start, 0)
    text = []
    for token in out:
        text.append(token)
        text.append("\n" if token.startswith("#") or rnd.random() < 0.15 else " ")
    return "".join(text)
