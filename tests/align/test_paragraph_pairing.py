"""Pairing paragraphs when the counts differ: one joined paragraph is found, and the sentence
search then favours links that start where paired paragraphs start (paragraphs.paragraph_starts)."""

from __future__ import annotations

import random

import pytest

import workbench.align.paragraphs as paragraphs_module
from tests.conftest import CORPORA
from workbench.align import align_paragraphs
from workbench.align.paragraphs import pair_paragraphs


def _paragraphs(size: int) -> tuple[list[list[str]], list[list[str]]]:
    ar = (CORPORA / "ntrex128" / "ar.txt").read_text(encoding="utf-8").splitlines()
    en = (CORPORA / "ntrex128" / "en.txt").read_text(encoding="utf-8").splitlines()
    rng = random.Random(4)
    ar_pars: list[list[str]] = []
    en_pars: list[list[str]] = []
    i = 0
    while i < size:
        k = rng.randint(2, 7)
        ar_pars.append(ar[i : i + k])
        en_pars.append(en[i : i + k])
        i += k
    return ar_pars, en_pars


def test_one_joined_paragraph_is_found() -> None:
    ar, en = _paragraphs(190)
    joined = [*en[:10], en[10] + en[11], *en[12:]]
    links = pair_paragraphs([sum(map(len, p)) for p in ar], [sum(map(len, p)) for p in joined])
    assert links is not None
    assert ([10, 11], [10]) in links
    assert all(a == e for a, e in links[:10])
    assert all(a == [e[0] + 1] for a, e in links[11:])


def test_unrelated_structures_are_not_paired() -> None:
    rng = random.Random(1)
    ar = [rng.randint(50, 2000) for _ in range(60)]
    en = [rng.randint(50, 2000) for _ in range(45)]
    assert pair_paragraphs(ar, en) is None


def test_sentences_align_with_the_paired_paragraphs() -> None:
    ar, en = _paragraphs(190)
    joined = [*en[:10], en[10] + en[11], *en[12:]]
    result = align_paragraphs(ar, joined)
    ones = [(a, e) for a, e in result.links if len(a) == 1 and len(e) == 1]
    assert all(a == e for a, e in ones)
    assert len(ones) >= sum(map(len, ar)) - 4


