"""The project store: schema, migrations and queries. SQL lives here only."""

from workbench.store.db import now, open_db, transaction

__all__ = ["now", "open_db", "transaction"]
