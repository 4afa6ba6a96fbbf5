"""Arabic text as a Rich renderable: sanitised for display, wrapped to the width it is given
(every time it is drawn, so a resize re-wraps it), then each line reordered for display
(``app`` direction) or left in logical order (``terminal``), right-aligned, with highlighted
spans (glossary terms) kept on the right characters. Build it through
:meth:`workbench.tui.display.BidiDisplay.arabic`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.style import Style
from rich.text import Text

from workbench.text.bidi import display_lines, wrap_offsets
from workbench.tui.display import map_span, protect_tags, restore_tags, sanitize_map

Span = tuple[int, int, Style | str]


class ArabicText:
    """A read-only Arabic paragraph, laid out for a terminal that draws left to right."""

    def __init__(
        self,
        text: str,
        spans: Sequence[Span] = (),
        *,
        reorder: bool = True,
        shaping: bool = False,
    ) -> None:
        self.source = text
        self.text, origin = sanitize_map(text)
        self._origin = origin
        self.spans = [(*map_span(origin, start, end), style) for start, end, style in spans]
        self.reorder = reorder
        self.shaping = shaping

    def lines(self, width: int) -> list[Text]:
        """The painted lines for ``width`` cells."""
        styles = _char_styles(len(self.text), self.spans)
        out: list[Text] = []
        for line in display_lines(
            protect_tags(self.text, "R" if self.reorder else None), width, reorder=self.reorder,
            shaping=self.shaping, index_map=bool(self.spans),
        ):
            painted = Text(restore_tags(line.text), no_wrap=True, overflow="crop")
            if styles and line.order is not None:
                for start, end, style in _runs(line.order, line.start, styles):
                    painted.stylize(style, start, end)
            pad = max(0, width - cell_len(line.text))
            if pad:
                painted = Text(" " * pad) + painted
            out.append(painted)
        return out

    def line_of(self, index: int, width: int) -> int:
        """The painted line, at ``width`` cells, that shows character ``index`` of the text."""
        at = map_span(self._origin, index, index)[0]
        offsets = wrap_offsets(protect_tags(self.text), width)
        return next((n for n, (_, end) in enumerate(offsets) if at < end), len(offsets) - 1)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        joined = Text("\n").join(self.lines(options.max_width))
        joined.no_wrap = True
        joined.overflow = "crop"
        yield joined

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(1, options.max_width)


def _char_styles(length: int, spans: Iterable[Span]) -> dict[int, Style | str]:
    styles: dict[int, Style | str] = {}
    for start, end, style in spans:
        for i in range(max(0, start), min(length, end)):
            styles[i] = style
    return styles


def _runs(
    order: list[int], offset: int, styles: dict[int, Style | str]
) -> list[tuple[int, int, Style | str]]:
    """Visual runs of equally styled characters: (visual start, visual end, style)."""
    runs: list[tuple[int, int, Style | str]] = []
    current: Style | str | None = None
    start = 0
    for visual_index, logical in enumerate(order):
        style = styles.get(offset + logical)
        if style != current:
            if current is not None:
                runs.append((start, visual_index, current))
            current, start = style, visual_index
    if current is not None:
        runs.append((start, len(order), current))
    return runs
