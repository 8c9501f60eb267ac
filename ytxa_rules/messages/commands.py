"""Words the commands print besides diagnostics: key -> (Vietnamese, English).

`ytxa batch` and `ytxa score` have their own tables (messages/batch.py, messages/explain.py).
"""

from __future__ import annotations

COMMAND_WORDS: dict[str, tuple[str, str]] = {
    # ytxa check
    "check.summary": (
        "{documents} bộ tiêu chí, {amendments} văn bản sửa đổi{plans}: {errors} lỗi, {warnings} cảnh báo",
        "{documents} criteria set(s), {amendments} amendment(s){plans}: {errors} error(s), {warnings} warning(s)",
    ),
    "check.plans": (", {count} kế hoạch", ", {count} plan(s)"),
    # ytxa fmt
    "fmt.rewritten": ("đã định dạng lại", "reformatted"),
    "fmt.unformatted": ("chưa đúng định dạng", "not formatted"),
    # ytxa test (U081)
    "test.matching": (" khớp `--run {run}`", " matching `--run {run}`"),
    "test.all": ("", ""),
    # ytxa history
    "history.recognised": ("công nhận", "recognised"),
    "history.target": ("chỉ tiêu kế hoạch", "target"),
    "history.met": ("đạt chỉ tiêu", "met"),
    "history.not_met": ("chưa đạt chỉ tiêu", "not met"),
    "history.passed": ("đạt", "passed"),
    "history.not_passed": ("không đạt", "not passed"),
    "history.undecided": ("chưa xác định", "undecided"),
    "history.changed": (
        "{0} trạm đổi kết quả, {1} trạm đổi điểm, trên {2} trạm",
        "{0} station(s) change verdict, {1} change points, of {2}",
    ),
}
