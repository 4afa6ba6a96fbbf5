"""The import dialog: add an Arabic document — plain text or a client document (DOCX, ODT, HTML,
EPUB, Markdown, another tool's XLIFF: ``project.sources.import_file``, the format chosen or
found from the file's ending, its formatting kept as inline tags) — or align an English
translation (text, or a DOCX, ODT, HTML, Markdown or EPUB document, its formatting left out) to
a document as its reference, a draft or the working translation; a bilingual file (XLIFF, TMX,
CSV, TSV: any format the registry can read back) brings its translations back into the working
version. It also adds a translation memory (TMX, Trados .sdltm, tab-separated, .xlsx, .ods:
``project.tm.import_file``, as ``workbench tm import``) or merges a glossary (TSV, CSV, TBX,
.xlsx, .ods) into the project's (``project.merge_glossary``, as ``workbench glossary import
--merge``; ``--sheet``, ``--columns``, a memory's ``--format`` and replacing the whole glossary
stay on the command line). The import runs in a worker (second connection) with a progress
bar and a running clock, so the UI never freezes; Cancel stops it (nothing of it remains).

An import into the working translation never replaces finished work unasked: it first runs as a
dry run, and when confirmed, reviewed, approved or locked segments are in the way the dialog
asks (:class:`~workbench.tui.screens.overwrite.OverwriteScreen`: keep them, replace confirmed,
replace all) before the real import runs with that ``overwrite``. Every import that changed
segments is one change that Ctrl+F9 (or the changes list, Shift+F9) undoes at once."""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Select
from textual.widgets.select import InvalidSelectValueError

from workbench.errors import WorkbenchError
from workbench.formats import detect, importable_formats, is_bilingual
from workbench.project.importing import is_translation_document
from workbench.tui import keys
from workbench.tui.display import isolate
from workbench.tui.screens.job_dialog import JobDialog, typed_path
from workbench.tui.screens.overwrite import ImportPlan, OverwriteScreen, overwrite_of
from workbench.tui.service import BackgroundCancelled, describe_error
from workbench.wording import plural, units_without_a_pair

if TYPE_CHECKING:
    from workbench.glossary.io import Merged
    from workbench.project import Document, ImportReport, Project
    from workbench.project.exchange_results import ExchangeReport
    from workbench.tm.results import ImportResult

AS_KINDS = ("reference", "draft", "working")
KINDS = ("document", "translation", "memory", "glossary")
"""What the dialog imports, in the order of its choices (their ids: ``kind-`` and the kind)."""
FILE_LABELS = {
    "document": "File (text, DOCX, ODT, HTML, Markdown, EPUB, XLIFF, TXML)",
    "translation": "File (text, DOCX, ODT, HTML, Markdown, EPUB, or {kinds})",
    "memory": "File (TMX, Trados .sdltm, tab-separated, .xlsx, .ods)",
    "glossary": "File (TSV, CSV, TBX, .xlsx, .ods)",
}
"""The file field's label of each kind (short enough for a dialog at 80 columns)."""
AUTO = "auto"
"""The format choice 'from the file's ending'."""


def format_choices(app: Any) -> list[tuple[str, str]]:
    """(label, name) of the kinds of document the import reads (``project.sources.formats``),
    after the choice 'by the file's ending'."""
    formats = app.service.project.sources.formats()
    return [("by the file's ending", AUTO),
            *((f"{f.name} — {f.description}", f.name) for f in formats)]


@dataclass(frozen=True)
class ImportRequest:
    """What to import: an Arabic ``document``, an English ``translation`` of ``doc``, a
    translation ``memory`` called ``name`` (None: the file's name) or a ``glossary``."""

    kind: str
    path: Path
    doc: str | None = None
    as_kind: str = "reference"
    name: str | None = None
    fmt: str | None = None  # a document's format (None: from the file's ending)


@dataclass(frozen=True)
class GlossaryMerged:
    """A glossary file merged into the project's: what was added, and the reader's
    warnings."""

    path: Path
    merged: Merged
    warnings: list[str]


@dataclass(frozen=True)
class ImportDone:
    """What the dialog returns: the request and the service's report."""

    request: ImportRequest
    # ExchangeReport: a bilingual file brought back; ImportResult: a memory
    report: ImportReport | ExchangeReport | ImportResult | GlossaryMerged


@dataclass
class Imported(Message):
    """The import finished (or failed, or was stopped)."""

    done: ImportDone | None
    seconds: float = 0.0
    error: str | None = None
    stopped: bool = False


