"""number-mismatch: numbers in the source and the target differ.

Arabic-Indic (٠-٩) and Persian (۰-۹) digits count as their values. Separators, the same in both
languages: ٫ is a decimal point and ٬ groups thousands; a comma followed by exactly three digits
groups thousands (1,000 = 1000; 2,500.75 = 2500.75), any other comma is a decimal comma, as
Arabic text often writes it (103,7 = 103.7; 2,5 = 2.5; 10,50 = 10.5; 1,0005 = 1.0005). A
period is a decimal point once; numbers with several (5.2.1) or a comma after their decimal
point are read as separate numbers. Leading and trailing zeros do not count (01 = 1, 2.50 = 2.5).
Groups of three digits after a space, a no-break or a thin space, behind one to three digits,
are one number, as SI style writes them (1 000 000 = 1000000; 12 500,5 = 12500.5), when the
whole run of spaced digit groups has that shape (0800 555 111, a phone number, is three); such
a number that finds no partner is compared again as its groups (a phone number's groups
typed in another order on the Arabic side).

The end of a range may be written short on either side (2019–20 = 2019-2020; pages 120–25),
after any hyphen or dash, or after a year and a slash (2020/21 = 2020/2021).
A time written with a point (10.30am, British style) stands for its hours and minutes when
the other side has them apart (10:30). A clock time's hour stands for itself on the 12-hour
clock too (15:30 = 3:30 p.m.), and the minutes of a whole hour may be left out (3:00 = 3 p.m.,
three o'clock).
The digits of a web or e-mail address are not numbers (url-mismatch compares addresses). A
number of the source may be spelt out in English, as house styles write small numbers ("3
أشخاص" = "three people"; "twenty-five", "twenty-first", "ten thousand"); such words only pair
with source numbers, never count as numbers of the target of their own. So does the name
of a month for the month of a date the source writes in digits (1/5/2020 = 1 May 2020).
A duration may change its unit, a Hijri year come as or with its Gregorian years, a century
in words as its hundreds of years, a fraction in words in digits
(:mod:`workbench.text.number_units`; 48 ساعة = two days, ١٤٤٥ هـ = 1445 AH (2023/24)).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from decimal import Decimal

from workbench.glossary.checks.base import Check, Pair, register
from workbench.glossary.findings import Finding
from workbench.text.addresses import address_spans, mask_addresses
from workbench.text.arabic_numbers import word_number_readings
from workbench.text.months import ENGLISH_ABBREVIATIONS, ENGLISH_MONTHS
from workbench.text.number_units import (
    arabic_months,
    arabic_unit,
    dual_durations,
    duration_values,
    english_unit,
    fraction_numbers,
    gregorian_date_parts,
    gregorian_years,
    hijri_marked,
    hijri_months,
    hijri_years,
)
from workbench.text.tags import mask_tags

_DIGITS = {chr(0x0660 + i): str(i) for i in range(10)}
_DIGITS |= {chr(0x06F0 + i): str(i) for i in range(10)}
_TABLE = str.maketrans({**_DIGITS, "\u066b": "."})  # ٬ (U+066C) stays: always thousands
# 1 000 000: groups of three after a space, no-break, thin or narrow no-break space.
_SPACES = " \u00a0\u2009\u202f"
_SPACED = (rf"(?<![\d.,\u066b\u066c])(?<!\d[{_SPACES}])\d{{1,3}}(?:[{_SPACES}]\d{{3}}(?!\d))+"
           rf"(?![{_SPACES}]\d)")
_GROUP_SPACES = str.maketrans(dict.fromkeys(_SPACES))
_PIECE = re.compile(rf"[^{_SPACES}]+")
# (?=\d) first: the engine tries _SPACED's lookbehinds only where a digit is
_NUMBER = re.compile(rf"(?=\d)(?:{_SPACED}(?:[.,]\d+)?|\d+(?:[.,\u066c]\d+)*)")
_NON_ASCII_DIGIT = re.compile("[" + "".join(_DIGITS) + "\u066b]")
_RUN = re.compile(r"\d+|[.,\u066c]")


def _canonical(whole: str, frac: str = "") -> str:
    whole = whole.lstrip("0") or "0"
    frac = frac.rstrip("0")
    return f"{whole}.{frac}" if frac else whole


def _read(token: str, pos: int) -> list[tuple[str, tuple[int, int]]]:
    """The numbers of one run of digits and separators starting at ``pos``."""
    out: list[tuple[str, tuple[int, int]]] = []
    if token.count(".") > 1:  # 5.2.1: a section number, each part a number
        for m in re.finditer(r"\d+", token):
            out.append((_canonical(m.group()), (pos + m.start(), pos + m.end())))
        return out
    parts = _RUN.findall(token)  # digits, separator, digits, ...
    whole, frac, start, i = parts[0], None, pos, pos + len(parts[0])
    for k in range(1, len(parts), 2):
        sep, digits = parts[k], parts[k + 1]
        grouping = frac is None and (sep == "\u066c" or (sep == "," and len(digits) == 3))
        if grouping:
            whole += digits
        elif frac is None:  # a decimal point or a decimal comma
            frac = digits
        else:  # a separator after the decimal part: a new number begins (2.5,3)
            out.append((_canonical(whole, frac), (start, i)))
            whole, frac, start = digits, None, i + 1
        i += 1 + len(digits)
    out.append((_canonical(whole, frac or ""), (start, i)))
    return out


# An Arabic comma between digits, as keyboards without ٫ write a decimal (٢،٥ = 2.5): a comma
_ARABIC_COMMA = re.compile(r"\u060c(?<=\d\u060c)(?=\d)")  # the comma first: found quickly


def numbers(text: str) -> list[tuple[str, tuple[int, int]]]:
    """The numbers of ``text`` as canonical strings, with their spans."""
    out: list[tuple[str, tuple[int, int]]] = []
    text = mask_tags(text)  # the numbers of <1>, </1>, <2/> are not the text's
    if "\u060c" in text:
        text = _ARABIC_COMMA.sub(",", text)
    if _NON_ASCII_DIGIT.search(text):
        text = text.translate(_TABLE)
    for m in _NUMBER.finditer(text):
        token = m.group()
        if token.isdecimal():  # digits only (what \d matches): one number, as _read finds
            out.append((token.lstrip("0") or "0", m.span()))
        elif (grouped := token.translate(_GROUP_SPACES)) != token:  # 1 000 or 1 000.5: one
            out.append((_read(grouped, m.start())[0][0], m.span()))
        else:
            out.extend(_read(token, m.start()))
    return out


# _NUMBER as it reads the text before translation (٫ is a decimal point there), spaced
# groups aside (_SPACE_IN_NUMBER finds those).
_NUMBER_UNTRANSLATED = re.compile(r"\d+(?:[.,\u066b\u066c]\d+)*")
_SPACE_IN_NUMBER = re.compile(rf"\d[{_SPACES}]\d")


def _plain_numbers(text: str) -> list[str] | None:
    """The canonical numbers of ``text`` in order, when each is a plain run of digits (what
    :func:`numbers` would read, in one pass and without spans); None when a number has a
    separator or may be spaced groups (then :func:`numbers` reads it)."""
    text = mask_tags(text)
    if "\u060c" in text and _ARABIC_COMMA.search(text):
        return None  # ٢،٥: a decimal comma, read by numbers()
    tokens = _NUMBER_UNTRANSLATED.findall(text)
    if not all(map(str.isdecimal, tokens)) or (
        len(tokens) > 1 and _SPACE_IN_NUMBER.search(text)
    ):
        return None
    return [(t if t.isascii() else t.translate(_TABLE)).lstrip("0") or "0" for t in tokens]


def _plain_reading(text: str) -> tuple[list[str], bool] | None:
    """What :func:`_plain_numbers` reads in ``text``, and whether a scale word follows a
    number in it (``_SCALE_AFTER``), in one pass: such a word can only follow a number's
    last digit, and two numbers with one space between them are spaced groups."""
    if "<" in text:  # placeholders are masked for the numbers, not for the scale words
        found = _plain_numbers(text)
        return None if found is None else (found, _SCALE_AFTER.search(text) is not None)
    if _decimal_arabic_comma(text):
        return None  # ٢،٥: a decimal comma, read by numbers()
    out: list[str] = []
    scaled, start, last = False, 0, -2
    for token in _NUMBER_UNTRANSLATED.findall(text):
        # where the token is: the first digit from the end of the one before begins it
        start = text.find(token, start)
        end = start + len(token)
        if not token.isdecimal() or (start == last + 1 and text[last] in _SPACES):
            return None
        scaled = scaled or _scale_follows(text, end)
        out.append((token if token.isascii() else token.translate(_TABLE)).lstrip("0") or "0")
        start = last = end
    return out, scaled


def _decimal_arabic_comma(text: str) -> bool:
    """Whether an Arabic comma stands between two digits (``_ARABIC_COMMA`` finds one)."""
    at = text.find("\u060c", 1)
    while at != -1:
        if text[at - 1].isdecimal() and text[at + 1: at + 2].isdecimal():
            return True
        at = text.find("\u060c", at + 1)
    return False


def _scale_follows(text: str, end: int) -> bool:
    """Whether ``_SCALE_AFTER`` matches at the digit before ``end``: the word after it (and
    any spaces) is a scale word, m or k right after it. Decided by the word itself when it is
    ASCII (any case) or Arabic (no case), by the regex otherwise (K, the Kelvin sign, is k)."""
    found = _SCALE_WORD.match(text, end)
    if found is None:
        return False
    word = found.group(2)
    if word.isascii():
        word = word.lower()
        return word in _SCALES or (not found.group(1) and word in _ATTACHED)
    if min(word) >= "\u0600" and max(word) <= "\u06ff":
        return word in _SCALES
    return _SCALE_AFTER.match(text, end - 1) is not None


def same_numbers(source: str, target: str) -> bool:
    """True when both texts hold the same plain numbers, or none (the common case, where the
    check finds nothing); False when they differ or either needs the full reading."""
    if (src := _plain_reading(source)) is None or (tgt := _plain_reading(target)) is None:
        return False
    (src, src_scaled), (tgt, tgt_scaled) = src, tgt
    if src and (src_scaled or tgt_scaled):
        return False
    return len(src) == len(tgt) and (src == tgt or sorted(src) == sorted(tgt))


# A scale word right after a number (١٠ آلاف, 2.5 million): the number may be written out
# whole on the other side (10,000; 2500000).
_SCALES = {
    "الف": 3, "ألف": 3, "آلاف": 3, "الاف": 3, "ألفا": 3, "الفا": 3, "ألفًا": 3,
    "مليون": 6, "ملايين": 6, "مليونا": 6, "مليونًا": 6, "مليار": 9, "مليارات": 9, "بليون": 9,
    "تريليون": 12, "ترليون": 12, "تريليونات": 12,
    "thousand": 3, "thousands": 3, "million": 6, "millions": 6, "billion": 9, "billions": 9,
    "trillion": 12, "trillions": 12, "mn": 6, "bn": 9,
}
# Abbreviations that are scales only written onto the number (£125m, 50k; not 5 m of rope).
_ATTACHED = {"m": 6, "k": 3}
_SCALE_WORD = re.compile(r"(\s*)([^\W\d_]+)")
# Is a scale word after a number anywhere in a text? (then the plain reading does not do)
_SCALE_AFTER = re.compile(
    r"\d(?:\s*(?:" + "|".join(sorted(_SCALES, key=len, reverse=True)) + r")|[mk])"
    r"(?![^\W\d_])", re.IGNORECASE)


# A clock time (3:00, ١٥:٣٠; not a time with seconds, nor a ratio in decimals)
_CLOCK = re.compile(r"(?<![\d:.,])(\d{1,2}):(\d{2})(?![\d:])")


def _clock_at(text: str, start: int, end: int) -> re.Match[str] | None:
    """The clock time whose hour or minutes are ``text[start:end]``, if it is one."""
    found = _CLOCK.search(text, max(0, start - 3), min(len(text), end + 3))
    return found if found is not None and (start, end) in (found.span(1), found.span(2)) \
        else None


def _twelve_hour(text: str, start: int, end: int) -> str | None:
    """A clock time's hour after noon (or midnight) on the 12-hour clock: 15:30 → 3."""
    if text[end:end + 1] != ":":  # not an hour
        return None
    clock = _clock_at(text, start, end)
    if clock is None or clock.span(1) != (start, end) or int(clock.group(2)) > 59:
        return None
    hour = int(clock.group(1))
    return str(hour - 12) if 13 <= hour <= 23 else "12" if hour in (0, 24) else None


