"""Non-translatable segments: text with no letters — page numbers, dates and figures in
Arabic-Indic digits (``٢٠١٩``, ``١٢/٣``, ``٥٠٪``), numbering (``(٣)``, ``١.``), separators
(``* * *``, ``—``) — whose English is the source with its digits and Arabic punctuation
converted, as memoQ and Trados pre-translate number-only segments.

Arabic-Indic ٠-٩ and Eastern ۰-۹ digits become 0-9, ٪ %, ، a comma, ؛ ;, ؟ ?, ٫ (decimal) .,
٬ (thousands) a comma (without the space Arabic typing may put before ، ؛ ؟ ٪); direction
marks are left out. A text holding a letter (of any script,
a tag's digits aside) or an Arabic sign not converted here (the riyal sign ﷼) is translated by
a person: :func:`converted` gives None.
"""

from __future__ import annotations

import re
import unicodedata

from workbench.text.tags import strip_tags

#: The name under which a conversion is offered and recorded (the Matches panel's origin, the
#: analysis band, the pre-translation's band).
NON_TRANSLATABLE = "non-translatable"

_CONVERT = str.maketrans(
    {
        **{chr(0x0660 + n): str(n) for n in range(10)},  # Arabic-Indic digits
        **{chr(0x06F0 + n): str(n) for n in range(10)},  # Eastern (Persian, Urdu) digits
        "٪": "%", "؉": "‰", "؊": "‱", "،": ",", "؛": ";", "؟": "?", "٫": ".", "٬": ",",
        "٭": "*", "۔": ".",
        # direction marks: nothing to show in English
        **{ch: None for ch in "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
           "\u2066\u2067\u2068\u2069"},
    }
)
# English writes no space before these (Arabic typing often does: "٣ ، ٤")
_SPACE_BEFORE = re.compile(r"\s+(?=[٪،؛؟])")
_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefe]")


def converted(source: str) -> str | None:
    """The English of a segment with nothing to translate: its digits and Arabic punctuation
    converted (inline tags kept as they are); None when it holds a letter, an Arabic sign
    that is no digit or punctuation, or nothing but tags and spaces."""
    bare = strip_tags(source)
    if not bare.strip():
        return None
    if any(unicodedata.category(ch)[0] in "LM" for ch in bare):
        return None
    english = _SPACE_BEFORE.sub("", source).translate(_CONVERT)
    if _ARABIC_SCRIPT.search(strip_tags(english)):
        return None
    english = english.strip()
    return english or None


def is_non_translatable(source: str) -> bool:
    """Whether the segment has nothing to translate (see :func:`converted`)."""
    return converted(source) is not None
