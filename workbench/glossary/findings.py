"""A QA finding: what a check found in one source/target pair."""

from __future__ import annotations

from dataclasses import dataclass, field

SEVERITIES: tuple[str, ...] = ("error", "warning", "info")
_RANK = {"error": 3, "warning": 2, "info": 1}


def severity_rank(severity: str) -> int:
    """3 for error, 2 for warning, 1 for info (0 for anything else)."""
    return _RANK.get(severity, 0)


@dataclass(frozen=True)
class Finding:
    """One problem found by a check.

    ``check`` is the check id (``term-missing``, ``number-mismatch``...); ``kind`` says what
    kind of problem (``missing``, ``forbidden``, ``extra``...). For term findings ``term`` is
    the Arabic term exactly as written in the glossary and ``span`` its occurrence in the
    Arabic source; for other checks ``span`` (when given) is in the English target.
    """

    check: str
    kind: str
    severity: str
    message: str
    term: str | None = None
    expected: list[str] = field(default_factory=list)
    found: str | None = None
    span: tuple[int, int] | None = None
