"""Corpus and per-segment BLEU, chrF++ and TER through sacrebleu, from one pass of statistics.

sacrebleu computes every metric from per-segment sufficient statistics; the corpus score is
the metric applied to their sum and a sentence score is the metric applied to one segment's
statistics. So each hypothesis is analysed ONCE per metric: the corpus score, the per-segment
scores, the bootstrap and the paired tests all reuse the same statistics. Nothing here
re-implements a metric: every number comes from sacrebleu's own ``Metric`` objects.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from workbench.wording import plural

if TYPE_CHECKING:  # sacrebleu (with lxml, numpy) loads when a Scorer is made, not at import
    from sacrebleu.metrics.base import Metric

METRICS = ("bleu", "chrf", "ter")
# sacrebleu's BLEU tokenizers for English (its others are for Chinese, Japanese and Korean, or
# download a SentencePiece model)
TOKENIZERS = ("13a", "intl", "char", "none")
# Statistics are extracted in chunks so that sacrebleu's reference cache (n-gram counters
# for every reference) never holds the whole corpus at once.
CHUNK = 2000
# sacrebleu's check for text not detokenized: this many lines ending in " ." (its own warning,
# silenced here with ``force``, names a ``force`` parameter the workbench does not have and
# counts per chunk)
TOKENIZED_LINES = 100

Refs = Sequence[Sequence[str | None]]


@dataclass
class MetricScore:
    """One metric's corpus score with its sacrebleu signature(s) and optional statistics."""

    name: str
    score: float
    signature: str
    segment_signature: str
    ci: tuple[float, float] | None = None
    mean: float | None = None
    p_value: float | None = None


@dataclass
class SegmentScore:
    """The scores of one line (file mode) or one scoring unit (project mode)."""

    line: int
    bleu: float
    chrf: float
    ter: float
    segment_ids: list[int] = field(default_factory=list)
    positions: list[int] = field(default_factory=list)
    terms: tuple[int, int] | None = None  # (rendered, occurrences)


@dataclass
class SystemScore:
    """A hypothesis (a draft) scored against the references."""

    name: str
    metrics: dict[str, MetricScore]
    segments: list[SegmentScore]
    terms: Any = None  # workbench.scoring.terms.TermAccuracy when computed
    tokenized: int = 0  # lines ending in a tokenized period (" ."), as sacrebleu counts them
    empty: int = 0  # lines without text (a segment not translated yet)
    stats: dict[str, list[list[float]]] = field(default_factory=dict, repr=False)

    @property
    def bleu(self) -> MetricScore:
        return self.metrics["bleu"]

    @property
    def chrf(self) -> MetricScore:
        return self.metrics["chrf"]

    @property
    def ter(self) -> MetricScore:
        return self.metrics["ter"]


