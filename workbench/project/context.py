"""What every part of the Project service shares: the open database, its path and the author."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from typing import Any

from workbench.errors import LockedError
from workbench.store import Database, transaction
from workbench.store import changes as q_changes
from workbench.store.connection import Location

Row = dict[str, Any]


@dataclass
class ProjectContext:
    """One open project: its database connection, where it lives, and who is working.

    ``group_id`` is the change group that the revisions written now belong to (see
    :meth:`change_group`), None outside one.
    """

    db: Database
    path: Location
    author: str
    group_id: int | None = None

    def transaction(self) -> AbstractContextManager[Database]:
        """A write transaction on the project (nested calls are savepoints)."""
        return transaction(self.db)

    def segment_transaction(self) -> AbstractContextManager[Database]:
        """A write transaction of one segment (lock its row first: ``lock_segment``); on
        PostgreSQL it runs beside other such writes (see ``store.db.transaction``)."""
        return transaction(self.db, segment=True)

    @contextmanager
    def change_group(
        self, document_id: int | None, kind: str, summary: str = ""
    ) -> Iterator[int]:
        """One transaction whose revisions form one change group (undone as one); its id.
        A group that changed nothing is not kept."""
        with self.transaction():
            group_id = q_changes.add_group(self.db, document_id, kind, self.author, summary)
            outer, self.group_id = self.group_id, group_id
            try:
                yield group_id
            finally:
                self.group_id = outer
            q_changes.drop_if_empty(self.db, group_id)

    def locked(self, segment_id: int) -> LockedError:
        """The refusal of a change of the locked segment ``segment_id``: how to unlock it,
        or, to a translator of a team project (the server refuses them an unlock), who may."""
        may_unlock = True
        if self.db.dialect == "postgresql":
            from workbench.store import team as q_team

            may_unlock = q_team.role_of(self.db) != "translator"  # type: ignore[arg-type]
        return LockedError(segment_id, may_unlock)

    def close(self) -> None:
        """Close the database connection."""
        self.db.close()
