"""FreeDict TEI dictionaries (``.tei``, TEI P5 or P4, optionally gzip'd).

One pass over the bytes finds every ``<entry>`` and the ``<orth>`` headwords in it (one
listing several, ``آذار، مارس``, gives each its own key); an entry's XML is parsed (safely:
no DTD, no entities) only when it is looked up. Senses are the translations
(``cit[@type=trans]/quote``, TEI Lex-0's ``translationEquivalent``, P4's ``trans/tr``), and
the definitions (``def``) of a ``<sense>`` without any. An example's translation
(``cit[@type=example]``, or ``dicteg`` as FreeDict's P4-to-P5 converter writes it; P4's
``eg``) is no sense: the example and its translation are the entry's examples. A related
entry (``<re>``: a phrase or compound in the entry) is a headword of its own with its own
senses, as FreeDict's own dictd conversion shows it. The text encoding is the XML
declaration's (FreeDict's older files are ISO-8859-1).
"""

from __future__ import annotations

import bisect
import codecs
import html
import re
from array import array
from collections.abc import Callable
from pathlib import Path

from workbench.dictionary.datafile import DataFile
from workbench.dictionary.model import DictEntry, DictionaryFile
from workbench.dictionary.senses import head_alternatives
from workbench.errors import InputError
from workbench.formats.safexml import local, parse, refuse_general_entities

_ENTRY = re.compile(rb"<entry[\s>/]")
_ORTH = re.compile(rb"<orth(?:\s[^>]*)?>(.*?)</orth>", re.S)
_RELATED = re.compile(rb"<re(?:\s[^>]*)?>.*?</re>", re.S)
_CIT = re.compile(rb"<cit(?:\s[^>]*)?>.*?</cit>", re.S)
_COMMENT = re.compile(rb"<!--.*?-->", re.S)
_TITLE = re.compile(rb"<title(?:\s[^>]*)?>(.*?)</title>", re.S)
_DECLARATION = re.compile(rb"<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")
_TAGS = re.compile(r"<[^>]+>")
_TRANSLATION = frozenset({"trans", "translation", "translationEquivalent", None})
# P4's <eg>, P5's cit type="example", and type="dicteg" (FreeDict's P4-to-P5 converter)
_EXAMPLE = frozenset({"eg", "example", "dicteg"})


def _encoding(path: Path, head: bytes) -> str:
    """The declared encoding, if the byte scan can read it (ASCII-compatible); else refused."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or head[1:4:2] == b"\x00\x00":
        raise InputError(path, "UTF-16 TEI is not supported: convert it to UTF-8")
    found = _DECLARATION.search(head[:200])
    if not found:
        return "utf-8"
    name = found.group(1).decode("ascii")
    try:
        info = codecs.lookup(name)
    except LookupError:
        raise InputError(path, f"unknown encoding {name!r} in the XML declaration",
                         line=1) from None
    if b"<entry".decode(info.name, "replace") != "<entry":
        raise InputError(path, f"{name} TEI is not supported: convert it to UTF-8", line=1)
    return info.name


class TeiFile(DictionaryFile):
    """A FreeDict TEI dictionary with an in-memory index of its entries' byte ranges."""

    format = "tei"

    def __init__(self, path: Path) -> None:
        super().__init__(path=path)
        self.data = DataFile(path)
        with self.data.mapped() as raw:
            self._index(path, raw)
        self.name = self.name or path.name.split(".")[0]

    def _index(self, path: Path, raw: bytes) -> None:
        """Find the entries and their headwords in the document's bytes ``raw``."""
        head, tail = raw[:4096], raw[-4096:]
        self.encoding = _encoding(path, head[:200])
        if b"<TEI" not in head and b"<tei" not in head.lower():
            raise InputError(path, "not a TEI document (no <TEI> root)")
        if not tail.rstrip().endswith(b">") or (b"</TEI" not in tail
                                                and b"</tei" not in tail.lower()):
            raise InputError(path, "truncated: the document does not end with </TEI>")
        self.offsets = array("q")
        self.lengths = array("q")
        self.card_of = array("q")
        self.sub_of = array("q")  # the headword's related entry (<re>) in its entry, or -1
        self.headwords = []
        body_at = raw.find(b"<body")
        # entries are parsed one by one, without the prolog: its general entities are refused
        refuse_general_entities(path, raw[:body_at if body_at > 0 else 65536])
        title = _TITLE.search(raw, 0, body_at if body_at > 0 else len(raw))
        self.name = self._text(title.group(1)) if title else ""
        commented = _in_comment(raw, max(body_at, 0))
        for match in _ENTRY.finditer(raw, max(body_at, 0)):
            start = match.start()
            if commented(start):  # an entry commented out is no entry
                continue
            end = raw.find(b"</entry>", start)
            while end >= 0 and commented(end):
                end = raw.find(b"</entry>", end + 1)
            if end < 0:
                line = raw[:start].count(b"\n") + 1
                raise InputError(path, "an <entry> without its </entry>", line=line)
            end += len(b"</entry>")
            card = len(self.offsets)
            self.offsets.append(start)
            self.lengths.append(end - start)
            related = [m.span() for m in _RELATED.finditer(raw, start, end)]
            quoted = [m.span() for m in _CIT.finditer(raw, start, end)]
            for orth in _ORTH.finditer(raw, start, end):
                word = self._text(orth.group(1))
                at = orth.start()
                # neither a translation's form nor commented out
                if word and not commented(at) and not any(a <= at < b for a, b in quoted):
                    sub = next((j for j, (a, b) in enumerate(related) if a <= at < b), -1)
                    self.headwords.append(word)
                    self.card_of.append(card)
                    self.sub_of.append(sub)
        if not self.headwords:
            raise InputError(path, "no <entry> with an <orth> headword")

    def _text(self, raw: bytes) -> str:
        text = raw.decode(self.encoding, "replace")
        return " ".join(html.unescape(_TAGS.sub("", text)).split())

    def alternatives(self, k: int) -> tuple[str, ...]:
        """The headwords one ``<orth>`` lists (FreeDict ara-eng's ``آذار، مارس``,
        ``أكتوبر/تشرين الأول``; ``أسيكلوفر (مضاد للفيروس)`` without its note)."""
        return head_alternatives(self.headwords[k])

    def entry(self, k: int) -> DictEntry:
        card, wanted = self.card_of[k], self.sub_of[k]
        raw = self.data.read(self.offsets[card], self.lengths[card])
        wrap = (f'<?xml version="1.0" encoding="{self.encoding}"?>'
                '<r xmlns="http://www.tei-c.org/ns/1.0">').encode("ascii")
        try:
            entry = parse(wrap + raw + b"</r>", self.path)[0]
        except InputError as exc:  # its line in the entry: the file's line instead
            if exc.line is None:
                raise
            first = self.data.read(0, self.offsets[card]).count(b"\n")
            raise InputError(self.path, exc.reason, line=first + exc.line) from None
        part = entry
        if wanted >= 0:
            related = [el for el in entry.iter() if local(el.tag) == "re"]
            part = related[wanted] if wanted < len(related) else entry
        pronunciation = None
        found: list[tuple[object, bool, str]] = []  # (its <sense>, a translation?, text)
        for el in part.iter():
            name = local(el.tag)
            if name not in ("pron", "quote", "tr", "orth", "def") or _outside(el, part):
                continue
            text = " ".join("".join(el.itertext()).split())
            if not text:
                continue
            if name == "pron" and pronunciation is None:
                pronunciation = text
            elif name in ("quote", "tr", "orth") and _is_translation(el):
                found.append((_sense_of(el, part), True, text))
            elif name == "def":
                found.append((_sense_of(el, part), False, text))
        translated = {id(sense) for sense, translation, _ in found if translation}
        senses = tuple(dict.fromkeys(text for sense, translation, text in found
                                     if translation or id(sense) not in translated))
        examples = [_example(el) for el in part.iter()
                    if _is_example(el) and not _outside(el, part)]
        return DictEntry(self.headwords[k], senses, pronunciation, self.name,
                         tuple(dict.fromkeys(e for e in examples if e)))

    def close(self) -> None:
        self.data.close()


