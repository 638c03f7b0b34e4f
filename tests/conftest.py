"""Shared fixtures: the bundled contract (loaded once) and a fixed "today" for every test."""
from __future__ import annotations

import datetime as dt

import pytest

from lmcore import load_contract

AS_OF = dt.date(2026, 11, 23)


@pytest.fixture(scope="session")
def contract():
    """The bundled DOL – Local 12 contract with default interpretations."""
    return load_contract()


@pytest.fixture(scope="session")
def calendar(contract):
    return contract.calendar


# -- databases for the storage tests: SQLite and a real PostgreSQL server -----------------------------------------
import contextlib  # noqa: E402
import glob  # noqa: E402
import itertools  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import socket  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

_DB_NUMBER = itertools.count(1)


def _pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    return Path(found[-1]).parent if found else None


@pytest.fixture(scope="session")
def postgres_server():
    """A PostgreSQL server of Debian's `postgresql` package, started for this test run in a temporary folder (as
    the unprivileged `postgres` user when run as root: the server refuses root), listening on a Unix socket only,
    and stopped at the end. Yields a function giving the URL of a new empty database."""
    bindir = _pg_bin()
    if bindir is None:
        pytest.skip("PostgreSQL is not installed: `make postgresql` (apt-get install postgresql) installs it")
    root = Path(tempfile.mkdtemp(prefix="lmcore-pg-"))
    data, sock = root / "data", root / "sock"
    sock.mkdir()
    as_user: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        shutil.chown(sock, "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # names the socket file; no TCP listener
    run = lambda *argv: subprocess.run([*as_user, *argv], check=True, capture_output=True, text=True, timeout=120)  # noqa: E731
    run(str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8")
    opts = f"-p {port} -k {sock} -c listen_addresses='' -c fsync=off -c max_connections=60"
    run(str(bindir / "pg_ctl"), "-D", str(data), "-o", opts, "-w", "-t", "60", "-l", str(root / "server.log"), "start")
    base = f"postgresql://postgres@/%s?host={sock}&port={port}"
    import psycopg

    def new_database() -> str:
        name = f"lmcore_test_{os.getpid()}_{next(_DB_NUMBER)}"
        with contextlib.closing(psycopg.connect(base % "postgres", autocommit=True)) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return base % name

    try:
        yield new_database
    finally:
        subprocess.run([*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"],
                       capture_output=True, timeout=120)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """The URL of a new, empty database: an SQLite file, then a database on the test run's PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'cases.sqlite'}"
    return request.getfixturevalue("postgres_server")()
