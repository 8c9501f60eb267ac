"""Words of the HTML pages that the text explanation does not have: key -> (Vietnamese, English)."""

from __future__ import annotations

from ytxa_rules.messages.texts import pick

HTML_WORDS: dict[str, tuple[str, str]] = {
    "station_title": ("Kết quả chấm điểm — {name}", "Scoring result — {name}"),
    "batch_title": ("Kết quả chấm điểm các trạm y tế", "Health station results"),
    "conditions": ("Điều kiện công nhận", "Recognition conditions"),
    "chart": ("Điểm theo tiêu chí", "Points per criterion"),
    "chart_caption": ("Điểm của mỗi tiêu chí so với điểm tối đa áp dụng; vạch đứt: 50 % điểm tối đa", "Each criterion's points against its applicable maximum; dashed line: 50 % of the maximum"),
    "half": ("50 %", "50 %"),
    "criterion": ("Tiêu chí", "Criterion"),
    "points": ("Điểm", "Points"),
    "max": ("Tối đa", "Max"),
    "share": ("Tỷ lệ", "Share"),
    "total": ("Tổng", "Total"),
    "indicators": ("Các chỉ tiêu", "Indicators"),
    "provisional": ("tạm định", "provisional"),
    "knockout": ("điểm liệt", "knock-out"),
    "back": ("← Danh sách các trạm", "← All stations"),
    "stations": ("Các trạm", "Stations"),
    "sort_hint": ("Bấm vào tiêu đề cột để sắp xếp.", "Click a column heading to sort."),
    "col.code": ("Mã xã", "Code"),
    "col.name": ("Tên", "Name"),
    "col.district": ("Huyện/khu vực", "District/area"),
    "col.province": ("Tỉnh", "Province"),
    "col.total": ("Điểm", "Points"),
    "col.max": ("Tối đa", "Max"),
    "col.share": ("%", "%"),
    "col.verdict": ("Kết luận", "Verdict"),
    "col.criterion": ("TC {number}", "C{number}"),
    "col.reasons": ("Lý do chưa đạt", "Why not passed"),
    "summary": ("{passed}/{count} trạm đạt chuẩn ({share}); {failed} không đạt, {undecided} chưa xác định",
                "{passed}/{count} stations passed ({share}); {failed} not passed, {undecided} undecided"),
    "milestone": ("Mốc", "Milestone"),
    "deadline": ("Thời hạn", "Deadline"),
    "outcome": ("Kết quả", "Outcome"),
    "detail": ("Chênh lệch và việc cần làm", "Margin and what is needed"),
    "progress_caption": ("Giá trị đo được so với các mốc của mục tiêu", "The measured value against the target's milestones"),
    "footer": ("Tạo bởi ytxa-rules {version} · bộ tiêu chí {spec} · mã băm {digest}", "Made by ytxa-rules {version} · criteria {spec} · digest {digest}"),
    "footer_batch": ("Tạo bởi ytxa-rules {version}", "Made by ytxa-rules {version}"),
}


def html_word(key: str, lang: str, **args: object) -> str:
    return pick(HTML_WORDS, key, lang, **args)
