"""Reading user text files: encoding detection and clear refusals."""

from __future__ import annotations

import codecs
import math
import os
import re
from pathlib import Path

from workbench import openfiles
from workbench.errors import InputError
from workbench.text.script import arabic_share

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


_CONTROL = re.compile("[\x00-\x08]")
# Markup where text was expected: its tags would become words of the text.
_MARKUP = re.compile(r"\s*(<\?xml\b|<!DOCTYPE\b|<html\b)", re.IGNORECASE)
# Control characters no text holds and no XML export can carry (what a document refuses).
_STRAY_CONTROL = re.compile("[\x0e-\x1f]")
# A vertical tab (Word's manual line break) or a form feed (a page break, as pdftotext
# writes them): read as a space in a document, as a stray CR is.
_BREAKS = str.maketrans("\x0b\x0c", "  ")
# Documents that are not text, named, so that the refusal says what to do with them.
_SIGNATURES = (
    (b"%PDF-", "a PDF document, not text: save it as text or DOCX first (a PDF's lines are "
               "not its paragraphs)"),
    (b"{\\rtf", "an RTF document, not text: save it as DOCX or text first"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old binary Office file (.doc, .xls), not text: "
                                         "save it as DOCX or text first"),
    (b"PK\x03\x04", "a ZIP package (a DOCX, ODT or EPUB?), not text: give it its own "
                    "ending (.docx, .odt) or save it as text"),
    (b"SQLite format 3\x00", "an SQLite database (a workbench project, a Trados Studio .sdltm "
                             "memory?), not text: `workbench tm import` reads a .sdltm"),
    (b"\x00\x01\x00\x00Standard Jet DB", "an Access database (a MultiTerm .sdltb termbase?), "
                                          "not text: export it from MultiTerm as XML or TBX"),
)

# Endings that already name a document's format: a file of such a name refused as no text
# was given to a command that reads plain text alone (``score --hyp``, ``check --target``,
# ``--abbreviations``), where advice to give it its ending would be no help.
_PACKAGE_ENDINGS = frozenset({".docx", ".docm", ".odt", ".epub"})
_MARKUP_ENDINGS = frozenset({".html", ".htm", ".xhtml", ".tmx", ".tbx", ".xlf",
                             ".xliff", ".sdlxliff", ".mqxliff"})
_TEXT_ALONE = "this command reads plain text only; save the text as a UTF-8 file"


def _ending(path: str | Path) -> str:
    """The file name's ending, in lower case (``.docx``; empty without one)."""
    return Path(path).suffix.lower()


def file_name_text(name: str | Path) -> str:
    """A file name (or path) as text to store or print: bytes of it that are not UTF-8 (a name
    from another system, such as a Windows-1256 Arabic name out of a ZIP) become U+FFFD, where
    they would fail every write of the name."""
    return os.fsencode(name).decode("utf-8", "replace")


