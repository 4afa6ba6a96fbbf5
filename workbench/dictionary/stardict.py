"""StarDict dictionaries: ``NAME.ifo`` + ``NAME.idx`` (or ``.idx.gz``) + ``NAME.dict[.dz]``,
with an optional ``NAME.syn`` (or dictzip'd ``NAME.syn.dz``) of synonyms.

``.idx`` holds ``word\\0`` followed by the article's offset (32 bits, or 64 with
``idxoffsetbits=64``) and size (32 bits), big-endian; ``.syn`` holds ``word\\0`` followed by
the 32-bit number of an ``.idx`` entry. An article is a sequence of typed fields, one type
letter each (``sametypesequence`` in the ``.ifo`` when every article has the same types):
``m`` plain text, ``t`` phonetic, ``h`` HTML, ``x`` XDXF, ``g`` Pango markup, ``l``/``y``/``k``
/``w`` text; upper-case types are binary (size first) and skipped.
"""

from __future__ import annotations

import gzip
import re
import struct
import sys
import zlib
from array import array
from operator import add, itemgetter
from pathlib import Path

from workbench.dictionary.datafile import DataFile
from workbench.dictionary.model import DictEntry, DictionaryFile
from workbench.dictionary.senses import (
    head_alternatives,
    listed_head_line,
    listed_headwords,
    markup_senses,
    plain_senses,
    xdxf_examples,
    xdxf_senses,
)
from workbench.errors import InputError

_TEXT_TYPES = frozenset("mlgtxykwh")
_MARKUP_TYPES = frozenset("ghxw")


def read_ifo(path: Path) -> dict[str, str]:
    """The ``key=value`` lines of an ``.ifo`` file (its first line is the magic)."""
    try:
        data = path.read_bytes().removeprefix(b"\xef\xbb\xbf")
    except OSError as exc:
        raise InputError(path, f"cannot read ({exc.strerror})") from None
    if not data.startswith(b"StarDict's dict ifo file"):  # a PNG, a UTF-16 file...
        raise InputError(path, "not a StarDict .ifo file", line=1)
    try:
        lines = data.decode("utf-8").splitlines()
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset "
                               f"{exc.start})", data.count(b"\n", 0, exc.start) + 1) from None
    out: dict[str, str] = {}
    for line in lines[1:]:
        key, sep, value = line.partition("=")
        if sep:
            out[key.strip()] = value.strip()
    return out


Index = tuple[list[str], array, array]  # headwords, offsets, lengths


def _parse_index(raw: bytes, fields: struct.Struct) -> Index | None:
    """An ``.idx`` read at C speed (one expression for its entries, one array for their
    numbers); None when the entries do not cover the file exactly (then read slowly, which
    names the damage)."""
    entries = re.findall(rb"([^\0]*)\0(.{%d})" % fields.size, raw, re.S)
    words = list(map(itemgetter(0), entries))
    if sum(map(len, words)) + len(words) * (1 + fields.size) != len(raw):
        return None
    joined = b"\n".join(words).decode("utf-8", "replace").split("\n")
    heads = joined if len(joined) == len(words) and words else [
        w.decode("utf-8", "replace") for w in words]
    numbers = b"".join(map(itemgetter(1), entries))
    if fields.size == 8:  # 32-bit offsets: offset, size, offset, size...
        both = array("I")
        if both.itemsize != 4:
            return None
        both.frombytes(numbers)
        if sys.byteorder == "little":
            both.byteswap()
        return heads, array("q", both[0::2]), array("q", both[1::2])
    pairs = list(fields.iter_unpack(numbers))
    return heads, array("q", (o for o, _ in pairs)), array("q", (n for _, n in pairs))


def _parse_index_slowly(raw: bytes, fields: struct.Struct, idx: Path) -> Index:
    """An ``.idx`` entry by entry: where it is damaged, the byte and entry are named."""
    heads: list[str] = []
    offsets, lengths = array("q"), array("q")
    pos, step, total = 0, fields.size, len(raw)
    while pos < total:
        end = raw.find(b"\0", pos)
        if end < 0 or end + 1 + step > total:
            raise InputError(idx, f"truncated at byte {pos} (entry {len(heads)})")
        offset, length = fields.unpack_from(raw, end + 1)
        heads.append(raw[pos:end].decode("utf-8", "replace"))
        offsets.append(offset)
        lengths.append(length)
        pos = end + 1 + step
    return heads, offsets, lengths


