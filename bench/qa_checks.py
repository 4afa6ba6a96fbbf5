"""The QA run on 100,000 distinct pairs: CPU time per check, and a dump of every finding.

``python -m bench qa_checks``: NTREX-128 and TICO-19 lines cycled to 100,000 pairs, every
Arabic and English line prefixed by its number (no pair repeats, so nothing is reused; the
numbered variant of ``bench.links_exports``), the English perturbed as ``bench.links_build``
does (10 % of words dropped, repeated or swapped) and one line in fifty given a typo; the
sample glossary and the en_US dictionary spylls ships. Prints the CPU time per pair of each
pair check and of the glossary term report (each timed alone over every pair), then the whole
``qa.run_document`` in one process and in ``qa.default_jobs`` forked processes.

``python -m bench.qa_checks dump OUT [--db DB] [--jobs N]`` writes the findings of every pair
(these pairs, or those of the ``big`` document's working and reference:main versions in
project DB, as the checking service builds them), checked in N processes (1 by default), as
JSON lines to OUT: run it before and after a change to the checks and compare the files
(``cmp``) — the findings must not change.
"""

from __future__ import annotations

import json
import random
import re
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from bench.common import Row, corpus_lines
from bench.scoring import perturb
from workbench.glossary import qa
from workbench.glossary.checks import Pair
from workbench.glossary.matcher import TermMatcher
from workbench.glossary.tsv import read_tsv
from workbench.project.sample import bundled
from workbench.spelling import SpellChecker, glossary_english
from workbench.spelling.dictionary import bundled_folders, load_dictionary_files

PAIRS = 100_000
TYPO_EVERY = 50


def corpus_pairs(count: int = PAIRS, seed: int = 5) -> list[tuple[str, str]]:
    """``count`` distinct (Arabic, English) pairs: numbered corpus lines, the English perturbed
    and one in TYPO_EVERY with two letters of a word swapped."""
    arabic, english = corpus_lines("ar.txt"), corpus_lines("en.txt")
    rng = random.Random(seed)
    out = []
    for i in range(count):
        target = perturb(english[i % len(english)], rng, 0.1) or english[i % len(english)]
        if rng.randrange(TYPO_EVERY) == 0:
            words = list(re.finditer(r"[a-z]{6,}", target))
            if words:
                m = rng.choice(words)
                k = rng.randrange(1, len(m.group()) - 2)
                w = m.group()
                target = target[: m.start()] + w[:k] + w[k + 1] + w[k] + w[k + 2 :] + target[
                    m.end() :]
        out.append((f"{i} {arabic[i % len(arabic)]}", f"{i} {target}"))
    return out


def context() -> tuple[TermMatcher, SpellChecker]:
    """The sample glossary's matcher and a spell checker (spylls' en_US) knowing its English."""
    glossary = read_tsv(bundled("glossary.tsv"))
    folder = next(f for f in bundled_folders() if (f / "en_US.aff").is_file())
    dictionary = load_dictionary_files(folder / "en_US", "en_US")
    return TermMatcher(glossary), SpellChecker(dictionary, glossary_english(glossary.entries))


def per_check(pairs: Sequence[tuple[str, str]]) -> list[Row]:
    """CPU microseconds per pair of each pair check alone, and of the glossary term report."""
    matcher, speller = context()
    speller.dictionary.prepare_suggestions()
    rows = []
    warm = [Pair(s, t, matcher, speller) for s, t in pairs]
    start = time.process_time()
    for pair in warm:
        pair.terms  # noqa: B018 (the term report, computed once per pair)
    rows.append(Row("glossary terms (matcher and enforcement, once per pair)",
                    (time.process_time() - start) * 1e6 / len(pairs), "µs/pair"))
    for check in qa._pair_checks(()):
        ready = [Pair(s, t, matcher, speller) for s, t in pairs]
        if check.id.startswith("term-"):
            for pair in ready:
                pair.terms  # noqa: B018 (timed above)
        start = time.process_time()
        for pair in ready:
            check.run(pair)
        rows.append(Row(f"check {check.id}", (time.process_time() - start) * 1e6 / len(pairs),
                        "µs/pair"))
    for check in qa._document_checks(()):
        start = time.process_time()
        check.run_document(pairs)
        rows.append(Row(f"document check {check.id}",
                        (time.process_time() - start) * 1e6 / len(pairs), "µs/pair"))
    return rows


def whole(pairs: Sequence[tuple[str, str]]) -> list[Row]:
    """``run_document`` over every pair, in one process and in forked ones (fresh speller each
    time: its caches start empty, as in an export)."""
    rows = []
    for jobs in (1, qa.default_jobs(len(pairs))):
        matcher, speller = context()
        wall, cpu = time.perf_counter(), time.process_time()
        children = _children_cpu()
        qa.run_document(pairs, matcher=matcher, speller=speller, jobs=jobs)
        cpu = time.process_time() - cpu + _children_cpu() - children
        rows.append(Row(
            f"qa.run_document, {len(pairs):,} distinct pairs, jobs={jobs} (CPU {cpu:.1f} s)",
            time.perf_counter() - wall, "s",
        ))
    return rows


def _children_cpu() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def project_pairs(db: Path) -> list[tuple[str, str]]:
    """The pairs the checking service checks for the ``big`` document of ``db``: its working
    version's, then its reference:main's."""
    from workbench.project import Project
    from workbench.project.groups import group_source, group_text, link_groups
    from workbench.store import exchange as q_exchange

    out: list[tuple[str, str]] = []
    with Project.open(db) as project:
        document = project.catalog.document("big")
        for version in ("working", "reference:main"):
            vid = project.catalog.resolve_version(document, version).id
            rows = q_exchange.export_rows(project.context.db, document.id, vid)
            out += [
                (group_source(r["source"] for r in unit), group_text(r["text"] for r in unit))
                for unit in link_groups(rows)
            ]
    return out


def dump(out: Path, pairs: Sequence[tuple[str, str]], jobs: int = 1) -> None:
    """Every finding of every pair (run_document in ``jobs`` processes) as JSON lines."""
    matcher, speller = context()
    result = qa.run_document(pairs, matcher=matcher, speller=speller, jobs=jobs)
    with out.open("w", encoding="utf-8") as f:
        for i, findings in enumerate(result.findings):
            f.write(json.dumps([i, [list(vars(x).values()) for x in findings]],
                               ensure_ascii=False) + "\n")
        f.write(json.dumps(["terms", result.terms.occurrences, result.terms.rendered]) + "\n")


def run() -> list[Row]:
    pairs = corpus_pairs()
    return per_check(pairs) + whole(pairs)


if __name__ == "__main__":
    if sys.argv[1:2] == ["dump"]:
        import argparse

        parser = argparse.ArgumentParser(prog="python -m bench.qa_checks dump")
        parser.add_argument("out", type=Path)
        parser.add_argument("--db", type=Path)
        parser.add_argument("--jobs", type=int, default=1)
        args = parser.parse_args(sys.argv[2:])
        dump(args.out, project_pairs(args.db) if args.db else corpus_pairs(), args.jobs)
    else:
        for row in run():
            print(f"{row.figure:70s} {row.value:10.2f} {row.unit}")
