"""repeated-word: the same word twice in a row in the target ("the the"); a name whose
second part repeats the first (Boutros Boutros-Ghali) is none."""

from __future__ import annotations

import re
from itertools import islice
from operator import eq

from workbench.glossary.checks.base import Check, Pair, register
from workbench.glossary.findings import Finding

# the last word is no repeat when a hyphen joins it to more (Boutros Boutros-Ghali)
_REPEAT = re.compile(r"(?<![\w'])([^\W\d_]+)(?:\s+\1)+(?![\w'-])", re.IGNORECASE)
_WORDS = re.compile(r"[^\W\d_]+")
# Repetitions English allows.
_ALLOWED = frozenset({"had", "that", "is", "bye", "very", "so", "no", "yes", "ha", "knock", "tut"})


@register
class RepeatedWord(Check):
    id = "repeated-word"
    severity = "warning"
    description = "A word is repeated ('the the') in the target."

    def run(self, pair: Pair) -> list[Finding]:
        words = _WORDS.findall(pair.target.casefold())
        if not any(map(eq, words, islice(words, 1, None))):
            return []  # no word follows itself: nothing for the precise pattern to find
        return [
            self.finding(
                "repeated", f"repeated word '{m.group(1)}' in the target",
                found=m.group(), span=m.span(),
            )
            for m in _REPEAT.finditer(pair.target)
            if m.group(1).casefold() not in _ALLOWED
        ]
