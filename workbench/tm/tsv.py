"""Tab-separated memories: one unit a line, ``Arabic<TAB>English[<TAB>note]``.

UTF-8 (with or without BOM), UTF-16/32 with BOM or Windows-1256, CRLF or LF. Blank lines and
``#`` comment lines are skipped (a unit starting with a hashtag, ``#كورونا``, is no comment),
as is a first line naming the columns (``ar``/``en``,
``ar-SA``/``en-US``, ``Arabic``/``English``/``Notes``, ``Source text``/``Target text``); a
spreadsheet's quotes around every text field of every row are taken off, as are those of a
cell with doubled quotes (a row of quoted sentences among unquoted rows keeps its quotes). A
file whose first column is English and second Arabic is read the other way round. A line
without a tab, with an empty side or with an English side in Arabic is an error naming the
line; so is a file whose English column is Arabic too, or ids. A vertical tab (Word's manual
line break) or a form feed is a space and another control character refuses the file, naming
its line, as in a document: no TMX could carry them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from workbench.errors import InputError
from workbench.formats.model import primary_language
from workbench.formats.table import quotes_every_text, unquote_row
from workbench.text.normalize import normalize_arabic
from workbench.text.script import arabic_share, has_arabic
from workbench.textio import document_text, read_text
from workbench.tm.model import TmFileInfo, TmUnit

_HEADERS = {
    "ar", "en", "arabic", "english", "source", "target", "src", "tgt", "translation",
    "note", "notes", "comment", "comments", "context", "id",
}
#: The same names in Arabic, as an Arabic spreadsheet heads its columns (normalised; a name
#: may follow النص, "the text": النص العربي, النص المصدر), with what they mean in English.
_ARABIC_HEADERS = {normalize_arabic(name): meaning for meaning, names in {
    "arabic": ("العربية", "العربي", "عربي"),
    "english": ("الإنجليزية", "الإنجليزي", "إنجليزي", "الإنكليزية", "الترجمة الإنجليزية"),
    "source": ("المصدر",), "target": ("الهدف",), "translation": ("الترجمة",),
    "note": ("ملاحظة", "ملاحظات"), "comment": ("تعليق", "تعليقات"), "context": ("السياق",),
}.items() for name in names}


def _is_header(fields: list[str]) -> bool:
    """Whether a first line names the columns: each cell a column name (``Arabic``,
    ``Source text``, ``Notes`` …), a language code (``ar-SA``, ``en_US``, ``ara``) or a name
    in Arabic (``النص العربي``, ``الترجمة``: a unit's English is never Arabic); names in
    both languages (``العربية``, ``English``) unless one is the other's translation
    (``الترجمة``, ``Translation`` is a unit)."""
    names = [" ".join(f.lower().split()) for f in fields if f.strip()]
    english: set[str] = set()
    arabic: set[str] = set()
    for name in names:
        bare = name.removesuffix("text").strip(" _")
        language = primary_language(name)
        if name in _HEADERS or bare in _HEADERS:
            english.add((name if name in _HEADERS else bare).rstrip("s"))
        elif language in ("ar", "en"):
            english.add("arabic" if language == "ar" else "english")
        elif (meaning := _ARABIC_HEADERS.get(normalize_arabic(name).removeprefix("النص "))):
            arabic.add(meaning)
        else:
            return False
    return bool(names) and not (arabic & english)


def _is_comment(line: str) -> bool:
    """Whether a line is a ``#`` comment. A unit whose text starts with a hashtag (a word right
    after the ``#``, a tab, Arabic: ``#كورونا ينتشر<TAB>#Coronavirus spreads``) is none, unless
    it names the columns (``#ar<TAB>en``)."""
    text = line.lstrip()
    if not text.startswith("#"):
        return False
    rest = text[1:]
    unit = rest[:1].isalnum() and "\t" in rest and has_arabic(rest)
    return not unit or _is_header(rest.split("\t"))


def read_tsv(path: str | Path) -> tuple[TmFileInfo, Iterator[TmUnit]]:
    """The file's information and its units (the whole file is checked before any unit)."""
    lines = [
        (number, line.split("\t"))
        # Word's manual line break (U+000B) a space, as in a document: a TMX cannot carry it
        for number, line in enumerate(document_text(read_text(path), path).split("\n"), start=1)
        if line.strip() and not _is_comment(line)
    ]
    if lines and _is_header(unquote_row(lines[0][1])):
        del lines[0]
    # quoted sentences ("...") among unquoted rows keep their quotes: a spreadsheet's
    # "quote all text cells" quotes every row
    every_text = all(quotes_every_text(fields) for _, fields in lines)
    rows: list[tuple[int, list[str]]] = []
    for number, raw in lines:
        fields = unquote_row(raw, every_text)
        if len(fields) < 2:
            raise InputError(path, "no tab: expected Arabic<TAB>English", number)
        rows.append((number, fields))
    return _read_rows(path, rows, "tsv", "lines of Arabic<TAB>English")


def read_workbook(
    path: str | Path, fmt: str, sheet: str | None = None
) -> tuple[TmFileInfo, Iterator[TmUnit]]:
    """The units of a sheet (default the first) of an Excel workbook (``fmt`` ``xlsx``) or an
    OpenDocument spreadsheet (``ods``), a row each: Arabic and English cells side by side
    (either first), perhaps a note, under a header naming them or not; checked as a
    tab-separated file's lines are, each row named by its number."""
    from workbench.formats.sheets import read_sheet

    rows = [(number, [_cell(c, path, number) for c in cells] + [""] * (2 - len(cells)))
            for number, cells in read_sheet(path, fmt, sheet)]
    if rows and _is_header(rows[0][1]):
        del rows[0]
    return _read_rows(path, rows, fmt, "rows of an Arabic and an English cell")


def _cell(text: str, path: str | Path, row: int) -> str:
    """A cell's text as a unit's side: its line breaks (Excel's Alt+Enter) spaces, as a
    segment holds none, and checked as a document's text is (see document_text)."""
    try:
        return document_text(" ".join(text.splitlines()) if "\n" in text or "\r" in text
                             else text, path)
    except InputError as exc:
        raise InputError(path, exc.reason, row) from None


def _read_rows(
    path: str | Path, rows: list[tuple[int, list[str]]], fmt: str, expected: str
) -> tuple[TmFileInfo, Iterator[TmUnit]]:
    """The units of a table's ``rows`` (each with its line number), checked whole first:
    ``expected`` says what a refused file should have held."""
    for number, fields in rows:
        if not fields[0].strip() or not fields[1].strip():
            side = "Arabic" if not fields[0].strip() else "English"
            raise InputError(path, f"empty {side} side", number)
    if not rows:
        raise InputError(path, f"no units (expected {expected})")
    shares = [[arabic_share(f[0]) for _, f in rows], [arabic_share(f[1]) for _, f in rows]]
    first, second = sum(shares[0]), sum(shares[1])
    if max(first, second) < 0.5 * len(rows):
        raise InputError(path, "no Arabic-English units: neither column is mostly Arabic "
                         f"(expected {expected})")
    swap = second > first
    _require_english(path, rows, 0 if swap else 1, shares[0 if swap else 1], expected)
    info = TmFileInfo(str(path), fmt, source_lang="en" if swap else "ar")

    def units() -> Iterator[TmUnit]:
        for number, fields in rows:
            ar, en = (fields[1], fields[0]) if swap else (fields[0], fields[1])
            notes = [f for f in fields[2:] if f.strip()]
            yield TmUnit(source=ar, target=en, notes=notes, line=number)

    return info, units()


def _require_english(
    path: str | Path, rows: list[tuple[int, list[str]]], column: int, shares: list[float],
    expected: str,
) -> None:
    """Refuse a file whose column taken for the English (its cells' Arabic ``shares``) is
    mostly Arabic too (an Arabic–Arabic file) or mostly without letters (an id or number
    column before the Arabic), and a line whose English is in Arabic (its Arabic copied as
    the translation)."""
    texts = [fields[column] for _, fields in rows]
    if sum(shares) >= 0.5 * len(rows):
        raise InputError(path, "no Arabic-English units: both columns are mostly Arabic "
                         f"(expected {expected})")
    if sum(any(c.isalpha() for c in t) for t in texts) < 0.5 * len(rows):
        number, fields = next((n, f) for n, f in rows if not any(c.isalpha() for c in f[column]))
        raise InputError(
            path, f"column {column + 1} is not English ({fields[column].strip()!r} and most "
            f"others have no letters): expected {expected}", number,
        )
    for (number, _), share in zip(rows, shares, strict=True):
        if share > 0.5:
            raise InputError(path, "the English side is in Arabic (not translated?)", number)
