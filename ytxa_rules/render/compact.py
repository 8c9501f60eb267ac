"""The compact `ytxa-result/1`: only what varies per station, with the rest in a manifest.

A batch writes the same titles, cites, notes, conditions and provenance for every station.
`spec_manifest` gathers that static part of one composed spec once (`ytxa spec-manifest`
writes it; schema: docs/reference/manifest-schema.json). `compact` turns a full result
document (`Result.to_dict()`) into one that names the manifest by its digest and keeps:
per criterion, reason and indicator, only the fields that differ from the manifest's;
a trace entry as `{"@": index}` of its static part in the manifest and the values that
vary (or, for a static part the manifest lacks, every text found in its table as
`{"$": index}`).
`expand` is the exact inverse: `expand(compact(d, m), m) == d` for every result `d` of
the spec `m` was written for. Nothing here is guessed: a field is left out only where the
manifest holds the very same value, so a manifest that misses a text costs size, never
a wrong document.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import typing
from collections.abc import Iterator, Mapping
from typing import Any

from ytxa_rules import ast
from ytxa_rules.diagnostics import error
from ytxa_rules.engine.compiled import CompiledSpec
from ytxa_rules.errors import UsageError
from ytxa_rules.syntax.unparse import expr_text

MANIFEST_SCHEMA = "ytxa-manifest/1"
# The fields a manifest holds per part (the others always vary per station).
STATIC = {
    "criteria": ("number", "title", "full_max"),
    "reasons": ("kind", "description", "criterion", "share", "required", "op"),
    "indicators": ("number", "criterion", "title", "knockout", "provisional", "cite", "note", "amended_by"),
}
# Per trace entry kind, the fields that vary per station; the rest of an entry (its static
# part) is looked up in the manifest's `entries` and written `{"@": index, …varying}`.
VARYING = {
    "fact": ("value",),
    "value": ("value", "operands"),
    "other_result": ("value",),
    "table": ("key", "value", "status"),
    "compare": ("left_value", "right_value", "held"),
    "membership": ("value", "held"),
    "branch": ("value",),
    "band": ("held",),
    "not_applicable": ("held",),
    "outcome": ("status", "points", "max", "detail"),
}
# Per part, the usual values of fields that vary (a full score, nothing missing): a part
# equal to them leaves them out too. `expand` cannot tell a usual value from a static one,
# and need not: either is written only where the part differs.
def _usual(part: str, item: Mapping[str, Any]) -> dict[str, Any]:
    if part == "indicators":
        top = item.get("max")
        return {"points": top, "max": top, "status": "scored", "knockout_failed": False, "missing": []}
    if part == "criteria":
        return {"points": item.get("full_max"), "max": item.get("full_max")}
    return {"held": True, "indicators": []}
MIN_TEXT = 8  # shorter texts are written as they are: a reference would not be shorter
ABSENT = "-"  # in a compact part: manifest fields the full part does not have
_EXPRESSIONS = typing.get_args(ast.Expr)


def _digest(body: Mapping[str, Any]) -> str:
    canonical = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _texts(node: Any, found: dict[str, None], depth: int = 0) -> None:
    """Every text of the composed spec a trace can quote: expressions as written, descriptions."""
    if depth > 200:  # the AST is bounded by the checker; this only guards the recursion
        return
    if isinstance(node, str):
        if len(node) >= MIN_TEXT:
            found.setdefault(node)
        return
    if isinstance(node, _EXPRESSIONS):
        found.setdefault(expr_text(node))
    if isinstance(node, (tuple, list)):
        for item in node:
            _texts(item, found, depth + 1)
    elif isinstance(node, Mapping):
        for item in node.values():
            _texts(item, found, depth + 1)
    elif hasattr(type(node), "__attrs_attrs__"):
        for field in type(node).__attrs_attrs__:
            if field.name != "span":
                _texts(getattr(node, field.name), found, depth + 1)


def spec_manifest(compiled: CompiledSpec, as_of: datetime.date) -> dict[str, Any]:
    """The static part of every `ytxa-result/1` of `compiled` (scored as of `as_of`'s amendments).

    The parts are taken from a result document itself (a station with no facts), so they
    are written exactly as `to_dict` writes them."""
    probe = compiled.evaluate({}, as_of, trace=True).to_dict()
    found: dict[str, None] = {}
    _texts(compiled.document, found)
    _texts(tuple(compiled.scope.facts.values()), found)
    entries: dict[str, dict[str, Any]] = {}
    orders: dict[str, list[str]] = {}
    for document in [probe, *_probes(compiled, as_of)]:
        for indicator in document["indicators"]:
            for entry in indicator.get("trace", ()):
                _texts(entry, found)
                kind = entry["kind"]
                if kind in VARYING:
                    static = _static(entry)
                    entries.setdefault(_key(static), static)
                    orders.setdefault(f"trace.{kind}", list(entry))
    body: dict[str, Any] = {
        "schema": MANIFEST_SCHEMA,
        "engine": probe["engine"],
        "spec": probe["spec"],
        "order": {"result": list(probe), **{part: list(probe[part][0]) if probe[part] else [] for part in STATIC}, **orders},
        **{part: [{**{k: item[k] for k in keys if k in item}, **_usual(part, item)} for item in probe[part]] for part, keys in STATIC.items()},
        "texts": sorted(found, key=lambda text: (len(text), text)),
        "entries": sorted(entries.values(), key=_key),
    }
    return {"digest": _digest(body), **body}


def _probes(compiled: CompiledSpec, as_of: datetime.date) -> Iterator[dict[str, Any]]:
    """Results of two made-up stations (every fact at its least, then at a larger value), for
    the static parts of the trace entries scoring takes; a probe the facts' bounds refuse
    is left out (its entries are then written in full: bigger, never wrong)."""
    from ytxa_rules.errors import FactsError

    for high in (False, True):
        facts: dict[str, Any] = {}
        for name, fact in compiled.scope.facts.items():
            kind, values = fact.type.kind, fact.type.values
            if kind == "bool":
                facts[name] = high
            elif kind == "enum" and values:
                facts[name] = values[-1] if high else values[0]
            elif kind in ("count", "decimal", "percent"):
                facts[name] = 1 if high else 0
        try:
            yield compiled.evaluate(facts, as_of, trace=True).to_dict()
        except FactsError:
            continue


def _static(entry: Mapping[str, Any]) -> dict[str, Any]:
    varying = VARYING[entry["kind"]]
    return {k: v for k, v in entry.items() if k not in varying}


def _key(static: Mapping[str, Any]) -> str:
    return json.dumps(static, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _same(a: Any, b: Any) -> bool:
    """Equal and of the same JSON type (1, 1.0 and true are three values here)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(v, b[k]) for k, v in a.items())
    return bool(a == b)


