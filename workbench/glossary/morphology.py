"""Arabic clitics and inflectional suffixes, as closed lists (no stemming, no roots).

A glossary word is matched as ``prefix + stem + suffix`` where the prefix is a chain of
proclitics (و ف, then ب ك ل or س, then the article ال; ل + ال is written لل) and the suffix
comes from the list allowed for the word's ending. Everything is in the matcher's normalised
form (diacritics removed, alefs folded, ى → ي, ة kept distinct from ه).

Suffixes that make *derived* words are deliberately absent: the nisba ي/ية/يا/يين/يات
(ثوري, ثورية, ثوريا from ثورة; جماهيري, الجماهيرية from جماهير) and the abstract ة
(عمالة from عمال).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

TA = "\u0629"  # ة
HA = "\u0647"  # ه
ALEF = "\u0627"  # ا
YA = "\u064a"  # ي (also ى after normalisation)
ARTICLE = "\u0627\u0644"  # ال

PRONOUNS: tuple[str, ...] = ("ه", "ها", "هما", "هم", "هن", "ك", "كما", "كم", "كن", "نا", "ي")
_PRON_NO_YA = tuple(p for p in PRONOUNS if p != "ي")


def _prefixes() -> frozenset[str]:
    out: set[str] = set()
    for conj in ("", "و", "ف"):
        out.add(conj + "س")
        for prep in ("", "ب", "ك", "ل"):
            for art in ("", ARTICLE):
                if prep == "ل" and art:
                    out.add(conj + "لل")
                else:
                    out.add(conj + prep + art)
    return frozenset(out)


PREFIXES: frozenset[str] = _prefixes()
# The future particle س attaches only to an imperfect verb, which starts with ي ت ن or ا (أ).
FUTURE_STEM_START = frozenset("يتنا")

# Word ending in a consonant: tanween alef, pronouns (not ي "my", which is also the nisba),
# dual ان/ين (construct ا), sound plurals ون/ين/ات (construct و), and those with pronouns.
CONSONANT: frozenset[str] = frozenset(
    {"", "ا", "ان", "ين", "ون", "و", "ات"}
    | set(_PRON_NO_YA)
    | {"ا" + p for p in _PRON_NO_YA}
    | {"ي" + p for p in _PRON_NO_YA if p != "ه"}
    | {"و" + p for p in _PRON_NO_YA}
    | {"ات" + p for p in PRONOUNS}
)
# Word ending in ة (the stem is the word without it): ة (or ه written for it), ة → ت before
# pronouns, dual تان/تين (construct تا/تي), plural ات, with pronouns.
TA_MARBUTA: frozenset[str] = frozenset(
    {TA, HA, "تان", "تين", "تا", "تي", "ات"}
    | {"ت" + p for p in PRONOUNS}
    | {"تا" + p for p in _PRON_NO_YA}
    | {"تي" + p for p in _PRON_NO_YA}
    | {"ات" + p for p in PRONOUNS}
)
# Word ending in ى (stem without it): ى/ي, ى → ا before pronouns, plural يات, dual يان/يين.
ALEF_MAQSURA: frozenset[str] = frozenset(
    {YA, "يات", "يان", "يين"} | {"ا" + p for p in PRONOUNS} | {"يات" + p for p in PRONOUNS}
)
# Word ending in ا: pronouns only.
ALEF_FINAL: frozenset[str] = frozenset({""} | set(_PRON_NO_YA))
# Word ending in ي (often a nisba adjective): tanween alef, sound plurals, dual, pronouns — but
# not ة (اشتراكية "socialism" is not اشتراكي "socialist").
YA_FINAL: frozenset[str] = frozenset({"", "ا", "ون", "ين", "و", "ان"} | set(_PRON_NO_YA))
# A sound masculine plural given in the glossary (stem without ون/ين): either case.
MASC_PLURAL: frozenset[str] = frozenset(
    {"ون", "ين", "و"} | {"و" + p for p in _PRON_NO_YA} | {"ي" + p for p in _PRON_NO_YA}
)

# After an ات plural head (a plural of things), a consonant- or ي-final adjective agrees in the
# feminine singular: تعديل كبير → تعديلات كبيرة, إجراء احترازي → الإجراءات الاحترازية.
AGREEMENT: frozenset[str] = frozenset({TA})


@lru_cache(maxsize=64)
def agreeing(suffixes: frozenset[str]) -> frozenset[str]:
    """The suffixes of a multi-word term's last word after an ات plural head."""
    return suffixes | AGREEMENT if suffixes in (CONSONANT, YA_FINAL) else suffixes


