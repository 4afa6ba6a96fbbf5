"""Sentences that hold several sentences: searched as their parts, linked whole.

Older English runs sentences together with a dash and no space: Lane's *Nights* gives a
dialogue's speeches in one sentence ("… acquaint me with thy state.--As to the change of my
natural complexion, answered Sháh-Zemán, …--First, said Shahriyár, …"), where the Arabic
gives each speech a sentence of its own ("فقال له: …"). A splitter, or a text given a
sentence a line, keeps the run as one sentence, and the sentence search then weighs one 3–1
or 5–1 link against links of ordinary shapes by lengths and words it cannot place within the
run (corpora/fisherman: English 42, three speeches, took the proverb's lead-in Arabic 37 too,
and Arabic 19–23 stayed a speech off English 30–33).

Here such a sentence is cut after each sentence end followed by a dash (``JOINED``), the
sentence search aligns the parts, and its links are put back together over the given sentences
(:func:`whole`): the parts of a sentence join one link, except that a short part (under
``SPREAD_CHARS``) in a link that holds other sentences too, and is not the sentence's largest
part, stays out of it (the sentence goes where most of it is; a link is not widened to reach a
tail of a few words). A longer part joins that link: the translator spread the sentence over
both groups, which a literary gold joins (a moved clause of a few words it does not).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from itertools import pairwise

import numpy as np

from workbench.align.cues import on_clauses
from workbench.align.model import Alignment

# A sentence end (with a closing quote or bracket) followed at once by a dash and a word: the
# sentences are run together ("die.--I cannot", "God!--he cast"). A colon or a semicolon before
# the dash opens a speech within the sentence ("she said:--O my father"): not cut (cut too,
# corpora/nights falls 0.788 → 0.750 without a dictionary).
JOINED = re.compile(r"[.!?؟][\"'”’»)]?(?:--|—)(?=\S)")
# A part at least this long (characters) that the search links with other sentences joins
# their link. The five literary sets' gold (corpora/*/SOURCE.txt) leaves a clause of up to
# about eight Arabic words that the translator moved into the next sentence with its own
# sentence, and joins the groups where a sentence is spread over two. Of the parts the search
# put with other sentences (corpora/fisherman and frame, with and without FreeDict), those the
# gold keeps out are 28-75 characters (fisherman's "And he exclaimed, There is no strength nor
# power but in God!--", frame's "She would never, after that, ask him a question respecting
# anything.--"); those it joins 157-431, and three of 34-68 that size cannot tell from a moved
# clause (left out still). Anywhere from 80 to 150 the same links join (BENCHMARKS.md, stop 53).
SPREAD_CHARS = 100

Link = tuple[list[int], list[int]]
# a search of the parts, given the sentence each part comes from (Arabic, English) and the
# bonus for starting a link
Search = Callable[[list[str], list[str], list[int], list[int],
                   tuple[np.ndarray, np.ndarray] | None], Alignment]


def parts(sentences: Sequence[str]) -> tuple[list[str], list[int]] | None:
    """The parts of ``sentences`` (each cut after every ``JOINED``) and the sentence each part
    comes from; None when no sentence is cut."""
    cuts = {k: ends for k, s in enumerate(sentences)
            if ("--" in s or "\u2014" in s)  # (the pattern on dashed ones only: 2 ms at 5k)
            and (ends := [m.end() for m in JOINED.finditer(s)])}
    if not cuts:
        return None
    out: list[str] = []
    owner: list[int] = []
    for k, sentence in enumerate(sentences):
        ends = [0, *cuts.get(k, ()), len(sentence)]
        out.extend(sentence[x:y] for x, y in pairwise(ends))
        owner.extend([k] * (len(ends) - 1))
    return out, owner


def whole(links: Sequence[Link], side: int, owner: Sequence[int], sizes: Sequence[int]
          ) -> tuple[list[Link], list[list[int]]]:
    """``links`` over parts of ``side`` (0 Arabic, 1 English; ``owner``: each part's sentence,
    ``sizes``: its characters) as links over the sentences, and for each the links it joins.

    A sentence goes to the link holding its largest part (its home). Its other parts join that
    link, with every link between, unless they lie in a link that holds parts of other
    sentences too and are shorter there than ``SPREAD_CHARS``: such parts are left out (the
    link keeps the other sentences)."""
    held: list[dict[int, int]] = [{} for _ in links]  # per link: sentence -> characters
    for k, link in enumerate(links):
        for p in link[side]:
            held[k][owner[p]] = held[k].get(owner[p], 0) + sizes[p]
    where: dict[int, list[int]] = {}
    for k, sentences in enumerate(held):
        for j in sentences:
            where.setdefault(j, []).append(k)
    joins = [False] * len(links)  # whether each link joins the one before it
    for j, ks in where.items():
        home = max(ks, key=lambda k: held[k][j])
        kept = [k for k in ks
                if k == home or len(held[k]) == 1 or held[k][j] >= SPREAD_CHARS]
        for k in ks:
            if k not in kept:
                del held[k][j]
        for k in range(min(kept) + 1, max(kept) + 1):
            joins[k] = True
    out: list[Link] = []
    members: list[list[int]] = []
    for k, link in enumerate(links):
        mine, other = sorted(held[k]), list(link[1 - side])
        ar, en = (other, mine) if side else (mine, other)
        if joins[k] and out:
            out[-1] = (sorted({*out[-1][0], *ar}), sorted({*out[-1][1], *en}))
            members[-1].append(k)
        else:
            out.append((ar, en))
            members.append([k])
    return out, members


def searched_in_parts(ar: Sequence[str], en: Sequence[str],
                      starts: tuple[np.ndarray, np.ndarray] | None, search: Search,
                      searched: Alignment) -> Alignment:
    """``searched`` (the sentence search's alignment of ``ar`` and ``en``) with the links,
    confidences (:func:`joined_confidence`) and left-out sentences (every part left out) of
    ``search`` run on the sentences' parts instead, where a side runs sentences together
    (``JOINED``); ``starts`` (each sentence's bonus for starting a link) goes to its first
    part; ``search`` is given the sentence each part comes from too (for the paragraph starts
    of the parts)."""
    cut = [parts(ar), parts(en)]
    if cut == [None, None]:
        return searched
    sides = [c or (list(text), list(range(len(text))))
             for c, text in zip(cut, (ar, en), strict=True)]
    (ar_parts, ar_owner), (en_parts, en_owner) = sides
    found = search(ar_parts, en_parts, ar_owner, en_owner, None if starts is None else (
        on_clauses(starts[0], ar_owner), on_clauses(starts[1], en_owner)))
    links: list[Link] = [(list(a), list(e)) for a, e in found.links]
    confidence = list(found.confidence)
    for side, (units, owner) in enumerate(sides):
        if cut[side] is not None:
            links, members = whole(links, side, owner, [len(u) for u in units])
            confidence = [min(confidence[k] for k in ks) for ks in members]
    confidence = joined_confidence(links, confidence, searched)
    left = Counter((s, sides[s == "en"][1][k]) for s, k in found.left_out)
    every = [Counter(owner) for _, owner in sides]
    left_out = sorted(key for key, n in left.items() if n == every[key[0] == "en"][key[1]])
    return Alignment(links, confidence, list(searched.warnings), searched.related, left_out)


def joined_confidence(links: Sequence[Link], confidence: Sequence[float], searched: Alignment
                      ) -> list[float]:
    """The confidences of ``links`` (the search on parts, put back over the sentences; each
    its parts' lowest): a link the sentence search (``searched``) makes too has at most the
    confidence that search gives it.

    Both searches weighed such a link, each with its own alternatives; the search on parts
    alone was sure of gold 2-2 groups it gave as two 1-1 links, where the sentence search had
    the same links flagged (corpora/fisherman: Arabic 5 | English 10 and 6 | 11 at 0.92 and
    0.75, against 0.45 and 0.44). Links only the search on parts makes keep their own: where
    the sentence search linked their sentences otherwise, its flags there are mostly on right
    links of the parts' (capped by its lowest flagged link over the same sentences, the
    literary sets gain 12 flags, 9 of them on right links; BENCHMARKS.md, stop 53)."""
    other = {(tuple(a), tuple(e)): c
             for (a, e), c in zip(searched.links, searched.confidence, strict=True)}
    return [min(c, other.get((tuple(a), tuple(e)), c))
            for (a, e), c in zip(links, confidence, strict=True)]
