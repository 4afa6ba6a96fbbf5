"""Running the registered QA checks on one pair or on all pairs of a document."""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from collections import Counter
from collections.abc import Callable, Collection, Generator, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from workbench.glossary.checks import REGISTRY, Check, DocumentCheck, Pair
from workbench.glossary.enforce import TermReport
from workbench.glossary.findings import Finding
from workbench.glossary.findings_cache import (
    PairCache,
    PlainFinding,
    finding_of,
    plain_finding,
)
from workbench.glossary.matcher import TermMatch, TermMatcher

if TYPE_CHECKING:
    from workbench.spelling import SpellChecker


def check_ids() -> list[str]:
    """Every registered check id, sorted."""
    return sorted(REGISTRY)


def _pair_checks(skip: Collection[str], alone: bool = False) -> list[Check]:
    """The pair checks to run pair by pair: in a document (``alone`` False) not those that
    check its pairs together (``in_document``: :func:`_document_checks` runs them)."""
    return [
        cls() for cid, cls in sorted(REGISTRY.items())
        if issubclass(cls, Check) and cid not in skip and (alone or not cls.in_document)
    ]


def _document_checks(skip: Collection[str]) -> list[DocumentCheck | Check]:
    """The checks of a document's pairs together: the cross-segment ones, and the pair checks
    whose findings depend on the pairs around (``in_document``)."""
    return [
        cls() for cid, cls in sorted(REGISTRY.items())
        if cid not in skip
        and (issubclass(cls, DocumentCheck) or (issubclass(cls, Check) and cls.in_document))
    ]


def _run_pair(pair: Pair, checks: list[Check]) -> list[Finding]:
    empty = not pair.target.strip()
    if not pair.source.strip() and empty:
        return []
    findings: list[Finding] = []
    if empty:
        for check in checks:
            if check.on_empty_target:
                findings += check.run(pair)
    else:
        for check in checks:
            findings += check.run(pair)
    if len(findings) > 1:
        findings.sort(key=_order)
    return findings


def _order(f: Finding) -> tuple[int, tuple[int, int], bool, str]:
    """Term findings first, in source order (missing before forbidden), then by check id."""
    if f.term is not None and f.span is not None:
        return 0, f.span, f.kind != "missing", f.check
    return 1, (0, 0), False, f.check


def run_checks(
    source: str,
    target: str,
    *,
    matcher: TermMatcher | None,
    skip: Collection[str] = (),
    speller: SpellChecker | None = None,
) -> list[Finding]:
    """All pair checks (glossary terms too, given a matcher; spelling, given a speller) on one
    source/target pair, checked alone (no pair around it: see :func:`run_document`)."""
    return _run_pair(Pair(source, target, matcher, speller), _pair_checks(skip, alone=True))


def _in_document_checks(skip: Collection[str], source: str, target: str) -> list[Check]:
    """The checks whose findings on this pair may differ in its document (``in_document``)."""
    return [
        check for check in (
            cls() for cid, cls in sorted(REGISTRY.items())
            if cid not in skip and issubclass(cls, Check) and cls.in_document
        )
        if check.needs_document(source, target)
    ]


def needs_document(source: str, target: str, skip: Collection[str] = ()) -> bool:
    """Whether :func:`run_checks`' findings on this pair may differ in its document: what
    :func:`in_document` then gives needs the document's pairs."""
    return bool(_in_document_checks(skip, source, target))


def may_change_others(before: str | None, after: str) -> bool:
    """Whether a pair's English changing from ``before`` (None: not known) to ``after`` may
    change other pairs' findings in its document: what a check that looks at the pairs around
    (``in_document``) sees of it changed (a quotation mark another pair's closed, or a new
    one; not a word typed)."""
    for cls in REGISTRY.values():
        if issubclass(cls, Check) and cls.in_document:
            check = cls()
            if check.document_key(after) != check.document_key(before or ""):
                return True
    return False


def document_chars(source: str, target: str, skip: Collection[str] = ()) -> str | None:
    """The characters without which a document's pair plays no part in this pair's findings
    of the checks that look at the pairs around it (a caller may read only the pairs holding
    one), or None when every pair may."""
    chars = ""
    for check in _in_document_checks(skip, source, target):
        if check.document_chars is None:
            return None
        chars += check.document_chars
    return "".join(dict.fromkeys(chars))


def in_document(
    findings: list[Finding],
    pairs: Sequence[tuple[str, str]],
    index: int,
    *,
    skip: Collection[str] = (),
    lines: Sequence[int] | None = None,
) -> list[Finding]:
    """The findings of ``pairs[index]`` as :func:`run_document` finds them: ``findings`` (of
    :func:`run_checks` on it), those of the checks that look at the pairs around it
    (``in_document``) found among the document's ``pairs`` instead."""
    checks = _in_document_checks(skip, *pairs[index])
    if not checks:
        return findings
    ids = {check.id for check in checks}
    out = [f for f in findings if f.check not in ids]
    for check in checks:
        out += [f for i, f in check.run_document(pairs, lines) if i == index]
    out.sort(key=_order)
    return out


