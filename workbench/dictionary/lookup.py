"""Looking words up in dictionaries through Arabic morphology (the glossary matcher's lists).

Headwords and queries are compared as *keys*: normalised as the term matcher normalises
(diacritics, tatweel, alef and hamza forms, ى → ي; ة kept distinct), Latin case-folded, and
every word without its article, so a headword with ال and one without meet. A word of the
text is tried as written, then as ``prefix + stem + suffix`` where the prefix is a proclitic
chain of :mod:`workbench.glossary.morphology` (و ف, ب ك ل, ال, لل, س) and the suffix one that
:func:`~workbench.glossary.morphology.last_word_forms` allows for the headword's ending
(ة → ت before pronouns, duals, plurals, pronouns); no second morphology is written here.
Multi-word headwords are found in running text with clitics on their first word and the
article (or none) on the later words; longer headwords come first.

An English–Arabic dictionary (English headwords, Arabic senses: FreeDict's eng-ara) is also
read backwards: each Arabic sense is a key whose entry has the English headword as its sense,
so it serves Arabic words (the panel, the aligner) as well as English ones. The other way, an
English word looks up the Arabic–English entries whose senses render it (claims → ادعاء:
"Claim"), through the aligner's light English stems; that index of senses is built on the
first English query and kept on disk like the headwords' keys.
"""

from __future__ import annotations

import dataclasses
import re
import threading
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from workbench.dictionary.keycache import Keys, dictionary_keys
from workbench.dictionary.model import DictEntry, DictionaryFile
from workbench.errors import WorkbenchError
from workbench.glossary import morphology as m
from workbench.text.irregular import IRREGULAR
from workbench.text.normalize import Normalized, expand_ligatures, normalize
from workbench.text.script import ARABIC_LETTER
from workbench.text.stems import EN_STOP, english_stem, english_words

_WORD = re.compile(r"[^\W_]+")
_JOINERS = re.compile(r"(?<=[^\W_])[-.&\u2010\u2011]+(?=[^\W_])")  # dictd's index drops them
_SUFFIXES = tuple(
    sorted(
        m.CONSONANT | m.TA_MARBUTA | m.ALEF_MAQSURA | m.ALEF_FINAL | m.YA_FINAL | m.MASC_PLURAL,
        key=len,
    )
)
MIN_STEM = 2
MAX_WORDS = 6
MAX_ENTRIES = 50
MIN_SKELETON = 3  # consonants a skeleton needs to be looked up (two letters meet too much)
MAX_RELATED = 6  # headwords of one skeleton whose senses a word may borrow
MAX_SENSE_STEMS = 3  # a sense of more content words is a definition: no English query finds it
_WEAK = frozenset("اآأإءئؤةى")  # never part of a skeleton
_GLIDES = frozenset("وي")  # part of a skeleton only as its first letter
_IMPERFECT = frozenset("يتنا")  # a verb's person prefix (and the alef of derived forms)
_VERB_ENDINGS = ("وا", "ون", "ين", "نا", "تم", "ت", "ن")
# ك (as, like) before a stem is rarer than a word that starts with ك (كتاب, كان, كبير): a
# reading through it costs one letter more (كتابين is كتاب + ين before ك + تأبين)
_RARE_PROCLITIC = "ك"
# Prepositions whose noun is genitive: never with the tanween or dual alef (ل may stand before
# a verb, whose dual ends in ا)
_PREPOSITIONS = frozenset("بك")
# After the article a noun takes no pronoun, tanween or construct ending: the suffixes left
# (ة written ه included) are the case endings of a definite noun
_DEFINITE_SUFFIXES = frozenset(
    {"", m.TA, m.HA, m.YA, "ان", "ين", "ون", "ات", "تان", "تين", "يات", "يان", "يين"})


_HAMZA_ALEF = re.compile("[\u0622\u0623\u0625\ufe81-\ufe84\ufe87\ufe88]")  # آ أ إ


def dictionary_text(text: str) -> Normalized:
    """``text`` normalised as keys are (ة kept), offsets kept, with every alef that carries a
    hamza or madda marked as the word's own letter (:data:`~workbench.glossary.morphology.
    OWN_ALEF`, folded by :func:`~workbench.glossary.morphology.plain` once clitics are off):
    no article before ل (إلغاء), and no suffix or proclitic alef either (أبطأت is no إبط +
    ات, طرأ no طر + ا)."""
    return normalize(_HAMZA_ALEF.sub(m.OWN_ALEF, text), fold_ta_marbuta=False)


def _norm(text: str) -> str:
    return dictionary_text(expand_ligatures(text)).text.casefold()


# Function words whose first letters look like clitics and are none: the relative pronouns
# (the ال of التي is no article: not ال + تي) and a proclitic preposition with its pronoun
# (بها is not ب + a stem ها, لكن not ل + كن). They are looked up as themselves only, after
# a conjunction too (ولها → لها); a relative pronoun after a preposition as well (للتي).
_RELATIVE = frozenset(_norm(w) for w in (
    "الذي", "التي", "الذين", "اللذين", "اللتين", "اللذان", "اللتان", "اللواتي", "اللاتي",
    "اللائي"))
