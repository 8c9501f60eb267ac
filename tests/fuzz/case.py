"""One fuzz input and what came of it, as plain data that can be saved and replayed."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import attrs

# Outcome statuses. `error` is a documented error (a YtxaError, counted by code); the
# last four are findings.
OK, ERROR, CRASH, HANG, DISAGREEMENT, UNSAFE = "ok", "error", "crash", "hang", "disagreement", "unsafe"
FINDINGS = (CRASH, HANG, DISAGREEMENT, UNSAFE)


@attrs.frozen
class Case:
    """Files to lay out in a fresh folder, and what to run on them.

    `target` says which oracle runs it: `spec` (the folder `spec/` through load, check,
    compile, evaluate and render), `facts` (`facts.*` read and scored with the built-in
    spec, or with `spec/` when there is one) or `cli` (`argv`, where `{dir}` stands for the
    folder). `links` are symbolic links to make (path -> target; `{outside}` is a file
    outside the folder whose content must never be written or shown). `seed` drives the
    station facts the oracle derives for a spec; `clean` keeps them well-typed (for
    properties about scoring, not about bad facts).
    """

    kind: str
    target: str
    files: dict[str, bytes] = attrs.field(factory=dict)
    argv: tuple[str, ...] = ()
    stdin: bytes = b""
    links: dict[str, str] = attrs.field(factory=dict)
    seed: int = 0
    note: str = ""
    clean: bool = False

    @property
    def size(self) -> int:
        return sum(len(v) for v in self.files.values()) + len(self.stdin) + sum(len(a) for a in self.argv)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind, "target": self.target, "argv": list(self.argv), "links": self.links, "seed": self.seed,
            "note": self.note, "stdin": base64.b64encode(self.stdin).decode("ascii"), "files": sorted(self.files),
            "clean": self.clean,
        }

    def save(self, folder: Path, expected: dict[str, Any] | None = None) -> None:
        """`case.json` plus each file under `files/` (byte-exact)."""
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in self.files.items():
            path = folder / "files" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        record = self.to_json() | ({"expected": expected} if expected else {})
        (folder / "case.json").write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> Case:
        """A saved case. `expand` in `case.json` writes a big file out of a small recipe:
        `{"facts.json": {"head": "{", "item": "\"k{i}\": 1", "count": 200000, "sep": ", ", "tail": "}"}}`."""
        record = json.loads((folder / "case.json").read_text(encoding="utf-8"))
        files = {name: (folder / "files" / name).read_bytes() for name in record["files"]}
        for name, recipe in record.get("expand", {}).items():
            items = recipe.get("sep", "").join(recipe["item"].replace("{i}", str(i)) for i in range(recipe["count"]))
            files[name] = (recipe.get("head", "") + items + recipe.get("tail", "")).encode("utf-8")
        return cls(
            record["kind"], record["target"], files, tuple(record["argv"]), base64.b64decode(record["stdin"]),
            dict(record["links"]), record["seed"], record.get("note", ""), record.get("clean", False),
        )


@attrs.frozen
class Outcome:
    """What one case did: a status, a code (error code or exception type) and where."""

    status: str
    code: str = ""
    where: str = ""
    detail: str = ""
    seconds: float = 0.0

    @property
    def key(self) -> str:
        """Findings with the same key are the same problem (for counting and saving)."""
        if self.status == ERROR:
            return f"error {self.code}"
        if self.status == OK:
            return "ok"
        return f"{self.status} {self.code} {self.where}".strip()

    def to_json(self) -> dict[str, Any]:
        return attrs.asdict(self)
