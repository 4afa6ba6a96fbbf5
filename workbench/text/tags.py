"""Inline tags in segment text: numbered placeholders for the formatting of client documents.

A paired tag wraps text (``<1>bold</1>``), an empty tag stands alone (``<2/>``: a line break,
a footnote reference, a field, an image). Numbers are unique within a paragraph of the source
document. These functions read the placeholder syntax only; what a tag stands for is kept by
the document filters (:mod:`workbench.filters`).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher

#: One placeholder: ``<N>``, ``</N>`` or ``<N/>`` (N from 1, no leading zero).
TAG = re.compile(r"<(/?)([1-9][0-9]{0,5})(/?)>")

OPEN, CLOSE, EMPTY = "open", "close", "empty"


@dataclass(frozen=True)
class TagToken:
    """A placeholder found in a text: its kind (open, close, empty), number and span."""

    kind: str
    id: int
    start: int
    end: int

    @property
    def text(self) -> str:
        """The placeholder as written."""
        return placeholder(self.kind, self.id)


def placeholder(kind: str, tag_id: int) -> str:
    """The text of a placeholder: ``<N>``, ``</N>`` or ``<N/>``."""
    if kind == OPEN:
        return f"<{tag_id}>"
    if kind == CLOSE:
        return f"</{tag_id}>"
    return f"<{tag_id}/>"


def tokens(text: str) -> list[TagToken]:
    """Every placeholder of ``text`` in order (``</1/>`` is not one)."""
    if "<" not in text:
        return []
    out = []
    for m in TAG.finditer(text):
        slash, number, empty = m.groups()
        if slash and empty:
            continue
        kind = CLOSE if slash else EMPTY if empty else OPEN
        out.append(TagToken(kind, int(number), m.start(), m.end()))
    return out


def has_tags(text: str) -> bool:
    """Whether ``text`` holds a placeholder."""
    return bool(tokens(text))


def strip_tags(text: str, empty: str = "") -> str:
    """``text`` without its placeholders (an empty tag, a line break or an image, replaced
    by ``empty``)."""
    if "<" not in text:
        return text
    pieces, pos = [], 0
    for token in tokens(text):
        pieces.append(text[pos : token.start])
        if token.kind == EMPTY and empty:
            pieces.append(empty)
        pos = token.end
    pieces.append(text[pos:])
    return "".join(pieces)


#: Left-to-right isolate and its end (U+2066, U+2069), put around a placeholder in Arabic.
LRI, PDI = "\u2066", "\u2069"


def isolate_tags(text: str) -> str:
    """``text`` with each placeholder between LRI and PDI: laid out as one left-to-right unit
    inside right-to-left text, where a word processor would otherwise mirror it (``</1>``
    read as ``<1/>`` and ``<1/>`` as ``</1>``). For display in the DOCX review table."""
    if "<" not in text:
        return text
    pieces, pos = [], 0
    for token in tokens(text):
        pieces += [text[pos : token.start], LRI, text[token.start : token.end], PDI]
        pos = token.end
    pieces.append(text[pos:])
    return "".join(pieces)


def mask_tags(text: str) -> str:
    """``text`` with each placeholder replaced by as many spaces (offsets are kept)."""
    if "<" not in text:
        return text
    chars = list(text)
    for token in tokens(text):
        chars[token.start : token.end] = " " * (token.end - token.start)
    return "".join(chars)


@dataclass(frozen=True)
class TagProblem:
    """Something wrong with the tags of a translation: kind (missing, extra, duplicated,
    nesting), the placeholder, and its span in the translation (None when missing)."""

    kind: str
    tag: str
    span: tuple[int, int] | None
    message: str


def tag_problems(source: str, target: str) -> list[TagProblem]:
    """What is wrong with the tags of ``target`` compared with those of ``source``.

    Every placeholder of the source must appear in the target as often (missing, duplicated
    and extra ones are reported); a pair whose two halves are both in the target must open
    before it closes and nest properly with the other pairs (the source's own nesting is
    the reference: halves whose partner lies in another segment are left out).
    """
    src = tokens(source)
    tgt = tokens(target)
    want = Counter((t.kind, t.id) for t in src)
    have = Counter((t.kind, t.id) for t in tgt)
    problems: list[TagProblem] = []
    for key, count in want.items():
        if have[key] < count:
            text = placeholder(*key)
            problems.append(TagProblem("missing", text, None, f"tag {text} is missing"))
    seen: Counter[tuple[str, int]] = Counter()
    for token in tgt:
        key = (token.kind, token.id)
        seen[key] += 1
        if seen[key] <= want[key]:
            continue
        kind = "duplicated" if want[key] else "extra"
        why = "appears more often than in the source" if want[key] else "is not in the source"
        problems.append(TagProblem(
            kind, token.text, (token.start, token.end), f"tag {token.text} {why}"
        ))
    problems.extend(_nesting(src, tgt))
    return problems


def _nesting(src: list[TagToken], tgt: list[TagToken]) -> list[TagProblem]:
    """Pairs of the target that close before they open or cross another pair."""
    src_open = {t.id for t in src if t.kind == OPEN}
    src_close = {t.id for t in src if t.kind == CLOSE}
    paired = src_open & src_close
    opened = {t.id for t in tgt if t.kind == OPEN}
    closed = {t.id for t in tgt if t.kind == CLOSE}
    stack: list[TagToken] = []
    problems: list[TagProblem] = []
    reported: set[int] = set()
    for token in tgt:
        if token.id not in paired or token.kind == EMPTY:
            continue
        if token.kind == OPEN:
            if token.id in closed:
                stack.append(token)
            continue
        if token.id not in opened:
            continue  # missing opener: reported as missing
        if not any(t.id == token.id for t in stack):
            if token.id not in reported:
                reported.add(token.id)
                problems.append(TagProblem(
                    "nesting", token.text, (token.start, token.end),
                    f"tag {token.text} closes before <{token.id}> opens",
                ))
            continue
        while stack and stack[-1].id != token.id:
            inner = stack.pop()
            if inner.id not in reported:
                reported.add(inner.id)
                problems.append(TagProblem(
                    "nesting", inner.text, (inner.start, inner.end),
                    f"tags <{inner.id}> and <{token.id}> overlap: <{inner.id}> must close "
                    f"before </{token.id}>",
                ))
        stack.pop()
    return problems


def next_missing_tag(source: str, target: str, cursor: int | None = None) -> str | None:
    """The next placeholder of ``source`` that ``target`` lacks, for an editor's insert-tag key.

    The first missing one in source order; with ``cursor`` (an offset in ``target``), a
    closing half whose opening half lies before the cursor comes first, so that typing the
    tagged text and pressing the key twice wraps it.
    """
    src = tokens(source)
    have = Counter((t.kind, t.id) for t in tokens(target))
    need: list[TagToken] = []
    counts: Counter[tuple[str, int]] = Counter()
    for token in src:
        key = (token.kind, token.id)
        counts[key] += 1
        if counts[key] > have[key]:
            need.append(token)
    if not need:
        return None
    if cursor is not None:
        before = {t.id for t in tokens(target[:cursor]) if t.kind == OPEN}
        after = {t.id for t in tokens(target[:cursor]) if t.kind == CLOSE}
        for token in need:
            if token.kind == CLOSE and token.id in before - after:
                return token.text
    return need[0].text


_OUTER = re.compile(r"^<([1-9][0-9]*)>(.*)</\1>$", re.S)


#: Pairs around a text without letters at the start or end of a segment: a note reference.
_LAST_PAIRS = re.compile(r"((?:<[1-9][0-9]*>)+)([^<>]+)((?:</[1-9][0-9]*>)+)\s*$")
_FIRST_PAIRS = re.compile(r"^\s*((?:<[1-9][0-9]*>)+)([^<>]+)((?:</[1-9][0-9]*>)+)")
#: Pairs around a text anywhere in a segment.
_ANY_PAIRS = re.compile(r"((?:<[1-9][0-9]*>)+)([^<>]+)((?:</[1-9][0-9]*>)+)")


def whole_pairs(source: str, target: str) -> str:
    """``target`` wrapped in the paired tags that wrap the whole of ``source`` and that
    ``target`` leaves out (a contents entry's link, a heading in bold, when the English came
    from a text without tags); then :func:`edge_pairs`."""
    wraps: list[str] = []
    inner = source.strip()
    while found := _OUTER.match(inner):
        wraps.append(found.group(1))
        inner = found.group(2).strip()
    for n in reversed(wraps):
        if f"<{n}>" not in target and f"</{n}>" not in target:
            target = f"<{n}>{target}</{n}>"
    return edge_pairs(source, target)


def edge_pairs(source: str, target: str) -> str:
    """``target`` with the pairs that end or start ``source`` around a text without letters
    (an HTML note reference ``<1><2>1</2></1>``, a back link ``<1>↩</1>``, a bold year) put
    around the same text at the same end of ``target`` when it leaves them out (English
    imported from a text: the note's link and superscript were lost, its number left bare)."""
    for pattern, last in ((_LAST_PAIRS, True), (_FIRST_PAIRS, False)):
        found = pattern.search(source)
        if found is None:
            continue
        opens = re.findall(r"\d+", found.group(1))
        if opens[::-1] != re.findall(r"\d+", found.group(3)):
            continue
        text = found.group(2).strip()
        if not text or any(c.isalpha() for c in text) or any(
                f"<{n}>" in target or f"</{n}>" in target for n in opens):
            continue
        body = target.rstrip() if last else target.lstrip()
        if last and body.endswith(text) and not body[: -len(text)][-1:].isdigit():
            target = body[: -len(text)] + found.group(1) + text + found.group(3)
        elif not last and body.startswith(text) and not body[len(text):][:1].isdigit():
            target = found.group(1) + text + found.group(3) + body[len(text):]
    return inner_pairs(source, target)


def inner_pairs(source: str, target: str) -> str:
    """``target`` with the pairs around a number or a note mark inside ``source`` (a note
    reference after a word, ``حاشية<1><2>1</2></1> في``; a bold year; a field's page number,
    its Arabic-Indic digits read as the English's) put around the same text in ``target``
    when it leaves them out and each holds that text once, not as part of a number
    (``footnote1 at`` becomes ``footnote<1><2>1</2></1> at``); the note's link, which the
    note's back link points to, had been lost."""
    for found in _ANY_PAIRS.finditer(source):
        opens = re.findall(r"\d+", found.group(1))
        text = found.group(2).strip()
        if (opens[::-1] != re.findall(r"\d+", found.group(3))
                or not (text.isdigit() or text in _NOTE_MARKS)
                or len(_places(text, strip_tags(source))) != 1
                or any(f"<{n}>" in target or f"</{n}>" in target for n in opens)):
            continue
        english = "".join(str(unicodedata.decimal(c)) for c in text) if text.isdecimal() \
            else text  # Arabic-Indic digits (a field's page number ٣) as the English writes them
        places = _places(english, target)
        if len(places) == 1:
            at = places[0]
            target = (target[:at[0]] + found.group(1) + english + found.group(3)
                      + target[at[1]:])
    return target


_NOTE_MARKS = frozenset("*†‡§¶")


def _places(text: str, within: str) -> list[tuple[int, int]]:
    """Where ``text`` stands in ``within`` outside its tags and not as part of a number."""
    inside = [(t.start(), t.end()) for t in TAG.finditer(within)]
    return [(m.start(), m.end()) for m in re.finditer(
        rf"(?<!\d)(?<!\d[.,]){re.escape(text)}(?![.,]?\d)", within)
        if not any(a < m.end() and m.start() < b for a, b in inside)]


def renumber_tags(target: str, source: str, ours: str) -> str:
    """``target``'s placeholders renumbered from ``source``'s (another tool's numbering of
    the same text) to ``ours`` (the same text with our numbers): the tags are paired by their
    order in the two sources, which must have the same kinds in the same order (a half whose
    partner is not in its text standing alone as an empty tag does: OmegaT writes an image as
    ``<it pos="begin">``); otherwise, or for a tag of the target that its source lacks, the
    tags are left out."""
    theirs, mine = tokens(source), tokens(ours)
    lone_theirs, lone_mine = _lone(theirs), _lone(mine)
    if [_shape(t, lone_theirs) for t in theirs] != [_shape(m, lone_mine) for m in mine]:
        return strip_tags(target)
    ids = {(_shape(t, lone_theirs), t.id): m for t, m in zip(theirs, mine, strict=True)}
    pieces, pos = [], 0
    for token in tokens(target):
        pieces.append(target[pos : token.start])
        new = ids.get((_shape(token, lone_theirs), token.id))
        if new is not None:
            pieces.append(placeholder(new.kind, new.id))
        pos = token.end
    pieces.append(target[pos:])
    return "".join(pieces)


def _lone(found: list[TagToken]) -> set[int]:
    """The numbers of the halves of ``found`` whose partner is not among them."""
    opened = {t.id for t in found if t.kind == OPEN}
    closed = {t.id for t in found if t.kind == CLOSE}
    return opened ^ closed


def _shape(token: TagToken, lone: set[int]) -> str:
    """A tag's kind as the order of two texts' tags is compared: a lone half stands alone."""
    return EMPTY if token.id in lone else token.kind


def retag(written: str, letters: str) -> str:
    """``letters`` (a word put for ``written``: a spelling suggestion) with the placeholders of
    ``written`` put back where its letters went, in their order: ``re<2>ciev</2>e`` replaced
    by ``receive`` is ``re<2>ceiv</2>e``. A placeholder stays before the letter it stood
    before (matched by :class:`difflib.SequenceMatcher`; a letter changed or left out, before
    the letter that took its place or its next), so the formatting of a client document keeps
    to the same letters."""
    found = tokens(written)
    if not found:
        return letters
    old = strip_tags(written)
    # (the letter of old each placeholder stands before, the placeholder as written)
    places = [(len(strip_tags(written[: t.start])), written[t.start : t.end]) for t in found]
    blocks = SequenceMatcher(None, old, letters, autojunk=False).get_opcodes()
    pieces, pos = [], 0
    for before, tag in places:
        new = _mapped(before, blocks, len(letters))
        pieces += [letters[pos:new], tag]
        pos = new
    pieces.append(letters[pos:])
    return "".join(pieces)


def _mapped(index: int, blocks: list[tuple[str, int, int, int, int]], length: int) -> int:
    """Where the letter ``index`` of an old word went in the new (``length`` letters), by the
    opcodes ``blocks`` of the two: its place when kept or replaced, else the next kept
    letter's (the end for the old word's end)."""
    for op, i1, i2, j1, j2 in blocks:
        if i1 <= index < i2:
            return j1 + (index - i1 if op == "equal" else min(index - i1, j2 - j1))
    return length
