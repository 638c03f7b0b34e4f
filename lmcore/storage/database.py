"""The database every kind of saved lmcore record shares: which database (a setting), opening it (migrations run
on open), one transaction per write with a bounded retry, and whole-database backup and restore.

Which database: `--db URL` on the command line, else `$LMCORE_DATABASE_URL`, else the per-user SQLite file
`default_path()` ($LMCORE_CASELOG, else $XDG_DATA_HOME/lmcore/cases.sqlite, else ~/.local/share/lmcore/cases.sqlite).
A URL is `sqlite:///path` or `postgresql://user@host/db` (driver psycopg 3); a plain path means an SQLite file.

Every record kind (the case log today; training results and partnership records next) defines its tables on
`METADATA` (its own table prefix, e.g. `caselog_`) and adds its migration to `lmcore/storage/migrations/versions/`
(ARCHITECTURE.md says how); `Database.write(fn)` runs fn(connection) in one transaction and retries it whole when
another writer holds the lock, so "database is locked" never reaches a user.
"""
from __future__ import annotations

import contextlib
import json
import os
import random
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, MetaData, create_engine, event, inspect, text
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from ..errors import CaseLogError

T = TypeVar("T")
METADATA = MetaData(naming_convention={"pk": "pk_%(table_name)s", "fk": "fk_%(table_name)s_%(column_0_name)s",
                                       "ix": "ix_%(table_name)s_%(column_0_name)s", "uq": "uq_%(table_name)s_%(column_0_name)s"})
APPLICATION_ID = 0x4C4D4347  # PRAGMA application_id "LMCG": marks an SQLite file as lmcore's
USER_VERSION = 2  # PRAGMA user_version: 1 = the JSON-blob case log of lmcore 0.1, 2 = this layer (Alembic inside)
VERSION_TABLE = "lmcore_alembic_version"  # its own name, so a shared server database may hold other apps' Alembic
BUSY_TIMEOUT_MS = 5_000  # one statement waits this long for another writer (SQLite busy_timeout)
RETRY_SECONDS = 20.0  # a whole transaction is retried for this long before the user is told
NETWORK_FS = {"nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "9p", "afs", "lustre", "gpfs", "ceph", "fuse.gcsfuse",
              "fuse.s3fs", "davfs", "fuse.rclone"}
CITE = "Art. 43"
_FIX_PATH = "Set LMCORE_CASELOG to a file in a folder you can write to, or give --db sqlite:///PATH"
MIGRATIONS = Path(__file__).with_name("migrations")


class StorageError(CaseLogError):
    """A database that cannot be opened, read or written (any kind of lmcore record, not only the case log)."""


class Busy(StorageError):
    """Another writer kept the database busy past the retry time: nothing was written."""


def default_path() -> Path:
    """The per-user SQLite file: $LMCORE_CASELOG, else $XDG_DATA_HOME/lmcore/cases.sqlite, else
    ~/.local/share/lmcore/cases.sqlite — in the user's own home (on JupyterHub, each person's volume)."""
    if os.environ.get("LMCORE_CASELOG"):
        return Path(os.environ["LMCORE_CASELOG"]).expanduser()
    data = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data).expanduser() / "lmcore" / "cases.sqlite"


def resolve_url(url: str | Path | None = None) -> str:
    """The database to use: the URL or path given, else $LMCORE_DATABASE_URL, else the per-user SQLite file."""
    given = str(url).strip() if url is not None and str(url).strip() else os.environ.get("LMCORE_DATABASE_URL", "").strip()
    if any(ch in given for ch in "\x00\r\n"):
        raise StorageError("the database name holds a NUL or line-break character", cite=CITE,
                           fix="Give sqlite:///PATH, a file path, or postgresql://USER@HOST/DATABASE")
    if not given:
        return f"sqlite:///{default_path()}"
    if "://" not in given:
        return f"sqlite:///{Path(given).expanduser()}"
    scheme = given.split("://", 1)[0].lower()
    if scheme in ("postgresql", "postgres", "postgresql+psycopg"):
        return "postgresql+psycopg://" + given.split("://", 1)[1]
    if scheme == "sqlite" and given.startswith("sqlite:///"):
        return given
    raise StorageError(f"'{_shown(given)}' is not a database this lmcore uses", cite=CITE,
                       fix="Give sqlite:///PATH or postgresql://USER@HOST/DATABASE")


def _shown(url: str) -> str:
    """A URL as it may be printed: the password hidden."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


def head_revision() -> str:
    """The newest migration: revision ids are the file names' four-digit prefixes (0001, 0002, …), in order."""
    return max(p.name[:4] for p in (MIGRATIONS / "versions").glob("[0-9][0-9][0-9][0-9]_*.py"))