def _wrong_manifest(manifest: Mapping[str, Any], document: Mapping[str, Any]) -> UsageError:
    spec = document.get("spec") or {}
    return UsageError([error("U110", None, digest=str(manifest.get("digest", "—")), spec=str(spec.get("id", "—")))])


def _differing(item: Mapping[str, Any], template: Mapping[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in item.items() if k not in template or not _same(v, template[k])}
    absent = [k for k in template if k not in item]
    if absent:
        out[ABSENT] = absent
    return out


def _restored(item: Mapping[str, Any], template: Mapping[str, Any], order: list[str]) -> dict[str, Any]:
    absent = set(item.get(ABSENT, ()))
    merged = {**{k: v for k, v in template.items() if k not in absent}, **{k: v for k, v in item.items() if k != ABSENT}}
    keys = [k for k in order if k in merged] + [k for k in merged if k not in order]
    return {k: merged[k] for k in keys}


def _entry_compact(entry: Mapping[str, Any], index: Mapping[str, int], entries: Mapping[str, int]) -> dict[str, Any]:
    kind = entry.get("kind")
    if kind in VARYING:
        found = entries.get(_key(_static(entry)))
        if found is not None:
            return {"@": found, **{k: entry[k] for k in VARYING[kind] if k in entry}}
    return {k: ({"$": index[v]} if type(v) is str and len(v) >= MIN_TEXT and v in index and k != "kind" else v) for k, v in entry.items()}


def _entry_expanded(entry: Mapping[str, Any], texts: list[str], manifest: Mapping[str, Any]) -> dict[str, Any]:
    if "@" in entry:
        template = manifest["entries"][entry["@"]]
        merged = {**template, **{k: v for k, v in entry.items() if k != "@"}}
        order = manifest["order"].get(f"trace.{template['kind']}", [])
        keys = [k for k in order if k in merged] + [k for k in merged if k not in order]
        return {k: merged[k] for k in keys}
    return {k: (texts[v["$"]] if type(v) is dict and v.keys() == {"$"} else v) for k, v in entry.items()}


def _indexes(manifest: Mapping[str, Any]) -> tuple[dict[str, int], dict[str, int]]:
    """Text -> position and entry -> position, cached on the manifest's digest (a batch compacts thousands)."""
    digest = manifest["digest"]
    cached = _INDEXES.get(digest)
    if cached is None:
        texts = {text: i for i, text in enumerate(manifest["texts"])}
        cached = _INDEXES[digest] = (texts, {_key(e): i for i, e in enumerate(manifest["entries"])})
    return cached


_INDEXES: dict[str, tuple[dict[str, int], dict[str, int]]] = {}


def compact(document: Mapping[str, Any], manifest: Mapping[str, Any]) -> dict[str, Any]:
    """The compact form of a full result document; U110 if `manifest` is not of its spec."""
    if not _same(document.get("spec"), manifest["spec"]) or not _same(document.get("engine"), manifest["engine"]):
        raise _wrong_manifest(manifest, document)
    index, entries = _indexes(manifest)
    out: dict[str, Any] = {"schema": document["schema"], "manifest": {"digest": manifest["digest"]}}
    for key, value in document.items():
        if key in ("schema", "engine", "spec"):
            continue
        if key not in STATIC:
            out[key] = value
            continue
        templates = manifest[key]
        if len(value) != len(templates):
            raise _wrong_manifest(manifest, document)
        parts = []
        for item, template in zip(value, templates):
            part = _differing(item, template)
            if "trace" in part:
                part["trace"] = [_entry_compact(e, index, entries) for e in part["trace"]]
            parts.append(part)
        out[key] = parts
    return out


def expand(document: Mapping[str, Any], manifests: Mapping[str, Any]) -> dict[str, Any]:
    """The full result document of a compact one. `manifests`: one manifest, or manifests by digest."""
    digest = (document.get("manifest") or {}).get("digest")
    manifest = manifests if "texts" in manifests else manifests.get(digest)  # type: ignore[arg-type]
    if not isinstance(manifest, Mapping) or manifest.get("digest") != digest:
        raise UsageError([error("U111", None, digest=str(digest))])
    texts, order = manifest["texts"], manifest["order"]
    body: dict[str, Any] = {"schema": document["schema"], "engine": manifest["engine"], "spec": manifest["spec"]}
    for key, value in document.items():
        if key in ("schema", "manifest"):
            continue
        if key not in STATIC:
            body[key] = value
            continue
        parts = []
        for item, template in zip(value, manifest[key]):
            part = _restored(item, template, order[key])
            if "trace" in part:
                part["trace"] = [_entry_expanded(e, texts, manifest) for e in part["trace"]]
            parts.append(part)
        body[key] = parts
    keys = [k for k in order["result"] if k in body] + [k for k in body if k not in order["result"]]
    return {k: body[k] for k in keys}
