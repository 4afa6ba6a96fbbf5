"""The length model's subword lengths: trained once for the same texts."""

from __future__ import annotations

import pytest

from bench.align import frame_set
from workbench.align import lengths
from workbench.align.aligner import align_sentences


def test_the_same_texts_train_one_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """An alignment of frame makes aligners of three texts twice each (the search again with
    its cues); each trained a sentencepiece model of its own, 0.4 s of CPU each."""
    trained: list[int] = []
    real = lengths._lengths

    def counted(*args: object) -> object:
        trained.append(1)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(lengths, "_lengths", counted)
    lengths._trained.cache_clear()
    ar, en, _ = frame_set()
    first = align_sentences(ar, en)
    assert len(trained) == 3
    again = align_sentences(ar, en)
    assert len(trained) == 3 and again.links == first.links
    la, le, unit = lengths.subword_lengths(ar, en)
    assert unit == "sentencepiece" and not la.flags.writeable and len(le) == len(en)
