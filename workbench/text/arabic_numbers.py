"""Arabic numbers written in words over several words: الثامنة عشرة = 18, الثالثة والثلاثين =
33, مائة وخمسة وعشرون = 125 (a law refers to "المادة (الثالثة والثلاثين)" where its English
says "Article 33").

Words are the aligner's normalised words (:func:`workbench.text.stems.arabic_words`).
:func:`word_numbers` reads every number a text writes in words, for the number check (أربع
حالات = "4 cases").
A compound is a unit followed by عشر/عشرة (a teen) or by مائة (hundreds), and parts joined
by و (units, tens, hundreds), read in Arabic order (the units before the tens). One number
word alone is left to the anchors' own table, except after a heading noun: المادة الرابعة
is Article 4, الفصل الثاني Chapter 2.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from workbench.text.normalize import normalize_arabic

_UNITS = {
    1: "واحد واحدة حادي حادية أول أولى",
    2: "اثنان اثنين اثنتان اثنتين ثاني ثانية اثنا اثنتا اثني اثنتي",
    3: "ثلاث ثلاثة ثالث ثالثة",
    4: "أربع أربعة رابع رابعة",
    5: "خمس خمسة خامس خامسة",
    6: "ست ستة سادس سادسة",
    7: "سبع سبعة سابع سابعة",
    8: "ثمان ثماني ثمانية ثامن ثامنة",
    9: "تسع تسعة تاسع تاسعة",
    10: "عاشر عاشرة",
}
_TENS = {
    20: "عشرون عشرين", 30: "ثلاثون ثلاثين", 40: "أربعون أربعين", 50: "خمسون خمسين",
    60: "ستون ستين", 70: "سبعون سبعين", 80: "ثمانون ثمانين", 90: "تسعون تسعين",
}
_HUNDREDS = {
    100: "مائة مئة", 200: "مائتان مائتين مئتان مئتين مائتا مئتا مائتي مئتي",
    300: "ثلاثمائة ثلاثمئة",
    400: "أربعمائة أربعمئة", 500: "خمسمائة خمسمئة", 600: "ستمائة ستمئة",
    700: "سبعمائة سبعمئة", 800: "ثمانمائة ثمانمئة ثمانيمائة", 900: "تسعمائة تسعمئة",
}
_TEEN = frozenset(normalize_arabic(w) for w in ("عشر", "عشرة"))
# "one" in eleven alone (أحد عشر, إحدى عشرة): alone, أحد is "one of" or Sunday, no number
_ELEVEN = frozenset(normalize_arabic(w) for w in ("أحد", "إحدى"))
# nouns a number follows as a heading or a reference (المادة الرابعة = Article 4)
_HEADINGS = frozenset(
    normalize_arabic(w) for w in ("المادة", "مادة", "الفقرة", "فقرة", "البند", "بند", "الفصل",
                                  "فصل", "الباب", "باب", "القسم", "الجزء", "الملحق")
)


def _table() -> dict[str, tuple[str, int]]:
    out: dict[str, tuple[str, int]] = {}
    for kind, table in (("unit", _UNITS), ("tens", _TENS), ("hundreds", _HUNDREDS)):
        for value, words in table.items():
            for word in words.split():
                out[normalize_arabic(word)] = (kind, value)
    return out


_PARTS = _table()
# Which part may follow which after و: the units before the tens, the hundreds first.
_FOLLOWS = {"unit": ("tens",), "hundreds": ("unit", "tens")}


@lru_cache(maxsize=50_000)
def number_part(word: str, joined: bool) -> tuple[str, int] | None:
    """The kind (unit, tens, hundreds, teen) and value of a word that may be part of a
    compound number (``joined``: it must carry و, as every part after the first does)."""
    if joined:
        if not word.startswith("و"):
            return None
        word = word[1:]
    if word.startswith("ال"):
        word = word[2:]
    if not joined and word in _TEEN:
        return ("teen", 10)
    return _PARTS.get(word)


def _bare(word: str) -> str:
    """The word without a leading و, ف, ب or ل (وفق المادة, للمادة)."""
    if len(word) > 3 and word[0] in "وفبل":
        return "ال" + word[2:] if word.startswith("لل") else word[1:]
    return word


def _one_of_compound(words: list[str], k: int) -> bool:
    """Whether ``words[k]`` is the أحد or إحدى of a compound: before عشر/عشرة (أحد عشر = 11)
    or before tens joined by و (أحد وعشرين, إحدى وثلاثون = 21, 31)."""
    if words[k] not in _ELEVEN or k + 1 >= len(words):
        return False
    after = words[k + 1]
    joined = number_part(after, True)
    return number_part(after, False) == ("teen", 10) or (
        joined is not None and joined[0] == "tens")


# The words a compound may begin with (a unit, tens or hundreds, أحد/إحدى of eleven): the
# others are passed over without a look-up.
_STARTS = frozenset(
    w for p in _PARTS for w in (p, "ال" + p) if (number_part(w, False) or ("teen",))[0] != "teen"
) | _ELEVEN


def compound_numbers(words: list[str]) -> list[tuple[int, int, int]]:
    """Every compound number in ``words``, and every number word after a heading noun:
    (first word, word after the last, value)."""
    out: list[tuple[int, int, int]] = []
    if _STARTS.isdisjoint(words):
        return out
    k = 0
    for start in [i for i, w in enumerate(words) if w in _STARTS]:
        if start < k:  # inside the number before
            continue
        k = start
        first = number_part(words[k], False)
        if first is None and _one_of_compound(words, k):
            first = ("unit", 1)
        if first is None or first[0] == "teen":
            continue
        kind, value = first
        total = value
        end = k + 1
        while end < len(words):
            bare = number_part(words[end], False)
            joined = number_part(words[end], True)
            if kind == "unit" and value < 10 and bare is not None and bare[0] == "teen":
                total, kind = total + 10, "teen"  # ثلاثة عشر, مائة وثلاثة عشر
            elif end == k + 1 and kind == "unit" and bare == ("hundreds", 100):
                total, kind = total * 100, "hundreds"  # ثلاث مائة
            elif kind == "hundreds" and words[end][:1] == "و" and words[end][1:] in _TEEN:
                total, kind = total + 10, "teen"  # مائة وعشرة
            elif joined is not None and joined[0] in _FOLLOWS.get(kind, ()):
                kind, value = joined
                total += value
            elif kind == "hundreds" and words[end][:1] == "و" and _one_of_compound(
                    [words[end][1:], *words[end + 1: end + 2]], 0):
                kind, value = "unit", 1  # مائة وإحدى وعشرين
                total += 1
            else:
                break
            end += 1
        if end - k > 1 or (k and _bare(words[k - 1]) in _HEADINGS):
            out.append((k, end, total))
        k = end
    return out



# A scale word after a number multiplies it (ثلاثة آلاف = 3,000); alone it is its value
# (ألف = 1,000; a dual, which no number comes before, twice it: ألفين = 2,000).
_SCALES = (
    ("ألف آلاف ألفا", "ألفان ألفين ألفي", 1000),
    ("مليون ملايين مليونا", "مليونان مليونين مليوني", 10**6),
    ("مليار مليارات مليارا بليون", "ملياران مليارين ملياري", 10**9),
)
_SCALE_WORDS = {normalize_arabic(w): (v, False) for words, _, v in _SCALES for w in words.split()}
_SCALE_WORDS |= {normalize_arabic(w): (2 * v, True) for _, duals, v in _SCALES
                 for w in duals.split()}


def _scale(word: str) -> tuple[int, bool] | None:
    """A scale word's value and whether it is a dual."""
    return _SCALE_WORDS.get(word) or _SCALE_WORDS.get(_bare(word))


