"""Choosing which segments the editor's list shows: search, filters, go to a segment number.

A searched or filtered view's ids are found in a worker on the second connection
(the service's ``view_ids``) and come back as a :class:`ViewReady` message.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import work
from textual.message import Message

from workbench.tui.rows import ViewSpec
from workbench.tui.screens.editor.host import EditorPart
from workbench.tui.screens.prompts import FilterScreen, GotoScreen, SearchScreen
from workbench.tui.service import describe_error
from workbench.wording import plural

if TYPE_CHECKING:
    from workbench.project import Document, Project
    from workbench.tui.rows import SegmentRows


def next_shown(order: list[int], ids: list[int], keep: int) -> int:
    """The segment to open when the view ``ids`` leaves out ``keep`` (``order``: the document's
    segments): the first of the view after it, else the last before it, for a translator who
    filters while working forward; ``keep`` itself when the document has lost it (merged away:
    the editor opens the one before it)."""
    if keep not in order:
        return keep
    at, shown = order.index(keep), set(ids)
    after = (sid for sid in order[at + 1:] if sid in shown)
    return next(after, next((sid for sid in reversed(order[:at]) if sid in shown), keep))


@dataclass
class ViewReady(Message):
    """The ids of a searched or filtered view."""

    spec: ViewSpec
    ids: list[int]
    keep: int | None


class ViewActions(EditorPart):
    """The editor screen's search, filters and go-to (a mixin of ``EditorScreen``)."""

    if TYPE_CHECKING:
        # what this part uses of the editor screen
        document: Document
        rows: SegmentRows | None

        @property
        def current_id(self) -> int | None: ...

        def post_message(self, message: Message) -> bool: ...

        def flush_edit(self) -> Any: ...

        def load_view(
            self, spec: ViewSpec, keep: int | None = None, ids: list[int] | None = None
        ) -> None: ...

        def open_segment(self, segment_id: int) -> bool: ...

    @property
    def spec(self) -> ViewSpec:
        """What the list shows now."""
        return self.rows.spec if self.rows else ViewSpec()

    def action_search(self) -> None:
        """Search the Arabic (normalised) or the English (case-insensitive)."""
        current = self.spec

        def searched(query: str | None) -> None:
            if query is not None:
                self.compute_view(replace(current, search=query.strip()), self.current_id)

        self.app.push_screen(SearchScreen(current.search), searched)

    def action_filter(self) -> None:
        """Filter by status, findings, low score, low alignment confidence."""
        def chosen(spec: ViewSpec | None) -> None:
            if spec is not None:
                self.compute_view(spec, self.current_id)

        self.app.push_screen(FilterScreen(self.spec), chosen)

    def action_clear_filter(self) -> None:
        """Show every segment again."""
        self.flush_edit()
        self.load_view(ViewSpec(), self.current_id)

    def apply_filter(self, **changes: Any) -> None:
        """Set filter fields (keeping the search), e.g. ``apply_filter(statuses=("new",))``."""
        self.compute_view(replace(self.spec, **changes), self.current_id)

    def compute_view(self, spec: ViewSpec, keep: int | None) -> None:
        """Show the view ``spec`` once its ids are found (in a worker)."""
        self.flush_edit()
        self._compute_view(spec, keep)

    @work(thread=True, exclusive=True, group="view")
    def _compute_view(self, spec: ViewSpec, keep: int | None) -> None:
        """Find the ids of a searched/filtered view on the second connection (worker)."""
        low_confidence, low_score = self.wb.low_confidence, self.wb.config.low_score
        document = self.document

        def find(project: Project) -> tuple[list[int], int | None]:
            ids = project.view_ids(document, spec, low_confidence, low_score)
            if keep is None or keep in set(ids):
                return ids, keep
            return ids, next_shown(project.view_ids(document, ViewSpec(), 0.0, 0.0), ids, keep)

        try:
            self.wb.service.flush()  # searches see the edits made so far
            ids, keep = self.wb.service.background(find)
        except Exception as exc:  # notified, the view stays as it is
            self.wb.notify_error(describe_error(exc))
            return
        self.post_message(ViewReady(spec, ids, keep))

    def on_view_ready(self, message: ViewReady) -> None:
        from workbench.tui.screens.editor.screen import view_label

        if not message.ids:
            self.notify(Text.assemble("No segment matches: ", view_label(message.spec), "."),
                        severity="warning")
            return
        self.load_view(message.spec, message.keep, message.ids)
        self.notify(Text.assemble(f"{plural(len(message.ids), 'segment')}: ",
                                  view_label(message.spec), "."))

    def action_goto(self) -> None:
        """Open the segment with a given number."""
        def chosen(number: int | None) -> None:
            if number is None:
                return
            found = [] if number < 1 else self.wb.service.read(
                lambda p: p.segments(self.document.name, number - 1, 1)
            )
            if not found:
                self.notify(f"No segment {number}.", severity="warning")
                return
            self.open_segment(found[0].id)
            self.editor.focus()

        self.app.push_screen(GotoScreen(), chosen)