def _not_whole_hours(lone: list[int], found: list[tuple[str, tuple[int, int]]],
                     text: str) -> list[int]:
    """The numbers of ``lone`` (indices into ``found``) but the minutes of a whole hour (the
    00 of 3:00), which the other side may leave out (3 p.m., three o'clock)."""
    return [i for i in lone if not (found[i][0] == "0" and (clock := _clock_at(
        text, *found[i][1])) is not None and clock.span(2) == found[i][1])]


# A number and a dash right before another: the end of a range may be written short. Any
# hyphen or dash (the no-break hyphen of a word processor, the en or em dash, the minus sign),
# or a slash after a year (the 2020/21 season, a year that spans two).
_RANGE_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2212"
_RANGE_START = re.compile(rf"(?<![\w.,])(\d+)([{_RANGE_DASHES}/])\Z")


def _range_end(text: str, start: int, end: int) -> str | None:
    """The whole number a range's shortened end stands for (2019–20: 2020; pages 120–25:
    125; 2020/21: 2021), or None (not after a longer number and a dash, or a year and a
    slash, or not past it: 2019-05)."""
    if start < 2 or text[start - 1] not in _RANGE_DASHES + "/":
        return None
    before = _RANGE_START.search(text, max(0, start - 16), start)
    if before is None:
        return None
    first, short = before.group(1), text[start:end]
    if not short.isdecimal() or len(short) >= len(first):
        return None
    if before.group(2) == "/" and (len(first), len(short)) != (4, 2):
        return None  # 12/5 is a date or a fraction, not 12 to 15
    whole = first[: len(first) - len(short)] + short
    return whole.lstrip("0") or "0" if int(whole) > int(first) else None


