"""Spelling of the Project service: the dictionary, the project's word list, and the words the
project knows (never flagged).

Known words: the glossary's renderings (forbidden ones too: the glossary checks judge those,
the spell checker does not flag them again), the word list (``workbench spelling add``), and the
words of every source registered with :meth:`Spelling.add_known_source` — the extension point
for the English of a translation memory or of dictionaries. Latin-letter words of a segment's
Arabic are known for that segment (see :meth:`Spelling.misspellings`).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.errors import WorkbenchError
from workbench.formats.xmlout import typed
from workbench.project.context import ProjectContext
from workbench.project.terms import Terms
from workbench.spelling import (
    SpellChecker,
    WordSpan,
    find_dictionaries,
    glossary_english,
    load_dictionary,
)
from workbench.spelling.dictionary import FOLDERS_TTL_S, HunspellDictionary
from workbench.spelling.names import arabic_world_words
from workbench.spelling.tokens import bare_word, phrase_words, word_key
from workbench.store import spelling as q_spelling
from workbench.text.script import has_arabic

if TYPE_CHECKING:
    from workbench.config import Config

#: a source of extra known words: returns words or phrases (best: the same frozenset object
#: until they change, so the checker is rebuilt only then). A source with a true ``stamped``
#: attribute is called with the project's QA stamp (``store.stamps``), which moves whenever
#: what it reads from the project does: it may answer from its cache while the stamp holds.
KnownSource = Callable[..., Collection[str]]
MAX_WORD_LENGTH = 64


@dataclass(frozen=True)
class ProjectWord:
    """A word of the project's list: as written, who added it and when."""

    word: str
    author: str
    at: str


class Spelling:
    """The project's spell checker and word list."""

    def __init__(self, context: ProjectContext, terms: Terms) -> None:
        self.context = context
        self.terms = terms
        self._language: str | None = None
        self._folders: list[str] = []
        self._sources: list[tuple[KnownSource, bool]] = []
        self._checker: tuple[tuple[object, ...], SpellChecker] | None = None
        self._key: tuple[int, tuple[object, ...]] | None = None
        self._dictionary: tuple[tuple[str, list[str]], float, HunspellDictionary] | None = None
        self._lock = threading.Lock()
        self._config: Config | None = None  # the config file the language came from
        self.enabled = True  # False: the checks run without spelling (see switch_off)

    # settings ----------------------------------------------------------------------------

    def use(self, language: str | None = None, folders: Iterable[str | Path] = ()) -> None:
        """Check with this dictionary (``en_US``, ``en_GB``...) found first in ``folders``.

        Without a call, the config file's ``[spelling]`` settings are used (en_US by default).
        """
        self._language = language
        self._folders = [str(f) for f in folders]
        self._checker = None
        self._config = None
        self.enabled = True

    def switch_off(self) -> None:
        """Run the checks without the ``spelling`` check from now on (until :meth:`use`): what
        the TUI does when the dictionary cannot be loaded, rather than fail every check."""
        self.enabled = False

    @property
    def language(self) -> str:
        """The language of the dictionary in use."""
        return self._settings()[0]

    def _settings(self) -> tuple[str, list[str]]:
        if self._language is None:
            from workbench.config import load_config

            config = load_config()
            self._language = config.spelling_language
            self._folders = list(config.spelling_dictionaries)
            self._config = config
        return self._language, self._folders

    def dictionary(self) -> HunspellDictionary:
        """The Hunspell dictionary in use (loaded once a process; its files are looked at
        again after ``FOLDERS_TTL_S``, as the dictionary folders are listed again)."""
        language, folders = self._settings()
        now = time.monotonic()
        hit = self._dictionary
        if hit is not None and hit[0] == (language, folders) and now - hit[1] < FOLDERS_TTL_S:
            return hit[2]
        try:
            dictionary = load_dictionary(language, folders)
        except WorkbenchError as exc:
            raise (self._config.located(exc) if self._config is not None else exc) from None
        self._dictionary = ((language, list(folders)), now, dictionary)
        return dictionary

    def prepare(self) -> None:
        """Load the dictionary and its suggestion index now (0.5–8 s the first time in a
        process, by dictionary size): call it from a worker before the first check."""
        self.dictionary().prepare_suggestions()
        self.checker()

    def languages(self) -> dict[str, Path]:
        """The dictionaries that can be used: language → files (without extension)."""
        return find_dictionaries(self._settings()[1])

    # known words --------------------------------------------------------------------------

    def add_known_source(self, source: KnownSource, *, suggest: bool = True) -> None:
        """Make the words ``source()`` returns known (e.g. the English of the TM). With
        ``suggest=False`` (large vocabularies) it returns word keys (``word_key`` of single
        words), known but not offered as suggestions."""
        self._sources.append((source, suggest))
        self._checker = None

    def _known_key(self, stamp: int | None = None) -> tuple[object, ...]:
        """What the known words are made of: glossary, word list, each source's words (the
        same object while the project's QA stamp and the sources' words are unchanged;
        ``stamp``: as the caller read it, None: read now)."""
        stamp = self.terms.stamp() if stamp is None else stamp
        extra = tuple(
            (source(stamp) if getattr(source, "stamped", False) else source(), suggest,
             getattr(source, "typo_prone", False))
            for source, suggest in self._sources
        )
        cached = self._key
        if cached is not None and cached[0] == stamp:
            old: tuple[tuple[object, bool, bool], ...] = cached[1][2]  # type: ignore[assignment]
            if len(old) == len(extra) and all(
                a[0] is b[0] and a[1] == b[1] for a, b in zip(old, extra, strict=True)
            ):
                return cached[1]
        glossary = tuple(glossary_english(self.terms.matcher(stamp).glossary.entries))
        listed = tuple(r["word"] for r in q_spelling.words(self.context.db))
        key = (glossary, listed, extra)
        self._key = (stamp, key)
        return key

    def checker(self, extra: Iterable[str] = (), stamp: int | None = None) -> SpellChecker:
        """The spell checker with the project's words (rebuilt only when they change), and
        ``extra`` words or phrases (e.g. another glossary's renderings) known too. ``stamp``:
        the project's QA stamp as the caller read it (None: read now)."""
        dictionary = self.dictionary()
        key = self._known_key(stamp)
        more = list(extra)
        with self._lock:
            cached = self._checker
            if cached is None or cached[0] != (dictionary, key):
                checker = SpellChecker(
                    dictionary, phrase_words(_suggested(key)), *_vocabulary(key),
                    names=arabic_world_words(),
                )
                self._checker = cached = ((dictionary, key), checker)
        if more:
            base = cached[1]
            return SpellChecker(
                dictionary, phrase_words([*_suggested(key), *more]), base.vocabulary,
                base.typo_prone, names=arabic_world_words(),
            )
        return cached[1]

    # for the editor -----------------------------------------------------------------------

    def misspellings(self, text: str, source: str = "") -> list[WordSpan]:
        """The misspelled words of an English text (start, end, word), in order; ``source``:
        the Arabic it translates (its Latin-letter words are known)."""
        return self.checker().misspellings(text, source=source)

    def suggest(self, word: str, limit: int = 8) -> list[str]:
        """Suggestions for a misspelled word, best first: the project's near words, then
        Hunspell's (tens of milliseconds; bounded work)."""
        return self.checker().suggest(word, limit)

    # the word list ------------------------------------------------------------------------

    def words(self) -> list[ProjectWord]:
        """The project's word list, alphabetically."""
        return [
            ProjectWord(r["word"], r["author"], r["at"])
            for r in q_spelling.words(self.context.db)
        ]

    def add_word(self, word: str) -> bool:
        """Add a word to the project's list, without the punctuation around it (see
        :func:`bare_word`); False when it is there already (any case)."""
        return self.add_words([word])[0][1]

    def add_words(self, words: Iterable[str]) -> list[tuple[str, bool]]:
        """Add words at once: each as stored and whether it was added (False: there already).
        All are checked first, so that one that is no word adds none of them."""
        valid = [_valid_word(word) for word in words]
        added: list[tuple[str, bool]] = []
        with self.context.transaction():
            for word in valid:
                new = q_spelling.find_word(self.context.db, word_key(word)) is None
                if new:
                    q_spelling.add_word(self.context.db, word, word_key(word),
                                        self.context.author)
                added.append((word, new))
        return added

    def remove_word(self, word: str) -> None:
        """Take a word off the project's list (any case, punctuation around it left out; a
        word listed with it, as lists kept before, is found as given too); an error when it is
        not on it."""
        db = self.context.db
        with self.context.transaction():
            keys = dict.fromkeys((word_key(bare_word(word)), word_key(word.strip())))
            if not sum(q_spelling.remove_word(db, key) for key in keys):
                raise WorkbenchError(f"{word.strip()!r} is not in the project's word list")


