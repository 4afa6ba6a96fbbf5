"""The Dictionary panel in the editor: the open segment's words in the project's dictionaries,
look-ups of the word at the cursor, and senses inserted into the English.

- Once a segment's details are shown, a worker reads its dictionary words on the second
  connection (``project.dictionaries.find_in_segment``: through clitics, longest headwords
  first) into the panel.
- The look-up key (F10) takes the word at the cursor: the Arabic panel's word cursor when it
  has the focus (Shift+Tab from the English), else the English editor's. The word is looked up
  in a worker (``project.dictionaries.lookup_entries``); an English word also finds the senses
  of this segment's entries that hold it. With no word at the cursor, or / in the panel, a word or
  phrase is typed instead. The panel then takes the focus: Up/Down choose a sense, Enter
  inserts it at the English cursor, Escape goes back. A sense of the English word looked up
  takes that word's place (as a thesaurus does) while the cursor has not moved; a cursor
  inside a word inserts after that word.
- A sense is inserted with a capital at the start of a sentence; inside one, a
  capitalised first word that the spelling dictionary knows in lower case (FreeDict writes
  ``Many``, ``Book``) is inserted in lower case, while names (``Cairo``) keep their capital.
- Layout: from :data:`WIDE` columns the panel is a third column beside the glossary and the
  findings; narrower, it takes their place while it is shown (Shift+F10 shows it and goes back).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from textual import events, work
from textual.message import Message
from textual.widgets.text_area import Selection

from workbench.dictionary.installed import add_hint
from workbench.text.script import has_arabic
from workbench.tui.screens.editor.host import EditorPart
from workbench.tui.screens.prompts import LookupScreen
from workbench.tui.service import describe_error
from workbench.tui.widgets.dictionary_panel import DictionaryPanel, LookupResult
from workbench.tui.widgets.panels import DICTIONARY_STYLE, SourceView, TypedAway

if TYPE_CHECKING:
    from workbench.project import Project

WIDE = 130
"""From this many columns the Dictionary panel is a column of its own."""
TALL = 36
"""From this many rows the open segment's panels get more lines."""
NO_DICTIONARIES = "No dictionaries in this project"
"""How the panel's note starts when the project has no dictionary (see :func:`no_dictionaries`)."""


@lru_cache(maxsize=1)
def no_dictionaries() -> str:
    """The panel's note without dictionaries: how to add one, naming an installed one (the
    folders are read once, in a worker, never at start-up)."""
    return f"{NO_DICTIONARIES}: {add_hint()}"


@dataclass
class DictionaryReady(Message):
    """The dictionary words of a segment (posted by the worker)."""

    segment_id: int
    matches: list[Any]
    note: str = ""
    forms: dict[str, str] | None = None  # sense -> its form inside a sentence


@dataclass
class DictionarySetChanged(Message):
    """The project's dictionaries changed elsewhere while ``segment_id`` was open."""

    segment_id: int


def _dictionary_set(project: Project) -> tuple[tuple[str, bool], ...]:
    return tuple((d.name, d.available) for d in project.dictionaries.list())


@dataclass
class LookupReady(Message):
    """What a look-up found (posted by the worker)."""

    result: LookupResult | None
    note: str = ""
    forms: dict[str, str] | None = None


def left_out(project: Project) -> str:
    """The panel's note on the project's dictionaries a look-up went on without ('' when
    every one served)."""
    return "; ".join(f"dictionary {name!r} {problem}: not looked in"
                     for name, problem in project.dictionaries.unusable())


def mid_sentence_forms(project: Project, entries: Any) -> dict[str, str]:
    """For the senses of ``entries`` whose capitalised first word the spelling dictionary
    knows in lower case: sense -> the sense with that word in lower case."""
    try:
        dictionary = project.spelling.dictionary()
    except Exception:  # no spelling dictionary: senses are inserted as written
        return {}
    out: dict[str, str] = {}
    for entry in entries:
        for sense in entry.senses:
            first = sense.split(" ", 1)[0]
            if (len(first) > 1 and first[0].isupper() and first[1:].islower()
                    and first.isalpha() and dictionary.lookup(first.lower())):
                out[sense] = first.lower() + sense[len(first):]
    return out


