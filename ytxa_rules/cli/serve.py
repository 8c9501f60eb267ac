"""`ytxa serve`: the HTTP API and the dashboard, on uvicorn, with the assessment store.

On first start with an empty database it runs the migrations, creates the user `admin`
and prints `admin token: TOKEN` on one line (the only time the token is shown).
"""

from __future__ import annotations

import argparse
import logging
from typing import TextIO

from ytxa_rules.cli.common import OK, Command, spec_options
from ytxa_rules.cli.service_common import database_option, settings


def _configure(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)")
    sub.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    database_option(sub)
    spec_options(sub)
    sub.add_argument("--log-level", choices=("critical", "error", "warning", "info", "debug"), default="info", help="server log level (default info)")


def _serve(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    config = settings(args, spec_paths=tuple(args.spec or ()), document=args.document)
    import uvicorn

    from ytxa_rules.service.app import create_app
    from ytxa_rules.service.context import Service

    handler = logging.StreamHandler(err)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger = logging.getLogger("ytxa")
    logger.addHandler(handler)
    logger.setLevel(args.log_level.upper())
    service = Service.open(config)
    token = service.users.ensure_admin()
    if token is not None:
        print(f"admin token: {token}", file=out, flush=True)
    print(f"ytxa: http://{args.host}:{args.port}/ ({service.db.url.get_backend_name()})", file=out, flush=True)
    app = create_app(config, service)
    server = uvicorn.Server(uvicorn.Config(app, host=args.host, port=args.port, log_level=args.log_level, access_log=args.log_level == "debug"))
    server.run()
    service.db.dispose()
    return OK


COMMANDS = (Command("serve", "run the HTTP API and the dashboard", _configure, _serve),)
