"""Numbers in facts mean what they say: YAML 1.1 slips, digits of other scripts, underscores
and Vietnamese thousands separators are refused with a hint, never read as another number
(issue 9 "data slips", issue 12 "silently misread")."""

from __future__ import annotations

import datetime
import unicodedata
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

import ytxa_rules
from ytxa_rules.facts.read import parse_json, parse_yaml

AS_OF = datetime.date(2024, 12, 31)


def outcome(spec: ytxa_rules.Spec, text: str, name: str = "f.yaml") -> dict[str, object] | list[tuple[str, dict[str, object]]]:
    """The validated values, or the (code, arguments) of every problem."""
    parse = parse_json if name.endswith(".json") else parse_yaml
    try:
        facts, where = parse(text, name)
        return spec.at(AS_OF).validator.validate(facts, where)[0]
    except ytxa_rules.FactsError as exc:
        return [(d.code, d.arguments) for d in exc.diagnostics]


def refusal(spec: ytxa_rules.Spec, text: str, name: str = "f.yaml") -> tuple[str, dict[str, object]]:
    found = outcome(spec, text, name)
    assert isinstance(found, list) and len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("line", "code", "suggestion"),
    [
        ("ty_le_trang_thiet_bi: 1:30", "F017", None),  # YAML 1.1: base 60, 90
        ("ty_le_trang_thiet_bi: 0x9", "F017", None),
        ("ty_le_trang_thiet_bi: 0o7", "F017", None),
        ("ty_le_trang_thiet_bi: 0b1", "F017", None),
        ("ty_le_trang_thiet_bi: 1_0", "F017", "10"),
        ("ty_le_trang_thiet_bi: 01", "F017", "1"),
        ("ty_le_trang_thiet_bi: 010", "F017", "10"),  # YAML 1.1: octal, 8
        ("dien_tich_dat_m2: 0620.5", "F017", "620.5"),
        ('ty_le_trang_thiet_bi: "1_00"', "F017", "100"),
        ('ty_le_trang_thiet_bi: "٨٦"', "F018", "86"),
        ("ty_le_trang_thiet_bi: ৪0", "F018", "40"),  # looks like 80, means 40
        ("so_phong_chuc_nang: ٩", "F018", "9"),
        ("so_phong_chuc_nang: 1_000", "F017", "1000"),
        ("dan_so: 0x20", "F017", None),
    ],
)
def test_yaml_1_1_slips_and_foreign_digits_are_refused_with_a_hint(spec, line: str, code: str, suggestion: str | None) -> None:  # type: ignore[no-untyped-def]
    found_code, arguments = refusal(spec, line + "\n")
    assert found_code == code
    assert arguments.get("suggestion") == suggestion
    assert arguments["name"] == line.split(":")[0]


def test_yaml_reads_core_schema_values(spec) -> None:  # type: ignore[no-untyped-def]
    text = 'ma_xa: 01234\nten_xa: yes\nco_dien: yes\nco_nuoc_sach: No\nco_nha_ve_sinh: TRUE\nvung: 2\nnam_danh_gia: 2024\ndan_so: 1e4\nty_le_trang_thiet_bi: .5\n'
    values = outcome(spec, text)
    assert values == {
        "ma_xa": "01234",  # a code keeps its zero (YAML 1.1 would have read the octal 668)
        "ten_xa": "yes",  # text, not True
        "co_dien": True,
        "co_nuoc_sach": False,
        "co_nha_ve_sinh": True,
        "vung": "2",
        "nam_danh_gia": 2024,
        "dan_so": 10000,
        "ty_le_trang_thiet_bi": Fraction(1, 2),
    }


@pytest.mark.parametrize(("word", "hint"), [("on", "yes"), ("off", "no"), ("y", "yes"), ("co", "yes"), ("khong", "no"), ("1", "yes")])
def test_yaml_1_1_booleans_are_not_answers(spec, word: str, hint: str) -> None:  # type: ignore[no-untyped-def]
    code, arguments = refusal(spec, f"co_dien: {word}\n")
    assert code == "F005" and arguments["suggestion"] == hint


def test_yaml_keeps_spans_and_duplicate_keys_are_errors(spec) -> None:  # type: ignore[no-untyped-def]
    facts, where = parse_yaml("dan_so: 12\n\n  # comment\nvung: 1\n", "f.yaml")
    assert (where["vung"].line, where["vung"].column) == (4, 1)
    assert refusal(spec, "dan_so: 12\ndan_so: 12\n")[0] == "F009"
    assert refusal(spec, '{"dan_so": 12, "dan_so": 12}', "f.json")[0] == "F009"


