"""Bootstrap confidence intervals: sacrebleu's resampling, summed in blocks, same figures."""

from __future__ import annotations

import pytest
from sacrebleu.metrics import CHRF, TER
from sacrebleu.significance import _bootstrap_resample

from tests.scoring.conftest import Corpus
from workbench.scoring import bootstrap
from workbench.scoring.metrics import Scorer


def test_bootstrap_scores_equal_sacrebleus(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    scorer = Scorer()
    stats = scorer.stats("chrf", corpus.hyps, [corpus.refs])
    _, expected = _bootstrap_resample(stats, CHRF(word_order=2), 200)
    monkeypatch.setattr(bootstrap, "BLOCK_ELEMENTS", 5000)  # many small blocks
    got = bootstrap.bootstrap_scores(stats, scorer.corpus["chrf"], 200)
    assert got == pytest.approx([s.score for s in expected], abs=1e-6)


def test_confidence_interval_matches_corpus_score_n_bootstrap(corpus: Corpus) -> None:
    system = Scorer().score("sys", corpus.hyps, [corpus.refs], confidence=300)
    expected = TER().corpus_score(corpus.hyps, [corpus.refs], n_bootstrap=300)
    ter = system.ter
    assert ter.mean == pytest.approx(expected._mean, abs=1e-4)
    assert ter.ci is not None
    assert (ter.ci[1] - ter.ci[0]) / 2 == pytest.approx(expected._ci, abs=1e-4)
    assert ter.ci[0] <= ter.score <= ter.ci[1]
    assert "bs:300" in ter.signature and "seed:12345" in ter.signature
    assert "bs:" not in system.bleu.segment_signature
    plain = Scorer().score("sys", corpus.hyps[:20], [corpus.refs[:20]])
    assert plain.ter.ci is None and "bs:" not in plain.ter.signature


@pytest.mark.parametrize("key", ["chrf", "ter"])
def test_mean_and_interval_are_sacrebleus_to_the_last_digit(corpus: Corpus, key: str) -> None:
    """chrF and TER score resamples as numpy float32, and sacrebleu's mean and half-width are
    float32 too: the double mean of the same scores printed 92.7739 where ``sacrebleu
    --confidence`` prints 92.7738 (TICO-19, two references)."""
    metric = {"chrf": CHRF(word_order=2), "ter": TER()}[key]
    refs = [corpus.refs, corpus.refs2]
    expected = metric.corpus_score(corpus.hyps2, refs, n_bootstrap=1000)
    got = Scorer().score("sys", corpus.hyps2, refs, confidence=1000).metrics[key]
    mean, half = float(expected._mean), float(expected._ci)
    assert (got.mean, got.ci) == (mean, (mean - half, mean + half))


def test_confidence_on_a_short_document_with_an_empty_line() -> None:
    """Five segments, one left empty by the draft: some resamples hold only empty segments,
    which chrF and TER score as a plain 0.0 among numpy float32 scores; the mean of the mix
    used to stop with a TypeError (exit 70)."""
    refs = ["The cat sat on the mat.", "It rained in Cairo today.", "Prices rose by 3%.",
            "The ministry said so.", "Schools reopen on Sunday."]
    hyps = ["The cat sat on a mat.", "", "Prices went up 3%.", "The ministry said it.",
            "Schools open again Sunday."]
    system = Scorer().score("sys", hyps, [refs], confidence=1000)
    for key in ("bleu", "chrf", "ter"):
        metric = system.metrics[key]
        assert metric.ci is not None and metric.mean is not None
        assert metric.ci[0] <= metric.mean <= metric.ci[1]
