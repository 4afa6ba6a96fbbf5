"""term-forbidden: a forbidden English rendering of a glossary term found in the Arabic."""

from __future__ import annotations

from workbench.glossary.checks.base import Check, Pair, register
from workbench.glossary.enforce import TERM_FORBIDDEN
from workbench.glossary.findings import Finding


@register
class TermForbidden(Check):
    id = TERM_FORBIDDEN
    severity = "error"
    description = "A forbidden rendering (or an inflection of it) is used for a glossary term."

    def run(self, pair: Pair) -> list[Finding]:
        return [f for f in pair.terms.findings if f.check == self.id]
