"""Timesheet: one biweekly pay period of arrival, departure, lunch, leave and ordered overtime, read strictly.

A CSV (or DataFrame, or list of dicts) with one row a day: `date,start,end,lunch_start,lunch_end` and, optionally,
`leave_hours,leave_kind,overtime_ordered_hours`. Times are HH:MM (24-hour); start and end are blank on a day off.
A tour that runs past midnight (another shift, Art. 4 §9) is written on the row of the day it begins, its end
(and a lunch after midnight) marked `+1`: `22:00,06:30+1`; all its hours belong to that day. Every mistake is a
TimesheetError naming the row (the header is row 1) and the column, never a silent guess. Files are read with a
size bound (sources.py).
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from dataclasses import dataclass
from typing import Any, Iterable

import numpy as np

from ..calendar import to_date
from ..errors import InvalidInput, LmcoreError, OutOfRange
from .sources import csv_rows, shown, text_of

REQUIRED = ("date", "start", "end", "lunch_start", "lunch_end")
OPTIONAL = ("leave_hours", "leave_kind", "overtime_ordered_hours")
COLUMNS = REQUIRED + OPTIONAL
PERIOD_DAYS = 14
MAX_ROWS = 4 * PERIOD_DAYS  # rows of a timesheet before it is refused outright (one pay period has 14 days)
# Pay periods run every 14 days from the law file's known first day of a pay period (leave_year.pay_period_anchor,
# Sunday 2026-01-11: Sun 2026-11-15 – Sat 2026-11-28 is one), the same grid the leave year uses.
PAY_PERIOD_LAW = "5 U.S.C. 5504; 5 U.S.C. 6302(a)"
# Leave kinds a row may name, and the words people type for them.
LEAVE_KINDS = {
    "annual": "annual leave", "sick": "sick leave", "credit": "credit hours used", "comp": "compensatory time off",
    "admin": "excused absence (administrative leave)", "lwop": "leave without pay", "awol": "absent without leave (AWOL)",
}
_ALIASES = {
    "al": "annual", "annual leave": "annual", "vacation": "annual", "sl": "sick", "sick leave": "sick",
    "credit hours": "credit", "credit_hours": "credit", "credit hour": "credit", "ch": "credit",
    "compensatory": "comp", "comp time": "comp", "compensatory time": "comp", "administrative": "admin",
    "administrative leave": "admin", "excused": "admin", "excused absence": "admin",
    "leave without pay": "lwop", "absent without leave": "awol",
}
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::00)?(\s*\+\s*1)?$")
DAY = 24 * 60
NEXT_DAY = "+1"
_CITE_PERIOD = "Art. 4 §2.a(2)"


class TimesheetError(InvalidInput):
    """A timesheet cell that cannot be used: the message names the row (header = row 1) and the column."""

    def __init__(self, row: int | None, column: str | None, what: str, *, cite: str | None = None, fix: str | None = None,
                 day: dt.date | None = None):
        where = "timesheet" + (f" row {row}" if row is not None else "")
        if day is not None:
            where += f" ({day.strftime('%a %Y-%m-%d')})"
        if column:
            where += f", column '{column}'"
        super().__init__(f"{where}: {what}", cite=cite, fix=fix, field=column)
        self.row, self.column = row, column


@dataclass(frozen=True)
class DayEntry:
    """One day of the timesheet, times in minutes after midnight (None when blank)."""

    day: dt.date
    start: int | None = None
    end: int | None = None
    lunch_start: int | None = None
    lunch_end: int | None = None
    leave_minutes: int = 0
    leave_kind: str | None = None
    ordered_minutes: int = 0
    row: int | None = None

    @property
    def worked_minutes(self) -> int:
        """Time at work less the lunch break."""
        if self.start is None or self.end is None:
            return 0
        lunch = (self.lunch_end - self.lunch_start) if self.lunch_start is not None and self.lunch_end is not None else 0
        return self.end - self.start - lunch


@dataclass(frozen=True)
class Timesheet:
    """Fourteen days from the pay period's first day (blank days filled in), in date order."""

    period_start: dt.date
    entries: tuple[DayEntry, ...]

    @property
    def period_end(self) -> dt.date:
        return self.period_start + dt.timedelta(days=PERIOD_DAYS - 1)

    @property
    def days(self) -> tuple[dt.date, ...]:
        return tuple(e.day for e in self.entries)

    def arrays(self) -> dict[str, np.ndarray]:
        """The numbers the evaluator works on: (14,) integer minute arrays, 0 where blank, and leave by kind."""
        def col(get: Any) -> np.ndarray:
            return np.array([get(e) for e in self.entries], dtype=np.int64)

        out = {
            "start": col(lambda e: e.start or 0), "end": col(lambda e: e.end or 0),
            "lunch_start": col(lambda e: e.lunch_start or 0), "lunch_end": col(lambda e: e.lunch_end or 0),
            "ordered": col(lambda e: e.ordered_minutes),
        }
        for kind in LEAVE_KINDS:
            out[kind] = col(lambda e, k=kind: e.leave_minutes if e.leave_kind == k else 0)
        return out

    def to_rows(self) -> list[dict[str, str]]:
        """The timesheet as CSV-ready rows (every day, blanks as empty strings)."""
        return [{
            "date": e.day.isoformat(), "start": fmt_hhmm(e.start), "end": fmt_hhmm(e.end),
            "lunch_start": fmt_hhmm(e.lunch_start), "lunch_end": fmt_hhmm(e.lunch_end),
            "leave_hours": _fmt_hours(e.leave_minutes), "leave_kind": e.leave_kind or "",
            "overtime_ordered_hours": _fmt_hours(e.ordered_minutes),
        } for e in self.entries]

    def to_csv(self) -> str:
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=list(COLUMNS), lineterminator="\n")
        writer.writeheader()
        writer.writerows(self.to_rows())
        return buf.getvalue()