def _suggested(key: tuple[object, ...]) -> list[str]:
    glossary, listed, extra = key
    sources: tuple[tuple[Collection[str], bool], ...] = extra  # type: ignore[assignment]
    return [*glossary, *listed, *(w for words, suggest, _ in sources if suggest for w in words)]


def _vocabulary(key: tuple[object, ...]) -> tuple[frozenset[str], frozenset[str]]:
    """The large vocabularies' words, and those of them that only typo-prone sources (the
    dictionaries' senses) hold."""
    sources: tuple[tuple[Collection[str], bool, bool], ...] = key[2]  # type: ignore[assignment]
    large = [words for words, suggest, _ in sources if not suggest]
    prone = [words for words, suggest, typo_prone in sources if not suggest and typo_prone]
    sure = frozenset().union(*(w for w in large if not any(w is p for p in prone)))
    prone_only = frozenset().union(*prone) - sure if prone else frozenset()
    if len(large) == 1 and isinstance(large[0], frozenset):
        return large[0], prone_only  # a source's own frozenset, shared
    return frozenset().union(*large), prone_only


def _valid_word(word: str) -> str:
    """The word as the list stores it (:func:`bare_word`, without control characters: a
    paste's ESC); an error when it is none."""
    word = typed(word).strip()
    if not word:
        raise WorkbenchError("give a word to add")
    if any(c.isspace() for c in word):
        raise WorkbenchError(f"{word!r}: add one word at a time")
    bare = bare_word(word)
    if len(bare) > MAX_WORD_LENGTH:
        raise WorkbenchError(f"{bare[:20]!r}...: a word of at most {MAX_WORD_LENGTH} characters")
    if not bare or not phrase_words([bare]):
        raise WorkbenchError(f"{word!r}: not a word (it needs letters)")
    if has_arabic(bare):
        raise WorkbenchError(f"{word}: Arabic words are never spell-checked; the word list is "
                             "for the English")
    return bare
