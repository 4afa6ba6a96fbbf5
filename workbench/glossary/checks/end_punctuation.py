"""end-punctuation: the source and target end differently (؟ = ?, ، = ,, ؛ = ;; ?! = !؟)."""

from __future__ import annotations

import unicodedata

from workbench.glossary.checks.base import Check, Pair, register
from workbench.glossary.findings import Finding
from workbench.text.segment import default_abbreviations
from workbench.text.tags import strip_tags

_CLOSERS = "\"'”’»)]}›"
_CLASS = {
    ".": ".", "۔": ".", "?": "?", "؟": "?", "!": "!", ":": ":", ";": ";", "؛": ";",
    ",": ",", "،": ",", "…": "…",
}
_NAMES = {
    ".": "a full stop", "?": "a question mark", "!": "an exclamation mark", ":": "a colon",
    ";": "a semicolon", ",": "a comma", "…": "an ellipsis",
    "?!": "a question and an exclamation mark", "": "no punctuation",
}


def end_mark(text: str) -> str:
    """The class of the text's final punctuation ('' when it ends without any); inline tags
    (a footnote reference after the full stop) and invisible format characters after it (a
    direction mark, a zero-width space: the invisible-characters check reports those) are
    looked through."""
    stripped = strip_tags(text)
    end = len(stripped)
    while end and (stripped[end - 1].isspace() or stripped[end - 1] in _CLOSERS
                   or unicodedata.category(stripped[end - 1]) == "Cf"):
        end -= 1
    stripped = stripped[:end]
    if stripped.endswith("..."):
        return "…"
    marks = set(stripped[len(stripped.rstrip("?!؟")):])
    if "!" in marks and marks & {"?", "؟"}:  # ?! = !؟ = ؟!: a question exclaimed
        return "?!"
    return _CLASS.get(stripped[-1:], "") if stripped else ""


def ends_with_abbreviation(text: str) -> bool:
    """Whether ``text``'s final full stop is that of an abbreviation that may end a sentence
    (the U.S., 5 p.m., etc.): English writes no other after it, so it is no full stop of its
    own (a headline "… in the U.S." for one without)."""
    stripped = strip_tags(text).rstrip().rstrip(_CLOSERS).rstrip()
    if not stripped.endswith(".") or stripped.endswith(".."):
        return False
    words = stripped[:-1].split()
    return bool(words) and default_abbreviations().kind(words[-1].lstrip("\"'“‘(")) == "end"


@register
class EndPunctuation(Check):
    id = "end-punctuation"
    severity = "warning"
    description = (
        "The target ends with different punctuation than the source (؟ = ?, ، = ,, ؛ = ;)."
    )

    def run(self, pair: Pair) -> list[Finding]:
        src, tgt = end_mark(pair.source), end_mark(pair.target)
        if src == tgt or (not src and tgt == "." and ends_with_abbreviation(pair.target)):
            return []
        return [
            self.finding(
                "mismatch",
                f"the source ends with {_NAMES[src]}, the target with {_NAMES[tgt]}",
                expected=[src] if src else [], found=tgt or None,
            )
        ]
