"""Paragraphs of a hard-wrapped text (an e-text broken into lines of about 70 characters,
paragraphs set apart by blank lines, as Project Gutenberg and many editors write them).

Such a text's line ends are not paragraph ends: read line by line, its sentences would be
cut into fragments. A text is taken as wrapped when the lines inside its blocks are broken
where a greedy wrap breaks them: the next line's first word would not have fitted on the
line (lists and one-paragraph-a-line files leave room to spare), and its sentences end
inside lines, not only at their ends, or its Arabic clauses do, at ``،`` or ``؛`` (verse,
whose lines can be as even as a wrap, does neither). Its
paragraphs are then its blocks (a blank line, or a line indented more than the one before,
starts a new one), each line break inside a block read as a space, except after a hyphen
(scanned and typeset books split words at line ends): ``transla-`` / ``tion`` is joined as
*translation* when the text uses that word elsewhere and not *transla-tion*, else as
*transla-tion* (``well-`` / ``known`` stays *well-known*; ``al-`` / ``Rashid`` and ``COVID-`` /
``19``, a capital or a digit after the hyphen, stay *al-Rashid* and *COVID-19*); a soft hyphen
always joins.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

MIN_INNER_LINES = 5  # lines followed by another line of the same block
FULL_SHARE = 0.8  # of those, how many must be full (the next word would not fit)
MIN_WIDTH, MAX_WIDTH = 40, 200  # of the wrap; narrower or wider lines are not prose wrapped
MID_END_SHARE = 0.08  # of the inner lines, how many must hold a sentence end before their end
# (measured: Ockley's English of Hayy ibn Yaqzan, long sentences, wrapped at 60: 0.15)
# (an ellipsis is none: it mostly goes on, and verse parts its hemistichs with one: ... )
_MID_END = re.compile(r"(?<![.\u2026])[.!?\u061f](?![.\u2026])[\"'\u201d\u2019\u00bb)\]]*\s+\S")
# An Arabic comma or semicolon inside a line: Arabic prose of long sentences (a law's articles,
# classical narrative) ends few of them inside its lines but parts its clauses with these, which
# verse typed a verse a line seldom carries (measured: Hayy ibn Yaqzan's one-sentence
# paragraphs wrapped at 60: no sentence end inside a line, 0.73 of lines with one).
MID_CLAUSE_SHARE = 0.25
_MID_CLAUSE = re.compile(r"[\u060c\u061b]\s+\S")
_LINE_HYPHEN = re.compile(r"([A-Za-z]+)(-{1,2}|\u2010|\u00ad)$")  # a word split at the line end
_NEXT_WORD = re.compile(r"[a-z][A-Za-z]*")
# A capital or a digit after a line-end hyphen: a compound's second part (al-Rashid, COVID-19),
# never the rest of a word split at the line's end.
_COMPOUND_TAIL = re.compile(r"[A-Z0-9]")
_WORDS = re.compile(r"[A-Za-z]+(?:[-\u2010][A-Za-z]+)*")


def _inner_lines(lines: Sequence[str]) -> list[tuple[str, str]]:
    """(line, next line) for every non-blank line followed by a non-blank line."""
    return [(a, b) for a, b in pairwise(lines) if a.strip() and b.strip()]


def is_hard_wrapped(lines: Sequence[str]) -> bool:
    """Whether the lines are one text wrapped at a fixed width (see the module)."""
    inner = _inner_lines(lines)
    if len(inner) < MIN_INNER_LINES:
        return False
    lengths = sorted(len(a.rstrip()) for a, _ in inner)
    width = lengths[int(0.9 * (len(lengths) - 1))]
    if not MIN_WIDTH <= width <= MAX_WIDTH:
        return False
    full = sum(len(a.rstrip()) + 1 + len(b.split()[0]) > width for a, b in inner)
    ends = sum(bool(_MID_END.search(a)) for a, _ in inner)
    clauses = sum(bool(_MID_CLAUSE.search(a)) for a, _ in inner)
    return full >= FULL_SHARE * len(inner) and (
        ends >= MID_END_SHARE * len(inner) or clauses >= MID_CLAUSE_SHARE * len(inner))


def unwrapped_paragraphs(lines: Sequence[str]) -> list[str]:
    """The paragraphs of hard-wrapped lines: blocks joined with spaces; inside a block, a
    line indented more than the line before starts a paragraph too."""
    out: list[list[str]] = []
    vocabulary = {w.lower() for line in lines for w in _WORDS.findall(line)}
    before: int | None = None  # the indent of the line before, None after a blank line
    for line in lines:
        text = line.strip()
        if not text:
            before = None
            continue
        indent = len(line) - len(line.lstrip())
        if before is None or indent > before:
            out.append([text])
        else:
            out[-1].append(text)
        before = indent
    return [_join(block, vocabulary) for block in out]


def _join(lines: list[str], vocabulary: set[str]) -> str:
    """A block's lines as one paragraph: a space between lines, none after a hyphen that
    splits a word (see the module), the hyphen dropped where ``vocabulary`` (the text's own
    words, lower-cased) has the word whole and not hyphenated."""
    parts = [lines[0]]
    for before, line in pairwise(lines):
        split = _LINE_HYPHEN.search(before)
        after = _NEXT_WORD.match(line)
        if split and not after and _COMPOUND_TAIL.match(line):
            if split.group(2) == "\u00ad":
                parts[-1] = parts[-1][:-1]
            parts.append(line)  # al- / Rashid, Looking- / Glass, COVID- / 19: no word split
            continue
        if not split or not after:
            parts += [" ", line]
            continue
        head, hyphen, tail = split.group(1), split.group(2), after.group()
        whole = (head + tail).lower()
        if hyphen == "\u00ad" or (hyphen != "--" and whole in vocabulary
                                   and f"{head}-{tail}".lower() not in vocabulary):
            parts[-1] = parts[-1][: -len(hyphen)]
        parts.append(line)
    return "".join(parts)
