"""The ``spelling`` QA check: in the registry, in ``workbench check`` (both modes, every
format, ``--skip``), with the words the project knows, and in exports that carry findings."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.spelling.conftest import write_dictionary
from workbench.errors import WorkbenchError
from workbench.glossary.checks import REGISTRY
from workbench.glossary.qa import run_checks, run_document
from workbench.project import Project
from workbench.spelling import SpellChecker, load_dictionary
from workbench.spelling.tokens import bare_word
from workbench.store import spelling as q_spelling

GLOSSARY = "source\ttarget\tcomment\tforbidden\nكيرينسكي\tKerensky\t\tKerenski\nسمولني\tSmolny\n"
AR = ["ذهب كيرينسكي إلى سمولني.", "قرأ Lenin جريدة Pravda.", "كانت الجريدة http://x.org."]
EN = [
    "Kerensky went to the Smolny and recieved teh news.",
    "Lenin read the Pravda newspaper.",
    "The paper was at http://exampel.org and ana@exampel.org in 1917.",
]


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    paths = {"g": tmp_path / "g.tsv", "ar": tmp_path / "ar.txt", "en": tmp_path / "en.txt"}
    paths["g"].write_text(GLOSSARY, encoding="utf-8")
    paths["ar"].write_text("\n".join(AR) + "\n", encoding="utf-8")
    paths["en"].write_text("\n".join(EN) + "\n", encoding="utf-8")
    return {k: str(v) for k, v in paths.items()}


def file_check(files: dict[str, str], *extra: str):  # type: ignore[no-untyped-def]
    return run_cli("check", "--glossary", files["g"], "--source", files["ar"],
                   "--target", files["en"], *extra)


def test_registered_as_a_warning_that_needs_a_speller() -> None:
    assert REGISTRY["spelling"].severity == "warning"
    assert [f for f in run_checks("أ", "teh cat", matcher=None) if f.check == "spelling"] == []


def test_one_finding_per_misspelled_word_with_span_and_suggestions() -> None:
    speller = SpellChecker(load_dictionary("en_US"), ["Smolny"])
    target = "The Smolny recieved teh news, teh end."
    found = [f for f in run_checks("خبر", target, matcher=None, speller=speller)
             if f.check == "spelling"]
    assert [(f.found, f.span) for f in found] == [
        ("recieved", (11, 19)), ("teh", (20, 23)), ("teh", (30, 33)),
    ]
    assert all(target[f.span[0] : f.span[1]] == f.found for f in found)
    assert found[0].expected[0] == "received" and found[0].kind == "misspelled"
    assert "received" in found[0].message and found[1].severity == "warning"


def test_a_word_known_with_its_possessive_is_known_without() -> None:
    speller = SpellChecker(load_dictionary("en_US"), ["Zaev’s"], frozenset({"ivanov's"}))
    found = speller.misspellings("Zoran Zaev met Ivanov; Zaevs and Zaev's aides.")
    assert [w.word for w in found] == ["Zoran"]  # Zaevs: a plural of the known Zaev


def test_decomposed_accents_are_part_of_their_words() -> None:
    import unicodedata

    speller = SpellChecker(load_dictionary("en_US"), ["Zürich"])  # the word list's in NFC
    composed = "The naïve clerk in Zürich recieved it."
    target = unicodedata.normalize("NFD", composed)  # as some editors save it
    found = [(w.word, (w.start, w.end)) for w in speller.misspellings(target)]
    # whole words (not "nai", "ve"...), found as in the composed text, spans in this one
    assert [unicodedata.normalize("NFC", w) for w, _ in found] == [
        w.word for w in speller.misspellings(composed)] == ["naïve", "recieved"]
    assert [target[a:b] for _, (a, b) in found] == [w for w, _ in found]
    assert "naive" in speller.quick_suggest(found[0][0])


def test_a_soft_hyphen_is_part_of_its_word() -> None:
    # U+00AD, a word processor's optional hyphen (DOCX, HTML's &shy;), is invisible: the word
    # around it is one word ("infor", "mation" were flagged)
    speller = SpellChecker(load_dictionary("en_US"), ["Wil\u00adloughby"])
    text = "More infor\u00admation from Willoughby; a mis\u00adspeled word."
    found = [(w.word, (w.start, w.end)) for w in speller.misspellings(text)]
    assert found == [("mis\u00adspeled", (text.index("mis"), text.index(" word")))]
    assert "misspelled" in speller.suggest(found[0][0])
    assert bare_word("\u00adSturridge\u00ad,") == "Sturridge"  # around a word: none of it


def test_parallel_run_finds_the_same(files: dict[str, str]) -> None:
    speller = SpellChecker(load_dictionary("en_US"))
    pairs = list(zip(AR * 4, EN * 4, strict=True))
    one = run_document(pairs, matcher=None, speller=speller)
    two = run_document(pairs, matcher=None, speller=speller, jobs=2)
    assert one.findings == two.findings
    assert any(f.check == "spelling" for fs in two.findings for f in fs)


def test_file_mode_every_format_and_skip(files: dict[str, str], tmp_path: Path) -> None:
    result = file_check(files, "--format", "json")
    assert result.exit_code == 0, result.stderr  # warnings only
    spelling = [v for v in json.loads(result.stdout)["violations"] if v["check"] == "spelling"]
    # the glossary's English, the Latin words of the Arabic, URLs, mails, numbers: known
    assert [(v["line"], v["found"]) for v in spelling] == [(1, "recieved"), (1, "teh")]
    assert spelling[0]["span"] == [32, 40] and spelling[0]["expected"][0] == "received"
    assert file_check(files, "--fail-on", "warning").exit_code == 1
    table = file_check(files)
    assert "spelling" in table.stdout and "recieved" in table.stdout
    rows = list(csv.DictReader(io.StringIO(file_check(files, "--format", "csv").stdout)))
    assert {r["found"] for r in rows if r["check"] == "spelling"} == {"recieved", "teh"}
    html = file_check(files, "--format", "html").stdout
    assert "<mark>recieved</mark>" in html
    skipped = json.loads(file_check(files, "--format", "json", "--skip", "spelling").stdout)
    assert not [v for v in skipped["violations"] if v["check"] == "spelling"]


def test_project_mode_uses_the_project_words(in_tmp: Path, sample_db: Path) -> None:
    def spelling(*extra: str) -> set[str]:
        result = run_cli("check", "--db", str(sample_db), "--format", "json", *extra)
        assert result.exit_code == 1, result.stderr  # the sample has glossary errors
        return {v["found"] for v in json.loads(result.stdout)["violations"]
                if v["check"] == "spelling"}

    found = spelling()
    assert {"organising", "organisation"} <= found
    assert "Kerenski" not in found  # a forbidden rendering: term-forbidden reports it
    assert spelling("--jobs", "2") == found
    assert spelling("--skip", "spelling") == set()
    assert run_cli("spelling", "add", "organising", "--db", str(sample_db)).exit_code == 0
    assert spelling() == found - {"organising"}


def test_exports_with_findings_show_spelling(in_tmp: Path, sample_db: Path) -> None:
    out = in_tmp / "review.html"
    result = run_cli("export", "--db", str(sample_db), "--format", "html", "--output", str(out))
    assert result.exit_code == 0, result.stderr
    assert "is not in the en_US dictionary" in out.read_text(encoding="utf-8")


def test_a_misspelled_word_cut_by_tags_is_one_finding_everywhere(
        tmp_path: Path, sample_db: Path) -> None:
    """'re<2>ciev</2>e' was reported as 'ciev' (suggestions: civ, Kiev) by the check, its
    JSON, the HTML report and an export's QA notes: now as 'recieve', 'receive' first, its
    span the whole written word (marked whole in the HTML report, where a tag-mismatch span
    inside it cut the mark short)."""
    target = "They re<2>ciev</2>e <1>goverment</1>al aid."
    speller = SpellChecker(load_dictionary("en_US"))
    found = [f for f in run_checks("يتلقون <1>مساعدات</1> <2>حكومية</2>", target,
                                   matcher=None, speller=speller) if f.check == "spelling"]
    assert [(f.found, f.span) for f in found] == [("recieve", (5, 19)),
                                                  ("govermental", (20, 38))]
    assert [target[slice(*f.span)] for f in found] == ["re<2>ciev</2>e", "<1>goverment</1>al"]
    assert found[0].expected[0] == "receive" and "'recieve'" in found[0].message
    ar, en = tmp_path / "ar.txt", tmp_path / "en.txt"
    ar.write_text("يتلقون المساعدات.\n", encoding="utf-8")  # no tags: tag-mismatch findings
    en.write_text(target + "\n", encoding="utf-8")
    result = run_cli("check", "--source", str(ar), "--target", str(en), "--format", "json")
    spelling = [v for v in json.loads(result.stdout)["violations"] if v["check"] == "spelling"]
    assert [(v["found"], v["span"], v["expected"][0]) for v in spelling] == [
        ("recieve", [5, 19], "receive"), ("govermental", [20, 38], "governmental")]
    html = run_cli("check", "--source", str(ar), "--target", str(en), "--format", "html").stdout
    assert "<mark>re&lt;2&gt;ciev&lt;/2&gt;e</mark>" in html
    assert "<mark>&lt;1&gt;goverment&lt;/1&gt;al</mark>" in html
    with Project.open(sample_db) as project:
        project.save_draft(project.segments()[0].id, target)
    out = tmp_path / "review.html"
    result = run_cli("export", "--db", str(sample_db), "--format", "html", "--output", str(out))
    assert result.exit_code == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert "&#x27;recieve&#x27; is not in the en_US dictionary (suggestions: receive" in page
    assert "&#x27;ciev&#x27;" not in page


def test_word_list_and_known_sources(project: Project) -> None:
    spelling = project.spelling
    text = "The Smolnyy sent Kerenski teh news"
    assert [m.word for m in spelling.misspellings(text)] == ["Smolnyy", "teh"]
    assert spelling.add_word("Smolnyy") is True
    assert spelling.add_word("SMOLNYY") is False  # any case: already there
    assert [m.word for m in spelling.misspellings(text)] == ["teh"]
    assert [w.word for w in spelling.words()] == ["Smolnyy"]
    assert spelling.words()[0].author == "tester"
    spelling.add_known_source(lambda: frozenset({"teh"}))  # e.g. the English of a TM
    assert spelling.misspellings(text) == []
    spelling.remove_word("smolnyy")
    assert [m.word for m in spelling.misspellings(text)] == ["Smolnyy"]
    with pytest.raises(Exception, match="not in the project's word list"):
        spelling.remove_word("smolnyy")
    for bad in ("", "two words", "1917"):
        with pytest.raises(Exception, match="word"):
            spelling.add_word(bad)


def test_the_word_list_leaves_out_a_pastes_control_characters(project: Project) -> None:
    """'Wool\\x1bworths' (a paste's ESC) was listed as it was typed: `spelling list` sent the
    ESC to the terminal and the word never matched 'Woolworths' in the English."""
    spelling = project.spelling
    assert spelling.add_word("Wool\x1bworths\x07") is True
    assert [w.word for w in spelling.words()] == ["Woolworths"]
    assert spelling.misspellings("Woolworths sold it.") == []


def test_the_word_list_leaves_out_the_punctuation_around_a_word(project: Project) -> None:
    """A word copied from a sentence ('Sturridge,', '"Widodo"') is listed bare: it was stored
    with its punctuation, listed beside the bare word, and 'remove Sturridge' said it was not
    in the list."""
    spelling = project.spelling
    assert spelling.add_word("Sturridge,") is True
    assert spelling.add_word("“Widodo”") is True
    assert spelling.add_word("workers'") is True
    assert spelling.add_word("(Sturridge)") is False  # there already
    assert [w.word for w in spelling.words()] == ["Sturridge", "Widodo", "workers"]
    spelling.remove_word("Sturridge")
    spelling.remove_word("Widodo.")
    assert [w.word for w in spelling.words()] == ["workers"]
    with pytest.raises(WorkbenchError, match="not a word"):
        spelling.add_word("--")
    # a list kept before: the word with its punctuation is found as given
    with spelling.context.transaction():
        q_spelling.add_word(spelling.context.db, "Zaev.", "zaev.", "tester")
    spelling.remove_word("Zaev.")
    assert [w.word for w in spelling.words()] == ["workers"]


def test_the_checker_is_kept_until_the_words_change(project: Project) -> None:
    project.spelling.prepare()
    first = project.spelling.checker()
    assert project.spelling.checker() is first
    project.spelling.add_word("Trotskyy")
    assert project.spelling.checker() is not first


def test_config_chooses_the_dictionary(
    sample_db: Path, tiny_folder: Path, shipped_en_us: Path
) -> None:
    shipped_en_us.write_text(
        f'[spelling]\nlanguage = "xx_TEST"\ndictionaries = ["{tiny_folder}"]\n', encoding="utf-8"
    )
    with Project.open(sample_db) as project:
        assert project.spelling.language == "xx_TEST"
        assert [m.word for m in project.spelling.misspellings("cats and dogs")] == ["and"]
        project.spelling.use("en_US")
        assert project.spelling.misspellings("cats and dogs") == []


def test_a_relative_dictionary_folder_is_beside_the_config_file(
    in_tmp: Path, sample_db: Path, tiny_folder: Path, shipped_en_us: Path
) -> None:
    """dictionaries = ["hunspell"] is the folder in the config file's folder, wherever the
    command runs (it was looked for in the current folder: the dictionary was not found)."""
    import shutil

    shutil.copytree(tiny_folder, shipped_en_us.parent / "hunspell")
    shipped_en_us.write_text('[spelling]\nlanguage = "xx_TEST"\ndictionaries = ["hunspell"]\n',
                             encoding="utf-8")
    said = run_cli("spelling", "suggest", "--db", str(sample_db), "cats")
    assert said.exit_code == 0 and said.stdout.strip() == "cats: correct (xx_TEST)"


def test_an_abbreviation_the_dictionary_spells_with_its_stop_is_correct(
    sample_db: Path, tmp_path: Path, shipped_en_us: Path
) -> None:
    """en_GB spells "etc.", "Dept.", "Inc." with their full stop, as Hunspell accepts them
    (they were flagged: the stop is no part of a word); without it they are misspelled."""
    folder = write_dictionary(tmp_path / "abbr", "xx_ABBR", "cat/S etc. Dept.").parent
    speller = SpellChecker(load_dictionary("xx_ABBR", [folder]))
    text = "Cats, etc. Dept. cat, etc"
    assert [(w.word, w.start) for w in speller.misspellings(text)] == [("etc", len(text) - 3)]
    shipped_en_us.write_text(
        f'[spelling]\nlanguage = "xx_ABBR"\ndictionaries = ["{folder}"]\n', encoding="utf-8"
    )
    said = run_cli("spelling", "suggest", "--db", str(sample_db), "etc.")
    assert said.exit_code == 0 and said.stdout.strip() == "etc.: correct (xx_ABBR)"


def test_a_missing_dictionary_is_one_line(in_tmp: Path, sample_db: Path, shipped_en_us: Path
                                          ) -> None:
    shipped_en_us.write_text('[spelling]\nlanguage = "zz_ZZ"\n', encoding="utf-8")
    result = run_cli("check", "--db", str(sample_db))
    assert result.exit_code == 2 and "no Hunspell dictionary for 'zz_ZZ'" in result.stderr
    assert run_cli("check", "--db", str(sample_db), "--skip", "spelling").exit_code == 1
    shipped_en_us.write_text('[spelling]\nlanguage = 42\n', encoding="utf-8")
    bad = run_cli("check", "--db", str(sample_db))
    assert bad.exit_code == 2 and "line 2" in bad.stderr
    shipped_en_us.write_text('[spelling]\ndictionaries = [1, 2]\n', encoding="utf-8")
    bad = run_cli("check", "--db", str(sample_db))
    assert bad.exit_code == 2 and "list of folders" in bad.stderr


def test_spelling_cli(in_tmp: Path, sample_db: Path) -> None:
    db = ("--db", str(sample_db))
    added = run_cli("spelling", "add", "Smolnyy", "Trotskyy", *db)
    assert added.exit_code == 0 and "added: Trotskyy" in added.stdout
    assert "already in the list" in run_cli("spelling", "add", "smolnyy", *db).stdout
    listed = json.loads(run_cli("spelling", "list", "--format", "json", *db).stdout)
    assert [w["word"] for w in listed] == ["Smolnyy", "Trotskyy"]
    assert run_cli("spelling", "remove", "TROTSKYY", *db).exit_code == 0
    gone = run_cli("spelling", "remove", "Trotskyy", *db)
    assert gone.exit_code == 2 and "not in the project's word list" in gone.stderr
    assert run_cli("spelling", "add", "two words", *db).exit_code == 2
    arabic = run_cli("spelling", "add", "مرحبا", *db)  # taken, though never looked at
    assert arabic.exit_code == 2 and "never spell-checked" in arabic.stderr
    refused = run_cli("spelling", "add", "Kerenski", "Kornilovv", "  ", *db)
    assert refused.exit_code == 2 and "give a word to add" in refused.stderr
    assert refused.stdout == ""  # none of them added: it added those before the blank one
    assert [w["word"] for w in json.loads(run_cli("spelling", "list", "--format", "json",
                                                  *db).stdout)] == ["Smolnyy"]
    suggested = json.loads(run_cli("spelling", "suggest", "recieve", "--format", "json",
                                   *db).stdout)
    assert suggested["correct"] is False and suggested["suggestions"][0] == "receive"
    assert run_cli("spelling", "suggest", "Smolnyy", *db).stdout == (
        "Smolnyy: correct (known to the project, not in en_US)\n")
    assert run_cli("spelling", "suggest", "receive", *db).stdout == "receive: correct (en_US)\n"
    empty = run_cli("spelling", "suggest", "", *db)
    assert empty.exit_code == 2 and "nothing to check" in empty.stderr
    assert "* en_US" in run_cli("spelling", "languages", *db).stdout


def test_spelling_suggest_judges_a_word_as_the_check_does(in_tmp: Path, sample_db: Path) -> None:
    """al-Qaeda (part by part, the built-in names) is correct, COVID-19 and NATO are never
    checked, and punctuation around a word is not part of it (they were judged whole:
    'al-Qaeda: not in en_US; suggestions: al-Baeda', 'recieve.' got 'retrieve')."""
    db = ("--db", str(sample_db))

    def verdict(word: str) -> dict[str, object]:
        return json.loads(run_cli("spelling", "suggest", word, "--format", "json", *db).stdout)

    assert verdict("al-Qaeda")["correct"] is True
    assert run_cli("spelling", "suggest", "al-Qaeda", *db).stdout == (
        "al-Qaeda: correct (known to the project, not in en_US)\n")
    for word in ("COVID-19", "NATO", "who.int"):
        assert verdict(word)["checked"] is False and verdict(word)["correct"] is True
        assert "never checked" in run_cli("spelling", "suggest", word, *db).stdout
    stray = verdict(" recieve. ")
    assert stray["word"] == "recieve." and stray["suggestions"][0] == "receive"
    assert verdict("well-knwon")["correct"] is False
    # a word pasted from a segment with its document's tags: the word's suggestions (it had none)
    tagged = verdict("re<2>ciev</2>e")
    assert tagged["correct"] is False and tagged["suggestions"][0] == "receive"


def test_spelling_suggest_takes_one_word(sample_db: Path) -> None:
    """Words with spaces between them are refused; 'good recieve' was asked of Hunspell whole
    and got 'goodhumored', 'two words' was 'correct'."""
    db = ("--db", str(sample_db))
    for text in ("good recieve", "two words", "recieve\tteh"):
        result = run_cli("spelling", "suggest", text, *db)
        assert result.exit_code == 2 and "one word at a time" in result.stderr
        assert result.stdout == ""


def test_names_of_the_arabic_world_are_known(files: dict[str, str], sample_db: Path) -> None:
    """Transliterated names and words (Mohammed, Riyadh, Eid), and the parts English writes
    with a hyphen (al-Assad, pre-war), in file mode and in a project; a misspelling still not."""
    text = "Mohammed bin Salman met al-Assad in pre-war Riyadh on Eid with Hezbolah."
    with Project.open(sample_db) as project:
        assert [w.word for w in project.spelling.misspellings(text)] == ["Hezbolah"]
    Path(files["ar"]).write_text("نص.\n", encoding="utf-8")
    Path(files["en"]).write_text(text + "\n", encoding="utf-8")
    result = run_cli("check", "--source", files["ar"], "--target", files["en"], "--format", "json")
    found = [v["found"] for v in json.loads(result.stdout)["violations"]
             if v["check"] == "spelling"]
    assert found == ["Hezbolah"]


def test_a_built_in_name_in_lower_case_is_a_misspelling(sample_db: Path) -> None:
    """The names were compared case-insensitively, so 'He sayed', 'noor', 'salah' and 'omar'
    (Hunspell flags them all) passed the check because Sayed, Noor, Salah and Omar are names;
    the words English writes in lower case (iftar, ibn) stay known in any case."""
    text = ("He sayed the noor salah was sad; Sayed Omar broke the iftar with Khalid ibn Walid "
            "at al-Aqsa.")
    with Project.open(sample_db) as project:
        found = [w.word for w in project.spelling.misspellings(text)]
        checker = project.spelling.checker()
        # a place name written in lower case gets its name first (it got 'Riyal', 'riyal')
        assert checker.quick_suggest("riyadh")[0] == "Riyadh"
        assert checker.quick_suggest("baghdad")[0] == "Baghdad"
    assert found == ["sayed", "noor", "salah"]


def test_names_written_with_an_apostrophe_and_eid_s_feasts_are_known(sample_db: Path) -> None:
    """Qur'an, Ba'ath, Sana'a (straight or curly) and Eid al-Fitr / al-Adha were flagged, and
    so were the Koran (Koranic was known), Shi'a and Abdul-Aziz."""
    text = ("On Eid al-Fitr and Eid al-Adha the Qur’an is read in Sana'a; the Ba'ath Party, "
            "Al-Jazeera, al-Sisi and Al Maktoum, Qurran; a Qur’anic or Koranic verse; the "
            "Koran, Shi’a clerics and Abdul-Aziz.")
    with Project.open(sample_db) as project:
        assert [w.word for w in project.spelling.misspellings(text)] == ["Qurran"]


def test_a_config_language_without_a_dictionary_names_the_config_file_and_line(
    shipped_en_us: Path, tmp_path: Path, sample_db: Path | str
) -> None:
    """``language = "en_UK"`` (for en_GB) made `check` fail without saying where the language
    was set; the README promises a bad setting names the file and the line."""
    shipped_en_us.write_text('[display]\ndirection = "app"\n\n[spelling]\nlanguage = "en_UK"\n',
                             encoding="utf-8")
    where = f"workbench: error: {shipped_en_us}: line 5: no Hunspell dictionary for 'en_UK'"
    result = run_cli("check", "--db", str(sample_db))
    assert result.exit_code == 2 and result.stderr.startswith(where), result.stderr
    (tmp_path / "ar.txt").write_text("ثورة أكتوبر\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text("The October Revolution\n", encoding="utf-8")
    result = run_cli("check", "--source", str(tmp_path / "ar.txt"),
                     "--target", str(tmp_path / "en.txt"))
    assert result.exit_code == 2 and result.stderr.startswith(where), result.stderr


def test_built_in_names_come_after_the_dictionary_s_near_suggestions(
    files: dict[str, str], sample_db: Path
) -> None:
    """The built-in names were offered before the dictionary's words: 'adn' got Aden, Adel,
    Adha (no 'and'; F11's Enter wrote 'Aden'), 'tis' got Tunis first; a misspelled name still
    gets its name."""
    with Project.open(sample_db) as project:
        checker = project.spelling.checker()
        assert checker.quick_suggest("adn")[0] == "and"
        assert checker.suggest("adn")[0] == "and"
        assert checker.quick_suggest("tis")[0] != "Tunis"
        assert "Abdelaziz" in checker.quick_suggest("Abdelazis")
        assert checker.suggest("Abdelazis")[0] == "Abdelaziz"
        assert [w.word for w in checker.misspellings("Riyadh and Aden")] == []
    Path(files["ar"]).write_text("نص.\n", encoding="utf-8")
    Path(files["en"]).write_text("Bread adn salt in Riyadh.\n", encoding="utf-8")
    result = run_cli("check", "--source", files["ar"], "--target", files["en"], "--format", "json")
    found = [v for v in json.loads(result.stdout)["violations"] if v["check"] == "spelling"]
    assert [(v["found"], v["expected"][0]) for v in found] == [("adn", "and")]


def test_spelling_languages_says_when_the_config_s_language_has_no_dictionary(
    shipped_en_us: Path, sample_db: Path | str
) -> None:
    """With ``language = "en_UK"`` the list marked none and said nothing: it looked as if all
    were well while every check failed."""
    shipped_en_us.write_text('[spelling]\nlanguage = "en_UK"\n', encoding="utf-8")
    result = run_cli("spelling", "languages", "--db", str(sample_db))
    assert result.exit_code == 0 and "en_US" in result.stdout and "*" not in result.stdout
    assert result.stderr.startswith(
        f"warning: {shipped_en_us}: line 2: no Hunspell dictionary for 'en_UK'"), result.stderr


def test_a_compound_the_dictionary_holds_is_in_the_dictionary_for_suggest(
    shipped_en_us: Path, tmp_path: Path, sample_db: Path
) -> None:
    """en_GB's 'avant-garde' (a whole entry of the dictionary, no part of it one) was said to
    be 'correct (known to the project, not in en_GB)' by spelling suggest and F11."""
    folder = tmp_path / "dicts"
    folder.mkdir()
    (folder / "xx_GB.aff").write_text("SET UTF-8\nSFX S Y 1\nSFX S 0 s .\n", encoding="utf-8")
    (folder / "xx_GB.dic").write_text("2\navant-garde/S\nart\n", encoding="utf-8")
    shipped_en_us.write_text(f'[spelling]\nlanguage = "xx_GB"\ndictionaries = ["{folder}"]\n',
                             encoding="utf-8")
    for word in ("avant-garde", "avant-gardes."):
        result = run_cli("spelling", "suggest", word, "--db", str(sample_db))
        assert result.stdout == f"{word}: correct (xx_GB)\n", result.stderr


def test_a_word_the_dictionary_spells_with_a_leading_apostrophe_is_correct(
    sample_db: Path, tmp_path: Path, shipped_en_us: Path
) -> None:
    """en_GB holds 'tis, 'twas and 'neath with their apostrophe: Ockley's "'tis" and "'Tis"
    (Hayy ibn Yaqzan, 1708) were flagged as "tis", the apostrophe cut off as a quote mark."""
    folder = write_dictionary(tmp_path / "elided", "xx_OLD", "'tis 'twas so").parent
    speller = SpellChecker(load_dictionary("xx_OLD", [folder]))
    text = "'Tis so, ’twas so; tis so, a'tis, ''tis"
    assert [w.word for w in speller.misspellings(text)] == ["tis", "a'tis", "tis"]
    shipped_en_us.write_text(
        f'[spelling]\nlanguage = "xx_OLD"\ndictionaries = ["{folder}"]\n', encoding="utf-8"
    )
    said = run_cli("spelling", "suggest", "--db", str(sample_db), "'Tis")
    assert said.exit_code == 0 and said.stdout.strip() == "'Tis: correct (xx_OLD)"


def _british_config(config: Path, folder: Path) -> None:
    """Check with the shipped en_US; a tiny en_GB in ``folder`` (found first)."""
    from tests.spelling.conftest import bundled_en_us

    write_dictionary(folder, "en_GB", "organising organisation colour")
    config.write_text(f'[spelling]\nlanguage = "en_US"\ndictionaries = ["{folder}", '
                      f'"{bundled_en_us()}"]\n', encoding="utf-8")


def test_check_says_when_most_spelling_findings_are_british(
    in_tmp: Path, sample_db: Path, shipped_en_us: Path
) -> None:
    """The sample's draft writes 'organising' and 'organisation', which the en_US check
    flags: a new user's first check listed correct words as misspelled without a word on
    why. It now says once, in one line, that they are British and how to check with en_GB."""
    _british_config(shipped_en_us, in_tmp / "gb")
    hint = ('2 of the 2 spelling findings are British spellings: set [spelling] language = '
            f'"en_GB" in the config file ({shipped_en_us})')
    table = run_cli("check", "--db", str(sample_db))
    assert table.stderr.count(f"note: {hint}") == 1 and hint not in table.stdout
    as_json = run_cli("check", "--db", str(sample_db), "--format", "json")
    assert json.loads(as_json.stdout)["summary"]["by_check"]["spelling"] == 2
    assert f"note: {hint}" in as_json.stderr
    assert run_cli("spelling", "add", "organising", "--db", str(sample_db)).exit_code == 0
    assert "1 of the 1 spelling finding is a British spelling" in run_cli(
        "check", "--db", str(sample_db)).stderr


def test_no_british_hint_for_typos_or_without_an_en_gb_dictionary(
    tmp_path: Path, shipped_en_us: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.spelling.conftest import bundled_en_us
    from workbench.spelling import dictionary
    from workbench.spelling.british import american_forms, british_hint

    assert {"organizing", "organising"} & american_forms("organising") == {"organizing"}
    assert american_forms("colour") == {"color"} and american_forms("teh") == set()
    folders = [tmp_path / "gb", bundled_en_us()]
    write_dictionary(folders[0], "en_GB", "organising organisation colour")
    assert british_hint(["organising", "teh"], "en_US", folders) is None  # not most
    assert british_hint(["teh", "recieved"], "en_US", folders) is None
    assert british_hint(["organising"], "en_GB", folders) is None  # en_GB in use already
    assert british_hint(["colour", "organising", "teh"], "en_US", folders) == (
        '2 of the 3 spelling findings are British spellings: set [spelling] language = '
        '"en_GB" in the config file')
    monkeypatch.setattr(dictionary, "SYSTEM_FOLDERS", ())  # no en_GB anywhere
    monkeypatch.setattr(dictionary, "_FOUND", {})
    assert british_hint(["colour", "organising"], "en_US", folders[1:]) is None
