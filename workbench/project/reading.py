"""Reading segments, their English in each version, their links, history and notes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from workbench.errors import NotFoundError
from workbench.project.catalog import Catalog
from workbench.project.context import ProjectContext, Row
from workbench.statuses import STATUSES
from workbench.store import documents as q_docs
from workbench.store import history as q_history
from workbench.store import notes as q_notes
from workbench.store import restructure as q_restructure
from workbench.store import versions as q_versions


@dataclass(frozen=True)
class Segment:
    """A segment with its working English."""

    id: int
    document_id: int
    paragraph: int
    position: int
    source: str
    status: str
    target: str
    locked: bool = False
    revision: int = 0  # grows with every change of its English, status or lock


@dataclass(frozen=True)
class Revision:
    """One recorded change of a working translation."""

    id: int
    at: str
    author: str
    action: str
    old_text: str | None
    new_text: str | None
    old_status: str | None
    new_status: str | None


def to_segment(row: Row) -> Segment:
    """A Segment from a store row (``target`` may be missing or None: no English yet)."""
    return Segment(
        row["id"], row["document_id"], row["paragraph"], row["position"], row["source"],
        row["status"], row.get("target") or "", bool(row.get("locked")),
        int(row.get("revision") or 0),
    )


class Reader:
    """Reads of segments and what hangs on them; never writes."""

    def __init__(self, context: ProjectContext, catalog: Catalog) -> None:
        self.context = context
        self.catalog = catalog

    def segments(self, doc: str | None = None, offset: int = 0, limit: int = 100) -> list[Segment]:
        """A page of segments in document order, starting after position ``offset``."""
        document = self.catalog.document(doc)
        rows = q_docs.segments_page(
            self.context.db, document.id, self.catalog.working_id(document), offset, limit
        )
        return [to_segment(r) for r in rows]

    def segment(self, segment_id: int) -> Segment:
        """One segment with its working English."""
        db = self.context.db
        row = q_docs.segment(db, segment_id)
        if row is None:
            raise self.not_found(segment_id)
        wid = self.catalog.working_id(self.catalog.document_by_id(row["document_id"]))
        text = q_versions.translation(db, wid, segment_id) if wid else None
        return to_segment({**row, "target": text})

    def not_found(self, segment_id: int) -> NotFoundError:
        """The error for a segment id the project does not hold: one a merge took away names
        the segment it was merged into, and when, and the segment holding its history now."""
        gone = q_restructure.merged(self.context.db, segment_id)
        if gone is None:
            return NotFoundError(f"no segment {segment_id} in {self.context.path}")
        into, holder = int(gone["merged_into"]), int(gone["holder_id"])
        since = "" if holder == into else f", and that into segment {holder} since"
        return NotFoundError(
            f"no segment {segment_id} in {self.context.path}: it was merged into segment "
            f"{into} on {gone['at'][:16].replace('T', ' ')} UTC (by {gone['author']}){since}; "
            f"its history is there: workbench history {holder}"
        )

    def version_text(self, segment_id: int, version: str) -> str | None:
        """The English of a segment in another version ('reference:main', 'draft:x')."""
        ref = self._version_of(segment_id, version)
        return None if ref is None else q_versions.translation(self.context.db, ref, segment_id)

    def link(self, segment_id: int, version: str) -> dict[str, Any] | None:
        """The alignment link of a segment in a version: confidence and sentences."""
        ref = self._version_of(segment_id, version)
        return None if ref is None else q_versions.segment_link(self.context.db, ref, segment_id)

    def _version_of(self, segment_id: int, version: str) -> int | None:
        document = self.catalog.document_by_id(self.segment(segment_id).document_id)
        return self.catalog.resolve_version(document, version).id

    def history(self, segment_id: int) -> list[Revision]:
        """Every change of a segment's working translation, oldest first."""
        self.segment(segment_id)
        return [
            Revision(
                r["id"], r["at"], r["author"], r["action"], r["old_text"], r["new_text"],
                r["old_status"], r["new_status"],
            )
            for r in q_history.revisions(self.context.db, segment_id)
        ]

    def notes(self, segment_id: int) -> list[dict[str, Any]]:
        """The notes of a segment, oldest first (id, at, author, kind, text)."""
        return q_notes.notes(self.context.db, segment_id)

    def stats(self, doc: str | None = None) -> dict[str, Any]:
        """Counts: documents, segments, with_english, by_status (every status listed)."""
        document_id = self.catalog.document(doc).id if doc is not None else None
        counts = q_docs.counts(self.context.db, document_id)
        counts["by_status"] = {s: counts["by_status"].get(s, 0) for s in STATUSES}
        return counts
