"""The basic work requirement of one pay period, day by day, after holidays (Art. 4 §1.b and the law it defers to).

A holiday takes off the requirement what the law makes it worth: 8 hours on a full-time flexible schedule
(5 U.S.C. 6124), the hours of the tour that day up to 8 for a part-timer (5 CFR 610.405), the compressed day's
hours (5 CFR 610.406). A holiday on a full-time compressed schedule's day off moves to an "in lieu of" day (5 U.S.C.
6103(b)(2)); a part-timer gets none (610.405). An executive-order closure is a holiday for these rules; when the
day next to the day off is already a holiday, the reading schedules.in_lieu_next_to_holiday decides. A half-day
closing excuses half the day's hours and the day stays a workday.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..errors import InvalidInput
from .kinds import (COMPRESSED, FLEXIBLE, HOLIDAY_PREMIUM_READING, IN_LIEU_READING, MON_FRI, Pattern, Schedule, allowed_patterns,
                    default_pattern, even_days)
from .terms import WEEK
from .timesheet import PERIOD_DAYS, DayEntry, Timesheet, check_period_start
from .tours import checked_schedule

if TYPE_CHECKING:
    from ..contract.book import Contract
    from .terms import Terms

# A sample day for "fill the usual days" (lmcore's own starting point to edit, not a rule): from 8:00 a.m. with a
# half-hour lunch at noon on days longer than the core hours, started earlier when it would run past 6:00 p.m.
SAMPLE_START, SAMPLE_LUNCH_START, SAMPLE_LUNCH = 8 * 60, 12 * 60, 30


@dataclass(frozen=True)
class HolidayNote:
    """A holiday in the pay period: the day off it gives this employee and the hours it takes off the requirement."""

    day: dt.date
    name: str
    minutes: int
    observed_on: dt.date | None = None
    note: str = ""
    law: str = ""
    reading: str = ""  # the interpretation the note relied on, if any (reported on the answer)


@dataclass(frozen=True)
class Requirement:
    """The requirement day by day: scheduled minutes after holidays, holiday minutes, where the band applies.

    `days_known` is False for a part-timer on a flexible schedule whose tour was not given: the pay period's total
    is known (§7.a) but not each day's, so `nominal` and `scheduled` are zero. `total` is the pay period's requirement
    on a flexible schedule (its hours less what the holidays are worth), None on a fixed one (the sum of its days).
    `premium` is how many minutes of ordered work each holiday may be paid with holiday premium pay (0 on a closure).
    """

    period_start: dt.date
    nominal: tuple[int, ...]
    scheduled: tuple[int, ...]
    holiday: tuple[int, ...]
    holidays: tuple[HolidayNote, ...]
    outside: tuple[HolidayNote, ...] = ()
    band: tuple[bool, ...] = (True,) * PERIOD_DAYS
    premium: tuple[int, ...] = (0,) * PERIOD_DAYS
    days_known: bool = True
    total: int | None = None

    @property
    def nominal_minutes(self) -> int:
        return sum(self.nominal) if self.days_known else (self.total or 0) + sum(self.holiday)

    @property
    def minutes(self) -> int:
        return self.total if self.total is not None else sum(self.scheduled)

    @property
    def on(self) -> tuple[bool, ...]:
        """Days with hours to account for (leave is charged only on them)."""
        return tuple(m > 0 for m in self.scheduled) if self.days_known else tuple(b and (i % WEEK) in MON_FRI
                                                                                   for i, b in enumerate(self.band))


def _terms(contract: Contract, terms: Terms | None) -> Terms:
    from .terms import Terms

    return terms or Terms.of(contract)


def nominal_minutes(schedule: Schedule, terms: Terms, layout: Pattern | None = None) -> tuple[int, ...] | None:
    """Minutes scheduled each day before holidays: the tour or layout, the usual full-time day, or None (not known)."""
    if schedule.tour is not None:
        return schedule.tour.minutes
    if schedule.kind in COMPRESSED:
        return (layout or schedule.layout or default_pattern(schedule.kind, terms)).minutes
    if schedule.part_time:
        return None  # a part-timer's day is the tour's: never an invented even spread
    weekdays = [i for i in range(PERIOD_DAYS) if i % WEEK in MON_FRI]
    out = [0] * PERIOD_DAYS
    for i, m in zip(weekdays, even_days(terms.full_time(schedule.kind), len(weekdays))):
        out[i] = m
    return tuple(out)


def holidays_near(period_start: dt.date, contract: Contract) -> dict[dt.date, str]:
    """Holidays, closures and half-day closings of the pay period and the week on either side (where an "in lieu of" day
    can come from)."""
    lo, hi = period_start - dt.timedelta(days=WEEK), period_start + dt.timedelta(days=PERIOD_DAYS - 1 + WEEK)
    cal = contract.calendar
    found = cal.holidays_between(lo, hi)
    found.update({d: n for d, n in cal.half_days.items() if lo <= d <= hi})  # workdays, but half of the day is excused
    return dict(sorted(found.items()))


def _is_half(name: str) -> bool:
    return "half-day" in name.lower()


def _value(schedule: Schedule, day_minutes: int, t: Terms) -> tuple[int, str, str]:
    """What a holiday on a scheduled day is worth to this employee: minutes, the law, the rule in words."""
    if schedule.kind in COMPRESSED:
        return day_minutes, "5 CFR 610.406(b)" if schedule.part_time else "5 CFR 610.406(a)", \
            "the hours of the compressed schedule on that day"
    if schedule.kind in FLEXIBLE and schedule.part_time:
        cap = t.holiday_part_time_max
        return min(day_minutes, cap), "5 CFR 610.405", f"the hours of the tour that day, not more than {cap / 60:g}"
    if schedule.kind in FLEXIBLE:
        return t.holiday_flexible, "5 U.S.C. 6124", f"{t.holiday_flexible / 60:g} hours on a full-time flexible schedule"
    return min(day_minutes, t.workday), "5 U.S.C. 6103(a); 5 U.S.C. 6101(a)(3)", "the hours scheduled that day"


def requirement(schedule: Schedule, period_start: dt.date, contract: Contract, layout: Pattern | None = None, *,
                found: dict[dt.date, str] | None = None, terms: Terms | None = None) -> Requirement:
    """The pay period's requirement after holidays, each holiday's hours and any "in lieu of" day (§1.b, law)."""
    t = _terms(contract, terms)
    check_period_start(period_start)  # a pay period starts on the biweekly grid: never a silently shifted week
    schedule = checked_schedule(schedule, t)  # a tour sets the part-time hours (or a compressed layout) first
    known = nominal_minutes(schedule, t, layout)
    nominal = list(known or (0,) * PERIOD_DAYS)
    sched, hol, prem = list(nominal), [0] * PERIOD_DAYS, [0] * PERIOD_DAYS
    weekend_band = schedule.shift == "other" and schedule.tour is not None
    band = [(i % WEEK in MON_FRI) or (weekend_band and nominal[i] > 0) for i in range(PERIOD_DAYS)]
    found = holidays_near(period_start, contract) if found is None else found
    full = {d for d, n in found.items() if d.weekday() < 5 and not _is_half(n)}
    notes: list[HolidayNote] = []
    outside: list[HolidayNote] = []
    taken: set[dt.date] = set()
    premium_reading = contract.choice(HOLIDAY_PREMIUM_READING) if HOLIDAY_PREMIUM_READING in contract.interpretations else None
    for day, name in sorted(found.items()):
        if day.weekday() >= 5:
            continue  # a weekend holiday is observed on the Friday before or Monday after: that date is also listed
        i = (day - period_start).days
        inside = 0 <= i < PERIOD_DAYS
        closure = name.startswith("Closure:")
        if inside and known is None:
            raise InvalidInput(f"{name} ({day:%a %Y-%m-%d}) is in this pay period, and a part-time employee's holiday is \"the number "
                               f"of hours the employee is scheduled to work on that day\" (5 CFR 610.405): the tour is needed",
                               cite="Art. 4 §1.b", fix="Give the tour (the hours of each day), e.g. Mon=5,Tue=5,Wed=5,Thu=5", field="tour")
        if inside and _is_half(name):
            if nominal[i] > 0:
                mins = _value(schedule, nominal[i], t)[0] // 2  # half of what the day would be worth as a holiday
                notes.append(HolidayNote(day, name, mins, None, "a half-day closing: the last half of the scheduled day is excused "
                                         "and the day stays a workday", "5 U.S.C. 6103(b); executive order"))
                hol[i], sched[i] = mins, nominal[i] - mins
                prem[i] = mins
            elif schedule.kind in COMPRESSED and not schedule.part_time:
                outside.append(HolidayNote(day, name, 0, day, f"{name} falls on the regular day off {day:%a %m-%d}: lmcore gives no "
                                           "\"in lieu of\" half day (the order excuses the last half of a scheduled workday, and a day "
                                           "off has none); the agency's guidance for that order decides", "executive order"))
            continue
        if inside and nominal[i] > 0:
            mins, law, words = _value(schedule, nominal[i], t)
            if closure:  # an office closure the user added: the scheduled hours are excused (administrative leave)
                mins, law, words = nominal[i], "5 U.S.C. 6329a", "an office closure: the hours scheduled that day are excused"
            notes.append(HolidayNote(day, name, mins, None, words, law))
            # the holiday excuses its worth; a part-timer's tour hours beyond the 8 of 5 CFR 610.405 remain to account for
            hol[i], sched[i], band[i] = mins, max(nominal[i] - mins, 0), False
            taken.add(day)
            if not closure:
                prem[i] = nominal[i] if schedule.kind in COMPRESSED and premium_reading != "eight_hours" else t.holiday_premium_max
            continue
        if inside:
            band[i] = False  # a holiday is no workday, scheduled or not
        if closure or nominal[i % PERIOD_DAYS] > 0:
            continue  # only a holiday on a day off can move; an office closure on a day off excuses nothing
        if schedule.part_time:
            if inside:
                outside.append(HolidayNote(day, name, 0, day, f"{name} falls on a day with no hours in the tour ({day:%a %m-%d}): a "
                                           f"part-time employee gets no other day (\"{t.quote('law:holidays.part_time_no_in_lieu').rstrip('.')}\")",
                                           "5 CFR 610.405"))
            continue
        if schedule.kind not in COMPRESSED:
            continue
        note = _in_lieu(day, name, i, nominal, found, full, taken, period_start, contract, t)
        if note is None:
            continue
        j = (note.day - period_start).days
        if note.minutes and 0 <= j < PERIOD_DAYS:
            half = [n for n in notes if n.day == note.day and _is_half(n.name)]
            if half:  # the in-lieu day off takes the whole day: a half-day closing that day no longer matters
                notes.remove(half[0])
                note = replace(note, note=note.note + f" (it takes the whole day, so the {half[0].name} that day adds nothing)")
            notes.append(note)
            hol[j], sched[j], band[j] = nominal[j], 0, False
            prem[j] = nominal[j] if premium_reading != "eight_hours" else t.holiday_premium_max
        elif inside:
            outside.append(note if not note.minutes else replace(note, minutes=0, note=note.note + "; that day is in another pay period"))
    if known is None:
        total: int | None = int(round(schedule.part_time_hours * 60))  # type: ignore[operator]
    elif schedule.kind in FLEXIBLE:
        total = sum(nominal) - sum(hol)  # the pay period's hours less what its holidays are worth, whatever the usual day
    else:
        total = None
    return Requirement(period_start, tuple(nominal), tuple(sched), tuple(hol), tuple(sorted(notes, key=lambda n: n.day)),
                       tuple(outside), tuple(band), tuple(prem), known is not None, total)


def _in_lieu(day: dt.date, name: str, i: int, nominal: list[int], found: dict[dt.date, str], full: set[dt.date],
             taken: set[dt.date], period_start: dt.date, contract: Contract, t: Terms) -> HolidayNote | None:
    """The "in lieu of" day of a holiday on a compressed schedule's regular day off (5 U.S.C. 6103(b)(2)), or why none."""
    before = day - dt.timedelta(days=1)
    sunday = before in found and before.weekday() == 6 and "observed" in name
    step = 1 if sunday else -1
    reading = contract.choice(IN_LIEU_READING) if IN_LIEU_READING in contract.interpretations else "next_free_workday"
    skipped: list[str] = []
    for k in range(1, 3 * PERIOD_DAYS):
        j = i + step * k
        if nominal[j % PERIOD_DAYS] == 0:
            continue
        lieu = period_start + dt.timedelta(days=j)
        if lieu in full or lieu in taken:
            skipped.append(f"{lieu:%a %m-%d} ({found.get(lieu, 'already an in-lieu day')})")
            if reading == "none":
                return HolidayNote(day, name, 0, day, f"{name} falls on the regular day off {day:%a %m-%d} and the workday "
                                   f"{'after' if sunday else 'before'} it, {skipped[0]}, is already a day off: no \"in lieu of\" day "
                                   f"under {contract.reading_words(IN_LIEU_READING, 'none')}", "5 U.S.C. 6103(b)(2)",
                                   IN_LIEU_READING)
            continue
        taken.add(lieu)
        where = ("next scheduled workday (the holiday itself is a Sunday)" if sunday else "scheduled workday immediately before it")
        passed = f", passing over {', '.join(skipped)} ({contract.reading_words(IN_LIEU_READING)})" if skipped else ""
        note = (f"{name} falls on the regular day off {day:%a %m-%d}: the {where}{passed}, {lieu:%a %m-%d}, is the \"in lieu of\" "
                "holiday; the agency may designate another day to prevent an adverse agency impact (5 U.S.C. 6103(d))")
        law = "5 U.S.C. 6103(b)(2); Executive Order 11582" if sunday else "5 U.S.C. 6103(b)(2)"
        return HolidayNote(lieu, f"{name} (in lieu of {day:%a %m-%d})", nominal[j % PERIOD_DAYS], day, note, law,
                           IN_LIEU_READING if skipped else "")
    return None


