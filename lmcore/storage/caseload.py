"""The open caseload read in columns, for the due board: one Core select per table (only the columns the board shows
or counts from), the dates as numpy arrays. Each stored value is checked as `records.check_case` and the grievance
reader check it, so a row marked `plain` reads exactly as `caselog._load` would read it; every other row (a §13
agreement, an arbitration, a continuing or consolidated grievance, an old file's record, a value that does not
read cleanly) is read whole by `caselog._load` and goes to the grievance engine, which says what is wrong with it.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from sqlalchemy import Connection, and_, func, not_, or_, select, union

from ..grievance.bulk import COVERED, NOT_COVERED, PLAIN_PATHS
from . import tables as T
from .driver import fetch_all
from .records import MAX_ID, MAX_NAME, MAX_TEXT, MAX_TITLE, check_case_id

_BREAKS = ("\n", "\r", "\u2028", "\u2029", "\x85")  # what check_text(one_line=True) refuses
_EPOCH = dt.date(1970, 1, 1).toordinal()
_NAT_INT = np.iinfo(np.int64).min


@dataclass(frozen=True)
class OpenCases:
    """The open cases (by id), the fields a board row shows, the recorded dates and which rows are `plain`."""

    ids: list[str]
    versions: list[int]
    titles: list[str]
    stewards: list[str]
    paths: list[str]
    agencies: list[str]
    articles: list[tuple[str, ...]]
    dates: dict[str, np.ndarray]
    plain: np.ndarray  # the record is read in full from these columns and has no §13 agreement or arbitration

    def __len__(self) -> int:
        return len(self.ids)


def read_open(conn: Connection) -> OpenCases:
    """Every open case in columns (one consistent read: call it inside `Database.read`)."""
    c = T.cases.c
    simple = and_(c.legacy.is_(None), c.consolidation.is_(None), _no(conn, c.continuing),
                  c.path.in_(PLAIN_PATHS), c.agencies.in_(("single", "multiple")), *(c[d].is_(None) for d in NOT_COVERED),
                  _text_ok(conn, c.official, MAX_NAME, True), _text_ok(conn, c.agency, MAX_NAME, True),
                  _text_ok(conn, c.subject, MAX_TEXT, False))
    rows = fetch_all(conn, "board cases", select(c.case_id, c.version, c.title, c.steward, c.path, c.agencies, simple,
                                                 *(c[d] for d in COVERED)).where(c.status == "open").order_by(c.case_id))
    opened = select(c.case_id).where(c.status == "open").scalar_subquery()
    special = {r[0] for r in fetch_all(conn, "board special", union(  # read whole: §13 agreements, an arbitration,
        select(T.agreements.c.case_id), select(T.arbitrations.c.case_id),  # a grievant's name check_text may refuse
        select(T.grievants.c.case_id).where(not_(_text_ok(conn, T.grievants.c.name, MAX_NAME, True)))))}
    cited = fetch_all(conn, "board articles", select(T.articles.c.case_id, T.articles.c.cite)
                      .where(T.articles.c.case_id.in_(opened)).order_by(T.articles.c.case_id, T.articles.c.position))
    cites: dict[str, list[str]] = {}
    for (cid, _), text, bad in zip(cited, *_texts([r[1] for r in cited], MAX_NAME, True)):
        if bad:
            special.add(cid)
        elif text:
            cites.setdefault(cid, []).append(text)
    n = len(rows)
    cols = list(zip(*rows)) if rows else [()] * (7 + len(COVERED))
    ids, versions, titles, stewards, paths, agencies, simple_rows = cols[:7]
    plain = np.array(simple_rows, bool) if n else np.zeros(0, bool)
    days, bad = _days(cols[7:], n)
    dates = dict(zip(COVERED, days))
    plain &= ~bad
    shown_titles, bad_titles = _texts(titles, MAX_TITLE, False)
    shown_stewards, bad_stewards = _texts([s or "" for s in stewards], MAX_NAME, True)
    plain &= ~(bad_titles | bad_stewards)
    plain &= np.array([cid not in special for cid in ids], bool) & _ids_ok(ids)
    return OpenCases(list(ids), [int(v or 0) for v in versions], shown_titles, shown_stewards, list(paths),
                     list(agencies), [tuple(cites.get(cid, ())) for cid in ids], dates, plain)


def _no(conn: Connection, col: Any) -> Any:
    """SQL: a yes/no column holds no (as the reader's bool() reads it: on SQLite, the integer 0 only)."""
    if conn.dialect.name == "sqlite":
        return and_(func.typeof(col) == "integer", col.is_(False))
    return col.is_(False)


def _text_ok(conn: Connection, col: Any, limit: int, one_line: bool) -> Any:
    """SQL: the column holds text that check_text accepts (or may: a longer text is read whole and checked)."""
    ok = [func.length(col) <= limit]
    if one_line:
        ok += [not_(col.contains(ch, autoescape=True)) for ch in _BREAKS]
    if conn.dialect.name == "sqlite":  # a column of an SQLite file can hold a value of any type
        ok.append(func.typeof(col) == "text")
    return or_(col.is_(None), and_(*ok))


def _texts(values: Sequence[Any], limit: int, one_line: bool) -> tuple[list[str], np.ndarray]:
    """Texts as check_text keeps them ("" where it would refuse one), and which it would refuse."""
    stripped = [v.strip() if isinstance(v, str) else None for v in values]
    bad = np.array([t is None or len(t) > limit or (one_line and not t.isprintable() and any(ch in t for ch in _BREAKS))
                    for t in stripped], bool)
    return [t if t is not None and not b else "" for t, b in zip(stripped, bad.tolist())], bad


def _ids_ok(ids: Sequence[Any]) -> np.ndarray:
    """Which stored ids check_case_id accepts (each is shown as it is stored)."""
    try:  # the common case at once: every id visible ASCII, none blank or too long
        joined = "|".join(ids)
        if joined.isascii() and joined.isprintable() and max(map(len, ids)) <= MAX_ID and all(c.strip(" ") for c in ids):
            return np.ones(len(ids), bool)
    except (TypeError, ValueError):  # an id that is not text (or no ids)
        pass
    return np.array([_id_ok(cid) for cid in ids], bool)


def _id_ok(cid: Any) -> bool:
    """check_case_id accepts the stored id (the one it is stored under is the one shown)."""
    try:
        check_case_id(cid)
    except Exception:  # noqa: BLE001 — any refusal: the whole read says why
        return False
    return True


def _days(columns: Sequence[Sequence[Any]], n: int) -> tuple[list[np.ndarray], np.ndarray]:
    """Stored dates (YYYY-MM-DD text, or NULL), column by column, as datetime64; `bad` marks a row holding a value the
    grievance reader would not read as that date (anything but the canonical form is read whole: its reader decides)."""
    values = [v for col in columns for v in col]
    day: dict[Any, int] = {None: _NAT_INT}
    refused = set()
    for v in set(values):
        if v is None:
            continue
        try:
            d = dt.date.fromisoformat(v) if isinstance(v, str) and len(v) == 10 else None
        except ValueError:
            d = None
        if d is not None and d.isoformat() == v:
            day[v] = d.toordinal() - _EPOCH
        else:
            day[v] = _NAT_INT
            refused.add(v)
    ints = np.array([day[v] for v in values], np.int64).reshape(len(columns), n)
    bad = np.zeros(n, bool)
    if refused:
        bad = np.array([v in refused for v in values], bool).reshape(len(columns), n).any(axis=0)
    return list(ints.view("datetime64[D]")), bad
