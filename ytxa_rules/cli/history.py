"""`ytxa history commune|shares|what-if`: the service's stored history, from the console.

The same queries as the API (`/v1/communes/{code}/history`, `/v1/provinces/{p}/shares`,
`/v1/impact` on stored records), run straight on the database the server uses.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any, TextIO

from ytxa_rules.atomic import atomic_output
from ytxa_rules.cli.common import OK, Command, lang_option
from ytxa_rules.cli.service_common import database_option, operator, settings
from ytxa_rules.diagnostics import error
from ytxa_rules.errors import SpecError
from ytxa_rules.messages.commands import COMMAND_WORDS
from ytxa_rules.messages.texts import pick
from ytxa_rules.render.numbers import number


def _w(key: str, lang: str, *args: Any) -> str:
    return pick(COMMAND_WORDS, "history." + key, lang, *args)


def _configure(sub: argparse.ArgumentParser) -> None:
    queries = sub.add_subparsers(dest="query", required=True)
    commune = queries.add_parser("commune", help="every stored version of one commune")
    commune.add_argument("code", metavar="CODE", help="the commune's code (ma_xa)")
    shares = queries.add_parser("shares", help="share of communes recognised per year, against the plan targets")
    shares.add_argument("province", metavar="PROVINCE")
    what_if = queries.add_parser("what-if", help="re-score the stored history under an amendment (nothing is overwritten)")
    what_if.add_argument("--amendment", required=True, metavar="FILE", help="the amendment's spec file")
    what_if.add_argument("--province", metavar="PROVINCE", help="only this province")
    what_if.add_argument("--year", type=int, metavar="YEAR", help="only this assessment year")
    for query in (commune, shares, what_if):
        database_option(query)
        query.add_argument("--format", choices=("text", "json"), default="text")
        query.add_argument("-o", "--output", metavar="FILE", help="write to FILE (atomically) instead of standard output")
        lang_option(query)


def _history(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from ytxa_rules.service.context import Service

    service = Service.store_only(settings(args))
    try:
        data = _query(service, args)
    finally:
        service.db.dispose()
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n" if args.format == "json" else _text(args.query, data, args.lang)
    if args.output:
        with atomic_output(args.output) as stream:
            stream.write(text)
    else:
        out.write(text)
    return OK


def _query(service: Any, args: argparse.Namespace) -> dict[str, Any]:
    from ytxa_rules.service.adapters.impact import Station, compare
    from ytxa_rules.service.auth import province_key
    from ytxa_rules.service.routes.provinces import shares
    from ytxa_rules.service.submission import stored_facts

    if args.query == "commune":
        result: dict[str, Any] = service.assessments.history(operator(), args.code)
        return result
    if args.query == "shares":
        result = shares(service, province_key(args.province))
        return result
    try:
        text = Path(args.amendment).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SpecError([error("E001", None, path=args.amendment)]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SpecError([error("E003", None, path=args.amendment, reason=str(exc))]) from None
    after, amendment = service.criteria.with_amendment(text)
    keys = [province_key(args.province)] if args.province else [p["key"] for p in service.assessments.provinces(operator())]
    rows = service.assessments.latest_rows(keys, args.year)
    stations = [Station({"id": r.id, "commune": r.commune_code, "year": r.year}, stored_facts(r.facts), r.as_of) for r in rows]
    result = compare(service.criteria.default, after, amendment, stations, lang=args.lang)
    return result


def _verdict(passed: bool | None, lang: str) -> str:
    return _w({True: "passed", False: "not_passed", None: "undecided"}[passed], lang)


def _text(query: str, data: dict[str, Any], lang: str) -> str:
    lines: list[str] = []
    if query == "commune":
        commune = data["commune"]
        lines.append(f"{commune['name']} ({commune['code']}), {commune['area'] or '—'}, {commune['province']}")
        for v in data["versions"]:
            events = "; ".join(f"{e['to']} {e['by']} {e['at']}" + (f" — {e['reason']}" if e["reason"] else "") for e in v["events"])
            lines.append(f"  {v['year']} v{v['version']}  {v['total']}/{v['max']}  {_verdict(v['passed'], lang):<14} {v['state']:<14} {events}")
    elif query == "shares":
        lines.append(data["province"])
        for y in data["years"]:
            share = number(_fraction(y["share_recognised"]), lang, percent=True) if y["share_recognised"] is not None else "—"
            target = f"{_w('target', lang)} {number(_fraction(y['target']), lang, percent=True)} ({y['target_source']})" if y["target"] is not None else ""
            met = "" if y["met"] is None else _w("met" if y["met"] else "not_met", lang)
            lines.append(f"  {y['year']}: {y['recognised']}/{y['assessed']} {_w('recognised', lang)} = {share}  {target} {met}".rstrip())
    else:
        lines.append(f"{data['amendment']['id']} ({data['amendment']['effective']})")
        lines.append("  " + _w("changed", lang, data["changed_verdict"], data["changed_points"], data["stations"]))
        for c in data["changes"]:
            lines.append(
                f"  {c['commune']} {c['year']}: {c['before']['total']}/{c['before']['max']} {_verdict(c['before']['passed'], lang)}"
                f" → {c['after']['total']}/{c['after']['max']} {_verdict(c['after']['passed'], lang)}  ({', '.join(c['indicators'])})"
            )
        for e in data["errors"]:
            lines.append(f"  {e.get('commune')} {e.get('year')}: {e['code']} {e['message']}")
    return "\n".join(lines) + "\n"


def _fraction(value: Any) -> Any:
    from fractions import Fraction

    return Fraction(str(value))


COMMANDS = (Command("history", "the service's stored assessment history", _configure, _history),)
