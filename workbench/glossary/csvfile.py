"""Glossary CSVs (such as TICO-19's terminologies): explicit columns or auto-detection.

``columns`` names the Arabic term, English rendering, and optionally comment and forbidden
columns, by header name or 1-based number: ``"sourceString,targetString"`` or ``"6,7,5"``.

Without it the columns are detected: with ``sourceLang``/``targetLang`` and
``sourceString``/``targetString`` (the TICO-19 layout) each row's Arabic side is the one
whose language starts with ``ar``, whichever direction the file has; otherwise the Arabic
column is the one whose cells are mostly Arabic, the English one the Latin column with the
most distinct values (so a part-of-speech column is not taken), and ``description``/
``comment``/``note``/``definition`` and ``forbidden`` columns are used by name.

Rows are checked as TSV rows are (:func:`workbench.glossary.tsv.row_entry`), and a row with
more fields than the header (an unquoted comma) or a term or rendering over several lines (a
quote left open) is bad too: every bad row is reported at once, by its physical line, and
nothing of the file is read; a quote still open at the end of the file is an error.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from workbench.errors import InputError
from workbench.formats.model import primary_language
from workbench.glossary.badrows import BadRows
from workbench.glossary.model import Glossary, GlossaryBuilder
from workbench.glossary.tsv import ARABIC_HEADERS, SWAP_SAMPLE, refuse_swapped, row_entry
from workbench.text.script import ARABIC_LETTER
from workbench.textio import read_text
from workbench.wording import plural

_LATIN = re.compile(r"[A-Za-z]")
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(?:[-_][a-z0-9]{2,8})*")
_LANGUAGES = {"ar": "arabic", "en": "english"}
_WORDS = re.compile(r"[^\W\d_]+")
_NOTE_WORDS = frozenset({"def", "definition", "note", "notes", "comment", "comments",
                         "description"})
_OTHER_WORDS = frozenset({"example", "examples", "context", "info", "usage", "status", "source",
                          "grammar", "gender", "subject", "domain"})
_COMMENT_NAMES = ("comment", "description", "note", "notes", "definition", "arabic definition")
_FORBIDDEN_NAMES = ("forbidden", "forbidden renderings", "do not use")
HEADER_WORDS = frozenset({
    *_COMMENT_NAMES, *_FORBIDDEN_NAMES, "english", "en", "rendering", "translation", "target",
    "targetstring", "source", "sourcestring", "term", "arabic", "ar",
})


@dataclass(frozen=True)
class Columns:
    """0-based column indexes; ``lang`` holds the (source, target) language columns if any."""

    term: int
    rendering: int
    comment: int | None = None
    forbidden: int | None = None
    lang: tuple[int, int] | None = None


def _rows(text: str, path: str | Path) -> list[tuple[int, list[str]]]:
    """The records of the file, each with the physical line it starts on (1-based)."""
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    out: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for row in reader:
            out.append((start, row))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise InputError(path, f"not a readable CSV file ({exc})", reader.line_num) from None
    if out and _quote_left_open(text, out[-1][0], dialect):
        raise InputError(path, "a quoted field is not closed: its '\"' has no partner before "
                               "the end of the file", out[-1][0])
    return out


def _quote_left_open(text: str, start: int, dialect: type[csv.Dialect] | csv.Dialect) -> bool:
    """Does the last record (from physical line ``start``) end inside a quoted field? The
    lenient reader then takes the rest of the file as that field, silently."""
    tail = "".join(io.StringIO(text).readlines()[start - 1:])
    try:
        for _ in csv.reader(io.StringIO(tail), dialect, strict=True):
            pass
    except csv.Error as exc:
        return "unexpected end of data" in str(exc)
    return False


def _index(spec: str, header: list[str] | None, width: int, path: str | Path) -> int:
    spec = spec.strip()
    if spec.isdigit():
        number = int(spec)
        if number < 1:
            raise InputError(path, f"column numbers start at 1 (got {spec})")
        if number > width:
            raise InputError(path, f"no column {number}: the file has {plural(width, 'column')}")
        return number - 1
    if header is None:
        raise InputError(path, f"column {spec!r} named but the file has no header line")
    lowered = [h.strip().casefold() for h in header]
    if spec.casefold() not in lowered:
        raise InputError(path, f"no column {spec!r} (columns: {', '.join(header)})", 1)
    return lowered.index(spec.casefold())


def _name(header: str) -> str:
    """A column name as the detection knows it: an Arabic one as its English; one naming a
    language, as termbase exports (memoQ, MultiTerm) name their term columns — ``Arabic``,
    ``en-US``, ``Term (Arabic)``, ``English (United States)``, ``English_United_States`` —
    as ``arabic`` or ``english``, and one naming a language's definition or note (memoQ's
    ``English_Def``, ``Arabic_Def``) as ``definition`` or ``arabic definition``."""
    name = ARABIC_HEADERS.get(header.strip(), header.strip().casefold())
    if _LANGUAGE_CODE.fullmatch(name):
        return _LANGUAGES.get(primary_language(name) or "", name)
    words = _WORDS.findall(name)
    languages = [w for w in words if w in _LANGUAGES.values()]
    if len(set(languages)) != 1:
        return name
    if _NOTE_WORDS.intersection(words):  # the English one is the translator's note
        return "definition" if languages[0] == "english" else "arabic definition"
    if _OTHER_WORDS.intersection(words):  # English_Term_Example: no term column
        return name
    first = words[1] if words[0] in ("term", "terms") and len(words) > 1 else words[0]
    return first if first == languages[0] else name


def arabic_column(header: list[str]) -> int | None:
    """The index of the column a header row names as the Arabic terms' (``Arabic``, ``ar-SA``,
    ``Term (Arabic)``, ``العربية``), else None."""
    names = [_name(h) for h in header]
    return names.index("arabic") if "arabic" in names else None


def _has_header(rows: list[list[str]]) -> bool:
    first = rows[0]
    if any(ARABIC_LETTER.search(c) for c in first):  # column names in Arabic: المصطلح,English
        names = [_name(c) for c in first if c.strip()]
        return len(rows) > 1 and all(n in HEADER_WORDS for n in names)
    return len(rows) > 1 and len({c.strip().casefold() for c in first}) == len(first)


def _fraction(rows: list[list[str]], col: int, pattern: re.Pattern[str]) -> float:
    cells = [r[col] for r in rows if col < len(r) and r[col].strip()]
    if not cells:
        return 0.0
    return sum(1 for c in cells if pattern.search(c)) / len(cells)


def _detect(rows: list[list[str]], header: list[str] | None, path: str | Path) -> Columns:
    names = [_name(h) for h in header] if header else []

    def named(*options: str) -> int | None:
        for option in options:
            if option in names:
                return names.index(option)
        return None

    comment = named(*_COMMENT_NAMES)
    forbidden = named(*_FORBIDDEN_NAMES)
    src, tgt = named("sourcestring", "source"), named("targetstring", "target")
    src_lang, tgt_lang = named("sourcelang"), named("targetlang")
    if src is not None and tgt is not None and src_lang is not None and tgt_lang is not None:
        return Columns(src, tgt, comment, forbidden, (src_lang, tgt_lang))
    width = max((len(r) for r in rows), default=0)
    term = max(range(width), key=lambda c: _fraction(rows, c, ARABIC_LETTER), default=0)
    arabic = named("arabic")  # a termbase's Arabic term column, before its definition
    if arabic is not None and _fraction(rows, arabic, ARABIC_LETTER) >= 0.5:
        term = arabic
    if _fraction(rows, term, ARABIC_LETTER) < 0.5:
        raise InputError(path, "no column of Arabic terms found (use --columns)")
    candidates = [
        c for c in range(width)
        if c not in (term, comment, forbidden)
        and _fraction(rows, c, _LATIN) >= 0.5 and _fraction(rows, c, ARABIC_LETTER) < 0.2
    ]
    if not candidates:
        raise InputError(path, "no column of English renderings found (use --columns)")
    preferred = [c for c in candidates if c < len(names) and names[c] in (
        "targetstring", "target", "english", "en", "rendering", "translation", "sourcestring",
    )]

    def distinct(c: int) -> tuple[float, float]:
        cells = [r[c].strip() for r in rows if c < len(r) and r[c].strip()]
        mean = sum(map(len, cells)) / max(len(cells), 1)
        return (len(set(cells)) / max(len(cells), 1), -mean)

    rendering = (preferred or sorted(candidates, key=distinct, reverse=True))[0]
    return Columns(term, rendering, comment, forbidden)


def _cell(row: list[str], i: int | None) -> str:
    return row[i].strip() if i is not None and i < len(row) else ""


def _width(rows: list[list[str]], header: list[str] | None) -> int:
    """The number of fields a row should have: the header's, else the most common."""
    if header is not None:
        return len(header)
    counts = Counter(len(r) for r in rows)
    return counts.most_common(1)[0][0] if counts else 0


