"""An employee's own tour of duty, and the checks that make a Schedule fit the contract's numbers.

A tour is the hours scheduled on each day of the pay period. Written as hours per weekday, the same both weeks:
`Mon=5,Tue=5,Wed=5,Thu=5`; or each week on its own, weeks separated by `;`: `W1:Mon=9,Tue=9,Wed=9,Thu=9,Fri=8;
W2:Mon=9,Tue=9,Wed=9,Thu=9`. Hours are decimal (4.5) or H:MM (4:30); days not named are days off. A part-time
employee's holiday is the hours of the tour that day (5 CFR 610.405, 610.406(b)), so the tour is needed whenever
a holiday falls in the pay period; a compressed schedule of one's own (§2.c(1)) is a tour too.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from ..errors import InvalidInput, OutOfRange
from .kinds import CITES, COMPRESSED, LABELS, MON_FRI, WEEKDAYS, Pattern, Schedule, Tour, check_layout
from .terms import WEEK
from .timesheet import shown

if TYPE_CHECKING:
    from .terms import Terms

CITE = "Art. 4 §7.a"
FIX = "Write the tour as hours per weekday, e.g. Mon=5,Tue=5,Wed=5,Thu=5 (both weeks) or W1:Mon=9,Tue=9;W2:Wed=9 (each week)"
_DAY_NAMES = ("sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday")
_HOURS = re.compile(r"^(\d{1,2})(?::([0-5]\d))?$|^(\d{1,2}(?:\.\d+)?)$")


def _hours(text: str, part: str) -> int:
    m = _HOURS.match(text.strip())
    if not m:
        raise InvalidInput(f"'{shown(part)}' does not give a number of hours", cite=CITE, fix=FIX, field="tour")
    minutes = int(m.group(1)) * 60 + int(m.group(2) or 0) if m.group(1) else float(m.group(3)) * 60
    if abs(minutes - round(minutes)) > 1e-6:
        raise InvalidInput(f"'{shown(part)}' is not in whole minutes", cite=CITE, fix="Give hours such as 4.5 or 4:30", field="tour")
    minutes = int(round(minutes))
    if minutes > 24 * 60:
        raise OutOfRange(f"'{shown(part)}' is more than the 24 hours of a day", cite=CITE, fix=FIX, field="tour")
    return minutes


def _week(text: str) -> list[int]:
    out: list[int | None] = [None] * WEEK
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, sep, value = part.partition("=")
        name = name.strip().lower()
        i = next((d for d, full in enumerate(_DAY_NAMES) if len(name) >= 3 and full.startswith(name)), None)
        if not sep or i is None:
            raise InvalidInput(f"'{shown(part)}' is not a day and its hours like Mon=5", cite=CITE, fix=FIX, field="tour")
        day = WEEKDAYS[i]
        if out[i] is not None:
            raise InvalidInput(f"{day} is given twice in one week of the tour", cite=CITE, fix="Give each day once", field="tour")
        out[i] = _hours(value, part)
    return [m or 0 for m in out]


def parse_tour(text: str) -> Tour:
    """Read a tour written as `Mon=5,Tue=5` (both weeks) or `W1:Mon=9,…;W2:Mon=9,…` (each week) into its 14 days."""
    raw = " ".join(str(text).split())
    if not raw:
        raise InvalidInput("the tour is empty", cite=CITE, fix=FIX, field="tour")
    if len(raw) > 400:
        raise InvalidInput("the tour is longer than fourteen days can be", cite=CITE, fix=FIX, field="tour")
    parts = [p.strip() for p in raw.split(";") if p.strip()]
    weeks: dict[int, list[int]] = {}
    if len(parts) == 1 and not re.match(r"(?i)^w[12]\s*:", parts[0]):
        days = _week(parts[0])
        weeks = {0: days, 1: days}
    else:
        for part in parts:
            m = re.match(r"(?i)^w([12])\s*:(.*)$", part)
            if not m:
                raise InvalidInput(f"'{shown(part)}' does not say which week it is", cite=CITE, fix=FIX, field="tour")
            w = int(m.group(1)) - 1
            if w in weeks:
                raise InvalidInput(f"week {w + 1} is given twice in the tour", cite=CITE, fix=FIX, field="tour")
            weeks[w] = _week(m.group(2))
        if set(weeks) != {0, 1}:
            raise InvalidInput("a tour written week by week names both weeks", cite=CITE,
                               fix="Write W1:…;W2:… (a week with no hours as W2:)", field="tour")
    minutes = tuple(weeks[0] + weeks[1])
    if not any(minutes):
        raise InvalidInput("the tour has no hours", cite=CITE, fix=FIX, field="tour")
    return Tour(minutes, raw)


def checked_schedule(schedule: Schedule, t: Terms) -> Schedule:
    """The schedule checked against the contract's numbers; a tour sets the part-time hours or a compressed layout.

    Raises with the rule when the schedule cannot be what its type says: a part-time requirement at or above the
    full-time one, a compressed tour of ten workdays (§2.c(1)), a maxi-flex with core time on every workday (§2.a(1)),
    core hours of another length than the contract's (§2.b(2)).
    """
    s = schedule
    if s.tour is not None:
        s = _with_tour(s, t)
    elif s.part_time and s.compressed:
        raise InvalidInput(f"a part-time {LABELS[s.kind].lower()} needs its tour: the contract sets no layout for it",
                           cite="Art. 4 §2.c(1)(b)", fix="Give its tour, the hours of each day, e.g. W1:Mon=8,Tue=8,Wed=8,Thu=8,Fri=8;W2:Mon=8,Tue=8,Wed=8,Thu=8", field="tour")
    elif s.part_time and s.kind == "standard":
        raise InvalidInput("a part-time standard schedule needs its tour: each day's hours are the day's requirement",
                           cite="Art. 4 §7.b", fix=FIX, field="tour")
    if s.part_time:
        under = t.part_time_under(s.kind)
        if not s.part_time_hours * 60 < under:  # type: ignore[operator]
            cite = "Art. 4 §2.c(1)(b)" if s.compressed else CITE
            raise OutOfRange(f"a part-time biweekly requirement is less than the full-time {under / 60:g} hours (got "
                             f"{s.part_time_hours:g})", cite=cite, fix="Give the part-time hours, or leave them out for full-time",
                             field="part_time")
        if s.kind == "flexiplace-opt-out":
            raise InvalidInput(f"the {LABELS[s.kind]} is a full-time tour", cite=CITES[s.kind], field="part_time",
                               fix="For a part-time employee choose standard, variable-week or maxiflex with the tour")
    if s.layout is not None and s.compressed:
        check_layout(s.layout, t, s.part_time)
    if s.core_days is not None and len(set(s.core_days)) >= t.maxiflex_core_days_under:
        raise InvalidInput(f"maxi-flex has core time on fewer than {t.maxiflex_core_days_under} workdays; core time on every "
                           "workday is a variable week", cite="Art. 4 §2.a(1)", fix="Choose fewer core days, or the variable-week schedule",
                           field="core_days")
    if s.core_hours is not None:
        a, b = s.core_hours
        if b - a != t.core_length:
            raise OutOfRange(f"core hours of {(b - a) / 60:g} hours: \"{t.quote('schedules.core_hours_per_day').rstrip('.')}\" "
                             f"(the office may move them, not change their length)", cite="Art. 4 §2.b(2)",
                             fix=f"Give a band of {t.core_length / 60:g} hours, e.g. the contract's own")
        if s.shift == "day" and (a < t.band[0] or b > t.band[1]):
            raise OutOfRange("core hours outside the day shift's band", cite="Art. 4 §5", fix="Put the core hours inside the band")
    return s


def _with_tour(s: Schedule, t: Terms) -> Schedule:
    tour = s.tour
    assert tour is not None
    total, hours = tour.total, f"{tour.total / 60:g}"
    if s.kind == "flexiplace-opt-out":
        raise InvalidInput(f"the {LABELS[s.kind]} is its own tour", cite=CITES[s.kind], fix="Leave out the tour for this schedule", field="tour")
    weekend = [WEEKDAYS[i % WEEK] for i, m in enumerate(tour.minutes) if m and i % WEEK not in MON_FRI]
    if weekend and s.shift == "day":
        raise InvalidInput(f"the tour has hours on {weekend[0]}: the day shift works \"Monday through Friday\"", cite="Art. 4 §5",
                           fix="Give Mon–Fri hours, or say the employee is on another shift (Art. 4 §9)", field="tour")
    if s.part_time_hours is not None and abs(s.part_time_hours * 60 - total) > 1e-6:
        raise InvalidInput(f"the part-time hours {s.part_time_hours:g} are not the tour's {hours} hours", cite=CITE,
                           fix="Leave out the part-time hours (the tour's total is the requirement) or correct one of them", field="tour")
    full = t.full_time(s.kind)
    if s.compressed:
        part_time = total != t.compressed_full_time
        if total > t.compressed_full_time or (part_time and total >= t.compressed_part_time_under):
            raise OutOfRange(f"a compressed tour of {hours} hours: full-time is {t.compressed_full_time / 60:g} hours, part-time less "
                             f"than {t.compressed_part_time_under / 60:g}", cite="Art. 4 §2.c(1)", fix="Correct the tour's hours", field="tour")
        layout = Pattern(s.kind, tour.minutes, f"the tour given: {tour.label}")
        check_layout(layout, t, part_time)
        _check_shape(s.kind, tour, t, part_time)
        return replace(s, layout=layout, tour=tour, part_time_hours=total / 60 if part_time else None)
    if s.kind == "standard":
        long = [WEEKDAYS[i % WEEK] for i, m in enumerate(tour.minutes) if m > t.workday]
        if long:
            raise OutOfRange(f"the tour has more than {t.workday / 60:g} hours on {long[0]}: \"{t.quote('law:hours_of_work.basic_workday_hours')}\" "
                             "(5 U.S.C. 6101(a)(3))", cite="Art. 4 §1.b",
                             fix="Longer days are a compressed schedule (Art. 4 §2.c): choose compressed-5-4-9 or compressed-4-10", field="tour")
    if total > full or (total == full and s.flexible):
        what = "a full-time flexible schedule's hours vary within the band" if s.flexible else "more than full-time"
        raise InvalidInput(f"a tour of {hours} hours on a {LABELS[s.kind].lower()}: {what}", cite=CITES[s.kind],
                           fix=f"A tour is for a part-time employee (less than {full / 60:g} hours, §7) or a compressed schedule", field="tour")
    return replace(s, part_time_hours=None if total == full else total / 60)


def _check_shape(kind: str, tour: Tour, t: Terms, part_time: bool) -> None:
    """A 5-4/9 has 5 days in one week and 4 in the next; a four-day week 4 days (and, full-time, 40 hours) each week."""
    days = [sum(1 for m in tour.week(w) if m) for w in range(2)]
    if kind == "compressed-5-4-9" and sorted(days) != sorted(t.five_four_nine_days):
        raise InvalidInput(f"a 5-4/9 tour works {t.five_four_nine_days[0]} days in one week and {t.five_four_nine_days[1]} the next "
                           f"(this one {days[0]} and {days[1]})", cite="Art. 4 §2.c(1)(c)", fix="Correct the tour's days", field="tour")
    if kind == "compressed-4-10":
        if days != [t.four_day_week_days] * 2:
            raise InvalidInput(f"a four-day-week tour works {t.four_day_week_days} days each week (this one {days[0]} and {days[1]})",
                               cite="Art. 4 §2.c(1)(c)", fix="Correct the tour's days", field="tour")
        weeks = [sum(tour.week(w)) for w in range(2)]
        if not part_time and weeks != [t.four_day_week_hours] * 2:
            raise InvalidInput(f"a full-time four-day week is {t.four_day_week_hours / 60:g} hours each week (this one "
                               f"{weeks[0] / 60:g} and {weeks[1] / 60:g})", cite="Art. 4 §2.c(1)(c)", fix="Correct the tour's hours",
                               field="tour")


def tour_minutes(schedule: Schedule) -> tuple[int, ...] | None:
    """The hours the employee is scheduled each day when the schedule says them (a tour or a compressed layout)."""
    if schedule.tour is not None:
        return schedule.tour.minutes
    if schedule.kind in COMPRESSED and schedule.layout is not None:
        return schedule.layout.minutes
    return None


__all__ = ["Tour", "checked_schedule", "parse_tour", "tour_minutes"]
