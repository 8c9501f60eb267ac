"""Every kind of bad facts input: a clear, located message and exit code 2, never a traceback."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from ytxa_rules.cli import main

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = (ROOT / "examples" / "xa-dat-chuan.yaml").read_text(encoding="utf-8")


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def yaml_with(tmp_path: Path, old: str, new: str) -> Path:
    assert old in SAMPLE
    path = tmp_path / "station.yaml"
    path.write_text(SAMPLE.replace(old, new, 1), encoding="utf-8")
    return path


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.startswith(text))


@pytest.mark.parametrize(
    ("old", "new", "code", "fact"),
    [
        ("so_phong_chuc_nang: 9", "so_phong_chuc_nang: chín", "F005", "so_phong_chuc_nang"),
        ("co_dien: yes", "co_dien: 1", "F005", "co_dien"),
        ("so_phong_chuc_nang: 9", "so_phong_chuc_nang: -2", "F005", "so_phong_chuc_nang"),
        ("so_phong_chuc_nang: 9", "so_phong_chuc_nang: 9.5", "F005", "so_phong_chuc_nang"),
        ("ty_le_trang_thiet_bi: 86.5", "ty_le_trang_thiet_bi: 120", "F011", "ty_le_trang_thiet_bi"),
        ("dan_so: 8240", "dan_so: 0", "F006", "dan_so"),
        ("so_nguoi_tham_gia_bhyt: 7845", "so_nguoi_tham_gia_bhyt: 9000", "F007", "so_nguoi_tham_gia_bhyt"),
        ("so_tre_tiem_chung_day_du: 93", "so_tre_tiem_chung_day_du: 97", "F007", "so_tre_tiem_chung_day_du"),
        ("loai_don_vi: xa", "loai_don_vi: phuongg", "F008", "loai_don_vi"),
        ("vung: 1", "vung: 4", "F008", "vung"),
        ("co_dien: yes", "co_dienn: yes", "F004", "co_dienn"),
        ("ma_xa: \"13669\"", "ma_xa: 13669", "F005", "ma_xa"),
        ("nam_danh_gia: 2024", "nam_danh_gia: 20244", "F012", "nam_danh_gia"),
    ],
)
def test_bad_fact_is_located_and_exits_2(tmp_path: Path, old: str, new: str, code: str, fact: str) -> None:
    path = yaml_with(tmp_path, old, new)
    for lang in ("vi", "en"):
        status, out, err = run("eval", str(path), "--lang", lang)
        assert status == 2
        assert out == ""
        assert f"{path}:{line_of(path, new.split(':')[0])}:1:" in err
        assert f"[{code}]" in err and f"`{fact}`" in err
        assert "Traceback" not in err


def test_all_problems_are_listed_at_once(tmp_path: Path) -> None:
    path = yaml_with(tmp_path, "co_dien: yes", "co_dien: maybe\nso_phong: 3")
    path.write_text(path.read_text(encoding="utf-8").replace("vung: 1", "vung: 9"), encoding="utf-8")
    status, _, err = run("eval", str(path), "--lang", "en")
    assert status == 2
    assert "[F005]" in err and "[F004]" in err and "[F008]" in err
    assert "did you mean `so_phong_chuc_nang`?" in err


@pytest.mark.parametrize(
    ("name", "content", "where"),
    [
        ("broken.yaml", "dan_so: 12\nvung: [1, 2\n", ":3:1:"),
        ("broken.json", '{"dan_so": 12,\n "vung": }', ":2:10:"),
        ("list.yaml", "- dan_so: 12\n", ":1:1:"),
        ("list.json", "[1, 2]", ":1:1:"),
        ("duplicate.yaml", "dan_so: 12\ndan_so: 13\n", ":2:1:"),
        ("duplicate.json", '{"dan_so": 12,\n "dan_so": 13}', ":1:2:"),
    ],
)
def test_malformed_files(tmp_path: Path, name: str, content: str, where: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    status, _, err = run("eval", str(path))
    assert status == 2
    assert str(path) + where in err
    assert "Traceback" not in err


def test_missing_file(tmp_path: Path) -> None:
    status, _, err = run("eval", str(tmp_path / "nowhere.yaml"))
    assert status == 2 and "[F001]" in err


def test_missing_facts_give_missing_data_and_strict_refuses(tmp_path: Path) -> None:
    path = yaml_with(tmp_path, "so_phu_nu_de: 88\n", "")
    status, out, _ = run("eval", str(path), "--format", "json")
    assert status == 0
    result = json.loads(out)
    assert result["missing"] == ["so_phu_nu_de"]
    statuses = {i["number"]: i["status"] for i in result["indicators"]}
    assert statuses["34"] == statuses["36"] == "missing_data"
    status, _, err = run("eval", str(path), "--strict")
    assert status == 2 and "[F010]" in err and "so_phu_nu_de" in err


def test_json_facts_are_exact(tmp_path: Path) -> None:
    import yaml

    facts = yaml.safe_load(SAMPLE)
    facts["ty_le_trang_thiet_bi"] = 89.999  # written as 89.999 in the file, read as Decimal
    path = tmp_path / "station.json"
    path.write_text(json.dumps(facts, ensure_ascii=False), encoding="utf-8")
    status, out, _ = run("eval", str(path), "--format", "json")
    assert status == 0
    indicator = next(i for i in json.loads(out)["indicators"] if i["number"] == "17")
    assert indicator["points"] == 2  # 89.999 % is below 90 %


def test_bad_as_of_date(tmp_path: Path) -> None:
    status, _, err = run("eval", str(ROOT / "examples" / "xa-dat-chuan.yaml"), "--as-of", "2024-02-30")
    assert status == 2 and "[U005]" in err
    status, _, err = run("eval", str(ROOT / "examples" / "xa-dat-chuan.yaml"), "--as-of", "2020-01-01")
    assert status == 2 and "[U002]" in err
