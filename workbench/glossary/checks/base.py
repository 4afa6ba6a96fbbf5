"""The QA check registry: each check is a small class with an id, a severity and a message.

Adding a check is one file in this package: define a subclass of :class:`Check` (one source/
target pair) or :class:`DocumentCheck` (all pairs of a document) decorated with
:func:`register`. A pair check whose findings depend on the pairs around it in a document
(``in_document``) is run on a document's pairs together by its ``run_document``. The
package imports every module in it, so nothing else needs editing.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, TypeVar

from workbench.glossary.findings import Finding

if TYPE_CHECKING:
    from workbench.glossary.enforce import TermReport
    from workbench.glossary.matcher import TermMatcher
    from workbench.spelling import SpellChecker


@dataclass
class Pair:
    """One source/target pair as the checks see it (the term report is computed once).

    ``matcher`` and ``speller`` carry the project's context: its glossary, and the spell
    checker with the words the project knows (checks that need one do nothing without it).
    """

    source: str
    target: str
    matcher: TermMatcher | None = None
    speller: SpellChecker | None = None

    @property
    def terms(self) -> TermReport:
        """Glossary enforcement of this pair (empty without a matcher), computed once."""
        report = self.__dict__.get("_terms")
        if report is None:  # (functools.cached_property takes a lock at each first access)
            from workbench.glossary.enforce import TermReport, check_terms

            report = (
                TermReport() if self.matcher is None
                else check_terms(self.matcher, self.source, self.target)
            )
            self.__dict__["_terms"] = report
        return report


class _CheckBase(ABC):
    """What every check declares: ``id``, default ``severity`` and ``description``."""

    id: ClassVar[str]
    severity: ClassVar[str]
    description: ClassVar[str]

    def finding(
        self,
        kind: str,
        message: str,
        *,
        severity: str | None = None,
        expected: list[str] | None = None,
        found: str | None = None,
        span: tuple[int, int] | None = None,
    ) -> Finding:
        """A finding of this check, with its id and (unless given) its default severity."""
        return Finding(
            self.id, kind, severity or self.severity, message,
            expected=expected or [], found=found, span=span,
        )


class Check(_CheckBase):
    """A check of one pair. Subclasses set ``id``, ``severity``, ``description``."""

    #: run even when the target is empty (most checks have nothing to say then)
    on_empty_target: ClassVar[bool] = False
    #: its findings in a document depend on the other pairs: a document is checked by
    #: :meth:`run_document` (a pair checked alone by :meth:`run`)
    in_document: ClassVar[bool] = False
    #: of an ``in_document`` check: characters without which a pair plays no part in the
    #: other pairs' findings (a document's pairs holding none may be left out), or None
    document_chars: ClassVar[str | None] = None

    @abstractmethod
    def run(self, pair: Pair) -> list[Finding]:
        """The findings of this check on ``pair``."""

    def needs_document(self, source: str, target: str) -> bool:
        """Whether the pair's findings in a document may differ from :meth:`run`'s (an
        ``in_document`` check; a caller checking one pair reads the document only then)."""
        return self.in_document

    def document_key(self, target: str) -> object:
        """What the other pairs of a document see of a pair's ``target`` (an ``in_document``
        check's findings elsewhere change only when it does): the target itself unless the
        check says less."""
        return target

    def run_document(
        self, pairs: Sequence[tuple[str, str]], lines: Sequence[int] | None = None
    ) -> list[tuple[int, Finding]]:
        """(pair index, finding) of an ``in_document`` check on the pairs of a document."""
        raise NotImplementedError(f"{self.id} is checked pair by pair")


class DocumentCheck(_CheckBase):
    """A check across all pairs of a document (e.g. consistency)."""

    @abstractmethod
    def run_document(
        self, pairs: Sequence[tuple[str, str]], lines: Sequence[int] | None = None
    ) -> list[tuple[int, Finding]]:
        """(pair index, finding) for every problem found; ``lines``: the line of each pair as
        reports name it, for messages that point at other pairs (default: its 1-based
        index)."""


REGISTRY: dict[str, type[Check] | type[DocumentCheck]] = {}
C = TypeVar("C", bound=type[_CheckBase])


def register(cls: C) -> C:
    """Class decorator: add a check to the registry under its id."""
    check_id = cls.id
    if check_id in REGISTRY and REGISTRY[check_id] is not cls:
        raise ValueError(f"two checks with id {check_id!r}")
    REGISTRY[check_id] = cls  # type: ignore[assignment]
    return cls