@dataclass
class DocumentResult:
    """Findings per pair, and the glossary figures summed over the document."""

    findings: list[list[Finding]]
    terms: TermReport


#: A glossary term found in a source: start, end, its renderings (as plain values travel).
PlainTerm = tuple[int, int, tuple[str, ...]]


def plain_terms(matches: Sequence[TermMatch]) -> list[PlainTerm]:
    """``matches`` as (start, end, required renderings without repeats)."""
    return [
        (m.start, m.end, tuple(dict.fromkeys(e.rendering for e in m.entries))) for m in matches
    ]


def _run_pairs(
    pairs: Sequence[tuple[str, str]],
    matcher: TermMatcher | None,
    skip: Collection[str],
    speller: SpellChecker | None = None,
    weights: Sequence[int] | None = None,
    terms: list[list[PlainTerm]] | None = None,
) -> tuple[list[list[Finding]], int, int]:
    """The findings of each pair, and the glossary figures (each pair counted ``weights[i]``
    times: how often it stands in the document); the terms of each source are added to
    ``terms`` when it is given."""
    checks = _pair_checks(skip)
    results: list[list[Finding]] = []
    occurrences = rendered = 0
    for i, (source, target) in enumerate(pairs):
        pair = Pair(source, target, matcher, speller)
        results.append(_run_pair(pair, checks))
        found: list[PlainTerm] = []
        report = _term_report(pair)
        if report is not None:
            weight = weights[i] if weights is not None else 1
            occurrences += report.occurrences * weight
            rendered += report.rendered * weight
            if terms is not None and report.matches:
                found = plain_terms(report.matches)
        if terms is not None:
            terms.append(found)
    return results, occurrences, rendered


def _term_report(pair: Pair) -> TermReport | None:
    """The glossary figures of a checked pair (None: no matcher, or an empty source)."""
    if pair.matcher is None or not pair.source.strip():
        return None
    return pair.terms


# What the worker processes of a parallel run share (inherited through fork, never pickled):
# the distinct pairs, the matcher, the skipped checks, the speller, the weights, every pair,
# whether the terms of each source go back too, the line of every pair.
_SHARED: (
    tuple[
        Sequence[tuple[str, str]], TermMatcher | None, Collection[str], SpellChecker | None,
        Sequence[int], Sequence[tuple[str, str]], bool, Sequence[int] | None,
    ]
    | None
) = None


_Plain = tuple[str, str, str, str, "str | None", list[str], "str | None", "tuple[int, int] | None"]


def _run_slice(
    bounds: tuple[int, int],
) -> tuple[list[list[_Plain]], int, int, list[list[PlainTerm]] | None]:
    assert _SHARED is not None
    pairs, matcher, skip, speller, weights, _, with_terms, _ = _SHARED
    start, end = bounds
    terms: list[list[PlainTerm]] | None = [] if with_terms else None
    results, occurrences, rendered = _run_pairs(
        pairs[start:end], matcher, skip, speller, weights[start:end], terms
    )
    # plain tuples travel back between processes much faster than dataclasses
    plain = [
        [(f.check, f.kind, f.severity, f.message, f.term, f.expected, f.found, f.span) for f in fs]
        for fs in results
    ]
    return plain, occurrences, rendered, terms


def _serial_part(
    pairs: Sequence[tuple[str, str]], matcher: TermMatcher | None, skip: Collection[str],
    speller: SpellChecker | None, weights: Sequence[int], with_terms: bool,
) -> _Part:
    """A slice of a run in this process (as ``_run_slice`` gives it, without the pickling)."""
    terms: list[list[PlainTerm]] | None = [] if with_terms else None
    return (*_run_pairs(pairs, matcher, skip, speller, weights, terms), terms)


def _document_findings(
    pairs: Sequence[tuple[str, str]], skip: Collection[str], lines: Sequence[int] | None
) -> dict[int, list[Finding]]:
    """The findings of the cross-segment checks, by pair index (``lines``: each pair's)."""
    extra: dict[int, list[Finding]] = {}
    for check in _document_checks(skip):
        for index, finding in check.run_document(pairs, lines):
            extra.setdefault(index, []).append(finding)
    return extra


def _add_findings(own: list[Finding], extra: Iterable[Finding]) -> None:
    """Add a pair's findings from the document's checks to its own (sorted): those of a pair
    check run on the whole document (``in_document``) in their place among the pair checks',
    the cross-segment checks' after them."""
    own.extend(extra)
    if len(own) > 1 and any(_checked_in_document(f.check) for f in own):
        own.sort(key=_document_order)