def test_names_equal_after_nfc_are_given_twice() -> None:
    spec = ytxa_rules.load(_spec_with_fact("fact dân_số: count \"Dân số\""))
    composed = "dân_số"
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    with pytest.raises(ytxa_rules.FactsError) as info:
        spec.evaluate({composed: 3, decomposed: 4}, AS_OF)
    assert [d.code for d in info.value.diagnostics] == ["F009"]


# ---------------------------------------------------------------- thousands separators


@pytest.mark.parametrize(
    ("line", "choices"),
    [
        ("dien_tich_dat_m2: 1.250", "`1250` or `1.25`"),
        ("dien_tich_dat_m2: 620.500", "`620500` or `620.5`"),
        ("dien_tich_dat_m2: 1.250.000", "`1250000`"),
        ('dien_tich_dat_m2: "1,250"', "`1250` or `1.25`"),
        ("dien_tich_dat_m2: 1,250,000", "`1250000`"),
        ("dan_so: 8.240", "`8240`"),
        ("dan_so: 8.000", "`8000` or `8`"),
        ("dan_so: 1.250.000", "`1250000`"),
    ],
)
def test_thousands_separator_is_refused_where_ambiguous(spec, line: str, choices: str) -> None:  # type: ignore[no-untyped-def]
    fact, written = line.split(": ")
    for text, name in ((line + "\n", "f.yaml"), (f'{{"{fact}": {written}}}', "f.json")):
        if name == "f.json" and not line.split(": ")[1].replace(".", "", 1).isdigit():
            continue  # not a JSON number
        code, arguments = refusal(spec, text, name)
        assert code == "F016", (text, code)
        assert arguments["choices"][2] == choices  # type: ignore[index]


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("dien_tich_dat_m2: 1.25", Fraction(5, 4)),
        ("dien_tich_dat_m2: 620.5", Fraction(1241, 2)),
        ("dien_tich_dat_m2: 0.865", Fraction(173, 200)),
        ("dien_tich_dat_m2: 1250.000", 1250),
        ("dien_tich_dat_m2: 1.2500", Fraction(5, 4)),
        ("ty_le_trang_thiet_bi: 86.500", Fraction(173, 2)),  # 86,500 % cannot be a percent: not ambiguous
        ("dan_so: 8240", 8240),
        ("dan_so: 8240.0", 8240),
    ],
)
def test_genuine_decimals_pass(spec, line: str, value: object) -> None:  # type: ignore[no-untyped-def]
    name = line.split(":")[0]
    assert outcome(spec, line + "\n")[name] == value  # type: ignore[call-overload]


def test_a_fixed_upper_bound_settles_the_reading() -> None:
    spec = ytxa_rules.load(_spec_with_fact('fact so_km_den_benh_vien: decimal >= 0 <= 500 "Khoảng cách (km)"'))
    compiled = spec.at(AS_OF)
    assert compiled.validator.validate({"so_km_den_benh_vien": Decimal("1.250")})[0]["so_km_den_benh_vien"] == Fraction(5, 4)
    assert compiled.evaluate({"so_km_den_benh_vien": Decimal("1.250")}, AS_OF).total == 1
    with pytest.raises(ytxa_rules.FactsError) as info:  # 0.250: 250 km is possible too… but 0.250 < 1: a decimal
        compiled.evaluate({"so_km_den_benh_vien": "1.250.000"}, AS_OF)
    assert [d.code for d in info.value.diagnostics] == ["F016"]


def test_floats_are_never_thousands(spec) -> None:  # type: ignore[no-untyped-def]
    values = spec.at(AS_OF).validator.validate({"dien_tich_dat_m2": 1.234, "dan_so": 8240.0})[0]
    assert values == {"dien_tich_dat_m2": Fraction(617, 500), "dan_so": 8240}


def _spec_with_fact(declaration: str) -> Path:
    """A one-indicator criteria set around one fact declaration (in a temporary file)."""
    import tempfile

    name = declaration.split()[1].rstrip(":")
    text = f'''document "T"
  title "t"
  effective 2024-01-01
  total 1
{declaration}
criterion 1 "c" max 1
  indicator 1 "i" max 1 provisional
    cite "c"
    points 1 when {name} >= 1
recognition "r"
  cite "c"
  require total >= 100% of max
'''
    folder = Path(tempfile.mkdtemp())
    path = folder / "t.ytxa"
    path.write_text(text, encoding="utf-8")
    return path
