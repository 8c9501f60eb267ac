"""ytxa-rules: Vietnam's National Commune Health Criteria as readable, checkable specs.

    import ytxa_rules
    spec = ytxa_rules.load()                      # built-in 1300/QĐ-BYT with its amendments
    result = spec.evaluate(facts, as_of=date(2024, 12, 31), trace=True)
    result.total, result.max, result.passed, result.to_dict()
    print(ytxa_rules.explain_text(result, "vi"))  # or summary_text; "en" for English
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ytxa_rules.api import Spec, load
    from ytxa_rules.diagnostics import Diagnostic
    from ytxa_rules.engine.compiled import CompiledSpec
    from ytxa_rules.engine.result import CriterionResult, IndicatorResult, Reason, Result
    from ytxa_rules.errors import FactsError, SpecError, UsageError, YtxaError
    from ytxa_rules.facts.read import read_facts
    from ytxa_rules.render.compact import compact as compact_result
    from ytxa_rules.render.compact import expand as expand_result
    from ytxa_rules.render.compact import spec_manifest
    from ytxa_rules.render.text import explain as explain_text
    from ytxa_rules.render.text import summary as summary_text

# Imported on first use (PEP 562): a command that needs only the formatter, or only
# `--version`, does not pay for the engine and the renderers at start-up.
_EXPORTS = {
    "Spec": ("ytxa_rules.api", "Spec"),
    "load": ("ytxa_rules.api", "load"),
    "Diagnostic": ("ytxa_rules.diagnostics", "Diagnostic"),
    "CompiledSpec": ("ytxa_rules.engine.compiled", "CompiledSpec"),
    "CriterionResult": ("ytxa_rules.engine.result", "CriterionResult"),
    "IndicatorResult": ("ytxa_rules.engine.result", "IndicatorResult"),
    "Reason": ("ytxa_rules.engine.result", "Reason"),
    "Result": ("ytxa_rules.engine.result", "Result"),
    "FactsError": ("ytxa_rules.errors", "FactsError"),
    "SpecError": ("ytxa_rules.errors", "SpecError"),
    "UsageError": ("ytxa_rules.errors", "UsageError"),
    "YtxaError": ("ytxa_rules.errors", "YtxaError"),
    "read_facts": ("ytxa_rules.facts.read", "read_facts"),
    "explain_text": ("ytxa_rules.render.text", "explain"),
    "summary_text": ("ytxa_rules.render.text", "summary"),
    "compact_result": ("ytxa_rules.render.compact", "compact"),
    "expand_result": ("ytxa_rules.render.compact", "expand"),
    "spec_manifest": ("ytxa_rules.render.compact", "spec_manifest"),
}


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'ytxa_rules' has no attribute {name!r}")
    module, attribute = _EXPORTS[name]
    value = getattr(importlib.import_module(module), attribute)
    globals()[name] = value
    return value


from ytxa_rules.version import __version__  # noqa: E402  (a leaf module: cheap)

__all__ = [
    "CompiledSpec",
    "CriterionResult",
    "Diagnostic",
    "FactsError",
    "IndicatorResult",
    "Reason",
    "Result",
    "Spec",
    "SpecError",
    "UsageError",
    "YtxaError",
    "load",
    "read_facts",
    "explain_text",
    "summary_text",
    "compact_result",
    "expand_result",
    "spec_manifest",
    "__version__",
]
