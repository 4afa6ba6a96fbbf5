"""Enumerated lists run into one sentence: counted, and a link of as many sentences of the
other side as the list has items pays no shape penalty."""

import random

import pytest

from workbench.align import align_sentences, lists
from workbench.align.lists import _ABJAD, _ORDINALS, item_count, item_counts

# A company-law clause (written for this test): the Arabic runs a list of seven items into
# one line, the English gives each item a line. The English of the first two items is wordy,
# so by lengths alone the last items belong to the next Arabic sentence.
AR = [
    "تُدار الشركة من قبل مدير أو أكثر يعينهم الشركاء في عقد التأسيس أو في عقد مستقل.",
    "لا يجوز للمدير أن يقوم بأي عمل يتجاوز أغراض الشركة إلا بموافقة الشركاء.",
    "ويسري هذا الحظر بصفة خاصة على الأعمال الآتية:",
    ("أ. فتح فروع جديدة للشركة.ب. تقديم الهبات باسم الشركة.ج. ضمان ديون الغير.د. التنازل عن "
     "حقوق الشركة.هـ. رهن أصول الشركة.و. بيع المتجر أو تأجيره.ز. الاقتراض باسم الشركة."),
    ("لا يجوز للشريك دون موافقة باقي الشركاء أن يمارس لحسابه أو لحساب غيره نشاطاً منافساً "
     "لنشاط الشركة، ولا أن يكون شريكاً أو مديراً في شركة منافسة، وإذا أخل بذلك كان للشركة أن "
     "تطالبه بالتعويض وأن تعد تصرفاته قد تمت لحسابها."),
    "تصدر قرارات الشركاء بالأغلبية ما لم ينص عقد التأسيس على غير ذلك.",
]
EN = [
    ("The company shall be managed by one or more managers appointed by the partners in the "
     "articles of incorporation or in a separate contract."),
    ("A manager may not carry out any act beyond the company's purposes without the approval "
     "of the partners."),
    "Such prohibition shall specifically apply to the following acts:",
    "Opening new branches or offices of the company inside or outside the Kingdom.",
    "Making gifts or donations on behalf of the company, except for small customary donations.",
    "Guaranteeing the debts of others.",
    "Waiving the company's rights.",
    "Pledging the company's assets.",
    "Selling or leasing the store.",
    "Borrowing on behalf of the company.",
    ("A partner may not, without the approval of the other partners, engage for his own "
     "account or for the account of others in an activity competing with that of the company."),
    "Nor may he manage a rival.",
    ("If he breaches this, the company may claim compensation from him and deem his acts as "
     "carried out for its account."),
    ("Partner decisions shall be passed by majority unless the articles of incorporation "
     "provide otherwise."),
]
GOLD = [([0], [0]), ([1], [1]), ([2], [2]), ([3], [3, 4, 5, 6, 7, 8, 9]), ([4], [10, 11, 12]),
        ([5], [13])]


def test_a_list_run_into_one_arabic_line_takes_one_english_line_per_item() -> None:
    assert align_sentences(AR, EN).links == GOLD


CASES = [
    (AR[3], True, 7),
    ("- شركة التضامن.ب- شركة التوصية البسيطة.ج- شركة المساهمة.", True, 3),  # first marker lost
    ("د- غرض الشركة.هـ- رأس مال الشركة وتوزيعه.و- مدة الشركة إن وجدت.", True, 3),  # continued
    ("(١) تقديم الطلب إلى الوزارة. (٢) دفع الرسوم المقررة.", True, 2),
    ("أ. أسماء الشركاء وبياناتهم؛ب. اسم الشركة؛ت. المركز الرئيس للشركة.", True, 3),  # alphabetical
    ("أولاً: تقديم الطلب إلى الوزارة. ثانياً: دفع الرسوم المقررة. ثالثاً: إرفاق المستندات.",
     True, 3),
    ("أولًا- تقديم الطلب كاملًا، ثانيًا- دفع الرسوم المقررة", True, 2),
    ("قال أولاً إنه سيأتي ثم ذهب ثانياً إلى السوق", True, 0),  # adverbs, no markers
    ("ذكرت مديرة المعهد، د. ميرجان، أن العمل مستمر.", True, 0),  # د. is Dr.
    ("تقدم الفريق 1-0 في الشوط الأول.", True, 0),  # a score
    ("المشار إليها في الفقرة (٢) من هذه المادة.", True, 0),  # a reference
    ("Members shall: (a) keep the books; (b) report each year; (c) pay the fees.", False, 3),
    ("(i) the first thing here; (ii) another thing there", False, 2),
    ("See paragraphs (1), (2) and (3) of this Article.", False, 0),  # references, not items
    (EN[3], False, 0),
]


