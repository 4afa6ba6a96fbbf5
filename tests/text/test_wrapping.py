"""Hard-wrapped texts (Project Gutenberg style): their blocks are the paragraphs."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tests.conftest import CORPORA
from workbench.align import align_paragraphs
from workbench.text.segment import segment_paragraphs, split_paragraphs, split_sentences
from workbench.text.wrapping import is_hard_wrapped, unwrapped_paragraphs

HAYY = CORPORA / "hayy"


def _paragraphs(name: str) -> list[str]:
    return [p.strip() for p in (HAYY / name).read_text(encoding="utf-8").split("\n") if p.strip()]


def _wrapped(paragraphs: list[str], width: int, indent: bool = False) -> str:
    lines: list[str] = []
    for p in paragraphs:
        lines += textwrap.wrap(p, width, initial_indent="    " if indent else "",
                               break_on_hyphens=False)  # as e-texts: words are never split
        if not indent:
            lines.append("")
    return "\n".join(lines)


@pytest.mark.parametrize("width", [60, 72, 100])
@pytest.mark.parametrize("name", ["en_paragraphs.txt", "ar_paragraphs.txt"])
def test_a_wrapped_text_reads_as_its_paragraphs(name: str, width: int) -> None:
    paragraphs = _paragraphs(name)
    text = _wrapped(paragraphs, width)
    assert is_hard_wrapped(text.split("\n"))
    assert split_paragraphs(text) == [" ".join(p.split()) for p in paragraphs]


@pytest.mark.parametrize("width", [60, 72])
def test_arabic_paragraphs_of_one_long_sentence_wrapped_read_as_paragraphs(width: int) -> None:
    """Hayy's paragraphs of one sentence (as a law's articles are) wrapped were read a line a
    paragraph, each sentence cut into fragments: no sentence ends inside a line, only clauses
    (at ، and ؛)."""
    paragraphs = [p for p in _paragraphs("ar_paragraphs.txt")
                  if len(split_sentences(p, "ar")) == 1 and len(p) > 120]
    assert len(paragraphs) >= 5
    text = _wrapped(paragraphs, width)
    assert is_hard_wrapped(text.split("\n"))
    assert split_paragraphs(text) == [" ".join(p.split()) for p in paragraphs]


def test_paragraphs_that_start_indented_without_blank_lines() -> None:
    paragraphs = _paragraphs("en_paragraphs.txt")
    assert split_paragraphs(_wrapped(paragraphs, 72, indent=True)) == [
        " ".join(p.split()) for p in paragraphs]


@pytest.mark.parametrize("text", [
    # verse: lines as even as a wrap, but no sentence ends inside them
    "قفا نبك من ذكرى حبيب ومنزل\nبسقط اللوى بين الدخول فحومل\nفتوضح فالمقراة لم يعف رسمها\n"
    "لما نسجتها من جنوب وشمأل\n\nترى بعر الآرام في عرصاتها\nوقيعانها كأنه حب فلفل\n"
    "كأني غداة البين يوم تحملوا\nلدى سمرات الحي ناقف حنظل",
    # the same verse with a comma ending each hemistich, as some editions type it
    "قفا نبك من ذكرى حبيب ومنزل،\nبسقط اللوى بين الدخول فحومل\nفتوضح فالمقراة لم يعف رسمها،\n"
    "لما نسجتها من جنوب وشمأل\n\nترى بعر الآرام في عرصاتها،\nوقيعانها كأنه حب فلفل\n"
    "كأني غداة البين يوم تحملوا،\nلدى سمرات الحي ناقف حنظل",
    # a list
    "apple\nbanana tree\ncherry\ndate palm\n\nfig\ngrape vine\nlemon\nmango\nolive",
])
def test_verse_and_lists_keep_their_lines(text: str) -> None:
    assert not is_hard_wrapped(text.split("\n"))
    assert split_paragraphs(text) == [line for line in text.split("\n") if line]


@pytest.mark.parametrize("name", ["ar.txt", "en.txt", "ar_paragraphs.txt", "en_paragraphs.txt"])
def test_one_paragraph_or_sentence_a_line_is_not_wrapped(name: str) -> None:
    lines = (HAYY / name).read_text(encoding="utf-8").split("\n")
    assert not is_hard_wrapped(lines)


def test_a_wrapped_translation_aligns_as_the_unwrapped_one() -> None:
    ar = segment_paragraphs(_paragraphs("ar_paragraphs.txt"), "ar")
    english = _paragraphs("en_paragraphs.txt")
    plain = align_paragraphs(ar, segment_paragraphs(english, "en"))
    wrapped = align_paragraphs(ar, segment_paragraphs(split_paragraphs(_wrapped(english, 66)),
                                                      "en"))
    assert wrapped.links == plain.links


def test_a_presegmented_import_keeps_its_lines(tmp_path: Path) -> None:
    from workbench.project import Project

    ar = _paragraphs("ar_paragraphs.txt")[:6]
    english = _wrapped(_paragraphs("en_paragraphs.txt")[:4], 60)
    assert is_hard_wrapped(english.split("\n"))
    (tmp_path / "doc.txt").write_text("\n".join(ar), encoding="utf-8")
    (tmp_path / "en.txt").write_text(english, encoding="utf-8")
    with Project.open(tmp_path / "p.db", create=True) as project:
        project.import_document(tmp_path / "doc.txt", "doc")
        lines = project.import_translation(tmp_path / "en.txt", "doc", "reference",
                                           presegmented=True)
        joined = project.import_translation(tmp_path / "en.txt", "doc", "draft")
    assert lines.sentences == sum(1 for line in english.split("\n") if line.strip())
    assert joined.sentences < lines.sentences


def test_words_split_at_line_ends_are_joined() -> None:
    """A scanned book's line-end hyphens: the word is joined whole where the text uses it
    whole, a compound keeps its hyphen, a soft hyphen always joins, a dash stays."""
    text = textwrap.dedent("""\
        The translation of this book was begun in the year of the great storm and
        was finished much later; the transla-
        tion was read by a well-
        known writer, whose well-known and self-
        evident style--it was admired--and whose soft\u00ad
        ness of manner won every reader in the town, from the least to the greatest.
        He wrote at night and slept by day, and no one knew the hours he kept at all.
        """)
    assert unwrapped_paragraphs(text.split("\n")) == [
        "The translation of this book was begun in the year of the great storm and was "
        "finished much later; the translation was read by a well-known writer, whose "
        "well-known and self-evident style--it was admired--and whose softness of manner won "
        "every reader in the town, from the least to the greatest. He wrote at night and "
        "slept by day, and no one knew the hours he kept at all."]


def test_verse_parting_its_hemistichs_with_an_ellipsis_is_no_wrapped_text() -> None:
    verses = [  # al-Mutanabbi, a verse a line, as Arabic poetry is typed
        "إِذَا غَامَرْتَ فِي شَرَفٍ مَرُومٍ ... فَلا تَقْنَعْ بِمَا دُونَ النُّجُومِ",
        "فَطَعْمُ المَوْتِ فِي أَمْرٍ حَقِيرٍ ... كَطَعْمِ المَوْتِ فِي أَمْرٍ عَظِيمِ",
        "سَتَبْكِي شَجْوَهَا فَرَسِي وَمُهْرِي ... صَفَائِحُ دَمْعُهَا مَاءُ الجُسُومِ",
        "قُرِينَ النَّارَ ثُمَّ نَشَأْنَ فِيهَا ... كَمَا نَشَأَ العَذَارَى فِي النَّعِيمِ",
        "وَفَارَقْنَ الصَّيَاقِلَ مُخْلَصَاتٍ ... وَأَيْدِيهَا كَثِيرَاتُ الكُلُومِ",
        "يَرَى الجُبَنَاءُ أَنَّ العَجْزَ عَقْلٌ ... وَتِلْكَ خَدِيعَةُ الطَّبْعِ اللَّئِيمِ",
        "وَكُلُّ شَجَاعَةٍ فِي المَرْءِ تُغْنِي ... وَلا مِثْلَ الشَّجَاعَةِ فِي الحَكِيمِ",
        "وَكَمْ مِنْ عَائِبٍ قَوْلاً صَحِيحاً ... وَآفَتُهُ مِنَ الفَهْمِ السَّقِيمِ",
        "وَلَكِنْ تَأْخُذُ الآذَانُ مِنْهُ ... عَلَى قَدْرِ القَرَائِحِ وَالعُلُومِ",
    ]
    for mark in ("...", "…"):
        lines = [verse.replace("...", mark) for verse in verses]
        assert not is_hard_wrapped(lines)
        assert split_paragraphs("\n".join(lines)) == lines


def test_a_compound_split_before_a_capital_or_a_digit_keeps_its_hyphen_and_no_space() -> None:
    """A line-end hyphen before a capital or a digit parts a compound's halves, never a word's
    (al- / Rashid, Looking- / Glasses, COVID- / 19): the lines were joined with a space, and
    'al- Rashid', 'Looking- Glasses' went into the segments."""
    lines = ["the Caliph Harun al-", "Rashid looked in the Looking-", "Glasses of COVID-",
             "19 times and their soft\u00ad", "Ness."]
    assert unwrapped_paragraphs(lines) == [
        "the Caliph Harun al-Rashid looked in the Looking-Glasses of COVID-19 times and their "
        "softNess."]
