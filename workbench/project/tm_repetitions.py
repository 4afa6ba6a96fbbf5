"""Repetitions: segments of a document with the same normalised source, and propagation of a
confirmed translation to them.

A document's repetitions are found from compact keys: each segment's normalised source is
computed a page of segments at a time and kept only as a 64-bit hash, in numpy arrays (a
100,000-segment document: 1.6 MB, where its key strings took ~30 MB and the whole computation
peaked far above). Two different sources share a hash with a chance of about one in 10^9 for a
document of 100,000 segments; propagation, which writes, compares the keys themselves.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np

from workbench.errors import WorkbenchError
from workbench.project.catalog import Catalog, Document
from workbench.project.checking import Checking
from workbench.project.context import ProjectContext
from workbench.project.reading import Reader, Segment, to_segment
from workbench.statuses import Status
from workbench.store import documents as q_docs
from workbench.store import history as q_history
from workbench.store import tm as q_tm
from workbench.store import versions as q_versions
from workbench.text.normalize import normalize_arabic_many

CONFIRMED = frozenset({"translated", "reviewed", "approved"})
OPEN = frozenset({"new", "draft"})


#: Sources normalised together: the vectorised pass holds a whole batch as arrays, so a
#: 100,000-segment document in one batch peaks at ~450 MB; in batches of this size ~40 MB,
#: in the same time. Also the page of segments read at a time for a document's keys.
KEY_BATCH = 2000


def match_keys(sources: Sequence[str]) -> list[str]:
    """The normalised keys of many sources (as text.normalize.match_key, computed in batches)."""
    return [
        " ".join(t.split())
        for i in range(0, len(sources), KEY_BATCH)
        for t in normalize_arabic_many(sources[i : i + KEY_BATCH])
    ]


def key_hash(key: str) -> int:
    """A key's compact form (0: the empty key, which repeats nothing)."""
    return hash(key) if key else 0


@dataclass(frozen=True)
class DocumentKeys:
    """A document's segment ids in order and the hashes of their keys (0: no key)."""

    ids: np.ndarray  # int64, document order
    hashes: np.ndarray  # int64, the same order

    def repeated(self) -> np.ndarray:
        """A mask: the segments whose key occurs more than once in the document."""
        keyed = self.hashes != 0
        _, inverse, counts = np.unique(self.hashes, return_inverse=True, return_counts=True)
        return keyed & (counts[inverse.reshape(-1)] > 1)

    @cached_property
    def repeated_set(self) -> frozenset[int]:
        """The ids of the segments whose key occurs more than once (found once per keys)."""
        return frozenset(self.ids[self.repeated()].tolist())


