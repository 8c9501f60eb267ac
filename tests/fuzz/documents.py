"""Plausible criteria documents and amendments, written as text from a `random.Random`.

Unlike `grammar_walk`, these are meant to pass `ytxa check` most of the time (names are
declared, types fit, maxima add up) so that compiling, both evaluation paths and every
renderer are exercised: nested `rate`/`count`/`min`/`max`, value chains, tables, branches,
sums, not-applicable conditions, knock-outs. Also cut-down copies of the real 1300 spec.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SPEC_1300 = (ROOT / "criteria_specs" / "1300-QD-BYT.ytxa").read_text(encoding="utf-8")
SPEC_1453 = (ROOT / "criteria_specs" / "1453-QD-BYT.ytxa").read_text(encoding="utf-8")
SPEC_318 = (ROOT / "criteria_specs" / "318-QD-TTg-tieu-chi-15.ytxa").read_text(encoding="utf-8")


class _Names:
    """The declared names of a document being written, by kind."""

    def __init__(self) -> None:
        self.by_kind: dict[str, list[str]] = {"bool": [], "count": [], "decimal": [], "percent": [], "year": [], "text": []}
        self.enums: dict[str, tuple[str, ...]] = {}
        self.counter = 0

    def new(self, stem: str) -> str:
        self.counter += 1
        return f"{stem}_{self.counter}"


def _percent(rnd: random.Random) -> str:
    return rnd.choice(("0%", "5%", "50%", "80%", "85%", "90%", "95%", "100%", "0.05%", "16.5%", "33.33%", "99.99%"))


class _Writer:
    def __init__(self, rnd: random.Random) -> None:
        self.rnd = rnd
        self.names = _Names()
        self.lines: list[str] = []

    # ------------------------------------------------------------ expressions by type
    def numeric(self, kind: str, depth: int = 0) -> str:
        """An expression of `kind` (count, decimal or percent)."""
        rnd, pool = self.rnd, self.names.by_kind
        if depth > 2 or rnd.random() < 0.45:
            if pool[kind] and rnd.random() < 0.8:
                return rnd.choice(pool[kind])
            return {"count": str(rnd.randint(0, 20)), "decimal": f"{rnd.randint(0, 900)}.{rnd.randint(0, 99)}", "percent": _percent(rnd)}[kind]
        shape = rnd.randrange(4)
        if kind == "percent":
            if shape == 0:
                return f"rate({self.numeric('count', depth + 1)}, {self.numeric('count', depth + 1)})"
            if shape == 1:
                return f"{rnd.choice(('min', 'max'))}({self.numeric('percent', depth + 1)}, {self.numeric('percent', depth + 1)})"
            if shape == 2:  # the shape of the nested-rate bug of issue 9
                return f"rate(count({self.condition(depth + 1)}) * {self.numeric('count', depth + 1)}, {self.numeric('count', depth + 1)})"
            return f"{self.numeric('percent', depth + 1)} {rnd.choice('+-')} {self.numeric('percent', depth + 1)}"
        if kind == "count":
            if shape <= 1:
                return "count(" + ", ".join(self.condition(depth + 1) for _ in range(rnd.randint(1, 4))) + ")"
            return f"{self.numeric('count', depth + 1)} {rnd.choice('+*')} {self.numeric('count', depth + 1)}"
        if shape == 0:
            return f"{self.numeric(rnd.choice(('count', 'decimal')), depth + 1)} / {self.numeric('count', depth + 1)}"
        if shape == 1:
            return f"({self.numeric('decimal', depth + 1)} {rnd.choice('+-*')} {self.numeric('count', depth + 1)})"
        return f"{rnd.choice(('min', 'max'))}({self.numeric('decimal', depth + 1)}, {self.numeric('count', depth + 1)})"

    def condition(self, depth: int = 0) -> str:
        rnd, pool = self.rnd, self.names.by_kind
        shape = rnd.randrange(7 if depth < 2 else 3)
        if shape == 0 and pool["bool"]:
            return ("not " if rnd.random() < 0.2 else "") + rnd.choice(pool["bool"])
        if shape == 1 and self.names.enums:
            name = rnd.choice(sorted(self.names.enums))
            values = self.names.enums[name]
            if rnd.random() < 0.5:
                return f"{name} {rnd.choice(('=', '!='))} {rnd.choice(values)}"
            chosen = rnd.sample(values, rnd.randint(1, len(values)))
            return f"{name} {rnd.choice(('in', 'not in'))} ({', '.join(chosen)})"
        if shape in (0, 1, 2):
            kind = rnd.choice(("count", "decimal", "percent"))
            right = self.numeric(kind, depth + 1) if rnd.random() < 0.3 else (_percent(rnd) if kind == "percent" else str(rnd.randint(0, 30)))
            return f"{self.numeric(kind, depth + 1)} {rnd.choice(('>=', '<=', '>', '<', '=', '!='))} {right}"
        if shape in (3, 4):
            return f"{self.condition(depth + 1)} {rnd.choice(('and', 'or'))} {self.condition(depth + 1)}"
        if shape == 5:
            return f"not ({self.condition(depth + 1)})"
        return f"({self.condition(depth + 1)})"

    # ------------------------------------------------------------ declarations
    def facts(self) -> None:
        rnd = self.rnd
        self.lines.append("fact ten_xa: text \"Tên xã\"")
        self.names.by_kind["text"].append("ten_xa")
        self.lines.append("fact nam_danh_gia: year \"Năm đánh giá\"")
        for _ in range(rnd.randint(3, 10)):
            kind = rnd.choice(("bool", "bool", "count", "count", "decimal", "percent", "enum"))
            name = self.names.new(kind[:3])
            if kind == "enum":
                values = tuple(rnd.sample(("a", "b", "c", "xa", "phuong", "1", "2", "3"), rnd.randint(2, 4)))
                self.names.enums[name] = values
                self.lines.append(f"fact {name}: one of {', '.join(values)} \"Loại {name}\"")
                continue
            bound = ""
            if kind == "count" and self.names.by_kind["count"] and rnd.random() < 0.4:
                bound = f" <= {rnd.choice(self.names.by_kind['count'])}"
            elif kind in ("count", "decimal") and rnd.random() < 0.3:
                bound = " >= 0"
            self.lines.append(f"fact {name}: {kind}{bound}{' optional' if rnd.random() < 0.1 else ''} \"Dữ kiện {name}\"")
            self.names.by_kind[kind].append(name)

    def values_and_tables(self) -> None:
        rnd = self.rnd
        for _ in range(rnd.randint(0, 5)):
            kind = rnd.choice(("percent", "percent", "count", "decimal"))
            name = self.names.new("v")
            self.lines.append(f"value {name} = {self.numeric(kind, 1)} \"Giá trị {name}\"")
            self.names.by_kind[kind].append(name)
        for _ in range(rnd.randint(0, 2)):
            if not self.names.enums:
                break
            key = rnd.choice(sorted(self.names.enums))
            percent = rnd.random() < 0.6
            name = self.names.new("bang")
            self.lines.append(f"table {name} by {key} \"Bảng {name}\"")
            for value in self.names.enums[key]:
                shown = "unknown" if rnd.random() < 0.1 else (_percent(rnd) if percent else str(rnd.randint(0, 500)))
                status = rnd.choice(("", " confirmed", " provisional")) if shown != "unknown" else ""
                self.lines.append(f"  {value}: {shown}{status}")
            self.names.by_kind["percent" if percent else "decimal"].append(name)

    # ------------------------------------------------------------ rules
    def bands(self, maximum: int, indent: str) -> list[str]:
        rnd = self.rnd
        points = sorted({rnd.randint(0, maximum) for _ in range(rnd.randint(1, 3))} | {maximum}, reverse=True)
        lines = [f"{indent}{p} when {self.condition()}" for p in points]
        if rnd.random() < 0.2:
            lines.append(f"{indent}0 otherwise")
        return lines

    def rule(self, maximum: int) -> list[str]:
        rnd = self.rnd
        shape = rnd.randrange(6)
        if shape == 0 and self.names.enums:
            key = rnd.choice(sorted(self.names.enums))
            values = list(self.names.enums[key])
            rnd.shuffle(values)
            cut = rnd.randint(1, len(values))
            lines = [f"    points by {key}", f"      case {', '.join(values[:cut])}:", *self.bands(maximum, "        ")]
            if cut < len(values):
                lines += ["      else:" if rnd.random() < 0.7 else f"      case {', '.join(values[cut:])}:", *self.bands(maximum, "        ")]
            return lines
        if shape == 1 and maximum >= 2:
            first = rnd.randint(1, maximum - 1)
            return [
                "    points sum",
                f"      part \"Phần {first}\":", *self.bands(first, "        "),
                f"      part \"Phần {maximum - first}\":", *self.bands(maximum - first, "        "),
            ]
        bands = self.bands(maximum, "           ")
        return ["    points " + bands[0].lstrip(), *bands[1:]]

    def document(self) -> str:
        rnd = self.rnd
        ident = f"G/{rnd.randint(1, 999)}"
        self.facts()
        self.values_and_tables()
        body: list[str] = []
        total = 0
        number = 0
        for criterion in range(1, rnd.randint(1, 3) + 1):
            maxima = [rnd.randint(1, 4) for _ in range(rnd.randint(1, 4))]
            total += sum(maxima)
            body += ["", f"criterion {criterion} \"Tiêu chí {criterion}\" max {sum(maxima)}"]
            for maximum in maxima:
                number += 1
                flags = " knockout" if rnd.random() < 0.1 else ""
                body += ["", f"  indicator {number} \"Chỉ tiêu {number}\" max {maximum} {rnd.choice(('provisional', 'confirmed'))}{flags}"]
                body.append(f"    cite \"{ident}, chỉ tiêu {number}\"")
                if rnd.random() < 0.2:
                    body.append(f"    note \"Ghi chú {number}\"")
                if rnd.random() < 0.15:
                    body.append(f"    not applicable when {self.condition()}")
                body += self.rule(maximum)
        recognition = ["", "recognition \"Đạt\"", f"  cite \"{ident}, Điều 3\"", f"  require total >= {rnd.choice((50, 80, 100))}% of max"]
        if rnd.random() < 0.5:
            recognition.append("  require every criterion >= 50% of max")
        if rnd.random() < 0.3:
            recognition.append("  require no knockout failed")
        head = [f"document \"{ident}\"", "  title \"Bộ tiêu chí sinh ngẫu nhiên\"", "  effective 2024-01-01", f"  total {total}",
                "  assessment year nam_danh_gia", ""]
        return "\n".join(head + self.lines + body + recognition) + "\n"


def plausible_document(rnd: random.Random) -> str:
    return _Writer(rnd).document()


# ---------------------------------------------------------------- cut-down copies of 1300
_CRITERION = re.compile(r"^criterion (\d+) (\"[^\"]*\") max (\d+)$", re.M)
_INDICATOR_MAX = re.compile(r"^  indicator \S+ \"[^\"]*\" max (\d+)", re.M)


def cut_down_1300(rnd: random.Random) -> str:
    """The real spec with a random subset of its criteria and indicators, maxima re-added."""
    head, _, rest = SPEC_1300.partition("\ncriterion ")
    rest = "criterion " + rest
    body, _, recognition = rest.partition("\n# ---------------------------------------------------------------- công nhận\n")
    criteria = re.split(r"\n(?=criterion )", body)
    kept = rnd.sample(criteria, rnd.randint(1, min(3, len(criteria))))
    kept.sort(key=criteria.index)
    out, total = [], 0
    for block in kept:
        first, *indicators = re.split(r"\n(?=  indicator )", block)
        indicators = rnd.sample(indicators, rnd.randint(1, len(indicators))) if indicators else []
        maximum = sum(int(m.group(1)) for part in indicators for m in [_INDICATOR_MAX.search(part)] if m)
        total += maximum
        out.append(_CRITERION.sub(lambda m, mx=maximum: f"criterion {m.group(1)} {m.group(2)} max {mx}", first.rstrip("\n")))
        out.extend(part.rstrip("\n") for part in indicators)
    recognition = re.sub(r"\s*require criterion \d+ [^\n]*", "", recognition)
    head = _used_declarations(head.replace("  total 100", f"  total {total}"), "\n".join(out))
    return head + "\n" + "\n\n".join(out) + "\n\nrecognition" + recognition.partition("recognition")[2]


_ALWAYS = {"nam_danh_gia", "ten_xa", "ma_xa", "tinh", "huyen", "loai_don_vi"}


def _used_declarations(head: str, body: str) -> str:
    """The header with only the facts, values and tables that `body` needs (a smaller file)."""
    items = re.split(r"\n(?=\S)", head)
    declared = {m.group(1): i for i, item in enumerate(items) for m in [re.match(r"(?:fact|value|table) (\w+)", item)] if m}
    needed = set(re.findall(r"\w+", body)) | _ALWAYS
    while True:
        more = {w for name, i in declared.items() if name in needed for w in re.findall(r"\w+", items[i])} - needed
        if not more:
            break
        needed |= more
    kept = [item for i, item in enumerate(items) if not item.startswith("#") and (i not in declared.values() or
            any(declared[name] == i and name in needed for name in declared))]
    return "\n".join(kept)


# ---------------------------------------------------------------- amendments
def amendment_for(base: str, rnd: random.Random) -> str:
    """An amendment of the document in `base`, addressing indicators and bands it has."""
    ident = re.search(r'^document "([^"]*)"', base, re.M)
    target = ident.group(1) if ident else "1300/QĐ-BYT"
    numbers = re.findall(r"^  indicator (\S+) ", base, re.M) or ["1"]
    tables = re.findall(r"^table (\w+) by", base, re.M)
    verb = rnd.choice(("amends", "corrects"))
    lines = [
        f"amendment \"SD/{rnd.randint(1, 99)}\"", "  title \"Sửa đổi thử\"", f"  {verb} \"{target}\"",
        "  issued 2024-05-01", f"  effective {rnd.choice(('2024-06-01', '2025-01-01', '2023-03-20', '2030-12-31'))}",
        "  reason \"sửa đổi sinh ngẫu nhiên\"", "",
    ]
    for _ in range(rnd.randint(1, 4)):
        number = rnd.choice(numbers)
        shape = rnd.randrange(8)
        if shape == 0:
            lines.append(f"change indicator {number} band {rnd.randint(1, 3)} threshold to {_percent(rnd)}")
        elif shape == 1:
            lines.append(f"change indicator {number} band {rnd.randint(1, 3)} operator to {rnd.choice(('>=', '<=', '>', '<'))}")
        elif shape == 2:
            lines.append(f"change indicator {number} {rnd.choice(('title', 'cite'))} to \"Mới {number}\"")
        elif shape == 3:
            lines.append(f"change indicator {number} status to {rnd.choice(('confirmed', 'provisional'))}")
        elif shape == 4:
            lines.append(f"change indicator {number} band {rnd.randint(1, 3)} points to {rnd.randint(0, 3)}")
        elif shape == 5 and tables:
            lines.append(f"change table {rnd.choice(tables)} entry {rnd.choice(('1', '2', 'dong_bang_song_hong'))} to {_percent(rnd)}")
        elif shape == 6:
            lines.append(f"change indicator {number} knockout to {rnd.choice(('yes', 'no'))}")
        else:
            lines.append(f"change indicator {number} band 1 condition to {rnd.choice(('yes', 'no'))}")
    return "\n".join(lines) + "\n"
