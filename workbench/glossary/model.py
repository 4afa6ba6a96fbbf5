"""Glossary entries: an Arabic term, its required English rendering, forbidden renderings."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Entry:
    """One glossary row. Several entries with one term are accepted alternatives."""

    term: str
    rendering: str
    comment: str = ""
    forbidden: tuple[str, ...] = ()
    line: int | None = None


@dataclass
class Glossary:
    """An ordered list of entries with the warnings met while reading them."""

    entries: list[Entry] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def terms(self) -> dict[str, list[Entry]]:
        """Entries grouped by Arabic term, in first-seen order."""
        out: dict[str, list[Entry]] = {}
        for entry in self.entries:
            out.setdefault(entry.term, []).append(entry)
        return out

    def __len__(self) -> int:
        return len(self.entries)
