"""Corpus and per-segment scores equal sacrebleu's own, from one pass of statistics."""

from __future__ import annotations

import pytest
from sacrebleu.metrics import BLEU, CHRF, TER

from tests.scoring.conftest import Corpus
from workbench.scoring import metrics as m
from workbench.scoring.metrics import Scorer


def _sacrebleu(hyps: list[str], refs: list[list[str]], word_order: int = 2) -> dict:
    out = {}
    for key, corpus_metric, segment_metric in (
        ("bleu", BLEU(), BLEU(effective_order=True)),
        ("chrf", CHRF(word_order=word_order), CHRF(word_order=word_order)),
        ("ter", TER(), TER()),
    ):
        score = corpus_metric.corpus_score(hyps, refs)
        segs = [
            segment_metric.sentence_score(h, [r[i] for r in refs]).score
            for i, h in enumerate(hyps)
        ]
        out[key] = (score.score, str(corpus_metric.get_signature()), segs)
    return out


@pytest.mark.parametrize("two_refs", [False, True])
def test_scores_equal_sacrebleu(corpus: Corpus, two_refs: bool) -> None:
    refs = [corpus.refs, corpus.refs2] if two_refs else [corpus.refs]
    system = Scorer().score("sys", corpus.hyps, refs)
    expected = _sacrebleu(corpus.hyps, refs)
    assert [s.line for s in system.segments] == list(range(1, len(corpus.hyps) + 1))
    for key, (score, signature, segs) in expected.items():
        assert system.metrics[key].score == pytest.approx(score, abs=1e-9)
        assert system.metrics[key].signature == signature
        got = [getattr(s, key) for s in system.segments]
        assert got == pytest.approx(segs, abs=1e-9)
    assert system.bleu.name == "BLEU" and system.chrf.name == "chrF2++"
    assert "eff:no" in system.bleu.signature and "eff:yes" in system.bleu.segment_signature
    assert f"nrefs:{len(refs)}" in system.ter.signature


def test_plain_chrf_on_request(corpus: Corpus) -> None:
    system = Scorer(chrf_word_order=0).score("sys", corpus.hyps, [corpus.refs])
    expected = CHRF().corpus_score(corpus.hyps, [corpus.refs])
    assert system.chrf.name == "chrF2"
    assert system.chrf.score == pytest.approx(expected.score, abs=1e-9)
    assert "nw:0" in system.chrf.signature


def test_chunked_statistics_give_the_same_scores(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = Scorer().score("a", corpus.hyps, [corpus.refs])
    monkeypatch.setattr(m, "CHUNK", 7)
    chunked = Scorer().score("a", corpus.hyps, [corpus.refs])
    for key in m.METRICS:
        assert chunked.metrics[key].score == whole.metrics[key].score
        assert chunked.metrics[key].signature == whole.metrics[key].signature
    assert chunked.segments == whole.segments


def test_variable_number_of_references(corpus: Corpus) -> None:
    hyps = corpus.hyps[:40]
    refs2: list[str | None] = [r if i % 3 else None for i, r in enumerate(corpus.refs2[:40])]
    refs = [corpus.refs[:40], refs2]
    system = Scorer().score("sys", hyps, refs)
    for key, metric in (("bleu", BLEU()), ("chrf", CHRF(word_order=2)), ("ter", TER())):
        expected = metric.corpus_score(hyps, refs)
        assert system.metrics[key].score == pytest.approx(expected.score, abs=1e-9)
        assert "nrefs:var" in system.metrics[key].signature


def test_length_mismatch_and_empty_input_are_refused(corpus: Corpus) -> None:
    with pytest.raises(ValueError, match="lines"):
        Scorer().score("sys", corpus.hyps, [corpus.refs[:-1]])
    with pytest.raises(ValueError, match="nothing to score"):
        Scorer().score("sys", [], [[]])