class Database:
    """One open database: `read(fn)` and `write(fn)` run fn(connection) in a transaction (a write is retried
    whole while another writer holds the lock); opened once per command or page."""

    def __init__(self, url: str | Path | None = None):
        self.url = resolve_url(url)
        self.backend = "postgresql" if self.url.startswith("postgresql") else "sqlite"
        self.path: Path | None = Path(self.url[len("sqlite:///"):]) if self.backend == "sqlite" else None
        self.journal = "server"
        if self.path is not None:
            self._prepare_file(self.path)
        try:
            self.engine: Engine = self._engine()
        except ImportError as exc:
            raise StorageError(f"the PostgreSQL driver is not installed ({exc.name})", cite=CITE,
                               fix="pip install 'psycopg[binary]'") from None
        self._migrate()

    def __repr__(self) -> str:
        return f"Database({self.where!r})"

    @property
    def where(self) -> str:
        """Where the data is, as it may be shown (a file path, or the server URL without its password)."""
        return str(self.path) if self.path is not None else _shown(self.url)

    # -- opening ------------------------------------------------------------------------------
    def _prepare_file(self, path: Path) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(f"cannot create the folder of the case log {path.parent}: {exc.strerror}", cite=CITE,
                               fix=_FIX_PATH) from None
        if path.is_dir():
            raise StorageError(f"{path} is a folder, not a case log file", cite=CITE, fix=_FIX_PATH)
        if path.exists() and path.stat().st_size:
            with path.open("rb") as f:
                if f.read(16) != b"SQLite format 3\x00":
                    raise StorageError(f"{path} is not an lmcore case log (or is damaged)", cite=CITE,
                                       fix="Give another file with --db or LMCORE_CASELOG; move this one aside if it is yours")
        self.journal = sqlite_journal_mode(path)

    def _engine(self) -> Engine:
        if self.backend == "postgresql":
            return create_engine(self.url, pool_pre_ping=True, connect_args={"connect_timeout": 10})
        engine = create_engine(self.url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi: Any, _record: Any) -> None:
            dbapi.isolation_level = None  # lmcore emits BEGIN itself (IMMEDIATE for writes, below)
            cur = dbapi.cursor()
            cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            cur.execute("PRAGMA foreign_keys = ON")
            cur.execute("PRAGMA synchronous = FULL")  # a commit reported is on disk, WAL or not
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Connection) -> None:
            # A write takes the lock at once: a reader that later wants to write can deadlock and fail at once.
            conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("lmcore_write") else "BEGIN")

        return engine

    def _migrate(self) -> None:
        """Bring the schema to the newest migration (an old case log file is converted on its first open)."""
        head = head_revision()
        current = self._guarded(self._current_revision)
        if current == head:
            return
        if current is not None and current > head:
            raise StorageError(f"the case log {self.where} was written by a newer lmcore (schema {current}; this lmcore "
                               f"knows up to {head})", cite=CITE, fix="Upgrade lmcore")
        self.write(self._upgrade)

    def _current_revision(self, conn: Connection) -> str | None:
        names = set(inspect(conn).get_table_names())
        if self.backend == "sqlite":
            app_id = conn.exec_driver_sql("PRAGMA application_id").scalar()
            version = conn.exec_driver_sql("PRAGMA user_version").scalar()
            if names and app_id != APPLICATION_ID:
                raise StorageError(f"{self.where} is an SQLite file of another program, not an lmcore case log",
                                   cite=CITE, fix="Give another file with --db or LMCORE_CASELOG")
            if version and version > USER_VERSION:
                raise StorageError(f"{self.where} was written by a newer lmcore (file version {version}; this lmcore "
                                   f"reads up to {USER_VERSION})", cite=CITE, fix="Upgrade lmcore")
        if VERSION_TABLE not in names:
            return None
        return conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()

    def _upgrade(self, conn: Connection) -> None:
        from alembic import command
        from alembic.config import Config

        if self.backend == "postgresql":  # two first opens at once: one migrates, the other waits and sees it done
            conn.execute(text("SELECT pg_advisory_xact_lock(4998004)"))
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
        if self.backend == "sqlite":
            conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.exec_driver_sql(f"PRAGMA user_version = {USER_VERSION}")

    # -- transactions -----------------------------------------------------------------------------
    def read(self, fn: Callable[[Connection], T]) -> T:
        """fn(connection) in one read transaction (a consistent snapshot)."""
        return self._guarded(fn)

    def write(self, fn: Callable[[Connection], T], *, retry_seconds: float = RETRY_SECONDS) -> T:
        """fn(connection) in one write transaction, committed whole or not at all. While another writer holds the
        lock the whole transaction is retried (with a growing, jittered wait) for up to `retry_seconds`; then a
        clear Busy error says nothing was written. fn must only touch the database (it may run more than once)."""
        deadline = time.monotonic() + retry_seconds
        wait = 0.01
        while True:
            try:
                return self._guarded(fn, write=True)
            except _Transient:
                if time.monotonic() + wait > deadline:
                    raise Busy(f"the case log {self.where} stayed busy with other saves for {retry_seconds:g} s; "
                               "nothing was written", cite=CITE, fix="Try again in a moment") from None
                time.sleep(wait * (0.5 + random.random()))
                wait = min(wait * 2, 0.5)

    def _guarded(self, fn: Callable[[Connection], T], write: bool = False) -> T:
        try:
            with self.engine.connect().execution_options(lmcore_write=write) as conn:
                with conn.begin():
                    return fn(conn)
        except IntegrityError:
            raise
        except DBAPIError as exc:
            if _is_transient(exc):
                raise _Transient() from exc
            raise self._error(exc) from None

    def _error(self, exc: DBAPIError) -> StorageError:
        words = str(getattr(exc, "orig", exc)).strip().splitlines()[0] if str(getattr(exc, "orig", exc)).strip() else type(exc).__name__
        if "not a database" in words or "malformed" in words:
            return StorageError(f"{self.where} is not an lmcore case log (or is damaged)", cite=CITE,
                                fix="Give another file with --db or LMCORE_CASELOG; restore a backup if it is yours")
        if isinstance(exc, OperationalError) and self.backend == "postgresql":
            return StorageError(f"cannot reach the case log database {self.where}: {words}", cite=CITE,
                                fix="Check LMCORE_DATABASE_URL / --db, and that the server is running")
        return StorageError(f"cannot use the case log {self.where}: {words}", cite=CITE, fix=_FIX_PATH)

    def dispose(self) -> None:
        self.engine.dispose()

    # -- backup and restore --------------------------------------------------------------------------
    def backup(self, dest: str | Path) -> Path:
        """The whole database to a file: an SQLite copy through SQLite's online backup API (a consistent snapshot
        while others keep working), or, for PostgreSQL, a portable JSON export of every lmcore table."""
        dest = _file_arg(dest, "backup")
        if dest.is_dir():
            raise StorageError(f"{dest} is a folder", cite=CITE, fix=f"Give a file name for the backup, e.g. {dest / 'cases-backup.sqlite'}")
        if dest.exists() and not dest.is_file():
            raise StorageError(f"{dest} is not a regular file (a device or a socket)", cite=CITE,
                               fix="Give the name of a backup file to write")
        try:
            dest.parent.mkdir(parents=True, exist_ok=True)
            if self.backend == "sqlite" and not str(dest).endswith(".json"):
                import sqlite3

                tmp = dest.with_name(dest.name + ".partial")
                tmp.unlink(missing_ok=True)
                with contextlib.closing(sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000)) as src, \
                        contextlib.closing(sqlite3.connect(tmp)) as out:
                    src.backup(out)
                    out.execute("PRAGMA journal_mode = DELETE")  # a backup is one self-contained file
                os.replace(tmp, dest)
            else:
                tmp = dest.with_name(dest.name + ".partial")
                tmp.write_text(json.dumps(self.read(export_tables), ensure_ascii=False), encoding="utf-8")
                os.replace(tmp, dest)
        except OSError as exc:
            raise StorageError(f"cannot write the backup {dest}: {exc.strerror}", cite=CITE,
                               fix="Choose a folder you can write to") from None
        return dest

    def restore(self, source: str | Path) -> dict[str, int]:
        """Replace every lmcore table's rows by a backup's (an SQLite backup file or a portable JSON export), in one
        transaction: the database is either wholly the backup or unchanged. Returns rows restored per table."""
        source = _file_arg(source, "backup")
        if not source.is_file():
            raise StorageError(f"no backup file {source}", cite=CITE, fix="Give the file written by `lmcore cases backup`")
        with source.open("rb") as f:
            head = f.read(16)
        if head == b"SQLite format 3\x00":
            other = Database(f"sqlite:///{source}")  # migrated first if it is an older backup
            try:
                data = other.read(export_tables)
            finally:
                other.dispose()
        else:
            from ..contract.files import read_text

            text = read_text(source, "backup", limit=BACKUP_MAX_BYTES, error=StorageError, cite=CITE)
            try:
                data = json.loads(text)
                if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
                    raise ValueError("not an lmcore export")
            except ValueError as exc:
                raise StorageError(f"{source} is not an lmcore backup ({exc})", cite=CITE,
                                   fix="Give a file written by `lmcore cases backup`") from None
            if data.get("revision", "") > head_revision():
                raise StorageError(f"{source} was written by a newer lmcore", cite=CITE, fix="Upgrade lmcore")
        return self.write(lambda conn: import_tables(conn, data))


