"""A long free translation aligned in windows, each as a text of its own.

What the aligner learns from a text — the length ratio and its spread, the concepts'
rarities, the word table, the dictionary's senses found in the text, the cues, whether the
translation is free, how wide its links run, the confidences' scale — it learns from the whole
text. Two passages of one translation aligned as one text lost a fifth of the F1 each
gets alone (corpora/hayy and hayy2, corpora/frame and fisherman: strict F1 of their own
links 0.592 on average, alone 0.749; with FreeDict 0.652 and 0.804: BENCHMARKS.md, stop 57),
though their sentence search lost nothing (0.507 alone, 0.516): the passes after it went
wrong with the statistics of the whole (the clauses above all: a dictionary's senses found
anywhere in the text, the fisherman aligned as clauses with the frame story, which it is not
alone, its links explaining more of its text). A free translation (``aligner.LOOSE_COVER``)
of more than ``WINDOW`` sentences a side is therefore cut, where its sentence search ends a
link, into windows of about equal size of at most about ``WINDOW`` sentences on its shorter
side, and each window is aligned alone. The repository's and the held-out literary texts, of
up to 92 Arabic sentences, are one window, as before. In paragraphs (``align_paragraphs``: a
project's import) each window's paragraph evidence is found from the paragraphs it holds, one
cut by a window a paragraph of each (the same passages in their paragraph files, the parts'
mean strict F1: 0.678 as one text, 0.749 in windows, 0.758 alone; FreeDict 0.728, 0.787,
0.835). Cut where both sides start a paragraph instead, where one was near the share: 0.726,
FreeDict 0.790 (such a cut fell where a passage ends in some books, inside one in others).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from workbench.align.clauses import link_ends
from workbench.align.model import Alignment

WINDOW = 100

Link = tuple[Sequence[int], Sequence[int]]


def window_cuts(n_ar: int, n_en: int, links: Sequence[Link]) -> list[tuple[int, int]] | None:
    """Where the windows of a text of ``n_ar`` Arabic and ``n_en`` English sentences end (the
    last at its end): as many windows of about equal size as WINDOW goes into its shorter
    side (rounded up), each cut at the end of one of ``links`` (the sentence search's) nearest
    to it. None where the text is one window (a side of WINDOW sentences or fewer: 198
    sentences of news against 27 of another text were cut into a window of Arabic alone, its
    links unflagged; or no link ends inside it) or ``links`` are out of order."""
    ends = link_ends(links)
    count = -(-min(n_ar, n_en) // WINDOW)
    if ends is None or count < 2:
        return None
    inner = [p for p in ends if 0 < p[0] < n_ar and 0 < p[1] < n_en]
    cuts = {min(inner, key=lambda p, share=k / count: abs(p[0] / n_ar - share)
                + abs(p[1] / n_en - share)) for k in range(1, count)} if inner else set()
    return [*sorted(cuts), (n_ar, n_en)] if cuts else None


def in_windows(cuts: Sequence[tuple[int, int]], align: Callable[[int, int, int, int], Alignment],
               whole: Alignment) -> Alignment:
    """The alignment made of each window's (``cuts``: where each ends; ``align(a0, a1, e0,
    e1)`` aligns Arabic sentences ``a0`` to ``a1`` with English ``e0`` to ``e1``, the ends not
    included, in their own indices), with the warnings and relatedness of ``whole`` (the whole
    text's sentence search): a window's own said a related text's part was not (Ockley's
    hayy, hayy2, Lane's frame, fisherman six times over with FreeDict, 1,902 / 2,088
    sentences: relatedness 1.00 as a whole, a window's 0.38 warned of as unrelated texts)."""
    out = Alignment(warnings=list(whole.warnings), related=whole.related)
    a0 = e0 = 0
    for a1, e1 in cuts:
        part = align(a0, a1, e0, e1).shifted(a0, e0)
        out.links.extend(part.links)
        out.confidence.extend(part.confidence)
        out.left_out.extend(part.left_out)
        a0, e0 = a1, e1
    return out
