"""unpaired-quotes: an opening or closing quotation mark without its partner in the target.

A target with no more unpaired marks than its source is not reported: a quotation that goes on
over several sentences leaves each of them with one mark, in the source as in the target. In a
document (every path that checks one: ``check``, the reviewer, an export's QA, a segment in
the editor) a mark left open is also paired with the mark that closes it in a following pair,
in document order, on each side: a quotation the English opens in one sentence and closes in a
later one, where the Arabic quotes nothing (a colon, as literary Arabic introduces speech), is
no finding; a mark never closed after, or closing with nothing open before, still is. The
mark closing it is the next of its kind: a quotation opened or closed in a pair between them
leaves both unpaired (two stray marks far apart are no quotation).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from workbench.glossary.checks.base import Check, Pair, register
from workbench.glossary.checks.unpaired_brackets import unpaired
from workbench.glossary.findings import Finding

_PAIRS = {"”": "“", "»": "«", "›": "‹"}
_OPENERS = frozenset(_PAIRS.values())
#: The kind of each mark: its opening one (a straight quote its own)
_KIND = {'"': '"', **{c: c for c in _OPENERS}, **_PAIRS}
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
    document_chars = '"' + "".join(_PAIRS) + "".join(_PAIRS.values())

    def run(self, pair: Pair) -> list[Finding]:
        lonely = unpaired_quotes(pair.target)
        if not lonely or len(lonely) <= len(unpaired_quotes(pair.source)):
            return []
        return self._findings(lonely, pair.target)

    def needs_document(self, source: str, target: str) -> bool:
        """Whether the pair's findings in a document may differ from its own: only a target
        with a lonely mark (alone, or after a quotation left open) can have any."""
        return bool(lonely_quotes(target) or lonely_quotes(target, straight_open=True))

    def document_key(self, target: str) -> object:
        """The target's lonely marks and what each does (open, close), with a '"' quotation
        open before it or not, and the kind of the mark that opens it again (see
        :func:`_still_lonely`): all that pairs it with marks of other pairs."""
        first = _QUOTES.search(target)
        again = _KIND[first.group()] if first and _reopens(target, first.start()) else None
        return again, *(tuple((c, role) for c, _, role in lonely_quotes(target, straight))
                        for straight in (False, True))

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
            for finding in self._findings([(c, at) for c, at, _ in lonely], pairs[i][1])
        ]

    def _findings(self, lonely: list[tuple[str, int]], target: str) -> list[Finding]:
        """A finding per mark; a '"' of a target holding an even number of them (one closing
        the quotation of a pair before, one opening another) is no "odd number"."""
        odd = target.count('"') % 2 == 1 if any(c == '"' for c, _ in lonely) else False
        return [
            self.finding(
                "unpaired",
                "odd number of '\"' in the target" if c == '"' and odd
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


def lonely_quotes(text: str, straight_open: bool = False) -> list[Lonely]:
    """The marks of ``text`` left without a partner, in text order, each with what it does
    to a quotation that goes on beyond the text: "open" (“ « ‹, or a '"' before a word),
    "close" (” » ›, or a '"' after one) or "" (neither: it pairs with nothing outside).

    Of an odd number of '"' the lonely one is the first when it closes (the end of a
    quotation begun before the text), else the last. ``straight_open``: a '"' quotation is
    open before the text, so a first '"' that closes is lonely whatever their number
    (thee." Then said he, "Go: the one closing, and the one opening that is left)."""
    straight = [m.start() for m in _STRAIGHT.finditer(text)] if '"' in text else []
    closes_first = straight_open and bool(straight) and bool(_CLOSES.match(text, straight[0]))
    if not _may_quote(text, curly=True) and not (len(straight) % 2 or closes_first):
        return []  # no quotation mark, or straight ones that pair (the most common case)
    lonely = [(c, i, "open" if c in _OPENERS else "close") for c, i in unpaired(text, _PAIRS)]
    if closes_first or (len(straight) % 2 and _CLOSES.match(text, straight[0])):
        lonely.append(('"', straight[0], "close"))
        straight = straight[1:]
    if len(straight) % 2:
        last = straight[-1]
        lonely.append(('"', last, "open" if _OPENS.match(text, last) else ""))
    lonely.sort(key=lambda mark: mark[1])
    return lonely


def _still_lonely(texts: Sequence[str]) -> list[list[Lonely]]:
    """The lonely marks of each text once a mark left open is paired with the one closing it
    in a following text: the first mark of its kind after it (" “” «» ‹›), which must then
    be a lonely closing one — any other mark of the kind between them (a quotation opened or
    closed in a text between, which would nest one quotation in another of the same marks)
    leaves it unpaired, as two stray marks far apart are not one quotation. A text that
    begins with an opening mark of the kind left open continues that quotation (English
    typography leaves a quotation going on into the next paragraph unclosed and opens the
    next paragraph with the mark again): the mark left open is no finding either."""
    out: list[list[Lonely]] = [[] for _ in texts]
    open_: dict[str, tuple[int, int]] = {}  # kind: (text index, offset) of the mark left open
    paired: set[tuple[int, int]] = set()  # (text index, offset) of the marks paired across
    for i, text in enumerate(texts):
        if not _may_quote(text):
            continue
        marks = out[i] = lonely_quotes(text, '"' in open_)
        if open_:
            closing = {at for _, at, role in marks if role == "close"}
            for kind, at in _first_of_each_kind(text).items():
                if kind in open_:
                    j, opened = open_.pop(kind)
                    if at in closing:
                        paired.update(((j, opened), (i, at)))
                    elif _reopens(text, at):
                        paired.add((j, opened))
        for mark, at, role in marks:
            if role == "open":
                open_[_KIND[mark]] = (i, at)
    for i in dict.fromkeys(i for i, _ in paired):
        out[i] = [m for m in out[i] if (i, m[1]) not in paired]
    return out


def _reopens(text: str, at: int) -> bool:
    """Whether the mark at ``at`` opens ``text`` (nothing but spaces before it) and opens a
    quotation: the quotation left open before goes on (a paragraph of it begins)."""
    return not text[:at].strip() and (
        text[at] in _OPENERS or (text[at] == '"' and _OPENS.match(text, at) is not None))


def _first_of_each_kind(text: str) -> dict[str, int]:
    """The offset of the first quotation mark of each kind in ``text``."""
    first: dict[str, int] = {}
    for m in _QUOTES.finditer(text):
        first.setdefault(_KIND[m.group()], m.start())
    return first
