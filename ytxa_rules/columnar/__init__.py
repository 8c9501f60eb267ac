"""The columnar batch path: many stations scored at once over numpy columns, exactly.

`Spec.evaluate_batch` is the entry point; `evaluate_batch(spec, rows, as_of)` is the same
for code that holds rows of facts already read (the `ytxa batch` readers). numpy is an
optional extra (`ytxa-rules[columnar]`): without it, or for a spec the columnar compiler
does not support, the same call scores each row by the per-station path.
"""

from __future__ import annotations

from ytxa_rules.columnar.batch import evaluate_batch, numpy_missing
from ytxa_rules.columnar.result import BatchResult

__all__ = ["BatchResult", "evaluate_batch", "numpy_missing"]
