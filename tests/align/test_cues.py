"""The cues a free translation's own confident links teach (workbench/align/cues.py): what
they learn, and borders of corpora/nights they decide."""

from __future__ import annotations

import numpy as np
import pytest

from bench.align import nights_set
from tests.align.conftest import unchanged
from workbench.align import Alignment, align_sentences, aligner
from workbench.align.aligner import FLAGGED
from workbench.align.cues import (
    CONFIDENT,
    arabic_opening,
    ending,
    english_opening,
    on_clauses,
    taught_starts,
)
from workbench.align.scoring import Params


def test_the_cues_of_a_sentence() -> None:
    assert english_opening("“Then he went,” said she.") == "then"
    assert arabic_opening("فَلَمّا رأى ذلك") == "فلما"  # a listed particle, marks left out
    assert arabic_opening("وقال لها") == "و-"  # a proclitic و
    assert arabic_opening("أما الثاني") == "اما"
    assert ending("What is it?”") == "?q"
    assert ending("He went.") == "."


def test_a_text_teaches_which_openings_start_a_link() -> None:
    """In this text's confident links "He" always starts a link and "Then" always continues
    one: a sentence opening "He" gets a bonus for starting a link, one opening "Then" a cost.
    The same links below CONFIDENT teach nothing."""
    en = ["He sat.", "Then he rose.", "He ate.", "Then he slept.", "He ran.", "Then he fell.",
          "He spoke.", "Then he wept."]
    ar = ["جلس", "أكل", "جرى", "تكلم"]
    links = [([k], [2 * k, 2 * k + 1]) for k in range(4)]
    ar_start, en_start = taught_starts(ar, en, links, [0.9] * 4, weight=0.5)
    assert all(en_start[0::2] > 0) and all(en_start[1::2] < 0)
    assert ar_start.shape == (4,)
    _, unsure = taught_starts(ar, en, links, [CONFIDENT - 0.1] * 4, weight=0.5)
    assert not unsure.any()


def test_a_sentence_bonus_goes_on_its_first_clause() -> None:
    out = on_clauses(np.array([1.0, -2.0], dtype=np.float32), [0, 0, 1, 1, 1])
    assert out.tolist() == [1.0, 0.0, -2.0, 0.0, 0.0]


@pytest.fixture(scope="module")
def nights() -> tuple[list, Alignment, Alignment]:
    """corpora/nights plain (Burton): its gold, its alignment without the cues and with them
    at weight 0.5 (the aligner's own confidences, before workbench.align.calibration judges
    each alignment against its median link)."""
    ar, en, gold = nights_set()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(aligner, "recalibrated", unchanged)
        return (gold, align_sentences(ar, en, params=Params(cues=0.0)),
                align_sentences(ar, en, params=Params(cues=0.5)))


def _links(result: Alignment) -> set:
    return {(tuple(a), tuple(e)) for a, e in result.links}


def test_the_cues_decide_borders_of_nights(nights: tuple[list, Alignment, Alignment]) -> None:
    """With the cues Shahrazad's short answer (Arabic 1) goes with Dunyazad's sentence
    (English 0) and the king's "احكي" with her tale's opening (English 1), and "Moreover they
    are still my brothers." (English 67) takes its own Arabic sentence, as in the gold;
    without the cues the borders fall a sentence off (0 | 0, 1–3 | 1 and 33–34 | 66, 35 |
    67)."""
    gold, plain, cued = nights
    right = [((0, 1), (0,)), ((2, 3), (1,)), ((33,), (66,)), ((34,), (67,))]
    assert all(link in gold for link in right)
    assert set(right) <= _links(cued)
    assert not set(right) & _links(plain)  # off by default


def test_the_links_the_cues_change_are_flagged(nights: tuple[list, Alignment, Alignment]
                                               ) -> None:
    """A link of the alignment with the cues that the one without them lacks is flagged:
    the text alone did not decide it; a link both make keeps its confidence without the cues
    (nights: 12 of 17 wrong links flagged without the cues; with them 6 of 12 before this
    flag, 9 of 12 with it)."""
    _, plain, cued = nights
    before = _links(plain)
    changed = [c for (a, e), c in zip(cued.links, cued.confidence, strict=True)
               if (tuple(a), tuple(e)) not in before]
    assert len(changed) >= 10
    assert max(changed) < FLAGGED
    kept = [c for (a, e), c in zip(cued.links, cued.confidence, strict=True)
            if (tuple(a), tuple(e)) in before]  # as without the cues
    assert kept == [c for (a, e), c in zip(plain.links, plain.confidence, strict=True)
                    if (tuple(a), tuple(e)) in _links(cued)]
