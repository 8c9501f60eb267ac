"""Every size, depth and count limit of the engine, in one place.

A limit turns input that would take unbounded time or memory into a located error with
its own code. `docs/limits.md` lists each limit here with that code; a test keeps the two
in step. Change a limit here, never by a literal elsewhere.
"""

from __future__ import annotations

# ---- spec files and the language (reading, checking, compiling)
# Every limit is far above what a decision needs (the national criteria: one 26 KB file,
# 47 indicators, 3 bands, 7 table entries, values one step deep) and low enough that a
# spec at the limit is still read, checked and compiled in seconds.

MAX_SPEC_FILE_BYTES = 8 * 1024 * 1024  # E004: one spec file (300 times the national one)
MAX_SPEC_FOLDER_FILES = 1_000  # E005: `*.ytxa` files in one spec folder
MAX_SPEC_FOLDER_BYTES = 64 * 1024 * 1024  # E006: all spec files of one folder together
MAX_NESTING_DEPTH = 120  # E113: levels of an expression (operators and calls inside each other)
MAX_NUMBER_DIGITS = 24  # E120: digits of a number, before and after the point together
MAX_NAME_LENGTH = 100  # E128: characters of a name (the national spec's longest: 34)
MAX_VALUE_CHAIN = 100  # E123: derived values computed from each other, one after another
MAX_BANDS_PER_INDICATOR = 1_000  # E124: bands of one indicator (all cases and parts)
MAX_TABLE_ENTRIES = 100_000  # E125: entries of one table (Vietnam has about 10,000 communes)
MAX_ENUM_VALUES = 100_000  # E126: values of one `one of` fact
MAX_INDICATORS = 50_000  # E127: indicators of one document, as composed on a date

# ---- station facts (reading and validation)

# ---- batch input (spreadsheets, many stations)
