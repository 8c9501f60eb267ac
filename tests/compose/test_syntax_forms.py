"""Every amendment form parses, formats canonically and parses back to the same tree."""

from __future__ import annotations

from ytxa_rules import ast
from ytxa_rules.syntax.formatter import format_text
from ytxa_rules.syntax.parser import parse_text

AMENDMENT = '''amendment "9/2025/QĐ-UBND"
  title "Thử mọi dạng"
  amends "1300/QĐ-BYT"
  issued 2025-06-20
  effective 2025-07-01
  reason "thử"
  applies to tinh "Quảng Nam"

add values dac_khu, 4 to fact loai_don_vi

remove values thi_tran from fact loai_don_vi

replace fact vung: one of 1, 2 "Vùng"

replace value ty_le_bhyt = rate(so_nguoi_tham_gia_bhyt, dan_so) "Tỷ lệ"

replace table dien_tich_yeu_cau by loai_don_vi "Diện tích (m²)"
  xa: 500 confirmed
  phuong: unknown

remove fact huyen

remove value ty_le_hssk_dien_tu

remove table nguong_thap_coi

add to table muc_tieu_nha_tieu
  4: 60% confirmed

remove table muc_tieu_nuoc_sach entry 3

change table nguong_thap_coi entry tay_nguyen to 25% confirmed

change fact huyen description to "Khu vực"

change fact huyen optional to no
'''

DOCUMENT = '''document "2000/QĐ-BYT"
  title "Mới"
  effective 2027-01-01
  total 1
  replaces "1300/QĐ-BYT" from 2027-01-01
  carries "1453/QĐ-BYT", "99/QĐ-BYT"
  drops "100/QĐ-BYT"
  expires 2031-01-01
'''


def test_every_amendment_form_round_trips() -> None:
    tree = parse_text(AMENDMENT, "a.ytxa")
    assert isinstance(tree, ast.Amendment) and len(tree.operations) == 13
    assert tree.scope == (("tinh", "Quảng Nam"),)
    assert format_text(AMENDMENT, "a.ytxa") == AMENDMENT
    assert parse_text(format_text(AMENDMENT, "a.ytxa"), "b.ytxa") == tree


def test_supersession_fields_round_trip() -> None:
    tree = parse_text(DOCUMENT, "d.ytxa")
    assert isinstance(tree, ast.Document)
    assert tree.replaces is not None and tree.replaces.document == "1300/QĐ-BYT"
    assert tree.carries == ("1453/QĐ-BYT", "99/QĐ-BYT") and tree.drops == ("100/QĐ-BYT",)
    assert parse_text(format_text(DOCUMENT, "d.ytxa"), "e.ytxa") == tree
