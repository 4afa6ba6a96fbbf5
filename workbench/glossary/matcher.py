"""Finding glossary terms in Arabic text: one Aho-Corasick automaton over normalised text.

Each glossary term becomes a few automaton keys (its stem, with and without the article on
later words; a space, a hyphen or nothing where letters meet digits: كوفيد 19 = كوفيد-19 =
كوفيد19); a key found in the text is only a candidate. The candidate is accepted when
what precedes it in its word is a chain of proclitics (see :mod:`morphology`) and what
follows it is a suffix allowed for the term's ending. Accepted matches are reported over
whole words, with spans in the original text; overlapping matches are resolved
leftmost-longest. A term inside a web or e-mail address is not an occurrence; inline tags
(``<1>``, ``</1>``, ``<2/>``) are white space between words.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections.abc import Callable
from typing import NamedTuple

import ahocorasick

from workbench.glossary import morphology as m
from workbench.glossary.model import Entry, Glossary
from workbench.text.addresses import address_spans, mask_addresses
from workbench.text.normalize import (
    Normalized,
    expand_ligatures,
    expand_ligatures_mapped,
    normalize,
    normalize_arabic,
)
from workbench.text.tags import mask_tags

MAX_VARIANTS = 64
_WORD = re.compile(r"\w+")
# Where letters meet digits, with a space or a hyphen between them or nothing (كوفيد 19,
# كوفيد-19, كوفيد19): one spelling, found in each of the three forms; where an Arabic letter
# meets them, also with a hyphen spaced on either side or both (كوفيد - 19, كوفيد -19).
_DIGIT_JOIN = re.compile(
    r"(?<=[^\W\d_])(?: ?- ?| )?(?=\d)|(?<=\d)(?: ?- ?| )?(?=[^\W\d_])")
_JOINS = (" ", "-", "")
_ARABIC_JOINS = (*_JOINS, " - ", " -", "- ")
_ARABIC_LETTER = re.compile("[\u0621-\u064a]")
MAX_DIGIT_JOINS = 3
# Dashes as the matcher reads them (one character for one, so spans hold): a hyphen or dash
# between two Arabic letters separates words (سارس-كوف-2 = سارس كوف-2, كمبرلي-كلارك), any
# other dash is a hyphen (كوفيد–19 = كوفيد-19).
_DASH = re.compile("[\\-\u2010-\u2013\u2212]")
_ARABIC_DASH = re.compile("(?<=[\u0621-\u064a])[\\-\u2010-\u2013\u2212](?=[\u0621-\u064a])")
_OTHER_DASH = re.compile("[\u2010-\u2013\u2212]")


def _dashes(text: str) -> str:
    """``text`` (normalised) with its dashes read as the matcher reads them."""
    if not _DASH.search(text):
        return text
    return _OTHER_DASH.sub("-", _ARABIC_DASH.sub(" ", text))


_LATIN_CAPITALS = re.compile("[A-Z]+")


def _read(text: str) -> str:
    """``text`` (normalised) as the matcher reads it: its dashes (:func:`_dashes`), and the
    Latin letters of a term (مرض فيروس كورونا (covid-19)) in any case (one for one)."""
    text = _dashes(text)
    if not _LATIN_CAPITALS.search(text):
        return text
    return _LATIN_CAPITALS.sub(lambda run: run.group().lower(), text)


class TermMatch(NamedTuple):
    """One occurrence of a glossary term; ``start``/``end`` index the original text."""

    term: str
    entries: list[Entry]
    start: int
    end: int


class _Key(NamedTuple):
    term_id: int
    length: int
    suffixes: frozenset[str]
    #: 1 when the key's first word is a plural, dual or tanween spelling of the term's (so
    #: that a term written so, كمامات الوجه, wins its own words over كمامة الوجه), else 0
    inflected: int = 0


def _norm(text: str) -> str:
    return _read(normalize(text, fold_ta_marbuta=False).text)


def term_key(term: str) -> str:
    """The key under which the matcher knows a term: spellings of one term (diacritics,
    tatweel, alef and hamza forms, ة/ه, with or without the article, a space or a hyphen or
    nothing between letters and digits) have one key."""
    joined = _DIGIT_JOIN.sub("", _read(normalize_arabic(expand_ligatures(term))))
    return " ".join(m.strip_article(w) for w in joined.split())


def _digit_joins(key: str) -> list[str]:
    """``key`` with a space, a hyphen and nothing where its letters meet digits (and a
    spaced hyphen where they are Arabic)."""
    parts = _DIGIT_JOIN.split(key)
    if len(parts) == 1 or len(parts) > MAX_DIGIT_JOINS + 1:
        return [key]
    choices = [
        _ARABIC_JOINS if _ARABIC_LETTER.match(a[-1:]) or _ARABIC_LETTER.match(b[:1]) else _JOINS
        for a, b in itertools.pairwise(parts)
    ]
    out = []
    for joins in itertools.product(*choices):
        out.append(parts[0] + "".join(j + p for j, p in zip(joins, parts[1:], strict=True)))
    return out


#: The endings a first word of a multi-word term may take as a plural or dual head (the word
#: ending in ة, or in a consonant): ات, the dual تين; ات, ون/ين (ين the dual too); and the
#: construct state, which drops the ن (عاملو الإغاثة, لعاملي الإغاثة, وزارتا الصحة, بوزارتي
#: الصحة); and a consonant's tanween alef, an indefinite object (فرضت حجرًا صحيًا), which is
#: also the construct ا of its dual. Not the nominative duals تان/ان, rarer, which would add
#: a key to every term.
HEAD_TA_SUFFIXES = ("ات", "تين", "تا", "تي")
HEAD_SUFFIXES = ("ات", "ون", "ين", "و", "ي", "ا")


def _first_bases(word: str) -> list[str]:
    """The stems of a term's first word: without its article, and also with its ال when that
    may be the word's own letters (التهاب, التزام: the text's الالتهاب, بالالتزام)."""
    base = m.strip_article(word)
    return [base] if base == word else [base, word]


def _head_spellings(word: str) -> list[str]:
    """The spellings of a multi-word term's first word, the likeliest first (the variants of a
    long term are capped): its stem, its ات plural (فيروسات كورونا, ثورات أكتوبر), its ال kept
    (:func:`_first_bases`), then a sound plural or a dual head (العاملين الصحيين, عاملون صحيون,
    منظمتين دوليتين)."""
    bases = _first_bases(word)
    spellings = bases[:1] + _head_plurals(bases[0])[:1] + bases[1:]
    for base in bases:
        spellings += [s for s in _head_plurals(base) if s not in spellings]
    return spellings


def _inflected_heads(word: str) -> frozenset[str]:
    """The spellings :func:`_head_spellings` adds to a first word's own (its bases)."""
    bases = _first_bases(word)
    return frozenset(s for b in bases for s in _head_plurals(b)) - frozenset(bases)


