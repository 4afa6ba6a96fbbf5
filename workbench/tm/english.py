"""English text as concordance compares it: case, typographic apostrophes and quotes, spaces.

A memory's English often has ``’`` and ``“ ”`` (Trados, Word's autocorrect) where a translator
types ``'`` and ``"``; a query typed with two spaces, or across a line break, means one.
"""

from __future__ import annotations

import re

#: Typographic characters and what concordance reads them as.
FOLDS: dict[str, str] = {
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"',
}
_TABLE = str.maketrans(FOLDS)
_CLASSES = {
    "'": "['" + "".join(k for k, v in FOLDS.items() if v == "'") + "]",
    '"': '["' + "".join(k for k, v in FOLDS.items() if v == '"') + "]",
}


def fold(text: str) -> str:
    """``text`` lower-cased, its apostrophes and quotes plain, its spaces single."""
    return " ".join(text.split()).translate(_TABLE).lower()


def spans(text: str, needle: str) -> list[tuple[int, int]]:
    """Where ``needle`` occurs in ``text``, compared as :func:`fold` writes both."""
    folded = fold(needle)
    if not folded:
        return []
    pattern = "".join(
        r"\s+" if c == " " else _CLASSES.get(c) or re.escape(c) for c in folded
    )
    return [m.span() for m in re.finditer(pattern, text, re.IGNORECASE)]