class StarDictFile(DictionaryFile):
    """A StarDict dictionary (index and synonyms in memory, articles read on demand)."""

    format = "stardict"

    def __init__(self, ifo: Path, idx: Path, data: Path, syn: Path | None) -> None:
        super().__init__(path=ifo)
        info = read_ifo(ifo)
        self.name = info.get("bookname") or ifo.stem
        self.types = info.get("sametypesequence", "")
        bits = info.get("idxoffsetbits", "32")
        offset_format = ">Q" if bits == "64" else ">I"
        self.data = DataFile(data)
        self._files = [ifo, idx, data] + ([syn] if syn is not None else [])
        raw = self._read_index(idx)
        fields = struct.Struct(">" + offset_format[1] + "I")  # offset and size
        parsed = _parse_index(raw, fields) or _parse_index_slowly(raw, fields, idx)
        self.headwords, self.offsets, self.lengths = parsed
        heads = self.headwords
        count = info.get("wordcount")
        if count and count.isdigit() and int(count) != len(self.headwords):
            raise InputError(idx, f"holds {len(self.headwords)} words, the .ifo says {count} "
                             "(truncated?)")
        size = self.data.size
        if size and self.offsets and max(map(add, self.offsets, self.lengths)) > size:
            raise InputError(data, "truncated: articles run past the end of the data")
        self.target = array("q", range(len(heads)))
        if syn is not None:
            self._read_syn(syn)
        if not self.headwords:
            raise InputError(idx, "no headwords in the index")

    @staticmethod
    def _read_index(idx: Path) -> bytes:
        try:
            if idx.name.endswith((".gz", ".dz")):
                with gzip.open(idx, "rb") as fh:
                    return fh.read()
            return idx.read_bytes()
        except (OSError, EOFError) as exc:
            raise InputError(idx, f"cannot read ({exc})") from None
        except zlib.error as exc:
            raise InputError(idx, f"corrupt gzip data ({exc})") from None

    def _read_syn(self, syn: Path) -> None:
        raw = self._read_index(syn)  # a .syn.dz (pyglossary's) is gzip, as an .idx.gz
        main = len(self.offsets)
        pos = 0
        while pos < len(raw):
            end = raw.find(b"\0", pos)
            if end < 0 or end + 5 > len(raw):
                raise InputError(syn, f"truncated at byte {pos}")
            target = struct.unpack_from(">I", raw, end + 1)[0]
            if target >= main:
                raise InputError(syn, f"synonym at byte {pos} points to entry {target} of {main}")
            self.headwords.append(raw[pos:end].decode("utf-8", "replace"))
            self.target.append(target)
            pos = end + 5

    def files(self) -> list[Path]:
        return list(self._files)

    def _article(self, main: int) -> bytes:
        raw = self.data.read(self.offsets[main], self.lengths[main])
        if len(raw) < self.lengths[main]:
            raise InputError(self.data.path, "truncated: an article runs past the end")
        return raw

    def _first_text(self, raw: bytes) -> str:
        """The article's first text field (its head line is there)."""
        for kind, body in self._fields(raw):
            if kind in _TEXT_TYPES and kind not in "tx":
                return body.decode("utf-8", "replace")
        return ""

    def alternatives(self, k: int) -> tuple[str, ...]:
        """The headwords an article's head line lists where a converter kept dictd's index
        phrase as the headword (:func:`~workbench.dictionary.senses.listed_headwords`), or
        that the headword itself lists as written (``آذار، مارس``; ``الجعل (حشرة)``: its note
        out)."""
        if k >= len(self.offsets):  # a synonym
            return ()
        headword = self.headwords[k]
        listed = listed_headwords(self._first_text(self._article(k)), headword)
        return tuple(dict.fromkeys(listed + head_alternatives(headword)))

    def entry(self, k: int) -> DictEntry:
        main = self.target[k]
        raw = self._article(main)
        headword = self.headwords[main]
        pronunciation: str | None = None
        senses: list[str] = []
        examples: tuple[str, ...] = ()
        for kind, body in self._fields(raw):
            if kind not in _TEXT_TYPES:
                continue
            text = body.decode("utf-8", "replace")
            if kind == "t":
                pronunciation = pronunciation or text.strip() or None
                continue
            if kind == "x":
                found, ipa = xdxf_senses(text, headword)
                examples += xdxf_examples(text)
            elif kind in _MARKUP_TYPES:
                found, ipa = markup_senses(text, headword)
            else:
                found, ipa = plain_senses(text, headword)
            senses.extend(found)
            pronunciation = pronunciation or ipa
        headword = listed_head_line(self._first_text(raw), headword)  # as dictd shows it
        return DictEntry(headword, tuple(dict.fromkeys(senses)), pronunciation, self.name,
                         examples)

    def _fields(self, raw: bytes) -> list[tuple[str, bytes]]:
        out: list[tuple[str, bytes]] = []
        pos = 0
        if self.types:
            for n, kind in enumerate(self.types):
                last = n == len(self.types) - 1
                pos = self._field(raw, pos, kind, last, out)
            return out
        while pos < len(raw):
            kind = chr(raw[pos])
            pos = self._field(raw, pos + 1, kind, False, out)
        return out

    def _field(self, raw: bytes, pos: int, kind: str, last: bool, out: list) -> int:
        if kind.isupper():
            if last:
                out.append((kind, raw[pos:]))
                return len(raw)
            size = struct.unpack_from(">I", raw, pos)[0] if pos + 4 <= len(raw) else 0
            out.append((kind, raw[pos + 4 : pos + 4 + size]))
            return pos + 4 + size
        if last:
            out.append((kind, raw[pos:]))
            return len(raw)
        end = raw.find(b"\0", pos)
        end = len(raw) if end < 0 else end
        out.append((kind, raw[pos:end]))
        return end + 1

    def close(self) -> None:
        self.data.close()
