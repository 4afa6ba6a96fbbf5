"""term-missing: a glossary term in the Arabic without its required English rendering."""

from __future__ import annotations

from workbench.glossary.checks.base import Check, Pair, register
from workbench.glossary.enforce import TERM_MISSING
from workbench.glossary.findings import Finding


@register
class TermMissing(Check):
    id = TERM_MISSING
    severity = "error"
    description = (
        "A glossary term occurs in the Arabic but its required English rendering is missing "
        "(a term found twice needs its rendering twice); a warning where the English has "
        "another form of it, or the Arabic writes none of a vocalised term's vowels."
    )

    def run(self, pair: Pair) -> list[Finding]:
        return [f for f in pair.terms.findings if f.check == self.id]
