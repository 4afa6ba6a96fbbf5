"""LQA errors as note lines: written, read back, and read leniently from other tools."""

from __future__ import annotations

import pytest

from workbench.errors import WorkbenchError
from workbench.lqa import category_id, severity_name
from workbench.lqa.notes import NoteError, format_note, is_note, parse_note


def test_round_trip() -> None:
    error = NoteError("major", "accuracy/mistranslation", (4, 10), 'the "Soviet"\\', "rana",
                      "council: not  the Soviet")
    line = format_note(error)
    assert line == ('LQA: major accuracy/mistranslation at 4-10 "the \\"Soviet\\"\\\\" by rana: '
                    "council: not the Soviet")
    assert parse_note(line) == NoteError("major", "accuracy/mistranslation", (4, 10),
                                         'the "Soviet"\\', "rana", "council: not the Soviet")


def test_a_reviewer_elsewhere_writes_less() -> None:
    assert parse_note("lqa: Minor Fluency/Spelling: typo") == NoteError(
        "minor", "linguistic-conventions/spelling", comment="typo"
    )
    assert parse_note("LQA: critical verity") == NoteError("critical", "audience-appropriateness")
    assert parse_note("LQA: neutral style by Jane Doe") == NoteError(
        "neutral", "style", author="Jane Doe"
    )
    assert is_note("  LQA: x") and not is_note("rana (comment): LQA is fine")


@pytest.mark.parametrize("line, message", [
    ("LQA: major accuracy/wrong", "unknown LQA category"),
    ("LQA: huge accuracy", "unknown LQA severity"),
    ("LQA: major", "not an LQA note"),
    ("LQA: minor style at 5-5", "empty span"),
])
def test_bad_notes_say_why(line: str, message: str) -> None:
    with pytest.raises(WorkbenchError, match=message):
        parse_note(line)


def test_author_colons_cannot_break_the_line() -> None:
    line = format_note(NoteError("minor", "style", author="a:b", comment="c"))
    assert parse_note(line).author == "a b" and parse_note(line).comment == "c"


def test_category_and_severity_names() -> None:
    assert category_id(" Linguistic Conventions/Grammar ") == "linguistic-conventions/grammar"
    assert category_id("design") == "design-and-markup"
    # spaces around the slash, as MQM's own documents write it ('Accuracy / Omission')
    assert category_id(" Accuracy / Omission ") == "accuracy/omission"
    assert category_id("Fluency / Spelling") == "linguistic-conventions/spelling"
    assert severity_name("MAJOR") == "major"
    with pytest.raises(WorkbenchError, match="dimensions: terminology"):
        category_id("nonsense")
