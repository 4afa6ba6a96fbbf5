"""The project store: schema, migrations and queries. SQL lives here only.

A project lives in an SQLite file or a PostgreSQL database; both are reached through
:class:`~workbench.store.connection.Database` (see ``connection.py``).
"""

from workbench.store.connection import Database
from workbench.store.db import new_database, now, open_db, transaction

__all__ = ["Database", "new_database", "now", "open_db", "transaction"]
