"""``planarkiv serve`` as a running server: it shows a database an ingest publishes while it runs (without
a restart, read-only), answers only requests addressed to it by a loopback name or its own address, and
one SQL function call cannot run past Datasette's time limit or take its memory. Browsing in Chromium:
``tests/test_browser.py``."""

from __future__ import annotations

import http.client
import json
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ROOT
from helpers import one_line_pdf, wait_for_server

# Starts `planarkiv serve` as a subprocess.
pytestmark = pytest.mark.slow

PLANARKIV = Path(sys.executable).with_name("planarkiv")


def ingest(*args: object) -> None:
    result = subprocess.run([str(PLANARKIV), "ingest", *map(str, args)], capture_output=True, text=True,
                            cwd=ROOT, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr


def get(port: int, path: str, host: str | None = None) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers={"Host": host} if host else {})
        response = conn.getresponse()
        return response.status, response.read().decode()
    finally:
        conn.close()


def sql(port: int, query: str) -> tuple[int, dict]:
    status, body = get(port, "/planarkiv.json?" + urllib.parse.urlencode({"sql": query, "_shape": "objects"}))
    return status, json.loads(body)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Path]]:
    """``planarkiv serve`` on a database of one note; its port and the database."""
    folder = tmp_path_factory.mktemp("serve")
    db_path = folder / "planarkiv.db"
    ingest(one_line_pdf(folder / "notat-1.pdf", "Notat om jobklubber"), "--db", db_path)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log = tempfile.TemporaryFile()  # noqa: SIM115 (closed in the finally below, after the server)
    process = subprocess.Popen([str(PLANARKIV), "serve", "--db", str(db_path), "--port", str(port)], cwd=ROOT,
                               stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_for_server(process, f"http://127.0.0.1:{port}", log)
        yield port, db_path
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()


def test_a_running_server_shows_a_newly_published_database_within_seconds(served, tmp_path: Path) -> None:
    port, db_path = served
    count = "select count(*) as n from documents"
    assert sql(port, count)[1]["rows"] == [{"n": 1}]
    ingest(one_line_pdf(tmp_path / "notat-2.pdf", "Notat om kontanthjælp"), "--db", db_path)
    deadline = time.monotonic() + 5
    while sql(port, count)[1]["rows"] != [{"n": 2}]:
        assert time.monotonic() < deadline, "the server still shows the database it started with"
        time.sleep(0.2)
    status, page = get(port, "/planarkiv/documents")
    assert status == 200 and "notat-2.pdf" in page
    status, answer = sql(port, "delete from documents")  # still read-only
    assert status == 400 and sql(port, count)[1]["rows"] == [{"n": 2}], answer


@pytest.mark.parametrize(("host", "status"), [
    ("127.0.0.1:{port}", 200), ("localhost:{port}", 200), ("[::1]:{port}", 200), ("localhost", 200),
    ("evil.example:{port}", 421), ("planarkiv.attacker.example", 421), ("127.0.0.1.nip.io:{port}", 421),
])
def test_only_loopback_names_and_the_servers_address_are_answered(served, host: str, status: int) -> None:
    port, _ = served
    assert get(port, "/planarkiv/documents", host=host.format(port=port))[0] == status


def test_one_sql_function_call_fails_fast_instead_of_taking_seconds_and_memory(served) -> None:
    port, _ = served
    started = time.monotonic()
    status, answer = sql(port, "select length(printf('%.*c', 900000000, 'x')) as n")
    assert time.monotonic() - started < 1.0
    assert status == 400, answer
    assert sql(port, "select printf('%5.1f kr.', 12.345) as n")[1]["rows"] == [{"n": " 12.3 kr."}]
    started = time.monotonic()
    status, answer = sql(port, "select length(zeroblob(900000000)) as n")
    assert status == 400 and time.monotonic() - started < 1.0
    status, answer = sql(port, "select planarkiv_fts(printf('%.*c', 5000000, 'x')) as q")
    assert status == 200 and len(answer["rows"][0]["q"]) < 2000
