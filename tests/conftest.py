"""Shared fixtures: a sample project on each backend, the CLI runner.

Tests that use the ``sample_db``, ``project``, ``new_db`` or ``backend`` fixtures run on SQLite,
and those in the folders of ``BOTH_BACKENDS`` (or marked ``both_backends``) on PostgreSQL too
(``test_x[sqlite]``, ``test_x[postgresql]``), unless marked ``sqlite_only`` (they are about
SQLite files). The
PostgreSQL server is a real one: the ``pgserver`` wheel's PostgreSQL 16, started once per
session in a temporary folder, in memory where there is room (``pg_folder``; as root it runs as
the OS user ``pgserver``, which it creates); each test gets a database of its own, copied from a
template (about 10 ms of the server's CPU) and dropped after.
``WORKBENCH_TEST_BACKENDS=sqlite`` runs the SQLite side only.
"""

from __future__ import annotations

import gc
import itertools
import os
import shutil
import sys
import tempfile
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from workbench.align import stability
from workbench.cli import main
from workbench.project import Project
from workbench.project.sample import build_sample

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "corpora"  # real parallel text (see corpora/README.md)

BACKENDS = ("sqlite", "postgresql")
# The folders whose tests of a project run on both backends (the rest: SQLite only).
BOTH_BACKENDS = (
    "cli", "dictionary", "filters", "formats", "glossary", "lqa", "project", "scoring", "spelling",
    "store", "tm",
)


def selected_backends() -> tuple[str, ...]:
    """The backends to test (WORKBENCH_TEST_BACKENDS, a comma-separated list; default both)."""
    wanted = os.environ.get("WORKBENCH_TEST_BACKENDS", "")
    chosen = tuple(b for b in BACKENDS if b in wanted.split(",")) if wanted else BACKENDS
    return chosen or BACKENDS


#: The young generation's threshold of Python's cyclic collector in the test processes (700 by
#: default). A test process starts hundreds of apps and projects one after another, and each
#: app hands the heap it froze back to the collector (workbench.tui.heap): at 700 the young
#: collections came every few hundred allocations and pulled a full collection of the whole
#: heap every few tests — 18 % of the CPU time of the TUI tests, 3 % with 10,000. The peak
#: memory of the larger test process is higher (1.2 GB instead of 0.6 GB in a whole run with
#: two workers). Tests of the collector
#: (tests/tui/test_review_memory.py) collect explicitly and compare thresholds relatively.
GC_YOUNG_THRESHOLD = 10_000


#: Set by the run's first process to a folder of its own for the compiled modules of the
#: workers and of the commands the tests start (``python -m workbench``, the TUI in a terminal).
PYCACHE_VARIABLE = "WORKBENCH_TEST_PYCACHE"


def _bytecode_for_this_run() -> None:
    """Where ``PYTHONDONTWRITEBYTECODE`` is set (a fresh clone then has no compiled module),
    every command a test starts would compile the modules it imports again (0.3 s for
    ``workbench --help``, a fifth of the time of the tests of commands): for this run they are
    compiled once, into a temporary folder (``PYTHONPYCACHEPREFIX``), never beside the sources,
    and the folder is removed at the end."""
    if not os.environ.get("PYTHONDONTWRITEBYTECODE") and PYCACHE_VARIABLE not in os.environ:
        return
    folder = os.environ.get(PYCACHE_VARIABLE) or tempfile.mkdtemp(prefix="workbench-pycache-")
    os.environ[PYCACHE_VARIABLE] = folder
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = folder
    sys.dont_write_bytecode = False
    sys.pycache_prefix = folder


def pytest_configure(config: pytest.Config) -> None:
    gc.set_threshold(GC_YOUNG_THRESHOLD, *gc.get_threshold()[1:])
    _bytecode_for_this_run()
    # dictionaries' key caches (workbench.dictionary.keycache) in a folder of this run only
    os.environ["WORKBENCH_CACHE"] = tempfile.mkdtemp(prefix="workbench-cache-")
    # edits kept for an unreachable server (workbench.tui.unsent): never the user's own
    os.environ["XDG_STATE_HOME"] = tempfile.mkdtemp(prefix="workbench-state-")
    config.addinivalue_line(
        "markers", "sqlite_only: a test about SQLite project files (not run on PostgreSQL)"
    )
    config.addinivalue_line(
        "markers", "postgresql_only: a test of the PostgreSQL backend alone"
    )
    config.addinivalue_line(
        "markers", "both_backends: run on PostgreSQL too, outside the folders of BOTH_BACKENDS"
    )


