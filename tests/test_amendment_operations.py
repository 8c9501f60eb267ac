"""Each amendment operation, applied to the national spec, changes exactly what it names."""

from __future__ import annotations

import datetime
from fractions import Fraction

import pytest

import ytxa_rules
from ytxa_rules import ast
from ytxa_rules.compose import compose
from ytxa_rules.syntax.parser import parse_text
from ytxa_rules.syntax.unparse import expr_text

HEADER = """amendment "7/QĐ-BYT"
  title "Thử"
  amends "1300/QĐ-BYT"
  issued 2025-01-01
  effective 2025-01-01
  reason "thử nghiệm"

"""


@pytest.fixture(scope="module")
def base() -> ast.Document:
    spec = ytxa_rules.load()
    return spec.document


def apply(base: ast.Document, operations: str) -> ast.Document:
    amendment = parse_text(HEADER + operations, "7.ytxa")
    assert isinstance(amendment, ast.Amendment)
    return compose(base, [amendment])


def indicator(doc: ast.Document, number: str) -> ast.Indicator:
    return next(i for i in doc.indicators() if i.number == number)


def bands(doc: ast.Document, number: str) -> list[str]:
    rule = indicator(doc, number).rule
    assert isinstance(rule, ast.Bands)
    return [f"{b.points.text} when {expr_text(b.condition) if b.condition else 'otherwise'}" for b in rule.bands]


def test_change_threshold_operator_points(base: ast.Document) -> None:
    doc = apply(base, "change indicator 4 band 1 threshold to 97%\nchange indicator 4 band 3 operator to >\nchange indicator 4 band 2 points to 1.5\n")
    assert bands(doc, "4") == ["3 when ty_le_bhyt >= 97%", "1.5 when ty_le_bhyt >= 90%", "1 when ty_le_bhyt > 85%"]
    assert [a.id for a in indicator(doc, "4").amended_by] == ["7/QĐ-BYT"] * 3


def test_change_in_a_branch_case_and_a_sum_part(base: ast.Document) -> None:
    doc = apply(base, "change indicator 30 case 2 band 1 threshold to 85%\nchange indicator 31 part 2 band 1 threshold to 25%\n")
    rule30 = indicator(doc, "30").rule
    assert isinstance(rule30, ast.Branch)
    assert expr_text(rule30.cases[1].bands.bands[0].condition) == "ty_le_danh_muc_dvkt >= 85%"  # type: ignore[arg-type]
    assert expr_text(rule30.cases[0].bands.bands[0].condition) == "ty_le_danh_muc_dvkt >= 90%"  # type: ignore[arg-type]
    rule31 = indicator(doc, "31").rule
    assert isinstance(rule31, ast.Sum)
    assert "25%" in expr_text(rule31.parts[1].rule.bands[0].condition)  # type: ignore[union-attr, arg-type]


def test_change_comparison_by_index(base: ast.Document) -> None:
    doc = apply(base, "change indicator 1 band 1 comparison 1 threshold to 4\n")
    assert bands(doc, "1")[0] == "2 when ban_chi_dao_kien_toan and so_cuoc_hop_ban_chi_dao >= 4"


def test_change_indicator_properties(base: ast.Document) -> None:
    doc = apply(
        base,
        'change indicator 9 title to "Có cán bộ y học cổ truyền"\n'
        "change indicator 9 status to confirmed\n"
        'change indicator 9 cite to "1300/QĐ-BYT, Phụ lục, chỉ tiêu 9"\n'
        "change indicator 9 knockout to yes\n"
        "change indicator 9 not_applicable to loai_don_vi = phuong\n",
    )
    changed = indicator(doc, "9")
    assert (changed.title, changed.status, changed.cite, changed.knockout) == (
        "Có cán bộ y học cổ truyền", "confirmed", "1300/QĐ-BYT, Phụ lục, chỉ tiêu 9", True,
    )
    assert changed.not_applicable is not None and expr_text(changed.not_applicable) == "loai_don_vi = phuong"


def test_maxima_move_together(base: ast.Document) -> None:
    doc = apply(base, "change indicator 47 max to 2\nchange criterion 10 max to 5\nchange document total to 101\n")
    assert indicator(doc, "47").max.value == 2
    assert next(c for c in doc.criteria if c.number == 10).max.value == 5
    assert doc.total is not None and doc.total.value == 101


