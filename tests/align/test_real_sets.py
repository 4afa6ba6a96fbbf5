"""The real sets made by hand, literary (corpora/hayy2: the passage of Hayy ibn Yaqzan after
corpora/hayy's, Ockley's English; corpora/nights: nights 2-3 of the Thousand and One Nights,
Bulaq text, Burton's English; corpora/frame: its frame story, and corpora/fisherman: the tale
of the fisherman and the jinni, Bulaq text, Lane's English; corpora/apples: the tale of the
three apples, Bulaq text, Payne's English; corpora/prince: the tale of the ensorcelled prince,
Bulaq text, Burton's English; corpora/porter: the porter and the ladies of Baghdad, Bulaq text,
Lane's English) and legal (corpora/companies and
companies2: Saudi Companies Law articles 70-88 and 51-60) and their gold: the sentences are the
splitter's, the gold covers every sentence once, in order."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bench.align import (
    Set,
    apples_set,
    companies2_set,
    companies_set,
    fisherman_set,
    frame_set,
    hayy2_set,
    nights_set,
    porter_set,
    prince_set,
)
from bench.common import DATA
from workbench.text.segment import segment_text


@pytest.mark.parametrize(("name", "make", "sizes"), [
    ("hayy2", hayy2_set, (81, 91, 54)),
    ("nights", nights_set, (62, 104, 51)),
    ("frame", frame_set, (79, 96, 49)),
    ("fisherman", fisherman_set, (68, 79, 53)),
    ("apples", apples_set, (65, 112, 61)),
    ("prince", prince_set, (70, 135, 59)),
    ("porter", porter_set, (83, 74, 50)),
    ("companies", companies_set, (103, 115, 102)),
    ("companies2", companies2_set, (45, 48, 45)),
])
def test_sentences_are_the_segmenters_and_the_gold_covers_them_in_order(
    name: str, make: Callable[[], Set], sizes: tuple[int, int, int],
) -> None:
    ar, en, gold = make()
    assert (len(ar), len(en), len(gold)) == sizes
    assert [a for link, _ in gold for a in link] == list(range(len(ar)))
    assert [e for _, link in gold for e in link] == list(range(len(en)))
    for a, e in gold:
        for side in (a, e):
            assert list(side) == list(range(side[0], side[0] + len(side))) if side else True
    for lang, sentences in (("ar", ar), ("en", en)):
        lines = (DATA / name / f"{lang}_paragraphs.txt").read_text(encoding="utf-8").splitlines()
        assert [s for line in lines for _, s in segment_text(line, lang)] == sentences


def test_hayy2_follows_hayy_in_both_texts() -> None:
    ar, en, gold = hayy2_set()
    assert ar[0].startswith("فعزم على شق صدرها") and en[0].startswith("Upon this he resolv'd")
    assert ((), (76,)) in gold  # Ockley's sentence on the gap in the Wikisource text
    assert ((0,), (0, 1, 2, 3)) in gold


def test_nights_is_the_merchant_and_the_jinni_from_night_two() -> None:
    ar, en, gold = nights_set()
    assert ar[0].startswith("قالت دنيازاد لأختها شهرزاد")
    assert en[0].startswith("When it was the Second Night, said Dunyazad")
    assert ar[-1].endswith("ورجع كل واحد إلى بلده.") and en[-1].endswith("for his own city.")
    assert ((), (48,)) in gold  # Burton's (Calcutta II's) sentence that Bulaq lacks
    assert ((19, 20), tuple(range(24, 41))) in gold  # one brother in Bulaq, both in Burton
    assert not any("[FN#" in s for s in en)


def test_frame_is_the_opening_of_the_nights_in_lanes_english() -> None:
    ar, en, gold = frame_set()
    assert ar[0].startswith("فقد حُكِي") and en[0].startswith("It is related (but God alone")
    assert ar[-1].endswith("فرِحَ بسماع الحديث.") and en[-1].endswith("commenced her recitations.")
    assert ((0,), tuple(range(17))) in gold  # Lane's opening enlarged from the Calcutta text
    assert ((20,), ()) in gold  # the poem Lane leaves out
    assert (tuple(range(25, 32)), (43,)) in gold  # the passage Lane sums up in one clause
    assert not any("[i_" in s or "[Illustration]" in s or "[k.]" in s for s in en)


def test_fisherman_is_the_tale_after_the_merchants_in_lanes_english() -> None:
    ar, en, gold = fisherman_set()
    assert ar[0].startswith("وما هذه بأعجب من حكاية الصياد") and en[0].startswith("But this, said")
    assert ar[-1].endswith("بالكرة والصولجان.") and en[-1].endswith("the ball and goff-stick.")
    assert ((9,), ()) in gold  # the third poem, which Lane leaves out
    assert ((49,), ()) in gold and ((50,), ()) in gold  # the night break, Shahrazad's recap
    assert ((59,), tuple(range(66, 72))) in gold  # the tale of King Yunan opens
    assert not any("[II_" in s or "[Illustration]" in s or "[s.]" in s for s in en)


def test_apples_is_the_tale_of_the_three_apples_in_paynes_english() -> None:
    ar, en, gold = apples_set()
    assert ar[0].startswith("ثم قال لجعفر ليلةً") and en[0].startswith("The Khalif Haroun")
    assert ar[-1].endswith("قد وهبتُ لك دمه.") and en[-1].endswith("I will kill him.'")
    assert ((3,), tuple(range(3, 12))) in gold  # the old fisherman's poem: nine English lines
    assert ((49,), ()) in gold  # the night break, which Payne does not keep
    assert ((37,), tuple(range(57, 62))) in gold  # the search for apples, enlarged by Payne
    assert not any("[FN#" in s for s in en)


def test_prince_is_the_tale_of_the_ensorcelled_prince_in_burtons_english() -> None:
    ar, en, gold = prince_set()
    assert ar[0].startswith("وذلك يا سيدي أنه كان والدي") and en[0].startswith("Know then, O my")
    assert ar[-1].endswith("إلى أن أتاهم الممات.") and en[-1].endswith("until death came to them.")
    assert ((17,), ()) in gold and ((18,), ()) in gold  # the day at court, which Burton lacks
    assert all(((), (e,)) in gold for e in range(47, 51))  # two poems Bulaq lacks
    assert ((26, 27, 28, 29), tuple(range(51, 74))) in gold  # the third year and the spell
    assert en[34].startswith("When it was the Eighth Night,")
    assert not any("[FN#" in s for s in en)


def test_porter_is_the_mendicants_and_the_caliph_in_lanes_english() -> None:
    ar, en, gold = porter_set()
    assert ar[0].startswith("ثم قامت الدلالة جهَّزَتْ") and en[0].startswith("The cateress then")
    assert ar[-1].endswith("حتى أسمع حديث رفقائي.") and en[-1].endswith("of my companions.")
    assert ((35,), ()) in gold and ((36,), ()) in gold  # the second poem Lane passes over
    assert ((43,), ()) in gold and ((44,), ()) in gold  # the third song, which Lane omits
    assert ((69,), ()) in gold  # the night break
    assert ((41,), tuple(range(40, 49))) in gold  # the second song, line by line
    assert not any("[III_" in s or "[Illustration]" in s or "[a.]" in s for s in en)
