"""The two-pass many-to-many sentence aligner.

1. Lengths in joint sentencepiece units (characters for tiny texts) and lexical anchors
   (numbers, months, names, Latin words, punctuation, glossary terms) for every sentence.
2. First pass: a banded dynamic-programming search with anchors and lengths.
3. A word-translation table is induced (IBM model 1, both directions) from the first pass's
   confident links; the length model and the link-shape priors are re-estimated from them.
4. Second pass: the same search with sentence vectors that hold anchors and translations.
5. Confidence per link from its cosine and length agreement, scaled down when the two texts
   look unrelated (then a warning is added).
"""

from __future__ import annotations

import dataclasses
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from workbench.align.anchors import Bag, anchor_bags
from workbench.align.dp import Band, search
from workbench.align.lengths import subword_lengths
from workbench.align.lexicon import induce_table
from workbench.align.model import Alignment
from workbench.align.scoring import MOVES, LengthModel, Params, Scorer
from workbench.align.sparse import SparseRows
from workbench.align.tokens import arabic_content_stems, english_content_stems
from workbench.glossary.model import Glossary

FULL_DP_CELLS = 400_000
MAX_TABLE_LINKS = 4000
ANCHOR_WEIGHT = {"N": 1.2, "M": 1.0, "D": 1.0, "S": 1.0, "L": 1.0, "P": 0.5, "G": 1.2}

Link = tuple[list[int], list[int]]


@dataclass
class _Block:
    """A stretch of both texts aligned on its own (a pair of paragraphs, or everything)."""

    a0: int
    a1: int
    e0: int
    e1: int


