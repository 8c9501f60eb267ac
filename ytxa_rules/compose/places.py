"""Where an operation points, said in the editor's language ("chỉ tiêu 4 mức 1")."""

from __future__ import annotations

from collections.abc import Iterable

WORDS = {  # English keyword -> Vietnamese term
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


def place(*parts: object) -> tuple[str, str, str]:
    """("indicator", 4, "band", 1) -> words "chỉ tiêu 4 mức 1" / "indicator 4 band 1"."""
    return ("words", _join(parts, "vi"), _join(parts, "en"))


def _join(parts: Iterable[object], lang: str) -> str:
    words = []
    for part in parts:
        text = str(part)
        words.append(WORDS.get(text, text) if lang == "vi" else text)
    return " ".join(words)


def extend(where: tuple[str, str, str], *parts: object) -> tuple[str, str, str]:
    """`where` followed by more parts."""
    more = place(*parts)
    return ("words", f"{where[1]} {more[1]}", f"{where[2]} {more[2]}")