@dataclass
class Scorer:
    """A scoring run's metrics: sacrebleu defaults, chrF++ unless ``chrf_word_order=0``.

    ``tokenize`` and ``lowercase`` are BLEU's (sacrebleu's ``--tokenize`` and ``--lowercase``,
    which touch neither chrF nor TER). ``corpus[m]`` scores corpora, ``segment[m]`` scores
    single segments; they differ only for BLEU, where sentence scores use effective order (as
    sacrebleu's ``sentence_bleu`` does).
    """

    chrf_word_order: int = 2
    tokenize: str = "13a"
    lowercase: bool = False
    corpus: dict[str, Metric] = field(init=False, repr=False)
    segment: dict[str, Metric] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        from sacrebleu.metrics.bleu import BLEU
        from sacrebleu.metrics.chrf import CHRF
        from sacrebleu.metrics.ter import TER

        chrf = CHRF(word_order=self.chrf_word_order)
        ter = TER()
        bleu = {"tokenize": self.tokenize, "lowercase": self.lowercase, "force": True}
        self.corpus = {"bleu": BLEU(**bleu), "chrf": chrf, "ter": ter}
        self.segment = {"bleu": BLEU(effective_order=True, **bleu), "chrf": chrf, "ter": ter}

    def stats(self, key: str, hyps: Sequence[str], refs: Refs) -> list[list[float]]:
        """sacrebleu's per-segment statistics of metric ``key`` (refs: one list per reference)."""
        metric = self.corpus[key]
        out: list[list[float]] = []
        counts: set[int] = set()
        for start in range(0, len(hyps), CHUNK):
            stop = start + CHUNK
            out.extend(
                metric._extract_corpus_statistics(hyps[start:stop], [r[start:stop] for r in refs])
            )
            counts.add(metric.num_refs)
        num_refs = counts.pop() if len(counts) == 1 else -1
        self.corpus[key].num_refs = num_refs
        self.segment[key].num_refs = num_refs
        return out

    def corpus_score(self, key: str, stats: Sequence[Sequence[float]]) -> Any:
        """The sacrebleu corpus Score from per-segment statistics."""
        return self.corpus[key]._aggregate_and_compute(stats)

    def segment_scores(self, key: str, stats: Sequence[Sequence[float]]) -> list[float]:
        """sacrebleu's sentence score of each segment from its statistics."""
        compute = self.segment[key]._compute_score_from_stats
        return [compute(s).score for s in stats]

    def signature(self, key: str, *, segment: bool = False) -> str:
        """The sacrebleu signature of metric ``key`` (after statistics were extracted)."""
        metric = (self.segment if segment else self.corpus)[key]
        return str(metric.get_signature().format())

    def score(
        self,
        name: str,
        hyps: Sequence[str],
        refs: Refs,
        *,
        confidence: int = 0,
        lines: Sequence[int] | None = None,
    ) -> SystemScore:
        """Score one system: corpus scores, signatures, per-segment scores, optional 95% CIs.

        ``confidence`` is the number of bootstrap resamples (0: none; sacrebleu uses 1000).
        """
        check_refs(hyps, refs)
        metrics: dict[str, MetricScore] = {}
        per_segment: dict[str, list[float]] = {}
        all_stats: dict[str, list[list[float]]] = {}
        for key in METRICS:
            stats = self.stats(key, hyps, refs)
            all_stats[key] = stats
            corpus = self.corpus_score(key, stats)
            per_segment[key] = self.segment_scores(key, stats)
            self.corpus[key].n_bootstrap = self.corpus[key].seed = None
            result = MetricScore(
                corpus.name, corpus.score, "", self.signature(key, segment=True)
            )
            if confidence > 1:
                from workbench.scoring.bootstrap import confidence_interval

                result.mean, result.ci = confidence_interval(
                    stats, self.corpus[key], confidence
                )
            result.signature = self.signature(key)
            metrics[key] = result
        numbers = lines if lines is not None else range(1, len(hyps) + 1)
        segments = [
            SegmentScore(n, b, c, t)
            for n, b, c, t in zip(
                numbers, per_segment["bleu"], per_segment["chrf"], per_segment["ter"], strict=True
            )
        ]
        tokenized = sum(1 for hyp in hyps if hyp.endswith(" ."))
        empty = sum(1 for hyp in hyps if not hyp.strip())
        return SystemScore(name, metrics, segments, stats=all_stats, tokenized=tokenized,
                           empty=empty)


def tokenized_warning(system: SystemScore) -> str:
    """A warning for a system whose text looks tokenized (sacrebleu's test), else ''."""
    if system.tokenized < TOKENIZED_LINES:
        return ""
    return (
        f"{system.name}: {system.tokenized} lines end in a tokenized period (' .'): the "
        "scores expect detokenized text (tokenized text may score lower)"
    )


def empty_warning(system: SystemScore) -> str:
    """A warning for a system with lines (units) without text, else '': they are scored as
    empty lines, which lowers the corpus scores (a working translation not finished yet)."""
    if not system.empty:
        return ""
    return (
        f"{system.name}: {system.empty:,} of {plural(len(system.segments), 'segment')} "
        f"{'has' if system.empty == 1 else 'have'} no text: scored as empty lines, which "
        "lowers its corpus scores"
    )


def check_refs(hyps: Sequence[str], refs: Refs) -> None:
    """Refuse an empty corpus or reference streams of another length (a programming error)."""
    if not hyps:
        raise ValueError("nothing to score: no hypothesis lines")
    if not refs:
        raise ValueError("nothing to score against: no references")
    for ref in refs:
        if len(ref) != len(hyps):
            raise ValueError(f"a reference has {len(ref)} lines, the hypothesis {len(hyps)}")