def starts_sentence(before: str) -> bool:
    """True when text typed after ``before`` starts a sentence."""
    stripped = before.rstrip()
    return not stripped or stripped[-1] in ".!?:…\"“«"


def sense_form(sense: str, before: str, forms: dict[str, str]) -> str:
    """``sense`` as inserted after ``before``: with a capital at the start of a sentence, else
    in its form inside a sentence (``forms``, see :func:`mid_sentence_forms`)."""
    if starts_sentence(before):
        return sense[:1].upper() + sense[1:]
    return forms.get(sense, sense)


def word_at(text: str, offset: int) -> tuple[int, int] | None:
    """The (start, end) of the word of ``text`` at ``offset`` (or just before it, with only
    punctuation between: the cursor after ``coup.``), or None."""
    before = None
    for match in re.finditer(r"[^\W\d_][\w\u0640\u064B-\u065F\u0670'’-]*", text):
        start, end = match.span()
        end = start + len(match.group().rstrip("'’-"))
        if start <= offset <= end:
            return start, end
        if end < offset and not any(c.isspace() for c in text[end:offset]):
            before = (start, end)
    return before


def senses_holding(matches: list[Any], word: str) -> list[Any]:
    """The entries of ``matches`` with a sense holding the English ``word`` (as a word)."""
    pattern = re.compile(rf"\b{re.escape(word)}\b", re.IGNORECASE)
    seen: set[tuple[str, str]] = set()
    out = []
    for match in matches:
        for entry in match.entries:
            key = (entry.headword, entry.dictionary)
            if key not in seen and any(pattern.search(s) for s in entry.senses):
                seen.add(key)
                out.append(entry)
    return out


