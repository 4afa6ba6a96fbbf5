"""The project glossary and its term matcher."""

from __future__ import annotations

from workbench.glossary.matcher import TermMatcher
from workbench.glossary.model import Glossary
from workbench.project.context import ProjectContext
from workbench.store import glossary as q_glossary


class Terms:
    """The project's glossary: read, replace, and a matcher kept until the glossary changes."""

    def __init__(self, context: ProjectContext) -> None:
        self.context = context
        self._matcher: tuple[tuple[object, ...], TermMatcher] | None = None

    def glossary(self) -> Glossary:
        """The project's glossary."""
        return q_glossary.load_glossary(self.context.db)

    def set_glossary(self, glossary: Glossary) -> None:
        """Replace the project's glossary."""
        with self.context.transaction():
            q_glossary.replace_glossary(self.context.db, glossary)

    def matcher(self) -> TermMatcher:
        """The term matcher of the project glossary (rebuilt only when the glossary changed)."""
        glossary = self.glossary()
        key = tuple((e.term, e.rendering, e.forbidden) for e in glossary.entries)
        if self._matcher is None or self._matcher[0] != key:
            self._matcher = (key, TermMatcher(glossary))
        return self._matcher[1]
