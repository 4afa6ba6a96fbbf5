"""Arabic text as word tokens for matching: normalised, numbers canonical, clitics split off.

A text is cut into words after the glossary matcher's normalisation
(:func:`workbench.text.normalize.normalize_arabic`: diacritics, tatweel, alef/hamza/ya forms,
ta marbuta, Arabic-Indic digits). A word is a run of word characters (``\\w``), a number keeps
its separators (``3.5``, ``1,000``, ``٣٫٥``) and is written canonically (``٣٫٥`` = ``3.50`` =
``3.5``, ``1,000`` = ``1000``). Each word also has a *stem*: the word without a leading chain of
proclitics from the glossary's closed list (:data:`workbench.glossary.morphology.PREFIXES`:
و ف, then ب ك ل or س, then ال) that holds the article, the future س or a conjunction alone
(:data:`STEM_PREFIXES`), when at least three letters remain — so وبالثورة, للثورة and الثورة
share the stem ثوره, and كتاب stays كتاب. Latin letters are lower-cased. Inline-tag
placeholders are not words: other tools' (``{1}``, ``{/1}``, ``{2/}``, from TMX) and the
segments' own (``<1>``, ``</1>``, ``<2/>``, :mod:`workbench.text.tags`), whose numbers would
otherwise be read as numbers.

Two ways to the same tokens: :func:`tokenize` (one text, with spans in the original, by regular
expression) and :func:`token_strings` (many texts at once with numpy, for imports; each token
then :func:`word_and_stem`). Tests check that they agree.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from workbench.glossary.morphology import FUTURE_STEM_START, PREFIXES
from workbench.text.normalize import PROBE_WORDS, normalize, normalize_codepoints

#: Placeholders for inline tags: other tools' {1} {/1} {1/} (see tm/tmx.py) and the segments'
#: <1> </1> <1/> (see workbench/text/tags.py).
PLACEHOLDER = re.compile(r"\{/?[0-9]+/?\}|<(?:/?[1-9][0-9]{0,5}|[1-9][0-9]{0,5}/)>")
#: Paired tags inside a word (no space on either side): و<1>الجامعات</1> is the word
#: والجامعات, as a tool that drops tags (OmegaT's level-1 TMX) writes it. An empty tag (a
#: line break, <2/>) between two words written without a space still parts them.
_IN_WORD_TAGS = re.compile(
    r"(?<=[\w\u064b-\u065f\u0670])(?:\{/?[0-9]+\}|</?[1-9][0-9]{0,5}>)+(?=\w)"
)
#: Stands for a tag inside a word: tatweel, which normalisation drops, so the word is whole.
_JOINER = "\u0640"
_WORD = re.compile(r"(?:\w|(?<=\d)[.,\u066b\u066c](?=\d))+")
_NUMBER = re.compile(r"\d+(?:[.,\u066b\u066c]\d+)*")
_THOUSANDS = re.compile(r"\d{1,3}(?:[,\u066c]\d{3})+(?:[.\u066b]\d+)?")
_JOINERS = (0x2E, 0x2C, 0x066B, 0x066C)
#: The chains split off: those with the article (وبال, كال, لل...), the future س and a
#: conjunction alone. A bare preposition ب ك ل is not (كتاب, بلاد, لبنان are words, not ك+تاب).
STEM_PREFIXES = frozenset(
    p for p in PREFIXES
    if p and (p.endswith(("\u0627\u0644", "\u0644\u0644")) or p[-1] == "\u0633"
              or p in ("\u0648", "\u0641"))
)
_MAX_PREFIX = max(map(len, STEM_PREFIXES))
#: The prepositions written onto a bare word (بمرض, لمرض, كمرض), which stems keep (see
#: STEM_PREFIXES); concordance looks for a word with each of them too.
_PREPOSITIONS = ("\u0628", "\u0643", "\u0644")
MIN_STEM = 3


@dataclass(frozen=True)
class Word:
    """One word of a text: its matching form, its stem and where it is in the original."""

    word: str
    stem: str
    start: int
    end: int


def canonical_number(token: str) -> str:
    """A number as matched: ASCII digits, no thousands separators, no leading/trailing zeros."""
    if _THOUSANDS.fullmatch(token):
        token = token.replace(",", "").replace("\u066c", "")
    token = token.replace("\u066b", ".").replace("\u066c", ",")
    if token.count(".") == 1 and "," not in token:
        whole, frac = token.split(".")
        whole = whole.lstrip("0") or "0"
        frac = frac.rstrip("0")
        return f"{whole}.{frac}" if frac else whole
    if token.isdigit():
        return token.lstrip("0") or "0"
    return token


def split_clitics(word: str) -> tuple[str, str]:
    """(proclitics, stem) of a normalised word: the longest prefix chain of the glossary's list
    that leaves at least MIN_STEM letters (the future س only before ي ت ن ا)."""
    for size in range(min(_MAX_PREFIX, len(word) - MIN_STEM), 0, -1):
        head = word[:size]
        if head in STEM_PREFIXES and (head[-1] != "س" or word[size] in FUTURE_STEM_START):
            return head, word[size:]
    return "", word


def stem_readings(word: str, stem: str) -> frozenset[str]:
    """The stems under which a memory holds ``word`` (a matching word and its stem) written
    with other clitics, for concordance.

    A prefix without the article (و ف س وس فس) may be the word's own letters (وزير, فيروس,
    سياسة are words, not و+زير ...): both readings are kept; and a stem that would lose such a
    letter when written bare does so (الوزير's وزير is stored as زير in a bare وزير). A bare
    preposition ب ك ل, which stems keep, is read too: مرض is also بمرض, لمرض and كمرض.
    """
    prefix = word[: len(word) - len(stem)]
    bare = {stem}
    if prefix and not prefix.endswith(("\u0627\u0644", "\u0644\u0644")):
        bare.update(word[k:] for k in range(len(prefix)))
    stems = bare | {split_clitics(b)[1] for b in bare}
    return frozenset(stems | {p + s for s in stems if _arabic_word(s) for p in _PREPOSITIONS})


def _arabic_word(stem: str) -> bool:
    """Whether a stem is an Arabic word of at least MIN_STEM letters (not a number)."""
    return len(stem) >= MIN_STEM and all("\u0621" <= c <= "\u064a" for c in stem)


@lru_cache(maxsize=200_000)
def word_and_stem(token: str) -> tuple[str, str]:
    """The matching word and stem of one token of normalised text."""
    if _NUMBER.fullmatch(token):
        number = canonical_number(token)
        return number, number
    word = token.lower()
    return word, split_clitics(word)[1]


def _without_placeholders(text: str) -> str:
    """``text`` with its tags' placeholders blanked out (the same length, so spans hold): a
    space between words, a tatweel inside a word (see :data:`_IN_WORD_TAGS`)."""
    if "{" not in text and "<" not in text:
        return text
    text = _IN_WORD_TAGS.sub(lambda m: _JOINER * len(m.group()), text)
    return PLACEHOLDER.sub(lambda m: " " * len(m.group()), text)


def tokenize(text: str) -> list[Word]:
    """The words of ``text`` in order, with spans in ``text``."""
    norm = normalize(_without_placeholders(text))
    out: list[Word] = []
    for m in _WORD.finditer(norm.text):
        word, stem = word_and_stem(m.group())
        start, end = norm.span(m.start(), m.end())
        out.append(Word(word, stem, start, end))
    return out


def words_and_stems(text: str) -> tuple[list[str], list[str]]:
    """The matching words and the stems of ``text``."""
    pairs = [word_and_stem(m.group()) for m in _WORD.finditer(_normalized(text))]
    return [w for w, _ in pairs], [s for _, s in pairs]


#: Numbers and tags whose words fingerprint how the tokeniser writes numbers and skips tags.
_PROBE_TEXT = "1,000 ٣٫٥ 3.50 007 و33 2,5 {1}x{/1} ب{2}قلم{/2}"


@lru_cache(1)
def index_stamp() -> str:
    """The words and stems of :data:`~workbench.text.normalize.PROBE_WORDS` and of a few
    numbers as this version cuts them: a memory index made under another stamp holds words no
    query can meet."""
    words, stems = words_and_stems(" ".join((*PROBE_WORDS, _PROBE_TEXT)))
    return " ".join(words) + "|" + " ".join(stems)


def _normalized(text: str) -> str:
    return normalize(_without_placeholders(text)).text


# --- many texts at once ----------------------------------------------------------------------

_word_flags: Any = None


def _flags() -> Any:
    """Per BMP code point: 1 a word character (``\\w``), 2 a decimal digit (``\\d``)."""
    global _word_flags
    if _word_flags is None:
        import numpy as np

        _word_flags = np.fromiter(
            (
                (1 if c.isalnum() or c == "_" else 0) | (2 if c.isdecimal() else 0)
                for c in map(chr, range(0x10000))
            ),
            np.uint8,
            0x10000,
        )
    return _word_flags


def _wide_flags(cps: Any) -> Any:
    """The flags of code points beyond the BMP (rare), one by one."""
    import numpy as np

    out = np.zeros(len(cps), np.uint8)
    for value in np.unique(cps).tolist():
        c = chr(value)
        flag = (1 if c.isalnum() or c == "_" else 0) | (2 if c.isdecimal() else 0)
        out[cps == value] = flag
    return out


def token_strings(texts: Sequence[str]) -> tuple[list[str], Any]:
    """All tokens of ``texts`` in order (before :func:`word_and_stem`), and how many each text
    has (an int64 array): the tokens :func:`tokenize` finds, computed for all texts at once."""
    import numpy as np

    from workbench.text.normalize import encode_texts

    cleaned = [_without_placeholders(t) for t in texts]
    cps, owner = normalize_codepoints(*encode_texts(cleaned))
    size = len(cps)
    if not size:
        return [], np.zeros(len(texts), np.int64)
    flags = _flags()
    wide = cps >= 0x10000
    flag = flags.take(np.minimum(cps, 0xFFFF))
    if wide.any():
        flag[wide] = _wide_flags(cps[wide])
    tok = (flag & 1) != 0
    # a separator between two digits of the same text joins a number: 3.5, 1,000, ٣٫٥
    sep = np.flatnonzero(
        (cps[1:-1] == _JOINERS[0]) | (cps[1:-1] == _JOINERS[1])
        | (cps[1:-1] == _JOINERS[2]) | (cps[1:-1] == _JOINERS[3])
    ) + 1
    if len(sep):
        digit = (flag & 2) != 0
        sep = sep[digit[sep - 1] & digit[sep + 1] & (owner[sep - 1] == owner[sep + 1])]
        tok[sep] = True
    # each text's first character starts a token: mark the texts' starts with a space
    firsts = np.flatnonzero(np.diff(owner)) + 1
    mapped = np.where(tok, cps, np.uint32(0x20))
    if len(firsts):
        mapped = np.insert(mapped, firsts, np.uint32(0x20))
    tokens = mapped.tobytes().decode("utf-32-le").split()
    start = tok.copy()
    start[1:] &= ~(tok[:-1] & (owner[1:] == owner[:-1]))
    counts = np.bincount(owner[start], minlength=len(texts)).astype(np.int64)
    return tokens, counts

