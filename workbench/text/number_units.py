"""Numbers a translation may write in another unit or calendar, for the number check.

A duration may change its unit (48 ساعة = two days, 14 يوما = two weeks, أسبوعين = 14 days,
12 شهرا = a year): :func:`duration_values` gives a number followed by a unit of time its
values in every unit (tagged ``"2@day"``), so that it pairs with the other side's number of
that unit only (48 ساعة is not "2 weeks"). A Hijri year (١٤٤٥ هـ) spans two Gregorian years
(2023 and 2024), either of which the English may give with it or for it
(:func:`hijri_years`).
"""

from __future__ import annotations

import math
import re
from datetime import date
from decimal import Decimal

from workbench.text.months import ARABIC_MONTHS
from workbench.text.normalize import ARABIC_MARKS

# Units of time by family (a month is no whole number of days), in the smallest one's count
_MINUTES = {"minute": 1, "hour": 60, "day": 1440, "week": 10080}
_MONTHS = {"month": 1, "year": 12, "decade": 120}
_FAMILY = {**dict.fromkeys(_MINUTES, _MINUTES), **dict.fromkeys(_MONTHS, _MONTHS)}

_ARABIC_UNITS = {
    "minute": "دقيقة دقيقتين دقيقتان دقائق",
    "hour": "ساعة ساعات",
    "day": "يوم يوما يومًا يوماً أيام",
    "week": "أسبوع أسبوعا أسبوعًا أسابيع",
    "month": "شهر شهرا شهرًا أشهر شهور",
    "year": "سنة سنوات سنين عام عاما عامًا أعوام",
    "decade": "عقد عقود",
}
_ARABIC_UNIT = {word: unit for unit, words in _ARABIC_UNITS.items() for word in words.split()}
# a unit after a number: 48 ساعة, 14 يوماً; 48 hours, a 48-hour truce, 2-week
_AFTER_ARABIC = re.compile(r"\s*([\u0621-\u064a]+)")
_AFTER_ENGLISH = re.compile(r"[\s-]*(minute|hour|day|week|month|year|decade)s?\b",
                            re.IGNORECASE)
# An Arabic dual of a unit (أسبوعين, يومين, ساعتين, شهرين, سنتين, عامين): two of it
_DUALS = {
    "دقيقتين": "minute", "دقيقتان": "minute", "ساعتين": "hour", "ساعتان": "hour",
    "يومين": "day", "يومان": "day", "أسبوعين": "week", "أسبوعان": "week",
    "شهرين": "month", "شهران": "month", "سنتين": "year", "سنتان": "year",
    "عامين": "year", "عامان": "year", "عقدين": "decade", "عقدان": "decade",
}
_DUAL = re.compile(
    r"(?<![\u0621-\u064a])[وفبل]?(?:ال)?(" + "|".join(_DUALS) + r")(?![\u0621-\u064a])")


def arabic_unit(text: str, end: int) -> str | None:
    """The unit of time written after the number that ends at ``end`` (48 ساعة: hour)."""
    found = _AFTER_ARABIC.match(text, end)
    return None if found is None else _ARABIC_UNIT.get(found.group(1))


def english_unit(text: str, end: int) -> str | None:
    """The unit of time written after the English number that ends at ``end`` (48 hours,
    48-hour: hour)."""
    found = _AFTER_ENGLISH.match(text, end)
    return None if found is None else found.group(1).lower()


def duration_values(number: str, unit: str) -> frozenset[str]:
    """``number`` of ``unit`` in every unit of its family it is a whole number of, tagged
    with the unit (48 hours: ``2@day``, ``48@hour``, ``2880@minute``)."""
    family = _FAMILY[unit]
    amount = Decimal(number) * family[unit]
    out = []
    for other, size in family.items():
        count = amount / size
        if count == count.to_integral_value():
            out.append(f"{int(count)}@{other}")
    return frozenset(out)


def dual_durations(text: str) -> list[frozenset[str]]:
    """The values of each duration an Arabic ``text`` writes in words: a dual of a unit of
    time (أسبوعين: 2, two weeks, 14 days...), a half or a quarter of one or one and a half
    (نصف ساعة: 30 minutes; ساعة ونصف: 90 minutes)."""
    out = [duration_values("2", _DUALS[found.group(1)]) | {"2"}
           for found in _DUAL.finditer(text)]
    for found in _PART.finditer(text):
        fraction, unit, half = found.groups()
        if fraction and (unit := _ARABIC_UNIT.get(unit)) is not None:
            out.append(duration_values(_PARTS[fraction], unit))
        elif half and (unit := _ARABIC_UNIT.get(half)) is not None:
            out.append(duration_values("1.5", unit))
    return out


