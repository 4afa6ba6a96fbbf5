"""The concordance dialog (Alt+C in the editor): type words, Arabic or English, and see every
translation-memory unit that holds them (``project.tm.concordance``: the Arabic compared
through clitics — كتاب finds والكتاب —, the English case-insensitively), newest first, the hit
highlighted in its context. F2 searches both sides, the Arabic only or the English only.
Enter on a unit (or Ctrl+J) closes the dialog with the unit, whose English the editor inserts
at the cursor. The search runs in a worker once typing pauses (Enter: at once)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.console import Group
from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from workbench.tui import keys
from workbench.tui.display import isolate, isolate_quoted
from workbench.tui.screens.prompts import Prompt
from workbench.tui.service import describe_error

if TYPE_CHECKING:
    from workbench.tui.app import WorkbenchApp

HIT_STYLE = Style(color="black", bgcolor="#e5c07b", bold=True)
LANGS: tuple[tuple[str | None, str], ...] = (
    (None, "Arabic and English"), ("ar", "Arabic only"), ("en", "English only"),
)
TYPING_PAUSE = 0.3
"""Seconds typing rests before the search runs."""
LIMIT = 50


@dataclass
class Found(Message):
    """What a search found (posted by the worker)."""

    query: str
    lang: str | None
    hits: list[Any]
    error: str | None = None


class ConcordanceScreen(Prompt):
    """Search the translation memories; the chosen unit (a ConcordanceHit) is the result."""

    KEY_SCOPE = "concordance"
    BINDINGS = keys.bindings("concordance")
    DEFAULT_CSS = """
    ConcordanceScreen #concordance-hits { height: auto; max-height: 60vh; }
    ConcordanceScreen #concordance-lang { color: $text-muted; }
    """

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self.query_text = query.strip()
        self.lang_index = 0
        self.hits: list[Any] = []
        self._found: Found | None = None  # the search shown, drawn again by apply_display
        self._timer: Timer | None = None

    @property
    def wb(self) -> WorkbenchApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    @property
    def lang(self) -> str | None:
        """The side searched (None: both)."""
        return LANGS[self.lang_index][0]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Concordance: the translation memories", classes="dialog-title")
            yield Input(self.query_text, placeholder="words (Arabic or English)",
                        id="concordance-query")
            yield Label(self._lang_label(), id="concordance-lang")
            yield Label("", id="concordance-status", markup=False)  # quotes the query
            yield OptionList(id="concordance-hits")
            yield self.hint("Enter: insert the unit's English", "concordance_lang",
                            "concordance_cancel")

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        if self.query_text:
            self.search()

    def _lang_label(self) -> str:
        key = keys.key_name(self.wb.keymap(), "concordance_lang")
        return f"Searching: {LANGS[self.lang_index][1]} ({key} to change)"

    # searching ---------------------------------------------------------------------------

    @on(Input.Changed, "#concordance-query")
    def _typed(self, event: Input.Changed) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(TYPING_PAUSE, self.search)

    @on(Input.Submitted, "#concordance-query")
    def _submitted(self, event: Input.Submitted) -> None:
        if self._timer is not None:
            self._timer.stop()
        if self.hits and self.query_one(Input).value.strip() == self.query_text:
            self.query_one(OptionList).focus()  # searched already: go to the units
            return
        self.search()

    def search(self) -> None:
        """Search for what the input holds (in a worker)."""
        query = self.query_one(Input).value.strip()
        self.query_text = query
        if not query:
            self._show([], "")
            return
        self.query_one("#concordance-status", Label).update("Searching…")
        self._search(query, self.lang)

    @work(thread=True, exclusive=True, group="concordance")
    def _search(self, query: str, lang: str | None) -> None:
        try:
            hits = self.wb.service.background(
                lambda p: p.tm.concordance(query, lang=lang, limit=LIMIT)
            )
        except Exception as exc:  # said in the dialog, never a crash
            self.post_message(Found(query, lang, [], describe_error(exc)))
            return
        self.post_message(Found(query, lang, hits))

    def on_found(self, message: Found) -> None:
        if message.query != self.query_text or message.lang != self.lang:
            return  # a newer search is under way
        self._found = message
        if message.error:
            self._show([], self.bidi.plain(isolate_quoted(f"✗ {message.error}")))
            return
        quoted = self.bidi.plain(Text.assemble('"', isolate(message.query), '"'))
        count = len(message.hits)
        units = "1 unit holds" if count == 1 else (
            f"{count}{'+' if count >= LIMIT else ''} units hold")
        status = f"{units} {quoted}, newest first" if count else f"No unit holds {quoted}."
        self._show(message.hits, status)

    def apply_display(self) -> None:
        """Draw the units found again with the app's display settings (F7, F8), the same
        unit chosen."""
        if self._found is not None and self._found.query == self.query_text:
            options = self.query_one(OptionList)
            chosen = options.highlighted
            self.on_found(self._found)
            if chosen is not None and chosen < options.option_count:
                options.highlighted = chosen

    def _show(self, hits: list[Any], status: str) -> None:
        self.hits = hits
        self.query_one("#concordance-status", Label).update(status)
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options([Option(self._hit(hit)) for hit in hits])
        if hits:
            options.highlighted = 0

    def _hit(self, hit: Any) -> Group:
        """One unit: where it comes from, its Arabic and its English, the hit highlighted."""
        bidi = self.bidi
        spans = list(hit.spans)
        head = Text.assemble(
            isolate(hit.origin, "italic"),
            (f" · {hit.author}" if hit.author else "", "dim"),
            (f" · {(hit.date or '')[:10]}" if hit.date else "", "dim"),
        )
        english = Text(hit.target)
        for start, end in spans if hit.lang == "en" else ():
            english.stylize(HIT_STYLE, start, end)
        arabic_spans = [(s, e, HIT_STYLE) for s, e in spans] if hit.lang == "ar" else []
        return Group(
            bidi.text(head, right_align_rtl=False),
            bidi.arabic(hit.source, arabic_spans),
            bidi.text(english, right_align_rtl=False),
        )

    # choosing ----------------------------------------------------------------------------

    def action_cycle_lang(self) -> None:
        """Search both sides / the Arabic / the English."""
        self.lang_index = (self.lang_index + 1) % len(LANGS)
        self.query_one("#concordance-lang", Label).update(self._lang_label())
        self.search()

    @on(OptionList.OptionSelected, "#concordance-hits")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.hits[event.option_index])

    def action_insert(self) -> None:
        """Close with the unit under the cursor."""
        index = self.query_one(OptionList).highlighted
        if index is not None and 0 <= index < len(self.hits):
            self.dismiss(self.hits[index])
        else:
            self.notify("No unit chosen: search first.", severity="warning")

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_key(self, event: Any) -> None:
        """Down from the query goes to the units."""
        if event.key == "down" and self.query_one(Input).has_focus and self.hits:
            event.stop()
            self.query_one(OptionList).focus()
