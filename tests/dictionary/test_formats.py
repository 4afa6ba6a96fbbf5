"""Each dictionary format: read lazily, every file of a set finds the rest, bad files refused."""

from __future__ import annotations

import gzip
import struct
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.dictionary import builders
from tests.dictionary.builders import write_dictzip
from workbench.dictionary import detect, open_dictionary, open_lexicon
from workbench.dictionary.datafile import DataFile
from workbench.dictionary.model import DictionaryFile
from workbench.errors import InputError


def _by_head(reader) -> dict[str, list]:  # type: ignore[no-untyped-def]
    out: dict[str, list] = {}
    for k, head in enumerate(reader.headwords):
        out.setdefault(head, []).append(reader.entry(k))
    return out


def test_dictzip_reads_any_range_by_chunks(tmp_path: Path) -> None:
    data = bytes(range(256)) * 50
    write_dictzip(tmp_path / "x.dz", data, chunk_len=100)
    f = DataFile(tmp_path / "x.dz")
    assert f.compressed and f.size == len(data)
    for offset, length in ((0, 10), (95, 10), (250, 1000), (len(data) - 3, 10)):
        assert f.read(offset, length) == data[offset : offset + length]
    assert len(f._cache) == 14  # only the chunks read were inflated (of 128)
    f.close()


def test_a_dictzip_chunk_that_inflates_to_other_bytes_is_an_error_not_garbage(
    tmp_path: Path,
) -> None:
    """A damaged chunk can inflate without a zlib error: its length, checked against the
    chunk table, tells (here the table says 64 bytes a chunk, the chunks hold 60)."""
    data = bytes(range(200)) * 3
    dz = tmp_path / "x.dict.dz"
    write_dictzip(dz, data, chunk_len=60)
    raw = bytearray(dz.read_bytes())
    assert struct.unpack_from("<H", raw, 18)[0] == 60  # RA: version, chunk length, count
    struct.pack_into("<H", raw, 18, 64)
    dz.write_bytes(bytes(raw))
    f = DataFile(dz)
    with pytest.raises(InputError) as exc:
        f.read(130, 10)
    _one_line(exc, "x.dict.dz")
    assert "corrupt dictzip chunk 2 (inflates to 60 bytes, the chunk table says 64)" in str(
        exc.value)
    f.close()
    write_dictzip(dz, data[:130], chunk_len=60)  # a short last chunk is right
    assert DataFile(dz).read(100, 100) == data[100:130]
    write_dictzip(dz, b"", chunk_len=60)
    assert DataFile(dz).read(0, 10) == b""



def test_a_dictzip_cut_in_its_header_or_with_a_chunk_length_of_0_is_a_one_line_error(
    tmp_path: Path,
) -> None:
    """Cut after 10 or 11 bytes (the extra field's length half there) it was a struct.error;
    a chunk length of 0 divided by zero at the first read."""
    dz = tmp_path / "x.dict.dz"
    write_dictzip(dz, b"x" * 300, chunk_len=60)
    whole = dz.read_bytes()
    for cut in (10, 11, 13):
        dz.write_bytes(whole[:cut])
        with pytest.raises(InputError, match="truncated gzip header") as exc:
            DataFile(dz)
        _one_line(exc, "x.dict.dz")
    raw = bytearray(whole)
    struct.pack_into("<H", raw, 18, 0)
    dz.write_bytes(bytes(raw))
    with pytest.raises(InputError, match="chunk length 0"):
        DataFile(dz)

@pytest.mark.parametrize("zipped", [True, False])
def test_dictd_with_and_without_dictzip(tmp_path: Path, zipped: bool) -> None:
    index = builders.dictd(tmp_path, zipped=zipped)
    suffix = ".dict.dz" if zipped else ".dict"
    for path in (index, index.with_name("test-ara-eng" + suffix)):
        d = open_dictionary(path)
        assert d.format == "dictd" and d.name == "Test Arabic-English"
        entries = _by_head(d)
        assert "00databaseshort" not in entries
        book = entries["كتاب"][0]
        assert book.senses == ("book", "letter")
        assert book.pronunciation == "kitaːb"
        assert entries["شمس"][0].senses == ("sun",)
        d.close()


def test_a_link_to_a_sets_file_finds_the_others_beside_the_file_it_links_to(
    tmp_path: Path,
) -> None:
    """``ln -s /usr/share/dictd/freedict-ara-eng.index ~/dicts/``: the .dict is beside the
    file linked to, not beside the link (a path to any one file of a set finds the rest)."""
    (tmp_path / "installed").mkdir()
    index = builders.dictd(tmp_path / "installed")
    (tmp_path / "mine").mkdir()
    link = tmp_path / "mine" / "ara-eng.index"
    link.symlink_to(index)
    d = open_dictionary(link)
    assert _by_head(d)["شمس"][0].senses == ("sun",)
    d.close()


@pytest.mark.parametrize("synonyms", [True, False])
@pytest.mark.parametrize("zipped", [True, False])
def test_stardict_with_and_without_syn(tmp_path: Path, synonyms: bool, zipped: bool) -> None:
    ifo = builders.stardict(tmp_path, synonyms=synonyms, zipped=zipped)
    for path in (ifo, ifo.with_suffix(".idx")):
        d = open_dictionary(path)
        assert d.format == "stardict" and d.name == "Star Test"
        entries = _by_head(d)
        assert entries["مدرسة"][0].senses == ("school",)
        assert entries["مدرسة"][0].pronunciation == "madrasa"
        assert ("صحيفة" in entries) is synonyms
        if synonyms:  # the synonym reads its target's article
            assert entries["صحيفة"][0].headword == d.headwords[0]
        d.close()


def test_stardict_dictzipped_syn(tmp_path: Path) -> None:
    """pyglossary dictzips the ``.syn`` with the ``.dict`` (``NAME.syn.dz``): its synonyms
    were not read (found nothing), and the ``.syn.dz`` named alone was no dictionary."""
    ifo = builders.stardict(tmp_path, synonyms=True)
    syn = ifo.with_suffix(".syn")
    write_dictzip(tmp_path / "star.syn.dz", syn.read_bytes())
    syn.unlink()
    for path in (ifo, tmp_path / "star.syn.dz"):
        assert detect(path) == "stardict"
        [entry] = open_lexicon([path]).lookup("بالصحيفة")
        assert entry.headword == open_dictionary(ifo).headwords[0]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8", "utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("zipped", [False, True])
