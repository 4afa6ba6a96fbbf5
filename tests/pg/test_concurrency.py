"""Several people on one PostgreSQL project at once, each a real process: writes of different
segments run side by side (a shared lock) while imports wait for them; two confirming one
segment at once both end up in its history (one as a conflict); a reviewer approving while a
translator types loses neither; a client killed mid-transaction leaves nothing half-done."""

from __future__ import annotations

import itertools
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import psycopg
import pytest

from workbench.project import Project

pytestmark = pytest.mark.postgresql_only

ROOT = Path(__file__).resolve().parents[2]
WAIT = 60  # seconds a child may take at most (a hang fails the test instead of blocking it)


def _python(code: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def _line(child: subprocess.Popen[str]) -> str:
    """The child's next line of output (it says where it is)."""
    assert child.stdout is not None
    line = child.stdout.readline()
    assert line, child.stderr.read() if child.stderr else "no output"
    return line.strip()


def _say(child: subprocess.Popen[str], text: str) -> None:
    assert child.stdin is not None
    child.stdin.write(text + "\n")
    child.stdin.flush()


def _finish(child: subprocess.Popen[str]) -> str:
    out, err = child.communicate(timeout=WAIT)
    assert child.returncode == 0, err
    return out.strip()


def _waiting_on_a_lock(url: str, pid: int) -> bool:
    """True once the server backend of client process ``pid`` waits for a lock."""
    with psycopg.connect(url, autocommit=True) as conn:
        for _ in range(400):
            row = conn.execute(
                "SELECT a.wait_event_type FROM pg_stat_activity a "
                "WHERE a.application_name = %s", [f"wb-{pid}"],
            ).fetchone()
            if row is not None and row[0] == "Lock":
                return True
            conn.execute("SELECT pg_sleep(0.05)")
    return False


HOLDER = """
    import sys
    from workbench.project import Project
    from workbench.store import documents as q_docs
    p = Project.open({db!r}, author="{who}")
    seg = p.segments(limit=21)[{index}]
    with p.context.segment_transaction():
        q_docs.lock_segment(p.db, seg.id)
        p.save_draft(seg.id, "{who} typed this")
        print("holding", flush=True)
        sys.stdin.readline()
    print("committed", flush=True)
"""


def test_segment_writes_run_side_by_side_and_an_import_waits_for_them(
    sample_db: str, tmp_path: Path
) -> None:
    holder = _python(HOLDER.format(db=sample_db, who="ana", index=0))
    assert _line(holder) == "holding"
    # another segment is written while ana's transaction is open: the lock is shared
    writer = _python(f"""
        from workbench.project import Project
        p = Project.open({sample_db!r}, author="ben")
        seg = p.segments(limit=21)[1]
        print(p.confirm(seg.id, "ben was not kept waiting", override_reason="t").status)
    """)
    assert _finish(writer) == "translated"
    # an import (a change of many segments) waits until ana commits
    en = tmp_path / "en.txt"
    en.write_text((ROOT / "translations" / "draft.en.txt").read_text(encoding="utf-8"),
                  encoding="utf-8")
    importer = _python(f"""
        import os
        from workbench.project import Project
        url = {sample_db!r}
        url += ("&" if "?" in url else "?") + f"application_name=wb-{{os.getpid()}}"
        p = Project.open(url, author="cy")
        print(p.import_translation({str(en)!r}, "sample", "working", overwrite="approved")
              .fill.describe(), flush=True)
    """)
    assert _waiting_on_a_lock(sample_db, importer.pid)
    _say(holder, "commit")
    assert _finish(holder) == "committed"
    assert _finish(importer)
    with Project.open(sample_db) as project:
        changed = [r.author for s in project.segments(limit=2) for r in project.history(s.id)]
        assert "ana" in changed and "ben" in changed and "cy" in changed


CONFIRMER = """
    import sys
    from workbench.errors import ConflictError
    from workbench.project import Project
    p = Project.open({db!r}, author="{who}")
    seg = p.segments(limit=21)[4]
    print("read", seg.revision, flush=True)
    sys.stdin.readline()
    try:
        p.confirm(seg.id, "{who}'s English", override_reason="t", revision=seg.revision)
        print("confirmed", flush=True)
    except ConflictError as conflict:
        print("conflict", conflict.author, flush=True)
"""


def test_two_confirming_one_segment_at_once_both_end_up_in_its_history(
    sample_db: str
) -> None:
    children = [_python(CONFIRMER.format(db=sample_db, who=who)) for who in ("ana", "ben")]
    revisions = {_line(c) for c in children}
    assert len(revisions) == 1  # both read the same revision
    for child in children:
        _say(child, "go")
    outcomes = sorted(_finish(c).split()[0] for c in children)
    assert outcomes == ["confirmed", "conflict"]
    with Project.open(sample_db) as project:
        seg = project.segments(limit=21)[4]
        records = [(r.action, r.new_text) for r in project.history(seg.id)][-2:]
        assert sorted(records) == sorted([
            ("confirm", f"{seg.target}"),
            ("conflict", "ana's English" if "ben" in seg.target else "ben's English"),
        ])


TRANSLATOR = """
    import sys
    from workbench.errors import LockedError
    from workbench.project import Project
    p = Project.open({db!r}, author="ana")
    seg = p.segments(limit=21)[6]
    revision = seg.revision
    def save(n):
        global revision
        revision = p.save_draft(seg.id, f"typing {{n}}", revision=revision).revision
    for n in range(6):
        save(n)
    print("typing", flush=True)
    sys.stdin.readline()
    save(6)  # after the reviewer read the segment
    print("saved", flush=True)
    sys.stdin.readline()
    try:
        save(7)  # after the approval
        print("saved again", flush=True)
    except LockedError:
        print("locked", flush=True)
"""
REVIEWER = """
    import sys
    from workbench.errors import ConflictError
    from workbench.project import Project
    p = Project.open({db!r}, author="rev")
    seg = p.segments(limit=21)[6]
    print("read", seg.target, flush=True)
    sys.stdin.readline()
    try:
        p.review(seg.id, "approved", comment="ok", revision=seg.revision)
        print("approved unseen English", flush=True)
    except ConflictError as conflict:  # changed since it was read: read it again
        print("conflict", conflict.theirs, flush=True)
    sys.stdin.readline()
    seg = p.segment(seg.id)
    done = p.review(seg.id, "approved", comment="ok", revision=seg.revision)
    print("approved", done.target, flush=True)
"""


def test_a_reviewer_approving_while_a_translator_types_loses_nothing(sample_db: str) -> None:
    translator = _python(TRANSLATOR.format(db=sample_db))
    assert _line(translator) == "typing"
    reviewer = _python(REVIEWER.format(db=sample_db))
    assert _line(reviewer) == "read typing 5"
    _say(translator, "type on")
    assert _line(translator) == "saved"
    _say(reviewer, "approve")
    assert _line(reviewer) == "conflict typing 6"  # never approves English it has not seen
    _say(reviewer, "read again and approve")
    assert _finish(reviewer) == "approved typing 6"
    _say(translator, "type on")
    assert _finish(translator) == "locked"
    with Project.open(sample_db) as project:
        seg = project.segments(limit=21)[6]
        assert (seg.status, seg.locked, seg.target) == ("approved", True, "typing 6")
        history = project.history(seg.id)
        texts = [r.new_text for r in history if r.action == "edit"]
        assert texts == [f"typing {n}" for n in range(7)]  # every save is there
        assert [(r.action, r.author) for r in history][-1] == ("status", "rev")
        for before, after in itertools.pairwise(history):  # an unbroken chain
            assert (after.old_text, after.old_status) == (before.new_text, before.new_status)


def test_a_client_killed_mid_transaction_leaves_the_project_as_it_was(sample_db: str) -> None:
    with Project.open(sample_db) as project:
        seg = project.segments(limit=21)[8]
        before = (seg.target, seg.status, seg.revision, len(project.history(seg.id)))
    holder = _python(HOLDER.format(db=sample_db, who="ana", index=8))
    assert _line(holder) == "holding"
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait(timeout=WAIT)
    with Project.open(sample_db, author="ben") as project:
        seg = project.segment(seg.id)
        assert (seg.target, seg.status, seg.revision, len(project.history(seg.id))) == before
        # nothing is held: the segment's row and the write lock were released with it
        saved = project.save_draft(seg.id, "ben after the crash", revision=seg.revision)
        assert saved.target == "ben after the crash"
        project.import_translation(ROOT / "translations" / "draft.en.txt", "sample", "draft",
                                   "after")


def test_a_writer_that_waited_for_the_segment_sees_what_the_other_left(sample_db: str) -> None:
    holder = _python(HOLDER.format(db=sample_db, who="ana", index=8))
    assert _line(holder) == "holding"
    waiter = _python(f"""
        import os
        from workbench.project import Project
        url = {sample_db!r}
        url += ("&" if "?" in url else "?") + f"application_name=wb-{{os.getpid()}}"
        p = Project.open(url, author="ben")
        seg = p.segments(limit=21)[8]
        print(p.confirm(seg.id, "ben's English", override_reason="t").revision, flush=True)
    """)
    assert _waiting_on_a_lock(sample_db, waiter.pid)  # for ana's row lock
    _say(holder, "commit")
    assert _finish(holder) == "committed"
    revision = int(_finish(waiter))
    with Project.open(sample_db) as project:
        seg = project.segments(limit=21)[8]
        assert (seg.target, seg.revision) == ("ben's English", revision)
        last = project.history(seg.id)[-1]
        # the English ben's confirmation replaced is ana's, committed while ben waited
        assert (last.author, last.old_text, last.new_text) == (
            "ben", "ana typed this", "ben's English"
        )
