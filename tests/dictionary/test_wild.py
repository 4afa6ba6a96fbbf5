"""Features of dictionary files as users have them (FreeDict's TEI, converted and
community DSL files), each built small here: the readers' gaps found by feeding them real
files (FreeDict ara-eng and eng-ara, pyglossary's test data); the entries here are made up
in their layout, none copied."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.dictionary.builders import b64_encode, stardict_of
from workbench.dictionary import open_dictionary, open_lexicon
from workbench.errors import InputError

_TEI = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader><fileDesc><titleStmt><title>Months</title></titleStmt></fileDesc></teiHeader>
  <text><body>
    <entry><form><orth>آذار، مارس</orth><pron>aːðaːr maːris</pron></form>
      <sense n="1"><cit type="trans"><quote>March</quote></cit></sense></entry>
    <entry><form><orth>أكتوبر/تشرين الأول</orth></form>
      <sense n="1"><cit type="trans"><quote>October</quote></cit></sense>
      <sense n="2"><cit type="trans"><quote>Oct</quote></cit></sense></entry>
    <entry><form><orth>أسيكلوفر (مضاد للفيروس)</orth></form>
      <sense><cit type="trans"><quote>Acyclovir</quote></cit></sense></entry>
    <entry><form><orth>كتاب</orth></form>
      <sense><cit type="trans"><quote>Book</quote></cit></sense></entry>
  </body></text>
</TEI>
"""

_DSL_MONTHS = """#NAME "Months"
#INDEX_LANGUAGE "Arabic"
#CONTENTS_LANGUAGE "English"

آذار، مارس
\t[m1][t]aːðaːr[/t][/m]
\t[m1][trn]March[/trn][/m]
أكتوبر/تشرين الأول
\t[m1]1) [trn]October[/trn][/m]
\t[m1]2) [trn]Oct[/trn][/m]
"""


def test_a_tei_orth_or_dsl_headword_line_listing_several_headwords_finds_each(
    tmp_path: Path,
) -> None:
    """FreeDict ara-eng's TEI writes some entries' headwords in one <orth> (آذار، مارس;
    أكتوبر/تشرين الأول; a bracketed note after أسيكلوفر), and converters of it write such a
    DSL headword line: آذار, مارس, أكتوبر and أسيكلوفر found nothing, where dictd's reader finds
    them. The headword shown is the line as written."""
    tei = tmp_path / "months.tei"
    tei.write_text(_TEI, encoding="utf-8")
    dsl = tmp_path / "months.dsl"
    dsl.write_bytes(b"\xff\xfe" + _DSL_MONTHS.replace("\n", "\r\n").encode("utf-16-le"))
    for path in (tei, dsl):
        lexicon = open_lexicon([path])
        for word, shown, senses in (
            ("آذار", "آذار، مارس", ("March",)), ("ومارس", "آذار، مارس", ("March",)),
            ("أكتوبر", "أكتوبر/تشرين الأول", ("October", "Oct")),
            ("تشرين الأول", "أكتوبر/تشرين الأول", ("October", "Oct")),
        ):
            entries = lexicon.lookup(word)
            assert [(e.headword, e.senses) for e in entries] == [(shown, senses)], (path, word)
    [entry] = open_lexicon([tei]).lookup("أسيكلوفر")
    assert entry.headword == "أسيكلوفر (مضاد للفيروس)" and entry.senses == ("Acyclovir",)
    d = open_dictionary(tei)
    assert d.alternatives(d.headwords.index("كتاب")) == ()


_DSL_TRANSCRIBED = """#NAME\t"Test Ar-En"
#INDEX_LANGUAGE\t"Arabic"
#CONTENTS_LANGUAGE\t"English"

و
\t[m1][p]حرف عطف[/p][/m]
\t[m1]1) [trn]and[/trn][/m]
\t[m1]2) [trn]while[/trn][/m]
\t[m1][*]•[/*][/m]
\t[m1][*]- [ref]وهكذا[/ref][/*][/m]
فقرة
\t[m1][trn]paragraph \\[[t]'pærəgrɑːf[/t]\\][/trn][/m]
هراء
\t[m1][trn]nonsense \\[[t]'nɒnsəns[/t]\\], gibberish \\[[t]'dʒɪbərɪʃ[/t]\\][/trn][/m]
أبوجا
\t[m1][t]abuːdʒa[/t][/m]
\t[m1][trn]Abuja \\[[t]ə'buːdʒə[/t]\\][/trn][/m]
"""


def test_dsl_transcriptions_of_translations_bullets_and_run_on_dashes(tmp_path: Path) -> None:
    """Lingvo DSLs (pyglossary's ru-en test data) write an English transcription inside a
    translation in escaped brackets (``paragraph \\[[t]'pær-[/t]\\]``): the sense was
    'paragraph []' and the translation's transcription the headword's pronunciation; a
    line of a bullet alone (``[*]•[/*]``) was a sense '•', a run-on line's dash stayed
    ('- а именно')."""
    path = tmp_path / "ar-en.dsl"
    path.write_bytes(b"\xff\xfe" + _DSL_TRANSCRIBED.replace("\n", "\r\n").encode("utf-16-le"))
    entries = {e.headword: e for e in map(open_dictionary(path).entry, range(4))}
    assert entries["و"].senses == ("and", "while", "وهكذا")
    assert (entries["فقرة"].senses, entries["فقرة"].pronunciation) == (("paragraph",), None)
    assert entries["هراء"].senses == ("nonsense, gibberish",)
    assert entries["أبوجا"].senses == ("Abuja",)
    assert entries["أبوجا"].pronunciation == "abuːdʒa"