# A half or a quarter of a scale (نصف مليون = 500,000), or after it (مليون ونصف = 1,500,000)
_FRACTIONS = {normalize_arabic("نصف"): 2, normalize_arabic("ربع"): 4}


def _scale_after_fraction(words: list[str], k: int) -> int | None:
    """The scale of the word after ``words[k]`` (المليون too) when ``words[k]`` is a half or a
    quarter (نصف مليون, ربع المليون)."""
    if k + 1 >= len(words) or words[k] not in _FRACTIONS:
        return None
    after = words[k + 1]
    scale = _scale(after[2:] if after.startswith("ال") else after)
    return scale[0] if scale is not None and not scale[1] else None


def _and_a_fraction(words: list[str], end: int, unit: int) -> tuple[int, int]:
    """What a half or a quarter after a number of ``unit`` (a scale) adds (ثلاثة ملايين ونصف,
    مليون ونصف المليون: half a million), and the index after it."""
    if end >= len(words) or words[end][:1] != "و" or words[end][1:] not in _FRACTIONS:
        return 0, end
    added = unit // _FRACTIONS[words[end][1:]]
    after = words[end + 1] if end + 1 < len(words) else ""
    again = _scale(after[2:]) if after.startswith("ال") else None  # ونصف المليون
    return added, end + 2 if again == (unit, False) else end + 1


