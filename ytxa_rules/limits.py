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
FACTS_MAX_BYTES = 8 * 1024 * 1024  # F019: a facts file (or stream) longer than this is refused, read no further
FACTS_MAX_DIGITS = 40  # F014: digits of one number in the facts (an int, a decimal's digits, a fraction's parts)
FACTS_MAX_EXPONENT = 40  # F015: a decimal's exponent lies within -40..40 (1e99999999 would take minutes to expand)
FACTS_MAX_PROBLEMS = 100  # F021: problems listed for one station; the rest are counted, not built

# ---- batch input (spreadsheets, many stations)

# ---- what-if search (`ytxa gap`): bounds on the search, reported when reached (no error)
GAP_MAX_CHANGES = 5  # indicators changed together by default (`--max-changes`); no error
GAP_MAX_CHANGES_CAP = 8  # U046: the largest `--max-changes` accepted
GAP_MAX_PROPOSALS = 10  # sets of improvements listed by default (`--limit`, U046 past 100); no error
GAP_MAX_COMBINATIONS = 200_000  # sets of indicators tried; no error: the report says the search was cut short
GAP_ASSIGNMENTS_PER_INDICATOR = 5_000  # fact value combinations tried for one indicator; no error: cut short, said
BATCH_FILE_BYTES = 100 * 1024 * 1024  # F050: one input file (XLSX, CSV, JSON, JSON Lines, YAML) of a batch
XLSX_EXPANDED_BYTES = 400 * 1024 * 1024  # F051: what one workbook's parts unpack to (a zip bomb stops here)
BATCH_ROWS = 100_000  # F052: stations (rows, lines, items) in one file
BATCH_COLUMNS = 1_000  # F053: columns of a header row
CELL_CHARS = 32_767  # F054: characters in one cell (Excel's own limit)
FOLDER_FILES = 10_000  # F055: station files in one folder

# ---- service requests (`ytxa serve`; each can be raised by a YTXA_* variable)
SERVICE_MAX_BODY_BYTES = 20 * 1024 * 1024  # U055: one request body
SERVICE_MAX_BATCH_ROWS = 10_000  # U056: stations in one batch request
SERVICE_REQUEST_SECONDS = 120.0  # U057: one request, then it is stopped

# ---- spec tests (`ytxa test`)
SPEC_TEST_FILE_BYTES = 4 * 1024 * 1024  # E715: one test file or example file of spec tests
SPEC_TESTS_PER_RUN = 100_000  # E716: tests loaded by one run of `ytxa test`, all files together
