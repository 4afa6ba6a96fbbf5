"""Hunspell dictionaries: where they are, loading them (through spylls), and asking them.

A dictionary is a pair ``NAME.aff`` + ``NAME.dic`` (``en_US``, ``en_GB``...). They are looked
for in the folders the caller gives (the config's ``[spelling] dictionaries``), then in the
system's folders (Debian's ``hunspell-en-us``, ``hunspell-en-gb``... install into
/usr/share/hunspell), then among the dictionaries spylls ships (``en_US``). A loaded
dictionary is kept for the process, and on disk for the next ones (reading en_US takes
~0.5 s: :mod:`workbench.spelling.cache`), and remembers its verdicts: texts repeat, so most
words are looked up once.
"""

from __future__ import annotations

import codecs
import threading
import time
from collections.abc import Iterable
from pathlib import Path

from workbench.collector import gc_paused
from workbench.errors import InputError, WorkbenchError
from workbench.spelling.cache import candidate_index, files_stamp, load_spylls, save_spylls
from workbench.spelling.suggest import (
    BoundedSuggest,
    LazyIndex,
    SimpleLookup,
    match_case,
    quick_suggestions,
    simple_edits,
)
from workbench.spelling.tokens import nfc

SYSTEM_FOLDERS: tuple[Path, ...] = (
    Path("/usr/share/hunspell"),
    Path("/usr/share/myspell/dicts"),
    Path("/usr/share/myspell"),
)
DEFAULT_LANGUAGE = "en_US"
#: words longer than this get no suggestions (Hunspell's edits grow with the length)
MAX_SUGGEST_LENGTH = 30
#: edits of a word a suggestion may check against the dictionary (a 10-letter word has ~1,000)
LOOKUP_BUDGET = 1000
_CACHE_LIMIT = 500_000


def bundled_folders() -> list[Path]:
    """The folders of the dictionaries spylls ships (en_US among them)."""
    import spylls.hunspell

    data = Path(spylls.hunspell.__file__).parent / "data"
    return sorted(p for p in data.iterdir() if p.is_dir() and any(p.glob("*.aff")))


def normalise_language(name: str) -> str:
    """A language name as dictionaries are named: ``en-us`` → ``en_US``, ``en`` → ``en``."""
    parts = name.strip().replace("-", "_").split("_")
    return "_".join([parts[0].lower(), *(p.upper() if len(p) == 2 else p for p in parts[1:])])


#: How long a search of the dictionary folders is reused (a check per confirmation would
#: otherwise list the folders each time; a dictionary installed meanwhile is seen after this).
FOLDERS_TTL_S = 5.0
_FOUND: dict[tuple[object, ...], tuple[float, dict[str, Path]]] = {}


def find_dictionaries(
    folders: Iterable[str | Path] = (), *, system: bool = True, bundled: bool = True
) -> dict[str, Path]:
    """Language name → the dictionary's path without extension; earlier folders win."""
    key = (tuple(str(f) for f in folders), system, bundled)
    cached = _FOUND.get(key)
    if cached is not None and time.monotonic() - cached[0] < FOLDERS_TTL_S:
        return dict(cached[1])
    found = _search_folders(key[0], system, bundled)
    _FOUND[key] = (time.monotonic(), found)
    return dict(found)


def _search_folders(folders: tuple[str, ...], system: bool, bundled: bool) -> dict[str, Path]:
    search = [Path(f).expanduser() for f in folders]
    if system:
        search += list(SYSTEM_FOLDERS)
    if bundled:
        search += bundled_folders()
    found: dict[str, Path] = {}
    for folder in search:
        if not folder.is_dir():
            continue
        for aff in sorted(folder.glob("*.aff")):
            base = aff.with_name(aff.name[: -len(".aff")])
            if _file(base, ".dic").is_file():
                found.setdefault(base.name, base)
    return found


class NoDictionaryError(WorkbenchError):
    """No Hunspell dictionary of the language asked for (the message names those there are)."""


