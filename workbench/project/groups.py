"""Link groups: the segments of one many-to-many alignment link form one unit, for exports,
checks and imports (their Arabic joined, their English joined once)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from workbench.statuses import STATUSES

Row = dict[str, Any]


def group_text(texts: Iterable[str | None]) -> str:
    """The English of a unit of several segments: their distinct non-empty texts, joined."""
    out: list[str] = []
    for text in texts:
        text = (text or "").strip()
        if text and text not in out:
            out.append(text)
    return " ".join(out)


def group_status(members: list[tuple[str | None, str]]) -> str:
    """The status of a unit: the least advanced of its segments that hold English (else of all)."""
    with_text = [status for text, status in members if (text or "").strip()]
    return min(with_text or [status for _, status in members], key=STATUSES.index)


def group_source(sources: Iterable[str]) -> str:
    """The Arabic of a unit: its segments' sources joined with a space."""
    return " ".join(sources)


def link_groups(rows: Iterable[Row]) -> Iterator[list[Row]]:
    """Rows in document order (each with a ``link_id``, None when unlinked) cut into units:
    consecutive rows of one link together, every unlinked row alone."""
    group: list[Row] = []
    for row in rows:
        if group and (row["link_id"] is None or row["link_id"] != group[-1]["link_id"]):
            yield group
            group = []
        group.append(row)
    if group:
        yield group