# نصف ساعة, ربع ساعة (a half, a quarter of a unit); ساعة ونصف (one and a half)
_PARTS = {"نصف": "0.5", "ربع": "0.25"}
_PART = re.compile(r"(?<![\u0621-\u064a])(?:(نصف|ربع)\s+(?:ال)?([\u0621-\u064a]+)"
                   r"|([\u0621-\u064a]+)\s+و(?:ال)?نصف(?![\u0621-\u064a]))")


# A Hijri year: a number before هـ (or ه, هجري, هجرية, للهجرة), alone or ending a date
# (١٤٢٨/٣/٢٤هـ, whose year is its first number)
# The mark of a Hijri year after its number: هـ, ه alone, هجري, للهجرة...
_HIJRI_MARK = r"(?:هـ|ه(?![\u0621-\u064a])|هجري|هجرية|الهجري|الهجرية|للهجرة)"
_HIJRI = re.compile(
    r"(?<![\d/.\-])(?:(\d{1,4})[/.\-](\d{1,2})[/.\-])?(\d{1,4})\s*" + _HIJRI_MARK)


# ه alone after a number (١٤٤٥ه, 1445 ه), found at the letter: a word's ه seldom ends a word
# after a space or a digit
_BARE_H = re.compile(r"ه(?![\u0621-\u064a])(?<=[\d\s]ه)")


def hijri_marked(text: str) -> bool:
    """Whether ``text`` may write a Hijri year (هـ, ه after a number, هجري, للهجرة): a quick
    test before :func:`hijri_years`."""
    return "هـ" in text or "هجر" in text or (
        "ه" in text and _BARE_H.search(text) is not None)


def hijri_years(text: str) -> list[tuple[int, int]]:
    """The spans of the Hijri years of ``text`` (digits as ASCII): the number before هـ
    (١٤٤٥ هـ), or the year of a date it ends (١٤٢٨/٣/٢٤هـ, ٢٤/٣/١٤٢٨هـ)."""
    if not hijri_marked(text):
        return []
    out = []
    for found in _HIJRI.finditer(text):
        group = 1 if found.group(1) and len(found.group(1)) > 2 else 3
        out.append(found.span(group))
    return out


# The Hijri months as Arabic names them, by number
_HIJRI_MONTH_NAMES_AR = {
    1: "محرم", 2: "صفر", 3: "ربيع ال[أا]ول", 4: "ربيع ال[آا]خر|ربيع الثاني",
    5: "جماد[ىي] ال[أا]ولى", 6: "جماد[ىي] ال[آا]خرة|جماد[ىي] الثانية", 7: "رجب", 8: "شعبان",
    9: "رمضان", 10: "شوال", 11: "ذ[وي] القعدة", 12: "ذ[وي] الحجة",
}


# A Hijri date with its month named (١٥ رمضان ١٤٤٥هـ, 24 من شهر ربيع الأول لعام 1428 هـ)
_HIJRI_NAMED = re.compile(
    r"(?<![\d/.\-])(\d{1,2})\s+(?:من\s+)?(?:شهر\s+)?(?:"
    + "|".join(rf"(?P<m{k}>{names})" for k, names in _HIJRI_MONTH_NAMES_AR.items())
    + r")\s+(?:سنة\s+|عام\s+|لعام\s+|لسنة\s+)?(\d{3,4})\s*" + _HIJRI_MARK)


def _unmarked(text: str) -> str:
    """``text`` without its vowel marks and tatweel, each run of white space one space: for
    the month names, written without them (تموّز, تشرين الأوّل, ربيع الأوّل)."""
    return " ".join(ARABIC_MARKS.sub("", text).split())


def _hijri_dates(text: str) -> list[tuple[int, int, int]]:
    """The Hijri dates of ``text`` (digits as ASCII), as year, month, day: ١٤٢٨/٣/٢٤هـ,
    ٢٤/٣/١٤٢٨هـ, ١٥ رمضان ١٤٤٥هـ."""
    out = []
    for found in _HIJRI.finditer(text):
        first, month, last = found.group(1), found.group(2), found.group(3)
        if first is not None:
            year, day = (first, last) if len(first) > 2 else (last, first)
            out.append((int(year), int(month), int(day)))
    for found in _HIJRI_NAMED.finditer(_unmarked(text)):
        month = next(int(name[1:]) for name, value in found.groupdict().items() if value)
        out.append((int(found.group(found.lastindex)), month, int(found.group(1))))
    return [(y, m, d) for y, m, d in out if 1 <= m <= 12 and 1 <= d <= 30 and y > 0]


def gregorian_date_parts(text: str) -> list[frozenset[str]]:
    """For each Hijri date of ``text`` (digits as ASCII), the days and the months its Gregorian
    date may have, two days either way (the tabular calendar, not the Umm al-Qura or a
    sighting of the moon): ١٥ رمضان ١٤٤٥هـ is 25 March 2024."""
    if not hijri_marked(text):
        return []
    out = []
    for year, month, day in _hijri_dates(text):
        first = _tabular_ordinal(year, month, day)
        dates = [date.fromordinal(first + shift) for shift in range(-2, 3)]
        out += [frozenset(str(d.day) for d in dates), frozenset(str(d.month) for d in dates)]
    return out


