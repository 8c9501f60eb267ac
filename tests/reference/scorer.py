"""Independent reference scorer of the 1300/QĐ-BYT catalog (with the 1453 erratum).

Hand-written from /work/shared/domain/catalog-1300.md and criteria-1300.md, with no
dependency on ytxa_rules: it is the ground truth the engine is tested against and the
speed baseline of the benchmark. Every rule is a plain `if`; arithmetic is exact (int and
Fraction, never float).

Rates: rate(a, b) = a * 100 / b. Since b > 0, "rate >= t" is tested as the exact integer
comparison a * 100 >= t * b, which is the same as Fraction(a * 100, b) >= t without the
cost of building a Fraction. A rate whose denominator is 0 makes its indicator N/A.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

# Indicator maxima (catalog §B); they sum to 100.
MAX_POINTS: dict[int, int] = {
    1: 2, 2: 2, 3: 2, 4: 3, 5: 3, 6: 2,
    7: 3, 8: 2, 9: 1, 10: 2, 11: 2,
    12: 2, 13: 3, 14: 3, 15: 2, 16: 2,
    17: 3, 18: 2, 19: 2, 20: 2,
    21: 3, 22: 3, 23: 2, 24: 2, 25: 1, 26: 2, 27: 2, 28: 2, 29: 2,
    30: 4, 31: 3, 32: 2, 33: 3,
    34: 2, 35: 2, 36: 2,
    37: 2, 38: 2, 39: 2, 40: 2, 41: 2, 42: 1,
    43: 2, 44: 1,
    45: 1, 46: 2, 47: 1,
}

# Criterion -> its indicators (criteria-1300.md §2).
CRITERIA: dict[int, range] = {
    1: range(1, 7), 2: range(7, 12), 3: range(12, 17), 4: range(17, 21),
    5: range(21, 30), 6: range(30, 34), 7: range(34, 37), 8: range(37, 43),
    9: range(43, 45), 10: range(45, 48),
}

KNOCKOUT_INDICATORS = (7, 22)

# Indicator 35: stunting thresholds by socio-economic region (criteria-1300.md §5).
STUNTING_THRESHOLDS: dict[str, Fraction] = {
    "trung_du_mien_nui_phia_bac": Fraction(24),
    "dong_bang_song_hong": Fraction(33, 2),      # 16.5
    "bac_trung_bo": Fraction(25),
    "duyen_hai_nam_trung_bo": Fraction(22),
    "tay_nguyen": Fraction(53, 2),               # 26.5
    "dong_nam_bo": Fraction(29, 2),              # 14.5
    "dong_bang_song_cuu_long": Fraction(19),
}

# 1453/QĐ-BYT takes effect on this date: indicator 35 flips from ">=" to "<=".
ERRATUM_1453_DATE = datetime.date(2023, 3, 20)

REQUIRED_AREA_M2 = {1: 500, 2: 400, 3: 300}          # indicator 12
LATRINE_TARGET = {1: 90, 2: 80, 3: 70}               # indicator 27
CLEAN_WATER_TARGET = {1: 95, 2: 90, 3: 80}           # indicator 28
GOOD_BUILDING = ("cap_1", "cap_2", "cap_3")          # indicator 13

Band = Sequence[tuple[int, int]]


def _rate_band(num: int, den: int, bands: Band) -> int | None:
    """Points of the first band whose threshold the rate reaches; None (N/A) when den == 0."""
    if den == 0:
        return None
    n100 = num * 100
    for threshold, points in bands:
        if n100 >= threshold * den:
            return points
    return 0


def _pct_band(value: Any, bands: Band) -> int:
    """Points of the first band a percent fact reaches; exact via Fraction."""
    v = Fraction(value)
    for threshold, points in bands:
        if v >= threshold:
            return points
    return 0


def _indicator_points(f: Mapping[str, Any], as_of: datetime.date) -> dict[int, int | None]:
    """Points of each indicator, None for N/A, straight from catalog §B."""
    vung = int(f["vung"])  # may arrive as "1"/"2"/"3"
    p: dict[int, int | None] = {}

    # Tiêu chí 1
    if f["ban_chi_dao_kien_toan"] and f["so_cuoc_hop_ban_chi_dao"] >= 2:
        p[1] = 2
    elif f["ban_chi_dao_kien_toan"]:
        p[1] = 1
    else:
        p[1] = 0
    if f["cssk_trong_nghi_quyet"] and f["doan_the_tham_gia"]:
        p[2] = 2
    elif f["cssk_trong_nghi_quyet"]:
        p[2] = 1
    else:
        p[2] = 0
    p[3] = 2 if f["kinh_phi_xa_ho_tro"] else 0
    dan_so = f["dan_so"]
    p[4] = _rate_band(f["so_nguoi_tham_gia_bhyt"], dan_so, ((95, 3), (90, 2), (85, 1)))
    p[5] = _rate_band(f["so_nguoi_duoc_quan_ly_suc_khoe"], dan_so, ((90, 3), (80, 2), (70, 1)))
    p[6] = 2 if f["co_ke_hoach_chuong_trinh_y_te"] else 0

    # Tiêu chí 2
    doctors = f["so_bac_si_co_huu"]
    points7 = 0
    if vung == 1:
        if doctors >= 2:
            points7 = 3
        elif doctors == 1:
            points7 = 2
    elif doctors >= 1:
        points7 = 3
    if points7 == 0 and f["co_bac_si_luan_phien"]:
        points7 = 1
    p[7] = points7
    p[8] = 2 if f["co_ho_sinh_hoac_y_si_san_nhi"] else 0
    p[9] = 1 if f["co_nhan_luc_yhct"] else 0
    p[10] = _rate_band(f["so_nhan_luc_hien_co"], f["so_nhan_luc_dinh_muc"], ((100, 2), (80, 1)))
    if f["loai_don_vi"] == "phuong" or f["so_thon_to_dan_pho"] == 0:
        p[11] = None
    else:
        p[11] = _rate_band(f["so_thon_co_nhan_vien_y_te"], f["so_thon_to_dan_pho"], ((100, 2), (80, 1)))

    # Tiêu chí 3
    required = REQUIRED_AREA_M2[vung]
    area = Fraction(f["dien_tich_dat_m2"])
    if area >= required:
        p[12] = 2
    elif area >= Fraction(6, 10) * required:
        p[12] = 1
    else:
        p[12] = 0
    cap = f["cap_cong_trinh"]
    if cap in GOOD_BUILDING and not f["nha_tram_xuong_cap"]:
        p[13] = 3
    elif cap in GOOD_BUILDING:
        p[13] = 2
    elif cap == "cap_4":
        p[13] = 1
    else:
        p[13] = 0
    rooms = f["so_phong_chuc_nang"]
    p[14] = 3 if rooms >= 10 else 2 if rooms >= 8 else 1 if rooms >= 6 else 0
    utilities = (1 if f["co_dien"] else 0) + (1 if f["co_nuoc_sach"] else 0) + (1 if f["co_nha_ve_sinh"] else 0)
    p[15] = 2 if utilities == 3 else 1 if utilities == 2 else 0
    p[16] = 2 if f["xu_ly_chat_thai_dung_quy_dinh"] else 0

    # Tiêu chí 4
    p[17] = _pct_band(f["ty_le_trang_thiet_bi"], ((90, 3), (80, 2), (70, 1)))
    p[18] = _pct_band(f["ty_le_thuoc_thiet_yeu"], ((90, 2), (70, 1)))
    p[19] = 2 if f["co_day_chuyen_lanh"] else 0
    p[20] = 2 if f["co_phuong_tien_cap_cuu"] else 0

    # Tiêu chí 5
    p[21] = _rate_band(f["so_tre_tiem_chung_day_du"], f["so_tre_duoi_1_tuoi"], ((95, 3), (90, 2), (85, 1)))
    if not f["co_dich_lon_khong_kiem_soat"] and f["bao_cao_dich_dung_han"]:
        p[22] = 3
    elif not f["co_dich_lon_khong_kiem_soat"]:
        p[22] = 1
    else:
        p[22] = 0
    p[23] = _rate_band(f["so_nguoi_tha_duoc_quan_ly"], f["so_nguoi_tha_phat_hien"], ((80, 2), (60, 1)))
    p[24] = _rate_band(f["so_nguoi_dtd_duoc_quan_ly"], f["so_nguoi_dtd_phat_hien"], ((80, 2), (60, 1)))
    p[25] = _rate_band(f["so_benh_nhan_tam_than_duoc_quan_ly"], f["so_benh_nhan_tam_than"], ((90, 1),))
    p[26] = 2 if f["trien_khai_phong_chong_hiv"] else 0
    ho = f["so_ho_gia_dinh"]
    t27 = LATRINE_TARGET[vung]
    p[27] = _rate_band(f["so_ho_co_nha_tieu_hvs"], ho, ((t27, 2), (t27 - 10, 1)))
    t28 = CLEAN_WATER_TARGET[vung]
    p[28] = _rate_band(f["so_ho_dung_nuoc_sach"], ho, ((t28, 2), (t28 - 10, 1)))
    p[29] = 2 if f["so_vu_ngo_doc_tap_the"] == 0 else 0

    # Tiêu chí 6
    if vung == 1:
        p[30] = _pct_band(f["ty_le_danh_muc_dvkt"], ((90, 4), (80, 3), (70, 2), (60, 1)))
    else:
        p[30] = _pct_band(f["ty_le_danh_muc_dvkt"], ((80, 4), (70, 3), (60, 2), (50, 1)))
    p[31] = (2 if f["co_hop_dong_kcb_bhyt"] else 0) + _pct_band(f["ty_le_luot_kcb_bhyt_tai_tram"], ((20, 1),))
    p[32] = _rate_band(f["so_nguoi_khuyet_tat_duoc_phcn"], f["so_nguoi_khuyet_tat"], ((50, 2), (30, 1)))
    p[33] = _pct_band(f["ty_le_kcb_yhct"], ((30, 3), (20, 2), (10, 1)))

    # Tiêu chí 7
    de = f["so_phu_nu_de"]
    bands34 = ((80, 2), (70, 1)) if vung == 3 else ((90, 2), (80, 1))
    p[34] = _rate_band(f["so_phu_nu_de_kham_thai_du_4_lan"], de, bands34)
    if isinstance(as_of, datetime.datetime):
        as_of = as_of.date()
    stunting = Fraction(f["ty_le_tre_duoi_5_thap_coi"])
    threshold = STUNTING_THRESHOLDS[f["vung_kinh_te"]]
    if as_of < ERRATUM_1453_DATE:
        p[35] = 2 if stunting >= threshold else 0   # as issued in 1300
    else:
        p[35] = 2 if stunting <= threshold else 0   # corrected by 1453
    p[36] = _rate_band(f["so_ba_me_duoc_cham_soc_sau_sinh"], de, ((90, 2), (80, 1)))

    # Tiêu chí 8
    girls = f["so_tre_sinh_gai"]
    if girls == 0:
        p[37] = None
    else:
        boys100 = f["so_tre_sinh_trai"] * 100
        p[37] = 2 if boys100 <= 109 * girls else 1 if boys100 <= 112 * girls else 0
    p[38] = _rate_band(f["so_duoc_sang_loc_truoc_sinh"], f["so_phu_nu_mang_thai"], ((70, 2), (50, 1)))
    p[39] = _rate_band(f["so_tre_duoc_sang_loc_so_sinh"], f["so_tre_so_sinh"], ((90, 2), (70, 1)))
    p[40] = _rate_band(f["so_cap_kham_truoc_ket_hon"], f["so_cap_ket_hon"], ((90, 2), (70, 1)))
    p[41] = _rate_band(f["so_nguoi_cao_tuoi_kham_dinh_ky"], f["so_nguoi_cao_tuoi"], ((90, 2), (70, 1)))
    p[42] = _pct_band(f["ty_le_su_dung_bptt_hien_dai"], ((70, 1),))

    # Tiêu chí 9
    broadcasts = f["so_lan_phat_thanh_y_te"]
    p[43] = 2 if broadcasts >= 24 else 1 if broadcasts >= 12 else 0
    p[44] = 1 if f["co_goc_truyen_thong"] else 0

    # Tiêu chí 10
    p[45] = 1 if f["co_phan_mem_quan_ly_tram"] else 0
    p[46] = _rate_band(f["so_nguoi_co_hssk_dien_tu"], dan_so, ((90, 2), (70, 1)))
    p[47] = 1 if f["trien_khai_kcb_tu_xa"] else 0
    return p


def score(facts: Mapping[str, Any], as_of: datetime.date) -> dict[str, Any]:
    """Score one station and decide recognition (criteria-1300.md §4, §6)."""
    pts = _indicator_points(facts, as_of)

    indicators: dict[int, dict] = {}
    for i in range(1, 48):
        v = pts[i]
        if v is None:
            indicators[i] = {"points": 0, "max": MAX_POINTS[i], "status": "not_applicable"}
        else:
            indicators[i] = {"points": v, "max": MAX_POINTS[i], "status": "scored"}

    criteria: dict[int, dict] = {}
    total = 0
    total_max = 0
    reasons: list[str] = []
    for c, members in CRITERIA.items():
        c_points = 0
        c_max = 0
        for i in members:
            v = pts[i]
            if v is not None:
                c_points += v
                c_max += MAX_POINTS[i]
        criteria[c] = {"points": c_points, "max": c_max}
        total += c_points
        total_max += c_max

    passed = True
    if total * 100 < 80 * total_max:
        passed = False
        reasons.append(f"total {total} < 80% of applicable max {total_max}")
    for c, row in criteria.items():
        if row["points"] * 100 < 50 * row["max"]:
            passed = False
            reasons.append(f"criterion {c}: {row['points']} < 50% of applicable max {row['max']}")
    for i in KNOCKOUT_INDICATORS:
        if pts[i] == 0:  # None (N/A) is not a knock-out
            passed = False
            reasons.append(f"knock-out: indicator {i} scored 0")

    return {
        "total": total,
        "max": total_max,
        "passed": passed,
        "criteria": criteria,
        "indicators": indicators,
        "reasons": reasons,
    }
