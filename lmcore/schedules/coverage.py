"""Office coverage (Art. 4 §10): a team's hours against the official 8½-hour office day, half hour by half hour.

"The official work day for office coverage shall be an 8 1/2 hour day, Monday through Friday" (§10.b); each office
determines adequate coverage during official hours (§10.a), so the start of the office day and the head-count
needed are inputs. A person counts in a half hour only when at work for the whole of it (not on lunch or leave).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Mapping

import numpy as np

from ..errors import InvalidInput, OutOfRange
from .timesheet import PERIOD_DAYS, DayEntry, Timesheet, fmt_clock, parse_clock, parse_hhmm

if TYPE_CHECKING:
    from ..contract.book import Contract

CITE = "Art. 4 §10.b"
SLOT = 30
DEFAULT_OFFICE_START = "08:00"
_WEEKDAY = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4}


@dataclass(frozen=True)
class Gap:
    """A half hour of the office day with fewer people at work than needed."""

    day: dt.date
    start: int
    count: int

    def __str__(self) -> str:
        return f"{self.day:%a %Y-%m-%d} {fmt_clock(self.start)}–{fmt_clock(self.start + SLOT)}: {self.count} at work"


@dataclass(frozen=True)
class Coverage:
    """Head-count for every half hour of the office day on each workday of a pay period, and the gaps."""

    days: tuple[dt.date, ...]
    slots: tuple[int, ...]
    counts: np.ndarray
    names: tuple[str, ...]
    present: np.ndarray
    minimum: int
    gaps: tuple[Gap, ...]
    closed: tuple[tuple[dt.date, str], ...]

    @property
    def office_hours(self) -> str:
        return f"{fmt_clock(self.slots[0])}–{fmt_clock(self.slots[-1] + SLOT)}"

    def explain(self) -> str:
        """The coverage in words: the office day, the lowest head-count, and every gap by day."""
        lines = [f"Office day {self.office_hours}, Monday through Friday ({CITE}); {len(self.names)} people; "
                 f"at least {self.minimum} needed in each half hour."]
        if self.counts.size:
            lines.append(f"Fewest at work in any half hour: {int(self.counts.min())}; most: {int(self.counts.max())}.")
        for day, name in self.closed:
            lines.append(f"{day:%a %Y-%m-%d}: office closed ({name}).")
        if not self.gaps:
            lines.append("No gaps: every half hour of every office day is covered.")
        by_day: dict[dt.date, list[Gap]] = {}
        for g in self.gaps:
            by_day.setdefault(g.day, []).append(g)
        for day, gaps in by_day.items():
            lines.append(f"Gaps {day:%a %Y-%m-%d}: " + "; ".join(f"{fmt_clock(g.start)}–{fmt_clock(g.start + SLOT)} ({g.count})" for g in gaps))
        return "\n".join(lines)


def office_slots(contract: Contract, office_start: str = DEFAULT_OFFICE_START) -> tuple[int, ...]:
    """The half hours of the official office day: 8½ hours (§10.b) from the office's start, within the 6–7 band."""
    from .terms import Terms

    start = parse_clock(office_start, "office day start", CITE)
    t = Terms.of(contract)
    length = t.office_day
    b0, b1 = t.band
    if start < b0 or start + length > b1:
        raise OutOfRange(f"an office day from {fmt_clock(start)} would end at {fmt_clock(start + length)}, outside the "
                         f"{fmt_clock(b0)}–{fmt_clock(b1)} day shift", cite="Art. 4 §5",
                         fix=f"Start the office day between {fmt_clock(b0)} and {fmt_clock(b1 - length)}")
    return tuple(range(start, start + length, SLOT))