SURVIVAL_MAX_SENTENCES = stability.STABLE_MAX_SENTENCES


@pytest.fixture(scope="session", autouse=True)
def _one_alignment_run() -> Iterator[None]:
    """Alignments keep the aligner's confidences, without the links' survival
    (:mod:`workbench.align.stability`: eight more alignments of each text), except in the
    tests that use ``survival``: the others are of the passes and the confidences before it
    (the links are the same; three tests of the cues and of C against NumPy assert those
    confidences), and tests/align would take 79 s instead of 32."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(stability, "STABLE_MAX_SENTENCES", 0)
        yield


@pytest.fixture
def survival(monkeypatch: pytest.MonkeyPatch) -> None:
    """Alignments weigh their confidences with the links' survival, as outside the tests."""
    monkeypatch.setattr(stability, "STABLE_MAX_SENTENCES", SURVIVAL_MAX_SENTENCES)


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(os.environ.pop("WORKBENCH_CACHE", ""), ignore_errors=True)
    shutil.rmtree(os.environ.pop("XDG_STATE_HOME", ""), ignore_errors=True)
    if not hasattr(config, "workerinput"):  # the run's own process: the workers are done
        shutil.rmtree(os.environ.pop(PYCACHE_VARIABLE, ""), ignore_errors=True)


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """``-n auto`` (pyproject's addopts) starts one worker more than the cores it may use:
    about a fifth of the suite's time is spent waiting (on a terminal's app, the PostgreSQL
    server, the TUI's timers), when two workers on two cores leave one idle.
    ``PYTEST_XDIST_AUTO_NUM_WORKERS`` still decides where it is set."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (cores or 1) + 1


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" not in metafunc.fixturenames:
        return
    folder = Path(str(metafunc.definition.path)).relative_to(ROOT / "tests").parts[0]
    if metafunc.definition.get_closest_marker("postgresql_only"):
        backends: tuple[str, ...] = ("postgresql",)
    elif metafunc.definition.get_closest_marker("both_backends") or (
        folder in BOTH_BACKENDS and not metafunc.definition.get_closest_marker("sqlite_only")
    ):
        backends = selected_backends()
    else:
        return  # SQLite only: the ``backend`` fixture's default, test ids unchanged
    metafunc.parametrize("backend", backends, indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """The engine holding the test's project: 'sqlite' or 'postgresql'."""
    return str(getattr(request, "param", "sqlite"))


# PostgreSQL ---------------------------------------------------------------------------------


class PgServer:
    """The session's PostgreSQL server: databases made and dropped for the tests."""

    def __init__(self, server: Any, strategy: str = "WAL_LOG") -> None:
        import psycopg

        self.server = server
        self.strategy = strategy  # how CREATE DATABASE copies a template
        self.admin = psycopg.connect(server.get_uri(), autocommit=True)
        self._names = itertools.count(1)

    def url(self, database: str) -> str:
        """The URL of a database of the server."""
        return str(self.server.get_uri(database))

    def create(self, template: str | None = None) -> str:
        """A new database (empty, or a copy of ``template``); its name."""
        name = f"t{os.getpid()}_{next(self._names)}"
        self.admin.execute(f"CREATE DATABASE {name} TEMPLATE {template or 'template0'} "
                           f"ENCODING 'UTF8' STRATEGY {self.strategy}")
        return name

    def drop(self, name: str) -> None:
        """Drop a database (closing connections a test left open)."""
        self.admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def stop(self) -> None:
        """Shut the server down (fast: open connections are cut, as in a restart)."""
        from pgserver._commands import pg_ctl

        self.admin.close()
        pg_ctl(["-w", "-m", "fast", "stop"], pgdata=self.server.pgdata,
               user=self.server.system_user)

    def start(self) -> None:
        """Start the server again (same socket, same data) after :meth:`stop`."""
        import psycopg

        with self.server._lock:
            self.server.ensure_postgres_running()
        self.admin = psycopg.connect(self.server.get_uri(), autocommit=True)


