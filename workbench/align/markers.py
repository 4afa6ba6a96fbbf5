"""Clause markers that pair across the texts: each one stands for one unit of the other text.

Legal texts open their parallel clauses with the same word on each side: a preamble's
"Whereas" and "ولما", the UDHR's "Everyone" and "لكل", an enumeration's "(b)" and "(ب)". A
translation keeps such a clause a unit of its own, so a link holds as many sentences opening
with the English marker as with its Arabic partner. Which words pair is learnt from the
text's own links, nothing is listed: an English and an Arabic opening word pair when they
open sentences of at least ``PAIRED_LINKS`` of the same two-sided links, and at least
``PAIRED_SHARE`` of the links holding either hold both. A link where one side has more
sentences with a marker than the other side has with its partner (two at least) is
*unbalanced*: it joins a clause the other text does not have (a clause left out, or one
joined to the wrong neighbour).

On the repository's and the local sets (news, literary, legal; plain and with FreeDict) the
one unbalanced link is corpora/udhr's English preamble clause "Whereas it is essential to
promote the development of friendly relations between nations," (the Arabic source leaves
it out) joined with the next clause's link; no right link is unbalanced (BENCHMARKS.md,
stop 54).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from workbench.align.cues import arabic_opening, english_opening

Link = tuple[Sequence[int], Sequence[int]]
PAIRED_LINKS = 3
PAIRED_SHARE = 0.8


def paired_openings(ar_open: Sequence[str], en_open: Sequence[str], links: Sequence[Link]
                    ) -> dict[str, str]:
    """{English opening word: its Arabic partner} of the pairs ``links`` teach (see the
    module docstring); ``ar_open``, ``en_open``: each sentence's opening word."""
    both: Counter[tuple[str, str]] = Counter()
    seen_e: Counter[str] = Counter()
    seen_a: Counter[str] = Counter()
    for a, e in links:
        if not (a and e):
            continue
        words_a = {ar_open[i] for i in a} - {""}
        words_e = {en_open[j] for j in e} - {""}
        seen_a.update(words_a)
        seen_e.update(words_e)
        both.update((w, v) for w in words_e for v in words_a)
    return {w: v for (w, v), n in both.items()
            if n >= PAIRED_LINKS and n >= PAIRED_SHARE * max(seen_e[w], seen_a[v])}


def unbalanced(ar_open: Sequence[str], en_open: Sequence[str], links: Sequence[Link]
               ) -> dict[int, tuple[bool, set[int]]]:
    """The unbalanced links (see the module docstring): {link index: (whether the Arabic is
    the side with more markers, the sentences of that side opening with the marker)}."""
    pairs = paired_openings(ar_open, en_open, links)
    out: dict[int, tuple[bool, set[int]]] = {}
    if not pairs:
        return out
    for k, (a, e) in enumerate(links):
        if not (a and e) or max(len(a), len(e)) < 2:
            continue
        for w, v in pairs.items():
            marked_e = {j for j in e if en_open[j] == w}
            marked_a = {i for i in a if ar_open[i] == v}
            if len(marked_e) != len(marked_a) and max(len(marked_e), len(marked_a)) >= 2:
                more_a = len(marked_a) > len(marked_e)
                out[k] = (more_a, marked_a if more_a else marked_e)
                break
    return out


def openings(ar: Sequence[str], en: Sequence[str]) -> tuple[list[str], list[str]]:
    """Each sentence's opening word, as :mod:`cues` reads it (Arabic, English)."""
    return [arabic_opening(s) for s in ar], [english_opening(s) for s in en]
