"""workbench.text.bidi: the right-to-left stretches an export labels Arabic."""

from __future__ import annotations

from workbench.text.bidi import rtl_spans


def test_rtl_spans_take_the_numbers_and_stops_that_end_the_arabic():
    def spans(text: str) -> list[str]:
        return [text[a:b] for a, b in rtl_spans(text)]

    assert spans("He wrote. ثم أرسلها في عام 2024.") == ["ثم أرسلها في عام 2024."]
    assert spans("Done. 2024 كان عاما صعبا. Then") == ["2024 كان عاما صعبا."]
    assert spans("the term الثورة (revolution)") == ["الثورة"]
    assert spans("no Arabic") == []
