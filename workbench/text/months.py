"""The names of the Gregorian months, in Arabic and English, by number (1 = January).

One table for every reader: the aligner's date anchors (:mod:`workbench.align.anchors`, which
normalises the Arabic names and matches them word by word) and the number check's month
names (:mod:`workbench.text.number_units`, a regular expression over the text as written).
Each reader keeps its own deliberate differences, said where it reads the table.
"""

from __future__ import annotations

# Both sets of Arabic names, the Egyptian (يناير...) and the Levantine (كانون الثاني...), each
# with the spellings the number check knows (an alef with or without its hamza: the anchors
# normalise them to one). A name of two words has one space.
ARABIC_MONTHS: dict[int, tuple[str, ...]] = {
    1: ("يناير", "كانون الثاني"),
    2: ("فبراير", "شباط"),
    3: ("مارس", "آذار"),
    4: ("أبريل", "إبريل", "ابريل", "نيسان"),
    5: ("مايو", "أيار", "ايار"),
    6: ("يونيو", "يونيه", "حزيران"),
    7: ("يوليو", "يوليه", "تموز"),
    8: ("أغسطس", "اغسطس", "آب"),
    9: ("سبتمبر", "أيلول", "ايلول"),
    10: ("أكتوبر", "اكتوبر", "تشرين الأول", "تشرين الاول"),
    11: ("نوفمبر", "تشرين الثاني"),
    12: ("ديسمبر", "كانون الأول", "كانون الاول"),
}

# The Levantine August: normalised for matching it is أب "father" (آ and أ both fold to ا), so
# a reader that normalises must not take it for a month
LEVANTINE_AUGUST = "آب"

# The English names, January first
ENGLISH_MONTHS: tuple[str, ...] = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)
# Their abbreviations, written with a full stop (Oct. 3; May has none), by number
ENGLISH_ABBREVIATIONS: dict[str, int] = {
    "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9, "Sept": 9,
    "Oct": 10, "Nov": 11, "Dec": 12,
}
