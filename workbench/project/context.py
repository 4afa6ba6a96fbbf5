"""What every part of the Project service shares: the open database, its path and the author."""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from workbench.store import transaction

Row = dict[str, Any]


@dataclass
class ProjectContext:
    """One open project: its database connection, where it lives, and who is working."""

    db: sqlite_utils.Database
    path: Path
    author: str

    def transaction(self) -> AbstractContextManager[sqlite_utils.Database]:
        """A write transaction on the project (nested calls are savepoints)."""
        return transaction(self.db)

    def close(self) -> None:
        """Close the database connection."""
        self.db.conn.close()