def _values(text: str, number: str, start: int, end: int,
            found: re.Match[str] | None) -> frozenset[str]:
    """The value a number stands for: itself, or times its scale word if one follows (١٠
    آلاف is 10,000, whether the other side writes "10,000" or "10 thousand"; not 10). The
    number of a code (CoV-2, COVID-19) has no scale; an m or k written onto it is one after a
    currency sign (£125m) and either else (100m: metres or millions). A range's shortened
    end stands for itself and its whole number too (the 20 of 2019–20 is 2020), a decade
    written short for its years (the '70s: 1970). ``found``: ``_SCALE_WORD`` matched at
    ``end``."""
    exponent = None
    if found is not None and not (
        start > 1 and text[start - 1] == "-" and text[start - 2].isalpha()
    ):
        word = found.group(2).lower()
        exponent = _SCALES.get(word) or (None if found.group(1) else _ATTACHED.get(word))
    if exponent is None:
        others = (_range_end(text, start, end), _twelve_hour(text, start, end),
                  *_decade_years(text, start, end))
        return frozenset((number, *(o for o in others if o)))
    whole, _, fraction = format(Decimal(number).scaleb(exponent), "f").partition(".")
    scaled = _canonical(whole, fraction)
    if found.group(2).lower() in _ATTACHED and not _CURRENCY_BEFORE.search(
            text, max(0, start - 2), start):
        return frozenset((number, scaled))  # 100m: metres or millions; £125m: millions
    return frozenset((scaled,))


