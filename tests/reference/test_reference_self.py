"""Self-tests of the reference scorer and station generator, on hand-built stations.

The reference is the ground truth for the engine, so its own edges (>= vs >, N/A, the
1453 date switch, knock-outs) are pinned here by hand from the catalog text.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest

from .scorer import CRITERIA, MAX_POINTS, score
from .stations import random_station, random_stations

AFTER = datetime.date(2024, 6, 1)
BEFORE = datetime.date(2023, 3, 19)   # still 1300 as issued
SWITCH = datetime.date(2023, 3, 20)   # 1453 in force

REGION_THRESHOLD = {
    "trung_du_mien_nui_phia_bac": Decimal("24"), "dong_bang_song_hong": Decimal("16.5"),
    "bac_trung_bo": Decimal("25"), "duyen_hai_nam_trung_bo": Decimal("22"),
    "tay_nguyen": Decimal("26.5"), "dong_nam_bo": Decimal("14.5"),
    "dong_bang_song_cuu_long": Decimal("19"),
}

IDENTITY = ("ma_xa", "ten_xa", "tinh", "huyen")
BOOLS = (
    "ban_chi_dao_kien_toan", "cssk_trong_nghi_quyet", "doan_the_tham_gia", "kinh_phi_xa_ho_tro",
    "co_ke_hoach_chuong_trinh_y_te", "co_bac_si_luan_phien", "co_ho_sinh_hoac_y_si_san_nhi",
    "co_nhan_luc_yhct", "nha_tram_xuong_cap", "co_dien", "co_nuoc_sach", "co_nha_ve_sinh",
    "xu_ly_chat_thai_dung_quy_dinh", "co_day_chuyen_lanh", "co_phuong_tien_cap_cuu",
    "co_dich_lon_khong_kiem_soat", "bao_cao_dich_dung_han", "trien_khai_phong_chong_hiv",
    "co_hop_dong_kcb_bhyt", "co_goc_truyen_thong", "co_phan_mem_quan_ly_tram",
    "trien_khai_kcb_tu_xa",
)
PERCENTS = (
    "ty_le_trang_thiet_bi", "ty_le_thuoc_thiet_yeu", "ty_le_danh_muc_dvkt",
    "ty_le_luot_kcb_bhyt_tai_tram", "ty_le_kcb_yhct", "ty_le_tre_duoi_5_thap_coi",
    "ty_le_su_dung_bptt_hien_dai",
)
# numerator -> denominator (catalog §A "count ≤ ...").
BOUNDED = {
    "so_nguoi_tham_gia_bhyt": "dan_so", "so_nguoi_duoc_quan_ly_suc_khoe": "dan_so",
    "so_thon_co_nhan_vien_y_te": "so_thon_to_dan_pho",
    "so_tre_tiem_chung_day_du": "so_tre_duoi_1_tuoi",
    "so_nguoi_tha_duoc_quan_ly": "so_nguoi_tha_phat_hien",
    "so_nguoi_dtd_duoc_quan_ly": "so_nguoi_dtd_phat_hien",
    "so_benh_nhan_tam_than_duoc_quan_ly": "so_benh_nhan_tam_than",
    "so_ho_co_nha_tieu_hvs": "so_ho_gia_dinh", "so_ho_dung_nuoc_sach": "so_ho_gia_dinh",
    "so_nguoi_khuyet_tat_duoc_phcn": "so_nguoi_khuyet_tat",
    "so_phu_nu_de_kham_thai_du_4_lan": "so_phu_nu_de",
    "so_ba_me_duoc_cham_soc_sau_sinh": "so_phu_nu_de",
    "so_duoc_sang_loc_truoc_sinh": "so_phu_nu_mang_thai",
    "so_tre_duoc_sang_loc_so_sinh": "so_tre_so_sinh",
    "so_cap_kham_truoc_ket_hon": "so_cap_ket_hon",
    "so_nguoi_cao_tuoi_kham_dinh_ky": "so_nguoi_cao_tuoi",
    "so_nguoi_co_hssk_dien_tu": "dan_so",
}
FREE_COUNTS = (
    "so_cuoc_hop_ban_chi_dao", "so_bac_si_co_huu", "so_nhan_luc_hien_co", "so_phong_chuc_nang",
    "so_vu_ngo_doc_tap_the", "so_tre_sinh_trai", "so_tre_sinh_gai", "so_lan_phat_thanh_y_te",
)
AT_LEAST_ONE = ("dan_so", "so_nhan_luc_dinh_muc", "so_ho_gia_dinh")
COUNTS = tuple(BOUNDED) + tuple(set(BOUNDED.values())) + FREE_COUNTS + ("so_nhan_luc_dinh_muc",)
ALL_FACTS = (set(IDENTITY) | set(BOOLS) | set(PERCENTS) | set(COUNTS) | {
    "loai_don_vi", "vung", "vung_kinh_te", "nam_danh_gia", "dien_tich_dat_m2", "cap_cong_trinh"})


def full_marks() -> dict[str, Any]:
    """A vùng-1 xã that earns every point of every indicator (after 1453)."""
    f: dict[str, Any] = {
        "ma_xa": "13711", "ten_xa": "Xã Mẫu", "tinh": "Nam Định", "huyen": "Hải Hậu",
        "loai_don_vi": "xa", "vung": 1, "vung_kinh_te": "dong_bang_song_hong",
        "nam_danh_gia": 2024, "dan_so": 10000,
    }
    f.update({b: True for b in BOOLS})
    f.update(nha_tram_xuong_cap=False, co_dich_lon_khong_kiem_soat=False)
    f.update({p: Decimal("100") for p in PERCENTS})
    f["ty_le_tre_duoi_5_thap_coi"] = Decimal("5")
    f.update(so_cuoc_hop_ban_chi_dao=4, so_bac_si_co_huu=2, so_nhan_luc_hien_co=6,
             so_nhan_luc_dinh_muc=6, so_thon_to_dan_pho=12, so_phong_chuc_nang=10,
             so_vu_ngo_doc_tap_the=0, so_tre_sinh_trai=100, so_tre_sinh_gai=100,
             so_lan_phat_thanh_y_te=24, so_ho_gia_dinh=2500,
             dien_tich_dat_m2=Decimal("500"), cap_cong_trinh="cap_2")
    for num, den in BOUNDED.items():
        f.setdefault(den, 50)
        f[num] = f[den]
    return f


def points(f: dict[str, Any], i: int, as_of: datetime.date = AFTER) -> int:
    return score(f, as_of)["indicators"][i]["points"]


def test_catalog_tables_add_up() -> None:
    assert sum(MAX_POINTS.values()) == 100 and len(MAX_POINTS) == 47
    maxima = {1: 14, 2: 10, 3: 12, 4: 9, 5: 19, 6: 12, 7: 6, 8: 11, 9: 3, 10: 4}
    assert {c: sum(MAX_POINTS[i] for i in r) for c, r in CRITERIA.items()} == maxima


def test_full_marks_station_totals_100_and_passes() -> None:
    f = full_marks()
    assert set(f) == ALL_FACTS
    r = score(f, AFTER)
    assert (r["total"], r["max"], r["passed"], r["reasons"]) == (100, 100, True, [])
    assert all(v["status"] == "scored" and v["points"] == v["max"] for v in r["indicators"].values())


def test_knockout_indicator_7_fails_even_with_high_total() -> None:
    f = full_marks()
    f.update(so_bac_si_co_huu=0, co_bac_si_luan_phien=False)
    r = score(f, AFTER)
    assert r["indicators"][7]["points"] == 0 and r["total"] == 97
    assert r["criteria"][2] == {"points": 7, "max": 10}
    assert not r["passed"] and len(r["reasons"]) == 1 and "knock-out" in r["reasons"][0]
    f["co_bac_si_luan_phien"] = True
    assert score(f, AFTER)["passed"]


def test_knockout_indicator_22() -> None:
    f = full_marks()
    f["co_dich_lon_khong_kiem_soat"] = True
    r = score(f, AFTER)
    assert r["total"] == 97 and not r["passed"] and "22" in r["reasons"][0]


@pytest.mark.parametrize("vung,doctors,rotating,expected", [
    (1, 2, False, 3), (1, 1, True, 2), (1, 0, True, 1), (1, 0, False, 0),
    (2, 1, False, 3), (3, 1, False, 3), (2, 0, True, 1), (3, 0, False, 0), ("2", 1, False, 3),
])
def test_indicator_7_by_vung(vung: Any, doctors: int, rotating: bool, expected: int) -> None:
    f = full_marks()
    f.update(vung=vung, so_bac_si_co_huu=doctors, co_bac_si_luan_phien=rotating)
    assert points(f, 7) == expected


def test_phuong_has_indicator_11_not_applicable() -> None:
    f = full_marks()
    f["loai_don_vi"] = "phuong"
    r = score(f, AFTER)
    assert r["indicators"][11] == {"points": 0, "max": 2, "status": "not_applicable"}
    assert (r["total"], r["max"], r["passed"]) == (98, 98, True)
    assert r["criteria"][2] == {"points": 8, "max": 8}
    f.update(loai_don_vi="thi_tran", so_thon_to_dan_pho=0, so_thon_co_nhan_vien_y_te=0)
    assert score(f, AFTER)["indicators"][11]["status"] == "not_applicable"


def test_bhyt_8999_of_10000_gives_one_point_less_than_90_percent() -> None:
    f = full_marks()
    f["so_nguoi_tham_gia_bhyt"] = 9000
    at = score(f, AFTER)
    f["so_nguoi_tham_gia_bhyt"] = 8999   # 89.99 %
    below = score(f, AFTER)
    assert at["indicators"][4]["points"] == 2 and below["indicators"][4]["points"] == 1
    assert at["total"] - below["total"] == 1


@pytest.mark.parametrize("value", [Decimal("90"), Decimal("90.00"), Fraction(90), 90])
def test_percent_at_threshold_reaches_band_in_any_type(value: Any) -> None:
    f = full_marks()
    f["ty_le_trang_thiet_bi"] = value
    assert points(f, 17) == 3
    f["ty_le_trang_thiet_bi"] = Fraction(value) - Fraction(1, 100)
    assert points(f, 17) == 2
    f["ty_le_trang_thiet_bi"] = Fraction(89999, 1000)   # 89.999 is below 90
    assert points(f, 17) == 2


@pytest.mark.parametrize("region", sorted(REGION_THRESHOLD))
def test_stunting_at_threshold_scores_2_both_ways(region: str) -> None:
    f = full_marks()
    t = REGION_THRESHOLD[region]
    f.update(vung_kinh_te=region, ty_le_tre_duoi_5_thap_coi=t)
    assert points(f, 35, BEFORE) == 2 and points(f, 35, SWITCH) == 2   # ">=" and "<=" both hold
    f["ty_le_tre_duoi_5_thap_coi"] = Fraction(t)
    assert points(f, 35, SWITCH) == 2
    f["ty_le_tre_duoi_5_thap_coi"] = t - Decimal("0.01")
    assert points(f, 35, BEFORE) == 0 and points(f, 35, SWITCH) == 2
    f["ty_le_tre_duoi_5_thap_coi"] = t + Decimal("0.01")
    assert points(f, 35, BEFORE) == 2 and points(f, 35, SWITCH) == 0
    assert points(f, 35, datetime.datetime(2023, 3, 20, 0, 0)) == 0


def test_area_ratio_and_bhyt_sum_edges() -> None:
    f = full_marks()
    for vung, required in ((1, 500), (2, 400), (3, 300)):
        f["vung"] = vung
        for area, expected in ((required, 2), (Decimal(required) - Decimal("0.01"), 1),
                               (Fraction(6, 10) * required, 1), (required * 6 // 10 - Fraction(1, 100), 0)):
            f["dien_tich_dat_m2"] = area
            assert points(f, 12) == expected, (vung, area)
    f.update(so_tre_sinh_gai=100, so_tre_sinh_trai=109)
    assert points(f, 37) == 2
    f["so_tre_sinh_trai"] = 112
    assert points(f, 37) == 1
    f.update(so_tre_sinh_gai=10000, so_tre_sinh_trai=11201)
    assert points(f, 37) == 0
    f.update(so_tre_sinh_gai=0, so_tre_sinh_trai=5)
    assert score(f, AFTER)["indicators"][37]["status"] == "not_applicable"
    f.update(co_hop_dong_kcb_bhyt=False, ty_le_luot_kcb_bhyt_tai_tram=Decimal("20"))
    assert points(f, 31) == 1
    f["ty_le_luot_kcb_bhyt_tai_tram"] = Decimal("19.99")
    assert points(f, 31) == 0
    f["co_hop_dong_kcb_bhyt"] = True
    assert points(f, 31) == 2


def test_zero_denominators_are_not_applicable_and_leave_the_maximum() -> None:
    f = full_marks()
    dens = ("so_tre_duoi_1_tuoi", "so_nguoi_tha_phat_hien", "so_nguoi_dtd_phat_hien",
            "so_benh_nhan_tam_than", "so_nguoi_khuyet_tat", "so_phu_nu_de", "so_tre_sinh_gai",
            "so_phu_nu_mang_thai", "so_tre_so_sinh", "so_cap_ket_hon", "so_nguoi_cao_tuoi")
    for name in dens:
        f[name] = 0
    for num, den in BOUNDED.items():
        if den in dens:
            f[num] = 0
    r = score(f, AFTER)
    na = {i for i, v in r["indicators"].items() if v["status"] == "not_applicable"}
    assert na == {21, 23, 24, 25, 32, 34, 36, 37, 38, 39, 40, 41}
    assert r["max"] == r["total"] == 100 - 3 - 2 - 2 - 1 - 2 - 2 - 2 - 2 * 5
    assert r["criteria"][7] == {"points": 2, "max": 2} and r["passed"]


def test_criterion_below_half_fails_and_empty_criterion_meets_it() -> None:
    f = full_marks()
    f.update(so_lan_phat_thanh_y_te=0, co_goc_truyen_thong=False)   # criterion 9: 0/3
    r = score(f, AFTER)
    assert r["total"] == 97 and not r["passed"] and r["reasons"] == [r["reasons"][0]]
    assert "criterion 9" in r["reasons"][0]
    f.update(so_lan_phat_thanh_y_te=12, co_goc_truyen_thong=False)  # 1/3 < 50 %
    assert not score(f, AFTER)["passed"]
    f.update(so_lan_phat_thanh_y_te=12, co_goc_truyen_thong=True)   # 2/3
    assert score(f, AFTER)["passed"]


def validate(f: dict[str, Any]) -> None:
    """Assert every bound of catalog §A."""
    assert set(f) == ALL_FACTS
    assert all(isinstance(f[k], str) and f[k] for k in IDENTITY)
    assert f["loai_don_vi"] in ("xa", "phuong", "thi_tran")
    assert f["vung"] in (1, 2, 3) and type(f["vung"]) is int
    assert f["vung_kinh_te"] in REGION_THRESHOLD
    assert 2023 <= f["nam_danh_gia"] <= 2026
    assert f["cap_cong_trinh"] in ("cap_1", "cap_2", "cap_3", "cap_4", "nha_tam")
    for k in BOOLS:
        assert type(f[k]) is bool, k
    for k in COUNTS:
        assert type(f[k]) is int and f[k] >= 0, k
    for k in AT_LEAST_ONE:
        assert f[k] >= 1, k
    for num, den in BOUNDED.items():
        assert f[num] <= f[den], (num, f[num], den, f[den])
    for k in PERCENTS:
        v = f[k]
        assert isinstance(v, Decimal) and 0 <= v <= 100, (k, v)
        assert v == v.quantize(Decimal("0.01")), (k, v)
    area = f["dien_tich_dat_m2"]
    assert isinstance(area, Decimal) and area >= 0 and area == area.quantize(Decimal("0.01"))


def test_generator_yields_valid_stations_for_2000_seeds() -> None:
    for seed in range(2000):
        f = random_station(random.Random(seed))
        validate(f)
        r = score(f, AFTER)
        assert 0 <= r["total"] <= r["max"] <= 100


def test_generator_hits_edges_and_both_verdicts() -> None:
    stations = random_stations(2000, seed=7)
    assert stations == random_stations(2000, seed=7)
    results = [score(f, AFTER) for f in stations]
    assert 0.1 < sum(r["passed"] for r in results) / len(results) < 0.9
    assert any(r["total"] * 100 == 80 * r["max"] for r in results)
    bhyt = [f["so_nguoi_tham_gia_bhyt"] * 100 - 95 * f["dan_so"] for f in stations]
    assert bhyt.count(0) > 20
    assert sum(f["ty_le_trang_thiet_bi"] in (90, Decimal("89.99")) for f in stations) > 50
    assert sum(f["so_tre_sinh_trai"] * 100 == 109 * f["so_tre_sinh_gai"] > 0 for f in stations) > 20
    assert sum(f["ty_le_tre_duoi_5_thap_coi"] == REGION_THRESHOLD[f["vung_kinh_te"]]
               for f in stations) > 200
    assert sum(f["dien_tich_dat_m2"] * 10 == {1: 500, 2: 400, 3: 300}[f["vung"]] * 6
               for f in stations) > 50
    for i in (11, 21, 23, 32, 34, 37, 38, 41):
        assert any(r["indicators"][i]["status"] == "not_applicable" for r in results), i
