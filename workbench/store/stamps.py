"""The QA stamp: a counter that the schema's triggers move on every change of what a
segment's QA checks read besides the segment (glossary, spelling word list, dictionaries,
external memories and their words). A client keeps what it built from those (the glossary's
matcher, the spell checker's known words) while the stamp it reads is the one they were
built under; any client's change, committed, moves it."""

from __future__ import annotations

from workbench.store.connection import Database

QA_STAMP = "(SELECT stamp FROM qa_stamp WHERE id = 1)"
"""The stamp as a scalar subquery (for a statement that reads it with other things)."""


def qa_stamp(db: Database) -> int:
    """The QA stamp now."""
    return int(db.execute(f"SELECT {QA_STAMP}").fetchone()[0])
