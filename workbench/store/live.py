"""What other people changed, as it happens: a feed of changes of the project.

On PostgreSQL the schema's triggers ``NOTIFY workbench`` at commit (migration 7 of
``schema_postgres``) and the feed ``LISTEN``s on a connection of its own: a change reaches
the reader a few milliseconds after it is committed, with the ids of the segments changed.
SQLite has no notifications: the feed polls ``PRAGMA data_version`` (which changes when
another connection commits) and says only that something changed; the reader re-reads what
it shows. Another TUI's heartbeats (every few seconds) are commits too: when the data version
moved but a fingerprint of everything else (``content_fingerprint``: counts, newest ids and
change counters of every table but ``presence``) did not, the change is told as ``presence``.

The reader's own writes are not told back to it (:meth:`Feed.watch`): on PostgreSQL the
notifications sent by its own connections' server processes are dropped; on SQLite the feed
polls a connection of its own and is told of each commit of the watched connections
(``Database.commit_watch``): when nobody else committed meanwhile, the data version that
commit gave is taken as seen. Anybody else's commit in between (another program's, or
another connection of this process) changes the writer's own data version too, and the
change is then told as before: what is left out is only ever the reader's own work.

Payloads: ``segments DOC ID,ID,...`` (``*``: too many to list), ``structure DOC`` (segments
added, removed, moved or re-cut: read the view again), ``notes ID,...``, ``documents``,
``presence``.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from workbench.store.connection import Database

if TYPE_CHECKING:
    from workbench.store.postgres import PostgresDatabase

CHANNEL = "workbench"
POLL = 0.1
"""Seconds between two looks at SQLite's data version."""


@dataclass(frozen=True)
class Change:
    """One change: ``kind`` is segments, structure, notes, documents, presence or ``all``
    (something changed: read everything shown again). ``segment_ids`` None means every
    segment (of ``document_id``, when given)."""

    kind: str
    document_id: int | None = None
    segment_ids: tuple[int, ...] | None = None


def parse(payload: str) -> Change:
    """The change a notification's payload describes (``all`` for one not understood)."""
    kind, _, rest = payload.partition(" ")
    try:
        if kind == "segments":
            doc, _, ids = rest.partition(" ")
            listed = None if ids.strip() in ("", "*") else tuple(int(i) for i in ids.split(","))
            return Change(kind, int(doc), listed)
        if kind == "structure":
            return Change(kind, int(rest))
        if kind == "notes":
            return Change(kind, None, tuple(int(i) for i in rest.split(",") if i))
        if kind in ("documents", "presence"):
            return Change(kind)
    except ValueError:
        pass
    return Change("all")


class Feed(Protocol):
    """A source of changes made by other connections."""

    def wait(self, timeout: float) -> list[Change]:
        """The changes committed since the last call, waiting up to ``timeout`` seconds for
        the first; [] when nothing changed."""
        ...

    def watch(self, own: Callable[[], Database | None]) -> None:
        """Leave out the changes made through ``own()``, the reader's own connection (the
        caller's writes, which it shows already)."""
        ...

    def own_write(self, db: Database) -> contextlib.AbstractContextManager[None]:
        """Around statements that write presence rows alone through a watched connection
        ``db`` outside a transaction (autocommit: the heartbeats), which
        ``Database.commit_watch`` does not see: their change is left out too."""
        ...

    def close(self) -> None:
        """Stop listening (the connection stays the caller's)."""
        ...


class PostgresFeed:
    """LISTEN on the project's channel; notifications are read between queries too (psycopg
    keeps those that arrive while the connection runs other statements)."""

    def __init__(self, db: PostgresDatabase) -> None:
        self.db = db
        self.own: list[Callable[[], Database | None]] = []
        db.execute(f"LISTEN {CHANNEL}")

    def wait(self, timeout: float) -> list[Change]:
        pg = self.db.pg
        notes = list(pg.notifies(timeout=timeout, stop_after=1))
        if notes:
            notes += list(pg.notifies(timeout=0))
        own = self._own_pids() if notes else set()
        return _merged(parse(n.payload) for n in notes
                       if n.channel == CHANNEL and n.pid not in own)

    def watch(self, own: Callable[[], Database | None]) -> None:
        self.own.append(own)

    def own_write(self, db: Database) -> contextlib.AbstractContextManager[None]:
        return contextlib.nullcontext()  # its notifications name the connection's process

    def _own_pids(self) -> set[int]:
        """The server processes of the watched connections (those reachable now)."""
        pids = set()
        for own in self.own:
            with contextlib.suppress(Exception):  # closed, or lost: its pid is no one's now
                db = own()
                pid = db.pg.info.backend_pid if db is not None else 0  # type: ignore[attr-defined]
                if pid:
                    pids.add(int(pid))
        return pids

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.db.execute(f"UNLISTEN {CHANNEL}")


