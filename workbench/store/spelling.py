"""Queries on the project's spelling word list (words never flagged as misspelled)."""

from __future__ import annotations

from typing import Any

from workbench.store.connection import Database
from workbench.store.db import now

Row = dict[str, Any]


def words(db: Database) -> list[Row]:
    """Every word of the list (id, word, folded, author, at), alphabetically."""
    return list(db.query("SELECT * FROM spelling_words ORDER BY folded, id"))


def find_word(db: Database, folded: str) -> Row | None:
    """The entry of a word (compared case-folded), or None."""
    return next(iter(db.query("SELECT * FROM spelling_words WHERE folded = ?", [folded])), None)


def add_word(db: Database, word: str, folded: str, author: str) -> int:
    """Add a word (its folded form must be new) and return its id."""
    return db.insert(
        "INSERT INTO spelling_words (word, folded, author, at) VALUES (?, ?, ?, ?)",
        [word, folded, author, now()],
    )


def remove_word(db: Database, folded: str) -> int:
    """Remove a word (compared case-folded); how many rows went."""
    return db.execute("DELETE FROM spelling_words WHERE folded = ?", [folded]).rowcount
