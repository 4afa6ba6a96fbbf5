"""The scores screen: corpus BLEU, chrF++ and TER of the working translation and of the drafts
against the references, the LQA score of the working translation (``project.lqa.report``:
reviewers' MQM errors over the evaluated segments' words, pass or fail), a sparkline of
per-segment chrF++ in document order, and the segments
sorted worst first; Enter opens a segment in the editor.

Scoring runs ``project.score`` in a worker on the second connection (and stores the run, so the
editor's "low score" filter uses it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.console import Group
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import DataTable, Label, Sparkline, Static

from workbench.errors import WorkbenchError
from workbench.project.groups import group_source, group_text
from workbench.tui import keys
from workbench.tui.screens.report import ReportScreen
from workbench.tui.widgets.footer import FittedFooter

if TYPE_CHECKING:
    from workbench.project import Document, Project

MAX_SEGMENT_ROWS = 1000
"""The worst-first table holds at most this many segments of the version shown."""


@dataclass(frozen=True)
class SegmentRow:
    """One scored unit: its first segment, positions and scores, and all its segments."""

    segment_id: int
    positions: tuple[int, ...]
    bleu: float
    chrf: float
    ter: float
    segment_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class SystemRow:
    """One scored version: corpus scores and its units in document order."""

    name: str
    bleu: float
    chrf: float
    ter: float
    terms: str
    segments: tuple[SegmentRow, ...]

    def worst(self, limit: int = MAX_SEGMENT_ROWS) -> list[SegmentRow]:
        """Units sorted by chrF++, lowest first (document order among equals)."""
        return sorted(self.segments, key=lambda s: (s.chrf, s.positions))[:limit]


@dataclass(frozen=True)
class LqaSummary:
    """The LQA figures of the working translation (score None: nothing evaluated yet)."""

    score: float | None
    passed: bool | None
    threshold: float
    words: int
    errors: int

    @classmethod
    def of(cls, report: Any) -> LqaSummary:
        """The summary of an ``LqaReport``."""
        return cls(report.score, report.passed, report.threshold, report.words,
                   len(report.errors))

    def cell(self) -> Text:
        """The systems table's LQA cell: ``99.20 pass`` / ``97.00 fail`` / ``—``."""
        if self.score is None:
            return Text("—", style="dim")
        verdict, style = ("pass", "green") if self.passed else ("fail", "bold red")
        return Text.assemble(f"{self.score:.2f} ", (verdict, style))

    def describe(self) -> str:
        """One line for the screen: score, verdict, threshold, words, errors."""
        if self.score is None:
            return ("LQA (working): no score yet: no segment is reviewed or approved, and none "
                    "has an LQA error (reviewer F3: e records one)")
        verdict = "pass" if self.passed else "fail"
        return (f"LQA (working): {self.score:.2f}, {verdict} (threshold {self.threshold:g}) · "
                f"{self.words:,} words evaluated · {self.errors:,} "
                f"error{'' if self.errors == 1 else 's'}")


@dataclass
class Scored(Message):
    """The scores (posted by the worker)."""

    systems: list[SystemRow]
    refs: list[str]
    error: str | None = None
    lqa: LqaSummary | None = None
    not_recorded: str = ""  # why the run could not be recorded (the project busy...)


def unit_number(positions: tuple[int, ...]) -> str:
    """A scored unit's positions as the screen names it: 4, 5+6, 7+8+9…"""
    return "+".join(str(p) for p in positions[:3]) + ("…" if len(positions) > 3 else "")


def system_rows(report: Any) -> list[SystemRow]:
    """Plain rows for a ``ScoreReport``."""
    out: list[SystemRow] = []
    for system in report.systems:
        terms = ""
        if system.terms is not None and system.terms.occurrences:
            t = system.terms
            terms = f"{t.score:.1f}% ({t.rendered}/{t.occurrences})"
        segments = tuple(
            SegmentRow(s.segment_ids[0], tuple(s.positions), s.bleu, s.chrf, s.ter,
                       tuple(s.segment_ids))
            for s in system.segments if s.segment_ids
        )
        out.append(SystemRow(
            system.name, system.bleu.score, system.chrf.score, system.ter.score, terms, segments,
        ))
    return out


