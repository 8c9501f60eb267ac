"""Words of the service's dashboard, Vietnamese first, English second (one place, like the
diagnostic catalog): `ui_word(key, lang)`."""

from __future__ import annotations

from typing import Any

UI: dict[str, tuple[str, str]] = {
    "app": ("Bộ tiêu chí quốc gia về y tế xã", "National Commune Health Criteria"),
}


def ui_word(key: str, lang: str = "vi", **args: Any) -> str:
    vi, en = UI[key]
    text = en if lang == "en" else vi
    return text.format(**args) if args else text