def test_dsl_markup_is_stripped_to_senses(tmp_path: Path, encoding: str, zipped: bool) -> None:
    d = open_dictionary(builders.dsl(tmp_path, encoding=encoding, zipped=zipped))
    assert d.format == "dsl" and d.name == "DSL Test"
    entries = _by_head(d)
    book = entries["كتاب"][0]
    assert book.senses == ("book", "a letter")  # labels, comments and examples left out
    assert book.examples == ("كتاب جديد — a new book",)  # an example apart, ~ its headword
    assert book.pronunciation == "kitaːb"
    assert entries["مدرسة"][0].senses == ("school [place]",)
    assert entries["المدرسة"][0].senses == ("school [place]",)  # two headwords, one card
    assert entries["شمس"][0].headword == "الشمس"  # {…} shown, not indexed
    assert entries["شمس"][0].senses == ("sun",)


COMMENTED = """#NAME "Comments"

كتاب
\t[m1][trn]book[/trn] {{a comment
\tover two lines}}[/m]
{{ The next card was withdrawn by the editor:
قلم
\t[m1][trn]pen[/trn][/m]
}}
مدرسة
\t[m1][trn]school[/trn][/m] {{ open here,
closed here }}
\t{{ a body line of its own }}
شمس
\t{{ no senses yet }}
ثورة {{uncertain}}
\t[m1][trn]revolution[/trn][/m]
"""


def test_dsl_comments_over_several_lines_are_left_out(tmp_path: Path) -> None:
    """A comment may span lines: a card inside one is no card, its lines no headwords."""
    path = tmp_path / "comments.dsl"
    path.write_bytes(b"\xff\xfe" + COMMENTED.replace("\n", "\r\n").encode("utf-16-le"))
    d = open_dictionary(path)
    assert d.headwords == ["كتاب", "مدرسة", "شمس", "ثورة"]
    entries = _by_head(d)
    assert entries["كتاب"][0].senses == ("book",)
    assert entries["مدرسة"][0].senses == ("school",)
    assert entries["شمس"][0].senses == ()
    assert entries["ثورة"][0].senses == ("revolution",)
    lexicon = open_lexicon([path])
    assert lexicon.lookup("قلم") == [] and lexicon.lookup("editor") == []
    d.close()


LINGVO = """#NAME "Lingvo Style"
#INDEX_LANGUAGE "Arabic"

كِتَاب
\t[m0][b]كِتَاب[/b] [c darkslategray][p]n.[/p][/c][/m]
\t[m1]1) [trn]book[/trn]; see <<مكتبة>>[/m]
\t[m1][*]@ كتاب الله
\t[m2][trn]the Koran[/trn][/m]
\t@ كتاب مفتوح
\t[m2][trn]an open ~[/trn][/m]
\t@
\t[m1]2) [trn]letter \\(note\\)[/trn][/m]
تحدث(ت) (مع)
\t[m1][trn]spoke (with)[/trn][/m]
"""


def test_dsl_subentries_optional_parts_and_references(tmp_path: Path) -> None:
    path = tmp_path / "lingvo.dsl"
    path.write_text(LINGVO, encoding="utf-16")
    d = open_dictionary(path)
    entries = _by_head(d)
    # the card's own senses: not its sub-entries', not its headword line again
    assert entries["كِتَاب"][0].senses == ("book; see مكتبة", "letter (note)")
    # a sub-entry is a headword of its own, with its senses; ~ is the card's headword
    assert entries["كتاب الله"][0].senses == ("the Koran",)
    assert entries["كتاب مفتوح"][0].senses == ("an open كِتَاب",)
    # an optional part: found with and without it; shown as written
    assert {"تحدثت مع", "تحدث مع", "تحدثت", "تحدث"} <= set(entries)
    assert entries["تحدث"][0].headword == "تحدث(ت) (مع)"
    assert entries["تحدث"][0].senses == ("spoke (with)",)
    lexicon = open_lexicon([path])
    assert [e.headword for e in lexicon.lookup("وكتاب الله")] == ["كتاب الله"]
    assert [e.headword for e in lexicon.lookup("تحدثت")] == ["تحدث(ت) (مع)"]


def test_dsl_text_shown_in_full_mode_only_is_read(tmp_path: Path) -> None:
    """``[*]…[/*]`` marks what Lingvo shows in its full mode: a translation there is a sense
    (it was dropped), an example there an example."""
    path = tmp_path / "full.dsl"
    path.write_bytes(b"\xff\xfe" + (
        '#NAME "Full"\r\n#INDEX_LANGUAGE "Arabic"\r\n#CONTENTS_LANGUAGE "English"\r\n\r\n'
        "كتاب\r\n\t[m1]1. [trn]book[/trn][/m]\r\n"
        "\t[m1][*]2. [trn]writing \\[script\\][/trn][/*][/m]\r\n"
        "\t[m2][*][ex][lang id=1]كتاب مفتوح[/lang] — an open book[/ex][/*][/m]\r\n"
    ).encode("utf-16-le"))
    [entry] = open_lexicon([path]).lookup("بالكتاب")
    assert entry.senses == ("book", "writing [script]")
    assert entry.examples == ("كتاب مفتوح — an open book",)


def test_dsl_escaped_brackets_and_tags_in_a_headwords_braces(tmp_path: Path) -> None:
    """``\\[not translated\\]`` is text: the tag expression took ``[not translated\\]`` for a
    tag (the sense was ``home \\``); a headword's ``{[i]}…{[/i]}`` is shown without its tags."""
    path = tmp_path / "esc.dsl"
    path.write_text(
        '#NAME "Escapes"\n\n'
        "بيت\n\t[m1][!trs][trn]home \\[not translated\\][/trn][/!trs][/m]\n"
        "\t[m1][t]bajt \\[coll.\\][/t] [trn]house \\~ \\[a \\\\ b\\][/trn][/m]\n"
        "{[i]}ال{[/i]}مدير\n\t[m1][trn]manager[/trn][/m]\n", encoding="utf-16")
    entries = _by_head(open_dictionary(path))
    assert entries["بيت"][0].senses == ("home [not translated]", "house ~ [a \\ b]")
    assert entries["بيت"][0].pronunciation == "bajt [coll.]"
    assert entries["المدير"][0].headword == "المدير"


