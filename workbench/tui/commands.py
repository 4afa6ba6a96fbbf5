"""The command palette (Ctrl+P): every action of the screen it was opened on and of the app,
with its keys, from the key registry (:mod:`workbench.tui.keys`), and palette-only commands
(filters, direction settings, documents).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.command import DiscoveryHit, Hit, Hits, Provider

from workbench.tui import keys

if TYPE_CHECKING:
    from workbench.tui.app import WorkbenchApp

Command = tuple[str, Callable[[], Any], str]  # (title, callback, help)


class WorkbenchCommands(Provider):
    """Every workbench action as a palette command."""

    def _commands(self) -> Iterator[Command]:
        from workbench.tui.screens.editor import EditorScreen

        app: WorkbenchApp = self.app  # type: ignore[assignment]
        screen = self.screen
        keymap = app.keymap()
        scope = getattr(screen, "KEY_SCOPE", None)
        scopes = [s for s in (scope, "app") if s is not None and s in keys.SCOPE]
        for scope_id in dict.fromkeys(scopes):
            title = keys.SCOPE[scope_id].title
            for spec in keys.specs(scope_id):
                if not spec.palette:
                    continue
                target = app if scope_id == "app" else screen
                yield (
                    spec.description,
                    partial(target.run_action, spec.action),
                    f"{title} · keys: {keys.describe_keys(keys.effective_keys(spec, keymap))}",
                )
        if isinstance(screen, EditorScreen):
            yield from _editor_commands(screen)
        if not app.read_only:
            yield ("Undo last import", app.undo_last_import,
                   "every segment the newest import changed, at once (after a yes)")
        for setting in ("app", "terminal", "auto"):
            yield (
                f"Arabic direction: {setting}",
                partial(app.set_direction, setting),
                "app: the workbench reorders Arabic; terminal: the terminal does; auto: choose",
            )
        for document in app.documents():
            count = document.segments
            yield (
                f"Open document: {document.name}",
                partial(app.open_document, document.name),
                f"{count:,} segment{'' if count == 1 else 's'}",
            )

    async def discover(self) -> Hits:
        plain = self.app.bidi.plain  # type: ignore[attr-defined]
        for title, callback, help_text in self._commands():
            yield DiscoveryHit(plain(title), callback, help=help_text)

    async def search(self, query: str) -> Hits:
        """Commands whose title, as written (Arabic in logical order, as it is typed), holds
        the query; each shown through the display helper (Arabic in display order)."""
        matcher = self.matcher(query)
        plain = self.app.bidi.plain  # type: ignore[attr-defined]
        for title, callback, help_text in self._commands():
            score = matcher.match(title)
            if score > 0:
                shown = plain(title)
                display = matcher.highlight(title) if shown == title else shown
                yield Hit(score, display, callback, text=shown, help=help_text)


def _editor_commands(screen: Any) -> Iterator[Command]:
    from workbench.statuses import STATUSES

    for status in STATUSES:
        yield (f"Filter: status {status}", partial(screen.apply_filter, statuses=(status,)),
               "show only segments with this status")
    yield ("Filter: not yet translated (new, draft)",
           partial(screen.apply_filter, statuses=("new", "draft")), "statuses new and draft")
    yield ("Filter: has QA findings", partial(screen.apply_filter, has_findings=True),
           "segments with open findings")
    yield ("Filter: low score", partial(screen.apply_filter, low_score=True),
           "chrF++ below the threshold in the last score run")
    yield ("Filter: low alignment confidence", partial(screen.apply_filter, low_confidence=True),
           "segments whose reference link is uncertain")
    yield ("Dictionary: look up a typed word or phrase", screen.action_lookup_typed,
           "Arabic or English, in the project's dictionaries (also / in the Dictionary panel)")
    undo_key = keys.key_name(screen.wb.keymap(), "undo_change")
    for action, title in (("confirm", "Batch: confirm the segments of the view"),
                          ("reviewed", "Batch: mark the segments of the view reviewed"),
                          ("approved", "Batch: approve the segments of the view")):
        yield (title, partial(screen.run_action, f"batch('{action}')"),
               f"one change, undone at once ({undo_key})")
