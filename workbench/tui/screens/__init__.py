"""Screens of the TUI: the editor (default), help, and modal prompts."""
