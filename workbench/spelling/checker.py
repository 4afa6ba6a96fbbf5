"""The spell checker of a project: a Hunspell dictionary plus the words the project knows."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping

from workbench.spelling.archaic import is_archaic
from workbench.spelling.dictionary import HunspellDictionary
from workbench.spelling.suggest import bigrams, edit_distance, match_case, one_edits
from workbench.spelling.tokens import (
    WordSpan,
    in_skipped_span,
    is_checked,
    key_forms,
    latin_words,
    phrase_words,
    word_candidates,
    word_key,
    word_matches,
    words,
)
from workbench.text.tags import CLOSE, OPEN, tokens
from workbench.text.translit import arabic_skeletons, english_skeleton

_FINE_LIMIT = 500_000
_QUICK_LIMIT = 50_000
# Runs of letters joined by inline tags with no space ("gov<1>ern</1>ment", "<1>T</1>he"): one
# word cut by the formatting of a client document (the tags are those of text/tags.py).
_TAGGED_WORD = re.compile(
    r"[^\W\d_]+(?:['’][^\W\d_]+)*(?:(?:</?[1-9][0-9]{0,5}/?>)+[^\W\d_]+(?:['’][^\W\d_]+)*)+"
)
_TAG = re.compile(r"</?[1-9][0-9]{0,5}/?>")
# The same joined by paired tags only: an empty tag (a line break "<2/>") parts two words.
_PAIRED_WORD = re.compile(
    r"[^\W\d_]+(?:['’][^\W\d_]+)*(?:(?:</?[1-9][0-9]{0,5}>)+[^\W\d_]+(?:['’][^\W\d_]+)*)+"
)
# Hyphenated compounds ("avant-garde", "Austro-Hungarian"; U+2010 and U+2011 hyphens too):
# runs of letters with their apostrophes, soft hyphens and combining accents, joined by hyphens.
_HYPHENS = "-\u2010\u2011"
# What stands around a word without being part of it (quotes, brackets, punctuation).
_AROUND = " \t\"'“”‘’«»()[]{},;:!?"
_COMPOUND_PART = r"[\w'’\u00ad\u0300-\u036f]+"
_COMPOUND = re.compile(rf"{_COMPOUND_PART}(?:[{_HYPHENS}]{_COMPOUND_PART})+")


# An Arabic word, its diacritics and tatweel left out first.
_ARABIC_WORD = re.compile(r"[\u0621-\u063a\u0641-\u064a\u0671-\u06d3]+")
_ARABIC_MARKS = re.compile(r"[\u0640\u064b-\u065f\u0670]")
# Fewer consonants match too many words by chance (سينا and Sina, but also من, عن...).
_MIN_SKELETON = 3


def transliterated_names(source: str) -> frozenset[str]:
    """The consonant skeletons (workbench/text/translit.py) of the words of the Arabic
    ``source`` with at least three consonants: a capitalised English word with one of them is
    a name the Arabic holds transliterated (Shahrazad شهرزاد, Sturridge ستوريدج)."""
    plain = _ARABIC_MARKS.sub("", source)
    return frozenset(
        sk for w in _ARABIC_WORD.findall(plain) for sk in arabic_skeletons(w)
        if len(sk) >= _MIN_SKELETON
    )


def tagged_word(text: str, at: int) -> WordSpan | None:
    """The word cut by paired inline tags that holds the letter at ``at`` (``re<2>ciev</2>e``:
    the formatting of a client document inside a word), or None when that letter's word holds
    none. Its span covers the letters and the tags between them, and the partners of those
    tags written right beside it (``<1>gov</1>ernmnet`` whole), so that a highlight of the
    span shows the whole word; its word is the letters without the tags (``recieve``)."""
    for m in _PAIRED_WORD.finditer(text):
        if m.start() > at:
            return None
        if at < m.end():
            start, end = _with_partners(text, m.start(), m.end())
            return WordSpan(start, end, _TAG.sub("", m.group()))
    return None


def _with_partners(text: str, start: int, end: int) -> tuple[int, int]:
    """``start``..``end`` grown over the tags right before and after it whose partners it
    holds (``<1>`` of ``<1>gov</1>ernmnet``)."""
    found = tokens(text)
    inside = {(t.kind, t.id) for t in found if start <= t.start and t.end <= end}
    for t in reversed([t for t in found if t.end <= start]):
        if t.end != start or t.kind != OPEN or (CLOSE, t.id) not in inside:
            break
        start = t.start
    for t in (t for t in found if t.start >= end):
        if t.start != end or t.kind != CLOSE or (OPEN, t.id) not in inside:
            break
        end = t.end
    return start, end


def _joins(char: str) -> bool:
    """Whether ``char`` may stand inside a hyphenated compound."""
    return char.isalnum() or char in "'’\u00ad" + _HYPHENS or "\u0300" <= char <= "\u036f"


class SpellChecker:
    """Flags the words of an English text that neither the dictionary nor the project knows.

    ``known`` holds the project's words (glossary renderings, its word list, the English of its
    translation memory and dictionaries...): phrases are cut into words, compared
    case-insensitively, plural and possessive forms included. ``vocabulary``: more known words,
    as keys (:func:`~workbench.spelling.tokens.word_key`), that are not offered as suggestions
    (large vocabularies: the English of memories and dictionaries, which Hunspell's suggestions
    mostly cover); ``typo_prone``: those of them that only the dictionaries' senses hold, known
    unless in lower case and one edit from a word of the dictionary. ``names``: more known
    words (the built-in names of the Arabic world), suggested after the dictionary's
    suggestions one edit away, so that a short typo of an English word ("adn") is not offered
    a name first ("Aden"); one written with a capital is known only so written, as Hunspell
    takes a proper noun ("Sayed", not the misspelling "sayed"). Safe to share between
    threads.
    """

    def __init__(
        self, dictionary: HunspellDictionary, known: Iterable[str] | Mapping[str, str] = (),
        vocabulary: Collection[str] = frozenset(), typo_prone: Collection[str] = frozenset(),
        names: Iterable[str] = (),
    ) -> None:
        self.dictionary = dictionary
        self.known: Mapping[str, str] = (
            known if isinstance(known, Mapping) else phrase_words(known)
        )
        self.vocabulary = vocabulary
        self.typo_prone = typo_prone
        self.names: Mapping[str, str] = phrase_words(names)
        # "known" / "names" → (key, as written, bigrams) of each of those words, built on first use
        self._grams: dict[str, list[tuple[str, str, set[str]]]] = {}
        # word → whether it is fine wherever it stands (dictionary, project, or not a word
        # the checker looks at): most texts are settled by this alone
        self._fine: dict[str, bool] = {}
        # the words of _fine found fine, as a set: a text all of whose words are in it is
        # settled by one set operation
        self._good: set[str] = set()
        # (word, limit) → quick suggestions: a document check meets the same names again and
        # again, and the project words are scanned in full for each
        self._quick: dict[tuple[str, int], list[str]] = {}
        # word → whether it is one edit from a dictionary word (a typo, not a name)
        self._typo_of: dict[str, bool] = {}

    @property
    def language(self) -> str:
        """The dictionary's language (``en_US``...)."""
        return self.dictionary.language

    def is_known(self, word: str) -> bool:
        """Whether the project knows ``word`` (or its singular, or it without ``'s``), or
        knows it only with ``'s`` (``Ivanov's`` in a memory, ``Zaev's`` added to the word
        list make ``Ivanov`` and ``Zaev`` known)."""
        known, vocabulary = self.known, self.vocabulary
        forms = key_forms(word)
        keys = (*forms, *(f + "'s" for f in forms if not f.endswith("'s")))
        if any(k in known for k in keys) or self._is_name(word, keys):
            return True
        held = [k for k in keys if k in vocabulary]
        prone = self.typo_prone
        return bool(held) and not (all(k in prone for k in held) and self._likely_typo(word))

    def _is_name(self, word: str, keys: Iterable[str]) -> bool:
        """Whether a built-in name is ``word`` (under one of its ``keys``): a name written
        with a capital only when ``word`` starts with one (``noor``, ``sayed``, ``omar`` are
        misspellings of English words; ``al``, ``ibn`` are written in lower case)."""
        lower = word[:1].islower()
        return any(
            k in self.names and not (lower and self.names[k][:1].isupper()) for k in keys
        )

    def _likely_typo(self, word: str) -> bool:
        """Whether ``word``, in lower case and known only from a typo-prone vocabulary (the
        dictionaries' senses), is one edit from a word of the spelling dictionary: FreeDict's
        senses hold ``seperate`` and ``untill``, which a check let pass. A name (Leeuwenhoek,
        Saxony) is written with a capital and stays known; a memory's English (favoured,
        travelled in a British team's) is the translators' and stays known."""
        if not word[:1].islower() or not word.isascii() or self.dictionary.lookup(word):
            return False
        lookup = self.dictionary.lookup
        return any(lookup(edit) for edit in one_edits(word))

    def is_correct(self, word: str) -> bool:
        """Whether ``word`` is spelled right: in the dictionary or known to the project, or an
        older English form of a dictionary word (:func:`~workbench.spelling.archaic.is_archaic`:
        ``call'd``, ``knowest``)."""
        lookup = self.dictionary.lookup
        return lookup(word) or self.is_known(word) or is_archaic(word, lookup)

    def misspellings(self, text: str, *, source: str = "") -> list[WordSpan]:
        """The misspelled words of ``text`` with their spans, in order. A word cut by
        paired inline tags is one (:func:`tagged_word`: ``re<2>ciev</2>e`` is ``recieve``,
        its span the whole written word, tags included).

        ``source``: the Arabic this text translates; words it holds in Latin letters (names,
        codes left in the original) are not misspellings, nor a capitalised word that
        transliterates one of its words (:func:`transliterated_names`: Shahrazad شهرزاد) and is
        no typo of a dictionary word (one edit from none: Yorksire is flagged).
        """
        candidates = word_candidates(text)
        good = self._good
        if good.issuperset(candidates):
            return []  # every word is known fine
        fine = self._fine
        bad: set[str] = set()
        for word in set(candidates).difference(good):
            verdict = fine.get(word)
            if verdict is None:
                verdict = self._settle(word)
            if not verdict:
                bad.add(word)
        if not bad:
            return []  # every word is fine: no spans needed
        left = sum(map(bad.__contains__, candidates))  # occurrences still to place
        out: list[WordSpan] = []
        from_source: set[str] | None = None
        names: frozenset[str] | None = None
        done = 0  # the end of the last word cut by tags: its other parts are judged with it
        for m in word_matches(text):  # the matches of word_candidates, in the same order
            if not left:
                break
            word = m.group()
            if word not in bad:
                continue
            left -= 1
            start, end = m.span()
            if start < done or in_skipped_span(text, start) or self.is_abbreviation(
                    text, end, word):
                continue
            if ">" in text:
                if self._whole_word_fine(text, start):
                    continue
                cut = tagged_word(text, start)
                if cut is not None:  # the whole word is the finding: "recieve", not "ciev"
                    done = cut.end
                    if self._word_fine(cut.word):
                        continue
                    start, end, word = cut
            if self._compound_fine(text, start, end) or self._elided_fine(text, start, word):
                continue
            if source:
                if from_source is None:
                    from_source = latin_words(source)
                if any(k in from_source for k in key_forms(word)):
                    continue
                if word[:1].isupper():
                    if names is None:
                        names = transliterated_names(source)
                    if english_skeleton(word) in names and not self._near_dictionary(word):
                        continue
            out.append(WordSpan(start, end, word))
        return out

    def _near_dictionary(self, word: str) -> bool:
        """Whether ``word`` is one edit from a dictionary word: then a typo of it (Yorksire,
        Macdeonia), though it has the consonants of a name of the Arabic."""
        near = self._typo_of.get(word)
        if near is None:
            lookup = self.dictionary.lookup
            near = any(lookup(edit) for edit in one_edits(word))
            if len(self._typo_of) >= _QUICK_LIMIT:
                self._typo_of.clear()
            self._typo_of[word] = near
        return near

    def _whole_word_fine(self, text: str, start: int) -> bool:
        """Whether the word starting at ``start`` is part of a word cut by inline tags
        ("ern" of "gov<1>ern</1>ment") that is spelled right whole."""
        for m in _TAGGED_WORD.finditer(text):
            if m.start() > start:
                return False
            if start < m.end():
                return self._word_fine(_TAG.sub("", m.group()))
        return False

    def _word_fine(self, word: str) -> bool:
        """Whether ``word`` is fine wherever it stands (:meth:`_settle`, remembered)."""
        verdict = self._fine.get(word)
        return self._settle(word) if verdict is None else verdict

    def _compound_fine(self, text: str, start: int, end: int) -> bool:
        """Whether the word at ``start:end`` is part of a hyphenated compound that the
        dictionary holds whole (en_GB's ``avant-garde``, ``Austro-Hungarian``, ``aide-memoire``),
        which Hunspell accepts before it checks the parts."""
        before, after = text[start - 1 : start], text[end : end + 1]
        if not ((before and before in _HYPHENS) or (after and after in _HYPHENS)):
            return False
        first = start
        while first and _joins(text[first - 1]):
            first -= 1
        m = _COMPOUND.match(text, first)
        if m is None or m.end() < end:
            return False
        whole = m.group().strip("'’" + _HYPHENS).replace("\u2010", "-").replace("\u2011", "-")
        return "-" in whole and self.dictionary.lookup(whole)

    def _elided_fine(self, text: str, start: int, word: str) -> bool:
        """Whether the word at ``start`` takes the apostrophe before it as its first letter,
        as the dictionary spells it (en_GB's ``'tis``, ``'twas``, ``'neath``; ``'Tis`` at the
        start of a sentence): the word cut out of the text lost it."""
        if not start or text[start - 1] not in "'’" or (
                start > 1 and (text[start - 2].isalnum() or text[start - 2] in "'’")):
            return False
        forms = ["'" + word]
        if word[:1].isupper() and word[1:].islower():
            forms.append("'" + word.lower())
        return any(self.dictionary.lookup(form) for form in forms)

    def in_dictionary(self, text: str) -> bool:
        """Whether the dictionary itself (not only the project) holds the words of ``text``: it
        whole, its punctuation around left out (a compound such as en_GB's ``avant-garde``), or
        each of its words (an abbreviation with its stop: ``etc.``)."""
        found = words(text)
        if not found:
            return False
        whole = text.strip(_AROUND)
        if "-" in whole and (self.dictionary.lookup(whole)
                             or self.dictionary.lookup(whole.rstrip("."))):
            return True
        return all(self.dictionary.lookup(w.word) or self.is_abbreviation(text, w.end, w.word)
                   or self._elided_fine(text, w.start, w.word) for w in found)

    def is_abbreviation(self, text: str, end: int, word: str) -> bool:
        """Whether ``word``, ending at ``end`` in ``text`` before a full stop, is an
        abbreviation the dictionary spells with its stop (en_GB's ``etc.``, ``Dept.``,
        ``Inc.``), which Hunspell accepts so written."""
        return text.startswith(".", end) and self.dictionary.lookup(word + ".")

    def _settle(self, word: str) -> bool:
        """Whether ``word`` is fine wherever it stands, remembered."""
        verdict = not is_checked(word) or self.is_correct(word)
        if len(self._fine) >= _FINE_LIMIT:
            self._fine.clear()
            self._good.clear()
        self._fine[word] = verdict
        if verdict:
            self._good.add(word)
        return verdict

    def suggest(self, word: str, limit: int = 8) -> list[str]:
        """Suggestions for ``word``: the project's own words within two edits first, then
        Hunspell's (bounded, see :meth:`HunspellDictionary.suggest`)."""
        return self._ranked(word, self.dictionary.suggest(word, limit), limit)

    def quick_suggest(self, word: str, limit: int = 3) -> list[str]:
        """A few suggestions in milliseconds (project words within two edits, then the nearest
        dictionary stems): what the ``spelling`` check lists with each finding."""
        key = (word, limit)
        cached = self._quick.get(key)
        if cached is None:
            cached = self._ranked(word, self.dictionary.quick_suggest(word, limit), limit)
            if len(self._quick) >= _QUICK_LIMIT:
                self._quick.clear()
            self._quick[key] = cached
        return list(cached)

    def _ranked(self, word: str, found: list[str], limit: int) -> list[str]:
        """At most ``limit`` suggestions: the project's words within two edits of ``word``,
        the dictionary's ``found`` one edit away, the names within two edits (one that is
        ``word`` with its capital first: ``riyadh`` → ``Riyadh``), the rest of ``found``."""
        key = word_key(word)
        close = [s for s in found if edit_distance(key, word_key(s), 1) <= 1]
        out: list[str] = []
        for suggestion in (*self._near("known", word, limit), *close,
                           *self._near("names", word, limit), *found):
            if len(out) >= limit:
                break
            if suggestion not in out:
                out.append(suggestion)
        return out

    def _near(self, which: str, word: str, limit: int) -> list[str]:
        """The words of ``self.known`` or ``self.names`` (``which``) within two edits of
        ``word``, nearest first, in its case."""
        words: Mapping[str, str] = getattr(self, which)
        if not words:
            return []
        grams_of = self._grams.get(which)
        if grams_of is None:
            grams_of = self._grams[which] = [(k, v, bigrams(k)) for k, v in words.items()]
        key = word_key(word)
        grams = bigrams(key)
        near: list[tuple[int, str]] = []
        for known_key, written, known_grams in grams_of:
            if abs(len(known_key) - len(key)) > 2 or len(grams & known_grams) * 2 < len(grams):
                continue
            distance = edit_distance(key, known_key, 2)
            if distance <= 2 and (distance or written != word):  # 0: in another case
                near.append((distance, match_case(written, word)))
        near.sort()
        return list(dict.fromkeys(w for _, w in near))[:limit]

