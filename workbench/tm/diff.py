"""A word-level diff of a match's source against the query (inserted, deleted, changed words).

Texts are cut into items: words (compared in their matching form, so spelling variants line
up) and the punctuation marks and tag placeholders between them (compared as written). The
ops say how the query becomes the match's source: ``equal``, ``insert`` (in the match, not in
the query), ``delete`` (in the query, not in the match) and ``change``; each carries the text
of both sides as written (empty on the side that has none), runs of one op joined.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rapidfuzz.distance import Indel

from workbench.text.normalize import normalize_arabic
from workbench.tm.tokens import PLACEHOLDER, tokenize

OPS = ("equal", "insert", "delete", "change")
#: A unit's TMX placeholder (see workbench/tm/tmx.py): {1} {/1} {2/}.
UNIT_TAG = re.compile(r"\{(/?)([1-9][0-9]{0,5})(/?)\}")
#: A segment's tag (<1> </1> <2/>), as a project unit's English holds it.
_SEGMENT_TAG = re.compile(r"<(?:/?[1-9][0-9]{0,5}|[1-9][0-9]{0,5}/)>")
#: A run of either kind of tag with the spaces around it.
_TAG_RUN = re.compile(
    r"(\s*)(?:\{/?[1-9][0-9]{0,5}/?\}|" + _SEGMENT_TAG.pattern + r")+(\s*)"
)


@dataclass(frozen=True)
class Item:
    """A word or a mark of a text, with its span and the form it is compared in."""

    text: str
    key: str
    start: int
    end: int
    is_word: bool


@dataclass(frozen=True)
class DiffOp:
    """One run of the diff."""

    op: str
    query: str
    match: str

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {"op": self.op, "query": self.query, "match": self.match}


def _marks(text: str, start: int, end: int) -> list[Item]:
    out: list[Item] = []
    pos = start
    for tag in PLACEHOLDER.finditer(text, start, end):
        out.extend(_chars(text, pos, tag.start()))
        out.append(Item(tag.group(), tag_key(tag.group()), tag.start(), tag.end(), False))
        pos = tag.end()
    out.extend(_chars(text, pos, end))
    return out


def tag_key(tag: str) -> str:
    """A tag placeholder as compared: a segment's ``<1>`` ``</1>`` ``<2/>`` is a TMX unit's
    ``{1}`` ``{/1}`` ``{2/}``."""
    return "{" + tag[1:-1] + "}" if tag.startswith("<") else tag


def _tag_kind(key: str) -> str:
    return "close" if key.startswith("{/") else "empty" if key.endswith("/}") else "open"


def _lone(keys: list[str]) -> set[str]:
    """The numbers of the halves among ``keys`` whose partner is not among them."""
    opened = {k.strip("{}") for k in keys if _tag_kind(k) == "open"}
    closed = {k.strip("{}/") for k in keys if _tag_kind(k) == "close"}
    return opened ^ closed


def _shape(key: str, lone: set[str]) -> str:
    """A tag's kind as two texts' tags are compared: a lone half (OmegaT's ``<it>`` of an
    image, ``{2}``) stands alone, as an empty tag (``<2/>``) does."""
    kind = _tag_kind(key)
    return "empty" if kind != "empty" and key.strip("{}/") in lone else kind


def with_segment_tags(query: str, source: str, target: str) -> str:
    """``target`` with its unit's tags — another tool's TMX placeholders (``{1}`` ``{/1}``
    ``{2/}``) or, in a project unit, the tags of the segment it comes from (``<1>`` …) —
    written as the query segment's tags (``<1>`` ``</1>`` ``<2/>``), paired in order of
    appearance when the unit's source and the query hold as many tags of the same kinds;
    without them when the query has no tags (formatting of the unit's document that the
    segment does not have: they were written into its English as text); else ``target``."""
    if "{" not in target and "<" not in target:
        return target
    q_tags = [m.group() for m in PLACEHOLDER.finditer(query) if m.group().startswith("<")]
    if not q_tags:
        return without_tags(target)
    s_keys = [tag_key(m.group()) for m in PLACEHOLDER.finditer(source)]
    if len(q_tags) != len(s_keys):
        return target
    q_keys = [tag_key(tag) for tag in q_tags]
    s_lone, q_lone = _lone(s_keys), _lone(q_keys)
    mapping: dict[str, str] = {}
    for s_key, q_key, q_tag in zip(s_keys, q_keys, q_tags, strict=True):
        if _shape(s_key, s_lone) != _shape(q_key, q_lone):
            return target
        if mapping.setdefault(s_key, q_tag) != q_tag:
            return target
    return PLACEHOLDER.sub(lambda m: mapping.get(tag_key(m.group()), m.group()), target)


def without_tags(text: str) -> str:
    """``text`` without its tags, each run of them with spaces on both sides leaving one
    space (``An image {1/} here.`` → ``An image here.``) and none at either end."""

    def gap(m: re.Match[str]) -> str:
        if m.start() == 0 or m.end() == len(text):
            return ""
        left, right = m.group(1), m.group(2)
        return " " if left and right else left + right

    return _TAG_RUN.sub(gap, text)


def unit_tags_as_tags(text: str) -> str:
    """A unit's TMX placeholders written as tags of the same numbers ({1} → <1>, {/1} → </1>,
    {2/} → <2/>), which the exchange formats write as their inline codes (TMX bpt/ept/ph, XLIFF
    g/x: workbench/formats/codes.py), never as text another tool would translate."""
    return UNIT_TAG.sub(r"<\1\2\3>", text)


@lru_cache(maxsize=4096)
def _char_key(ch: str) -> str:
    """A mark as compared ('' for what matching ignores: spaces, diacritics, tatweel)."""
    return "" if ch.isspace() else normalize_arabic(ch).strip()


def _chars(text: str, start: int, end: int) -> list[Item]:
    out: list[Item] = []
    for i in range(start, end):
        key = _char_key(text[i])
        if key:
            out.append(Item(text[i], key, i, i + 1, False))
    return out


def _inner_tags(word: str) -> str:
    """The keys of the tags inside a word as written (و<1>الكتاب: ``{1}``), which make it
    another word for the diff than the same word without them."""
    if "{" not in word and "<" not in word:
        return ""
    return "".join(tag_key(m.group()) for m in PLACEHOLDER.finditer(word))


@lru_cache(maxsize=2048)
def items(text: str) -> tuple[Item, ...]:
    """The words and marks of ``text`` in order."""
    out: list[Item] = []
    pos = 0
    for word in tokenize(text):
        out.extend(_marks(text, pos, word.start))
        written = text[word.start : word.end]
        out.append(Item(written, word.word + _inner_tags(written), word.start, word.end, True))
        pos = word.end
    out.extend(_marks(text, pos, len(text)))
    return tuple(out)


def _codes(a: Sequence[Item], b: Sequence[Item]) -> tuple[str, str]:
    table: dict[str, str] = {}

    def encode(seq: Sequence[Item]) -> str:
        return "".join(table.setdefault(i.key, chr(0x100 + len(table))) for i in seq)
    return encode(a), encode(b)


def _span(text: str, seq: Sequence[Item], i: int, j: int) -> str:
    return text[seq[i].start : seq[j - 1].end] if j > i else ""


def word_diff(query: str, source: str) -> list[DiffOp]:
    """How ``query`` becomes ``source``, word by word: the most items kept in order (a longest
    common subsequence), what lies between two kept runs being a change, an insertion or a
    deletion."""
    a, b = items(query), items(source)
    ca, cb = _codes(a, b)
    out: list[DiffOp] = []
    i = j = 0
    for block in Indel.opcodes(ca, cb).as_matching_blocks():
        if i < block.a or j < block.b:
            gap_a, gap_b = _span(query, a, i, block.a), _span(source, b, j, block.b)
            op = "change" if gap_a and gap_b else ("delete" if gap_a else "insert")
            out.append(DiffOp(op, gap_a, gap_b))
        if block.size:
            out.append(DiffOp("equal", _span(query, a, block.a, block.a + block.size),
                              _span(source, b, block.b, block.b + block.size)))
        i, j = block.a + block.size, block.b + block.size
    return out
