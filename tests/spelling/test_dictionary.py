"""Hunspell dictionaries: finding, loading, lookups and bounded suggestions."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.spelling.conftest import bundled_en_us, write_dictionary
from workbench.errors import InputError, WorkbenchError
from workbench.spelling import SpellChecker, find_dictionaries, load_dictionary
from workbench.spelling.dictionary import (
    HunspellDictionary,
    load_dictionary_files,
    normalise_language,
)
from workbench.spelling.suggest import edit_distance, simple_edits


def test_a_dictionary_built_by_the_test(tiny_folder: Path) -> None:
    tiny = load_dictionary("xx_TEST", [tiny_folder])
    assert tiny.language == "xx_TEST"
    assert tiny.lookup("cat") and tiny.lookup("cats") and tiny.lookup("Dogs")
    assert tiny.lookup("Petrograd")
    assert not tiny.lookup("catz")
    assert not tiny.lookup("Petrogard")
    assert tiny.suggest("dgo")[0] == "dog"
    assert "Petrograd" in tiny.suggest("Petrogard")
    assert tiny.quick_suggest("revolutoin")[0] == "revolution"


def test_folders_given_come_before_the_system_and_the_shipped_ones(tiny_folder: Path) -> None:
    (tiny_folder / "en_US.aff").write_text((tiny_folder / "xx_TEST.aff").read_text())
    (tiny_folder / "en_US.dic").write_text((tiny_folder / "xx_TEST.dic").read_text())
    found = find_dictionaries([tiny_folder])
    assert found["en_US"] == tiny_folder / "en_US"
    assert found["xx_TEST"] == tiny_folder / "xx_TEST"
    assert find_dictionaries([], system=False)["en_US"] == bundled_en_us() / "en_US"
    # an .aff without its .dic is no dictionary
    (tiny_folder / "yy_TEST.aff").write_text("SET UTF-8\n")
    assert "yy_TEST" not in find_dictionaries([tiny_folder])


def test_the_shipped_en_us() -> None:
    en = load_dictionary_files(bundled_en_us() / "en_US", "en_US")
    assert all(en.lookup(w) for w in ["revolution", "Bolsheviks", "don't", "Soviet’s", "NATO"])
    assert not any(en.lookup(w) for w in ["recieve", "teh", "colour", "organisation"])
    assert en.suggest("recieve")[0] == "receive"
    assert en.suggest("goverment")[0] == "government"
    assert "insurrection" in en.suggest("insurection", 3)
    assert en.quick_suggest("teh")[0] == "the"
    assert en.quick_suggest("organising")[0] == "organizing"
    assert en.suggest("x" * 40) == []  # too long to be worth it


def test_the_plural_of_a_word_with_a_capital_inside_is_right() -> None:
    """'PhDs' and 'iPhones' were misspellings (the dictionary holds PhD and iPhone without
    the plural flag its lower-case words have); a wrong plural or case still is one."""
    en = load_dictionary_files(bundled_en_us() / "en_US", "en_US")
    assert en.lookup("PhD") and en.lookup("iPhone")
    assert all(en.lookup(w) for w in ["PhDs", "iPhones"])
    assert not any(en.lookup(w) for w in ["Phds", "iphones", "PhDss", "iPhonez"])


def test_loaded_once_a_process(tiny_folder: Path) -> None:
    assert load_dictionary("xx_TEST", [tiny_folder]) is load_dictionary("xx_test", [tiny_folder])


def test_unknown_language_names_what_there_is(tiny_folder: Path) -> None:
    with pytest.raises(WorkbenchError, match=r"no Hunspell dictionary for 'zz_ZZ'.*xx_TEST"):
        load_dictionary("zz_ZZ", [tiny_folder])


def test_a_broken_dictionary_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "bad.aff").write_text("SET UTF-8\nSFX S Y 3\nSFX S 0\n", encoding="utf-8")
    (tmp_path / "bad.dic").write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(InputError, match="bad"):
        HunspellDictionary.load(tmp_path / "bad")
    with pytest.raises(InputError, match="no such dictionary file"):
        HunspellDictionary.load(tmp_path / "missing")


@pytest.mark.parametrize(("aff", "dic", "file", "message"), [
    (b"SET UTF-8\n", bytes(range(256)) * 4, ".dic", r"line 1: binary file \(NUL bytes\)"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", b"1\ncat\n", ".aff", r"line 3: binary file"),
    (b"SET UTF-8\n", b"", ".dic", "no words"),
    (b"SET UTF-8\n", b"cat\ndog\n", ".dic", "line 1: .* word count"),
    (b"SET UTF-8\n", b"2\ncat\nd\xe9j\xe0\n", ".dic", "line 3: not UTF-8, the encoding"),
], ids=["binary dic", "binary aff", "empty dic", "no word count", "wrong encoding"])
def test_a_file_that_is_no_hunspell_dictionary_is_named_with_its_line(
    tmp_path: Path, aff: bytes, dic: bytes, file: str, message: str
) -> None:
    """spylls reads any bytes: random data loaded as a dictionary that knows no English, and
    every word of every segment was flagged."""
    (tmp_path / "xx_XX.aff").write_bytes(aff)
    (tmp_path / "xx_XX.dic").write_bytes(dic)
    with pytest.raises(InputError, match=message) as raised:
        HunspellDictionary.load(tmp_path / "xx_XX")
    assert raised.value.path == str(tmp_path / f"xx_XX{file}")


def test_language_names() -> None:
    assert normalise_language("en-us") == "en_US"
    assert normalise_language("en_GB") == "en_GB"
    assert normalise_language("de") == "de"


def test_edit_distance_counts_swaps_once() -> None:
    assert edit_distance("teh", "the", 3) == 1
    assert edit_distance("kitten", "sitting", 5) == 3
    assert edit_distance("a", "abcdef", 2) == 3  # beyond the bound: bound + 1
    assert "the" in simple_edits("teh") and "organizing" in simple_edits("organising")


def test_checker_known_words_and_source_words(tiny_folder: Path) -> None:
    checker = SpellChecker(load_dictionary("xx_TEST", [tiny_folder]), ["Kerensky", "Smolny"])
    text = "Kerensky's dogs and Smolny cats met Trotsky at Petrogard"
    assert [m.word for m in checker.misspellings(text)] == ["and", "met", "Trotsky", "at",
                                                            "Petrogard"]
    found = checker.misspellings(text, source="التقى Trotsky في")
    assert "Trotsky" not in [m.word for m in found]
    assert checker.is_known("KERENSKY") and checker.is_correct("cats")
    assert checker.suggest("Kerensk")[0] == "Kerensky"  # the project's words come first
    assert checker.quick_suggest("Smolni")[0] == "Smolny"


def test_quick_suggestions_find_inflected_forms_a_letter_longer(tmp_path: Path) -> None:
    """An American spelling in a British project: the check's suggestions for 'traveling' were
    starveling, tracing, training (travelling, one edit away, is no stem of the dictionary:
    travel + its suffix), and 'neighboring' got only 'Neighbors'."""
    path = write_dictionary(
        tmp_path, "xx_GB", "travel/L neighbour/G starveling tracing training",
        "SET UTF-8\nTRY esianrtolcdugmphbyfvkwz\nSFX L Y 1\nSFX L 0 ling .\n"
        "SFX G Y 1\nSFX G 0 ing .\n")
    british = load_dictionary_files(path, "xx_GB")
    assert british.quick_suggest("traveling")[0] == "travelling"
    assert british.quick_suggest("Neighboring")[0] == "Neighbouring"
    assert "beginning" in simple_edits("begining")


def test_quick_suggestions_restore_the_elided_e_of_older_english(tmp_path: Path) -> None:
    """Ockley's 1708 English elides the e of the past tense: the check offered 'turbid, turd'
    for "turn'd" and 'forbid, force' for "forc'd", never turned or forced, one edit away."""
    path = write_dictionary(tmp_path, "xx_OLD", "turn/D force/D turbid turd forbid",
                            "SET UTF-8\nSFX D Y 2\nSFX D 0 ed [^e]\nSFX D 0 d e\n")
    old = load_dictionary_files(path, "xx_OLD")
    assert old.quick_suggest("turn'd")[0] == "turned"
    assert old.quick_suggest("Turn’d")[0] == "Turned"
    assert old.quick_suggest("forc'd")[0] == "forced"


def test_a_hyphenated_compound_the_dictionary_holds_whole_is_right(tmp_path: Path) -> None:
    """en_GB lists 4,311 hyphenated words whole (avant-garde, Austro-Hungarian, aide-memoire);
    checked part by part only, 555 of them were flagged ('garde', 'Austro', 'memoire'), which
    Hunspell accepts. A compound the dictionary lacks is still checked part by part."""
    path = write_dictionary(tmp_path, "xx_GB", "avant-garde/S art the wide and",
                            "SET UTF-8\nSFX S Y 1\nSFX S 0 s .\n")
    checker = SpellChecker(load_dictionary_files(path, "xx_GB"))
    text = "The avant-garde art, 'Avant\u2011gardes' and the foo-garde wrld-wide"
    assert [m.word for m in checker.misspellings(text)] == ["foo", "garde", "wrld"]


def test_quick_suggestions_put_a_doubled_or_undoubled_letter_first() -> None:
    """A letter missing from a double (``realy``, ``leter``, ``adress``) or doubled by a slip
    (``writting``) is the commonest typo: its fix comes before swaps and deletions."""
    en = load_dictionary_files(bundled_en_us() / "en_US", "en_US")
    assert en.quick_suggest("realy")[0] == "really"  # not "relay" (a swap)
    assert en.quick_suggest("leter")[0] == "letter"  # not "leer"
    assert en.quick_suggest("adress")[0] == "address"  # not "dress"
    assert en.quick_suggest("writting")[0] == "writing"  # not "witting"
    for typo, right in [("teh", "the"), ("recieve", "receive"), ("goverment", "government"),
                        ("happpy", "happy"), ("begining", "beginning")]:
        assert right in en.quick_suggest(typo)[:2], typo


def test_f11_suggestions_put_the_commonest_slips_first_as_the_check_does() -> None:
    """F11 and ``spelling suggest`` (Hunspell's suggestions) offered ``relay`` first for
    ``realy`` and ``witting`` for ``writting``, where the check's finding says ``really`` and
    ``writing`` (Enter wrote the first); a capitalised ``Teh`` got no ``The`` at all."""
    en = load_dictionary_files(bundled_en_us() / "en_US", "en_US")
    for typo in ("realy", "writting", "leter", "adress", "Realy", "Writting", "Teh"):
        assert en.suggest(typo)[0] == en.quick_suggest(typo)[0], typo
    assert en.suggest("Teh")[:2] == ["The", "Eh"]  # not "eh", the capital's deletion
    assert len(en.suggest("realy", 3)) == 3


def test_a_capitalised_name_the_arabic_holds_transliterated_is_not_flagged(
    tiny_folder: Path,
) -> None:
    """Names written in Arabic letters in the source (شهرزاد, ستوريدج) were flagged in their
    English transliteration; a misspelled word, a name the Arabic lacks, a lower-case word
    and a name of two consonants (too many Arabic words match those) still are."""
    checker = SpellChecker(load_dictionary("xx_TEST", [tiny_folder]))
    source = "قالت شَهْرَزاد إن ستوريدج زار الأندلس وسينا"
    text = "Shahrazad said Sturridge of Andalus met Sina and Gerrard; shahrazad"
    flagged = [m.word for m in checker.misspellings(text, source=source)]
    assert flagged == ["said", "of", "met", "Sina", "and", "Gerrard", "shahrazad"]
    assert "Shahrazad" in [m.word for m in checker.misspellings(text)]


def test_a_typo_of_a_dictionary_name_is_flagged_though_the_arabic_holds_the_name() -> None:
    """The consonants leave vowels and doubled letters out: Yorksire and Macdeonia have those
    of يوركشاير and مقدونيا, and went unflagged; one edit from a dictionary word, they are
    typos."""
    checker = SpellChecker(load_dictionary_files(bundled_en_us() / "en_US", "en_US"))
    source = "قالت شهرزاد إن يوركشاير ومقدونيا"
    found = checker.misspellings("Shahrazad said Yorksire and Macdeonia", source=source)
    assert [m.word for m in found] == ["Yorksire", "Macdeonia"]