def test_a_dsl_in_an_arabic_code_page_is_read_another_one_byte_dsl_refused(
    tmp_path: Path,
) -> None:
    """A DSL saved in Windows-1256 (an Arabic DSL from a Windows editor) was refused ('not
    valid utf-8'): it is read when its text reads as Arabic there, as TSV and glossary
    files are; a Cyrillic Windows-1251 DSL is still a one-line error naming the file."""
    arabic = tmp_path / "ar.dsl"
    arabic.write_bytes(_DSL_MONTHS.replace("\n", "\r\n").replace("[t]aːðaːr[/t]", "")
                       .encode("cp1256"))
    [entry] = open_lexicon([arabic]).lookup("وأكتوبر")
    assert (entry.headword, entry.senses) == ("أكتوبر/تشرين الأول", ("October", "Oct"))
    assert [e.senses for e in open_lexicon([arabic]).lookup("آذار")] == [("March",)]
    cyrillic = tmp_path / "ru.dsl"
    cyrillic.write_bytes('#NAME "Ru-En"\r\n\r\nабзац\r\n\t[m1][trn]paragraph[/trn][/m]\r\n'
                         .encode("cp1251"))
    with pytest.raises(InputError, match=r"ru\.dsl: line 3: not valid utf-8"):
        open_dictionary(cyrillic)


def test_a_tei_sense_with_a_definition_only_beside_translated_ones_is_kept(
    tmp_path: Path,
) -> None:
    """A TEI entry may give one sense a translation and another a definition only (nested
    senses too): the definition was dropped whenever the entry had a translation. A sense
    with both still gives its translation alone."""
    path = tmp_path / "mixed.tei"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><TEI xmlns="http://www.tei-c.org/ns/1.0">'
        "<teiHeader/><text><body><entry><form><orth>كتاب</orth></form>"
        '<sense n="1"><cit type="trans"><quote>book</quote></cit>'
        "<def>a bound set of pages</def></sense>"
        '<sense n="2"><def>a written message, a letter</def></sense>'
        '<sense n="3"><sense n="3.1"><cit type="trans"><quote>deed</quote></cit></sense>'
        '<sense n="3.2"><def>a written contract</def></sense></sense>'
        "</entry></body></text></TEI>", encoding="utf-8")
    assert open_dictionary(path).entry(0).senses == (
        "book", "a written message, a letter", "deed", "a written contract")


def test_a_dictd_index_word_run_together_from_a_head_line_of_several_finds_each(
    tmp_path: Path,
) -> None:
    """FreeDict ara-eng's dictd index runs a head line ``مارس/آذار`` into one word,
    مارسآذار (and إبريلأب, فبرايرشباط, يوليوتموز...): مارس, آذار found no 'March'. A word
    whose letters are not its head line's lists nothing."""
    articles = [("مارسآذار", "مارس/آذار /maːris aːðaːr/\n1. March\n2. Mar\n"),
                ("مارس", "مارس /maːrasa/\nExercise\n"),
                ("كتاب", "كتاب /kitaːb/\nBook, volume\n")]
    data = bytearray()
    rows = []
    for head, body in articles:
        raw = body.encode("utf-8")
        rows.append(f"{head}\t{b64_encode(len(data))}\t{b64_encode(len(raw))}\n")
        data += raw
    (tmp_path / "fd.index").write_text("".join(rows), encoding="utf-8")
    (tmp_path / "fd.dict").write_bytes(bytes(data))
    lexicon = open_lexicon([tmp_path / "fd.index"])
    assert [(e.headword, e.senses) for e in lexicon.lookup("مارس")] == [
        ("مارس", ("Exercise",)), ("مارس/آذار", ("March", "Mar"))]
    assert [e.headword for e in lexicon.lookup("وآذار")] == ["مارس/آذار"]
    d = open_dictionary(tmp_path / "fd.index")
    assert [d.alternatives(k) for k in range(3)] == [("مارس", "آذار"), (), ()]