@dataclass
class Checked(Message):
    """The dry run of an import into the working translation finished (or failed)."""

    request: ImportRequest
    report: ImportReport | ExchangeReport | None
    error: str | None = None
    stopped: bool = False


def writes_working(request: ImportRequest) -> bool:
    """True when ``request`` writes the working translation (finished work is protected)."""
    return request.kind == "translation" and (
        request.as_kind == "working" or _bilingual(request.path)
    )


def _bilingual(path: Path) -> bool:
    """A file whose translations go back with its segments (not a translator's HTML)."""
    return is_bilingual(path) and not is_translation_document(path)


def run_import(
    project: Project, request: ImportRequest, overwrite: str | None = None,
    dry_run: bool = False,
) -> ImportReport | ExchangeReport | ImportResult | GlossaryMerged:
    """Carry out ``request`` with the Project service (into the working translation:
    replacing finished work only as ``overwrite`` allows; ``dry_run`` changes nothing)."""
    if request.kind == "memory":
        return project.tm.import_file(request.path, request.name)
    if request.kind == "glossary":
        from workbench.glossary.io import read_glossary

        new = read_glossary(request.path)
        return GlossaryMerged(request.path, project.merge_glossary(new, request.path),
                              new.warnings)
    if request.kind == "document":
        return project.sources.import_file(request.path, request.doc or None, request.fmt)
    if not request.doc:
        raise WorkbenchError("choose the document this translation belongs to")
    if _bilingual(request.path):
        kind = detect(request.path).kind
        if request.as_kind != "working":
            raise WorkbenchError(
                f"{request.path.name}: the translations of {kind} files go back into the "
                "working version; choose Import as: working"
            )
        return project.import_bilingual(
            request.path, request.doc, overwrite=overwrite, dry_run=dry_run
        )
    if request.as_kind != "working":
        return project.import_translation(
            request.path, request.doc, request.as_kind, request.name, dry_run=dry_run
        )
    return project.import_translation(
        request.path, request.doc, request.as_kind, request.name, overwrite=overwrite,
        dry_run=dry_run,
    )


def group_of(report: ImportReport | ExchangeReport | ImportResult | GlossaryMerged) -> int | None:
    """The change group of an import that changed segments of the working translation."""
    fill = getattr(report, "fill", None)
    return fill.group_id if fill is not None else getattr(report, "group_id", None)


def _quoted(name: str) -> Text:
    """A document's name quoted (as ``repr`` quotes it), isolated for display: an Arabic
    name would take the number after it into its run."""
    quoted = repr(name)
    return Text.assemble(quoted[0], isolate(quoted[1:-1]), quoted[-1])


def describe(report: ImportReport | ExchangeReport | ImportResult | GlossaryMerged) -> Text:
    """One line saying what an import added (and, into the working translation, what it
    filled and left alone)."""
    from workbench.project.exchange_results import ExchangeReport
    from workbench.tm.results import ImportResult

    if isinstance(report, ImportResult):
        return describe_memory(report)
    if isinstance(report, GlossaryMerged):
        return describe_glossary(report)
    if isinstance(report, ExchangeReport):  # a round trip of a bilingual file
        unmatched = (f", {plural(report.unmatched, 'unit')} matched no segment"
                     if report.unmatched else "")
        return Text.assemble(
            f"Brought back {Path(report.file).name} into ", _quoted(report.document),
            " (working): "
            f"{len(report.updated):,} updated, {len(report.added):,} added, "
            f"{report.left_alone:,} left alone{_protected(report.protected)}{unmatched}"
            + (f", {len(report.kept_newer):,} kept (edited here since the export)"
               if report.kept_newer else "")
            + "".join(f", {plural(n, what)} added" for n, what in (
                (report.lqa_added, "LQA error"), (report.notes_added, "comment")) if n)
            + "." + _warnings(report)
        )
    if report.version is None:
        fmt = getattr(report, "format", "txt")
        tags = getattr(report, "tags", 0)
        line = Text.assemble("Added document ", _quoted(report.document),
                             (f" ({fmt}, {tags:,} tags)" if fmt != "txt" else "")
                             + f": {plural(report.segments, 'segment')}.")
        if report.fill is not None:
            line.append(f" Its translations: {report.fill.filled:,} segments filled.")
        notes = getattr(report, "notes_added", 0)  # a bilingual file's comments
        if notes:
            line.append(f" {plural(notes, 'comment')} added.")
        return line + _warnings(report)
    low = f", {report.low_confidence:,} uncertain" if report.low_confidence else ""
    line = Text.assemble(
        f"Aligned {report.sentences:,} sentences to {report.segments:,} segments of ",
        _quoted(report.document), f" as {report.version}: {report.links:,} links{low}.",
    )
    if report.replaced:
        line.append(f" The previous {report.version} is replaced.")
    fill = report.fill
    if fill is not None:
        line.append(f" Filled {fill.filled:,}, replaced {fill.replaced:,}, unchanged "
                    f"{fill.unchanged:,}{_protected(fill.protected)}.")
    return line + _warnings(report)


