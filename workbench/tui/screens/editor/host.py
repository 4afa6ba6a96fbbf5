"""What the editor screen's parts (its mixins: editing, live, locks, batch, dictionary,
matches, spelling, tags, LQA...) use of the screen they are mixed into, declared once for type
checkers. Nothing here runs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.text import Text
    from textual.app import App

    from workbench.tui.app import WorkbenchApp
    from workbench.tui.rows import RowData, SegmentRows, ViewSpec
    from workbench.tui.widgets.english_editor import EnglishEditor
    from workbench.tui.widgets.segment_list import SegmentList


class EditorPart:
    """Base of the editor screen's parts: the screen's members they share."""

    if TYPE_CHECKING:
        current: RowData | None
        rows: SegmentRows

        @property
        def app(self) -> App[object]: ...

        @property
        def wb(self) -> WorkbenchApp: ...

        @property
        def editor(self) -> EnglishEditor: ...

        @property
        def segment_list(self) -> SegmentList: ...

        @property
        def spec(self) -> ViewSpec: ...

        @property
        def size(self) -> Any: ...

        def query_one(self, selector: Any, expect_type: Any = None) -> Any: ...

        def notify(self, message: str | Text, **kwargs: Any) -> None: ...
