"""WorkdayCalendar: federal holidays, office closures and workday arithmetic, scalar or vectorised (numpy)."""
from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Any, Callable, Literal

import numpy as np

from .errors import InvalidDate, InvalidInput, OutOfRange

Roll = Literal["none", "forward", "backward"]
# How to count from an event that falls on a weekend, holiday or closure (interpretation count.event_on_nonworkday).
NonworkdayStart = Literal["next_workday_is_day_1", "deemed_received_next_workday"]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_FEDERAL_LAW = "5 U.S.C. 6103"
_HALF_DAY = "half-day closing"  # how the `holidays` package names an executive order closing offices for part of a day


@dataclass(frozen=True)
class Step:
    """One calendar day looked at while counting: counted (with its number) or skipped (with the reason)."""

    day: dt.date
    counted: bool
    number: int | None = None
    reason: str | None = None
    note: str | None = None  # a counted day worth naming: a half-day closing is still a workday

    def __str__(self) -> str:
        wd = _WEEKDAYS[self.day.weekday()][:3]
        if self.counted:
            return f"day {self.number}: {wd} {self.day.isoformat()}" + (f" ({self.note})" if self.note else "")
        return f"skipped {wd} {self.day.isoformat()}: {self.reason}"


class WorkdayCalendar:
    """Monday–Friday less federal holidays (OPM observed dates) and office closures, for a range of years."""

    def __init__(
        self,
        *,
        first_year: int = 1971,
        last_year: int = 2099,
        closures: Mapping[dt.date, str] | None = None,
        inauguration_day: bool = False,
        executive_order_closures: bool = True,
    ):
        if first_year > last_year:
            raise InvalidInput(f"first year {first_year} is after last year {last_year}", fix="Swap the two years")
        self.first_year = first_year
        self.last_year = last_year
        self._lo = np.datetime64(f"{first_year}-01-01", "D")
        self._hi = np.datetime64(f"{last_year}-12-31", "D")
        self.inauguration_day = inauguration_day
        self.executive_order_closures = executive_order_closures
        found = _federal_holidays(first_year, last_year, inauguration_day, executive_order_closures)
        # Half-day closings (the government category marks them, e.g. Thu 2015-12-24) are workdays: named, never skipped.
        self.half_days: dict[dt.date, str] = {d: n for d, n in found.items() if _HALF_DAY in n.lower()}
        self.holidays: dict[dt.date, str] = {d: n for d, n in found.items() if d not in self.half_days}
        # Which holidays come from an executive order or the DC-area Inauguration Day (so a result can say so).
        self.executive_order_days = frozenset(_executive_order_days(first_year, last_year)) & set(self.holidays)
        self.inauguration_days = frozenset(d for d, n in self.holidays.items() if "Inauguration Day" in n)
        self.closures: dict[dt.date, str] = {}
        self._busdaycal = np.busdaycalendar(weekmask="1111100", holidays=np.array(sorted(self.holidays), dtype="datetime64[D]"))
        if closures:
            added = self.with_closures(closures)
            self.closures, self._busdaycal = added.closures, added._busdaycal

    # -- building variants ---------------------------------------------------------------------
    def with_closures(self, closures: Mapping[dt.date, str]) -> WorkdayCalendar:
        """A copy with more office closures (an executive-order day off, a weather closure); holidays are reused."""
        if not closures:
            return self
        new = copy.copy(self)
        new.closures = dict(self.closures)
        for day, name in closures.items():
            day = _to_date(day, "closure date")
            self._check_scalar(day)
            new.closures[day] = str(name).strip() or "Office closure"
        nonwork = sorted(set(new.holidays) | set(new.closures))
        new._busdaycal = np.busdaycalendar(weekmask="1111100", holidays=np.array(nonwork, dtype="datetime64[D]"))
        return new

    @property
    def busdaycalendar(self) -> np.busdaycalendar:
        """The numpy business-day calendar, for bulk work outside this class."""
        return self._busdaycal

    # -- single-day questions ------------------------------------------------------------------
    def is_workday(self, day: Any) -> Any:
        """True on a Monday–Friday that is neither a holiday nor a closure (scalar, array or Series)."""
        arr, back = self._days(day)
        return back(np.is_busday(arr, busdaycal=self._busdaycal), dates=False)

    def skip_reason(self, day: dt.date) -> str | None:
        """Why a day is not a workday, in words ("Saturday", "Thanksgiving Day", "Closure: snow"), or None."""
        day = _to_date(day, "date")
        parts = []
        if day.weekday() >= 5:
            parts.append(_WEEKDAYS[day.weekday()])
        if day in self.holidays:
            parts.append(self.holidays[day])
        if day in self.closures:
            parts.append(f"Closure: {self.closures[day]}")
        if not parts:
            return None
        return parts[0] + (f" ({'; '.join(parts[1:])})" if len(parts) > 1 else "")

    def day_note(self, day: dt.date) -> str | None:
        """Why a workday is worth naming: a half-day closing ("Christmas Eve (half-day closing)") is still a workday."""
        day = _to_date(day, "date")
        name = self.half_days.get(day)
        if name is None or day in self.closures:
            return None
        return f"{name}: offices close for part of the day only, so it is a workday"

    def holidays_between(self, start: dt.date, end: dt.date) -> dict[dt.date, str]:
        """Holidays and closures from start to end inclusive, with their names."""
        start, end = _to_date(start, "start"), _to_date(end, "end")
        out = {d: n for d, n in self.holidays.items() if start <= d <= end}
        out.update({d: f"Closure: {n}" for d, n in self.closures.items() if start <= d <= end})
        return dict(sorted(out.items()))

    # -- arithmetic ----------------------------------------------------------------------------
    def add_workdays(self, start: Any, n: Any, *, nonworkday_start: NonworkdayStart = "next_workday_is_day_1") -> Any:
        """The n-th workday after start (start not counted); n < 0 counts backward; n == 0 is start or the next workday."""
        arr, back = self._days(start)
        offsets = np.asarray(n)
        if offsets.dtype.kind not in "iu":
            if offsets.dtype.kind == "f" and np.all(np.mod(offsets, 1) == 0):
                offsets = offsets.astype(np.int64)
            else:
                raise InvalidInput(f"a number of workdays must be a whole number, not {n!r}", fix="Give an integer")
        forward_roll = "forward" if nonworkday_start == "deemed_received_next_workday" else "backward"
        if offsets.ndim == 0:
            roll = forward_roll if offsets > 0 else "forward"
            out = np.busday_offset(arr, offsets, roll=roll, busdaycal=self._busdaycal)
        else:
            ahead = np.busday_offset(arr, offsets, roll=forward_roll, busdaycal=self._busdaycal)
            behind = np.busday_offset(arr, offsets, roll="forward", busdaycal=self._busdaycal)
            out = np.where(offsets > 0, ahead, behind)
        self._check(out, "the result")
        return back(out)

    def workdays_between(self, start: Any, end: Any) -> Any:
        """Workdays after start up to and including end; negative when end is before start (inverse of add_workdays)."""
        a, back = self._days(start)
        b, _ = self._days(end)
        one = np.timedelta64(1, "D")
        ahead = np.busday_count(a + one, b + one, busdaycal=self._busdaycal)
        behind = -np.busday_count(b, a, busdaycal=self._busdaycal)  # workdays in [end, start), made negative
        return back(np.where(b >= a, ahead, behind), dates=False)

    def add_calendar_days(self, start: Any, n: Any, *, roll: Roll = "none") -> Any:
        """start + n calendar days; if that is not a workday, roll "forward", "backward" or not at all ("none")."""
        arr, back = self._days(start)
        out = arr + np.asarray(n).astype("timedelta64[D]")
        if roll != "none":
            if roll not in ("forward", "backward"):
                raise InvalidInput(f"unknown roll policy {roll!r}", fix="Use 'none', 'forward' or 'backward'")
            out = np.busday_offset(out, 0, roll=roll, busdaycal=self._busdaycal)
        self._check(out, "the result")
        return back(out)

    def explain(self, start: dt.date, due: dt.date, *, counting: str = "workdays") -> tuple[Step, ...]:
        """Every day from the day after start to due (or back to due): counted, or skipped with the reason."""
        start, due = _to_date(start, "start"), _to_date(due, "due date")
        sign = 1 if due >= start else -1
        steps: list[Step] = []
        number = 0
        day = start
        while day != due:
            day += dt.timedelta(days=sign)
            reason = self.skip_reason(day)
            if counting == "workdays" and reason:
                steps.append(Step(day, False, None, reason))
            else:
                number += 1
                steps.append(Step(day, True, number, reason, None if reason else self.day_note(day)))
        return tuple(steps)

    def passed_over(self, plain: dt.date, due: dt.date) -> tuple[Step, ...]:
        """The days a roll passes over, from the last day counted (`plain`) toward `due`, due itself excluded."""
        plain, due = _to_date(plain, "last day"), _to_date(due, "due date")
        sign = 1 if due >= plain else -1
        out, day = [], plain
        while day != due:
            out.append(Step(day, False, None, self.skip_reason(day)))
            day += dt.timedelta(days=sign)
        return tuple(out)

    # -- conversion and checks -----------------------------------------------------------------
    def _days(self, value: Any) -> tuple[np.ndarray, Callable[..., Any]]:
        """Any date input as datetime64[D], and a function that gives results back in the caller's form."""
        if isinstance(value, (dt.date, str)) or (isinstance(value, np.datetime64) and np.ndim(value) == 0):
            day = _to_date(value, "date")
            arr = np.datetime64(day, "D")
            self._check(arr, "the date")
            return arr, _scalar_back
        module = type(value).__module__
        if module.startswith("pandas"):
            import pandas as pd

            try:
                arr = np.asarray(pd.to_datetime(value).to_numpy(dtype="datetime64[D]"))
            except (ValueError, TypeError) as exc:
                raise InvalidDate(f"cannot read these dates: {exc}", fix="Use YYYY-MM-DD dates") from exc
            index, name = getattr(value, "index", None), getattr(value, "name", None)

            def back(a: np.ndarray, dates: bool = True) -> Any:
                return pd.Series(a, index=index, name=name) if index is not None else pd.Index(a, name=name)

            self._check(arr, "a date")
            return arr, back
        try:
            arr = np.asarray(value, dtype="datetime64[D]")
        except (ValueError, TypeError) as exc:
            raise InvalidDate(f"cannot read these dates: {exc}", fix="Use YYYY-MM-DD dates") from exc
        self._check(arr, "a date")
        return arr, _array_back

    def _check(self, arr: np.ndarray, what: str) -> None:
        if arr.size == 0:
            return
        if np.isnat(arr).any():
            raise InvalidDate(f"{what} is missing (NaT)", fix="Fill in every date")
        lo, hi = arr.min(), arr.max()
        if lo < self._lo or hi > self._hi:
            bad = lo if lo < self._lo else hi
            raise OutOfRange(
                f"{what} {bad} is outside the years this calendar knows ({self.first_year}–{self.last_year})",
                cite=_FEDERAL_LAW,
                fix="Use a date in that range, or build a WorkdayCalendar with more years",
            )

    def _check_scalar(self, day: dt.date) -> None:
        self._check(np.datetime64(day, "D"), "the date")


