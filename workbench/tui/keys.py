"""Every key binding of the TUI: an id (for remapping from the config file), default keys,
the action it runs and a description (for the footer, the help screen and the palette).

Remap a binding in the config file's ``[keys]`` table by its id::

    [keys]
    confirm = "ctrl+j,enter"
    next_segment = "alt+down,ctrl+down,f8"
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True)
class KeySpec:
    """One binding: ``id`` is what the config file names, ``action`` a Textual action."""

    id: str
    keys: str
    action: str
    description: str
    show: bool = False
    scope: str = "editor"  # "app": everywhere; "editor": the editor screen
    key_display: str | None = None
    priority: bool = False  # before the focused widget's own keys (F6/F7 of the TextArea)
    palette: bool = True  # offered in the command palette
    label: str = ""  # short footer label (defaults to the description)


APP_KEYS: list[KeySpec] = [
    KeySpec("quit", "ctrl+q", "quit", "Quit (work is saved)", True, "app", priority=True,
            label="Quit"),
    KeySpec("help", "f1", "help", "Keys and help", True, "app", label="Help"),
    KeySpec(
        "command_palette", "ctrl+p", "command_palette", "Commands", False, "app",
        priority=True, palette=False,
    ),
    KeySpec("toggle_direction", "f7", "toggle_direction",
            "Arabic direction: switch app / terminal reordering", False, "app", priority=True),
    KeySpec("toggle_shaping", "f8", "toggle_shaping", "Arabic letter shaping on / off",
            False, "app"),
    # the reviewer, scores, export and import screens (workbench/tui/actions.py)
    KeySpec("review", "f3", "review",
            "Reviewer: every finding of the document; approve / reject", True, "app",
            label="Review"),
    KeySpec("scores", "ctrl+t", "scores",
            "Scores against the references, worst segments first", False, "app"),
    KeySpec("export", "f12", "export", "Export the document (TMX, XLIFF, DOCX, HTML, ...)",
            False, "app"),
    KeySpec("import", "ctrl+o", "import",
            "Import an Arabic document or an English translation", False, "app"),
]

EDITOR_KEYS: list[KeySpec] = [
    KeySpec("confirm", "ctrl+j,enter,ctrl+enter,alt+enter", "confirm",
            "Confirm the segment and go to the next", True, key_display="^j",
            label="Confirm"),
    KeySpec("next_segment", "alt+down,ctrl+down", "next_segment", "Next segment", True,
            label="Next"),
    KeySpec("previous_segment", "alt+up,ctrl+up", "previous_segment", "Previous segment", True,
            label="Prev"),
    KeySpec("next_open", "ctrl+n", "next_open", "Next segment not yet translated"),
    KeySpec("insert_term", "ctrl+g", "insert_term",
            "Insert the glossary rendering of the next term at the cursor", True, label="Term"),
    KeySpec("choose_term", "ctrl+l", "choose_term",
            "Choose a glossary rendering to insert (1-9 or Enter)"),
    # Alt+digit reaches the app only in terminals speaking the kitty keyboard protocol.
    *[
        KeySpec(f"insert_term_{n}", f"alt+{n}", f"insert_term({n})",
                f"Insert the rendering of glossary entry {n}", palette=False)
        for n in range(1, 10)
    ],
    KeySpec("search", "ctrl+f", "search", "Search Arabic or English", True, label="Search"),
    KeySpec("filter", "f4", "filter", "Filter segments", True, label="Filter"),
    KeySpec("clear_filter", "f5", "clear_filter", "Show all segments (clear search and filter)"),
    KeySpec("goto", "f2", "goto", "Go to segment number"),
    KeySpec("toggle_reference", "ctrl+r", "toggle_reference", "Reference translation on / off"),
    KeySpec("undo", "f9", "undo", "Undo the last change of this segment"),
    KeySpec("save", "ctrl+s", "save", "Save now"),
    KeySpec("switch_focus", "f6", "switch_focus", "Focus the segment list / the English editor",
            priority=True),
    # alignment fixes (workbench/tui/actions.py). A terminal sends Alt+M as ESC m, which
    # Textual reports as a printable "m": priority keeps the English editor from typing it.
    KeySpec("merge_next", "alt+m", "app.merge_next", "Merge this segment with the next",
            priority=True),
    KeySpec("split_segment", "alt+s", "app.split_segment",
            "Split this segment (choose the Arabic cut; the English splits at the cursor)",
            priority=True),
    KeySpec("move_sentence_next", "alt+n", "app.move_sentence('next')",
            "Reference: move this segment's last sentence to the next segment", priority=True),
    KeySpec("move_sentence_previous", "alt+p", "app.move_sentence('previous')",
            "Reference: take the next segment's first sentence into this one", priority=True),
]


def bindings(specs: Iterable[KeySpec]) -> list[Binding]:
    """Textual bindings for ``specs`` (each carries its id, so keymaps apply)."""
    return [
        Binding(
            s.keys, s.action, s.label or s.description, show=s.show, key_display=s.key_display,
            priority=s.priority, tooltip=s.description, id=s.id,
        )
        for s in specs
    ]


def all_specs() -> list[KeySpec]:
    """Every binding of the app and the editor."""
    return [*APP_KEYS, *EDITOR_KEYS]


def binding_ids() -> set[str]:
    """The ids a config file may remap."""
    return {s.id for s in all_specs()}


def effective_keys(spec: KeySpec, keymap: Mapping[str, str]) -> str:
    """The keys of ``spec`` once the keymap is applied."""
    return keymap.get(spec.id, spec.keys)


def describe_keys(keys: str) -> str:
    """Keys as shown to people: ``ctrl+j,enter`` → ``Ctrl+J, Enter``."""
    names = []
    for key in keys.split(","):
        parts = [p for p in key.strip().split("+") if p]
        names.append("+".join(p.upper() if len(p) == 1 else p.capitalize() for p in parts))
    return ", ".join(names)
