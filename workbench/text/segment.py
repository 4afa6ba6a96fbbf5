"""Sentence segmentation of Arabic and English text.

A newline always ends a paragraph; sentences never cross paragraphs. Within a paragraph a
sentence ends after the number that ends a verse of the Quran (``﴿٢﴾``, ``۝٢``) and at
``. ! ? ؟`` (with any closing quotes and brackets that follow the mark) unless the period
belongs to a number (3.5, 10.30, 5.2), a URL or e-mail address, an initial
(E. H. Carr, أ. د.), an abbreviation from ``abbreviations.tsv`` (Dr., e.g., U.S., د.), or a
list number opening the sentence (``1.``, ``(b).``). ``،`` and ``؛`` never end a sentence.
An ellipsis (``...``, ``…``) ends one only where a new sentence clearly starts after it (a
new quotation, a speaker label, an English sentence opener such as "The" or "Then", an Arabic
attribution verb such as وقال, the paragraph's end) or where it closes a quotation; never
inside an open quotation.
The text of every sentence is a slice of its paragraph: nothing but surrounding whitespace is
ever dropped. (A hard-wrapped text's paragraphs join its lines: see ``split_paragraphs``.)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import accumulate
from pathlib import Path

from workbench.errors import InputError
from workbench.text.months import ENGLISH_ABBREVIATIONS, ENGLISH_MONTHS
from workbench.text.normalize import ARABIC_MARKS
from workbench.text.script import ARABIC_LETTER
from workbench.text.wrapping import is_hard_wrapped, unwrapped_paragraphs


def _words(text: str) -> list[str]:
    """The whitespace-separated words of a literal list."""
    return text.split()


# Vowel marks and the tatweel, and the alef's hamza forms: an Arabic word is matched without
# them (قَالَ is قال, واضاف is وأضاف, as it is often typed).
_MARKS = ARABIC_MARKS
_ALEFS = str.maketrans("أإآ", "ااا")


def _arabic_key(word: str) -> str:
    """``word`` as the Arabic word lists are matched: without vowel marks, its alefs bare."""
    return _MARKS.sub("", word).translate(_ALEFS)


def _arabic_words(text: str) -> frozenset[str]:
    """The words of an Arabic literal list, as they are matched (:func:`_arabic_key`)."""
    return frozenset(_arabic_key(word) for word in text.split())


KINDS = ("title", "inner", "number", "end", "era", "letter", "day")
LANGS = ("ar", "en", "any")

# An end mark, then what stays with the sentence after it (closing quotes and brackets, a
# footnote mark (_NOTE), invisible marks: direction marks, zero-width spaces and joiners, a
# byte order mark, the end of a bidi embedding or isolate (U+202C, U+2069), as subtitles and
# copied web text wrap Arabic sentences in them), then whitespace, the paragraph's end, an
# Arabic letter written without a space (انتهى.وبدأ) or the start of an embedding or isolate.
_CLOSERS = "\"'”’»›)\\]}\u200b-\u200f\u061c\ufeff\u202c\u2060-\u2064\u2069"
_RUN_START = "\u202a\u202b\u202d\u202e\u2066-\u2068"
# A footnote mark written right after the stop: [3], (3), superscript digits, *, †; or a
# short note in square brackets glued to it, as a copied wiki page has them (.[citation
# needed], .[بحاجة لمصدر]).
_NOTE = (r"\[\d{1,3}\]|\[[^\[\]\n]{1,40}\]|\(\d{1,3}\)"
         r"|[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]{1,3}|[*\u2020\u2021]{1,3}")
# The number that ends a verse of the Quran: ﴿٢﴾, or the end-of-ayah sign ۝ before its digits.
# (either ornate parenthesis may open it: texts differ)
_AYAH = r"[\ufd3e\ufd3f][\d٠-٩۰-۹]{1,3}[\ufd3e\ufd3f]|\u06dd[\d٠-٩۰-۹]{0,3}"
# An opening curly quote closing a quotation, as Arabic texts often write them mirrored
# (”سأذهب غدا.“ ثم غادر): one that follows the stop and comes before a space or the end.
_MIRRORED_CLOSER = r"[“‘](?=[\s\u200e\u200f\u061c]|$)"
# A closing guillemet after a space, as French typography, and Maghreb Arabic with it, sets
# it (« سنواصل العمل. » ثم), and a closing quote or bracket so typed (“ سأذهب. ”, ( … . )):
# one followed by a space or the end, not an opening one written mirrored (»سأذهب«).
_SPACED_CLOSER = rf"[ \u00a0\u202f]+[»›”)\]](?=\s|$|[{_CLOSERS}])"
# A note's number glued to the stop after a word, as text taken from a PDF has its superscripts
# (…was short.13 It lasted…, …الأولى.12 وبدأت…): not after a digit (3.12 is a number).
_GLUED_NOTE = r"(?<=[^\W\d_][.!?؟])\d{1,3}(?=\s|$)"
# The end mark: a spaced ellipsis (. . .) is one mark, as ... is.
_CANDIDATE = re.compile(
    rf"((?:\.[ \u00a0]){{2,}}\.|[.!?؟…]+|{_AYAH})"
    rf"((?:[{_CLOSERS}]|{_MIRRORED_CLOSER}|{_NOTE}|{_SPACED_CLOSER}|{_GLUED_NOTE})*)"
    rf"(?=\s|$|[\u0621-\u064a{_RUN_START}])"
)
# Whitespace from a position on (matched where a slice would copy a long paragraph's rest).
_SPACES = re.compile(r"\s*")
_URL = re.compile(
    r"(?:https?://|ftp://|www\.)[^\s<>\"«»“”]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE
)
_URL_TRAIL = ".,;:!?؟)]}»\"'”’"
_OPENERS = "\"'“‘«‹([{"
_ENUMERATOR = re.compile(
    r"[(\[]?(?:\d{1,3}|[٠-٩]{1,3}|[IVXLC]{1,5}|[ivxlc]{1,5}|[A-Za-z]|[\u0621-\u064a])[)\]]?"
    r"(?:\.\d{1,3})*"
)
# The number of a list's first item after a colon (the others open a sentence: _ENUMERATOR).
_FIRST_ITEM = frozenset({"1", "١", "۱"})
_NUMBER = re.compile(r"[\d٠-٩۰-۹][\d٠-٩۰-۹.,٫٬]*")
_DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
# A year written with its era mark glued to it (1445هـ, ٢٠٢٠م): the digits, then the mark.
_GLUED_MARK = re.compile(r"[\d٠-٩۰-۹]+(\D+)")
# A character that shows: neither whitespace nor an invisible format mark (direction marks, a
# zero-width space or joiner, a byte order mark, a soft hyphen), which Arabic copied from a word
# processor carries at its paragraphs' starts and ends.
_VISIBLE = re.compile(
    "[^\\s\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
# A speaker label opening the next sentence: one to three words and a colon (المذيع: ..., Q: ...).
_LABEL_WORD = r"[^\s:.,،؛!?؟…\"'«»“”‹›()\[\]]+"
_SPEAKER_LABEL = re.compile(rf"\s*(?:{_LABEL_WORD}\s+){{0,2}}{_LABEL_WORD}:(?=\s|$|[\"«“])")
# Quotation marks that open and close (in pairs), and the straight double quote (by parity).
_QUOTE_PAIRS = {"«": "»", "“": "”", "‹": "›"}
_QUOTE_CLOSERS = {close: open_ for open_, close in _QUOTE_PAIRS.items()}
_QUOTE_MARK = re.compile('[«»“”‹›"]')

# Capitalised words that open English sentences: after an abbreviation that may end a
# sentence (etc., Inc., U.S.), one of these (or an opening quote) means it did.
_STARTERS = frozenset(
    _words(
        """The A An It He She We They I You This That These Those There Here But And Or So Yet In
        On At As If When While Where Why What Who How However Meanwhile Moreover Furthermore
        After Before Since Although Though Because Its His Her Their Our My Your Then Now Some
        Many Most Both Each Every No Not One Two Three Such Other Another For With By From To
        Also Still Instead Today Yesterday Last Next According Nor Only Even Once Under Over
        Maybe Perhaps"""
    )
)
# Openers of _STARTERS that follow a title as a name or a number (Mr. A, Dr. No, Sec. One).
_TITLE_NAMES = frozenset({"A", "I", "No", "Who", "One", "Two", "Three"})
# Capitalised words that go on after a.m., Inc., etc. inside a sentence (7 a.m. Friday).
_CONTINUERS = frozenset(
    _words(
        """Monday Tuesday Wednesday Thursday Friday Saturday Sunday GMT UTC BST CET EST EDT CST
        CDT PST PDT MST MDT ET PT CT Eastern Central Pacific Mountain Atlantic Standard Time
        Local"""
    )
) | frozenset(ENGLISH_MONTHS)
# Abbreviated months, which go on after a.m. with their period (7 a.m. Oct. 3).
_MONTHS = frozenset(ENGLISH_ABBREVIATIONS)
_MONTH_NAMES = _MONTHS | frozenset(ENGLISH_MONTHS)
_SPEECH = frozenset(
    _words(
        """said says added adds asked asks told tells wrote writes replied replies shouted cried
        explained explains continued noted insisted recalled warned answered"""
    )
)
# Words that carry an Arabic sentence on after a closing quote (the attribution of a quote).
_ATTRIBUTION = _arabic_words(
    """قال قالت أضاف أضافت يقول تقول كما حسبما بحسب وفقا أوضح أوضحت صاح صرخ
    سأل سألت تساءل تساءلت أجاب أجابت رد ردت هتف هتفت صرخت"""
)
# Object pronouns an attribution verb carries (سأله, سألتها, أجابهم).
_PRONOUN_SUFFIXES = ("هما", "هم", "هن", "ها", "ه", "ني", "نا", "كم", "ك")


def _is_attribution(word: str) -> bool:
    """Whether ``word`` is an attribution verb (_ATTRIBUTION), with an object pronoun or not."""
    return word in _ATTRIBUTION or any(
        word.endswith(suffix) and word[: -len(suffix)] in _ATTRIBUTION
        for suffix in _PRONOUN_SUFFIXES
    )
# Words that open a new Arabic sentence after an ellipsis (…لا نعرف بعد… وقال المتحدث إن): the
# attribution verbs of news reports with their conjunction.
_ARABIC_OPENERS = _arabic_words(
    """وقال وقالت وأضاف وأضافت وأكد وأكدت وأوضح وأوضحت وأشار وأشارت وتابع وتابعت وذكر وذكرت
    وأعلن وأعلنت"""
)
# An Arabic abbreviation of dotted letters the table does not list (ج.م.ع, ش.م.م, د.ك).
_ARABIC_ACRONYM = re.compile(r"[\u0621-\u064a](?:\.[\u0621-\u064a]){1,3}")
# Words that clearly open an Arabic sentence after such an abbreviation: the attribution verbs
# of _ARABIC_OPENERS and these.
_ARABIC_STARTS = _ARABIC_OPENERS | _arabic_words(
    """وقد وكان وكانت وهو وهي وهذا وهذه وهم ثم ولكن لكن وفي ومن كما""")
# Words that carry an Arabic sentence on after an era mark (عام 632 هـ. في المدينة, ولد عام
# 571 م. تقريباً, عرضه 20 م. فقط, ارتفاعه 8848 م. فوق سطح البحر,
# الساعة 9 م. بتوقيت مكة, 12/3/1445هـ. الموافق 27/9/2023م.).
_ERA_CONTINUATION = _arabic_words("في من إلى على عن حتى حين تقريبا فقط فوق تحت الموافق بتوقيت")
_MAX_BRACKET = 250
# A volume's, chapter's or part's number in Roman capitals (vol. II, Ch. IV; numbers up to 89):
# two letters or more, or one before a comma or a closing mark (vol. I, p. 5).
_ROMAN_NUMBER = re.compile(
    r"\s*(?=[IVXL])(?:XL|L?X{0,3})(?:IX|IV|V?I{0,3})(?:(?<=[IVXL]{2})\b|(?=[,;:).]|$))"
)
# An aside in brackets after an abbreviation, with no stop of its own and no list number: the
# sentence goes on (Smith et al. (2020) found, Apple Inc. (NASDAQ: AAPL) reported; but
# … etc. (The list was long.) and … etc. (2) Employer start anew).
_BRACKET_ASIDE = re.compile(
    r"\s*[(\[](?![\dIVXivx]{1,3}[)\]]|[A-Za-z][)\]])[^()\[\].!?؟…]{1,80}[)\]]"
)


def _after_latin_word(text: str, start: int) -> bool:
    """Whether a word in Latin letters, or an initial with its period, comes just before
    ``start`` (spaces aside): the ``John`` of ``John F.``, the ``E.`` of ``E. H.``."""
    end = _end_before_spaces(text, start)
    if end > 0 and text[end - 1] == ".":
        end -= 1
    word, _ = _token_before(text, end)
    return word.isascii() and word[:1].isalpha()


def _is_latin_initial(token: str) -> bool:
    """A single Latin capital: an initial (E. H. Carr, Harry S. Truman)."""
    return len(token) == 1 and "A" <= token <= "Z"


def _table_of(token: str) -> str:
    """The language whose abbreviations ``token`` is looked up among: ``en`` for a token in
    ASCII (Latin letters), ``ar`` for any other."""
    return "en" if token.isascii() else "ar"


@dataclass(frozen=True)
class Abbreviations:
    """Abbreviation kinds by language (``ar``, ``en``, ``any``) and token."""

    by_lang: dict[str, dict[str, str]] = field(default_factory=dict)

    def kind(self, token: str) -> str | None:
        """The kind of ``token`` (without its final period), or None for an ordinary word.

        A token in Latin letters is looked up among the English abbreviations, any other
        among the Arabic ones, whatever the language of the text around it.
        """
        for key in (_table_of(token), "any"):
            table = self.by_lang.get(key)
            if not table:
                continue
            found = table.get(token)
            if not found and not _is_latin_initial(token):  # P. (an initial) is not p. (page)
                found = table.get(token.lower())
            if found:
                return found
        return None

    def merged(self, other: Abbreviations) -> Abbreviations:
        """These abbreviations with ``other``'s added (``other`` wins on conflicts)."""
        out = {lang: dict(table) for lang, table in self.by_lang.items()}
        for lang, table in other.by_lang.items():
            out.setdefault(lang, {}).update(table)
        return Abbreviations(out)


