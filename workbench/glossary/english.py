"""Finding an English rendering in a translation: case, inflections, hyphens, possessives.

``find_rendering("The Soviet's delegates met the soviets", "soviets")`` finds both words: each
content word of the phrase may appear in its singular or plural form and with a possessive,
words may be joined by spaces or hyphens (``ruling class`` / ``ruling-class``; a hyphenated
rendering may also be written solid: ``ruling-class`` / ``rulingclass``), a letter run and a
digit run by a hyphen, a space or nothing (``COVID-19`` = ``COVID 19`` = ``COVID19``, either
way round), accents, curly quotes and invisible characters (soft hyphen, ZWSP, ZWJ...) are
ignored. Any other symbol of a rendering is required as written, with any white space around
it: ``W.H.O.``, ``C++``, ``US$``, ``coronavirus (COVID-19)``, ``touching eyes, mouth and
nose``, ``%``. The text is tokenised once (:class:`EnglishText`) and each rendering is looked
up by its first word, so checking many renderings costs little. Spans index the original
English text. An acronym (two or more letters, all capitals: US, WHO, U.S., COVID-19) is
matched in its case: ``US`` is not "us". Words inside a web or e-mail address are not looked
at; inline tags (``<1>``, ``</1>``, ``<2/>``) are white space between words.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache
from typing import NamedTuple

from workbench.text.addresses import address_spans, mask_addresses
from workbench.text.tags import mask_tags

# Function words are matched as written (no inflection).
_FUNCTION_WORDS = frozenset(
    [
        "a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "by", "with",
        "from", "as", "into", "d'", "de", "la", "le", "du", "des", "del", "di",
    ]
)

# 1:1 character folding (spans stay valid): curly quotes, dashes, accented Latin letters.
_FOLD: dict[int, str] = {
    ord("\u2019"): "'", ord("\u2018"): "'", ord("\u02bc"): "'", ord("\u2032"): "'",
    ord("\u201c"): '"', ord("\u201d"): '"', ord("\u201e"): '"',
    ord("\u2010"): "-", ord("\u2011"): "-", ord("\u2012"): "-", ord("\u2013"): "-",
    ord("\u2014"): "-", ord("\u2212"): "-", ord("\u00a0"): " ",
}


def _build_accent_fold() -> None:
    import unicodedata

    for code in range(0xC0, 0x250):
        ch = chr(code)
        base = unicodedata.normalize("NFD", ch)[0]
        if base != ch and base.isascii() and base.isalpha():
            _FOLD[code] = base


_build_accent_fold()
_TABLE = str.maketrans(_FOLD)
# Invisible format characters, left out before matching: the soft hyphen, ZWSP, ZWNJ, ZWJ, the
# word joiner and the BOM (ZWNBSP), so "pan\u00addemic" is "pandemic".
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")


def fold_english(text: str) -> str:
    """Fold accents, curly quotes and dashes (one character for one, so spans hold)."""
    return text.translate(_TABLE)


# Irregular plurals as (singular ending, plural ending), both ways: crisis/crises,
# stimulus/stimuli, bacterium/bacteria, criterion/criteria, index/indices, matrix/matrices,
# life/lives, wolf/wolves, leaf/leaves, thief/thieves, child/children, person/people,
# foot/feet, tooth/teeth, goose/geese, mouse/mice (grandchildren, salespeople too). Not every
# -f (serf/serves) nor -fe (safe/saves).
_IRREGULAR = (
    ("is", "es"), ("us", "i"), ("um", "a"), ("on", "a"), ("ex", "ices"), ("ix", "ices"),
    ("ife", "ives"), ("lf", "lves"), ("af", "aves"), ("ief", "ieves"),
    ("child", "children"), ("person", "people"), ("foot", "feet"), ("tooth", "teeth"),
    ("goose", "geese"), ("mouse", "mice"),
)


def _irregular(word: str) -> set[str]:
    """The irregular plural or singular spellings of a (lower-case) word."""
    out: set[str] = set()
    if len(word) > 3:
        for one, many in _IRREGULAR:
            if word.endswith(one):
                out.add(word[: -len(one)] + many)
            if word.endswith(many):
                out.add(word[: -len(many)] + one)
    return out


def word_forms(word: str) -> list[str]:
    """A word's singular and plural spellings (lower case), longest first."""
    w = word.lower()
    forms = {w}
    if w in _FUNCTION_WORDS or not w[-1:].isalpha():
        return [w]
    if len(w) > 3 and w.endswith("ies"):
        forms.add(w[:-3] + "y")
    elif len(w) > 3 and w.endswith("es"):
        forms.add(w[:-2])
        forms.add(w[:-1])
    elif len(w) > 2 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        forms.add(w[:-1])
    for f in list(forms):
        if f.endswith("y") and len(f) > 2 and f[-2] not in "aeiou":
            forms.add(f[:-1] + "ies")
        elif f.endswith(("s", "x", "z", "ch", "sh", "o")):
            forms.add(f + "es")
        if not f.endswith("s") or f.endswith(("ss", "us", "is")):
            forms.add(f + "s")
        if f.endswith("man"):
            forms.add(f[:-3] + "men")
        elif f.endswith("men"):
            forms.add(f[:-3] + "man")
    forms |= _irregular(w)
    return sorted(forms, key=lambda s: (-len(s), s))