def _too_wide(row: list[str], width: int) -> bool:
    """Does the row have non-empty fields past the last column?"""
    return any(c.strip() for c in row[width:])


def _broken(term: str, rendering: str) -> str:
    """Why a term or rendering cell that runs over several lines is bad ('' when neither
    does): a quote left open swallows the rows after it into the cell until another quote."""
    for name, cell in (("Arabic term", term), ("English rendering", rendering)):
        lines = cell.splitlines()
        if len(lines) > 1:
            return (f"the {name} runs over {len(lines)} lines (a quote that is not closed?): "
                    f"{lines[0]!r}, {lines[1]!r}...")
    return ""


def parse_csv(text: str, path: str | Path = "glossary.csv", columns: str | None = None) -> Glossary:
    """Parse a glossary CSV; ``columns`` = 'TERM,RENDERING[,COMMENT[,FORBIDDEN]]'.

    Lines are the file's physical lines (a quoted field may span several). Bad rows — more
    fields than the header (an unquoted comma), an empty term or rendering, a forbidden
    rendering equal to the required one — are all reported at once and nothing is read.
    """
    return parse_rows(_rows(text, path), path, columns)


def parse_rows(
    rows: list[tuple[int, list[str]]], path: str | Path, columns: str | None = None
) -> Glossary:
    """The glossary of a table's rows, each with its line (a CSV's) or row number (a
    sheet's), read as :func:`parse_csv` reads a CSV's."""
    records = [(n, r) for n, r in rows if any(c.strip() for c in r)]
    if not records:
        raise InputError(path, "the file has no rows")
    header = records[0][1] if _has_header([r for _, r in records]) else None
    data = records[1:] if header is not None else records
    width = _width([r for _, r in data], header)
    bad = BadRows(path)
    good: list[tuple[int, list[str]]] = []
    for number, row in data:
        if _too_wide(row, width):
            bad.add(number, f"{len(row)} fields where {'the header has' if header else 'rows have'}"
                            f" {width} (a comma inside a field that is not quoted?)")
        else:
            good.append((number, row))
    if columns:
        specs = [s for s in columns.split(",") if s.strip()]
        if len(specs) < 2 or len(specs) > 4:
            raise InputError(path, "--columns takes TERM,RENDERING[,COMMENT[,FORBIDDEN]]")
        term_col, rendering_col, *more = [_index(s, header, width, path) for s in specs]
        cols = Columns(term_col, rendering_col, *more)
    else:
        if not good:  # every row too wide: say so, not that no column was found
            bad.raise_if_any()
        # a cell over several lines may hold rows a quote left open swallowed: not a sample
        single = [r for _, r in good if not any("\n" in c for c in r)]
        cols = _detect(single or [r for _, r in good], header, path)
    builder = GlossaryBuilder(path)
    columns_seen: tuple[list[str], list[str]] = ([], [])  # bad rows' cells too
    for number, row in good:
        term, rendering = _cell(row, cols.term), _cell(row, cols.rendering)
        if cols.lang is not None:
            langs = (_cell(row, cols.lang[0]).lower(), _cell(row, cols.lang[1]).lower())
            if langs[1].startswith("ar") and not langs[0].startswith("ar"):
                term, rendering = rendering, term
        if len(columns_seen[0]) < SWAP_SAMPLE:
            columns_seen[0].append(term)
            columns_seen[1].append(rendering)
        broken = _broken(term, rendering)
        if broken:
            bad.add(number, broken)
            continue
        comment, forbidden = _cell(row, cols.comment), _cell(row, cols.forbidden)
        entry = row_entry(term, rendering, comment, forbidden, number, bad)
        if entry is not None:
            builder.add(entry)
    refuse_swapped(*columns_seen, path, "expected the Arabic term first: --columns TERM,RENDERING")
    bad.raise_if_any()
    if not builder.glossary.entries:
        raise InputError(path, "no glossary entries found")
    return builder.glossary


def read_csv(path: str | Path, columns: str | None = None) -> Glossary:
    """Read a glossary CSV file (encoding detected)."""
    return parse_csv(read_text(path), path, columns)
