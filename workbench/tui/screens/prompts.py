"""Small modal prompts of the editor: override reason, search, dictionary look-up, filter, go
to segment, glossary chooser. Their keys are in :mod:`workbench.tui.keys` (scopes override,
search, lookup, filter, goto, terms); any text that may hold Arabic is drawn through the
app's ``bidi`` display."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from workbench.statuses import STATUSES
from workbench.tui import keys
from workbench.tui.display import BidiDisplay, finding_text
from workbench.tui.guard import KeepsAnswering
from workbench.tui.rows import ViewSpec
from workbench.tui.widgets.panels import distinct_findings


def redraw_options(options: OptionList, items: list[Option]) -> None:
    """Put ``items`` (drawn again, e.g. in a new direction) in place of the list's options,
    the same one highlighted."""
    chosen = options.highlighted
    options.clear_options()
    options.add_options(items)
    if chosen is not None and chosen < options.option_count:
        options.highlighted = chosen


class Prompt(KeepsAnswering, ModalScreen[Any]):
    """A dialog of the editor: its keys come from the registry scope ``SCOPE``."""

    @property
    def bidi(self) -> BidiDisplay:
        """The app's display settings."""
        return getattr(self.app, "bidi", BidiDisplay())

    def hint(self, *parts: str) -> Label:
        """The dialog's help line, with the keys as remapped."""
        keymap = getattr(self.app, "keymap", dict)()
        return Label(keys.hint(keymap, *parts), classes="dialog-help")


OVERRIDE_FRAME = 16
"""Rows of the override dialog besides its findings: borders, padding, title, the reason's
label (two lines in a narrow terminal) and box, the help line and the margins."""
MIN_FINDINGS = 3
"""Rows the findings keep however low the terminal."""


class OverrideScreen(Prompt):
    """Confirm despite error findings: the translator must give a reason (an override)."""

    KEY_SCOPE = "override"
    BINDINGS = keys.bindings("override")

    def __init__(self, findings: list[Any]) -> None:
        super().__init__()
        self.findings = findings

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Not confirmed: this segment has errors", classes="dialog-title")
            with VerticalScroll(id="override-scroll"):  # Tab: arrows scroll it
                yield Static(self._findings(), id="override-findings")
            yield Label("To confirm anyway, give the reason (shown to reviewers):")
            yield Input(placeholder="reason", id="override-reason")
            yield self.hint("Enter: confirm with this reason", "override_cancel")

    def _findings(self) -> Any:
        lines = Text("\n").join(
            finding_text(finding, ("✗ ", "bold red"), (f"{finding.check}: ", "bold"),
                         (finding.message, ""))
            for finding in distinct_findings(self.findings)  # a term left out twice: once
        )
        return self.bidi.text(lines, right_align_rtl=False)

    def apply_display(self) -> None:
        """Draw the findings again with the app's display settings."""
        self.query_one("#override-findings", Static).update(self._findings())

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_resize(self, event: events.Resize) -> None:
        """The findings get the lines the dialog (95% of the screen) has left: many findings
        made it scroll to its reason box, and its title went out of view (5 at 80x24)."""
        room = event.size.height * 95 // 100 - OVERRIDE_FRAME
        self.query_one("#override-scroll").styles.max_height = max(MIN_FINDINGS, room)

    @on(Input.Submitted, "#override-reason")
    def _submitted(self, event: Input.Submitted) -> None:
        reason = event.value.strip()
        if not reason:
            self.notify("A reason is needed to confirm despite errors.", severity="warning")
            return
        self.dismiss(reason)

    def action_cancel(self) -> None:
        self.dismiss(None)


class SearchScreen(Prompt):
    """Ask for a search: Arabic is matched normalised, English case-insensitively. (The query
    is typed in logical order: an input field is never reordered.)"""

    KEY_SCOPE = "search"
    BINDINGS = keys.bindings("search")
    TITLE = "Search"
    HINT = "Enter: search (empty: no search)"

    def __init__(self, current: str = "") -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.TITLE, classes="dialog-title")
            yield Input(value=self.current, placeholder="Arabic or English", id="search-input")
            yield self.hint(self.HINT, f"{self.KEY_SCOPE}_cancel")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class LookupScreen(SearchScreen):
    """Ask for a word or phrase to look up in the project's dictionaries."""

    KEY_SCOPE = "lookup"
    BINDINGS = keys.bindings("lookup")
    TITLE = "Look up in the dictionaries"
    HINT = "Enter: look up"