class ScoresScreen(ReportScreen):
    """Scores of the working translation and the drafts; the worst segments first."""

    HEADING, BUSY, TITLE_ID, TABLE_ID = "Scores", "scoring…", "scores-title", "scores-segments"

    KEY_SCOPE = "scores"
    BINDINGS = keys.bindings("scores")

    DEFAULT_CSS = """
    ScoresScreen { layout: vertical; }
    ScoresScreen #scores-title { height: auto; padding: 0 1; text-style: bold; }
    ScoresScreen #scores-systems { height: auto; max-height: 7; }
    ScoresScreen #scores-lqa { width: 1fr; height: auto; padding: 0 1; }
    ScoresScreen #scores-chart-label { height: 1; padding: 0 1; color: $text-muted; }
    ScoresScreen #scores-spark { height: 3; margin: 0 1; }
    ScoresScreen #scores-segments { height: 1fr; }
    ScoresScreen #scores-detail {
        height: auto; min-height: 7; max-height: 45%;
        border: round $panel-lighten-2; padding: 0 1;
    }
    """

    def __init__(self, document: Document) -> None:
        super().__init__(document)
        self.systems: list[SystemRow] = []
        self.refs: list[str] = []
        self.shown = 0
        self.rows: dict[str, SegmentRow] = {}

    def compose(self) -> ComposeResult:
        yield self.title_label()
        systems: DataTable[Any] = DataTable(id="scores-systems", cursor_type="row")
        yield systems
        yield Label("", id="scores-lqa")
        yield Label("", id="scores-chart-label")
        yield Sparkline([], summary_function=min, id="scores-spark")
        segments: DataTable[Any] = DataTable(
            id="scores-segments", cursor_type="row", zebra_stripes=True
        )
        yield segments
        yield Static("", id="scores-detail")
        yield FittedFooter()

    def on_mount(self) -> None:
        systems = self.query_one("#scores-systems", DataTable)
        for label in ("version", "BLEU", "chrF++", "TER", "terms", "LQA"):
            systems.add_column(label, key=label)
        segments = self.query_one("#scores-segments", DataTable)
        segments.add_column("#", key="position", width=9)
        segments.add_column("chrF++", key="chrf", width=7)
        segments.add_column("BLEU", key="bleu", width=7)
        segments.add_column("TER", key="ter", width=7)
        self.query_one("#scores-detail").border_title = "Segment"
        segments.focus()
        self.action_refresh()

    # scoring ---------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="scores")
    def load(self) -> None:
        """Score the working translation and every draft (worker, second connection)."""
        name = self.document.name
        keymap = self.wb.keymap()

        def score(project: Project) -> Scored:
            drafts = ["working", *(v for v in project.versions(name) if v.startswith("draft:"))]
            lqa = LqaSummary.of(project.lqa.report(name))
            try:
                report = project.score(name, drafts=drafts, store=not project.read_only)
            except WorkbenchError as exc:  # e.g. no reference yet: the LQA score still shows
                return Scored([], [], in_tui_words(str(exc), keymap), lqa)
            return Scored(system_rows(report), list(report.refs), lqa=lqa,
                          not_recorded=report.not_recorded)

        self.run_report(score, lambda error: Scored([], [], error))

    def on_scored(self, message: Scored) -> None:
        self.query_one("#scores-lqa", Label).update(
            message.lqa.describe() if message.lqa else ""
        )
        if not self.loaded(message.error):
            return
        self.systems, self.refs = message.systems, message.refs
        if message.not_recorded:
            self.notify(f"The scores are not recorded: {message.not_recorded}",
                        severity="warning")
        table = self.query_one("#scores-systems", DataTable)
        table.clear()
        for system in self.systems:
            lqa = message.lqa.cell() if message.lqa and system.name == "working" else ""
            table.add_row(
                self.wb.bidi.line(system.name), f"{system.bleu:.2f}", f"{system.chrf:.2f}",
                f"{system.ter:.2f}", system.terms, lqa, key=system.name,
            )
        self.set_title(f"against {', '.join(self.refs)} · "
                       + keys.hint(self.wb.keymap(), "scores_jump", "scores_next_version"))
        self.shown = min(self.shown, max(0, len(self.systems) - 1))
        self.show_system()

    def show_system(self) -> None:
        """Fill the chart and the worst-first table for the version shown."""
        if not self.systems:
            return
        system = self.systems[self.shown]
        spark = self.query_one(Sparkline)
        spark.data = [s.chrf for s in system.segments]
        self._draw_names()
        table = self.query_one("#scores-segments", DataTable)
        table.clear()
        self.rows = {}
        worst = system.worst()
        for i, seg in enumerate(worst):
            key = str(i)
            self.rows[key] = seg
            table.add_row(
                Text(unit_number(seg.positions), justify="right"), f"{seg.chrf:.1f}",
                f"{seg.bleu:.1f}", f"{seg.ter:.1f}", key=key,
            )
        if worst:
            table.move_cursor(row=0)
            self._show_detail(worst[0])

    def _draw_names(self) -> None:
        """The chart's label and the table's title, naming the version shown (an Arabic name
        ordered for display, as every name on the screen)."""
        system = self.systems[self.shown]
        lowest = min((s.chrf for s in system.segments), default=0.0)
        bidi = self.wb.bidi
        self.query_one("#scores-chart-label", Label).update(bidi.line(
            f"chrF++ per segment of {system.name}, in document order "
            f"({len(system.segments):,} units; lowest {lowest:.1f})"
        ))
        table = self.query_one("#scores-segments", DataTable)
        table.border_title = bidi.plain(f"{system.name}: worst first")

    # the selected row ------------------------------------------------------------------------

    def selected(self) -> SegmentRow | None:
        """The segment row under the cursor."""
        table = self.query_one("#scores-segments", DataTable)
        if not self.rows or table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value
        return self.rows.get(str(key))

    @on(DataTable.RowHighlighted, "#scores-segments")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        row = self.rows.get(str(event.row_key.value))
        if row is not None:
            self._show_detail(row)

    def _show_detail(self, row: SegmentRow) -> None:
        system = self.systems[self.shown].name

        def read(project: Project) -> tuple[str, str, str | None, str]:
            """The unit's texts as scored: every segment's, a link's sentence once, and the
            first reference that translates it (the first reference may not: a reference
            of part of the document)."""
            ids = row.segment_ids or (row.segment_id,)
            segments = [project.segment(sid) for sid in ids]
            english = group_text(
                seg.target if system == "working" else project.version_text(seg.id, system)
                for seg in segments
            )
            ref, reference = (self.refs[0] if self.refs else None), ""
            for name in self.refs:
                text = group_text(project.version_text(sid, name) for sid in ids)
                if text:
                    ref, reference = name, text
                    break
            return group_source(seg.source for seg in segments), english, ref, reference

        try:
            source, english, ref, reference = self.wb.service.read(read)
        except WorkbenchError:
            return
        detail = self.query_one("#scores-detail", Static)
        detail.border_title = f"Segment {unit_number(row.positions)} · chrF++ {row.chrf:.1f}"
        bidi = self.wb.bidi
        detail.update(Group(
            bidi.arabic(source),
            bidi.text(Text.assemble((f"{system}: ", "bold"), english or "(no English)"),
                      right_align_rtl=False),
            bidi.text(Text.assemble((f"{ref}: ", "bold dim"), (reference, "dim")),
                      right_align_rtl=False) if ref else Text(""),
        ))

    def apply_display(self) -> None:
        """Draw the version names and the selected segment again with the app's display
        settings."""
        systems = self.query_one("#scores-systems", DataTable)
        for system in self.systems:
            if system.name in systems.rows:
                systems.update_cell(system.name, "version", self.wb.bidi.line(system.name))
        if self.systems:
            self._draw_names()
        row = self.selected()
        if row is not None:
            self._show_detail(row)

    @on(DataTable.RowSelected, "#scores-segments")
    def _selected(self, event: DataTable.RowSelected) -> None:
        self.action_jump()

    @on(DataTable.RowSelected, "#scores-systems")
    def _system_selected(self, event: DataTable.RowSelected) -> None:
        names = [s.name for s in self.systems]
        if event.row_key.value in names:
            self.shown = names.index(str(event.row_key.value))
            self.show_system()
            self.query_one("#scores-segments", DataTable).focus()

    # actions ---------------------------------------------------------------------------------

    def action_next_version(self) -> None:
        """Show the next scored version's chart and segments."""
        if self.systems:
            self.shown = (self.shown + 1) % len(self.systems)
            self.show_system()


_IMPORT_HINT = re.compile(r"\(import one with: workbench import-translation FILE --doc .+ "
                          r"--as reference\)$")


def in_tui_words(error: str, keymap: dict[str, str]) -> str:
    """A scoring refusal as the TUI says it: the command line's way to import a missing
    reference (``workbench import-translation FILE --doc NAME --as reference``) becomes the
    import dialog's key, then the key that scores again."""
    return _IMPORT_HINT.sub(
        f"(import one: {keys.key_name(keymap, 'import')}, as the reference; then "
        f"{keys.key_name(keymap, 'scores_refresh')} scores again)", error)
