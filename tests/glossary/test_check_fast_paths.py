"""The quick exits of the QA checks find what the checks' full forms find.

Each check below first asks a cheap question (no digit on either side, no bracket, no quotation
mark, no two spaces, only printable ASCII...) and stops when the answer rules a finding out.
Here the full forms, as they were before those exits, are run beside the checks on texts built
to hit the edges: Arabic-Indic and Persian digits, ٫ ٬ and decimal commas, fullwidth brackets,
« » ‹ › “ ” and straight quotation marks, no-break spaces, controls and bidi marks.
"""

from __future__ import annotations

import random
import re
from collections import Counter

import pytest

from workbench.glossary.checks import Pair
from workbench.glossary.checks.double_space import DoubleSpace
from workbench.glossary.checks.inconsistency import source_key, target_key
from workbench.glossary.checks.invisible_characters import INVISIBLE, InvisibleCharacters
from workbench.glossary.checks.number_mismatch import NumberMismatch, numbers, same_numbers
from workbench.glossary.checks.repeated_word import _ALLOWED, _REPEAT, RepeatedWord
from workbench.glossary.checks.unpaired_brackets import (
    UnpairedBrackets,
    lonely_brackets,
    unpaired,
)
from workbench.glossary.checks.unpaired_quotes import UnpairedQuotes
from workbench.glossary.findings import Finding
from workbench.text.normalize import normalize_arabic

ALPHABET = (
    "ab A1 0٣۴٫٬,.  \u00a0\t\n()[]{}（）［］«»‹›“”\"'’-_"
    "the The "
    "\x1b\x7f\u200f\u200d\u00ad\ufeffمحمد ي ء ئ\u064e\u0640<1></1><2/>"
)
EDGES = [
    "", " ", "٣", "۴", "٣ قتلى", "رقم ۴٫٥", "١٬٠٠٠", "2,5", "1,000", "5.2.1", "007", "٠",
    "（注）", "«quoted»", "‹x›", "“a”", '"odd', "a  b", "a\u00a0\u00a0b", "a\u00a0b",
    "tab\there", "esc\x1b", "del\x7f", "\u200fmark", "soft\u00adhyphen", "the the", "The the",
    "<1>7</1>", "<2/> 8", "١٢٣", "x²", "٣٫١٤", "COVID-19", "ab_1",
]