_TOKEN = re.compile(r"[\u0621-\u064a\u0671-\u06d3]+|\d+")
_DIGITS = "#"  # a number written in digits, among the words


def _words(text: str) -> list[str]:
    """The normalised words of ``text``, a number in digits as ``_DIGITS``, and the و (ف, ب,
    ل) of a number word that starts a number taken off (وخمسة وعشرين: خمسة وعشرين)."""
    return _take_off_clitics(_TOKEN.findall(normalize_arabic(text)))


def _take_off_clitics(tokens: list[str]) -> list[str]:
    """The words of :func:`_words` from the text's ``tokens`` (words and digits)."""
    words = [_DIGITS if w[0].isdigit() else w for w in tokens]
    for k, word in enumerate(words):
        if number_part(word, False) is not None:
            continue
        if not number_part(_bare(word), False) and not _one_of_compound(
                [_bare(word), *words[k + 1: k + 2]], 0):  # بأحد وعشرين, لإحدى عشرة
            continue
        before = words[k - 1] if k else ""
        # the و of a part after another stays: تسعمائة وتسعة وتسعين, أحد وعشرين, وإحدى وثلاثين
        if not before or (number_part(before, False) is None and number_part(
                before, True) is None and _scale(before) is None
                and before not in _ELEVEN and _bare(before) not in _ELEVEN):
            words[k] = _bare(word)
    return words


#: "The hundred" after في, or with ب (بالمئة): "percent" (normalised spellings).
_PERCENT_WORDS = frozenset({"المءه", "الماءه", "المايه"})


def _percent(words: list[str], k: int) -> bool:
    """Whether ``words[k]`` is the المئة of في المئة or بالمئة (percent, no number): after في,
    or after a number (whose ب ``_words`` took off: 5 بالمئة, خمسة بالمائة)."""
    word = words[k]
    if word[:1] in "وف" and word[1:2] == "ب":
        word = word[1:]
    if word.startswith("ب") and word[1:] in _PERCENT_WORDS:
        return True
    if word not in _PERCENT_WORDS or k == 0:
        return False
    before = words[k - 1]
    return before in ("في", "وفي") or before == _DIGITS or number_part(before, False) is not None


# A decade: the tens' oblique form with يات or ات (ثلاثينيات, الستينات = the '30s, the '60s),
# clitics and the article before it (في الثلاثينيات, والستينات).
_DECADE = re.compile(
    "^[وف]?[بلك]?(?:ال)?("
    + "|".join(normalize_arabic(w.split()[1]) for w in _TENS.values())
    + ")ي?ات$"
)
_DECADE_VALUES = {normalize_arabic(w.split()[1]): v for v, w in _TENS.items()}
_CENTURY = frozenset(normalize_arabic(w) for w in ("القرن", "للقرن"))
# the first word of a month's name whose second is an ordinal (كانون الثاني, ربيع الأول,
# جمادى الآخرة): no number
_MONTH_NOUNS = frozenset(normalize_arabic(w) for w in ("كانون", "تشرين", "ربيع", "جمادى"))
_LAST = frozenset(normalize_arabic(w) for w in ("الماضي", "المنصرم"))
# an age: في الثلاثينيات من عمره, من العمر
_AGE = frozenset(normalize_arabic(w) for w in (
    "عمره", "عمرها", "عمرهم", "عمرهن", "عمري", "عمرك", "العمر", "عمرهما"))


