"""Every size, depth and count limit of the engine, in one place.

A limit turns input that would take unbounded time or memory into a located error with
its own code. `docs/limits.md` lists each limit here with that code; a test keeps the two
in step. Change a limit here, never by a literal elsewhere.
"""

from __future__ import annotations

# ---- spec files and the language (reading, checking, compiling)

# ---- station facts (reading and validation)

# ---- batch input (spreadsheets, many stations)
BATCH_FILE_BYTES = 100 * 1024 * 1024  # F050: one input file (XLSX, CSV, JSON, JSON Lines, YAML) of a batch
XLSX_EXPANDED_BYTES = 400 * 1024 * 1024  # F051: what one workbook's parts unpack to (a zip bomb stops here)
BATCH_ROWS = 100_000  # F052: stations (rows, lines, items) in one file
BATCH_COLUMNS = 1_000  # F053: columns of a header row
CELL_CHARS = 32_767  # F054: characters in one cell (Excel's own limit)
FOLDER_FILES = 10_000  # F055: station files in one folder