def test_blocks_of_rows_pair_the_paragraphs_as_one_block(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(9)
    ar = [float(rng.randrange(80, 2000)) for _ in range(300)]
    en = [x * rng.uniform(0.85, 1.2) for x in ar]
    en[40:42] = [en[40] + en[41]]  # one joined,
    en[200:201] = [en[200] * 0.4, en[200] * 0.6]  # and one split (Arabic 201)
    whole = pair_paragraphs(ar, en)
    assert whole is not None and ([40, 41], [40]) in whole and ([201], [200, 201]) in whole
    monkeypatch.setattr(paragraphs_module, "BLOCK", 7)
    assert pair_paragraphs(ar, en) == whole


def test_equal_paragraph_counts_are_not_taken_on_trust() -> None:
    """The translation joins two paragraphs and splits another: as many paragraphs as the
    Arabic, but paragraph p no longer faces paragraph p in between. Pairing them 1–1 bound
    the sentences between the join and the split to the wrong paragraphs."""
    ar, en = _paragraphs(190)
    changed = [*en[:10], en[10] + en[11], *en[12:40], en[40][:1], en[40][1:], *en[41:]]
    assert len(changed) == len(ar) and len(en[40]) > 1
    result = align_paragraphs(ar, changed)
    ones = [(a, e) for a, e in result.links if len(a) == 1 and len(e) == 1]
    assert all(a == e for a, e in ones)  # the sentences are the same, in order
    assert len(ones) >= sum(map(len, ar)) - 4
    assert not result.warnings and result.related > 0.9


def test_one_sentence_paragraphs_align_as_the_sentences_would() -> None:
    """Lines that are each a paragraph (a text one sentence a line), a tenth of them joined on
    either side: their lengths cannot pair the paragraphs reliably, so they are not paired
    (pairing them here gave strict F1 0.40 instead of 1.00)."""
    from bench.align import merged_set, strict_f1
    from workbench.align import align_sentences

    ar, en, gold = merged_set("ntrex128", seed=106)
    assert len(ar) == len(en)  # the counts even agree, by chance
    as_paragraphs = align_paragraphs([[s] for s in ar], [[s] for s in en])
    assert as_paragraphs.links == align_sentences(ar, en).links
    assert strict_f1(as_paragraphs.links, gold) == 1.0


def test_a_wrong_pairing_does_not_force_wrong_links(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pairing only lowers the cost of links at the paired starts: one a paragraph off
    (bound to it, every sentence was linked wrong and the texts looked unrelated) leaves the
    sentences' own evidence to decide."""
    ar, en = _paragraphs(120)
    right = align_paragraphs(ar, en)
    # a pairing in order but one paragraph off: Arabic paragraph k faces English k + 1
    last = len(ar) - 1
    wrong = [([0], [0, 1]), *(([k], [k + 1]) for k in range(1, last - 1)),
             ([last - 1, last], [last])]
    monkeypatch.setattr(paragraphs_module, "pair_paragraphs", lambda *_: wrong)
    result = align_paragraphs(ar, en)
    assert result.links == right.links and result.related > 0.9 and not result.warnings


def test_paragraphs_are_paired_unless_both_sides_are_a_sentence_a_paragraph(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A literary translation's Arabic paragraph is often one long sentence that the English
    renders in several: the paired starts still count there (Hamadhani's Maqamat, a held-out
    text read locally, its English paragraphed as its gold links: strict F1 0.68 as sentences,
    0.94 with them). Only when both sides hold about a sentence a paragraph is it left out."""
    calls: list[int] = []
    real = paragraphs_module.pair_paragraphs

    def counted(*args: object) -> object:
        calls.append(1)
        return real(*args)

    monkeypatch.setattr(paragraphs_module, "pair_paragraphs", counted)
    ar, en = _paragraphs(120)
    one_sentence_arabic = [[" ".join(p)] for p in ar]
    align_paragraphs(one_sentence_arabic, en)
    assert calls == [1]
    align_paragraphs([[s] for p in ar for s in p], [[s] for p in en for s in p])
    assert calls == [1]  # not called again


def test_a_translators_note_after_the_last_paragraph_does_not_shift_the_last_pairs() -> None:
    """The English ends with a note of the translator's, about as long as the last Arabic
    paragraph: paired by lengths alone, the last Arabic paragraph faced the note and the one
    before it took both last English paragraphs (its last English sentences and the note
    then went to the wrong segments, looking sure). The pairing still gets the end wrong
    (English paragraph 49 paired with none, the note with Arabic 49); evidence, not bounds,
    it gives way to the sentences' own."""
    ar = (CORPORA / "ntrex128" / "ar.txt").read_text(encoding="utf-8").splitlines()
    en = (CORPORA / "ntrex128" / "en.txt").read_text(encoding="utf-8").splitlines()
    ar_pars = [ar[i : i + 4] for i in range(0, len(ar), 4)]
    en_pars = [en[i : i + 4] for i in range(0, len(en), 4)]
    note = ("Translator's note: names were transliterated following the conventions of the "
            "Associated Press.")
    result = align_paragraphs(ar_pars, [*en_pars, [note]])
    assert ([], [len(en)]) in result.links
    last = [(a, e) for a, e in result.links if a and a[0] >= len(ar) - 6]
    assert last == [([i], [i]) for i in range(len(ar) - 6, len(ar))]


def test_a_paragraph_left_out_leaves_its_sentences_unlinked() -> None:
    """TICO-19's memo in paragraphs of four lines, its English without paragraph 11: the pairing
    leaves that Arabic paragraph out (it was joined to the next, whose English was then
    linked to the left-out sentences at 0.94-0.98, and the next paragraph squeezed 5-1)."""
    ar = (CORPORA / "tico19" / "ar.txt").read_text(encoding="utf-8").splitlines()[88:]
    en = (CORPORA / "tico19" / "en.txt").read_text(encoding="utf-8").splitlines()[88:]
    ar_pars = [ar[i : i + 4] for i in range(0, len(ar), 4)]
    en_pars = [en[i : i + 4] for i in range(0, len(en), 4)]
    left_out = 10
    lines = [i for p, par in enumerate(ar_pars) if p != left_out
             for i in range(4 * p, 4 * p + len(par))]
    result = align_paragraphs(ar_pars, en_pars[:left_out] + en_pars[left_out + 1 :])
    for (a, e), confidence in zip(result.links, result.confidence, strict=True):
        if not e:
            continue
        assert [lines[x] for x in e] == a or confidence < 0.5, (a, e, confidence)
    unlinked = sorted(x for a, e in result.links if not e for x in a)
    assert unlinked == list(range(4 * left_out, 4 * left_out + 4))


def test_a_paragraph_added_to_the_translation_is_left_alone() -> None:
    """The same memo's English with a translator's note of three sentences as a paragraph of
    its own: its sentences are left unlinked (the pairing joined it to a neighbour, and the
    paragraphs before it were linked shifted by a sentence, the note at 0.98)."""
    ar = (CORPORA / "tico19" / "ar.txt").read_text(encoding="utf-8").splitlines()[88:]
    en = (CORPORA / "tico19" / "en.txt").read_text(encoding="utf-8").splitlines()[88:]
    ar_pars = [ar[i : i + 4] for i in range(0, len(ar), 4)]
    en_pars = [en[i : i + 4] for i in range(0, len(en), 4)]
    note = ["Translator's note: the following section refers to the Foundation's internal "
            "policies as they stood in March 2020.", "Several of these policies have since "
            "been revised.", "Readers should consult the current staff handbook for details."]
    at = 10
    result = align_paragraphs(ar_pars, [*en_pars[:at], note, *en_pars[at:]])
    for (a, e), confidence in zip(result.links, result.confidence, strict=True):
        if a and e:
            assert [x if x < 4 * at else x - 3 for x in e] == a or confidence < 0.5, (a, e)
    unlinked = sorted(x for a, e in result.links if not a for x in e)
    assert unlinked == [4 * at, 4 * at + 1, 4 * at + 2]


def test_pairing_links_a_left_out_and_an_added_paragraph_to_nothing() -> None:
    rng = random.Random(5)
    ar = [float(rng.randrange(200, 1500)) for _ in range(60)]
    en = [x * rng.uniform(0.9, 1.1) for x in ar]
    en = [*en[:20], *en[21:40], 450.0, *en[40:]]  # Arabic 20 left out; a note before 40
    links = pair_paragraphs(ar, en)
    assert links is not None
    assert ([20], []) in links and ([], [39]) in links
    assert sum(1 for a, e in links if len(a) == 1 and len(e) == 1) == 59
