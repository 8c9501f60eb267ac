"""ytxa-rules: Vietnam's National Commune Health Criteria as readable, checkable specs.

    import ytxa_rules
    spec = ytxa_rules.load()                      # built-in 1300/QĐ-BYT with its amendments
    result = spec.evaluate(facts, as_of=date(2024, 12, 31), trace=True)
    result.total, result.max, result.passed, result.to_dict()
    print(ytxa_rules.explain_text(result, "vi"))  # or summary_text; "en" for English
"""

from ytxa_rules.api import Spec, load
from ytxa_rules.diagnostics import Diagnostic
from ytxa_rules.engine.compiled import CompiledSpec
from ytxa_rules.engine.result import CriterionResult, IndicatorResult, Reason, Result
from ytxa_rules.errors import FactsError, SpecError, UsageError, YtxaError
from ytxa_rules.facts.read import read_facts
from ytxa_rules.render.text import explain as explain_text
from ytxa_rules.render.text import summary as summary_text
from ytxa_rules.version import __version__

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
    "__version__",
]
