"""Lingvo DSL dictionaries (``.dsl``, or dictzip'd ``.dsl.dz``), UTF-16 or UTF-8.

A card is one or more headword lines at the start of a line, then body lines that start
with a space or a tab. ``#NAME "..."`` and the other ``#`` lines are the header; ``{{...}}``
is a comment. In the body, ``[t]…[/t]`` is the transcription, ``[trn]``, ``[m1]``, ``[p]``,
``[c]``, ``[i]``… are markup: the senses are the body lines with their markup stripped
(labels ``[p]``, examples ``[ex]``, sounds ``[s]`` and pictures left out), ``~`` replaced
by the headword. In a headword, ``{…}`` is displayed but not indexed.
"""

from __future__ import annotations

import re
from array import array
from pathlib import Path

from workbench.dictionary.datafile import DataFile
from workbench.dictionary.model import DictEntry, DictionaryFile
from workbench.errors import InputError

_COMMENT = re.compile(r"\{\{.*?\}\}", re.S)
_DROP = re.compile(r"\[(s|ex|p|\*|url|video)\].*?\[/\1\]", re.S)
_TRANSCRIPTION = re.compile(r"\[t\](.*?)\[/t\]", re.S)
_TAG = re.compile(r"\[/?[a-z*'!]+\d*(?:\s[^\]]*)?\]")
_ESCAPED = re.compile(r"\\(.)")
_UNSORTED = re.compile(r"\{.*?\}")
_NUMBER = re.compile(r"^\s*(?:\d+|[a-zа-я])\s*[.)]\s*")


def _encoding(head: bytes) -> tuple[str, int]:
    """The text encoding of a DSL file and the length of its byte-order mark."""
    if head.startswith(b"\xff\xfe"):
        return "utf-16-le", 2
    if head.startswith(b"\xfe\xff"):
        return "utf-16-be", 2
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8", 3
    if len(head) >= 4 and head[1] == 0 and head[3] == 0:
        return "utf-16-le", 0
    return "utf-8", 0


def _unescape(text: str) -> str:
    return _ESCAPED.sub(r"\1", text)


def index_headword(line: str) -> str:
    """A headword line as it is looked up: ``{…}`` parts and escapes out."""
    return " ".join(_unescape(_UNSORTED.sub("", line)).split())


def display_headword(line: str) -> str:
    """A headword line as shown: braces out, their text kept."""
    return " ".join(_unescape(line.replace("{", "").replace("}", "")).split())


class DslFile(DictionaryFile):
    """A Lingvo DSL dictionary: one pass builds the card index, cards are read on demand."""

    format = "dsl"

    def __init__(self, path: Path) -> None:
        super().__init__(path=path)
        self.data = DataFile(path)
        raw = b"".join(self.data.blocks())
        self.encoding, bom = _encoding(raw[:4])
        try:
            text = raw[bom:].decode(self.encoding)
        except UnicodeDecodeError as exc:
            line = raw[: exc.start + bom].count(b"\n") + 1
            raise InputError(path, f"not valid {self.encoding}", line=line) from None
        del raw
        if "\x00" in text:  # valid UTF-8, but no text
            line = text.count("\n", 0, text.index("\x00")) + 1
            raise InputError(path, "binary data (a NUL character), not a DSL text file",
                             line=line)
        self.offsets = array("q")  # byte offset and length of every card
        self.lengths = array("q")
        self.card_of = array("q")  # card of every headword
        self.headwords = []
        self.name = ""
        byte = bom
        card_start: int | None = None
        card_end = bom
        in_body = False
        header_lines = 0
        width = 1 if self.encoding == "utf-8" else 2
        for number, line in enumerate(text.split("\n"), start=1):
            size = (len(line.encode(self.encoding)) if width == 1 or not line.isascii()
                    else 2 * len(line)) + width
            stripped = line.rstrip("\r")
            if stripped.startswith("#") and card_start is None:
                header_lines += 1
                if stripped.startswith("#NAME"):
                    self.name = stripped[5:].strip().strip('"')
            elif not stripped.strip():
                pass
            elif stripped[0] in " \t":
                if card_start is None:
                    raise InputError(path, "a card body before any headword", line=number)
                in_body = True
                card_end = byte + size
            else:  # a headword line: a new card unless it follows another headword line
                if in_body or card_start is None:
                    self._close_card(card_start, card_end)
                    card_start = byte
                    in_body = False
                word = index_headword(_COMMENT.sub("", stripped))
                if word:
                    self.headwords.append(word)
                    self.card_of.append(len(self.offsets))
                card_end = byte + size
            byte += size
        self._close_card(card_start, card_end)
        if not self.headwords:
            raise InputError(path, "no cards (not a DSL dictionary?)")
        if not in_body:
            raise InputError(path, "truncated: the last card has no body")
        self.name = self.name or path.name.removesuffix(".dz").removesuffix(".dsl")

    def _close_card(self, start: int | None, end: int) -> None:
        if start is not None:
            self.offsets.append(start)
            self.lengths.append(end - start)

    def entry(self, k: int) -> DictEntry:
        card = self.card_of[k]
        raw = self.data.read(self.offsets[card], self.lengths[card])
        text = _COMMENT.sub("", raw.decode(self.encoding, "replace"))
        heads: list[str] = []
        raw_heads: list[str] = []
        senses: list[str] = []
        pronunciation: str | None = None
        for line in text.split("\n"):
            line = line.rstrip("\r")
            if not line.strip():
                continue
            if line[0] not in " \t":
                heads.append(display_headword(line))
                raw_heads.append(index_headword(line))
                continue
            body = line.strip()
            if body.startswith("@"):
                continue  # a sub-entry's own headword
            found = _TRANSCRIPTION.search(body)
            if found and pronunciation is None:
                pronunciation = _unescape(_TAG.sub("", found.group(1))).strip() or None
            body = _TRANSCRIPTION.sub("", body)
            body = _DROP.sub("", body)
            body = _unescape(_TAG.sub("", body))
            head = heads[0] if heads else self.headwords[k]
            body = body.replace("~", head)
            body = _NUMBER.sub("", " ".join(body.split())).strip(" ;,")
            if body:
                senses.append(body)
        headword = self.headwords[k]
        shown = next((h for h, r in zip(heads, raw_heads, strict=True) if r == headword),
                     headword)
        return DictEntry(shown, tuple(dict.fromkeys(senses)), pronunciation, self.name)

    def close(self) -> None:
        self.data.close()