def test_converted_freedict_run_together_and_merged_head_lines_find_each_headword(
    tmp_path: Path,
) -> None:
    """pyglossary's StarDict and tab file of FreeDict keep dictd's index word as the
    headword (مارسآذار for ``مارس/آذار``: مارس found no 'March') and merge the articles of
    one index phrase (``خادم (ولد)`` then ``خادم، ولد``, under خادم ولد: the second head
    line's ولد found nothing)."""
    articles = [
        ("مارسآذار", "مارس/آذار /maːris/<br />1. March<br />2. Mar<br />"),
        ("خادم ولد", "خادم (ولد) /xaːdim/<br />Servant boy<br /><br /><br /><hr><br /><br />"
                     "خادم، ولد /xaːdim/<br />Page<br />"),
    ]
    ifo = stardict_of(tmp_path, "h", articles)
    tab = tmp_path / "tab.txt"
    tab.write_text("".join(f"{head}\t{body}\n" for head, body in articles), encoding="utf-8")
    for path in (ifo, tab):
        lexicon = open_lexicon([path])
        assert [(e.headword, e.senses) for e in lexicon.lookup("وآذار")] == [
            ("مارس/آذار", ("March", "Mar"))], path
        assert [(e.headword, e.senses) for e in lexicon.lookup("ولده")] == [
            ("خادم (ولد)", ("Servant boy", "Page"))], path


def test_a_stardict_headword_listing_headwords_or_with_a_note_finds_each(
    tmp_path: Path,
) -> None:
    """A StarDict built from head lines as written (stardict-text2bin, tabfile) has keys
    such as ``الجعل (حشرة)`` and ``آذار، مارس``: جعل found no 'Dung beetle', آذار nothing, as they
    are found in dictd, TEI and DSL."""
    ifo = stardict_of(tmp_path, "m", [("الجعل (حشرة)", "Dung beetle"), ("آذار، مارس", "March")])
    lexicon = open_lexicon([ifo])
    assert [(e.headword, e.senses) for e in lexicon.lookup("جعل")] == [
        ("الجعل (حشرة)", ("Dung beetle",))]
    assert [e.headword for e in lexicon.lookup("وآذار")] == ["آذار، مارس"]


_DSL_DICTDLIB = """\ufeff#NAME "Arabic - English FreeDict dictionary"
#INDEX_LANGUAGE "Arabic"
#CONTENTS_LANGUAGE "English"

كتاب
\t[m1][b]كتاب[/b] /kitaːb/
\t[m2]Book

أكتوبرتشرين الأول
\t[m1][b]أكتوبر/تشرين الأول[/b] /uktuːbar/
\t[m2]1. October
\t[m2]2. Oct

Berlin
\t[m1]berlin

"""


def test_a_dsl_of_freedict_copying_its_head_lines_into_the_cards(tmp_path: Path) -> None:
    """A users' dictd-to-DSL script (dictdlib) writes dictd's index phrase as the headword
    and FreeDict's head line in bold with its IPA as the first body line: that line was a
    sense ('كتاب /kitaːb/') and no pronunciation, and أكتوبر found nothing."""
    path = tmp_path / "fd.dsl"
    path.write_text(_DSL_DICTDLIB, encoding="utf-8")
    lexicon = open_lexicon([path])
    [book] = lexicon.lookup("كتاب")
    assert (book.headword, book.senses, book.pronunciation) == ("كتاب", ("Book",), "kitaːb")
    [october] = lexicon.lookup("وأكتوبر")
    assert (october.headword, october.senses, october.pronunciation) == (
        "أكتوبر/تشرين الأول", ("October", "Oct"), "uktuːbar")
    # a translation spelt as the headword, without an IPA, is no head line
    assert [e.senses for e in lexicon.lookup("Berlin")] == [("berlin",)]


def test_a_converted_english_arabic_stardict_shows_its_headwords_as_written(
    tmp_path: Path,
) -> None:
    """pyglossary's StarDict (and tab file) of FreeDict eng-ara keeps dictd's index words
    (xray, un, absentminded) as headwords: read backwards, الأمم المتحدة gave the sense 'un'
    (Enter in the Dictionary panel inserted it), as dictd's reader no longer does. An
    article merging spellings (U.S, Us) keeps the index's."""
    articles = [("xray", "X-ray /eks reɪ/<br />الأشعة السّينيّة<br />"),
                ("un", "UN /juː en/<br />الأمم المتّحدة<br /><br /><br /><hr><br /><br />"
                       "Un- /ʌn/<br />كلمة بادئة<br />"),  # an affix merged: no spelling
                ("absentminded", "Absent-minded /æbsənt/<br />شارد الذّهن<br />"),
                ("book", "Book /bʊk/<br />الكتاب<br />"),
                ("us", "U.S /juː es/<br />الولايات المتّحدة<br /><br /><br /><hr><br /><br />"
                       "Us /ʌs/<br />نحن<br />")]  # merged spellings: the index's
    ifo = stardict_of(tmp_path, "h", articles)
    tab = tmp_path / "tab.txt"
    tab.write_text("".join(f"{head}\t{body}\n" for head, body in articles), encoding="utf-8")
    for path in (ifo, tab):
        lexicon = open_lexicon([path])
        for arabic, english in (("الأشعة السينية", "X-ray"), ("الأمم المتحدة", "UN"),
                                ("شارد الذهن", "absent-minded"), ("الكتاب", "book"),
                                ("نحن", "us")):
            assert [e.senses for e in lexicon.lookup(arabic)] == [(english,)], (path, arabic)
        assert [e.headword for e in lexicon.lookup("x-ray")] == ["X-ray"]
