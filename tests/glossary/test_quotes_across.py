"""unpaired-quotes in a document: a quotation opened in one pair and closed in a later one (a
literary text: Burton's English quotes speech the Arabic introduces with a colon) is no finding,
in every path that checks a document; a mark truly left without a partner still is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli
from workbench.glossary.qa import PairCache, iter_document_terms, run_checks, run_document
from workbench.project import Project
from workbench.store import exchange as q_exchange

# The merchant's herdsman speaks over three sentences (corpora/nights, Burton's English)
SPEECH = [
    ("فقال: أيها التاجر، إن لي بنتًا.", 'Then said he, "O merchant, I have a daughter.'),
    ("فلما كنا بالأمس دخلت عليها.", "Yesterday I went into the house to her."),
    ("ثم جئت أخبرك.", 'I came to tell thee."'),
]


def lonely(pairs: list[tuple[str, str]], jobs: int = 1) -> list[tuple[int, str | None]]:
    """(pair index, mark) of every unpaired-quotes finding of the document ``pairs``."""
    findings = run_document(pairs, matcher=None, jobs=jobs).findings
    return [(i, f.found) for i, found in enumerate(findings)
            for f in found if f.check == "unpaired-quotes"]


def test_a_quotation_closed_in_a_later_pair_is_no_finding() -> None:
    assert lonely(SPEECH) == []
    assert lonely([("قال: نعم.", "He said, “Yes."), *SPEECH[1:2], ("حسنًا.", "Fine.”")]) == []
    assert lonely([("فقالت: نعم،", 'Quoth she:"Yea,'), ("إنه ابنك.", 'he is thy son."')]) == []
    # guillemets over two sentences in the Arabic as in the English, quotes within
    assert lonely([("قال: «نعم.", 'He said: «Yes, "fine".'), ("ثم ذهب.»", "Then he left.»")]) == []
    # a pair checked alone knows nothing of the next one
    assert [f.found for f in run_checks(*SPEECH[0], matcher=None)
            if f.check == "unpaired-quotes"] == ['"']


def test_a_quotation_opened_again_at_a_paragraph_start_goes_on() -> None:
    """English typography leaves a quotation that goes on into the next paragraph unclosed
    and opens that paragraph with the mark again: each paragraph's last sentence was flagged."""
    ar = "قال."
    speech = [(ar, "He began: “I went to the market."), (ar, "It was busy."),
              (ar, "“Then I came home.”")]
    assert lonely(speech) == []
    assert lonely([(ar, 'He began: "I went.'), (ar, '"Still more.'), (ar, '"And home."')]) == []
    # a mark opened again in the middle of a sentence does not go on with it; nor does a
    # quotation opened again and never closed
    assert lonely([(ar, "He said, “Go."), (ar, "Then “stay” he said.")]) == [(0, "“")]
    assert lonely([(ar, "He said, “Go."), (ar, "“Stay.")]) == [(1, "“")]


def test_a_mark_left_without_a_partner_in_the_document_is_still_reported() -> None:
    assert lonely(SPEECH[:2]) == [(0, '"')]  # never closed after
    assert lonely(SPEECH[1:]) == [(1, '"')]  # nothing open before
    assert lonely([SPEECH[2], SPEECH[0]]) == [(0, '"'), (1, '"')]  # closed before it opens
    assert lonely([("قال: نعم.", "He said, “Yes."), SPEECH[2]]) == [(0, "“"), (1, '"')]
    # two stray marks far apart, a quotation opened and closed between them: no quotation
    stray = [("قال: نعم.", 'He said, "yes.'), ("قال: «لا».", 'She said "no".'),
             ("نجم البرنامج.", 'The Dragons" Den star.')]
    assert lonely(stray) == [(0, '"'), (2, '"')]
    # a sentence closing the quotation and opening the next one (an even number of '"')
    assert lonely([SPEECH[0], ("ثم قال: اذهب", 'to thee." Then said he, "Go'), SPEECH[2]]) == []
    assert lonely([SPEECH[0], ("ثم قال: اذهب", 'to thee." Then said he, "Go')]) == [(1, '"')]
    (found,) = run_document([SPEECH[0], ("ثم قال: اذهب", 'to thee." Then said he, "Go')],
                            matcher=None).findings[1]
    assert found.message == "unpaired quotation mark '\"' in the target"  # two: not "odd"
    assert found.span == (24, 25)
    # the Arabic's quotation closes in the next sentence, the English's never does
    assert lonely([("قال: «نعم.", "He said: «Yes."), ("ثم ذهب.»", "Then he left.")]) == [(0, "«")]