def coverage(team: Mapping[str, Timesheet], contract: Contract, *, office_start: str = DEFAULT_OFFICE_START,
             minimum: int = 1) -> Coverage:
    """Head-count per half hour of the office day for a team's timesheets of the same pay period, and the gaps."""
    if not team:
        raise InvalidInput("no one in the team", cite=CITE, fix="Give at least one person's schedule")
    if minimum < 1:
        raise OutOfRange(f"the head-count needed must be at least 1 (got {minimum})", cite="Art. 4 §10.a", fix="Give 1 or more")
    starts = {ts.period_start for ts in team.values()}
    if len(starts) > 1:
        raise InvalidInput("the team's timesheets are for different pay periods", cite=CITE, fix="Give timesheets of one pay period")
    period = starts.pop()
    slots = np.array(office_slots(contract, office_start))
    cal = contract.calendar
    all_days = [period + dt.timedelta(days=i) for i in range(PERIOD_DAYS)]
    days = [d for d in all_days if d.weekday() < 5 and cal.is_workday(d)]
    closed = tuple((d, cal.skip_reason(d) or "") for d in all_days if d.weekday() < 5 and not cal.is_workday(d))
    idx = [all_days.index(d) for d in days]
    names = tuple(team)
    present = np.zeros((len(names), len(days), len(slots)), dtype=bool)
    for p, name in enumerate(names):
        a = team[name].arrays()
        s, e, ls, le = (a[k][idx][:, None] for k in ("start", "end", "lunch_start", "lunch_end"))
        at_work = (s <= slots) & (e >= slots + SLOT) & (e > s)
        on_lunch = (ls < slots + SLOT) & (le > slots) & (le > ls)
        present[p] = at_work & ~on_lunch
    counts = present.sum(0)
    gaps = tuple(Gap(days[i], int(slots[j]), int(counts[i, j])) for i, j in zip(*np.nonzero(counts < minimum)))
    return Coverage(tuple(days), tuple(int(x) for x in slots), counts, names, present, minimum, gaps, closed)


def team_from_text(text: str, period_start: dt.date) -> dict[str, Timesheet]:
    """Lines 'Name, 07:00, 15:30, 11:30, 12:00, off Fri2 Mon' → each person's usual pay period (days off blank).

    Columns: name, start, end, lunch start, lunch end (lunch may be blank), then optional days off: Mon–Fri for both
    weeks, or with 1/2 for one week (the 5-4/9's "Fri2").
    """
    team: dict[str, Timesheet] = {}
    for n, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip() or line.strip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split(",")]
        if len(cells) < 3:
            raise InvalidInput(f"team line {n} '{line.strip()}' needs at least a name, a start and an end", cite=CITE,
                               fix="Write: name, 07:00, 15:30, 11:30, 12:00, off Fri2", field="team")
        name = cells[0] or f"Person {n}"
        if name in team:
            raise InvalidInput(f"team line {n}: '{name}' is listed twice", fix="Give each person one line", field="team")
        times = [parse_hhmm(c, row=n, column=col) for c, col in zip(cells[1:5], ("start", "end", "lunch_start", "lunch_end"))]
        times += [None] * (4 - len(times))
        start, end, ls, le = times
        if start is None or end is None or end <= start:
            raise InvalidInput(f"team line {n}: '{name}' needs a start and a later end", cite="Art. 4 §5",
                               fix="Write the times as HH:MM, e.g. 07:00, 15:30", field="team")
        if (ls is None) != (le is None) or (ls is not None and not start <= ls < le <= end):  # type: ignore[operator]
            raise InvalidInput(f"team line {n}: '{name}''s lunch must be a start and a later end inside the day", cite="Art. 5 §10",
                               fix="Write the lunch as 11:30, 12:00, or leave both blank", field="team")
        off = _days_off(" ".join(cells[5:]), n)
        entries = []
        for i in range(PERIOD_DAYS):
            day = period_start + dt.timedelta(days=i)
            works = day.weekday() < 5 and (day.weekday(), i // 7) not in off
            entries.append(DayEntry(day, start, end, ls, le) if works else DayEntry(day))
        team[name] = Timesheet(period_start, tuple(entries))
    if not team:
        raise InvalidInput("no one in the team", cite=CITE, fix="Write one line per person: name, 07:00, 15:30, 11:30, 12:00", field="team")
    return team


def _days_off(text: str, line: int) -> set[tuple[int, int]]:
    """'off Fri2 Mon' → {(weekday, week of the pay period)}: Fri of week 2, Mon of both weeks."""
    out: set[tuple[int, int]] = set()
    for word in text.replace("off", " ").replace(";", " ").split():
        key, week = word[:3].lower(), word[3:]
        if key not in _WEEKDAY or week not in ("", "1", "2"):
            raise InvalidInput(f"team line {line}: '{word}' is not a day off like Fri, Fri1 or Fri2", field="team",
                               fix="Name days off as Mon–Fri, with 1 or 2 for one week only")
        wd = _WEEKDAY[key]
        out |= {(wd, int(week) - 1)} if week else {(wd, 0), (wd, 1)}
    return out


def team_from_timesheets(team: Mapping[str, Any], period_start: Any = None) -> dict[str, Timesheet]:
    """Each person's timesheet (path, CSV text, DataFrame or Timesheet) read for coverage."""
    from .timesheet import read_timesheet

    return {name: ts if isinstance(ts, Timesheet) else read_timesheet(ts, period_start) for name, ts in team.items()}


__all__ = ["CITE", "Coverage", "Gap", "coverage", "office_slots", "team_from_text", "team_from_timesheets"]