def _decade_years(text: str, start: int, end: int) -> tuple[str, ...]:
    """The years a decade written short may start (the '70s: 1970; the '20s: 1920, 2020)."""
    if (end - start != 2 or start == 0 or text[start - 1] not in "'’"
            or not text.startswith("s", end)):
        return ()
    return f"19{text[start:end]}", f"20{text[start:end]}"


# A currency sign before a number: its attached m or k is a scale (£125m, $50k), where a
# number alone may write a unit so (the 100m sprint, a 5k run)
_CURRENCY_BEFORE = re.compile(r"[$£€¥₹]\s?\Z")


_UNIT_WORDS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
)
_UNIT_ORDINALS = (
    "zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
    "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
    "sixteenth", "seventeenth", "eighteenth", "nineteenth",
)
_TEN_WORDS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_WORD_VALUES = {
    **{w: n for n, w in enumerate(_UNIT_WORDS)},
    **{w: n for n, w in enumerate(_UNIT_ORDINALS)},
    **{w: 20 + 10 * n for n, w in enumerate(_TEN_WORDS)},
    **{w[:-1] + "ieth": 20 + 10 * n for n, w in enumerate(_TEN_WORDS)},
}
_TENS = "|".join(_TEN_WORDS)
_ONES = "|".join(_UNIT_WORDS[1:10] + _UNIT_ORDINALS[1:10])
_ANY_WORD = "|".join(sorted(_WORD_VALUES, key=len, reverse=True))
# twenty-five, twenty-first, three, ten thousand, two hundred (a scale word after it), a
# hundred (one of a scale)
_SPELT = re.compile(
    rf"\b(?:({_TENS})[-\s]({_ONES})|({_ANY_WORD}))"
    r"(?:\s+(hundred|thousand|million|billion|trillion)s?)?\b"
    r"|\ba\s+(hundred|thousand|million|billion|trillion)\b",
    re.IGNORECASE,
)
_WORD_SCALES = {"hundred": 2, "thousand": 3, "million": 6, "billion": 9, "trillion": 12}
# between the parts of one number in words: "a hundred and twenty", "one hundred twenty"
_JOINS_PARTS = re.compile(r"\s+(?:and\s+)?", re.IGNORECASE)
# A quick exit before _SPELT's long alternation: its words, a run of ASCII letters, and a
# letter beyond ASCII (which may match one of them ignoring case: K, ſ, ı)
_SPELT_WORDS = frozenset((*_WORD_VALUES, *_WORD_SCALES))
_ASCII_WORD = re.compile("[A-Za-z]+")
_NON_ASCII_LETTER = re.compile(r"[^\W\d_\x00-\x7f]")


def spelt_numbers(text: str) -> list[str]:
    """The values of the numbers ``text`` spells out in English words (canonical strings)."""
    if not _NON_ASCII_LETTER.search(text) and _SPELT_WORDS.isdisjoint(
            word.lower() for word in _ASCII_WORD.findall(text)):
        return []  # no number word (with ASCII letters only, each word of _SPELT is one run)
    out: list[int] = []
    below = 0  # what a number after the last one may add to it: under its scale (a hundred: 100)
    end = -1
    for m in _SPELT.finditer(text):
        tens, ones, word, scale, one = m.groups()
        if one:  # a hundred
            value, scale = 1, one
        else:
            value = (
                _WORD_VALUES[_folded(tens)] + _WORD_VALUES[_folded(ones)] if tens
                else _WORD_VALUES[_folded(word)]
            )
        unit = 10 ** _WORD_SCALES[_folded(scale)] if scale else 1
        value *= unit
        if out and value < below and _JOINS_PARTS.fullmatch(text, end, m.start()):
            out[-1] += value  # a hundred and twenty, one thousand nine hundred and forty-eight
        else:
            out.append(value)
        below, end = (unit if scale else 0), m.end()
    return [str(value) for value in out]


# A Roman numeral after a heading word (Part III, Chapter IV, Article XII, Phase II): the
# number of the source's الباب 3, الفصل 4
_ROMAN = re.compile(
    r"\b(?:Part|Chapter|Title|Section|Article|Annex|Appendix|Book|Volume|Schedule|Phase|Item"
    r"|Clause|Paragraph|Principle|Protocol|Division|Stage)s?\s+"
    r"(?=[IVXLC]+\b)(C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3}))\b")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_ROMAN_WORD = re.compile(r" [IVXLC]+\b")  # a quick test before _ROMAN's heading words


def _roman_numbers(text: str) -> list[str]:
    """The values of the Roman numerals ``text`` numbers its parts with (Part III: 3)."""
    if _ROMAN_WORD.search(text) is None:
        return []
    out = []
    for found in _ROMAN.finditer(text):
        if not found.group(1):  # not a numeral as Roman numerals are written (IIII, VX)
            continue
        digits = [_ROMAN_VALUES[c] for c in found.group(1)]
        out.append(str(sum(-d if d < e else d for d, e in zip(digits, [*digits[1:], 0],
                                                                strict=True))))
    return out