def _tabular_ordinal(year: int, month: int, day: int) -> int:
    """The proleptic Gregorian ordinal of a date of the tabular Islamic calendar."""
    days = day + math.ceil(29.5 * (month - 1)) + (year - 1) * 354 + (3 + 11 * year) // 30
    return days + 227014  # 1 Muharram 1 AH = 16 July 622 (Julian) = ordinal 227015


def gregorian_years(hijri: int) -> tuple[str, str]:
    """The two Gregorian years a Hijri year falls in (1445: 2023 and 2024)."""
    start = Decimal("621.5643") + Decimal("0.970229") * hijri
    return str(int(start)), str(int(start + Decimal("0.970229")))


# A fraction in words (ثلثي = 2/3, الربع = 1/4, ثلاثة أرباع: the أرباع of 3/4): its numbers
_FRACTIONS = {
    "نصف": ("1", "2"), "ثلث": ("1", "3"), "ربع": ("1", "4"), "ثلثا": ("2", "3"),
    "ثلثي": ("2", "3"), "ثلثان": ("2", "3"), "أثلاث": ("3",), "أرباع": ("4",),
    "أخماس": ("5",), "أعشار": ("10",),
}
_FRACTION = re.compile(
    r"(?<![\u0621-\u064a])[وفبل]?(?:ال)?(" + "|".join(_FRACTIONS) + r")(?![\u0621-\u064a])")


def fraction_numbers(text: str) -> list[frozenset[str]]:
    """The numbers of each fraction an Arabic ``text`` writes in words (ثلثي: 2 and 3), for an
    English that writes it in digits (2/3)."""
    return [frozenset((number,)) for found in _FRACTION.finditer(text)
            for number in _FRACTIONS[found.group(1)]]


# The Hijri months as English writes them (Rabi' I, Rabi al-Awwal, Dhu al-Hijjah...)
_APOSTROPHE = "['\u2018\u2019\u02bf\u02bc]?"
_HIJRI_MONTH_NAMES = (
    "Muharram", "Safar", rf"Rabi{_APOSTROPHE}a?\s*(?:al[\s-])?(?:Awwal|Awal|Ula|I)",
    rf"Rabi{_APOSTROPHE}a?\s*(?:al[\s-])?(?:Thani|Akhir|Akhar|Akhirah|II)",
    r"Jumad[ae]\s*(?:al[\s-])?(?:Ula|Oula|Awwal|I)",
    r"Jumad[ae]\s*(?:al[\s-])?(?:Akhirah|Akhira|Thani|Thaniyah|II)", "Rajab",
    rf"Sha{_APOSTROPHE}ban", r"Rama[dḍ]h?an", "Shaww?al",
    rf"Dhu[\s-]*(?:al|l)?[\s-]*Q[ai]{_APOSTROPHE}dah?",
    r"Dhu[\s-]*(?:al|l)?[\s-]*Hijj?ah?",
)
_HIJRI_MONTH = re.compile(
    "|".join(rf"\b(?P<m{k}>{name})(?![\w'])" for k, name in enumerate(_HIJRI_MONTH_NAMES, 1)))


def _month_numbers(months: re.Pattern[str], text: str) -> list[int]:
    """The numbers of the months ``text`` names, found by ``months`` (whose groups are the
    months: ``m1``...``m12``)."""
    return [int(found.lastgroup[1:]) for found in months.finditer(text) if found.lastgroup]


def hijri_months(text: str) -> list[int]:
    """The numbers of the Hijri months ``text`` names in English (Rabi' I: 3)."""
    return _month_numbers(_HIJRI_MONTH, text)


# The months as Arabic names them, Gregorian (both sets of names, workbench.text.months: the
# Levantine آب too, which the text writes with its madda) and Hijri, by number
_ARABIC_MONTH_NAMES = {
    k: "|".join(map(re.escape, names)) + "|" + _HIJRI_MONTH_NAMES_AR[k]
    for k, names in ARABIC_MONTHS.items()
}
_ARABIC_MONTH = re.compile(
    r"(?<![\u0621-\u064a])(?:" + "|".join(
        rf"(?P<m{k}>{names})" for k, names in _ARABIC_MONTH_NAMES.items())
    + r")(?![\u0621-\u064a])")


def arabic_months(text: str) -> list[int]:
    """The numbers of the months an Arabic ``text`` names (١٥ مارس, ١٥ آذار/مارس: 3, 3)."""
    return _month_numbers(_ARABIC_MONTH, _unmarked(text))
