"""The bench's count of what the dictionary evidence finds (bench/evidence.py)."""

from bench.evidence import (
    FOUND,
    FUNCTION,
    IN_TEXT,
    NEIGHBOUR,
    OTHER,
    OWN,
    PARTICLE,
    RELATED_SENSE,
    recall_counts,
)

SENSES = {"كلب": ("Dog",), "قطة": ("House",), "بيت": ("Home",)}


class Glossary:
    """A tiny dictionary: a word's senses by the word without its article."""

    @staticmethod
    def _key(word: str) -> str:
        return word[2:] if word.startswith("ال") else word

    def glosses(self, word: str) -> tuple[str, ...]:
        return SENSES.get(self._key(word), ())

    def best_keys(self, word: str) -> list[str]:
        return [self._key(word)] if self._key(word) in SENSES else []


def test_each_word_counted_where_its_senses_meet_the_english() -> None:
    ar = ["الكلب يأكل", "القطة تنام", "البيت كبير", "في"]
    en = ["The dog eats.", "The cat sleeps.", "The house is big.", "Inside."]
    gold = [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), ())]
    counts = recall_counts(ar, en, gold, Glossary())
    assert counts["words"] == 6  # the one-sided link and the stop word في not counted
    assert counts[FOUND] == 3
    assert counts[IN_TEXT] == 2  # "home" is nowhere in the English
    assert counts[OWN] == 1  # كلب: dog
    assert counts[NEIGHBOUR] == 1  # قطة given "house": the next link's, not its own


ENTRIES = {"كلب": ("كلب", ("Dog",)), "نفسه": ("نفسه", ("Himself",)), "ومثل": ("مثل", ("Proverb",))}


class Readings:
    """A tiny dictionary: each word's headword key and senses."""

    def glosses(self, word: str) -> tuple[str, ...]:
        return ENTRIES[word][1] if word in ENTRIES else ()

    def best_keys(self, word: str) -> list[str]:
        return [ENTRIES[word][0]] if word in ENTRIES else []


def test_matches_counted_by_kind_in_their_own_link_or_a_neighbours() -> None:
    ar = ["كلب نفسه ومثل", "ومثل"]
    en = ["A dog himself.", "A proverb."]
    gold = [((0,), (0,)), ((1,), (1,))]
    counts = recall_counts(ar, en, gold, Readings())
    assert counts[OTHER, "matches"] == counts[OTHER, OWN] == 1  # كلب: dog
    assert counts[FUNCTION, "matches"] == counts[FUNCTION, OWN] == 1  # نفسه: himself
    # مثل, a particle: its sense met in its own link and, from the first, in the next one's
    assert counts[PARTICLE, "matches"] == 2
    assert counts[PARTICLE, OWN] == counts[PARTICLE, NEIGHBOUR] == 1
    assert counts[RELATED_SENSE, "matches"] == 0
