"""The aligners of one alignment (its passes, clause searches and survival runs) share what
they read of their texts (workbench.align.aligner.Shared): the dictionary's look-ups and each
pair of texts' anchors, stems and list items, read once, with the same result."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import pytest

from bench.align import hayy2_set
from workbench.align import Alignment, align_paragraphs, align_sentences, aligner
from workbench.align.anchors import Bag
from workbench.align.dictionary import basic_vocabulary
from workbench.align.scoring import Params
from workbench.glossary.model import Glossary

pytestmark = pytest.mark.usefixtures("survival")

AR, EN, _ = hayy2_set()
AR, EN = AR[:30], EN[:27]  # (a free translation: the survival runs align it again)


class Counting:
    """A dictionary (the basic vocabulary) that counts how often each word is looked up."""

    def __init__(self) -> None:
        self.inner = basic_vocabulary()
        self.looked_up: Counter[str] = Counter()

    def glosses(self, word: str) -> tuple[str, ...]:
        self.looked_up[word] += 1
        return self.inner.glosses(word)

    def best_keys(self, word: str) -> list[str]:
        return self.inner.best_keys(word)


def weighed(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A list that gets an item each time the survival runs weigh an alignment."""
    calls: list[int] = []
    real = aligner.stable_confidence
    monkeypatch.setattr(aligner, "stable_confidence",
                        lambda *args, **kwargs: calls.append(1) or real(*args, **kwargs))
    return calls


@pytest.mark.parametrize("paragraphs", [False, True])
def test_each_word_is_looked_up_once(monkeypatch: pytest.MonkeyPatch, paragraphs: bool) -> None:
    """Every aligner of an alignment with survival runs (sentences, clauses, with and without
    the cues, eight runs; the paragraphs as units and their runs) looked its words up in the
    dictionary again: up to 33 times a word (hayy2's opening). Now once."""
    runs = weighed(monkeypatch)
    lexicon = Counting()
    params = Params(basic_vocabulary=False)  # (the dictionary alone, not behind it)
    if paragraphs:  # paragraphs of two sentences as units
        continues = [k % 2 == 1 for k in range(len(AR))], [k % 2 == 1 for k in range(len(EN))]
        align_sentences(AR, EN, lexicon=lexicon, params=params, continues=continues)
    else:
        align_sentences(AR, EN, lexicon=lexicon, params=params)
    assert runs and lexicon.looked_up
    assert max(lexicon.looked_up.values()) == 1


def test_each_pair_of_texts_is_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The sentences and the clauses of the alignment and of each run were each read twice
    (anchors, stems), by the search and by the search again with the cues. Now once; the
    next alignment reads them again."""
    runs = weighed(monkeypatch)
    read: Counter[tuple[tuple[str, ...], tuple[str, ...]]] = Counter()
    real = aligner.anchor_bags

    def counted(ar: Sequence[str], en: Sequence[str], glossary: Glossary | None,
                words: object) -> tuple[list[Bag], list[Bag]]:
        read[tuple(ar), tuple(en)] += 1
        return real(ar, en, glossary, words)  # type: ignore[arg-type]

    monkeypatch.setattr(aligner, "anchor_bags", counted)
    align_paragraphs([AR[:15], AR[15:]], [EN[:14], EN[14:]])
    assert runs and len(read) > 9  # sentences (and clauses) of the alignment and 8 runs
    assert max(read.values()) == 1
    align_paragraphs([AR[:15], AR[15:]], [EN[:14], EN[14:]])
    assert max(read.values()) == 2


def test_the_alignment_is_the_same_without_sharing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each aligner reading its texts and looking its words up itself gives the same links,
    confidences (to the last bit) and warnings, with a dictionary and without."""
    def both() -> list[Alignment]:
        return [align_sentences(AR, EN), align_sentences(AR, EN, lexicon=Counting())]

    shared = both()
    monkeypatch.setattr(aligner, "_shared", lambda ar, en: None)
    alone = both()
    for one, other in zip(shared, alone, strict=True):
        assert (one.links, one.confidence, one.warnings, one.left_out) == (
            other.links, other.confidence, other.warnings, other.left_out)