def parse_abbreviations(text: str, path: str | Path = "abbreviations.tsv") -> Abbreviations:
    """Read an abbreviations TSV (abbreviation, language, kind[, comment]); errors name the line."""
    out: dict[str, dict[str, str]] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip("\r\n\ufeff")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.split("\t")
        if fields[0] == "abbreviation":
            continue
        if len(fields) < 3:
            raise InputError(path, "expected: abbreviation<TAB>language<TAB>kind", number)
        token, lang, kind = (f.strip() for f in fields[:3])
        token = token.rstrip(".")
        if not token:
            raise InputError(path, "empty abbreviation", number)
        if any(ch.isspace() for ch in token):
            last = token.split()[-1].rstrip(".")
            raise InputError(
                path, f"{token!r} holds a space: a stop is looked up with the word before it "
                      f"alone, so it would never be used; list {last!r} instead", number)
        if lang not in LANGS:
            raise InputError(path, f"language must be one of {', '.join(LANGS)}", number)
        if kind not in KINDS:
            raise InputError(path, f"kind must be one of {', '.join(KINDS)}", number)
        if lang != "any" and lang != _table_of(token):
            script = "Latin (ASCII)" if token.isascii() else "non-ASCII"
            raise InputError(
                path, f"{token!r} is in {script} letters, looked up as {_table_of(token)}: give "
                      f"its language as {_table_of(token)} or any (as {lang} it is never used)",
                number)
        table = out.setdefault(lang, {})
        table[token] = kind
        if lang != "ar":
            table.setdefault(token.lower(), kind)
    return Abbreviations(out)


