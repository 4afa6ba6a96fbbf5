"""Start-up cost: the project service and the everyday commands load no heavy library.

Every ``workbench`` command imports ``workbench.project``; a library loaded there (sacrebleu,
the aligner, lxml, ...) is paid by ``stats`` and ``history`` too. Each heavy library is loaded
by the function that uses it; this checks, in a fresh interpreter, that none is loaded by the
imports the light commands make.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

#: What ``stats``, ``history``, ``changes`` and ``glossary list`` import before they run.
LIGHT_IMPORTS = (
    "workbench.project", "workbench.cli", "workbench.cli.core", "workbench.cli.glossary",
)
#: Libraries (and the aligner) that only scoring, aligning, file formats or the TUI need.
HEAVY = (
    "sacrebleu", "sentencepiece", "textual", "workbench.align", "lxml", "docx",
    # the project's parts that only checking, editing, memories or exports use
    "workbench.project.memory", "workbench.glossary.qa", "workbench.project.exchange_export",
    "workbench.project.exchange_import",
    "spylls", "rapidfuzz", "workbench.dictionary",
)


@pytest.fixture(scope="module")
def loaded() -> set[str]:
    """The heavy modules present after the light commands' imports, in a fresh interpreter."""
    code = (
        f"import importlib, json, sys\n"
        f"for name in {LIGHT_IMPORTS!r}:\n"
        f"    importlib.import_module(name)\n"
        f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=60)
    return set(json.loads(out.stdout))


@pytest.mark.parametrize("module", HEAVY)
def test_light_commands_do_not_import(loaded: set[str], module: str) -> None:
    assert module not in loaded, f"{module} is imported by {', '.join(LIGHT_IMPORTS)}"
