"""Words of `ytxa test` reports (spec tests): key -> (Vietnamese, English).

PASS and FAIL stay as they are in both languages, as `opa test` prints them: they are
what a script or a reader scanning the output looks for.
"""

from __future__ import annotations

from typing import Any

from ytxa_rules.messages.texts import pick

SPECTEST: dict[str, tuple[str, str]] = {
    "pass": ("PASS", "PASS"),
    "fail": ("FAIL", "FAIL"),
    "summary.pass": ("PASS: {passed}/{total}", "PASS: {passed}/{total}"),
    "summary.fail": ("FAIL: {failed}/{total}", "FAIL: {failed}/{total}"),
    "expected": ("mong đợi", "expected"),
    "actual": ("thực tế", "actual"),
    "what.total": ("tổng điểm", "total"),
    "what.max": ("điểm tối đa áp dụng", "applicable maximum"),
    "what.verdict": ("kết luận", "verdict"),
    "what.points": ("chỉ tiêu {number}: điểm", "indicator {number}: points"),
    "what.status": ("chỉ tiêu {number}: trạng thái", "indicator {number}: status"),
    "what.indicator": ("chỉ tiêu {number}", "indicator {number}"),
    "what.errors": ("mã lỗi", "error codes"),
    "what.warnings": ("mã cảnh báo", "warning codes"),
    "no_indicator": ("không có trong bộ tiêu chí tại ngày này", "not in the criteria on this date"),
    "none": ("không có", "none"),
    "scored_anyway": ("được chấm điểm (không có lỗi)", "scored (no error)"),
    "status.scored": ("được chấm điểm", "scored"),
    "status.not_applicable": ("không áp dụng", "not applicable"),
    "status.missing_data": ("thiếu dữ liệu", "missing data"),
    "verdict.passed": ("đạt", "passed"),
    "verdict.failed": ("không đạt", "not passed"),
    "verdict.undecided": ("chưa xác định", "undecided"),
    "as_of": ("ngày áp dụng {date}", "as of {date}"),
    "diagnostics": ("Chẩn đoán khi chấm điểm:", "Diagnostics while scoring:"),
    "explanation": ("Giải thích (thực tế), dòng khác với mong đợi đánh dấu -/+:", "Explanation (actual); lines that differ from the expectation are marked -/+:"),
}


# Where a key of a test file is missing or unknown (E703, E704).
SPECTEST_PLACES: dict[str, tuple[str, str]] = {
    "file": ("tệp kiểm thử", "the test file"),
    "test": ("trường hợp kiểm thử", "a test"),
    "expect": ("`expect`", "`expect`"),
    "indicator": ("kết quả mong đợi của chỉ tiêu", "an indicator's expectation"),
}
# What a key of a test file holds (E702).
SPECTEST_KINDS: dict[str, tuple[str, str]] = {
    "mapping": ("một bảng các mục `tên: giá trị`", "a mapping of `key: value`"),
    "list": ("một danh sách", "a list"),
    "text": ("một chuỗi", "a text"),
    "fact_name": ("tên một dữ kiện", "the name of a fact"),
    "code": ("một mã chẩn đoán (vd. F005)", "a diagnostic code (e.g. F005)"),
}


def text(key: str, lang: str, **args: Any) -> str:
    return pick(SPECTEST, key, lang, **args)
