"""unpaired-quotes: an opening or closing quotation mark without its partner in the target.

A target with no more unpaired marks than its source is not reported: a quotation that goes on
over several sentences leaves each of them with one mark, in the source as in the target.
"""

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
        lonely = unpaired_quotes(pair.target)
        if not lonely or len(lonely) <= len(unpaired_quotes(pair.source)):
            return []
        return [
            self.finding(
                "unpaired",
                "odd number of '\"' in the target" if c == '"'
                else f"unpaired quotation mark '{c}' in the target",
                found=c, span=(i, i + 1),
            )
            for c, i in lonely
        ]


def unpaired_quotes(text: str) -> list[tuple[str, int]]:
    """(mark, offset) of the quotation marks of ``text`` left without a partner: “ ” « » ‹ ›
    by nesting, and the last '"' when there is an odd number of them."""
    if _QUOTES.search(text) is None:
        return []
    lonely = unpaired(text, _PAIRS)
    straight = [m.start() for m in _STRAIGHT.finditer(text)] if '"' in text else []
    if len(straight) % 2:
        lonely.append(('"', straight[-1]))
    return lonely
