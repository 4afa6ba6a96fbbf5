"""The rows behind the segment list: a view (a document, maybe searched or filtered) as an
ordered list of segment ids (:func:`view_ids`), and a page cache of their rows read from the
store on demand.

Only the pages that are painted are ever read, so a 100,000-segment document opens as fast as
a 20-segment one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from textual.cache import LRUCache

from workbench.errors import WorkbenchError
from workbench.store import search as q_search

if TYPE_CHECKING:
    from workbench.project import Document, Project, Segment
    from workbench.tui.service import ProjectService

PAGE_SIZE = 100


@dataclass(frozen=True)
class RowData:
    """One row of the segment list."""

    id: int
    position: int
    paragraph: int
    source: str
    status: str
    target: str
    confidence: float | None


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


def link_version_id(project: Project, document: Document) -> int | None:
    """The version whose alignment links give the confidence flags and filter: reference:main
    when the document has it, else the working translation."""
    if "reference:main" in project.versions(document.name):
        return project.version_id(document, "reference:main")
    return project.working_id(document)


def view_ids(
    project: Project, document: Document, spec: ViewSpec, low_confidence: float, low_score: float
) -> list[int]:
    """The ids, in document order, of the segments that ``spec`` shows."""
    working = project.working_id(document)
    ids: list[int] | None = None
    if spec.search:
        ids = q_search.search_ids(project.db, document.id, working, spec.search)
    if spec.statuses or spec.low_confidence or spec.low_score:
        if spec.low_score and not q_search.has_scores(project.db, working):
            raise WorkbenchError("no scores yet: run `workbench score` to score the translation")
        ids = _narrow(ids, q_search.filter_ids(
            project.db, document.id,
            statuses=spec.statuses or None,
            link_version_id=link_version_id(project, document),
            confidence_below=low_confidence if spec.low_confidence else None,
            score_version_id=working,
            chrf_below=low_score if spec.low_score else None,
        ))
    if spec.has_findings:
        checked = project.check_document(document.name)
        ids = _narrow(ids, [s.segment_id for s in checked if s.findings])
    if ids is None:
        ids = q_search.ordered_ids(project.db, document.id)
    return ids


def _narrow(ids: list[int] | None, found: list[int]) -> list[int]:
    """``found`` when nothing narrowed the view yet, else the ``ids`` that are also found."""
    if ids is None:
        return found
    allowed = set(found)
    return [i for i in ids if i in allowed]


class SegmentRows:
    """An ordered list of segment ids with a page cache of their rows."""

    def __init__(
        self,
        service: ProjectService,
        document: Document,
        ids: list[int],
        spec: ViewSpec | None = None,
    ) -> None:
        self.service = service
        self.document = document
        self.ids = ids
        self.spec = spec or ViewSpec()
        self._pages: LRUCache[int, list[RowData | None]] = LRUCache(maxsize=64)
        self._index: dict[int, int] | None = None
        self._versions: tuple[int | None, int | None] | None = None

    def __len__(self) -> int:
        return len(self.ids)

    def _version_ids(self, project: Project) -> tuple[int | None, int | None]:
        """(working version id, id of the version whose links give the confidence flag)."""
        if self._versions is None or self._versions[0] is None:
            working = project.working_id(self.document)
            self._versions = (working, link_version_id(project, self.document))
        return self._versions

    def row(self, index: int) -> RowData | None:
        """The row at ``index`` of the view (read with its page when not cached)."""
        if not 0 <= index < len(self.ids):
            return None
        page_no = index // PAGE_SIZE
        page = self._pages.get(page_no)
        if page is None:
            page = self._load(page_no)
            self._pages[page_no] = page
        offset = index - page_no * PAGE_SIZE
        return page[offset] if offset < len(page) else None

    def _load(self, page_no: int) -> list[RowData | None]:
        ids = self.ids[page_no * PAGE_SIZE : (page_no + 1) * PAGE_SIZE]

        def read(project: Project) -> list[RowData]:
            working, link = self._version_ids(project)
            return [
                RowData(
                    r["id"], r["position"], r["paragraph"], r["source"], r["status"],
                    r["target"] or "", r["confidence"],
                )
                for r in q_search.rows_by_ids(project.db, ids, working, link)
            ]

        rows = self.service.read(read)
        if len(rows) != len(ids):
            # Segments deleted underneath (a merge): keep positions, blank the missing rows.
            by_id = {r.id: r for r in rows}
            return [by_id.get(i) for i in ids]  # type: ignore[misc]
        return rows

    def index_of(self, segment_id: int) -> int | None:
        """The index of a segment in this view, or None when the view does not hold it."""
        if self._index is None:
            self._index = {sid: i for i, sid in enumerate(self.ids)}
        return self._index.get(segment_id)

    def update(self, segment: Segment) -> int | None:
        """Refresh the cached row of ``segment`` after an edit; its index (or None)."""
        index = self.index_of(segment.id)
        if index is None:
            return None
        page = self._pages.get(index // PAGE_SIZE)
        if page is not None:
            offset = index - (index // PAGE_SIZE) * PAGE_SIZE
            old = page[offset] if offset < len(page) else None
            if old is not None and old.id == segment.id:
                page[offset] = replace(
                    old, status=segment.status, target=segment.target,
                    source=segment.source,
                )
        if self._versions is not None and self._versions[0] is None:
            self._versions = None  # the working version may have just been created
        return index

    def clear(self) -> None:
        """Forget every cached page (after changes made elsewhere)."""
        self._pages.clear()
        self._versions = None
