"""The import dialog's question when an import into the working translation would replace
finished work, or leave some alone: keep it, replace confirmed segments, or replace all.

An import first runs as a dry run (the service's ``dry_run=True``); its report gives the counts
this dialog names, e.g. "18 segments will be filled; 2 confirmed and 1 approved segments hold
finished work", and the answer is the ``overwrite`` of the real import.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label

from workbench.tui import keys
from workbench.tui.display import isolate
from workbench.tui.screens.prompts import Prompt
from workbench.tui.widgets.title import DialogTitle
from workbench.wording import plural

if TYPE_CHECKING:
    from workbench.project import ImportReport
    from workbench.project.exchange_results import ExchangeReport

STATUS_WORDS = {"translated": "confirmed", "reviewed": "reviewed", "approved": "approved",
                "locked": "locked"}
"""How the statuses of protected segments are named to the translator."""
ORDER = ("translated", "reviewed", "approved", "locked")

KEEP = "keep"
CHOICES = (KEEP, "confirmed", "approved")
"""The answers: keep finished work (overwrite None), replace confirmed ones, replace all."""


def overwrite_of(choice: str) -> str | None:
    """The service's ``overwrite`` for an answer of this dialog."""
    return None if choice == KEEP else choice


@dataclass(frozen=True)
class ImportPlan:
    """What an import into the working translation would do, from its dry run."""

    filled: int = 0
    replaced: int = 0
    protected: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, report: ImportReport | ExchangeReport) -> ImportPlan:
        """The plan of a dry-run report (a text import's ``fill``, or a bilingual file's)."""
        fill = getattr(report, "fill", None)
        if fill is not None:
            return cls(fill.filled, fill.replaced, dict(fill.protected))
        return cls(len(report.added), len(report.updated),  # type: ignore[union-attr]
                   dict(report.protected))

    @property
    def left_alone(self) -> int:
        """Segments holding finished work that the import would not write."""
        return sum(self.protected.values())

    @property
    def asks(self) -> bool:
        """True when the translator must choose (some finished work is in the way)."""
        return self.left_alone > 0

    @property
    def confirmed_only(self) -> bool:
        """True when only confirmed (translated) segments are protected."""
        return set(self.protected) == {"translated"}

    def fills(self) -> str:
        """``18 segments will be filled`` (empty ones; drafts are replaced: said apart)."""
        filled, drafts = self.filled, self.replaced
        if filled and drafts:
            return (f"{plural(filled, 'empty segment')} will be filled and "
                    f"{plural(drafts, 'draft')} replaced")
        if drafts:
            return f"{plural(drafts, 'draft')} will be replaced"
        if filled:
            return f"{plural(filled, 'segment')} will be filled"
        return "Nothing else would change"

    def held(self) -> str:
        """``2 confirmed and 1 approved``: the protected segments by status."""
        parts = [f"{self.protected[s]:,} {STATUS_WORDS.get(s, s)}"
                 for s in sorted(self.protected, key=lambda s: (*ORDER, s).index(s))]
        return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]

    def finished(self) -> str:
        """``2 confirmed and 1 approved segments hold finished work``."""
        noun = "segment holds" if self.left_alone == 1 else "segments hold"
        return f"{self.held()} {noun} finished work"

    def question(self) -> str:
        """The whole question: what is filled, and what holds finished work."""
        return f"{self.fills()}; {self.finished()}."


class OverwriteScreen(Prompt):
    """Ask whether an import may replace finished work (answers: keep / confirmed / approved;
    None: cancel the import)."""

    KEY_SCOPE = "overwrite"
    BINDINGS = keys.bindings("overwrite")

    def __init__(self, plan: ImportPlan, file_name: str, document: str) -> None:
        super().__init__()
        self.plan = plan
        self.file_name = file_name
        self.document = document

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="overwrite-dialog"):
            yield DialogTitle(self._title(), id="overwrite-title")
            yield Label(self.plan.question(), id="overwrite-question")
            with Horizontal(classes="buttons pairs"):
                yield Button("Keep them", variant="primary", compact=True, id="overwrite-keep")
                if "translated" in self.plan.protected and not self.confirmed_is_all:
                    yield Button("Replace confirmed", compact=True, id="overwrite-confirmed")
                yield Button("Replace all", variant="warning", compact=True,
                             id="overwrite-approved")
            yield self.hint(*self._hints())

    def _title(self) -> Text:
        """The file and the document (each isolated: an Arabic name keeps its place)."""
        return Text.assemble("Import ", isolate(self.file_name), " into ",
                             isolate(self.document))

    def apply_display(self) -> None:
        """Draw the title again with the app's display settings (F7, F8)."""
        self.query_one("#overwrite-title", DialogTitle).refresh(layout=True)

    @property
    def confirmed_is_all(self) -> bool:
        """True when replacing confirmed segments is replacing all (nothing else is held)."""
        return self.plan.confirmed_only

    def _hints(self) -> list[str]:
        parts = ["overwrite_keep"]
        if "translated" in self.plan.protected and not self.confirmed_is_all:
            parts.append("overwrite_confirmed")
        return [*parts, "overwrite_all", "overwrite_cancel"]

    def on_mount(self) -> None:
        self.query_one("#overwrite-keep", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        choice = (event.button.id or "").removeprefix("overwrite-")
        if choice in CHOICES:
            self.action_choose(choice)

    def action_choose(self, choice: str) -> None:
        """Answer ``choice`` (keep, confirmed, approved)."""
        if choice == "confirmed" and (
            "translated" not in self.plan.protected or self.confirmed_is_all
        ):
            choice = "approved" if self.confirmed_is_all else KEEP
        self.dismiss(choice)

    def action_cancel(self) -> None:
        self.dismiss(None)
