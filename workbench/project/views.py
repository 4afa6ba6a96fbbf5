"""Views of a document for the segment list: which segments a search or filter shows, and
their list rows, read a page at a time."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from workbench.errors import WorkbenchError
from workbench.project.catalog import Catalog, Document
from workbench.project.checking import Checking
from workbench.project.context import ProjectContext
from workbench.statuses import CONFIRMED
from workbench.store import documents as q_docs
from workbench.store import search as q_search

OPEN_STATUSES = ("new", "draft")
"""Statuses of segments that still need translating."""


@dataclass(frozen=True)
class ViewSpec:
    """What a view shows: all segments, or those matching a search and/or a filter."""

    search: str = ""
    statuses: tuple[str, ...] = ()
    has_findings: bool = False
    low_score: bool = False
    low_confidence: bool = False

    @property
    def is_all(self) -> bool:
        """True when nothing is searched or filtered."""
        return self == ViewSpec()

    def describe(self) -> str:
        """A short label such as ``search "x" · draft, new · low score``."""
        parts = []
        if self.search:
            parts.append(f'search "{self.search}"')
        if self.statuses:
            parts.append(", ".join(self.statuses))
        if self.has_findings:
            parts.append("has findings")
        if self.low_score:
            parts.append("low score")
        if self.low_confidence:
            parts.append("low alignment confidence")
        return " · ".join(parts) or "all segments"


@dataclass(frozen=True)
class ListRow:
    """One row of the segment list."""

    id: int
    position: int
    paragraph: int
    source: str
    status: str
    target: str
    confidence: float | None
    locked: bool = False
    revision: int = 0  # the segment's revision when the row was read (see Segment.revision)
    joined_to: int | None = None
    """A joined segment's: the position of the segment of its link that holds its English."""
    working_links: bool = False
    """``confidence`` is of the working translation's own link (the document has no
    reference:main)."""

    def low_link(self, threshold: float) -> bool:
        """Whether its link is flagged ``~``: less confident than ``threshold``, unless it is
        the working translation's and the segment is confirmed (translated or further), its
        English vouched for by its translator."""
        return (self.confidence is not None and self.confidence < threshold
                and not (self.working_links and self.status in CONFIRMED))

    @property
    def english_elsewhere(self) -> bool:
        """A joined segment without English of its own: its link's is on ``joined_to``."""
        return self.joined_to is not None and not self.target.strip()


class Views:
    """Segment ids of filtered views and the rows the segment list paints."""

    def __init__(self, context: ProjectContext, catalog: Catalog, checking: Checking) -> None:
        self.context = context
        self.catalog = catalog
        self.checking = checking

    def link_version_id(self, document: Document) -> int | None:
        """The version whose alignment links give the confidence flags and filter:
        reference:main when the document has it, else the working translation."""
        if "reference:main" in self.catalog.versions(document.name):
            return self.catalog.version_id(document, "reference:main")
        return self.catalog.working_id(document)

    def view_ids(
        self, document: Document, spec: ViewSpec, low_confidence: float, low_score: float
    ) -> list[int]:
        """The ids, in document order, of the segments that ``spec`` shows."""
        db = self.context.db
        working = self.catalog.working_id(document)
        ids: list[int] | None = None
        if spec.search:
            ids = q_search.search_ids(db, document.id, working, spec.search)
        if spec.statuses or spec.low_confidence or spec.low_score:
            if spec.low_score and not q_search.has_scores(db, working):
                raise WorkbenchError(
                    "no scores yet: score the translation first (Ctrl+T in the TUI, "
                    "`workbench score`)"
                )
            links = self.link_version_id(document)
            ids = _narrow(ids, q_search.filter_ids(
                db, document.id,
                statuses=spec.statuses or None,
                link_version_id=links,
                confidence_below=low_confidence if spec.low_confidence else None,
                vouched=CONFIRMED if links is not None and links == working else (),
                score_version_id=working,
                chrf_below=low_score if spec.low_score else None,
            ))
        if spec.has_findings:
            checked = self.checking.check_report(document.name).segments
            ids = _narrow(ids, [s.segment_id for s in checked if s.findings])
        if ids is None:
            ids = q_docs.segment_ids(db, document.id)
        return ids

    def list_rows(self, document: Document, ids: Sequence[int]) -> list[ListRow]:
        """The list rows of ``ids``, in the order given (ids no longer present left out)."""
        working, links = self.catalog.working_id(document), self.link_version_id(document)
        rows = q_search.rows_by_ids(self.context.db, ids, working, links)
        own_links = links is not None and links == working
        return [
            ListRow(
                r["id"], r["position"], r["paragraph"], r["source"], r["status"],
                r["target"] or "", r["confidence"], bool(r["locked"]), int(r["revision"]),
                r["joined_to"], own_links,
            )
            for r in rows
        ]

    def first_open_segment(self, document: Document, prefer: int | None = None) -> int | None:
        """The segment the editor opens ``document`` on: ``prefer`` (where the translator
        left it) while it is still a segment of the document, or the segment holding its
        English when it has since been joined to that one; else the first segment (document
        order) that still needs translating, or None."""
        db = self.context.db
        found = None if prefer is None else q_search.segment_to_open(db, document.id, prefer)
        if found is not None:
            return found
        return q_search.first_with_status(db, document.id, OPEN_STATUSES)

    def document_created(self, document: Document) -> str:
        """When ``document`` was imported: a project made again in the same SQLite file
        gives its documents and segments the ids of the first, not their times."""
        return q_docs.created_at(self.context.db, document.id) or ""

    def open_segments_after(
        self, document: Document, position: int, limit: int = 500
    ) -> list[tuple[int, int]]:
        """Up to ``limit`` (id, position) of the segments after ``position`` (document
        order) that still need translating."""
        return q_search.with_status_after(
            self.context.db, document.id, OPEN_STATUSES, position, limit
        )


def _narrow(ids: list[int] | None, found: list[int]) -> list[int]:
    """``found`` when nothing narrowed the view yet, else the ``ids`` that are also found."""
    if ids is None:
        return found
    allowed = set(found)
    return [i for i in ids if i in allowed]