# Noon and midnight: the hour of 12 ظهراً, 12 منتصف الليل, 00:00, 24:00
_CLOCK_WORDS = re.compile(r"\b(?:(noon|midday)|midnight)\b", re.IGNORECASE)
_NOON, _MIDNIGHT = frozenset(("12",)), frozenset(("12", "0", "24"))


def _clock_words(text: str) -> list[frozenset[str]]:
    """The hours ``text`` names in words (noon: 12; midnight: 12, 0 or 24)."""
    lowered = text.lower()
    if "noon" not in lowered and "midday" not in lowered and "midnight" not in lowered:
        return []
    return [_NOON if found.group(1) else _MIDNIGHT for found in _CLOCK_WORDS.finditer(text)]


def _folded(word: str) -> str:
    """A number word as the tables hold it: lower case, and the letters a case-blind pattern
    takes for ASCII ones made so (the dotless ı of fıve, the long ſ of ſix, the Kelvin K)."""
    return unicodedata.normalize("NFKC", word).lower().replace("\u0131", "i")


def _not_in_words(
    lone: list[int], values: list[frozenset[str]],
    words: list[str] | list[tuple[str, ...]] | list[frozenset[str]],
) -> list[int]:
    """The numbers of ``lone`` (indices into ``values``) that the other side does not write
    in ``words`` either (the values of its numbers in words, or each one's readings), each
    word pairing once."""
    if not words:
        return lone
    rest = []
    for i in lone:
        for k, value in enumerate(words):
            if (value in values[i]) if isinstance(value, str) else not values[i].isdisjoint(
                    value):
                del words[k]
                break
        else:
            rest.append(i)
    return rest


_MONTHS = ENGLISH_MONTHS
# An English month's name, or its abbreviation (Sept.), capitalised (not the "may" of a verb)
_MONTH_NAME = re.compile(
    r"\b(" + "|".join(sorted({*_MONTHS, *ENGLISH_ABBREVIATIONS}, key=len, reverse=True))
    + r")\b\.?"
)
# The month of a date written in digits as Arabic writes it: day/month/year or
# year/month/day (1/5/2020, ٢٠٢٠/٥/١, 01-05-2020, 1.5.2020), found at its start.
_DATE_MONTH = re.compile(  # (?=\d): the lookbehinds only where a digit is
    r"(?=\d)(?:(?<![\d.,/\-])\d{1,2}([/.\-])(?=\d{1,2}\1\d{2,4}(?![\d.,/\-]\d))"
    r"|(?<![\d.,/\-])\d{4}([/.\-])(?=\d{1,2}\2\d{1,2}(?![\d.,/\-]\d)))"
)


def _named_months(
    missing: list[int], src: list[tuple[str, tuple[int, int]]], source: str, target: str
) -> list[int]:
    """The source numbers of ``missing`` (indices) that are not the month of a date in digits
    whose month the target names (1/5/2020 = 1 May 2020, May 1, 2020)."""
    names = [_MONTHS.index(next(m for m in _MONTHS if m.startswith(found.group(1)[:3]))) + 1
             for found in _MONTH_NAME.finditer(target)]
    if hijri_marked(source):  # ١٤٢٨/٣/٢٤هـ = 24 Rabi' I 1428 AH
        names += hijri_months(target)
    if not names:
        return missing
    months = {found.end() for found in _DATE_MONTH.finditer(source.translate(_TABLE))}
    # a month whose digits paired with the target's day of the same value (2020/1/1 = 1 Jan.
    # 2020) leaves the day missing: it stands for the month as well
    paired = Counter(number for k, (number, (start, _)) in enumerate(src)
                     if start in months and k not in missing)
    rest = []
    for i in missing:
        number, (start, _) = src[i]
        if not (number.isdecimal() and int(number) in names):
            rest.append(i)
        elif start in months or paired[number]:
            names.remove(int(number))
            paired[number] -= start not in months
        else:
            rest.append(i)
    return rest


def _pair_up(src: list[frozenset[str]], tgt: list[frozenset[str]]) -> tuple[list[int], list[int]]:
    """The source and target numbers left without a partner (a partner shares a value),
    by index; plain equal values are paired first, with the target's last occurrences (the
    first ones are the extra ones)."""
    free = list(range(len(tgt)))
    lone: list[int] = []
    for exact in (True, False):
        rest = []
        for i in (range(len(src)) if exact else lone):
            for k in reversed(range(len(free))):
                j = free[k]
                if (src[i] == tgt[j]) if exact else (src[i] & tgt[j]):
                    del free[k]
                    break
            else:
                rest.append(i)
        lone = rest
    return lone, free


