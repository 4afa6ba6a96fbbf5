"""Repetitions: segments of a document with the same normalised source, and propagation of a
confirmed translation to them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from workbench.errors import WorkbenchError
from workbench.project.catalog import Catalog, Document
from workbench.project.checking import Checking
from workbench.project.context import ProjectContext
from workbench.project.reading import Reader
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
#: in the same time.
KEY_BATCH = 2000


def match_keys(sources: Sequence[str]) -> list[str]:
    """The normalised keys of many sources (as groups.match_key, computed in batches)."""
    return [
        " ".join(t.split())
        for i in range(0, len(sources), KEY_BATCH)
        for t in normalize_arabic_many(sources[i : i + KEY_BATCH])
    ]


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
        self._keys: dict[int, tuple[tuple[int, int, int], list[int], list[str]]] = {}

    @property
    def db(self) -> Any:
        return self.context.db

    def document_keys(self, doc: Document) -> tuple[list[int], list[str]]:
        """A document's segment ids and normalised sources in order (cached while the
        document's segments are unchanged)."""
        fingerprint = q_tm.segments_fingerprint(self.db, doc.id)
        cached = self._keys.get(doc.id)
        if cached is not None and cached[0] == fingerprint:
            return cached[1], cached[2]
        rows = q_docs.segment_paragraphs(self.db, doc.id)
        ids = [r[0] for r in rows]
        keys = match_keys([r[2] for r in rows])
        self._keys[doc.id] = (fingerprint, ids, keys)
        return ids, keys

    def repetitions(self, doc: str | None = None) -> dict[int, tuple[int, ...]]:
        """For each segment whose normalised source occurs more than once in its document, the
        ids of all those segments in document order (the first is the original). For the
        segment list's marks."""
        ids, keys = self.document_keys(self.catalog.document(doc))
        groups: dict[str, list[int]] = {}
        for sid, key in zip(ids, keys, strict=True):
            if key:
                groups.setdefault(key, []).append(sid)
        return {sid: tuple(g) for g in groups.values() if len(g) > 1 for sid in g}

    def propagation_enabled(self) -> bool:
        """Whether a confirmation propagates (the setting, else the config file's)."""
        if self.propagate is None:
            from workbench.config import load_config

            try:
                self.propagate = load_config().tm_propagate
            except WorkbenchError:
                self.propagate = True
        return bool(self.propagate)

    def propagate_from(self, segment_id: int) -> list[int]:
        """Give a confirmed segment's translation to the other segments of its document with
        the same normalised source that are still new or draft (one transaction, each in the
        history as ``propagate``). They become translated, or draft when QA finds an error
        in them. Returns their ids."""
        with self.context.transaction():
            seg = self.reader.segment(segment_id)
            if seg.status not in CONFIRMED or not seg.target.strip():
                return []
            doc = self.catalog.document_by_id(seg.document_id)
            ids, keys = self.document_keys(doc)
            key = match_keys([seg.source])[0]
            same = [sid for sid, k in zip(ids, keys, strict=True) if k == key and sid != seg.id]
            if not same:
                return []
            changes: list[tuple[int, str | None, str, str | None, str]] = []
            for sid in same:
                other = self.reader.segment(sid)
                if other.status not in OPEN or other.target == seg.target:
                    continue
                errors = [
                    f for f in self.checking.check_segment(sid, text=seg.target)
                    if f.severity == "error"
                ]
                status = Status.DRAFT.value if errors else Status.TRANSLATED.value
                changes.append((sid, other.target, seg.target, other.status, status))
            if changes:
                vid = self.catalog.version_id(doc, "working", create_working=True)
                q_versions.put_translations(self.db, vid, [(c[0], c[2]) for c in changes])
                q_docs.set_statuses(self.db, [(c[4], c[0]) for c in changes])
                q_history.add_revisions(self.db, self.context.author, "propagate", changes)
            return [c[0] for c in changes]
