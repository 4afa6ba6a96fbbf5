"""Sentence splitting of paragraphs that hold inline tags (``<1>…</1>``, ``<2/>``).

The sentence splitter sees the text without its placeholders, so a tag never hides a sentence
end nor makes one, and no cut falls inside a placeholder. Each cut is then placed among the
tags that sit between two sentences: closing tags, and empty tags written right after the end
(a footnote reference after the full stop), stay with the sentence they close; opening tags,
and empty tags after the space, go with the next one.
"""

from __future__ import annotations

from workbench.text.segment import Segmenter, _default_segmenter, split_sentences
from workbench.text.tags import CLOSE, EMPTY, TagToken, tokens


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
    # the text without tags, and where each of its characters sits in the paragraph
    plain: list[str] = []
    where: list[int] = []
    pos = 0
    for token in found:
        for i in range(pos, token.start):
            plain.append(paragraph[i])
            where.append(i)
        pos = token.end
    for i in range(pos, len(paragraph)):
        plain.append(paragraph[i])
        where.append(i)
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
