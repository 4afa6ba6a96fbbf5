"""The panels beside the editor: the Arabic source, the glossary terms of the segment, its QA
findings and its reference translation."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rich.console import Group, RenderableType
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget

from workbench.text.bidi import shape, visual
from workbench.tui.widgets.arabic import ArabicText

TERM_STYLE = Style(color="black", bgcolor="#e5c07b", bold=True)
TERM_PROBLEM_STYLE = Style(color="white", bgcolor="#be5046", bold=True)
SEVERITY_STYLE = {"error": "bold red", "warning": "bold yellow", "info": "cyan"}
SEVERITY_MARK = {"error": "✗", "warning": "!", "info": "i"}


class TextPanel(ScrollView, can_focus=False):
    """A read-only panel that lays its content out to its width once and then only paints.

    Changing the content never asks the screen for a new layout (the panel's size is set by
    CSS), which keeps moving from segment to segment cheap.
    """

    DEFAULT_CSS = """
    TextPanel {
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._content: RenderableType = ""
        self._lines: list[Strip] = []
        self._laid_width = -1

    def set_content(self, content: RenderableType) -> None:
        """Show ``content`` (a Rich renderable)."""
        self._content = content
        self._lay_out()

    def _lay_out(self) -> None:
        width = self.scrollable_content_region.width
        if width <= 0:
            self._laid_width = -1
            return
        console = self.app.console
        options = console.options.update_width(width).update(highlight=False, height=None)
        lines = console.render_lines(self._content, options, pad=False, new_lines=False)
        self._lines = [Strip(Segment.adjust_line_length(line, width), width) for line in lines]
        self._laid_width = width
        size = Size(width, len(self._lines))
        if size != self.virtual_size:
            # Not through the reactive (it asks the whole screen for a layout): the panel's
            # own size is fixed by CSS; only its scrollbar needs to know.
            self.set_reactive(Widget.virtual_size, size)
            self._scroll_update(size)
        self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        if self.scrollable_content_region.width != self._laid_width:
            self.call_after_refresh(self._lay_out)

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        if 0 <= index < len(self._lines):
            line = self._lines[index]
            if line.cell_length != width:
                line = line.adjust_cell_length(width)
            return line.apply_style(self.rich_style)
        return Strip.blank(width, self.rich_style)


class SourceView(TextPanel):
    """The open segment's Arabic source, read-only, glossary terms highlighted."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = ""
        self.spans: list[tuple[int, int, Style | str]] = []
        self.reorder = True
        self.shaping = False

    def show(self, text: str, spans: Sequence[tuple[int, int, Style | str]] = ()) -> None:
        """Show ``text`` with highlighted (start, end, style) spans of the original text."""
        self.text = text
        self.spans = list(spans)
        self.redraw()

    def redraw(self) -> None:
        """Lay the text out again (after a display setting changed)."""
        self.set_content(
            ArabicText(self.text, self.spans, reorder=self.reorder, shaping=self.shaping)
        )


@dataclass(frozen=True)
class TermLine:
    """One glossary entry of a term found in the segment."""

    number: int
    term: str
    rendering: str
    forbidden: tuple[str, ...]
    comment: str
    problem: str | None  # e.g. "missing", "forbidden" when a finding names this term


def arabic_inline(text: str, reorder: bool, shaping: bool) -> str:
    """A short Arabic string prepared for one line (reordered in app direction)."""
    if shaping:
        text = shape(text)
    return visual(text) if reorder else text


class GlossaryPanel(TextPanel):
    """The glossary entries of the terms found in the open segment, numbered for insertion."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lines: list[TermLine] = []
        self.reorder = True
        self.shaping = False

    def show(self, lines: Sequence[TermLine]) -> None:
        """Show the entries."""
        self.lines = list(lines)
        self.redraw()

    def redraw(self) -> None:
        """Paint again (after a display setting changed)."""
        if not self.lines:
            self.set_content(Text("No glossary terms in this segment.", style="dim"))
            return
        parts: list[RenderableType] = []
        for line in self.lines:
            mark = Text(" ✓ ", style="bold green") if line.problem is None else Text(
                " ✗ ", style="bold red"
            )
            head = Text.assemble(
                (f"{line.number}", "bold"), mark,
                (arabic_inline(line.term, self.reorder, self.shaping), TERM_STYLE),
                " → ", (line.rendering, "bold"),
            )
            parts.append(head)
            if line.forbidden:
                parts.append(Text("    not: " + "; ".join(line.forbidden), style="red"))
            if line.comment:
                parts.append(Text("    " + line.comment, style="dim italic"))
        self.set_content(Group(*parts))


class FindingsPanel(TextPanel):
    """The QA findings of the open segment."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.findings: list[Any] = []

    def show(self, findings: Sequence[Any]) -> None:
        """Show findings (objects with severity, check, message)."""
        self.findings = list(findings)
        if not self.findings:
            self.set_content(Text("✓ No findings.", style="green"))
            return
        parts: list[RenderableType] = []
        for finding in self.findings:
            severity = getattr(finding, "severity", "info")
            overridden = bool(getattr(finding, "overridden", False))
            style = "dim" if overridden else SEVERITY_STYLE.get(severity, "")
            parts.append(
                Text.assemble(
                    (f"{SEVERITY_MARK.get(severity, '·')} ", style),
                    (f"{finding.check}: ", "bold" if not overridden else "dim"),
                    (finding.message, "dim" if overridden else ""),
                    (" (overridden)" if overridden else "", "dim italic"),
                )
            )
        self.set_content(Group(*parts))


class ReferencePanel(TextPanel):
    """The reference translation of the open segment, with its alignment confidence."""

    def show(self, text: str | None, confidence: float | None, low: float) -> None:
        """Show the reference English (None: no reference for this segment)."""
        if text is None:
            self.set_content(Text("No reference translation for this segment.", style="dim"))
        else:
            self.set_content(Text(text))
        if confidence is None:
            self.border_subtitle = ""
        else:
            flag = " low" if confidence < low else ""
            self.border_subtitle = f"link confidence {confidence:.2f}{flag}"
