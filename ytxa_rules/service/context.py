"""The one object a running service holds: settings, database, criteria and the stores.

Built once by `create_app` (or by `ytxa history` and `ytxa users`, which need the same
store without the HTTP part) and handed to every route as the `service` dependency.
"""

from __future__ import annotations

import attrs

from ytxa_rules.plans.nodes import Plan
from ytxa_rules.service.adapters.plans import TargetSource, target_source
from ytxa_rules.service.criteria import Criteria
from ytxa_rules.service.settings import Settings
from ytxa_rules.service.store.assessments import Assessments
from ytxa_rules.service.store.database import Database
from ytxa_rules.service.store.drafts import Drafts
from ytxa_rules.service.store.users import Users


@attrs.define
class Service:
    settings: Settings
    db: Database
    users: Users
    assessments: Assessments
    drafts: Drafts
    targets: TargetSource
    criteria: Criteria

    @classmethod
    def open(cls, settings: Settings, migrate: bool = True) -> Service:
        db = Database(settings.database_url)
        if migrate:
            db.migrate()
        criteria = Criteria(settings.spec_paths, settings.document)
        plans = [source.tree for source in criteria.library.plans.values() if isinstance(source.tree, Plan)]
        return cls(
            settings=settings,
            db=db,
            users=Users(db),
            assessments=Assessments(db),
            drafts=Drafts(db),
            targets=target_source(db, plans, criteria.default_id),
            criteria=criteria,
        )

    @classmethod
    def store_only(cls, settings: Settings) -> Service:
        """For the command line: the same stores, criteria loaded as the server loads them."""
        return cls.open(settings, migrate=True)