def find_dictionary(language: str, folders: Iterable[str | Path] = ()) -> Path:
    """The path (without extension) of the dictionary for ``language``; an error naming the
    dictionaries there are when there is none."""
    available = find_dictionaries(folders)
    wanted = normalise_language(language)
    for name, path in available.items():
        if name == wanted or name.casefold() == wanted.casefold():
            return path
    hint = wanted.lower().replace("_", "-")
    raise NoDictionaryError(
        f"no Hunspell dictionary for {language!r} (available: "
        f"{', '.join(sorted(available)) or 'none'}; on Debian: apt-get install hunspell-{hint}, "
        "or name a folder in [spelling] dictionaries of the config)"
    )


def _file(base: Path, suffix: str) -> Path:
    return base.with_name(base.name + suffix)


def _check_words(path: Path, data: bytes, encoding: str) -> None:
    """What Hunspell itself refuses in a ``.dic`` (spylls reads any bytes, and a file that is
    no dictionary would flag every English word): no word count on line 1, no words, or a
    line not in the encoding the ``.aff`` names (``SET``)."""
    lines = data.splitlines()
    if not any(line.strip() for line in lines[1:]):
        raise InputError(path, "no words: not a Hunspell dictionary")
    if not lines[0].strip().lstrip(b"\xef\xbb\xbf").isdigit():
        raise InputError(path, "the first line must be the word count, as Hunspell requires: "
                         "not a Hunspell dictionary", 1)
    try:
        codecs.lookup(encoding)
    except LookupError:  # a SET Python does not know: spylls' own reading stands
        return
    for number, line in enumerate(lines, 1):
        try:
            line.decode(encoding)
        except UnicodeDecodeError:
            raise InputError(path, f"not {encoding}, the encoding its .aff names (SET)",
                             number) from None


class HunspellDictionary:
    """One loaded Hunspell dictionary: cached lookups and bounded suggestions."""

    def __init__(self, language: str, path: Path, spylls_dictionary: object,
                 stamp: str | None = None) -> None:
        """``stamp``: that of the files when they were read (:func:`files_stamp`), under
        which the suggestion index is kept on disk (None: it is not)."""
        self.language = language
        self.path = path
        self._dictionary = spylls_dictionary
        self._verdicts: dict[str, bool] = {}
        self._suggestions: dict[tuple[str, int], list[str]] = {}
        d = spylls_dictionary
        self._lookup = SimpleLookup(d.aff, d.dic)  # type: ignore[attr-defined]
        self._base_suggester = d.suggester  # type: ignore[attr-defined]
        self._base_suggester.lookup = self._lookup
        words = self._base_suggester.words_for_ngram
        self._index = LazyIndex(lambda: candidate_index(path, stamp, words))

    @classmethod
    def load(cls, path: str | Path, language: str | None = None) -> HunspellDictionary:
        """Read ``PATH.aff`` and ``PATH.dic`` (or what an earlier process kept of them:
        :mod:`workbench.spelling.cache`); a file spylls cannot read is an InputError."""
        from spylls.hunspell import Dictionary

        base = Path(path)
        stamp = files_stamp(base)
        kept = load_spylls(base, stamp) if stamp is not None else None
        if kept is not None:
            return cls(language or base.name, base, kept, stamp)
        for suffix in (".aff", ".dic"):
            if not _file(base, suffix).is_file():
                raise InputError(_file(base, suffix), "no such dictionary file")
        data = {suffix: _file(base, suffix).read_bytes() for suffix in (".aff", ".dic")}
        for suffix, content in data.items():
            if b"\x00" in content:
                raise InputError(_file(base, suffix), "binary file (NUL bytes): not a Hunspell "
                                 "dictionary", content[:content.index(b"\x00")].count(b"\n") + 1)
        try:
            with gc_paused():  # a million small objects, all long-lived
                loaded = Dictionary.from_files(str(base))
        except Exception as exc:  # spylls raises whatever its parsers meet
            raise InputError(
                f"{base}.aff/.dic", f"not a readable Hunspell dictionary ({exc})"
            ) from None
        _check_words(_file(base, ".dic"), data[".dic"], loaded.aff.SET)
        if stamp is not None:
            save_spylls(base, stamp, loaded)  # before the checker's own lookup is set into it
        return cls(language or base.name, base, loaded, stamp)

    def lookup(self, word: str) -> bool:
        """Whether the dictionary accepts ``word`` (its capitalised and upper-case forms too)."""
        verdict = self._verdicts.get(word)
        if verdict is None:
            plain = nfc(word).replace("’", "'")
            verdict = bool(self._lookup(plain)) or (
                _mixed_case_plural(plain) and bool(self._lookup(plain[:-1])))
            if len(self._verdicts) >= _CACHE_LIMIT:
                self._verdicts.clear()
            self._verdicts[word] = verdict
        return verdict

    def prepare_suggestions(self) -> None:
        """Build the candidate index now (~0.4 s) rather than on the first suggestion."""
        self._index.get()

    def suggest(self, word: str, limit: int = 8) -> list[str]:
        """Hunspell's suggestions for ``word``, best first, at most ``limit``, after the
        commonest slips' fixes the dictionary accepts, in :func:`simple_edits`' order, as
        :meth:`quick_suggest` ranks them (``realy``: really before relay; ``Teh``: The, which
        Hunspell leaves out of a capitalised word's).

        The work is bounded: at most LOOKUP_BUDGET edits of the word are checked, and the
        n-gram and phonetic stages score a few hundred candidate stems, not every stem.
        """
        key = (word, limit)
        cached = self._suggestions.get(key)
        if cached is not None:
            return list(cached)
        out: list[str] = []
        if word.strip() and len(word) <= MAX_SUGGEST_LENGTH:
            plain = nfc(word).replace("’", "'")
            out = list(dict.fromkeys(
                match_case(edit, plain) for edit in simple_edits(plain) if self.lookup(edit)
            ))[:limit]
            slips = {slip.casefold() for slip in out}  # "Teh": The, then Hunspell's Eh, not eh
            suggester = BoundedSuggest(
                self._base_suggester, self._index.get(), LOOKUP_BUDGET, plain
            )
            for suggestion in suggester(plain) if len(out) < limit else ():
                if suggestion != plain and suggestion.casefold() not in slips \
                        and suggestion not in out:
                    out.append(suggestion)
                if len(out) >= limit:
                    break
        self._remember(key, out)
        return list(out)

    def quick_suggest(self, word: str, limit: int = 3) -> list[str]:
        """The dictionary stems nearest to ``word`` by edit distance: a few milliseconds a word,
        for checks over whole documents (``suggest`` is Hunspell's fuller algorithm)."""
        key = (word, -limit)
        cached = self._suggestions.get(key)
        if cached is None:
            cached = (
                quick_suggestions(self._index.get(), nfc(word), limit, self.lookup)
                if len(word) <= MAX_SUGGEST_LENGTH else []
            )
            self._remember(key, cached)
        return list(cached)

    def _remember(self, key: tuple[str, int], value: list[str]) -> None:
        if len(self._suggestions) >= _CACHE_LIMIT // 10:
            self._suggestions.clear()
        self._suggestions[key] = value


