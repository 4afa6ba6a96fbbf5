"""Reading and writing glossary.tsv (OmegaT-compatible, with a forbidden-renderings column).

Columns: Arabic term, required English, comment (optional), forbidden renderings separated
by ``;`` (optional). ``#`` starts a comment line; a first line whose first field is
``source`` is a header. Several rows with one term are accepted alternatives.
"""

from __future__ import annotations

from pathlib import Path

from workbench.errors import InputError
from workbench.glossary.model import Entry, Glossary, GlossaryBuilder
from workbench.textio import read_text


def parse_tsv(text: str, path: str | Path = "glossary.tsv") -> Glossary:
    """Parse glossary TSV text; errors name the line."""
    builder = GlossaryBuilder(path)
    glossary = builder.glossary
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
        builder.add(Entry(term, rendering, comment, forbidden, number))
    if not glossary.entries:
        raise InputError(path, "glossary has no entries")
    return glossary


def read_tsv(path: str | Path) -> Glossary:
    """Read a glossary.tsv file (UTF-8, a BOM accepted)."""
    return parse_tsv(read_text(path), path)


def format_tsv(glossary: Glossary) -> str:
    """Serialise a glossary as TSV with a header line."""
    lines = ["source\ttarget\tcomment\tforbidden"]
    for e in glossary.entries:
        lines.append("\t".join([e.term, e.rendering, e.comment, "; ".join(e.forbidden)]))
    return "\n".join(lines) + "\n"