def test_dsl_sense_numbers_off_abbreviations_kept(tmp_path: Path) -> None:
    """A sense number (``1.``, ``b)``) is taken off; ``a.m.``, ``e.g.``, ``1.5`` are text (they
    were read as numbers: ``m.``, ``g. …``, ``5 litres``)."""
    path = tmp_path / "numbers.dsl"
    path.write_text(
        "صباحا\n\t[m1]1. [trn]a.m.[/trn][/m]\n\t[m1]b) [trn]in the morning[/trn][/m]\n"
        "\t[m1][trn]e.g. at dawn[/trn][/m]\n\t[m1][trn]1.5 litres[/trn][/m]\n",
        encoding="utf-8")
    senses = open_dictionary(path).entry(0).senses
    assert senses == ("a.m.", "in the morning", "e.g. at dawn", "1.5 litres")


@pytest.mark.parametrize("gz", [False, True])
def test_freedict_tei(tmp_path: Path, gz: bool) -> None:
    d = open_dictionary(builders.tei(tmp_path, gz=gz))
    assert d.format == "tei" and d.name == "Arabic-English Test TEI"
    entries = _by_head(d)
    assert entries["كتاب"][0].senses == ("book", "letter")  # the example is no sense
    assert entries["كتاب"][0].examples == ("كتاب جديد",)
    assert entries["كتاب"][0].pronunciation == "kitaːb"
    assert entries["ثورة"][0].senses == ("revolution & uprising",)
    assert entries["عامل"][0].senses == ("one who works",)  # a definition when no translation


def test_tei_dicteg_examples_are_examples_not_senses(tmp_path: Path) -> None:
    """FreeDict's P4-to-P5 converter writes examples as ``cit type="dicteg"``."""
    path = tmp_path / "dicteg.tei"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0">'
        "<teiHeader><fileDesc><titleStmt><title>t</title></titleStmt></fileDesc></teiHeader>"
        "<text><body><entry><form><orth>كتاب</orth></form><sense>"
        '<cit type="trans"><quote>letter</quote></cit><cit type="dicteg"><quote>كتاب رسمي'
        '</quote><cit type="trans"><quote>an official letter</quote></cit></cit>'
        "</sense></entry></body></text></TEI>", encoding="utf-8")
    entry = open_dictionary(path).entry(0)
    assert entry.senses == ("letter",)
    assert entry.examples == ("كتاب رسمي — an official letter",)


TEI_P5 = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>deu-eng</title>
</titleStmt></fileDesc></teiHeader><text><body>
<entry><form><orth>Abfahrt</orth></form>
  <sense><cit type="trans"><quote>departure</quote></cit>
    <cit type="example"><quote>Abfahrt des Zuges</quote>
      <cit type="trans"><quote>train departure</quote></cit></cit>
    <re><form><orth>Abfahrt frei</orth></form>
      <sense><cit type="trans"><quote>ready to depart</quote></cit></sense></re></sense></entry>
<entry><form type="lemma"><orth>Haus</orth></form>
  <sense><cit type="translationEquivalent"><form><orth>house</orth></form></cit></sense></entry>
</body></text></TEI>
"""

TEI_P4_LATIN1 = """<?xml version="1.0" encoding="ISO-8859-1"?>
<!DOCTYPE TEI.2 PUBLIC "-//TEI P4//DTD Main DTD Driver File//EN" "tei2.dtd" [
<!ENTITY % TEI.dictionaries "INCLUDE">
]>
<TEI.2><teiHeader><fileDesc><titleStmt><title>Fran\u00e7ais-English</title></titleStmt>
</fileDesc></teiHeader><text><body>
<entry><form><orth>caf\u00e9</orth></form><trans><tr>coffee</tr></trans>
  <eg><q>un caf\u00e9 cr\u00e8me</q><trans><tr>a white coffee</tr></trans></eg></entry>
