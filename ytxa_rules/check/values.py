"""How derived values depend on each other: an order to check them in, cycles, long chains.

Checked in this order (what a value uses before the value), each value's type is worked
out with every value it uses already known, so no chain of values, however long, makes
the checker recurse through it. Evaluation does follow a chain (each value calls the
values it uses), so a chain longer than MAX_VALUE_CHAIN is refused (E123), where it
first gets too long.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from ytxa_rules import ast
from ytxa_rules.diagnostics import Diagnostic, error
from ytxa_rules.limits import MAX_VALUE_CHAIN
from ytxa_rules.syntax.excerpt import listing
from ytxa_rules.tree import referenced_names


@attrs.frozen
class ValueOrder:
    order: tuple[str, ...]  # every value, after the values it uses (cycles: in file order)
    refused: frozenset[str]  # in a chain too long, or a cycle too long to walk: not typed
    diagnostics: tuple[Diagnostic, ...]


def _components(graph: Mapping[str, list[str]]) -> list[list[str]]:
    """Strongly connected components, dependencies first (Tarjan's, without recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    for root in graph:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, position = work.pop()
            if position == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            edges = graph[node]
            if position < len(edges):
                work.append((node, position + 1))
                child = edges[position]
                if child not in index:
                    work.append((child, 0))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            if work:  # returning to the parent: pass the low link up
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                found.append(component)
    return found


def value_order(values: Mapping[str, ast.Value]) -> ValueOrder:
    positions = {name: i for i, name in enumerate(values)}
    graph = {
        name: list(dict.fromkeys(n for n in referenced_names(value.expr) if n in values))
        for name, value in values.items()
    }
    order: list[str] = []
    refused: set[str] = set()
    diagnostics: list[Diagnostic] = []
    depth: dict[str, int] = {}
    for component in _components(graph):
        members = sorted(component, key=positions.__getitem__)
        cyclic = len(members) > 1 or members[0] in graph[members[0]]
        if cyclic and len(members) > MAX_VALUE_CHAIN:  # too long to walk: reported here
            first = members[0]
            cycle = listing([*members, first], " → ")
            diagnostics.append(error("E206", values[first].span, cycle=cycle))
            refused.update(members)
            continue
        if cyclic:  # the type checker walks it and reports it (E206)
            order.extend(members)
            continue
        name = members[0]
        used = [depth.get(other, 0) for other in graph[name] if other not in refused]
        depth[name] = 1 + max(used, default=0)
        if any(other in refused for other in graph[name]) or depth[name] > MAX_VALUE_CHAIN:
            if depth[name] == MAX_VALUE_CHAIN + 1:
                diagnostics.append(error("E123", values[name].span, name=name, depth=depth[name], limit=MAX_VALUE_CHAIN))
            refused.add(name)
            continue
        order.append(name)
    return ValueOrder(tuple(order), frozenset(refused), tuple(diagnostics))
