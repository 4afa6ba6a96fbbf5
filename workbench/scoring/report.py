"""Scoring results as plain data (the JSON shape) and as CSV and Markdown text."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from workbench.scoring.metrics import METRICS, MetricScore, SegmentScore, SystemScore

DIGITS = 4
SORT_KEYS = ("document", "worst")
LOWER_IS_BETTER = {"ter"}


@dataclass
class ScoreReport:
    """One scoring run: every system scored against the same references."""

    systems: list[SystemScore]
    refs: list[str]
    test: str | None = None  # 'bs' or 'ar' when a paired test was run
    extra: dict[str, dict[str, Any]] = field(default_factory=dict)  # per system name
    not_recorded: str = ""  # why the project could not record the run ('' when it did)

    @property
    def baseline(self) -> SystemScore:
        return self.systems[0]


def _r(value: float | None) -> float | None:
    return None if value is None else round(float(value), DIGITS)


def _p(value: float) -> float:
    """A p-value rounded as the scores are, but never to 0 (sacrebleu's p-values are at least
    1/(n+1): 100,000 trials give 0.00001, which four decimals would print as 0)."""
    rounded = round(float(value), DIGITS)
    return rounded if rounded else float(f"{value:.2g}")


def p_text(value: float) -> str:
    """A p-value for a table: four decimals, or ``<0.0001`` below them."""
    return f"{value:.4f}" if round(value, DIGITS) else "<0.0001"


def metric_dict(score: MetricScore) -> dict[str, Any]:
    """``{"score", "signature", ...}`` for one metric; ci/mean/p_value only when computed."""
    out: dict[str, Any] = {
        "name": score.name,
        "score": _r(score.score),
        "signature": score.signature,
        "segment_signature": score.segment_signature,
    }
    if score.ci is not None:
        out["ci"] = [_r(score.ci[0]), _r(score.ci[1])]
        out["mean"] = _r(score.mean)
    if score.p_value is not None:
        out["p_value"] = _p(score.p_value)
    return out


def segment_dict(seg: SegmentScore) -> dict[str, Any]:
    """``{"line", "bleu", "chrf", "ter"}`` plus segment positions/ids and terms when known."""
    out: dict[str, Any] = {
        "line": seg.line, "bleu": _r(seg.bleu), "chrf": _r(seg.chrf), "ter": _r(seg.ter),
    }
    if seg.segment_ids:
        out["positions"] = seg.positions
        out["segment_ids"] = seg.segment_ids
    if seg.terms is not None:
        out["terms"] = {"rendered": seg.terms[0], "occurrences": seg.terms[1]}
    return out


def sorted_segments(
    segments: Sequence[SegmentScore], sort: str = "document", metric: str = "chrf"
) -> list[SegmentScore]:
    """Segments in document order, or with ``sort='worst'`` the lowest-scoring first."""
    if sort == "document":
        return list(segments)
    if sort != "worst":
        raise ValueError(f"unknown sort {sort!r} (use {', '.join(SORT_KEYS)})")
    sign = -1.0 if metric in LOWER_IS_BETTER else 1.0
    return sorted(segments, key=lambda s: (sign * getattr(s, metric), s.line))


def system_dict(
    system: SystemScore, *, sort: str = "document", metric: str = "chrf", limit: int | None = None
) -> dict[str, Any]:
    """The JSON shape of one system: bleu, chrf, ter, terms (when computed), segments."""
    out: dict[str, Any] = {"name": system.name}
    for key in METRICS:
        out[key] = metric_dict(system.metrics[key])
    if system.terms is not None:
        out["terms"] = system.terms.to_dict()
    segs = sorted_segments(system.segments, sort, metric)
    out["segments"] = [segment_dict(s) for s in segs[:limit]]
    return out


def report_dict(
    report: ScoreReport, *, sort: str = "document", metric: str = "chrf", limit: int | None = None
) -> dict[str, Any]:
    """One system: its flat dict. Several: ``{"baseline", "test", "systems": [...]}``."""
    dicts = []
    for system in report.systems:
        data = system_dict(system, sort=sort, metric=metric, limit=limit)
        data.update(report.extra.get(system.name, {}))
        dicts.append(data)
    if len(dicts) == 1:
        return {**dicts[0], "refs": report.refs}
    return {
        "baseline": report.baseline.name, "test": report.test, "refs": report.refs,
        "systems": dicts,
    }


def _fmt(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def _terms_cells(system: SystemScore) -> list[str]:
    if system.terms is None:
        return []
    t = system.terms
    return [f"{_fmt(t.score)} ({t.rendered}/{t.occurrences})" if t.occurrences else "no terms"]


def to_csv(
    report: ScoreReport, *, sort: str = "document", metric: str = "chrf", limit: int | None = None
) -> str:
    """CSV: a ``corpus`` row per system, then one row per segment (line, bleu, chrf, ter)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    with_terms = any(s.terms is not None for s in report.systems)
    header = ["system", "line", "bleu", "chrf", "ter"]
    if with_terms:
        header += ["terms_rendered", "terms_occurrences"]
    writer.writerow(header)
    for system in report.systems:
        row: list[Any] = [system.name, "corpus"]
        row += [_r(system.metrics[k].score) for k in METRICS]
        if with_terms:
            t = system.terms
            row += [t.rendered, t.occurrences] if t is not None else ["", ""]
        writer.writerow(row)
    for system in report.systems:
        for seg in sorted_segments(system.segments, sort, metric)[:limit]:
            row = [system.name, seg.line, _r(seg.bleu), _r(seg.chrf), _r(seg.ter)]
            if with_terms:
                row += list(seg.terms) if seg.terms is not None else ["", ""]
            writer.writerow(row)
    return buf.getvalue()