def _decade(words: list[str], k: int, compounds: dict[int, tuple[int, int]]
            ) -> tuple[int, int] | None:
    """The end and value of a decade at ``words[k]``: the year it starts, in its century
    (ثلاثينيات القرن العشرين = 1930, أربعينيات القرن التاسع عشر = 1840: "the 1930s") or
    in the 20th (الستينات من القرن الماضي, في التسعينيات = 1960, 1990); of an age, its tens
    (في الثلاثينيات من عمره = "in his 30s")."""
    found = _DECADE.match(words[k])
    if found is None:
        return None
    tens = _DECADE_VALUES[found.group(1)]
    at = k + 2 if words[k + 1: k + 2] == ["من"] else k + 1
    if at < len(words) and at > k + 1 and words[at] in _AGE:
        return at + 1, tens
    if at + 1 >= len(words) or words[at] not in _CENTURY or words[at + 1] in _LAST:
        return (at + 2 if at + 1 < len(words) and words[at] in _CENTURY else k + 1,
                1900 + tens)
    end, century = compounds.get(at + 1, (at + 2, 0))
    if not century:
        part = number_part(words[at + 1], False)
        century = part[1] if part is not None and part[0] != "teen" else 0
    return (end, (century - 1) * 100 + tens) if century else (k + 1, 1900 + tens)


def _and_more(words: list[str], end: int, unit: int) -> tuple[int, int]:
    """What a smaller number after a scale and و adds (ألف وتسعمائة وسبعة عشر = 1917, ألفين
    وعشرين = 2020, مليون ومائتا ألف = 1,200,000), and the index after it."""
    joined = end < len(words) and words[end][:1] == "و"
    if not joined or (number_part(words[end], True) is None and words[end][1:] not in _TEEN):
        return 0, end
    rest = [words[end][1:], *words[end + 1: end + 8]]
    found = [(e, v) for s, e, v in compound_numbers(rest) if s == 0]
    if found:
        stop, value = found[0]
    else:
        part = number_part(rest[0], False)
        if part is None:
            return 0, end
        stop, value = 1, part[1]
    scale = _scale(rest[stop]) if stop < len(rest) else None
    if scale is not None and not scale[1] and value * scale[0] < unit:  # ومائتا ألف
        value, stop = value * scale[0], stop + 1
    return (value, end + stop) if value < unit else (0, end)