@pytest.mark.parametrize(("text", "arabic", "items"), CASES)
def test_item_count(text: str, arabic: bool, items: int) -> None:
    assert item_count(text, arabic) == items


def _list_like(rng: random.Random) -> str:
    """A text of markers of every kind, in order or not, after every kind of boundary, with
    and without spaces before their ends, between words and characters that resemble them."""
    order = rng.choice([_ABJAD, [str(k) for k in range(1, 13)], list("١٢٣٤٥٦٧٨٩"),
                        [o + rng.choice(["اً", "ًا", "ا", "ً"]) for o in _ORDINALS]])
    words = ["كلمة", "نص", "في", "إلخ", "أيضا", "هذا", "ب", "2020", "ـ", "😀"]
    out = " ".join(rng.choice(words) for _ in range(rng.randint(0, 2)))
    first = rng.randint(0, 3)
    for k in range(first, first + rng.randint(1, 4)):
        m = order[min(k, len(order) - 1)] if rng.random() < 0.8 else rng.choice(order)
        mark = f"({m})" if rng.random() < 0.3 else m + rng.choice([".", ")", "-", "–", ":", " :"])
        out += rng.choice(["", " ", ".", "؛", "،", ")", "\n", "\u00a0", "x"]) + mark
        out += " " + " ".join(rng.choice(words) for _ in range(rng.randint(0, 3)))
    return out


def test_item_counts_of_many_texts_are_each_texts_item_count() -> None:
    """The Arabic pre-check over all texts at once passes every text item_count finds a list
    in (the cases above, random list-like texts, empty ones)."""
    rng = random.Random(13)
    texts = [t for t, arabic, _ in CASES if arabic] + ["", "أ.", ".أ", "(أ)"]
    texts += [_list_like(rng) for _ in range(3000)]
    rng.shuffle(texts)
    want = [item_count(t, True) for t in texts]
    assert sum(map(bool, want)) > 300
    assert item_counts(texts, True) == want
    assert item_counts(["", ""], True) == [0, 0] and item_counts([], True) == []
    english = [t for t, arabic, _ in CASES if not arabic]
    assert item_counts(english, False) == [item_count(t, False) for t in english]


def test_item_counts_reads_only_the_arabic_texts_that_may_hold_a_list(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Sentences ending in a period, with a colon or a bracket or two, are passed over."""
    read: list[str] = []
    real = lists.item_count
    monkeypatch.setattr(lists, "item_count", lambda t, a: read.append(t) or real(t, a))
    plain = ["ذهب الولد إلى المدرسة: في الصباح الباكر.", "قال (ضاحكاً) إن العمل انتهى.",
             "وصل القطار - متأخراً - إلى المحطة."]
    listed = "أ. فتح فروع جديدة للشركة.ب. تقديم الهبات باسم الشركة."
    assert item_counts([*plain, listed], True) == [0, 0, 0, 2]
    assert read == [listed]


def test_the_code_point_flags_are_each_characters_own() -> None:
    """The pre-check's table (white space from the normaliser's table of the plane) gives
    every code point the flags a look at the character itself gives."""
    from workbench.align import lists

    table = lists._flag_table()
    for cp in range(lists._TABLE_END):
        char = chr(cp)
        space = char.isspace()
        want = ((lists._END if char in lists._ENDS else 0)
                | (lists._BOUND if space or char in ".:;،؛)" else 0)
                | (lists._SPACE if space else 0) | (lists._ALEF if char in "اً" else 0))
        assert table[cp] == want, hex(cp)
    assert table[lists._TABLE_END] == 0
