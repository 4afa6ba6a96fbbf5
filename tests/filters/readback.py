"""Reading exported documents back for the filter tests: text with its formatting, character
by character, from the XML the libraries write."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def w(name: str) -> str:
    return f"{{{W}}}{name}"


def members(path: Path) -> dict[str, bytes]:
    """Every member of a zip package, decompressed."""
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in z.namelist()}


def part(path: Path, name: str) -> etree._Element:
    return etree.fromstring(members(path)[name])


def c14n(data: bytes) -> bytes:
    """Canonical XML (attribute order, namespaces, quotes normalised)."""
    out = io.BytesIO()
    etree.fromstring(data).getroottree().write_c14n(out)
    return out.getvalue()


def _on(rpr: etree._Element | None, name: str) -> bool:
    if rpr is None:
        return False
    el = rpr.find(w(name))
    return el is not None and el.get(w("val"), "true") not in ("0", "false", "none")


def runs_of(p: etree._Element, rels: dict[str, str]) -> list[tuple[str, tuple[object, ...]]]:
    """A paragraph's content as (text, formatting) pieces, equal neighbours joined: bold,
    italic, underline, vertical alignment, the link around it; a tab is \\t, a break \\n and a
    footnote reference [fn N]."""
    pieces: list[tuple[str, tuple[object, ...]]] = []

    def add(text: str, fmt: tuple[object, ...]) -> None:
        if pieces and pieces[-1][1] == fmt:
            pieces[-1] = (pieces[-1][0] + text, fmt)
        else:
            pieces.append((text, fmt))

    def walk(parent: etree._Element, link: str | None) -> None:
        for child in parent:
            if child.tag == w("hyperlink"):
                walk(child, rels.get(child.get(f"{{{R}}}id", ""), "#"))
            elif child.tag == w("r"):
                rpr = child.find(w("rPr"))
                align = rpr.find(w("vertAlign")) if rpr is not None else None
                fmt = (_on(rpr, "b"), _on(rpr, "i"), _on(rpr, "u"),
                       align.get(w("val")) if align is not None else None, link)
                for item in child:
                    if item.tag == w("t"):
                        add(item.text or "", fmt)
                    elif item.tag == w("tab"):
                        add("\t", fmt)
                    elif item.tag == w("br"):
                        add("\n", fmt)
                    elif item.tag in (w("footnoteReference"), w("footnoteRef")):
                        add(f"[fn {item.get(w('id'), '')}]", fmt)

    walk(p, None)
    return [(t, f) for t, f in pieces if t]


def rels_of(path: Path, name: str = "word/document.xml") -> dict[str, str]:
    folder, _, base = name.rpartition("/")
    data = members(path).get(f"{folder}/_rels/{base}.rels")
    if data is None:
        return {}
    root = etree.fromstring(data)
    return {r.get("Id"): r.get("Target") for r in root}


def docx_paragraphs(path: Path) -> list[tuple[str, list[tuple[str, tuple[object, ...]]]]]:
    """Every paragraph with text of the body, footnotes and headers: (part, pieces)."""
    out = []
    for name in ("word/document.xml", "word/footnotes.xml", "word/header1.xml"):
        root = part(path, name)
        rels = rels_of(path, name)
        for p in root.iter(w("p")):
            pieces = runs_of(p, rels)
            if "".join(t for t, _ in pieces).strip():
                out.append((name, pieces))
    return out
