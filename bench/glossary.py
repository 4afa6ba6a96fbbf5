"""Glossary and QA benchmarks: term-matching precision/recall, TICO-19 compliance, speed.

- precision and recall of the Arabic term matcher on tests/glossary/data/term_matching.tsv;
- compliance of the TICO-19 English (its professional translation) with g_ar_en.csv;
- glossary enforcement of 100,000 segment pairs against 5,000 terms (one Aho-Corasick
  automaton), beside a per-term-regex baseline timed on a sample and scaled up.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from bench.common import DATA, ROOT, Row
from workbench.glossary.enforce import check_terms
from workbench.glossary.io import read_glossary
from workbench.glossary.matcher import TermMatcher
from workbench.glossary.model import Entry, Glossary
from workbench.glossary.morphology import CONSONANT, PREFIXES, TA_MARBUTA, strip_article
from workbench.glossary.qa import check_ids, default_jobs, run_document
from workbench.text.normalize import normalize_arabic

TEST_SET = ROOT / "tests" / "glossary" / "data" / "term_matching.tsv"
TICO = DATA / "tico19"
PAIRS = 100_000
TERMS = 5_000
BASELINE_SAMPLE = 500


def read_test_set(path: Path = TEST_SET) -> list[tuple[str, str, bool, str, str]]:
    """(term, text, expected, category, match) rows of the term-matching test set."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("term\t"):
            continue
        term, text, expected, category, match = (line + "\t\t").split("\t")[:5]
        rows.append((term, text, expected == "1", category, match))
    return rows


def evaluate(rows: list[tuple[str, str, bool, str, str]]) -> dict[str, float]:
    """Precision and recall of the matcher over one glossary holding every term of the set.

    A positive row counts as found when a match of its term covers ``match`` (or the whole
    text); a negative row is a false positive when its term is found at all.
    """
    glossary = Glossary([Entry(t, "x") for t in dict.fromkeys(r[0] for r in rows)])
    matcher = TermMatcher(glossary)
    tp = fp = fn = tn = 0
    for term, text, expected, _, match in rows:
        hits = [m for m in matcher.find(text) if any(e.term == term for e in m.entries)]
        want = match or text
        if expected:
            if any(text[m.start : m.end] == want for m in hits):
                tp += 1
            else:
                fn += 1
        elif hits:
            fp += 1
        else:
            tn += 1
    return {
        "tp": tp, "fp": fp, "fn": fn, "tn": tn,
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / (tp + fn) if tp + fn else 1.0,
    }


def tico_compliance() -> dict[str, float]:
    """Term occurrences in the TICO-19 Arabic and how many the English renders as g_ar_en.csv."""
    glossary = read_glossary(TICO / "g_ar_en.csv")
    matcher = TermMatcher(glossary)
    ar = (TICO / "ar.txt").read_text(encoding="utf-8").splitlines()
    en = (TICO / "en.txt").read_text(encoding="utf-8").splitlines()
    occurrences = rendered = with_terms = 0
    for a, e in zip(ar, en, strict=True):
        report = check_terms(matcher, a, e)
        occurrences += report.occurrences
        rendered += report.rendered
        with_terms += bool(report.occurrences)
    return {
        "occurrences": occurrences, "rendered": rendered, "segments": len(ar),
        "with_terms": with_terms, "entries": len(glossary),
    }


def _corpus() -> tuple[list[str], list[str]]:
    ar: list[str] = []
    en: list[str] = []
    for folder in (DATA / "ntrex128", TICO):
        ar += (folder / "ar.txt").read_text(encoding="utf-8").splitlines()
        en += (folder / "en.txt").read_text(encoding="utf-8").splitlines()
    return ar, en


