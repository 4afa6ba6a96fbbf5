"""Phrase (Memsource) ``.mxliff`` inline tags, which the file holds as text, not elements.

A pair is written ``{1>`` … ``<1}`` (its code in the unit's ``<m:tunit-metadata>``), a
standalone code ``{2}``, Phrase's own formatting ``{b>`` … ``<b}`` (also ``i``, ``u``, ``^``
superscript, ``_`` subscript). They become our placeholders, numbered by their order in the
source: a pair ``<n>`` … ``</n>``, a standalone code or a half whose partner is not in the
text ``<n/>``; the target's are given the numbers of the same tags in the source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from workbench.text.tags import TAG

PHRASE_NS = "http://www.memsource.com/mxlf/2.0"

#: ``{1>`` (opens), ``<1}`` (closes), ``{2}`` (standalone): a number or a formatting name.
PHRASE_TAG = re.compile(r"\{([0-9]{1,5}|[a-z]{1,3}|\^|_)>|<([0-9]{1,5}|[a-z]{1,3}|\^|_)\}"
                        r"|\{([0-9]{1,5})\}")


def is_phrase(element: etree._Element) -> bool:
    """Whether ``element`` is in a Phrase file (its namespace declared there)."""
    return PHRASE_NS in element.nsmap.values()


@dataclass(frozen=True)
class PhraseTag:
    """One Phrase tag of a text: where it is, and its role once paired."""

    start: int
    end: int
    text: str
    role: str  # "open" or "close" (of a pair in the text), or "empty"
    partner: int | None = None  # the index of its pair's other half


def phrase_tags(text: str) -> list[PhraseTag]:
    """The Phrase tags of ``text`` in order; an opening and the next closing of its name, in
    properly nested order, are a pair, any other tag stands alone."""
    found = list(PHRASE_TAG.finditer(text))
    roles = ["empty"] * len(found)
    partners: list[int | None] = [None] * len(found)
    stack: list[tuple[str, int]] = []
    for k, m in enumerate(found):
        opening, closing, _ = m.groups()
        if opening is not None:
            stack.append((opening, k))
        elif closing is not None and stack and stack[-1][0] == closing:
            _, start = stack.pop()
            roles[start], roles[k] = "open", "close"
            partners[start], partners[k] = k, start
    return [PhraseTag(m.start(), m.end(), m.group(), roles[k], partners[k])
            for k, m in enumerate(found)]


def _placeholder(role: str, number: int) -> str:
    return {"open": f"<{number}>", "close": f"</{number}>"}.get(role, f"<{number}/>")


def phrase_placeholders(source: str, target: str | None) -> tuple[str, str | None]:
    """``source`` and ``target`` with their Phrase tags as placeholders, numbered after any
    placeholder the source has; the target's n-th ``{b>`` is given the number of the source's
    n-th, and a tag of the target its source lacks stays as text."""
    tags = phrase_tags(source)
    if not tags:
        return source, target
    number = max((int(m.group(2)) for m in TAG.finditer(source)), default=0)
    numbers: list[int] = []
    for tag in tags:
        if tag.role != "close":
            number += 1
        numbers.append(number if tag.role != "close" else numbers[tag.partner or 0])
    ours: dict[str, list[str]] = {}  # a tag's text → its placeholders, in order
    for tag, n in zip(tags, numbers, strict=True):
        ours.setdefault(tag.text, []).append(_placeholder(tag.role, n))
    return _replaced(source, {t: list(p) for t, p in ours.items()}), (
        None if target is None else _replaced(target, ours))


def _replaced(text: str, placeholders: dict[str, list[str]]) -> str:
    """``text`` with each Phrase tag replaced by the next of its text's ``placeholders``."""
    def one(m: re.Match[str]) -> str:
        waiting = placeholders.get(m.group())
        return waiting.pop(0) if waiting else m.group()

    return PHRASE_TAG.sub(one, text)