def _scale_alone(words: list[str], k: int, out: list[int]) -> int:
    """Append the value of a scale word at ``words[k]`` without a number before it (مليون,
    ألفين), a half or a quarter of one (نصف مليون) or one with a half after it (مليون
    ونصف) to ``out``; return the index after it."""
    if (of := _scale_after_fraction(words, k)) is not None:
        out.append(of // _FRACTIONS[words[k]])
        return k + 2
    scale = _scale(words[k])
    if scale is None:
        return k + 1
    unit = scale[0] // 2 if scale[1] else scale[0]
    added, end = _and_a_fraction(words, k + 1, unit)
    if not added:
        added, end = _and_more(words, k + 1, unit)
    out.append(scale[0] + added)
    return end


# The ordinals of a list's items in a law or a decree (أولاً:, ثانياً:, عاشراً = 1., 2., 10.)
_ADVERBS = {normalize_arabic(w): n for n, w in enumerate(
    ("أولاً", "ثانياً", "ثالثاً", "رابعاً", "خامساً", "سادساً", "سابعاً", "ثامناً", "تاسعاً",
     "عاشراً"), 1)}


def _reads_a_number(word: str) -> bool:
    """Whether :func:`word_numbers` may read a number from ``word`` (normalised): a number
    word, with a clitic or not, one of eleven, a half or a quarter, a scale word, a decade."""
    return (number_part(word, False) is not None or number_part(_bare(word), False) is not None
            or word in _ELEVEN or word in _FRACTIONS or _scale(word) is not None
            or _DECADE.match(word) is not None or word in _ADVERBS)


@cache
def _number_words() -> frozenset[str]:
    """Every word :func:`_reads_a_number` accepts: the table's words, the teens, eleven's
    one, the fractions and the scale words, each with the article, a clitic (وفبل) or لل
    before it, and the decades' spellings; filtered by the test itself. (Made at the first
    reading, not at import: 3 ms of the start of every command that imports this module,
    the aligner among them, which reads no number this way.)"""
    bases = {*_PARTS, *_TEEN, *_ELEVEN, *_FRACTIONS, *_SCALE_WORDS, *_ADVERBS}
    bases |= {"ال" + word for word in bases}
    words = bases | {c + word for c in "وفبل" for word in bases}
    words |= {"لل" + word[2:] for word in bases if word.startswith("ال")}
    words |= {f"{a}{b}{al}{tens}{y}ات" for a in ("", "و", "ف") for b in ("", "ب", "ل", "ك")
              for al in ("", "ال") for tens in _DECADE_VALUES for y in ("", "ي")}
    return frozenset(word for word in words if _reads_a_number(word))


def word_numbers(text: str) -> list[int]:
    """The values of the numbers an Arabic text writes in words, in order: a compound
    (خمسة وعشرين = 25, أحد عشر = 11, ثلاث مائة), one number word, a clitic before it or not
    (وثلاث, الثالثة, عشرين, عشرة), a scale word after either (ثلاثة آلاف = 3,000, عشرة آلاف =
    10,000) or alone (مليون); a decade (ثلاثينيات القرن العشرين = 1930); the المئة of في
    المئة and بالمئة is "percent", no number."""
    return _read_words(text)[0]


def word_number_readings(text: str) -> list[tuple[str, ...]]:
    """What :func:`word_numbers` reads, each number with the other ways English may write
    it: a century's (القرن العشرين: 20, "1900s", the years it is named by)."""
    values, centuries = _read_words(text)
    return [(str(value), centuries[k]) if k in centuries else (str(value),)
            for k, value in enumerate(values)]


def _read_words(text: str) -> tuple[list[int], dict[int, str]]:
    """The numbers of :func:`word_numbers`, and the years of each that names a century (by
    its index: القرن الحادي والعشرين, "the 2000s")."""
    tokens = _TOKEN.findall(normalize_arabic(text))
    # no word reads as a number (most sentences): the clitics _words takes off are those of
    # such words, so none would after it either
    if _number_words().isdisjoint(tokens):
        return [], {}
    words = _take_off_clitics(tokens)
    compounds = {start: (end, value) for start, end, value in compound_numbers(words)}
    out: list[int] = []
    centuries: dict[int, str] = {}
    k = 0
    while k < len(words):
        if words[k] == _DIGITS:  # a scale word after digits is theirs (٥٢ ألف)
            k += 2 if k + 1 < len(words) and _scale(words[k + 1]) else 1
            continue
        if _percent(words, k):  # في المئة, بالمائة: "percent", no hundred
            k += 1
            continue
        if k and words[k - 1] in _MONTH_NOUNS:  # كانون الثاني: January, no 2
            k += 1
            continue
        if (decade := _decade(words, k, compounds)) is not None:
            out.append(decade[1])
            k = decade[0]
            continue
        if k in compounds:
            end, value = compounds[k]
        else:
            part = number_part(words[k], False) or number_part(_bare(words[k]), False)
            if words[k] in _ADVERBS:  # ثانياً: 2.
                out.append(_ADVERBS[words[k]])
                k += 1
                continue
            if part is None:  # (a teen word alone is ten: عشرة أشخاص, عشرة آلاف)
                k = _scale_alone(words, k, out)
                continue
            end, value = k + 1, part[1]
        scale = _scale(words[end]) if end < len(words) else None
        if scale is not None and not scale[1]:  # ثلاثة آلاف (وآلاف ونصف)
            added, after = _and_a_fraction(words, end + 1, scale[0])
            if not added:
                added, after = _and_more(words, end + 1, scale[0])
            value, end = value * scale[0] + added, after
        elif k and 11 <= value <= 30 and _bare(words[k - 1]) in _CENTURY:
            centuries[len(out)] = f"{(value - 1) * 100}s"  # القرن العشرين: the 1900s
        out.append(value)
        k = end
    return out, centuries