@register
class NumberMismatch(Check):
    id = "number-mismatch"
    severity = "error"
    description = (
        "A number of the source is missing from the target (error) or the target has a number "
        "the source lacks (warning); Arabic-Indic/Persian digits, ٫ ٬, decimal commas (2,5) and "
        "leading zeros understood."
    )

    def run(self, pair: Pair) -> list[Finding]:
        if same_numbers(pair.source, pair.target):
            return []
        # the digits of a web or e-mail address are no numbers (url-mismatch compares those)
        source, target = _without_addresses(pair.source), _without_addresses(pair.target)
        src = numbers(source)
        tgt = numbers(target)
        if not src and not tgt:
            return []
        source, target = mask_tags(source), mask_tags(target)
        src_values, tgt_values = _all_values(source, src), _all_values(target, tgt)
        missing, extra = _pair_up(src_values, tgt_values)
        if missing or extra:  # spaced groups without a partner: compared again as groups
            src2, tgt2 = _ungroup(source, src, missing), _ungroup(target, tgt, extra)
            if len(src2) > len(src) or len(tgt2) > len(tgt):
                src2_values, tgt2_values = _all_values(source, src2), _all_values(target, tgt2)
                missing2, extra2 = _pair_up(src2_values, tgt2_values)
                if len(missing2) + len(extra2) < len(missing) + len(extra):
                    src, tgt, src_values, tgt_values = src2, tgt2, src2_values, tgt2_values
                    missing, extra = missing2, extra2
        if missing and extra:  # مليار و200 مليون for 1.2 billion
            missing, extra = _sums(source, src, missing, tgt_values, extra)
        missing = _not_whole_hours(missing, src, source)  # 3 p.m. for 3:00
        extra = _not_whole_hours(extra, tgt, target)
        if missing or extra:  # 48 ساعة = two days; ١٤٤٥ هـ = 1445 AH (2023)
            missing, extra = _converted(source, target, src, tgt, missing, extra, tgt_values)
        if missing:  # "three people" for 3 أشخاص; "1 May 2020" for 1/5/2020
            missing = _named_months(
                _not_in_words(missing, src_values, [*spelt_numbers(target), *_roman_numbers(target),
                                                     *_clock_words(target)]),
                src, source, target)
        in_words: list[str] = []
        if extra:  # "4 cases" for أربع حالات (the words paired leave the list)
            readings = word_number_readings(source)
            if readings:
                plurals = list(tgt_values)  # the 1900s for القرن العشرين
                for j in extra:
                    plurals[j] = _with_plural(target, tgt[j][1][1], plurals[j])
                extra = _not_in_words(extra, plurals, readings)
            in_words = [reading[0] for reading in readings]
        # the source's numbers in words that the target's numbers did not pair with
        besides = f" (the source writes {', '.join(dict.fromkeys(in_words))} in words)" if (
            in_words) else ""
        findings: list[Finding] = []
        counts = Counter(src[i][0] for i in missing)
        scaled = {src[i][0]: _scaled(src[i][0], src_values[i]) for i in missing}
        for number in dict.fromkeys(n for n, _ in src):  # in the source's order
            if not (count := counts[number]):
                continue
            findings.append(
                self.finding(
                    "missing",
                    f"number {number}{scaled[number]} of the source is not in the target",
                    expected=[number] * count,
                )
            )
        for j in extra:
            number, span = tgt[j]
            findings.append(
                self.finding(
                    "extra", f"number {number}{_scaled(number, tgt_values[j])} in the target "
                    f"is not in the source{besides}", found=number, span=span, severity="warning",
                )
            )
        return findings


def _with_plural(text: str, end: int, values: frozenset[str]) -> frozenset[str]:
    """``values`` and, for a number written as a plural (the 1900s), that plural: the years of
    a century the Arabic names (القرن العشرين)."""
    if text[end:end + 1] != "s" or text[end + 1:end + 2].isalpha() or end < 4 \
            or text[end - 2:end] != "00" or not text[end - 4:end].isdecimal():
        return values
    return values | {text[end - 4:end + 1]}


def _converted(
    source: str, target: str, src: list[tuple[str, tuple[int, int]]],
    tgt: list[tuple[str, tuple[int, int]]], missing: list[int], extra: list[int],
    tgt_values: list[frozenset[str]],
) -> tuple[list[int], list[int]]:
    """``missing`` and ``extra`` without the numbers written in another unit of time or
    calendar on the other side: a duration (48 ساعة = 2 days, two days; أسبوعين = 14 days), a
    Hijri year (١٤٤٥ هـ = 2023 or 2024, given for it or with it), and the numbers of a
    fraction the source writes in words (ثلثي = 2/3)."""
    hijri = []
    if hijri_marked(source):
        years = hijri_years(source.translate(_TABLE))
        hijri = [(i, gregorian_years(int(number))) for i, (number, span) in enumerate(src)
                 if span in years]
    if missing and hijri:
        missing = _dated_twice(src, missing, hijri)
    if missing:
        missing, extra = _converted_missing(source, target, src, tgt, missing, extra,
                                            tgt_values, hijri)
    if extra:  # 14 days for أسبوعين; 1445 AH (2023) for ١٤٤٥ هـ; 2/3 for ثلثي
        words = [frozenset((year,)) for _, years in hijri for year in years]
        if hijri:  # (25 March 2024) for ١٥ رمضان ١٤٤٥هـ: the day and month of its date
            words += gregorian_date_parts(source.translate(_TABLE))
        tagged = tgt_values
        units = {j: unit for j in extra if (unit := english_unit(target, tgt[j][1][1]))}
        if units and (duals := dual_durations(source)):
            words += duals
            tagged = list(tgt_values)
            for j, unit in units.items():
                tagged[j] = tagged[j] | {f"{tgt[j][0]}@{unit}"}
        if any(target[tgt[j][1][0] - 1: tgt[j][1][0]] == "/" for j in extra):
            words += fraction_numbers(source)
        if words:
            extra = _not_in_words(extra, tagged, words)
        if extra:  # 15/3/2020 for 15 مارس 2020
            extra = _named_in_arabic(extra, tgt, source, target)
    return missing, extra


