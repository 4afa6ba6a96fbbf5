"""Reading and writing glossary.tsv (OmegaT-compatible, with a forbidden-renderings column).

Columns: Arabic term, required English, comment (optional), forbidden renderings separated
by ``;`` (optional). ``#`` starts a comment line; a first line whose first field is
``source`` is a header. Several rows with one term are accepted alternatives.
"""

from __future__ import annotations

from pathlib import Path

from workbench.errors import InputError
from workbench.glossary.model import Entry, Glossary
from workbench.textio import decode_bytes, read_text


def parse_tsv(text: str, path: str | Path = "glossary.tsv") -> Glossary:
    """Parse glossary TSV text; errors name the line."""
    glossary = Glossary()
    seen: dict[tuple[str, str], int] = {}
    header_possible = True
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if "\t" not in line:
            raise InputError(path, "no tab: expected 'term<TAB>rendering'", number)
        fields = [f.strip() for f in line.split("\t")]
        first_row, header_possible = header_possible, False
        if first_row and fields[0].casefold() == "source":
            continue
        term, rendering = fields[0], fields[1]
        if not term:
            raise InputError(path, "empty Arabic term", number)
        if not rendering:
            raise InputError(path, f"empty English rendering for {term!r}", number)
        comment = fields[2] if len(fields) > 2 else ""
        forbidden = tuple(
            f.strip() for f in (fields[3] if len(fields) > 3 else "").split(";") if f.strip()
        )
        for word in forbidden:
            if word.casefold() == rendering.casefold():
                raise InputError(
                    path, f"forbidden rendering {word!r} equals the required one", number
                )
        key = (term, rendering.casefold())
        if key in seen:
            glossary.warnings.append(
                f"{path}: line {number}: duplicate of line {seen[key]} "
                f"({term} → {rendering}), merged"
            )
            index = next(
                i for i, e in enumerate(glossary.entries) if (e.term, e.rendering.casefold()) == key
            )
            old = glossary.entries[index]
            merged = tuple(dict.fromkeys(old.forbidden + forbidden))
            glossary.entries[index] = Entry(
                old.term, old.rendering, old.comment or comment, merged, old.line
            )
            continue
        seen[key] = number
        glossary.entries.append(Entry(term, rendering, comment, forbidden, number))
    if not glossary.entries:
        raise InputError(path, "glossary has no entries")
    return glossary


def read_tsv(path: str | Path) -> Glossary:
    """Read a glossary.tsv file (UTF-8, a BOM accepted)."""
    return parse_tsv(read_text(path), path)


def parse_tsv_bytes(data: bytes, path: str | Path) -> Glossary:
    """Parse glossary TSV given as bytes."""
    return parse_tsv(decode_bytes(data, path)[0], path)


def format_tsv(glossary: Glossary) -> str:
    """Serialise a glossary as TSV with a header line."""
    lines = ["source\ttarget\tcomment\tforbidden"]
    for e in glossary.entries:
        lines.append("\t".join([e.term, e.rendering, e.comment, "; ".join(e.forbidden)]))
    return "\n".join(lines) + "\n"
