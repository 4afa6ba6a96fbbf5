"""double-space: two or more spaces in a row inside the target."""

from __future__ import annotations

import re

from workbench.glossary.checks.base import Check, Pair, register
from workbench.glossary.findings import Finding

_RUN = re.compile(r"(?<=\S)[ \u00a0]{2,}(?=\S)")


@register
class DoubleSpace(Check):
    id = "double-space"
    severity = "info"
    description = "The target has two or more spaces in a row."

    def run(self, pair: Pair) -> list[Finding]:
        if "  " not in pair.target and "\u00a0" not in pair.target:
            return []  # a run of two needs two spaces in a row or a no-break space
        return [
            self.finding(
                "whitespace", f"{len(m.group())} spaces in a row in the target", span=m.span()
            )
            for m in _RUN.finditer(pair.target)
        ]
