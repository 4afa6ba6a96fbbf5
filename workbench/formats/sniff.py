"""Which importable format a file holds: XML by its root element (TMX, XLIFF 1.2 or 2.0), other
files by their name's ending (CSV, TSV)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from workbench import textio
from workbench.errors import InputError
from workbench.formats.registry import Format, importable_formats

_HEAD = 512
# Excel saves its "Unicode Text" (a tab-separated table) as .txt: a table when a command asks
# for one (import-csv), never when any format will do (a .txt there is a text to align).
_TABLE_TEXT = ".txt"
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def _head(path: Path) -> bytes:
    if not path.is_file():
        raise InputError(path, "not a file" if path.exists() else "no such file")
    try:
        with path.open("rb") as stream:
            return stream.read(_HEAD)
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror}") from None


def looks_like_xml(head: bytes) -> bool:
    """Whether a file that starts with ``head`` is XML (its first character is ``<``)."""
    for bom in _BOMS:
        if head.startswith(bom):
            head = head[len(bom):]
            break
    return head.replace(b"\x00", b"").lstrip().startswith(b"<")


def xml_root(path: str | Path) -> tuple[str, str]:
    """The local name of an XML file's root element and its major version: the ``version``
    attribute's, else the last part of its namespace ('2' for ``...:document:2.0``), else ''.

    Reads only up to the root; hostile documents are refused as :mod:`safexml` refuses them.
    """
    from workbench.formats import safexml  # lxml: loaded when a file is read

    element = safexml.root_element(path)
    version = element.get("version") or safexml.namespace(element.tag).rsplit(":", 1)[-1]
    return safexml.local(element.tag), version.split(".")[0].strip()


#: Other tools' bilingual files no reader takes, by their XML root: what to do with them.
OTHER_TOOLS = {
    "txml": ": a Wordfast Pro TXML file, which `workbench import` reads as a document",
}


def _name_of(kinds: list[str]) -> str:
    listed = kinds[0] if len(kinds) == 1 else ", ".join(kinds[:-1]) + " or " + kinds[-1]
    first = listed.split()[0].rstrip(",")
    # an acronym is spelt out: "an XLIFF", "a TMX"; a word is read: "a Markdown"
    vowel_sound = first[0] in "AEFHILMNORSX" if first.isupper() else first[0] in "AEIOUaeiou"
    article = "an" if vowel_sound else "a"
    return f"{article} {listed} file"


def detect(path: str | Path, among: Iterable[str] | None = None) -> Format:
    """The importable format of the file at ``path`` (of the formats named ``among``, if given).

    XML is recognised by its root element and version, whatever the file's name; other files
    by the ending of their name (a .txt is a table when ``among`` holds TSV: Excel's Unicode
    Text). Raises InputError naming the file when it is none of them.
    """
    p = Path(path)
    candidates = importable_formats(among)
    kinds = list(dict.fromkeys(f.kind for f in candidates))
    what = _name_of(kinds)
    head = _head(p)
    if looks_like_xml(head):
        root, version = xml_root(p)
        same_root = [f for f in importable_formats() if f.xml_root == root]
        for fmt in same_root:
            if fmt.xml_version is None or fmt.xml_version == version:
                if fmt in candidates:
                    return fmt
                raise InputError(p, f"not {what} (root element <{root}>: {fmt.description})")
        if same_root:
            versions = " or ".join(f.description for f in same_root)
            raise InputError(p, f"{same_root[0].kind} version {version!r} is not supported "
                                f"(use {versions})")
        raise InputError(p, f"not {what} (root element <{root}>{OTHER_TOOLS.get(root, '')})")
    name = p.name.lower()
    by_ending = [
        (len(ending), i, f) for i, f in enumerate(candidates) for ending in f.extensions
        if name.endswith(ending)
    ]
    if by_ending:
        return max(by_ending, key=lambda t: (t[0], -t[1]))[2]
    tables = [f for f in candidates if f.name == "tsv"]  # its reader finds the separator
    if among is not None and tables and name.endswith(_TABLE_TEXT):
        return tables[0]
    if tables and head.startswith(b"PK\x03\x04") and textio.is_spreadsheet(p.read_bytes()):
        raise InputError(p, textio.SPREADSHEET)  # the review saved as Excel's .xlsx
    text = (_TABLE_TEXT,) if among is not None and tables else ()  # Excel's Unicode Text
    endings = ", ".join(dict.fromkeys([*(e for f in candidates for e in f.extensions), *text]))
    xml = "neither XML nor " if any(f.xml_root for f in candidates) else ""
    raise InputError(p, f"not {what} ({xml}a file ending in {endings})")


def is_bilingual(path: str | Path) -> bool:
    """Whether a file is meant for a round-trip import: XML, or named like an importable
    format (.csv, .tsv, ...). Plain text is not. False for a file that cannot be read."""
    p = Path(path)
    try:
        head = _head(p)
    except InputError:
        return False
    name = p.name.lower()
    endings = {e for f in importable_formats() for e in f.extensions}
    return looks_like_xml(head) or any(name.endswith(e) for e in endings)
