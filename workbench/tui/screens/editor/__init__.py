"""The editor screen (the default): the segment list above, the open segment below.

Its parts, one module each: ``screen`` (layout, opening segments, the panels, the list's flags,
moving between segments), ``editing`` (autosave, confirm with the QA checks and overrides,
undo), ``views`` (search, filters, go to segment), ``terms`` (inserting glossary renderings),
``locks`` (locked segments: read-only, unlock, typing never lost) and ``batch`` (find and replace,
batches on the view).
"""

from workbench.tui.screens.editor.screen import DETAILS_DELAY, EditorScreen

__all__ = ["DETAILS_DELAY", "EditorScreen"]
