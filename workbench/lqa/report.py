"""LQA reports rendered: CSV (one row per error) and one self-contained, escaped HTML page.

The CSV is for spreadsheets: a cell starting with ``=``, ``+``, ``-`` or ``@`` (a reviewer's
comment, a quote of the English) gets an apostrophe before it, as in the CSV export, so that
opening the report never runs it as a formula; written to a file it starts with a BOM, so that
the Arabic is read as UTF-8.
"""

from __future__ import annotations

import csv
import html
import io

from workbench.formats.table import defused
from workbench.lqa.scoring import UNKNOWN_TRANSLATOR, LqaReport
from workbench.lqa.typology import CATEGORIES, SEVERITIES
from workbench.wording import plural

CSV_COLUMNS: tuple[str, ...] = (
    "id", "line", "segment", "category", "dimension", "severity", "weight", "span_start",
    "span_end", "quote", "comment", "author", "at", "translator", "revision", "outdated",
)


def verdict(report: LqaReport) -> str:
    """``PASS``, ``FAIL`` or ``no words evaluated``."""
    if report.passed is None:
        return "no words evaluated"
    return "PASS" if report.passed else "FAIL"


def summary_line(report: LqaReport) -> str:
    """One line: score, words, penalty, threshold and verdict."""
    score = "—" if report.score is None else f"{report.score:.2f}"
    return (
        f"LQA {report.document}: score {score} over {report.words} words "
        f"({plural(report.total.segments, 'segment')}, {plural(len(report.errors), 'error')}, "
        f"penalty "
        f"{report.penalty:g}); threshold {report.threshold:g}: {verdict(report)}"
    )


def to_csv(report: LqaReport) -> str:
    """One CSV row per error counted (formula-like cells defused: see the module)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for e in report.errors:
        start, end = e.span if e.span is not None else ("", "")
        writer.writerow([defused(str(cell)) for cell in (
            e.id, e.position, e.segment_id, e.category, e.dimension, e.severity,
            f"{report.weights[e.severity]:g}", start, end, e.quote or "", e.comment, e.author,
            e.at, e.translator or UNKNOWN_TRANSLATOR,
            "" if e.revision_id is None else e.revision_id, "yes" if e.outdated else "no",
        )])
    return buffer.getvalue()


_CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#222}
h1{font-size:1.4em}table{border-collapse:collapse;margin:1em 0}
th,td{border:1px solid #ccc;padding:4px 8px;vertical-align:top;text-align:left}
th{background:#f2f2f2}td.n{text-align:right}.pass{color:#2e7d32;font-weight:600}
.fail{color:#b00020;font-weight:600}.muted{color:#777}mark{background:#ffe08a}
.figures td:first-child{font-weight:600;width:14em}
"""


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _marked(text: str, span: tuple[int, int] | None) -> str:
    if span is None or span[1] > len(text):
        return _e(text)
    start, end = span
    return f"{_e(text[:start])}<mark>{_e(text[start:end])}</mark>{_e(text[end:])}"


def to_html(report: LqaReport, title: str = "LQA report") -> str:
    """One self-contained HTML page (inline CSS, no scripts); everything shown is escaped."""
    score = "—" if report.score is None else f"{report.score:.2f}"
    outcome = verdict(report)
    css_class = {"PASS": "pass", "FAIL": "fail"}.get(outcome, "muted")
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{_e(title)} — {_e(report.document)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{_e(title)} — {_e(report.document)}</h1>",
        '<table class="figures">',
    ]
    figures = [
        ("evaluated segments", f"{report.total.segments} ({report.scope})"),
        ("words (Arabic source)", report.words),
        ("errors", len(report.errors)),
        ("penalty points", f"{report.penalty:g}"),
        ("score", score),
        ("threshold", f"{report.threshold:g}"),
        ("weights", ", ".join(f"{s} {report.weights[s]:g}" for s in SEVERITIES)),
    ]
    parts += [f"<tr><td>{_e(k)}</td><td>{_e(v)}</td></tr>" for k, v in figures]
    parts.append(f'<tr><td>result</td><td class="{css_class}">{_e(outcome)}</td></tr></table>')
    parts.append("<h2>By dimension and severity</h2><table><tr><th>dimension</th>")
    parts += [f"<th>{_e(s)}</th>" for s in SEVERITIES]
    parts.append("<th>errors</th><th>penalty</th></tr>")
    for dimension, row in report.by_dimension().items():
        cells = "".join(f'<td class="n">{row[s]}</td>' for s in SEVERITIES)
        parts.append(
            f"<tr><td>{_e(CATEGORIES[dimension].name)}</td>{cells}"
            f'<td class="n">{row["errors"]}</td><td class="n">{row["penalty"]:g}</td></tr>'
        )
    parts.append("</table>")
    by_category = report.by_category()
    if by_category:
        parts.append("<h2>By category</h2><table><tr><th>category</th><th>name</th>"
                     "<th>errors</th><th>penalty</th></tr>")
        for category, row in by_category.items():
            name = CATEGORIES[category].name if category in CATEGORIES else ""
            parts.append(
                f"<tr><td>{_e(category)}</td><td>{_e(name)}</td><td class=\"n\">{row['errors']}"
                f"</td><td class=\"n\">{row['penalty']:g}</td></tr>"
            )
        parts.append("</table>")
    parts.append("<h2>By translator</h2><table><tr><th>translator</th><th>segments</th>"
                 "<th>words</th><th>errors</th><th>penalty</th><th>score</th><th>result</th></tr>")
    for row in report.by_translator():
        result = "—" if row["pass"] is None else ("PASS" if row["pass"] else "FAIL")
        shown = "—" if row["score"] is None else f"{row['score']:.2f}"
        parts.append(
            f"<tr><td>{_e(row['translator'])}</td><td class=\"n\">{row['segments']}</td>"
            f"<td class=\"n\">{row['words']}</td><td class=\"n\">{row['errors']}</td>"
            f"<td class=\"n\">{row['penalty']:g}</td><td class=\"n\">{_e(shown)}</td>"
            f"<td>{_e(result)}</td></tr>"
        )
    parts.append("</table><h2>Errors</h2>")
    if not report.errors:
        parts.append('<p class="muted">No errors recorded.</p>')
    else:
        parts.append("<table><tr><th>#</th><th>line</th><th>severity</th><th>category</th>"
                     "<th>English (the span marked)</th><th>comment</th><th>reviewer</th>"
                     "<th>translator</th></tr>")
        for e in report.errors:
            english = _marked(e.target_text, e.span)
            if e.outdated:
                english += ' <span class="muted">(the English has changed since)</span>'
            parts.append(
                f"<tr><td>{e.id}</td><td>{e.position}</td><td>{_e(e.severity)}</td>"
                f"<td>{_e(e.category)}</td><td lang=\"en\">{english}</td>"
                f"<td dir=\"auto\">{_e(e.comment)}</td><td>{_e(e.author)}</td>"
                f"<td>{_e(e.translator or UNKNOWN_TRANSLATOR)}</td>"
                "</tr>"
            )
        parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