class Repetitions:
    """Which segments repeat each other, and propagation on confirmation."""

    def __init__(
        self, context: ProjectContext, catalog: Catalog, reader: Reader, checking: Checking
    ) -> None:
        self.context = context
        self.catalog = catalog
        self.reader = reader
        self.checking = checking
        #: Propagate confirmed translations to repetitions; None: the config file's setting.
        self.propagate: bool | None = None
        self._keys: dict[int, tuple[tuple[int, int], DocumentKeys]] = {}

    @property
    def db(self) -> Any:
        return self.context.db

    def document_keys(self, doc: Document) -> DocumentKeys:
        """A document's segment ids and key hashes in order (cached while the document's
        segments are unchanged), read and normalised a page of segments at a time."""
        return self._document_keys(doc.id, q_tm.segments_fingerprint(self.db, doc.id))

    def _document_keys(self, document_id: int, fingerprint: tuple[int, int]) -> DocumentKeys:
        cached = self._keys.get(document_id)
        if cached is not None and cached[0] == fingerprint:
            return cached[1]
        ids, hashes = array("q"), array("q")
        after: int | None = None
        while True:
            page = q_tm.segment_sources(self.db, document_id, after, KEY_BATCH)
            if not page:
                break
            ids.extend(sid for sid, _, _ in page)
            hashes.extend(map(key_hash, match_keys([source for _, _, source in page])))
            after = page[-1][1]
            if len(page) < KEY_BATCH:
                break
        keys = DocumentKeys(np.array(ids, np.int64), np.array(hashes, np.int64))
        self._keys[document_id] = (fingerprint, keys)
        return keys

    def read_keys_first(self, segment_id: int) -> None:
        """In a process that has not read any document's keys yet, read those of
        ``segment_id``'s document now: its first confirmation then does not read them under
        the write lock (0.7 s at 100,000 segments)."""
        if not self._keys:
            self.document_keys(self.catalog.document_by_id(
                self.reader.segment(segment_id).document_id
            ))

    def repeated_ids(self, doc: str | None = None) -> list[int]:
        """The ids, in document order, of the segments whose normalised source occurs more
        than once in their document: the segment list's repetition marks."""
        keys = self.document_keys(self.catalog.document(doc))
        return [int(i) for i in keys.ids[keys.repeated()].tolist()]

    def repetitions(self, doc: str | None = None) -> dict[int, tuple[int, ...]]:
        """For each segment whose normalised source occurs more than once in its document, the
        ids of all those segments in document order (the first is the original)."""
        keys = self.document_keys(self.catalog.document(doc))
        mask = keys.repeated()
        groups: dict[int, list[int]] = {}
        for sid, h in zip(keys.ids[mask].tolist(), keys.hashes[mask].tolist(), strict=True):
            groups.setdefault(h, []).append(sid)
        return {sid: tuple(g) for g in groups.values() for sid in g}

    def propagation_enabled(self) -> bool:
        """Whether a confirmation propagates (the setting, else the config file's)."""
        if self.propagate is None:
            from workbench.config import load_config

            try:
                self.propagate = load_config().tm_propagate
            except WorkbenchError:
                self.propagate = True
        return bool(self.propagate)

    def propagate_from(
        self, segment_id: int, *, confirmed: Segment | None = None,
        fingerprint: tuple[int, int] | None = None,
    ) -> list[int]:
        """Give a confirmed segment's translation to the other segments of its document with
        the same normalised source that are still new or draft and not locked (one
        transaction, each in the history as ``propagate``). They become translated, or draft
        when QA finds an error in them. Returns their ids.

        ``confirmed``: the segment as just written, in the caller's transaction, and
        ``fingerprint`` its document's (read in that transaction): a segment that repeats
        nothing is then known without a statement."""
        if confirmed is not None and fingerprint is not None:
            if confirmed.status not in CONFIRMED or not confirmed.target.strip():
                return []
            keys = self._document_keys(confirmed.document_id, fingerprint)
            if confirmed.id not in keys.repeated_set:
                return []
        with self.context.transaction():
            seg = self.reader.segment(segment_id)
            if seg.status not in CONFIRMED or not seg.target.strip():
                return []
            doc = self.catalog.document_by_id(seg.document_id)
            keys = (
                self.document_keys(doc) if fingerprint is None
                else self._document_keys(doc.id, fingerprint)
            )
            key = match_keys([seg.source])[0]
            if not key:
                return []
            same = [
                sid for sid in keys.ids[keys.hashes == key_hash(key)].tolist() if sid != seg.id
            ]
            changes: list[tuple[int, str | None, str, str | None, str]] = []
            wid = self.catalog.working_id(doc)
            others = {
                int(row["id"]): to_segment(row)
                for row in q_docs.segments_by_ids(self.db, wid, same)
            }
            stamp = self.checking.terms.stamp()  # the glossary and words: read once
            for sid in same:
                other = others[sid]
                if other.status not in OPEN or other.locked or other.target == seg.target:
                    continue  # a locked segment's English changes only once it is unlocked
                if match_keys([other.source])[0] != key:
                    continue  # the same hash, another source
                errors = self.checking.open_unit_findings(  # from what was read
                    sid, other.source, wid, seg.target, stored=other.target, stamp=stamp,
                    errors_only=True,
                )
                status = Status.DRAFT.value if errors else Status.TRANSLATED.value
                changes.append((sid, other.target, seg.target, other.status, status))
            if changes:
                vid = self.catalog.version_id(doc, "working", create_working=True)
                q_versions.put_translations(self.db, vid, [(c[0], c[2]) for c in changes])
                q_docs.set_statuses(self.db, [(c[4], c[0]) for c in changes])
                q_history.add_revisions(  # in the batch's change group, undone with it
                    self.db, self.context.author, "propagate", changes, self.context.group_id
                )
            return [c[0] for c in changes]