def _head_plurals(base: str) -> list[str]:
    """A first word's plural and dual spellings (none for a word ending in ا, ي or ه)."""
    if base.endswith(m.TA):
        return [base[:-1] + s for s in HEAD_TA_SUFFIXES]
    if base.endswith((m.ALEF, m.YA, m.HA)):
        return []
    # a construct و after three letters is more often a name's (باولو: ب + أول + و)
    return [base + s for s in HEAD_SUFFIXES if s != "و" or len(base) >= 4]


def _inner_variants(word: str, first: bool, manqus: bool = False) -> list[str]:
    """Spellings of a non-final word of a multi-word term (the first: without clitics;
    ``manqus``: a later word written with kasratan, also with its ي: قناع واقٍ, القناع الواقي)."""
    base = m.strip_article(word)
    spellings = _head_spellings(word) if first else [base, m.ARTICLE + base]
    if manqus and not first:
        spellings += [base + m.YA, m.ARTICLE + base + m.YA]
    out: list[str] = []
    for s in spellings:
        out.append(s)
        if s.endswith(m.TA):
            out.append(s[:-1] + m.HA)
        elif s.endswith(m.HA) and len(s) > 3:
            out.append(s[:-1] + m.TA)
    return out


# A final kasratan (a shadda around it or not) after a letter: a defective noun (قاضٍ, معدٍ)
_MANQUS = re.compile("[\u0621-\u064a]\u0651?\u064d\u0651?\\Z")


