"""Web and e-mail addresses in text: found once, for the URL check and for glossary matching.

Glossary terms inside an address (``https://ar.wikipedia.org/wiki/جائحة``) are neither looked
for in the Arabic nor counted in the English: an address is copied, not translated.
"""

from __future__ import annotations

import re

_ADDRESS = re.compile(
    r"(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>\"'«»“”]+"  # web addresses
    r"|[\w.+%-]+@[\w-]+(?:\.[\w-]+)+",  # e-mail addresses
    re.IGNORECASE | re.ASCII,
)
_TRAILING = ".,;:!?)]}'\"؟،؛"  # sentence punctuation after an address is not part of it


def address_spans(text: str) -> list[tuple[int, int]]:
    """The spans of the web and e-mail addresses of ``text``, without the punctuation that
    follows them."""
    if "@" not in text and "://" not in text and "ww." not in text and "WW." not in text:
        return []
    spans = []
    for m in _ADDRESS.finditer(text):
        end = m.start() + len(m.group().rstrip(_TRAILING))
        if end > m.start():
            spans.append((m.start(), end))
    return spans


def addresses(text: str) -> list[str]:
    """The web and e-mail addresses of ``text``, without the punctuation that follows them."""
    return [text[a:b] for a, b in address_spans(text)]


def mask_addresses(text: str, spans: list[tuple[int, int]], mask: str = "\0") -> str:
    """``text`` with each character of the address ``spans`` replaced by ``mask`` (so offsets
    hold)."""
    parts, last = [], 0
    for a, b in spans:
        parts += [text[last:a], mask * (b - a)]
        last = b
    parts.append(text[last:])
    return "".join(parts)
