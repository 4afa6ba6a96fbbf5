"""untranslated: Arabic words left in the English target (an error when most of its letters
are Arabic: the English is not there). The Arabic of a web address is not (it is copied)."""

from __future__ import annotations

import re

from workbench.glossary.checks.base import Check, Pair, register
from workbench.glossary.findings import Finding
from workbench.text.addresses import address_spans, mask_addresses
from workbench.text.script import arabic_share

# A run of Arabic from a letter or a digit on, the presentation forms of text pasted from a PDF
# (ﻭﺻﻞ ﺍﻟﻼﺟﺊ) included.
_FORMS = "\ufb50-\ufdff\ufe70-\ufefc"
_ARABIC_RUN = re.compile(
    rf"[\u0621-\u064a\u0660-\u0669\u066e-\u06d3\u06fa-\u06ff{_FORMS}]"
    rf"[\u0600-\u06ff\u0750-\u077f{_FORMS}\s]*"
)


@register
class Untranslated(Check):
    id = "untranslated"
    severity = "warning"
    description = (
        "The target still contains Arabic text (an error when most of its letters are Arabic)."
    )

    def run(self, pair: Pair) -> list[Finding]:
        target = pair.target
        spans = address_spans(target)  # an address is copied as it is: https://…/wiki/جائحة
        if spans:
            target = mask_addresses(target, spans, " ")
        found = [
            m for m in _ARABIC_RUN.finditer(target) if any(c.isalpha() for c in m.group())
        ]
        if not found:
            return []
        first = found[0]
        text = first.group().strip()
        end = first.start() + len(first.group().rstrip())
        if arabic_share(target) > 0.5:
            return [self.finding(
                "untranslated", f"the target is Arabic, not English: {text[:40]}",
                found=text, span=(first.start(), end), severity="error",
            )]
        return [
            self.finding(
                "untranslated", f"Arabic text left in the target: {text[:40]}",
                found=text, span=(first.start(), end),
            )
        ]
