"""A plain hand-written scorer of the national catalog: the yardstick of `bench.py`.

Written straight from the spec text (criteria_specs/1300-QD-BYT.ytxa, corrected by
1453-QD-BYT.ytxa from 2023-03-20), the way a programmer would hand-code it: straight-line
Python, rates as exact `Fraction`s, percents compared as given, no validation, no trace.
It assumes complete, valid facts (what `tests/reference/stations.random_stations` makes).
`tests/benchmarks/test_plain_scorer.py` checks it agrees with the engine, so the
comparison is between two programs that compute the same thing.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any

CORRECTED_1453 = datetime.date(2023, 3, 20)  # indicator 35: "≥" as issued, "≤" from here
MAX = (2, 2, 2, 3, 3, 2, 3, 2, 1, 2, 2, 2, 3, 3, 2, 2, 3, 2, 2, 2, 3, 3, 2, 2, 1, 2, 2, 2, 2,
       4, 3, 2, 3, 2, 2, 2, 2, 2, 2, 2, 2, 1, 2, 1, 1, 2, 1)  # indicators 1..47
CRITERIA = ((1, 6), (7, 11), (12, 16), (17, 20), (21, 29), (30, 33), (34, 36), (37, 42), (43, 44), (45, 47))
KNOCKOUTS = (7, 22)
AREA = {"1": 500, "2": 400, "3": 300}
LATRINE = {"1": 90, "2": 80, "3": 70}
WATER = {"1": 95, "2": 90, "3": 80}
STUNTING = {
    "trung_du_mien_nui_phia_bac": Decimal(24),
    "dong_bang_song_hong": Decimal("16.5"),
    "bac_trung_bo": Decimal(25),
    "duyen_hai_nam_trung_bo": Decimal(22),
    "tay_nguyen": Decimal("26.5"),
    "dong_nam_bo": Decimal("14.5"),
    "dong_bang_song_cuu_long": Decimal(19),
}


def _rate(numerator: int, denominator: int) -> Fraction:
    return Fraction(numerator * 100, denominator)


def _bands(value: Any, bands: tuple[tuple[int, int], ...]) -> int:
    for threshold, points in bands:
        if value >= threshold:
            return points
    return 0


def indicator_points(f: dict[str, Any], as_of: datetime.date) -> list[int | None]:
    """Points of indicators 1..47 (index 0..46); None where the indicator does not apply."""
    p: list[int | None] = [0] * 47
    vung = str(f["vung"])
    dan_so = f["dan_so"]
    # criterion 1
    p[0] = (2 if f["so_cuoc_hop_ban_chi_dao"] >= 2 else 1) if f["ban_chi_dao_kien_toan"] else 0
    p[1] = (2 if f["doan_the_tham_gia"] else 1) if f["cssk_trong_nghi_quyet"] else 0
    p[2] = 2 if f["kinh_phi_xa_ho_tro"] else 0
    p[3] = _bands(_rate(f["so_nguoi_tham_gia_bhyt"], dan_so), ((95, 3), (90, 2), (85, 1)))
    p[4] = _bands(_rate(f["so_nguoi_duoc_quan_ly_suc_khoe"], dan_so), ((90, 3), (80, 2), (70, 1)))
    p[5] = 2 if f["co_ke_hoach_chuong_trinh_y_te"] else 0
    # criterion 2
    doctors = f["so_bac_si_co_huu"]
    if vung == "1":
        p[6] = 3 if doctors >= 2 else 2 if doctors == 1 else 1 if f["co_bac_si_luan_phien"] else 0
    else:
        p[6] = 3 if doctors >= 1 else 1 if f["co_bac_si_luan_phien"] else 0
    p[7] = 2 if f["co_ho_sinh_hoac_y_si_san_nhi"] else 0
    p[8] = 1 if f["co_nhan_luc_yhct"] else 0
    p[9] = _bands(_rate(f["so_nhan_luc_hien_co"], f["so_nhan_luc_dinh_muc"]), ((100, 2), (80, 1)))
    if f["loai_don_vi"] == "phuong" or f["so_thon_to_dan_pho"] == 0:
        p[10] = None
    else:
        p[10] = _bands(_rate(f["so_thon_co_nhan_vien_y_te"], f["so_thon_to_dan_pho"]), ((100, 2), (80, 1)))
    # criterion 3
    area, required = f["dien_tich_dat_m2"], AREA[vung]
    p[11] = 2 if area >= required else 1 if area >= Fraction(3, 5) * required else 0
    building = f["cap_cong_trinh"]
    if building in ("cap_1", "cap_2", "cap_3"):
        p[12] = 2 if f["nha_tram_xuong_cap"] else 3
    else:
        p[12] = 1 if building == "cap_4" else 0
    p[13] = _bands(f["so_phong_chuc_nang"], ((10, 3), (8, 2), (6, 1)))
    utilities = bool(f["co_dien"]) + bool(f["co_nuoc_sach"]) + bool(f["co_nha_ve_sinh"])
    p[14] = 2 if utilities == 3 else 1 if utilities == 2 else 0
    p[15] = 2 if f["xu_ly_chat_thai_dung_quy_dinh"] else 0
    # criterion 4
    p[16] = _bands(f["ty_le_trang_thiet_bi"], ((90, 3), (80, 2), (70, 1)))
    p[17] = _bands(f["ty_le_thuoc_thiet_yeu"], ((90, 2), (70, 1)))
    p[18] = 2 if f["co_day_chuyen_lanh"] else 0
    p[19] = 2 if f["co_phuong_tien_cap_cuu"] else 0
    # criterion 5
    if f["so_tre_duoi_1_tuoi"] == 0:
        p[20] = None
    else:
        p[20] = _bands(_rate(f["so_tre_tiem_chung_day_du"], f["so_tre_duoi_1_tuoi"]), ((95, 3), (90, 2), (85, 1)))
    p[21] = 0 if f["co_dich_lon_khong_kiem_soat"] else 3 if f["bao_cao_dich_dung_han"] else 1
    if f["so_nguoi_tha_phat_hien"] == 0:
        p[22] = None
    else:
        p[22] = _bands(_rate(f["so_nguoi_tha_duoc_quan_ly"], f["so_nguoi_tha_phat_hien"]), ((80, 2), (60, 1)))
    if f["so_nguoi_dtd_phat_hien"] == 0:
        p[23] = None
    else:
        p[23] = _bands(_rate(f["so_nguoi_dtd_duoc_quan_ly"], f["so_nguoi_dtd_phat_hien"]), ((80, 2), (60, 1)))
    if f["so_benh_nhan_tam_than"] == 0:
        p[24] = None
    else:
        p[24] = 1 if _rate(f["so_benh_nhan_tam_than_duoc_quan_ly"], f["so_benh_nhan_tam_than"]) >= 90 else 0
    p[25] = 2 if f["trien_khai_phong_chong_hiv"] else 0
    households = f["so_ho_gia_dinh"]
    latrines, target = _rate(f["so_ho_co_nha_tieu_hvs"], households), LATRINE[vung]
    p[26] = 2 if latrines >= target else 1 if latrines >= target - 10 else 0
    water, target = _rate(f["so_ho_dung_nuoc_sach"], households), WATER[vung]
    p[27] = 2 if water >= target else 1 if water >= target - 10 else 0
    p[28] = 2 if f["so_vu_ngo_doc_tap_the"] == 0 else 0
    # criterion 6
    services = f["ty_le_danh_muc_dvkt"]
    if vung == "1":
        p[29] = _bands(services, ((90, 4), (80, 3), (70, 2), (60, 1)))
    else:
        p[29] = _bands(services, ((80, 4), (70, 3), (60, 2), (50, 1)))
    p[30] = (2 if f["co_hop_dong_kcb_bhyt"] else 0) + (1 if f["ty_le_luot_kcb_bhyt_tai_tram"] >= 20 else 0)
    if f["so_nguoi_khuyet_tat"] == 0:
        p[31] = None
    else:
        p[31] = _bands(_rate(f["so_nguoi_khuyet_tat_duoc_phcn"], f["so_nguoi_khuyet_tat"]), ((50, 2), (30, 1)))
    p[32] = _bands(f["ty_le_kcb_yhct"], ((30, 3), (20, 2), (10, 1)))
    # criterion 7
    births = f["so_phu_nu_de"]
    if births == 0:
        p[33] = p[35] = None
    else:
        visits = _rate(f["so_phu_nu_de_kham_thai_du_4_lan"], births)
        p[33] = _bands(visits, ((80, 2), (70, 1)) if vung == "3" else ((90, 2), (80, 1)))
        p[35] = _bands(_rate(f["so_ba_me_duoc_cham_soc_sau_sinh"], births), ((90, 2), (80, 1)))
    stunting, threshold = f["ty_le_tre_duoi_5_thap_coi"], STUNTING[f["vung_kinh_te"]]
    held = stunting <= threshold if as_of >= CORRECTED_1453 else stunting >= threshold
    p[34] = 2 if held else 0
    # criterion 8
    girls = f["so_tre_sinh_gai"]
    if girls == 0:
        p[36] = None
    else:
        ratio = Fraction(f["so_tre_sinh_trai"], girls) * 100
        p[36] = 2 if ratio <= 109 else 1 if ratio <= 112 else 0
    pairs = (
        (37, "so_duoc_sang_loc_truoc_sinh", "so_phu_nu_mang_thai", ((70, 2), (50, 1))),
        (38, "so_tre_duoc_sang_loc_so_sinh", "so_tre_so_sinh", ((90, 2), (70, 1))),
        (39, "so_cap_kham_truoc_ket_hon", "so_cap_ket_hon", ((90, 2), (70, 1))),
        (40, "so_nguoi_cao_tuoi_kham_dinh_ky", "so_nguoi_cao_tuoi", ((90, 2), (70, 1))),
    )
    for index, numerator, denominator, bands in pairs:
        p[index] = None if f[denominator] == 0 else _bands(_rate(f[numerator], f[denominator]), bands)
    p[41] = 1 if f["ty_le_su_dung_bptt_hien_dai"] >= 70 else 0
    # criteria 9 and 10
    p[42] = _bands(f["so_lan_phat_thanh_y_te"], ((24, 2), (12, 1)))
    p[43] = 1 if f["co_goc_truyen_thong"] else 0
    p[44] = 1 if f["co_phan_mem_quan_ly_tram"] else 0
    p[45] = _bands(_rate(f["so_nguoi_co_hssk_dien_tu"], dan_so), ((90, 2), (70, 1)))
    p[46] = 1 if f["trien_khai_kcb_tu_xa"] else 0
    return p


def score(f: dict[str, Any], as_of: datetime.date) -> dict[str, Any]:
    """Total, applicable maximum, per-criterion points and maxima, and the verdict."""
    p = indicator_points(f, as_of)
    criteria = []
    for first, last in CRITERIA:
        points = maximum = 0
        for i in range(first - 1, last):
            if p[i] is not None:
                points += p[i]  # type: ignore[operator]
                maximum += MAX[i]
        criteria.append((points, maximum))
    total = sum(c[0] for c in criteria)
    total_max = sum(c[1] for c in criteria)
    passed = (
        total * 100 >= 80 * total_max
        and all(points * 100 >= 50 * maximum for points, maximum in criteria)
        and all(p[i - 1] != 0 for i in KNOCKOUTS)
    )
    return {"total": total, "max": total_max, "passed": passed, "criteria": criteria, "indicators": p}