def _checked_in_document(check_id: str) -> bool:
    cls = REGISTRY.get(check_id)
    return cls is not None and issubclass(cls, Check) and cls.in_document


def _document_order(f: Finding) -> tuple[object, ...]:
    cls = REGISTRY.get(f.check)
    if cls is not None and issubclass(cls, DocumentCheck):
        return (1,)
    return (0, *_order(f))


def _run_documents(_: object = None) -> dict[int, list[_Plain]]:
    """The cross-segment checks of a parallel run, in a worker (the first task it is given)."""
    assert _SHARED is not None
    _, _, skip, _speller, _weights, pairs, _, lines = _SHARED
    return {
        index: [
            (f.check, f.kind, f.severity, f.message, f.term, f.expected, f.found, f.span)
            for f in found
        ]
        for index, found in _document_findings(pairs, skip, lines).items()
    }


PARALLEL_FROM = 5_000


def default_jobs(pairs: int) -> int:
    """Processes worth using for ``pairs`` pairs: 1 below 5,000 pairs, else up to 4 cores."""
    if pairs < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(4, os.cpu_count() or 1))


def run_document(
    pairs: Sequence[tuple[str, str]],
    *,
    matcher: TermMatcher | None,
    skip: Collection[str] = (),
    jobs: int = 1,
    speller: SpellChecker | None = None,
    lines: Sequence[int] | None = None,
    cache: PairCache | None = None,
) -> DocumentResult:
    """All checks on the pairs of one document, the cross-segment ones included.

    With ``jobs`` > 1 the pair checks run in that many forked processes (where the platform
    forks; otherwise in this one). Results are the same either way, in the same order.
    ``speller``: the spell checker of the ``spelling`` check (without one it finds nothing).
    ``lines``: the line of each pair as reports name it (a segment's position; default the
    pair's 1-based index), for messages that point at other pairs. ``cache``: the pair
    checks' results kept from earlier runs (:class:`PairCache`; in this process, ``jobs``
    unused), the pairs it lacks checked and added.
    """
    if cache is not None:
        return _run_cached(pairs, matcher, skip, speller, lines, cache)
    totals = [0, 0]
    findings = [
        found for found, _ in _stream(pairs, matcher, skip, jobs, speller, totals, lines=lines)
    ]
    return DocumentResult(findings, TermReport(*totals))


def _check_plain(pair: Pair, checks: list[Check]) -> tuple[tuple[PlainFinding, ...], int, int]:
    """A pair's findings as the cache keeps them, its term occurrences and those rendered."""
    found = tuple(plain_finding(f) for f in _run_pair(pair, checks))
    report = _term_report(pair)
    return found, report.occurrences if report else 0, report.rendered if report else 0


def _run_cached(
    pairs: Sequence[tuple[str, str]],
    matcher: TermMatcher | None,
    skip: Collection[str],
    speller: SpellChecker | None,
    lines: Sequence[int] | None,
    cache: PairCache,
) -> DocumentResult:
    """:func:`run_document` in this process, the pair checks answered from ``cache`` where
    it has the pair (and the pairs checked put in it)."""
    run = cache.start(matcher, speller, skip)
    results = cache.results
    checks: list[Check] | None = None
    occurrences = rendered = 0
    for pair, weight in Counter(pairs).items():
        entry = results.get(pair)
        if entry is None:
            checks = checks if checks is not None else _pair_checks(skip)
            entry = (*_check_plain(Pair(*pair, matcher, speller), checks), run)
            cache.checked += 1
        results[pair] = (entry[0], entry[1], entry[2], run)
        occurrences += entry[1] * weight
        rendered += entry[2] * weight
    extra = _document_findings(pairs, skip, lines)
    findings = []
    for index, pair in enumerate(pairs):
        own = [finding_of(f) for f in results[pair][0]]
        _add_findings(own, extra.get(index, ()))
        findings.append(own)
    cache.prune()
    return DocumentResult(findings, TermReport(occurrences, rendered))


def iter_document_terms(
    pairs: Sequence[tuple[str, str]],
    *,
    matcher: TermMatcher | None,
    skip: Collection[str] = (),
    jobs: int = 1,
    speller: SpellChecker | None = None,
    lines: Sequence[int] | None = None,
) -> Generator[tuple[list[Finding], list[PlainTerm]], None, None]:
    """The findings of :func:`run_document` pair by pair as they are ready, each with the
    glossary terms of its source, found by the checks (a caller that shows them need not match
    the glossary again): with ``jobs`` > 1 the caller works on the first pairs while the
    processes check the next ones. Close the iterator if it is left before its end (the
    processes stop). ``lines``: as for :func:`run_document`."""
    return _stream(pairs, matcher, skip, jobs, speller, [0, 0], with_terms=True, lines=lines)


