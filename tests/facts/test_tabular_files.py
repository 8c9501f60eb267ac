"""Files of many stations: CSV encodings and delimiters, JSON arrays, JSON Lines, YAML lists,
folders and standard input; every problem names the file, the row or line, and the cell."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from batch.sheets import FACTS, ROOT, run, write_xlsx

from ytxa_rules import limits
from ytxa_rules.facts import sources
from ytxa_rules.facts.csv_reader import plausible_vietnamese
from ytxa_rules.facts.records import FileNotice, FileProblem, StationRecord
from ytxa_rules.facts.sources import read_sources, sniff

HEADER = "ma_xa;ten_xa;tinh;dan_so;ty_le_trang_thiet_bi;co_dien"
ROWS = ["01234;Xã Yên Thọ;Nam Định;8240;86,5;có", "01235;Phường Lộc Hạ;Nam Định;12000;90;không"]
EXPECTED = [
    {"ma_xa": "01234", "ten_xa": "Xã Yên Thọ", "tinh": "Nam Định", "dan_so": 8240, "ty_le_trang_thiet_bi": 86.5, "co_dien": True},
    {"ma_xa": "01235", "ten_xa": "Phường Lộc Hạ", "tinh": "Nam Định", "dan_so": 12000, "ty_le_trang_thiet_bi": 90, "co_dien": False},
]


def read(*paths: Path | str, **options: Any) -> list[Any]:
    return list(read_sources([str(p) for p in paths], FACTS, **options))


def facts_of(found: list[Any]) -> list[dict[str, Any]]:
    return [dict(r.facts) for r in found if isinstance(r, StationRecord)]


def problems(found: list[Any]) -> list[str]:
    return [d.code for r in found for d in (r.diagnostics if isinstance(r, (FileProblem, FileNotice)) else r.problems)]


def to_cp1258(text: str) -> bytes:
    """As Windows writes Vietnamese in code page 1258: letters with a circumflex, breve or horn
    precomposed where the code page has them, tone marks as separate combining characters."""
    out = b""
    for char in text:
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", char)
        tones = [m for m in parts[1:] if m in "\u0300\u0301\u0303\u0309\u0323"]
        base = unicodedata.normalize("NFC", parts[0] + "".join(m for m in parts[1:] if m not in tones))
        out += (base + "".join(tones)).encode("cp1258")
    return out


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"), ("cp1258", b"")],
)
def test_csv_encodings(tmp_path: Path, encoding: str, bom: bytes) -> None:
    text = "\r\n".join([HEADER, *ROWS]) + "\r\n"
    path = tmp_path / "tram.csv"
    path.write_bytes(bom + (to_cp1258(text) if encoding == "cp1258" else text.encode(encoding)))
    found = read(path)
    assert facts_of(found) == EXPECTED and not problems(found)


def test_cp1258_is_only_taken_when_it_reads_as_vietnamese(tmp_path: Path) -> None:
    # TCVN3 ("ABC" fonts) puts Vietnamese letters at bytes that cp1258 reads as other symbols.
    path = tmp_path / "tcvn3.csv"
    path.write_bytes(b"ma_xa,ten_xa\n01,X\xb7 Y\xaan Th\xae\n")
    found = read(path)
    assert problems(found) == ["F049"]
    assert plausible_vietnamese("Xã Yên Thọ — “Trạm” 86,5 %") and not plausible_vietnamese("Xã ¥ên")


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_csv_delimiters(tmp_path: Path, delimiter: str) -> None:
    rows = [r.replace(";", delimiter).replace("86,5", '"86,5"' if delimiter == "," else "86,5") for r in ROWS]
    path = tmp_path / "tram.csv"
    path.write_text("\n".join([HEADER.replace(";", delimiter), *rows]) + "\n", encoding="utf-8")
    assert facts_of(read(path)) == EXPECTED


def test_csv_delimiter_tie_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "tram.csv"
    path.write_text("ma_xa,ten_xa;dan_so\n1,a;2\n", encoding="utf-8")
    assert problems(read(path)) == ["F048"]


def test_descriptions_as_headers(tmp_path: Path) -> None:
    header = "Mã đơn vị hành chính cấp xã;Tên xã, phường, thị trấn;tỉnh, thành phố;DÂN SỐ;Tỷ lệ trang thiết bị có theo danh mục;Có điện"
    path = tmp_path / "tram.csv"
    path.write_text("\n".join([header, *ROWS]) + "\n", encoding="utf-8")
    assert facts_of(read(path)) == EXPECTED


def test_json_array_located_per_item(tmp_path: Path) -> None:
    path = tmp_path / "tram.json"
    path.write_bytes(b"\xef\xbb\xbf" + b'[\n  {"ma_xa": "01", "dan_so": 10},\n  {"ma_xa": "02",\n   "dan_so": "m\xc6\xb0\xe1\xbb\x9di", "dan_so": 3},\n  7\n]\n')
    first, second, third = read(path)
    assert isinstance(first, StationRecord) and first.facts == {"ma_xa": "01", "dan_so": 10} and first.row == 2
    assert isinstance(second, StationRecord) and [d.code for d in second.problems] == ["F009"]
    assert second.where["dan_so"].line == 4 and second.where["dan_so"].column == 4
    assert isinstance(third, StationRecord) and [d.code for d in third.problems] == ["F003"] and third.row == 5


def test_json_array_syntax_error_keeps_earlier_items(tmp_path: Path) -> None:
    path = tmp_path / "tram.json"
    path.write_text('[{"ma_xa": "01"},\n {"ma_xa": }]', encoding="utf-8")
    first, second = read(path)
    assert isinstance(first, StationRecord) and isinstance(second, FileProblem)
    assert [d.code for d in second.diagnostics] == ["F002"] and second.diagnostics[0].span.line == 2  # type: ignore[union-attr]


def test_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "tram.jsonl"
    path.write_text('\ufeff{"ma_xa": "01", "dan_so": 10, "ty_le_trang_thiet_bi": 86.5}\n\n{"ma_xa": "02", "dan_so": }\n[1]\n', encoding="utf-8")
    first, second, third = read(path)
    assert isinstance(first, StationRecord) and first.facts["ty_le_trang_thiet_bi"] == 86.5 and first.row == 1
    assert isinstance(second, StationRecord) and [d.code for d in second.problems] == ["F002"] and second.row == 3
    assert isinstance(third, StationRecord) and [d.code for d in third.problems] == ["F003"]


def test_yaml_list(tmp_path: Path) -> None:
    path = tmp_path / "tram.yaml"
    path.write_text("# hai trạm\n- ma_xa: '01'\n  dan_so: 10\n  co_dien: yes\n- ma_xa: '02'\n  dan_so: 3\n  dan_so: 4\n", encoding="utf-8")
    first, second = read(path)
    assert isinstance(first, StationRecord) and first.facts == {"ma_xa": "01", "dan_so": 10, "co_dien": "yes"}  # YAML 1.2: a word, read as a bool by the validator
    assert first.where["co_dien"].line == 4 and first.where["co_dien"].column == 3
    assert isinstance(second, StationRecord) and [d.code for d in second.problems] == ["F009"]
    assert second.problems[0].span is not None and second.problems[0].span.line == 7


def test_single_station_files_read_as_before(tmp_path: Path) -> None:
    found = read(ROOT / "examples" / "xa-dat-chuan.yaml")
    (record,) = found
    assert isinstance(record, StationRecord)
    import ytxa_rules

    facts, where = ytxa_rules.read_facts(ROOT / "examples" / "xa-dat-chuan.yaml")
    assert record.facts == facts and dict(record.where) == where


def test_folder(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("ma_xa,dan_so\n01,10\n02,20\n", encoding="utf-8")
    write_xlsx(tmp_path / "b.xlsx", ["ma_xa", "dan_so"], [["03", 30]])
    (tmp_path / "c.jsonl").write_text('{"ma_xa": "04", "dan_so": 40}\n', encoding="utf-8")
    (tmp_path / "notes.txt").write_text("ghi chú", encoding="utf-8")
    (tmp_path / "~$b.xlsx").write_bytes(b"lock")
    (tmp_path / ".hidden.csv").write_text("x", encoding="utf-8")
    found = read(tmp_path)
    assert [f["ma_xa"] for f in facts_of(found)] == ["01", "02", "03", "04"]
    assert problems(found) == ["W622"]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert problems(read(empty)) == ["F058"]


def test_unknown_suffix_and_missing_file(tmp_path: Path) -> None:
    (tmp_path / "x.ods").write_bytes(b"")
    assert problems(read(tmp_path / "x.ods", tmp_path / "nowhere.csv", tmp_path / "x.parquet")) == ["F057", "F001", "F056"]


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"PK\x03\x04rest", "xlsx"),
        (b'[{"a": 1}]', "json"),
        (b'{"a": 1}', "json"),
        (b'{"a": 1}\n{"a": 2}\n', "jsonl"),
        (b"# comment\nma_xa: '01'\ndan_so: 3\n", "yaml"),
        (b"- ma_xa: '01'\n", "yaml"),
        (b"ma_xa,dan_so\n01,3\n", "csv"),
        (b"ma_xa;Dan so: so nguoi\n01;3\n", "csv"),
    ],
)
def test_stdin_format_is_told_from_content(data: bytes, kind: str) -> None:
    assert sniff(data) == kind


def test_stdin(tmp_path: Path) -> None:
    csv_text = "ma_xa,dan_so\n01,10\n02,20\n"
    code, out, err = run("batch", "-", "--format", "json", stdin=csv_text.encode())
    assert code == 0 and json.loads(out)["counts"]["scored"] == 2
    code, out, err = run("batch", "-", "--input-format", "jsonl", "--format", "json", stdin=b'{"ma_xa": "01"}\n')
    assert code == 0 and json.loads(out)["counts"]["scored"] == 1
    sample = (ROOT / "examples" / "xa-dat-chuan.yaml").read_bytes()
    code, out, _ = run("eval", "-", "--lang", "en", stdin=sample)
    assert code == 0 and "Result: PASSED — 87/100 points" in out


def test_limits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "tram.csv"
    path.write_text("ma_xa,dan_so\n" + "".join(f"{i:05},{i}\n" for i in range(1, 6)), encoding="utf-8")
    monkeypatch.setattr(limits, "BATCH_ROWS", 3)
    assert problems(read(path)) == ["F052"]
    monkeypatch.setattr(limits, "BATCH_FILE_BYTES", 10)
    assert problems(read(path)) == ["F050"]
    monkeypatch.undo()
    monkeypatch.setattr(limits, "CELL_CHARS", 3)
    found = read(path)
    assert set(problems(found)) == {"F054"}


def test_zip_bomb_is_refused_before_unpacking(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_xlsx(tmp_path / "big.xlsx", ["ma_xa", "ten_xa"], [["01", "x" * 2000]] * 200)
    monkeypatch.setattr(limits, "XLSX_EXPANDED_BYTES", 100_000)
    assert problems(read(path)) == ["F051"]


def test_sources_module_reads_no_file_twice_for_spreadsheets() -> None:
    assert sources.format_of(Path("x.XLSX")) == "xlsx" and sources.format_of(Path("x.tsv")) == "csv"