def _in_comment(raw: bytes, start: int) -> Callable[[int], bool]:
    """Whether an offset of ``raw`` (from ``start`` on) lies inside an XML comment."""
    spans = [m.span() for m in _COMMENT.finditer(raw, start)]
    starts = [a for a, _ in spans]

    def inside(at: int) -> bool:
        i = bisect.bisect_right(starts, at) - 1
        return i >= 0 and at < spans[i][1]

    return inside


def _outside(el: object, part: object) -> bool:
    """Whether ``el`` belongs to a related entry (``<re>``) inside ``part`` (not ``part``'s
    own words), or to an example."""
    parent = el.getparent()  # type: ignore[attr-defined]
    while parent is not None and parent is not part:
        name = local(parent.tag)
        if name == "re" or name in _EXAMPLE or (name == "cit" and parent.get("type") in _EXAMPLE):
            return True
        parent = parent.getparent()
    return False


def _sense_of(el: object, part: object) -> object:
    """The ``<sense>`` ``el`` is in (the nearest), else ``part``."""
    parent = el.getparent()  # type: ignore[attr-defined]
    while parent is not None and parent is not part and local(parent.tag) != "sense":
        parent = parent.getparent()
    return part if parent is None else parent


def _is_example(el: object) -> bool:
    name = local(el.tag)  # type: ignore[attr-defined]
    return name in _EXAMPLE or (
        name == "cit" and el.get("type") in _EXAMPLE)  # type: ignore[attr-defined]


def _example(el: object) -> str:
    """An example as ``phrase — its translation``: its own quotes, then the quotes (or P4
    ``tr``) below it."""
    def text(node: object) -> str:
        return " ".join("".join(node.itertext()).split())  # type: ignore[attr-defined]

    own = [text(c) for c in el if local(c.tag) in ("quote", "q")]  # type: ignore[attr-defined]
    below = [text(d) for d in el.iter()  # type: ignore[attr-defined]
             if local(d.tag) in ("quote", "q", "tr") and d.getparent() is not el]
    return " — ".join(p for p in ("; ".join(filter(None, own)), "; ".join(filter(None, below)))
                      if p)


def _is_translation(el: object) -> bool:
    """A ``quote`` (or TEI Lex-0's ``orth``) in a translation ``cit``, or P4's ``tr``."""
    if local(el.tag) == "tr":  # type: ignore[attr-defined]
        return True
    parent = el.getparent()  # type: ignore[attr-defined]
    while parent is not None:
        if local(parent.tag) == "cit":
            return parent.get("type") in _TRANSLATION
        if local(parent.tag) in ("sense", "entry", "re"):
            return False
        parent = parent.getparent()
    return False