_PREPOSITION_PRONOUN = frozenset(prep + p for prep in "بل" for p in m.PRONOUNS)
_CONJUNCTIONS = ("و", "ف")
_INDEPENDENT = frozenset({"هم", "هما", "هن"})  # pronouns both attached and independent
# Particles whose last letter looks like a suffix: إلا is not إل 'El' + ا, لما (when) not
# لم + ا, فلما not فلم 'film' + ا, بما not بم + ا


def _spellings(word: str) -> set[str]:
    """A function word normalised with its hamza alefs marked, and typed without them (إنما,
    انما; before ل the alef stays marked: إلا is no ال + ا)."""
    return {_norm(word), normalize(m.mark_own_alef(word)).text.casefold()}


_PARTICLES = frozenset(s for w in (
    "إلا", "ألا", "لما", "بما", "مما", "كما", "عما", "فيما", "ربما", "إنما", "أنما", "كأنما",
    "لئلا", "اللهم", *("إيا" + p for p in m.PRONOUNS))  # إياه is not أي 'Any' + اه
    for s in _spellings(w))
_WHOLE = _PREPOSITION_PRONOUN | _RELATIVE | _PARTICLES  # looked up as themselves only


# Words whose ال is no article: the relative pronouns and اللهم (O God: not ال + لهم)
_NO_ARTICLE = _RELATIVE | {_norm("اللهم")}


def _unarticled(word: str) -> str:
    """The key of a normalised word: without its article (``strip_article``; إلغاء has
    none), its marked alef plain (``morphology.plain``); a relative pronoun and اللهم stay
    whole (الذين is not ال + ذين)."""
    return m.plain(word if word in _NO_ARTICLE else m.strip_article(word))


def key_of(headword: str) -> str:
    """The lookup key of a headword or phrase (normalised words without their article)."""
    return " ".join(_unarticled(w) for w in _WORD.findall(_norm(headword)))


def dictd_key(query: str) -> str:
    """The key of ``query`` as dictd indexes a headword: hyphens, points and ampersands
    between letters out (X-ray → xray, U.S.A. → usa, R&D → rd), as FreeDict's indexes hold
    the headwords that the articles write with them. An apostrophe stays a break (can't is
    no cant, hypocrisy)."""
    return key_of(_JOINERS.sub("", query))


def _no_stem(prefix: str, rest: str) -> bool:
    """Whether what proclitics leave is no stem: a pronoun suffix alone (وبها is not و + ب +
    ها; but وهم is و + the pronoun هم), or a preposition with its pronoun (كلها is not ك +
    لها)."""
    if rest in _INDEPENDENT:
        return prefix not in _CONJUNCTIONS
    return rest in m.PRONOUNS or rest in _PREPOSITION_PRONOUN


def _function_word(word: str) -> tuple[str, int] | None:
    """The function word (see :data:`_RELATIVE`) a normalised word is, after its clitics, and
    the letters they take; None for any other word."""
    for p in ("", *_CONJUNCTIONS):
        if word.startswith(p) and word[len(p):] in _WHOLE:
            return word[len(p):], len(p)
    for p in m.PREFIXES:  # بالتي, كالذي; للتي (ل + التي)
        rest = word[len(p):]
        if not word.startswith(p) or "س" in p or p.endswith(m.ARTICLE):
            continue
        if rest in _RELATIVE:
            return rest, len(p)
        if p.endswith("لل") and m.ARTICLE + rest in _RELATIVE:
            return m.ARTICLE + rest, len(p) - 1
    return None


_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u0640]")  # diacritics, tatweel


def _spelt(text: str) -> str:
    """A word as spelt, for telling headwords of one key apart: without diacritics and
    tatweel, its hamza forms and ى kept (إلى is not آلي, على not علي)."""
    return " ".join(_MARKS.sub("", expand_ligatures(text)).casefold().split())


_HAMZA_ALEFS = frozenset("أإآ")
_HEADWORDS = re.compile("[،,;/]")  # a head line that lists several headwords
_NOTE = re.compile(r"\s*\([^)]*\)")  # a headword's bracketed note: فراي (إلة الخصوبة)


def _hamza_clash(typed: str, headword: str) -> bool:
    """Whether a word as typed (:func:`_spelt`) writes an alef with a hamza or madda where
    each headword of ``headword``, read from the end (its article aside), has a bare alef:
    وإلى is no والي 'Wally', فرأى no فراي 'Frey' (a hamza typed is meant; one left out, or
    a seat typed for another, is not)."""
    return all(any(t in _HAMZA_ALEFS and h == m.ALEF
                   for t, h in zip(typed[::-1], part[::-1], strict=False))
               for part in map(str.strip, _HEADWORDS.split(_NOTE.sub("", _spelt(headword)))))