def test_table_value_and_rule_replacement(base: ast.Document) -> None:
    doc = apply(
        base,
        "change table nguong_thap_coi entry tay_nguyen to 25%\n"
        "change table muc_tieu_nuoc_sach entry 3 to unknown\n"
        "change value ty_le_bhyt = rate(so_nguoi_tham_gia_bhyt, dan_so)\n".replace(" = ", " to ")
        + "replace indicator 3 rule\n  points 2 when kinh_phi_xa_ho_tro and cssk_trong_nghi_quyet\n         1 when kinh_phi_xa_ho_tro\n",
    )
    table = next(t for t in doc.tables if t.name == "nguong_thap_coi")
    entry = next(e for e in table.entries if e.key == "tay_nguyen")
    assert entry.value is not None and entry.value.value == 25 and entry.amended_by
    water = next(t for t in doc.tables if t.name == "muc_tieu_nuoc_sach")
    assert next(e for e in water.entries if e.key == "3").value is None
    assert bands(doc, "3") == ["2 when kinh_phi_xa_ho_tro and cssk_trong_nghi_quyet", "1 when kinh_phi_xa_ho_tro"]


def test_add_and_remove_indicators_and_declarations(base: ast.Document) -> None:
    doc = apply(
        base,
        'add fact co_website_tram: bool "Trạm có trang thông tin điện tử"\n'
        "remove indicator 47\n"
        "add to criterion 10\n"
        '  indicator 48 "Trạm có trang thông tin điện tử" max 1 provisional\n'
        '    cite "7/QĐ-BYT, Điều 1"\n'
        "    points 1 when co_website_tram\n",
    )
    assert "47" not in [i.number for i in doc.indicators()]
    assert indicator(doc, "48").amended_by[0].id == "7/QĐ-BYT"
    assert any(f.name == "co_website_tram" for f in doc.facts)
    from ytxa_rules.check import check_document

    assert not [d for d in check_document(doc) if d.is_error]


def test_replace_recognition(base: ast.Document) -> None:
    doc = apply(
        base,
        'replace recognition "Đạt chuẩn"\n  cite "7/QĐ-BYT"\n  require total >= 85% of max\n  require no knockout failed\n',
    )
    assert doc.recognition is not None
    assert [r.kind for r in doc.recognition.requirements] == ["total", "no_knockout"]
    assert doc.recognition.requirements[0].amount is not None and doc.recognition.requirements[0].amount.share == Fraction(85)


@pytest.mark.parametrize(
    ("operation", "code"),
    [
        ("change indicator 99 band 1 points to 1\n", "E500"),
        ("change indicator 4 band 9 points to 1\n", "E501"),
        ("change indicator 3 band 1 operator to <\n", "E502"),  # the band has no comparison
        ("change indicator 30 band 1 points to 1\n", "E502"),  # a branch needs `case`
        ("change indicator 30 case 4 band 1 points to 1\n", "E501"),
        ("change indicator 4 band 1 points to \"ba\"\n", "E506"),
        ("change table nguong_thap_coi entry mars to 1%\n", "E501"),
        ("change criterion 11 max to 3\n", "E509"),
        ("remove indicator 99\n", "E500"),
        ('add to criterion 10\n  indicator 47 "x" max 1 provisional\n    cite "x"\n    points 1 when co_dien\n', "E508"),
        ('add fact dan_so: count "x"\n', "E511"),
    ],
)
def test_operation_targeting_nothing_is_an_error(base: ast.Document, operation: str, code: str) -> None:
    with pytest.raises(ytxa_rules.SpecError) as info:
        apply(base, operation)
    assert [d.code for d in info.value.diagnostics] == [code]
    span = info.value.diagnostics[0].span
    assert span is not None and span.file == "7.ytxa" and span.line >= 8


def test_amended_spec_scores_with_the_new_rule(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import shutil

    from ytxa_rules.resources import builtin_specs_dir

    folder = tmp_path / "specs"
    shutil.copytree(builtin_specs_dir(), folder)
    (folder / "7.ytxa").write_text(HEADER + "change indicator 42 band 1 threshold to 75%\n", encoding="utf-8")
    spec = ytxa_rules.load(folder)
    from pathlib import Path

    facts, _ = ytxa_rules.read_facts(Path(__file__).resolve().parent.parent / "examples" / "xa-dat-chuan.yaml")
    assert spec.evaluate(facts, datetime.date(2024, 12, 31)).indicator(42).points == 1
    assert spec.evaluate(facts, datetime.date(2025, 1, 1)).indicator(42).points == 0


def test_change_reaches_a_comparison_inside_a_function_call(base: ast.Document) -> None:
    replaced = apply(base, "replace indicator 15 rule\n  points 2 when count(so_phong_chuc_nang > 1, co_dien) >= 2\n")
    doc = compose(
        replaced,
        [parse_text(HEADER.replace("7/QĐ-BYT", "8/QĐ-BYT").replace("2025-01-01", "2025-02-01") + "change indicator 15 band 1 comparison 1 threshold to 5\n", "8.ytxa")],  # type: ignore[list-item]
    )
    assert bands(doc, "15") == ["2 when count(so_phong_chuc_nang > 5, co_dien) >= 2"]
