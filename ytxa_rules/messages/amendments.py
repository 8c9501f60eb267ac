"""Words of amendment diagnostics: what a change expects, why an address does not fit,
and the Vietnamese terms for the places an operation points at.
"""

from __future__ import annotations

EXPECTED: dict[str, tuple[str, str]] = {  # what `change … to` wants for a property
    "operator": ("một phép so sánh (>=, <=, …)", "a comparison (>=, <=, …)"),
    "status": ("`confirmed` hoặc `provisional`", "`confirmed` or `provisional`"),
    "title": ("một chuỗi trong ngoặc kép", "a quoted string"),
    "cite": ("một chuỗi trong ngoặc kép", "a quoted string"),
    "max": ("một số", "a number"),
    "points": ("một số", "a number"),
    "threshold": ("một biểu thức", "an expression"),
    "condition": ("một điều kiện", "a condition"),
    "not_applicable": ("một điều kiện", "a condition"),
    "knockout": ("`yes` hoặc `no`", "yes or no"),
    "total": ("một số", "a number"),
    "value": ("một biểu thức", "an expression"),
    "entry": ("một số hoặc `unknown`", "a number or `unknown`"),
}

WHY: dict[str, tuple[str, str]] = {  # why an address does not fit
    "only_title_max": ("tiêu chí chỉ sửa được `title` hoặc `max`", "a criterion has only `title` and `max`"),
    "indicator_property": ("`{prop}` là thuộc tính của cả chỉ tiêu: bỏ `band`, `case`, `part`", "`{prop}` belongs to the whole indicator: leave out `band`, `case`, `part`"),
    "twice": ("địa chỉ ghi hai lần", "an address given twice"),
    "band": ("thiếu `band N`", "`band N` is missing"),
    "part": ("quy tắc là tổng các phần: ghi `part N`", "the rule is a sum of parts: name `part N`"),
    "case": ("quy tắc phân nhánh: ghi `case …`", "the rule branches: name `case …`"),
    "otherwise": ("mức `otherwise` không có phép so sánh", "an `otherwise` band has no comparison"),
    "several": ("điều kiện có {count} phép so sánh: ghi `comparison N`", "the condition has {count} comparisons: name `comparison N`"),
    "no_comparison": ("điều kiện không có phép so sánh", "the condition has no comparison"),
}

# How a reference page names what an amendment did to the document it targets.
AMENDMENT_VERBS: dict[str, tuple[str, str]] = {
    "corrects": ("đính chính", "corrects"),
    "amends": ("sửa đổi", "amends"),
}


PLACE_WORDS: dict[str, str] = {  # keyword of the language -> Vietnamese term
    "indicator": "chỉ tiêu",
    "criterion": "tiêu chí",
    "band": "mức",
    "case": "trường hợp",
    "part": "phần",
    "comparison": "phép so sánh",
    "table": "bảng",
    "entry": "mục",
    "value": "giá trị",
    "values": "giá trị",
    "fact": "dữ kiện",
    "document": "văn bản",
    "recognition": "điều kiện công nhận",
    "declaration": "khai báo",
    "operator": "phép so sánh",
    "threshold": "ngưỡng",
    "points": "điểm",
    "title": "tên",
    "max": "điểm tối đa",
    "status": "trạng thái",
    "cite": "trích dẫn",
    "knockout": "tính bắt buộc",
    "condition": "điều kiện",
    "not_applicable": "điều kiện không áp dụng",
    "total": "tổng điểm",
    "description": "mô tả",
    "optional": "tính tùy chọn",
    "rule": "quy tắc",
    "remove": "việc bãi bỏ",
    "add": "việc bổ sung",
}