class DictionaryActions(EditorPart):
    """The editor screen's Dictionary panel (a mixin of ``EditorScreen``)."""

    _forms: dict[str, str]  # sense -> its form inside a sentence (see mid_sentence_forms)
    _dictionaries: tuple[tuple[str, bool], ...] | None = None  # (name, available) shown
    # the English word looked up: segment, cursor, start, end, word
    _replaced: tuple[int, int, int, int, str] | None = None

    if TYPE_CHECKING:
        def post_message(self, message: Message) -> bool: ...

        def set_class(self, add: bool, *class_names: str) -> Any: ...

        def insert_text(self, text: str) -> None: ...

        def refuse_edit(self) -> bool: ...

        def show_tab_hint(self) -> None: ...

    @property
    def dictionary_panel(self) -> DictionaryPanel:
        """The Dictionary panel."""
        return self.query_one(DictionaryPanel)

    # layout ----------------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        """Wide terminals show the Dictionary panel as a column; tall ones, taller panels."""
        self.set_class(event.size.width >= WIDE, "wide")
        self.set_class(event.size.height >= TALL, "tall")
        self.show_tab_hint()  # the matches become a column, or a tab again

    def show_dictionary(self, shown: bool = True) -> None:
        """Show the Dictionary panel (in a narrow terminal, instead of the glossary and the
        findings) or go back to them."""
        self.set_class(shown, "-dictionary")

    def action_dictionary_panel(self) -> None:
        """Show the Dictionary panel and give it the focus; again: back to the English."""
        panel = self.dictionary_panel
        if panel.has_focus:
            self.back_to_english()
            return
        self.show_dictionary()
        panel.focus()

    def back_to_english(self) -> None:
        """The English editor takes the focus again (the glossary comes back if the panel had
        taken its place)."""
        self.show_dictionary(False)
        self.editor.focus()

    def on_dictionary_panel_back(self, event: DictionaryPanel.Back) -> None:
        event.stop()
        self.back_to_english()

    def on_source_view_back(self, event: SourceView.Back) -> None:
        event.stop()
        self.editor.focus()

    def on_typed_away(self, event: TypedAway) -> None:
        """A key typed in a read-only panel (focused by a click): back to the English, where
        it is typed (a locked segment refuses it as ever)."""
        event.stop()
        self.back_to_english()
        self.editor.post_message(events.Key(event.key, event.character))

    # the segment's words -----------------------------------------------------------------------

    def load_dictionary(self, segment_id: int) -> None:
        """Read the dictionary words of segment ``segment_id`` into the panel (in a worker)."""
        self._dictionary_words(segment_id)

    @work(thread=True, exclusive=True, group="dictionary-set")
    def recheck_dictionaries(self, segment_id: int) -> None:
        """Something changed elsewhere: read the segment's dictionary words again if the
        project's dictionaries are not those shown (one added or removed elsewhere)."""
        try:
            now = self.wb.service.background(_dictionary_set)
        except Exception:  # offline, say: looked at again at the next change
            return
        if now != self._dictionaries:
            self.post_message(DictionarySetChanged(segment_id))

    def on_dictionary_set_changed(self, message: DictionarySetChanged) -> None:
        if self.current is not None and self.current.id == message.segment_id:
            self.load_dictionary(message.segment_id)

    @work(thread=True, exclusive=True, group="dictionary")
    def _dictionary_words(self, segment_id: int) -> None:
        def read(project: Project) -> tuple[list[Any], dict[str, str], str] | None:
            self._dictionaries = _dictionary_set(project)
            if not any(available for _, available in self._dictionaries):
                return None
            matches = project.dictionaries.find_in_segment(segment_id)
            entries = [e for m in matches for e in m.entries]
            return matches, mid_sentence_forms(project, entries), left_out(project)

        try:
            found = self.wb.service.background(read)
        except Exception as exc:  # said in the panel and notified, never a crash
            error = describe_error(exc)
            self.wb.notify_error(error)
            self.post_message(DictionaryReady(segment_id, [], f"✗ {error}"))
            return
        if found is None:
            self.post_message(DictionaryReady(segment_id, [], no_dictionaries()))
            return
        self.post_message(DictionaryReady(segment_id, found[0], found[2], forms=found[1]))

    def on_dictionary_ready(self, message: DictionaryReady) -> None:
        if self.current is not None and self.current.id == message.segment_id:
            self._forms.update(message.forms or {})
            self.dictionary_panel.show_matches(message.matches, message.note, keep_lookup=True)

    # look-ups ----------------------------------------------------------------------------------

    def word_at_cursor(self) -> str:
        """The word at the cursor: the Arabic panel's when it has the focus, else the English
        editor's ('' when there is none)."""
        source = self.query_one(SourceView)
        if source.has_focus:
            return source.current_word()
        english = self._english_word_at_cursor()
        return english[2] if english else ""

    def _english_word_at_cursor(self) -> tuple[int, int, str] | None:
        """The English editor's word at the cursor: its start, end and text."""
        editor = self.editor
        text = editor.text
        span = word_at(text, editor.offset_of(editor.cursor_location))
        return (*span, text[span[0]:span[1]]) if span else None

    def action_lookup_word(self) -> None:
        """Look the word at the cursor up in the project's dictionaries."""
        word = self.word_at_cursor()
        if not word:
            self.action_lookup_typed()
            return
        english = None if self.query_one(SourceView).has_focus else self._english_word_at_cursor()
        replaced = None
        if english and self.current:
            cursor = self.editor.offset_of(self.editor.cursor_location)
            replaced = (self.current.id, cursor, *english)
        self.look_up(word, replaced)

    def action_lookup_typed(self) -> None:
        """Ask for a word or phrase (Arabic or English) and look it up."""

        def typed(value: str | None) -> None:
            if value and value.strip():
                self.look_up(value.strip())

        self.app.push_screen(LookupScreen(), typed)

    def on_dictionary_panel_type_word(self, event: DictionaryPanel.TypeWord) -> None:
        event.stop()
        self.action_lookup_typed()

    def on_source_view_look_up(self, event: SourceView.LookUp) -> None:
        event.stop()
        self.look_up(event.word)

    def look_up(self, word: str,
                replaced: tuple[int, int, int, int, str] | None = None) -> None:
        """Look ``word`` up (in a worker) and show the entries in the Dictionary panel.
        ``replaced``: the English word at the cursor that ``word`` is (segment, cursor, start,
        end, word), which a sense chosen takes the place of; None for any other look-up (an
        Arabic word, a word typed), whose sense goes in at the cursor."""
        self._replaced = replaced
        self.show_dictionary()
        self.dictionary_panel.show_lookup(None, f"Looking up {word}…")
        self._look_up(word, self.current.id if self.current is not None else None)

    @work(thread=True, exclusive=True, group="dictionary-lookup")
    def _look_up(self, word: str, segment_id: int | None) -> None:
        english = not has_arabic(word)

        def read(project: Project) -> tuple[LookupResult, dict[str, str], str] | None:
            if not any(d.available for d in project.dictionaries.list()):
                return None
            entries = project.dictionaries.lookup_entries(word)
            # an English word: this segment's entries whose senses hold it
            matches = (project.dictionaries.find_in_segment(segment_id)
                       if english and segment_id is not None else [])
            known = {(e.headword, e.dictionary) for e in entries}
            entries += [e for e in senses_holding(matches, word)
                        if (e.headword, e.dictionary) not in known]
            # an Arabic word with no headword: the headwords of its consonants
            related = [] if entries else project.dictionaries.related_entries(word)
            result = LookupResult(word, tuple(entries), tuple(related))
            return result, mid_sentence_forms(project, entries + related), left_out(project)

        try:
            found = self.wb.service.background(read)
        except Exception as exc:  # said in the panel and notified, never a crash
            error = describe_error(exc)
            self.wb.notify_error(error)
            self.post_message(LookupReady(None, f"✗ {error}"))
            return
        if found is None:
            self.post_message(LookupReady(None, no_dictionaries()))
            return
        self.post_message(LookupReady(found[0], found[2], forms=found[1]))

    def on_lookup_ready(self, message: LookupReady) -> None:
        panel = self.dictionary_panel
        self._forms.update(message.forms or {})
        panel.show_lookup(message.result, message.note)
        if message.result is not None:
            self.show_dictionary()
            panel.focus()

    # senses ------------------------------------------------------------------------------------

    def on_dictionary_panel_selected(self, event: DictionaryPanel.Selected) -> None:
        """Mark the Arabic word of the selected sense."""
        event.stop()
        sense = event.sense
        source = self.query_one(SourceView)
        if sense is None or sense.span is None:
            if source.marked:
                source.mark([])
            return
        source.mark([(*sense.span, DICTIONARY_STYLE)])

    def on_dictionary_panel_insert(self, event: DictionaryPanel.Insert) -> None:
        """Insert the chosen sense at the English cursor (and go back to the English)."""
        event.stop()
        if self.current is None:
            return
        if self.refuse_edit():
            return
        self.show_dictionary(False)
        editor = self.editor
        replaced, self._replaced = self._replaced, None
        if event.sense.span is None and replaced is not None and replaced[0] == self.current.id:
            # a sense of the English word looked up at the cursor takes that word's place
            _, cursor, start, end, word = replaced
            if (editor.text[start:end] == word
                    and editor.offset_of(editor.cursor_location) == cursor):
                location = editor.document.get_location_from_index
                editor.selection = Selection(location(start), location(end))
        before = editor.get_text_range((0, 0), editor.selection.start)
        self.insert_text(sense_form(event.sense.text, before, self._forms))
