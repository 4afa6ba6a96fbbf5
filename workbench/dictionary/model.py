"""What a dictionary reader gives: entries with a headword, senses, a pronunciation and
examples."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar


@dataclass(frozen=True)
class DictEntry:
    """One dictionary article: its headword as written, its senses in order, its IPA line,
    and its usage examples (a phrase with its translation: shown to translators, never
    senses)."""

    headword: str
    senses: tuple[str, ...]
    pronunciation: str | None = None
    dictionary: str = ""
    examples: tuple[str, ...] = ()

    def as_json(self) -> dict[str, object]:
        """The entry as the CLI's JSON shows it (the keys the look-up's JSON has always had;
        the examples are in the table and the panel)."""
        return {
            "headword": self.headword,
            "dictionary": self.dictionary,
            "senses": list(self.senses),
            "pronunciation": self.pronunciation,
        }


@dataclass
class DictionaryFile(ABC):
    """An open dictionary: an index of headwords in memory, articles read on demand.

    ``path`` is the file the user named (any file of the set); ``name`` the dictionary's own
    title (or the file's stem). Subclasses fill ``headwords`` (one per index entry, in the
    file's order) and read the ``k``-th article lazily in :meth:`entry`.
    """

    path: Path
    name: str = ""
    headwords: list[str] = field(default_factory=list)

    format: ClassVar[str] = ""

    @abstractmethod
    def entry(self, k: int) -> DictEntry:
        """The article of index entry ``k`` (read from the file now)."""

    def __len__(self) -> int:
        return len(self.headwords)

    def files(self) -> list[Path]:
        """The files the dictionary is read from (what a cache of it depends on)."""
        return [self.path]

    def alternatives(self, k: int) -> tuple[str, ...]:
        """Headwords that index entry ``k`` lists besides its own (looked up as keys of its
        own); none unless a reader knows them."""
        return ()

    def close(self) -> None:  # noqa: B027 - readers without open files need nothing
        """Release open files."""