_T = TypeVar("_T")
_R = TypeVar("_R")

#: Pairs checked at a time in this process (a stream yields after each slice).
SERIAL_SLICE = 1_000
#: Slices of a parallel run per process (a stream left early waits for the few its processes
#: have begun).
SLICES_PER_JOB = 8


def _in_order(
    pool: ProcessPoolExecutor, fn: Callable[[_T], _R], items: Iterable[_T]
) -> Iterator[_R]:
    """``fn`` of each item in the pool, in order. All are submitted now (the processes start
    on them while the caller waits for something else); the executor hands its processes
    only a few at a time, so the rest can still be cancelled."""
    futures = [pool.submit(fn, item) for item in items]
    return (future.result() for future in futures)


_Part = tuple[list[list[Finding]], int, int, "list[list[PlainTerm]] | None"]


def _stream(
    pairs: Sequence[tuple[str, str]],
    matcher: TermMatcher | None,
    skip: Collection[str],
    jobs: int,
    speller: SpellChecker | None,
    totals: list[int],
    with_terms: bool = False,
    lines: Sequence[int] | None = None,
) -> Generator[tuple[list[Finding], list[PlainTerm]], None, None]:
    """Each pair's findings in order, with its source's terms (``with_terms``; else none);
    the glossary figures are added to ``totals``."""
    global _SHARED
    # A pair that stands several times (a repetition) is checked once: the pair checks see
    # only the pair, the glossary and the speller.
    counts = Counter(pairs)
    unique, weights = list(counts), list(counts.values())
    # What exists now (the pairs, the matcher, the spelling dictionary: ~425,000 objects) is
    # frozen out of the garbage collector while the run lasts: otherwise each full collection
    # walks all of it again (0.2-0.5 s each, ten or so in an export of 100,000 segments), and
    # in the forked workers touches, and so copies, every page of it. Freezing is done for
    # the whole process, so only when no other thread runs (the CLI; not the TUI, which
    # freezes its own heap), and only when nothing is frozen yet.
    freeze = gc.get_freeze_count() == 0 and threading.active_count() == 1
    if freeze:
        gc.freeze()
    pool: ProcessPoolExecutor | None = None
    try:
        parts: Iterator[_Part]
        documents: Future[dict[int, list[_Plain]]] | None = None
        forks = "fork" in multiprocessing.get_all_start_methods()
        if jobs > 1 and len(unique) >= jobs * 2 and forks:
            step = -(-len(unique) // (jobs * SLICES_PER_JOB))
            bounds = [(i, min(i + step, len(unique))) for i in range(0, len(unique), step)]
            if speller is not None:  # its suggestion index, built once for every worker
                speller.dictionary.prepare_suggestions()
                if freeze:
                    gc.freeze()  # the index too
            _SHARED = (unique, matcher, skip, speller, weights, pairs, with_terms, lines)
            pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"))
            try:  # the workers fork at the first task and keep what _SHARED holds
                # the cross-segment checks first, in a worker: this process only waits for them
                documents = pool.submit(_run_documents)
            finally:
                _SHARED = None
            parts = (
                ([[Finding(*f) for f in fs] for fs in plain], occurrences, rendered, terms)
                for plain, occurrences, rendered, terms in _in_order(pool, _run_slice, bounds)
            )
        else:
            parts = (
                _serial_part(unique[i : i + SERIAL_SLICE], matcher, skip, speller,
                             weights[i : i + SERIAL_SLICE], with_terms)
                for i in range(0, len(unique), SERIAL_SLICE)
            )
        if documents is not None:
            extra = {
                index: [Finding(*f) for f in found]
                for index, found in documents.result().items()
            }
        else:
            extra = _document_findings(pairs, skip, lines)
        where = {pair: i for i, pair in enumerate(unique)} if len(unique) < len(pairs) else None
        found: list[list[Finding]] = []
        terms: list[list[PlainTerm]] = []
        for index, pair in enumerate(pairs):
            u = where[pair] if where is not None else index
            while u >= len(found):
                part, occurrences, rendered, part_terms = next(parts)
                found.extend(part)
                if part_terms is not None:
                    terms.extend(part_terms)
                totals[0] += occurrences
                totals[1] += rendered
            own = list(found[u]) if where is not None else found[u]  # own lists: appended to
            if index in extra:
                _add_findings(own, extra[index])
            yield own, terms[u] if with_terms else []
    finally:
        if pool is not None:
            # Left early: the slices not started are cancelled, the few running ones end.
            # (multiprocessing.Pool.terminate() killed workers that could hold a queue's
            # lock, and then hung for good waiting on it.)
            pool.shutdown(wait=True, cancel_futures=True)
        if freeze:
            gc.unfreeze()
