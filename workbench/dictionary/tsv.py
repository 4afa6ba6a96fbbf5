"""Tab-separated dictionaries: ``Arabic<TAB>English[<TAB>note]``, one sense a row.

UTF-8 (a BOM is accepted); ``#`` starts a comment line; a first row whose first field is
``arabic``, ``source`` or ``term`` is a header. English alternatives in one cell may be
separated by ``;``. The rows' byte ranges are indexed; rows are read on demand.

A *tab file* as StarDict's ``tabfile`` and pyglossary write it is read too: a definition
holding HTML or ``\\n`` escapes is an article (a head line, numbered senses), and a
``##name`` line names the dictionary.
"""

from __future__ import annotations

import re
from array import array
from pathlib import Path

from workbench.dictionary.datafile import DataFile
from workbench.dictionary.model import DictEntry, DictionaryFile
from workbench.dictionary.senses import article_senses
from workbench.errors import InputError

_HEADERS = frozenset({"arabic", "ar", "source", "term", "headword"})
_ESCAPES = {"n": "\n", "t": "\t", "\\": "\\"}
_ARTICLE = re.compile(r"<[a-zA-Z/][^>]*>|\\n")


def _unescape(text: str) -> str:
    """A tab file's ``\\n``, ``\\t`` and ``\\\\`` as the characters."""
    return re.sub(r"\\([nt\\])", lambda m: _ESCAPES[m.group(1)], text)


class TsvFile(DictionaryFile):
    """A TSV dictionary."""

    format = "tsv"

    def __init__(self, path: Path) -> None:
        super().__init__(path=path)
        self.data = DataFile(path)
        raw = b"".join(self.data.blocks())
        self.offsets = array("q")
        self.lengths = array("q")
        self.headwords = []
        pos = 3 if raw.startswith(b"\xef\xbb\xbf") else 0
        number = 0
        while pos < len(raw):
            end = raw.find(b"\n", pos)
            end = len(raw) if end < 0 else end
            number += 1
            line = raw[pos:end]
            start, pos = pos, end + 1
            try:
                text = line.decode("utf-8").rstrip("\r")
            except UnicodeDecodeError:
                raise InputError(path, "not UTF-8", line=number) from None
            if "\x00" in text:
                raise InputError(path, "binary data (a NUL character), not a text file",
                                 line=number)
            if text.startswith("##name\t"):
                self.name = text.split("\t", 1)[1].strip()
            if not text.strip() or text.lstrip().startswith("#"):
                continue
            fields = text.split("\t")
            if len(fields) < 2:
                raise InputError(path, "no tab: expected Arabic<TAB>English[<TAB>note]",
                                 line=number)
            if not self.headwords and fields[0].strip().casefold() in _HEADERS:
                continue
            if not fields[0].strip() or not fields[1].strip():
                raise InputError(path, "an empty Arabic or English field", line=number)
            self.headwords.append(fields[0].strip())
            self.offsets.append(start)
            self.lengths.append(end - start)
        if not self.headwords:
            raise InputError(path, "no entries")
        self.name = self.name or path.stem

    def entry(self, k: int) -> DictEntry:
        text = self.data.read(self.offsets[k], self.lengths[k]).decode("utf-8").rstrip("\r")
        fields = [f.strip() for f in text.split("\t")]
        if _ARTICLE.search(fields[1]):  # a tab file's article
            senses, ipa = article_senses(_unescape(fields[1]), self.headwords[k])
            return DictEntry(self.headwords[k], senses, ipa, self.name)
        note = fields[2] if len(fields) > 2 and fields[2] else ""
        senses = [s.strip() for s in fields[1].split(";") if s.strip()]
        if note:
            senses = [f"{s} ({note})" for s in senses]
        return DictEntry(self.headwords[k], tuple(senses), None, self.name)

    def close(self) -> None:
        self.data.close()