# A word: a run of letters or a run of digits (COVID19 is COVID + 19), with what follows an
# apostrophe (Soviet's, d'état). _TOKEN reads a text without a letter against a digit (_MIXED)
# as _SPLIT does, faster.
_TOKEN = re.compile(r"\w+(?:'\w+)*")
_SPLIT = re.compile(r"(?:[^\W\d]+|\d+)(?:'(?:[^\W\d]+|\d+))*")
_MIXED = re.compile(r"\d(?:(?<=[^\W\d_]\d)|(?=[^\W\d_]))")
# Between words: spaces and hyphens, or nothing (a letter run against a digit run).
_SOFT = re.compile(r"[\s\-]*")
# A hyphen between two letters, left out in a rendering's solid spelling (ruling-class).
_INNER_HYPHEN = re.compile(r"(?<=[^\W\d_])-(?=[^\W\d_])")
# Spaces between content words written solid in any combination up to this many (health care
# workers: healthcare workers); beyond it, all of them or none.
MAX_SOLID_GAPS = 3


def _key(token: str) -> str:
    """A token as looked up: lower case, without a possessive 's."""
    low = token.lower()
    return low[:-2] if low.endswith("'s") and len(low) > 2 else low


def _symbols(text: str) -> str:
    """A regex for the symbols of ``text`` in order, with any white space around them."""
    return r"\s*".join(re.escape(c) for c in text if not c.isspace())


class Spelling(NamedTuple):
    """One way a rendering is written: the forms each word may take and the symbols the text
    must have between the words (None: spaces or hyphens, or nothing between letters and
    digits), before the first and after the last; a rendering without words is its symbols.
    ``cased``: the words as written, which the text must have in the same case (an acronym)."""

    words: tuple[frozenset[str], ...]
    gaps: tuple[re.Pattern[str] | None, ...]
    lead: re.Pattern[str] | None
    trail: re.Pattern[str] | None
    symbols: re.Pattern[str] | None = None
    cased: tuple[str, ...] | None = None


def _as_written(token: str) -> str:
    """A token without a possessive 's, its case kept."""
    return token[:-2] if token[-2:] in ("'s", "'S") and len(token) > 2 else token


