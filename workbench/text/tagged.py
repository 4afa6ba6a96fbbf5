"""Sentence splitting of paragraphs that hold inline tags (``<1>…</1>``, ``<2/>``).

The sentence splitter sees the text without its placeholders, so a tag never hides a sentence
end nor makes one, and no cut falls inside a placeholder. Each cut is then placed among the
tags that sit between two sentences: closing tags, and empty tags written right after the end
(a footnote reference after the full stop), stay with the sentence they close; opening tags,
and empty tags after the space, go with the next one. A note reference written as a pair
around its number right after the stop (an HTML page's ``<a><sup>1</sup></a>``) is not seen
either: it ends its sentence.
"""

from __future__ import annotations

import re

from workbench.text.segment import Segmenter, _default_segmenter, split_sentences
from workbench.text.tags import CLOSE, EMPTY, OPEN, TagToken, tokens

#: The text of a note reference written as a pair (an HTML page's ``<a><sup>1</sup></a>``).
_NOTE_MARK = re.compile(r"[\[(]?(?:[0-9\u0660-\u0669\u06f0-\u06f9]{1,3}|\*{1,3})[\])]?")
_STOPS = ".!?\u061f\u2026"


def split_tagged(
    paragraph: str, lang: str, segmenter: Segmenter | None = None
) -> list[str]:
    """The sentences of one paragraph holding placeholders, stripped, tags kept in place.

    Without placeholders this is :func:`workbench.text.segment.split_sentences`.
    """
    found = tokens(paragraph)
    if not found:
        if segmenter is None:
            return split_sentences(paragraph, lang)
        return segmenter.split_sentences(paragraph, lang)
    segmenter = segmenter or _default_segmenter()
    # the text without tags and note marks, and where each of its characters sits
    hidden = _note_marks(paragraph, found)
    plain: list[str] = []
    where: list[int] = []
    pos = 0
    for token in [*found, TagToken(EMPTY, 0, len(paragraph), len(paragraph))]:
        for i in range(pos, token.start):
            if i not in hidden:
                plain.append(paragraph[i])
                where.append(i)
        pos = token.end
    text = "".join(plain)
    cuts: list[int] = []
    for end in segmenter.boundaries(text, lang):
        if not text[end:].strip():
            continue
        start = end + (len(text[end:]) - len(text[end:].lstrip()))
        low = where[end - 1] + 1  # just after the sentence's last character
        high = where[start]  # the next sentence's first character
        cuts.append(_cut(paragraph, low, high, found))
    out: list[str] = []
    prev = 0
    for cut in [*cuts, len(paragraph)]:
        piece = paragraph[prev:cut].strip()
        if piece:
            out.append(piece)
        prev = cut
    return out


def _note_marks(paragraph: str, found: list[TagToken]) -> set[int]:
    """Where the text of note references sits: a pair opened right after a sentence's stop
    (``انقلاب.<2><3>1</3></2>``) that holds a number or asterisks alone. The splitter does not
    see it, so the stop still ends the sentence and the reference stays with it."""
    hidden: set[int] = set()
    for k, token in enumerate(found):
        if token.kind != OPEN or (k and found[k - 1].kind == OPEN
                                  and found[k - 1].end == token.start):
            continue  # the first of openings written together is the one looked at
        if not token.start or paragraph[token.start - 1] not in _STOPS:
            continue
        depth, end = 0, None
        for other in found[k:]:
            depth += {OPEN: 1, CLOSE: -1}.get(other.kind, 0)
            if depth == 0:
                end = other.start
                break
        if end is None or end - token.end > 40:  # no reference is that long
            continue
        inside = [i for i in range(token.end, end)
                  if not any(t.start <= i < t.end for t in found)]
        if _NOTE_MARK.fullmatch("".join(paragraph[i] for i in inside)):
            hidden.update(inside)
    return hidden


def _cut(paragraph: str, low: int, high: int, found: list[TagToken]) -> int:
    """Where to cut between two sentences, in ``paragraph[low:high]`` (spaces and tags)."""
    cut = low
    touching = True  # nothing but tags since the sentence's end
    pos = low
    for token in found:
        if token.end <= low:
            continue
        if token.start >= high:
            break
        if paragraph[pos : token.start].strip() == "" and paragraph[pos : token.start]:
            touching = False
        if token.kind == CLOSE or (token.kind == EMPTY and touching):
            cut = token.end
        pos = token.end
    return cut
