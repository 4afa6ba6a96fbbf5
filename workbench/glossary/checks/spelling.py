"""spelling: a word of the target that neither the dictionary nor the project knows."""

from __future__ import annotations

from workbench.glossary.checks.base import Check, Pair, register
from workbench.glossary.findings import Finding

#: suggestions listed with each finding (quick ones: the editor asks for Hunspell's full list)
SUGGESTIONS = 3


@register
class Spelling(Check):
    id = "spelling"
    severity = "warning"
    description = (
        "A word of the target is not in the Hunspell dictionary nor known to the project "
        "(glossary, word list, Latin words of the source)."
    )

    def run(self, pair: Pair) -> list[Finding]:
        speller = pair.speller
        if speller is None:
            return []
        findings: list[Finding] = []
        for span in speller.misspellings(pair.target, source=pair.source):
            suggestions = speller.quick_suggest(span.word, SUGGESTIONS)
            hint = f" (suggestions: {', '.join(suggestions)})" if suggestions else ""
            findings.append(self.finding(
                "misspelled",
                f"'{span.word}' is not in the {speller.language} dictionary{hint}",
                expected=suggestions, found=span.word, span=(span.start, span.end),
            ))
        return findings
