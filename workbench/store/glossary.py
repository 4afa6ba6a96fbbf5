"""Queries on the project's glossary entries."""

from __future__ import annotations

from workbench.glossary.model import Entry, Glossary
from workbench.store.connection import Database


def replace_glossary(db: Database, glossary: Glossary) -> None:
    """Replace all glossary entries with ``glossary``'s."""
    db.execute("DELETE FROM glossary")
    db.executemany(
        "INSERT INTO glossary (term, rendering, comment, forbidden) VALUES (?, ?, ?, ?)",
        ((e.term, e.rendering, e.comment, ";".join(e.forbidden)) for e in glossary.entries),
    )


def add_entry(db: Database, entry: Entry) -> None:
    """Add one entry after the others."""
    db.execute(
        "INSERT INTO glossary (term, rendering, comment, forbidden) VALUES (?, ?, ?, ?)",
        (entry.term, entry.rendering, entry.comment, ";".join(entry.forbidden)),
    )


def load_glossary(db: Database) -> Glossary:
    """The project's glossary."""
    return Glossary(
        [
            Entry(term, rendering, comment, tuple(f for f in forbidden.split(";") if f))
            for term, rendering, comment, forbidden in db.execute(
                "SELECT term, rendering, comment, forbidden FROM glossary ORDER BY id"
            )
        ]
    )
