"""unpaired-quotes: an opening or closing quotation mark without its partner in the target."""

from __future__ import annotations

import re

from workbench.glossary.checks.base import Check, Pair, register
from workbench.glossary.checks.unpaired_brackets import unpaired
from workbench.glossary.findings import Finding

_PAIRS = {"”": "“", "»": "«", "›": "‹"}
_STRAIGHT = re.compile('"')
_QUOTES = re.compile("[" + re.escape("".join(_PAIRS) + "".join(_PAIRS.values())) + '"]')


@register
class UnpairedQuotes(Check):
    id = "unpaired-quotes"
    severity = "warning"
    description = (
        'The target has a quotation mark (“ ” « » or an odd number of ") without its partner.'
    )

    def run(self, pair: Pair) -> list[Finding]:
        text = pair.target
        if _QUOTES.search(text) is None:
            return []
        findings = [
            self.finding(
                "unpaired", f"unpaired quotation mark '{c}' in the target",
                found=c, span=(i, i + 1),
            )
            for c, i in unpaired(text, _PAIRS)
        ]
        straight = [m.start() for m in _STRAIGHT.finditer(text)] if '"' in text else []
        if len(straight) % 2:
            i = straight[-1]
            findings.append(
                self.finding(
                    "unpaired", "odd number of '\"' in the target", found='"', span=(i, i + 1)
                )
            )
        return findings