def pay_period_start(day: Any, anchor: dt.date | None = None) -> dt.date:
    """First day (a Sunday) of the biweekly pay period that contains `day` (in the leave years lmcore's calendar covers)."""
    from ..leave.year import FIRST_YEAR, LAST_YEAR, pay_period_anchor

    anchor = anchor or pay_period_anchor()
    day = to_date(day, "date")
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise OutOfRange(f"{day.isoformat()} is outside the years {FIRST_YEAR}–{LAST_YEAR} that lmcore's holiday calendar and "
                         "pay-period grid cover", cite=PAY_PERIOD_LAW, fix="Give a date of those years", field="date")
    return day - dt.timedelta(days=(day - anchor).days % PERIOD_DAYS)


def check_period_start(day: Any, anchor: dt.date | None = None) -> dt.date:
    """A first day of a pay period, as given: it must lie on the biweekly grid (every 14 days from the law file's anchor)."""
    from ..leave.year import pay_period_anchor

    anchor = anchor or pay_period_anchor()
    day = to_date(day, "pay period start")
    first = pay_period_start(day, anchor)
    if first != day:
        raise InvalidInput(f"{day:%a %Y-%m-%d} is not the first day of a pay period: pay periods run {PERIOD_DAYS} days from "
                           f"{anchor:%a %Y-%m-%d} (the law file's leave_year.pay_period_anchor), so the one holding it begins "
                           f"{first:%a %Y-%m-%d}", cite=PAY_PERIOD_LAW, fix=f"Give {first.isoformat()}, or leave the start out",
                           field="period_start")
    return day


def parse_hhmm(text: Any, *, row: int | None = None, column: str = "time", day: dt.date | None = None,
               next_day: bool = False) -> int | None:
    """'07:30' → 450 minutes after midnight; '06:30+1' (the next day, where `next_day`) → 1830; blank → None."""
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return None
    if isinstance(text, dt.time):
        return text.hour * 60 + text.minute
    s = str(text).strip()
    if not s or s.lower() in ("nan", "nat", "none"):
        return None
    m = _TIME.match(s) if len(s) <= 12 else None
    if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59 or (m.group(3) and not next_day):
        raise TimesheetError(row, column, f"'{shown(s)}' is not a time of day", day=day,
                             fix="Write times as HH:MM on a 24-hour clock, from 00:00 to 23:59 (e.g. 07:30 or 16:45)"
                             + ("; a time after midnight of a tour that began the day before as 06:30+1" if next_day else ""))
    return int(m.group(1)) * 60 + int(m.group(2)) + (DAY if m.group(3) else 0)


