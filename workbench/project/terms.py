"""The project glossary and its term matcher."""

from __future__ import annotations

from workbench.glossary.matcher import TermMatcher
from workbench.glossary.model import Glossary
from workbench.project.context import ProjectContext
from workbench.store import glossary as q_glossary
from workbench.store import stamps as q_stamps


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
