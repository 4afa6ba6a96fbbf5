"""A required rendering missing but another form of it there (disinfect for disinfection,
Covid-19 for COVID 19), or a vocalised term on words without its vowels (عرض for عَرَض): a
term-missing warning, not an error (TICO-19's professional English had 29 errors, all false)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli
from workbench.glossary.enforce import check_terms
from workbench.glossary.english import EnglishText, related_words
from workbench.glossary.matcher import TermMatcher
from workbench.glossary.model import Entry, Glossary


def report(entries: list[Entry], arabic: str, english: str) -> list[tuple[str, str, str | None]]:
    found = check_terms(TermMatcher(Glossary(entries)), arabic, english).findings
    return [(f.check, f.severity, f.found) for f in found]


@pytest.mark.parametrize(("one", "other"), [
    ("disinfection", "disinfect"), ("exposure", "exposed"), ("preparedness", "preparing"),
    ("updates", "updated"), ("isolation", "isolate"), ("spread", "spreading"),
    ("touching", "touch"), ("protection", "protect"),
])
def test_words_of_one_family(one: str, other: str) -> None:
    assert related_words(one, other) and related_words(other, one)


@pytest.mark.parametrize(("one", "other"), [
    ("organ", "organization"), ("international", "internet"), ("position", "positive"),
    ("department", "departure"), ("director", "directly"), ("revolution", "revolt"),
    ("the", "then"), ("virus", "viral"),
])
def test_words_of_other_families(one: str, other: str) -> None:
    assert not related_words(one, other)


@pytest.mark.parametrize(("text", "phrase", "form"), [
    ("Wash your hands and don't touch your face!", "touching face", "touch your face"),
    ("SUBJECT LINE: [Covid-19] Lightening the load", "COVID 19", "Covid-19"),
    ("people need to self-isolate.", "self-isolation", "self-isolate"),
    ("people need to self-isolate.", "self isolation", "self-isolate"),
    ("Please help us.", "US", None),  # an acronym is matched in its case: us is not US
    ("The C language.", "C++", None),  # a rendering's symbols are required
    ("The touch of a face.", "touching face", None),  # one word between them at most
    ("the ongoing coronavirus outbreak", "ongoing outbreak", "ongoing coronavirus outbreak"),
])
def test_other_forms_of_a_rendering(text: str, phrase: str, form: str | None) -> None:
    found = [text[w[0][0]:w[-1][1]] for w in EnglishText(text).find_related(phrase)]
    assert found == ([form] if form else [])


def test_another_form_is_a_warning_naming_it() -> None:
    entries = [Entry("تطهير", "disinfection"), Entry("التعرض", "exposure")]
    arabic = "استخدمنا فريق تنظيف لتطهير جميع الأسطح بعد التعرض"
    assert report(entries, arabic, "A crew was hired to disinfect all surfaces.") == [
        ("term-missing", "warning", "disinfect"), ("term-missing", "error", None),
    ]
    finding = check_terms(TermMatcher(Glossary(entries)), arabic, "disinfect").findings[0]
    assert finding.message == (
        "تطهير: expected 'disinfection', found 'disinfect', another form "
        "(0 of 1 occurrence rendered)"
    )
    assert finding.expected == ["disinfection"] and finding.kind == "missing"


def test_another_form_renders_one_occurrence_only() -> None:
    """Two occurrences, one word of the family: one warning, one error."""
    entries = [Entry("تطهير", "disinfection")]
    assert report(entries, "تطهير ثم تطهير", "Disinfect the room.") == [
        ("term-missing", "warning", "Disinfect"), ("term-missing", "error", None),
    ]
    assert report(entries, "تطهير ثم تطهير", "Disinfect, then disinfect again.") == [
        ("term-missing", "warning", "Disinfect"), ("term-missing", "warning", "disinfect"),
    ]


def test_a_forbidden_rendering_is_no_other_form() -> None:
    entries = [Entry("تطهير", "disinfection", "", ("disinfect",))]
    assert report(entries, "تطهير", "Disinfect the room.") == [
        ("term-missing", "error", None), ("term-forbidden", "error", "Disinfect"),
    ]


def test_words_counted_for_another_term_are_not_another_form() -> None:
    entries = [Entry("تطهير", "disinfection"), Entry("تعقيم", "disinfect")]
    assert report(entries, "تعقيم وتطهير", "Disinfect the room.") == [
        ("term-missing", "error", None),
    ]


def test_unvowelled_occurrence_of_a_vocalised_term_is_a_warning() -> None:
    """The glossary's عَرَض (a symptom) matched TICO-19's عرض (an offer, the Wednesday
    special): without its vowels the text may be a homograph."""
    symptom = [Entry("عَرَض", "symptom")]
    arabic = "لن تستطيع بعض المتاجر توفير عرض الأربعاء الخاص."
    english = "Some stores can't run the Wednesday special."
    assert report(symptom, arabic, english) == [("term-missing", "warning", None)]
    assert check_terms(TermMatcher(Glossary(symptom)), arabic, english).findings[0].message == (
        "عَرَض: expected 'symptom'; the Arabic writes none of its vowels, perhaps another word "
        "(0 of 1 occurrence rendered)"
    )
    # the text's own vowels agree: the term, an error
    assert report(symptom, "ظهر عَرَضٌ جديد", "A new sign appeared.") == [
        ("term-missing", "error", None)]
    # one vowel is a reading aid, not a word told from a homograph (مُصاب: infected)
    assert report([Entry("مُصاب", "infected")], "شخص مصاب", "A sick person.") == [
        ("term-missing", "error", None)]


def test_a_rendering_counts_for_the_vowelled_occurrence_first() -> None:
    """عَرَضٌ (vowels written) and عرض (none) with one 'symptom': the unvowelled one is missed,
    as a warning."""
    found = check_terms(TermMatcher(Glossary([Entry("عَرَض", "symptom")])),
                        "عرض خاص وظهر عَرَضٌ جديد", "A special offer; a new symptom.").findings
    assert [(f.severity, f.span) for f in found] == [("warning", (0, 3))]


def test_ci_fails_on_errors_only_by_default(tmp_path: Path) -> None:
    (tmp_path / "g.tsv").write_text("تطهير\tdisinfection\n", encoding="utf-8")
    (tmp_path / "ar.txt").write_text("تم تطهير المكتب.\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text("The office was disinfected.\n", encoding="utf-8")
    args = ["check", "--glossary", str(tmp_path / "g.tsv"), "--source", str(tmp_path / "ar.txt"),
            "--target", str(tmp_path / "en.txt"), "--skip", "spelling"]
    result = run_cli(*args, "--format", "json")
    assert result.exit_code == 0
    (finding,) = json.loads(result.stdout)["violations"]
    assert (finding["check"], finding["severity"], finding["found"]) == (
        "term-missing", "warning", "disinfected")
    assert run_cli(*args, "--fail-on", "warning").exit_code == 1


def test_an_exports_glossary_findings_read_the_arabics_vowels(tmp_path: Path) -> None:
    """An export's 'glossary' findings are the check's: عرض for عَرَض a warning there too."""
    from workbench.project import Project

    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.set_glossary(Glossary([Entry("عَرَض", "symptom")]))
        project.import_document_text("لن تستطيع المتاجر توفير عرض الأربعاء.", "d")
        project.save_draft(1, "Stores cannot run the Wednesday special.")
        (unit,) = project.export_units("d", findings="glossary")
        all_checks = [f.severity for f in project.check_segment(1) if f.check == "term-missing"]
    assert all_checks == ["warning"]
    assert [f.split(":")[0] for f in unit.findings] == ["warning"]