@lru_cache(maxsize=1)
def default_abbreviations() -> Abbreviations:
    """The abbreviations shipped with the package (``workbench/text/abbreviations.tsv``)."""
    text = resources.files("workbench.text").joinpath("abbreviations.tsv").read_text("utf-8")
    return parse_abbreviations(text)


def load_abbreviations(path: str | Path) -> Abbreviations:
    """The shipped abbreviations extended with a user's file."""
    from workbench.textio import read_text

    return default_abbreviations().merged(parse_abbreviations(read_text(path), path))


def has_visible_text(text: str) -> bool:
    """Whether ``text`` holds a character that shows (not only spaces and invisible marks,
    such as the right-to-left mark of a word processor's empty Arabic paragraph)."""
    return _VISIBLE.search(text) is not None


# What ends a line of a text: a newline, or the paragraph separator U+2029 that some programs
# copy or save between paragraphs (read as a space, a heading ran into the next paragraph).
_LINE_END = re.compile("[\n\u2029]")


def split_lines(text: str) -> list[str]:
    """The lines of ``text`` that hold visible text, stripped (a line of nothing but spaces and
    invisible marks, such as a word processor's empty paragraph holding a right-to-left mark,
    is none)."""
    return [line.strip() for line in _LINE_END.split(text) if _VISIBLE.search(line)]


