"""Every size, depth and count limit of the engine, in one place.

A limit turns input that would take unbounded time or memory into a located error with
its own code. `docs/limits.md` lists each limit here with that code; a test keeps the two
in step. Change a limit here, never by a literal elsewhere.
"""

from __future__ import annotations

# ---- spec files and the language (reading, checking, compiling)

# ---- station facts (reading and validation)

# ---- batch input (spreadsheets, many stations)
