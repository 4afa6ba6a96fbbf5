"""``workbench score``: BLEU, chrF++ and TER of drafts against references, per corpus and segment.

File mode (``--hyp``) reads line-aligned text files; project mode scores project versions
through the stored alignment and records the run. Imports are lazy: file mode loads neither
the project store nor rich unless asked for a table.
"""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from typing import Any

import click

from workbench.cli.app import (
    FilePath,
    db_option,
    db_typed,
    main,
    note_first_document,
    print_json,
    utf8_text,
)
from workbench.errors import WorkbenchError
from workbench.scoring.metrics import TOKENIZERS
from workbench.wording import plural

FORMATS = ("table", "json", "csv", "md")


#: The most resamples or trials a test takes (100 million ran until killed; sacrebleu's
#: defaults are 1,000 and 10,000).
MAX_RESAMPLES = 100_000


@main.command()
@db_option
@click.option("--hyp", "hyps", multiple=True, type=FilePath(),
              help="File mode: a hypothesis file, one segment per line (repeat to compare "
                   "systems; the first is the baseline of paired tests).")
@click.option("--ref", "refs", multiple=True,
              help="File mode: a reference file, line-aligned with --hyp. Project mode: a "
                   "reference version (NAME or reference:NAME; default: all). Repeatable.")
@click.option("--doc", help="Project mode: the document (default: the first).")
@click.option("--draft", "drafts", multiple=True,
              help="Project mode: working or draft:NAME (repeatable; default: working).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("--sort", type=click.Choice(["document", "worst"]), default="document",
              show_default=True, help="worst: the lowest-scoring segments first.")
@click.option("--metric", type=click.Choice(["chrf", "bleu", "ter"]), default=None,
              help="With --sort worst: the segment score it sorts by (default chrf).")
@click.option("--limit", type=click.IntRange(min=0), help="List at most this many segments.")
@click.option("--confidence", is_flag=True, help="95% confidence intervals (bootstrap).")
@click.option("--confidence-n", type=click.IntRange(min=2, max=MAX_RESAMPLES), default=1000,
              show_default=True,
              help="Bootstrap resamples for --confidence.")
@click.option("--paired-bs", is_flag=True, help="Paired bootstrap test against the baseline.")
@click.option("--paired-ar", is_flag=True, help="Paired approximate randomisation test.")
@click.option("--paired-n", type=click.IntRange(min=1, max=MAX_RESAMPLES), default=None,
              help="Resamples (bs, default 1000) or trials (ar, default 10000).")
@click.option("--baseline", help="The draft the others are tested against (default: first).")
@click.option("--plain-chrf", is_flag=True, help="chrF (character n-grams only), not chrF++.")
@click.option("--tokenize", type=click.Choice(TOKENIZERS), default="13a", show_default=True,
              help="BLEU's tokenizer (sacrebleu's --tokenize).")
@click.option("--lowercase", is_flag=True,
              help="BLEU ignores case (sacrebleu's --lowercase; chrF++ keeps case, TER ignores "
                   "it always).")
@click.option("--glossary", type=FilePath(),
              help="File mode: a glossary (TSV, TBX-Basic, CSV, XLSX or ODS, by extension) for "
                   "terminology accuracy (needs --source).")
@click.option("--sheet", help="XLSX or ODS glossary: the sheet to read, by name or number from "
                              "1 (default: the first).")
@click.option("--source", type=FilePath(),
              help="File mode: the Arabic source, line-aligned with --hyp.")
