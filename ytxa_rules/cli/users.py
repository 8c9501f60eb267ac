"""`ytxa users add|list|revoke|token`: the service's users, their roles, provinces and tokens."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TextIO

from ytxa_rules.cli.common import OK, Command
from ytxa_rules.cli.service_common import database_option, settings
from ytxa_rules.service.auth import ROLES


def _configure(sub: argparse.ArgumentParser) -> None:
    actions = sub.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="create a user and print its first API token")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--role", required=True, choices=ROLES, help="what the user may do")
    add.add_argument("--province", action="append", default=[], metavar="NAME", help="a province the user works in (repeatable; * for all)")
    add.add_argument("--commune", action="append", default=[], metavar="CODE", help="data officers: only these communes (repeatable)")
    add.add_argument("--password-stdin", action="store_true", help="read a password for the web sign-in from standard input")
    database_option(add)
    listing = actions.add_parser("list", help="list users, roles and provinces")
    listing.add_argument("--format", choices=("text", "json"), default="text")
    database_option(listing)
    revoke = actions.add_parser("revoke", help="revoke a user and all its tokens")
    revoke.add_argument("name", metavar="NAME")
    database_option(revoke)
    token = actions.add_parser("token", help="issue another API token for a user")
    token.add_argument("name", metavar="NAME")
    database_option(token)


def _users(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from ytxa_rules.service.store.database import Database
    from ytxa_rules.service.store.users import Users

    database = Database(settings(args).database_url)
    database.migrate()
    users = Users(database)
    if args.action == "add":
        password = sys.stdin.readline().rstrip("\n") if args.password_stdin else None
        token = users.add(args.name, args.role, args.province, args.commune, password or None)
        print(f"token: {token}", file=out)
    elif args.action == "token":
        print(f"token: {users.new_token(args.name)}", file=out)
    elif args.action == "revoke":
        count = users.revoke(args.name)
        print(f"revoked {args.name} ({count} token(s))", file=out)
    else:
        found = users.list()
        if args.format == "json":
            rows = [
                {"name": u.name, "role": u.role, "provinces": list(u.provinces), "communes": list(u.communes), "active_tokens": u.tokens, "revoked": u.revoked}
                for u in found
            ]
            json.dump(rows, out, ensure_ascii=False, indent=2)
            out.write("\n")
        else:
            for u in found:
                scope = ",".join(u.provinces) + (f" [{','.join(u.communes)}]" if u.communes else "")
                state = "revoked" if u.revoked else f"{u.tokens} token(s)"
                print(f"{u.name:<20} {u.role:<14} {scope:<30} {state}", file=out)
    database.dispose()
    return OK


COMMANDS = (Command("users", "manage the service's users and API tokens", _configure, _users),)