def texts(count: int = 3000, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    out = list(EDGES)
    for _ in range(count):
        out.append("".join(rng.choice(ALPHABET) for _ in range(rng.randrange(0, 24))))
    return out


def pairs() -> list[tuple[str, str]]:
    items = texts()
    rng = random.Random(3)
    out = [(a, b) for a in EDGES for b in EDGES]
    out += [(rng.choice(items), rng.choice(items)) for _ in range(4000)]
    return out


def full_numbers(pair: Pair) -> list[Finding]:
    """number-mismatch as it was: every number of both sides read, then compared."""
    check = NumberMismatch()
    src, tgt = numbers(pair.source), numbers(pair.target)
    if not src and not tgt:
        return []
    src_count = Counter(n for n, _ in src)
    tgt_count = Counter(n for n, _ in tgt)
    findings = [
        check.finding("missing", f"number {n} of the source is not in the target",
                      expected=[n] * c)
        for n, c in (src_count - tgt_count).items()
    ]
    extra = tgt_count - src_count
    for n, span in tgt:
        if extra[n] > 0:
            extra[n] -= 1
            findings.append(check.finding(
                "extra", f"number {n} in the target is not in the source",
                found=n, span=span, severity="warning",
            ))
    return findings


def test_number_mismatch_finds_what_the_full_reading_finds() -> None:
    check = NumberMismatch()
    for source, target in pairs():
        pair = Pair(source, target)
        assert check.run(pair) == full_numbers(pair), (source, target)


@pytest.mark.parametrize("text", ["٣", "۴", "١٢", "x 7", "３", "\u0967"])
def test_digits_of_every_script_count(text: str) -> None:
    assert not same_numbers(text, "no number")
    assert NumberMismatch().run(Pair(text, "no number"))  # missing from the target


def test_numbers_read_plainly_are_read_as_before() -> None:
    assert numbers("007 and ٣ and 10") == [("7", (0, 3)), ("3", (8, 9)), ("10", (14, 16))]


def test_pretests_do_not_skip_a_finding() -> None:
    double, invisible = DoubleSpace(), InvisibleCharacters()
    brackets, quotes, repeated = UnpairedBrackets(), UnpairedQuotes(), RepeatedWord()
    run_ = re.compile(r"(?<=\S)[ \u00a0]{2,}(?=\S)")
    straight = re.compile('"')
    for text in texts():
        pair = Pair("", text)
        assert [f.span for f in double.run(pair)] == [m.span() for m in run_.finditer(text)]
        if text.isascii() and text.isprintable():  # the quick exit of invisible-characters
            assert INVISIBLE.search(text) is None
        elif INVISIBLE.search(text) and "\u200d" not in text:  # no expected joiner
            assert invisible.run(pair), repr(text)
        expected = lonely_brackets(text)  # a list item's 1) is no bracket
        assert [(f.found, f.span[0]) for f in brackets.run(pair)] == expected  # type: ignore[index]
        marks = unpaired(text, {"”": "“", "»": "«", "›": "‹"})
        odd = [m.start() for m in straight.finditer(text)]
        expected_quotes = [(c, i) for c, i in marks] + ([('"', odd[-1])] if len(odd) % 2 else [])
        assert [(f.found, f.span[0]) for f in quotes.run(pair)] == expected_quotes  # type: ignore[index]
        assert [f.span for f in repeated.run(pair)] == [
            m.span() for m in _REPEAT.finditer(text) if m.group(1).casefold() not in _ALLOWED
        ]


def test_no_printable_ascii_character_is_invisible() -> None:
    for c in map(chr, range(128)):
        assert c.isprintable() != bool(INVISIBLE.match(c)) or c in "\t\n\r", repr(c)


def test_fullwidth_brackets_and_guillemets() -> None:
    assert not UnpairedBrackets().run(Pair("", "（note"))  # not one of ( ) [ ] { }
    assert [f.found for f in UnpairedBrackets().run(Pair("", "a (b"))] == ["("]
    assert [f.found for f in UnpairedQuotes().run(Pair("", "«quoted"))] == ["«"]
    assert [f.found for f in UnpairedQuotes().run(Pair("", "x › y"))] == ["›"]
    assert [f.found for f in UnpairedQuotes().run(Pair("", 'say "hi'))] == ['"']
    assert [f.found for f in InvisibleCharacters().run(Pair("", "esc\x1b"))] == ["U+001B"]
    assert DoubleSpace().run(Pair("", "a\u00a0\u00a0b"))


_TRAILING = re.compile(r"[\s.,;:!?؟،؛…\"'”’»)\]]+$")


def test_inconsistency_keys_strip_as_the_expression_did() -> None:
    for text in [*texts(), "نص .", "نص ؟!", "text…  ", "a ) ]", "«نص»", " . "]:
        assert source_key(text) == _TRAILING.sub("", " ".join(normalize_arabic(text).split()))
        assert target_key(text) == _TRAILING.sub("", " ".join(text.casefold().split()))


def test_a_parallel_run_finds_what_one_process_finds_and_leaves_the_collector_as_it_was() -> None:
    import gc
    import threading

    from workbench.glossary.qa import iter_document_terms, run_document

    pairs = [(f"النص {i} «هنا».", f"The text {i + i % 3} (here.") for i in range(12)]
    pairs += [("نص واحد.", "One text."), ("نص واحد.", "A text"), ("آخر", "One text.")]
    one = run_document(pairs, matcher=None, jobs=1)
    assert any(f.check == "inconsistent-target" for fs in one.findings for f in fs)
    before = gc.get_freeze_count()
    stream = iter_document_terms(pairs, matcher=None, jobs=1)
    next(stream)
    if before == 0 and threading.active_count() == 1:
        assert gc.get_freeze_count() > 0  # the heap is out of the collector's walks meanwhile
    stream.close()
    assert gc.get_freeze_count() == before
    assert run_document(pairs, matcher=None, jobs=2).findings == one.findings
    assert gc.get_freeze_count() == before  # frozen for the run only
    gc.freeze()  # a process that froze its heap (the TUI does) keeps it frozen
    try:
        frozen = gc.get_freeze_count()
        assert run_document(pairs, matcher=None, jobs=2).findings == one.findings
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()


def test_with_other_threads_the_heap_is_not_frozen() -> None:
    import gc
    import threading

    from workbench.glossary.qa import iter_document_terms

    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        before = gc.get_freeze_count()
        stream = iter_document_terms([("نص ١.", "Text 1.")] * 3, matcher=None)
        next(stream)
        assert gc.get_freeze_count() == before  # freezing is process-wide: not under threads
        stream.close()
    finally:
        release.set()
        other.join()


def _same_numbers_in_full(source: str, target: str) -> bool:
    """same_numbers as it read the texts before its one pass: each text read plainly, and a
    scale word after a number looked for over the whole unmasked text."""
    from workbench.glossary.checks.number_mismatch import _SCALE_AFTER, _plain_numbers

    src = _plain_numbers(source)
    if src is None or (src and (_SCALE_AFTER.search(source) or _SCALE_AFTER.search(target))):
        return False
    tgt = _plain_numbers(target)
    return tgt is not None and sorted(src) == sorted(tgt)


@pytest.mark.parametrize("target", [
    "5 million", "5  \u00a0thousand", "5m", "5 m", "5\u212a", "5 \u212a", "5K", "5 Mn", "5 mN",
    "5 bn.", "5 trillions", "5 thousands of", "5 ألف", "5 آلاف", "5 أشخاص", "5 تريليون",
    "5 تمر", "5<1>million</1>", "<1>5</1> million", "5 mile", "5\nmillion", "5 ٬000", "1 000",
    "1 and 000", "1\u2009000 then 2", "12 5", "5 ،", "٢،٥", "٥ مليون", "5 m²", "5 Mio", "5x",
])
def test_same_numbers_in_one_pass_reads_as_before(target: str) -> None:
    for source in ("5", "٥", "", "no number", target):
        assert same_numbers(source, target) == _same_numbers_in_full(source, target), source
        assert same_numbers(target, source) == _same_numbers_in_full(target, source), source


@pytest.mark.parametrize("text", [
    "Seventy-Five people", "a hundred", "TEN", "twenty\u2011one", "5seven", "one_two", "x",
    "Ten thousands", "café one", "the one’s", "no number here", "", "a  Thousand", "sixtieth",
])
def test_spelt_numbers_quick_exit_reads_as_the_pattern(text: str) -> None:
    from workbench.glossary.checks.number_mismatch import _SPELT, spelt_numbers

    assert bool(spelt_numbers(text)) == bool(_SPELT.search(text))