MAX_SUFFIX = max(
    len(s)
    for s in CONSONANT | TA_MARBUTA | ALEF_MAQSURA | ALEF_FINAL | YA_FINAL | MASC_PLURAL
)


@dataclass(frozen=True)
class Form:
    """One way a glossary word is looked for: the stem and the suffixes allowed after it."""

    stem: str
    suffixes: frozenset[str]


# The article is written with a bare alef (ال, ٱل); an alef with a hamza or a madda before ل
# (إلغاء, ألعاب, آلاف) is the word's own letter. Normalisation folds every alef to ا, after which
# such a word would lose its first two letters as an article (ألعاب keyed عاب, never meeting
# الألعاب's العاب). So that alef is marked first (OWN_ALEF, a letter Arabic does not use) and
# folded (:func:`plain`) only once the article is off.
OWN_ALEF = "\u0674"  # ARABIC LETTER HIGH HAMZA
_OWN_ALEF_LAM = re.compile(
    "[\u0622\u0623\u0625\ufe81-\ufe84\ufe87\ufe88]"  # آ أ إ and their presentation forms
    "(?=[\u064b-\u065f\u0670\u0640]*[\u0644\ufedd-\ufee0])")  # before ل (marks between)


def mark_own_alef(text: str) -> str:
    """``text`` (not normalised yet) with every alef that carries a hamza or a madda before ل
    marked as the word's own letter (:data:`OWN_ALEF`); the same length."""
    return _OWN_ALEF_LAM.sub(OWN_ALEF, text)


def plain(word: str) -> str:
    """A word of marked text (:func:`mark_own_alef`) as it is matched: its marked alef ا."""
    return word.replace(OWN_ALEF, ALEF)


def strip_article(word: str) -> str:
    """The word without a leading ال when what remains is a plausible word (3+ letters)."""
    if word.startswith(ARTICLE) and len(word) - 2 >= 3:
        return word[2:]
    return word


def last_word_forms(word: str) -> list[Form]:
    """The stems and suffix lists of a (normalised, ة-preserving) final glossary word."""
    forms: list[Form] = []
    if word.endswith(TA) and len(word) > 2:
        forms.append(Form(word[:-1], TA_MARBUTA))
    elif word.endswith(HA) and len(word) > 3:
        # ه may stand for ة in careless spelling, or be a real final ه: allow both readings.
        forms.append(Form(word[:-1], TA_MARBUTA))
        forms.append(Form(word, CONSONANT))
    elif word.endswith(YA) and len(word) > 2:
        forms.append(Form(word, YA_FINAL))
    elif word.endswith(ALEF):
        forms.append(Form(word, ALEF_FINAL))
    else:
        forms.append(Form(word, CONSONANT))
        if (len(word) >= 5 and word.endswith("ون")) or (len(word) >= 6 and word.endswith("ين")):
            forms.append(Form(word[:-2], MASC_PLURAL))
    return forms


def manqus_forms(word: str) -> list[Form]:
    """Forms of a final word written with kasratan (قاضٍ, معدٍ; normalised قاض, معد): a
    defective noun, whose ي is written back when it has the article, a suffix or another word
    after it (القاضي, قاضي المحكمة, قاضيان; المعدي, المعدية); without it only itself and its
    sound plural (قضاة aside: محامون). Not ات on the bare stem: معدات is not معدٍ."""
    return [
        Form(word, frozenset({""}) | MASC_PLURAL),
        Form(word + YA, YA_FINAL),
        Form(word + YA, TA_MARBUTA),
    ]


def maqsura_forms(word: str) -> list[Form]:
    """Forms of a final word written with ى in the glossary (normalised to ي)."""
    if len(word) > 2:
        return [Form(word[:-1], ALEF_MAQSURA)]
    return [Form(word, frozenset({""}))]
