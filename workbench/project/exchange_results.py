"""What the exchanges with bilingual files report: an export's result, and what a round-trip
import of a TMX or XLIFF file changed."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workbench.formats import get_format
from workbench.wording import plural


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote."""

    path: Path
    format: str
    document: str
    version: str
    units: int
    warnings: tuple[str, ...] = ()
    #: of the format ``original``: the segments among ``units`` without English of their own,
    #: joined to a segment whose English translates them (`stats` counts them in no
    #: ``with_english``)
    joined: int = 0

    def counted(self) -> str:
        """What ``units`` counts, as the CLI and the TUI say it: "21 segment pairs"; of the
        format ``original``, the segments in English ("5 segments with English (2 of them
        joined to the segment before, whose English translates them)")."""
        if not get_format(self.format).from_source:
            return plural(self.units, "segment pair")
        joined = (f" ({self.joined:,} of them joined to the segment before, whose English "
                  "translates them)") if self.joined else ""
        return f"{plural(self.units, 'segment')} with English{joined}"


@dataclass
class ExchangeReport:
    """What a round-trip import of a bilingual file changed."""

    file: str
    format: str
    document: str
    units: int = 0
    matched_by_id: int = 0
    matched_by_source: int = 0
    updated: list[int] = field(default_factory=list)
    added: list[int] = field(default_factory=list)
    left_alone: int = 0
    unmatched: int = 0
    lqa_added: int = 0
    notes_added: int = 0
    warnings: list[str] = field(default_factory=list)
    protected: dict[str, int] = field(default_factory=dict)
    """Segments not written because they hold finished work, by status (or 'locked')."""
    kept_newer: list[int] = field(default_factory=list)
    """Segments the file has as they were exported, edited in the project since: kept."""
    group_id: int | None = None
    dry_run: bool = False

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return dict(self.__dict__)


def warn(report: ExchangeReport, warning: str) -> None:
    """Add ``warning`` to the report's, while it has fewer than 20."""
    if len(report.warnings) < 20:
        report.warnings.append(warning)