# A JSON backup is read whole into memory: the bound keeps a wrong file (a disk image, a log) from filling it.
BACKUP_MAX_BYTES = 512 * 2**20


def _file_arg(path: str | Path, what: str) -> Path:
    """A file path the user gave (a backup to write or read); an empty one or one with a NUL is one clear error."""
    if path is None or not str(path).strip() or "\x00" in str(path):
        raise StorageError(f"the {what} file name is empty or holds a NUL character", cite=CITE,
                           fix=f"Give the file name of the {what}, e.g. cases-backup.sqlite")
    return Path(str(path)).expanduser()


EXPORT_FORMAT = "lmcore-database-export-1"


TABLE_PREFIXES = ("caselog_", "training_", "partnership_")  # each record kind's tables start with its prefix (add yours: ARCHITECTURE.md)


def lmcore_tables(conn: Connection) -> list[Any]:
    """Every table of every record kind in this database, parents before children (the order rows go in), read
    from the database itself: a backup holds what the migrations made, whatever this code's version knows."""
    meta = MetaData()
    meta.reflect(conn, only=lambda name, _m: name.startswith(TABLE_PREFIXES))
    return list(meta.sorted_tables)


def export_tables(conn: Connection) -> dict[str, Any]:
    """Every row of every lmcore table as plain JSON values (the portable backup)."""
    rev = conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()
    return {"format": EXPORT_FORMAT, "revision": rev,
            "tables": {t.name: [dict(r._mapping) for r in conn.execute(t.select())] for t in lmcore_tables(conn)}}


