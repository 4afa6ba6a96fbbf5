"""LQA arithmetic: words, penalty, score, the verdict at its boundaries, and the breakdowns."""

from __future__ import annotations

from workbench.lqa import (
    CATEGORIES,
    DEFAULT_WEIGHTS,
    DIMENSIONS,
    EvaluatedSegment,
    LqaError,
    lqa_report,
    source_words,
)

W = DEFAULT_WEIGHTS


def seg(sid: int, words: int, who: str | None = "ann") -> EvaluatedSegment:
    return EvaluatedSegment(sid, sid, words, who)


def err(eid: int, sid: int, severity: str, category: str = "accuracy/mistranslation",
        who: str | None = "ann") -> LqaError:
    return LqaError(eid, sid, sid, category, severity, translator=who)


def test_source_words_count_tokens_with_letters_or_digits() -> None:
    assert source_words("ذهب الرجلُ ، إلى السوق ١٩١٧ .") == 5
    assert source_words("كَتَبَ") == 1  # diacritics do not split a word
    assert source_words("  ") == 0


def test_source_words_leave_out_inline_tags() -> None:
    """A document imported with formatting holds tags in its Arabic: an image or line break
    standing alone (<2/>) was counted as a word, so every such segment weighed more and the
    score came out too high."""
    assert source_words("ذهب <1>الرجل</1> إلى السوق <2/> صباحا.") == 5
    assert source_words("ثم <1>عاد</1> <2/> إلى البيت <3/>مساء.") == 5
    assert source_words("ثم<2/>عاد") == 2  # an empty tag separates words
    assert source_words("ال<1>رجل</1>") == 1  # a formatted part of a word does not


def test_score_exactly_at_the_threshold_passes() -> None:
    report = lqa_report("d", [seg(1, 100)], [err(1, 1, "minor")], W, 99)
    assert (report.words, report.penalty, report.score, report.passed) == (100, 1.0, 99.0, True)
    below = lqa_report("d", [seg(1, 99)], [err(1, 1, "minor")], W, 99)
    assert below.passed is False and below.score == 98.98  # 98.9898…, shown rounded down


def test_the_verdict_is_exact_where_floats_are_not() -> None:
    tenth = {**W, "minor": 0.1}
    errors = [err(i, 1, "minor") for i in range(10)]  # 0.1 × 10 is 0.9999999999999999 in floats
    report = lqa_report("d", [seg(1, 100)], errors, tenth, 99)
    assert report.penalty == 1.0 and report.score == 99.0 and report.passed is True
    nearly = lqa_report("d", [seg(1, 300)], [err(1, 1, "minor")] * 3, W, 99.0)
    assert nearly.passed is True
    just_below = lqa_report("d", [seg(1, 299)], [err(1, 1, "minor")] * 3, W, 99.0)
    assert just_below.passed is False and just_below.score == 98.99  # 98.9966… rounded down


def test_no_words_no_score_no_verdict() -> None:
    report = lqa_report("d", [], [err(1, 1, "major")], W, 99)
    assert report.words == 0 and report.score is None and report.passed is None
    assert report.errors == []  # an error on a segment outside the evaluation is not counted
    data = report.to_json()
    assert data["score"] is None and data["pass"] is None and data["penalty"] == 0.0
    empty = lqa_report("d", [seg(1, 0)], [], W, 99)
    assert empty.score is None and empty.passed is None


def test_no_errors_is_a_perfect_score_and_a_score_can_go_negative() -> None:
    assert lqa_report("d", [seg(1, 10)], [], W, 99).score == 100.0
    report = lqa_report("d", [seg(1, 10)], [err(1, 1, "critical")], W, 99)
    assert report.score == -150.0 and report.passed is False
    neutral = lqa_report("d", [seg(1, 10)], [err(1, 1, "neutral")], W, 100)
    assert neutral.score == 100.0 and neutral.passed is True


def test_breakdowns_and_json_keys() -> None:
    errors = [
        err(1, 1, "major"), err(2, 1, "minor", "linguistic-conventions/spelling"),
        err(3, 2, "minor", "linguistic-conventions/spelling", who="bob"),
        err(4, 2, "critical", "terminology", who="bob"),
    ]
    report = lqa_report("d", [seg(1, 60), seg(2, 40, "bob")], errors, W, 99)
    data = report.to_json()
    assert {"score", "words", "penalty", "threshold", "pass", "by_category", "by_severity",
            "errors"} <= set(data)
    assert data["penalty"] == 32.0 and data["score"] == 68.0
    assert data["by_severity"]["minor"] == {"errors": 2, "weight": 1.0, "penalty": 2.0}
    assert data["by_category"] == {
        "terminology": {"errors": 1, "penalty": 25.0},
        "accuracy/mistranslation": {"errors": 1, "penalty": 5.0},
        "linguistic-conventions/spelling": {"errors": 2, "penalty": 2.0},
    }
    assert list(data["by_dimension"]) == list(DIMENSIONS)
    assert data["by_dimension"]["linguistic-conventions"]["minor"] == 2
    people = {p["translator"]: p for p in data["by_translator"]}
    assert people["ann"] == {"translator": "ann", "segments": 1, "words": 60, "errors": 2,
                             "penalty": 6.0, "score": 90.0, "pass": False}
    assert people["bob"]["penalty"] == 26.0 and people["bob"]["score"] == 35.0
    assert data["errors"][0]["weight"] == 5.0 and data["errors"][3]["name"] == "Terminology"


def test_unknown_translator() -> None:
    report = lqa_report("d", [seg(1, 10, None)], [err(1, 1, "minor", who=None)], W, 99)
    assert [p["translator"] for p in report.by_translator()] == ["(unknown)"]


def test_typology_covers_mqm_core() -> None:
    assert DIMENSIONS == (
        "terminology", "accuracy", "linguistic-conventions", "style", "locale-conventions",
        "audience-appropriateness", "design-and-markup",
    )
    for cid in ("accuracy/mistranslation", "accuracy/omission", "accuracy/addition",
                "accuracy/untranslated", "linguistic-conventions/grammar",
                "linguistic-conventions/spelling", "terminology/termbase", "style/awkward",
                "locale-conventions/date-format", "audience-appropriateness/offensive",
                "design-and-markup/markup"):
        assert cid in CATEGORIES
    assert all(c.split("/")[0] in DIMENSIONS for c in CATEGORIES)
    assert len({c.pid for c in CATEGORIES.values()}) == len(CATEGORIES)
