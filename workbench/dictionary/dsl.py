"""Lingvo DSL dictionaries (``.dsl``, or dictzip'd ``.dsl.dz``), UTF-16 or UTF-8 (or an
Arabic code page, Windows-1256 or ISO-8859-6, when the text reads as Arabic there, as TSV
and glossary files are read).

A card is one or more headword lines at the start of a line, then body lines that start
with a space or a tab. ``#NAME "..."`` and the other ``#`` lines are the header; ``{{...}}``
is a comment, which may run over several lines (a card inside one is not read). In the
body, ``[t]…[/t]`` is the transcription (not inside ``[trn]``: a translation's), ``[trn]``,
``[m1]``, ``[p]``, ``[c]``, ``[i]``…
are markup: the senses are the body lines with their markup stripped
(labels ``[p]``, sounds ``[s]`` and pictures left out; examples ``[ex]`` kept apart, as the
entry's examples; ``[*]…[/*]``, what Lingvo shows in its full mode only, read as the
rest), ``~`` replaced by the headword, ``<<…>>`` references kept as their text.
In a headword, ``{…}`` is displayed but not indexed, and ``(…)`` is an optional part:
``تحدث(ت)`` is found as تحدث and تحدثت.
A body line ``@ heading`` starts a sub-entry (a phrase with its own senses, in the word list
like a card) that runs to a line ``@`` alone, the next sub-entry or the card's end.
Converted from FreeDict, a headword line may list headwords (``آذار، مارس``), or a card's
first line copy FreeDict's head line with its ``/IPA/`` under dictd's index phrase: each
headword listed is a key, the copy no sense.
"""

from __future__ import annotations

import codecs
import re
from array import array
from collections.abc import Iterator
from itertools import chain
from pathlib import Path

from workbench.dictionary.datafile import DataFile
from workbench.dictionary.keycache import load_index, save_index
from workbench.dictionary.model import DictEntry, DictionaryFile
from workbench.dictionary.senses import head_alternatives, repeated_head
from workbench.errors import InputError
from workbench.text.script import ARABIC_LETTER
from workbench.textio import arabic_reading, truncated_character

_COMMENT = re.compile(r"\{\{.*?(?:\}\}|\Z)", re.S)  # a card's last one may close later
_DROP = re.compile(r"\[(s|ex|p|url|video)\].*?\[/\1\]", re.S)  # not [*]: shown in full mode
_DROP_NOT_EX = re.compile(r"\[(s|p|url|video)\].*?\[/\1\]", re.S)  # labels inside examples
_TRANSCRIPTION = re.compile(r"\[t\](.*?)\[/t\]", re.S)
_EXAMPLE = re.compile(r"\[ex\](.*?)\[/ex\]", re.S)
_TRANSLATION = re.compile(r"\[trn\].*?\[/trn\]", re.S)  # a [t] inside is a translation's
_TAG = re.compile(r"\[/?[a-z*'!]+\d*(?:\s[^\]]*)?\]")
_ESCAPED = re.compile(r"\\(.)")
_UNSORTED = re.compile(r"\{.*?\}")
# a tag opened or closed (not [m1]-[m9] or [/m], often left open; [*] may span lines)
_PAIRED = re.compile(r"(?<!\\)\[(/?)(?!m\d?\])([a-z']+)(?:\s[^\]]*)?\]")
# a sense number (1. 2) b.), not a.m., e.g., i.e. or 1.5
_NUMBER = re.compile(r"^\s*(?:(?:\d+|[a-zа-я])\s*[.)](?:\s+|$)|\d+\)\s*)")
_BULLET = re.compile(r"^[-–—•·]\s+")  # a run-on line's dash: "- [ref]phrase[/ref]"
_EMPTY_BRACKETS = re.compile(r"\s*(?:\[\s*\]|\(\s*\))")  # a transcription's, once it is out
_LETTER = re.compile(r"[^\W_]")
_OPTIONAL = re.compile(r"(?<!\\)\(((?:[^()\\]|\\.)*)(?<!\\)\)")
_REFERENCE = re.compile(r"(?<!\\)<<(.*?)(?<!\\)>>")
_TILDE = re.compile(r"(?<!\\)~")
MAX_OPTIONAL = 4  # optional parts of one headword expanded (2**4 variants)
_INDEX_VERSION = "dsl 1"  # raise when the card index's reading changes


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
    if len(head) >= 4 and head[0] == 0 and head[2] == 0:
        return "utf-16-be", 0
    return "utf-8", 0


