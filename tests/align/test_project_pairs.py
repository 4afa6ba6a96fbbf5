"""A project's confirmed segment pairs train the aligner's word table (issue 13): they help
without a dictionary and make an alignment no worse with one."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.align import FREEDICT, gold_pairs, hayy2_set, hayy_set, strict_f1
from bench.common import ROOT
from workbench.align import align_paragraphs, align_sentences
from workbench.dictionary import open_lexicon
from workbench.project import Project


@pytest.mark.skipif(not FREEDICT.exists(), reason="FreeDict (dict-freedict-ara-eng) not here")
def test_a_books_confirmed_pairs_help_its_next_passage_and_never_hurt_it_with_freedict(
    tmp_path: Path,
) -> None:
    # corpora/hayy's gold links as the paragraphs of a document in a project with FreeDict,
    # its English imported and confirmed: the project's pairs (the aligner splits some
    # paragraphs, and 2-1 links join segments). hayy2, the passage after it, is then aligned
    # through the project, with the dictionary and without it.
    ar, en, gold = hayy_set()
    links = [(a, e) for a, e in gold if a and e]
    ar2, en2, gold2 = hayy2_set()
    lexicon = open_lexicon([FREEDICT])
    plain, with_dictionary = (
        strict_f1(align_paragraphs([ar2], [en2], lexicon=lex).links, gold2)
        for lex in (None, lexicon)
    )
    with Project.open(tmp_path / "book.db", create=True, author="t") as project:
        name = project.dictionaries.add(FREEDICT).name
        project.import_document_text("\n\n".join(" ".join(ar[i] for i in a) for a, _ in links),
                                     "hayy")
        project.import_translation_text(
            "\n\n".join(" ".join(en[j] for j in e) for _, e in links), "hayy", "working")
        segments = project.segments("hayy", 0, 1000)
        project.confirm_many([s.id for s in segments], override_reason="test")
        assert len(project.dictionaries.training_pairs()) > len(links)
        taught_with_dictionary = strict_f1(project.align([ar2], [en2]).links, gold2)
        project.dictionaries.remove(name)
        taught = strict_f1(project.align([ar2], [en2]).links, gold2)
    assert taught > plain  # 0.698 -> 0.736
    assert taught_with_dictionary >= with_dictionary  # 0.811 (before stop 53: 0.774)


def test_with_a_word_list_the_pairs_still_teach_the_clause_search() -> None:
    # A project's word list (its glossary, 39 headwords) is no dictionary: the clause search
    # of a free translation keeps learning from the pairs, as with the basic vocabulary.
    ar, en, gold = hayy2_set()
    words = open_lexicon([ROOT / "glossary.tsv"])
    without, taught = (
        strict_f1(align_sentences(ar, en, lexicon=words, pairs=pairs).links, gold)
        for pairs in ((), gold_pairs(hayy_set()))
    )
    assert taught > without  # 0.736 -> 0.774