def _is_arabic(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff"


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def cut_in_a_character(exc: UnicodeDecodeError) -> bool:
    """Did decoding fail only because the bytes end inside a character (a file cut short,
    not one in another encoding)? In UTF-8, only after characters of several bytes: a
    Windows-1252 file whose one such byte ends it (``café``) is no UTF-8 cut short."""
    if exc.end != len(exc.object):
        return False
    if exc.reason == "truncated data":  # UTF-16, UTF-32
        return True
    return (exc.reason == "unexpected end of data"
            and max(exc.object[:exc.start], default=0) >= 0x80)


def truncated_character(encoding: str) -> str:
    """What a text cut inside its last character is told."""
    return f"truncated: the file ends inside a {encoding.upper()} character"


def decode_bytes(data: bytes, path: str | Path) -> tuple[str, str]:
    """Decode a text file's bytes; return (text, encoding) or raise InputError.

    Accepts UTF-8 (with or without BOM), UTF-16/32 with BOM, and Windows-1256 when the
    bytes are not UTF-8 but read as Arabic text in that code page, or ISO-8859-6 when that
    reading's letters are the likelier (see :func:`arabic_reading`).
    """
    if not data.strip():
        raise InputError(path, _no_text(data))
    refuse_binary(data, path)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                if cut_in_a_character(exc):
                    raise InputError(path, truncated_character(encoding)) from None
                raise InputError(
                    path, f"not valid {encoding.upper()} despite its byte order mark ({exc.reason})"
                ) from None
            return _finish(text, path, encoding)
    try:
        return _finish(data.decode("utf-8"), path, "utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if cut_in_a_character(utf8_error):  # UTF-8 to its last bytes: a file cut short
        raise InputError(path, truncated_character("utf-8"), _line_of(data, utf8_error.start))
    reading = arabic_reading(data)
    if reading is not None:
        return _finish(reading[0], path, reading[1])
    raise InputError(
        path,
        f"not UTF-8 text (byte 0x{data[utf8_error.start]:02x} at offset {utf8_error.start}); "
        "save it as UTF-8",
        _line_of(data, utf8_error.start),
    )


SPREADSHEET = "a spreadsheet (XLSX or ODS), not text: save it as CSV or tab-separated text (UTF-8)"
"""What a workbook given for a text file is told."""


def is_spreadsheet(data: bytes) -> bool:
    """Is ``data`` an XLSX (its ZIP directory names xl/workbook.xml) or an ODS (its first
    entry, ``mimetype``, says so)?"""
    if not data.startswith(b"PK\x03\x04"):
        return False
    return b"xl/workbook.xml" in data or b"opendocument.spreadsheet" in data[:200]


def refuse_workbook_as(path: str | Path, fmt: str | None) -> None:
    """Refuse a workbook given as text (``fmt`` ``tsv`` or ``csv``) where workbooks are read
    as they are (glossaries, memories): InputError naming the format to give instead."""
    if fmt in ("tsv", "csv") and (workbook := workbook_format(path)) is not None:
        raise InputError(path, f"an {'Excel' if workbook == 'xlsx' else 'OpenDocument'} "
                               f"workbook, not {fmt.upper()} text: give {workbook} as its "
                               "format, or none (it is known by its content)")


def workbook_format(path: str | Path) -> str | None:
    """``xlsx`` or ``ods`` when the regular file at ``path`` is such a workbook, whatever its
    name; else None (for a file that cannot be read too: its reader says why)."""
    p = Path(path)
    try:
        if not p.is_file():
            return None
        with p.open("rb") as fh:
            head = fh.read(512)
            if not head.startswith(b"PK\x03\x04") or not is_spreadsheet(head + fh.read()):
                return None
    except OSError:
        return None
    return "ods" if b"opendocument.spreadsheet" in head else "xlsx"


def _is_presentation(data: bytes) -> bool:
    """Is ``data`` a PPTX (its ZIP directory names ppt/presentation.xml) or an ODP (its first
    entry, ``mimetype``, says so)?"""
    if not data.startswith(b"PK\x03\x04"):
        return False
    return b"ppt/presentation.xml" in data or b"opendocument.presentation" in data[:200]


def refuse_binary(data: bytes, path: str | Path, *, xml: bool = False) -> None:
    """Refuse bytes that are no text (InputError naming the file): a document of another kind
    (PDF, RTF, old Office, a spreadsheet or presentation, a ZIP package), named with what to
    do, or NUL bytes without a UTF-16/32 byte order mark (UTF-16 without one is named; with
    ``xml``, bytes for an XML parser, which reads it by its declaration, it passes). A text
    file's and a markup page's first check, before any decoding reads such bytes as
    characters."""
    if is_spreadsheet(data):
        raise InputError(path, SPREADSHEET)
    if _is_presentation(data):
        raise InputError(path, "a presentation (PPTX or ODP), not text: no filter reads "
                               "slides; copy their text into a DOCX, an ODT or a text file")
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            if signature == b"PK\x03\x04" and _ending(path) in _PACKAGE_ENDINGS:
                what = f"a ZIP package ({_ending(path)}), not text: {_TEXT_ALONE}"
            raise InputError(path, what)
    if b"\x00" in data and not data.startswith(tuple(bom for bom, _ in _BOMS)):
        utf16 = _utf16_without_bom(data)
        if utf16 and xml:
            return
        if utf16:
            raise InputError(path, f"looks like {utf16} text without a byte order mark; save "
                                   "it as UTF-8")
        line = _line_of(data, data.index(b"\x00"))
        raise InputError(path, "binary file (NUL bytes); expected UTF-8 text", line)


# How often each Arabic letter occurs in running text (per thousand, rounded): the right one of
# two code pages gives the likelier letters. Diacritics (common in vocalised text): 20; other
# characters: 0.1.
_LETTER_FREQUENCY = dict(zip(
    "اليمونرتبعةفدأسكقحهجىإشطصخذضثزغءئآظؤ",
    (125, 115, 75, 62, 60, 58, 47, 45, 40, 35, 30, 30, 30, 30, 27, 25, 22, 20, 20, 15, 15, 12,
     10, 10, 10, 8, 7, 6, 6, 6, 5, 4, 4, 2, 2, 2), strict=True,
)) | dict.fromkeys("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652", 20)


_LIKELY = math.log(10)  # Arabic text: 3.3 and more; Latin-1 read as ISO-8859-6 much less


def _likelihood(text: str) -> float:
    """The mean log frequency of ``text``'s Arabic characters (see _LETTER_FREQUENCY)."""
    scores = [math.log(_LETTER_FREQUENCY.get(ch, 0.1)) for ch in text if _is_arabic(ch)]
    return sum(scores) / len(scores) if scores else -math.inf


def arabic_reading(data: bytes) -> tuple[str, str] | None:
    """(text, encoding) of bytes that read as Arabic in Windows-1256 or ISO-8859-6: the
    reading whose letters are the likelier (ISO-8859-6 often reads as Arabic in cp1256 too,
    its letters moved: مرحبا بالعالم as هرحبا بانظانه; and Latin-1's accents read as Arabic
    letters there, so an ISO-8859-6 reading needs half its letters Arabic and likely ones);
    None when neither does. When no reading passes, an ISO-8859-6 one with likely letters in
    words of 3 letters on average is taken: a glossary whose English outweighs its Arabic
    (a Latin-1 accent is a 1-letter "word": Ele ى mىdico for Ele é médico)."""
    readings = []
    fallback = None
    for encoding in ("cp1256", "iso8859_6"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        likelihood = _likelihood(text)
        if not _reads_as_arabic(text):
            continue
        if encoding == "cp1256" or (arabic_share(text) >= 0.5 and likelihood >= _LIKELY):
            readings.append((likelihood, encoding == "cp1256", text, encoding))
        elif likelihood >= _LIKELY and _mean_run(text) >= 3:
            fallback = text, encoding
    if not readings:
        return fallback
    _, _, text, encoding = max(readings)
    return text, encoding


_ARABIC_RUN = re.compile("[\u0600-\u06ff]+")


def _reads_as_arabic(text: str) -> bool:
    """Whether at least 80 % of ``text``'s non-ASCII characters are Arabic, and at most half
    of its runs of Arabic characters touch another letter: a Windows-1252 text's accents read
    in Windows-1256 are Arabic letters inside Latin words (Málaga as Mلlaga, São as Sمo), and
    an ISO-8859-6 text read there has accents inside its Arabic words (الأوسط as انأèس×)."""
    high = [ch for ch in text if ord(ch) > 127]
    if not high or sum(_is_arabic(ch) for ch in high) / len(high) < 0.8:
        return False
    runs = list(_ARABIC_RUN.finditer(text))
    inside = sum(
        1 for run in runs
        if _is_other_letter(text[run.start() - 1 : run.start()])
        or _is_other_letter(text[run.end() : run.end() + 1])
    )
    return 2 * inside <= len(runs)


def _mean_run(text: str) -> float:
    """The mean length of ``text``'s runs of Arabic characters (0 without any)."""
    runs = [len(m.group()) for m in _ARABIC_RUN.finditer(text)]
    return sum(runs) / len(runs) if runs else 0.0


def _is_other_letter(ch: str) -> bool:
    """A letter of another script than Arabic (an empty string is none)."""
    return ch.isalpha() and not _is_arabic(ch)


def _utf16_without_bom(data: bytes) -> str | None:
    """"UTF-16LE" or "UTF-16BE" when ``data`` reads as that (its NUL bytes all at odd or all at
    even offsets, and it decodes to text without control characters), else None."""
    head = data[:4096]
    odd, even = head[1::2].count(0), head[0::2].count(0)
    if len(data) % 2 or (odd and even) or not (odd or even):
        return None
    name = "UTF-16LE" if odd else "UTF-16BE"
    try:
        text = data.decode(name)
    except UnicodeDecodeError:
        return None
    return None if _CONTROL.search(text) else name


def _finish(text: str, path: str | Path, encoding: str) -> tuple[str, str]:
    # a Ctrl+Z ending the file is DOS's end-of-file mark (old editors and code-page files
    # write it), no character of the text
    text = text.rstrip("\x1a").replace("\r\n", "\n")
    # a lone CR ends lines in a file that has no LF (old Mac files); among LF line ends it is
    # a stray character, as for wc -l and sacrebleu: a space, not a line break
    text = text.replace("\r", " " if "\n" in text else "\n")
    control = _CONTROL.search(text)
    if control is not None:
        line = text.count("\n", 0, control.start()) + 1
        raise InputError(path, "binary content (control characters)", line)
    if not text.strip():
        raise InputError(path, _no_text(text))
    if _MARKUP.match(text):
        if "<office:document" in text[:4096]:  # LibreOffice's .fodt: no ending reads it
            raise InputError(path, "a flat OpenDocument file (.fodt), not text: save it as "
                                   "ODT (.odt) or DOCX first")
        if _ending(path) in _MARKUP_ENDINGS:  # it has its ending: a command of text alone
            raise InputError(path, f"an XML or HTML document ({_ending(path)}), not text: "
                                   f"{_TEXT_ALONE}")
        raise InputError(path, "an XML or HTML document, not text: give it the ending of its "
                               "format (.html, .tmx, .xlf, .tbx) or the command that reads it")
    return text, encoding


def document_text(text: str, path: str | Path) -> str:
    """A text read for a new document (or a tab-separated memory), the key its exports are
    matched back by: a vertical tab or a form feed read as a space, the byte order marks that
    start lines (files joined by ``cat``) left out; another C0 control character (ESC,
    U+001A), which no XML export could carry, refuses the file, naming the line. (Other
    readers keep them: ``check`` reports them in a translation.)"""
    if "\x0b" in text or "\x0c" in text:
        text = text.translate(_BREAKS)
    text = without_joined_boms(text)
    control = _STRAY_CONTROL.search(text)
    if control is not None:
        line = text.count("\n", 0, control.start()) + 1
        code = ord(control.group())
        raise InputError(path, f"binary content (control character U+{code:04X})", line)
    return text


def without_joined_boms(text: str) -> str:
    """``text`` without the byte order marks that start its lines: files joined by ``cat``,
    each of which began with one (the file's own first one is read as no text)."""
    return text.replace("\n\ufeff", "\n") if "\n\ufeff" in text else text


def _no_text(content: bytes | str) -> str:
    """What a file without text holds: nothing, or only spaces and line breaks."""
    return "file is empty" if not content else "file is empty (only spaces and blank lines)"


def read_text(path: str | Path) -> str:
    """Read a user's text file as str, with newlines normalised to ``\\n``."""
    return read_text_with_encoding(path)[0]


def read_lines(path: str | Path) -> list[str]:
    """The lines of a line-aligned text file (one segment per line; a final newline ends the
    last line, it starts none). Empty and binary files are refused as :func:`read_text` does."""
    lines = read_text(path).split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def read_text_with_encoding(path: str | Path) -> tuple[str, str]:
    """Read a user's text file; return (text, detected encoding)."""
    p = Path(path)
    if not p.exists():
        raise InputError(path, "no such file")
    if p.is_dir():
        raise InputError(path, "a folder, not a file")
    openfiles.refuse(p)  # a project file open here, or a device
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror}") from None
    return decode_bytes(data, path)
