"""Spelling in the editor: misspelled words of the English underlined as you type, and
suggestions for the word at the cursor (F11).

The dictionary is loaded in a worker once the editor opens (``project.spelling.prepare``, on
the second connection, with the config's ``[spelling]`` settings). After each pause in typing
(:attr:`SpellingActions.spell_delay`) the English is checked in a worker
(``project.spelling.misspellings(text, source=arabic)``); the marks come back only if the text
is still the one checked. Until then the marks of words that did not move stay.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual import work
from textual.message import Message
from textual.timer import Timer
from textual.widgets import TextArea

from workbench.spelling.checker import tagged_word
from workbench.text.tags import retag, strip_tags
from workbench.tui.heap import freeze_long_lived
from workbench.tui.screens.editor.dictionary import word_at
from workbench.tui.screens.editor.host import EditorPart
from workbench.tui.screens.spelling import SpellingChoice, SuggestionsScreen
from workbench.tui.service import describe_error

if TYPE_CHECKING:
    from workbench.project import Project

SPELL_DELAY = 0.5
"""Seconds without typing before the English is checked again."""


@dataclass
class SpellingChecked(Message):
    """The misspelled words of a text (posted by the worker)."""

    segment_id: int
    text: str
    spans: list[tuple[int, int, str]]


@dataclass
class SpellingPrepared(Message):
    """The dictionary is loaded (or could not be: ``error``)."""

    error: str | None = None


class SpellingActions(EditorPart):
    """The editor screen's spell checking (a mixin of ``EditorScreen``)."""

    spell_delay: float = SPELL_DELAY
    spelling_ready: bool = False
    spelling_error: str | None = None
    _spell_timer: Timer | None = None

    if TYPE_CHECKING:
        def post_message(self, message: Message) -> bool: ...

        def set_timer(self, delay: float, callback: Any) -> Timer: ...

        def refuse_edit(self) -> bool: ...

        def recheck_details(self, segment_id: int, source: str) -> None: ...

    # loading the dictionary ----------------------------------------------------------------------

    @work(thread=True, group="spelling-prepare")
    def prepare_spelling(self) -> None:
        """Load the spelling dictionary on the second connection (worker)."""
        config = self.wb.config
        language, folders = config.spelling_language, list(config.spelling_dictionaries)

        def prepare(project: Project) -> None:
            project.spelling.use(language, folders)
            try:
                project.spelling.prepare()
            except Exception:
                project.spelling.switch_off()  # the checks go on without spelling
                raise

        try:
            self.wb.service.background(prepare)
        except Exception as exc:  # spelling is off; said once
            self.post_message(SpellingPrepared(describe_error(config.located(exc))))
            return
        self.post_message(SpellingPrepared())

    def on_spelling_prepared(self, message: SpellingPrepared) -> None:
        freeze_long_lived()  # the dictionary's objects live as long as the app
        if message.error:
            self.spelling_error = message.error
            self.notify(f"Spelling is off: {message.error}", severity="warning", timeout=10)
            if self.current is not None:  # its panels may have been read with the dictionary
                self.recheck_details(self.current.id, self.current.source)
            return
        self.spelling_ready = True
        self.check_spelling_now()

    # checking --------------------------------------------------------------------------------

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        """Keep the marks that did not move; check again after a pause."""
        if event.text_area is not self.editor:
            return
        self.editor.keep_marks()
        self.schedule_spelling()

    def schedule_spelling(self) -> None:
        """Check the English once typing pauses for :attr:`spell_delay` seconds."""
        if self._spell_timer is not None:
            self._spell_timer.stop()
        self._spell_timer = self.set_timer(self.spell_delay, self.check_spelling_now)

    def check_spelling_now(self) -> None:
        """Check the open segment's English now (in a worker)."""
        if not self.spelling_ready or self.current is None:
            return
        text = self.editor.text
        if not text.strip():
            self.editor.mark_misspelled([])
            return
        self._check_spelling(self.current.id, text, self.current.source)

    @work(thread=True, exclusive=True, group="spelling")
    def _check_spelling(self, segment_id: int, text: str, source: str) -> None:
        def check(project: Project) -> list[tuple[int, int, str]]:
            return [(w.start, w.end, w.word)
                    for w in project.spelling.misspellings(text, source=source)]

        try:
            spans = self.wb.service.background(check)
        except Exception as exc:  # notified; the marks stay as they are
            self.wb.notify_error(describe_error(exc))
            return
        self.post_message(SpellingChecked(segment_id, text, spans))

    def on_spelling_checked(self, message: SpellingChecked) -> None:
        if (self.current is not None and self.current.id == message.segment_id
                and self.editor.text == message.text):
            self.editor.mark_misspelled(message.spans)

    # suggestions -----------------------------------------------------------------------------

    def action_spelling(self) -> None:
        """Suggestions for the word at the English cursor: replace it, or add it to the
        project's word list."""
        if self.current is None:
            return
        if self.spelling_error:
            self.notify(f"Spelling is off: {self.spelling_error}", severity="warning")
            return
        editor = self.editor
        text = editor.text
        at = editor.offset_of(editor.cursor_location)
        span = next(((s, e) for s, e, _w in editor.misspelled if s <= at <= e), None)
        span = span or _whole_word_at(text, at)
        if span is None:
            self.notify("No word at the cursor.", severity="warning")
            return
        start, end = span
        word = strip_tags(text[start:end])  # a word cut by inline tags: its letters
        segment_id = self.current.id

        def chosen(choice: SpellingChoice | None) -> None:
            if choice is not None:
                self._apply_spelling(segment_id, text, start, end, choice)

        self.app.push_screen(SuggestionsScreen(word, self.current.source), chosen)

    def _apply_spelling(
        self, segment_id: int, text: str, start: int, end: int, choice: SpellingChoice
    ) -> None:
        if choice.add:
            self.check_spelling_now()  # the word is known now
            return
        editor = self.editor
        if self.current is None or self.current.id != segment_id or editor.text != text:
            self.notify("The English changed meanwhile: nothing was replaced.",
                        severity="warning")
            return
        if self.refuse_edit():
            return
        location = editor.document.get_location_from_index
        written = retag(text[start:end], choice.replacement)  # its inline tags kept
        editor.replace(written, location(start), location(end))
        editor.move_cursor(location(start + len(written)))
        editor.focus()


def _whole_word_at(text: str, at: int) -> tuple[int, int] | None:
    """The span of the word at offset ``at`` of the English: the whole word when inline tags
    cut it (``re<2>ciev</2>e``, as the spelling check flags it), else the word's."""
    span = word_at(text, at)
    if span is None or "<" not in text:
        return span
    cut = tagged_word(text, span[0])
    return (cut.start, cut.end) if cut is not None else span
