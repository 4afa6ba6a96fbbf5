"""Glossary entries: an Arabic term, its required English rendering, forbidden renderings."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path


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


class GlossaryBuilder:
    """Collects the entries of a glossary file, merging repeated ones.

    An entry with the term (in any spelling the matcher takes as it: معدٍ, مُعدٍ) and rendering
    (case aside) of an earlier one is a duplicate: its comment (when the earlier has none) and
    forbidden renderings are merged into the earlier entry, and a warning naming both lines is
    added. A rendering holding ``;`` (alternatives
    written in one field, as the forbidden column has them) is kept as written, with a warning.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = path
        self.glossary = Glossary()
        self._index: dict[tuple[str, str], int] = {}

    def add(self, entry: Entry) -> None:
        """Add ``entry``, or merge it into the earlier entry it repeats (with a warning)."""
        from workbench.glossary.matcher import term_key  # (the matcher reads this module)

        key = (term_key(entry.term), entry.rendering.casefold())
        index = self._index.get(key)
        entries = self.glossary.entries
        if index is None and ";" in entry.rendering:
            self.glossary.warnings.append(
                f"{self.path}: line {entry.line}: the rendering {entry.rendering!r} is required "
                "as written, ';' included; put each alternative on a row of its own"
            )
        if index is None:
            self._warn_stray_quotes(entry)
            self._index[key] = len(entries)
            entries.append(entry)
            return
        old = entries[index]
        entries[index] = replace(
            old,
            comment=old.comment or entry.comment,
            forbidden=tuple(dict.fromkeys(old.forbidden + entry.forbidden)),
        )
        spelt = f", as {old.term}" if old.term != entry.term else ""
        self.glossary.warnings.append(
            f"{self.path}: line {entry.line}: duplicate of line "
            f"{old.line} ({entry.term} → {entry.rendering}{spelt}), merged"
        )

    def _warn_stray_quotes(self, entry: Entry) -> None:
        """Warn of a term or rendering holding an odd number of ``"``: a spreadsheet's quote
        left open (``"وباء``), which no text has, so the entry never matches."""
        for what, text in (("term", entry.term), ("rendering", entry.rendering)):
            if text.count('"') % 2:
                self.glossary.warnings.append(
                    f"{self.path}: line {entry.line}: the {what} {text!r} holds a quote mark "
                    "that is not closed (a spreadsheet's quote left over?): it matches only "
                    "text that has it too"
                )
