"""The project's bilingual dictionaries: remembered files, look-up, and lexical knowledge for
alignment (dictionaries, glossary, confirmed segment pairs and translation memories)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from workbench.dictionary import (
    DictEntry,
    DictionaryFile,
    Lexicon,
    TextMatch,
    arabic_headwords,
    english_to_arabic,
    lookup_keys,
    open_dictionary,
    open_lexicon,
    set_files,
)
from workbench.errors import NotFoundError, WorkbenchError
from workbench.project.context import ProjectContext
from workbench.store import dictionaries as q_dict
from workbench.store import documents as q_docs
from workbench.text.tags import strip_tags
from workbench.textio import file_name_text
from workbench.wording import plural

MAX_TRAINING_PAIRS = 20_000
# words of any characters but white space, / and \, one or more spaces between them
_NAME = re.compile(r"[^\s/\\]+(?: +[^\s/\\]+)*")


@dataclass(frozen=True)
class DictionaryInfo:
    """A dictionary the project uses."""

    name: str
    path: str
    format: str
    headwords: int
    available: bool
    # "ar-en", "en-ar" (read backwards) or "none" (no Arabic at all); None: not read
    direction: str | None = None

    def as_json(self) -> dict[str, object]:
        """As ``workbench dictionary list --format json`` shows it."""
        return {"name": self.name, "path": self.path, "format": self.format,
                "headwords": self.headwords, "available": self.available,
                "direction": self.direction}

    def describe(self) -> str:
        """Its format, size and, when known, direction, as one phrase."""
        text = f"{self.format}, {plural(self.headwords, 'headword')}"
        if self.direction == "en-ar":
            text += ", English–Arabic: Arabic words are looked up in its senses"
        elif self.direction == "none":
            text += ", no Arabic"
        return text


def default_name(path: str | Path) -> str:
    """A short name for a dictionary file: its name without the format's suffixes."""
    name = Path(path).name
    for suffix in (".dz", ".gz", ".index", ".dict", ".ifo", ".idx", ".syn", ".dsl", ".tei",
                   ".xml", ".tsv", ".txt"):
        name = name.removesuffix(suffix)
    return name.removesuffix(".dict") or Path(path).name


def check_name(name: str) -> None:
    """Refuse a dictionary name that ``list``'s table, a command line or a warning would
    show wrong: a tab, a new line, a space at either end, ``/`` or ``\\``, or bytes that are
    not UTF-8 (a file name's, which the project cannot store)."""
    if not _NAME.fullmatch(name) or file_name_text(name) != name:
        raise WorkbenchError(f"bad dictionary name {name!r}: words separated by spaces, with "
                             "no tab, new line, / or \\ and no space at either end")


def _direction(reader: DictionaryFile) -> str:
    if english_to_arabic(reader):
        return "en-ar"
    return "ar-en" if arabic_headwords(reader) else "none"


def _missing(path: str) -> str:
    """What the dictionary set at ``path`` lacks ('' when every file of it is there; none is
    read)."""
    try:
        set_files(path)
    except WorkbenchError as exc:
        return str(exc)
    return ""


def _read_direction(path: str) -> str | None:
    """The direction of the dictionary at ``path``; None when it cannot be read now."""
    try:
        reader = open_dictionary(path)
    except WorkbenchError:
        return None
    try:
        return _direction(reader)
    except WorkbenchError:  # an entry that cannot be read any more
        return None
    finally:
        reader.close()