_LOADED: dict[tuple[str, int, int], HunspellDictionary] = {}
_LOAD_LOCK = threading.Lock()


def load_dictionary(
    language: str = DEFAULT_LANGUAGE, folders: Iterable[str | Path] = ()
) -> HunspellDictionary:
    """The dictionary for ``language`` (see :func:`find_dictionary`), loaded once a process
    (again when its files change)."""
    path = find_dictionary(language, folders)
    return load_dictionary_files(path, normalise_language(language))


def load_dictionary_files(path: str | Path, language: str | None = None) -> HunspellDictionary:
    """The dictionary at ``PATH.aff``/``PATH.dic``, loaded once a process."""
    base = Path(path)
    try:
        stamp = (
            str(base.resolve()),
            _file(base, ".aff").stat().st_mtime_ns,
            _file(base, ".dic").stat().st_mtime_ns,
        )
    except OSError:
        return HunspellDictionary.load(base, language)  # raises the InputError
    with _LOAD_LOCK:
        loaded = _LOADED.get(stamp)
        if loaded is None:
            loaded = HunspellDictionary.load(base, language)
            _LOADED[stamp] = loaded
    return loaded


def _mixed_case_plural(word: str) -> bool:
    """Whether ``word`` may be the plural of a word written with a capital inside it
    (``PhDs``, ``iPhones``, ``McDonalds``): the dictionaries hold such words without the
    plural ending their lower-case words take."""
    return (len(word) > 3 and word.endswith("s") and not word.isupper()
            and any(c.isupper() for c in word[1:-1]))
