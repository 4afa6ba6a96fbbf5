"""The spelling dialog (F11 in the editor): suggestions for one word, found in a worker
(``project.spelling.suggest``, bounded work; a word the check does not flag is said to be
right, with none, as ``workbench spelling suggest`` says); choose one to replace the word
(1-9, or arrows and Enter), or add the word to the project's word list
(``project.spelling.add_word``), after which it is never flagged again. Escape closes the dialog
and stops a search still running."""

from __future__ import annotations

from concurrent.futures import Future
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from workbench.tui import keys
from workbench.tui.screens.prompts import Prompt
from workbench.tui.service import describe_error

if TYPE_CHECKING:
    from workbench.project import Project
    from workbench.tui.app import WorkbenchApp

SUGGESTIONS = 8
ADD_ID = "spelling-add-word"


@dataclass(frozen=True)
class SpellingChoice:
    """What the dialog decided: replace the word with ``replacement``, or it was ``add``ed to
    the project's word list."""

    replacement: str = ""
    add: bool = False


@dataclass
class Suggested(Message):
    """Suggestions for the word (posted by the worker)."""

    words: list[str]
    error: str | None = None
    right: str = ""
    """Why the word is not misspelled (then there are no suggestions); '' when it is."""


@dataclass
class Added(Message):
    """The word was added to the project's word list (or not: ``error``)."""

    added: bool
    error: str | None = None


def verdict(project: Project, word: str, source: str = "") -> str:
    """Why ``word`` is no misspelling, as the spelling check judges it ('' when it is one):
    never checked (an acronym, a number...), in the dictionary, held by its segment's Arabic
    (``source``: in Latin letters, or a name transliterated), or known to the project."""
    from workbench.spelling.tokens import words

    checker = project.spelling.checker()
    if not words(word):
        return "never checked (numbers, acronyms, single letters, other scripts)"
    if checker.misspellings(word, source=source):
        return ""
    if checker.in_dictionary(word):
        return f"spelled right ({checker.language})"
    if source and checker.misspellings(word):
        return "spelled right (its segment's Arabic holds it: a name, a word left in Latin letters)"
    return f"spelled right (known to the project, not in {checker.language})"


class SuggestionsScreen(Prompt):
    """Replace a word with a suggestion, or add it to the project's word list."""

    KEY_SCOPE = "spelling"
    BINDINGS = keys.bindings("spelling")

    def __init__(self, word: str, source: str = "") -> None:
        """``source``: the Arabic of the word's segment (its Latin-letter words are right)."""
        super().__init__()
        self.word = word
        self.source = source
        self.suggestions: list[str] = []
        self.right = ""  # why the word is no misspelling, once the worker said it

    @property
    def wb(self) -> WorkbenchApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.bidi.line(Text.assemble("Spelling of ", (self.word, "bold"))),
                        classes="dialog-title")
            yield Label("Looking for suggestions…", id="spelling-status")
            yield OptionList(id="spelling-options")
            yield self.hint("1-9 or Enter: replace", "spelling_add", "spelling_cancel")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self.find_suggestions()

    @work(thread=True, exclusive=True, group="spelling-suggest")
    def find_suggestions(self) -> None:
        """Ask the spell checker for suggestions (worker, second connection)."""
        word, source = self.word, self.source

        def suggest(project: Project) -> Suggested:
            right = verdict(project, word, source)
            if right:
                return Suggested([], right=right)
            return Suggested(project.spelling.suggest(word, limit=SUGGESTIONS))

        try:
            message = self.wb.service.background(suggest)
        except Exception as exc:  # said in the dialog, never a crash
            self.post_message(Suggested([], describe_error(exc)))
            return
        self.post_message(message)

    def on_suggested(self, message: Suggested) -> None:
        status = self.query_one("#spelling-status", Label)
        options = self.query_one(OptionList)
        self.suggestions = message.words
        self.right = message.right
        if message.error:
            status.update(f"✗ {message.error}")
        elif message.right:
            status.update(f"✓ {self.word}: {message.right}")
        elif not message.words:
            status.update("No suggestions.")
        else:
            status.update(f"{len(message.words)} suggestions:")
        options.clear_options()
        options.add_options([
            Option(self.bidi.line(Text.assemble((f"{n} ", "bold"), word)), id=f"s{n}")
            for n, word in enumerate(message.words, start=1)
        ])
        if message.right:
            return  # nothing to replace, nothing to add
        key = keys.key_name(self.wb.keymap(), "spelling_add")
        options.add_option(Option(self.bidi.line(Text.assemble(
            ("+ ", "bold"), "Add ", (self.word, "bold"), f" to the project's word list ({key})"
        )), id=ADD_ID))
        options.highlighted = 0

    @on(OptionList.OptionSelected, "#spelling-options")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == ADD_ID:
            self.action_add_word()
        elif event.option.id:
            self.action_pick(int(event.option.id[1:]))

    def action_pick(self, number: int) -> None:
        """Replace the word with suggestion ``number``."""
        if 1 <= number <= len(self.suggestions):
            self.dismiss(SpellingChoice(self.suggestions[number - 1]))

    def action_add_word(self) -> None:
        """Add the word to the project's word list (it is never flagged again); a word the
        check does not flag is not added (said so)."""
        if self.right:
            self.notify(f"{self.word}: nothing to add, {self.right}.")
            return
        if self.wb.read_only:
            self.wb.refuse_read_only()
            return
        word = self.word
        future = self.wb.service.write(lambda p: p.spelling.add_word(word))

        def done(f: Future[bool]) -> None:
            try:
                message = Added(bool(f.result()))
            except Exception as exc:  # said, never lost in the writer thread
                message = Added(False, describe_error(exc))
            if self.is_attached:
                self.post_message(message)

        future.add_done_callback(done)

    def on_added(self, message: Added) -> None:
        if message.error:
            self.wb.notify_error(message.error)
            return
        if message.added:
            self.notify(f"Added {self.word} to the project's word list.")
        else:
            self.notify(f"{self.word} is in the project's word list already.")
        self.dismiss(SpellingChoice(add=True))

    def action_cancel(self) -> None:
        self.dismiss(None)
