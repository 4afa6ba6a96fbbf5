"""The rows behind the segment list: a view (a document, maybe searched or filtered) as an
ordered list of segment ids (the service's ``view_ids``), and a page cache of their rows read
through the service on demand.

Only the pages that are painted are ever read, so a 100,000-segment document opens as fast as
a 20-segment one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from textual.cache import LRUCache

from workbench.errors import ConnectionLostError, PermissionDeniedError
from workbench.project.views import ListRow, ViewSpec

if TYPE_CHECKING:
    from workbench.project import Document, Segment
    from workbench.tui.service import ProjectService

PAGE_SIZE = 100

RowData = ListRow
"""One row of the segment list (the service's ListRow)."""


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

    def __len__(self) -> int:
        return len(self.ids)

    def row(self, index: int) -> RowData | None:
        """The row at ``index`` of the view (read with its page when not cached)."""
        if not 0 <= index < len(self.ids):
            return None
        page_no = index // PAGE_SIZE
        page = self._pages.get(page_no)
        if page is None:
            page = self._load(page_no)
            if page is None:
                return None
            self._pages[page_no] = page
        offset = index - page_no * PAGE_SIZE
        return page[offset] if offset < len(page) else None

    def _load(self, page_no: int) -> list[RowData | None] | None:
        ids = self.ids[page_no * PAGE_SIZE : (page_no + 1) * PAGE_SIZE]
        try:
            rows = self.service.read(lambda p: p.list_rows(self.document, ids))
        except (ConnectionLostError, PermissionDeniedError):  # offline, or removed from the
            return None  # team: nothing to show yet (read when back)
        if len(rows) != len(ids):
            # Segments deleted underneath (a merge): keep positions, blank the missing rows.
            by_id = {r.id: r for r in rows}
            return [by_id.get(i) for i in ids]  # type: ignore[misc]
        return rows

    def first_cached(
        self, start: int, stop: int, wanted: Callable[[RowData], bool]
    ) -> int | None:
        """The first index in ``start:stop`` whose cached row is ``wanted`` (pages not read
        are passed over: no read)."""
        for page_no in sorted(self._pages.keys()):
            first = page_no * PAGE_SIZE
            if first + PAGE_SIZE <= start or first >= stop:
                continue
            page = self._pages.get(page_no) or []
            for offset, row in enumerate(page):
                if start <= first + offset < stop and row is not None and wanted(row):
                    return first + offset
        return None

    def cached(self, index: int) -> RowData | None:
        """The row at ``index`` when its page is cached (nothing read), else None."""
        page = self._pages.get(index // PAGE_SIZE)
        offset = index % PAGE_SIZE
        return page[offset] if page is not None and offset < len(page) else None

    def shown(self) -> dict[int, int]:
        """The numbers in the list of the segments whose rows are cached (read, so shown or
        about to be), by id: the translator's names of segments gone since."""
        pages = (self._pages.get(page_no) or [] for page_no in list(self._pages.keys()))
        return {row.id: row.position for page in pages for row in page if row is not None}

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
                    source=segment.source, locked=segment.locked,
                    revision=max(old.revision, segment.revision),
                )
        return index

    def update_joined(self, holder: Segment) -> list[int]:
        """Give the cached rows joined to ``holder`` (their English is its) its status, as
        the store lists them; their indexes."""
        changed = []
        for page_no in list(self._pages.keys()):
            page = self._pages.get(page_no) or []
            for offset, row in enumerate(page):
                if (row is not None and row.english_elsewhere
                        and row.joined_to == holder.position and row.status != holder.status):
                    page[offset] = replace(row, status=holder.status)
                    changed.append(page_no * PAGE_SIZE + offset)
        return changed

    def forget(self, segment_ids: list[int]) -> list[int]:
        """Forget the cached pages holding ``segment_ids`` (changed elsewhere: read again
        when painted); the indexes of those segments in this view."""
        indexes = [i for i in (self.index_of(sid) for sid in segment_ids) if i is not None]
        for page_no in {i // PAGE_SIZE for i in indexes}:
            self._pages.discard(page_no)
        return indexes

    def clear(self) -> None:
        """Forget every cached page (after changes made elsewhere)."""
        self._pages.clear()
