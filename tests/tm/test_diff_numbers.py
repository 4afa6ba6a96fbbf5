"""Word-level diffs of a match against the query, and number substitution."""

from __future__ import annotations

import pytest

from workbench.tm.diff import with_segment_tags, word_diff
from workbench.tm.numbers import (
    changed_numbers,
    signed_words,
    substitute,
    substituted_target,
)
from workbench.tm.tokens import words_and_stems


def ops(query: str, source: str) -> list[tuple[str, str, str]]:
    return [(d.op, d.query, d.match) for d in word_diff(query, source)]


def test_equal_text_is_one_equal_run() -> None:
    assert ops("قامت الثورة.", "قامت الثورة.") == [("equal", "قامت الثورة.", "قامت الثورة.")]


def test_inserted_deleted_and_changed_words() -> None:
    assert ops("قامت الثورة في روسيا", "قامت الثورة الكبرى في روسيا") == [
        ("equal", "قامت الثورة", "قامت الثورة"),
        ("insert", "", "الكبرى"),
        ("equal", "في روسيا", "في روسيا"),
    ]
    assert ops("قامت الثورة الكبرى في روسيا", "قامت الثورة في روسيا") == [
        ("equal", "قامت الثورة", "قامت الثورة"),
        ("delete", "الكبرى", ""),
        ("equal", "في روسيا", "في روسيا"),
    ]
    assert ops("قامت الثورة في روسيا", "قامت الثورة في ألمانيا") == [
        ("equal", "قامت الثورة في", "قامت الثورة في"),
        ("change", "روسيا", "ألمانيا"),
    ]


def test_spelling_variants_line_up_and_keep_their_writing() -> None:
    (op, query, match), = ops("الثورة عام ١٩١٧", "الثَّوره عام 1917")
    assert (op, query, match) == ("equal", "الثورة عام ١٩١٧", "الثَّوره عام 1917")


def test_punctuation_and_tags_are_items() -> None:
    assert ops("قامت الثورة", "قامت {1}الثورة{/1}.") == [
        ("equal", "قامت", "قامت"),
        ("insert", "", "{1}"),
        ("equal", "الثورة", "الثورة"),
        ("insert", "", "{/1}."),
    ]



def test_a_tag_inside_a_word_marks_the_word() -> None:
    """و<1>الجامعات</1> against OmegaT's level-1 والجامعات: one word with a difference (its
    tag), shown as changed, not as two words nor as equal."""
    assert ops("أغلقت و<1>الجامعات</1> اليوم", "أغلقت والجامعات اليوم") == [
        ("equal", "أغلقت", "أغلقت"),
        ("change", "و<1>الجامعات</1>", "والجامعات"),
        ("equal", "اليوم", "اليوم"),
    ]
    assert ops("أغلقت و<1>الجامعات</1>", "أغلقت و{1}الجامعات{/1}") == [
        ("equal", "أغلقت و<1>الجامعات</1>", "أغلقت و{1}الجامعات{/1}")
    ]

def words(text: str) -> list[str]:
    return words_and_stems(text)[0]


def test_numbers_replaced_when_only_numbers_differ() -> None:
    query = "ارتفعت الأسعار بنسبة ٣٫٥ في المئة عام 2021"
    source = "ارتفعت الأسعار بنسبة 2.5 في المئة عام 2020"
    target = "Prices rose by 2.5 per cent in 2020."
    assert substituted_target(words(query), words(source), target) == (
        "Prices rose by 3.5 per cent in 2021."
    )


def test_arabic_indic_target_numbers_and_thousands() -> None:
    pairs = changed_numbers(words("بلغ العدد 12,500 شخص"), words("بلغ العدد ١٠٬٠٠٠ شخص"))
    assert pairs == [("10000", "12500")]
    assert substitute("The number reached 10,000 people.", pairs) == (
        "The number reached 12,500 people."
    )


