"""Spreadsheet cells to facts: each misread of issue 12 now gives the right value or a clear error."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from batch.sheets import FACTS, run, write_xlsx

from ytxa_rules.facts.cell_numbers import Ambiguous, parse_text, percent_format, zero_padding
from ytxa_rules.facts.records import FileNotice, FileProblem, StationRecord
from ytxa_rules.facts.sources import read_sources
from ytxa_rules.facts.tabular import header_names, normalise, slug


def read(*paths: Path | str, **options: Any) -> list[Any]:
    return list(read_sources([str(p) for p in paths], FACTS, **options))


def records(*paths: Path | str, **options: Any) -> list[StationRecord]:
    return [r for r in read(*paths, **options) if isinstance(r, StationRecord)]


def codes(record: StationRecord | FileProblem) -> list[str]:
    found = record.problems if isinstance(record, StationRecord) else record.diagnostics
    return [d.code for d in found]


# ---------------------------------------------------------------- numbers written as text


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("86,5", "percent", Decimal("86.5")),
        ("86.5", "percent", Decimal("86.5")),
        ("86,5%", "percent", Decimal("86.5")),
        ("86,5 %", "percent", Decimal("86.5")),
        ("0.865", "percent", Decimal("0.865")),  # a fraction: the validator's plausibility check, not a guess here
        ("620,5", "decimal", Decimal("620.5")),
        ("1.250", "count", 1250),  # a count cannot be 1.25
        ("1,250", "count", 1250),
        ("1.250.000", "decimal", 1250000),
        ("1,250,000", "count", 1250000),
        ("1.250,5", "decimal", Decimal("1250.5")),
        ("1,250.5", "decimal", Decimal("1250.5")),
        ("1 250", "count", 1250),
        ("0,250", "decimal", Decimal("0.250")),  # a leading 0 never groups thousands
        ("-3", "decimal", -3),
        ("2024", "year", 2024),
    ],
)
def test_number_text(text: str, kind: str, expected: Any) -> None:
    assert parse_text(text, kind) == expected


@pytest.mark.parametrize("text", ["1.250", "12,500", "999.999"])
def test_one_separator_before_three_digits_is_ambiguous_for_decimals(text: str) -> None:
    found = parse_text(text, "decimal")
    assert isinstance(found, Ambiguous)
    assert found.whole == int(text.replace(".", "").replace(",", ""))


@pytest.mark.parametrize("text", ["৪0", "٨٦", "1e3", "1_000", "12a", "1.2.3", "1,2.3,4", "%", "86%", "Infinity", "NaN", "0x10"])
def test_not_numbers(text: str) -> None:
    assert parse_text(text, "decimal") is None


@pytest.mark.parametrize(
    ("number_format", "percent"),
    [("0.0%", True), ("0%", True), ("[Red]0.00%", True), ('0.0"%"', False), ("0.0\\%", False), ("General", False), (None, False), ("0.00", False)],
)
def test_percent_format(number_format: str | None, percent: bool) -> None:
    assert percent_format(number_format) is percent


def test_zero_padding() -> None:
    assert zero_padding("00000") == 5 and zero_padding("General") == 0 and zero_padding("0.00") == 0


# ---------------------------------------------------------------- headers


def test_headers_by_name_or_description_normalised() -> None:
    names = header_names(FACTS)
    assert names[normalise("dan_so")] == "dan_so"
    assert names[normalise("  DÂN   SỐ ")] == "dan_so"
    decomposed = "Tên xã, phường, thị trấn".replace("ê", "e\u0302")
    assert names[normalise(decomposed)] == "ten_xa"
    assert names[normalise("Số người tham gia bảo hiểm y tế:")] == "so_nguoi_tham_gia_bhyt"


def test_choice_in_words() -> None:
    assert slug("Đồng bằng sông Hồng") == "dong_bang_song_hong"
    assert slug("Cấp 3") == "cap_3"


def test_unknown_header_is_located_with_did_you_mean(tmp_path: Path) -> None:
    path = tmp_path / "tram.csv"
    path.write_text("ma_xa,ten_xa,dan_soo,so_nguoi_tham_gia_bhyt\n1,Xã A,10,5\n", encoding="utf-8")
    (problem,) = read(path)
    assert isinstance(problem, FileProblem) and codes(problem) == ["F040"]
    (diagnostic,) = problem.diagnostics
    assert diagnostic.span is not None and (diagnostic.span.line, diagnostic.span.column) == (1, 3)
    assert diagnostic.arguments["suggestion"] == "dan_so"
    code, _, err = run("batch", str(path), "--lang", "en")
    assert code == 2 and f"{path}:1:C: error[F040]" in err and "did you mean `dan_so`?" in err


def test_same_fact_twice_and_label_columns(tmp_path: Path) -> None:
    path = tmp_path / "tram.csv"
    path.write_text("stt,ma_xa,Dân số,dan_so\n1,1,10,10\n", encoding="utf-8")
    (problem,) = read(path)
    assert isinstance(problem, FileProblem) and codes(problem) == ["F041"]
    path.write_text("STT,ma_xa,Dân số,Ghi chú,# kiểm tra\n7,01,10,đã duyệt,x\n", encoding="utf-8")
    (record,) = records(path)
    assert record.facts == {"ma_xa": "01", "dan_so": 10} and record.label == "7" and not record.problems


def test_header_below_a_title_row(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "tram.xlsx", ["BÁO CÁO ĐÁNH GIÁ NĂM 2024"], [[None], ["ma_xa", "dan_so", "ten_xa"], ["01", 5, "Xã A"]])
    found = read(path)
    notice = next(i for i in found if isinstance(i, FileNotice))
    assert [d.code for d in notice.diagnostics] == ["W623"]
    (record,) = [i for i in found if isinstance(i, StationRecord)]
    assert record.row == 4 and record.facts == {"ma_xa": "01", "dan_so": 5, "ten_xa": "Xã A"}


def test_value_under_no_header_rejects_its_row(tmp_path: Path) -> None:
    path = tmp_path / "tram.csv"
    path.write_text("ma_xa,dan_so,\n1,10,\n2,20,lạc\n", encoding="utf-8")
    first, second = records(path)
    assert not first.problems and codes(second) == ["F059"]


def test_blank_rows_and_label_only_rows_are_skipped(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "tram.xlsx", ["stt", "ma_xa", "dan_so"], [[1, "01", 5], [2, None, None], [None, None, None], [4, "04", 8]])
    assert [r.row for r in records(path)] == [2, 5]


# ---------------------------------------------------------------- XLSX cells


def one(tmp_path: Path, name: str, value: Any, number_format: str | None = None) -> StationRecord:
    other = "ten_xa" if name == "ma_xa" else "ma_xa"
    path = write_xlsx(tmp_path / "one.xlsx", [other, name], [["01", value]], {1: number_format} if number_format else None)
    (record,) = records(path)
    return record


def test_percent_formatted_cell_is_times_100(tmp_path: Path) -> None:
    """Issue 12: a cell shown as 86.5 % (stored 0.865) was scored as 0.865 %."""
    assert one(tmp_path, "ty_le_trang_thiet_bi", 0.865, "0.0%").facts["ty_le_trang_thiet_bi"] == Decimal("86.5")
    assert one(tmp_path, "ty_le_trang_thiet_bi", 0.92, "0%").facts["ty_le_trang_thiet_bi"] == 92
    assert one(tmp_path, "ty_le_trang_thiet_bi", 86.5, '0.0"%"').facts["ty_le_trang_thiet_bi"] == Decimal("86.5")  # a literal "%"
    assert one(tmp_path, "ty_le_trang_thiet_bi", 86.5).facts["ty_le_trang_thiet_bi"] == Decimal("86.5")


def test_percent_format_on_a_count_is_refused(tmp_path: Path) -> None:
    assert codes(one(tmp_path, "dan_so", 0.5, "0%")) == ["F045"]


def test_text_cell_holding_a_number_is_refused_with_a_hint(tmp_path: Path) -> None:
    record = one(tmp_path, "dien_tich_dat_m2", "620,5")
    assert codes(record) == ["F043"] and record.problems[0].arguments["value"] == "620.5"
    assert codes(one(tmp_path, "dan_so", "8240")) == ["F043"]


def test_ambiguous_thousands_in_a_text_cell(tmp_path: Path) -> None:
    """Issue 12: `dien_tich_dat_m2: 1.250` (1,250 m² to a Vietnamese reader) was 1.25 m²."""
    assert codes(one(tmp_path, "dien_tich_dat_m2", "1.250")) == ["F044"]


def test_numbers_are_exact(tmp_path: Path) -> None:
    assert one(tmp_path, "dien_tich_dat_m2", 620.1).facts["dien_tich_dat_m2"] == Decimal("620.1")
    assert one(tmp_path, "dan_so", 8240.0).facts["dan_so"] == 8240
    assert type(one(tmp_path, "dan_so", 8240).facts["dan_so"]) is int


def test_date_error_and_bool_cells(tmp_path: Path) -> None:
    assert codes(one(tmp_path, "nam_danh_gia", datetime.date(2024, 12, 31))) == ["F047"]
    assert one(tmp_path, "ma_xa", datetime.date(2024, 1, 2)).facts["ma_xa"] == "2024-01-02"
    assert codes(one(tmp_path, "dan_so", "#DIV/0!")) in (["F046"], ["F005"])
    assert one(tmp_path, "co_dien", True).facts["co_dien"] is True
    assert codes(one(tmp_path, "dan_so", True)) == ["F005"]


def test_excel_error_cell(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["ma_xa", "dan_so"])
    ws.append(["01", "#N/A"])
    ws["B2"].data_type = "e"
    book.save(tmp_path / "e.xlsx")
    (record,) = records(tmp_path / "e.xlsx")
    assert codes(record) == ["F046"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("có", True), ("Có", True), ("không", False), ("KHÔNG", False), ("yes", True), ("no", False), ("true", True), ("FALSE", False),
     ("x", True), (1, True), (0, False), ("1", True), ("0", False), ("đúng", True), ("sai", False)],
)  # fmt: skip
def test_bool_words(tmp_path: Path, value: Any, expected: bool) -> None:
    assert one(tmp_path, "co_dien", value).facts["co_dien"] is expected


def test_unknown_bool_word_is_f005(tmp_path: Path) -> None:
    assert codes(one(tmp_path, "co_dien", "có lẽ")) == ["F005"]
    assert codes(one(tmp_path, "co_dien", 2)) == ["F005"]


def test_x_marks_column_blank_is_no(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "x.xlsx", ["ma_xa", "co_dien", "co_nuoc_sach"], [["01", "x", "có"], ["02", None, None], ["03", "X", "không"]])
    found = read(path)
    notice = next(i for i in found if isinstance(i, FileNotice))
    assert [(d.code, d.arguments["name"]) for d in notice.diagnostics] == [("W620", "co_dien")]
    first, second, third = (i for i in found if isinstance(i, StationRecord))
    assert (first.facts["co_dien"], second.facts["co_dien"], third.facts["co_dien"]) == (True, False, True)
    assert "co_nuoc_sach" not in second.facts  # a column of words: blank stays missing


def test_empty_and_nan_cells_are_missing(tmp_path: Path) -> None:
    path = tmp_path / "tram.csv"
    path.write_text("ma_xa,dan_so,ty_le_trang_thiet_bi,co_dien\n01,,NaN,  \n", encoding="utf-8")
    (record,) = records(path)
    assert record.facts == {"ma_xa": "01"} and not record.problems


def test_enum_cells(tmp_path: Path) -> None:
    assert one(tmp_path, "vung", 2).facts["vung"] == "2"
    assert one(tmp_path, "vung_kinh_te", "Đồng bằng sông Hồng").facts["vung_kinh_te"] == "dong_bang_song_hong"
    assert one(tmp_path, "cap_cong_trinh", "Nhà tạm").facts["cap_cong_trinh"] == "nha_tam"


def test_code_formatted_with_leading_zeros(tmp_path: Path) -> None:
    assert one(tmp_path, "ma_xa", 1234, "00000").facts["ma_xa"] == "01234"
    assert one(tmp_path, "ma_xa", 13669).facts["ma_xa"] == "13669"


def test_formula_cells_without_saved_values_are_reported(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["ma_xa", "dan_so", "so_nguoi_tham_gia_bhyt"])
    ws.append(["01", 100, "=B2-10"])
    book.save(tmp_path / "f.xlsx")
    found = read(tmp_path / "f.xlsx")
    notice = next(i for i in found if isinstance(i, FileNotice))
    assert [d.code for d in notice.diagnostics] == ["W621"]


def test_sheet_by_name(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["ghi chú"])
    other = book.create_sheet("Ý Yên")
    other.append(["ma_xa", "dan_so"])
    other.append(["01", 5])
    book.save(tmp_path / "w.xlsx")
    (record,) = records(tmp_path / "w.xlsx", sheet="Ý Yên")
    assert record.facts == {"ma_xa": "01", "dan_so": 5}
    (problem,) = read(tmp_path / "w.xlsx", sheet="Nam Định")
    assert isinstance(problem, FileProblem) and codes(problem) == ["F061"]


def test_not_a_workbook(tmp_path: Path) -> None:
    (tmp_path / "bad.xlsx").write_bytes(b"PK\x03\x04 not really")
    (problem,) = read(tmp_path / "bad.xlsx")
    assert isinstance(problem, FileProblem) and codes(problem) == ["F002"]
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    (problem,) = read(tmp_path / "old.xls")
    assert isinstance(problem, FileProblem) and codes(problem) == ["F057"]
