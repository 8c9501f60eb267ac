"""The province's service: an HTTP API, an assessment store and a dashboard over the public API.

The service is one more adapter over `ytxa_rules.load` / `Spec.evaluate`: handlers parse a
request, call the library, store what it returns (`ytxa-result/1` documents with their spec
digests) and render. Installed with the `serve` extra; `ytxa serve` starts it.

    from ytxa_rules.service.app import create_app
    from ytxa_rules.service.settings import Settings
    app = create_app(Settings.from_env())      # an ASGI app; uvicorn serves it

Layout: `settings` (what can be configured), `errors` (located JSON diagnostics), `auth`
(roles, tokens, sessions, CSRF), `store/` (tables, migrations, queries), `engine` (the
library calls), `intake` (request bodies to facts), `adapters/` (one module per feature
another part of the package provides: spreadsheet readers, plan files, HTML pages, impact), `routes/`
(the API, one module per area) and `web/` (the dashboard).
"""