def describe_memory(result: ImportResult) -> Text:
    """What ``workbench tm import`` says of a memory added: its units, the units left out
    (and their lines), the inline tags kept."""
    from workbench.formats.model import primary_language

    line = Text.assemble(f"Added {plural(result.units, 'unit')} from ",
                         isolate(Path(result.path).name), " as memory ", _quoted(result.name))
    if primary_language(result.source_lang) == "en":  # not memoQ's "*all*"
        line.append(f" (source language {result.source_lang}: the Arabic side is the source)")
    line.append(".")
    if result.tags:
        line.append(f" {plural(result.tags, 'inline tag')} kept as placeholders ({{1}} {{/1}}).")
    if result.skipped:
        line.append(" Warning: " + units_without_a_pair(
            result.skipped, result.skipped_lines, "left out") + ".")
    return line


def describe_glossary(done: GlossaryMerged) -> Text:
    """What ``workbench glossary import --merge`` says of a glossary merged in."""
    merged = done.merged
    updated = (f", {merged.updated:,} given forbidden renderings or a comment"
               if merged.updated else "")
    line = Text.assemble(
        f"Added {plural(merged.added, 'glossary entry', 'glossary entries')} from ",
        isolate(done.path.name),
        f"{updated} ({len(merged.glossary):,} in the project glossary).",
    )
    return line + _warnings(done)


def _warnings(report: ImportReport | ExchangeReport | GlossaryMerged) -> str:
    """The report's first three warnings (unrelated texts, English sentences that matched no
    segment, a glossary's rows left out …), each as a sentence of the line."""
    return "".join(f" Warning: {w.rstrip('.')}." for w in report.warnings[:3])


def _protected(protected: dict[str, int]) -> str:
    if not protected:
        return ""
    return f" (finished work left alone: {ImportPlan(0, 0, protected).held()})"


