"""``workbench score``: file mode, project mode, formats, tests, history and errors."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from sacrebleu.metrics import BLEU, CHRF, TER

from tests.conftest import run_cli
from tests.scoring.conftest import Corpus

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def files(tmp_path: Path, corpus: Corpus) -> dict[str, str]:
    paths = {}
    for name, lines in (("hyp", corpus.hyps), ("hyp2", corpus.hyps2), ("ref", corpus.refs),
                        ("ref2", corpus.refs2)):
        path = tmp_path / f"{name}.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths[name] = str(path)
    return paths


def test_file_mode_json_equals_sacrebleu(files: dict[str, str], corpus: Corpus) -> None:
    result = run_cli("score", "--hyp", files["hyp"], "--ref", files["ref"], "--ref",
                     files["ref2"], "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    refs = [corpus.refs, corpus.refs2]
    for key, metric in (("bleu", BLEU()), ("chrf", CHRF(word_order=2)), ("ter", TER())):
        expected = metric.corpus_score(corpus.hyps, refs)
        assert abs(data[key]["score"] - expected.score) < 0.01
        assert data[key]["signature"] == str(metric.get_signature())
        assert "ci" not in data[key]
    assert len(data["segments"]) == len(corpus.hyps)
    assert [s["line"] for s in data["segments"]] == list(range(1, len(corpus.hyps) + 1))
    seg = data["segments"][5]
    expected_seg = BLEU(effective_order=True).sentence_score(
        corpus.hyps[5], [corpus.refs[5], corpus.refs2[5]]
    )
    assert abs(seg["bleu"] - expected_seg.score) < 0.01
    assert set(seg) == {"line", "bleu", "chrf", "ter"}
    assert "terms" not in data


def test_sort_worst_limit_and_formats(files: dict[str, str]) -> None:
    base = ["score", "--hyp", files["hyp"], "--ref", files["ref"]]
    data = json.loads(run_cli(*base, "--format", "json", "--sort", "worst", "--limit", "10").stdout)
    chrfs = [s["chrf"] for s in data["segments"]]
    assert len(chrfs) == 10 and chrfs == sorted(chrfs)
    everything = json.loads(run_cli(*base, "--format", "json").stdout)
    assert chrfs[0] == min(s["chrf"] for s in everything["segments"])
    worst_ter = run_cli(*base, "--format", "json", "--sort", "worst", "--metric", "ter")
    ter = json.loads(worst_ter.stdout)
    ters = [s["ter"] for s in ter["segments"]]
    assert ters == sorted(ters, reverse=True)
    rows = list(csv.reader(io.StringIO(run_cli(*base, "--format", "csv").stdout)))
    assert rows[0] == ["system", "line", "bleu", "chrf", "ter"]
    assert rows[1][1] == "corpus" and float(rows[1][2]) == everything["bleu"]["score"]
    assert len(rows) == 2 + len(everything["segments"])
    md = run_cli(*base, "--format", "md").stdout
    assert md.startswith("| system | BLEU | chrF2++ | TER |")
    assert everything["bleu"]["signature"] in md
    table = run_cli(*base, "--limit", "3")
    assert table.exit_code == 0 and "chrF2++" in table.stdout and "segments" in table.stdout
    # --limit 0 lists no segment: the Markdown report had a heading and an empty table
    summary = run_cli(*base, "--format", "md", "--limit", "0").stdout
    assert "###" not in summary and "| line |" not in summary and "- TER:" in summary


def test_file_mode_ignores_workbench_db_from_the_environment(
    files: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """$WORKBENCH_DB made ``score --hyp`` refuse with "--db cannot be used with --hyp"."""
    monkeypatch.setenv("WORKBENCH_DB", str(tmp_path / "team.db"))
    args = ["--hyp", files["hyp"], "--ref", files["ref"], "--format", "json"]
    result = run_cli("score", *args)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["bleu"]["score"] > 0
    for typed in (["score", "--db", "x.db"], ["--db", "x.db", "score"]):
        result = run_cli(*typed, *args)
        assert result.exit_code == 2 and "--db cannot be used with --hyp" in result.stderr


def test_a_reference_file_without_hyp_is_refused_before_any_project(
    files: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``score --ref ref.txt`` (file mode without --hyp) built the sample project in the
    current folder and failed with "no version 'reference:ref.txt' of document 'sample'"."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("WORKBENCH_DB", raising=False)
    result = run_cli("score", "--ref", files["ref"])
    assert result.exit_code == 2
    assert f"--ref {files['ref']}: a file; without --hyp" in result.stderr
    assert result.stderr.count("\n") == 1
    assert not (tmp_path / "segments.db").exists()


def test_table_shows_file_names_as_written(
    tmp_path: Path, files: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """File names are text, not rich markup: 'run[bold]2.txt' was shown as 'run2.txt', and a
    folder 'a[/b]' made a MarkupError traceback."""
    monkeypatch.chdir(tmp_path)
    Path("a[", "b]").mkdir(parents=True)
    hyp = Path(files["hyp"]).read_text(encoding="utf-8")
    for name in ("a[/b]/h.txt", "run[bold]2.txt"):
        Path(name).write_text(hyp, encoding="utf-8")
    result = run_cli("score", "--hyp", "a[/b]/h.txt", "--hyp", "run[bold]2.txt", "--ref",
                     files["ref"], "--paired-bs", "--paired-n", "20", "--limit", "0")
    assert result.exit_code == 0, result.stderr
    assert "run[bold]2.txt" in result.stdout
    assert "paired test bs against a[/b]/h.txt" in result.stdout


def test_table_shows_colon_names_as_written_not_as_emoji(
    tmp_path: Path, files: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A name followed by a colon is not a rich emoji code: the baseline 'draft:A' of a
    project's paired test was shown 'against draft\U0001f170 * p < 0.05'."""
    monkeypatch.chdir(tmp_path)
    hyp = Path(files["hyp"]).read_text(encoding="utf-8")
    Path("draft:a").write_text(hyp, encoding="utf-8")
    result = run_cli("score", "--hyp", "draft:a", "--hyp", files["hyp"], "--ref",
                     files["ref"], "--paired-bs", "--paired-n", "20", "--limit", "0")
    assert result.exit_code == 0, result.stderr
    assert "paired test bs against draft:a: * p < 0.05" in result.stdout


