"""The editor screen (the default): the segment list above, the open segment below.

Its parts, one module each: ``screen`` (layout, opening segments, the panels, the list's flags,
moving between segments), ``editing`` (autosave, confirm with the QA checks and overrides,
undo), ``views`` (search, filters, go to segment) and ``terms`` (inserting glossary renderings).
"""

from workbench.tui.screens.editor.screen import DETAILS_DELAY, EditorScreen

__all__ = ["DETAILS_DELAY", "EditorScreen"]
