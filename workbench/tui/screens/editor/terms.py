"""Inserting glossary renderings into the English at the cursor (Ctrl+G, Alt+1…9, Ctrl+L), and
adding a term to the project's glossary (Alt+T): the dialog is filled from the chosen
dictionary sense (its headword and sense) when the Dictionary panel has the focus, else from
the Arabic panel's word cursor when it has the focus (without its article and the proclitics
before it) and the English selected in the editor."""

from __future__ import annotations

import re
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.message import Message

from workbench.glossary import morphology as m
from workbench.glossary.english import find_rendering
from workbench.tui import keys
from workbench.tui.display import has_rtl, isolate, isolate_quoted, isolate_terms
from workbench.tui.screens.editor.host import EditorPart
from workbench.tui.screens.prompts import AddTermScreen, TermChooser
from workbench.tui.service import describe_error
from workbench.tui.widgets.dictionary_panel import DictionaryPanel
from workbench.tui.widgets.panels import GlossaryPanel, SourceView, TermLine

_WORD_REST = re.compile(r"[^\W_]*(?:['’][^\W_]+)*")  # the rest of a word: don't, O’Brien
_MARKS_BEFORE_SPACE = ".,;:!?…%)]}»”’"  # an inserted word after these is spaced from them
_OPENERS = "([{«“‘"  # and one before these
_TAGS_ENDING = re.compile(r"(?:</[1-9][0-9]{0,5}>|<[1-9][0-9]{0,5}/>)+$")  # closing, empty
_TAGS_STARTING = re.compile(r"^(?:<[1-9][0-9]{0,5}/?>)+")  # opening, empty
# the glossary's proclitic chains that end in the article (وال, بال, لل…), longest first
_ARTICLE_CHAINS = sorted((p for p in m.PREFIXES if p.endswith((m.ARTICLE, "لل"))),
                         key=len, reverse=True)


def term_of(word: str) -> str:
    """An Arabic word of the text as a glossary term: without its article and the proclitics
    before it (والثورة → ثورة), which the term matcher finds by itself."""
    for chain in _ARTICLE_CHAINS:
        if word.startswith(chain) and len(word) - len(chain) >= 3:
            return word[len(chain):]
    return word


def space_after(before: str) -> bool:
    """True when a word inserted after ``before`` needs a space first: after a word, a
    sentence or clause mark, a closing bracket or quote (a straight quote closes when it
    follows a word or a mark, not a space: ``"it rhymes."`` but ``said "``); a closing or
    empty inline tag ends what precedes it (``<1>president</1>`` as ``president``)."""
    before = _TAGS_ENDING.sub("", before)
    last = before[-1:]
    if not last:
        return False
    if last.isalnum() or last in _MARKS_BEFORE_SPACE:
        return True
    return (last in "\"'" and len(before) > 1 and not before[-2].isspace()
            and before[-2] not in _OPENERS)


def space_before(after: str) -> bool:
    """True when a word inserted before ``after`` needs a space after it: before a word, an
    opening bracket or quote (a straight quote opens when a word follows it); an opening or
    empty inline tag starts what follows it."""
    after = _TAGS_STARTING.sub("", after)
    first = after[:1]
    if not first:
        return False
    return first.isalnum() or first in _OPENERS or (first in "\"'" and after[1:2].isalnum())


TermValues = tuple[str, str, str, tuple[str, ...]]  # term, rendering, comment, forbidden


class TermAdded(Message):
    """A term was added to the glossary (or refused: ``error``)."""

    def __init__(self, text: str | Text, error: str | None = None,
                 values: TermValues | None = None) -> None:
        super().__init__()
        self.text, self.error, self.values = text, error, values


_NAMED_TERM = re.compile(r"^(.+?)(?= → |: )|(?<=its entry )(.+?)(?= → )")
"""The Arabic term a refused entry's message opens with (``term → rendering is in the
glossary already``, ``term: 'x' is forbidden…``) or names after ``its entry``."""


def refusal_text(error: str, term: str) -> Text:
    """The message of a refused glossary entry with the Arabic terms it names isolated, the
    one typed and the glossary's spelling of it: a term holding a Latin letter or a number
    (فيتامين C, كوفيد-19) is one right-to-left unit, as in the glossary panel (its C was
    drawn before the Arabic)."""
    names = [term, *(m.group(0) for m in _NAMED_TERM.finditer(error))]
    return isolate_terms(isolate_quoted(error), [
        n for n in names if has_rtl(n) and not n.startswith(("'", '"'))])


