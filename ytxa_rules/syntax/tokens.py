"""What one token may hold, checked as the lexer makes it.

The grammar's `\\d` and `\\w` are Unicode classes: without these checks `৪0%` (a Bengali
four) would be read as 40 % while a reviewer sees 80 %, `dаn_so` with a Cyrillic `а`
would be a second name that reads exactly like `dan_so`, and a 5,000-digit literal would
reach the compiler. A refused token stops the parse with one located error.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from lark import Token

from ytxa_rules.limits import MAX_NAME_LENGTH, MAX_NUMBER_DIGITS
from ytxa_rules.render.escape import foreign_digit
from ytxa_rules.syntax.excerpt import excerpt


class TokenRefused(Exception):
    """A token the language does not accept: a code, the token, and the message's arguments."""

    def __init__(self, code: str, token: Token, **args: Any):
        super().__init__(code)
        self.code = code
        self.token = token
        self.args_ = args


def _vietnamese_letters() -> frozenset[str]:
    """a–z and every letter of Vietnamese (vowels with any of the five tone marks, đ)."""
    letters = set("abcdefghijklmnopqrstuvwxyzđ")
    marks = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # huyền sắc hỏi ngã nặng
    for base in ("a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"):
        letters.update(unicodedata.normalize("NFC", base + mark) for mark in marks)
    return frozenset(letters | {letter.upper() for letter in letters})


NAME_CHARACTERS = _vietnamese_letters() | frozenset("0123456789_")


def _describe(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, '')}".strip()


def _ascii_digits(text: str) -> str:
    return "".join(str(unicodedata.digit(c)) if unicodedata.category(c) == "Nd" else c for c in text)


def _refuse_foreign_digits(token: Token) -> None:
    digit = foreign_digit(str(token))
    if digit is not None:
        raise TokenRefused(
            "E121", token, found=excerpt(str(token)), digit=digit, what=_describe(digit),
            value=unicodedata.digit(digit), suggestion=excerpt(_ascii_digits(str(token))),
        )


def checked_number(token: Token) -> Token:
    """NUMBER and PERCENT: ASCII digits, at most MAX_NUMBER_DIGITS of them."""
    _refuse_foreign_digits(token)
    digits = sum(1 for c in str(token) if c.isdigit())
    if digits > MAX_NUMBER_DIGITS:
        raise TokenRefused("E120", token, found=excerpt(str(token)), digits=digits, limit=MAX_NUMBER_DIGITS)
    return token


def checked_date(token: Token) -> Token:
    _refuse_foreign_digits(token)
    return token


def checked_name(token: Token) -> Token:
    """Names in NFC (`dân_số` typed decomposed is the same name), Vietnamese letters only.

    Only names are composed: strings keep what was written, and positions stay those of
    the file.
    """
    token = token.update(value=unicodedata.normalize("NFC", str(token)))
    text = str(token)
    _refuse_foreign_digits(token)
    if len(text) > MAX_NAME_LENGTH:
        raise TokenRefused("E128", token, found=excerpt(text), length=len(text), limit=MAX_NAME_LENGTH)
    for char in text:
        if char not in NAME_CHARACTERS:
            raise TokenRefused("E122", token, found=excerpt(text), char=char, what=_describe(char))
    return token
