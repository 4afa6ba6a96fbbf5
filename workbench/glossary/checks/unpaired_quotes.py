"""unpaired-quotes: an opening or closing quotation mark without its partner in the target.

A target with no more unpaired marks than its source is not reported: a quotation that goes on
over several sentences leaves each of them with one mark, in the source as in the target. In a
document (every path that checks one: ``check``, the reviewer, an export's QA, a segment in
the editor) a mark left open is also paired with the mark that closes it in a following pair,
in document order, on each side: a quotation the English opens in one sentence and closes in a
later one, where the Arabic quotes nothing (a colon, as literary Arabic introduces speech), is
no finding; a mark never closed after, or closing with nothing open before, still is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from workbench.glossary.checks.base import Check, Pair, register
from workbench.glossary.checks.unpaired_brackets import unpaired
from workbench.glossary.findings import Finding

_PAIRS = {"”": "“", "»": "«", "›": "‹"}
_OPENERS = frozenset(_PAIRS.values())
_STRAIGHT = re.compile('"')
_QUOTES = re.compile("[" + re.escape("".join(_PAIRS) + "".join(_PAIRS.values())) + '"]')
# A straight quote that opens (nothing, a space, an opening bracket, a dash or a colon before
# it: said:--"O, said:"O; a word after) or closes (a word or a mark before it, a space, mark
# or nothing after)
_OPENS = re.compile(r'(?:^|(?<=[\s(\[{—–:-]))"(?=[^\s"])')
_CLOSES = re.compile(r'(?<=[^\s"(\[{])"(?=[\s.,;:!?؟،؛)\]}…—–-]|$)')

#: A mark left without a partner in one text: (mark, offset, "open" | "close" | "").
Lonely = tuple[str, int, str]


@register
class UnpairedQuotes(Check):
    id = "unpaired-quotes"
    severity = "warning"
    description = (
        'The target has a quotation mark (“ ” « » or an odd number of ") without its partner.'
    )
    in_document = True

    def run(self, pair: Pair) -> list[Finding]:
        lonely = unpaired_quotes(pair.target)
        if not lonely or len(lonely) <= len(unpaired_quotes(pair.source)):
            return []
        return self._findings(lonely)

    def needs_document(self, source: str, target: str) -> bool:
        """Whether the pair's findings in a document may differ from its own: only a target
        with a lonely mark can have any."""
        return bool(lonely_quotes(target))

    def run_document(
        self, pairs: Sequence[tuple[str, str]], lines: Sequence[int] | None = None
    ) -> list[tuple[int, Finding]]:
        """The findings of every pair, a mark paired across pairs when a later one closes it."""
        targets = _still_lonely([t for _, t in pairs])
        if not any(targets):
            return []
        sources = _still_lonely([s for s, _ in pairs])
        return [
            (i, finding)
            for i, lonely in enumerate(targets)
            if lonely and len(lonely) > len(sources[i])
            for finding in self._findings([(c, at) for c, at, _ in lonely])
        ]

    def _findings(self, lonely: list[tuple[str, int]]) -> list[Finding]:
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


def _may_quote(text: str, curly: bool = False) -> bool:
    """Whether ``text`` holds a quotation mark (a curly one, with ``curly``): faster than a
    search, as most texts hold none."""
    return ((not curly and '"' in text) or "“" in text or "”" in text or "«" in text
            or "»" in text or "‹" in text or "›" in text)


def lonely_quotes(text: str) -> list[Lonely]:
    """The marks of ``text`` left without a partner, in text order, each with what it does
    to a quotation that goes on beyond the text: "open" (“ « ‹, or a '"' before a word),
    "close" (” » ›, or a '"' after one) or "" (neither: it pairs with nothing outside).

    Of an odd number of '"' the lonely one is the first when it closes (the end of a
    quotation begun before the text), else the last."""
    if not _may_quote(text, curly=True) and not text.count('"') % 2:
        return []  # no quotation mark, or straight ones that pair (the most common case)
    lonely = [(c, i, "open" if c in _OPENERS else "close") for c, i in unpaired(text, _PAIRS)]
    straight = [m.start() for m in _STRAIGHT.finditer(text)] if '"' in text else []
    if len(straight) % 2:
        first, last = straight[0], straight[-1]
        if _CLOSES.match(text, first):
            lonely.append(('"', first, "close"))
        else:
            lonely.append(('"', last, "open" if _OPENS.match(text, last) else ""))
        lonely.sort(key=lambda mark: mark[1])
    return lonely


def _still_lonely(texts: Sequence[str]) -> list[list[Lonely]]:
    """The lonely marks of each text once a mark left open is paired with the first one that
    closes it in a following text (nesting kept: the innermost open mark is closed first)."""
    out: list[list[Lonely]] = [[] for _ in texts]
    open_: list[tuple[int, str, int]] = []  # text index, mark, offset
    paired: set[tuple[int, int]] = set()  # (text index, offset) of the marks paired across
    for i, text in enumerate(texts):
        if not _may_quote(text):
            continue
        marks = out[i] = lonely_quotes(text)
        for mark, at, role in marks:
            if role == "open":
                open_.append((i, mark, at))
            elif role == "close" and open_ and open_[-1][0] < i and (
                open_[-1][1] == _PAIRS.get(mark, mark)
            ):
                j, _, opened = open_.pop()
                paired.update(((j, opened), (i, at)))
    for i in dict.fromkeys(i for i, _ in paired):
        out[i] = [m for m in out[i] if (i, m[1]) not in paired]
    return out