def _last_forms(word: str, raw: str, first: bool) -> list[tuple[str, m.Form]]:
    """(word spelling prefix, form) pairs for the last word of a term."""
    raw = raw.rstrip()
    maqsura = raw.endswith(("\u0649", "\u06cc"))
    manqus = _MANQUS.search(raw) is not None
    if first:  # a one-word term: its bases as a first word's
        return [("", f) for base in _first_bases(word)
                for f in _word_forms(base, maqsura, manqus)]
    forms = _word_forms(m.strip_article(word), maqsura, manqus)
    return [(h, f) for h in ("", m.ARTICLE) for f in forms]


def _word_forms(base: str, maqsura: bool, manqus: bool = False) -> list[m.Form]:
    """The forms of a term's last word (its stem ``base``; ``manqus``: written with
    kasratan, its ي left out)."""
    if maqsura:
        return m.maqsura_forms(base)
    return m.manqus_forms(base) if manqus else m.last_word_forms(base)


# The short vowels and the sukun: a term written with them (عَرَض, a symptom) is told from its
# homographs (عَرْض, an offer; عُرِضَ, was shown) where the text writes its own.
_VOWELS = {"\u064e": "a", "\u064f": "u", "\u0650": "i", "\u0652": "0"}
_VOWEL_RUN = re.compile("[\u064e\u064f\u0650\u0652]")

#: A term word's letters (article left out, last letter too: its case ending varies) and
#: the vowel written on each (None where none is).
_Marks = tuple[str, tuple[str | None, ...]]


def _marked_letters(word: str) -> tuple[str, list[str | None]]:
    """A word's letters, normalised as the matcher reads them, and the short vowel or sukun
    written on each (None where none is)."""
    letters: list[str] = []
    vowels: list[str | None] = []
    for ch in word:
        vowel = _VOWELS.get(ch)
        if vowel is not None:
            if vowels and vowels[-1] is None:
                vowels[-1] = vowel
            continue
        for letter in normalize_arabic(ch):  # '' for other marks and tatweel
            letters.append(letter)
            vowels.append(None)
    return "".join(letters), vowels


def _term_marks(term: str) -> list[_Marks] | None:
    """A term's vowels word by word, or None when it writes none (nothing to tell apart)."""
    if not _VOWEL_RUN.search(term):
        return None
    out: list[_Marks] = []
    for word in _dashes(term).split():
        letters, vowels = _marked_letters(word)
        skip = len(letters) - len(m.strip_article(letters))
        out.append((letters[skip:-1], tuple(vowels[skip:-1])))
    return out


def _vowel_pairs(marks: list[_Marks], text: str) -> list[tuple[str, str | None]]:
    """(the term's vowel, the text's vowel or None) on each letter of an occurrence
    (``text``) where the term writes one; none of a word that cannot be lined up with the
    term's."""
    words = _dashes(text).split()
    if len(words) != len(marks):
        return []
    pairs = []
    for word, (stem, vowels) in zip(words, marks, strict=True):
        letters, written = _marked_letters(word)
        at = next((k for k in range(min(len(letters), 5)) if letters[:k] in m.PREFIXES
                   and letters.startswith(stem, k)), None)
        if at is not None:
            pairs += [(mine, theirs) for mine, theirs in zip(
                vowels, written[at:at + len(stem)], strict=True) if mine is not None]
    return pairs


def _marks_agree(marks: list[_Marks], text: str) -> bool:
    """Whether the words of an occurrence (``text``) write no vowel that differs from the
    term's on the same letter (a word that cannot be lined up with the term's agrees)."""
    return all(theirs is None or mine == theirs for mine, theirs in _vowel_pairs(marks, text))


#: Short vowels or sukun on this many letters of one word make a term vocalised: written so
#: to be told from a homograph (عَرَض, a symptom, not عرض, an offer), not a reading aid (مُصاب).
VOCALISED = 2


def _vocalised(spellings: list[list[_Marks]]) -> bool:
    """Whether every spelling of a term writes :data:`VOCALISED` vowels on one word."""
    return all(any(sum(v is not None for v in vowels) >= VOCALISED for _, vowels in marks)
               for marks in spellings)


