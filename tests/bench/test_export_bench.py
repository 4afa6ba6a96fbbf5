"""The export bench's baseline (the whole TMX as one lxml tree) reports its CPU time, which
the loaded machine's wall time hides."""

import json
from pathlib import Path

from bench import export
from bench.common import python
from workbench.project import Project


def test_the_lxml_baseline_reports_its_cpu_time(tmp_path: Path) -> None:
    source = tmp_path / "big.ar.txt"
    source.write_text("هذه جملة أولى. وهذه جملة ثانية.\n", encoding="utf-8")
    db = tmp_path / "big.db"
    with Project.open(db, create=True, author="bench") as project:
        project.import_document(source, "big")
    figures = json.loads(python("-c", export._TREE, str(db), str(tmp_path / "tree.tmx")))
    assert 0 < figures["cpu"] <= figures["seconds"] + 0.5
    assert (tmp_path / "tree.tmx").read_bytes().startswith(b"<?xml")
