"""empty-target: the source has text but the target is empty (not translated)."""

from __future__ import annotations

from workbench.glossary.checks.base import Check, Pair, register
from workbench.glossary.findings import Finding


@register
class EmptyTarget(Check):
    id = "empty-target"
    severity = "error"
    description = "The target is empty: the segment is not translated."
    on_empty_target = True

    def run(self, pair: Pair) -> list[Finding]:
        if pair.source.strip() and not pair.target.strip():
            return [self.finding("empty", "the target is empty (not translated)")]
        return []
