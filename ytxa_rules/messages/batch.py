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
    "col.level": ("Cấp", "Level"),
    "col.group": ("Nhóm", "Group"),
    "col.stations": ("Số trạm", "Stations"),
    "col.passed": ("Đạt", "Passed"),
    "col.share_passed": ("% đạt", "% passed"),
    "col.not_passed": ("Không đạt", "Not passed"),
    "col.undecided": ("Chưa xác định", "Undecided"),
    "col.band": ("{low}–{high} %", "{low}–{high} %"),
    "col.indicator": ("Chỉ tiêu", "Indicator"),
    "col.criterion_number": ("Tiêu chí", "Criterion"),
    "col.title": ("Nội dung", "Title"),
    "col.knockout": ("Điểm liệt", "Knock-out"),
    "col.zero": ("Số trạm 0 điểm", "Stations at 0 points"),
    "col.below_max": ("Số trạm chưa đủ điểm tối đa", "Stations below the maximum"),
    "col.missing_data": ("Số trạm thiếu dữ liệu", "Stations missing data"),
    "col.not_applicable": ("Số trạm không áp dụng", "Stations not applicable"),
    "col.knockout_failed": ("Số trạm bị điểm liệt", "Stations failing the knock-out"),
    "col.missed": ("Số trạm không đạt điều kiện của tiêu chí", "Stations missing the criterion's condition"),
    "col.where": ("Tệp:hàng", "File:row"),
    "col.conditions_missed": ("Số điều kiện chưa đạt", "Conditions missed"),
    "col.points_short": ("Số điểm còn thiếu (ít nhất)", "Points short (at least)"),
    "col.knockouts": ("Chỉ tiêu điểm liệt bị 0 điểm", "Knock-outs at 0 points"),
    "level.all": ("Toàn bộ", "All"),
    "level.province": ("Tỉnh", "Province"),
    "level.district": ("Huyện / khu vực", "District / area"),
    "group.all": ("Toàn bộ", "All stations"),
    "count.read": ("Số trạm đã đọc", "Stations read"),
    "count.scored": ("Số trạm được chấm điểm", "Stations scored"),
    "count.rejected": ("Số trạm bị loại vì lỗi dữ liệu", "Stations rejected for data errors"),
    "count.files_refused": ("Số tệp không đọc được", "Files that could not be read"),
    "yes": ("có", "yes"),
    "no": ("không", "no"),
    "progress.reading": ("Đang đọc", "Reading"),
    "progress.scoring": ("Đang chấm điểm", "Scoring"),
    # ---- the printed roll-up
    "report.title": ("Tổng hợp theo bộ tiêu chí {spec}", "Roll-up against {spec}"),
    "report.all": ("Toàn bộ:", "All stations:"),
    "report.group": ("{stations} trạm được chấm điểm — {passed} đạt ({share}), {failed} không đạt, {undecided} chưa xác định",
                     "{stations} station(s) scored — {passed} passed ({share}), {failed} not passed, {undecided} undecided"),
    "report.distribution": ("Phân bố tổng điểm (theo % điểm tối đa áp dụng): {bands}", "Totals (as % of the applicable maximum): {bands}"),
    "report.by_group": ("Theo tỉnh và huyện / khu vực:", "By province and district / area:"),
    "report.indicators": ("Chỉ tiêu bị 0 điểm nhiều nhất:", "Indicators most often at 0 points:"),
    "report.indicator": ("chỉ tiêu {number} ({title}): {count} trạm", "indicator {number} ({title}): {count} station(s)"),
    "report.criteria": ("Tiêu chí không đạt điều kiện công nhận nhiều nhất:", "Criteria most often below their recognition condition:"),
    "report.criterion": ("tiêu chí {number} ({title}): {count} trạm", "criterion {number} ({title}): {count} station(s)"),
    "report.knockouts": ("Điểm liệt:", "Knock-outs:"),
    "report.no_knockouts": ("không trạm nào bị 0 điểm ở chỉ tiêu điểm liệt", "no station scored 0 on a knock-out indicator"),
    "report.closest": ("Các trạm không đạt gần đạt nhất:", "Not-passed stations closest to passing:"),
    "report.near": ("{name}: {total}/{max} điểm, cần thêm ít nhất {short} điểm", "{name}: {total}/{max} points, needs at least {short} more"),
    "report.near_knockout": ("{name}: {total}/{max} điểm, không đạt vì điểm liệt", "{name}: {total}/{max} points, not passed for a knock-out"),
    # ---- sheet names (at most 31 characters)
    "sheet.results": ("Kết quả", "Results"),
    "sheet.errors": ("Lỗi", "Errors"),
    "sheet.summary": ("Tổng hợp", "Summary"),
    "sheet.districts": ("Theo huyện", "By district"),
    "sheet.indicators": ("Chỉ tiêu", "Indicators"),
    "sheet.criteria": ("Tiêu chí", "Criteria"),
    "sheet.closest": ("Gần đạt", "Closest to passing"),
}


def words(key: str, lang: str, **args: Any) -> str:
    text = WORDS[key][0 if lang == "vi" else 1]
    return text.format(**args) if args else text
