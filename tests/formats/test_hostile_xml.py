"""Hostile XML is refused without reading anything outside the file or touching the network."""

from __future__ import annotations

import http.client
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from tests.conftest import run_cli
from workbench.errors import InputError
from workbench.formats import safexml
from workbench.formats.tmx import read_tmx
from workbench.formats.xliff import read_xliff
from workbench.project import Project

XLIFF_BODY = (
    '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
    '<file original="sample" source-language="ar" target-language="en" datatype="plaintext">'
    '<body><trans-unit id="1"><source>هذا الادعاء كاذب حتى النخاع.</source>'
    "<target>{payload}</target></trans-unit></body></file></xliff>\n"
)


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.hits.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b'<!ENTITY leak "LEAKED-OVER-HTTP">')

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server that records every request it gets."""
    _Recorder.hits = []
    httpd = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}", _Recorder.hits
    finally:
        httpd.shutdown()
        httpd.server_close()


def _requests_so_far(url: str, hits: list[str]) -> list[str]:
    """Every request the server got before now, without waiting on the clock.

    The server handles one connection at a time, in the order they were made; a request of our
    own is answered only after every earlier one has been recorded, so once its answer is in,
    ``hits`` holds everything that came before it.
    """
    host, port = url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=60)
    try:
        connection.request("GET", "/barrier")
        connection.getresponse().read()
    finally:
        connection.close()
    assert hits[-1] == "/barrier"
    return [hit for hit in hits if hit != "/barrier"]


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    return path


def _write(tmp_path: Path, name: str, prolog: str, payload: str) -> Path:
    path = tmp_path / name
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n' + prolog + XLIFF_BODY.format(payload=payload),
        encoding="utf-8",
    )
    return path


def _snapshot(project: Project) -> list[tuple[str, str]]:
    return [(s.target, s.status) for s in project.segments(limit=1000)]


def _refused(project: Project, path: Path, match: str) -> str:
    before = _snapshot(project)
    with pytest.raises(InputError, match=match) as info:
        project.import_xliff(path)
    assert _snapshot(project) == before
    return str(info.value)


def test_external_file_entity_is_refused(project: Project, tmp_path: Path, secret: Path) -> None:
    path = _write(
        tmp_path, "xxe.xlf",
        f'<!DOCTYPE xliff [ <!ENTITY xxe SYSTEM "file://{secret}"> ]>\n', "&xxe;",
    )
    message = _refused(project, path, "external entity")
    assert "TOP-SECRET" not in message


def test_external_http_entity_is_refused_without_a_request(
    project: Project, tmp_path: Path, server: tuple[str, list[str]]
) -> None:
    url, hits = server
    path = _write(
        tmp_path, "xxe-http.xlf", f'<!DOCTYPE xliff [ <!ENTITY xxe SYSTEM "{url}/x"> ]>\n', "&xxe;"
    )
    _refused(project, path, "external entity")
    assert _requests_so_far(url, hits) == []


def test_parameter_entity_dtd_fetch_is_refused_without_a_request(
    project: Project, tmp_path: Path, server: tuple[str, list[str]], secret: Path
) -> None:
    url, hits = server
    path = _write(
        tmp_path, "pe.xlf",
        f'<!DOCTYPE xliff [ <!ENTITY % remote SYSTEM "{url}/evil.dtd"> %remote; ]>\n', "&leak;",
    )
    with pytest.raises(InputError, match=r"refused|not well-formed"):
        project.import_xliff(path)
    assert _requests_so_far(url, hits) == []


def test_external_dtd_is_not_fetched(
    project: Project, tmp_path: Path, server: tuple[str, list[str]]
) -> None:
    """A DOCTYPE pointing at a remote DTD is accepted, but the DTD is never fetched."""
    url, hits = server
    path = _write(
        tmp_path, "dtd.xlf", f'<!DOCTYPE xliff SYSTEM "{url}/xliff.dtd">\n',
        "This claim is false through and through.",
    )
    report = project.import_xliff(path)
    assert report.updated == [2]
    assert _requests_so_far(url, hits) == []
    # an entity that only the remote DTD defines stays undefined: refused, still no request
    bad = _write(tmp_path, "dtd2.xlf", f'<!DOCTYPE xliff SYSTEM "{url}/xliff.dtd">\n', "&leak;")
    with pytest.raises(InputError):
        project.import_xliff(bad)
    assert _requests_so_far(url, hits) == []


def test_entity_expansion_bomb_is_refused_before_expansion(
    project: Project, tmp_path: Path
) -> None:
    lol = "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    )
    path = _write(
        tmp_path, "bomb.xlf", f'<!DOCTYPE xliff [ <!ENTITY lol0 "lol">{lol} ]>\n', "&lol9;"
    )
    # refused at the declarations, before any content is read: nothing was expanded (an
    # expansion would hold a billion "lol"s; pytest-timeout guards against a hang)
    message = _refused(project, path, "declares an entity")
    assert "lol0" in message and "lollol" not in message


def test_hostile_tmx_is_refused(tmp_path: Path, secret: Path) -> None:
    path = tmp_path / "xxe.tmx"
    path.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE tmx [ <!ENTITY xxe SYSTEM "file://{secret}"> ]>\n'
        '<tmx version="1.4"><header creationtool="x" creationtoolversion="1" segtype="sentence" '
        'o-tmf="x" adminlang="en" srclang="ar" datatype="plaintext"/><body><tu>'
        '<tuv xml:lang="ar"><seg>نص</seg></tuv><tuv xml:lang="en"><seg>&xxe;</seg></tuv>'
        "</tu></body></tmx>\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="external entity"):
        read_tmx(path)


def test_malformed_xml_names_the_file_and_line(tmp_path: Path, sample_db: Path) -> None:
    path = tmp_path / "broken.xlf"
    path.write_text('<?xml version="1.0"?>\n<xliff version="1.2">\n<file>\n</xliff>\n')
    with pytest.raises(InputError, match=r"broken.xlf: line \d+: not well-formed XML"):
        read_xliff(path)
    result = run_cli("import-xliff", str(path), "--db", str(sample_db))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "broken.xlf: line" in result.stderr


def test_an_undeclared_entity_is_named_with_its_line(tmp_path: Path) -> None:
    """Trados and web tools write &nbsp; into TMX: the parser's own words and line, not
    iterparse's "no element found" (and not the error of a file read before)."""
    earlier = tmp_path / "earlier.tmx"
    earlier.write_text('<tmx version="1.4"><body><tu>&amp b</tu></body></tmx>\n')
    with pytest.raises(InputError):
        list(safexml.iterparse(earlier, tag="tu"))
    path = tmp_path / "nbsp.tmx"
    path.write_text(
        '<tmx version="1.4"><header srclang="ar"/>\n<body>\n'
        '<tu><tuv xml:lang="ar"><seg>مرحبا&nbsp;بكم</seg></tuv></tu>\n</body></tmx>\n',
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        list(safexml.iterparse(path, tag="tu"))
    assert str(caught.value) == (
        f"{path}: line 3: not well-formed XML (Entity 'nbsp' not defined)"
    )


def test_attribute_defaults_of_an_internal_dtd_are_refused(
    project: Project, tmp_path: Path
) -> None:
    """An <!ATTLIST> default gives every unit approved="yes" unseen (libxml2 answers el.get()
    from the DTD): refused, nothing changed; a declaration without a default is accepted."""
    path = _write(
        tmp_path, "attlist.xlf",
        '<!DOCTYPE xliff [ <!ATTLIST trans-unit approved CDATA "yes"> ]>\n',
        "This claim is false through and through.",
    )
    message = _refused(project, path, "default values")
    assert "trans-unit approved" in message and "attlist.xlf" in message
    implied = _write(
        tmp_path, "implied.xlf",
        "<!DOCTYPE xliff [ <!ATTLIST trans-unit approved CDATA #IMPLIED> ]>\n",
        "This claim is false through and through.",
    )
    report = project.import_xliff(implied)
    assert report.updated == [2] and project.segment(2).status != "approved"
