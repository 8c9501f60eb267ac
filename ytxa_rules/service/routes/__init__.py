"""The HTTP API, one module per area; each exposes `HANDLERS`.

Every handler names the permission it needs in `opt["permission"]` (see `auth.PERMISSIONS`);
the guard in `common` checks it before the handler runs, and `create_app` refuses to start
when a handler names none, so no endpoint can be left open by forgetting.
"""