@click.option("--no-terms", is_flag=True, help="Project mode: skip terminology accuracy.")
@click.option("--no-save", is_flag=True, help="Project mode: do not record the run.")
@click.option("--history", is_flag=True, help="List the stored scoring runs of the document.")
def score(
    db: str | None, hyps: tuple[str, ...], refs: tuple[str, ...], doc: str | None,
    drafts: tuple[str, ...], fmt: str, sort: str, metric: str | None, limit: int | None,
    confidence: bool, confidence_n: int, paired_bs: bool, paired_ar: bool, paired_n: int | None,
    baseline: str | None, plain_chrf: bool, tokenize: str, lowercase: bool,
    glossary: str | None, sheet: str | None, source: str | None, no_terms: bool, no_save: bool,
    history: bool,
) -> None:
    """Score drafts against references: BLEU, chrF++ and TER with sacrebleu signatures.

    \b
    Files:   workbench score --hyp H.txt --ref R.txt [--ref R2.txt ...]
    Project: workbench score [--db PATH] [--doc NAME] [--draft working|draft:NAME ...]
                             [--ref NAME ...]
    """
    if paired_bs and paired_ar:
        raise WorkbenchError("choose one of --paired-bs and --paired-ar")
    if metric is not None and sort != "worst":  # it sorted nothing, without a word
        raise WorkbenchError("--metric goes with --sort worst")
    if sheet is not None and glossary is None:
        raise click.UsageError("--sheet needs --glossary")
    paired = "bs" if paired_bs else "ar" if paired_ar else None
    options = {"confidence": confidence_n if confidence else 0, "paired": paired,
               "n_samples": paired_n or 0, "chrf_word_order": 0 if plain_chrf else 2,
               "tokenize": tokenize, "lowercase": lowercase}
    if history:
        _refuse_with("--history", hyps=hyps, drafts=drafts, refs=refs, glossary=glossary,
                     source=source, paired=paired)
        _print_history(db, doc, fmt)
        return
    if hyps:
        _refuse_with("--hyp", db=db_typed(), doc=doc, drafts=drafts, no_terms=no_terms,
                     no_save=no_save)
        report = _score_files(hyps, refs, baseline, glossary, source, sheet=sheet, **options)
    else:
        _refuse_with("project mode (no --hyp)", glossary=glossary, source=source)
        _refuse_file_refs(refs)
        refs = tuple(utf8_text("--ref", ref) for ref in refs)  # version names, not files
        report = _score_project(db, doc, drafts, refs, baseline, not no_terms, not no_save,
                                **options)
    _print_report(report, fmt, sort, metric or "chrf", limit)
    _warn_text(report)
    if report.not_recorded:  # the scores are printed; only their record failed
        click.echo(f"warning: the run is not recorded: {report.not_recorded}", err=True)


def _warn_text(report: Any) -> None:
    """A line on stderr per system whose text looks tokenized (``x .``), and per system with
    segments without text."""
    from workbench.scoring.metrics import empty_warning, tokenized_warning

    for system in report.systems:
        for warning in (tokenized_warning(system), empty_warning(system)):
            if warning:
                click.echo(f"warning: {warning}", err=True)


def _refuse_with(mode: str, **given: Any) -> None:
    for name, value in given.items():
        if value:
            flag = "--" + name.replace("_", "-")
            if name == "paired":
                flag = f"--paired-{value}"
            elif name in ("hyps", "drafts", "refs"):
                flag = "--" + name[:-1]
            raise WorkbenchError(f"{flag} cannot be used with {mode}")


def _refuse_file_refs(refs: Sequence[str]) -> None:
    """Project mode's --ref names reference versions: a text file given there (file mode
    without its --hyp) is refused before a project is opened (or the sample built here)."""
    from pathlib import Path

    for ref in refs:
        path = Path(ref)
        if path.suffix and path.is_file():
            raise WorkbenchError(
                f"--ref {ref}: a file; without --hyp, --ref names a reference version of the "
                f"project (to score files: workbench score --hyp H.txt --ref {shlex.quote(ref)})"
            )


def _system_order(hyp_paths: Sequence[str], baseline: str | None) -> list[str]:
    """The --hyp files once each (``a.txt`` and ``./a.txt`` are one file, named as first
    given), the baseline first; --baseline may spell the file another way."""
    import os

    def key(path: str) -> str:
        return os.path.normcase(os.path.realpath(path))

    firsts: dict[str, str] = {}
    for path in hyp_paths:
        firsts.setdefault(key(path), path)
    order = list(firsts.values())
    if baseline is not None:
        chosen = firsts.get(key(baseline))
        if chosen is None:
            raise WorkbenchError(f"--baseline {baseline!r} is not one of the --hyp files")
        order.remove(chosen)
        order.insert(0, chosen)
    return order


