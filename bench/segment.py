"""Sentence segmentation: boundary F1 on assembled test texts, and speed.

Test texts: each document of ntrex128 and tico19 with its lines joined by a space (a line
without a final end mark — a headline — stays a paragraph of its own, as it would in a real
document), plus the hard cases in tests/text/data. The splitter must recover the lines.
Only boundaries inside paragraphs are scored (paragraph ends are given by the newlines).
``raw`` joins every line of a document, headlines too (their boundaries cannot be found).
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

from bench.common import DATA, ROOT, Row
from workbench.text.segment import segment_text

HARD = ROOT / "tests" / "text" / "data"
_END = re.compile(r"[.!?؟…][\"'”’»)\]]*\s*$")

Doc = list[list[str]]  # paragraphs of gold sentences


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def _paragraphs(lines: list[str], raw: bool) -> Doc:
    """Group a document's lines into paragraphs: a line without an end mark stands alone."""
    out: Doc = [[]]
    for line in lines:
        line = line.strip()
        if not line:
            continue
        out[-1].append(line)
        if not raw and not _END.search(line):
            out.append([])
    return [p for p in out if p]


def ntrex_docs(lang: str, raw: bool = False) -> list[Doc]:
    """The ntrex128 documents of one language (grouped by doc id)."""
    lines = _lines(DATA / "ntrex128" / f"{lang}.txt")
    ids = _lines(DATA / "ntrex128" / "doc_ids.txt")
    return _group(lines, ids, raw)


def tico_docs(lang: str, raw: bool = False) -> list[Doc]:
    """The tico19 documents of one language (grouped by the TMX document id)."""
    lines = _lines(DATA / "tico19" / f"{lang}.txt")
    ids = [row.split("\t")[1].split(":")[0] for row in _lines(DATA / "tico19" / "ids.tsv")[1:]]
    return _group(lines, ids, raw)


def _group(lines: list[str], ids: list[str], raw: bool) -> list[Doc]:
    docs: dict[str, list[str]] = {}
    for line, doc in zip(lines, ids, strict=True):
        docs.setdefault(doc, []).append(line)
    return [_paragraphs(doc_lines, raw) for doc_lines in docs.values()]


def hard_docs(lang: str) -> list[Doc]:
    """The hand-made hard cases: paragraphs separated by blank lines, a sentence per line."""
    doc: Doc = [[]]
    for line in _lines(HARD / f"hard_{lang}.txt"):
        if line.startswith("#"):
            continue
        if not line.strip():
            if doc[-1]:
                doc.append([])
            continue
        doc[-1].append(line.strip())
    return [[p for p in doc if p]]


def doc_text(doc: Doc) -> str:
    """A document's text: its gold sentences joined by spaces, its paragraphs by newlines."""
    return "\n".join(" ".join(p) for p in doc)


def _cuts(paragraphs: list[list[str]]) -> tuple[set[int], set[int]]:
    """In-paragraph sentence boundaries and paragraph ends, as whitespace-free offsets."""
    inner: set[int] = set()
    ends: set[int] = set()
    pos = 0
    for sentences in paragraphs:
        for k, s in enumerate(sentences):
            pos += len("".join(s.split()))
            (ends if k == len(sentences) - 1 else inner).add(pos)
    return inner, ends


def boundary_counts(gold: Doc, predicted: Doc) -> tuple[int, int, int]:
    """(true positives, false positives, false negatives) of in-paragraph boundaries."""
    g, _ = _cuts(gold)
    p, _ = _cuts(predicted)
    return len(g & p), len(p - g), len(g - p)


def f1(tp: int, fp: int, fn: int) -> float:
    """F1 from counts (1.0 when there is nothing to find and nothing found)."""
    if tp == 0:
        return 1.0 if fp == 0 and fn == 0 else 0.0
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    return 2 * precision * recall / (precision + recall)


def segment_doc(doc: Doc, lang: str) -> Doc:
    """Run the splitter on a document's text; its sentences grouped by paragraph."""
    out: Doc = []
    last = None
    for par, sentence in segment_text(doc_text(doc), lang):
        if par != last:
            out.append([])
            last = par
        out[-1].append(sentence)
    return out


def evaluate(docs: list[Doc], lang: str) -> tuple[float, int, list[tuple[str, str]]]:
    """Boundary F1 over documents, the number of gold boundaries, and the errors."""
    tp = fp = fn = 0
    errors: list[tuple[str, str]] = []
    for doc in docs:
        pred = segment_doc(doc, lang)
        a, b, c = boundary_counts(doc, pred)
        tp, fp, fn = tp + a, fp + b, fn + c
        if b or c:
            gold_set = {s for p in doc for s in p}
            errors.extend(("extra" if s not in gold_set else "?", s) for p in pred for s in p
                          if s not in gold_set)
    return f1(tp, fp, fn), tp + fn, errors


def sets() -> Iterator[tuple[str, str, list[Doc]]]:
    """(name, language, documents) of every test set."""
    for lang in ("ar", "en"):
        yield f"ntrex128 {lang}", lang, ntrex_docs(lang)
        yield f"tico19 {lang}", lang, tico_docs(lang)
        yield f"hard cases {lang}", lang, hard_docs(lang)
        yield f"ntrex128 {lang} raw join", lang, ntrex_docs(lang, raw=True)


def speed(target_mb: float = 8.0) -> tuple[float, float]:
    """Arabic text segmented per second (MB of UTF-8), and the size used."""
    text = (DATA / "ntrex128" / "docs_ar.txt").read_text(encoding="utf-8")
    tico = (DATA / "tico19" / "ar.txt").read_text(encoding="utf-8")
    unit = text + "\n" + tico.replace("\n", " ") + "\n"
    reps = max(1, int(target_mb * 1e6 / len(unit.encode())))
    big = unit * reps
    size = len(big.encode()) / 1e6
    start = time.perf_counter()
    segment_text(big, "ar")
    return size / (time.perf_counter() - start), size


def run() -> list[Row]:
    """The benchmark rows."""
    rows: list[Row] = []
    for name, lang, docs in sets():
        score, n, _ = evaluate(docs, lang)
        target = "" if "raw" in name else ">= 0.99"
        rows.append(Row(f"boundary F1, {name} ({n} boundaries)", score, "F1", target=target))
    mbps, size = speed()
    rows.append(Row(f"Arabic segmentation speed ({size:.1f} MB)", mbps, "MB/s", target=">= 2"))
    return rows


if __name__ == "__main__":
    for name, lang, docs in sets():
        score, n, errors = evaluate(docs, lang)
        print(f"{name}: F1 {score:.4f} over {n} boundaries")
        for kind, sentence in errors[:20]:
            print(f"   {kind}: {sentence[:160]}")
    print("speed MB/s, MB:", speed())
