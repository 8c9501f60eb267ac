"""mkdocs hook: generate the criteria reference pages from the spec files at build time.

The pages are never written by hand (nor stored in docs/): every build renders them from
`criteria_specs/` with the same code as `ytxa docs`, so they cannot drift from the spec.
"""

from __future__ import annotations

import datetime
from typing import Any

from mkdocs.structure.files import File, Files

PAGES = {
    "reference/criteria-1300.md": "1300/QĐ-BYT",
    "reference/criteria-318.md": "318/QĐ-TTg",
}


def on_files(files: Files, config: Any) -> Files:
    import ytxa_rules
    from ytxa_rules.render.reference import criteria_reference

    today = datetime.date.today()
    for path, document in PAGES.items():
        spec = ytxa_rules.load(document=document)
        content = criteria_reference(spec.composed(today), today, "vi")
        files.append(File.generated(config, path, content=content))
    return files