#: how far apart a Hijri year and the Gregorian year the source gives beside it may stand
#: (٥٨١هـ/١١٨٥م, ٥٨١ هـ الموافق ١١٨٥ م, ١١٨٥م (٥٨١هـ))
_BESIDE = 16


def _dated_twice(src: list[tuple[str, tuple[int, int]]], missing: list[int],
                 hijri: list[tuple[int, tuple[str, str]]]) -> list[int]:
    """``missing`` without the Hijri years whose Gregorian year the source gives beside them,
    and the target has (توفي سنة ٥٨١هـ/١١٨٥م = "He died in 1185", the Hijri date left out)."""
    twice = set()
    for i, years in hijri:
        start, end = src[i][1]
        for k, (number, (s, e)) in enumerate(src):
            if (k not in missing and number.isdecimal() and str(int(number)) in years
                    and (0 <= s - end <= _BESIDE or 0 <= start - e <= _BESIDE)):
                twice.add(i)
    return [i for i in missing if i not in twice]


def _named_in_arabic(extra: list[int], tgt: list[tuple[str, tuple[int, int]]], source: str,
                     target: str) -> list[int]:
    """The target numbers of ``extra`` (indices) but the month of a date in digits whose month
    the source names (15/3/2020 for ١٥ مارس ٢٠٢٠, ١٥ آذار/مارس, ٢٤ ربيع الأول)."""
    if not any(target[tgt[j][1][0] - 1: tgt[j][1][0]] in ("/", ".", "-")
               or target[tgt[j][1][1]: tgt[j][1][1] + 1] in ("/", ".", "-") for j in extra):
        return extra
    starts = {found.end() for found in _DATE_MONTH.finditer(target)}
    # the month's digits may have paired with another number of the source (1/1/2020)
    dated = Counter(number for number, (start, _) in tgt if start in starts)
    names = arabic_months(source) if dated else []
    rest = []
    for j in extra:
        number = tgt[j][0]
        if dated[number] and number.isdecimal() and int(number) in names:
            names.remove(int(number))
            dated[number] -= 1
        else:
            rest.append(j)
    return rest


def _converted_missing(
    source: str, target: str, src: list[tuple[str, tuple[int, int]]],
    tgt: list[tuple[str, tuple[int, int]]], missing: list[int], extra: list[int],
    tgt_values: list[frozenset[str]], hijri: list[tuple[int, tuple[str, str]]],
) -> tuple[list[int], list[int]]:
    """``missing`` without the durations and Hijri years the target writes in another unit
    or calendar (48 ساعة: 2 days, two days; ١٤٤٥ هـ: 2023), ``extra`` without their partners."""
    units = {i: unit for i in missing if (unit := arabic_unit(source, src[i][1][1]))}
    tags = {i: duration_values(src[i][0], unit) for i, unit in units.items()}
    for i, years in hijri:
        if i in missing:
            tags[i] = tags.get(i, frozenset()) | frozenset(years)
    if not tags:
        return missing, extra
    missing, extra = list(missing), list(extra)
    for i, values in tags.items():
        for j in extra:
            unit = english_unit(target, tgt[j][1][1])
            if not values.isdisjoint(tgt_values[j] | ({f"{tgt[j][0]}@{unit}"} if unit else set())):
                missing.remove(i)
                extra.remove(j)
                break
    if missing and units:  # two days for 48 ساعة
        missing = _not_in_words(missing, [tags.get(i, frozenset()) for i in range(len(src))],
                                _spelt_durations(target))
    return missing, extra


# A unit of time, and a number spelt out right before one (two days, a week, three-day)
_TIME_UNIT = re.compile(r"\b(minute|hour|day|week|month|year|decade)s?\b", re.IGNORECASE)
_SPELT_BEFORE = re.compile(
    rf"\b(?:(?:{_TENS})[-\s](?:{_ONES})|{_ANY_WORD}|(an?))[\s-]+\Z", re.IGNORECASE)


def _spelt_durations(text: str) -> list[frozenset[str]]:
    """The durations ``text`` spells out in English words (two days: ``2@day``; a week)."""
    out = []
    for unit in _TIME_UNIT.finditer(text):
        found = _SPELT_BEFORE.search(text, max(0, unit.start() - 24), unit.start())
        if found is not None:
            value = "1" if found.group(1) else spelt_numbers(found.group())[0]
            out.append(frozenset((f"{value}@{unit.group(1).lower()}",)))
    return out


def _without_addresses(text: str) -> str:
    """``text`` with its web and e-mail addresses blanked out (offsets kept)."""
    spans = address_spans(text)
    return mask_addresses(text, spans, " ") if spans else text


