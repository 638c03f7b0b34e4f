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

from ..grievance.bulk import NAT, PLAIN_PATHS
from . import tables as T
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
    hidden_ok = and_(_text_ok(conn, c.official, MAX_NAME, True), _text_ok(conn, c.agency, MAX_NAME, True),
                     _text_ok(conn, c.subject, MAX_TEXT, False))
    rows = conn.execute(select(c.case_id, c.version, c.title, c.steward, c.path, c.agencies, c.consolidation,
                               c.continuing, c.legacy.is_(None), hidden_ok, *(c[d] for d in T.DATE_COLUMNS))
                        .where(c.status == "open").order_by(c.case_id)).all()
    opened = select(c.case_id).where(c.status == "open").scalar_subquery()
    special = {r[0] for r in conn.execute(union(  # read whole: §13 agreements, an arbitration, a grievant's name to check
        select(T.agreements.c.case_id), select(T.arbitrations.c.case_id),
        select(T.grievants.c.case_id).where(not_(_text_ok(conn, T.grievants.c.name, MAX_NAME, True)))))}
    cites: dict[str, list[Any]] = {}
    for cid, cite in conn.execute(select(T.articles.c.case_id, T.articles.c.cite).where(T.articles.c.case_id.in_(opened))
                                  .order_by(T.articles.c.case_id, T.articles.c.position)).all():
        cites.setdefault(cid, []).append(cite)
    n = len(rows)
    cols = list(zip(*rows)) if rows else [()] * (10 + len(T.DATE_COLUMNS))
    ids, versions, titles, stewards, paths, agencies, consolidation, continuing, not_legacy, hidden = cols[:10]
    plain = np.ones(n, bool)
    dates = {}
    for name, values in zip(T.DATE_COLUMNS, cols[10:]):
        dates[name], bad = _days(values)
        plain &= ~bad
    shown_titles, shown_stewards, shown_articles = [], [], []
    for i in range(n):
        title, steward = _text(titles[i], MAX_TITLE, False), _text(stewards[i] or "", MAX_NAME, True)
        arts = [_text(a, MAX_NAME, True) for a in cites.get(ids[i], ())]
        shown_titles.append(title or "")
        shown_stewards.append(steward or "")
        shown_articles.append(tuple(a for a in arts if a))
        if (title is None or steward is None or None in arts or not _id_ok(ids[i]) or ids[i] in special or continuing[i]
                or consolidation[i] is not None or not not_legacy[i] or not hidden[i] or paths[i] not in PLAIN_PATHS
                or agencies[i] not in ("single", "multiple") or versions[i] is None):
            plain[i] = False
    return OpenCases(list(ids), [int(v or 0) for v in versions], shown_titles, shown_stewards, list(paths),
                     list(agencies), shown_articles, dates, plain)


def _text_ok(conn: Connection, col: Any, limit: int, one_line: bool) -> Any:
    """SQL: the column holds text that check_text accepts (or may: a longer text is read whole and checked)."""
    ok = [func.length(col) <= limit]
    if one_line:
        ok += [not_(col.contains(ch, autoescape=True)) for ch in _BREAKS]
    if conn.dialect.name == "sqlite":  # a column of an SQLite file can hold a value of any type
        ok.append(func.typeof(col) == "text")
    return or_(col.is_(None), and_(*ok))


def _text(value: Any, limit: int, one_line: bool) -> str | None:
    """The text as check_text keeps it, or None where check_text would refuse it."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if len(text) > limit or (one_line and not text.isprintable() and any(ch in text for ch in _BREAKS)):
        return None
    return text


def _id_ok(cid: Any) -> bool:
    """check_case_id accepts the stored id (the one it is stored under is the one shown)."""
    if isinstance(cid, str) and cid.isascii() and cid.isprintable():
        return 0 < len(cid.strip(" \t")) <= MAX_ID
    try:
        check_case_id(cid)
    except Exception:  # noqa: BLE001 — any refusal: the whole read says why
        return False
    return True


def _days(values: Sequence[Any]) -> tuple[np.ndarray, np.ndarray]:
    """Stored dates (YYYY-MM-DD text, or NULL) as datetime64; `bad` marks a value the grievance reader would not read
    as that date (anything but the canonical form is read whole, and its reader decides)."""
    day: dict[Any, int] = {None: _NAT_INT}
    bad = np.zeros(len(values), bool)
    for v in set(values):
        if v is None:
            continue
        try:
            d = dt.date.fromisoformat(v) if isinstance(v, str) and len(v) == 10 else None
        except ValueError:
            d = None
        day[v] = d.toordinal() - _EPOCH if d is not None and d.isoformat() == v else None  # type: ignore[assignment]
    if len(day) == 1:
        return np.full(len(values), NAT), bad
    refused = {v for v, x in day.items() if x is None}
    if refused:
        bad = np.fromiter((v in refused for v in values), bool, len(values))
        day.update(dict.fromkeys(refused, _NAT_INT))
    return np.fromiter((day[v] for v in values), np.int64, len(values)).view("datetime64[D]"), bad
