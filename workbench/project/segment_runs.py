"""Runs of consecutive segments of one paragraph, found by their Arabic joined.

Another tool's unit may hold more than one of our segments: a whole paragraph (a file its tool
did not segment, or segmented by paragraph), or a sentence our segmenter cut in two or three.
An import matches such a unit to the run of segments whose Arabic, joined, is the unit's.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from workbench.project.groups import group_source
from workbench.text.normalize import match_key
from workbench.text.tags import strip_tags

#: The longest run looked for inside a paragraph (a whole paragraph is looked for at any length).
LONGEST = 3


class SegmentRuns:
    """The runs of the segments ``current`` (id → row with ``paragraph`` and ``source``, in
    document order), indexed when first looked up: an import whose units all match a
    segment never builds it."""

    def __init__(self, current: Mapping[int, Mapping[str, Any]]) -> None:
        self._current = current
        self._index: dict[str, list[tuple[int, ...]]] | None = None

    def find(self, source: str) -> list[tuple[int, ...]]:
        """The runs whose Arabic joined is ``source`` (inline tags aside), in document order."""
        if self._index is None:
            self._index = self._build()
        return self._index.get(match_key(strip_tags(source)), [])

    def _build(self) -> dict[str, list[tuple[int, ...]]]:
        paragraphs: dict[Any, list[int]] = {}
        for sid, row in self._current.items():
            paragraphs.setdefault(row["paragraph"], []).append(sid)
        index: dict[str, list[tuple[int, ...]]] = {}
        for ids in paragraphs.values():
            spans = {(i, j) for i in range(len(ids))
                     for j in range(i + 2, min(i + LONGEST, len(ids)) + 1)}
            if len(ids) > 1:
                spans.add((0, len(ids)))
            for i, j in sorted(spans):
                run = tuple(ids[i:j])
                joined = group_source(self._current[s]["source"] for s in run)
                index.setdefault(match_key(strip_tags(joined)), []).append(run)
        return index