class AddTermScreen(Prompt):
    """A glossary entry to add: the Arabic term, its English rendering, the renderings to
    forbid (``;`` between) and a comment; Enter in any field adds it."""

    KEY_SCOPE = "add_term"
    BINDINGS = keys.bindings("add_term")

    def __init__(self, term: str = "", rendering: str = "", comment: str = "",
                 forbidden: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.term, self.rendering = term, rendering
        self.comment, self.forbidden = comment, forbidden

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Add a glossary term", classes="dialog-title")
            yield Input(value=self.term, placeholder="Arabic term", id="term-term")
            yield Input(value=self.rendering, placeholder="required English rendering",
                        id="term-rendering")
            yield Input(value="; ".join(self.forbidden),
                        placeholder="forbidden renderings (; between)", id="term-forbidden")
            yield Input(value=self.comment, placeholder="comment for translators",
                        id="term-comment")
            yield self.hint("Enter: add the term", "add_term_cancel")

    def on_mount(self) -> None:
        first = "#term-rendering" if self.term and not self.rendering else "#term-term"
        self.query_one(first, Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        value = {i.id: i.value for i in self.query(Input)}
        if not value["term-term"].strip() or not value["term-rendering"].strip():
            self.notify("A term needs its Arabic and its English rendering.",
                        severity="warning")
            return
        forbidden = tuple(f.strip() for f in value["term-forbidden"].split(";") if f.strip())
        self.dismiss((value["term-term"], value["term-rendering"], value["term-comment"],
                      forbidden))

    def action_cancel(self) -> None:
        self.dismiss(None)


class FilterScreen(Prompt):
    """Choose filters: statuses, has findings, low score, low alignment confidence."""

    KEY_SCOPE = "filter"
    BINDINGS = keys.bindings("filter")

    def __init__(self, current: ViewSpec) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        spec = self.current
        with Vertical(classes="dialog"):
            yield Label("Filter segments", classes="dialog-title")
            yield Label("Status (none ticked: any status)")
            with Grid(classes="status-grid"):
                for status in STATUSES:
                    yield Checkbox(status, status in spec.statuses, compact=True,
                                   id=f"status-{status}")
            yield Checkbox("has QA findings", spec.has_findings, compact=True,
                           id="has-findings")
            yield Checkbox("low score (chrF++ of the last score run)", spec.low_score,
                           compact=True, id="low-score")
            yield Checkbox("low alignment confidence", spec.low_confidence, compact=True,
                           id="low-confidence")
            with Horizontal(classes="buttons"):
                yield Button("Apply", variant="primary", compact=True, id="apply")
                yield Button("Clear", compact=True, id="clear")
                yield Button("Cancel", compact=True, id="cancel")
            yield self.hint("Space: tick", "Tab: next", "filter_apply", "filter_cancel")

    def on_mount(self) -> None:
        self.query(Checkbox).first().focus()

    def chosen(self) -> ViewSpec:
        """The filters ticked (the search is kept)."""
        statuses = tuple(s for s in STATUSES if self.query_one(f"#status-{s}", Checkbox).value)
        return ViewSpec(
            self.current.search,
            statuses,
            self.query_one("#has-findings", Checkbox).value,
            self.query_one("#low-score", Checkbox).value,
            self.query_one("#low-confidence", Checkbox).value,
        )

    @on(Button.Pressed, "#apply")
    def action_apply(self) -> None:
        self.dismiss(self.chosen())

    @on(Button.Pressed, "#clear")
    def _clear(self) -> None:
        self.dismiss(ViewSpec(self.current.search))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class TermChooser(Prompt):
    """Pick the glossary entry whose rendering is inserted (1-9, or arrows and Enter)."""

    KEY_SCOPE = "terms"
    BINDINGS = keys.bindings("terms")

    def __init__(self, entries: list[tuple[str, str]]) -> None:
        super().__init__()
        self.entries = entries  # (term as stored, rendering)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Insert a glossary rendering", classes="dialog-title")
            yield OptionList(
                *[
                    Option(self.bidi.line(Text.assemble(
                        (f"{n} ", "bold"), term, " → ", (rendering, "bold")
                    )))
                    for n, (term, rendering) in enumerate(self.entries, start=1)
                ],
                id="term-options",
            )
            yield self.hint("1-9 or Enter: insert", "terms_cancel")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected, "#term-options")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_index + 1)

    def action_pick(self, number: int) -> None:
        if 1 <= number <= len(self.entries):
            self.dismiss(number)

    def action_cancel(self) -> None:
        self.dismiss(None)


class GotoScreen(Prompt):
    """Ask for a segment number."""

    KEY_SCOPE = "goto"
    BINDINGS = keys.bindings("goto")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Go to segment number", classes="dialog-title")
            yield Input(placeholder="number", type="integer", id="goto-input")
            yield self.hint("Enter: go", "goto_cancel")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted, "#goto-input")
    def _submitted(self, event: Input.Submitted) -> None:
        try:
            number = int(event.value)
        except ValueError:
            self.notify("Type a segment number.", severity="warning")
            return
        self.dismiss(number)

    def action_cancel(self) -> None:
        self.dismiss(None)


class UnlockScreen(Prompt):
    """Unlock a locked (approved) segment: an optional reason, kept in its history."""

    KEY_SCOPE = "unlock"
    BINDINGS = keys.bindings("unlock")

    def __init__(self, position: int, status: str) -> None:
        super().__init__()
        self.position = position
        self.status = status

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(f"Unlock segment {self.position} ({self.status})",
                        classes="dialog-title")
            yield Label("Its English can then be edited; the unlock is recorded in its "
                        "history. Reason (optional):")
            yield Input(placeholder="reason", id="unlock-reason")
            yield self.hint("Enter: unlock", "unlock_cancel")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted, "#unlock-reason")
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
