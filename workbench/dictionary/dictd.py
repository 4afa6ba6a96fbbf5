"""dictd dictionaries as FreeDict and Debian ship them: ``NAME.index`` + ``NAME.dict[.dz]``.

Index lines are ``headword<TAB>offset<TAB>length`` (and, from ``dictfmt --index-keep-orig``,
``<TAB>headword as written``) with the numbers in dictd's base64
(``A``–``Z``, ``a``–``z``, ``0``–``9``, ``+``, ``/``; most significant digit first). Headwords
starting with ``00-database-`` (``00database`` in the index) are the database's own
information: its short name becomes the dictionary's name; they are not looked up.
"""

from __future__ import annotations

from array import array
from pathlib import Path

from workbench.dictionary.datafile import DataFile
from workbench.dictionary.model import DictEntry, DictionaryFile
from workbench.dictionary.senses import (
    article_senses,
    head_line,
    listed_headwords,
    without_head_lines,
    written_headword,
)
from workbench.errors import InputError

_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_B64_VALUE = {c: i for i, c in enumerate(_B64)}


def b64_number(text: str) -> int:
    """A dictd base64 number (``IhAH`` → 2,232,327)."""
    value = 0
    for ch in text:
        value = value * 64 + _B64_VALUE[ch]
    return value


class DictdFile(DictionaryFile):
    """A dictd dictionary: the whole index in memory (headwords, offsets), articles on demand."""

    format = "dictd"

    def __init__(self, index: Path, data: Path) -> None:
        super().__init__(path=index)
        self.index_path = index
        self.data = DataFile(data)
        self.offsets = array("q")
        self.lengths = array("q")
        self.headwords = []
        self._shared: dict[int, list[int]] | None = None  # see :meth:`_article_headwords`
        short = None
        try:
            raw = index.read_bytes()
        except OSError as exc:
            raise InputError(index, f"cannot read ({exc.strerror})") from None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            raise InputError(index, "not UTF-8", line=line) from None
        size = self.data.size
        for number, line in enumerate(text.split("\n"), start=1):
            if not line.strip():
                continue
            parts = line.split("\t")
            if len(parts) < 3:
                raise InputError(index, "not a dictd index line (headword, offset, length)",
                                 line=number)
            if not parts[1] or not parts[2]:  # b64_number("") is 0
                raise InputError(index, "an empty offset or length (a truncated index?)",
                                 line=number)
            try:
                offset, length = b64_number(parts[1]), b64_number(parts[2])
            except KeyError:
                raise InputError(index, "bad base64 offset or length", line=number) from None
            if size and offset + length > size:
                raise InputError(self.data.path, f"truncated: the index entry on line {number} "
                                 f"of {index.name} points past the end of the data")
            word = parts[0]
            if word.startswith(("00-database-", "00database")):
                if word.replace("-", "") == "00databaseshort":
                    short = (offset, length)
                continue
            # dictfmt --index-keep-orig: the headword as written is the fourth field
            self.headwords.append(parts[3] if len(parts) > 3 and parts[3].strip() else word)
            self.offsets.append(offset)
            self.lengths.append(length)
        if not self.headwords:
            raise InputError(index, "no headwords in the index")
        self.name = self._short_name(short) or index.name.removesuffix(".index")

    def files(self) -> list[Path]:
        return [self.index_path, self.data.path]

    def _short_name(self, where: tuple[int, int] | None) -> str:
        if where is None:
            return ""
        text = self.data.read(*where).decode("utf-8", "replace").strip().split("\n")
        lines = [t.strip() for t in text if t.strip()]
        if lines and lines[0].replace("-", "") == "00databaseshort":
            lines = lines[1:]
        return lines[0] if lines else ""

    def alternatives(self, k: int) -> tuple[str, ...]:
        """The headwords an article's head line lists where the index ran them into one
        phrase or word (FreeDict's آذار مارس is ``آذار، مارس``, مارسآذار ``مارس/آذار``)."""
        raw = self.data.read(self.offsets[k], self.lengths[k])
        return listed_headwords(raw.decode("utf-8", "replace"), self.headwords[k])

    def entry(self, k: int) -> DictEntry:
        raw = self.data.read(self.offsets[k], self.lengths[k])
        if len(raw) < self.lengths[k]:
            raise InputError(self.data.path, "truncated: an article runs past the end")
        text = raw.decode("utf-8", "replace")
        heads = self._article_headwords(k)
        body = without_head_lines(text, heads) if len(heads) > 1 else text
        senses, ipa = article_senses(body, self.headwords[k])
        return DictEntry(self._shown(text, k), senses, ipa, self.name)

    def _article_headwords(self, k: int) -> list[str]:
        """The headwords of every index entry of entry ``k``'s article (dictfmt's
        ``--headword-separator`` indexes one article under each of its headwords)."""
        if self._shared is None:
            by_offset: dict[int, list[int]] = {}
            for n, offset in enumerate(self.offsets):
                by_offset.setdefault(offset, []).append(n)
            self._shared = {o: ns for o, ns in by_offset.items() if len(ns) > 1}
        return [self.headwords[n] for n in self._shared.get(self.offsets[k], [k])]

    def _shown(self, text: str, k: int) -> str:
        """The headword as the article writes it: a list of them (آذار، مارس) as its head
        line, else :func:`written_headword`."""
        if listed_headwords(text, self.headwords[k]):
            return head_line(text)
        return written_headword(text, self.headwords[k])

    def close(self) -> None:
        self.data.close()
