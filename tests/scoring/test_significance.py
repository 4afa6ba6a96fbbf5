"""Paired tests are sacrebleu's PairedTest, fed with the statistics computed while scoring."""

from __future__ import annotations

import pytest
from sacrebleu.metrics import BLEU, CHRF, TER
from sacrebleu.significance import PairedTest

from tests.scoring.conftest import Corpus
from workbench.scoring.metrics import Scorer
from workbench.scoring.significance import paired_test


@pytest.mark.parametrize(("test", "n"), [("bs", 200), ("ar", 500)])
def test_paired_test_equals_sacrebleu(
    corpus: Corpus, test: str, n: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    refs = [corpus.refs]
    scorer = Scorer()
    a = scorer.score("a", corpus.hyps, refs)
    b = scorer.score("b", corpus.hyps2, refs)

    def no_second_pass(*args: object, **kwargs: object) -> None:
        raise AssertionError("statistics extracted twice")

    for metric in scorer.corpus.values():
        monkeypatch.setattr(metric, "_extract_corpus_statistics", no_second_pass)
    paired_test(scorer, [(a, corpus.hyps), (b, corpus.hyps2)], refs, test, n_samples=n)
    monkeypatch.undo()

    metrics = {"BLEU": BLEU(), "chrF2++": CHRF(word_order=2), "TER": TER()}
    sigs, results = PairedTest(
        [("a", corpus.hyps), ("b", corpus.hyps2)], metrics, refs, test_type=test, n_samples=n
    )()
    for key, name in (("bleu", "BLEU"), ("chrf", "chrF2++"), ("ter", "TER")):
        base, other = results[name]
        assert a.metrics[key].score == pytest.approx(base.score)
        assert a.metrics[key].p_value is None
        assert b.metrics[key].p_value == pytest.approx(other.p_value)
        assert b.metrics[key].score == pytest.approx(other.score)
        assert b.metrics[key].signature == str(sigs[name])
        assert f"{test}:{n}" in b.metrics[key].signature
        if test == "bs":
            assert b.metrics[key].mean == pytest.approx(other.mean, abs=1e-4)
        else:
            assert b.metrics[key].ci is None


def test_paired_test_needs_two_systems(corpus: Corpus) -> None:
    scorer = Scorer()
    a = scorer.score("a", corpus.hyps[:10], [corpus.refs[:10]])
    with pytest.raises(ValueError, match="baseline"):
        paired_test(scorer, [(a, corpus.hyps[:10])], [corpus.refs[:10]])


@pytest.mark.parametrize("test", ["bs", "ar"])
def test_identical_drafts_are_not_significantly_different(corpus: Corpus, test: str) -> None:
    """sacrebleu gives two identical systems its smallest p-value (1/(n+1), marked
    significant); a draft the metrics cannot tell from the baseline gets p = 1."""
    hyps, refs = corpus.hyps[:40], [corpus.refs[:40]]
    scorer = Scorer()
    a = scorer.score("a", hyps, refs)
    b = scorer.score("b", list(hyps), refs)
    c = scorer.score("c", corpus.hyps2[:40], refs)
    paired_test(scorer, [(a, hyps), (b, list(hyps)), (c, corpus.hyps2[:40])], refs, test,
                n_samples=100)
    for key in ("bleu", "chrf", "ter"):
        assert b.metrics[key].p_value == 1.0
        assert c.metrics[key].p_value is not None and c.metrics[key].p_value < 1.0


def test_a_small_p_value_is_never_reported_as_zero() -> None:
    """100,000 trials give sacrebleu's smallest p-value 1/100001: not 0 in JSON, and not
    ``p=0.0000`` in the tables."""
    from workbench.scoring.metrics import MetricScore, SegmentScore, SystemScore
    from workbench.scoring.report import ScoreReport, metric_dict, summary_rows

    tiny = MetricScore("BLEU", 40.0, "sig", "sig", p_value=1 / 100001)
    assert metric_dict(tiny)["p_value"] == pytest.approx(1e-5)
    assert metric_dict(MetricScore("BLEU", 40.0, "s", "s", p_value=1 / 1001))["p_value"] == 0.001
    base = SystemScore("a", {k: MetricScore(k, 50.0, "s", "s") for k in ("bleu", "chrf", "ter")},
                       [SegmentScore(1, 50.0, 50.0, 50.0)])
    other = SystemScore("b", {k: tiny for k in ("bleu", "chrf", "ter")},
                        [SegmentScore(1, 40.0, 40.0, 40.0)])
    _, rows = summary_rows(ScoreReport([base, other], ["r"], "ar"))
    assert rows[1][1] == "40.00 p=<0.0001*"


def test_the_paired_bootstrap_is_sacrebleus_to_the_last_bit(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Summed in blocks (many small ones here), three drafts against two references: every
    p-value, mean and interval is what sacrebleu's PairedTest gives."""
    from workbench.scoring import bootstrap

    monkeypatch.setattr(bootstrap, "BLOCK_ELEMENTS", 5000)
    refs = [corpus.refs, corpus.refs2]
    named = [("a", corpus.hyps), ("b", corpus.hyps2),
             ("c", [h.replace("the", "a") for h in corpus.hyps])]
    scorer = Scorer()
    systems = [(scorer.score(name, hyps, refs), hyps) for name, hyps in named]
    paired_test(scorer, systems, refs, "bs", n_samples=300)
    metrics = {"BLEU": BLEU(), "chrF2++": CHRF(word_order=2), "TER": TER()}
    sigs, results = PairedTest(named, metrics, refs, test_type="bs", n_samples=300)()
    for key, name in (("bleu", "BLEU"), ("chrf", "chrF2++"), ("ter", "TER")):
        for (system, _), result in zip(systems, results[name], strict=True):
            mine = system.metrics[key]
            mean, half = float(result.mean), float(result.ci)
            assert (mine.p_value, mine.mean, mine.ci) == (
                result.p_value, mean, (mean - half, mean + half))
            assert mine.signature == str(sigs[name])


def test_the_paired_bootstrap_never_holds_every_resample(corpus: Corpus) -> None:
    """sacrebleu's test holds 1000 x segments x statistics floats at once (chrF++: 24 a
    segment, 96 MB for 1,000 segments); summed in blocks it needs a few blocks' worth."""
    import tracemalloc

    hyps, hyps2, refs = ([lines[i % len(lines)] for i in range(1000)]
                         for lines in (corpus.hyps, corpus.hyps2, corpus.refs))
    scorer = Scorer()
    systems = [(scorer.score("a", hyps, [refs]), hyps), (scorer.score("b", hyps2, [refs]), hyps2)]
    tracemalloc.start()
    try:
        paired_test(scorer, systems, [refs], "bs")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 48 * 2**20
    assert systems[1][0].chrf.p_value is not None
