"""English as concordance compares it (workbench.tm.english)."""

from __future__ import annotations

from workbench.tm.english import fold, spans


def test_fold() -> None:
    assert fold("  Don\u2019t   say \u201cno\u201d ") == "don't say \"no\""


def test_spans_in_the_original_text() -> None:
    text = "We\u2019re here.\nwe're\tthere. WE'RE"
    assert [text[s:e] for s, e in spans(text, "we're")] == ["We\u2019re", "we're", "WE'RE"]
    assert [text[s:e] for s, e in spans(text, "here. we're")] == ["here.\nwe're", "here. WE'RE"]
    assert spans(text, "   ") == []
    assert spans("a.b", ".") == [(1, 2)]