def test_numbers_after_a_proclitic_are_replaced() -> None:
    # و33, ب٥٫٥: the conjunction or preposition written onto the number, as Arabic does
    query = "تعافى 115 مريضا و34 آخرون، وبلغت التكلفة ب٦٫٥ مليون."
    source = "تعافى 114 مريضا و33 آخرون، وبلغت التكلفة ب5.5 مليون."
    target = "114 patients and 33 others recovered, at a cost of 5.5 million."
    assert substituted_target(words(query), words(source), target) == (
        "115 patients and 34 others recovered, at a cost of 6.5 million."
    )
    # another proclitic on the number is another word
    assert changed_numbers(words("قال و33"), words("قال ب33")) is None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("بلغت الحرارة -7 درجات يوم 3-4 يناير.", "It reached -7 degrees on 3-4 January."),
        ("بلغت الحرارة −7 درجات يوم 3-4 يناير.", "It reached -7 degrees on 3-4 January."),
        ("بلغت الحرارة (-7) درجات يوم 3-5 يناير.", "It reached -7 degrees on 3-5 January."),
        ("بلغت الحرارة 7 درجات يوم 3-4 يناير.", None),  # not -7: offer nothing
    ],
)
def test_a_minus_sign_belongs_to_its_number(query: str, expected: str | None) -> None:
    source, target = "بلغت الحرارة -5 درجات يوم 3-4 يناير.", "It reached -5 degrees on 3-4 January."
    assert substituted_target(signed_words(query), signed_words(source), target) == expected
    assert signed_words("كوفيد-19 عند -5") == ["كوفيد", "19", "عند", "-5"]


@pytest.mark.parametrize(
    ("query", "source", "target"),
    [
        ("قامت الثورة عام 1917", "قامت الثورة عام 1917", "It was 1917."),  # nothing differs
        ("قامت الثورة عام 1918", "اندلعت الثورة عام 1917", "It was 1917."),  # a word differs
        ("قامت الثورة عام 1918", "قامت الثورة عام 1917", "It happened then."),  # not in target
        ("قامت الثورة عام 1918", "قامت الثورة 1917", "It was 1917."),  # lengths differ
    ],
)
def test_no_substitution_otherwise(query: str, source: str, target: str) -> None:
    assert substituted_target(words(query), words(source), target) is None


def test_a_number_with_a_comma_that_is_no_thousands_separator_is_kept_as_written() -> None:
    # "7758,000" (a typo in the query) is not 7,758,000: put in as written, never an error
    query, source = "أكثر من 7758,000 شخص", "أكثر من 10,000 شخص"
    pairs = changed_numbers(words(query), words(source))
    assert pairs is not None
    assert substitute("More than 10,000 people.", pairs) == "More than 7758,000 people."


@pytest.mark.parametrize(
    ("query", "source", "target", "expected"),
    [
        ("أ <1>ب</1> ج<2/>", "أ {1}ب{/1} ج{2/}", "A {1}B{/1} C{2/}", "A <1>B</1> C<2/>"),
        ("أ <3>ب</3>", "أ {1}ب{/1}", "{1}B{/1} A", "<3>B</3> A"),  # numbered as the segment's
        ("أ <1>ب</1>", "أ {1/}ب{2/}", "A {1/}B{2/}", "A {1/}B{2/}"),  # other kinds: as it is
        ("أ <1>ب</1>", "أ {1}ب", "A {1}B", "A {1}B"),  # not as many tags: as it is
        ("أ ب", "أ {1}ب{/1}", "A {1}B{/1} C{2/}", "A B C"),  # a segment without tags: none
        # ... and no double space where a tag between two words was (OmegaT's image)
        ("صورة هنا.", "صورة {1/} هنا.", "An image {1/} here.", "An image here."),
        ("أ ب", "{1/} أ ب {2/}", "{1/} A B {2/}", "A B"),
        ("أ ب", "أ {1}ب{/1}", "A {1}B{/1}. C", "A B. C"),
        # a project unit's tags (its segment's): the same, in a text document's segment
        ("أ ب", "أ <1>ب</1>", "A <1>B</1> C", "A B C"),
        ("أ <2>ب</2>", "أ <1>ب</1>", "<1>B</1> A", "<2>B</2> A"),
        # OmegaT's level-2 image, a lone <it pos="begin">: our empty tag (it was left as text)
        ("أ <1>ب</1> <2/> ج", "أ {1}ب{/1} {2} ج", "A {1}B{/1} {2} C", "A <1>B</1> <2/> C"),
    ],
)
def test_unit_placeholders_written_as_segment_tags(
    query: str, source: str, target: str, expected: str
) -> None:
    assert with_segment_tags(query, source, target) == expected


