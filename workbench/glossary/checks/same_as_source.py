"""same-as-source: the target is a copy of the source."""

from __future__ import annotations

from workbench.glossary.checks.base import Check, Pair, register
from workbench.glossary.findings import Finding
from workbench.text.normalize import match_key
from workbench.text.script import ARABIC_LETTER


@register
class SameAsSource(Check):
    id = "same-as-source"
    severity = "error"
    description = "The target is identical to the source (copied, not translated)."

    def run(self, pair: Pair) -> list[Finding]:
        if not (ARABIC_LETTER.search(pair.source) and ARABIC_LETTER.search(pair.target)):
            # a source without Arabic (numbers, codes, addresses, Latin names) may well stay
            # as it is; an English target cannot copy an Arabic source
            return []
        if match_key(pair.source).casefold() != match_key(pair.target).casefold():
            return []
        return [self.finding("same", "the target is identical to the source")]