def import_tables(conn: Connection, data: dict[str, Any]) -> dict[str, int]:
    """Replace every lmcore table's rows by the export's (inside the caller's transaction)."""
    tables = lmcore_tables(conn)
    rows = data.get("tables") or {}
    for t in reversed(tables):
        conn.execute(t.delete())
    counts = {}
    for t in tables:
        got = [{k: v for k, v in r.items() if k in t.c} for r in rows.get(t.name, [])]
        if got:
            conn.execute(t.insert(), got)
        counts[t.name] = len(got)
    if conn.dialect.name == "postgresql":  # serial ids continue after the restored ones
        for t in tables:
            for col in t.primary_key.columns:
                if col.autoincrement is True:
                    conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{t.name}', '{col.name}'), "
                                      f"COALESCE((SELECT MAX({col.name}) FROM {t.name}), 0) + 1, false)"))
    return counts


class _Transient(Exception):
    """Another writer holds the lock (or the server chose this transaction to fail): run it again."""


def _is_transient(exc: DBAPIError) -> bool:
    words = str(exc.orig).lower()
    code = getattr(exc.orig, "sqlstate", None)
    return ("database is locked" in words or "database is busy" in words or "database table is locked" in words
            or code in ("40001", "40P01", "55P03"))


def sqlite_journal_mode(path: Path) -> str:
    """WAL where the file system allows it, else SQLite's rollback journal. $LMCORE_SQLITE_JOURNAL (wal or delete)
    decides; by default WAL on a local file system and the rollback journal on a network one (NFS, SMB, sshfs…),
    where WAL's shared-memory index cannot work across machines. Returns the mode the file is now in."""
    wanted = os.environ.get("LMCORE_SQLITE_JOURNAL", "").strip().lower()
    if wanted not in ("wal", "delete"):
        wanted = "delete" if file_system_of(path) in NETWORK_FS else "wal"
    import sqlite3

    try:
        with contextlib.closing(sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)) as conn:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
            if mode != wanted:
                mode = conn.execute(f"PRAGMA journal_mode = {wanted}").fetchone()[0]
            return str(mode)
    except sqlite3.DatabaseError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            return "unknown (busy)"  # another process is switching it; the file keeps whatever mode it has
        raise StorageError(f"{path} is not an lmcore case log (or is damaged)", cite=CITE,
                           fix="Give another file with --db or LMCORE_CASELOG; move this one aside if it is yours") from None


def file_system_of(path: Path) -> str:
    """The type of the file system holding `path` (from /proc/mounts; "" where that cannot be read)."""
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return ""
    target = str(path.resolve().parent)
    best, kind = "", ""
    for line in mounts:
        parts = line.split()
        if len(parts) >= 3:
            point = parts[1].replace("\\040", " ")
            if (target == point or target.startswith(point.rstrip("/") + "/")) and len(point) >= len(best):
                best, kind = point, parts[2]
    return kind


__all__ = ["METADATA", "Busy", "Database", "StorageError", "default_path", "export_tables", "head_revision",
           "import_tables", "resolve_url", "sqlite_journal_mode"]