def uncomment(line: str, inside: bool) -> tuple[str, bool]:
    """A line without its ``{{comments}}``, and whether a comment is open at its end
    (``inside``: one was open at its start)."""
    out: list[str] = []
    pos = 0
    while True:
        if inside:
            end = line.find("}}", pos)
            if end < 0:
                return "".join(out), True
            pos, inside = end + 2, False
        start = line.find("{{", pos)
        if start < 0:
            out.append(line[pos:])
            return "".join(out), False
        out.append(line[pos:start])
        pos, inside = start + 2, True


def _cut_in_markup(line: str) -> bool:
    """Whether a file's last line (the text after its last line break) ends inside markup,
    as a file cut short does: a bracket not closed, or a tag opened and not closed."""
    line = re.sub(r"\\.", "", line)  # escaped brackets are text
    if line.rfind("[") > line.rfind("]"):
        return True
    depth: dict[str, int] = {}
    for closing, name in _PAIRED.findall(line):
        depth[name] = depth.get(name, 0) + (-1 if closing else 1)
    return any(n > 0 for n in depth.values())


def _unescape(text: str) -> str:
    return _ESCAPED.sub(r"\1", text)


_SHELTER = 0xF0000  # an escaped character's place in the private use planes while tags go
_SHELTERED = re.compile("[\U000F0000-\U0010FFFD]")


def _shelter(body: str) -> str:
    """A body line with its escaped characters (``\\[note with spaces\\]``) moved out of the
    way of the tag expressions, which took ``[note with spaces\\]`` for a tag."""
    return _ESCAPED.sub(lambda m: chr(_SHELTER + ord(m.group(1)))
                        if ord(m.group(1)) < 0x1FFFE else m.group(0), body)


def _unshelter(text: str) -> str:
    """The characters :func:`_shelter` moved, back as themselves."""
    return _SHELTERED.sub(lambda m: chr(ord(m.group()) - _SHELTER), text)


def _plain(markup: str, tilde: str) -> str:
    """A body line's text: markup off, references as their text, ``~`` as ``tilde``, a sense
    number or a run-on line's dash off, the brackets a transcription left empty out; ``""``
    for a line without a letter or digit (a bullet ``[*]•[/*]`` alone)."""
    text = _unshelter(_unescape(
        _TILDE.sub(tilde, _REFERENCE.sub(r"\1", _TAG.sub("", markup)))))
    text = _BULLET.sub("", _NUMBER.sub("", " ".join(_EMPTY_BRACKETS.sub("", text).split())))
    return text.strip(" ;,") if _LETTER.search(text) else ""


def index_headwords(line: str) -> list[str]:
    """A headword line as it is looked up: ``{…}`` parts and escapes out, every variant of
    its optional ``(…)`` parts (with and without each)."""
    variants = [_UNSORTED.sub("", line)]
    for _ in range(MAX_OPTIONAL):
        found = [_OPTIONAL.search(v) for v in variants]
        if not any(found):
            break
        variants = [w for v, f in zip(variants, found, strict=True) for w in (
            (v[: f.start()] + f.group(1) + v[f.end():], v[: f.start()] + v[f.end():])
            if f else (v,))]
    words = (" ".join(_unescape(v).split()) for v in variants)
    return [w for w in dict.fromkeys(words) if w]


def _subentry(body: str) -> str | None:
    """The heading of a body line that opens a sub-entry (``""`` for the closing ``@``), or
    None for any other line."""
    text = _TAG.sub("", body).strip()
    return text[1:].strip() if text.startswith("@") else None


def display_headword(line: str) -> str:
    """A headword line as shown: braces out, their text kept (without the tags they may
    hold: ``{[sup]}1{[/sup]}``), escaped braces kept."""
    shown = _TAG.sub("", _shelter(line)).replace("{", "").replace("}", "")
    return " ".join(_unshelter(shown).split())


class _NotUtf8(Exception):
    """A UTF-8 file without a byte-order mark that does not decode, at ``line``."""

    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


