"""Widgets of the TUI: the virtual segment list and the panels of the open segment."""
