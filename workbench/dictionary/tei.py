"""FreeDict TEI dictionaries (``.tei``, TEI P5 or P4, optionally gzip'd).

One pass over the bytes finds every ``<entry>`` and the ``<orth>`` headwords in it; an
entry's XML is parsed (safely: no DTD, no entities) only when it is looked up. Senses are
the translations (``cit[@type=trans]/quote``, P4's ``trans/tr``), else the definitions.
"""

from __future__ import annotations

import html
import re
from array import array
from pathlib import Path

from workbench.dictionary.datafile import DataFile
from workbench.dictionary.model import DictEntry, DictionaryFile
from workbench.errors import InputError
from workbench.formats.safexml import local, parse

_ENTRY = re.compile(rb"<entry[\s>/]")
_ORTH = re.compile(rb"<orth(?:\s[^>]*)?>(.*?)</orth>", re.S)
_TITLE = re.compile(rb"<title(?:\s[^>]*)?>(.*?)</title>", re.S)
_TAGS = re.compile(r"<[^>]+>")
_WRAP = b'<r xmlns="http://www.tei-c.org/ns/1.0">'


def _text(raw: bytes) -> str:
    return " ".join(html.unescape(_TAGS.sub("", raw.decode("utf-8", "replace"))).split())


class TeiFile(DictionaryFile):
    """A FreeDict TEI dictionary with an in-memory index of its entries' byte ranges."""

    format = "tei"

    def __init__(self, path: Path) -> None:
        super().__init__(path=path)
        self.data = DataFile(path)
        raw = b"".join(self.data.blocks())
        if b"<TEI" not in raw[:4096] and b"<tei" not in raw[:4096].lower():
            raise InputError(path, "not a TEI document (no <TEI> root)")
        if not raw.rstrip().endswith(b">") or (b"</TEI" not in raw[-4096:] and b"</tei" not in \
                raw[-4096:].lower()):
            raise InputError(path, "truncated: the document does not end with </TEI>")
        self.offsets = array("q")
        self.lengths = array("q")
        self.card_of = array("q")
        self.headwords = []
        body_at = raw.find(b"<body")
        title = _TITLE.search(raw, 0, body_at if body_at > 0 else len(raw))
        self.name = _text(title.group(1)) if title else ""
        for match in _ENTRY.finditer(raw, max(body_at, 0)):
            start = match.start()
            end = raw.find(b"</entry>", start)
            if end < 0:
                line = raw[:start].count(b"\n") + 1
                raise InputError(path, "an <entry> without its </entry>", line=line)
            end += len(b"</entry>")
            card = len(self.offsets)
            self.offsets.append(start)
            self.lengths.append(end - start)
            for orth in _ORTH.finditer(raw, start, end):
                word = _text(orth.group(1))
                if word:
                    self.headwords.append(word)
                    self.card_of.append(card)
        if not self.headwords:
            raise InputError(path, "no <entry> with an <orth> headword")
        self.name = self.name or path.name.split(".")[0]

    def entry(self, k: int) -> DictEntry:
        card = self.card_of[k]
        raw = self.data.read(self.offsets[card], self.lengths[card])
        root = parse(_WRAP + raw + b"</r>", self.path)
        entry = root[0]
        pronunciation = None
        translations: list[str] = []
        definitions: list[str] = []
        for el in entry.iter():
            name = local(el.tag)
            text = " ".join("".join(el.itertext()).split())
            if not text:
                continue
            if name == "pron" and pronunciation is None:
                pronunciation = text
            elif (name == "quote" and _is_translation(el)) or name == "tr":
                translations.append(text)
            elif name == "def":
                definitions.append(text)
        senses = tuple(dict.fromkeys(translations or definitions))
        return DictEntry(self.headwords[k], senses, pronunciation, self.name)

    def close(self) -> None:
        self.data.close()


def _is_translation(quote: object) -> bool:
    parent = quote.getparent()  # type: ignore[attr-defined]
    while parent is not None:
        if local(parent.tag) == "cit":
            return parent.get("type") in ("trans", "translation", None)
        if local(parent.tag) in ("sense", "entry"):
            return False
        parent = parent.getparent()
    return False
