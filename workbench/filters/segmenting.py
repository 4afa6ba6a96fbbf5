"""A block's segments: sentences split across tags, each segment's tags balanced.

The sentence splitter runs inside each paragraph across its tags
(:func:`workbench.text.tagged.split_tagged`). A paired tag that spans a sentence end is closed
at the end of the first sentence and opened again (under a new number restoring the same
source item) at the start of the next, so every segment holds whole pairs: a translator can
put the bold anywhere in the sentence. Numbers are then given again in order of appearance,
unique in the paragraph.
"""

from __future__ import annotations

import itertools

from workbench.filters.model import Block, Tag, TagMap
from workbench.text.segment import Segmenter
from workbench.text.tagged import split_tagged
from workbench.text.tags import CLOSE, EMPTY, OPEN, placeholder, tokens


def segment_block(
    block: Block, lang: str = "ar", segmenter: Segmenter | None = None
) -> tuple[list[str], TagMap]:
    """The segments of a block and the tag map of the block's segments.

    A bilingual block keeps the file's segmentation (and its numbering).
    """
    if block.segments is not None:
        return list(block.segments), dict(block.tags)
    sentences = split_tagged(block.text, lang, segmenter)
    if not block.tags:
        return sentences, {}
    return balance(sentences, block.tags)


def balance(sentences: list[str], tags: TagMap) -> tuple[list[str], TagMap]:
    """Close the pairs open at each sentence's end and reopen them in the next; number the
    tags again from 1 in order of appearance. Returns the segments and their tag map."""
    out_tags: TagMap = {}
    segments: list[str] = []
    carried: list[int] = []  # source ids of the pairs open at the end of the last sentence
    renumber: dict[int, int] = {}  # old id -> new id, for the pairs opened in this sentence

    def new(origin_id: int) -> int:
        base = tags[origin_id]
        tag_id = len(out_tags) + 1
        out_tags[tag_id] = Tag(tag_id, base.paired, base.label, base.title, base.source_id)
        return tag_id

    for sentence in sentences:
        parts: list[str] = []
        stack: list[tuple[int, int]] = []  # (old id, new id)
        for old in carried:
            tag_id = new(old)
            parts.append(placeholder(OPEN, tag_id))
            stack.append((old, tag_id))
            renumber[old] = tag_id
        pos = 0
        for token in tokens(sentence):
            parts.append(sentence[pos : token.start])
            pos = token.end
            if token.id not in tags:
                parts.append(token.text)  # not ours: left as it is
                continue
            if token.kind == EMPTY:
                parts.append(placeholder(EMPTY, new(token.id)))
            elif token.kind == OPEN:
                tag_id = new(token.id)
                renumber[token.id] = tag_id
                stack.append((token.id, tag_id))
                parts.append(placeholder(OPEN, tag_id))
            elif token.kind == CLOSE:
                while stack and stack[-1][0] != token.id:
                    old, tag_id = stack.pop()  # a crossed pair in the source: close it here
                    parts.append(placeholder(CLOSE, tag_id))
                if stack:
                    stack.pop()
                    parts.append(placeholder(CLOSE, renumber[token.id]))
        parts.append(sentence[pos:])
        carried = [old for old, _ in stack]
        for _, tag_id in reversed(stack):
            parts.append(placeholder(CLOSE, tag_id))
        segments.append(_drop_empty_pairs("".join(parts)))
    return segments, _compact(segments, out_tags)


def _drop_empty_pairs(text: str) -> str:
    """Remove ``<n></n>`` pairs that wrap nothing (a pair reopened just before it closes)."""
    found = tokens(text)
    drop: set[int] = set()
    for a, b in itertools.pairwise(found):
        if a.kind == OPEN and b.kind == CLOSE and a.id == b.id and a.end == b.start:
            drop.add(a.id)
    if not drop:
        return text
    pieces, pos = [], 0
    for token in found:
        if token.id in drop and token.kind != EMPTY:
            pieces.append(text[pos : token.start])
            pos = token.end
    pieces.append(text[pos:])
    return "".join(pieces)


def _compact(segments: list[str], tags: TagMap) -> TagMap:
    """Number the tags of the segments 1, 2, 3... in order of appearance (in place)."""
    order: dict[int, int] = {}
    for segment in segments:
        for token in tokens(segment):
            if token.id in tags and token.id not in order:
                order[token.id] = len(order) + 1
    if all(k == v for k, v in order.items()) and len(order) == len(tags):
        return tags
    for i, segment in enumerate(segments):
        pieces, pos = [], 0
        for token in tokens(segment):
            pieces.append(segment[pos : token.start])
            pieces.append(placeholder(token.kind, order.get(token.id, token.id)))
            pos = token.end
        pieces.append(segment[pos:])
        segments[i] = "".join(pieces)
    out: TagMap = {}
    for old, new_id in order.items():
        t = tags[old]
        out[new_id] = Tag(new_id, t.paired, t.label, t.title, t.source_id)
    return out