class DslFile(DictionaryFile):
    """A Lingvo DSL dictionary: one pass builds the card index, cards are read on demand."""

    format = "dsl"

    def __init__(self, path: Path) -> None:
        super().__init__(path=path)
        self.data = DataFile(path)
        cached = load_index([path], "dsl", _INDEX_VERSION)
        if cached is not None:  # the card index of an earlier process (a large DSL: seconds)
            self.headwords, arrays, values = cached
            self.offsets, self.lengths, self.card_of, self.sub_of = arrays
            self.name, self.encoding = values["name"], values["encoding"]
            return
        self._index(path)
        save_index([path], "dsl", _INDEX_VERSION, self.headwords,
                   [self.offsets, self.lengths, self.card_of, self.sub_of],
                   {"name": self.name, "encoding": self.encoding})

    def _index(self, path: Path) -> None:
        """Read the whole file once, line by line (never the whole text in memory: a 77 MB
        UTF-16 file peaked at 280 MB read whole): its cards' places and headwords. A UTF-8
        file without a byte-order mark that does not decode is read whole again as an Arabic
        code page, where it reads as one."""
        blocks = self.data.blocks()
        first = next(blocks, b"")
        self.encoding, bom = _encoding(first[:4])
        try:
            self._scan(path, bom, self._lines(path, chain((first[bom:],), blocks), bom))
        except _NotUtf8 as failed:
            raw = b"".join(self.data.blocks())
            arabic = arabic_reading(raw)
            if arabic is None:  # neither UTF-8 nor an Arabic code page
                raise InputError(path, "not valid utf-8", line=failed.line) from None
            text, self.encoding = arabic
            del raw
            self._scan(path, 0, iter(text.split("\n")))

    def _lines(self, path: Path, blocks: Iterator[bytes], bom: int) -> Iterator[str]:
        """The text of ``blocks`` (the file's after its byte-order mark, of ``bom`` bytes)
        split at each newline, the part after the last one too, decoded block by block."""
        decoder = codecs.getincrementaldecoder(self.encoding)()
        done, pending, wide = 0, "", False
        for block, final in chain(((b, False) for b in blocks), ((b"", True),)):
            try:
                text = decoder.decode(block, final)
            except UnicodeDecodeError as exc:
                line = done + exc.object[:exc.start].count(b"\n") + 1
                if final and (exc.reason == "truncated data" or  # UTF-16: an odd length
                              (exc.reason == "unexpected end of data" and wide)):
                    raise InputError(path, truncated_character(self.encoding),
                                     line=line) from None
                if self.encoding == "utf-8" and not bom:
                    raise _NotUtf8(line) from None
                raise InputError(path, f"not valid {self.encoding}", line=line) from None
            wide = wide or not text.isascii()  # UTF-8 of several bytes read: no code page
            lines = (pending + text).split("\n")
            pending = lines.pop()
            done += len(lines)
            yield from lines
        yield pending

    def _scan(self, path: Path, bom: int, lines: Iterator[str]) -> None:
        """Index the cards of the file's ``lines`` (see :meth:`_index`), the first starting
        after a byte-order mark of ``bom`` bytes."""
        self.offsets = array("q")  # byte offset and length of every card
        self.lengths = array("q")
        self.card_of = array("q")  # card of every headword
        self.sub_of = array("q")  # its sub-entry in the card, or -1 for the card itself
        self.headwords = []
        self.name = ""
        byte = bom
        card_start: int | None = None
        card_end = bom
        in_body = False
        width = 2 if self.encoding.startswith("utf-16") else 1
        in_comment = False
        number, line = 0, ""
        for number, line in enumerate(lines, start=1):
            if "\x00" in line:  # decodes, but no text
                raise InputError(path, "binary data (a NUL character), not a DSL text file",
                                 line=number)
            size = (len(line.encode(self.encoding)) if width == 1 or not line.isascii()
                    else 2 * len(line)) + width
            stripped = line.rstrip("\r")
            was_inside = in_comment
            visible, in_comment = uncomment(stripped, in_comment)
            if stripped.startswith("#") and card_start is None and not was_inside:
                if stripped.startswith("#NAME"):
                    self.name = stripped[5:].strip().strip('"')
            elif not stripped.strip():
                pass
            elif not visible.strip() and (was_inside or stripped[0] not in " \t"):
                pass  # a comment's own line (of a card commented out)
            elif stripped[0] in " \t":
                if card_start is None:
                    raise InputError(path, "a card body before any headword", line=number)
                if not in_body:
                    subs = 0
                in_body = True
                card_end = byte + size
                heading = _subentry(visible)
                if heading:
                    self._add_headwords(heading, subs)
                    subs += 1
            else:  # a headword line: a new card unless it follows another headword line
                if in_body or card_start is None:
                    self._close_card(card_start, card_end)
                    card_start = byte
                    in_body = False
                self._add_headwords(visible, -1)
                card_end = byte + size
            byte += size
        self._close_card(card_start, card_end)
        if not self.headwords:
            raise InputError(path, "no cards (not a DSL dictionary?)")
        if not in_body:
            raise InputError(path, "truncated: the last card has no body")
        if in_comment:
            raise InputError(path, "truncated: a {{comment}} is still open at the end")
        if _cut_in_markup(line):  # (the text after the last newline)
            raise InputError(path, "truncated: the last line ends inside a tag", line=number)
        self.name = self.name or path.name.removesuffix(".dz").removesuffix(".dsl")

    def _add_headwords(self, line: str, sub: int) -> None:
        for word in index_headwords(line):
            self.headwords.append(word)
            self.card_of.append(len(self.offsets))
            self.sub_of.append(sub)

    def _close_card(self, start: int | None, end: int) -> None:
        if start is not None:
            self.offsets.append(start)
            self.lengths.append(end - start)

    def alternatives(self, k: int) -> tuple[str, ...]:
        """The headwords one headword line lists, as a converter of FreeDict writes them
        (``آذار، مارس``, ``أكتوبر/تشرين الأول``), or its card's copy of FreeDict's head line
        under dictd's index phrase (headword أكتوبرتشرين الأول, ``[b]أكتوبر/تشرين الأول[/b]``):
        the card of an Arabic headword is read for it."""
        headword = self.headwords[k]
        if self.sub_of[k] >= 0 or not ARABIC_LETTER.search(headword):
            return head_alternatives(headword)
        card = self.card_of[k]
        text = self.data.read(self.offsets[card], self.lengths[card]).decode(self.encoding,
                                                                             "replace")
        first = next((line.strip() for line in _COMMENT.sub("", text).split("\n")
                      if line[:1] in " \t" and line.strip()), "")
        line = _plain(_DROP.sub("", _TRANSCRIPTION.sub("", _shelter(first))), headword)
        repeated = repeated_head(line, headword) if line else None
        return head_alternatives(repeated[0] if repeated else headword)

    def entry(self, k: int) -> DictEntry:
        card, wanted = self.card_of[k], self.sub_of[k]
        raw = self.data.read(self.offsets[card], self.lengths[card])
        text = _COMMENT.sub("", raw.decode(self.encoding, "replace"))
        headword = self.headwords[k]
        shown = headword
        card_head = ""  # what ``~`` stands for: the card's first headword
        senses: list[str] = []
        examples: list[str] = []
        pronunciation: str | None = None
        sub = -1  # the part of the card a line belongs to: -1 the card, else its sub-entry
        part = -1
        for line in text.split("\n"):
            line = line.rstrip("\r")
            if not line.strip():
                continue
            if line[0] not in " \t":
                card_head = card_head or display_headword(line)
                if wanted == -1 and headword in index_headwords(line):
                    shown = display_headword(line)
                continue
            heading = _subentry(line)
            if heading is not None:
                if heading:
                    sub += 1
                    part = sub
                    if part == wanted and headword in index_headwords(heading):
                        shown = display_headword(heading)
                else:
                    part = -1
                continue
            if part != wanted:
                continue
            body = _shelter(line.strip())
            found = _TRANSCRIPTION.search(_TRANSLATION.sub("", body))
            if found and pronunciation is None:
                pronunciation = _unshelter(_TAG.sub("", found.group(1))).strip() or None
            body = _TRANSCRIPTION.sub("", body)
            tilde = (card_head or shown).replace("\\", "\\\\")
            for example in _EXAMPLE.findall(_DROP_NOT_EX.sub("", body)):
                if text := _plain(example, tilde):
                    examples.append(text)
            body = _plain(_DROP.sub("", body), tilde)
            if body and index_headwords(body) != [headword]:  # not the headword again
                senses.append(body)
        repeated = repeated_head(senses[0], shown) if senses else None
        if repeated:  # a converter's copy of FreeDict's head line, ``كتاب /kitˈaːb/``
            del senses[0]
            pronunciation = pronunciation or repeated[1]
            if head_alternatives(repeated[0]):  # it lists headwords: shown as dictd shows it
                shown = repeated[0]
        return DictEntry(shown, tuple(dict.fromkeys(senses)), pronunciation, self.name,
                         tuple(dict.fromkeys(examples)))

    def close(self) -> None:
        self.data.close()
