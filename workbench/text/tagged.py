"""Sentence splitting of paragraphs that hold inline tags (``<1>…</1>``, ``<2/>``).

The sentence splitter sees the text without its placeholders, so a tag never hides a sentence
end nor makes one (an empty tag between a stop and the next text is a space to it), and no cut
falls inside a placeholder. Each cut is then placed among the
tags that sit between two sentences: closing tags, and empty tags written right after the end
(a footnote reference after the full stop), stay with the sentence they close; opening tags,
and empty tags after the space, go with the next one. A note reference written as a pair
around its number right after the stop (an HTML page's ``<a><sup>1</sup></a>``) is not seen
either: it ends its sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from workbench.text.segment import Segmenter, _default_segmenter, split_sentences
from workbench.text.tags import CLOSE, EMPTY, OPEN, TagToken, tokens

#: The text of a note reference written as a pair (an HTML page's ``<a><sup>1</sup></a>``).
_NOTE_MARK = re.compile(r"[\[(]?(?:[0-9\u0660-\u0669\u06f0-\u06f9]{1,3}|\*{1,3})[\])]?")
_STOPS = ".!?\u061f\u2026"
_SPACES = re.compile(r"\s*")
# A stop, or a closing quote or bracket after one: what may end a sentence just before a tag.
_STOP_ENDS = _STOPS + "\"'\u201d\u2019\u00bb\u203a)]"
#: A list number or letter with its stop (``2.``, ``٢.``, ``ب.``): what a line after a manual line
#: break opens with.
_LIST_NUMBER = re.compile(r"(?:[0-9\u0660-\u0669\u06f0-\u06f9]{1,3}|[\u0621-\u064aA-Za-z])\.")


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
    empty: int | None = None  # where an empty tag right after the last character taken sits
    for token in [*found, TagToken(EMPTY, 0, len(paragraph), len(paragraph))]:
        for i in range(pos, token.start):
            if i not in hidden:
                if empty is not None and _parts(plain, paragraph[i]):
                    plain.append(" ")
                    where.append(empty)
                empty = None
                plain.append(paragraph[i])
                where.append(i)
        if token.kind == EMPTY and empty is None:
            empty = token.start
        pos = token.end
    text = "".join(plain)
    cuts: list[int] = []
    ends = [token.end for token in found]
    empty_ends = {token.end for token in found if token.kind == EMPTY}
    for end in segmenter.boundaries(text, lang):
        start = _SPACES.match(text, end).end()  # (no slice of the rest: a long paragraph)
        if start == len(text) or _opens_line(paragraph, text, where, end, empty_ends):
            continue
        low = where[end - 1] + 1  # just after the sentence's last character
        high = where[start]  # the next sentence's first character
        cuts.append(_cut(paragraph, low, high, found, bisect_right(ends, low)))
    out: list[str] = []
    prev = 0
    for cut in [*cuts, len(paragraph)]:
        piece = paragraph[prev:cut].strip()
        if piece:
            out.append(piece)
        prev = cut
    return out


def _parts(plain: list[str], after: str) -> bool:
    """Whether an empty tag (a line break, a tab) between the text taken so far and ``after``
    parts a sentence's stop from the next text with nothing between (``يلي.<1/>1. أن``,
    ``السوق.<1/>«لن``, ``.<1/>Then``), and so is a space to the splitter, as in the text read
    without tags: the stop is not glued to a list number, a quote or a Latin word."""
    return bool(plain) and plain[-1] in _STOP_ENDS and not after.isspace()


def _opens_line(
    paragraph: str, text: str, where: list[int], end: int, empty_ends: set[int]
) -> bool:
    """Whether the sentence end at ``text[:end]`` is a list number opening a line after an
    empty tag (a manual line break: ``الماء<2/>٢. الملح``): the item's number, not a stop."""
    for size in (2, 3, 4):  # one to three digits and the stop
        begin = end - size
        if begin >= 0 and _LIST_NUMBER.fullmatch(text, begin, end):
            before = where[begin]
            while before and paragraph[before - 1].isspace():
                before -= 1
            if before in empty_ends:
                return True
    return False


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
        depth, close = 0, None
        for j in range(k, len(found)):  # up to the pair's end, or 40 characters on
            other = found[j]
            if other.start - token.end > 40:  # no reference is that long
                break
            depth += {OPEN: 1, CLOSE: -1}.get(other.kind, 0)
            if depth == 0:
                close = j
                break
        if close is None:
            continue
        inner = found[k + 1 : close]
        inside = [i for i in range(token.end, found[close].start)
                  if not any(t.start <= i < t.end for t in inner)]
        if _NOTE_MARK.fullmatch("".join(paragraph[i] for i in inside)):
            hidden.update(inside)
    return hidden


def _cut(paragraph: str, low: int, high: int, found: list[TagToken], first: int) -> int:
    """Where to cut between two sentences, in ``paragraph[low:high]`` (spaces and tags;
    ``first``: the index in ``found`` of the first tag that ends after ``low``, looked up, as
    a scan from the paragraph's first tag made a long paragraph's splitting quadratic)."""
    cut = low
    touching = True  # nothing but tags since the sentence's end
    pos = low
    for k in range(first, len(found)):  # (islice would walk the tags before first)
        token = found[k]
        if token.start >= high:
            break
        if paragraph[pos : token.start].strip() == "" and paragraph[pos : token.start]:
            touching = False
        if token.kind == CLOSE or (token.kind == EMPTY and touching):
            cut = token.end
        pos = token.end
    return cut