def split_paragraphs(text: str) -> list[str]:
    """The paragraphs of ``text``: its non-empty lines, stripped; or, when the text is
    hard-wrapped (see :mod:`workbench.text.wrapping`), its blocks, each line break inside a
    block read as a space."""
    lines = _LINE_END.split(text)
    return unwrapped_paragraphs(lines) if is_hard_wrapped(lines) else split_lines(text)


def _token_before(text: str, end: int) -> tuple[str, int]:
    """The word (letters, digits, inner periods) ending at ``end`` and where it starts."""
    i = end
    while i > 0:
        ch = text[i - 1]
        letter = ch.isalnum() or ch in "\u0640\u0670" or "\u064b" <= ch <= "\u065f"
        inner_dot = ch == "." and i - 1 > 0 and text[i - 2].isalnum() and i < end
        if not (letter or inner_dot):
            break
        i -= 1
    return text[i:end], i


def _end_before_spaces(text: str, end: int) -> int:
    """Where the spaces that end ``text[:end]`` begin (``len(text[:end].rstrip())``, without
    copying a long paragraph's head)."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _next_word(text: str, pos: int) -> tuple[str, bool]:
    """The word after ``pos`` (skipping spaces, invisible marks and opening quotes), an Arabic
    one as its lists are matched (:func:`_arabic_key`), and whether a quote opened it."""
    n = len(text)
    while pos < n and not _VISIBLE.match(text, pos):
        pos += 1
    quoted = False
    while pos < n and text[pos] in _OPENERS:
        quoted = True
        pos += 1
    start = pos
    while pos < n and (text[pos].isalnum() or text[pos] in "'’-" or _MARKS.match(text[pos])):
        pos += 1
    word = text[start:pos]
    return (word if word.isascii() else _arabic_key(word)), quoted


def _is_number(token: str) -> bool:
    return bool(token) and _NUMBER.fullmatch(token) is not None


def _after_colon(text: str, pos: int) -> bool:
    """Whether a colon (spaces aside) comes just before ``pos``."""
    before = _end_before_spaces(text, pos)
    return before > 0 and text[before - 1] == ":"


# A list item's number in running text: "1." between spaces (or after a colon or bracket).
_ITEM_REACH = 1000  # characters an item runs over at most, looked back for the one before
_ITEM_NUMBER = re.compile(r"(?:^|(?<=[\s:(]))(\d{1,3})\.(?=\s)")


def _next_item(text: str, start: int, tstart: int, token: str) -> bool:
    """Whether ``token`` (before a period) is the number of a list's next item, the item
    before it numbered inside the same sentence so far (``المكونات: 1. الماء 2.``: no
    sentence end)."""
    if not (token.isdecimal() and len(token) <= 3) or int(token) < 2:
        return False
    wanted = int(token) - 1
    lead = _VISIBLE.search(text, start, tstart)
    # the item before inside the sentence, not opening it ("1. The count rose to 2. Officials
    # said …" is a numbered paragraph's sentence ending on a number)
    since = max(lead.end() if lead else start, tstart - _ITEM_REACH)  # a bounded look back
    return any(int(m.group(1)) == wanted for m in _ITEM_NUMBER.finditer(text, since, tstart))


def _word_after(text: str, pos: int) -> str:
    """The second word after ``pos``."""
    m = re.match(r"\s*\S+\s+([\w'’-]+)", text[pos : pos + 80])
    return m.group(1) if m else ""


class _Quotes:
    """Whether a quotation is open at a position of a paragraph, scanned forward once.

    « », “ ” and ‹ › nest (and ” “, as Arabic texts mirror them: a ” with no “ open opens);
    the straight ``"`` opens and closes by turns. Positions must be
    asked in increasing order (the candidates of one paragraph are).
    """

    __slots__ = ("depth", "pos", "straight", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.depth: dict[str, int] | None = None  # made at the first question (rarely needed)
        self.straight = False

    def open_at(self, pos: int) -> bool:
        """Whether a quotation opened before ``pos`` is still open there."""
        depth = self.depth
        if depth is None:
            depth = self.depth = dict.fromkeys([*_QUOTE_PAIRS, "”"], 0)
        for m in _QUOTE_MARK.finditer(self.text, self.pos, max(self.pos, pos)):
            ch = m.group()
            if ch == "”" and not depth["“"]:
                depth["”"] += 1  # ” with no “ open opens a quotation written mirrored: ”نعم.“
            elif ch == "“" and depth["”"]:
                depth["”"] -= 1  # and “ closes it
            elif ch in _QUOTE_PAIRS:
                depth[ch] += 1
            elif ch in _QUOTE_CLOSERS:
                opener = _QUOTE_CLOSERS[ch]
                depth[opener] = max(0, depth[opener] - 1)
            elif ch == '"':
                self.straight = not self.straight
        self.pos = max(self.pos, pos)
        return self.straight or any(depth.values())


class _Brackets:
    """The depth of open round and square brackets between two positions of a paragraph, from
    running sums made once (asking a long paragraph again and again stays linear)."""

    __slots__ = ("sums",)

    def __init__(self, text: str) -> None:
        self.sums: list[int] | None = None
        if "(" in text or "[" in text:
            steps = (1 if ch in "([" else -1 if ch in ")]" else 0 for ch in text)
            self.sums = [0, *accumulate(steps)]

    def depth(self, start: int, end: int) -> int:
        """Openers minus closers in ``text[start:end]``."""
        return 0 if self.sums is None else self.sums[end] - self.sums[start]


def _latin_lower_start(word: str) -> bool:
    """A word that starts in Latin lower case (but not iPhone, eBay)."""
    if not word or not ("a" <= word[0] <= "z"):
        return False
    return not (len(word) > 1 and word[1].isupper())


# A dash between a quotation's end and the words that go on with its sentence.
_DASH = re.compile(r"\s*[\u2014\u2013-]{1,2}(?=\s)")
# A lower-case list item opening what follows a stop: (b), b), (iv).
_LOWER_ITEM = re.compile(r"\s*[(\[]?(?:[a-z]|[ivx]{2,4})[)\]]\s")


def _goes_on(text: str, end: int, nxt: str) -> bool:
    """Whether the word after a stop at ``end`` carries the sentence on: it starts in Latin
    lower case, and is no list item (``… natural person. (b) Employer: …`` starts one)."""
    return _latin_lower_start(nxt) and _LOWER_ITEM.match(text, end) is None


class Segmenter:
    """A sentence splitter for one set of abbreviations."""

    def __init__(self, abbreviations: Abbreviations | None = None) -> None:
        self.abbreviations = abbreviations or default_abbreviations()

    def boundaries(self, paragraph: str, lang: str) -> list[int]:
        """Offsets in ``paragraph`` just after each sentence-ending mark (and its closers)."""
        out: list[int] = []
        protected: list[tuple[int, int]] = []
        if "://" in paragraph or "www." in paragraph or "@" in paragraph:
            for m in _URL.finditer(paragraph):
                s, e = m.span()
                while e > s and paragraph[e - 1] in _URL_TRAIL:
                    e -= 1
                protected.append((s, e))
        start = 0
        quotes = _Quotes(paragraph)
        brackets = _Brackets(paragraph)
        for m in _CANDIDATE.finditer(paragraph):
            mark_start, mark_end = m.span(1)
            end = m.end()
            if protected and any(s <= mark_start < e for s, e in protected):
                continue
            if _VISIBLE.search(paragraph, start, end) and self._breaks(
                paragraph, lang, start, mark_start, mark_end, end, m.group(2), quotes, brackets
            ):
                out.append(end)
                start = end
        if out and not _VISIBLE.search(paragraph, out[-1]):
            out.pop()  # nothing visible follows (a direction mark): it stays with the sentence
        return out

    def _breaks(
        self,
        text: str,
        lang: str,
        start: int,
        ms: int,
        me: int,
        end: int,
        closers: str,
        quotes: _Quotes,
        brackets: _Brackets,
    ) -> bool:
        mark = text[ms:me]
        if mark[0] in "\ufd3e\ufd3f\u06dd":
            return True  # a verse's number: ﴿١﴾ الْحَمْدُ لِلَّهِ …
        nxt, quoted = _next_word(text, end)
        if self._inside_brackets(text, brackets.depth(start, ms), ms, end):
            return False
        if "?" in mark or "!" in mark or "؟" in mark:
            if ms > 0 and text[ms - 1] in "([" and closers[:1] in ")]":
                return False  # a mark alone in brackets, a writer's irony: خبير (!) في …
            return self._ends_quoted(text, end, nxt, closers)
        if "…" in mark or len(mark) > 1:
            return self._ellipsis_breaks(text, lang, ms, end, nxt, quoted, closers, quotes)
        # a single period
        first = _VISIBLE.search(text, start, ms)
        if first and _ENUMERATOR.fullmatch(text, first.start(), _end_before_spaces(text, ms)):
            return False  # "1." or "(b)." opening a list item
        token, tstart = _token_before(text, ms)
        if closers[:1].isdigit() and (len(token) < 2 or self.abbreviations.kind(token)):
            return False  # an abbreviation's or a letter's number: No.5, ص.12, A.1
        if not token:
            return not _goes_on(text, end, nxt)
        if token in _FIRST_ITEM and _after_colon(text, tstart):
            return False  # "الشروط: 1. أن يكون …": the number of a list's first item
        if _next_item(text, start, tstart, token):
            return False  # "المكونات: 1. الماء 2. الملح": a list run into one line
        kind = self.abbreviations.kind(token)
        if kind is None and _ARABIC_ACRONYM.fullmatch(token):
            # شركة أرامكو ش.م.س. عقداً / ثمن الكتاب 5 د.ك. فقط: it ends one only before a
            # clear start
            return (not nxt or quoted or nxt in _ARABIC_STARTS
                    or _SPEAKER_LABEL.match(text, end) is not None)
        if kind is None and "." in token and not token.isascii():
            # الشركة.هـ. : an abbreviation glued to the previous sentence's full stop
            tail = token.rsplit(".", 1)[1]
            if self.abbreviations.kind(tail) is not None:
                token, tstart = tail, ms - len(tail)
                kind = self.abbreviations.kind(tail)
        if kind is None and len(token) == 2 and token[0] == "و":  # وم. خالد, ود. أحمد
            inner = self.abbreviations.kind(token[1])
            if inner in ("title", "era"):
                kind = "title"
        glued = kind is None and _GLUED_MARK.fullmatch(token)
        if glued and self.abbreviations.kind(glued.group(1)) == "era":
            kind = "era"  # 1445هـ. في المدينة: as 1445 هـ.
        if kind is None and "." in token and _DOTTED.fullmatch(token):
            kind = "end"  # U.S., J.R.R.
        if kind is None and _is_latin_initial(token):
            if ARABIC_LETTER.match(nxt[:1]) and not _after_latin_word(text, tstart):
                return True  # فيتامين C. ويساعد …, الفئة A. وتتميز …: no Latin name goes on
            # an initial (Harry S. Truman), unless a sentence clearly starts after it
            # (vitamin C. It …, فيتامين C. وقد …)
            return (len(nxt) > 1 and nxt in _STARTERS) or nxt in _ARABIC_STARTS
        if kind is None and len(token) == 1 and token.isalpha() and not token.isascii():
            # an initial: إ. ه. كار (a digit, ٥. or 5., is none); a letter that ends a
            # sentence (… في الفقرة ب. وفي جميع الأحوال …) before a clear start does
            return nxt in _ARABIC_STARTS
        if kind == "title" and token.isascii():
            # Mr. Smith; but no name is The or Then: Main St. The house …, Elm Dr. It …
            return not quoted and nxt in _STARTERS and nxt not in _TITLE_NAMES
        if kind == "title" or kind == "inner":
            # د. أحمد, ج. 2; but no name is وقد or ثم: البند ج. ثم تحال …
            return not token.isascii() and nxt in _ARABIC_STARTS
        if kind == "letter":  # a Latin letter spelled in Arabic: an initial unless it ends
            # an acronym (بي بي سي.)
            prev, _ = _token_before(text, _end_before_spaces(text, tstart))
            return self.abbreviations.kind(prev) == "letter"
        if kind == "day" and token[:1].isupper() and (nxt[:1].isdigit() or nxt in _MONTH_NAMES):
            return False  # Mon. Sept. 5, Fri. 9 a.m. (but … on Wed. The index …; she sat. 5 …)
        if kind == "number":
            if nxt[:1].isdigit() or _ROMAN_NUMBER.match(text, end):
                return False  # vol. 2, vol. II
            return not _goes_on(text, end, nxt)
        if kind == "end":
            if _goes_on(text, end, nxt) or (not nxt and not quoted and end < len(text)):
                return False
            if token.isascii() and _BRACKET_ASIDE.match(text, end):
                return False  # Smith et al. (2020) found …, Apple Inc. (NASDAQ: AAPL) said …
            if ARABIC_LETTER.match(nxt[:1]):
                # شركة Apple Inc. في ... goes on, and (الخضار، الفواكه، إلخ.) من السوق ...;
                # شركة Apple Inc. وقالت ... starts anew, as does إلخ. before any word
                if token.isascii() or ")" in closers or "]" in closers:
                    return nxt in _ARABIC_STARTS
                return True
            if self._abbreviation_next(text, end, nxt):
                return False  # Samsung Electronics Co. Ltd. in Seoul
            if token.isupper() and "." in token:  # U.S. Army / ... the U.S. Then
                return quoted or nxt in _STARTERS or not nxt
            if nxt in _MONTHS and text.startswith(".", text.find(nxt, end) + len(nxt)):
                return False  # 7 a.m. Oct. 3 (but 5 p.m. Jan said …)
            return nxt not in _CONTINUERS  # 7 a.m. Friday / ... at 6 a.m. Thailand
        if kind == "era":
            if not glued and "." not in token and not self._after_number(text, tstart):
                return nxt in _ARABIC_STARTS  # م. المهندس (but القرن الخامس ق.م. وعاش …)
            return nxt not in _ERA_CONTINUATION and not nxt[:1].isdigit()
        return not _goes_on(text, end, nxt)

    @staticmethod
    def _ends_quoted(text: str, end: int, nxt: str, closers: str) -> bool:
        """A strong end (? ! or a closed quotation): a break unless the sentence goes on."""
        if _goes_on(text, end, nxt):
            return False
        dash = _DASH.match(text, end)
        if dash and _goes_on(text, dash.end(), _next_word(text, dash.end())[0]):
            return False  # "We won!" — the crowd cheered.
        if closers and _SPEAKER_LABEL.match(text, end):
            return True  # «من أنت؟» قال الشيخ: «أنا التاجر»: the verb opens the next quotation
        if closers and _is_attribution(nxt):
            return False  # "...!" كما أضاف هاميل
        return not (closers and _word_after(text, end) in _SPEECH)  # "...!" Hammel added

    def _ellipsis_breaks(
        self,
        text: str,
        lang: str,
        ms: int,
        end: int,
        nxt: str,
        quoted: bool,
        closers: str,
        quotes: _Quotes,
    ) -> bool:
        """An ellipsis ends a sentence only before a clear start, never in an open quotation."""
        if ms == 0 or text[ms - 1].isspace():
            return False  # a pause (word ... word), not an end
        open_before = quotes.open_at(ms)
        if quotes.open_at(end):
            return False  # إن ما تقوله... في الواقع inside "...": the quotation goes on
        if open_before:  # the ellipsis closes the quotation: «...» then a new sentence
            return self._ends_quoted(text, end, nxt, closers)
        if _SPACES.match(text, end).end() == len(text):
            return True  # the paragraph ends (looked at without copying its rest: linear)
        if quoted or _SPEAKER_LABEL.match(text, end):
            return True  # a new quotation or a speaker label (المذيع: ...)
        if lang == "en":
            return nxt in _STARTERS  # Well... It was late.
        return nxt in _ARABIC_OPENERS

    def _abbreviation_next(self, text: str, end: int, nxt: str) -> bool:
        """Whether the word after ``end`` is a company's or a name's ending abbreviation with its
        period (the ``Ltd.`` of ``Co. Ltd.``, the ``Inc.`` of ``Corp. Inc.``)."""
        if not nxt.isascii() or self.abbreviations.kind(nxt) != "end":
            return False
        at = text.find(nxt, end)
        return at >= 0 and text.startswith(".", at + len(nxt))

    @staticmethod
    def _after_number(text: str, tstart: int) -> bool:
        prev, _ = _token_before(text, _end_before_spaces(text, tstart))
        return _is_number(prev)

    @staticmethod
    def _inside_brackets(text: str, depth: int, ms: int, end: int) -> bool:
        """Whether the mark sits inside a bracket that closes a little later (``depth``: the
        brackets opened since the sentence's start)."""
        if depth <= 0:
            return False
        after = text[ms:end]  # the mark and its closers, a note mark's own brackets not counted
        closed = after.count(")") + after.count("]") - after.count("(") - after.count("[")
        if closed >= depth:
            return False
        ahead = text[end : end + _MAX_BRACKET]
        return ")" in ahead or "]" in ahead

    def split_sentences(self, paragraph: str, lang: str) -> list[str]:
        """The sentences of one paragraph, stripped."""
        out: list[str] = []
        start = 0
        for end in self.boundaries(paragraph, lang):
            piece = paragraph[start:end].strip()
            if piece:
                out.append(piece)
            start = end
        tail = paragraph[start:].strip()
        if tail:
            out.append(tail)
        return out


@lru_cache(maxsize=1)
def _default_segmenter() -> Segmenter:
    return Segmenter()


def _check_lang(lang: str) -> None:
    if lang not in ("ar", "en"):
        raise ValueError(f"lang must be 'ar' or 'en', not {lang!r}")


def split_sentences(
    paragraph: str, lang: str, *, abbreviations: Abbreviations | None = None
) -> list[str]:
    """Split one paragraph into sentences (``lang`` is 'ar' or 'en')."""
    _check_lang(lang)
    segmenter = Segmenter(abbreviations) if abbreviations else _default_segmenter()
    return segmenter.split_sentences(paragraph, lang)


def segment_text(
    text: str, lang: str, *, abbreviations: Abbreviations | None = None
) -> list[tuple[int, str]]:
    """Sentences of a whole text as (paragraph number from 1, sentence) pairs."""
    _check_lang(lang)
    segmenter = Segmenter(abbreviations) if abbreviations else _default_segmenter()
    return [
        (p, sentence)
        for p, paragraph in enumerate(split_paragraphs(text), start=1)
        for sentence in segmenter.split_sentences(paragraph, lang)
    ]


def segment_paragraphs(
    paragraphs: Iterable[str], lang: str, *, abbreviations: Abbreviations | None = None
) -> list[list[str]]:
    """Each paragraph's sentences."""
    _check_lang(lang)
    segmenter = Segmenter(abbreviations) if abbreviations else _default_segmenter()
    return [segmenter.split_sentences(p, lang) for p in paragraphs]
