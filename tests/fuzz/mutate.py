"""Mutations of text: token-level, line-level, Unicode, byte-level, and size blow-ups.

Each mutator takes the text, a `random.Random` and a vocabulary (tokens worth inserting
for the format at hand) and returns new text. `mutate` applies a few, chosen at random,
and names them, so a saved crash says how its input was made.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence

Mutator = Callable[[str, random.Random, Sequence[str]], str]

# Any token of a spec, a YAML or a JSON file (strings, comments, numbers, words, symbols, space).
TOKEN = re.compile(r""""[^"\n]*"|'[^'\n]*'|#[^\n]*|\d+(?:\.\d+)?%?|[^\W\d]\w*|>=|<=|!=|\s+|.""", re.S)

# Numbers that have broken number readers before: huge, tiny, foreign digits, YAML 1.1 forms.
NUMBERS = (
    "0", "1", "-1", "0.0", "00", "01", "0.865", "1e3", "1e99999999", "1e-99999999", "9" * 30, "1" + "0" * 4400, "0." + "0" * 500 + "1",
    "৪0", "٨٦", "１２", "0x9", "0b1", "0o7", "1_0", "1:30", ".inf", "-.inf", ".nan", "NaN", "Infinity", "-0", "1.", ".5",
    "95%", "100%", "0%", "1000%", "-5%", "0.05%", "99.999999999%", "1e999999%",
)
# Characters that mislead a reader or a terminal, or that parsers trip on.
UNICODE = (
    "\x00", "\x07", "\x08", "\x1b[2J", "\x1b]0;x\x07", "\r", "\t", "\x0b", "\x0c", "\x1c", "\x7f", "\x85", "\u00a0", "\u00ad",
    "\u200b", "\u200d", "\u200e", "\u202e", "\u2066", "\u2069", "\u2028", "\u2029", "\ufeff", "\ufffd", "\U0001f600",
    "\U000e0041", "\u0301" * 40, "e\u0302\u0301", "Ê", "đ", "ǅ", "ﬁ", "Ａ", "ı", "ß", "\u0660", "\u09ea", "\uff11",
)
# Byte sequences that are not UTF-8 (or are, unusually).
BYTES = (b"\xff", b"\xfe\xff", b"\xc3", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xef\xbb\xbf", b"\xc0\xaf", b"\x00")


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text)


def _pick_index(items: Sequence[object], rnd: random.Random) -> int:
    return rnd.randrange(len(items)) if items else 0


# ---------------------------------------------------------------- token level
def token_delete(text: str, rnd: random.Random, vocabulary: Sequence[str]) -> str:
    parts = tokens(text)
    if parts:
        del parts[_pick_index(parts, rnd)]
    return "".join(parts)


def token_replace(text: str, rnd: random.Random, vocabulary: Sequence[str]) -> str:
    parts = tokens(text)
    if parts:
        parts[_pick_index(parts, rnd)] = rnd.choice(vocabulary)
    return "".join(parts)


def token_insert(text: str, rnd: random.Random, vocabulary: Sequence[str]) -> str:
    parts = tokens(text)
    parts.insert(_pick_index(parts, rnd), rnd.choice([" ", ""]) + rnd.choice(vocabulary) + rnd.choice([" ", ""]))
    return "".join(parts)


def token_swap(text: str, rnd: random.Random, vocabulary: Sequence[str]) -> str:
    parts = tokens(text)
    if len(parts) > 2:
        i, j = rnd.randrange(len(parts)), rnd.randrange(len(parts))
        parts[i], parts[j] = parts[j], parts[i]
    return "".join(parts)


def number_replace(text: str, rnd: random.Random, vocabulary: Sequence[str]) -> str:
    """Replace a number with one from NUMBERS (keeping a `%` where there was one, sometimes)."""
    spots = [m for m in re.finditer(r"\d+(?:\.\d+)?%?", text)]
    if not spots:
        return token_insert(text, rnd, NUMBERS)
    spot = rnd.choice(spots)
    new = rnd.choice(NUMBERS)
    if spot.group().endswith("%") and not new.endswith("%") and rnd.random() < 0.7:
        new += "%"
    return text[: spot.start()] + new + text[spot.end() :]


# ---------------------------------------------------------------- line level
def _lines(text: str) -> list[str]:
    return text.split("\n")


def line_delete(text: str, rnd: random.Random, vocabulary: Sequence[str]) -> str:
    lines = _lines(text)
    if len(lines) > 1:
        del lines[rnd.randrange(len(lines))]
    return "\n".join(lines)


def line_duplicate(text: str, rnd: random.Random, vocabulary: Sequence[str]) -> str:
    lines = _lines(text)
    i = rnd.randrange(len(lines))
    lines[i:i] = [lines[i]] * rnd.choice((1, 1, 2, 5))
    return "\n".join(lines)


def line_swap(text: str, rnd: random.Random, vocabulary: Sequence[str]) -> str:
    lines = _lines(text)
    i, j = rnd.randrange(len(lines)), rnd.randrange(len(lines))
    lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines)


def line_move_block(text: str, rnd: random.Random, vocabulary: Sequence[str]) -> str:
    lines = _lines(text)
    start = rnd.randrange(len(lines))
    block = lines[start : start + rnd.randint(1, 8)]
    del lines[start : start + len(block)]
    at = rnd.randrange(len(lines) + 1)
    lines[at:at] = block
    return "\n".join(lines)


