"""Fuzzers for specs, amendments, station facts and the command line.

- `case`: one input (files, arguments) and its outcome; saved to and loaded from a folder.
- `mutate`: token-, line-, Unicode- and byte-level mutations of text.
- `generate`: grammar-aware generators (derivations of grammar/criteria.lark, plausible
  criteria documents and amendments, station facts for any document).
- `kinds`: the registry of input kinds the fuzzers draw from (and of facts formats).
- `oracle`: runs one case and checks the invariants (documented errors only, fast and
  traced evaluation agree, outputs safe, no file written outside the working folder).
- `runner`: runs cases in worker processes, each under a time budget proportional to its
  size, so a hang is reported, not waited on.

`test_short_profile.py` runs a few hundred inputs inside pytest; `scripts/fuzz-long` runs
hundreds of thousands. See docs/security.md.

A finding becomes a regression test: `scripts/fuzz-long --minimize DIR` shrinks the saved
input, `--adopt DIR --owner WHO` copies it to `regressions/pending/` (listed, not run).
Once fixed, move its folder up to `regressions/` and set `expected` in its `case.json` to
the outcome it must now have (`{"status": "error", "code": "F002"}`, `{"status": "ok"}`).
"""
