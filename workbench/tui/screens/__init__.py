"""Screens of the TUI: the editor (default; a package of its parts), the reviewer and scores
(``report`` is what they share), the export and import dialogs (``job_dialog``), the split
dialog, help, and the small modal prompts."""
