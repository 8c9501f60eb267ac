"""The words of plan reports (`ytxa plan`): key -> (Vietnamese, English)."""

from __future__ import annotations

from typing import Any

PLAN_TEXTS: dict[str, tuple[str, str]] = {
    "plan": ("Kế hoạch: {id} — {title}", "Plan: {id} — {title}"),
    "issuer": ("Cơ quan ban hành: {issuer}", "Issued by: {issuer}"),
    "issued": ("Ngày ban hành: {date}", "Issued: {date}"),
    "issued.unknown": ("Ngày ban hành: chưa rõ", "Issued: not known"),
    "cite": ("Căn cứ: {cite}", "Source: {cite}"),
    "note": ("Ghi chú: {note}", "Note: {note}"),
    "criteria": ("Bộ tiêu chí: {id}", "Criteria: {id}"),
    "area": ("Địa bàn: {places}", "Area: {places}"),
    "area.all": ("Địa bàn: mọi trạm được đưa vào", "Area: every station given"),
    "year": ("Năm đánh giá: {year} · {count} trạm trong địa bàn", "Assessment year: {year} · {count} station(s) in the area"),
    "as_of": ("Chấm theo bộ tiêu chí áp dụng tại ngày: {dates}", "Scored with the criteria as of: {dates}"),
    "outside": ("{count} trạm ngoài địa bàn, không tính: {names}", "{count} station(s) outside the area, not counted: {names}"),
    "communes": ("Số xã của địa bàn: {count}; {missing} xã không có dữ liệu được tính là chưa đạt chuẩn",
                 "Communes of the area: {count}; the {missing} without data count as not recognised"),
    "target": ("Mục tiêu {number}. {title}", "Target {number}. {title}"),
    "status.provisional": ("mục tiêu TẠM ĐỊNH, chưa đối chiếu văn bản kế hoạch", "PROVISIONAL target, not yet checked against the plan's text"),
    "status.confirmed": ("mục tiêu đã xác nhận", "confirmed target"),
    "no_cite": ("Căn cứ: (chưa có)", "Source: (none)"),
    "measure.recognised": ("Cách tính: số xã đạt chuẩn / số xã × 100 = {n} / {d} × 100 = {value}",
                           "Measured: communes recognised / communes × 100 = {n} / {d} × 100 = {value}"),
    "measure.where": ("Cách tính: số trạm có {condition} / số trạm × 100 = {n} / {d} × 100 = {value}",
                      "Measured: stations where {condition} / stations × 100 = {n} / {d} × 100 = {value}"),
    "measure.pooled": ("Cách tính: tổng {a} / tổng {b} × 100 = {n} / {d} × 100 = {value}",
                       "Measured: total {a} / total {b} × 100 = {n} / {d} × 100 = {value}"),
    "measure.none": ("Cách tính: không có trạm nào để tính", "Measured: no station to measure"),
    "undecided": ("{count} trạm thiếu dữ liệu nên chưa xác định: {names}", "{count} station(s) undecided for missing data: {names}"),
    "undecided.range": ("nếu các trạm này đều đạt: {value}", "if all of them met it: {value}"),
    "left_out": ("{count} trạm không áp dụng (mẫu số bằng 0), không tính: {names}", "{count} station(s) not applicable (zero denominator), not counted: {names}"),
    "milestone": ("{mark} {op} {threshold} đến năm {year} ({described}{timing}): {status}{detail}", "{mark} {op} {threshold} by {year} ({described}{timing}): {status}{detail}"),
    "description": ("“{text}”; ", "“{text}”; "),
    "timing.past": ("hạn đã qua", "deadline passed"),
    "timing.due": ("năm đánh giá", "the assessment year"),
    "timing.ahead": ("còn {years} năm", "{years} year(s) ahead"),
    "status.met": ("ĐẠT", "MET"),
    "status.not_met": ("KHÔNG ĐẠT", "NOT MET"),
    "status.not_yet": ("CHƯA ĐẠT", "NOT YET MET"),
    "status.undecided": ("CHƯA XÁC ĐỊNH (thiếu dữ liệu)", "UNDECIDED (missing data)"),
    "margin.above": ("cao hơn mục tiêu {points} điểm phần trăm", "{points} percentage points above the target"),
    "margin.below": ("thấp hơn mục tiêu {points} điểm phần trăm", "{points} percentage points below the target"),
    "margin.equal": ("đúng bằng mục tiêu", "exactly at the target"),
    "needed.more.commune": ("cần thêm {count} xã đạt chuẩn", "{count} more commune(s) must be recognised"),
    "needed.more.station": ("cần thêm {count} trạm đạt điều kiện", "{count} more station(s) must meet the condition"),
    "needed.more.pooled": ("cần tổng {unit}{description} tăng thêm {count}", "the total of {unit}{description} must grow by {count}"),
    "needed.fewer.commune": ("cần bớt {count} xã", "{count} fewer commune(s)"),
    "needed.fewer.station": ("cần bớt {count} trạm có điều kiện này", "{count} fewer station(s) meeting the condition"),
    "needed.fewer.pooled": ("cần tổng {unit}{description} giảm {count}", "the total of {unit}{description} must fall by {count}"),
    "summary": ("Tóm tắt: {met} mốc đạt, {not_met} mốc không đạt hoặc chưa đạt, {undecided} mốc chưa xác định",
                "Summary: {met} milestone(s) met, {not_met} not met, {undecided} undecided"),
}


def plan_text(key: str, lang: str, **args: Any) -> str:
    template = PLAN_TEXTS[key][0 if lang == "vi" else 1]
    return template.format(**args) if args else template
