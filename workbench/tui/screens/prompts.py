"""Small modal prompts of the editor: override reason, search, filter, go to segment."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from workbench.statuses import STATUSES
from workbench.tui.rows import ViewSpec


class OverrideScreen(ModalScreen[str | None]):
    """Confirm despite error findings: the translator must give a reason (an override)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="override_cancel")
    ]

    def __init__(self, findings: list[Any]) -> None:
        super().__init__()
        self.findings = findings

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Not confirmed: this segment has errors", classes="dialog-title")
            lines = Text()
            for finding in self.findings:
                lines.append("✗ ", style="bold red")
                lines.append(f"{finding.check}: ", style="bold")
                lines.append(f"{finding.message}\n")
            yield Static(lines, id="override-findings")
            yield Label("To confirm anyway, give the reason (shown to reviewers):")
            yield Input(placeholder="reason", id="override-reason")
            yield Label("Enter: confirm with this reason · Escape: back to editing",
                        classes="dialog-help")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted, "#override-reason")
    def _submitted(self, event: Input.Submitted) -> None:
        reason = event.value.strip()
        if not reason:
            self.notify("A reason is needed to confirm despite errors.", severity="warning")
            return
        self.dismiss(reason)

    def action_cancel(self) -> None:
        self.dismiss(None)


class SearchScreen(ModalScreen[str | None]):
    """Ask for a search: Arabic is matched normalised, English case-insensitively."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="search_cancel")
    ]

    def __init__(self, current: str = "") -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Search", classes="dialog-title")
            yield Input(value=self.current, placeholder="Arabic or English", id="search-input")
            yield Label("Enter: search (empty: no search) · Escape: cancel", classes="dialog-help")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class FilterScreen(ModalScreen[ViewSpec | None]):
    """Choose filters: statuses, has findings, low score, low alignment confidence."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="filter_cancel"),
        Binding("ctrl+j", "apply", "Apply", id="filter_apply"),
    ]

    def __init__(self, current: ViewSpec) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        spec = self.current
        with Vertical(classes="dialog"):
            yield Label("Filter segments", classes="dialog-title")
            yield Label("Status (none ticked: any status)")
            with Horizontal(classes="checks"):
                for status in STATUSES:
                    yield Checkbox(status, status in spec.statuses, id=f"status-{status}")
            yield Checkbox("has QA findings", spec.has_findings, id="has-findings")
            yield Checkbox("low score (chrF++ of the last score run)", spec.low_score,
                           id="low-score")
            yield Checkbox("low alignment confidence", spec.low_confidence, id="low-confidence")
            with Horizontal(classes="buttons"):
                yield Button("Apply", variant="primary", id="apply")
                yield Button("Clear", id="clear")
                yield Button("Cancel", id="cancel")
            yield Label("Space: tick · Tab: next · Ctrl+J: apply · Escape: cancel",
                        classes="dialog-help")

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


class TermChooser(ModalScreen[int | None]):
    """Pick the glossary entry whose rendering is inserted (1-9, or arrows and Enter)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="term_cancel"),
        *[Binding(str(n), f"pick({n})", show=False) for n in range(1, 10)],
    ]

    def __init__(self, entries: list[tuple[str, str]]) -> None:
        super().__init__()
        self.entries = entries  # (term as displayed, rendering)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Insert a glossary rendering", classes="dialog-title")
            yield OptionList(
                *[
                    Option(Text.assemble((f"{n} ", "bold"), term, " → ", (rendering, "bold")))
                    for n, (term, rendering) in enumerate(self.entries, start=1)
                ],
                id="term-options",
            )
            yield Label("1-9 or Enter: insert · Escape: cancel", classes="dialog-help")

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


class GotoScreen(ModalScreen[int | None]):
    """Ask for a segment number."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="goto_cancel")
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Go to segment number", classes="dialog-title")
            yield Input(placeholder="number", type="integer", id="goto-input")

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
