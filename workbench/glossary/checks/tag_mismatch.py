"""tag-mismatch: the inline tags of the source (``<1>…</1>``, ``<2/>``) missing, extra,
duplicated or badly nested in the target."""

from __future__ import annotations

from workbench.glossary.checks.base import Check, Pair, register
from workbench.glossary.findings import Finding
from workbench.text.tags import tag_problems


@register
class TagMismatch(Check):
    id = "tag-mismatch"
    severity = "error"
    description = (
        "The target's inline tags (<1>…</1>, <2/>: the formatting, links, notes and breaks "
        "of a client document) differ from the source's: a tag missing, extra, duplicated, "
        "closed before it opens or crossing another pair."
    )

    def run(self, pair: Pair) -> list[Finding]:
        if "<" not in pair.source and "<" not in pair.target:
            return []
        return [
            self.finding(
                problem.kind, problem.message,
                expected=[problem.tag] if problem.kind == "missing" else None,
                found=None if problem.kind == "missing" else problem.tag,
                span=problem.span,
            )
            for problem in tag_problems(pair.source, pair.target)
        ]
