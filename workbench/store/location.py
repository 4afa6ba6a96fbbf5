"""Where a project lives: an SQLite file (a path) or a PostgreSQL database (a URL).

``--db`` and ``WORKBENCH_DB`` take either. A URL starting ``postgresql://`` or ``postgres://``
names a database on a server (libpq's URL syntax: ``postgresql://user:password@host:port/dbname``,
``?host=/run/postgresql`` for a Unix socket, ``?sslmode=...``), its scheme in any case, or by
libpq's ``key=value`` connection string (``host=db.example dbname=team``); another
``SCHEME://`` (a misspelt ``postgresq://``, ``mysql://``) is refused, its password not shown;
anything else is a file path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

from workbench.errors import ProjectError

SCHEMES = ("postgresql://", "postgres://")
CONNINFO = re.compile(
    r"^\s*(host|hostaddr|port|dbname|user|password|passfile|service|sslmode|options"
    r"|application_name|connect_timeout)\s*=", re.IGNORECASE)
"""A libpq connection string (``host=db.example dbname=team user=ana``) rather than a path."""
OTHER_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]+://")
"""A URL of some other scheme (two letters at least: ``C://`` is a Windows drive)."""


def is_server_url(text: str | Path) -> bool:
    """True when ``text`` is a PostgreSQL URL rather than a file path."""
    return isinstance(text, str) and text.lower().startswith(SCHEMES)


@dataclass(frozen=True)
class ServerAddress:
    """A project on a PostgreSQL server: the URL as given (``url``, password included, for
    connecting). Its ``str`` is the URL without the password, for messages; ``name`` is the
    database's name (what an export names as its project)."""

    url: str

    def __str__(self) -> str:
        try:
            parts = urlsplit(self.url)
        except ValueError:  # unparsable (``[::1`` without its bracket): no query shown
            netloc, path = _netloc(self.url)
            user, at, host = netloc.rpartition("@")
            scheme = self.url.partition("://")[0]
            return f"{scheme}://{user.partition(':')[0]}{at}{host}/{path}"
        netloc = parts.netloc
        if "@" in netloc:
            user, _, host = netloc.rpartition("@")
            netloc = f"{user.partition(':')[0]}@{host}"
        query = urlencode(
            [(k, v) for k, v in parse_qsl(parts.query) if k != "password"], safe="/"
        )
        return f"{parts.scheme}://{netloc}{parts.path}{'?' if query else ''}{query}"

    def hide(self, text: str) -> str:
        """``text`` (a libpq message, which may quote the URL's parts) without the URL's
        password, in the forms it is written in the URL and decoded."""
        user = _netloc(self.url)[0].rpartition("@")[0]
        secrets = [user.partition(":")[2]] if ":" in user else []
        secrets += re.findall(r"[?&]password=([^&#]*)", self.url)
        for secret in sorted({s for raw in secrets for s in (raw, unquote(raw)) if s},
                             key=len, reverse=True):
            text = _whole(secret).sub("***", text)
        return text

    @property
    def name(self) -> str:
        """The database name (from the path, or the ``dbname`` parameter)."""
        parts = urlsplit(self.url)
        name = unquote(parts.path.lstrip("/"))
        if not name:
            name = dict(parse_qsl(parts.query)).get("dbname", "")
        return name or "postgres"

    @property
    def user(self) -> str:
        """The user named in the URL ('' when it names none)."""
        netloc = urlsplit(self.url).netloc
        if "@" not in netloc:
            return dict(parse_qsl(urlsplit(self.url).query)).get("user", "")
        return unquote(netloc.rpartition("@")[0].partition(":")[0])


def _whole(secret: str) -> re.Pattern[str]:
    """``secret`` where it is not part of a longer word (a password ``x`` is not hidden in
    'does not exist': the URL quoted holds it between ``:`` and ``@``, or ``=`` and ``&``)."""
    return re.compile(r"(?<![^\W_])" + re.escape(secret) + r"(?![^\W_])")


def _netloc(url: str) -> tuple[str, str]:
    """A URL's network location (user, password, hosts) and the path after it, read even
    when urlsplit cannot parse the URL."""
    try:
        parts = urlsplit(url)
    except ValueError:
        netloc, _, path = re.split(r"([/?#])", url.partition("://")[2] + "?", maxsplit=1)
        return netloc, path.partition("?")[0].partition("#")[0]
    return parts.netloc, parts.path.lstrip("/")


def parse_location(db: str | Path | ServerAddress) -> Path | ServerAddress:
    """A ``--db`` value as a file path or a server address."""
    if isinstance(db, ServerAddress | Path):
        return db
    if not db:  # --db "$UNSET": Path("") is the current folder, named as "."
        raise ProjectError(f"{db!r}: an empty project name: give a file path or a "
                           "postgresql:// URL")
    if is_server_url(db):
        scheme, rest = db.split("://", 1)
        address = ServerAddress(f"{scheme.lower()}://{rest}")  # libpq knows lowercase only
        try:
            urlsplit(address.url)
        except ValueError as exc:
            raise ProjectError(f"{address}: not a valid URL ({exc})") from None
        return address
    if CONNINFO.match(db):
        return _from_conninfo(db)
    if OTHER_URL.match(db):
        raise ProjectError(
            f"{ServerAddress(db)}: not a project: a PostgreSQL project's URL starts with "
            "postgresql:// (postgresql://user:password@host:port/dbname), a file project "
            "is a path"
        )
    return Path(db)


def _from_conninfo(text: str) -> ServerAddress:
    """A libpq ``key=value`` connection string as the URL of the same server address (it
    was taken for a file name, and a project file of that name made)."""
    from psycopg import ProgrammingError
    from psycopg.conninfo import conninfo_to_dict

    try:
        params = conninfo_to_dict(text)
    except ProgrammingError as exc:  # libpq may quote a part of it: never the password
        message = str(exc).strip()
        for secret in re.findall(r"password\s*=\s*'?([^\s']+)", text, re.IGNORECASE):
            message = message.replace(secret, "***")
        raise ProjectError(f"not a valid PostgreSQL connection string: {message}") from None
    return ServerAddress("postgresql://?" + urlencode({k: str(v) for k, v in params.items()}))
