"""Values as spreadsheets, pandas and hand-typed files give them (issue 12, item 1): yes/no
words, numpy scalars, NaN and NA as missing, a byte-order mark; each read as the station
meant or refused clearly, never misread."""

from __future__ import annotations

import datetime
import io
import json
import math
import unicodedata
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import ytxa_rules
from ytxa_rules.cli import main
from ytxa_rules.facts.read import read_facts

ROOT = Path(__file__).resolve().parents[2]
AS_OF = datetime.date(2024, 12, 31)


def example() -> dict[str, object]:
    facts, _ = read_facts(ROOT / "examples" / "xa-dat-chuan.yaml")
    return facts


def validated(spec: ytxa_rules.Spec, facts: dict[str, object]) -> dict[str, object]:
    return spec.at(AS_OF).validator.validate(facts)[0]


@pytest.mark.parametrize(
    ("word", "value"),
    [("yes", True), ("no", False), ("có", True), ("không", False), ("true", True), ("false", False),
     ("Yes", True), ("KHÔNG", False), ("  Có ", True), (unicodedata.normalize("NFD", "không"), False), ("TRUE", True)],
)
def test_bool_words_are_answers(spec, word: str, value: bool) -> None:  # type: ignore[no-untyped-def]
    assert validated(spec, {"co_dien": word})["co_dien"] is value
    assert spec.evaluate({**example(), "co_dien": word}, AS_OF).total == spec.evaluate({**example(), "co_dien": value}, AS_OF).total


def test_yes_as_a_json_string_is_yes(tmp_path: Path) -> None:
    facts = example()
    facts["co_dien"] = "yes"
    facts["co_nuoc_sach"] = "có"
    path = tmp_path / "f.json"
    path.write_text(json.dumps(facts, ensure_ascii=False, default=float), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert main(["eval", str(path), "--format", "json"], out=out, err=err) == 0, err.getvalue()
    assert json.loads(out.getvalue())["passed"] is True


def test_numpy_scalars_are_their_values(spec) -> None:  # type: ignore[no-untyped-def]
    facts = example()
    plain = validated(spec, facts)
    with_numpy = {
        **facts,
        "dan_so": np.int64(8240),
        "so_phong_chuc_nang": np.int32(9),
        "nam_danh_gia": np.int64(2024),
        "vung": np.int64(1),
        "co_dien": np.bool_(True),
        "ty_le_trang_thiet_bi": np.float64(86.5),
        "ty_le_thuoc_thiet_yeu": np.float32(92.0),
        "dien_tich_dat_m2": np.float32(620.5),
        "ty_le_kcb_yhct": np.uint8(24),
        "ten_xa": np.str_("Xã Yên Thọ"),
    }
    assert validated(spec, with_numpy) == plain
    result = spec.evaluate(with_numpy)  # the year from numpy picks the same date as from int
    assert result.as_of == AS_OF and result.total == spec.evaluate(facts).total


def test_numpy_float32_keeps_its_own_shortest_text(spec) -> None:  # type: ignore[no-untyped-def]
    assert validated(spec, {"ty_le_trang_thiet_bi": np.float32(86.45)})["ty_le_trang_thiet_bi"] == Fraction(1729, 20)


@pytest.mark.parametrize(
    "empty", [None, float("nan"), Decimal("NaN"), np.float64("nan"), np.float32("nan"), pd.NA, pd.NaT, np.datetime64("NaT")],
    ids=["None", "nan", "Decimal-NaN", "np.float64-nan", "np.float32-nan", "pd.NA", "pd.NaT", "np.NaT"],
)
def test_empty_cells_are_missing(spec, empty: object) -> None:  # type: ignore[no-untyped-def]
    for name in ("ty_le_trang_thiet_bi", "so_phu_nu_de", "co_dien", "loai_don_vi", "ten_xa", "nam_danh_gia"):
        result = spec.evaluate({**example(), name: empty}, AS_OF)
        assert name in result.missing or name in ("ten_xa", "nam_danh_gia") and name not in result.station


def test_a_dataframe_row_with_empty_cells_scores(spec) -> None:  # type: ignore[no-untyped-def]
    rows = [example(), {**example(), "so_phu_nu_de": None, "ty_le_kcb_yhct": None}]
    frame = pd.DataFrame(rows)  # the None columns become float64 with NaN; counts in them become floats
    assert frame["so_phu_nu_de"].dtype == np.float64
    first, second = (row.to_dict() for _, row in frame.iterrows())
    assert spec.evaluate(first, AS_OF).total == spec.evaluate(example(), AS_OF).total
    result = spec.evaluate(second, AS_OF)
    assert set(result.missing) == {"so_phu_nu_de", "ty_le_kcb_yhct"}


@pytest.mark.parametrize("value", [float("inf"), float("-inf"), np.float64("inf"), Decimal("-Infinity")])
def test_infinity_stays_an_error(spec, value: object) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ytxa_rules.FactsError) as info:
        spec.evaluate({**example(), "ty_le_trang_thiet_bi": value}, AS_OF)
    assert [d.code for d in info.value.diagnostics] in (["F005"], ["F011"])


def test_nan_in_a_json_file_is_missing(tmp_path: Path, spec) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "f.json"
    path.write_text(json.dumps({**example(), "ty_le_trang_thiet_bi": math.nan}, default=float), encoding="utf-8")
    facts, where = read_facts(path)
    assert "ty_le_trang_thiet_bi" in spec.evaluate(facts, AS_OF, where=where).missing


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_a_byte_order_mark_is_read(tmp_path: Path, suffix: str) -> None:
    facts = example()
    text = json.dumps(facts, ensure_ascii=False, default=float) if suffix == ".json" else (ROOT / "examples" / "xa-dat-chuan.yaml").read_text(encoding="utf-8")
    path = tmp_path / f"f{suffix}"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    read, where = read_facts(path)
    assert read == facts
    assert where["ma_xa"].column == (2 if suffix == ".json" else 1)