def infer_layout(kind: str, timesheet: Timesheet, contract: Contract, terms: Terms | None = None) -> tuple[Pattern, int]:
    """The allowed layout closest to the hours worked and on leave each day; also how many layouts tie with it."""
    t = _terms(contract, terms)
    pats = allowed_patterns(kind, t)
    accounted = [e.worked_minutes + e.leave_minutes for e in timesheet.entries]
    best: list[tuple[int, int, Pattern]] = []
    default = default_pattern(kind, t)
    found = holidays_near(timesheet.period_start, contract)
    for n, p in enumerate(pats):
        req = requirement(Schedule(kind, layout=p), timesheet.period_start, contract, found=found, terms=t)
        score = sum(abs(a - s) for a, s in zip(accounted, req.scheduled))
        best.append((score, 0 if p == default else n + 1, p))
    best.sort(key=lambda x: (x[0], x[1]))
    ties = sum(1 for x in best if x[0] == best[0][0])
    return best[0][2], ties


def usual_entries(schedule: Schedule, period_start: dt.date, contract: Contract, terms: Terms | None = None) -> Timesheet:
    """A timesheet of the usual days for this schedule (holidays and days off blank): a starting point to edit."""
    t = _terms(contract, terms)
    try:
        req = requirement(schedule, period_start, contract, terms=t)
        days = req.scheduled if req.days_known else None
    except InvalidInput:
        days = None
    if days is None:  # a part-timer without a tour: nothing to fill in but the blank days
        return Timesheet(period_start, tuple(DayEntry(period_start + dt.timedelta(days=i)) for i in range(PERIOD_DAYS)))
    entries = []
    for i, mins in enumerate(days):
        day = period_start + dt.timedelta(days=i)
        if mins <= 0:
            entries.append(DayEntry(day))
            continue
        lunch = SAMPLE_LUNCH if mins > t.core_length else 0
        start = max(t.band[0], min(SAMPLE_START, t.premium_after - mins - lunch)) if schedule.shift == "day" else SAMPLE_START
        ls = SAMPLE_LUNCH_START if lunch and start < SAMPLE_LUNCH_START < start + mins else None
        lunch = lunch if ls is not None else 0
        entries.append(DayEntry(day, start, start + mins + lunch, ls, (ls + lunch) if ls is not None else None))
    return Timesheet(period_start, tuple(entries))


__all__ = ["HolidayNote", "Requirement", "holidays_near", "infer_layout", "nominal_minutes", "requirement", "usual_entries"]
