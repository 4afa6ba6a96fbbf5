"""QA reports: the JSON structure of ``workbench check`` and its CSV and HTML renderings.

JSON: ``{"violations": [...], "summary": {...}}``. Each violation has exactly the keys
``line, segment, check, kind, term, expected, found, severity, span, message``; findings a
reviewer accepted are not violations: they are listed in ``summary["overrides"]``.
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from workbench.formats.html import arabic_html
from workbench.formats.table import defused
from workbench.glossary.checks.invisible_characters import INVISIBLE, describe, label
from workbench.glossary.english import find_rendering
from workbench.glossary.findings import SEVERITIES, Finding, severity_rank

VIOLATION_KEYS: tuple[str, ...] = (
    "line", "segment", "check", "kind", "term", "expected", "found", "severity", "span", "message",
)


@dataclass
class Accepted:
    """A finding accepted by a reviewer, with who, when and why."""

    finding: Finding
    reason: str
    author: str
    at: str


@dataclass
class ReportRow:
    """One checked pair: where it is, its texts, its open and accepted findings."""

    line: int
    segment: int | None
    source: str
    target: str
    findings: list[Finding] = field(default_factory=list)
    accepted: list[Accepted] = field(default_factory=list)


@dataclass
class Report:
    """Everything a report shows."""

    rows: list[ReportRow]
    occurrences: int
    rendered: int
    fail_on: str = "error"
    context: dict[str, Any] = field(default_factory=dict)

    def violations(self) -> list[dict[str, Any]]:
        """The open findings as JSON objects, in line order."""
        out: list[dict[str, Any]] = []
        for row in self.rows:
            for f in row.findings:
                out.append(
                    {
                        "line": row.line, "segment": row.segment, "check": f.check,
                        "kind": f.kind, "term": f.term, "expected": list(f.expected),
                        "found": f.found, "severity": f.severity,
                        "span": list(f.span) if f.span is not None else None,
                        "message": f.message,
                    }
                )
        return out

    def failed(self) -> bool:
        """True when an open finding is at or above the ``fail_on`` severity."""
        bar = severity_rank(self.fail_on)
        return any(severity_rank(f.severity) >= bar for r in self.rows for f in r.findings)

    def summary(self) -> dict[str, Any]:
        """Counts by severity and check, glossary compliance, the accepted findings."""
        findings = [f for r in self.rows for f in r.findings]
        by_severity = Counter(f.severity for f in findings)
        overrides = [
            {
                "line": r.line, "segment": r.segment, "check": a.finding.check,
                "term": a.finding.term, "message": a.finding.message, "reason": a.reason,
                "author": a.author, "at": a.at,
            }
            for r in self.rows for a in r.accepted
        ]
        return {
            **self.context,
            "segments": len(self.rows),
            "segments_with_violations": sum(1 for r in self.rows if r.findings),
            "violations": len(findings),
            "by_severity": {s: by_severity.get(s, 0) for s in SEVERITIES},
            "by_check": dict(sorted(Counter(f.check for f in findings).items())),
            "terms": {
                "occurrences": self.occurrences,
                "rendered": self.rendered,
                "accuracy": (
                    round(self.rendered / self.occurrences, 4) if self.occurrences else None
                ),
            },
            "overridden": len(overrides),
            "overrides": overrides,
            "fail_on": self.fail_on,
            "failed": self.failed(),
        }

    def to_json(self) -> dict[str, Any]:
        """The JSON document of the report."""
        return {"violations": self.violations(), "summary": self.summary()}


def to_csv(report: Report) -> str:
    """One CSV row per finding, accepted ones included (status and reason columns); a text
    cell a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@`` first: the English
    quoted, a reason) gets an apostrophe before it, as in the CSV export."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        [*VIOLATION_KEYS[:8], "span_start", "span_end", "message", "status", "reason"]
    )

    def write(row: ReportRow, f: Finding, status: str, reason: str) -> None:
        start, end = f.span if f.span is not None else ("", "")
        writer.writerow(
            [
                row.line, "" if row.segment is None else row.segment, f.check, f.kind,
                defused(f.term or ""), defused("; ".join(f.expected)), defused(f.found or ""),
                f.severity, start, end, defused(f.message), status, defused(reason),
            ]
        )

    for row in report.rows:
        for f in row.findings:
            write(row, f, "open", "")
        for a in row.accepted:
            write(row, a.finding, "accepted", a.reason)
    return buffer.getvalue()


_CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#222}
h1{font-size:1.4em}table{border-collapse:collapse;width:100%;margin:1em 0}
th,td{border:1px solid #ccc;padding:4px 8px;vertical-align:top;text-align:left}
th{background:#f2f2f2}.ar{direction:rtl;text-align:right;font-size:1.15em}
.error{color:#b00020;font-weight:600}.warning{color:#a15c00}.info{color:#555}
mark{background:#ffe08a}.invisible{font:0.8em monospace;background:#f5b7b1}
.accepted{color:#2e7d32}.muted{color:#777}.text{white-space:pre-wrap}
.figures td:first-child{font-weight:600;width:16em}
"""


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _shown(text: str, escape: Callable[[str], str] = _e) -> str:
    """A marked piece of text, escaped; invisible characters (RLO, ZWSP...) shown by name."""
    if not text or INVISIBLE.fullmatch(text) is None:
        return escape(text)
    runs = [m.group() for m in re.finditer(r"(.)\1*", text, re.DOTALL)]
    return "".join(
        f'<span class="invisible" title="{_e(describe(run[0]))}">'
        f"⟨{_e(label(run[0]))}⟩{'×' + str(len(run)) if len(run) > 1 else ''}</span>"
        for run in runs
    )


def _marked(text: str, spans: Sequence[tuple[int, int]], *, arabic: bool = False) -> str:
    """``text`` escaped, its ``spans`` marked; overlapping spans are marked as one (a
    misspelled word cut by inline tags holds the span of a tag-mismatch finding). In
    ``arabic`` text each inline tag is a left-to-right ``<bdi>``, not mirrored."""
    escape = arabic_html if arabic else _e
    merged: list[list[int]] = []
    for start, end in sorted(set(spans)):
        if end > len(text):
            continue
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out: list[str] = []
    last = 0
    for start, end in merged:
        out.append(escape(text[last:start]))
        out.append(f"<mark>{_shown(text[start:end], escape)}</mark>")
        last = end
    out.append(escape(text[last:]))
    return "".join(out)


def to_html(report: Report, title: str = "Workbench QA report") -> str:
    """One self-contained HTML page (inline CSS, no scripts); everything shown is escaped."""
    s = report.summary()
    term_figures = s["terms"]
    accuracy = "—" if term_figures["accuracy"] is None else f"{term_figures['accuracy']:.1%}"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{_e(title)}</h1>",
        '<table class="figures">',
    ]
    context = [(k, v) for k, v in report.context.items() if v is not None]
    figures = [
        *context,
        ("segments checked", s["segments"]),
        ("violations", s["violations"]),
        *[(f"  {k}", v) for k, v in s["by_severity"].items()],
        ("glossary terms rendered", f"{term_figures['rendered']} of "
         f"{term_figures['occurrences']} ({accuracy})"),
        ("accepted by a reviewer", s["overridden"]),
        ("result", f"{'FAILED' if s['failed'] else 'passed'} (fail on {report.fail_on})"),
    ]
    parts += [f"<tr><td>{_e(k)}</td><td>{_e(v)}</td></tr>" for k, v in figures]
    parts.append("</table>")
    if s["by_check"]:
        parts.append("<h2>By check</h2><table><tr><th>check</th><th>violations</th></tr>")
        parts += [f"<tr><td>{_e(k)}</td><td>{v}</td></tr>" for k, v in s["by_check"].items()]
        parts.append("</table>")
    parts.append("<h2>Segments with findings</h2>")
    shown = [r for r in report.rows if r.findings or r.accepted]
    if not shown:
        parts.append('<p class="muted">No findings.</p>')
    for row in shown:
        where = f"line {row.line}"
        if row.segment is not None:
            where += f" · segment {row.segment}"
        term_spans = [
            f.span for f in row.findings + [a.finding for a in row.accepted]
            if f.term is not None and f.span is not None
        ]
        parts.append(f"<h3>{_e(where)}</h3><table>")
        parts.append(f'<tr><th>Arabic</th><td class="ar text" dir="rtl" lang="ar">'
                     f"{_marked(row.source, term_spans, arabic=True)}</td></tr>")
        target_spans = [
            f.span for f in row.findings if f.term is None and f.span is not None
        ]
        for f in row.findings:
            if f.kind == "forbidden" and f.found:
                target_spans += find_rendering(row.target, f.found)
        parts.append(
            f'<tr><th>English</th><td class="text" lang="en">'
            f"{_marked(row.target, target_spans)}</td></tr>"
        )
        parts.append("</table><table><tr><th>severity</th><th>check</th><th>term</th>"
                     "<th>expected</th><th>found</th><th>message</th></tr>")
        for f in row.findings:
            parts.append(
                f'<tr><td class="{_e(f.severity)}">{_e(f.severity)}</td><td>{_e(f.check)}</td>'
                f'<td class="ar" dir="rtl" lang="ar">{_e(f.term)}</td>'
                f"<td>{_e(', '.join(f.expected))}</td><td>{_e(f.found)}</td>"
                f"<td>{_e(f.message)}</td></tr>"
            )
        for a in row.accepted:
            f = a.finding
            parts.append(
                f'<tr class="accepted"><td>accepted</td><td>{_e(f.check)}</td>'
                f'<td class="ar" dir="rtl" lang="ar">{_e(f.term)}</td>'
                f"<td>{_e(', '.join(f.expected))}</td><td>{_e(f.found)}</td>"
                f"<td>{_e(f.message)} — accepted by {_e(a.author)} ({_e(a.at)}): "
                f"{_e(a.reason)}</td></tr>"
            )
        parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
