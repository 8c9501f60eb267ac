"""Plan files: parsing, checks, formatting, and the measures computed over scored stations."""

from __future__ import annotations

import copy
import io
import json
import random
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

import ytxa_rules
from ytxa_rules.cli import main
from ytxa_rules.errors import UsageError
from ytxa_rules.library import Library
from ytxa_rules.plans.check import check_plans
from ytxa_rules.plans.evaluate import MET, NOT_MET, UNDECIDED, plan_reports
from ytxa_rules.plans.nodes import Plan
from ytxa_rules.plans.render_text import plan_report_text
from ytxa_rules.resources import builtin_specs_dir
from ytxa_rules.syntax.formatter import format_text
from ytxa_rules.syntax.parser import parse_text

REPO = Path(__file__).resolve().parents[2]
PLANS = sorted((builtin_specs_dir() / "plans").glob("*.ytxa"))


def _base_facts() -> dict[str, Any]:
    facts, _ = ytxa_rules.read_facts(REPO / "examples" / "xa-dat-chuan.yaml")
    return facts


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def spec() -> ytxa_rules.Spec:
    return ytxa_rules.load()


def test_three_plans_ship_and_check_clean() -> None:
    library = Library.from_paths([builtin_specs_dir()])
    assert set(library.plans) == {"139/KH-UBND", "123/KH-UBND", "1153/KH-UBND"}
    assert check_plans(library) == []
    code, out, _ = _run("check", "--lang", "en")
    assert code == 0 and "3 plan(s): 0 error(s)" in out


