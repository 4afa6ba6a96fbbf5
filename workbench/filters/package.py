"""Reading client files safely: size limits, zip packages checked before they are opened.

DOCX and ODT files are zip packages. Before any member is read, the central directory is
checked: how many members, their uncompressed sizes (each and in total) and their compression
ratios, duplicate names, encryption. A zip bomb is refused with one line naming the file;
nothing is decompressed first. Python's zip reader never returns more than a member's declared
size, so the checked sizes hold. Writing copies every member the filter did not change as it
was (name, order, date, compression, attributes; the same bytes once decompressed).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from workbench import openfiles
from workbench.errors import InputError
from workbench.filters.model import Rendering
from workbench.formats import safexml
from workbench.formats.model import primary_language
from workbench.text.script import has_arabic
from workbench.text.tags import strip_tags

MAX_FILE = 256 << 20
"""The largest client file read (bytes on disk)."""
MAX_MEMBERS = 10_000
MAX_MEMBER = 512 << 20
"""The largest uncompressed member of a package."""
MAX_TOTAL = 1 << 30
"""The largest uncompressed package, all members together."""
MAX_RATIO = 200
"""The highest compression ratio accepted for a member larger than RATIO_FLOOR once
uncompressed (XML compresses 5-30 times; a deflate bomb about 1,000 times)."""
RATIO_FLOOR = 8 << 20

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DC = "http://purl.org/dc/elements/1.1/"


def read_input(path: str | Path) -> bytes:
    """The bytes of a client file (refused when missing, too large or the open project)."""
    p = Path(path)
    if not p.is_file():
        raise InputError(p, "not a file" if p.exists() else "no such file")
    openfiles.refuse(p)
    try:
        size = p.stat().st_size
        if size > MAX_FILE:
            raise InputError(p, f"refused: {size:,} bytes; files over {MAX_FILE >> 20} MiB are "
                                "not read")
        return p.read_bytes()
    except OSError as exc:
        raise InputError(p, f"cannot read: {exc.strerror}") from None


def _size(n: int) -> str:
    return f"{n / (1 << 20):,.1f} MiB" if n >= 1 << 20 else f"{n:,} bytes"


class Package:
    """A zip package whose directory has been checked; members are read on demand."""

    def __init__(self, data: bytes, path: str | Path, what: str = "DOCX or ODT") -> None:
        self.path = str(path)
        if data.startswith(_OLE):
            raise InputError(path, "an encrypted or old binary Office file (.doc): open it and "
                                   "save it as .docx without a password")
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
            article = "an" if what[:1] in "AEIOU" else "a"  # an EPUB, an ODT
            raise InputError(path, f"not {article} {what} file (not a readable zip package: "
                                   f"{exc})") from None
        if len(infos) > MAX_MEMBERS:
            raise InputError(path, f"refused: {len(infos):,} members in the package (at most "
                                   f"{MAX_MEMBERS:,})")
        names: set[str] = set()
        total = 0
        for info in infos:
            if info.filename in names:
                raise InputError(path, f"refused: the package holds {info.filename!r} twice")
            names.add(info.filename)
            if info.flag_bits & 0x1:
                raise InputError(path, f"refused: {info.filename} is encrypted")
            size = info.file_size
            if size > MAX_MEMBER:
                raise InputError(path, f"refused: {info.filename} would unpack to {_size(size)} "
                                       f"(at most {_size(MAX_MEMBER)}): a zip bomb?")
            if size > RATIO_FLOOR and size > MAX_RATIO * max(1, info.compress_size):
                ratio = size / max(1, info.compress_size)
                raise InputError(path, f"refused: {info.filename} is compressed {ratio:,.0f} "
                                       f"times (at most {MAX_RATIO}): a zip bomb?")
            total += size
        if total > MAX_TOTAL:
            raise InputError(path, f"refused: the package would unpack to {_size(total)} (at "
                                   f"most {_size(MAX_TOTAL)}): a zip bomb?")
        self.infos = infos
        self.names = names

    def has(self, name: str) -> bool:
        """Whether the package holds member ``name``."""
        return name in self.names

    def read(self, name: str) -> bytes:
        """The uncompressed bytes of member ``name``."""
        try:
            return self.zip.read(name)
        except KeyError:
            raise InputError(self.path, f"the package has no {name}") from None
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            raise InputError(self.path, f"damaged package member {name}: {exc}") from None

    def xml(self, name: str) -> etree._Element:
        """Member ``name`` parsed as XML (safely: no DTD, no entities, no network)."""
        return safexml.parse_document(self.read(name), f"{self.path}: {name}", huge=True)

    def write(self, out: BinaryIO, replaced: Mapping[str, bytes]) -> None:
        """Write the package to ``out``: every member in its order, ``replaced`` ones with
        their new bytes, the others as they were."""
        with zipfile.ZipFile(out, "w") as target:
            for info in self.infos:
                data = replaced[info.filename] if info.filename in replaced else \
                    self.zip.read(info)
                copy = zipfile.ZipInfo(info.filename, info.date_time)
                copy.compress_type = info.compress_type
                copy.external_attr = info.external_attr
                copy.create_system = info.create_system
                copy.comment = info.comment
                copy.extra = info.extra
                target.writestr(copy, data)


def unread_arabic(pkg: Package, what: Callable[[str], str | None]) -> list[str]:
    """Warnings for the package's XML members that no filter reads and whose text holds
    Arabic: ``what(name)`` says what a member is (a chart, a diagram), None for one read or
    holding no text. Their Arabic would stay in the English export unnoticed."""
    warnings = []
    for name in pkg.names:
        kind = what(name) if name.endswith(".xml") else None
        if kind and has_arabic(pkg.read(name).decode("utf-8", "replace")):
            warnings.append(f"{name}: the Arabic of {kind} is not read: it stays Arabic in "
                            "the export (translate it in Word or LibreOffice)")
    return warnings


def xml_bytes(root: etree._Element, *, standalone: bool | None = True) -> bytes:
    """An XML part as UTF-8 bytes with its declaration (as Office writes them)."""
    return etree.tostring(
        root.getroottree(), xml_declaration=True, encoding="UTF-8", standalone=standalone
    )


def readable_part(pkg: Package, member: str) -> etree._Element | None:
    """The XML part ``member`` of ``pkg``; None when there is none or it cannot be read (a
    part a translation only adjusts, left as it was)."""
    if not pkg.has(member):
        return None
    try:
        return pkg.xml(member)
    except InputError:
        return None


def english_properties(pkg: Package, member: str, titles: Mapping[str, str]) -> bytes | None:
    """The document properties ``member`` (a DOCX's ``docProps/core.xml``, an ODT's
    ``meta.xml``) of the translated document: an Arabic ``dc:language`` says ``en-US`` and a
    ``dc:title`` that is the Arabic of a translated paragraph (``titles``, spaces folded:
    pandoc's title, as a PDF's title and the file's properties show it) its English; None
    when it has neither (or there is no such member)."""
    root = readable_part(pkg, member)
    if root is None:
        return None
    changed = False
    for el in root.iter(f"{{{_DC}}}title", f"{{{_DC}}}language"):
        value = " ".join((el.text or "").split())
        if el.tag.endswith("language") and primary_language(value) == "ar":
            el.text, changed = "en-US", True
        elif el.tag.endswith("title") and value in titles:
            el.text, changed = titles[value], True
    said = b"standalone" in pkg.read(member)[:200]  # lxml reads none said as 'no'
    standalone = root.getroottree().docinfo.standalone if said else None
    return xml_bytes(root, standalone=standalone) if changed else None


def title_pair(arabic: str, rendering: Rendering, text: str) -> tuple[str, str] | None:
    """A fully translated paragraph's Arabic and English, tags left out and spaces folded,
    for :func:`english_properties`; None when a segment of it has no English."""
    if not rendering.segments or not all(seg.target.strip() for seg in rendering.segments):
        return None
    return " ".join(strip_tags(arabic).split()), " ".join(strip_tags(text).split())