def test_a_parallel_run_pairs_the_marks_as_a_serial_one() -> None:
    pairs = [(f"جملة {i}.", f"Sentence {i}.") for i in range(8)]
    pairs[2:5] = SPEECH
    pairs[6] = ("قال: نعم.", 'He said, "yes.')
    serial = lonely(pairs)
    assert serial == [(6, '"')]
    assert lonely(pairs, jobs=2) == serial
    streamed = list(iter_document_terms(pairs, matcher=None, jobs=2))
    assert [f for found, _ in streamed for f in found] == [
        f for found in run_document(pairs, matcher=None).findings for f in found]


@pytest.fixture
def speech(project: Project, tmp_path: Path) -> list[int]:
    """A document of the three sentences of ``SPEECH``, translated: its segment ids."""
    src = tmp_path / "speech.txt"
    src.write_text("\n\n".join(source for source, _ in SPEECH) + "\n", encoding="utf-8")
    project.import_document(src)
    ids = [seg.id for seg in project.segments("speech")]
    assert len(ids) == len(SPEECH)
    for sid, (_, target) in zip(ids, SPEECH, strict=True):
        project.save_draft(sid, target)
    return ids


def quote_findings(project: Project) -> dict[str, dict[int, int]]:
    """The unpaired-quotes findings per segment as each path finds them: the report (the CLI
    and the reviewer), the report from a cache (the TUI), the stream (an export's QA), the
    segment's own check (the editor's panel and flags)."""
    def count(findings: list) -> int:  # type: ignore[type-arg]
        return sum(f.check == "unpaired-quotes" for f in findings)

    report = project.check_report("speech")
    paths = {"report": {s.segment_id: count(s.findings) for s in report.segments}}
    project.checking.pair_cache = PairCache()
    for run in ("cached", "cached again"):
        paths[run] = {s.segment_id: count(s.findings)
                      for s in project.check_report("speech").segments}
    project.checking.pair_cache = None
    paths["stream"] = {sid: count(found) for ids, found, _ in project.stream_findings("speech")
                       for sid in ids}
    paths["segment"] = {s.segment_id: count(project.check_segment(s.segment_id))
                        for s in report.segments}
    return paths


def test_every_path_agrees_on_a_quotation_over_segments(
    project: Project, speech: list[int]
) -> None:
    for found in quote_findings(project).values():
        assert found == dict.fromkeys(speech, 0)
    # the closing mark taken out: the opening one is reported, everywhere
    project.save_draft(speech[2], "I came to tell thee.")
    for found in quote_findings(project).values():
        assert found == {speech[0]: 1, speech[1]: 0, speech[2]: 0}
    # a candidate checked before it is confirmed sees the segments around it
    def candidate(sid: int, text: str) -> list[str | None]:
        return [f.found for f in project.check_segment(sid, text=text)
                if f.check == "unpaired-quotes"]

    assert candidate(speech[0], 'Said he, "O merchant.') == ['"']
    assert candidate(speech[2], 'I came to tell thee."') == []


def test_a_segment_check_reads_only_the_segments_holding_a_mark(
    project: Project, speech: list[int]
) -> None:
    """The editor's check of one segment read the whole document (0.5 s of CPU a check at
    30,000 segments); the segments holding no quotation mark change nothing, so only those
    holding one (and the segment itself) are read."""
    db = project.context.db
    document_id = project.segment(speech[0]).document_id
    vid = project.catalog.working_id(project.catalog.document_by_id(document_id))
    def read(segment_id: int) -> list[int]:
        rows = q_exchange.export_rows(db, document_id, vid, holding=('"«»', segment_id))
        return [r["id"] for r in rows]

    assert read(speech[1]) == speech
    assert read(speech[0]) == [speech[0], speech[2]]
    project.save_draft(speech[1], "«Yesterday» I went in.")
    assert read(speech[0]) == speech


def test_check_of_line_aligned_files_pairs_the_marks_across_lines(tmp_path: Path) -> None:
    ar, en = tmp_path / "ar.txt", tmp_path / "en.txt"
    ar.write_text("".join(f"{source}\n" for source, _ in SPEECH), encoding="utf-8")
    en.write_text("".join(f"{target}\n" for _, target in SPEECH), encoding="utf-8")
    args = ("check", "--source", str(ar), "--target", str(en), "--format", "json")
    result = run_cli(*args)
    assert result.exit_code == 0, result.output
    assert "unpaired-quotes" not in json.loads(result.output)["summary"]["by_check"]
    en.write_text("".join(f"{target}\n" for _, target in SPEECH[:2]) + "Then.\n",
                  encoding="utf-8")
    report = json.loads(run_cli(*args, "--fail-on", "error").output)
    assert [(v["line"], v["check"]) for v in report["violations"]] == [(1, "unpaired-quotes")]
