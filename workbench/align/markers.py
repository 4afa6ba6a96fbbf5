"""Clause markers that pair across the texts: each one stands for one unit of the other text.

Legal texts open their parallel clauses with the same word on each side: a preamble's
"Whereas" and "ولما", the UDHR's "Everyone" and "لكل", an enumeration's "b)" and "ب)". A
translation keeps such a clause a unit of its own, so a link holds as many sentences opening
with the English marker as with its Arabic partner. Which words pair is learnt from the
text's own links, nothing is listed: an English and an Arabic opening word pair when they
open sentences of at least ``PAIRED_LINKS`` of the same two-sided links, and at least
``PAIRED_SHARE`` of the links holding either hold both. A link where two or more sentences of
one side open with a marker, more than the other side's sentences opening with its partner,
is *unbalanced*: it joins a clause the other text does not have (left out, or belonging to
a neighbour). The aligner cuts such a marked end sentence out of its link when the words
say the other side does not translate it (:func:`omissions.split_left_out`: the marker
stands for the length evidence there), and flags a link that stays unbalanced.

On the repository's and the local sets (news, literary, legal; plain and with FreeDict) the
one unbalanced link is corpora/udhr's English preamble clause "Whereas it is essential to
promote the development of friendly relations between nations," (the Arabic source leaves
it out) joined with the next clause's link; no right link is unbalanced (BENCHMARKS.md,
stop 54)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

Link = tuple[Sequence[int], Sequence[int]]
PAIRED_LINKS = 3
PAIRED_SHARE = 0.8
# a sentence's first word: English lower-cased; Arabic without its marks (tatweel, vowels),
# every alef with hamza as ا ("ولما", "لكل": a particle with its proclitic kept whole)
_EN_FIRST = re.compile(r"[^A-Za-z]*([A-Za-z]*)")
_AR_FIRST = re.compile("[^\u0621-\u064a]*([\u0621-\u064a\u064b-\u065f\u0670\u0640]*)")
_AR_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
_HAMZA_ALEF = str.maketrans("\u0622\u0623\u0625", "\u0627\u0627\u0627")


def openings(ar: Sequence[str], en: Sequence[str]) -> tuple[list[str], list[str]]:
    """Each sentence's opening word (Arabic, English)."""
    normal: dict[str, str] = {}  # (each distinct Arabic word normalised once)
    out_a: list[str] = []
    for s in ar:
        word = _first(_AR_FIRST, s)
        if word not in normal:
            normal[word] = _AR_MARKS.sub("", word).translate(_HAMZA_ALEF)
        out_a.append(normal[word])
    return out_a, [_first(_EN_FIRST, s).lower() for s in en]


def _first(pattern: re.Pattern[str], sentence: str) -> str:
    """The word ``pattern`` takes from the start of ``sentence`` ("" if none)."""
    found = pattern.match(sentence)
    return found.group(1) if found else ""


def _marked(run: Sequence[int], opening: Sequence[str]) -> set[str]:
    """The opening words that open two or more of ``run``'s sentences."""
    seen: set[str] = set()
    out: set[str] = set()
    for k in run:
        word = opening[k]
        (out if word in seen else seen).add(word)
    return out - {""}


def paired_openings(ar_open: Sequence[str], en_open: Sequence[str], links: Sequence[Link]
                    ) -> dict[str, str]:
    """{English opening word: its Arabic partner} of the pairs ``links`` teach (see the
    module docstring); ``ar_open``, ``en_open``: each sentence's opening word."""
    # the one-to-one links (most of them) counted at once, the others link by link
    ones = [(en_open[e[0]], ar_open[a[0]]) for a, e in links if len(a) == 1 == len(e)]
    both: Counter[tuple[str, str]] = Counter(ones)
    seen_e: Counter[str] = Counter(w for w, _ in ones)
    seen_a: Counter[str] = Counter(v for _, v in ones)
    for a, e in links:
        if a and e and (len(a) > 1 or len(e) > 1):
            on_a = {ar_open[i] for i in a}
            on_e = {en_open[j] for j in e}
            seen_a.update(on_a)
            seen_e.update(on_e)
            both.update((w, v) for w in on_e for v in on_a)
    return {w: v for (w, v), n in both.items()
            if w and v and n >= PAIRED_LINKS and n >= PAIRED_SHARE * max(seen_e[w], seen_a[v])}


def unbalanced(ar_open: Sequence[str], en_open: Sequence[str], links: Sequence[Link],
               pairs: dict[str, str]) -> dict[int, tuple[bool, set[int]]]:
    """The unbalanced links of ``links`` (see the module docstring) by the marker ``pairs``
    (:func:`paired_openings`): {link index: (whether the Arabic is the side with more
    markers, the sentences of that side opening with the marker)}."""
    out: dict[int, tuple[bool, set[int]]] = {}
    if not pairs:
        return out
    partner = {v: w for w, v in pairs.items()}
    for k, (a, e) in enumerate(links):
        if not (a and e) or (len(a) < 2 and len(e) < 2):
            continue
        # only a marker opening two sentences of one side can be one too many there
        for w in _marked(e, en_open) & pairs.keys():
            marked = {j for j in e if en_open[j] == w}
            if len(marked) > sum(ar_open[i] == pairs[w] for i in a):
                out[k] = (False, marked)
        for v in _marked(a, ar_open) & partner.keys():
            marked = {i for i in a if ar_open[i] == v}
            if len(marked) > sum(en_open[j] == partner[v] for j in e):
                out[k] = (True, marked)
    return out
