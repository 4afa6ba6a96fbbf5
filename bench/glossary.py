"""Glossary and QA benchmarks: term-matching precision/recall, TICO-19 compliance, speed.

- precision and recall of the Arabic term matcher on tests/glossary/data/term_matching.tsv;
- compliance of the TICO-19 English (its professional translation) with g_ar_en.csv;
- glossary enforcement of 100,000 segment pairs against 5,000 terms (one Aho-Corasick
  automaton), beside a per-term-regex baseline timed on a sample and scaled up.
"""

from __future__ import annotations

import random
import re
import time
import zlib
from pathlib import Path

from bench.common import DATA, ROOT, Row
from workbench.glossary.enforce import check_terms
from workbench.glossary.io import read_glossary
from workbench.glossary.matcher import TermMatcher
from workbench.glossary.model import Entry, Glossary
from workbench.glossary.morphology import CONSONANT, PREFIXES, TA_MARBUTA, strip_article
from workbench.glossary.qa import check_ids, run_document
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
    """``size`` terms drawn from the corpus (half words, half two-word phrases).

    A term's rendering is an English word of the translation of the line it was first seen
    in, so it is rendered there and often missing elsewhere, as with a real glossary; one term
    in five has a forbidden rendering drawn from the whole English vocabulary.
    """
    def key(term: str) -> str:  # one key per term as the matcher sees it (spellings merged)
        return " ".join(strip_article(w) for w in normalize_arabic(term).split())

    words: dict[str, tuple[str, int]] = {}
    phrases: dict[str, tuple[str, int]] = {}
    for n, line in enumerate(ar):
        tokens = re.findall(r"[\u0621-\u064a\u064b-\u0652\u0640]+", line)
        for i, tok in enumerate(tokens):
            if len(normalize_arabic(tok)) >= 4:
                words.setdefault(key(tok), (tok, n))
            if i + 1 < len(tokens) and len(normalize_arabic(tok)) >= 3:
                phrase = tok + " " + tokens[i + 1]
                phrases.setdefault(key(phrase), (phrase, n))
    english_words = [re.findall(r"[A-Za-z]{4,}", line) or ["text"] for line in en]
    vocabulary = sorted({w.lower() for line in english_words for w in line})
    terms = list(words.values())[: size // 2]
    terms += list(phrases.values())[: size - len(terms)]
    entries = []
    for i, (term, line) in enumerate(terms):
        choices = english_words[line]
        rendering = choices[zlib.crc32(term.encode()) % len(choices)]
        forbidden = (vocabulary[(i * 7919) % len(vocabulary)],) if i % 5 == 0 else ()
        if forbidden and forbidden[0] == rendering.lower():
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


_LETTERS = "ابتجحدرزسشصطعفقكلمنهوي"


def realistic_pairs(
    ar: list[str], en: list[str], size: int = TERMS, pairs: int = PAIRS, per_pair: int = 2
) -> tuple[Glossary, list[tuple[str, str]]]:
    """A 5,000-term glossary and segment pairs that carry its terms as a translation would.

    The terms are made-up Arabic words and two-word phrases (a third end in ة), each with a
    unique English rendering built from real English words; one in five has a forbidden
    rendering. Each pair is a real NTREX/TICO sentence pair with ``per_pair`` terms put into
    the Arabic with clitics and suffixes (وال, لل, ب...; ات, تها, هم, tanween) and their
    renderings put into the English — 90% the required one (sometimes plural), 5% a
    forbidden one, 5% nothing.
    """
    rng = random.Random(19)
    vocabulary = sorted({w.lower() for line in en for w in re.findall(r"[A-Za-z]{4,}", line)})
    terms: dict[str, Entry] = {}
    renderings: set[str] = set()
    while len(terms) < size:
        words = []
        for _ in range(1 if rng.random() < 0.7 else 2):
            word = "".join(rng.choice(_LETTERS) for _ in range(rng.randint(4, 6)))
            words.append(word + ("ة" if rng.random() < 0.35 else ""))
        if len(words) == 2 and rng.random() < 0.5:
            words[1] = "ال" + words[1]
        term = " ".join(words)
        rendering = " ".join(rng.sample(vocabulary, 1 if len(words) == 1 else 2))
        if term in terms or rendering in renderings:
            continue
        renderings.add(rendering)
        forbidden = (rng.choice(vocabulary),) if rng.random() < 0.2 else ()
        if forbidden and forbidden[0] in rendering.split():
            forbidden = ()
        terms[term] = Entry(term, rendering, "", forbidden)
    entries = list(terms.values())
    out: list[tuple[str, str]] = []
    for i in range(pairs):
        source = ar[i % len(ar)].split()
        target = en[i % len(en)].split()
        for entry in rng.sample(entries, per_pair):
            first, *rest = entry.term.split()
            prefix = rng.choice(["", "", "و", "ال", "بال", "وال", "لل", "ب"])
            if first.endswith("ة") and not rest:
                first = first[:-1] + rng.choice(["ة", "ة", "ات", "تها", "تهم", "تين"])
            elif not rest:
                first += rng.choice(["", "", "ا", "هم", "ات", "ين"])
            source.insert(rng.randrange(len(source) + 1), " ".join([prefix + first, *rest]))
            roll = rng.random()
            if roll < 0.9:
                english = entry.rendering + ("s" if rng.random() < 0.3 else "")
            elif roll < 0.95 and entry.forbidden:
                english = entry.forbidden[0]
            else:
                continue
            target.insert(rng.randrange(len(target) + 1), english)
        out.append((" ".join(source), " ".join(target)))
    return Glossary(entries), out


def _time_terms(
    matcher: TermMatcher, pairs: list[tuple[str, str]]
) -> tuple[float, float, int, int]:
    """Wall and CPU seconds of check_terms over ``pairs``; occurrences and findings."""
    start, start_cpu = time.perf_counter(), time.process_time()
    occurrences = findings = 0
    for a, e in pairs:
        report = check_terms(matcher, a, e)
        occurrences += report.occurrences
        findings += len(report.findings)
    return time.perf_counter() - start, time.process_time() - start_cpu, occurrences, findings


def _baseline(glossary: Glossary, pairs: list[tuple[str, str]]) -> float:
    patterns = baseline_patterns(glossary)
    start = time.perf_counter()
    for a, _ in pairs[:BASELINE_SAMPLE]:
        norm = normalize_arabic(a)
        for _, pattern in patterns:
            pattern.search(norm)
    return (time.perf_counter() - start) * len(pairs) / BASELINE_SAMPLE


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
    glossary, pairs = realistic_pairs(ar, en)
    start = time.perf_counter()
    matcher = TermMatcher(glossary)
    build = time.perf_counter() - start
    rows.append(Row(f"build the automaton of {len(matcher):,} terms", build, "s"))
    wall, cpu, occurrences, findings = _time_terms(matcher, pairs)
    base = _baseline(glossary, pairs)
    rows.append(Row(f"glossary check, {PAIRS:,} pairs x {len(matcher):,} terms "
                    f"({occurrences / PAIRS:.1f} term occurrences and "
                    f"{findings / PAIRS:.2f} violations per pair)", wall, "s",
                    baseline=f"one regex per term, Arabic side only: {base:.0f} s "
                             f"(timed on {BASELINE_SAMPLE:,} pairs, scaled)",
                    ratio=wall / base, target="< 10 s"))
    rows.append(Row("  the same, CPU time of the process", cpu, "s"))
    for jobs in (1, 2):
        start = time.perf_counter()
        everything = run_document(pairs, matcher=matcher, jobs=jobs)
        all_checks = time.perf_counter() - start
        total = sum(map(len, everything.findings))
        rows.append(Row(f"all {len(check_ids())} QA checks (run_document, {jobs} process"
                        f"{'es' if jobs > 1 else ''}), the same {PAIRS:,} pairs "
                        f"({total / PAIRS:.2f} findings per pair)", all_checks, "s"))

    dense = synthetic_glossary(ar, en)
    dense_matcher = TermMatcher(dense)
    cycled = [(ar[i % len(ar)], en[i % len(en)]) for i in range(PAIRS)]
    wall, cpu, occurrences, findings = _time_terms(dense_matcher, cycled)
    rows.append(Row(f"stress: {PAIRS:,} pairs x {len(dense_matcher):,} terms drawn from the "
                    f"sentences themselves ({occurrences / PAIRS:.1f} term occurrences and "
                    f"{findings / PAIRS:.1f} violations per pair)", wall, "s",
                    baseline=f"one regex per term: {_baseline(dense, cycled):.0f} s"))
    rows.append(Row("  the same, CPU time of the process", cpu, "s"))
    return rows