class TermActions(EditorPart):
    """The editor screen's glossary insertion and new terms (a mixin of ``EditorScreen``)."""

    _forms: dict[str, str]

    if TYPE_CHECKING:
        # what this part uses of the editor screen
        def query_one(self, selector: Any) -> Any: ...

        def post_message(self, message: Message) -> bool: ...

        def load_details(self, segment_id: int, source: str) -> None: ...

        def recheck_details(self, segment_id: int, source: str) -> None: ...

    def action_insert_term(self, number: int | None = None) -> None:
        """Insert a glossary rendering at the cursor: entry ``number``, or the first entry of
        the first term of the segment none of whose renderings the English holds yet (none
        when it holds a rendering of every term: that is said)."""
        lines = self.query_one(GlossaryPanel).lines
        if not lines:
            self.notify("No glossary terms in this segment.")
            return
        if number is not None:
            if not 1 <= number <= len(lines):
                self.notify(f"No glossary entry {number}.")
                return
            chosen: TermLine | None = lines[number - 1]
        else:
            chosen = first_unrendered(self.editor.text, lines)
        if chosen is None:
            choose = keys.key_name(self.wb.keymap(), "choose_term")
            self.notify("The English holds a rendering of every glossary term of this "
                        f"segment; {choose} chooses one to insert.")
            return
        self.insert_text(chosen.rendering)

    def action_choose_term(self) -> None:
        """Choose which glossary rendering to insert at the cursor."""
        panel = self.query_one(GlossaryPanel)
        if not panel.lines:
            self.notify("No glossary terms in this segment.")
            return
        entries = [(line.term, line.rendering) for line in panel.lines]

        def chosen(number: int | None) -> None:
            if number is not None:
                self.action_insert_term(number)

        self.app.push_screen(TermChooser(entries), chosen)

    def insert_text(self, text: str) -> None:
        """Insert ``text`` at the editor's cursor (in place of the selected text, whichever
        way it was selected), with spaces where words would touch; a cursor inside a word
        inserts after that word (a word is never split). The cursor ends after the text,
        nothing selected."""
        editor = self.editor
        start, end = sorted(editor.selection)
        before = editor.get_text_range((start[0], 0), start) if start[1] else ""
        line_end = len(editor.document[end[0]]) if end[0] < editor.document.line_count else 0
        after = editor.get_text_range(end, (end[0], line_end))
        if start == end and before[-1:].isalnum() and after[:1].isalnum():
            rest = _WORD_REST.match(after).end()  # type: ignore[union-attr]
            end = start = (end[0], end[1] + rest)
            before, after = before + after[:rest], after[rest:]
        if space_after(before):
            text = " " + text
        if space_before(after):
            text = text + " "
        editor.replace(text, start, end, maintain_selection_offset=False)
        editor.focus()

    def action_add_term(self) -> None:
        """Add a term to the project's glossary (asked in a dialog, filled as the module
        says)."""
        if self.wb.read_only:
            self.wb.refuse_read_only()
            return
        term, rendering = "", ""
        panel = self.query_one(DictionaryPanel)
        source = self.query_one(SourceView)
        sense = panel.selected if panel.has_focus else None
        if sense is not None:
            term, rendering = sense.headword, self._forms.get(sense.text, sense.text)
        elif source.has_focus:
            term = term_of(source.current_word())
        chosen = self.editor.selected_text.strip()
        if sense is None and chosen and "\n" not in chosen:
            rendering = chosen
        self._ask_term((term, rendering, "", ()))

    def _ask_term(self, filled: TermValues) -> None:
        """The dialog, filled with ``filled``; the term it gives is added (in the writer)."""
        def answered(values: TermValues | None) -> None:
            if values is None:
                return
            future = self.wb.service.write(lambda p: p.add_term(*values))

            def done(f: Future[Any]) -> None:
                try:
                    entry = f.result()
                    message = TermAdded(Text.assemble(isolate(entry.term), " → ",
                                                      entry.rendering))
                except Exception as exc:  # said, never lost in the writer thread
                    message = TermAdded("", describe_error(exc), values)
                self.post_message(message)

            future.add_done_callback(done)

        self.app.push_screen(AddTermScreen(*filled), answered)

    def on_term_added(self, message: TermAdded) -> None:
        if message.error:
            term = message.values[0] if message.values is not None else ""
            self.wb.notify_error(refusal_text(message.error, term))
            if message.values is not None:  # asked again, as typed, to be put right
                self._ask_term(message.values)
            return
        self.notify(Text.assemble("Added ", message.text, " to the glossary."))
        if self.current is not None:  # its glossary panel and findings again
            self.load_details(self.current.id, self.current.source)

    def glossary_imported(self) -> None:
        """A glossary file was merged into the project's (the import dialog): the open
        segment's glossary panel, highlighted terms and findings are read again, and the
        list's flags of the segments shown (as the live link does once it sees the change)."""
        self.segment_list.forget_flags()
        self.segment_list.invalidate()
        if self.current is not None:
            self.recheck_details(self.current.id, self.current.source)


def first_unrendered(english: str, lines: list[TermLine]) -> TermLine | None:
    """The first entry of the first term none of whose entries (accepted alternatives) the
    English holds, None when it holds one of every term."""
    held = {ln.term for ln in lines if find_rendering(english, ln.rendering)}
    return next((ln for ln in lines if ln.term not in held), None)
