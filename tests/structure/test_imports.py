"""Dependencies point one way: no import cycles, the core never loads a CLI, renderer or
file format, and every module can be imported first, on its own."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.structure.imports import PACKAGE, graph, reachable

CORE = ("ast", "language", "syntax", "check", "compose", "engine", "tree", "diagnostics", "errors", "version")
OUTSIDE_THE_CORE = (
    "ytxa_rules.cli", "ytxa_rules.render", "ytxa_rules.service", "ytxa_rules.batch", "ytxa_rules.facts.read",
    "ytxa_rules.facts.sources", "ytxa_rules.facts.csv_reader", "ytxa_rules.facts.xlsx_reader",
    "ytxa_rules.facts.json_records", "ytxa_rules.facts.yaml_core", "ytxa_rules.facts.tabular", "ytxa_rules.api",
)  # fmt: skip
# Text-safety helpers that only use the standard library (for_terminal, one_line,
# foreign_digit): the syntax stage quotes names with them. A leaf, so it adds no edge back.
LEAVES_ALLOWED = {"ytxa_rules.render.escape"}


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    groups: list[list[str]] = []
    for root in edges:
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    groups.append(sorted(group))
    return groups


def test_the_module_graph_has_no_cycles() -> None:
    edges = graph()
    assert _cycles(edges) == []
    # The root re-exports the API: adapters (CLI, service) import it as an embedder would;
    # a core module importing it would close a loop through `api`.
    importing_the_root = sorted(m for m, targets in edges.items() if "ytxa_rules" in targets and m.split(".")[1] in CORE)
    assert importing_the_root == []


def test_the_core_never_imports_the_cli_a_renderer_or_a_file_format() -> None:
    edges = graph()
    core = [m for m in edges if m.split(".")[1:2] and m.split(".")[1] in CORE]
    assert len(core) > 30
    found = {}
    for module in core:
        wrong = sorted(m for m in reachable(edges, module) if m.startswith(OUTSIDE_THE_CORE) and m not in LEAVES_ALLOWED)
        if wrong:
            found[module] = wrong
    assert found == {}
    for leaf in LEAVES_ALLOWED:
        assert edges[leaf] == set(), leaf


def test_the_language_registries_import_only_the_ast() -> None:
    edges = graph()
    for module in (m for m in edges if m.startswith("ytxa_rules.language")):
        assert reachable(edges, module) <= {"ytxa_rules.ast", *(m for m in edges if m.startswith(("ytxa_rules.language", "ytxa_rules.ast."))),
                                            "ytxa_rules.diagnostics", "ytxa_rules.errors", "ytxa_rules.suggest"}, module  # fmt: skip


# Importing any submodule runs the package root first, so what differs between import
# orders is which module the root's chain reaches first; the graph above proves there is
# no cycle for any order. These are the entry points embedders and stages start from.
ENTRY_POINTS = (
    "ytxa_rules.version", "ytxa_rules.ast", "ytxa_rules.language.functions", "ytxa_rules.language.kinds",
    "ytxa_rules.language.scope", "ytxa_rules.engine.result", "ytxa_rules.engine.compiled", "ytxa_rules.check",
    "ytxa_rules.render.json_result", "ytxa_rules.render.text", "ytxa_rules.facts.read", "ytxa_rules.cli",
)  # fmt: skip


def test_entry_points_import_first_on_their_own() -> None:
    """Each imported into an interpreter holding no module of the package."""
    script = textwrap.dedent(
        """
        import importlib, sys
        for name in sys.argv[1:]:
            for loaded in [m for m in sys.modules if m == "ytxa_rules" or m.startswith("ytxa_rules.")]:
                del sys.modules[loaded]
            importlib.import_module(name)
        """
    )
    done = subprocess.run([sys.executable, "-c", script, *ENTRY_POINTS], capture_output=True, text=True, cwd=PACKAGE.parent, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
