"""Words of the province workflow (batch, roll-up, impact, template): key -> (vi, en).

Diagnostics stay in `catalog.py`; these are the labels, headings and sentences of the
reports and workbooks, Vietnamese first.
"""

from __future__ import annotations

from typing import Any

WORDS: dict[str, tuple[str, str]] = {
    # ---- messages about cells
    "cell": ("ô {cell} «{header}» = {text}", 'cell {cell} "{header}" = {text}'),
    # ---- counts at the end of a batch
    "counts": ("Đã đọc {read} trạm: {scored} được chấm điểm, {rejected} bị loại vì lỗi dữ liệu",
               "Read {read} station(s): {scored} scored, {rejected} rejected for data errors"),
    "files_refused": ("{count} tệp không đọc được (không tính vào số trạm đã đọc)", "{count} file(s) could not be read (not counted as stations read)"),
    "written": ("Đã ghi {path}", "Wrote {path}"),
    "verdicts": ("{passed} đạt, {failed} không đạt, {undecided} chưa xác định", "{passed} passed, {failed} not passed, {undecided} undecided"),
    # ---- verdict words in tables
    "verdict.true": ("ĐẠT", "PASSED"),
    "verdict.false": ("KHÔNG ĐẠT", "NOT PASSED"),
    "verdict.none": ("CHƯA XÁC ĐỊNH", "UNDECIDED"),
    # ---- result columns
    "col.file": ("Tệp", "File"),
    "col.row": ("Hàng", "Row"),
    "col.id": ("Mã", "Id"),
    "col.name": ("Tên", "Name"),
    "col.district": ("Huyện / khu vực", "District / area"),
    "col.province": ("Tỉnh", "Province"),
    "col.as_of": ("Ngày áp dụng", "As of"),
    "col.total": ("Tổng điểm", "Total"),
    "col.max": ("Tối đa", "Max"),
    "col.share": ("Tỷ lệ điểm (%)", "Share of max (%)"),
    "col.verdict": ("Kết quả", "Verdict"),
    "col.criterion": ("TC{number}", "C{number}"),
    "col.reasons": ("Lý do không đạt", "Why not passed"),
    "col.missing": ("Thiếu dữ kiện", "Missing facts"),
    "col.column": ("Cột", "Column"),
    "col.header": ("Tiêu đề cột", "Column header"),
    "col.cell": ("Ô", "Cell"),
    "col.code": ("Mã lỗi", "Code"),
    "col.severity": ("Mức", "Severity"),
    "col.message": ("Thông báo", "Message"),
}


def words(key: str, lang: str, **args: Any) -> str:
    text = WORDS[key][0 if lang == "vi" else 1]
    return text.format(**args) if args else text