def parse_clock(text: Any, what: str, cite: str | None = None) -> int:
    """A time of day given as an option ('16:30' → 990): anything else, blank or 'nan' included, is an InvalidInput."""
    s = str(text).strip()
    m = _TIME.match(s) if len(s) <= 12 else None
    if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59 or m.group(3):
        raise InvalidInput(f"the {what} '{shown(s)}' is not a time of day", cite=cite,
                           fix="Write it as HH:MM on a 24-hour clock, from 00:00 to 23:59 (e.g. 16:30)", field=what)
    return int(m.group(1)) * 60 + int(m.group(2))


def fmt_hhmm(minutes: int | None) -> str:
    """450 → '07:30'; a time after midnight of the next day → '06:30+1'."""
    if minutes is None:
        return ""
    day, m = divmod(int(minutes), DAY)
    return f"{m // 60:02d}:{m % 60:02d}" + (NEXT_DAY if day else "")


def fmt_clock(minutes: int) -> str:
    """450 → '7:30 a.m.', 1080 → '6:00 p.m.' (the contract's own way of writing times)."""
    day, rest = divmod(int(minutes), DAY)
    h, m = divmod(rest, 60)
    suffix = "a.m." if h < 12 else "p.m."
    return f"{(h - 1) % 12 + 1}:{m:02d} {suffix}" + (" the next day" if day else "")


def _fmt_hours(minutes: int) -> str:
    return "" if not minutes else f"{minutes / 60:g}"


def _hours_cell(raw: Any, row: int, column: str, day: dt.date | None) -> int:
    """A decimal number of hours → whole minutes (the contract's increments are checked when the pay period is evaluated)."""
    if raw is None or (isinstance(raw, float) and math.isnan(raw)) or str(raw).strip() == "":
        return 0
    text = str(raw).strip()
    try:
        hours = float(text) if len(text) <= 20 else float("nan")
    except ValueError:
        hours = None
    if hours is None or (math.isnan(hours) and text.lower() != "nan"):
        raise TimesheetError(row, column, f"'{shown(text)}' is not a number of hours", day=day,
                             fix="Give decimal hours, e.g. 1.5 for an hour and a half")
    if not math.isfinite(hours) or hours < 0 or hours > 24:
        raise TimesheetError(row, column, f"{shown(text)} is not a number of hours in one day (0 to 24)", day=day,
                             fix="Give decimal hours from 0 to 24")
    minutes = hours * 60
    if abs(minutes - round(minutes)) > 1e-6:
        raise TimesheetError(row, column, f"{shown(text)} hours is not in whole minutes", day=day, fix="Round to the minute")
    return int(round(minutes))


def _leave_kind(raw: Any, row: int, day: dt.date | None) -> str | None:
    if raw is None or (isinstance(raw, float) and math.isnan(raw)):
        return None
    s = " ".join(str(raw).strip().lower().replace("-", " ").split())
    if not s or s == "nan":
        return None
    if s in LEAVE_KINDS:
        return s
    if s in _ALIASES:
        return _ALIASES[s]
    if s == "holiday":
        raise TimesheetError(row, "leave_kind", "a holiday is not leave", day=day,
                             fix="Leave the row blank on a holiday: lmcore takes holidays from the federal calendar")
    raise TimesheetError(row, "leave_kind", f"'{shown(raw)}' is not a kind of leave lmcore knows", day=day,
                         fix="Use one of: " + ", ".join(f"{k} ({v})" for k, v in LEAVE_KINDS.items()))


