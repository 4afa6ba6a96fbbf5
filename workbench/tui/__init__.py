"""The translator's TUI (Textual): ``WorkbenchApp`` in :mod:`workbench.tui.app`."""