def is_acronym(text: str) -> bool:
    """Two or more letters, all capitals (US, WHO, U.S., COVID-19): matched case-sensitively."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _spelling(text: str, exact: bool) -> Spelling | None:
    """The spelling of one variant of a (folded) rendering, None if it has nothing to find;
    ``exact``: its words as written (case and possessive aside), not inflected."""
    tokens = list(_SPLIT.finditer(text))
    if not tokens:
        symbols = _symbols(text)
        return Spelling((), (), None, None, re.compile(symbols)) if symbols else None
    keys = [_key(t.group()) for t in tokens]
    words = tuple(frozenset([k] if exact else word_forms(k)) for k in keys)
    gaps = tuple(_gap(text[a.end() : b.start()]) for a, b in itertools.pairwise(tokens))
    lead, trail = _symbols(text[: tokens[0].start()]), _symbols(text[tokens[-1].end() :])
    return Spelling(
        words, gaps,
        re.compile(lead + r"\s*\Z") if lead else None,
        re.compile(r"\s*" + trail) if trail else None,
        cased=tuple(_as_written(t.group()) for t in tokens) if is_acronym(text) else None,
    )


def _gap(text: str) -> re.Pattern[str] | None:
    """What the text must have where the rendering has ``text`` between two words."""
    if _SOFT.fullmatch(text):
        return None
    return re.compile(r"\s*" + _symbols(text) + r"\s*")


def _solid_variants(text: str) -> list[str]:
    """``text`` with the spaces between two content words (not function words) left out, each
    or together (health care, healthcare; health care workers, healthcare workers)."""
    tokens = list(_SPLIT.finditer(text))
    gaps = [
        (a.end(), b.start())
        for a, b in itertools.pairwise(tokens)
        if text[a.end() : b.start()] == " "
        and a.group().isalpha() and b.group().isalpha()
        and a.group().lower() not in _FUNCTION_WORDS and b.group().lower() not in _FUNCTION_WORDS
    ]
    if not gaps:
        return []
    if len(gaps) <= MAX_SOLID_GAPS:
        choices = [c for n in range(1, len(gaps) + 1) for c in itertools.combinations(gaps, n)]
    else:
        choices = [tuple(gaps)]
    out = []
    for chosen in choices:
        parts, at = [], 0
        for a, b in chosen:
            parts.append(text[at:a])
            at = b
        out.append("".join(parts) + text[at:])
    return out


@lru_cache(maxsize=65536)
def phrase_spellings(phrase: str, exact: bool = False) -> tuple[Spelling, ...]:
    """The ways ``phrase`` can be written: its words inflected (as written if ``exact``), its
    symbols as they are.

    A hyphen between letters may also be left out ("ruling-class" / "rulingclass"), and so may
    a space between content words ("ruling class" / "rulingclass").
    """
    folded = fold_english(_INVISIBLE.sub("", phrase)).strip()
    variants = dict.fromkeys([folded, _INNER_HYPHEN.sub("", folded), *_solid_variants(folded)])
    spellings = (_spelling(v, exact) for v in variants)
    return tuple(dict.fromkeys(s for s in spellings if s is not None))


@lru_cache(maxsize=65536)
def _related_spellings(phrase: str) -> tuple[tuple[str, ...], ...]:
    """The words of each spelling of ``phrase`` whose other forms
    :meth:`EnglishText.find_related` looks for: none of an acronym without a digit, nor of a
    spelling with symbols other than hyphens between its words."""
    if is_acronym(phrase) and not any(c.isdigit() for c in phrase):
        return ()
    return tuple(
        tuple(min(w) for w in spelling.words) for spelling in phrase_spellings(phrase, True)
        if spelling.symbols is None and spelling.lead is spelling.trail is None
        and not any(spelling.gaps)  # (a rendering's symbols are required: C++ is not C)
    )


class EnglishText:
    """An English text tokenised once, in which many renderings can be looked up."""

    __slots__ = (
        "_folded", "_kept", "_lowered", "_pairs", "_spans", "_token", "keys", "keyset", "text"
    )

    def __init__(self, text: str) -> None:
        self.text = text
        text = mask_tags(text)  # inline tags are white space between words: World <1>Health</1>
        addresses = address_spans(text)
        if addresses:  # words of a web or e-mail address are not renderings
            text = mask_addresses(text, addresses)
        # the offset in ``text`` of each character kept, when invisible ones are left out
        self._kept: list[int] | None = None
        if _INVISIBLE.search(text):
            self._kept = [i for i, c in enumerate(text) if not _INVISIBLE.match(c)]
            text = "".join(text[i] for i in self._kept)
        folded = fold_english(text)
        lowered = folded.lower()
        if len(lowered) != len(folded):  # a rare letter whose lower case is longer
            lowered = "".join(c.lower()[0] for c in folded)
        self._folded = folded
        self._lowered = lowered
        self._token = _SPLIT if _MIXED.search(lowered) else _TOKEN
        keys = self._token.findall(lowered)
        if "'s" in lowered:
            keys = [k[:-2] if k.endswith("'s") and len(k) > 2 else k for k in keys]
        self.keys = keys
        self.keyset = frozenset(keys)
        self._spans: list[tuple[int, int]] | None = None
        self._pairs: frozenset[str] | None = None

    @property
    def spans(self) -> list[tuple[int, int]]:
        """The character span of every token."""
        if self._spans is None:
            self._spans = [m.span() for m in self._token.finditer(self._lowered)]
        return self._spans

    def _joined(self, i: int, gap: re.Pattern[str] | None) -> bool:
        """True when token i+1 follows token i across what ``gap`` asks for."""
        spans = self.spans
        return (gap or _SOFT).fullmatch(self._folded, spans[i][1], spans[i + 1][0]) is not None

    def _edges(self, spelling: Spelling, i: int, end: int) -> tuple[int, int] | None:
        """The span of tokens i..end with the symbols the spelling wants around them."""
        start, stop = self.spans[i][0], self.spans[end][1]
        if spelling.lead is not None:
            before = spelling.lead.search(self._folded, max(0, start - 64), start)
            if before is None:
                return None
            start = before.start()
        if spelling.trail is not None:
            after = spelling.trail.match(self._folded, stop)
            if after is None:
                return None
            stop = after.end()
        return start, stop

    def _find_spelling(self, spelling: Spelling) -> list[tuple[int, int]]:
        """Spans of one spelling of a rendering, overlaps included."""
        if spelling.symbols is not None:
            return [m.span() for m in spelling.symbols.finditer(self._folded)]
        words = spelling.words
        first = [form for form in words[0] if form in self.keyset]
        if not first:
            return []
        keys = self.keys
        starts = [i for i, k in enumerate(keys) if k in first]
        size = len(words)
        if size == 1 and spelling.lead is None and spelling.trail is None and not spelling.cased:
            spans = self.spans
            return [spans[i] for i in starts]
        gaps = spelling.gaps
        found = []
        for i in starts:
            end = i + size - 1
            if end >= len(keys):
                break
            if all(
                keys[i + j] in words[j] and self._joined(i + j - 1, gaps[j - 1])
                for j in range(1, size)
            ) and (spelling.cased is None or self._same_case(i, spelling.cased)):
                span = self._edges(spelling, i, end)
                if span is not None:
                    found.append(span)
        return found

    def _same_case(self, i: int, cased: tuple[str, ...]) -> bool:
        """Are tokens i... written as ``cased`` (a plural s allowed: NGOs)?"""
        spans, folded = self.spans, self._folded
        for j, word in enumerate(cased):
            a, b = spans[i + j]
            token = _as_written(folded[a:b])
            if token != word and token != word + "s":
                return False
        return True

    @property
    def pairs(self) -> frozenset[str]:
        """Every two words one after the other, written solid (lock-down: lockdown)."""
        if self._pairs is None:
            keys = self.keys  # the gap between them is checked where a pair is found
            self._pairs = frozenset(map(str.__add__, keys, keys[1:]))
        return self._pairs

    def _split(self, spelling: Spelling) -> list[tuple[int, int]]:
        """Spans of a one-word spelling written as two content words a space or a hyphen
        apart (lockdown: lock-down, lock down)."""
        if (spelling.symbols is not None or len(spelling.words) != 1 or spelling.lead
                or spelling.trail or spelling.cased):
            return []
        forms = spelling.words[0]
        if self.pairs.isdisjoint(forms):
            return []
        keys, spans, folded = self.keys, self.spans, self._folded
        return [
            (spans[i][0], spans[i + 1][1]) for i in range(len(keys) - 1)
            if keys[i] + keys[i + 1] in forms and keys[i].isalpha() and keys[i + 1].isalpha()
            and keys[i] not in _FUNCTION_WORDS and keys[i + 1] not in _FUNCTION_WORDS
            and folded[spans[i][1]:spans[i + 1][0]] in (" ", "-")
        ]

    def find(
        self, phrase: str, exact: bool = False, split: bool = True
    ) -> list[tuple[int, int]]:
        """Non-overlapping spans of ``phrase`` (and its inflections, unless ``exact``), left to
        right; a one-word rendering also written as two content words (lock-down, lock
        down for lockdown), unless not ``split``."""
        keyset = self.keyset
        spellings = phrase_spellings(phrase, exact)
        # one word (its only spelling), perhaps written as two
        found = self._split(spellings[0]) if split and len(spellings) == 1 else []
        for spelling in spellings:
            if spelling.symbols is None and keyset.isdisjoint(spelling.words[0]):
                continue  # (most renderings: their first word is not in the text)
            found.extend(self._find_spelling(spelling))
        if len(found) > 1:
            found.sort(key=lambda s: (s[0], -s[1]))
            out: list[tuple[int, int]] = []
            for span in found:
                if not out or span[0] >= out[-1][1]:
                    out.append(span)
            found = out
        kept = self._kept
        if kept is None or not found:
            return found
        return [(kept[a], kept[b - 1] + 1) for a, b in found]

    def find_related(self, phrase: str) -> list[tuple[tuple[int, int], ...]]:
        """Another form of ``phrase``, as the spans of its words, left to right without
        overlaps: its words in order, each of its word family (:func:`related_words`:
        disinfect for disinfection, self-isolate for self-isolation), in any case (Covid-19
        for COVID-19), a word allowed between two of them (touch your face for touching face;
        ongoing coronavirus outbreak for ongoing outbreak, the word between not among the
        spans). An acronym without a digit has none (us is not US), nor a rendering with
        symbols other than hyphens between its words (C++ is not C)."""
        found: list[tuple[tuple[int, int], ...]] = []
        for words in _related_spellings(phrase):
            found.extend(self._find_related(words))
        if not found:
            return []
        found.sort(key=lambda words: (words[0][0], -words[-1][1]))
        out: list[tuple[tuple[int, int], ...]] = []
        for words in found:
            if not out or words[0][0] >= out[-1][-1][1]:
                out.append(words)
        kept = self._kept
        if kept is None:
            return out
        return [tuple((kept[a], kept[b - 1] + 1) for a, b in words) for words in out]

    def _find_related(self, words: tuple[str, ...]) -> list[tuple[tuple[int, int], ...]]:
        """The spans of tokens that are, in order, of the families of ``words``."""
        first = words[0]
        if first not in self.keyset and (
                len(first) < MIN_SHARED or first[:MIN_SHARED] not in self._lowered):
            return []  # (most: no word of the text is or begins as the first)
        keys, size = self.keys, len(self.keys)
        start = first[:MIN_SHARED]
        found = []
        for i, key in enumerate(keys):
            if not key.startswith(start) or not related_words(key, first):
                continue
            spans = self.spans
            at, matched = i, [spans[i]]
            for word in words[1:]:
                nxt = at + 1
                if (nxt + 1 < size and not related_words(keys[nxt], word)
                        and self._joined(at, None)):
                    at, nxt = nxt, nxt + 1  # a word between: touch your face
                if nxt >= size or not related_words(keys[nxt], word) or not self._joined(
                        at, None):
                    break
                at = nxt
                matched.append(spans[at])
            else:
                found.append(tuple(matched))
        return found


# Endings that derive or inflect words from a shared beginning: disinfect-ion / disinfect,
# expos-ure / expos-ed, prepar-edness / prepar-ing, isolat-ion / isolat-e, spread /
# spread-ing.
_ENDINGS = frozenset([
    "", "e", "s", "es", "d", "ed", "ing", "ings", "er", "ers", "or", "ors", "ion", "ions",
    "ation", "ations", "ure", "ures", "ment", "ments", "ness", "edness", "ity", "ities", "al",
    "ally", "ly", "ive", "ives", "ively", "ous", "ious", "ize", "izes", "ized", "izing",
    "ization", "ise", "ises", "ised", "ising", "isation", "able", "ably", "ible", "ance",
    "ances", "ence", "ences", "ant", "ants", "ent", "ents", "ate", "ates", "ated", "ating", "y",
    "ies", "ied", "ic", "ical", "ically", "ist", "ists", "ism",
])
# One of two words of a family is their shared beginning or an inflection of it (exposed,
# exposure; not position, positive: posit- is no word).
_INFLECTIONS = frozenset(["", "e", "s", "es", "d", "ed", "ing", "ings"])
#: The beginning two words of one family share: at least this many letters, and half the
#: longer word's.
MIN_SHARED = 5


@lru_cache(maxsize=65536)
def related_words(one: str, other: str) -> bool:
    """Are two (lower-case) words one, or of one family: a shared beginning of at least
    :data:`MIN_SHARED` letters and half the longer word, each word that beginning and one of
    :data:`_ENDINGS`, one of them an inflection (disinfection / disinfect, exposure / exposed,
    preparedness / preparing, updates / updated; not organ / organization, international /
    internet, position / positive)?"""
    if one == other:
        return True
    if (one[:MIN_SHARED] != other[:MIN_SHARED] or not one.isalpha() or not other.isalpha()
            or one in _FUNCTION_WORDS or other in _FUNCTION_WORDS):
        return False
    shared = next((k for k, (a, b) in enumerate(zip(one, other, strict=False))
                   if a != b),
                  min(len(one), len(other)))
    longer = max(len(one), len(other))
    for cut in range(shared, MIN_SHARED - 1, -1):
        if 2 * cut < longer:
            break
        ends = one[cut:], other[cut:]
        if ends[0] in _ENDINGS and ends[1] in _ENDINGS and (
                ends[0] in _INFLECTIONS or ends[1] in _INFLECTIONS):
            return True
    return False


def find_rendering(english: str, phrase: str) -> list[tuple[int, int]]:
    """Spans of ``phrase`` in ``english``: case-insensitive (an acronym in its case),
    inflection and hyphen aware."""
    return EnglishText(english).find(phrase)


def is_respelling(phrase: str, rendering: str) -> bool:
    """Is ``phrase`` ``rendering`` with spaces left out (coronavirus of corona virus), a
    spelling that ``rendering`` as written is not?"""
    return (0, len(phrase)) in EnglishText(phrase).find(rendering, exact=True) and (
        (0, len(rendering)) not in EnglishText(rendering).find(phrase, exact=True, split=False)
    )


def is_inflection(phrase: str, rendering: str) -> bool:
    """Is ``phrase`` as a whole another form of ``rendering`` (masks of mask, John Hopkins
    University of Johns Hopkins University), one that ``rendering`` as written is not (COVID 19
    and COVID-19 are one spelling)?"""
    return (0, len(phrase)) in find_rendering(phrase, rendering) and (
        (0, len(rendering)) not in EnglishText(rendering).find(phrase, exact=True, split=False)
    )