def _entry(rec: dict[str, Any], row: int) -> DayEntry:
    raw_day = rec.get("date")
    if raw_day is None or str(raw_day).strip() in ("", "nan", "NaT"):
        raise TimesheetError(row, "date", "the date is blank", fix="Give every row a date as YYYY-MM-DD")
    try:
        day = to_date(raw_day if not isinstance(raw_day, str) else raw_day.strip(), "date")
    except (LmcoreError, ValueError, TypeError):
        raise TimesheetError(row, "date", f"'{shown(raw_day)}' is not a date", fix="Write the date as YYYY-MM-DD, e.g. 2026-11-16") from None
    t = {c: parse_hhmm(rec.get(c), row=row, column=c, day=day, next_day=c != "start") for c in REQUIRED[1:]}
    start, end, ls, le = t["start"], t["end"], t["lunch_start"], t["lunch_end"]
    if (start is None) != (end is None):
        col = "end" if end is None else "start"
        raise TimesheetError(row, col, f"the {col} time is blank but the {'start' if col == 'end' else 'end'} is not", day=day,
                             fix="Give both start and end on a day worked, or leave both blank on a day off")
    if start is not None and end is not None and end <= start:
        raise TimesheetError(row, "end", f"the end {fmt_hhmm(end)} is not after the start {fmt_hhmm(start)}", day=day,
                             cite="Art. 4 §5", fix="Give a later end; a tour that runs past midnight ends the next day: write "
                                                   f"its end as {fmt_hhmm(end % DAY)}{NEXT_DAY} (Art. 4 §9)")
    if start is not None and end is not None and end - start > DAY:
        raise TimesheetError(row, "end", f"{fmt_hhmm(start)} to {fmt_hhmm(end)} is longer than a day", day=day,
                             fix="One row holds one tour of at most 24 hours")
    if (ls is None) != (le is None):
        col = "lunch_end" if le is None else "lunch_start"
        raise TimesheetError(row, col, "only one end of the lunch break is given", day=day, cite="Art. 5 §10",
                             fix="Give both lunch_start and lunch_end, or leave both blank")
    if ls is not None and le is not None:
        if start is None:
            raise TimesheetError(row, "lunch_start", "a lunch break is given on a day with no start and end", day=day,
                                 fix="Give the day's start and end, or leave the lunch blank")
        if le <= ls:
            raise TimesheetError(row, "lunch_end", f"the lunch end {fmt_hhmm(le)} is not after its start {fmt_hhmm(ls)}",
                                 day=day, cite="Art. 5 §10", fix="Give the lunch break as a start and a later end")
        if ls < start or le > end:  # type: ignore[operator]
            col = "lunch_start" if ls < start else "lunch_end"  # type: ignore[operator]
            raise TimesheetError(row, col, f"the lunch break {fmt_hhmm(ls)}–{fmt_hhmm(le)} is not inside the day "
                                           f"{fmt_hhmm(start)}–{fmt_hhmm(end)}", day=day,
                                 fix="Put the lunch break between the day's start and end (one after midnight as 01:00+1)")
    kind = _leave_kind(rec.get("leave_kind"), row, day)
    leave = _hours_cell(rec.get("leave_hours"), row, "leave_hours", day)
    if leave and kind is None:
        raise TimesheetError(row, "leave_kind", f"{leave / 60:g} hours of leave are given without their kind", day=day,
                             fix="Say which: " + ", ".join(LEAVE_KINDS))
    ordered = _hours_cell(rec.get("overtime_ordered_hours"), row, "overtime_ordered_hours", day)
    worked = (end - start - ((le - ls) if ls is not None else 0)) if start is not None else 0  # type: ignore[operator]
    if worked + leave > DAY:
        raise TimesheetError(row, "leave_hours", f"{worked / 60:g} hours worked plus {leave / 60:g} hours of leave is more "
                                                 "than a day", day=day, fix="Correct the times or the leave")
    return DayEntry(day, start, end, ls, le, leave, kind if leave else None, ordered, row)


def _columns(names: Iterable[Any]) -> list[str]:
    cols = [" ".join(str(c).replace("\ufeff", "").strip().lower().split()).replace(" ", "_") for c in names]
    missing = [c for c in REQUIRED if c not in cols]
    if missing:
        raise TimesheetError(1, missing[0], f"the column '{missing[0]}' is missing (the header has: {', '.join(cols) or 'nothing'})",
                             fix="The first row must name the columns: " + ",".join(REQUIRED) + " (optional: " + ",".join(OPTIONAL) + ")")
    unknown = [c for c in cols if c and c not in COLUMNS]
    if unknown:
        raise TimesheetError(1, unknown[0], f"'{shown(unknown[0])}' is not a timesheet column",
                             fix="Use only: " + ", ".join(COLUMNS))
    dupes = [c for c in cols if c and cols.count(c) > 1]
    if dupes:
        raise TimesheetError(1, dupes[0], f"the column '{dupes[0]}' appears twice", fix="Keep one column of each name")
    return cols