def _unlike_typed(spelt: str, headword: str) -> bool:
    """Sort key: whether a headword is not spelt as the end of the word typed (its clitics
    off): إلى before آلي and ألي of its key, for إلى and for وإلى; nor, a headword ending in
    ى, as its letters before a pronoun (ى written ي: إليه gives إلى before آلي)."""
    head = _spelt(headword)
    if spelt.endswith(head):
        return False
    return not (head.endswith("ى") and len(head) > 1
                and any(spelt.endswith(head[:-1] + m.YA + p) for p in m.PRONOUNS))


def _marked_heads(headword: str) -> list[str]:
    """The one-word headwords of a head line (a list: السّائر، الرّاقص), each normalised
    with its hamza alefs marked (:func:`dictionary_text`) and without its article."""
    out = []
    for part in _HEADWORDS.split(_NOTE.sub("", headword)):
        words = _WORD.findall(_norm(part))
        if len(words) == 1:
            out.append(words[0] if words[0] in _NO_ARTICLE else m.strip_article(words[0]))
    return out


def _has_article(headword: str) -> bool:
    return _norm(headword).startswith(m.ARTICLE)


def _forms(head: str) -> list[m.Form]:
    forms = m.last_word_forms(head)
    if head.endswith(m.YA) and len(head) > 2:
        forms = forms + m.maqsura_forms(head)  # ى was folded to ي
    return forms


def _ending_cost(stem: str, head: str, suffix: str) -> int:
    """What a reading costs beyond the letters of its suffix: one for a head whose last
    letter the suffix replaced (كتابات: كتابة), none where the suffix's alef is the head's ى
    before a pronoun (ذكراها: ذكرى + ها), and one for the dual alef before a pronoun after
    any other stem (ذكراها is rarely ذكر + ا + ها, هواها never هو + ا + ها)."""
    before_pronoun = suffix[:1] == m.ALEF and suffix[1:] in m.PRONOUNS
    if head == stem:
        return int(before_pronoun)
    return int(not (before_pronoun and head == stem + m.YA))


@lru_cache(maxsize=200_000)
def word_keys(word: str, proclitics: bool = True, suffixes: bool = True) -> tuple[
        tuple[str, int], ...]:
    """Keys a normalised word may be an inflection of, cheapest first (cost: letters taken off,
    and one more through the proclitic ك).

    ``proclitics``: allow a proclitic chain before the stem (else only the article);
    ``suffixes``: allow a suffix after it.
    """
    out: dict[str, int] = {}

    def add(key: str, cost: int) -> None:
        if key and cost < out.get(key, 1 << 30):
            out[key] = cost

    def add_stem(stem: str, cost: int) -> None:
        key = _unarticled(stem)
        add(key, cost)
        if stem.startswith(m.ARTICLE) and key != m.plain(stem):  # الغاء: إلغاء without its hamza
            add(m.plain(stem), cost + 1)

    add_stem(word, 0)
    if not any("\u0621" <= ch <= "\u064a" for ch in word):
        return tuple(out.items())
    function = _function_word(word)
    if function is not None:  # التي, بها, ولها: not split any further
        if proclitics or not function[1]:
            add(m.plain(function[0]), function[1])
        return tuple(out.items())
    prefixes = [""]
    for n in range(1, min(5, len(word) - MIN_STEM) + 1):
        p = word[:n]
        if p in m.PREFIXES and (proclitics or p == m.ARTICLE):
            prefixes.append(p)
    for p in prefixes:
        rest = word[len(p):]
        if p.endswith("س") and rest[:1] not in m.FUTURE_STEM_START | {m.OWN_ALEF}:
            continue
        if p and _no_stem(p, rest):
            continue
        genitive = p.lstrip("وف")[:1] in _PREPOSITIONS
        definite = p.endswith((m.ARTICLE, "لل")) or rest.startswith(m.ARTICLE)
        for s in _SUFFIXES if suffixes else ("",):
            if len(rest) - len(s) < MIN_STEM or (s and not rest.endswith(s)):
                continue
            if definite and s not in _DEFINITE_SUFFIXES:
                continue  # التفاهم is not ال + تف + اهم, الحراك not ال + حر + اك
            if genitive and s[:1] == "ا" and s[1:] in ("", *m.PRONOUNS):
                continue  # no accusative or dual ا after ب, ك: بما is not بم + ا
            stem = rest[: len(rest) - len(s)] if s else rest
            for head in (stem, stem + m.TA, stem + m.YA, stem + "ون"):
                if any(f.stem == stem and s in f.suffixes for f in _forms(head)):
                    add_stem(head, len(p) + len(s) + _ending_cost(stem, head, s)
                             + p.endswith(_RARE_PROCLITIC))
    return tuple(sorted(out.items(), key=lambda kv: kv[1]))


_DROP_WEAK = str.maketrans("", "", "".join(_WEAK))
_DROP_WEAK_AND_GLIDES = str.maketrans("", "", "".join(_WEAK | _GLIDES))