def _score_files(
    hyp_paths: Sequence[str], ref_paths: Sequence[str], baseline: str | None,
    glossary: str | None, source: str | None, *, confidence: int, paired: str | None,
    n_samples: int, chrf_word_order: int, tokenize: str, lowercase: bool,
    sheet: str | None = None,
) -> Any:
    from workbench.scoring.inputs import read_parallel
    from workbench.scoring.run import ScoreOptions, score_systems
    from workbench.textio import read_lines

    if not ref_paths:
        raise WorkbenchError("--hyp needs at least one --ref file")
    if bool(glossary) != bool(source):
        raise WorkbenchError("--glossary and --source go together (terminology accuracy)")
    order = _system_order(hyp_paths, baseline)
    from workbench.text.script import require_language

    texts = read_parallel(order[0], [*order[1:], *ref_paths])
    for path, lines in zip([*order, *ref_paths], texts, strict=True):
        require_language("\n".join(lines), "en", path)  # the Arabic source given for it
    hyp_texts, ref_texts = texts[: len(order)], texts[len(order) :]
    matcher = sources = None
    if glossary and source:
        from workbench.cli.check import glossary_file_matcher

        sources = read_lines(source)
        require_language("\n".join(sources), "ar", source)  # the English given for it
        if len(sources) != len(hyp_texts[0]):
            raise WorkbenchError(
                f"{source}: {plural(len(sources), 'line')}, but {order[0]} has {len(hyp_texts[0])} "
                "(files must be line-aligned)"
            )
        matcher = glossary_file_matcher(glossary, sheet=sheet)
    options = ScoreOptions(chrf_word_order, confidence, paired, n_samples, tokenize, lowercase)
    return score_systems(
        list(zip(order, hyp_texts, strict=True)), ref_texts, ref_paths, options,
        sources=sources, matcher=matcher,
    )


def _score_project(
    db: str | None, doc: str | None, drafts: Sequence[str], refs: Sequence[str],
    baseline: str | None, terms: bool, store: bool, *, confidence: int, paired: str | None,
    n_samples: int, chrf_word_order: int, tokenize: str, lowercase: bool,
) -> Any:
    from workbench.project import open_project

    with open_project(db) as project:
        note_first_document(project, doc)
        if store and project.read_only:
            click.echo(f"warning: the run is not recorded: {project.path} is read-only "
                       f"({project.read_only_reason})", err=True)
        return project.score(
            doc, list(drafts) or ["working"], list(refs) or None,
            chrf_word_order=chrf_word_order, confidence=confidence, paired=paired,
            baseline=baseline, n_samples=n_samples, terms=terms, tokenize=tokenize,
            lowercase=lowercase,
            store=store and not project.read_only,
        )


def _print_report(report: Any, fmt: str, sort: str, metric: str, limit: int | None) -> None:
    from workbench.scoring import report as fmt_report

    if fmt == "json":
        print_json(fmt_report.report_dict(report, sort=sort, metric=metric, limit=limit))
    elif fmt == "csv":
        click.echo(fmt_report.to_csv(report, sort=sort, metric=metric, limit=limit), nl=False)
    elif fmt == "md":
        click.echo(fmt_report.to_markdown(report, sort=sort, metric=metric, limit=limit), nl=False)
    else:
        _print_table(report, sort, metric, limit)


def _segment_label(seg: Any) -> str:
    if len(seg.positions) > 1:
        return f"{seg.positions[0]}-{seg.positions[-1]}"
    return str(seg.line)