def _records(source: Any) -> list[tuple[int, dict[str, Any]]]:
    """(row number, {column: cell}) pairs from a path, CSV text or bytes, file, DataFrame or list of dicts."""
    if type(source).__module__.startswith("pandas"):
        cols = _columns(source.columns)
        return [(i + 2, dict(zip(cols, vals))) for i, vals in enumerate(source.itertuples(index=False, name=None))]
    if isinstance(source, (list, tuple)):
        if not source:
            return []
        if not all(isinstance(r, dict) for r in source):
            raise TimesheetError(None, None, "the rows are not records of named cells", fix="Give one dict per day")
        cols = _columns(source[0].keys())
        keys = list(source[0].keys())
        return [(i + 2, {c: r.get(k) for c, k in zip(cols, keys)}) for i, r in enumerate(source)]
    rows = csv_rows(text_of(source))
    header = next(((n, cells) for n, cells in rows if any(c.strip() for c in cells)), None)
    if header is None:
        raise TimesheetError(1, None, "the file is empty", fix="The first row must name the columns: " + ",".join(REQUIRED))
    cols = _columns(header[1])
    out = []
    for n, cells in rows[rows.index(header) + 1:]:
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(cols):
            raise TimesheetError(n, None, f"the row has {len(cells)} cells but the header names {len(cols)} columns",
                                 fix="Remove the extra commas, or quote a cell that contains a comma")
        out.append((n, dict(zip(cols, cells + [""] * (len(cols) - len(cells))))))
    return out


def read_timesheet(source: Any, period_start: Any = None) -> Timesheet:
    """Read and check one pay period's timesheet; the pay period is `period_start` (a first day of a pay period on the
    biweekly grid) or the one holding the earliest row."""
    start = check_period_start(period_start) if period_start is not None else None
    records = _records(source)
    if not records:
        raise TimesheetError(2, None, "the timesheet has no days", fix="Add one row per day of the pay period")
    if len(records) > MAX_ROWS:
        raise TimesheetError(records[MAX_ROWS][0], None, f"the timesheet has {len(records)} rows; one pay period has {PERIOD_DAYS} days",
                             fix="Give one row per day of one pay period")
    entries = [_entry(rec, row) for row, rec in records]
    first = min(entries, key=lambda e: e.day)
    start = start or pay_period_start(first.day)
    end = start + dt.timedelta(days=PERIOD_DAYS - 1)
    seen: dict[dt.date, int] = {}
    for e in entries:
        if not start <= e.day <= end:
            how = "the given pay period" if period_start is not None else "the pay period that the earliest date sets"
            raise TimesheetError(e.row, "date", f"{e.day.isoformat()} is outside {how}, "
                                                f"{start.strftime('%a %Y-%m-%d')} – {end.strftime('%a %Y-%m-%d')}",
                                 day=e.day, cite=_CITE_PERIOD, fix="One timesheet holds one biweekly pay period (14 days from a Sunday): "
                                                        "move the other days to their own timesheet")
        if e.day in seen:
            raise TimesheetError(e.row, "date", f"a second row for {e.day.isoformat()} (the first is row {seen[e.day]})", day=e.day,
                                 fix="Give each day one row: add the hours together or remove the extra row")
        seen[e.day] = e.row or 0
    by_day = {e.day: e for e in entries}
    days = [start + dt.timedelta(days=i) for i in range(PERIOD_DAYS)]
    sheet = Timesheet(start, tuple(by_day.get(d, DayEntry(d)) for d in days))
    for before, e in zip(sheet.entries, sheet.entries[1:]):
        if before.end is not None and e.start is not None and before.end > DAY + e.start:
            raise TimesheetError(e.row, "start", f"the day starts at {fmt_hhmm(e.start)}, before the tour begun the day before ends "
                                                 f"({fmt_hhmm(before.end)})", day=e.day, cite="Art. 4 §9",
                                 fix="Correct one of the two rows: tours may not overlap")
    return sheet


def blank_timesheet(period_start: Any) -> Timesheet:
    """Fourteen empty days from `period_start` (a first day of a pay period)."""
    start = check_period_start(period_start)
    return Timesheet(start, tuple(DayEntry(start + dt.timedelta(days=i)) for i in range(PERIOD_DAYS)))


__all__ = ["COLUMNS", "DAY", "DayEntry", "LEAVE_KINDS", "Timesheet", "TimesheetError", "blank_timesheet", "check_period_start",
           "fmt_clock", "fmt_hhmm", "parse_clock", "shown", "pay_period_start", "parse_hhmm", "read_timesheet"]
