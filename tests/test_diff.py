"""`ytxa diff`: a semantic diff between two dates or two specs, attributed to amendments."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

from ytxa_rules.cli import main
from ytxa_rules.resources import builtin_specs_dir


def run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(args), out=out, err=io.StringIO())
    return code, out.getvalue()


def test_the_erratum_between_two_dates() -> None:
    code, out = run("diff", "2023-03-19", "2023-03-20")
    assert code == 0
    assert "chỉ tiêu 35 mức 1: so sánh ≥ → ≤ (1453/QĐ-BYT)" in out
    code, out = run("diff", "2023-03-19", "2023-03-20", "--format", "json", "--lang", "en")
    changes = json.loads(out)["changes"]
    assert changes == [{"where": "indicator 35 band 1", "what": "operator", "before": ">=", "after": "<=", "by": ["1453/QĐ-BYT"]}]


def test_no_change_between_dates_in_the_same_period() -> None:
    assert run("diff", "2024-01-01", "2025-01-01", "--lang", "en")[1] == "No differences.\n"


def test_two_spec_folders(tmp_path: Path) -> None:
    edited = tmp_path / "specs"
    shutil.copytree(builtin_specs_dir(), edited)
    path = edited / "1300-QD-BYT.ytxa"
    text = path.read_text(encoding="utf-8")
    text = text.replace("3 when ty_le_bhyt >= 95%", "3 when ty_le_bhyt >= 97%")
    text = text.replace("  dong_nam_bo: 14.5% provisional", "  dong_nam_bo: 15% confirmed")
    text = text.replace("criterion 9 \"Truyền thông - Giáo dục sức khỏe\" max 3", "criterion 9 \"Truyền thông - Giáo dục sức khỏe\" max 3")
    path.write_text(text, encoding="utf-8")
    code, out = run("diff", str(builtin_specs_dir()), str(edited), "--as-of", "2024-12-31", "--format", "json")
    assert code == 0
    found = {(c["where"], c["what"], c["before"], c["after"]) for c in json.loads(out)["changes"]}
    assert found == {
        ("indicator 4 band 1", "threshold", "95%", "97%"),
        ("table nguong_thap_coi entry dong_nam_bo", "entry", "14.5% (provisional)", "15% (confirmed)"),
    }
