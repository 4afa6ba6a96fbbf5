"""OmegaT (Debian's omegat, 3.6) run headless on a project made for a test: the tests that give
it our exports are skipped where it is not installed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import quick_java_env

needs_omegat = pytest.mark.skipif(shutil.which("omegat") is None, reason="OmegaT is not installed")

#: Arabic to English with OmegaT's Lucene tokenizers for them, sentence segmentation on, every
#: folder where OmegaT puts it by default.
PROJECT = (
    '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<omegat><project version="1.0">'
    "<source_dir>__DEFAULT__</source_dir><target_dir>__DEFAULT__</target_dir>"
    "<tm_dir>__DEFAULT__</tm_dir><glossary_dir>__DEFAULT__</glossary_dir>"
    "<glossary_file>__DEFAULT__</glossary_file><dictionary_dir>__DEFAULT__</dictionary_dir>"
    "<source_lang>AR</source_lang><target_lang>EN</target_lang>"
    "<source_tok>org.omegat.tokenizer.LuceneArabicTokenizer</source_tok>"
    "<target_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</target_tok>"
    "<sentence_seg>true</sentence_seg></project></omegat>\n"
)


def omegat_translate(root: Path, source: Path, memory: Path) -> Path:
    """Make an OmegaT project at ``root`` translating ``source`` (copied to ``source/``) with
    ``memory`` as an automatic memory (``tm/auto/``), run ``--mode=console-translate``, and
    return the translated file in ``target/``."""
    for folder in ("source", "target", "tm/auto", "glossary", "dictionary", "omegat"):
        (root / folder).mkdir(parents=True)
    shutil.copy(source, root / "source" / source.name)
    shutil.copy(memory, root / "tm" / "auto" / memory.name)
    (root / "omegat.project").write_text(PROJECT, encoding="utf-8")
    subprocess.run(["omegat", str(root), "--mode=console-translate"],
                   check=True, capture_output=True, timeout=120, env=quick_java_env())
    return root / "target" / source.name