class TermMatcher:
    """Finds a glossary's Arabic terms in text (clitics, suffixes and spellings understood)."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self.terms: list[str] = []
        self.entries: list[list[Entry]] = []
        # each term's spellings' vowels (None: a spelling writes none, any text agrees)
        self._marks: list[list[list[_Marks]] | None] = []
        by_norm: dict[str, int] = {}
        automaton = ahocorasick.Automaton()
        keys: dict[str, list[_Key]] = {}
        for term, entries in glossary.terms().items():
            written = expand_ligatures(term)  # a term pasted from a PDF: ﻻجئ is لاجئ
            # ألعاب keeps its ال (marked until its keys are made: see morphology.OWN_ALEF)
            words = _norm(m.mark_own_alef(written)).split()
            if not words:
                continue
            # spellings that differ only in ة/ه, diacritics, hamza seats... are one term
            norm_key = term_key(term)
            if norm_key in by_norm:  # another spelling of a term already there: merge
                tid = by_norm[norm_key]
                self.entries[tid] = self.entries[tid] + list(entries)
                spelling, known = _term_marks(written), self._marks[tid]
                self._marks[tid] = None if spelling is None or known is None else [
                    *known, spelling]
                continue
            tid = len(self.terms)
            by_norm[norm_key] = tid
            self.terms.append(term)
            self.entries.append(list(entries))
            spelling = _term_marks(written)
            self._marks.append(None if spelling is None else [spelling])
            raw_words = written.split()
            raw_last = raw_words[-1] if raw_words else ""
            # (a word's kasratan read where the words are the text's: no dash split them)
            manqus = ([_MANQUS.search(w) is not None for w in raw_words]
                      if len(raw_words) == len(words) else [False] * len(words))
            inner = [_inner_variants(w, i == 0, manqus[i]) for i, w in enumerate(words[:-1])]
            last = _last_forms(words[-1], raw_last, len(words) == 1)
            digits = any(c.isdigit() for c in written)  # (else no key has a digit to join)
            heads = _inflected_heads(words[0]) if inner else frozenset()
            for combo in itertools.islice(itertools.product(*inner), MAX_VARIANTS):
                inflected = int(bool(combo) and combo[0] in heads)
                plural = inflected and combo[0].endswith("ات")  # its adjective agrees: ة
                for head, form in last:
                    stem_key = m.plain(" ".join([*combo, head + form.stem]))
                    if len(stem_key) < 2:
                        continue
                    suffixes = m.agreeing(form.suffixes) if plural else form.suffixes
                    for key in _digit_joins(stem_key) if digits else (stem_key,):
                        info = _Key(tid, len(key), suffixes, inflected)
                        bucket = keys.setdefault(key, [])
                        if info not in bucket:
                            bucket.append(info)
        for key, infos in keys.items():
            automaton.add_word(key, tuple(infos))
        # the vocalised terms' spellings' vowels (see :meth:`unvowelled`)
        self._vocalised = {self.terms[tid]: marks for tid, marks in enumerate(self._marks)
                           if marks is not None and _vocalised(marks)}
        self._empty = not keys
        self._vowelled = any(marks is not None for marks in self._marks)
        if not self._empty:
            automaton.make_automaton()
        self._automaton = automaton

    def __len__(self) -> int:
        return len(self.terms)

    def unvowelled(self, arabic: str, matches: list[TermMatch]) -> set[int]:
        """The starts of the ``matches`` (found in ``arabic``) of a vocalised term
        (:data:`VOCALISED`: عَرَض) on words that write none of its vowels (عرض): perhaps a
        homograph."""
        out: set[int] = set()
        if not self._vocalised:
            return out
        for match in matches:
            spellings = self._vocalised.get(match.term)
            if spellings is None:
                continue
            words = mask_tags(arabic[match.start:match.end])
            pairs = [p for marks in spellings for p in _vowel_pairs(marks, words)]
            if pairs and all(theirs is None for _, theirs in pairs):
                out.add(match.start)
        return out

    def find(self, arabic: str) -> list[TermMatch]:
        """Occurrences of glossary terms in ``arabic``, in text order, non-overlapping (its
        ligatures read as their letters: ﺍﻻﺧﺘﺒﺎﺭ is الاختبار)."""
        if self._empty or not arabic:
            return []
        expanded, where = expand_ligatures_mapped(arabic)
        found = self._find_expanded(expanded)
        if where is None or not found:
            return found
        return [t._replace(start=where[t.start], end=where[t.end - 1] + 1) for t in found]

    def _find_expanded(self, arabic: str) -> list[TermMatch]:
        """:meth:`find` in a text without ligatures."""
        skip = address_spans(arabic)  # a term inside a web or e-mail address is not one
        text = mask_addresses(arabic, skip) if skip else arabic
        # an inline tag is white space to the matcher (its run collapses to one space): a
        # link or bold over part of a term (<1>منظمة</1> الصحة العالمية) still finds it
        norm = normalize(mask_tags(text), fold_ta_marbuta=False)
        keep = None
        if self._vowelled:
            masked = mask_tags(text)

            def keep(ws: int, we: int, tid: int) -> bool:
                """Whether the text's own vowels, if any, agree with the term's (عُرِضَ is no
                occurrence of عَرَض)."""
                spellings = self._marks[tid]
                if spellings is None:
                    return True
                found = self._spans([(ws, we, tid)], norm, len(arabic))[0]
                words = masked[found.start:found.end]
                return any(_marks_agree(marks, words) for marks in spellings)

        chosen = self._find_normalized(norm, keep)
        if not chosen:
            return []
        return self._spans(chosen, norm, len(arabic))

    def _spans(
        self, chosen: list[tuple[int, int, int]], norm: Normalized, full: int
    ) -> list[TermMatch]:
        """The chosen matches with their spans in the original text."""
        terms, entries = self.terms, self.entries
        deleted = norm._deleted_starts
        if not deleted:
            return [TermMatch(terms[t], entries[t], s, e) for s, e, t in chosen]
        # Normalised offsets back to the original (Normalized.span, inlined: this is hot).
        shift = norm._deleted_before
        size = len(norm.text)
        out = []
        for s, e, t in chosen:
            k = bisect_right(deleted, s)
            start = s + shift[k - 1] if k else s
            if e >= size:
                end = full
            else:
                k = bisect_right(deleted, e)
                end = e + shift[k - 1] if k else e
            out.append(TermMatch(terms[t], entries[t], start, end))
        return out

    def _find_normalized(
        self, norm: Normalized, keep: Callable[[int, int, int], bool] | None = None
    ) -> list[tuple[int, int, int]]:
        """(start, end, term id) of the matches in normalised text, leftmost-longest among
        the candidates ``keep`` (when given) takes."""
        text = _read(norm.text)
        hits = list(self._automaton.iter(text))
        if not hits:
            return []
        starts: list[int] = []
        ends: list[int] = []
        for w in _WORD.finditer(text):
            starts.append(w.start())
            ends.append(w.end())
        prefixes = m.PREFIXES
        max_suffix = m.MAX_SUFFIX
        candidates: list[tuple[int, int, int, int, int, int]] = []
        for last, infos in hits:
            after = last + 1
            k = bisect_right(starts, last) - 1
            we = ends[k] if k >= 0 else after
            if we < after:  # the key ends with punctuation, e.g. "(CDC)"
                we = after
            elif we - after > max_suffix:
                continue  # the word goes on past any suffix
            suffix = text[after:we]
            for tid, length, suffixes, inflected in infos:
                if suffix not in suffixes:
                    continue
                start = after - length
                j = bisect_right(starts, start) - 1
                ws = starts[j] if j >= 0 and ends[j] > start else start
                if ws != start:
                    prefix = text[ws:start]
                    if prefix not in prefixes:
                        continue
                    if prefix[-1] == "س" and text[start] not in m.FUTURE_STEM_START:
                        continue  # the future س only comes before an imperfect verb
                candidates.append((ws, ws - we, we - after, inflected, tid, we))
        if keep is not None:
            candidates = [c for c in candidates if keep(c[0], c[5], c[4])]
        if not candidates:
            return []
        candidates.sort()
        chosen: list[tuple[int, int, int]] = []
        end = -1
        for ws, _, _, _, tid, we in candidates:
            if ws >= end:
                chosen.append((ws, we, tid))
                end = we
        return chosen
