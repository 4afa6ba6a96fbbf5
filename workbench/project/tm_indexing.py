"""Keeping the store's matching index up to date: imported units, the project memory's new
units (added by the store's triggers when segments are confirmed), and the whole index when it
was made under another normalisation (an older version's)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from workbench.project.context import ProjectContext
from workbench.store import tm as q_tm
from workbench.tm.candidates import Postings
from workbench.tm.codes import Vocabulary
from workbench.tm.index import Indexer
from workbench.tm.pipeline import Batch
from workbench.tm.tokens import index_stamp

#: Posting entries gathered before they are written as one part (about 100,000 units).
PART_ENTRIES = 4_000_000
#: Posting parts of the project memory grow in place up to this many ids.
SMALL_PART = 4096
#: Pending project units indexed together (60,000 at once held ~270 MB; a chunk, a few MB).
PENDING_CHUNK = 2000


class Indexing:
    """Writes units and their matching data (keys, vocabulary, posting lists)."""

    def __init__(self, context: ProjectContext) -> None:
        self.context = context

    @property
    def db(self) -> Any:
        return self.context.db

    def store_units(self, memory_id: int, batches: Iterable[Batch]) -> int:
        """Add the units of ``batches`` to a memory with their matching data; how many."""
        vocabulary = Vocabulary(last=q_tm.last_code(self.db))
        indexer = Indexer(vocabulary, lambda tokens: q_tm.token_codes(self.db, tokens))
        part = q_tm.next_part(self.db, memory_id)
        count = 0
        for batch in batches:
            first = q_tm.reserve_unit_ids(self.db, len(batch.rows))
            ids = list(range(first, first + len(batch.rows)))
            indexed = indexer.index_numbers(ids, batch.numbers, batch.counts, batch.new)
            q_tm.insert_units(
                self.db,
                ((uid, memory_id, None, *row) for uid, row in zip(ids, batch.rows, strict=True)),
            )
            q_tm.add_keys(
                self.db,
                zip(ids, indexed.hashes, indexed.stems, indexed.words, strict=True),
            )
            q_tm.add_tokens(self.db, vocabulary.added)
            vocabulary.added.clear()
            if indexer.pending_entries() >= PART_ENTRIES:
                self._write_part(indexer, memory_id, part)
                part += 1
            count += len(ids)
        self._write_part(indexer, memory_id, part)
        q_tm.bump_generation(self.db)
        return count

    def _write_part(self, indexer: Indexer, memory_id: int, part: int) -> None:
        q_tm.add_postings(self.db, memory_id, part, indexer.take_posting_blobs())

    def index_pending(self) -> int:
        """Index the project units added since the last time (confirmed segments); return how
        many. Lookups do this first; it is one short write. A project open read-only leaves
        them to the next writer (until then they are not matched). An index made under
        another normalisation is made again first (see :meth:`reindex_if_stale`)."""
        if self.db.read_only or (
            (q_tm.index_stamp(self.db) == index_stamp() or not q_tm.has_keys(self.db))
            and not q_tm.has_pending(self.db)
        ):
            return 0
        with self.context.transaction():
            return self.index_pending_here()

    def index_pending_here(self) -> int:
        """:meth:`index_pending` inside the caller's transaction: a chunk at a time (memory
        stays flat, and no single step holds the interpreter long); the posting lists are
        merged once at the end."""
        self.reindex_if_stale()
        indexer: Indexer | None = None
        vocabulary: Vocabulary | None = None
        after, count = 0, 0
        while True:
            pending = q_tm.pending_units(self.db, after, PENDING_CHUNK)
            if not pending:
                break
            if indexer is None or vocabulary is None:
                vocabulary = Vocabulary(last=q_tm.last_code(self.db))
                indexer = Indexer(vocabulary, lambda tokens: q_tm.token_codes(self.db, tokens))
            ids = [uid for uid, _ in pending]
            indexed = indexer.index(ids, [source for _, source in pending])
            del pending
            q_tm.add_tokens(self.db, vocabulary.added)
            vocabulary.added.clear()
            q_tm.insert_keys(
                self.db, zip(ids, indexed.hashes, indexed.stems, indexed.words, strict=True)
            )
            q_tm.clear_pending(self.db, ids)
            after, count = ids[-1], count + len(ids)
        if indexer is None:
            return 0
        self._merge_postings(q_tm.PROJECT_MEMORY, indexer.take_postings())
        q_tm.bump_generation(self.db)
        return count

    def reindex_if_stale(self) -> None:
        """Inside the caller's transaction: when the index was made under another
        normalisation (or before it was recorded), make it again from the units' sources, as an
        import would; its words and stems were not those of today's queries (a vocalised unit
        indexed before شَيْءٌ became شيء scored 50 against its own text). An empty index is
        only stamped."""
        stamp = index_stamp()
        if q_tm.index_stamp(self.db) == stamp:
            return
        q_tm.set_index_stamp(self.db, stamp)
        if not q_tm.has_keys(self.db):
            return
        q_tm.clear_index(self.db)
        for memory in q_tm.memories(self.db):
            if memory["id"] != q_tm.PROJECT_MEMORY:
                self._reindex_memory(memory["id"])
        q_tm.bump_generation(self.db)  # the project's units: pending, indexed by the caller

    def _reindex_memory(self, memory_id: int) -> None:
        """Index an imported memory's units again (their keys and posting lists are gone)."""
        vocabulary = Vocabulary(last=q_tm.last_code(self.db))
        indexer = Indexer(vocabulary, lambda tokens: q_tm.token_codes(self.db, tokens))
        part, after = 0, 0
        while units := q_tm.memory_sources(self.db, memory_id, after, PENDING_CHUNK):
            ids = [uid for uid, _ in units]
            indexed = indexer.index(ids, [source for _, source in units])
            q_tm.add_tokens(self.db, vocabulary.added)
            vocabulary.added.clear()
            q_tm.add_keys(
                self.db, zip(ids, indexed.hashes, indexed.stems, indexed.words, strict=True)
            )
            if indexer.pending_entries() >= PART_ENTRIES:
                self._write_part(indexer, memory_id, part)
                part += 1
            after = ids[-1]
        self._write_part(indexer, memory_id, part)

    def _merge_postings(self, memory_id: int, postings: list[tuple[int, Postings]]) -> None:
        tokens = [t for t, _ in postings]
        small = q_tm.small_parts(self.db, memory_id, tokens, SMALL_PART)
        part = q_tm.next_part(self.db, memory_id)
        rows: list[tuple[int, int, int, tuple[bytes, bytes, bytes]]] = []
        for token, post in postings:
            number = part
            if token in small:
                number, blobs = small[token]
                old = Postings.from_blobs(*blobs)
                ids = np.concatenate([old.ids, post.ids])
                ids, first = np.unique(ids, return_index=True)
                post = Postings(
                    ids, np.concatenate([old.lens, post.lens])[first],
                    np.concatenate([old.pos, post.pos])[first],
                    np.concatenate([old.form, post.form])[first],
                )
            rows.append((token, number, len(post), post.blobs()))
        q_tm.put_postings(self.db, memory_id, rows)