def _all_values(
    text: str, found: list[tuple[str, tuple[int, int]]]
) -> list[frozenset[str]]:
    """The values of the numbers ``found`` in ``text`` (see :func:`_values`); a number
    before another's scale word may share it (بين 20 و30 ألف: 20 or 20,000)."""
    words = [_SCALE_WORD.match(text, end) for _, (_, end) in found]
    values = [_values(text, n, start, end, word)
              for (n, (start, end)), word in zip(found, words, strict=True)]
    if len(found) < 2:
        return values
    exponents = [None if word is None else _SCALES.get(word.group(2).lower()) for word in words]
    for i in range(len(found) - 1):
        (number, (first, end)), (_, (start, _)) = found[i], found[i + 1]
        exponent = exponents[i + 1]
        code = first > 1 and text[first - 1] == "-" and text[first - 2].isalpha()  # COVID-19
        if exponent and not code and exponents[i] is None and _SHARING.fullmatch(
                text, end, start):
            whole, _, fraction = format(Decimal(number).scaleb(exponent), "f").partition(".")
            values[i] = values[i] | {_canonical(whole, fraction)}
    return values


# Between two numbers whose second one's scale word the first may share: 20 و30 ألف, 1.2 إلى
# 1.5 مليار, 20 to 30 million
_SHARING = re.compile(r"\s*(?:و|أو|او|إلى|الى|حتى|to|and|or|[-\u2013\u2014])\s*", re.IGNORECASE)


# A time written with a point, as British English does (10.30am for 10:30)
_DOTTED_TIME = re.compile(r"([01]?\d|2[0-4])\.([0-5]\d)")


def _ungroup(
    text: str, found: list[tuple[str, tuple[int, int]]], lone: list[int]
) -> list[tuple[str, tuple[int, int]]]:
    """``found`` (the numbers of ``text``) with each spaced number of ``lone`` (indices)
    replaced by its groups' numbers (1 000 → 1, 0), and each that may be a time written with
    a point by its hours and minutes (10.30 → 10, 30: the other side's 10:30)."""
    out: list[tuple[str, tuple[int, int]]] = []
    for i, (number, (start, end)) in enumerate(found):
        time = _DOTTED_TIME.fullmatch(text, start, end) if i in lone else None
        if time is not None:
            out += [(_canonical(time.group(1)), time.span(1)),
                    (_canonical(time.group(2)), time.span(2))]
            continue
        if i not in lone or _PIECE.fullmatch(text, start, end):
            out.append((number, (start, end)))
            continue
        for piece in _PIECE.finditer(text, start, end):
            out.extend((n, (piece.start() + a, piece.start() + b))
                       for n, (a, b) in numbers(piece.group()))
    return out


# "and" between the parts of a sum of scales (مليار و200 مليون = 1.2 billion), a scale word
# alone before it (مليار, بمليار, ملياران: one, two of it)
_AND = re.compile(r"\s*و\s*\Z")
_SCALE_BEFORE = re.compile(r"(?:^|(?<=\s))[وف]?[بل]?(مليار|مليون|ألف|الف)(ان|ين)?\s*و\s*\Z")
_ALONE = {"مليار": 9, "مليون": 6, "ألف": 3, "الف": 3}


def _scaled_value(text: str, number: str, end: int) -> tuple[Decimal, int] | None:
    """A number's value times its scale word and the end of that word (2 مليار: 2e9), or
    None when no scale word follows it."""
    found = _SCALE_WORD.match(text, end)
    if found is None or (exponent := _SCALES.get(found.group(2).lower())) is None:
        return None
    return Decimal(number).scaleb(exponent), found.end()


def _sums(source: str, src: list[tuple[str, tuple[int, int]]], missing: list[int],
          targets: list[frozenset[str]], extra: list[int]) -> tuple[list[int], list[int]]:
    """``missing`` and ``extra`` without the parts of a sum of scales the source writes with
    و and the target as one number (مليار و200 مليون = 1.2 billion; 2 مليون و500 ألف = 2.5
    million): the source's parts are no longer missing, the target's number no longer extra."""
    lone = set(missing)
    free = list(extra)
    paired: set[int] = set()
    total, parts, last_end = Decimal(0), [], -1
    for i, (number, (start, end)) in enumerate(src):
        value = _scaled_value(source, number, end) if i in lone else None
        if value is None:
            total, parts, last_end = Decimal(0), [], -1
            continue
        before = source[max(0, last_end): start] if parts else ""
        if not (parts and _AND.fullmatch(before)):
            alone = _SCALE_BEFORE.search(source, max(0, start - 12), start)
            total = Decimal(0) if alone is None else Decimal(
                2 if alone.group(2) else 1).scaleb(_ALONE[alone.group(1)])
            parts = []
        total, last_end = total + value[0], value[1]
        parts.append(i)
        whole, _, fraction = format(total, "f").partition(".")
        canon = _canonical(whole, fraction)
        for k, j in enumerate(free):
            if canon in targets[j] and (len(parts) > 1 or total != value[0]):
                del free[k]
                paired.update(parts)
                break
    return [i for i in missing if i not in paired], free


def _scaled(number: str, values: frozenset[str]) -> str:
    """" (= 10,000)" when a scale word makes ``number`` another value, else ""."""
    if number in values:  # itself (a range's shortened end stands for more too)
        return ""
    (value,) = values
    whole, dot, fraction = value.partition(".")
    return f" (= {int(whole):,}{dot}{fraction})"
