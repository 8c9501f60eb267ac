"""Every size, depth and count limit of the engine, in one place.

A limit turns input that would take unbounded time or memory into a located error with
its own code. `docs/limits.md` lists each limit here with that code; a test keeps the two
in step. Change a limit here, never by a literal elsewhere.
"""

from __future__ import annotations

# ---- spec files and the language (reading, checking, compiling)

# ---- station facts (reading and validation)

# ---- batch input (spreadsheets, many stations)

# ---- service requests (`ytxa serve`; each can be raised by a YTXA_* variable)
SERVICE_MAX_BODY_BYTES = 20 * 1024 * 1024  # U055: one request body
SERVICE_MAX_BATCH_ROWS = 10_000  # U056: stations in one batch request
SERVICE_REQUEST_SECONDS = 120.0  # U057: one request, then it is stopped
