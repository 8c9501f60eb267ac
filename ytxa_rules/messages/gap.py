"""The words of `ytxa gap`: key -> (Vietnamese, English)."""

from __future__ import annotations

from typing import Any

from ytxa_rules.messages.texts import pick

GAP_TEXTS: dict[str, tuple[str, str]] = {
    "passes": ("Trạm đã đạt chuẩn: không cần cải thiện.", "The station already passes: nothing to improve."),
    "heading": ("Các phương án cải thiện ít chỉ tiêu nhất để trạm đạt chuẩn (tối đa {max} chỉ tiêu mỗi phương án; đã thử {tried} tổ hợp chỉ tiêu):",
                "The smallest sets of improvements that make the station pass (at most {max} indicators each; {tried} sets of indicators tried):"),
    "none": ("Không tìm thấy phương án nào với tối đa {max} chỉ tiêu.", "No set of at most {max} indicators makes the station pass."),
    "cut_short": ("Việc tìm kiếm dừng ở giới hạn: có thể còn phương án khác (tăng --max-changes).",
                  "The search stopped at its bound: other sets may exist (raise --max-changes)."),
    "proposal": ("Phương án {n}: cải thiện {count} chỉ tiêu → {total}/{max} điểm, ĐẠT", "Option {n}: improve {count} indicator(s) → {total}/{max} points, PASSED"),
    "improvement": ("Chỉ tiêu {number}. {title}: {old} → {new}/{max} điểm", "Indicator {number}. {title}: {old} → {new}/{max} points"),
    "fact": ("{name}{description}: {old} → {new}", "{name}{description}: {old} → {new}"),
    "yes": ("có", "yes"),
    "no": ("không", "no"),
}


def gap_text(key: str, lang: str, **args: Any) -> str:
    return pick(GAP_TEXTS, key, lang, **args)
