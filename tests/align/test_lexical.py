"""Lexical knowledge in the aligner: a dictionary where lengths mislead, confirmed pairs,
paragraph continuation lines, ``align --dictionary`` and the project's imports."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner

from bench.align import confirmed_pairs, hayy_set, layout_set, nights_set
from bench.align import strict_f1 as gold_f1
from tests.align.wordsets import Gold, strict_f1, word_set, write_dictionary
from tests.dictionary import builders
from workbench.align import align_sentences
from workbench.align.aligner import (
    TwoPassAligner,
    _paragraphs_whole,
    _sentences_unmarked,
    continuation_lines,
)
from workbench.align.scoring import Params
from workbench.cli import main
from workbench.dictionary import open_lexicon
from workbench.project import Project

# Real Arabic words and their English translations (the test's own small dictionary).
WORDS = {
    "كتاب": "book", "مدرسة": "school", "شمس": "sun", "قمر": "moon", "بحر": "sea",
    "جبل": "mountain", "نهر": "river", "مدينة": "city", "قرية": "village", "طريق": "road",
    "بيت": "house", "باب": "door", "شجرة": "tree", "زهرة": "flower", "حصان": "horse",
    "طائر": "bird", "سمكة": "fish", "ملك": "king", "جندي": "soldier", "تاجر": "merchant",
    "طبيب": "doctor", "معلم": "teacher", "سفينة": "ship", "مطر": "rain", "ثلج": "snow",
    "نار": "fire", "ماء": "water", "خبز": "bread", "ذهب": "gold", "سيف": "sword",
    "قلم": "pen", "رسالة": "letter", "حديقة": "garden", "سوق": "market", "قصر": "palace",
    "صحراء": "desert", "جزيرة": "island", "ليل": "night", "صباح": "morning", "نجم": "star",
}


CHARS = Params(subwords=False)  # no sentencepiece model: faster, for what needs no search


def _dictionary(folder: Path) -> Path:
    return write_dictionary(folder / "words.tsv", WORDS)


def _arabic(rng: random.Random, words: list[str]) -> str:
    prefixes = ["و" if rng.random() < 0.3 else "" for _ in words]
    return " ".join(p + ("ال" if rng.random() < 0.5 else "") + w
                    for p, w in zip(prefixes, words, strict=True)) + "."


def _set(seed: int = 2, lines: int = 40) -> tuple[list[str], list[str], Gold]:
    """Lines of four words with clitics; their English as "The sun and the sea"."""
    return word_set(WORDS, seed=seed, lines=lines, arabic=_arabic,
                    english=lambda parts: f"The {' and the '.join(parts)}")


def test_a_dictionary_aligns_where_lengths_mislead(tmp_path: Path) -> None:
    ar, en, gold = _set()
    lexicon = open_lexicon([_dictionary(tmp_path)])
    lengths_only = Params(basic_vocabulary=False)
    without = strict_f1(align_sentences(ar, en, params=lengths_only).links, gold)
    with_dictionary = strict_f1(
        align_sentences(ar, en, lexicon=lexicon, params=lengths_only).links, gold)
    assert with_dictionary >= 0.95
    assert with_dictionary >= without + 0.2


def test_an_english_arabic_dictionary_serves_as_well(tmp_path: Path) -> None:
    ar, en, gold = _set()
    index = builders.dictd(tmp_path, "words-eng-ara",
                           articles=[(e, "x", [a]) for a, e in WORDS.items()])
    with_dictionary = strict_f1(align_sentences(ar, en, lexicon=open_lexicon([index])).links,
                                gold)
    assert with_dictionary >= 0.95


def test_a_dictionary_that_translates_nothing_is_reported(tmp_path: Path) -> None:
    ar, en, _ = _set(lines=80)
    french = write_dictionary(tmp_path / "fr.tsv", {"chat": "cat", "chien": "dog"})
    warned = align_sentences(ar, en, lexicon=open_lexicon([french])).warnings
    assert any("translates 0.0%" in w for w in warned)
    # a small word list is not told it may not be a dictionary at all, first
    assert any("a word list of 2 headwords covers few" in w for w in warned), warned
    assert not align_sentences(ar, en, lexicon=open_lexicon([_dictionary(tmp_path)])).warnings
    one = write_dictionary(tmp_path / "one.tsv", {"chat": "cat"})
    warned = align_sentences(ar, en, lexicon=open_lexicon([one])).warnings
    assert any("a word list of 1 headword covers few" in w for w in warned), warned


def test_dictionary_evidence_is_seen_both_ways(tmp_path: Path) -> None:
    ar, en, _ = _set(lines=10)
    aligner = TwoPassAligner(ar, en, lexicon=open_lexicon([_dictionary(tmp_path)]))
    evidence = aligner.evidence
    assert evidence is not None and evidence.translatable > 0.9
    first = evidence.ar[0]
    assert {c for c in first if c.startswith("W:")} and {c for c in first if c.startswith("V:")}
    assert all(c.startswith(("W:", "V:")) for bag in evidence.en for c in bag)
    assert ("كتاب", "book") in evidence.seeds or any(e == "book" for _, e in evidence.seeds)


def test_confirmed_pairs_train_the_word_table() -> None:
    ar, en, gold = _set(seed=5)
    pairs = [(a, WORDS[a]) for a in WORDS]  # translated "segments" of one word each
    aligner = TwoPassAligner(ar, en, pairs=pairs)
    assert strict_f1(aligner.run().links, gold) >= strict_f1(align_sentences(ar, en).links, gold)
    extra_a, extra_e = aligner._extra_training(*aligner._stems())
    assert len(extra_a) >= len(WORDS) - 2 and ["book"] in extra_e


def test_confirmed_pairs_of_another_domain_do_not_mislead_the_word_table() -> None:
    """A project's 384 confirmed news pairs, cut down to the few common words they share with
    a literary text, taught the table wrong translations: nights 0.67 -> 0.62 (no dictionary;
    hayy2 0.70 -> 0.47)."""
    ar, en, gold = nights_set()
    alone = gold_f1(align_sentences(ar, en).links, gold)
    news = confirmed_pairs()
    assert gold_f1(align_sentences(ar, en, pairs=news).links, gold) >= alone - 0.02
    taken, _ = TwoPassAligner(ar, en, params=CHARS, pairs=news)._pair_groups()
    assert len(taken) < 0.05 * len(news)  # the news pairs hardly concern the text


def test_pairs_of_the_same_book_train_the_word_table_within_the_texts_size() -> None:
    ar, en, gold = hayy_set()
    book = [(" ".join(ar[i] for i in a), " ".join(en[j] for j in e)) for a, e in gold if a and e]
    taken, _ = TwoPassAligner(ar[40:], en[40:], params=CHARS, pairs=book)._pair_groups()
    assert len(book) / 2 <= len(taken) <= max(len(ar) - 40, len(en) - 40)
    many, _ = TwoPassAligner(ar[40:60], en[40:60], params=CHARS, pairs=book * 3)._pair_groups()
    assert len(many) == 20  # no more pairs than the text has sentences


def test_continuation_lines_keep_paragraphs_whole() -> None:
    assert continuation_lines(["a", " b", "\tc", "d"]) == [False, True, True, False]
    # indentation that is the file's own, not a mark: every line, or each paragraph's first
    assert continuation_lines([" a", " b", " c"]) == [False, False, False]
    assert continuation_lines(["  a", "b", "  c", "d"]) == [False, False, False, False]
    # Arabic text copied from a word processor: a right-to-left mark before or after the
    # space, a no-break space; a BOM on the first line is not an indent
    rlm = "\u200f"
    assert continuation_lines(["\ufeffقال", f"{rlm} ثم", f" {rlm}ثم", "\u00a0ثم", f"{rlm}قال"]) \
        == [False, True, True, True, False]
    ar = ["الشمس تشرق.", "القمر يغيب.", "البحر هادئ."]
    en = ["The sun rises.", " The moon sets.", "The sea is calm."]
    plain = align_sentences(ar, en).links
    marked = align_sentences(ar, en, continues=([False, True, False], continuation_lines(en)))
    assert ([0], [0]) in plain
    assert marked.links == [([0, 1], [0, 1]), ([2], [2])]
    assert len(marked.confidence) == 2


def test_one_side_marks_its_paragraphs_and_the_other_is_in_sentences() -> None:
    """NTREX lines in paragraphs of up to 12, marked on the English only, the Arabic one
    sentence a line: the sentences are aligned, then no English paragraph is cut (as units
    against Arabic sentences, a paragraph of 10–12 lines could never be one link)."""
    ar, en, gold, marks = layout_set(12, both=False)
    result = align_sentences(ar, en, continues=marks)
    assert strict_f1(result.links, {(tuple(a), tuple(e)) for a, e in gold}) >= 0.95
    assert len(result.confidence) == len(result.links)
    # which side: the unmarked side's lines are as many as the marked side's lines (600
    # sentences), not its paragraphs; an Arabic article a line (law) keeps paragraph units
    assert _sentences_unmarked(600, 600, 600, 180) == 1
    assert _sentences_unmarked(93, 202, 83, 202) == 0
    assert _sentences_unmarked(153, 206, 153, 152) is None
    assert _sentences_unmarked(93, 202, 83, 90) is None  # both sides marked


def test_links_that_cut_a_marked_paragraph_are_merged() -> None:
    links = [([0], [0]), ([1], [1]), ([], [2]), ([2], [3]), ([3], [])]
    merged = _paragraphs_whole(links, [0.9, 0.6, 0.8, 0.95, 0.7], [False, True, True, False], 1)
    assert merged == ([([0, 1], [0, 1, 2]), ([2], [3]), ([3], [])], [0.6, 0.95, 0.7])
    # an Arabic sentence linked to nothing inside an English paragraph is taken in too
    inside = _paragraphs_whole([([0], [0]), ([1], []), ([2], [1])], [0.9, 0.3, 0.8],
                               [False, True], 1)
    assert inside == ([([0, 1, 2], [0, 1])], [0.3])


def test_a_paragraph_of_more_lines_than_any_link_shape_stays_whole(tmp_path: Path) -> None:
    """A 2–8 paragraph pair (sentence links stop at 1–9 and 3–3) is one link, and the
    paragraphs around it keep their own."""
    rng = random.Random(3)
    ar: list[str] = []
    en: list[str] = []
    ar_cont: list[bool] = []
    en_cont: list[bool] = []
    gold = []
    for k_ar, k_en in [(1, 1), (2, 8), (1, 2), (1, 1), (1, 3), (2, 1)]:
        words = rng.sample(list(WORDS), 3 * k_en)
        gold.append((list(range(len(ar), len(ar) + k_ar)), list(range(len(en), len(en) + k_en))))
        for k in range(k_en):
            en.append((" " if k else "") + " ".join(WORDS[w] for w in words[3 * k : 3 * k + 3])
                      .capitalize() + ".")
            en_cont.append(k > 0)
        cut = len(words) // k_ar
        for k in range(k_ar):
            ar.append((" " if k else "") + " ".join(words[k * cut : (k + 1) * cut] if k < k_ar - 1
                                                    else words[k * cut :]) + ".")
            ar_cont.append(k > 0)
    assert continuation_lines(ar) == ar_cont and continuation_lines(en) == en_cont
    lexicon = open_lexicon([_dictionary(tmp_path)])
    result = align_sentences(ar, en, lexicon=lexicon, continues=(ar_cont, en_cont))
    assert result.links == gold
    assert len(result.confidence) == len(gold)
    assert gold[1] not in align_sentences(ar, en, lexicon=lexicon).links  # no such shape


def test_cli_align_with_a_dictionary(tmp_path: Path) -> None:
    ar, en, gold = _set(lines=40)
    (tmp_path / "ar.txt").write_text("\n".join(ar) + "\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text("\n".join(en) + "\n", encoding="utf-8")
    args = ["align", str(tmp_path / "ar.txt"), str(tmp_path / "en.txt"), "--presegmented"]
    result = CliRunner().invoke(main, [*args, "--dictionary", str(_dictionary(tmp_path))])
    assert result.exit_code == 0, result.output
    assert strict_f1(json.loads(result.output)["links"], gold) >= 0.95
    bad = CliRunner().invoke(main, [*args, "--dictionary", str(tmp_path / "none.tsv")])
    assert bad.exit_code == 2 and "none.tsv" in bad.output


def test_imports_use_the_projects_dictionaries_pairs_and_memories(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import workbench.project.importing as importing

    seen: dict[str, object] = {}
    real = importing.align_paragraphs

    def spy(ar, en, **kw):  # type: ignore[no-untyped-def]
        seen.update(kw)
        return real(ar, en, **kw)

    monkeypatch.setattr(importing, "align_paragraphs", spy)
    project.dictionaries.add(_dictionary(tmp_path))
    seg = project.segments(None, 0, 1)[0]
    project.confirm(seg.id, "A confirmed translation of the first segment.", override_reason="t")
    memory = tmp_path / "old.tsv"
    memory.write_text("ذهب <1>الرجل</1> إلى السوق.\tThe <1>man</1> went to the market.\n"
                      "كتاب\tbook\n", encoding="utf-8")
    project.tm.import_file(memory, "old")
    doc = project.document_by_id(seg.document_id).name
    english = tmp_path / "ref.en.txt"
    english.write_text("The sun and the moon.\n", encoding="utf-8")
    project.import_translation(english, doc, "reference", "other")
    assert seen["lexicon"] is not None
    pairs = seen["pairs"]
    assert "confirmed translation" in pairs[0][1]  # type: ignore[index]  # the project's first
    assert ("ذهب الرجل إلى السوق.", "The man went to the market.") in pairs  # type: ignore[operator]
    assert ("كتاب", "book") in pairs  # type: ignore[operator]
    assert len(project.dictionaries.training_pairs(limit=2)) == 2


def test_the_shape_penalties_are_relearnt_only_where_the_first_pass_explains_the_text(
    tmp_path: Path,
) -> None:
    # Re-estimated from a first pass that explains little of the text (a free literary
    # translation with a dictionary), the penalties learn its mistakes: they stay as given.
    ar, en, _ = _set(seed=7, lines=30)
    few = tmp_path / "few.tsv"
    few.write_text("كتاب\tbook\nشمس\tsun\n", encoding="utf-8")
    runs = {}
    for name, lexicon in (("none", None), ("all", open_lexicon([_dictionary(tmp_path)])),
                          ("few", open_lexicon([few]))):
        aligner = TwoPassAligner(ar, en, lexicon=lexicon, params=Params(basic_vocabulary=False))
        aligner.run()
        runs[name] = aligner.final_params.priors
    assert runs["none"] and runs["all"]  # re-estimated from the first pass
    assert runs["few"] == {}  # the given penalties