</body></text></TEI.2>
"""


def test_tei_examples_related_entries_and_encodings(tmp_path: Path) -> None:
    """As FreeDict writes them: an example's translation is no sense, a related entry (<re>)
    is a headword with its own senses, Lex-0's translationEquivalent is a translation (its
    form no headword), and an ISO-8859-1 file reads as such."""
    (tmp_path / "deu-eng.tei").write_text(TEI_P5, encoding="utf-8")
    entries = _by_head(open_dictionary(tmp_path / "deu-eng.tei"))
    assert sorted(entries) == ["Abfahrt", "Abfahrt frei", "Haus"]
    assert entries["Abfahrt"][0].senses == ("departure",)
    assert entries["Abfahrt"][0].examples == ("Abfahrt des Zuges — train departure",)
    assert entries["Abfahrt frei"][0].examples == ()
    assert entries["Abfahrt frei"][0].senses == ("ready to depart",)
    assert entries["Haus"][0].senses == ("house",)
    (tmp_path / "fra-eng.tei").write_bytes(TEI_P4_LATIN1.encode("latin-1"))
    d = open_dictionary(tmp_path / "fra-eng.tei")
    assert d.name == "Fran\u00e7ais-English" and d.headwords == ["caf\u00e9"]
    assert d.entry(0).senses == ("coffee",)
    assert d.entry(0).examples == ("un caf\u00e9 cr\u00e8me — a white coffee",)
    (tmp_path / "utf16.tei").write_bytes(TEI_P5.replace("UTF-8", "UTF-16").encode("utf-16"))
    with pytest.raises(InputError) as exc:
        open_dictionary(tmp_path / "utf16.tei")
    _one_line(exc, "utf16.tei")
    assert "UTF-16" in str(exc.value)


def test_dictd_index_keeps_the_headword_as_written(tmp_path: Path) -> None:
    """``dictfmt --index-keep-orig`` writes the headword as written in a fourth field."""
    index = builders.dictd(tmp_path, zipped=False,
                           articles=[("hello world", "h", ["greeting"])])
    lines = index.read_text(encoding="utf-8").splitlines()
    index.write_text("\n".join([lines[0], lines[1] + "\tHello World"]) + "\n",
                     encoding="utf-8")
    d = open_dictionary(index)
    assert d.headwords == ["Hello World"]
    assert [e.headword for e in open_lexicon([index]).lookup("hello WORLD")] == ["Hello World"]


@pytest.mark.parametrize("head_lines", ["كِتَاب%%%كتب", "كِتَاب\nكتب"])
def test_dictfmt_articles_of_several_headwords_show_no_head_line_as_sense(
        tmp_path: Path, head_lines: str) -> None:
    """``dictfmt -j --headword-separator %%%`` indexes one article under each headword and
    writes them as its first line (``--break-headwords``: a line each); they were senses."""
    body = f"{head_lines}\nbook; volume\nletter\n".encode()
    rows = [f"{head}\tA\t{builders.b64_encode(len(body))}" for head in ("كتاب", "كتب")]
    (tmp_path / "hand.index").write_text("\n".join(rows) + "\n", encoding="utf-8")
    write_dictzip(tmp_path / "hand.dict.dz", body)
    d = open_dictionary(tmp_path / "hand.index")
    assert [d.entry(k).senses for k in range(2)] == [("book; volume", "letter")] * 2
    assert [e.senses for e in open_lexicon([tmp_path / "hand.index"]).lookup("وبكتب")] == [
        ("book; volume", "letter")]


def test_stardict_xdxf_articles(tmp_path: Path) -> None:
    """StarDict type ``x`` (XDXF, as GoldenDict's and the XDXF project's dictionaries have
    it): the key, examples and grammar are no senses, ``<tr>`` is the pronunciation."""
    articles = [
        ("كتاب", "<k>كتاب</k>\n<tr>kitāb</tr>\n1) book\n2) letter\n"
                 "<ex>كتاب جديد — a new book</ex>"),
        ("كلب", "<k>كلب</k><def><gr><abbr>n</abbr></gr><def><deftext><dtrn>dog</dtrn>"
               "</deftext><ex><ex_orig>كلب كبير</ex_orig><ex_tran>a big dog</ex_tran></ex>"
               "</def><def><deftext><dtrn>hound</dtrn></deftext></def></def>"),
    ]
    entries = _by_head(open_dictionary(builders.stardict_of(tmp_path, "x", articles)))
    assert entries["كتاب"][0].senses == ("book", "letter")
    assert entries["كتاب"][0].pronunciation == "kitāb"
    assert entries["كلب"][0].senses == ("dog", "hound")
    # the examples apart: as written, or original — translation
    assert entries["كتاب"][0].examples == ("كتاب جديد — a new book",)
    assert entries["كلب"][0].examples == ("كلب كبير — a big dog",)


def test_an_html_articles_head_line_is_no_sense(tmp_path: Path) -> None:
    """``<b>headword</b> <i>grammar</i><br>`` heads an HTML article: not a sense "كتاب n.";
    a bold headword with a translation on its line keeps the line."""
    ifo = builders.stardict_of(tmp_path, "h", [
        ("كتاب", "<b>كتاب</b> <i>n.</i><br>1. book<br>2. letter"),
        ("قلم", "<b>قلم</b> pen<br>pencil"),
        ("ثورة", "<b>ثورة</b><br>revolution"),
    ])
    entries = _by_head(open_dictionary(ifo))
    assert entries["كتاب"][0].senses == ("book", "letter")
    assert entries["قلم"][0].senses == ("قلم pen", "pencil")
    assert entries["ثورة"][0].senses == ("revolution",)
    tab = tmp_path / "tab.txt"  # the same in a tab file's HTML article
    tab.write_text("كتاب\t<b>كتاب</b> <i>n.</i><br>book<br>\n", encoding="utf-8")
    assert open_dictionary(tab).entry(0).senses == ("book",)


def test_tsv(tmp_path: Path) -> None:
    d = open_dictionary(builders.tsv(tmp_path))
    assert d.format == "tsv" and len(d) == 3
    lexicon = open_lexicon([tmp_path / "mini.tsv"])
    [entry] = lexicon.lookup("كتاب")  # rows of one headword merged
    assert entry.senses == ("book", "volume", "letter (old use)")


def test_a_tsv_saved_by_a_spreadsheet_is_read_without_its_quotes(tmp_path: Path) -> None:
    """As glossary.tsv: every text cell quoted ("quote all text cells"), or a cell holding a
    quote; the quotes were kept in headwords and senses, and the quoted header was an entry."""
    path = tmp_path / "sheet.tsv"
    path.write_text('"arabic"\t"english"\t"note"\n"كتاب"\t"book; volume"\t"n."\n'
                    'قال\t"he said ""no"""\n', encoding="utf-8")
    d = open_dictionary(path)
    assert d.headwords == ["كتاب", "قال"]
    assert d.entry(0).senses == ("book (n.)", "volume (n.)")
    assert d.entry(1).senses == ('he said "no"',)
    assert [e.headword for e in open_lexicon([path]).lookup("وكتابه")] == ["كتاب"]


def test_a_tsv_header_in_arabic_is_no_entry(tmp_path: Path) -> None:
    """Column names glossary.tsv takes for a header (المصطلح, العربية) were an entry:
    المصطلح looked up showed 'الترجمة' as its sense."""
    path = tmp_path / "ar-header.tsv"
    path.write_text("المصطلح\tالترجمة\nكتاب\tbook\n", encoding="utf-8")
    assert open_dictionary(path).headwords == ["كتاب"]


def test_a_tab_files_synonyms_after_a_bar(tmp_path: Path) -> None:
    """pyglossary writes a StarDict's synonyms into a tab file as ``كِتَاب|الكتاب|كتب``: each is
    found and reads the article under its first headword (none was found)."""
    path = tmp_path / "syn.txt"
    path.write_text("##name\tSyn\nكِتَاب|الكتاب|كتب\tbook\\nvolume\nمدرسة|المدرسة\tschool\n",
                    encoding="utf-8")
    lexicon = open_lexicon([path])
    for word, head in (("كتب", "كِتَاب"), ("وبالكتاب", "كِتَاب"), ("للمدرسة", "مدرسة")):
        assert [(e.headword, e.senses) for e in lexicon.lookup(word)] == [
            (head, ("book", "volume") if head == "كِتَاب" else ("school",))], word


@pytest.mark.parametrize("encoding", ["utf-8", "cp1256"])
def test_a_tsv_cell_a_spreadsheet_saved_over_two_lines(tmp_path: Path, encoding: str) -> None:
    """A cell with a line break, quoted as LibreOffice and Excel save it, is one row: its
    second line was a headword ``uprising"`` and the first sense ``"revolution``. A stray
    quote (``"وباء``) stays on its line."""
    path = tmp_path / "sheet.tsv"
    path.write_bytes((
        "Arabic\tEnglish\tNote\r\n"
        'ثورة\t"revolution\r\nuprising"\t"two\tlines"\r\n'
        '"وباء\tepidemic\r\n'
        'كتاب\tbook"\r\n'  # a stray quote closing the one above: no cell of two rows
        'قلم\t"pen\r\n'
        'شمس\tsun"\t\r\n').encode(encoding))
    d = open_dictionary(path)
    assert d.headwords == ["ثورة", '"وباء', "كتاب", "قلم", "شمس"]
    assert d.entry(0).senses == ("revolution (two\tlines)", "uprising (two\tlines)")
    assert d.entry(4).senses == ('sun"',)


