"""Finding an English rendering in a translation: case, inflections, hyphens, possessives.

``find_rendering("The Soviet's delegates met the soviets", "soviets")`` finds both words: each
content word of the phrase may appear in its singular or plural form and with a possessive,
words may be joined by spaces or hyphens (``ruling class`` / ``ruling-class``; a hyphenated
rendering may also be written solid: ``COVID-19`` / ``COVID19``), accents and curly
apostrophes are ignored. The text is tokenised once (:class:`EnglishText`) and each rendering
is looked up by its first word, so checking many renderings costs little. Spans index the
original English text.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Function words are matched as written (no inflection).
_FUNCTION_WORDS = frozenset(
    [
        "a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "by", "with",
        "from", "as", "into", "d'", "de", "la", "le", "du", "des", "del", "di",
    ]
)

# 1:1 character folding (spans stay valid): curly quotes, dashes, accented Latin letters.
_FOLD: dict[int, str] = {
    ord("\u2019"): "'", ord("\u2018"): "'", ord("\u02bc"): "'", ord("\u2032"): "'",
    ord("\u2010"): "-", ord("\u2011"): "-", ord("\u2012"): "-", ord("\u2013"): "-",
    ord("\u2014"): "-", ord("\u2212"): "-", ord("\u00a0"): " ",
}


def _build_accent_fold() -> None:
    import unicodedata

    for code in range(0xC0, 0x250):
        ch = chr(code)
        base = unicodedata.normalize("NFD", ch)[0]
        if base != ch and base.isascii() and base.isalpha():
            _FOLD[code] = base


_build_accent_fold()
_TABLE = str.maketrans(_FOLD)


def fold_english(text: str) -> str:
    """Fold accents, curly apostrophes and dashes (one character for one, so spans hold)."""
    return text.translate(_TABLE)


def word_forms(word: str) -> list[str]:
    """A word's singular and plural spellings (lower case), longest first."""
    w = word.lower()
    forms = {w}
    if w in _FUNCTION_WORDS or not w[-1:].isalpha():
        return [w]
    if len(w) > 3 and w.endswith("ies"):
        forms.add(w[:-3] + "y")
    elif len(w) > 3 and w.endswith("es"):
        forms.add(w[:-2])
        forms.add(w[:-1])
    elif len(w) > 2 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        forms.add(w[:-1])
    for f in list(forms):
        if f.endswith("y") and len(f) > 2 and f[-2] not in "aeiou":
            forms.add(f[:-1] + "ies")
        elif f.endswith(("s", "x", "z", "ch", "sh", "o")):
            forms.add(f + "es")
        if not f.endswith("s") or f.endswith(("ss", "us", "is")):
            forms.add(f + "s")
        if f.endswith("man"):
            forms.add(f[:-3] + "men")
        elif f.endswith("men"):
            forms.add(f[:-3] + "man")
    return sorted(forms, key=lambda s: (-len(s), s))


_TOKEN = re.compile(r"\w+(?:'\w+)*")
_GAP = re.compile(r"[\s\-]+")


def _key(token: str) -> str:
    """A token as looked up: lower case, without a possessive 's."""
    low = token.lower()
    return low[:-2] if low.endswith("'s") and len(low) > 2 else low


@lru_cache(maxsize=65536)
def phrase_forms(phrase: str) -> tuple[tuple[frozenset[str], ...], ...]:
    """The ways ``phrase`` can be spelt: per variant, the accepted forms of each word.

    A hyphenated phrase ("COVID-19") may also be written as one word ("COVID19").
    """
    folded = fold_english(phrase).strip()
    variants = [folded]
    if "-" in folded:
        variants.append(folded.replace("-", ""))
    out = []
    for variant in variants:
        words = _TOKEN.findall(variant)
        if words:
            out.append(tuple(frozenset(word_forms(_key(w))) for w in words))
    return tuple(dict.fromkeys(out))


class EnglishText:
    """An English text tokenised once, in which many renderings can be looked up."""

    __slots__ = ("_folded", "_lowered", "_spans", "keys", "keyset", "text")

    def __init__(self, text: str) -> None:
        folded = fold_english(text)
        lowered = folded.lower()
        if len(lowered) != len(folded):  # a rare letter whose lower case is longer
            lowered = "".join(c.lower()[0] for c in folded)
        self.text = text
        self._folded = folded
        self._lowered = lowered
        keys = _TOKEN.findall(lowered)
        if "'s" in lowered:
            keys = [k[:-2] if k.endswith("'s") and len(k) > 2 else k for k in keys]
        self.keys = keys
        self.keyset = frozenset(keys)
        self._spans: list[tuple[int, int]] | None = None

    @property
    def spans(self) -> list[tuple[int, int]]:
        """The character span of every token."""
        if self._spans is None:
            self._spans = [m.span() for m in _TOKEN.finditer(self._lowered)]
        return self._spans

    def _joined(self, i: int) -> bool:
        """True when token i+1 follows token i across spaces and hyphens only."""
        spans = self.spans
        return _GAP.fullmatch(self._folded, spans[i][1], spans[i + 1][0]) is not None

    def find(self, phrase: str) -> list[tuple[int, int]]:
        """Non-overlapping spans of ``phrase`` (and its inflections), left to right."""
        found: list[tuple[int, int]] = []
        keyset = self.keyset
        for words in phrase_forms(phrase):
            first = [form for form in words[0] if form in keyset]
            if not first:
                continue
            keys = self.keys
            starts = [i for i, k in enumerate(keys) if k in first]
            size = len(words)
            spans = self.spans
            if size == 1:
                found.extend(spans[i] for i in starts)
                continue
            for i in starts:
                end = i + size - 1
                if end >= len(keys):
                    break
                if all(
                    keys[i + j] in words[j] and self._joined(i + j - 1) for j in range(1, size)
                ):
                    found.append((spans[i][0], spans[end][1]))
        if len(found) < 2:
            return found
        found.sort(key=lambda s: (s[0], -s[1]))
        out: list[tuple[int, int]] = []
        for span in found:
            if not out or span[0] >= out[-1][1]:
                out.append(span)
        return out


def find_rendering(english: str, phrase: str) -> list[tuple[int, int]]:
    """Spans of ``phrase`` in ``english``: case-insensitive, inflection and hyphen aware."""
    return EnglishText(english).find(phrase)