class Dictionaries:
    """Add, list and remove the project's dictionaries; look words up in them."""

    def __init__(self, context: ProjectContext) -> None:
        self.context = context

    def add(self, path: str | Path, name: str | None = None) -> DictionaryInfo:
        """Open the dictionary at ``path`` (any file of its set) and remember it as ``name``."""
        reader = open_dictionary(path)
        try:
            main = str(reader.path.resolve())
            if file_name_text(main) != main:  # stored to be opened again: not as U+FFFD
                raise WorkbenchError(f"{file_name_text(main)}: a file name that is not UTF-8 "
                                     "cannot be stored in the project; rename the file")
            label = default_name(main) if name is None else name  # '' is refused
            try:
                check_name(label)
            except WorkbenchError as exc:
                if name is not None:
                    raise
                raise WorkbenchError(f"{exc} (the file's name: give one with --name)") from None
            direction = _direction(reader)  # reads a few entries: a bad one fails here
            self._refuse_taken(label, main)  # before the longer read below
            # what every look-up reads first (kept in the key cache): a dictd set's head
            # lines, so a damaged data file is refused here, not left out of each look-up
            lookup_keys(reader)
            with self.context.transaction():
                self._refuse_taken(label, main)
                q_dict.add_dictionary(self.context.db, label, main, reader.format, len(reader))
            return DictionaryInfo(label, main, reader.format, len(reader), True, direction)
        finally:
            reader.close()

    def _refuse_taken(self, label: str, main: str) -> None:
        """Refuse a name the project uses, or a dictionary (its main file) it has."""
        if q_dict.dictionary(self.context.db, label) is not None:
            raise WorkbenchError(
                f"{self.context.path}: a dictionary named {label!r} exists already "
                "(choose another with --name)"
            )
        same = [d["name"] for d in q_dict.dictionaries(self.context.db) if d["path"] == main]
        if same:
            raise WorkbenchError(f"{main}: already in the project as {same[0]!r}")

    def list(self, read: bool = False) -> list[DictionaryInfo]:
        """The project's dictionaries, in the order they were added (available: every file
        of its set is there); with ``read``, each available one is opened to tell its
        direction (about 0.1 s for FreeDict)."""
        infos = [
            DictionaryInfo(d["name"], d["path"], d["format"], d["headwords"],
                           not _missing(d["path"]))
            for d in q_dict.dictionaries(self.context.db)
        ]
        if read:
            infos = [replace(i, direction=_read_direction(i.path)) if i.available else i
                     for i in infos]
        return infos

    def remove(self, name: str) -> str:
        """Forget the dictionary ``name``, in any case (its files are left alone); its name as
        stored."""
        with self.context.transaction():
            removed = q_dict.remove_dictionary(self.context.db, name)
            if removed is None:
                raise NotFoundError(f"no dictionary named {name!r} in {self.context.path}")
        return removed

    def lexicon(self, extra: list[str | Path] | None = None) -> Lexicon | None:
        """One look-up index over the project's available dictionaries (and ``extra``
        files); None when there are none. Shared while the files are unchanged. One that
        cannot be read is left out (see :meth:`unusable`)."""
        infos = [d for d in self.list() if d.available]
        paths: list[str | Path] = [d.path for d in infos] + list(extra or [])
        names = [d.name for d in infos] + [default_name(p) for p in extra or []]
        if not paths:
            return None
        return open_lexicon(paths, names, strict=False)

    def unusable(self) -> list[tuple[str, str]]:
        """The dictionaries look-ups go on without, as (name, what is wrong): those whose
        files are missing, and those that could not be read (when opened, or an article
        since: call it after the look-ups)."""
        out = [(d.name, f"is missing ({_missing(d.path) or d.path})")
               for d in self.list() if not d.available]
        lexicon = self.lexicon()
        if lexicon is not None:
            out += [(name, f"cannot be read ({why})") for name, why in lexicon.skipped.items()]
        return out

    def lookup(self, query: str) -> dict[str, object]:
        """``{"query": ..., "entries": [...]}`` for a word or phrase, through its clitics."""
        return {"query": query, "entries": [e.as_json() for e in self.lookup_entries(query)]}

    def lookup_entries(self, query: str) -> list[DictEntry]:
        """The entries of a word or phrase (with their examples, which the JSON leaves out)."""
        lexicon = self.lexicon()
        return lexicon.lookup(query) if lexicon is not None else []

    def related_entries(self, query: str) -> list[DictEntry]:
        """For an Arabic word no headword matches, the entries of its consonants' headwords
        (:meth:`Lexicon.related`)."""
        lexicon = self.lexicon()
        return lexicon.related(query) if lexicon is not None else []

    def find_in_text(self, text: str) -> list[TextMatch]:
        """The headwords of an Arabic text, longest first (for the Dictionary panel)."""
        lexicon = self.lexicon()
        return lexicon.find(text) if lexicon is not None else []

    def find_in_segment(self, segment_id: int) -> list[TextMatch]:
        """The headwords of a segment's Arabic, longest first, through clitics."""
        row = q_docs.segment(self.context.db, segment_id)
        if row is None:
            raise NotFoundError(f"no segment {segment_id} in {self.context.path}")
        return self.find_in_text(row["source"])

    def training_pairs(self, limit: int = MAX_TRAINING_PAIRS) -> list[tuple[str, str]]:
        """Word-table training data for alignment: the project's confirmed (Arabic, English)
        segment pairs, then its imported memories' units (inline tags left out), each pair
        once, at most ``limit``."""
        db = self.context.db
        pairs = q_dict.confirmed_pairs(db, limit)
        if len(pairs) < limit:
            pairs += q_dict.memory_pairs(db, limit - len(pairs))
        return list(dict.fromkeys((strip_tags(a), strip_tags(e)) for a, e in pairs))
