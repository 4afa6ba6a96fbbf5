"""Tab-separated dictionaries: ``Arabic<TAB>English[<TAB>note]``, one sense a row.

UTF-8 (a BOM is accepted), or what :mod:`workbench.textio` reads besides (UTF-16 with a
BOM, Windows-1256); ``#`` starts a comment line; a first row whose first field names a
column as glossary.tsv's header does (``arabic``, ``source``, ``term``, ``المصطلح``…) is a
header. A spreadsheet's quotes are taken off as glossary.tsv's are
(:func:`~workbench.formats.table.unquote_row`: every text cell quoted, or a cell holding
``""``); a quoted cell may hold tabs and line breaks, as a spreadsheet saves them. English
alternatives in one cell may be separated by ``;`` or a line break. In UTF-8 the rows' byte
ranges are indexed and rows are read on demand (another encoding's rows are kept, decoded).

A *tab file* as StarDict's ``tabfile`` and pyglossary write it is read too: a definition
holding HTML or ``\\n`` escapes is an article (a head line, numbered senses), a first field
``headword|synonym|…`` lists synonyms, a ``##name`` line names the dictionary, and rows of
the database's own information (``00databaseshort``, ``00-database-info``: pyglossary's of a
dictd source) are no entries (the short name names it when there is no ``##name``).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from array import array
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from pathlib import Path

from workbench.dictionary.datafile import DataFile
from workbench.dictionary.model import DictEntry, DictionaryFile
from workbench.dictionary.senses import article_senses, listed_head_line, listed_headwords
from workbench.errors import InputError
from workbench.formats.table import unquote_row
from workbench.glossary.tsv import ARABIC_HEADERS, HEADERS
from workbench.textio import decode_bytes

_HEADERS = HEADERS | {"headword"}
_ESCAPES = {"n": "\n", "t": "\t", "\\": "\\"}
_ARTICLE = re.compile(r"<[a-zA-Z/][^>]*>|\\n")
MAX_CELL_LINES = 20  # lines a spreadsheet's quoted cell may run over


def _fields(row: str) -> list[str]:
    """A row's fields, a spreadsheet's quoting taken off and spaces around them (a row of
    several lines, a quoted cell holding line breaks or tabs, read as CSV is)."""
    if "\n" in row:
        text = row.replace("\r\n", "\n")
        cells = next(csv.reader(io.StringIO(text, newline=""), delimiter="\t"), [])
        return [f.strip() for f in cells]
    return [f.strip() for f in unquote_row(row.split("\t"))]


def _headwords(field: str) -> list[str]:
    """A row's headwords: a tab file's first field lists synonyms after ``|`` (pyglossary and
    StarDict's ``tabfile`` write ``كِتَاب|الكتاب|كتب``), the first the article's headword."""
    return [h.strip() for h in field.split("|") if h.strip()] or [field]


def _csv_state(text: str) -> str:
    """``"row"`` when ``text`` is one tab-separated row of two cells or more as CSV reads
    it, ``"open"`` when a quoted cell runs past its end, else ``"bad"``."""
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter="\t", strict=True))
    except csv.Error as exc:
        return "open" if "end of data" in str(exc) else "bad"
    if len(rows) != 1 or len(rows[0]) < 2:
        return "bad"
    # a cell of several lines holding a tab too is rows a stray quote ran together
    return "bad" if any("\n" in c and "\t" in c for c in rows[0]) else "row"


Line = tuple[int, str, int, int]  # number, text, byte range


def _cell_end(lines: Sequence[Line]) -> int | None:
    """The index of the last of ``lines`` (the next :data:`MAX_CELL_LINES` of the file) that
    the row of the first runs over when a quoted cell of it holds a line break (a
    spreadsheet's) and CSV reads them as one row; else None (a stray quote: ``"وباء``)."""
    joined = lines[0][1]
    if '"' not in joined or _csv_state(joined) != "open":
        return None
    for m in range(1, len(lines)):
        joined += "\n" + lines[m][1]
        state = _csv_state(joined)
        if state != "open":
            return m if state == "row" else None
    return None


def _rows(lines: Iterable[Line]) -> Iterator[Line]:
    """The rows of a file's lines, read as they come: a line whose quoted cell runs over the
    next lines joined with them (:func:`_cell_end`), every other line alone."""
    ahead: deque[Line] = deque()
    source = iter(lines)
    while True:
        ahead.extend(islice(source, MAX_CELL_LINES - len(ahead)))
        if not ahead:
            return
        last = _cell_end(ahead)
        if last is None:
            yield ahead.popleft()
            continue
        row = [ahead.popleft() for _ in range(last + 1)]
        yield row[0][0], "\n".join(line[1] for line in row), row[0][2], row[-1][3]


def _utf8(raw: bytes, block: int = 1 << 16) -> bool:
    """Whether ``raw`` is UTF-8 without a NUL (NULs: binary, or UTF-16 without a BOM),
    decoded a block at a time."""
    if raw.find(b"\x00") >= 0:
        return False
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for at in range(0, len(raw), block):
            decoder.decode(raw[at : at + block])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _unescape(text: str) -> str:
    """A tab file's ``\\n``, ``\\t`` and ``\\\\`` as the characters."""
    return re.sub(r"\\([nt\\])", lambda m: _ESCAPES[m.group(1)], text)


class TsvFile(DictionaryFile):
    """A TSV dictionary."""

    format = "tsv"

    def __init__(self, path: Path) -> None:
        super().__init__(path=path)
        self.data = DataFile(path)
        self._rows: list[str] | None = None  # a file not in UTF-8: its rows, decoded
        with self.data.mapped() as raw:
            if _utf8(raw):
                lines = self._lines(raw)
            else:  # UTF-16 with a BOM, Windows-1256, or refused saying why
                text, _ = decode_bytes(bytes(raw), path)
                self._rows = []
                lines = ((n, line, 0, 0) for n, line in enumerate(text.split("\n"), start=1))
            self._index(path, _rows(lines))

    def _index(self, path: Path, rows: Iterable[Line]) -> None:
        """The headwords of the file's rows and the byte range of each."""
        self.offsets = array("q")
        self.lengths = array("q")
        self.headwords = []
        short = ""
        for number, text, start, end in rows:
            if text.startswith("##name\t"):
                self.name = text.split("\t", 1)[1].strip()
            if not text.strip() or text.lstrip().startswith("#"):
                continue
            if "\t" not in text:
                raise InputError(path, "no tab: expected Arabic<TAB>English[<TAB>note]",
                                 line=number)
            fields = _fields(text)
            if not self.headwords and (fields[0].casefold() in _HEADERS
                                       or fields[0] in ARABIC_HEADERS):
                continue
            if not fields[0] or not fields[1]:
                raise InputError(path, "an empty Arabic or English field", line=number)
            if fields[0].startswith(("00-database-", "00database")):  # not looked up
                if fields[0].replace("-", "") == "00databaseshort":
                    short = _unescape(fields[1]).strip().split("\n")[0].strip()
                continue
            for head in _headwords(fields[0]):  # a tab file's synonyms: كتاب|الكتاب|كتب
                self.headwords.append(head)
                self.offsets.append(start)
                self.lengths.append(end - start)
                if self._rows is not None:
                    self._rows.append(text)
        if not self.headwords:
            raise InputError(path, "no entries")
        self.name = self.name or short or path.stem

    @staticmethod
    def _lines(raw: bytes) -> Iterator[Line]:
        """A UTF-8 file's lines, read as they come: number, text, and byte range."""
        pos = 3 if raw[:3] == b"\xef\xbb\xbf" else 0
        number = 0
        while pos < len(raw):
            end = raw.find(b"\n", pos)
            end = len(raw) if end < 0 else end
            number += 1
            yield number, raw[pos:end].decode("utf-8").rstrip("\r"), pos, end
            pos = end + 1

    def _row(self, k: int) -> list[str]:
        if self._rows is not None:
            return _fields(self._rows[k])
        raw = self.data.read(self.offsets[k], self.lengths[k])
        return _fields(raw.decode("utf-8").rstrip("\r"))

    def alternatives(self, k: int) -> tuple[str, ...]:
        """A tab file's article whose head line lists several headwords where a converter
        kept dictd's index phrase (:func:`~workbench.dictionary.senses.listed_headwords`)."""
        definition = self._row(k)[1]
        if not _ARTICLE.search(definition):
            return ()
        return listed_headwords(_unescape(definition), self.headwords[k])

    def entry(self, k: int) -> DictEntry:
        fields = self._row(k)
        headword = _headwords(fields[0])[0]  # a synonym reads its article, as StarDict's
        if _ARTICLE.search(fields[1]):  # a tab file's article
            article = _unescape(fields[1])
            senses, ipa = article_senses(article, headword)
            return DictEntry(listed_head_line(article, headword), senses, ipa, self.name)
        note = fields[2] if len(fields) > 2 and fields[2] else ""
        senses = [s.strip() for s in re.split(r"[;\n]", fields[1]) if s.strip()]
        if note:
            senses = [f"{s} ({note})" for s in senses]
        return DictEntry(headword, tuple(senses), None, self.name)

    def close(self) -> None:
        self.data.close()
