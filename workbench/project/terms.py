"""The project glossary and its term matcher."""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench.errors import WorkbenchError
from workbench.formats.xmlout import typed
from workbench.glossary.matcher import TermMatcher, term_key
from workbench.glossary.model import Entry, Glossary
from workbench.project.context import ProjectContext
from workbench.store import glossary as q_glossary
from workbench.store import stamps as q_stamps
from workbench.text.script import has_arabic, mostly_arabic

if TYPE_CHECKING:
    from pathlib import Path

    from workbench.glossary.io import Merged


class Terms:
    """The project's glossary: read, replace, and a matcher kept until the glossary changes."""

    def __init__(self, context: ProjectContext) -> None:
        self.context = context
        self._matcher: tuple[int, tuple[object, ...], TermMatcher] | None = None

    def glossary(self) -> Glossary:
        """The project's glossary."""
        return q_glossary.load_glossary(self.context.db)

    def set_glossary(self, glossary: Glossary) -> None:
        """Replace the project's glossary."""
        with self.context.transaction():
            q_glossary.replace_glossary(self.context.db, glossary)

    def merge(self, new: Glossary, path: str | Path) -> Merged:
        """Add the entries of ``new`` (read from ``path``) to the project's glossary, as
        ``workbench glossary import --merge`` and the TUI's import dialog do: an entry there
        already gains the file's forbidden renderings and comment; a file whose entries
        contradict the glossary's is refused (its lines named) and nothing changes."""
        from workbench.glossary.io import check_conflicts, merge_glossary

        with self.context.transaction():
            merged = merge_glossary(self.glossary(), new)
            check_conflicts(merged.glossary, path)
            q_glossary.replace_glossary(self.context.db, merged.glossary)
        return merged

    def add(self, term: str, rendering: str, comment: str = "",
            forbidden: tuple[str, ...] = ()) -> Entry:
        """Add one entry to the project's glossary (a translator's term, from the editor or
        ``workbench glossary add``), refused when it is there already or contradicts an
        entry of the same term (a rendering one forbids, another accepts); spellings of a term
        that the matcher takes as one (diacritics, tatweel...) are the same term."""
        entry = _entry(term, rendering, comment, forbidden)
        with self.context.transaction():
            key = term_key(entry.term)  # another spelling of the term is the same term
            same = [e for e in self.glossary().entries if term_key(e.term) == key]
            accepted = {e.rendering.casefold() for e in same}
            if entry.rendering.casefold() in accepted:
                there = next(e for e in same if e.rendering.casefold()
                             == entry.rendering.casefold())
                raise WorkbenchError(f"{there.term} → {there.rendering} is in the glossary "
                                     "already")
            for e in same:
                if entry.rendering.casefold() in {f.casefold() for f in e.forbidden}:
                    raise WorkbenchError(f"{entry.term}: {entry.rendering!r} is forbidden by "
                                         f"its entry {e.term} → {e.rendering}")
            clash = [f for f in entry.forbidden if f.casefold() in accepted]
            if clash:
                raise WorkbenchError(f"{entry.term}: {clash[0]!r} is accepted by another of "
                                     "its entries; it cannot be forbidden")
            q_glossary.add_entry(self.context.db, entry)
        return entry

    def stamp(self) -> int:
        """The project's QA stamp now: it moves whenever the glossary, the spelling word list,
        the dictionaries or the external memories change (``store.stamps``)."""
        return q_stamps.qa_stamp(self.context.db)

    def matcher(self, stamp: int | None = None) -> TermMatcher:
        """The term matcher of the project glossary, kept while the QA stamp is the one it was
        built under (``stamp``: the stamp as the caller read it, before this call; None: read
        now); a glossary read again but unchanged keeps its matcher too."""
        stamp = self.stamp() if stamp is None else stamp
        cached = self._matcher
        if cached is not None and cached[0] == stamp:
            return cached[2]
        glossary = self.glossary()
        key = tuple((e.term, e.rendering, e.forbidden) for e in glossary.entries)
        matcher = cached[2] if cached is not None and cached[1] == key else TermMatcher(glossary)
        self._matcher = (stamp, key, matcher)
        return matcher


def _entry(term: str, rendering: str, comment: str, forbidden: tuple[str, ...]) -> Entry:
    """An entry from what a translator typed: white space folded to single spaces (a tab or
    a line break would break the glossary's TSV) and control characters (a paste's ESC, BEL:
    the TSV export would be refused by its import) left out, refused when the term or the
    rendering is missing, the term is not Arabic, the rendering is, or a forbidden rendering
    is the rendering itself."""
    term, rendering, comment = (" ".join(typed(x).split()) for x in (term, rendering, comment))
    forbidden = tuple(dict.fromkeys(
        f for f in (" ".join(typed(x).split()) for x in forbidden) if f))
    if not term or not rendering:
        raise WorkbenchError("a glossary entry needs an Arabic term and its English rendering")
    if not has_arabic(term):
        raise WorkbenchError(f"{term!r}: the term is the Arabic side of the entry")
    if mostly_arabic(rendering):
        raise WorkbenchError(f"{rendering!r}: the rendering is the English side of the entry")
    if rendering.casefold() in {f.casefold() for f in forbidden}:
        raise WorkbenchError(f"{rendering!r} cannot be both the rendering and forbidden")
    if any(";" in f for f in forbidden):
        raise WorkbenchError("give each forbidden rendering on its own (no ';' inside one)")
    return Entry(term, rendering, comment, forbidden)
