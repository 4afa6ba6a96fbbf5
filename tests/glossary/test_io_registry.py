"""The glossary format registry: one record per format, and reading/writing dispatched by it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_cli
from workbench.cli.glossary import convert_glossary, import_glossary
from workbench.errors import InputError
from workbench.glossary.io import (
    GLOSSARY_FORMATS,
    READ_FORMATS,
    WRITE_FORMATS,
    format_glossary,
    glossary_format,
    guess_format,
    read_glossary,
    read_tbx,
)
from workbench.glossary.model import Glossary
from workbench.glossary.tsv import read_tsv

TICO = Path(__file__).resolve().parents[2] / "corpora" / "tico19"
SAMPLE = Path(__file__).resolve().parents[2] / "workbench" / "data" / "glossary.tsv"


def test_the_records_and_the_lists_derived_from_them() -> None:
    assert READ_FORMATS == ("tsv", "tbx", "csv", "xlsx", "ods")
    assert WRITE_FORMATS == ("tsv", "tbx")
    extensions = [e for f in GLOSSARY_FORMATS for e in f.extensions]
    assert len(extensions) == len(set(extensions))
    assert all(e.startswith(".") and e == e.lower() for e in extensions)
    assert [f.name for f in GLOSSARY_FORMATS if f.takes_columns] == ["tsv", "csv", "xlsx", "ods"]
    assert [f.name for f in GLOSSARY_FORMATS if f.takes_sheet] == ["xlsx", "ods"]
    assert glossary_format("tbx").reader is read_tbx


def test_the_cli_offers_the_registrys_formats() -> None:
    def choices(command: object, name: str) -> tuple[str, ...]:
        param = next(p for p in command.params if p.name == name)  # type: ignore[attr-defined]
        return tuple(param.type.choices)

    assert choices(import_glossary, "fmt") == READ_FORMATS
    assert choices(convert_glossary, "src_fmt") == READ_FORMATS
    assert choices(convert_glossary, "fmt") == WRITE_FORMATS


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("g.TSV", "tsv"), ("g.txt", "tsv"), ("g.utf8", "tsv"), ("g.tbx", "tbx"), ("g.xml", "tbx"),
     ("g.csv", "csv"), ("glossary", "tsv"), ("g.ods", "ods")],
)
def test_the_format_is_guessed_from_the_extension(name: str, fmt: str) -> None:
    assert guess_format(name) == fmt


def test_every_writer_is_read_back_by_its_reader(tmp_path: Path) -> None:
    sample = read_tsv(SAMPLE)
    for spec in GLOSSARY_FORMATS:
        if spec.writer is None:
            continue
        path = tmp_path / f"glossary{spec.extensions[0]}"
        path.write_text(format_glossary(sample, spec.name), encoding="utf-8")
        back = read_glossary(path)
        assert [(e.term, e.rendering) for e in back.entries] == [
            (e.term, e.rendering) for e in sample.entries
        ]
        assert _forbidden(back) == _forbidden(sample)  # TBX keeps them per term, not per row


def _forbidden(glossary: Glossary) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for entry in glossary.entries:
        out.setdefault(entry.term, set()).update(entry.forbidden)
    return out


def test_tico19_csv_is_read_through_its_record() -> None:
    by_record = glossary_format("csv").read(TICO / "g_ar_en.csv")
    assert by_record.entries == read_glossary(TICO / "g_ar_en.csv").entries
    assert (by_record.entries[0].term, by_record.entries[0].rendering) == ("جائحة", "pandemic")


def test_refusals_name_the_file(tmp_path: Path) -> None:
    tbx = tmp_path / "g.tbx"
    tbx.write_text(format_glossary(read_tsv(SAMPLE), "tbx"), encoding="utf-8")
    with pytest.raises(InputError,
                       match="--columns applies to TSV, CSV, XLSX and ODS glossaries only"):
        read_glossary(tbx, columns="1,2")
    with pytest.raises(InputError, match="unknown glossary format 'xls'"):
        read_glossary(SAMPLE, "xls")
    with pytest.raises(ValueError, match="unknown glossary format 'csv'"):
        format_glossary(read_tsv(SAMPLE), "csv")  # csv has a reader only


@pytest.mark.parametrize("name", ["terms.docx", "terms.pdf", "terms.odt"])
def test_a_document_is_refused_with_the_formats_that_are_read(tmp_path: Path, name: str) -> None:
    """A client's glossary as a Word table or a PDF: the refusal names the glossary formats
    (it said "this command reads plain text only", which TBX, CSV and XLSX are not)."""
    path = tmp_path / name
    path.write_bytes(b"PK\x03\x04 a table of terms")
    with pytest.raises(InputError, match=r"not a glossary: glossaries are read as TSV, CSV, "
                                         r"TBX, XLSX or ODS"):
        read_glossary(path)
    result = run_cli("glossary", "import", str(path), "--db", str(tmp_path / "p.db"))
    assert result.exit_code == 2 and f"{name}: a {path.suffix} document, not a glossary" in (
        result.stderr)


@pytest.mark.parametrize("fmt", ["tsv", "tbx", "csv", "xlsx"])
def test_a_device_is_refused_before_it_is_read(fmt: str) -> None:
    """``glossary import /dev/zero`` read without end (/dev/null here, which ends)."""
    with pytest.raises(InputError, match="/dev/null: is a device, not a file"):
        read_glossary("/dev/null", fmt)


def test_score_reads_a_tbx_glossary_by_its_extension(tmp_path: Path) -> None:
    """``workbench score --glossary`` goes through the registry too."""
    tbx = tmp_path / "g.tbx"
    tbx.write_text(format_glossary(read_tsv(SAMPLE), "tbx"), encoding="utf-8")
    hyp = tmp_path / "h.txt"
    hyp.write_text("The soviets met.\n", encoding="utf-8")
    src = tmp_path / "s.txt"
    src.write_text("اجتمعت السوفييتات.\n", encoding="utf-8")
    result = run_cli("score", "--hyp", str(hyp), "--ref", str(hyp), "--glossary", str(tbx),
                     "--source", str(src), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert '"occurrences": 1' in result.stdout and '"rendered": 1' in result.stdout