class SqliteFeed:
    """Polls ``PRAGMA data_version``: any commit by another connection is an ``all``, but
    those of the watched connections (:meth:`watch`) when nobody else committed meanwhile,
    and those that changed only ``presence`` rows (a ``presence``: another TUI's heartbeat).

    The data version is read on a read-only connection of the feed's own (``poll``), under
    ``lock``: a watched connection's writer reads it too, from its own thread."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.lock = threading.Lock()
        self.poll = _poll_connection(db)
        self.watched: list[Database] = []
        self.fingerprint = Fingerprint(self.poll)
        self.version = self._version()
        self.content = self.fingerprint.read()  # of the changes told (or the reader's own)
        self.content_stale = False  # an own write was taken as seen: read ``content`` again

    def _version(self) -> int:
        return data_version(self.poll)

    def wait(self, timeout: float) -> list[Change]:
        deadline = time.monotonic() + timeout
        while True:
            with self.lock:
                version = self._version()
                changed, self.version = version != self.version, version
                if changed:
                    return [self._told()]
                if self.content_stale:
                    self._own_content(version)
            left = deadline - time.monotonic()
            if left <= 0:
                return []
            time.sleep(min(POLL, left))

    def _told(self) -> Change:
        """What a moved data version was (under ``lock``): ``presence`` when the content is
        the one last told, else ``all`` (always, when an own write left it unread)."""
        content = self.fingerprint.read()  # read after the version: a commit between is in it
        same = not self.content_stale and content is not None and content == self.content
        self.content, self.content_stale = content, False
        return Change("presence" if same else "all")

    def _own_content(self, version: int) -> None:
        """The content after the reader's own writes (under ``lock``), when nobody committed
        since the version ``version`` was read (else the next look tells it as ``all``)."""
        content = self.fingerprint.read()
        if self._version() == version:
            self.content, self.content_stale = content, False

    def watch(self, own: Callable[[], Database | None]) -> None:
        db = own()
        if db is not None and db.dialect == "sqlite":
            db.commit_watch = self
            self.watched.append(db)

    def before(self, db: Database) -> tuple[int, int] | None:
        """A watched connection starts a write transaction: its data version and the feed's,
        or None when others' changes are still to be told (their commit is told anyway)."""
        with self.lock, contextlib.suppress(Exception):
            own, seen = data_version(db), self._version()  # in this order (see ``after``)
            return (own, seen) if seen == self.version else None
        return None

    def after(self, db: Database, mark: Any, content: bool = True) -> None:
        """That transaction was committed: its data version is seen, unless somebody else
        committed since ``before`` (then the writer's own data version changed too).
        ``content``: it may have changed the content (not presence rows alone), whose
        fingerprint is then read again."""
        if mark is None:
            return
        with self.lock, contextlib.suppress(Exception):
            now = self._version()  # read before the writer's: a commit between is told
            if data_version(db) == mark[0] and self.version == mark[1]:
                if now != self.version and content:
                    self.content_stale = True  # read again by the feed's thread (``wait``)
                self.version = now

    @contextlib.contextmanager
    def own_write(self, db: Database) -> Iterator[None]:
        """Around the link's own presence writes (its heartbeats): they leave the content's
        fingerprint as it was, so another TUI's heartbeat right after one is still only
        ``presence``."""
        mark = self.before(db)
        yield
        self.after(db, mark, content=False)

    def close(self) -> None:
        with self.lock:
            for db in self.watched:
                if db.commit_watch is self:
                    db.commit_watch = None
            self.watched.clear()
            if self.poll is not self.db:
                with contextlib.suppress(Exception):
                    self.poll.close()