def _md_row(cells: Sequence[Any]) -> str:
    return "| " + " | ".join(str(c).replace("|", "\\|") for c in cells) + " |"


def summary_rows(report: ScoreReport) -> tuple[list[str], list[list[str]]]:
    """Header and rows of the corpus summary (shared by the Markdown and terminal tables)."""
    first = report.baseline.metrics
    header = ["system"] + [first[k].name for k in METRICS]
    with_terms = any(s.terms is not None for s in report.systems)
    if with_terms:
        header.append("terms")
    rows = []
    for system in report.systems:
        cells = [system.name]
        for key in METRICS:
            m = system.metrics[key]
            cell = _fmt(m.score)
            if m.ci is not None and m.mean is not None:
                cell += f" (μ {m.mean:.2f} ± {(m.ci[1] - m.ci[0]) / 2:.2f})"
            if m.p_value is not None:
                cell += f" p={p_text(m.p_value)}" + ("*" if m.p_value < 0.05 else "")
            cells.append(cell)
        if with_terms:
            cells += _terms_cells(system) or [""]
        rows.append(cells)
    return header, rows


def to_markdown(
    report: ScoreReport, *, sort: str = "document", metric: str = "chrf", limit: int | None = None
) -> str:
    """Markdown: the corpus summary, the signatures, and each system's segment table."""
    header, rows = summary_rows(report)
    lines = [_md_row(header), _md_row(["---"] * len(header)), *(_md_row(r) for r in rows), ""]
    for key in METRICS:
        m = report.baseline.metrics[key]
        lines.append(f"- {m.name}: `{m.signature}`")
    if report.test:
        lines.append(f"- paired test: {report.test}, baseline {report.baseline.name}; * p < 0.05")
    for system in report.systems:
        if limit == 0:  # no segment lists (as the terminal table and CSV): no empty tables
            break
        lines += ["", f"### {system.name}", ""]
        lines.append(_md_row(["line", "BLEU", system.metrics["chrf"].name, "TER"]))
        lines.append(_md_row(["---:"] * 4))
        for seg in sorted_segments(system.segments, sort, metric)[:limit]:
            lines.append(_md_row([seg.line, _fmt(seg.bleu), _fmt(seg.chrf), _fmt(seg.ter)]))
    return "\n".join(lines) + "\n"
