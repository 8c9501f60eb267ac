"""The OpenAPI document at `/openapi.json`: Litestar's, plus what it cannot see.

Handlers read their bodies as bytes (to keep exact decimals, duplicate-key errors and
line numbers), so Litestar does not know their shape; each handler states it in
`opt["body"]` (media type → JSON Schema) and `opt["produces"]` (the media types of its
200 reply), and `patch` writes them into the document. Every operation also gets the error
responses it can give, all described by one `ErrorDocument` schema.
"""

from __future__ import annotations

from typing import Any

from litestar import Request
from litestar.openapi.plugins import JsonRenderPlugin

ERROR_ITEM = {
    "type": "object",
    "required": ["code", "severity", "message", "message_vi", "message_en"],
    "properties": {
        "code": {"type": "string", "pattern": "^[EWFUN][0-9]{3}$"},
        "severity": {"type": "string", "enum": ["error", "warning", "note"]},
        "message": {"type": "string"},
        "message_vi": {"type": "string"},
        "message_en": {"type": "string"},
        "field": {"type": ["string", "null"]},
        "row": {"type": ["integer", "null"]},
        "line": {"type": ["integer", "null"]},
        "column": {"type": ["integer", "null"]},
        "column_letter": {"type": ["string", "null"], "description": "a spreadsheet upload: the cell's column (C)"},
        "header": {"type": ["string", "null"], "description": "a spreadsheet upload: the column's header as written"},
        "cell": {"type": ["string", "null"], "description": "a spreadsheet upload: the cell as read (clipped)"},
    },
}
ERROR_DOCUMENT = {
    "type": "object",
    "required": ["status", "errors"],
    "properties": {"status": {"type": "integer"}, "errors": {"type": "array", "items": {"$ref": "#/components/schemas/ErrorItem"}}},
}
FACTS = {
    "type": "object",
    "description": "One station's facts: fact name → value (the data dictionary is GET /v1/specs/{spec}/facts).",
    "additionalProperties": True,
}
STATUS_WORDS = {
    400: "Bad request: a parameter or the body cannot be read",
    401: "Not signed in",
    403: "Signed in, but not allowed (role, province or CSRF)",
    404: "Not found (or outside your provinces)",
    409: "Conflict with the stored state (workflow, commune's province)",
    413: "Body or batch too large",
    415: "Content type not supported",
    422: "The facts (or the text) are understood but wrong",
    504: "The request ran over its time limit",
}


def errors_for(permission: str, *codes: int) -> list[int]:
    base = [400, 504] if permission == "public" else [400, 401, 403, 504]
    return sorted(set(base) | set(codes))


def patch(document: dict[str, Any], request: Request) -> dict[str, Any]:  # type: ignore[type-arg]
    components = document.setdefault("components", {}).setdefault("schemas", {})
    components["ErrorItem"] = ERROR_ITEM
    components["ErrorDocument"] = ERROR_DOCUMENT
    schemes = document["components"].setdefault("securitySchemes", {})
    schemes["bearer"] = {"type": "http", "scheme": "bearer", "description": "`ytxa_…` token from `ytxa serve` or `ytxa users add`"}
    for route in request.app.routes:
        for handler in getattr(route, "route_handlers", []):
            opt = handler.opt
            if "permission" not in opt or not handler.include_in_schema:
                continue
            for method in handler.http_methods:
                operation = document.get("paths", {}).get(route.path_format if hasattr(route, "path_format") else route.path, {}).get(method.lower())
                if operation is None:
                    continue
                _patch_operation(operation, opt)
    return document


def _patch_operation(operation: dict[str, Any], opt: dict[str, Any]) -> None:
    for name, schema in opt.get("query", {}).items():  # read from the query string by hand (`state` is a reserved word)
        operation.setdefault("parameters", []).append({"name": name, "in": "query", "required": False, "schema": schema})
    if opt.get("body"):
        operation["requestBody"] = {
            "required": opt.get("body_required", True),
            "content": {media: {"schema": schema} for media, schema in opt["body"].items()},
        }
    responses = operation.setdefault("responses", {})
    produces = opt.get("produces")
    success = opt.get("success", 200)
    if produces:
        described = responses.pop("200", None) or responses.pop(str(success), None) or {"description": "OK"}
        described["content"] = {media: {"schema": schema} for media, schema in produces.items()}
        responses[str(success)] = described
    for status in errors_for(opt["permission"], *opt.get("errors", ())):
        responses[str(status)] = {
            "description": STATUS_WORDS.get(status, "Error"),
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorDocument"}}},
        }
    if opt["permission"] != "public":
        operation["security"] = [{"bearer": []}]
    else:
        operation.pop("security", None)


class PatchedJsonPlugin(JsonRenderPlugin):
    """Serves the patched document at /openapi.json (no UI page: nothing from a CDN)."""

    def render(self, request: Request, openapi_schema: dict[str, Any]) -> bytes:  # type: ignore[type-arg]
        return self.render_json(request, patch(dict(openapi_schema), request))
