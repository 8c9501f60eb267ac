"""docs/http-api.md, generated from the OpenAPI document (a test keeps the page in step)."""

from __future__ import annotations

import json
from typing import Any

HEADER = """# HTTP API reference

<!-- Generated from /openapi.json by ytxa_rules/service/reference.py; do not edit by hand.
     Regenerate: python -m pytest tests/service/test_service_openapi.py --update-golden -->

Every endpoint below is served by `ytxa serve` (see [Running the service](service.md)).
The machine-readable document is `GET /openapi.json` (OpenAPI {openapi}). Send
`Authorization: Bearer TOKEN` to every endpoint except the public ones; errors are always
an `ErrorDocument` (a status and located diagnostics in Vietnamese and English, see
[Diagnostics](diagnostics.md)).

"""


def _schema_text(schema: dict[str, Any]) -> str:
    if "$ref" in schema:
        return "`" + schema["$ref"].rsplit("/", 1)[-1] + "`"
    kind = schema.get("type", "object")
    if kind == "array":
        return "array of " + _schema_text(schema.get("items", {}))
    if isinstance(kind, list):
        kind = " or ".join(kind)
    if schema.get("properties"):
        names = ", ".join(f"`{name}`" for name in schema["properties"])
        return f"{kind} ({names})"
    return str(kind)


def _parameters(operation: dict[str, Any]) -> list[str]:
    rows = []
    for parameter in operation.get("parameters", []):
        schema = parameter.get("schema", {})
        kind = schema.get("type", "string") if "oneOf" not in schema else " or ".join(s.get("type", "?") for s in schema["oneOf"])
        if "enum" in schema:
            kind = " \\| ".join(f"`{v}`" for v in schema["enum"])
        required = "yes" if parameter.get("required") else "no"
        rows.append(f"| `{parameter['name']}` | {parameter['in']} | {kind} | {required} |")
    return rows


def _operation(path: str, method: str, operation: dict[str, Any]) -> list[str]:
    lines = [f"### `{method.upper()} {path}`", "", operation.get("summary", "").strip() + ".", ""]
    description = (operation.get("description") or "").strip()
    if description:
        lines += [description, ""]
    lines.append("Access: " + ("public." if not operation.get("security") else "Bearer token or signed-in session."))
    lines.append("")
    parameters = _parameters(operation)
    if parameters:
        lines += ["| parameter | in | type | required |", "|---|---|---|---|", *parameters, ""]
    body = operation.get("requestBody")
    if body:
        for media, content in body.get("content", {}).items():
            lines.append(f"- Body `{media}`: {_schema_text(content.get('schema', {}))}" + ("" if body.get("required", True) else " (optional)"))
        lines.append("")
    lines += ["| status | meaning | content |", "|---|---|---|"]
    for status, response in sorted(operation.get("responses", {}).items()):
        media = ", ".join(f"`{m}`" for m in response.get("content", {})) or "—"
        lines.append(f"| {status} | {response.get('description', '').strip()} | {media} |")
    lines.append("")
    return lines


def _tag(path: str) -> str:
    parts = path.strip("/").split("/")
    if parts[0] != "v1":
        return "Service"
    return {"evaluate": "Scoring", "explain": "Scoring", "batch": "Scoring", "specs": "Criteria", "check": "Criteria",
            "amendments": "Criteria", "impact": "Criteria", "assessments": "Assessments", "communes": "Assessments",
            "provinces": "Provinces", "me": "Service"}.get(parts[1], "Other")


def api_reference(document: dict[str, Any]) -> str:
    lines = [HEADER.format(openapi=document.get("openapi", "3.1"))]
    groups: dict[str, list[tuple[str, str, dict[str, Any]]]] = {}
    for path, item in document.get("paths", {}).items():
        for method in ("get", "post", "put", "delete", "patch"):
            if method in item:
                groups.setdefault(_tag(path), []).append((path, method, item[method]))
    for name in ("Service", "Scoring", "Criteria", "Assessments", "Provinces", "Other"):
        if name not in groups:
            continue
        lines += [f"## {name}", ""]
        for path, method, operation in groups[name]:
            lines += _operation(path, method, operation)
    schemas = document.get("components", {}).get("schemas", {})
    if "ErrorDocument" in schemas:
        lines += ["## Errors", "", "```json", json.dumps({"ErrorDocument": schemas["ErrorDocument"], "ErrorItem": schemas.get("ErrorItem")}, indent=2, ensure_ascii=False), "```", ""]
    return "\n".join(lines).rstrip("\n") + "\n"
