"""The export dialog: a format, a version, the statuses to include and the output file; the
export runs in a worker (``project.export_file``) with a progress bar, never freezing the UI.

The format ``original`` writes the translated document in its source's format (a client's
DOCX, ODT, HTML, Markdown, EPUB or XLIFF with the English in place); for it the dialog also asks
what untranslated segments become (``fallback``: left in Arabic, or empty) and shows the export's
warnings (tags put back or dropped) once it is written. So does ``xliff`` (default: empty targets;
the Arabic in them for OmegaT, which translates targets)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Checkbox, Input, Label, Select

from workbench.errors import WorkbenchError
from workbench.formats import fallback_formats
from workbench.statuses import STATUSES
from workbench.tui import keys
from workbench.tui.display import isolate
from workbench.tui.screens.job_dialog import JobDialog, typed_path
from workbench.tui.service import describe_error

if TYPE_CHECKING:
    from workbench.project import Document, Project


@dataclass
class Exported(Message):
    """The export finished (or failed)."""

    path: Path | None
    units: int = 0
    seconds: float = 0.0
    error: str | None = None
    warnings: tuple[str, ...] = ()
    counted: str = ""  # what ``units`` counts, as the CLI says it ("21 segment pairs")


FALLBACKS = (("source", "left in Arabic (source)"), ("empty", "left out (empty)"))
"""What the format ``original`` puts where a segment has no English."""


def format_options() -> list[tuple[str, str]]:
    """(label, name) of every export format, in the registry's order (the first is the default)."""
    from workbench.formats import EXPORT_FORMATS, get_format

    return [(f"{name} — {get_format(name).description}", name) for name in EXPORT_FORMATS]