# Tables whose rows follow others' (the memories' search indexes, kept up by whoever matches)
# or are too many to count at each look (the per-segment scores of a run): left out.
DERIVED = frozenset({"presence", "tm_keys", "tm_tokens", "tm_postings", "tm_pending",
                     "tm_words", "segment_scores"})
# Changes made in place, which counts and newest row ids do not show: (table, expression).
IN_PLACE = (
    ("segments", "total(revision)"),  # English, status, lock (the schema's triggers)
    ("translations", "max(updated_at)"),  # any version's English
    ("lqa_errors", "count(removed_at)"),
    ("lqa_settings", "group_concat(key || '=' || value, char(10))"),
    ("qa_stamp", "max(stamp)"),  # glossary, spelling words, dictionaries, memories
    ("tm_state", "max(generation)"),
)


class Fingerprint:
    """A cheap fingerprint of a project file's content, ``presence`` rows left out
    (``content_fingerprint``); its query is made again when the schema changed."""

    def __init__(self, poll: Any) -> None:
        self.poll = poll
        self.schema: int | None = None
        self.sql = ""

    def read(self) -> tuple[Any, ...] | None:
        """The fingerprint now; None when it cannot be read (equal to none)."""
        try:
            schema = int(self.poll.execute("PRAGMA schema_version").fetchone()[0])
            if schema != self.schema:
                self.sql, self.schema = content_fingerprint(self.poll), schema
            return (schema, *self.poll.execute(self.sql).fetchone())
        except Exception:
            self.schema = None
            return None


def content_fingerprint(db: Any) -> str:
    """One query whose row changes with any committed change of the project's content but
    ``presence`` rows: each table's row count and newest row id, and the marks of changes
    made in place (``IN_PLACE``, of the tables that exist)."""
    rows = db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' "
        "ORDER BY name"
    ).fetchall()
    parts = []
    for name, sql in rows:
        if name in DERIVED:
            continue
        parts.append(f'(SELECT count(*) FROM "{name}")')
        if "WITHOUT ROWID" not in str(sql).upper():
            parts.append(f'(SELECT max(rowid) FROM "{name}")')
    tables = {str(r[0]) for r in rows}
    parts += [f'(SELECT {expr} FROM "{table}")' for table, expr in IN_PLACE if table in tables]
    return "SELECT " + ", ".join(parts or ["0"])


def data_version(db: Any) -> int:
    """SQLite's data version of a connection (``Database`` or ``sqlite3.Connection``): it
    changes when another connection commits."""
    return int(db.execute("PRAGMA data_version").fetchone()[0])


def _poll_connection(db: Database) -> Any:
    """A read-only connection of the feed's own to ``db``'s file; ``db`` itself when none
    can be had (a project opened read-only, which writes nothing to leave out)."""
    path = getattr(db, "path", None)
    if path is None or db.read_only:
        return db
    from workbench.store.sqlite import connect_read_only

    try:
        return connect_read_only(path)
    except Exception:
        return db


def announce_segments(db: Database, document_id: int) -> None:
    """Tell the other clients, at commit, that a document's segments changed in what the
    schema's triggers do not see (a reference or draft translation imported again: its
    English is no segment's revision). On PostgreSQL a notification; SQLite's feed sees
    every other connection's write by itself."""
    if db.dialect == "postgresql":
        db.execute("SELECT pg_notify('workbench', ?)", [f"segments {document_id} *"])


def open_feed(db: Database) -> Feed:
    """A feed of the changes other connections make to ``db``'s project (``db`` should be a
    connection of the feed's own: a PostgreSQL one listens)."""
    if db.dialect == "postgresql":
        return PostgresFeed(db)  # type: ignore[arg-type]
    return SqliteFeed(db)


def document_shape(db: Database, document_id: int) -> tuple[int, int, int]:
    """A document's segment count and two sums of ids and positions: it changes when
    segments are added, removed or moved (SQLite's feed cannot say so by itself)."""
    row = db.execute(
        "SELECT count(*), coalesce(sum(id), 0), coalesce(sum(id * position), 0) "
        "FROM segments WHERE document_id = ?", [document_id],
    ).fetchone()
    return int(row[0]), int(row[1]), int(row[2])


def _merged(changes: object) -> list[Change]:
    """The changes without repeats, in order."""
    return list(dict.fromkeys(changes))  # type: ignore[call-overload]