def _scalar_back(a: np.ndarray, dates: bool = True) -> Any:
    return a.item()


def _array_back(a: np.ndarray, dates: bool = True) -> np.ndarray:
    return a


def _to_date(value: Any, what: str) -> dt.date:
    """A datetime.date from a date, datetime, numpy datetime64 or 'YYYY-MM-DD' string, or a clear error."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, np.datetime64):
        if np.isnat(value):
            raise InvalidDate(f"the {what} is missing (NaT)", fix="Give a date")
        return value.astype("datetime64[D]").item()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise InvalidDate(
                f"'{value}' is not a real calendar date (the {what})", fix="Write it as YYYY-MM-DD, e.g. 2026-11-18"
            ) from None
    raise InvalidDate(f"the {what} {value!r} is not a date", fix="Give a date as YYYY-MM-DD")


def to_date(value: Any, what: str = "date") -> dt.date:
    """Public form of the date reader used across lmcore (strings, dates, datetimes, datetime64)."""
    return _to_date(value, what)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day of the month `months` later, or that month's last day (Nov 30 + 3 months = Feb 28)."""
    from calendar import monthrange

    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    return dt.date(year, month, min(day.day, monthrange(year, month)[1]))


def _federal_holidays(first: int, last: int, inauguration: bool, executive_orders: bool) -> dict[dt.date, str]:
    """Federal holidays with OPM observed dates (5 U.S.C. 6103; E.O. 11582), from the `holidays` package."""
    cats = ("government",) if executive_orders else ("public",)
    found = dict(_us_holidays(cats, None, first, last))
    if inauguration:
        dc = _us_holidays(("public",), "DC", first, last)
        for day, name in dc.items():
            if "Inauguration Day" in name and day.weekday() < 5:
                found[day] = f"{found[day]}; Inauguration Day" if day in found else "Inauguration Day"
    return {d: n for d, n in found.items() if first <= d.year <= last}


def _executive_order_days(first: int, last: int) -> set[dt.date]:
    """Days the government category adds to the public holidays: past executive-order closures."""
    return set(_us_holidays(("government",), None, first, last)) - set(_us_holidays(("public",), None, first, last))


@lru_cache(maxsize=16)
def _us_holidays(categories: tuple[str, ...], subdiv: str | None, first: int, last: int) -> Mapping[dt.date, str]:
    """The `holidays` package's US table for these years, built once per process (each costs ~0.1 s for 129
    years; a kernel's calendars under the calendar readings ask for the same few tables up to 11 times)."""
    import holidays

    return MappingProxyType(dict(holidays.US(categories=categories, subdiv=subdiv, years=range(first, last + 1))))
