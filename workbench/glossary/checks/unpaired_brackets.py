"""unpaired-brackets: an opening or closing bracket without its partner in the target.

A target with no more unpaired brackets than its source is not reported: a bracket that stays
open over several sentences leaves each of them with one, in the source as in the target. The
bracket closing a list item's number or letter (1) Introduction, a) the first) is none.
"""

from __future__ import annotations

import re
from functools import lru_cache

from workbench.glossary.checks.base import Check, Pair, register
from workbench.glossary.findings import Finding

_PAIRS = {")": "(", "]": "[", "}": "{"}


@lru_cache(maxsize=16)
def _pattern(chars: str) -> re.Pattern[str]:
    return re.compile("[" + re.escape(chars) + "]")


def unpaired(text: str, pairs: dict[str, str]) -> list[tuple[str, int]]:
    """(character, offset) of every bracket in ``text`` left without a partner."""
    stack: list[tuple[str, int]] = []
    lonely: list[tuple[str, int]] = []
    openers = set(pairs.values())
    marks = _pattern("".join(pairs) + "".join(openers))
    for found in marks.finditer(text):
        i, c = found.start(), found.group()
        if c in openers:
            stack.append((c, i))
        elif c in pairs:
            if stack and stack[-1][0] == pairs[c]:
                stack.pop()
            else:
                lonely.append((c, i))
    return sorted(lonely + stack, key=lambda x: x[1])


_BRACKETS = _pattern("".join(_PAIRS) + "".join(_PAIRS.values()))
# A list item's number or letter closed by a bracket (1) a) iv) أ) ٢)), after a space or
# nothing, before a space or the end
_ENUMERATOR = re.compile(
    r"(?:^|(?<=\s))(?:\d{1,3}|[^\W\d_]|[ivxIVX]{1,5})\)(?=\s|$)")
_LIST_START = re.compile(r"(?:^|[:;,])\s*\Z")


def lonely_brackets(text: str) -> list[tuple[str, int]]:
    """The unpaired brackets of ``text`` but those closing a list item's number or letter
    (1) Introduction; as follows: a) …, b) …): one starting the text or following a colon, a
    semicolon or a comma, or one of several (a) the first and b) the second)."""
    lonely = unpaired(text, _PAIRS)
    if not any(c == ")" for c, _ in lonely):
        return lonely
    found = list(_ENUMERATOR.finditer(text))
    items = {m.end() - 1 for m in found
             if len(found) > 1 or _LIST_START.search(text, 0, m.start())}
    return [(c, i) for c, i in lonely if i not in items]


@register
class UnpairedBrackets(Check):
    id = "unpaired-brackets"
    severity = "warning"
    description = "The target has a bracket ( ) [ ] { } without its partner."

    def run(self, pair: Pair) -> list[Finding]:
        if _BRACKETS.search(pair.target) is None:
            return []
        lonely = lonely_brackets(pair.target)
        if not lonely or len(lonely) <= len(lonely_brackets(pair.source)):
            return []
        return [
            self.finding(
                "unpaired", f"unpaired bracket '{c}' in the target", found=c, span=(i, i + 1)
            )
            for c, i in lonely
        ]