def test_table_shows_long_system_names_whole(
    tmp_path: Path, files: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """In an 80-column terminal two systems' long names were cut to one shared prefix
    ('/tmp/…/mt_outpu…' twice): the rows could not be told apart."""
    from rich.console import Console

    from workbench.cli import app

    monkeypatch.setattr(app, "console", Console(width=80, color_system=None))
    hyp = Path(files["hyp"]).read_text(encoding="utf-8")
    names = [str(tmp_path / f"mt_output_of_the_baseline_system_v{i}.txt") for i in (1, 2)]
    for name in names:
        Path(name).write_text(hyp, encoding="utf-8")
    result = run_cli("score", "--hyp", names[0], "--hyp", names[1], "--ref", files["ref"],
                     "--limit", "0")
    assert result.exit_code == 0, result.stderr
    table = result.stdout.split("BLEU: ")[0]
    assert max(len(line) for line in table.splitlines()) <= 80
    cells = "".join(line.split("│")[1].strip() for line in table.splitlines() if "│" in line)
    for name in names:
        assert name in cells


def test_confidence_and_paired_tests(files: dict[str, str]) -> None:
    result = run_cli("score", "--hyp", files["hyp"], "--ref", files["ref"], "--format", "json",
                     "--confidence", "--confidence-n", "200", "--limit", "0")
    data = json.loads(result.stdout)
    lo, hi = data["chrf"]["ci"]
    assert lo <= data["chrf"]["score"] <= hi and "bs:200" in data["chrf"]["signature"]
    result = run_cli("score", "--hyp", files["hyp"], "--hyp", files["hyp2"], "--ref",
                     files["ref"], "--paired-ar", "--paired-n", "300", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["baseline"] == files["hyp"] and data["test"] == "ar"
    base, other = data["systems"]
    assert "p_value" not in base["bleu"] and 0 < other["bleu"]["p_value"] <= 1
    assert "ar:300" in other["ter"]["signature"]
    # --confidence-n sets the AR test's intervals too (sacrebleu's default 1000 was used)
    result = run_cli("score", "--hyp", files["hyp"], "--hyp", files["hyp2"], "--ref",
                     files["ref"], "--paired-ar", "--paired-n", "50", "--confidence",
                     "--confidence-n", "40", "--format", "json")
    alone = json.loads(run_cli("score", "--hyp", files["hyp"], "--ref", files["ref"],
                               "--confidence", "--confidence-n", "40", "--format",
                               "json").stdout)
    base, other = json.loads(result.stdout)["systems"]
    assert "bs:40|ar:50" in other["chrf"]["signature"] and other["chrf"]["ci"]
    assert base["chrf"]["ci"] == alone["chrf"]["ci"]
    table = run_cli("score", "--hyp", files["hyp"], "--hyp", files["hyp2"], "--ref",
                    files["ref"], "--paired-bs", "--paired-n", "100", "--baseline",
                    files["hyp2"], "--limit", "0")
    assert table.exit_code == 0, table.stderr
    assert "p=" in table.stdout


def test_baseline_and_hyps_name_files_however_spelled(
    files: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--hyp ./a.txt --baseline a.txt` is one file (it was refused: not one of the --hyp
    files), and `--hyp a.txt --hyp ./a.txt` scores it once."""
    monkeypatch.chdir(Path(files["hyp"]).parent)
    result = run_cli("score", "--hyp", "hyp.txt", "--hyp", "./hyp2.txt", "--ref", "ref.txt",
                     "--paired-bs", "--paired-n", "20", "--baseline", "hyp2.txt",
                     "--format", "json", "--limit", "0")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["baseline"] == "./hyp2.txt"
    assert [s["name"] for s in data["systems"]] == ["./hyp2.txt", "hyp.txt"]
    once = run_cli("score", "--hyp", "hyp.txt", "--hyp", "./hyp.txt", "--ref", "ref.txt",
                   "--format", "json", "--limit", "0")
    assert once.exit_code == 0, once.stderr
    assert json.loads(once.stdout)["name"] == "hyp.txt"


def test_file_mode_terminology_accuracy(tmp_path: Path) -> None:
    data = ROOT / "workbench" / "data"
    source = tmp_path / "ar.txt"
    paragraphs = [p for p in (data / "sample.ar.txt").read_text("utf-8").split("\n") if p]
    source.write_text("\n".join(paragraphs) + "\n", encoding="utf-8")
    result = run_cli(
        "score", "--hyp", str(data / "translations" / "draft.en.txt"),
        "--ref", str(data / "translations" / "reference.en.txt"),
        "--glossary", str(data / "glossary.tsv"), "--source", str(source), "--format", "json",
    )
    assert result.exit_code == 0, result.stderr
    out = json.loads(result.stdout)
    terms = out["terms"]
    assert terms["occurrences"] > terms["rendered"] > 0
    assert terms["score"] == pytest.approx(100 * terms["rendered"] / terms["occurrences"], 1e-3)
    assert sum(s["terms"]["occurrences"] for s in out["segments"]) == terms["occurrences"]
    assert terms["missed"] and {"term", "count"} <= set(terms["missed"][0])


def test_file_mode_glossary_warnings_are_shown(tmp_path: Path) -> None:
    """A duplicate glossary row is merged with a warning, as in ``check``; score dropped it."""
    glossary = tmp_path / "g.tsv"
    glossary.write_text("جائحة\tpandemic\nجائحة\tpandemic\n", encoding="utf-8")
    (tmp_path / "ar.txt").write_text("جائحة كبيرة\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text("A big pandemic\n", encoding="utf-8")
    en = str(tmp_path / "en.txt")
    result = run_cli("score", "--hyp", en, "--ref", en, "--glossary", str(glossary),
                     "--source", str(tmp_path / "ar.txt"), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert "g.tsv: line 2: duplicate of line 1" in result.stderr
    assert json.loads(result.stdout)["terms"]["rendered"] == 1


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--hyp", "{hyp}", "--ref", "{short}"], "short.txt: 3 lines, but"),
        (["--hyp", "{hyp}", "--ref", "{one}"], "one.txt: 1 line, but"),  # not '1 lines'
        # sorted nothing without a word; ran until killed
        (["--hyp", "{hyp}", "--ref", "{ref}", "--metric", "ter"], "--metric goes with --sort"),
        (["--hyp", "{empty}", "--ref", "{ref}"], "empty.txt: file is empty"),
        (["--hyp", "{hyp}", "--ref", "{missing}"], "missing.txt: no such file"),
        (["--hyp", "{cp1252}", "--ref", "{short}"], "cp1252.txt: line 2: not UTF-8 text"),
        (["--hyp", "{hyp}"], "--hyp needs at least one --ref"),
        (["--hyp", "{hyp}", "--ref", "{ref}", "--paired-bs"], "--paired-bs needs two or more"),
        (["--hyp", "{hyp}", "--ref", "{ref}", "--draft", "working"], "--draft cannot be used"),
        (["--hyp", "{hyp}", "--ref", "{ref}", "--glossary", "{ref}"], "--glossary and --source"),
        (["--hyp", "{hyp}", "--ref", "{ref}", "--source", "{short}", "--glossary", "{gloss}"],
         "short.txt: 3 lines"),
        (["--hyp", "{hyp}", "--ref", "{ref}", "--source", "{ref}", "--glossary", "{gloss}"],
         "not Arabic: 0% of its letters are Arabic (an English file given for the Arabic?)"),
        # the Arabic source given for a hypothesis or a reference scored BLEU 0.7, silently
        (["--hyp", "{arabic}", "--ref", "{ref}"], "arabic.txt: not English: 100% of its"),
        (["--hyp", "{hyp}", "--ref", "{ref}", "--ref", "{arabic}"], "arabic.txt: not English"),
    ],
)
def test_bad_file_input_is_one_line_exit_2(
    files: dict[str, str], tmp_path: Path, args: list[str], needle: str
) -> None:
    (tmp_path / "short.txt").write_text("a\nb\nc\n", encoding="utf-8")
    (tmp_path / "one.txt").write_text("a\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "cp1252.txt").write_bytes("a\nMálaga\nc\n".encode("cp1252"))
    lines = Path(files["hyp"]).read_text(encoding="utf-8").count("\n")
    (tmp_path / "arabic.txt").write_text("وصل الرئيس إلى باريس.\n" * lines, encoding="utf-8")
    names = {**files, "short": str(tmp_path / "short.txt"), "empty": str(tmp_path / "empty.txt"),
             "one": str(tmp_path / "one.txt"),
             "arabic": str(tmp_path / "arabic.txt"),
             "missing": str(tmp_path / "missing.txt"),
             "cp1252": str(tmp_path / "cp1252.txt"),
             "gloss": str(ROOT / "workbench" / "data" / "glossary.tsv")}
    result = run_cli("score", *[a.format(**names) for a in args])
    assert result.exit_code == 2
    assert needle in result.stderr
    assert result.stderr.count("\n") == 1 and result.stdout == ""


def test_project_mode_history_and_missing_names(sample_db: Path) -> None:
    db = str(sample_db)
    empty = run_cli("score", "--db", db, "--history")  # no table of no runs before it
    assert empty.exit_code == 0 and empty.stdout == "no scoring runs yet: run workbench score\n"
    result = run_cli("score", "--db", db, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert len(data["segments"]) == 21 and data["refs"] == ["reference:main"]
    assert data["segments"][0]["positions"] == [1]
    assert 0 < data["terms"]["score"] < 100
    run_cli("score", "--db", db, "--ref", "main", "--draft", "working", "--no-terms")
    runs = json.loads(run_cli("score", "--db", db, "--history", "--format", "json").stdout)
    assert [r["version"] for r in runs] == ["working", "working"]
    assert "terms" not in runs[1]["results"]
    table = run_cli("score", "--db", db, "--history")
    assert table.exit_code == 0 and "working" in table.stdout
    for args, name in ((["--draft", "draft:nope"], "draft:nope"),
                       (["--ref", "nope"], "reference:nope"),
                       (["--doc", "nodoc"], "nodoc"),
                       # a paired test of one draft was refused after its run was recorded
                       (["--paired-bs"], "--paired-bs needs two or more drafts"),
                       (["--draft", "working", "--draft", "working", "--paired-ar"],
                        "--paired-ar needs two or more drafts")):
        result = run_cli("score", "--db", db, *args)
        assert result.exit_code == 2 and name in result.stderr
        assert result.stderr.count("\n") == 1
    assert len(json.loads(run_cli("score", "--db", db, "--history", "--format",
                                  "json").stdout)) == 2


def test_history_names_a_plain_chrf_run(sample_db: Path) -> None:
    """A --plain-chrf run sat in the history's one chrF column as a bare number, read as
    chrF++ beside the others; the CSV keeps numbers."""
    db = str(sample_db)
    for extra in ([], ["--plain-chrf"]):
        assert run_cli("score", "--db", db, "--no-terms", *extra).exit_code == 0
    rows = run_cli("score", "--db", db, "--history", "--format", "md").stdout.splitlines()
    assert "(chrF2)" not in rows[2] and "(chrF2)" in rows[3]
    data = list(csv.reader(io.StringIO(
        run_cli("score", "--db", db, "--history", "--format", "csv").stdout)))
    assert [float(row[5]) for row in data[1:]]


def test_project_mode_takes_bleus_tokenizer_and_case(sample_db: Path) -> None:
    """--tokenize and --lowercase reach a project's BLEU (only), and its recorded run."""
    from workbench.project import Project

    db = str(sample_db)
    result = run_cli("score", "--db", db, "--no-terms", "--tokenize", "char", "--lowercase",
                     "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    with Project.open(sample_db) as project:
        units, drafts, refs = project.scoring_units()
    hyps = [u.texts.get(drafts[0], "") for u in units]
    streams = [[u.texts.get(r, "") for u in units] for r in refs]
    bleu = BLEU(tokenize="char", lowercase=True)
    assert data["bleu"]["score"] == round(bleu.corpus_score(hyps, streams).score, 4)
    assert data["bleu"]["signature"] == str(bleu.get_signature())
    assert "case:lc|eff:no|tok:char" in data["bleu"]["signature"]
    assert data["chrf"]["score"] == round(
        CHRF(word_order=2).corpus_score(hyps, streams).score, 4)
    runs = json.loads(run_cli("score", "--db", db, "--history", "--format", "json").stdout)
    assert runs[-1]["results"]["bleu"]["signature"] == data["bleu"]["signature"]
    # the history's one BLEU column says which run was not sacrebleu's default BLEU
    assert run_cli("score", "--db", db, "--no-terms").exit_code == 0
    rows = run_cli("score", "--db", db, "--history", "--format", "md").stdout.splitlines()
    assert "(tok:char, case:lc)" in rows[2] and "(tok:" not in rows[3]


@pytest.mark.sqlite_only
def test_scores_are_printed_when_a_busy_project_cannot_record_them(
    sample_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another program writing the project from when the scores are computed to past the
    wait: they are printed, the run said not to be recorded (the command failed with nothing
    but the busy error, the scores lost)."""
    import sqlite3

    import workbench.scoring.run as scoring
    import workbench.store.sqlite as engine

    other = sqlite3.connect(sample_db, isolation_level=None)
    compute = scoring.score_systems

    def while_another_writes(*args: object, **kwargs: object) -> object:
        other.execute("BEGIN IMMEDIATE")  # the other program's write transaction
        return compute(*args, **kwargs)

    monkeypatch.setattr(scoring, "score_systems", while_another_writes)
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 50)
    try:
        result = run_cli("score", "--db", str(sample_db), "--format", "json")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert result.exit_code == 0, result.stderr
    assert len(json.loads(result.stdout)["segments"]) == 21
    assert result.stderr.startswith("warning: the run is not recorded: ")
    assert "the project is busy" in result.stderr
    monkeypatch.undo()
    assert json.loads(run_cli("score", "--db", str(sample_db), "--history", "--format",
                              "json").stdout) == []


def test_file_mode_start_up_loads_no_heavy_modules() -> None:
    code = (
        "import sys\n"
        "from workbench.cli import main\n"
        "main.get_command(None, 'score')\n"
        "heavy = {'sqlite_utils', 'textual', 'docx', 'rich', 'numpy', 'workbench'}\n"
        "print(sorted({m for m in sys.modules if m.split('.')[0] in heavy"
        " and not m.startswith(('workbench.cli', 'workbench.scoring', 'workbench.errors',"
        " 'workbench.textio', 'workbench.wording')) and m != 'workbench'}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_no_zero_resamples(files: dict[str, str]) -> None:
    """--paired-n 0 is refused (it used to mean the default, silently)."""
    result = run_cli("score", "--hyp", files["hyp"], "--hyp", files["hyp"], "--ref", files["ref"],
                     "--paired-bs", "--paired-n", "0")
    assert result.exit_code == 2 and "0 is not in the range 1<=x<=100000" in result.stderr
    # 100 million resamples ran until killed
    result = run_cli("score", "--hyp", files["hyp"], "--ref", files["ref"], "--confidence",
                     "--confidence-n", "100000000")
    assert result.exit_code == 2 and "not in the range 2<=x<=100000" in result.stderr


def test_the_file_mode_suggested_for_a_reference_file_can_be_pasted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``score --ref "my ref.txt"`` suggested ``--ref my ref.txt``: two words to a shell."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("WORKBENCH_DB", raising=False)
    (tmp_path / "my ref.txt").write_text("A line.\n", encoding="utf-8")
    result = run_cli("score", "--ref", "my ref.txt")
    assert result.exit_code == 2
    assert "workbench score --hyp H.txt --ref 'my ref.txt')" in result.stderr


@pytest.mark.parametrize("seed", ["", "abc", "-1"])
@pytest.mark.parametrize("test", ["--confidence", "--paired-bs"])
def test_a_bad_sacrebleu_seed_is_one_line_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: str, test: str
) -> None:
    """SACREBLEU_SEED empty (an unset CI variable) or not a number stopped the resampling
    with a traceback, exit 70; it is an input error naming the variable."""
    for name, text in (("r.txt", "The cat sat.\nIt rained.\n"), ("a.txt", "A cat sat.\nRain.\n"),
                       ("b.txt", "The cat sits.\nIt rained.\n")):
        (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.setenv("SACREBLEU_SEED", seed)
    result = run_cli("score", "--hyp", str(tmp_path / "a.txt"), "--hyp", str(tmp_path / "b.txt"),
                     "--ref", str(tmp_path / "r.txt"), test, "--paired-n", "10",
                     "--confidence-n", "10")
    assert result.exit_code == 2
    assert "SACREBLEU_SEED" in result.stderr and result.stderr.count("\n") == 1


def test_a_narrow_table_keeps_the_significance_mark(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a 44-column terminal the TER cell ``p=0.0010*`` was cut to ``p=0.001…``: the mark
    of a significant difference was lost. Score cells fold, as the names do."""
    from rich.console import Console

    from workbench.cli import app

    monkeypatch.setattr(app, "console", Console(width=44, color_system=None))
    lines = [f"The minister of health said on day {i} that the numbers fell." for i in range(30)]
    (tmp_path / "r.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    other = [line.replace("numbers fell", "figures went down") for line in lines]
    (tmp_path / "b.txt").write_text("\n".join(other) + "\n", encoding="utf-8")
    result = run_cli("score", "--hyp", str(tmp_path / "a.txt"), "--hyp", str(tmp_path / "b.txt"),
                     "--ref", str(tmp_path / "r.txt"), "--paired-bs", "--paired-n", "50",
                     "--limit", "0")
    assert result.exit_code == 0, result.stderr
    table = result.stdout.split("BLEU: ")[0]
    assert "…" not in table
    assert table.count("*") == 3


def test_tokenized_text_gets_one_warning_line_of_ours(tmp_path: Path) -> None:
    """sacrebleu's own warning took three lines and told the user to set a ``force``
    parameter that the workbench does not have."""
    refs = [f"The count on day {i} was higher." for i in range(120)]
    hyps = [f"The count on day {i} was high ." for i in range(120)]
    (tmp_path / "r.txt").write_text("\n".join(refs) + "\n", encoding="utf-8")
    (tmp_path / "h.txt").write_text("\n".join(hyps) + "\n", encoding="utf-8")
    result = run_cli("score", "--hyp", str(tmp_path / "h.txt"), "--ref", str(tmp_path / "r.txt"),
                     "--format", "json", "--limit", "0")
    assert result.exit_code == 0, result.stderr
    assert "force" not in result.stderr
    assert result.stderr.count("\n") == 1
    assert "120 lines end in a tokenized period" in result.stderr
    assert json.loads(result.stdout)["bleu"]["score"] == pytest.approx(
        BLEU().corpus_score(hyps, [refs]).score, abs=1e-4)


def test_segments_without_text_get_a_warning(sample_db: Path, tmp_path: Path) -> None:
    """A working translation half done scored low without a word of why: its segments
    without English are scored as empty lines; stderr now says how many."""
    from workbench.project import Project

    with Project.open(sample_db) as project:
        for seg in project.segments(limit=2):
            project.save_draft(seg.id, "")
    result = run_cli("score", "--db", str(sample_db), "--no-save", "--limit", "0")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ("warning: working: 2 of 21 segments have no text: scored as "
                             "empty lines, which lowers its corpus scores\n")
    (tmp_path / "r.txt").write_text("One.\nTwo.\n", encoding="utf-8")
    (tmp_path / "h.txt").write_text("One.\n\n", encoding="utf-8")
    files = run_cli("score", "--hyp", str(tmp_path / "h.txt"), "--ref", str(tmp_path / "r.txt"))
    assert files.exit_code == 0
    assert "h.txt: 1 of 2 segments has no text" in files.stderr
    full = run_cli("score", "--hyp", str(tmp_path / "r.txt"), "--ref", str(tmp_path / "r.txt"))
    assert full.exit_code == 0 and full.stderr == ""
