"""The command line: parse, call the Project service, print. No logic of its own.

Each command group lives in its own module and registers itself on ``main`` when imported;
the modules are imported lazily (``register`` below), so a command loads only what it needs.
"""

from __future__ import annotations

from workbench.cli.app import main, register

# Command modules, imported on first use (see workbench/cli/app.py):
#   register("workbench.cli.MODULE", "command", ...)
register(
    "workbench.cli.core", "stats", "import", "import-translation", "history", "undo", "changes",
    "lock", "unlock",
)
register("workbench.cli.batch", "replace", "confirm", "review")
register("workbench.cli.score", "score")
register("workbench.cli.check", "check", "accept")
register("workbench.cli.glossary", "glossary")
register("workbench.cli.export", "export", "import-xliff", "import-tmx", "import-csv")
register("workbench.cli.text", "segment", "align")
register("workbench.cli.doctor", "doctor")
register("workbench.cli.spelling", "spelling")
register("workbench.cli.lqa", "lqa")
register("workbench.cli.dictionary", "dictionary")
register("workbench.cli.project", "project")
register("workbench.cli.tm", "tm", "concordance", "pretranslate", "analyze")
register("workbench.cli.team", "team")

__all__ = ["main"]
