"""Consonant skeletons that make a name and its transliteration comparable (كيرينسكي ~ Kerensky).

Both scripts are reduced to a string of consonant classes: vowels, long-vowel letters
(ا و ي ى), h, w, y and ع are dropped; letters that transliterate into each other share a class
(ف/f/v/ph → F, ب/b/p → B, ت ط ث د ض ذ ظ/t/d/th → T, ك ق خ/k/c/q/ch/kh → K, غ ج/g/j/zh → G,
س ص ش ز/s/z/sh/x → S), and a doubled class counts once. كيرينسكي and Kerensky are both
``KRNSK``; كورنيلوف and Kornilov both ``KRNLF``.
"""

from __future__ import annotations

import re
from functools import lru_cache

_AR_CLASSES = {
    "ب": "B", "پ": "B",
    "ت": "T", "ط": "T", "ث": "T", "د": "T", "ض": "T", "ذ": "T", "ظ": "T",
    "ك": "K", "ق": "K", "خ": "K", "ک": "K",
    "غ": "G", "ج": "G", "گ": "G", "چ": "S",
    "س": "S", "ص": "S", "ش": "S", "ز": "S", "ژ": "S",
    "ف": "F", "ڤ": "F", "ڨ": "G",
    "ل": "L", "م": "M", "ن": "N", "ر": "R",
}
_AR_TABLE = str.maketrans(
    {**{k: v for k, v in _AR_CLASSES.items()}, **{ch: "" for ch in "اأإآٱءؤئوىيةهحعـ"}}
)
_AR_PREFIXES = ("وال", "فال", "بال", "كال", "لل", "ال", "و", "ف", "ب", "ل")
_AR_PREFIX_FIRST = "".join({p[0] for p in _AR_PREFIXES})

# Ordered English rules: multi-letter spellings first.
_EN_RULES = [
    (r"tch", "S"), (r"sch", "S"), (r"sh", "S"), (r"ch", "S"), (r"zh", "G"), (r"kh", "K"),
    (r"gh(?=[aeiou])", "G"), (r"gh", ""), (r"ph", "F"), (r"th", "T"), (r"ck", "K"),
    (r"qu", "K"), (r"ng(?![aeiouy])", "N"), (r"c(?=[eiy])", "S"), (r"x", "KS"),
    (r"[aeiouywh]", ""), (r"[bp]", "B"), (r"[td]", "T"), (r"[kcq]", "K"), (r"[gj]", "G"),
    (r"[sz]", "S"), (r"[fv]", "F"), (r"l", "L"), (r"m", "M"), (r"n", "N"), (r"r", "R"),
]
# The rules of several letters or a context (up to x) as one expression; the one-letter
# rules after them as a table for the letters left between its matches (its outputs are
# capitals, which the table leaves alone): the same as all rules in one expression, tried
# in order at each letter, with a Python call per match of the first part only.
_EN_SINGLE = next(k for k, (p, _) in enumerate(_EN_RULES) if p.startswith("[aeiou"))
_EN_RE = re.compile("|".join(f"({p})" for p, _ in _EN_RULES[:_EN_SINGLE]))
_EN_OUT = [out for _, out in _EN_RULES[:_EN_SINGLE]]
_EN_TABLE = str.maketrans(
    {ch: out for p, out in _EN_RULES[_EN_SINGLE:] for ch in p.strip("[]")}
)
_NOT_LETTER = re.compile(r"[^a-z]")
_DOUBLE = re.compile(r"(.)\1+")


def _collapse(s: str) -> str:
    return _DOUBLE.sub(r"\1", s) if _DOUBLE.search(s) else s  # (most have no double: 2.5× faster)


@lru_cache(maxsize=200_000)
def english_skeleton(word: str) -> str:
    """The consonant-class skeleton of a Latin-script word (``Kerensky`` → ``KRNSK``)."""
    w = word.lower()
    if w.endswith(("'s", "’s")):
        w = w[:-2]
    w = _NOT_LETTER.sub("", w)
    out = _EN_RE.sub(lambda m: _EN_OUT[m.lastindex - 1], w)  # type: ignore[operator]
    return _collapse(out.translate(_EN_TABLE))


@lru_cache(maxsize=200_000)
def arabic_skeletons(word: str) -> tuple[str, ...]:
    """Skeletons of an Arabic word, with and without a leading clitic (و ف ب ل ال)."""
    word = word.replace("تش", "ش")  # Chelsea تشيلسي
    forms = [word]
    if word[:1] in _AR_PREFIX_FIRST and len(word) >= 4:  # (most words have no prefix to try)
        forms += [word[len(p) :] for p in _AR_PREFIXES
                  if word.startswith(p) and len(word) - len(p) >= 3]
    out: list[str] = []
    for form in forms:
        sk = _collapse(form.translate(_AR_TABLE))
        if sk and sk not in out:
            out.append(sk)
    return tuple(out)