def synthetic_glossary(ar: list[str], en: list[str], size: int = TERMS) -> Glossary:
    """``size`` terms drawn from the corpus (half words, half two-word phrases), each with
    an English rendering drawn from the English side, some with a forbidden rendering."""
    def key(term: str) -> str:  # one key per term as the matcher sees it (spellings merged)
        return " ".join(strip_article(w) for w in normalize_arabic(term).split())

    words: dict[str, str] = {}
    phrases: dict[str, str] = {}
    for line in ar:
        tokens = re.findall(r"[\u0621-\u064a\u064b-\u0652\u0640]+", line)
        for i, tok in enumerate(tokens):
            if len(normalize_arabic(tok)) >= 4:
                words.setdefault(key(tok), tok)
            if i + 1 < len(tokens) and len(normalize_arabic(tok)) >= 3:
                phrase = tok + " " + tokens[i + 1]
                phrases.setdefault(key(phrase), phrase)
    english = sorted({w.lower() for line in en for w in re.findall(r"[A-Za-z]{4,}", line)})
    terms = list(words.values())[: size // 2]
    terms += list(phrases.values())[: size - len(terms)]
    entries = []
    for i, term in enumerate(terms):
        rendering = english[(i * 7919) % len(english)]
        forbidden = (english[(i * 104729 + 1) % len(english)],) if i % 5 == 0 else ()
        if forbidden and forbidden[0] == rendering:
            forbidden = ()
        entries.append(Entry(term, rendering, "", forbidden))
    return Glossary(entries)


def baseline_patterns(glossary: Glossary) -> list[tuple[str, re.Pattern[str]]]:
    """The naive way: one regex per term over normalised text (clitics and suffixes as
    alternations), as a per-term-regex checker would do it."""
    prefixes = "|".join(sorted((re.escape(p) for p in PREFIXES if p), key=len, reverse=True))
    suffixes = "|".join(
        sorted((re.escape(s) for s in CONSONANT | TA_MARBUTA if s), key=len, reverse=True)
    )
    out = []
    for term in glossary.terms():
        norm = normalize_arabic(term)
        out.append(
            (term, re.compile(rf"(?<!\w)(?:{prefixes})?{re.escape(norm)}(?:{suffixes})?(?!\w)"))
        )
    return out


def run() -> list[Row]:
    rows: list[Row] = []
    figures = evaluate(read_test_set())
    n_forms = figures["tp"] + figures["fp"] + figures["fn"] + figures["tn"]
    rows.append(Row(f"term matching precision ({n_forms:.0f} forms)", figures["precision"],
                    "ratio", target=">= 0.98"))
    rows.append(Row(f"term matching recall ({n_forms:.0f} forms)", figures["recall"], "ratio",
                    target=">= 0.98"))

    tico = tico_compliance()
    rows.append(Row(f"TICO-19 term occurrences ({tico['segments']:.0f} segments, "
                    f"{tico['entries']:.0f} g_ar_en entries)", tico["occurrences"], "terms"))
    rows.append(Row("TICO-19 terms rendered as g_ar_en.csv requires", tico["rendered"], "terms"))
    accuracy = tico["rendered"] / tico["occurrences"] if tico["occurrences"] else 0.0
    rows.append(Row("TICO-19 terminology compliance", accuracy, "ratio"))

    ar, en = _corpus()
    glossary = synthetic_glossary(ar, en)
    start = time.perf_counter()
    matcher = TermMatcher(glossary)
    build = time.perf_counter() - start
    pairs = [(ar[i % len(ar)], en[i % len(en)]) for i in range(PAIRS)]
    start, start_cpu = time.perf_counter(), time.process_time()
    occurrences = 0
    for a, e in pairs:
        occurrences += check_terms(matcher, a, e).occurrences
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - start_cpu

    jobs = max(2, default_jobs(PAIRS))
    not_terms = [c for c in check_ids() if c not in ("term-missing", "term-forbidden")]
    start = time.perf_counter()
    result = run_document(pairs, matcher=matcher, skip=not_terms, jobs=jobs)
    parallel = time.perf_counter() - start
    assert result.terms.occurrences == occurrences
    start = time.perf_counter()
    everything = run_document(pairs, matcher=matcher, jobs=jobs)
    all_checks = time.perf_counter() - start
    findings = sum(map(len, everything.findings))

    patterns = baseline_patterns(glossary)
    sample = pairs[:BASELINE_SAMPLE]
    start = time.perf_counter()
    for a, _ in sample:
        norm = normalize_arabic(a)
        for _, pattern in patterns:
            pattern.search(norm)
    base = (time.perf_counter() - start) * PAIRS / BASELINE_SAMPLE

    rows.append(Row(f"build automaton, {len(matcher):,} terms", build, "s"))
    rows.append(Row(f"glossary check, {PAIRS:,} pairs x {len(matcher):,} terms "
                    f"({occurrences / PAIRS:.1f} term occurrences per pair), 1 process",
                    elapsed, "s",
                    baseline=f"per-term regex, Arabic side only: {base:.0f} s "
                             f"(timed on {BASELINE_SAMPLE:,} pairs, scaled)",
                    ratio=elapsed / base, target="< 10 s"))
    rows.append(Row("  the same, CPU time", cpu, "s"))
    rows.append(Row(f"  the same through run_document, {jobs} processes", parallel, "s",
                    target="< 10 s"))
    rows.append(Row(f"all QA checks, {PAIRS:,} pairs, {jobs} processes "
                    f"({findings:,} findings)", all_checks, "s"))
    return rows
