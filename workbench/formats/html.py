"""HTML: one self-contained, printable page with the Arabic and English side by side.

Arabic cells are ``dir="rtl" lang="ar"``, their inline tags isolated left-to-right; glossary
terms are highlighted with their required English as a tooltip; findings and comments are
listed beside each pair. Every piece of text is escaped, so a segment that contains
``<script>`` stays text. Written as a stream.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from html import escape
from typing import BinaryIO

from workbench.formats.model import STATUS_MEANING, ExportHeader, Unit, source_pieces
from workbench.statuses import STATUSES
from workbench.text.tags import tokens

_CSS = """
:root { --line: #c8c8c8; --muted: #555; }
* { box-sizing: border-box; }
body { font-family: "Segoe UI", "Noto Sans", Arial, sans-serif; font-size: 11pt; margin: 1.5rem;
       color: #111; background: #fff; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { font-size: 1.05rem; margin: 1rem 0 .3rem; }
.meta { color: var(--muted); margin: 0 0 .5rem; }
.legend ul { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap;
             gap: .4rem 1.2rem; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { border: 1px solid var(--line); padding: .35rem .5rem; vertical-align: top;
         text-align: start; overflow-wrap: anywhere; }
thead th { background: #eef1f5; }
col.num { width: 4.5rem; } col.status { width: 7rem; } col.notes { width: 22%; }
td.num { color: var(--muted); font-variant-numeric: tabular-nums; }
[lang="ar"] { font-family: "Noto Naskh Arabic", "Amiri", "Arial", "Traditional Arabic", serif;
              font-size: 1.2em; line-height: 1.7; }
td.ar { text-align: right; }
tr.paragraph th { background: #f7f7f7; font-weight: 600; text-align: start; color: var(--muted); }
mark.term { background: #fff1a8; border-bottom: 2px solid #d4a800; padding: 0 .1em; }
.badge { display: inline-block; padding: .05rem .45rem; border-radius: .6rem; font-size: .85em;
         border: 1px solid #999; white-space: nowrap; }
.s-new .badge { background: #f2f2f2; } .s-draft .badge { background: #ffe9c7; }
.s-translated .badge { background: #dcecff; } .s-reviewed .badge { background: #dff3dc; }
.s-approved .badge { background: #bfe8b8; font-weight: 600; }
ul.findings { margin: 0; padding-inline-start: 1.1rem; }
li.finding { color: #8a1f11; } li.note { color: #1d3f72; } li.lqa { color: #6a1b9a; }
.empty { color: #999; font-style: italic; }
@media print {
  @page { size: A4 landscape; margin: 12mm; }
  body { margin: 0; font-size: 9.5pt; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def e(text: object) -> str:
    """Escape text for HTML content and attribute values."""
    return escape(str(text), quote=True)


def arabic_html(text: str) -> str:
    """Arabic text escaped, each inline tag in a left-to-right ``<bdi>``: shown as written
    (``</1>``, ``<2/>``), not mirrored by the right-to-left cell into ``<1/>``, ``</2>``."""
    if "<" not in text:
        return e(text)
    out, pos = [], 0
    for token in tokens(text):
        out += [e(text[pos : token.start]), f'<bdi dir="ltr">{e(token.text)}</bdi>']
        pos = token.end
    out.append(e(text[pos:]))
    return "".join(out)


def highlighted(unit: Unit) -> str:
    """The unit's Arabic, escaped, with glossary terms wrapped in ``<mark class="term">``."""
    out: list[str] = []
    for text, term in source_pieces(unit):
        if term is None:
            out.append(arabic_html(text))
            continue
        title = "glossary: " + "; ".join(term.renderings) if term.renderings else "glossary term"
        out.append(f'<mark class="term" title="{e(title)}">{arabic_html(text)}</mark>')
    return "".join(out)


def write_html(out: BinaryIO, header: ExportHeader, units: Iterable[Unit]) -> int:
    """Write the bilingual page; return how many segment pairs it shows."""
    text = io.TextIOWrapper(out, encoding="utf-8", newline="\n")
    title = f"{header.document} — Arabic–English ({header.version})"
    text.write(
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="{e(header.tool)} {e(header.tool_version)}">\n'
        f'<meta name="workbench-document-key" content="{e(header.document_key)}">\n'
        f"<title>{e(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
    )
    text.write(
        f"<header>\n<h1>{e(title)}</h1>\n"
        f'<p class="meta">Project {e(header.project)} · document {e(header.document)} · '
        f"version {e(header.version)} · exported {e(header.created)} by {e(header.tool)} "
        f"{e(header.tool_version)}</p>\n"
    )
    text.write('<section class="legend">\n<h2>Legend</h2>\n<ul>\n')
    for status in STATUSES:
        text.write(
            f'<li class="s-{status}"><span class="badge">{status}</span> '
            f"{e(STATUS_MEANING[status])}</li>\n"
        )
    text.write(
        '<li><mark class="term">term</mark> glossary term (hover for the required English)</li>\n'
        '<li><ul class="findings"><li class="finding">QA or glossary finding</li>'
        '<li class="note">comment</li><li class="lqa">LQA error (MQM)</li></ul></li>\n'
        "</ul>\n</section>\n</header>\n"
    )
    text.write(
        "<main>\n<table>\n<colgroup><col class=\"num\"><col><col><col class=\"status\">"
        '<col class="notes"></colgroup>\n<thead><tr><th scope="col">#</th>'
        '<th scope="col">Arabic</th><th scope="col">English</th><th scope="col">Status</th>'
        '<th scope="col">Findings and comments</th></tr></thead>\n<tbody>\n'
    )
    count = 0
    paragraph = None
    for unit in units:
        if unit.paragraph != paragraph:
            paragraph = unit.paragraph
            text.write(
                f'<tr class="paragraph"><th colspan="5" scope="rowgroup">Paragraph '
                f"{unit.paragraph}</th></tr>\n"
            )
        english = e(unit.target) if unit.target else '<span class="empty">(no English)</span>'
        items = [f'<li class="finding">{e(f)}</li>' for f in unit.findings]
        items += [f'<li class="note">{e(n)}</li>' for n in unit.notes]
        items += [f'<li class="lqa">{e(n)}</li>' for n in unit.lqa]
        notes = f'<ul class="findings">{"".join(items)}</ul>' if items else ""
        text.write(
            f'<tr class="unit s-{e(unit.status)}" id="u{e(unit.key)}">'
            f'<td class="num">{unit.numbers}</td>'
            f'<td class="ar" dir="rtl" lang="ar">{highlighted(unit)}</td>'
            f'<td class="en" lang="en">{english}</td>'
            f'<td class="status"><span class="badge">{e(unit.status)}</span></td>'
            f'<td class="notes">{notes}</td></tr>\n'
        )
        count += 1
    text.write(
        f'</tbody>\n</table>\n</main>\n<footer><p class="meta">{count} segment pairs.</p>'
        "</footer>\n</body>\n</html>\n"
    )
    text.flush()
    text.detach()
    return count
