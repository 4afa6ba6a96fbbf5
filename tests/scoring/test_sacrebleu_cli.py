"""``workbench score`` prints what sacrebleu's own command line prints on the same files, to the
fourth decimal: corpus scores, signatures, sentence-level scores, bootstrap intervals and paired
tests (real NTREX-128 and TICO-19 lines, perturbed drafts, two references, an empty line), by
the comparison ``python -m bench scoring_cli`` runs on four corpora."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.scoring_cli import Tally, compare_corpus, compare_paired
from tests.scoring.conftest import Corpus


@pytest.fixture
def folder(tmp_path: Path, corpus: Corpus) -> Path:
    for name, lines in (("hyp", corpus.hyps), ("hyp2", corpus.hyps2), ("ref", corpus.refs),
                        ("ref2", corpus.refs2)):
        (tmp_path / f"{name}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("options", [(), ("--tokenize", "intl", "--lowercase")])
def test_scores_signatures_sentence_scores_and_intervals_are_the_clis(
    folder: Path, corpus: Corpus, options: tuple[str, ...]
) -> None:
    tally = Tally()
    compare_corpus(tally, folder, "hyp.txt", ["ref.txt", "ref2.txt"], options)
    assert tally.differ == []
    # each metric: score, signature, mean, half-width, segment signature, every segment
    assert tally.compared == 3 * (5 + len(corpus.hyps))


@pytest.mark.parametrize("test", ["bs", "ar"])
def test_paired_tests_are_the_clis(folder: Path, test: str) -> None:
    tally = Tally()
    ours = compare_paired(tally, folder, ["hyp.txt", "hyp2.txt"], ["ref.txt"], test)
    assert tally.differ == []
    assert ours["systems"][1]["chrf"]["p_value"] is not None