def test_a_concordance_units_english_takes_the_segments_tags() -> None:
    from workbench.tm.results import ConcordanceHit

    hit = ConcordanceHit("ar", "انقر {1}هنا{/1}.", "Click {1}here{/1}.", ((5, 8),), "omegat",
                         "omegat", 1, None, None)
    assert hit.english_for("انقر <2>هنا</2> الآن.") == "Click <2>here</2>."
    assert hit.english_for("انقر هنا.") == "Click here."


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("أمضى الفريق 4 أيام في زيارة 4 مدن.", "The team spent 4 days visiting 4 cities."),
        ("أمضى الفريق 3 أيام في زيارة 4 مدن.", None),  # which 3 is the cities'? not told
        ("أمضى الفريق 4 أيام في زيارة 3 مدن.", None),
        ("أمضى الفريق 4 أيام في زيارة 5 مدن.", None),
    ],
)
def test_a_number_the_source_has_twice(query: str, expected: str | None) -> None:
    source = "أمضى الفريق 3 أيام في زيارة 3 مدن."
    target = "The team spent 3 days visiting 3 cities."
    assert substituted_target(words(query), words(source), target) == expected


def test_a_number_the_target_has_more_often_than_the_source() -> None:
    # the English writes the Arabic's ثلاثة as 3 too: which 3 is the source's cannot be told
    query, source = "خلال ثلاثة أيام زار 4 مدن.", "خلال ثلاثة أيام زار 3 مدن."
    query_words, source_words = words(query), words(source)
    assert substituted_target(query_words, source_words, "In 3 days he visited 3 cities.") is None
    assert substituted_target(query_words, source_words, "In three days he visited 3 cities.") == (
        "In three days he visited 4 cities."
    )
    # numbers that swap places are replaced each by its own
    assert substituted_target(
        words("من 7 إلى 5 دولارات"), words("من 5 إلى 7 دولارات"), "From 5 to 7 dollars."
    ) == "From 7 to 5 dollars."


def test_the_numbers_of_a_units_tags_are_not_its_numbers() -> None:
    # {1} is a tag, not the number 1: the 1 between the tags is replaced, the tags kept
    query, source = words("زار <1>2</1> مدينة<2/>"), words("زار {1}1{/1} مدينة{2/}")
    assert substituted_target(query, source, "Visited {1}1{/1} city{2/}.") == (
        "Visited {1}2{/1} city{2/}."
    )


@pytest.mark.parametrize(
    ("query", "source", "target", "expected"),
    [
        ("تبدأ الساعة 10:05", "تبدأ الساعة 10:30", "It opens at 10:30.", "It opens at 10:05."),
        ("تبدأ الساعة ٩:٠٠", "تبدأ الساعة 10:30", "It opens at 10:30.", "It opens at 9:00."),
        ("بلغ السعر ٣٫٥٠ دولار", "بلغ السعر 3.75 دولار", "It was $3.75.", "It was $3.50."),
        ("رمز الرحلة 0123", "رمز الرحلة 0124", "Code 0124.", "Code 0123."),
        ("بلغ ١٬٣٠٠ حالة", "بلغ 1279 حالة", "1,279 cases.", "1,300 cases."),
        # a number the source pads is padded as the target writes it
        ("في 2020/04/06", "في 2020/04/05", "On 5 April 2020.", "On 6 April 2020."),
        ("في 2020/04/06", "في 2020/04/05", "On 05/04/2020.", "On 06/04/2020."),
        ("تبدأ الساعة 10:07", "تبدأ الساعة 10:05", "At 10:05.", "At 10:07."),
    ],
)
def test_a_number_goes_in_with_its_zeros_as_the_query_writes_it(
    query: str, source: str, target: str, expected: str
) -> None:
    # 10:05 is not 10:5, $3.50 not $3.5: the query's number is compared by value, written as is
    assert substituted_target(signed_words(query), signed_words(source), target) == expected


@pytest.mark.parametrize(
    ("query", "target", "expected"),
    [
        ("افتتح في 3 مارس", "It opened on 2nd March.", "It opened on 3rd March."),
        ("افتتح في 11 مارس", "It opened on March 2nd.", "It opened on March 11th."),
        ("افتتح في 21 مارس", "It opened on the 2ND.", "It opened on the 21ST."),
        ("افتتح في 3 مارس", "It opened 2 stations.", "It opened 3 stations."),  # no ordinal
    ],
)
def test_an_ordinal_takes_the_suffix_of_its_new_number(
    query: str, target: str, expected: str
) -> None:
    source = "افتتح في 2 مارس"
    assert substituted_target(signed_words(query), signed_words(source), target) == expected