def line_indent(text: str, rnd: random.Random, vocabulary: Sequence[str]) -> str:
    lines = _lines(text)
    i = rnd.randrange(len(lines))
    lines[i] = rnd.choice(("", " ", "    ", "\t", "\u00a0")) + lines[i].lstrip(" ") if rnd.random() < 0.5 else lines[i].strip()
    return "\n".join(lines)


def line_endings(text: str, rnd: random.Random, vocabulary: Sequence[str]) -> str:
    return text.replace("\n", rnd.choice(("\r\n", "\r", "\n\n", "\u2028", "\x85", "\x0c\n")))


def truncate(text: str, rnd: random.Random, vocabulary: Sequence[str]) -> str:
    return text[: rnd.randrange(len(text) + 1)]


# ---------------------------------------------------------------- Unicode
def unicode_insert(text: str, rnd: random.Random, vocabulary: Sequence[str]) -> str:
    at = rnd.randrange(len(text) + 1)
    return text[:at] + rnd.choice(UNICODE) + text[at:]


def unicode_digits(text: str, rnd: random.Random, vocabulary: Sequence[str]) -> str:
    """One ASCII digit written in another script (`৪0%` looks like 80 %)."""
    spots = [m.start() for m in re.finditer(r"\d", text)]
    if not spots:
        return text
    at = rnd.choice(spots)
    zero = rnd.choice((0x660, 0x6F0, 0x966, 0x9E6, 0xE50, 0xFF10, 0x1D7CE))
    return text[:at] + chr(zero + int(text[at])) + text[at + 1 :]


def unicode_normalise(text: str, rnd: random.Random, vocabulary: Sequence[str]) -> str:
    import unicodedata

    return unicodedata.normalize(rnd.choice(("NFD", "NFKC", "NFKD")), text)


def unicode_confusable(text: str, rnd: random.Random, vocabulary: Sequence[str]) -> str:
    table = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "y": "у", "-": "‐", '"': "“", ">": "﹥", "=": "＝", "%": "％"}
    spots = [i for i, ch in enumerate(text) if ch in table]
    if not spots:
        return text
    at = rnd.choice(spots)
    return text[:at] + table[text[at]] + text[at + 1 :]


# ---------------------------------------------------------------- size blow-ups
def blowup_repeat(text: str, rnd: random.Random, vocabulary: Sequence[str]) -> str:
    """One line (a band, an entry, a fact) repeated hundreds or thousands of times."""
    lines = _lines(text)
    i = rnd.randrange(len(lines))
    lines[i:i] = [lines[i]] * rnd.choice((100, 500, 2000))
    return "\n".join(lines)


def blowup_nest(text: str, rnd: random.Random, vocabulary: Sequence[str]) -> str:
    """A name or number wrapped in deep brackets, a long chain, or a call with many arguments."""
    spots = [m for m in re.finditer(r"(?<![\w.])[^\W\d]\w*(?![\w(])|\b\d+%?", text)]
    if not spots:
        return text
    spot = rnd.choice(spots)
    word, n = spot.group(), rnd.choice((50, 200, 1000, 3000))
    shape = rnd.randrange(4)
    if shape == 0:
        new = "(" * n + word + ")" * n
    elif shape == 1:
        new = " + ".join([word] * n)
    elif shape == 2:
        new = "count(" + ", ".join([f"{word} > 0"] * n) + ")"
    else:
        new = "-" * n + word
    return text[: spot.start()] + new + text[spot.end() :]


TEXT_MUTATORS: dict[str, Mutator] = {
    "token_delete": token_delete, "token_replace": token_replace, "token_insert": token_insert, "token_swap": token_swap,
    "number_replace": number_replace, "line_delete": line_delete, "line_duplicate": line_duplicate, "line_swap": line_swap,
    "line_move_block": line_move_block, "line_indent": line_indent, "line_endings": line_endings, "truncate": truncate,
    "unicode_insert": unicode_insert, "unicode_digits": unicode_digits, "unicode_normalise": unicode_normalise,
    "unicode_confusable": unicode_confusable, "blowup_repeat": blowup_repeat, "blowup_nest": blowup_nest,
}
# How often each is drawn: blow-ups are rare (they are slow by design), tokens common.
WEIGHTS = {name: 1.0 for name in TEXT_MUTATORS} | {
    "token_replace": 3.0, "token_delete": 2.0, "token_insert": 2.0, "number_replace": 3.0, "truncate": 0.3,
    "line_endings": 0.3, "unicode_normalise": 0.3, "blowup_repeat": 0.25, "blowup_nest": 0.25,
}


def mutate(text: str, rnd: random.Random, vocabulary: Sequence[str], count: int = 1) -> tuple[str, list[str]]:
    names = rnd.choices(list(WEIGHTS), weights=list(WEIGHTS.values()), k=count)
    for name in names:
        text = TEXT_MUTATORS[name](text, rnd, vocabulary)
    return text, names


def mutate_bytes(data: bytes, rnd: random.Random) -> tuple[bytes, str]:
    """A byte-level change: a byte flipped, or a sequence that is not UTF-8 put in."""
    at = rnd.randrange(len(data) + 1)
    if rnd.random() < 0.5 and data:
        at = min(at, len(data) - 1)
        return data[:at] + bytes([data[at] ^ (1 << rnd.randrange(8))]) + data[at + 1 :], "byte_flip"
    return data[:at] + rnd.choice(BYTES) + data[at:], "byte_insert"