def skeleton(stem: str) -> str:
    """A stem's consonants: without alef, hamza seats and ة, and without و and ي except as
    its first letter (كثيفة, كثيف → كثف; احتاج, حتاج → حتج)."""
    return stem[:1].translate(_DROP_WEAK) + stem[1:].translate(_DROP_WEAK_AND_GLIDES)


@lru_cache(maxsize=200_000)
def stems(word: str) -> tuple[str, ...]:
    """The stems a normalised word may share a skeleton with its headword through when no
    headword matches it through clitics and suffixes: each reading :func:`word_keys` gives
    (the article, proclitics and suffixes off: يكتبونها → يكتبون), as it is, without a verb's
    person prefix and without a verb ending (يكتب, كتب; يحتاج ~ احتاج, نزلت ~ نزل). Only
    stems of 3 consonants or more; none of a function word (بهم is no form of إبهام)."""
    out: dict[str, None] = {}
    if _function_word(word) is not None:
        return ()
    for key, _ in word_keys(word):
        if " " in key:
            continue
        prefixed = len(key) > 3 and key[0] in _IMPERFECT
        variants = [key, key[1:]] if prefixed else [key]
        for end in _VERB_ENDINGS:
            if key.endswith(end) and len(key) - len(end) >= 3:
                variants.append(key[: -len(end)])
                if prefixed and len(key) - len(end) > 3:
                    variants.append(key[1 : -len(end)])
                break
        for v in variants:
            if len(skeleton(v)) >= MIN_SKELETON:
                out[v] = None
    return tuple(out)


@lru_cache(maxsize=200_000)
def skeletons(word: str) -> tuple[str, ...]:
    """The skeletons a normalised word may share with its headword when no headword matches
    it (of its :func:`stems`: الكثيفة ~ كثيف)."""
    return tuple(dict.fromkeys(map(skeleton, stems(word))))