@pytest.mark.parametrize("path", PLANS, ids=[p.name for p in PLANS])
def test_plans_are_formatted_and_round_trip(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert format_text(text, str(path)) == text
    assert parse_text(format_text(text)) == parse_text(text)


def test_seed_numbers_are_encoded_as_the_seeds_give_them() -> None:
    library = Library.from_paths([builtin_specs_dir()])
    milestones = {pid: [(m.op, m.threshold.value, m.year) for t in s.tree.targets for m in t.milestones] for pid, s in library.plans.items()}  # type: ignore[union-attr]
    assert milestones["139/KH-UBND"] == [(">=", 90, 2026), (">=", 100, 2028)]
    assert (">=", 80, 2025) in milestones["123/KH-UBND"]
    assert (">", 95, 2030) in milestones["1153/KH-UBND"] and (">=", 100, 2030) in milestones["1153/KH-UBND"]
    quang_nam = library.plans["123/KH-UBND"].tree
    assert isinstance(quang_nam, Plan) and all(t.provisional for t in quang_nam.targets)
    nam_dinh = library.plans["139/KH-UBND"].tree
    assert isinstance(nam_dinh, Plan) and nam_dinh.issued is None  # the seed gives no date: none invented


def _stations(count: int, passing: int, **extra: Any) -> list[dict[str, Any]]:
    """`count` Nam Định stations, the first `passing` of them recognised (the rest knocked out)."""
    out = []
    for n in range(count):
        facts = {**_base_facts(), "ma_xa": f"{20000 + n}", "ten_xa": f"Xã Thử {n}", "nam_danh_gia": 2026, **extra}
        if n >= passing:
            facts["so_bac_si_co_huu"], facts["co_bac_si_luan_phien"] = 0, False
        out.append(facts)
    return out


def _report(spec: ytxa_rules.Spec, plan_id: str, stations: list[dict[str, Any]], communes: int | None = None) -> Any:
    plan = spec.library.plans[plan_id].tree
    results = [spec.evaluate(f) for f in stations]
    (report,) = plan_reports(plan, spec, results, communes)
    return report


def test_share_recognised_meets_and_misses_by_exact_counts(spec: ytxa_rules.Spec) -> None:
    report = _report(spec, "139/KH-UBND", _stations(50, 47))
    (target,) = report.targets
    assert (target.numerator, target.denominator, target.value) == (47, 50, 94)
    first, second = target.milestones
    assert (first.status, first.margin, first.needed, first.timing) == (MET, 4, 0, "due")
    assert (second.status, second.margin, second.needed, second.timing) == (NOT_MET, -6, 3, "ahead")
    text = plan_report_text((report,), "vi")
    assert "47 / 50 × 100 = 94 %" in text and "cao hơn mục tiêu 4 điểm phần trăm" in text and "cần thêm 3 xã đạt chuẩn" in text


def test_communes_not_given_count_as_not_recognised(spec: ytxa_rules.Spec) -> None:
    report = _report(spec, "139/KH-UBND", _stations(10, 10), communes=12)
    target = report.targets[0]
    assert target.value == Fraction(1000, 12) and target.milestones[0].status == NOT_MET and target.milestones[0].needed == 1
    with pytest.raises(UsageError):
        _report(spec, "139/KH-UBND", _stations(10, 10), communes=9)


def test_undecided_stations_decide_only_when_the_outcome_cannot_change(spec: ytxa_rules.Spec) -> None:
    stations = _stations(10, 10)
    del stations[0]["so_bac_si_co_huu"]  # a knock-out with missing data: the verdict is open
    report = _report(spec, "139/KH-UBND", stations)
    target = report.targets[0]
    assert target.undecided == ("Xã Thử 0 (20000)",) and (target.value, target.high) == (90, 100)
    assert [m.status for m in target.milestones] == [MET, UNDECIDED]  # 90 % holds either way; 100 % depends on it


def test_stations_outside_the_area_are_listed_not_counted(spec: ytxa_rules.Spec) -> None:
    stations = _stations(4, 4) + [{**_base_facts(), "ma_xa": "1", "ten_xa": "Xã Khác", "tinh": "Thái Bình", "nam_danh_gia": 2026}]
    stations[1]["tinh"] = "  tỉnh NAM ĐỊNH "  # the same place, written differently
    report = _report(spec, "139/KH-UBND", stations)
    assert len(report.stations) == 4 and report.outside == ("Xã Khác (1)",)


def _long_khanh(n: int, insured: int, population: int, dvkt: Any) -> dict[str, Any]:
    return {**_base_facts(), "ma_xa": f"26{n:03d}", "ten_xa": f"Phường {n}", "tinh": "Đồng Nai", "huyen": "Thành phố Long Khánh",
            "nam_danh_gia": 2030, "dan_so": population, "so_nguoi_tham_gia_bhyt": insured, "ty_le_danh_muc_dvkt": dvkt,
            "so_nguoi_duoc_quan_ly_suc_khoe": population, "so_nguoi_co_hssk_dien_tu": population}


def test_pooled_rate_is_sum_over_sum_not_a_mean_of_rates(spec: ytxa_rules.Spec) -> None:
    # 99 % of 1,000 and 90 % of 10,000: the mean of rates is 94.5 %, the pooled rate 90.8 %.
    stations = [_long_khanh(1, 990, 1000, 95), _long_khanh(2, 9000, 10000, 89.5)]
    report = _report(spec, "1153/KH-UBND", stations)
    targets = {t.number: t for t in report.targets}
    bhyt = targets["4"]
    assert (bhyt.numerator, bhyt.denominator) == (9990, 11000) and bhyt.value == Fraction(9990 * 100, 11000)
    (milestone,) = bhyt.milestones
    assert milestone.status == NOT_MET and milestone.timing == "due"
    assert milestone.needed == 461  # 10,451 insured of 11,000 is the first count over 95 %
    assert Fraction(9990 + 461) * 100 / 11000 > 95 >= Fraction(9990 + 460) * 100 / 11000
    dvkt = targets["3"]
    assert (dvkt.numerator, dvkt.denominator) == (1, 2) and dvkt.milestones[0].needed == 1


def test_pooled_rate_with_missing_numbers_is_undecided(spec: ytxa_rules.Spec) -> None:
    stations = [_long_khanh(1, 990, 1000, 95), _long_khanh(2, 9900, 10000, 95)]
    del stations[1]["so_nguoi_tham_gia_bhyt"]
    report = _report(spec, "1153/KH-UBND", stations)
    bhyt = {t.number: t for t in report.targets}["4"]
    assert bhyt.undecided == ("Phường 2 (26002)",) and bhyt.milestones[0].status == UNDECIDED


def test_share_needed_matches_a_direct_count(spec: ytxa_rules.Spec) -> None:
    rnd = random.Random(12)
    for _ in range(5):
        count = rnd.randint(3, 30)
        passing = rnd.randint(0, count)
        report = _report(spec, "139/KH-UBND", _stations(count, passing))
        for milestone in report.targets[0].milestones:
            more = next(k for k in range(count + 1) if (passing + k) * 100 >= milestone.threshold * count)
            assert milestone.needed == more
            assert (milestone.status == MET) == (more == 0)


def test_several_assessment_years_give_one_report_each(spec: ytxa_rules.Spec) -> None:
    stations = _stations(3, 3) + [{**s, "nam_danh_gia": 2025} for s in copy.deepcopy(_stations(2, 1))]
    plan = spec.library.plans["139/KH-UBND"].tree
    reports = plan_reports(plan, spec, [spec.evaluate(f) for f in stations])
    assert [(r.year, len(r.stations)) for r in reports] == [(2025, 2), (2026, 3)]
    assert reports[0].targets[0].milestones[0].timing == "ahead"


def test_cli_plan_text_json_and_fail_on(tmp_path: Path) -> None:
    folder = str(REPO / "examples" / "nam-dinh-2026")
    code, out, _ = _run("plan", "139/KH-UBND", folder, "--lang", "en")
    assert code == 0 and "7 / 10 × 100 = 70 %" in out and "1 station(s) outside the area" in out
    code, out, _ = _run("plan", "139/KH-UBND", folder, "--format", "json")
    payload = json.loads(out)
    assert payload["schema"] == "ytxa-plan-report/1" and payload["reports"][0]["targets"][0]["value"] == 70
    assert _run("plan", "139/KH-UBND", folder, "--fail-on", "not-met")[0] == 1
    plan_file = str(builtin_specs_dir() / "plans" / "139-KH-UBND-nam-dinh.ytxa")
    assert _run("plan", plan_file, folder)[0] == 0
    code, _, err = _run("plan", "999/KH", folder, "--lang", "en")
    assert code == 2 and "U042" in err and "139/KH-UBND" in err


def test_cli_plan_skips_a_bad_station_file_and_says_so(tmp_path: Path) -> None:
    good = tmp_path / "tot.yaml"
    good.write_text((REPO / "examples" / "nam-dinh-2026" / "01-yen-tho.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    bad = tmp_path / "sai.yaml"
    bad.write_text("ma_xa: '1'\ndan_so: nhiều\n", encoding="utf-8")
    code, out, err = _run("plan", "139/KH-UBND", str(tmp_path), "--lang", "en")
    assert code == 2 and "sai.yaml:2" in err and "1 station(s) in the area" in out


BROKEN = '''plan "X/KH"
  issued 2025-01-01
  criteria "1300/QĐ-BYT"
  area tinh "A", so_xa "B"

target 1 "a" confirmed
  share recognised
  require >= 120% by 2026
  require = 50% by 2026
  require > 100% by 2024

target 1 "b" provisional
  cite "c"
  share where ty_le_bhytt >= 90%
  require >= 90% by 2030

target 3 "c" confirmed
  cite "c"
  pooled ty_le_danh_muc_dvkt
  require >= 90% by 2030

target 4 "d" confirmed
  cite "x"
'''


def test_broken_plan_gets_every_located_diagnostic(tmp_path: Path) -> None:
    path = tmp_path / "ke-hoach.ytxa"
    path.write_text(BROKEN, encoding="utf-8")
    code, out, _ = _run("check", "--format", "json", str(path))
    found = {(d["code"], d["line"]) for d in json.loads(out)}
    assert code == 1
    expected = {("E611", 4), ("E602", 6), ("E606", 8), ("E605", 9), ("E608", 9), ("E614", 10), ("E607", 10), ("E612", 12),
                ("E200", 14), ("E610", 19), ("E603", 22), ("E604", 22)}
    assert expected <= found, found


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ('plan "A"\ntarget 1 "t" confirmed\n  cite "c"\n  share recognised\n  require >= 90% by 2026\n', "E600"),
        ('plan "A"\n  criteria "9/QĐ"\n', "E601"),
        ('plan "A"\n  criteria "1300/QĐ-BYT"\ntarget 1 "t"\n  cite "c"\n  share recognised\n  require >= 90% by 2026\n', "E613"),
        ('plan "A"\n  criteria "1300/QĐ-BYT"\ntarget 1 "t" confirmed\n  cite "c"\n  share recognised\n  require >= 90% by 1800\n', "E609"),
        ('plan "A"\n  criteria "318/QĐ-TTg"\ntarget 1 "t" confirmed\n  cite "c"\n  share where y_te_xa.passed\n  require >= 90% by 2026\n', "E616"),
    ],
)
def test_plan_mistakes_have_their_codes(tmp_path: Path, text: str, code: str) -> None:
    path = tmp_path / "ke-hoach.ytxa"
    path.write_text(text, encoding="utf-8")
    exit_code, out, err = _run("check", "--lang", "en", str(path))
    assert exit_code == 1 and f"[{code}]" in out + err


def test_two_plans_with_one_id_are_refused(tmp_path: Path) -> None:
    for name in ("a.ytxa", "b.ytxa"):
        (tmp_path / name).write_text((builtin_specs_dir() / "plans" / "139-KH-UBND-nam-dinh.ytxa").read_text(encoding="utf-8"), encoding="utf-8")
    code, out, err = _run("check", "--lang", "en", str(tmp_path))
    assert code == 1 and "E615" in out + err