class ExportScreen(JobDialog[Path | None]):
    """Export a document version to a bilingual file."""

    PREFIX = "export"

    KEY_SCOPE = "export"
    BINDINGS = keys.bindings("export")

    DEFAULT_CSS = """
    ExportScreen #export-status { width: 100%; height: auto; }
    ExportScreen .export-row { height: auto; margin-bottom: 1; }
    ExportScreen .export-col { width: 1fr; height: auto; margin-right: 2; }
    ExportScreen #export-format-col { width: 2fr; }
    ExportScreen .checks { height: auto; margin-bottom: 1; }
    ExportScreen .checks Checkbox { width: auto; margin-right: 2; }
    ExportScreen #export-output { margin-bottom: 1; }
    ExportScreen #export-progress { margin-top: 1; }
    """

    def __init__(self, document: Document) -> None:
        super().__init__()
        self.document = document
        self.versions: list[str] = ["working"]

    def compose(self) -> ComposeResult:
        try:
            names = self.wb.service.read(lambda p: p.versions(self.document.name))
        except WorkbenchError:  # the server gone: the dialog is drawn all the same
            names = []
        self.versions = ["working", *(v for v in names if v != "working")]
        with Vertical(classes="dialog"):
            yield self.title_label()
            with Horizontal(classes="export-row"):
                with Vertical(classes="export-col", id="export-format-col"):
                    yield Label("Format")
                    options = format_options()
                    yield Select(options, value=options[0][1], allow_blank=False,
                                 compact=True, id="export-format")
                with Vertical(classes="export-col"):
                    yield Label("Version")
                    yield Select([(v, v) for v in self.versions], value="working",
                                 allow_blank=False, compact=True, id="export-version")
            with Vertical(classes="export-row", id="export-fallback-row"):
                yield Label("Untranslated segments (original; xliff: source for OmegaT)")
                yield Select([(label, name) for name, label in FALLBACKS], value="source",
                             allow_blank=False, compact=True, id="export-fallback")
            yield Label("Statuses (none ticked: every segment)")
            with Grid(classes="status-grid"):  # two rows in a narrow terminal: all seen
                for status in STATUSES:
                    yield Checkbox(status, False, compact=True, id=f"export-status-{status}")
            yield Label("Output file (empty: translations/ with a name from the document)")
            yield Input(placeholder=self._default_output(options[0][1], "working"), compact=True,
                        id="export-output")
            yield Checkbox("overwrite an existing file", False, compact=True, id="export-force")
            yield from self.job_controls(
                "Export", keys.hint(self.wb.keymap(), "Tab: next field", "export_run",
                                    "export_cancel")
            )

    def dialog_title(self) -> Text:
        """'Export' and the document's name (isolated)."""
        return Text.assemble("Export ", isolate(self.document.name))

    def on_mount(self) -> None:
        self.query_one("#export-fallback-row").display = False
        self.query_one("#export-format", Select).focus()

    def _default_output(self, fmt: str, version: str) -> str:
        try:
            path = self.wb.service.read(lambda p: p.default_output(self.document, fmt, version))
        except (WorkbenchError, KeyError):  # KeyError: an unknown format
            return ""
        return str(path)

    @on(Select.Changed)
    def _changed(self, event: Select.Changed) -> None:
        fmt = self.query_one("#export-format", Select).value
        version = self.query_one("#export-version", Select).value
        if event.select.id == "export-format":  # each format's own default
            self.query_one("#export-fallback-row").display = fmt in fallback_formats()
            self.query_one("#export-fallback", Select).value = (
                "source" if fmt == "original" else "empty")
        self.query_one("#export-output", Input).placeholder = self._default_output(
            str(fmt), str(version)
        )

    def options(self) -> dict[str, Any]:
        """The export as chosen: fmt, output, version, statuses, force."""
        output = self.query_one("#export-output", Input).value.strip()
        statuses = [
            s for s in STATUSES if self.query_one(f"#export-status-{s}", Checkbox).value
        ]
        fmt = str(self.query_one("#export-format", Select).value)
        options: dict[str, Any] = {
            "fmt": fmt,
            "output": typed_path(output) if output else None,  # ~ as the import's
            "version": str(self.query_one("#export-version", Select).value),
            "statuses": statuses or None,
            "force": self.query_one("#export-force", Checkbox).value,
        }
        if fmt in fallback_formats():
            options["fallback"] = str(self.query_one("#export-fallback", Select).value)
        return options

    @on(Button.Pressed, "#export-run")
    def action_export(self) -> None:
        """Start the export."""
        if self.running:
            return
        options = self.options()
        self.job_started(f"Exporting to {options['fmt']}…")
        self.run_export(options)

    @work(thread=True, exclusive=True, group="export")
    def run_export(self, options: dict[str, Any]) -> None:
        """Write the file on the second connection (worker)."""
        app = self.wb
        app.service.flush()  # every autosaved edit is in the export
        name = self.document.name
        started = time.perf_counter()

        def export(project: Project) -> Exported:
            result = project.export_file(doc=name, **options)
            return Exported(result.path, result.units, time.perf_counter() - started,
                            warnings=tuple(result.warnings), counted=result.counted())

        try:
            message = app.service.background(export, write=True)
        except OSError as exc:
            message = Exported(None, error=f"cannot write the export: {exc}")
        except Exception as exc:  # shown in the dialog and notified, never a crash
            message = Exported(None, error=describe_error(exc))
        self.post_message(message)

    def on_exported(self, message: Exported) -> None:
        error = None
        if message.error or message.path is None:
            error = (message.error or "export failed").replace(
                "use --force to overwrite", "tick 'overwrite an existing file'"
            ).replace("(or leave out --output)", "(or leave the output file empty)")
        if self.job_finished(error):
            self.notify(Text.assemble(f"Exported {message.counted} to ",
                                      isolate(str(message.path)),
                                      f" in {message.seconds:.1f} s."))
            if message.warnings:
                shown = "\n".join(message.warnings[:8])
                more = len(message.warnings) - 8
                self.notify(f"{len(message.warnings)} warnings:\n{shown}"
                            + (f"\n… and {more} more" if more > 0 else ""),
                            severity="warning", timeout=20)
            self.dismiss(message.path)
