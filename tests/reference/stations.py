"""Random, valid station facts for differential tests and benchmarks of the 1300 catalog.

Uniform random values almost never land on a threshold, so an engine that says ">" where
the catalog says ">=" would pass them. Here about half of all rates and percents are put
EXACTLY on a band threshold or one step either side of it (one count, or 0.01 for a
percent), and nullable denominators are often 0 so that N/A paths run too. Every value
respects the bounds of catalog §A (numerators <= denominators, percents 0..100 with at
most two decimals, enums from their lists).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

REGIONS: tuple[str, ...] = (
    "trung_du_mien_nui_phia_bac",
    "dong_bang_song_hong",
    "bac_trung_bo",
    "duyen_hai_nam_trung_bo",
    "tay_nguyen",
    "dong_nam_bo",
    "dong_bang_song_cuu_long",
)
# Indicator 35 thresholds (criteria-1300.md §5), kept here on purpose instead of being
# imported from the scorer so the generator stays independent of it.
STUNTING_THRESHOLD: dict[str, Decimal] = {
    "trung_du_mien_nui_phia_bac": Decimal("24"),
    "dong_bang_song_hong": Decimal("16.5"),
    "bac_trung_bo": Decimal("25"),
    "duyen_hai_nam_trung_bo": Decimal("22"),
    "tay_nguyen": Decimal("26.5"),
    "dong_nam_bo": Decimal("14.5"),
    "dong_bang_song_cuu_long": Decimal("19"),
}
LOAI_DON_VI = ("xa", "phuong", "thi_tran")
CAP_CONG_TRINH = ("cap_1", "cap_2", "cap_3", "cap_4", "nha_tam")
PROVINCES = ("Nam Định", "Quảng Nam", "Hải Phòng", "Đồng Nai", "Lào Cai", "Đắk Nông", "Cà Mau")

# Denominators that make thresholds land exactly (multiples of 20; 10000 gives 0.01 steps).
ROUND_DENS = (20, 40, 60, 100, 200, 500, 1000, 10000)
STEP = Decimal("0.01")
ZERO = Decimal(0)
HUNDRED = Decimal(100)


def _bool(rng: random.Random, p_true: float) -> bool:
    return rng.random() < p_true


def _den(rng: random.Random, hi: int, allow_zero: bool, lo: int = 1) -> int:
    """A denominator: sometimes 0 (if allowed), often round, else uniform in lo..hi."""
    r = rng.random()
    if allow_zero and r < 0.12:
        return 0
    if r < 0.5:
        return rng.choice(ROUND_DENS)
    return rng.randint(lo, hi)


def _num(rng: random.Random, den: int, thresholds: Sequence[int], quality: float,
         cap_factor: int = 1) -> int:
    """A numerator for `den`: on a threshold / one below / one above, or random."""
    if den == 0:
        return 0
    cap = den * cap_factor
    if rng.random() < 0.5:
        t = thresholds[0] if rng.random() < quality else rng.choice(thresholds)
        smallest_reaching = -(-t * den // 100)  # ceil(t * den / 100): least num with rate >= t
        num = smallest_reaching + rng.choice((0, 0, -1, 1))
    elif rng.random() < quality:
        num = rng.randint(den * 9 // 10, cap)
    else:
        num = rng.randint(0, cap)
    return min(max(num, 0), cap)


def _pct(rng: random.Random, thresholds: Sequence[Decimal | int], quality: float) -> Decimal:
    """A percent 0..100 with <= 2 decimals: on a threshold, 0.01 either side, or random."""
    if rng.random() < 0.5:
        t = thresholds[0] if rng.random() < quality else rng.choice(thresholds)
        v = Decimal(t) + rng.choice((ZERO, ZERO, -STEP, STEP))
        return min(max(v, ZERO), HUNDRED)
    if rng.random() < quality:
        return Decimal(rng.randint(9000, 10000)) / 100
    return Decimal(rng.randint(0, 10000)) / 100


def _count(rng: random.Random, edges: Sequence[int], hi: int) -> int:
    """A plain count: an edge value half of the time, else uniform 0..hi."""
    if rng.random() < 0.5:
        return rng.choice(edges)
    return rng.randint(0, hi)


def random_station(rng: random.Random) -> dict[str, Any]:
    """One complete, valid facts dict with exact catalog §A names."""
    # How good the station is overall: skewed high so that many stations pass, many fail,
    # and a good share of totals sit right at 80 % of the maximum.
    quality = rng.random() ** 0.4
    p_true = 0.6 + 0.4 * quality
    vung = rng.randint(1, 3)
    region = rng.choice(REGIONS)
    loai = rng.choice(LOAI_DON_VI)
    f: dict[str, Any] = {
        "ma_xa": f"{rng.randint(1, 32999):05d}",
        "ten_xa": f"Xã thử {rng.randint(1, 9999)}",
        "tinh": rng.choice(PROVINCES),
        "huyen": f"Huyện {rng.randint(1, 99)}",
        "loai_don_vi": loai,
        "vung": vung,
        "vung_kinh_te": region,
        "nam_danh_gia": rng.randint(2023, 2026),
    }

    # Tiêu chí 1
    if rng.random() < 0.5:
        dan_so = rng.choice((1, 7, 1000, 5000, 10000, 20000))
    else:
        dan_so = rng.randint(1, 30000)
    f["dan_so"] = dan_so
    f["ban_chi_dao_kien_toan"] = _bool(rng, p_true)
    f["so_cuoc_hop_ban_chi_dao"] = _count(rng, (0, 1, 2, 3), 12)
    f["cssk_trong_nghi_quyet"] = _bool(rng, p_true)
    f["doan_the_tham_gia"] = _bool(rng, p_true)
    f["kinh_phi_xa_ho_tro"] = _bool(rng, p_true)
    f["so_nguoi_tham_gia_bhyt"] = _num(rng, dan_so, (95, 90, 85), quality)
    f["so_nguoi_duoc_quan_ly_suc_khoe"] = _num(rng, dan_so, (90, 80, 70), quality)
    f["co_ke_hoach_chuong_trinh_y_te"] = _bool(rng, p_true)

    # Tiêu chí 2
    if rng.random() < 0.3 + 0.7 * quality:
        f["so_bac_si_co_huu"] = rng.choice((0, 1, 1, 2, 2, 3))
    else:
        f["so_bac_si_co_huu"] = rng.choice((0, 0, 1))
    f["co_bac_si_luan_phien"] = _bool(rng, 0.5)
    f["co_ho_sinh_hoac_y_si_san_nhi"] = _bool(rng, p_true)
    f["co_nhan_luc_yhct"] = _bool(rng, p_true)
    dinh_muc = rng.choice((5, 10, 20)) if rng.random() < 0.5 else rng.randint(1, 15)
    f["so_nhan_luc_dinh_muc"] = dinh_muc
    f["so_nhan_luc_hien_co"] = _num(rng, dinh_muc, (100, 80), quality, cap_factor=2)  # may exceed
    so_thon = _den(rng, 40, allow_zero=True)
    f["so_thon_to_dan_pho"] = so_thon
    f["so_thon_co_nhan_vien_y_te"] = _num(rng, so_thon, (100, 80), quality)

    # Tiêu chí 3
    required = {1: 500, 2: 400, 3: 300}[vung]
    if rng.random() < 0.5:
        base = Decimal(rng.choice((required, required * 6 // 10)))  # 0.6 * required is whole
        area = max(base + rng.choice((ZERO, ZERO, -STEP, STEP)), ZERO)
    elif rng.random() < quality:
        area = Decimal(rng.randint(required * 60, 100000)) / 100
    else:
        area = Decimal(rng.randint(0, 80000)) / 100
    f["dien_tich_dat_m2"] = area
    f["cap_cong_trinh"] = rng.choice(CAP_CONG_TRINH[:3]) if rng.random() < p_true else rng.choice(CAP_CONG_TRINH)
    f["nha_tram_xuong_cap"] = _bool(rng, 0.25)
    f["so_phong_chuc_nang"] = _count(rng, (5, 6, 7, 8, 9, 10, 11), 14)
    f["co_dien"] = _bool(rng, 0.5 + p_true / 2)
    f["co_nuoc_sach"] = _bool(rng, p_true)
    f["co_nha_ve_sinh"] = _bool(rng, p_true)
    f["xu_ly_chat_thai_dung_quy_dinh"] = _bool(rng, p_true)

    # Tiêu chí 4
    f["ty_le_trang_thiet_bi"] = _pct(rng, (90, 80, 70), quality)
    f["ty_le_thuoc_thiet_yeu"] = _pct(rng, (90, 70), quality)
    f["co_day_chuyen_lanh"] = _bool(rng, p_true)
    f["co_phuong_tien_cap_cuu"] = _bool(rng, p_true)

    # Tiêu chí 5
    tre1 = _den(rng, 600, allow_zero=True)
    f["so_tre_duoi_1_tuoi"] = tre1
    f["so_tre_tiem_chung_day_du"] = _num(rng, tre1, (95, 90, 85), quality)
    f["co_dich_lon_khong_kiem_soat"] = _bool(rng, 0.1 * (1 - quality) + 0.01)
    f["bao_cao_dich_dung_han"] = _bool(rng, p_true)
    for den_name, num_name, thresholds in (
        ("so_nguoi_tha_phat_hien", "so_nguoi_tha_duoc_quan_ly", (80, 60)),
        ("so_nguoi_dtd_phat_hien", "so_nguoi_dtd_duoc_quan_ly", (80, 60)),
        ("so_benh_nhan_tam_than", "so_benh_nhan_tam_than_duoc_quan_ly", (90,)),
    ):
        den = _den(rng, 2000, allow_zero=True)
        f[den_name] = den
        f[num_name] = _num(rng, den, thresholds, quality)
    f["trien_khai_phong_chong_hiv"] = _bool(rng, p_true)
    ho = _den(rng, 8000, allow_zero=False)
    f["so_ho_gia_dinh"] = ho
    t27 = {1: 90, 2: 80, 3: 70}[vung]
    t28 = {1: 95, 2: 90, 3: 80}[vung]
    f["so_ho_co_nha_tieu_hvs"] = _num(rng, ho, (t27, t27 - 10), quality)
    f["so_ho_dung_nuoc_sach"] = _num(rng, ho, (t28, t28 - 10), quality)
    f["so_vu_ngo_doc_tap_the"] = 0 if rng.random() < 0.85 else rng.randint(1, 3)

    # Tiêu chí 6
    dvkt = (90, 80, 70, 60) if vung == 1 else (80, 70, 60, 50)
    f["ty_le_danh_muc_dvkt"] = _pct(rng, dvkt, quality)
    f["co_hop_dong_kcb_bhyt"] = _bool(rng, p_true)
    f["ty_le_luot_kcb_bhyt_tai_tram"] = _pct(rng, (20,), 0.3)
    kt = _den(rng, 500, allow_zero=True)
    f["so_nguoi_khuyet_tat"] = kt
    f["so_nguoi_khuyet_tat_duoc_phcn"] = _num(rng, kt, (50, 30), quality)
    f["ty_le_kcb_yhct"] = _pct(rng, (30, 20, 10), 0.3)

    # Tiêu chí 7
    de = _den(rng, 400, allow_zero=True)
    f["so_phu_nu_de"] = de
    f["so_phu_nu_de_kham_thai_du_4_lan"] = _num(rng, de, (80, 70) if vung == 3 else (90, 80), quality)
    threshold = STUNTING_THRESHOLD[region]
    if rng.random() < 0.6:
        stunting = threshold + rng.choice((ZERO, ZERO, -STEP, STEP))
    else:
        stunting = Decimal(rng.randint(0, 4000)) / 100
    f["ty_le_tre_duoi_5_thap_coi"] = stunting
    f["so_ba_me_duoc_cham_soc_sau_sinh"] = _num(rng, de, (90, 80), quality)

    # Tiêu chí 8: sex ratio at birth, boys per 100 girls; "<=" bands so edges sit on floor().
    girls = _den(rng, 300, allow_zero=True)
    f["so_tre_sinh_gai"] = girls
    if girls and rng.random() < 0.6:
        t = rng.choice((109, 112))
        f["so_tre_sinh_trai"] = t * girls // 100 + rng.choice((0, 0, 1, -1))
    elif girls:
        f["so_tre_sinh_trai"] = rng.randint(girls * 9 // 10, girls * 12 // 10 + 1)
    else:
        f["so_tre_sinh_trai"] = rng.randint(0, 300)
    for den_name, num_name, thresholds in (
        ("so_phu_nu_mang_thai", "so_duoc_sang_loc_truoc_sinh", (70, 50)),
        ("so_tre_so_sinh", "so_tre_duoc_sang_loc_so_sinh", (90, 70)),
        ("so_cap_ket_hon", "so_cap_kham_truoc_ket_hon", (90, 70)),
        ("so_nguoi_cao_tuoi", "so_nguoi_cao_tuoi_kham_dinh_ky", (90, 70)),
    ):
        den = _den(rng, 3000, allow_zero=True)
        f[den_name] = den
        f[num_name] = _num(rng, den, thresholds, quality)
    f["ty_le_su_dung_bptt_hien_dai"] = _pct(rng, (70,), quality)

    # Tiêu chí 9
    f["so_lan_phat_thanh_y_te"] = _count(rng, (11, 12, 23, 24), 60)
    f["co_goc_truyen_thong"] = _bool(rng, p_true)

    # Tiêu chí 10
    f["co_phan_mem_quan_ly_tram"] = _bool(rng, p_true)
    f["so_nguoi_co_hssk_dien_tu"] = _num(rng, dan_so, (90, 70), quality)
    f["trien_khai_kcb_tu_xa"] = _bool(rng, p_true)
    return f


def random_stations(n: int, seed: int) -> list[dict[str, Any]]:
    """`n` stations from one seeded generator: reproducible across runs and machines."""
    rng = random.Random(seed)
    return [random_station(rng) for _ in range(n)]
