"""Queries on the English words of the external translation memories (``tm_words``): written
when a memory is imported, read by the spell checker (words it never flags). Memories imported
before the table existed wait in ``tm_words_pending`` until the service reads their English."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from workbench.store.connection import Database

PAGE = 5_000


def add_words(db: Database, memory_id: int, words: Iterable[str]) -> None:
    """Store a memory's distinct words (folded; each once)."""
    db.insert_rows("tm_words", ("memory_id", "word"), ((memory_id, w) for w in words))


def external_memories(db: Database) -> tuple[tuple[int, str, str], ...]:
    """(id, name, created_at) of every external memory, by id: changes when one comes or goes."""
    return tuple(
        (int(i), str(n), str(c))
        for i, n, c in db.execute(
            "SELECT id, name, created_at FROM tm_memories WHERE kind = 'external' ORDER BY id"
        )
    )


def words(db: Database) -> Iterator[str]:
    """The words of every external memory (a word held by several memories comes once each)."""
    for (word,) in db.execute(
        "SELECT w.word FROM tm_words w JOIN tm_memories m ON m.id = w.memory_id "
        "WHERE m.kind = 'external'"
    ):
        yield word


def pending(db: Database) -> list[int]:
    """The memories whose words were never read (imported before ``tm_words`` existed)."""
    return [int(r[0]) for r in db.execute("SELECT memory_id FROM tm_words_pending ORDER BY 1")]


def take_pending(db: Database, memory_id: int) -> bool:
    """Inside a write transaction: claim a waiting memory (False: another did it already)."""
    cursor = db.execute("DELETE FROM tm_words_pending WHERE memory_id = ?", [memory_id])
    return bool(cursor.rowcount)


def targets(db: Database, memory_id: int) -> Iterator[list[str]]:
    """The English of a memory's units, a page at a time (by id)."""
    after = 0
    while True:
        page = list(db.execute(
            "SELECT id, target FROM tm_units WHERE memory_id = ? AND id > ? ORDER BY id LIMIT ?",
            [memory_id, after, PAGE],
        ))
        if page:
            yield [t for _, t in page]
        if len(page) < PAGE:
            return
        after = int(page[-1][0])


def delete_words(db: Database, memory_id: int) -> None:
    """Forget a memory's words (with the memory)."""
    db.execute("DELETE FROM tm_words WHERE memory_id = ?", [memory_id])
    db.execute("DELETE FROM tm_words_pending WHERE memory_id = ?", [memory_id])
