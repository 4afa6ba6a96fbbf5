"""Words no headword matches (verb forms, feminine adjectives) borrow the senses of headwords
of the same consonant skeleton, at a lower weight."""

from __future__ import annotations

from pathlib import Path

from tests.align.wordsets import Gold, strict_f1, word_set, write_dictionary
from workbench.align import align_sentences
from workbench.align.dictionary import RELATED, dictionary_evidence
from workbench.align.scoring import Params
from workbench.dictionary import Lexicon, open_lexicon
from workbench.dictionary.lookup import skeletons
from workbench.text.stems import english_content_stems

# Masculine adjectives as a dictionary gives them; the text writes them feminine (+ ة), a form
# the clitic-and-suffix lookup does not reach (ة is not a suffix of a masculine headword).
ADJECTIVES = {
    "كبير": "big", "صغير": "small", "جميل": "beautiful", "طويل": "tall", "قصير": "short",
    "قديم": "ancient", "جديد": "new", "بعيد": "distant", "قريب": "near", "سعيد": "happy",
    "حزين": "sad", "ثقيل": "heavy", "خفيف": "light", "بارد": "cold", "واسع": "wide",
    "ضيق": "narrow", "عميق": "deep", "فقير": "poor", "نظيف": "clean", "كريم": "generous",
    "عظيم": "great", "شديد": "severe", "سريع": "fast", "غريب": "strange", "مظلم": "dark",
}


def _dictionary(folder: Path) -> Path:
    return write_dictionary(folder / "adjectives.tsv", ADJECTIVES)


def _set(seed: int = 4, lines: int = 40) -> tuple[list[str], list[str], Gold]:
    """Lines of four feminine adjectives; their English as "She was big and new"."""
    return word_set(
        ADJECTIVES, seed=seed, lines=lines,
        arabic=lambda rng, words: " ".join(
            ("ال" if rng.random() < 0.5 else "") + w + "ة" for w in words) + ".",
        english=lambda parts: f"She was {' and '.join(parts)}",
    )


def test_skeletons_reach_the_headword_of_verb_forms_and_feminine_adjectives() -> None:
    assert "كثف" in skeletons("الكثيفة")  # كثيف
    assert "حتج" in skeletons("يحتاج")  # احتاج: person prefix off, alef and long vowel off
    assert "نزل" in skeletons("نزلت")  # نزل: the ending ت off
    assert skeletons("اب") == ()  # two letters meet too many headwords


def test_a_word_no_headword_matches_borrows_a_related_headwords_senses(tmp_path: Path) -> None:
    path = tmp_path / "d.tsv"
    path.write_text("احتاج\tto need\nكثيف\tdense\nكتاب\tbook\n", encoding="utf-8")
    lexicon = open_lexicon([path])
    assert lexicon.glosses("يحتاج") == () and lexicon.glosses("الكثيفة") == ()
    assert "to need" in lexicon.related_glosses("يحتاج")
    assert lexicon.related_glosses("الكثيفة") == ("dense",)
    english = ["The forest needs dense rain.", "A book."]
    evidence = dictionary_evidence(["الغابة تحتاج مطرا كثيفا.", "كتاب."],
                                   [english_content_stems(s) for s in english], lexicon)
    # تحتاج borrows احتاج's sense at the lower weight; كثيفا (tanween) and كتاب are headwords
    assert evidence.ar[0]["V:need"] == RELATED < 1.0
    assert evidence.en[0]["V:need"] == RELATED
    assert evidence.en[0]["V:dense"] == 1.0 and evidence.en[1]["V:book"] == 1.0
    # only a headword's pairs seed the word table
    assert {e for _, e in evidence.seeds} == {"book", "dense"}


def test_related_headwords_align_where_lengths_mislead(tmp_path: Path) -> None:
    ar, en, gold = _set()
    lexicon = open_lexicon([_dictionary(tmp_path)])
    assert all(lexicon.glosses(w + "ة") == () for w in ADJECTIVES)  # the lookup alone fails
    alone = Params(basic_vocabulary=False)  # the basic vocabulary's adjectives not behind it
    without = strict_f1(align_sentences(ar, en, lexicon=_HeadwordsOnly(lexicon),
                                        params=alone).links, gold)
    with_related = strict_f1(align_sentences(ar, en, lexicon=lexicon, params=alone).links, gold)
    assert with_related >= 0.95
    assert with_related >= without + 0.3


class _HeadwordsOnly:
    """The same dictionary without related headwords."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    def glosses(self, word: str) -> tuple[str, ...]:
        return self.lexicon.glosses(word)

    def best_keys(self, word: str) -> list[str]:
        return self.lexicon.best_keys(word)