@pytest.mark.parametrize("encoding", ["utf-16", "cp1256", "utf-8-sig"])
def test_a_tsv_in_the_encodings_text_files_are_read_in(tmp_path: Path, encoding: str) -> None:
    """UTF-16 with a byte order mark and Windows-1256, as workbench.textio reads them."""
    path = tmp_path / "enc.tsv"
    path.write_bytes("كتاب\tbook; volume\r\nثورة\trevolution\tpolitics\r\n".encode(encoding))
    d = open_dictionary(path)
    assert d.headwords == ["كتاب", "ثورة"]
    assert d.entry(0).senses == ("book", "volume")
    assert d.entry(1).senses == ("revolution (politics)",)
    assert [e.headword for e in open_lexicon([path]).lookup("بالثورة")] == ["ثورة"]



def test_a_tei_entry_or_headword_commented_out_is_not_read(tmp_path: Path) -> None:
    """An entry inside an XML comment was indexed (its senses shown beside the entry that
    replaced it), and so was a headword commented out inside an entry."""
    path = tmp_path / "c.tei"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0">'
        "<teiHeader><fileDesc><titleStmt><title>t</title></titleStmt></fileDesc></teiHeader>"
        "<text><body>\n<!-- wrong, replaced below:\n<entry><form><orth>بيت</orth></form>"
        '<sense><cit type="trans"><quote>camel</quote></cit></sense></entry>\n-->\n'
        "<entry><form><orth>بيت</orth><!-- <orth>بيوت</orth> </entry> --></form>"
        '<sense><cit type="trans"><quote>house</quote></cit></sense></entry>\n'
        "</body></text></TEI>\n", encoding="utf-8")
    d = open_dictionary(path)
    assert d.headwords == ["بيت"]
    assert d.entry(0).senses == ("house",)


def test_a_tei_entry_that_is_not_well_formed_names_its_line_in_the_file(tmp_path: Path) -> None:
    """Entries are parsed when looked up: the line was the entry's own (and libxml2's
    message ended with a new line)."""
    path = builders.tei(tmp_path)
    text = builders.TEI.replace("<quote>letter</quote>", "<quote>let\x00ter</quote>")
    path.write_text(text, encoding="utf-8")
    line = text[: text.index("\x00")].count("\n") + 1
    lexicon = open_lexicon([path])
    with pytest.raises(InputError) as exc:
        lexicon.lookup("كتاب")
    _one_line(exc, f"test-ara-eng.tei: line {line}: not well-formed XML (Invalid character")

@pytest.mark.parametrize("declaration", [
    '<!ENTITY xxe SYSTEM "file:///etc/passwd">', '<!ENTITY a "aaaaaaaaaa">'])
def test_a_tei_declaring_entities_is_refused_as_every_xml_reader_refuses_it(
        tmp_path: Path, declaration: str) -> None:
    """Entries are parsed without the prolog: an entity it declares came out as libxml2's
    "not well-formed XML (Entity 'xxe' not defined)" at the look-up, not as the refusal
    the TMX, XLIFF and TBX readers give when the file is opened."""
    path = tmp_path / "x.tei"
    name = "xxe" if "SYSTEM" in declaration else "a"
    path.write_text(builders.TEI.replace(
        "<TEI ", f"<!DOCTYPE TEI [{declaration}]>\n<TEI ", 1).replace(
        "<quote>letter</quote>", f"<quote>&{name};</quote>"), encoding="utf-8")
    with pytest.raises(InputError) as exc:
        open_lexicon([path]).lookup("كتاب")
    what = "an external entity" if name == "xxe" else "an entity"
    _one_line(exc, f"x.tei: refused: the document declares {what} ('{name}')")


def test_a_tsv_in_utf16_without_a_byte_order_mark_is_named_as_such(tmp_path: Path) -> None:
    """Its NUL bytes are valid UTF-8: it was refused as binary data."""
    path = tmp_path / "nobom.tsv"
    path.write_bytes("كتاب\tbook\n".encode("utf-16-le"))
    with pytest.raises(InputError, match="UTF-16LE text without a byte order mark"):
        open_dictionary(path)

def test_a_tab_files_database_rows_are_no_entries(tmp_path: Path) -> None:
    """pyglossary's tab file of a dictd dictionary keeps its 00database rows: not looked up,
    as dictd's are not; the short name names the dictionary."""
    path = tmp_path / "tab.txt"
    path.write_text("00databaseinfo\tThis is the FreeDict dictionary\\nmore\n"
                    "00databaseshort\tArabic-English FreeDict\n"
                    "00-database-url\thttps://freedict.org\nكتاب\tbook\n", encoding="utf-8")
    d = open_dictionary(path)
    assert d.headwords == ["كتاب"] and d.name == "Arabic-English FreeDict"
    assert open_lexicon([path]).lookup("00databaseinfo") == []


def test_a_folder_and_detection(tmp_path: Path) -> None:
    builders.stardict(tmp_path)
    assert detect(tmp_path / "star.dict") == "stardict"
    assert open_dictionary(tmp_path).format == "stardict"
    other = tmp_path / "d"
    other.mkdir()
    builders.dictd(other)
    assert detect(other / "test-ara-eng.dict.dz") == "dictd"
    # a folder holding a gzipped TEI alone
    tei = tmp_path / "tei"
    tei.mkdir()
    builders.tei(tei, gz=True)
    assert open_dictionary(tei).format == "tei"
    # a folder of several dictionaries (as /usr/share/dictd) is refused, naming them
    builders.tsv(other)
    with pytest.raises(InputError,
                       match=r"2 dictionaries in this folder \(mini.tsv, test-ara-eng.index\)"):
        open_dictionary(other)
    lingvo = tmp_path / "lingvo"  # GoldenDict's layout: the abbreviations beside the cards
    lingvo.mkdir()
    builders.dsl(lingvo, zipped=True)
    (lingvo / "test_abrv.dsl").write_text('#NAME "Abbrev"\n\nn\n\tnoun\n', encoding="utf-16")
    assert open_dictionary(lingvo).name == "DSL Test"
    # the files other tools keep beside a set stand for it
    (tmp_path / "star.idx.oft").write_bytes(b"StarDict's Cache, Version: 0.2")
    (lingvo / "test.ann").write_text("an annotation", encoding="utf-8")
    (lingvo / "test.dsl.files.zip").write_bytes(b"PK\x05\x06" + bytes(18))
    for companion in (tmp_path / "star.idx.oft", lingvo / "test.ann",
                      lingvo / "test.dsl.files.zip", lingvo / "test_abrv.dsl"):
        assert open_dictionary(companion).name in ("Star Test", "DSL Test"), companion
    # an offset cache beside a gzipped index (left from before it was gzipped) too
    gz = tmp_path / "gz"
    gz.mkdir()
    ifo = builders.stardict(gz)
    idx = ifo.with_suffix(".idx")
    ifo.with_suffix(".idx.gz").write_bytes(gzip.compress(idx.read_bytes()))
    idx.unlink()
    (gz / "star.idx.oft").write_bytes(b"StarDict's Cache, Version: 0.2")
    assert open_dictionary(gz / "star.idx.oft").name == "Star Test"


