"""Sentence segmentation of Arabic and English text.

A newline always ends a paragraph; sentences never cross paragraphs.
"""

from __future__ import annotations

import re

_END = r"[.!?؟…]+"
_CLOSERS = "\"'”’»)]}›"
_BOUNDARY = re.compile(rf"({_END}[{re.escape(_CLOSERS)}]*)(\s+)")


def split_paragraphs(text: str) -> list[str]:
    """Non-empty lines of ``text``, stripped."""
    return [line.strip() for line in text.split("\n") if line.strip()]


def split_sentences(paragraph: str, lang: str) -> list[str]:
    """Split one paragraph into sentences (``lang`` is 'ar' or 'en')."""
    out: list[str] = []
    start = 0
    for m in _BOUNDARY.finditer(paragraph):
        end = m.end(1)
        out.append(paragraph[start:end].strip())
        start = m.end()
    tail = paragraph[start:].strip()
    if tail:
        out.append(tail)
    return [s for s in out if s]


def segment_text(text: str, lang: str) -> list[tuple[int, str]]:
    """Sentences of a whole text as (paragraph number from 1, sentence) pairs."""
    return [
        (p, sentence)
        for p, paragraph in enumerate(split_paragraphs(text), start=1)
        for sentence in split_sentences(paragraph, lang)
    ]