class ImportScreen(JobDialog[ImportDone | None]):
    """Import an Arabic document, an English translation, a translation memory or a
    glossary."""

    PREFIX = "import"
    STOPPABLE = True

    KEY_SCOPE = "import"
    BINDINGS = keys.bindings("import")

    DEFAULT_CSS = """
    ImportScreen #import-status { width: 100%; height: auto; }
    ImportScreen RadioSet { width: 100%; margin-bottom: 1; }
    ImportScreen #import-path { margin-bottom: 1; }
    ImportScreen .import-field { height: auto; }
    ImportScreen .import-col { width: 1fr; height: auto; margin-right: 2; }
    ImportScreen #import-progress { margin-top: 1; }
    """

    def __init__(self, document: Document | None = None) -> None:
        super().__init__()
        self.document = document
        self.started = 0.0
        self.request: ImportRequest | None = None
        self.stage = ""
        self._clock: Timer | None = None
        self._documents: list[str] = []  # the names offered, drawn again by redraw

    def compose(self) -> ComposeResult:
        documents = self._documents = [d.name for d in self.wb.documents()]
        current = self.document.name if self.document else (documents[0] if documents else None)
        with Vertical(classes="dialog"):
            yield self.title_label()
            with RadioSet(id="import-kind", compact=True):
                yield RadioButton("a new Arabic document", value=True, compact=True,
                                  id="kind-document")
                yield RadioButton("an English translation of a document", compact=True,
                                  id="kind-translation")
                yield RadioButton("a translation memory", compact=True, id="kind-memory")
                yield RadioButton("a glossary (added to the project's)", compact=True,
                                  id="kind-glossary")
            yield Label(FILE_LABELS["document"], id="import-file-label")
            yield Input(placeholder="path/to/file.txt", compact=True, id="import-path")
            with Horizontal(classes="import-field", id="import-document"):
                with Vertical(classes="import-col"):
                    yield Label("Document name (empty: the file name)")
                    yield Input(placeholder="name", compact=True, id="import-doc")
                with Vertical(classes="import-col"):
                    yield Label("Format", id="import-format-label")
                    yield Select(format_choices(self.wb), value=AUTO, allow_blank=False,
                                 compact=True, id="import-format")
            with Horizontal(classes="import-field", id="import-translation"):
                with Vertical(classes="import-col"):
                    yield Label("Document")
                    yield Select(self._document_options(documents),
                                 value=current or Select.BLANK, allow_blank=current is None,
                                 compact=True, id="import-target")
                with Vertical(classes="import-col"):
                    yield Label("Import as")
                    yield Select([(k, k) for k in AS_KINDS], value="reference",
                                 allow_blank=False, compact=True, id="import-as")
                with Vertical(classes="import-col"):
                    yield Label("Version name (empty: main)")
                    yield Input(placeholder="main", compact=True, id="import-name")
            with Vertical(classes="import-field", id="import-memory"):
                yield Label("Memory name (empty: the file name)")
                yield Input(placeholder="name", compact=True, id="import-memory-name")
            yield from self.job_controls(
                "Import", keys.hint(self.wb.keymap(), "Tab: next field", "import_run",
                                    "import_cancel")
            )

    def dialog_title(self) -> str:
        return "Import"

    def _document_options(self, documents: list[str]) -> list[tuple[Text, str]]:
        return [(self.wb.bidi.line(d), d) for d in documents]

    def redraw(self) -> None:
        """Draw the documents' names again (F7, F8), the same one chosen."""
        target = self.query_one("#import-target", Select)
        chosen = target.value
        target.set_options(self._document_options(self._documents))
        if chosen is not Select.BLANK:
            with contextlib.suppress(InvalidSelectValueError):  # removed meanwhile
                target.value = chosen

    def on_mount(self) -> None:
        self._show_kind("document")
        self.query_one("#import-path", Input).focus()

    def kind(self) -> str:
        """One of :data:`KINDS`, as chosen."""
        pressed = self.query_one("#import-kind", RadioSet).pressed_button
        chosen = (pressed.id or "").removeprefix("kind-") if pressed is not None else ""
        return chosen if chosen in KINDS else "document"

    @on(Input.Changed, "#import-path")
    @on(Select.Changed, "#import-format")
    def _path_changed(self) -> None:
        """Say how the file will be read (its format, from the ending unless chosen)."""
        label = self.query_one("#import-format-label", Label)
        raw = self.query_one("#import-path", Input).value.strip()
        fmt = self.query_one("#import-format", Select).value
        if fmt != AUTO or not raw:
            label.update("Format")
            return
        try:
            spec = self.wb.service.project.sources.format_for(raw)
        except WorkbenchError:
            label.update("Format")
            return
        label.update(f"Format (by its ending: {spec.name})")

    def _show_kind(self, kind: str) -> None:
        """The fields of ``kind`` shown, the others hidden; the file label names its formats."""
        for fields in ("document", "translation", "memory"):
            self.query_one(f"#import-{fields}").display = fields == kind
        kinds = ", ".join(dict.fromkeys(f.kind for f in importable_formats()))
        self.query_one("#import-file-label", Label).update(FILE_LABELS[kind].format(kinds=kinds))

    @on(RadioSet.Changed, "#import-kind")
    def _kind_changed(self, event: RadioSet.Changed) -> None:
        self._show_kind(self.kind())

    def chosen(self) -> ImportRequest | None:
        """The import as filled in, or None (with a message) when something is missing."""
        raw = self.query_one("#import-path", Input).value.strip()
        if not raw:
            self.set_status("✗ Type the path of the file to import.")
            return None
        path = typed_path(raw)
        problem = _not_a_file(path)
        if problem is not None:
            self.set_status(Text.assemble("✗ ", isolate(str(path)), f": {problem}"))
            return None
        kind = self.kind()
        if kind == "memory":
            name = self.query_one("#import-memory-name", Input).value.strip()
            return ImportRequest("memory", path, name=name or None)
        if kind == "glossary":
            return ImportRequest("glossary", path)
        if kind == "document":
            name = self.query_one("#import-doc", Input).value.strip()
            fmt = self.query_one("#import-format", Select).value
            return ImportRequest("document", path, name or path.stem,
                                 fmt=None if fmt == AUTO else str(fmt))
        target = self.query_one("#import-target", Select).value
        if target is Select.BLANK:
            self.set_status("✗ Choose the document this translation belongs to.")
            return None
        as_kind = str(self.query_one("#import-as", Select).value)
        name = self.query_one("#import-name", Input).value.strip() or None
        return ImportRequest("translation", path, str(target), as_kind, name)

    @on(Button.Pressed, "#import-run")
    def action_run(self) -> None:
        """Start the import."""
        if self.running:
            return
        request = self.chosen()
        if request is None:
            return
        self.request = request
        self.started = time.perf_counter()
        if self._clock is None:  # one clock for the dialog, however often it is run
            self._clock = self.set_interval(0.5, self._tick, name="import-clock")
        if writes_working(request):
            self.stage = "Checking what importing"
            self.job_started(Text.assemble(f"{self.stage} ", isolate(request.path.name),
                                           " would change…"))
            self.check_import(request)
        else:
            self.start_import(request, None)

    def start_import(self, request: ImportRequest, overwrite: str | None) -> None:
        """Run the import itself (replacing finished work only as ``overwrite`` allows); its
        time is counted from here, not from the dry run or the question before it."""
        self.started = time.perf_counter()
        self.stage = _verb(request)
        self.job_started(Text.assemble(f"{self.stage} ", isolate(request.path.name), "…"))
        self.import_file(request, overwrite)

    def _tick(self) -> None:
        if self.running and self.request is not None:
            seconds = time.perf_counter() - self.started
            self.set_status(Text.assemble(f"{self.stage} ", isolate(self.request.path.name),
                                          f"… {seconds:.0f} s"))

    @work(thread=True, exclusive=True, group="import")
    def check_import(self, request: ImportRequest) -> None:
        """Run the import as a dry run on the second connection (worker): what it would
        fill, replace and leave alone."""
        app = self.wb
        try:
            app.service.flush()
            report = app.service.background(
                lambda p: run_import(p, request, dry_run=True), cancel=self.stop_event
            )
        except BackgroundCancelled:
            self.post_message(Checked(request, None, stopped=True))
            return
        except Exception as exc:  # shown in the dialog and notified, never a crash
            self.post_message(Checked(request, None, describe_error(exc)))
            return
        self.post_message(Checked(request, report))

    def on_checked(self, message: Checked) -> None:
        if message.stopped:
            self.job_stopped("Import")
            return
        if message.report is None:
            self.job_finished(message.error or "import failed")
            return
        plan = ImportPlan.of(message.report)
        request = message.request
        if not plan.asks:
            self.start_import(request, None)
            return
        self.job_paused(f"{plan.question()} Choose what to do.")

        def answered(choice: str | None) -> None:
            if choice is None:
                self.set_status("Not imported: nothing was changed.")
                return
            self.start_import(request, overwrite_of(choice))

        self.app.push_screen(
            OverwriteScreen(plan, request.path.name, request.doc or ""), answered
        )

    @work(thread=True, exclusive=True, group="import")
    def import_file(self, request: ImportRequest, overwrite: str | None = None) -> None:
        """Import on the second connection (worker)."""
        app = self.wb

        def job(project: Project) -> Imported:
            report = run_import(project, request, overwrite)
            return Imported(ImportDone(request, report), time.perf_counter() - self.started)

        try:
            app.service.flush()
            message = app.service.background(job, write=True, cancel=self.stop_event)
        except BackgroundCancelled:
            self.post_message(Imported(None, stopped=True))
            return
        except Exception as exc:  # shown in the dialog and notified, never a crash
            message = Imported(None, error=describe_error(exc))
        self.post_message(message)

    def on_imported(self, message: Imported) -> None:
        if message.stopped:
            self.job_stopped("Import")
            return
        done = message.done
        error = message.error or (None if done is not None else "import failed")
        if self.job_finished(error) and done is not None:
            said = describe(done.report) + f" ({message.seconds:.1f} s)"
            if group_of(done.report) is not None:
                said += " " + self.wb.undo_hint("this import")
            self.notify(said, timeout=15)
            self.dismiss(done)


def _not_a_file(path: Path) -> str | None:
    """Why the dialog does not import ``path`` (None: a file): missing, a folder, a pipe or a
    device (an import into the working translation reads its file twice: a dry run first), or
    a path the system refuses (a name too long)."""
    try:
        if path.is_file():
            return None
        if path.is_dir():
            return "a folder, not a file"
        if path.exists():
            return "not a regular file (a pipe or a device): save it to a file first"
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    return "no such file"


def _verb(request: ImportRequest) -> str:
    return {"document": "Segmenting", "translation": "Aligning"}.get(request.kind, "Importing")