#: Where the test server's data goes when it has this much room: a folder in memory (tmpfs).
#: Each test's database is a few hundred files made and deleted; on a disk's file system that
#: costs the server far more CPU than the copy itself (ext4 without a journal looks through its
#: recently deleted inodes each time it makes a file: 125 ms a copy, 17 ms in memory).
MEMORY_FOLDER, MEMORY_ROOM = Path("/dev/shm"), 1 << 30


def pg_folder() -> Path:
    """A new folder for the test server's data: in memory if there is room, else in the
    temporary folder (a small /dev/shm, as in a container, or none)."""
    try:
        in_memory = shutil.disk_usage(MEMORY_FOLDER).free >= MEMORY_ROOM
    except OSError:
        in_memory = False
    return Path(tempfile.mkdtemp(prefix="wb-pg-", dir=MEMORY_FOLDER if in_memory else None))


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """A PostgreSQL 16 server of the session's own (pgserver), tuned for throwaway data."""
    folder = pg_folder()
    with warnings.catch_warnings():  # platformdirs: no XDG_RUNTIME_DIR (pgserver's lock file)
        warnings.simplefilter("ignore")
        import pgserver

        server = pgserver.get_server(folder, cleanup_mode="stop")
    # in memory, a template is best copied file by file (FILE_COPY: a third less of the
    # server's CPU than the default, which copies block by block through the WAL, and a tenth
    # of the WAL); on a disk, where making files is dear, the default costs less
    in_memory = folder.parent == MEMORY_FOLDER
    pg = PgServer(server, "FILE_COPY" if in_memory else "WAL_LOG")
    for setting in ("fsync = off", "full_page_writes = off", "synchronous_commit = off"):
        pg.admin.execute(f"ALTER SYSTEM SET {setting}")
    pg.admin.execute("SELECT pg_reload_conf()")
    try:
        yield pg
    finally:
        pg.admin.close()
        server.cleanup()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def _pg_sample_template(pg_server: PgServer) -> str:
    name = pg_server.create()
    build_sample(pg_server.url(name), folder=ROOT)
    return name


@pytest.fixture
def pg_database(pg_server: PgServer) -> Iterator[str]:
    """The URL of a new, empty PostgreSQL database."""
    name = pg_server.create()
    yield pg_server.url(name)
    pg_server.drop(name)


# the sample project -------------------------------------------------------------------------


@pytest.fixture(scope="session")
def _sample_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "segments.db"
    build_sample(path, folder=ROOT)
    return path


@pytest.fixture
def sample_db(request: pytest.FixtureRequest, backend: str, tmp_path: Path) -> Iterator[Any]:
    """A fresh copy of the sample project (built once per session): a Path on SQLite, a
    ``postgresql://`` URL on PostgreSQL."""
    if backend == "sqlite":
        path = tmp_path / "segments.db"
        path.write_bytes(request.getfixturevalue("_sample_template").read_bytes())
        yield path
        return
    server: PgServer = request.getfixturevalue("pg_server")
    name = server.create(template=request.getfixturevalue("_pg_sample_template"))
    yield server.url(name)
    server.drop(name)


@pytest.fixture
def new_db(request: pytest.FixtureRequest, backend: str, tmp_path: Path) -> Any:
    """Where a new project may be made: a path that does not exist yet (SQLite), or an empty
    database's URL (PostgreSQL)."""
    if backend == "sqlite":
        return tmp_path / "new.db"
    return request.getfixturevalue("pg_database")


@pytest.fixture
def project(sample_db: Any) -> Iterator[Project]:
    """The sample project, open."""
    with Project.open(sample_db, author="tester") as p:
        yield p


@pytest.fixture
def in_tmp(tmp_path: Path) -> Iterator[Path]:
    """Run the test with a fresh empty current folder."""
    old = Path.cwd()
    os.chdir(tmp_path)
    try:
        yield tmp_path
    finally:
        os.chdir(old)


#: JVM options for the Java tools the tests run once each (EPUBCheck, OmegaT): the quick
#: compiler only and one GC thread, half the CPU time of a short run, the same results.
QUICK_JVM = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")


def quick_java_env() -> dict[str, str]:
    """The environment for a Java program started by a script: ``QUICK_JVM`` added to it."""
    return {**os.environ, "JAVA_TOOL_OPTIONS": " ".join(QUICK_JVM)}


def run_cli(*args: str, input: str | None = None) -> Result:
    """Invoke the workbench CLI in-process; stdout and stderr are kept apart."""
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)
