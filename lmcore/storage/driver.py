"""Bulk reads and writes through the database driver itself, inside the caller's SQLAlchemy transaction: for 10,000
rows SQLAlchemy's own row objects cost as much again as the fetch, and its executemany handles each row's
parameters in Python (10× slower than PostgreSQL's COPY or sqlite3's executemany). The SQL is still SQLAlchemy
Core's, compiled once per database kind; a driver error is raised as SQLAlchemy raises it, so `Database.write`
retries or explains it as it does any other."""
from __future__ import annotations

from operator import itemgetter
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError

_COMPILED: dict[tuple[str, str], str] = {}


def fetch_all(conn: Connection, name: str, statement: Any) -> list[tuple]:
    """The rows of a Core select (its values written into the SQL: no parameters) as plain tuples; `name` keys the
    compiled SQL (one statement per name)."""
    key = (conn.dialect.name, name)
    if key not in _COMPILED:
        _COMPILED[key] = str(statement.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))
    sql = _COMPILED[key]
    with _as_sqlalchemy(conn, sql):
        cur = conn.connection.cursor()
        try:
            cur.execute(sql)
            return cur.fetchall()
        finally:
            cur.close()


def insert_many(conn: Connection, table: Any, rows: list[dict[str, Any]]) -> None:
    """Many rows into a table: COPY on PostgreSQL, the driver's executemany on SQLite. Every row has the same keys;
    the values are already as stored (text, numbers, booleans, None)."""
    if not rows:
        return
    names = list(rows[0])
    q = conn.dialect.identifier_preparer.quote
    into = f"{q(table.name)} ({', '.join(q(n) for n in names)})"
    values = list(map(itemgetter(*names), rows)) if len(names) > 1 else [(r[names[0]],) for r in rows]
    raw = conn.connection.driver_connection
    if conn.dialect.name == "postgresql":
        sql = f"COPY {into} FROM STDIN"
        with _as_sqlalchemy(conn, sql), raw.cursor() as cur, cur.copy(sql) as copy:  # type: ignore[union-attr]
            for v in values:
                copy.write_row(v)
    else:
        sql = f"INSERT INTO {into} VALUES ({', '.join('?' * len(names))})"
        with _as_sqlalchemy(conn, sql):
            raw.executemany(sql, values)  # type: ignore[union-attr]


class _as_sqlalchemy:
    """Raise a driver error as the DBAPIError SQLAlchemy would have raised."""

    def __init__(self, conn: Connection, sql: str):
        self.dialect, self.sql = conn.dialect, sql

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: Any, exc: Any, tb: Any) -> bool:
        dbapi = self.dialect.loaded_dbapi
        if exc is not None and isinstance(exc, dbapi.Error):
            raise DBAPIError.instance(self.sql, None, exc, dbapi.Error, dialect=self.dialect) from exc
        return False