def _print_table(report: Any, sort: str, metric: str, limit: int | None) -> None:
    """The terminal tables; file and version names are shown as written, not as rich markup
    (a file ``run[bold]2.txt`` is not shown as a bold ``run2.txt``), and whole: a name too
    wide for its column is folded, never cut to a prefix that two systems share; so are the
    scores (a narrow terminal cut ``p=0.0010*`` to ``p=0.001…``, the significance mark lost)."""
    from rich.markup import escape
    from rich.table import Table

    from workbench.cli.app import console
    from workbench.scoring.report import sorted_segments, summary_rows

    header, rows = summary_rows(report)
    table = Table(title=escape("Scores against " + ", ".join(report.refs)))
    for i, column in enumerate(header):
        table.add_column(column, overflow="fold", justify="left" if i == 0 else "right")
    for row in rows:
        table.add_row(*(escape(cell) for cell in row))
    console.print(table)
    for m in report.baseline.metrics.values():
        console.print(f"{m.name}: {m.signature}", highlight=False, soft_wrap=True)
    if report.test:
        console.print(f"paired test {report.test} against {report.baseline.name}: * p < 0.05",
                      markup=False, highlight=False)
    for system in report.systems:
        if limit == 0:
            break
        segs = sorted_segments(system.segments, sort, metric)[:limit]
        click.echo(f"\n{system.name} — segments" + (" (worst first)" if sort == "worst" else ""))
        with_terms = system.terms is not None
        head = f"{'segment':>9} {'BLEU':>7} {system.chrf.name:>8} {'TER':>7}"
        click.echo(head + ("  terms" if with_terms else ""))
        for seg in segs:
            line = f"{_segment_label(seg):>9} {seg.bleu:7.2f} {seg.chrf:8.2f} {seg.ter:7.2f}"
            if with_terms and seg.terms and seg.terms[1]:
                line += f"  {seg.terms[0]}/{seg.terms[1]}"
            click.echo(line)


#: BLEU's defaults in a signature; a run made with others (--tokenize, --lowercase) says so
BLEU_DEFAULTS = (("tok", "13a"), ("case", "mixed"))


def _history_cell(metric: dict[str, Any], named: bool) -> str:
    """A run's score; with ``named``, a chrF run without word n-grams (``--plain-chrf``)
    says so, not to be read as chrF++ beside the others in the one chrF column, and a BLEU
    run with another tokenizer or case names them (CSV cells stay numbers: its JSON has the
    names and signatures)."""
    cell = f"{metric['score']:.2f}"
    name = str(metric.get("name", ""))
    if not named:
        return cell
    if name.startswith("chrF") and not name.endswith("++"):
        return f"{cell} ({name})"
    if name == "BLEU":
        fields = dict(p.split(":", 1) for p in str(metric.get("signature", "")).split("|")
                      if ":" in p)
        other = [f"{k}:{fields[k]}" for k, default in BLEU_DEFAULTS
                 if fields.get(k, default) != default]
        if other:
            return f"{cell} ({', '.join(other)})"
    return cell


def _print_history(db: str | None, doc: str | None, fmt: str) -> None:
    from workbench.project import open_project

    with open_project(db) as project:
        runs = project.score_history(doc)
    if fmt == "json":
        print_json(runs)
        return
    if not runs and fmt == "table":  # (a CSV or Markdown table keeps its header)
        click.echo("no scoring runs yet: run workbench score")
        return
    header = ["run", "time", "version", "refs", "BLEU", "chrF", "TER", "terms"]
    rows = []
    for run in runs:
        res = run["results"]
        terms = res.get("terms") or {}
        rows.append([
            str(run["id"]), run["at"][:19].replace("T", " "), run["version"],
            ", ".join(run["refs"]),
            *(_history_cell(res[k], fmt != "csv") for k in ("bleu", "chrf", "ter")),
            "" if terms.get("score") is None else f"{terms['score']:.2f}",
        ])
    if fmt == "csv":
        import csv
        import io

        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerows([header, *rows])
        click.echo(buf.getvalue(), nl=False)
    elif fmt == "md":
        click.echo("| " + " | ".join(header) + " |")
        click.echo("|" + " --- |" * len(header))
        for row in rows:
            click.echo("| " + " | ".join(row) + " |")
    else:
        from rich.markup import escape
        from rich.table import Table

        from workbench.cli.app import console

        table = Table(title="Scoring runs")
        for column in header:
            table.add_column(column, overflow="fold")
        for row in rows:
            table.add_row(*(escape(cell) for cell in row))
        console.print(table)
