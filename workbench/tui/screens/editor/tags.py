"""Inline tags in the editor (segments of client documents: ``<1>…</1>``, ``<2/>``).

The Arabic panel and the English editor draw each tag as a chip and keep it whole (see
:mod:`workbench.tui.widgets.english_editor`); the Arabic panel lists what each tag stands for
(``project.sources.segment_tags``: bold, a link and its address, a footnote...). The
insert-tag key puts the next tag the English lacks at the cursor
(``workbench.text.tags.next_missing_tag``): pressed twice around typed text, it wraps it in a
pair.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from workbench.text.tags import has_tags, next_missing_tag, placeholder
from workbench.tui.screens.editor.host import EditorPart
from workbench.tui.widgets.panels import SourceView

if TYPE_CHECKING:
    from workbench.project import Project


def tag_lines(tags: dict[int, Any]) -> list[tuple[str, str]]:
    """(placeholder, what it stands for) for each tag, by number: ``<1>…</1>`` and ``b``,
    ``<2/>`` and ``link: https://…``."""
    out = []
    for number in sorted(tags):
        tag = tags[number]
        shown = (f"{placeholder('open', number)}…{placeholder('close', number)}" if tag.paired
                 else placeholder("empty", number))
        what = tag.label + (f": {tag.title}" if tag.title and tag.title != tag.label else "")
        out.append((shown, what))
    return out


class TagActions(EditorPart):
    """The editor screen's inline tags (a mixin of ``EditorScreen``)."""

    if TYPE_CHECKING:
        def refuse_edit(self) -> bool: ...

    def show_tag_titles(self, segment_id: int, source: str) -> None:
        """List what the open segment's tags stand for in the Arabic panel."""
        if not has_tags(source):
            return

        def read(project: Project) -> dict[int, Any]:
            return project.sources.segment_tags(segment_id)

        try:
            tags = self.wb.service.read(read)
        except Exception:  # a segment merged away meanwhile: no legend
            return
        self.query_one(SourceView).show_tags(tag_lines(tags))

    def action_insert_tag(self) -> None:
        """Insert the next tag of the Arabic that the English lacks, at the cursor."""
        if self.current is None:
            return
        source = self.current.source
        if not has_tags(source):
            self.notify("This segment has no tags.")
            return
        if self.refuse_edit():
            return
        editor = self.editor
        text = editor.text
        cursor = editor.offset_of(editor.cursor_location)
        for tag in editor.tags():  # never inside a tag
            if tag.start < cursor < tag.end:
                cursor = tag.end
        tag_text = next_missing_tag(source, text, cursor)
        if tag_text is None:
            self.notify("Every tag of the Arabic is in the English.")
            return
        location = editor.document.get_location_from_index(cursor)
        result = editor.replace(tag_text, location, location)
        editor.move_cursor(result.end_location)
        editor.focus()
