"""Screens that keep answering keys when the server goes away under a message handler.

Textual stops a widget's message loop for good once one of its handlers raises: a screen
whose handler met a lost connection (or a refusal to a member removed from the team) through
a synchronous ``service.read`` then took no key again, Esc and Ctrl+Q included. Here such an
error is told (the app's status / a notification) and the screen goes on."""

from __future__ import annotations

from typing import Any

from textual.message import Message

from workbench.errors import ConnectionLostError, PermissionDeniedError


class KeepsAnswering:
    """Mixin for a workbench screen: a lost connection or a refusal raised by one of its
    message handlers is said, not fatal to the screen's message loop."""

    app: Any

    async def _dispatch_message(self, message: Message) -> None:
        try:
            await super()._dispatch_message(message)  # type: ignore[misc]
        except (ConnectionLostError, PermissionDeniedError) as error:
            self.app._handle_exception(error)  # the status says offline; a refusal is notified