def arabic_headwords(dictionary: DictionaryFile) -> bool:
    """Whether more than a tenth of a dictionary's headwords (a sample of 200) are Arabic."""
    heads = dictionary.headwords[:: max(1, len(dictionary) // 200)]
    return sum(1 for h in heads if ARABIC_LETTER.search(h)) * 10 > len(heads)


def english_to_arabic(dictionary: DictionaryFile) -> bool:
    """Whether a dictionary's headwords are English (hardly any Arabic) and most of its
    entries have Arabic senses: an English–Arabic dictionary, which Arabic words look up
    backwards."""
    count = len(dictionary)
    if not count or arabic_headwords(dictionary):
        return False
    sample = range(0, count, max(1, count // 20))
    arabic = sum(1 for k in sample if any(map(ARABIC_LETTER.search, dictionary.entry(k).senses)))
    return arabic * 2 > len(sample)


_ALTERNATIVES = re.compile("[،؛,;/]")  # FreeDict eng-ara: يخضع، يروّض; أكتوبر/تشرين الأول


def arabic_alternatives(sense: str) -> list[str]:
    """The Arabic words or phrases of an English–Arabic dictionary's sense, as written: its
    alternatives (FreeDict's ``يخضع، يروّض`` is two, and so is ``أكتوبر/تشرين الأول``), each a
    key of its own."""
    return [p.strip() for p in _ALTERNATIVES.split(sense) if ARABIC_LETTER.search(p)]


def _backwards(entry: DictEntry, key: str) -> DictEntry:
    """An English–Arabic entry as the Arabic→English entry of its senses with ``key``."""
    arabic = next((a for s in entry.senses for a in arabic_alternatives(s) if key_of(a) == key),
                  key)
    return DictEntry(arabic, (entry.headword,), None, entry.dictionary)


def english_key(text: str) -> str:
    """The key of an English word or phrase: the light stems of its content words, each
    stemmed until it stays (uprisings → uprising → upris, as uprising), an irregular form as
    its base form's (took, taken → take; children → child), and without a final e, which the
    light stems take off with an ending after it (moves → mov: move → mov)."""
    out = []
    for word in english_words(text):
        if word in EN_STOP or len(word) <= 1:
            continue
        stem = word = IRREGULAR.get(word, word)
        for _ in range(4):
            shorter = english_stem(stem)
            if shorter == stem:
                break
            stem = shorter
        out.append(stem[:-1] if word.endswith("e") and len(stem) >= 4 else stem)
    return " ".join(out)


def _sense_keys(dictionary: DictionaryFile) -> Keys:
    """An Arabic–English dictionary's English senses as keys, with the headword index of each:
    a whole sense as ``=`` and its key, and each stem of a sense of several words."""
    keys: list[str] = []
    numbers = array("i")
    for k in range(len(dictionary)):
        for sense in dictionary.entry(k).senses:
            key = "" if ARABIC_LETTER.search(sense) else english_key(sense)
            stems = key.split(" ")
            if not key or len(stems) > MAX_SENSE_STEMS:
                continue
            keys.append("=" + key)
            numbers.append(k)
            for stem in dict.fromkeys(stems if len(stems) > 1 else ()):
                keys.append(stem)
                numbers.append(k)
    return keys, numbers, False


_LETTERS = re.compile(r"[^\W\d_]+")  # an English headword's words (x-ray: two)


def _headword_stem_keys(dictionary: DictionaryFile) -> Keys:
    """An English–Arabic dictionary's English headwords as light stems (:func:`english_key`),
    so that an inflected word finds its lemma (books: book); none for a headword with a
    function word or a short part (read out, x-ray are no forms of read, ray)."""
    keys = [english_key(headword) for headword in dictionary.headwords]
    keys = [k if k.count(" ") + 1 == len(_LETTERS.findall(h)) else ""
            for k, h in zip(keys, dictionary.headwords, strict=True)]
    return keys, array("i", range(len(keys))), True


@dataclass(frozen=True)
class TextMatch:
    """A headword found in a text: its span in the original, the key and its entries."""

    start: int
    end: int
    text: str
    key: str
    words: int
    entries: tuple[DictEntry, ...]


def _keys(dictionary: DictionaryFile) -> Keys:
    """A dictionary's keys and the headword index of each (an Arabic–English dictionary's
    :meth:`~DictionaryFile.alternatives` too, an English–Arabic one's Arabic senses), and
    whether it is read backwards."""
    keys: list[str] = []
    numbers = array("i")
    backwards = english_to_arabic(dictionary)
    for k, headword in enumerate(dictionary.headwords):
        keys.append(key_of(headword))
        numbers.append(k)
        for alternative in () if backwards else dictionary.alternatives(k):
            keys.append(key_of(alternative))  # آذار of a head line آذار، مارس
            numbers.append(k)
    if backwards:
        for k in range(len(dictionary)):
            for sense in dictionary.entry(k).senses:
                for arabic in arabic_alternatives(sense):
                    keys.append(key_of(arabic))
                    numbers.append(k)
    return keys, numbers, backwards


def lookup_keys(dictionary: DictionaryFile) -> Keys:
    """A dictionary's look-up keys as a :class:`Lexicon` builds them (from the key cache
    when current, else read and kept there): reading them reads what every look-up needs
    first, so a damaged file fails here."""
    return dictionary_keys(dictionary, _keys, key_of)


class Lexicon:
    """Several open dictionaries behind one key index (built on first use, thread-safe).

    ``strict``: a dictionary that cannot be read is an error; else it is left out from then
    on, and :attr:`skipped` tells (its name and the error), so that the others serve.
    """

    def __init__(self, dictionaries: Sequence[DictionaryFile], names: Sequence[str] = (),
                 strict: bool = True, skipped: dict[str, str] | None = None) -> None:
        self.dictionaries = list(dictionaries)
        self.names = list(names) or [d.name for d in self.dictionaries]
        self.strict = strict
        self.skipped: dict[str, str] = dict(skipped or {})  # name → why it is left out
        self._broken: set[int] = set()
        self._index: dict[str, list[tuple[int, int]]] | None = None
        self._first: set[str] = set()
        self._max_words = 1
        self._lock = threading.Lock()
        self._entries: dict[str, tuple[DictEntry, ...]] = {}
        self._glosses: dict[str, tuple[str, ...]] = {}
        self._best: dict[str, list[str]] = {}
        self._skeletons: dict[str, list[str]] | None = None
        self._related: dict[str, tuple[str, ...]] = {}
        self._backwards: set[int] = set()  # the English–Arabic dictionaries
        self._senses: dict[str, list[tuple[int, int]]] | None = None  # English sense keys
        self._senses_lock = threading.Lock()  # (built apart: Arabic look-ups need not wait)
        self._stems: dict[str, list[tuple[int, int]]] | None = None  # English headwords'

    def _build(self) -> dict[str, list[tuple[int, int]]]:
        with self._lock:
            if self._index is not None:
                return self._index
            index: dict[str, list[tuple[int, int]]] = {}
            for d, dictionary in enumerate(self.dictionaries):
                try:
                    keys, numbers, backwards = dictionary_keys(dictionary, _keys, key_of)
                except WorkbenchError as exc:  # telling its direction reads some articles
                    self._leave_out(d, exc)
                    continue
                if backwards:
                    self._backwards.add(d)
                for key, k in zip(keys, numbers, strict=True):
                    if key:
                        index.setdefault(key, []).append((d, k))
            for key in index:
                if " " in key:
                    words = key.split(" ")
                    self._first.add(words[0])
                    self._max_words = max(self._max_words, min(len(words), MAX_WORDS))
            self._index = index
            return index

    def _leave_out(self, d: int, error: WorkbenchError) -> None:
        """Leave dictionary ``d`` out from now on (an error when :attr:`strict`)."""
        if self.strict:
            raise error
        self._broken.add(d)
        self.skipped.setdefault(self.names[d], str(error))

    def _entry(self, d: int, k: int) -> DictEntry | None:
        """Entry ``k`` of dictionary ``d``; None when the dictionary is left out."""
        if d in self._broken:
            return None
        try:
            return self.dictionaries[d].entry(k)
        except WorkbenchError as exc:
            self._leave_out(d, exc)
            return None

    def entries(self, key: str) -> tuple[DictEntry, ...]:
        """The entries of a key, from every dictionary, in the order given (merged by
        headword and pronunciation within a dictionary)."""
        hit = self._entries.get(key)
        if hit is not None:
            return hit
        out: dict[tuple[int, str, str | None], DictEntry] = {}
        for d, k in self._build().get(key, ())[:MAX_ENTRIES]:
            entry = self._entry(d, k)
            if entry is None:
                continue
            if d in self._backwards and key_of(self.dictionaries[d].headwords[k]) != key:
                entry = _backwards(entry, key)  # found through an Arabic sense
            name = self.names[d]
            slot = (d, entry.headword, entry.pronunciation)
            old = out.get(slot)
            if old is not None:
                entry = dataclasses.replace(
                    entry, senses=tuple(dict.fromkeys(old.senses + entry.senses)),
                    examples=tuple(dict.fromkeys(old.examples + entry.examples)))
            out[slot] = dataclasses.replace(entry, dictionary=name)
        result = tuple(out.values())
        self._entries[key] = result
        return result

    def word_matches(self, word: str) -> list[tuple[str, int]]:
        """Keys of the dictionaries that a (normalised) word may be, cheapest first; no
        reading through clitics or a suffix that meets a typed hamza with a bare alef
        (:meth:`_typed_clash`)."""
        index = self._build()
        return [(k, c) for k, c in word_keys(word)
                if k in index and not (c and self._typed_clash(word, k))]

    def _typed_clash(self, word: str, key: str) -> bool:
        """Whether every headword of ``key`` has a bare alef where the stem that a reading of
        a marked word (:func:`dictionary_text`) through proclitics leaves has a typed hamza:
        بدأت is no ب + دات 'Dat' (a hamza typed is meant; one left out is not)."""
        if m.OWN_ALEF not in word or " " in key:
            return False
        flat = m.plain(word)
        for n in range(len(key), MIN_STEM - 1, -1):  # the stem: the key, or its head's ة, ى off
            at = flat.find(key[:n])
            if at >= 0:
                break
        else:
            return False
        if not at:  # no proclitic: the word's own letters (وأحدهما: واحد + هما kept)
            return False
        hamzas = [j for j in range(n) if word[at + j] == m.OWN_ALEF]
        heads = [h for e in self.entries(key) for h in _marked_heads(e.headword)
                 if m.plain(h) == key]
        return bool(hamzas and heads) and all(
            any(h[j:j + 1] == m.ALEF for j in hamzas) for h in heads)

    def best_keys(self, word: str) -> list[str]:
        """The keys a normalised word most likely is: the cheapest reading, and readings one
        letter dearer whose key has 3 letters or more (كان is not ك + ان)."""
        hit = self._best.get(word)
        if hit is None:
            hits = self.word_matches(word)
            best = hits[0][1] if hits else 0
            hit = [k for k, c in hits if c == best or (c == best + 1 and len(k) >= 3)]
            self._best[word] = hit  # the aligner asks for every word of a text, then again
        return list(hit)

    def glosses(self, word: str) -> tuple[str, ...]:
        """The senses of the keys a normalised word most likely is (for alignment)."""
        hit = self._glosses.get(word)
        if hit is None:
            hit = tuple(dict.fromkeys(
                s for key in self.best_keys(word) for e in self.entries(key) for s in e.senses))
            self._glosses[word] = hit
        return hit

    def related_glosses(self, word: str) -> tuple[str, ...]:
        """Senses of headwords that share a skeleton with a normalised word (see
        :func:`skeletons`): a weaker guess for the words no headword matches (verb forms,
        feminine adjectives), the closest headwords in length first."""
        hit = self._related.get(word)
        if hit is None:
            hit = tuple(dict.fromkeys(
                s for key in self.related_keys(word) for e in self.entries(key)
                for s in e.senses))
            self._related[word] = hit
        return hit

    def related_keys(self, word: str) -> list[str]:
        """The keys of the headwords that share a skeleton with a normalised word (at most
        :data:`MAX_RELATED`): those that are one of its :func:`stems` first (وكتبوا: كتب;
        فسيكتبونها: يكتب, كتب), then the closest in length to its shortest stem of their
        skeleton (not to the word, whose clitics would put long headwords first)."""
        index = self._skeleton_index()
        shortest: dict[str, int] = {}
        for stem in stems(word):
            sk = skeleton(stem)
            shortest[sk] = min(shortest.get(sk, len(stem)), len(stem))
        keys = {key: abs(len(key) - length)
                for sk, length in shortest.items() for key in index.get(sk, ())}
        exact = set(stems(word))
        return sorted(keys, key=lambda k: (k not in exact, keys[k]))[:MAX_RELATED]

    def related(self, query: str) -> list[DictEntry]:
        """For an Arabic word that no headword matches even through clitics and suffixes (a
        verb form, a feminine adjective: يحتاج, نزلت, الكثيفة), the entries of the headwords of
        its consonants (احتاج, نزل, كثيف): what to show instead of nothing."""
        words = _WORD.findall(_norm(query))
        if len(words) != 1 or not ARABIC_LETTER.search(words[0]) or self.lookup(query):
            return []
        return [e for key in self.related_keys(words[0]) for e in self.entries(key)]

    def _skeleton_index(self) -> dict[str, list[str]]:
        index = self._build()
        with self._lock:
            if self._skeletons is None:
                out: dict[str, list[str]] = {}
                for key in index:
                    if " " not in key and "\u0621" <= key[0] <= "\u064a":  # Arabic words only
                        sk = skeleton(key)
                        if len(sk) >= MIN_SKELETON:
                            out.setdefault(sk, []).append(key)
                self._skeletons = out
            return self._skeletons

    def _sense_index(self) -> dict[str, list[tuple[int, int]]]:
        self._build()  # which dictionaries are read backwards
        with self._senses_lock:
            if self._senses is None:
                index: dict[str, list[tuple[int, int]]] = {}
                for d, dictionary in enumerate(self.dictionaries):
                    if d in self._backwards or d in self._broken or not arabic_headwords(
                            dictionary):
                        continue
                    try:
                        keys, numbers, _ = dictionary_keys(
                            dictionary, _sense_keys, english_key, kind="senses")
                    except WorkbenchError as exc:
                        self._leave_out(d, exc)
                        continue
                    for key, k in zip(keys, numbers, strict=True):
                        index.setdefault(key, []).append((d, k))
                self._senses = index
            return self._senses

    def _stem_index(self) -> dict[str, list[tuple[int, int]]]:
        self._build()  # which dictionaries are read backwards
        with self._senses_lock:
            if self._stems is None:
                index: dict[str, list[tuple[int, int]]] = {}
                for d in sorted(self._backwards - self._broken):
                    keys, numbers, _ = dictionary_keys(
                        self.dictionaries[d], _headword_stem_keys, english_key, kind="stems")
                    for key, k in zip(keys, numbers, strict=True):
                        if key:
                            index.setdefault(key, []).append((d, k))
                self._stems = index
            return self._stems

    def english_headwords(self, query: str) -> list[DictEntry]:
        """The English–Arabic entries whose headword is an English word's lemma through the
        light stems (books: book), for a word that no headword is as typed."""
        key = english_key(query)
        out: dict[tuple[int, DictEntry], DictEntry] = {}
        for d, k in self._stem_index().get(key, []) if key else ():
            if len(out) == MAX_ENTRIES:
                break
            if (entry := self._entry(d, k)) is not None and (d, entry) not in out:
                out[(d, entry)] = dataclasses.replace(entry, dictionary=self.names[d])
        return list(out.values())

    def english_lookup(self, query: str) -> list[DictEntry]:
        """The Arabic–English entries whose senses render an English word or phrase: those
        with it as a whole sense first (as typed before its other forms, then the earlier the
        sense the sooner), then those with a sense that holds the word."""
        key = english_key(query)
        if not key:
            return []
        index = self._sense_index()
        whole = index.get("=" + key, [])
        part = [] if " " in key else index.get(key, [])
        typed = " ".join(query.casefold().split())

        def rank(hit: tuple[int, int]) -> tuple[int, int, int]:
            entry = self._entry(*hit)
            senses = entry.senses if entry is not None else ("",)
            exact = next((i for i, s in enumerate(senses) if s.casefold() == typed), None)
            if exact is not None:  # the sense as typed (book) before its forms (booked)
                return 0, exact, len(senses[0])
            at = next((i for i, s in enumerate(senses) if english_key(s) == key), 99)
            return 1, at, len(senses[0])

        # one article reached through several index entries (a StarDict synonym, a DSL
        # headword's optional part) is shown once
        out: dict[tuple[int, DictEntry], DictEntry] = {}
        for d, k in dict.fromkeys([*sorted(dict.fromkeys(whole), key=rank), *part]):
            if len(out) == MAX_ENTRIES:
                break
            if (entry := self._entry(d, k)) is not None and (d, entry) not in out:
                out[(d, entry)] = dataclasses.replace(entry, dictionary=self.names[d])
        return list(out.values())

    def lookup(self, query: str) -> list[DictEntry]:
        """Entries for a word or phrase as typed: exact key first, then through clitics and
        suffixes (a phrase: clitics on its first word, suffixes on its last). A phrase that
        no headword matches gives the headwords found in it, as :meth:`find` finds them
        (its longer headwords first, then its words in order). An English query also finds
        an English–Arabic dictionary's lemma where no headword of it is as typed (books:
        book, :meth:`english_headwords`) and the Arabic–English entries whose senses render
        it (:meth:`english_lookup`)."""
        if not ARABIC_LETTER.search(query):
            found = self._headword_lookup(query)
            typed = {e.dictionary for e in found}  # a lemma where no headword is as typed
            if any(self.names[d] not in typed for d in self._backwards):
                found += [e for e in self.english_headwords(query) if e.dictionary not in typed]
            seen = {(e.dictionary, e.headword) for e in found}
            return found + [e for e in self.english_lookup(query)
                            if (e.dictionary, e.headword) not in seen]
        return self._headword_lookup(query)

    def _headword_lookup(self, query: str) -> list[DictEntry]:
        index = self._build()
        words = _WORD.findall(_norm(query))
        if not words:
            return []
        keys: list[str] = []
        exact = " ".join(_unarticled(w) for w in words)
        if exact in index:
            keys.append(exact)
        folded = dictd_key(query)
        if folded != exact and folded in index:  # X-ray as dictd indexes it: xray
            keys.append(folded)
        if len(words) == 1:
            keys += [k for k, _ in self.word_matches(words[0])]
            keys = self._spelt_first(keys, _unarticled(words[0]), _spelt(query))
        else:
            keys += [k for k in self._phrase_keys(words) if k in index]
        if not keys and len(words) > 1:
            return [e for match in self.find(query) for e in match.entries]
        out: list[DictEntry] = []
        typed, spelt = m.plain(" ".join(words)), _spelt(query)
        for key in dict.fromkeys(keys):
            # the headword as typed before its forms with or without the article (and spelt
            # as typed before its hamza and ى variants)
            out.extend(sorted(self.entries(key), key=lambda e: (
                m.plain(_norm(e.headword)) != typed, _unlike_typed(spelt, e.headword))))
        return out

    def _spelt_first(self, keys: list[str], whole: str, spelt: str) -> list[str]:
        """``keys`` of one word, its key as written (``whole``) moved last when each of its
        headwords clashes with the hamzas typed (:func:`_hamza_clash`) and a reading through
        clitics is left: وإلى is و + إلى before والي."""
        keys = list(dict.fromkeys(keys))
        if len(keys) > 1 and keys[0] == whole and all(
                _hamza_clash(spelt, e.headword) for e in self.entries(whole)):
            return [*keys[1:], whole]
        return keys

    def _phrase_keys(self, words: Sequence[str]) -> list[str]:
        firsts = [k for k, _ in word_keys(words[0], suffixes=False)]
        middle = [_unarticled(w) for w in words[1:-1]]
        lasts = [k for k, _ in word_keys(words[-1], proclitics=False)]
        return [" ".join([f, *middle, last]) for f in firsts for last in lasts]

    def find(self, text: str) -> list[TextMatch]:
        """Every headword in ``text`` (words through clitics; phrases of several words),
        longest headwords first, then in text order; each key once."""
        index = self._build()
        norm = dictionary_text(text)
        lowered = norm.text.casefold()
        spans = [(w.start(), w.end()) for w in _WORD.finditer(lowered)]
        words = [lowered[s:e] for s, e in spans]
        # (-words, start, end, rank, key): a word's likelier readings (كثيرا before كثير) first
        found: list[tuple[int, int, int, int, str]] = []
        seen: set[str] = set()
        for i, word in enumerate(words):
            if self._first and self._max_words > 1:
                firsts = [k for k, _ in word_keys(word, suffixes=False) if k in self._first]
                for size in range(min(self._max_words, len(words) - i), 1, -1):
                    if not firsts:
                        break
                    for key in self._phrase_keys(words[i : i + size]):
                        if key.split(" ", 1)[0] in firsts and key in index:
                            if key not in seen:
                                seen.add(key)
                                found.append(
                                    (-size, spans[i][0], spans[i + size - 1][1], 0, key))
                            break
            best = self._spelt_first(self.best_keys(word), _unarticled(word),
                                     _spelt(text[slice(*norm.span(*spans[i]))]))
            for rank, key in enumerate(best):
                if key not in seen:
                    seen.add(key)
                    found.append((-1, spans[i][0], spans[i][1], rank, key))
        found.sort()
        out = []
        for neg, start, end, _, key in found:
            s, e = norm.span(start, end)
            entries = self.entries(key)
            if neg == -1:  # a word with the article shows الكتاب first, one without كتاب
                written = m.plain(lowered[start:end])
                article = (m.ARTICLE + key) in written or ("لل" + key) in written
                spelt = _spelt(text[s:e])  # إلى as it stands before آلي of its key
                entries = tuple(sorted(entries, key=lambda x: (
                    _has_article(x.headword) != article, _unlike_typed(spelt, x.headword))))
            out.append(TextMatch(s, e, text[s:e], key, -neg, entries))
        return out

    def close(self) -> None:
        """Close every dictionary."""
        for d in self.dictionaries:
            d.close()
