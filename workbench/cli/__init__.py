"""The command line: parse, call the Project service, print. No logic of its own.

Each command group lives in its own module and registers itself on ``main``.
"""

from __future__ import annotations

from workbench.cli import core  # noqa: F401  (registers commands)
from workbench.cli.app import main

__all__ = ["main"]