class _Vectors:
    """Builds sentence presence vectors in one shared column space from bags of concepts."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}

    def column(self, concept: str) -> int:
        return self.ids.setdefault(concept, len(self.ids))

    def build(
        self, ar: Sequence[dict[str, float]], en: Sequence[dict[str, float]]
    ) -> tuple[SparseRows, SparseRows]:
        xa = [{self.column(c): min(1.0, v) for c, v in bag.items()} for bag in ar]
        ye = [{self.column(c): min(1.0, v) for c, v in bag.items()} for bag in en]
        return SparseRows.from_dicts(xa), SparseRows.from_dicts(ye)

    def weights(self, weight: dict[str, float]) -> np.ndarray:
        out = np.zeros(len(self.ids) + 1)
        for concept, column in self.ids.items():
            out[column] = weight.get(concept, 0.0)
        return out


def _idf_weights(ar: Sequence[Bag | dict[str, float]], en: Sequence[Bag | dict[str, float]],
                 kind_weight: dict[str, float] | None = None) -> dict[str, float]:
    """Inverse document frequency of every concept over both sides, scaled to about [0, 1]."""
    df: Counter[str] = Counter()
    for bag in (*ar, *en):
        df.update(bag.keys())
    total = len(ar) + len(en)
    scale = math.log(total + 2)
    out: dict[str, float] = {}
    for concept, count in df.items():
        kind = concept.split(":", 1)[0]
        factor = (kind_weight or ANCHOR_WEIGHT).get(kind, 1.0)
        out[concept] = factor * math.log((total + 2) / (count + 0.5)) / scale
    return out


class TwoPassAligner:
    """Aligns Arabic to English sentences, block by block, in two passes."""

    def __init__(
        self,
        ar: Sequence[str],
        en: Sequence[str],
        blocks: list[_Block],
        glossary: Glossary | None = None,
        params: Params | None = None,
    ) -> None:
        self.ar = list(ar)
        self.en = list(en)
        self.blocks = blocks
        self.glossary = glossary
        self.params = params or Params()
        self.warnings: list[str] = []
        extra = [e.term + " " + e.rendering for e in glossary.entries] if glossary else []
        self.la, self.le, self.unit = subword_lengths(self.ar, self.en, extra)
        self.ar_bags, self.en_bags = anchor_bags(self.ar, self.en, glossary)
        self.ar_cum = np.concatenate([[0.0], np.cumsum(self.la)])
        self.en_cum = np.concatenate([[0.0], np.cumsum(self.le)])

    # passes -------------------------------------------------------------------------------

    def run(self) -> Alignment:
        """Both passes; the final alignment with confidences."""
        vec = _Vectors()
        weights = _idf_weights(self.ar_bags, self.en_bags)
        x1, y1 = vec.build(self.ar_bags, self.en_bags)
        ratio = (self.en_cum[-1] + 1) / (self.ar_cum[-1] + 1)
        s2 = 2.0 if self.unit == "sentencepiece" else 3.5
        lengths = LengthModel(ratio, s2)
        scorer = Scorer(
            self.ar_cum, self.en_cum, x1, y1, vec.weights(weights), lengths, self.params
        )
        links = self._align_blocks(scorer)
        if not self.ar or not self.en:
            return self._finish(scorer, links)
        for _ in range(self.params.passes - 1):
            length1, cover1 = scorer.link_stats(links)
            confident = self._confident(links, cover1, length1)
            params2 = self._recalibrated_params(links)
            lengths2 = self._recalibrated_lengths(links, confident, lengths)
            x2, y2, w2 = self._second_pass_vectors(vec, links, confident, weights)
            scorer = Scorer(self.ar_cum, self.en_cum, x2, y2, w2, lengths2, params2)
            links = self._align_blocks(scorer, links)
        return self._finish(scorer, links)

    def _align_blocks(self, scorer: Scorer, guide: list[Link] | None = None) -> list[Link]:
        """Align every block; ``guide`` (an earlier pass's links) centres the bands."""
        ends = _cells_of_links(guide) if guide else None
        links: list[Link] = []
        for b in self.blocks:
            links.extend(self._align_block(scorer, b, ends))
        return links

    def _align_block(
        self, scorer: Scorer, b: _Block, guide: dict[int, int] | None
    ) -> list[Link]:
        n, m = b.a1 - b.a0, b.e1 - b.e0
        if n == 0 or m == 0:
            return [([b.a0 + i], []) for i in range(n)] + [([], [b.e0 + j]) for j in range(m)]
        sub = _sub_scorer(scorer, b)
        if (n + 1) * (m + 1) <= FULL_DP_CELLS:
            band = Band.full(n, m)
            path = search(band, MOVES, sub.link_costs(band, MOVES), sub.skip_en())
        else:
            slope = m / n
            if guide is not None:  # around the earlier pass's path
                centre = _guide_centre(guide, b, n)
                half = 6 + 3 * max(1.0, slope)
            else:  # around the diagonal drawn by the lengths
                ar_pos = sub.ar_cum / max(sub.ar_cum[-1], 1e-9)
                en_pos = sub.en_cum / max(sub.en_cum[-1], 1e-9)
                centre = np.interp(ar_pos, en_pos, np.arange(m + 1))
                half = 16 + 4 * max(1.0, slope)
            path = None
            for _ in range(8):
                band = Band.around(centre, half, m)
                path = search(band, MOVES, sub.link_costs(band, MOVES), sub.skip_en())
                if path is None:
                    half *= 2
                    continue
                cells = _cells(path)
                if not band.touches(cells) or band.width > m:
                    break
                centre = _centre_from_cells(cells, n)
                half *= 2
            assert path is not None
        out: list[Link] = []
        i = j = 0
        for k, l in path:
            out.append(([b.a0 + i + t for t in range(k)], [b.e0 + j + t for t in range(l)]))
            i, j = i + k, j + l
        return out

    # between the passes ---------------------------------------------------------------------

    def _confident(self, links: list[Link], cover: np.ndarray, length: np.ndarray) -> list[int]:
        """Indices of the first pass's links trusted for the translation table."""
        candidates = [k for k, (a, e) in enumerate(links) if a and e and len(a) + len(e) <= 6]
        if not candidates:
            return []
        score = cover[candidates] - 0.05 * np.minimum(length[candidates], 10)
        order = np.argsort(-score)
        keep = max(1, int(len(candidates) * 0.7))
        chosen = sorted(candidates[k] for k in order[:keep])
        if len(chosen) > MAX_TABLE_LINKS:
            step = len(chosen) / MAX_TABLE_LINKS
            chosen = [chosen[int(t * step)] for t in range(MAX_TABLE_LINKS)]
        return chosen

    def _recalibrated_lengths(
        self, links: list[Link], confident: list[int], old: LengthModel
    ) -> LengthModel:
        ones = [links[k] for k in confident if len(links[k][0]) == 1 and len(links[k][1]) == 1]
        if len(ones) < 8:
            return old
        la = np.array([self.la[a[0]] for a, _ in ones])
        le = np.array([self.le[e[0]] for _, e in ones])
        ratio = float(le.sum() / max(la.sum(), 1.0))
        resid = (le - ratio * la) ** 2 / ((ratio * la + le) / 2 + 1.0)
        s2 = float(np.clip(np.median(resid) * 2.2, 0.5 * old.s2, 3 * old.s2))
        return LengthModel(ratio, s2)

    def _recalibrated_params(self, links: list[Link]) -> Params:
        base = self.params
        shapes = Counter((len(a), len(e)) for a, e in links if a and e)
        total = sum(shapes.values())
        if total < 10:
            return base
        alpha = 20.0
        default = {mv: math.exp(-base.default_prior(*mv)) for mv in MOVES if mv[1]}
        z = sum(default.values())
        p11 = (shapes[(1, 1)] + alpha * default[(1, 1)] / z) / (total + alpha)
        priors = {}
        for mv, d in default.items():
            p = (shapes[mv] + alpha * d / z) / (total + alpha)
            priors[mv] = max(0.0, math.log(p11 / p)) if mv != (1, 1) else 0.0
        return dataclasses.replace(base, priors=priors)

    def _second_pass_vectors(
        self, vec: _Vectors, links: list[Link], confident: list[int], anchor_w: dict[str, float]
    ) -> tuple[SparseRows, SparseRows, np.ndarray]:
        ar_stems = [arabic_content_stems(s) for s in self.ar]
        en_stems = [english_content_stems(s) for s in self.en]
        table = induce_table(
            [[w for a in links[k][0] for w in ar_stems[a]] for k in confident],
            [[w for e in links[k][1] for w in en_stems[e]] for k in confident],
        )
        ar_bags: list[dict[str, float]] = []
        for stems, anchors in zip(ar_stems, self.ar_bags, strict=True):
            bag: dict[str, float] = dict(anchors)
            for w in set(stems):
                for target, weight in table.get(w, ()):
                    key = "T:" + target
                    bag[key] = max(bag.get(key, 0.0), math.sqrt(weight))
            ar_bags.append(bag)
        en_bags: list[dict[str, float]] = []
        for stems, anchors in zip(en_stems, self.en_bags, strict=True):
            bag = dict(anchors)
            for w in set(stems):
                bag["T:" + w] = 1.0
            en_bags.append(bag)
        ar_seen = {k for bag in ar_bags for k in bag}
        en_seen = {k for bag in en_bags for k in bag}
        shared = ar_seen & en_seen
        ar_bags = [{k: v for k, v in bag.items() if k in shared} for bag in ar_bags]
        en_bags = [{k: v for k, v in bag.items() if k in shared} for bag in en_bags]
        df: Counter[str] = Counter()
        for bag in en_bags:
            df.update(k for k in bag if k.startswith("T:"))
        total = len(self.en) + 2
        scale = math.log(total + 2)
        weights = dict(anchor_w)
        for key, count in df.items():
            weights[key] = math.log((total + 2) / (count + 0.5)) / scale
        x, y = vec.build(ar_bags, en_bags)
        return x, y, vec.weights(weights)

    # the result -------------------------------------------------------------------------------

    def _finish(self, scorer: Scorer, links: list[Link]) -> Alignment:
        if not links:
            return Alignment([], [])
        length, cover = scorer.link_stats(links)
        conf: list[float] = []
        for k, (a, e) in enumerate(links):
            if not a or not e:
                conf.append(0.2)
                continue
            c = (0.15 + 0.85 * cover[k]) * math.exp(-min(length[k], 20) / 8)
            conf.append(float(min(1.0, max(0.0, c))))
        return Alignment(links, [round(c, 4) for c in conf], self.warnings)


def _cells(path: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = [(0, 0)]
    i = j = 0
    for k, l in path:
        i, j = i + k, j + l
        out.append((i, j))
    return out


def _cells_of_links(links: list[Link]) -> dict[int, int]:
    """For each Arabic count i reached by a link end, the English count there."""
    out: dict[int, int] = {0: 0}
    i = j = 0
    for a, e in links:
        i, j = i + len(a), j + len(e)
        out[i] = j
    return out


def _guide_centre(guide: dict[int, int], b: _Block, n: int) -> np.ndarray:
    """The earlier path inside block ``b``, as a centre column for each of its rows."""
    rows = np.array(sorted(k for k in guide if b.a0 <= k <= b.a1), dtype=np.float64)
    cols = np.array([guide[int(k)] for k in rows], dtype=np.float64)
    if len(rows) < 2:
        return np.linspace(0, b.e1 - b.e0, n + 1)
    return np.interp(np.arange(b.a0, b.a1 + 1), rows, cols) - b.e0


def _centre_from_cells(cells: list[tuple[int, int]], n: int) -> np.ndarray:
    centre = np.zeros(n + 1)
    for i, j in cells:
        centre[i] = j
    return np.maximum.accumulate(centre)


def _sub_scorer(scorer: Scorer, b: _Block) -> Scorer:
    """The scorer restricted to one block (indices made block-relative)."""
    x = scorer.x.rows(b.a0, b.a1)
    y = scorer.y.rows(b.e0, b.e1)
    return Scorer(
        scorer.ar_cum[b.a0 : b.a1 + 1] - scorer.ar_cum[b.a0],
        scorer.en_cum[b.e0 : b.e1 + 1] - scorer.en_cum[b.e0],
        x, y, scorer.weight, scorer.lengths, scorer.params,
    )


def _flat_blocks(n: int, m: int) -> list[_Block]:
    return [_Block(0, n, 0, m)]


def align_sentences(
    ar: Sequence[str], en: Sequence[str], *, glossary: Glossary | None = None,
    params: Params | None = None,
) -> Alignment:
    """Align two lists of sentences (many-to-many, up to 1–9/9–1 and 3–3, with 1–0 and 0–1)."""
    return TwoPassAligner(ar, en, _flat_blocks(len(ar), len(en)), glossary, params).run()


def align_paragraphs(
    ar: Sequence[Sequence[str]], en: Sequence[Sequence[str]], *,
    glossary: Glossary | None = None, params: Params | None = None,
) -> Alignment:
    """Align paragraph by paragraph when the counts agree, else the whole text at once."""
    flat_ar = [s for p in ar for s in p]
    flat_en = [s for p in en for s in p]
    if len(ar) != len(en) or not ar:
        return align_sentences(flat_ar, flat_en, glossary=glossary, params=params)
    blocks: list[_Block] = []
    ai = ei = 0
    for pa, pe in zip(ar, en, strict=True):
        blocks.append(_Block(ai, ai + len(pa), ei, ei + len(pe)))
        ai += len(pa)
        ei += len(pe)
    return TwoPassAligner(flat_ar, flat_en, blocks, glossary, params).run()
