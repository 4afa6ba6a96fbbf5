"""Spelling benchmarks: the ``spelling`` check over 100,000 segments, and suggestions per word.

- the check: 100,000 English segments (~2 million words) of NTREX-128 and TICO-19, cycled, one
  in fifty with a typo of its own (two letters of a word swapped: thousands of distinct
  misspellings, each needing its quick suggestions), run through ``qa.run_document`` with
  only the ``spelling`` check, in one process;
- suggestions: Hunspell's algorithm, bounded (``HunspellDictionary.suggest``), for common
  misspellings, wall and CPU time per word, against spylls' unbounded ``suggest`` on a sample;
- the dictionary is the en_US that spylls ships (the same on every machine); suggestions are
  also timed with the system's en_US and en_GB when installed.
"""

from __future__ import annotations

import random
import re
import statistics
import time

from bench.common import DATA, Row, peak_rss_mb
from workbench.glossary.qa import check_ids, run_document
from workbench.spelling import SpellChecker, find_dictionaries, words
from workbench.spelling.dictionary import bundled_folders, load_dictionary_files

SEGMENTS = 100_000
TYPO_EVERY = 50
MISSPELLINGS = [
    "recieve", "goverment", "accomodation", "definately", "seperate", "occured", "untill",
    "begining", "beleive", "tommorow", "wich", "thier", "freind", "knowlege", "independant",
    "enviroment", "arguement", "comittee", "existance", "foriegn", "grammer", "harrass",
    "insurection", "neccessary", "occassion", "persue", "priviledge", "publically", "recomend",
    "refered", "relevent", "succesful", "supercede", "tendancy", "truely", "wierd", "acheive",
    "adress", "apparantly", "calender", "concious", "embarass", "Febuary", "goverments",
    "millenium", "parliment", "posession", "revolutionery", "Bolshevicks", "counterrevolutionaryy",
]
UNBOUNDED_SAMPLE = 8


def english_segments(count: int = SEGMENTS, seed: int = 11) -> tuple[list[str], int]:
    """``count`` English segments cycled from the corpora, one in TYPO_EVERY with a typo;
    and how many typos were made."""
    lines = [
        line.strip()
        for name in ("ntrex128/en.txt", "tico19/en.txt")
        for line in (DATA / name).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    rng = random.Random(seed)
    out: list[str] = []
    typos = 0
    for i in range(count):
        line = lines[i % len(lines)]
        if rng.randrange(TYPO_EVERY) == 0:
            candidates = [m for m in re.finditer(r"[a-z]{6,}", line)]
            if candidates:
                m = rng.choice(candidates)
                k = rng.randrange(1, len(m.group()) - 2)
                word = m.group()
                typo = word[:k] + word[k + 1] + word[k] + word[k + 2 :]
                if typo != word:
                    line = line[: m.start()] + typo + line[m.end() :]
                    typos += 1
        out.append(line)
    return out, typos


def run() -> list[Row]:
    folder = next(f for f in bundled_folders() if (f / "en_US.aff").is_file())
    start = time.perf_counter()
    dictionary = load_dictionary_files(folder / "en_US", "en_US")
    load = time.perf_counter() - start
    start = time.perf_counter()
    dictionary.prepare_suggestions()
    index = time.perf_counter() - start

    segments, typos = english_segments()
    word_count = sum(len(words(s)) for s in segments)
    pairs = [("", s) for s in segments]
    speller = SpellChecker(dictionary)
    skip = [c for c in check_ids() if c != "spelling"]
    start = time.perf_counter()
    cpu = time.process_time()
    result = run_document(pairs, matcher=None, skip=skip, speller=speller)
    check_wall = time.perf_counter() - start
    check_cpu = time.process_time() - cpu
    findings = [f for fs in result.findings for f in fs]
    distinct = len({f.found for f in findings})
    start = time.perf_counter()
    run_document(pairs, matcher=None, skip=skip, speller=speller)
    again = time.perf_counter() - start

    walls: list[float] = []
    cpus: list[float] = []
    for word in MISSPELLINGS:
        start, cpu = time.perf_counter(), time.process_time()
        dictionary.suggest(word)
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    unbounded: list[float] = []
    for word in MISSPELLINGS[:UNBOUNDED_SAMPLE]:
        start = time.perf_counter()
        list(dictionary._dictionary.suggest(word))  # type: ignore[attr-defined]
        unbounded.append(time.perf_counter() - start)
    bounded_sample = statistics.mean(walls[:UNBOUNDED_SAMPLE])
    quick: list[float] = []
    for word in MISSPELLINGS:
        start = time.perf_counter()
        dictionary.quick_suggest(word + "x")  # not cached by the check above
        quick.append(time.perf_counter() - start)
    ms = 1000
    rows = _system_rows()
    return [
        Row("load the en_US dictionary (spylls)", load, "s"),
        Row("build the suggestion index (once, on the first suggestion)", index, "s"),
        Row(f"spelling check, {len(segments):,} segments / {word_count:,} words "
            f"({typos:,} typos, {distinct:,} distinct misspellings, {len(findings):,} findings)",
            check_wall, "s", target="< 30 s"),
        Row("  the same, CPU time of the process", check_cpu, "s"),
        Row("  the same again (verdicts and suggestions cached)", again, "s"),
        Row("  words checked per second (first run)", word_count / check_wall, "words/s"),
        Row(f"suggestions for one word, mean of {len(walls)} misspellings (wall)",
            statistics.mean(walls) * ms, "ms", target="< 200 ms"),
        Row("  max (wall)", max(walls) * ms, "ms", target="< 200 ms"),
        Row("  mean (CPU time)", statistics.mean(cpus) * ms, "ms"),
        Row("  max (CPU time)", max(cpus) * ms, "ms"),
        Row(f"  spylls' own suggest, unbounded, mean of {UNBOUNDED_SAMPLE}",
            statistics.mean(unbounded) * ms, "ms",
            baseline=f"bounded: {bounded_sample * ms:.0f} ms",
            ratio=statistics.mean(unbounded) / bounded_sample),
        Row("quick suggestions (the check's) for one word, mean", statistics.mean(quick) * ms,
            "ms"),
        *rows,
        Row("peak memory", peak_rss_mb(), "MB"),
    ]


def _system_rows() -> list[Row]:
    """Suggestion times with the system's dictionaries (Debian hunspell-en-*), when there."""
    rows: list[Row] = []
    found = find_dictionaries(bundled=False)
    for language in ("en_US", "en_GB"):
        if language not in found:
            continue
        dictionary = load_dictionary_files(found[language], language)
        dictionary.prepare_suggestions()
        walls: list[float] = []
        cpus: list[float] = []
        for word in MISSPELLINGS:
            start, cpu = time.perf_counter(), time.process_time()
            dictionary.suggest(word)
            walls.append(time.perf_counter() - start)
            cpus.append(time.process_time() - cpu)
        rows.append(Row(
            f"suggestions with the system's {language} ({found[language]}), mean / max wall",
            statistics.mean(walls) * 1000, "ms", baseline=f"max {max(walls) * 1000:.0f} ms; "
            f"CPU mean {statistics.mean(cpus) * 1000:.0f}, max {max(cpus) * 1000:.0f} ms",
            target="< 200 ms",
        ))
    return rows
