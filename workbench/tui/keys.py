"""Every key binding of the TUI, in one registry: an id (for remapping from the config file),
the screen it belongs to (its scope), default keys, the action it runs and a description (for
the footer, the help screen and the command palette).

Remap any binding in the config file's ``[keys]`` table by its id::

    [keys]
    confirm = "ctrl+j,enter"
    next_segment = "alt+down,ctrl+down,f8"
    review_approve = "ctrl+a"

Each screen takes its bindings with ``BINDINGS = keys.bindings("review")``. Clashes are found
per scope (:func:`clashes`): a screen's keys against each other and against the app-wide keys
that work on it (on a dialog only the app's priority keys do).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from textual.binding import Binding
from textual.keys import Keys, format_key, key_to_character

try:  # Textual's own normalisation of keymap keys ("?" -> "question_mark")
    from textual.keys import _character_to_key, _normalize_key_list
except ImportError:  # pragma: no cover - an older or newer Textual
    def _normalize_key_list(keys: str) -> str:
        return ",".join(k.strip() for k in keys.split(","))

    def _character_to_key(character: str) -> str:
        return character


@dataclass(frozen=True)
class Scope:
    """Where bindings work: the whole app, a screen, a dialog, or a widget inside a screen."""

    id: str
    title: str
    modal: bool = False  # a dialog: the app's keys work over it only when they have priority
    inside: str | None = None  # a widget of that screen: its keys win while it has the focus


SCOPES: list[Scope] = [
    Scope("app", "Everywhere"),
    Scope("editor", "Editor"),
    Scope("list", "Editor: the segment list (focused with F6)", inside="editor"),
    Scope("source", "Editor: the Arabic panel's word cursor (Shift+Tab from the English)",
          inside="editor"),
    Scope("dictionary", "Editor: the Dictionary panel (Shift+F10)", inside="editor"),
    Scope("matches", "Editor: the Matches panel (Shift+F5)", inside="editor"),
    Scope("concordance", "Editor: concordance (Alt+C)", modal=True),
    Scope("spelling", "Editor: spelling suggestions (F11)", modal=True),
    Scope("override", "Editor: confirm despite errors", modal=True),
    Scope("conflict", "Editor: the segment was changed elsewhere", modal=True),
    Scope("search", "Editor: search dialog (Ctrl+F)", modal=True),
    Scope("lookup", "Editor: look up a typed word (F10 with no word at the cursor; / in the "
          "Dictionary panel)", modal=True),
    Scope("filter", "Editor: filter dialog (F4)", modal=True),
    Scope("goto", "Editor: go to segment (F2)", modal=True),
    Scope("terms", "Editor: glossary chooser (Ctrl+L)", modal=True),
    Scope("add_term", "Editor: add a glossary term (Alt+T)", modal=True),
    Scope("split", "Editor: split dialog (Alt+S)", modal=True),
    Scope("review", "Reviewer (F3)"),
    Scope("review_list", "Reviewer: the list of segments", inside="review"),
    Scope("review_filter", "Reviewer: filter dialog (F4)", modal=True),
    Scope("comment", "Reviewer: comment dialog", modal=True),
    Scope("lqa", "LQA error form (Reviewer: e; Editor: Shift+F12)", modal=True),
    Scope("lqa_remove", "Reviewer: remove an LQA error (d)", modal=True),
    Scope("scores", "Scores (Ctrl+T)"),
    Scope("export", "Export dialog (F12)", modal=True),
    Scope("import", "Import dialog (Ctrl+O)", modal=True),
    Scope("overwrite", "Import: finished work in the way", modal=True),
    Scope("replace", "Editor: find and replace (Shift+F2)", modal=True),
    Scope("batch", "Editor: batch on the view (Shift+F4)", modal=True),
    Scope("unlock", "Editor: unlock a segment (Ctrl+U)", modal=True),
    Scope("changes", "Changes (Shift+F9)", modal=True),
    Scope("undo_confirm", "Undo a change: yes or no", modal=True),
    Scope("history", "A segment's history (Editor: Alt+H; Reviewer: h)", modal=True),
    Scope("help", "Help (F1)", modal=True),
]
SCOPE = {s.id: s for s in SCOPES}


@dataclass(frozen=True)
class KeySpec:
    """One binding: ``id`` is what the config file names, ``action`` a Textual action run on
    the screen of ``scope`` (on the app for scope "app")."""

    id: str
    keys: str
    action: str
    description: str
    show: bool = False
    scope: str = "editor"
    key_display: str | None = None
    priority: bool = False  # before the focused widget's own keys (F6/F7 of the TextArea)
    palette: bool = True  # offered in the command palette
    label: str = ""  # short footer label (defaults to the description)
    group: str = ""  # bindings shown as one row of the help screen (Alt+1 … Alt+9)


def _app() -> list[KeySpec]:
    return [
        KeySpec("quit", "ctrl+q", "quit", "Quit (work is saved)", True, "app", priority=True,
                label="Quit"),
        KeySpec("help", "f1", "help", "Keys and help", True, "app", label="Help"),
        KeySpec("command_palette", "ctrl+p", "command_palette", "Commands", False, "app",
                priority=True, palette=False),
        KeySpec("toggle_direction", "f7", "toggle_direction",
                "Arabic direction: switch app / terminal reordering", False, "app",
                priority=True),
        KeySpec("toggle_shaping", "f8", "toggle_shaping", "Arabic letter shaping on / off",
                False, "app"),
        # the reviewer, scores, export and import screens (workbench/tui/actions.py)
        KeySpec("review", "f3", "review",
                "Reviewer: every segment with its findings; approve / review / reject", True,
                "app", label="Review"),
        KeySpec("scores", "ctrl+t", "scores",
                "Scores against the references, worst segments first", False, "app"),
        KeySpec("export", "f12", "export", "Export the document (TMX, XLIFF, DOCX, HTML, ...)",
                False, "app"),
        KeySpec("import", "ctrl+o", "import",
                "Import a document, a translation, a memory or a glossary", False, "app"),
        # change groups: imports, replacements and batches, each undone at once
        KeySpec("changes", "shift+f9", "changes",
                "Changes: imports, replacements and batches, newest first; undo one at once",
                False, "app"),
        KeySpec("undo_change", "ctrl+f9", "undo_change",
                "Undo the last import, replacement or batch (all its segments at once)",
                False, "app", label="Undo last change"),
    ]


def _editor() -> list[KeySpec]:
    return [
        KeySpec("confirm", "ctrl+j,enter,ctrl+enter,alt+enter", "confirm",
                "Confirm the segment and go to the next", True, key_display="^j",
                label="Confirm"),
        KeySpec("next_segment", "alt+down,ctrl+down", "next_segment", "Next segment", True,
                label="Next"),
        # not in the footer (nor Filter): at 80 columns it then holds Quit and Help too
        KeySpec("previous_segment", "alt+up,ctrl+up", "previous_segment", "Previous segment",
                label="Prev"),
        KeySpec("next_open", "ctrl+n", "next_open", "Next segment not yet translated"),
        KeySpec("insert_term", "ctrl+g", "insert_term",
                "Insert the glossary rendering of the next term at the cursor", True,
                label="Term"),
        KeySpec("choose_term", "ctrl+l", "choose_term",
                "Choose a glossary rendering to insert (1-9 or Enter)"),
        KeySpec("add_term", "alt+t", "add_term",
                "Add a glossary term: the Arabic word at the word cursor or of the chosen "
                "dictionary sense, the selected English or the sense", priority=True),
        # Alt+digit reaches the app only in terminals speaking the kitty keyboard protocol.
        *[
            KeySpec(f"insert_term_{n}", f"alt+{n}", f"insert_term({n})",
                    f"Insert the rendering of glossary entry {n}", palette=False,
                    group="Insert the rendering of glossary entry 1-9 (terminals with the "
                    "kitty keyboard protocol)")
            for n in range(1, 10)
        ],
        KeySpec("search", "ctrl+f", "search", "Search Arabic or English", True,
                label="Search"),
        KeySpec("filter", "f4", "filter", "Filter segments", label="Filter"),
        KeySpec("clear_filter", "f5", "clear_filter",
                "Show all segments (clear search and filter)"),
        KeySpec("goto", "f2", "goto", "Go to segment number"),
        KeySpec("toggle_reference", "ctrl+r", "toggle_reference",
                "Reference translation on / off"),
        KeySpec("undo", "f9", "undo", "Undo the last change of this segment"),
        KeySpec("save", "ctrl+s", "save", "Save now"),
        # Ctrl+A selects the segment's English, as in OmegaT, memoQ and Trados (the
        # TextArea's Ctrl+A, to the line start, is Home; Ctrl+Shift+A reaches no app
        # through tmux, and its own select-all key, F7, is the direction's)
        KeySpec("select_all", "ctrl+a", "select_all",
                "Select the whole English (typing or a paste replaces it)", priority=True),
        KeySpec("unlock", "ctrl+u", "unlock",
                "Unlock the open segment (approved work is locked) to edit it; the reason is "
                "kept in its history"),
        KeySpec("replace", "shift+f2", "replace",
                "Find and replace in the English (preview; one change, undone at once)"),
        KeySpec("batch", "shift+f4", "batch",
                "Batch: confirm, mark reviewed or approve the segments of the view"),
        # dictionary, spelling, tags and LQA (workbench/tui/screens/editor/{dictionary,
        # spelling,tags}.py). Shift+F3 is not offered: xterm and tmux send it as ESC [1;2R,
        # which is also a cursor position report.
        KeySpec("lookup_word", "f10", "lookup_word",
                "Dictionary: look up the word at the cursor (English editor or Arabic panel; "
                "with none, type one)"),
        KeySpec("dictionary_panel", "shift+f10", "dictionary_panel",
                "Dictionary panel: show it and choose a sense to insert / back to the English"),
        KeySpec("spelling", "f11", "spelling",
                "Spelling: suggestions for the word at the cursor; replace it, or add it to "
                "the project's word list"),
        KeySpec("insert_tag", "shift+f11", "insert_tag",
                "Tags: insert the next tag of the Arabic that the English lacks, at the cursor"),
        KeySpec("lqa_error", "shift+f12", "lqa_error",
                "LQA: record an error on this segment (the span is the selected English)"),
        # translation memory (workbench/tui/screens/editor/matches.py, screens/concordance.py).
        # Shift+F5 then a digit inserts match N: Ctrl+digits and Alt+digits do not reach the
        # app through tmux, and F3 with any modifier (ESC [1;5R) reads as a cursor position
        # report, so Ctrl+F1…F5 cannot number the matches either (checked in tmux 3.3a).
        KeySpec("matches_panel", "shift+f5", "matches_panel",
                "Matches panel: show it and choose a match (1-9 or Enter replaces the English "
                "with it) / back to the English"),
        KeySpec("insert_match", "ctrl+f1", "insert_match(1)",
                "Replace the English with the best translation memory match"),
        KeySpec("side_panels", "shift+f6", "side_panels",
                "Beside the English: the Matches panel / the glossary and QA findings "
                "(narrow terminals)"),
        KeySpec("concordance", "alt+c", "concordance",
                "Concordance: search the translation memories for words (Arabic or English)",
                priority=True),
        KeySpec("switch_focus", "f6", "switch_focus",
                "Focus the segment list / the English editor", priority=True),
        KeySpec("segment_history", "alt+h", "app.segment_history",
                "History of this segment: every change of its English, and its notes",
                priority=True),  # priority: Alt+H reaches Textual as a printable "h"
        # alignment fixes (workbench/tui/actions.py). A terminal sends Alt+M as ESC m, which
        # Textual reports as a printable "m": priority keeps the English editor from typing it.
        KeySpec("merge_next", "alt+m", "app.merge_next", "Merge this segment with the next",
                priority=True),
        KeySpec("split_segment", "alt+s", "app.split_segment",
                "Split this segment (choose the Arabic cut; the English splits at the cursor)",
                priority=True),
        KeySpec("move_sentence_next", "alt+n", "app.move_sentence('next')",
                "Reference: move this segment's last sentence to the next segment",
                priority=True),
        KeySpec("move_sentence_previous", "alt+p", "app.move_sentence('previous')",
                "Reference: take the next segment's first sentence into this one",
                priority=True),
    ]


def _list() -> list[KeySpec]:
    s = "list"
    return [
        KeySpec("list_up", "up", "cursor_up", "Segment list: row up", scope=s, palette=False),
        KeySpec("list_down", "down", "cursor_down", "Segment list: row down", scope=s,
                palette=False),
        KeySpec("list_page_up", "pageup", "page_up", "Segment list: page up", scope=s,
                palette=False),
        KeySpec("list_page_down", "pagedown", "page_down", "Segment list: page down", scope=s,
                palette=False),
        KeySpec("list_first", "home", "first", "Segment list: first segment", scope=s,
                palette=False),
        KeySpec("list_last", "end", "last", "Segment list: last segment", scope=s,
                palette=False),
        KeySpec("list_open", "enter", "choose", "Segment list: open the segment to edit",
                scope=s, palette=False),
    ]


def _panels() -> list[KeySpec]:
    src, dic, mat = "source", "dictionary", "matches"
    return [
        # Arabic runs right to left: Left moves to the next word, Right to the previous one.
        KeySpec("source_next_word", "left", "move(1)", "Arabic panel: next word (to the left)",
                scope=src, palette=False),
        KeySpec("source_previous_word", "right", "move(-1)",
                "Arabic panel: previous word (to the right)", scope=src, palette=False),
        KeySpec("source_first_word", "home", "first", "Arabic panel: first word", scope=src,
                palette=False),
        KeySpec("source_last_word", "end", "last", "Arabic panel: last word", scope=src,
                palette=False),
        KeySpec("source_lookup", "enter", "lookup", "Arabic panel: look the word up",
                scope=src, palette=False),
        KeySpec("source_back", "escape", "back", "Arabic panel: back to the English",
                scope=src, palette=False),
        KeySpec("dictionary_up", "up", "cursor(-1)", "Dictionary: previous sense", scope=dic,
                palette=False),
        KeySpec("dictionary_down", "down", "cursor(1)", "Dictionary: next sense", scope=dic,
                palette=False),
        KeySpec("dictionary_page_up", "pageup", "page(-1)", "Dictionary: page up", scope=dic,
                palette=False),
        KeySpec("dictionary_page_down", "pagedown", "page(1)", "Dictionary: page down",
                scope=dic, palette=False),
        KeySpec("dictionary_insert", "enter", "insert",
                "Dictionary: insert the sense at the English cursor", scope=dic,
                palette=False),
        KeySpec("dictionary_back", "escape", "back", "Dictionary: back to the English",
                scope=dic, palette=False),
        KeySpec("dictionary_type", "slash", "type_word",
                "Dictionary: type a word or phrase to look up (Arabic or English)", scope=dic,
                palette=False),
        KeySpec("matches_up", "up", "cursor(-1)", "Matches: previous match", scope=mat,
                palette=False),
        KeySpec("matches_down", "down", "cursor(1)", "Matches: next match", scope=mat,
                palette=False),
        KeySpec("matches_insert", "enter", "insert",
                "Matches: replace the English with the match under the cursor", scope=mat,
                palette=False),
        *[
            KeySpec(f"matches_pick_{n}", str(n), f"pick({n})",
                    f"Matches: replace the English with match {n}", scope=mat, palette=False,
                    group="Matches: replace the English with match 1-9")
            for n in range(1, 10)
        ],
        KeySpec("matches_back", "escape", "back", "Matches: back to the English", scope=mat,
                palette=False),
    ]


def _dialogs() -> list[KeySpec]:
    def cancel(scope: str, what: str = "Cancel") -> KeySpec:
        return KeySpec(f"{scope}_cancel", "escape", "cancel", what, scope=scope,
                       label=what.split(" (")[0])

    return [
        cancel("override", "Back to editing (not confirmed)"),
        KeySpec("conflict_theirs", "f2", "choose('theirs')",
                "Keep theirs (yours stays in the history)", scope="conflict",
                label="Keep theirs", priority=True),
        KeySpec("conflict_mine", "f3", "choose('mine')", "Keep mine (write yours over theirs)",
                scope="conflict", label="Keep mine", priority=True),
        KeySpec("conflict_merge", "ctrl+j", "choose('merge')",
                "Save the merge (the English as edited here)", scope="conflict",
                label="Save the merge", priority=True),
        KeySpec("conflict_both", "f4", "choose('both')", "Keep both (yours as a note)",
                scope="conflict", label="Keep both", priority=True),
        cancel("search"),
        cancel("lookup"),
        cancel("add_term"),
        cancel("filter"),
        KeySpec("filter_apply", "ctrl+j", "apply", "Apply the filter", scope="filter",
                label="Apply"),
        cancel("goto"),
        cancel("terms"),
        *[
            KeySpec(f"term_pick_{n}", str(n), f"pick({n})", f"Insert glossary entry {n}",
                    scope="terms", palette=False, group="Insert glossary entry 1-9")
            for n in range(1, 10)
        ],
        KeySpec("split_later", "left,down", "move(1)", "Cut one word later", True, "split"),
        KeySpec("split_earlier", "right,up", "move(-1)", "Cut one word earlier", True,
                "split"),
        KeySpec("split_english", "e", "toggle_english", "English: split at cursor / keep",
                True, "split", label="English cut"),
        KeySpec("split_apply", "enter,ctrl+j", "apply", "Split here", True, "split"),
        KeySpec("split_cancel", "escape", "cancel", "Cancel", True, "split"),
        KeySpec("review_filter_cancel", "escape", "cancel", "Cancel", scope="review_filter"),
        KeySpec("review_filter_apply", "ctrl+j", "apply", "Apply the filter",
                scope="review_filter", label="Apply"),
        cancel("comment"),
        KeySpec("export_cancel", "escape", "cancel", "Cancel", scope="export"),
        KeySpec("export_run", "ctrl+j", "export", "Export", scope="export"),
        KeySpec("import_cancel", "escape", "cancel", "Cancel", scope="import"),
        KeySpec("import_run", "ctrl+j", "run", "Import", scope="import"),
        KeySpec("overwrite_keep", "k", "choose('keep')",
                "Keep the finished work; import the rest", scope="overwrite", label="Keep"),
        KeySpec("overwrite_confirmed", "c", "choose('confirmed')",
                "Replace confirmed (translated) segments too", scope="overwrite",
                label="Replace confirmed"),
        KeySpec("overwrite_all", "a", "choose('approved')",
                "Replace every segment, reviewed and approved ones too", scope="overwrite",
                label="Replace all"),
        KeySpec("overwrite_cancel", "escape", "cancel", "Cancel the import",
                scope="overwrite", label="Cancel"),
        KeySpec("replace_apply", "ctrl+j", "apply", "Replace (as previewed)", scope="replace",
                label="Replace"),
        KeySpec("replace_cancel", "escape", "cancel", "Cancel", scope="replace"),
        KeySpec("batch_run", "ctrl+j", "run", "Run the batch", scope="batch", label="Run"),
        KeySpec("batch_cancel", "escape", "cancel", "Close (stops a batch still running)",
                scope="batch", label="Close"),
        KeySpec("unlock_cancel", "escape", "cancel", "Keep it locked", scope="unlock",
                label="Cancel"),
        KeySpec("changes_undo", "u", "undo_selected", "Undo the selected change at once",
                scope="changes", label="Undo"),
        KeySpec("changes_close", "escape", "close", "Close", scope="changes"),
        KeySpec("history_close", "escape,h", "close", "Close the history", scope="history",
                label="Close"),
        KeySpec("undo_confirm_yes", "y", "answer(True)", "Undo it", scope="undo_confirm",
                label="Yes, undo"),
        KeySpec("undo_confirm_no", "escape,n", "answer(False)", "Keep it",
                scope="undo_confirm", label="No"),
        KeySpec("spelling_add", "ctrl+a", "add_word",
                "Add the word to the project's word list (never flagged again)",
                scope="spelling", label="Add to word list"),
        *[
            KeySpec(f"spelling_pick_{n}", str(n), f"pick({n})", f"Replace with suggestion {n}",
                    scope="spelling", palette=False, group="Replace with suggestion 1-9")
            for n in range(1, 10)
        ],
        cancel("spelling"),
        KeySpec("lqa_add", "ctrl+j", "add", "Record the error", scope="lqa", label="Record"),
        cancel("lqa"),
        KeySpec("lqa_remove_cancel", "escape", "cancel", "Keep them all",
                scope="lqa_remove", label="Cancel"),
        KeySpec("concordance_insert", "ctrl+j", "insert",
                "Insert the selected unit's English at the English cursor", scope="concordance",
                label="Insert"),
        KeySpec("concordance_lang", "f2", "cycle_lang",
                "Search both sides / the Arabic / the English", scope="concordance",
                label="Language"),
        cancel("concordance", "Close"),
        KeySpec("help_close", "escape,f1,q", "close", "Close the help", scope="help",
                label="Close"),
        KeySpec("help_down", "down", "scroll_down", "Scroll down", scope="help",
                palette=False),
        KeySpec("help_up", "up", "scroll_up", "Scroll up", scope="help", palette=False),
    ]


def _review() -> list[KeySpec]:
    s = "review"
    return [
        # approve, reject, comment and back first: the footer of a 60-column terminal holds
        # only them (after the list's ↑↓ Move); the rest follow in a wider one
        KeySpec("review_approve", "a", "verdict('approved')", "Approve the segment", True, s,
                label="Approve"),
        KeySpec("review_reject", "r", "verdict('rejected')",
                "Reject the segment (a comment is required; back to draft)", True, s,
                label="Reject"),
        KeySpec("review_comment", "c", "comment", "Comment on the segment", True, s,
                label="Comment"),
        KeySpec("review_close", "escape", "close", "Back to the editor", True, s,
                label="Back"),
        KeySpec("review_jump", "enter", "jump", "Open the segment in the editor", True, s,
                label="Open"),
        KeySpec("review_reviewed", "v", "verdict('reviewed')", "Mark the segment reviewed",
                True, s, label="Reviewed"),
        KeySpec("review_approve_view", "A", "verdict_view('approved')",
                "Approve every segment of the view (one change, undone at once)", False, s),
        KeySpec("review_reviewed_view", "V", "verdict_view('reviewed')",
                "Mark every segment of the view reviewed (one change, undone at once)",
                False, s),
        KeySpec("review_history", "h", "history",
                "History of the segment: every change of its English, and its notes", False, s),
        KeySpec("review_lqa", "e", "lqa_error",
                "LQA: record an error on the segment (category, severity, span, comment)", True,
                s, label="LQA error"),
        KeySpec("review_lqa_remove", "d", "lqa_remove", "LQA: remove one of the segment's errors",
                False, s),
        KeySpec("review_show", "f", "cycle_findings",
                "Show: all segments / with findings / clean", True, s, label="Show"),
        KeySpec("review_filter", "f4", "filter", "Filter by status and findings", True, s,
                label="Filter"),
        KeySpec("review_refresh", "f5", "refresh", "Check again", False, s),
    ]


def _review_list() -> list[KeySpec]:
    s = "review_list"
    return [  # the table's own keys (not its Enter: the screen's, shown), Down shown in the
        # footer for both Up and Down
        KeySpec("review_list_down", "down", "cursor_down", "Reviewer: the next segment", True,
                s, key_display="↑↓", palette=False, label="Move"),
        KeySpec("review_list_up", "up", "cursor_up", "Reviewer: the previous segment",
                scope=s, palette=False),
        *(KeySpec(f"review_list_{action}", key, action, f"Reviewer: {what}", scope=s,
                  palette=False)
          for key, action, what in (
              ("pagedown", "page_down", "a page down"), ("pageup", "page_up", "a page up"),
              ("ctrl+home", "scroll_top", "the first segment"),
              ("ctrl+end", "scroll_bottom", "the last segment"),
              ("left", "cursor_left", "scroll left"), ("right", "cursor_right", "scroll right"),
              ("home", "scroll_home", "scroll to the left end"),
              ("end", "scroll_end", "scroll to the right end"),
              ("ctrl+pageup", "page_left", "a page left"),
              ("ctrl+pagedown", "page_right", "a page right"))),
    ]


def _scores() -> list[KeySpec]:
    s = "scores"
    return [
        KeySpec("scores_jump", "enter", "jump", "Open the segment in the editor", True, s,
                label="Open"),
        KeySpec("scores_next_version", "d", "next_version", "Next version", True, s),
        KeySpec("scores_refresh", "f5", "refresh", "Score again", True, s),
        KeySpec("scores_close", "escape", "close", "Back to the editor", True, s,
                label="Back"),
    ]


REGISTRY: list[KeySpec] = [
    *_app(), *_editor(), *_list(), *_panels(), *_dialogs(), *_review(), *_review_list(), *_scores()
]
"""Every binding of the TUI."""


def specs(scope: str) -> list[KeySpec]:
    """The bindings of one scope, in registry order."""
    if scope not in SCOPE:
        raise KeyError(f"unknown key scope {scope!r}")
    return [s for s in REGISTRY if s.scope == scope]


def bindings(scope: str) -> list[Binding]:
    """Textual bindings for a scope (each carries its id, so the keymap applies)."""
    return [
        Binding(
            s.keys, s.action, s.label or s.description, show=s.show, key_display=s.key_display,
            priority=s.priority, tooltip=s.description, id=s.id,
        )
        for s in specs(scope)
    ]


def all_specs() -> list[KeySpec]:
    """Every binding, of every scope."""
    return list(REGISTRY)


def binding_ids() -> set[str]:
    """The ids a config file may remap."""
    return {s.id for s in REGISTRY}


def effective_keys(spec: KeySpec, keymap: Mapping[str, str]) -> str:
    """The keys of ``spec`` once the keymap is applied."""
    return keymap.get(spec.id, spec.keys)


def _key_label(part: str, alone: bool = False) -> str:
    """One key as shown: ``J`` (in ``Ctrl+J``), ``a`` (``alone``: a plain letter, as the
    footer shows it, not to be taken for ``Shift+A``), ``Shift+A``, ``/`` (for ``slash``),
    ``F10``, ``Enter``."""
    if len(part) == 1:
        if part.isupper():
            return f"Shift+{part}"
        return part if alone else part.upper()
    char = format_key(part)
    return char if len(char) == 1 and char.isascii() and not char.isalnum() else part.capitalize()


def describe_keys(keys: str, first: bool = False) -> str:
    """Keys as shown to people: ``ctrl+j,enter`` → ``Ctrl+J, Enter`` (only ``Ctrl+J`` with
    ``first``); a plain letter is ``a``, an upper-case one ``Shift+A``."""
    names = []
    for key in keys.split(","):
        parts = [p for p in key.strip().split("+") if p]
        names.append("+".join(_key_label(p, len(parts) == 1) for p in parts))
        if first:
            break
    return ", ".join(names)


def key_name(keymap: Mapping[str, str], binding_id: str, count: int = 1) -> str:
    """The first key (or the first ``count`` keys, joined with ``/``) of a binding as
    remapped, as shown to people (``Ctrl+F9``, ``Ctrl+J/Enter``)."""
    spec = next(s for s in REGISTRY if s.id == binding_id)
    first = effective_keys(spec, keymap).split(",")[:count]
    return "/".join(describe_keys(key, first=True) for key in first)


def hint(keymap: Mapping[str, str], *parts: str) -> str:
    """A dialog's help line: each part is a binding id (shown as ``Keys: label``, with the keys
    as remapped) or plain text, joined with `` · ``."""
    by_id = {s.id: s for s in REGISTRY}
    shown = []
    for part in parts:
        spec = by_id.get(part)
        if spec is None:
            shown.append(part)
        else:
            label = spec.label or spec.description
            if label.split()[0] not in ("English", "Arabic"):
                label = label[0].lower() + label[1:]
            shown.append(f"{describe_keys(effective_keys(spec, keymap), first=True)}: {label}")
    return " · ".join(shown)


def active_in(scope: str) -> list[KeySpec]:
    """The bindings that can fire while ``scope`` is in front: its own, and the app's (on a
    dialog only those with priority)."""
    own = specs(scope)
    if scope == "app":
        return own
    modal = SCOPE[scope].modal
    return own + [s for s in specs("app") if s.priority or not modal]


def clashes(keymap: Mapping[str, str]) -> list[str]:
    """Keys bound to two bindings that can fire in the same scope, as messages such as
    ``Reviewer (F3): a is bound to review_approve and review_comment``."""
    found: list[str] = []
    for scope in SCOPES:
        by_key: dict[str, list[str]] = {}
        for spec in active_in(scope.id):
            for key in _normalize_key_list(effective_keys(spec, keymap)).split(","):
                key = key.strip()
                if key and spec.id not in by_key.setdefault(key, []):
                    by_key[key].append(spec.id)
        for key, ids in by_key.items():
            if len(ids) > 1 and (scope.id == "app" or any(
                    s.scope == scope.id for s in REGISTRY if s.id in ids)):
                found.append(f"{scope.title}: {describe_keys(key)} is bound to "
                             f"{' and '.join(ids)}")
    return found


def unknown_ids(keymap: Iterable[str]) -> list[str]:
    """The ids of ``keymap`` that name no binding."""
    return sorted(set(keymap) - binding_ids())


_MODIFIERS = frozenset({"ctrl", "alt", "shift", "super", "meta", "hyper"})
_NAMED_KEYS = frozenset(
    {k.value.rsplit("+", 1)[-1] for k in Keys}
    | {_character_to_key(chr(c)) for c in range(0x21, 0x7F)}
)


def is_key(key: str) -> bool:
    """True when ``key`` is a key as Textual names what a terminal sends: lower-case
    modifiers joined with ``+`` to one character or a key name (``ctrl+f``, ``shift+f5``,
    ``slash``); ``Ctrl+F``, ``ctrl-f`` or ``ctrl+`` would bind nothing."""
    *modifiers, base = key.split("+")
    if not base or any(m not in _MODIFIERS for m in modifiers):
        return False
    return len(base) == 1 or base in _NAMED_KEYS or key_to_character(base) is not None


def needs_kitty(key: str) -> bool:
    """Whether only a terminal with the kitty keyboard protocol tells ``key`` apart (tmux and
    xterm send Ctrl+Enter as Enter, Ctrl+Shift+A as Ctrl+A, Ctrl+1 as 1): Ctrl or Shift with
    Enter, Tab (but Shift+Tab), Backspace or Escape, Ctrl with a digit, Ctrl+Shift with a
    letter, Super, Hyper, Meta."""
    *modifiers, base = key.split("+")
    mods = set(modifiers)
    if mods & {"super", "hyper", "meta"}:
        return True
    if base in ("enter", "tab", "backspace", "escape") and mods & {"ctrl", "shift"}:
        return key != "shift+tab"
    if "ctrl" in mods and len(base) == 1 and base.isdigit():
        return True
    return {"ctrl", "shift"} <= mods and len(base) == 1 and base.isalpha()


def kitty_only(keymap: Mapping[str, str]) -> list[str]:
    """The bindings of ``keymap`` whose every key only a kitty-protocol terminal sends
    (:func:`needs_kitty`), as ``id = 'keys'``: in tmux that binding does nothing."""
    out = []
    for binding_id, value in keymap.items():
        given = [k for k in (k.strip() for k in value.split(",")) if k and is_key(k)]
        if given and all(needs_kitty(k) for k in given):
            out.append(f"{binding_id} = {value!r}")
    return out


def unknown_keys(keymap: Mapping[str, str]) -> list[str]:
    """The keys of ``keymap`` that no terminal sends, as ``id = 'key'``."""
    return [
        f"{binding_id} = {key!r}"
        for binding_id, value in keymap.items()
        for key in (k.strip() for k in value.split(","))
        if key and not is_key(key)
    ]