def _one_line(exc: pytest.ExceptionInfo[InputError], name: str) -> None:
    message = str(exc.value)
    assert "\n" not in message and name in message


def test_bad_and_truncated_files_are_one_line_errors(tmp_path: Path) -> None:
    index = builders.dictd(tmp_path, zipped=False)
    data = tmp_path / "test-ara-eng.dict"
    data.write_bytes(data.read_bytes()[:40])
    with pytest.raises(InputError) as exc:
        open_dictionary(index)
    _one_line(exc, "test-ara-eng.dict")
    index.write_text("كتاب\tA\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        open_dictionary(index)
    _one_line(exc, "line 1")
    index.write_text("كتاب\tA\tB\nشمس\tC\t", encoding="utf-8")  # cut in the last length
    with pytest.raises(InputError) as exc:
        open_dictionary(index)
    _one_line(exc, "test-ara-eng.index: line 2: an empty offset or length")

    ifo = builders.stardict(tmp_path / "s" if (tmp_path / "s").mkdir() is None else tmp_path)
    idx = ifo.with_suffix(".idx")
    idx.write_bytes(idx.read_bytes()[:-3])
    with pytest.raises(InputError) as exc:
        open_dictionary(ifo)
    _one_line(exc, "star.idx")

    # an .ifo not in UTF-8 was "cannot read ('utf-8' codec can't decode byte ...)"
    text = ifo.read_text(encoding="utf-8")
    ifo.write_bytes(text.replace("Star Test", "Caf\u00e9").encode("cp1252"))
    with pytest.raises(InputError) as exc:
        open_dictionary(ifo)
    _one_line(exc, "star.ifo: line 3: not UTF-8 text (byte 0xe9 at offset ")
    ifo.write_bytes(text.encode("utf-16"))
    with pytest.raises(InputError) as exc:
        open_dictionary(ifo)
    _one_line(exc, "star.ifo: line 1: not a StarDict .ifo file")
    ifo.write_text(text, encoding="utf-8")

    dz = tmp_path / "x.dict.dz"
    write_dictzip(dz, b"x" * 1000, chunk_len=100)
    dz.write_bytes(dz.read_bytes()[:60])
    with pytest.raises(InputError) as exc:
        DataFile(dz)
    _one_line(exc, "x.dict.dz")

    archive = tmp_path / "stardict-freedict-ara-eng-2.4.2.tar.bz2"
    archive.write_bytes(b"BZh91AY&SY")
    with pytest.raises(InputError) as exc:
        open_dictionary(archive)
    _one_line(exc, archive.name)
    assert "extract it first" in str(exc.value)

    t = builders.tei(tmp_path / "s")
    t.write_text(builders.TEI[: len(builders.TEI) // 2], encoding="utf-8")
    with pytest.raises(InputError) as exc:
        open_dictionary(t)
    _one_line(exc, "test-ara-eng.tei")

    bad = tmp_path / "bad.tsv"
    bad.write_text("كتاب\tbook\nno tab here\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        open_dictionary(bad)
    _one_line(exc, "line 2")
    bad.write_bytes("كتاب\tbook\n".encode() + b"\x00\x00x\ty\n")
    with pytest.raises(InputError) as exc:
        open_dictionary(bad)
    _one_line(exc, "line 2")

    with pytest.raises(InputError) as exc:
        open_dictionary(tmp_path / "nothing.pdf")
    _one_line(exc, "nothing.pdf")

    d = builders.dsl(tmp_path / "s")
    d.write_bytes(builders.DSL.split("كتاب")[0].encode("utf-16") + "كتاب\r\n".encode("utf-16-le"))
    with pytest.raises(InputError) as exc:
        open_dictionary(d)
    _one_line(exc, "test.dsl")

    d.write_bytes(b"#NAME \"x\"\n\x00\x01\x02\x03binary")
    with pytest.raises(InputError) as exc:
        open_dictionary(d)
    _one_line(exc, "line 2")
    assert "binary" in str(exc.value)


def test_articles_a_converter_merged_keep_their_head_lines_out_of_the_senses() -> None:
    from workbench.dictionary.senses import markup_to_text, plain_senses

    # pyglossary's StarDict of FreeDict: two articles of one headword in one, HTML
    html = ("بالتبني /bittˈabannˌiː/<br />Adoptively<br /><br /><br /><hr><br /><br />"
            "بالتّبنّي /bittːbnnˈi/<br />1. Adoptive<br />2. Fostering<br />")
    senses, ipa = plain_senses(markup_to_text(html), "بالتبني")
    assert senses == ("Adoptively", "Adoptive", "Fostering") and ipa == "bittˈabannˌiː"
    # the headword as a sense, or ending a wrapped line, is no head line (FreeDict, WordNet)
    assert plain_senses("mackintosh /mækɪntɒʃ/\nMackintosh\n", "mackintosh")[0] == (
        "Mackintosh",)
    assert plain_senses("ashram\n  n 1: a retreat after the Indian\n  ashram\n", "ashram")[0] == (
        "n 1: a retreat after the Indian ashram",)


def test_html_articles_of_converted_dictd_and_tab_files(tmp_path: Path) -> None:
    from tests.dictionary.builders import b64_encode

    # pyglossary's DictOrg and Tabfile output of FreeDict: the articles are HTML
    article = "التّرنّح /ʔˈattːrnnħ/<br />1. Lurching<br />2. Tottering<br />"
    (tmp_path / "conv.dict").write_text(article, encoding="utf-8")
    size = len(article.encode())
    (tmp_path / "conv.index").write_text(f"الترنح\tA\t{b64_encode(size)}\n", encoding="utf-8")
    (tmp_path / "tab.txt").write_text(
        "##name\tConverted\n##sourceLang\tArabic\n"
        "الترنح\t" + article.replace("<br />", "\\n", 1) + "\n", encoding="utf-8")
    for path in (tmp_path / "conv.index", tmp_path / "tab.txt"):
        [entry] = open_lexicon([path]).lookup("والترنح")
        assert entry.senses == ("Lurching", "Tottering"), path
        assert entry.pronunciation == "ʔˈattːrnnħ"
    assert open_dictionary(tmp_path / "tab.txt").name == "Converted"


def test_converted_freedict_head_lines_of_several_headwords(tmp_path: Path) -> None:
    """pyglossary's StarDict and tab file of FreeDict keep dictd's index phrase as the
    headword (أكتوبرتشرين الأول) and the head line listing the headwords in the article:
    each is found, as in dictd (أكتوبر found nothing), and the head line is shown; a phrase
    whose first line is a sense lists nothing."""
    articles = [
        ("أكتوبرتشرين الأول", "أكتوبر/تشرين الأول /ʔˈuktuːbˌar/<br />1. October<br />2. Oct<br />"),
        ("المربية المدرسة", "المربّية، المُدرّسة /ʔalmrbːˈijjah/<br />Schoolmarm<br />"),
        ("كتاب كبير", "tome, volume<br />"),
    ]
    ifo = builders.stardict_of(tmp_path, "h", articles)
    (tmp_path / "tab.txt").write_text("".join(
        head + "\t" + body.replace("<br />", "\\n") + "\n" for head, body in articles),
        encoding="utf-8")
    for path in (ifo, tmp_path / "tab.txt"):
        lexicon = open_lexicon([path])
        for word, head in (("وأكتوبر", "أكتوبر/تشرين الأول"), ("تشرين الأول", "أكتوبر/تشرين الأول"),
                           ("للمدرسة", "المربّية، المُدرّسة")):
            assert [e.headword for e in lexicon.lookup(word)] == [head], (path, word)
        assert lexicon.lookup("أكتوبر")[0].senses == ("October", "Oct")
        d = open_dictionary(path)
        assert d.alternatives(d.headwords.index("كتاب كبير")) == ()


def test_a_merged_articles_head_line_with_punctuation_is_no_sense(tmp_path: Path) -> None:
    """pyglossary's StarDict of FreeDict merges the articles of one headword; a later one's
    head line writes the headword with a comma or question mark (التّرك، /…/, إلى أين؟ /…/),
    and it was read as a sense of the entry."""
    path = tmp_path / "tab.txt"
    path.write_text(
        "الترك\tالتّرك /ʔattːrkˈa/<br />Abandonment<br /><br /><hr><br /><br />"
        "التّرك، /ʔattːrkˈa/<br />Abandoning<br />\n"
        "إلى أين\tإلى أين؟ /ʔˈilaː ʔˈajna/<br />Whither<br /><br /><hr><br /><br />"
        "إلى أين؟ /ʔˈilaː ʔˈajna/<br />Where to<br />\n", encoding="utf-8")
    d = open_dictionary(path)
    assert d.entry(0).senses == ("Abandonment", "Abandoning")
    assert d.entry(1).senses == ("Whither", "Where to")


@pytest.mark.parametrize("offset_format", [">I", ">Q"])  # idxoffsetbits 32 and 64
def test_a_stardict_index_is_read_at_once_as_entry_by_entry(
    tmp_path: Path, offset_format: str
) -> None:
    from workbench.dictionary.stardict import _parse_index, _parse_index_slowly

    fields = struct.Struct(">" + offset_format[1] + "I")
    heads = ["كتاب", "a\nb", "", "x" * 300]  # a line break, an empty word, a long one
    raw = b"".join(h.encode() + b"\0" + fields.pack(7 * n + (1 << 33 if n and offset_format
                                                              == ">Q" else 0), n * 256 + 10)
                   for n, h in enumerate(heads))
    raw += b"\xff\xfe\0" + fields.pack(5, 0)  # not UTF-8
    fast = _parse_index(raw, fields)
    slow = _parse_index_slowly(raw, fields, tmp_path / "x.idx")
    assert fast is not None and fast == slow
    assert fast[0][:4] == heads and fast[0][4] == "\ufffd\ufffd"
    assert _parse_index(raw[:-3], fields) is None  # truncated: read slowly, which names it
    with pytest.raises(InputError, match=r"x\.idx: truncated at byte"):
        _parse_index_slowly(raw[:-3], fields, tmp_path / "x.idx")


def test_a_last_dictzip_chunk_that_inflates_to_other_bytes_is_an_error_not_garbage(
    tmp_path: Path,
) -> None:
    """The last chunk may be short, so the chunk table alone cannot tell a damaged one; the
    gzip trailer's size (here 5 bytes more than the chunks hold) tells what it must hold."""
    data = bytes(range(130))
    dz = tmp_path / "x.dict.dz"
    write_dictzip(dz, data, chunk_len=60)
    assert DataFile(dz).read(120, 10) == data[120:130]  # the last chunk: 10 bytes
    raw = bytearray(dz.read_bytes())
    struct.pack_into("<I", raw, len(raw) - 4, len(data) + 5)
    dz.write_bytes(bytes(raw))
    f = DataFile(dz)
    assert f.read(0, 10) == data[:10]  # the chunks before it are sound
    with pytest.raises(InputError) as exc:
        f.read(120, 10)
    _one_line(exc, "x.dict.dz")
    assert "corrupt dictzip chunk 2 (inflates to 10 bytes, the gzip trailer's size leaves " \
        "15)" in str(exc.value)
    f.close()


def test_a_dsl_cut_short_inside_a_line_or_a_comment_is_a_one_line_error(
    tmp_path: Path,
) -> None:
    """A DSL cut in its last line read as a card whose last sense was cut (``sch``), and one
    cut inside a ``{{comment}}`` as a card without senses; a file that merely lacks its last
    line break is whole."""
    d = tmp_path / "test.dsl"
    whole = builders.DSL.replace("\n", "\r\n")
    line = whole.index("\t[m1][trn]school")
    for cut in ("\t[m1][trn]sch", "\t[m1][tr", "\t[m1][trn]school \\[place\\][/trn"):
        d.write_bytes((whole[:line] + cut).encode("utf-16"))
        with pytest.raises(InputError) as exc:
            open_dictionary(d)
        _one_line(exc, "test.dsl: line 12: truncated: the last line ends inside a tag")
    d.write_bytes((whole + "قلم\r\n\t[m1]{{a comment cut sh").encode("utf-16"))
    with pytest.raises(InputError) as exc:
        open_dictionary(d)
    _one_line(exc, "test.dsl: truncated: a {{comment}} is still open at the end")
    for text in (whole.rstrip("\r\n"), whole[: whole.index("\r\n", line)]):
        d.write_bytes(text.encode("utf-16"))
        assert open_dictionary(d).headwords  # no line break at the end: whole


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8"])
def test_a_dsl_is_indexed_block_by_block(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, encoding: str
) -> None:
    """The card index is built as the file is read, a block at a time: read in blocks of 3
    bytes (a letter, a CR LF and a BOM cut across blocks) it is the index of the whole; the
    whole text is never in memory (a 77 MB UTF-16 file peaked at 280 MB when it was)."""
    from workbench.dictionary import dsl as dsl_module

    path = builders.dsl(tmp_path, encoding=encoding)
    whole = dsl_module.DslFile(path)
    real = DataFile.blocks
    monkeypatch.setattr(DataFile, "blocks", lambda self, size=3: real(self, size))
    monkeypatch.setenv("WORKBENCH_CACHE", str(tmp_path / "cache-small-blocks"))
    small = dsl_module.DslFile(path)
    assert (small.headwords, small.offsets, small.lengths, small.card_of, small.sub_of,
            small.name, small.encoding) == (
        whole.headwords, whole.offsets, whole.lengths, whole.card_of, whole.sub_of,
        whole.name, whole.encoding)
    assert [small.entry(k).senses for k in range(len(small.offsets))] == [
        whole.entry(k).senses for k in range(len(whole.offsets))]


def _indexed_with_peak(reader: Callable[[Path], DictionaryFile], path: Path
                       ) -> tuple[DictionaryFile, int]:
    """``reader``'s index of ``path``, and the peak of the memory it took to build it."""
    import tracemalloc

    tracemalloc.start()
    try:
        return reader(path), tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_large_dsl_is_indexed_without_its_whole_text_in_memory(tmp_path: Path) -> None:
    """The memory the index takes to build stays far below the file's size (it was about
    three and a half times it: the bytes, the text, its lines)."""
    from workbench.dictionary.dsl import DslFile

    senses = "".join(f"\t[m1]{n}. [trn]a meaning of the word, in a sentence of its own "
                     f"with an example[/trn] [ex]an example of it[/ex][/m]\r\n" for n in range(8))
    cards = "".join(f"كلمة{k}\r\n{senses}" for k in range(8_000))
    path = tmp_path / "large.dsl"
    path.write_bytes(('\ufeff#NAME "Large"\r\n\r\n' + cards).encode("utf-16-le"))
    found, peak = _indexed_with_peak(DslFile, path)
    assert len(found.headwords) == 8_000
    assert peak < path.stat().st_size


@pytest.mark.parametrize("kind", ["tsv", "tei"])
def test_a_large_tsv_or_tei_is_indexed_without_its_whole_text_in_memory(
    tmp_path: Path, kind: str
) -> None:
    """A plain TSV or TEI file is indexed through a memory map and its rows read as they come:
    the memory the index takes to build stays below the file's size (it was 5.3 times it for
    this TSV and twice it for this TEI when the file was read whole and split into lines)."""
    from workbench.dictionary.tei import TeiFile
    from workbench.dictionary.tsv import TsvFile

    sense = "; ".join(f"a meaning of the word in a phrase of its own {n}" for n in range(3))
    if kind == "tsv":
        path, reader = tmp_path / "large.tsv", TsvFile
        path.write_text("".join(f"كلمة{k}\t{sense}\n" for k in range(10_000)), encoding="utf-8")
    else:
        path, reader = tmp_path / "large.tei", TeiFile
        senses = "".join(f'<sense><cit type="trans"><quote>{part}</quote></cit></sense>'
                         for part in sense.split("; "))
        path.write_text(
            '<?xml version="1.0" encoding="UTF-8"?><TEI xmlns="http://www.tei-c.org/ns/1.0">'
            "<teiHeader/><text><body>"
            + "".join(f"<entry><form><orth>كلمة{k}</orth></form>{senses}</entry>\n"
                      for k in range(10_000))
            + "</body></text></TEI>\n", encoding="utf-8")
    found, peak = _indexed_with_peak(reader, path)
    assert len(found.headwords) == 10_000
    assert found.entry(9_999).senses[-1] == "a meaning of the word in a phrase of its own 2"
    assert peak < path.stat().st_size


def test_a_dictionary_that_cannot_be_mapped_is_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the system cannot map the file (a pipe, some network shares), the index is built
    from the file read whole, the same index."""
    from workbench.dictionary import datafile

    path = builders.tsv(tmp_path)
    mapped = open_dictionary(path)

    def refused(*_: object, **__: object) -> None:
        raise OSError("mmap not supported")

    monkeypatch.setattr(datafile.mmap, "mmap", refused)
    monkeypatch.setenv("WORKBENCH_CACHE", str(tmp_path / "cache-read"))
    read = open_dictionary(path)
    assert read.headwords == mapped.headwords and list(read.offsets) == list(mapped.offsets)
    assert [read.entry(k) for k in range(len(read.headwords))] == [
        mapped.entry(k) for k in range(len(mapped.headwords))]


@pytest.mark.parametrize("name,encoding", [("cut.tsv", "utf-8"), ("cut16.tsv", "utf-16"),
                                           ("cut.dsl", "utf-8"), ("cut16.dsl", "utf-16"),
                                           ("cut-bom.dsl", "utf-8-sig")])
def test_a_file_cut_inside_its_last_character_is_called_truncated(
    tmp_path: Path, name: str, encoding: str
) -> None:
    """A UTF-8 or UTF-16 file cut short inside a character (a UTF-16 DSL cut at an odd
    byte) is said to be truncated, not to be in another encoding ("save it as UTF-8")."""
    if name.endswith(".tsv"):
        text = "كتاب\tbook\nقلم\tpen; قلم حبر"
    else:
        text = "#NAME \"t\"\n\nكتاب\n\t[m1][trn]book[/trn][/m]\n\nقلم\n\t[m1]قلم حبر"
    path = tmp_path / name
    path.write_bytes(text.encode(encoding)[:-1])
    with pytest.raises(InputError) as caught:
        open_dictionary(path)
    message = str(caught.value)
    assert name in message and "truncated: the file ends inside a UTF-" in message
    assert "save it as" not in message and "not valid" not in message


def test_a_code_page_file_whose_one_such_byte_ends_it_is_not_called_truncated(
    tmp_path: Path
) -> None:
    """``café`` in Windows-1252 at the end of an otherwise ASCII file ends in a byte that
    starts a UTF-8 character: it is no UTF-8 file cut short."""
    path = tmp_path / "latin.tsv"
    path.write_bytes("coffee\tcafé".encode("cp1252"))
    with pytest.raises(InputError, match="not UTF-8 text"):
        open_dictionary(path)
