"""Work schedules of Art. 4: the schedule types, their allowed day layouts, and the basic work requirement.

Flexible schedules (variable week, maxi-flex: §2.a) let hours vary within the band and earn credit hours;
fixed schedules (standard 8-hour days, compressed 5-4/9 and four-day week: §1.a, §2.c; the 8½-hour tour of a
flexiplace employee who opts out of flexitime: Art. 10 §6.A) do not. The requirement is 80 hours a pay period
for full-time employees (§2.a, §2.c(1)(a)), less holidays: the contract defers to the law (§1.b: 5 U.S.C. ch. 61
subch. II and 5 CFR 610 subpart D), which sets the hours a holiday is worth and the "in lieu of" day.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from ..errors import InvalidInput, OutOfRange
from .timesheet import PERIOD_DAYS, DayEntry, Timesheet

if TYPE_CHECKING:
    from ..contract.book import Contract


KINDS = ("standard", "variable-week", "maxiflex", "compressed-5-4-9", "compressed-4-10", "flexiplace-opt-out")


FLEXIBLE = ("variable-week", "maxiflex")


COMPRESSED = ("compressed-5-4-9", "compressed-4-10")


LABELS = {
    "standard": "Standard 8-hour workday", "variable-week": "Variable week (flexible)",
    "maxiflex": "Maxi-flex (flexible, grandfathered offices)", "compressed-5-4-9": "Compressed 5-4/9",
    "compressed-4-10": "Compressed four-day week (4-10)", "flexiplace-opt-out": "Flexiplace, opted out of flexitime (8½-hour tour)",
}


CITES = {
    "standard": "Art. 4 §1.a", "variable-week": "Art. 4 §2.a(2)", "maxiflex": "Art. 4 §2.a(1)",
    "compressed-5-4-9": "Art. 4 §2.c(1)(c)", "compressed-4-10": "Art. 4 §2.c(1)(c)", "flexiplace-opt-out": "Art. 10 §6.A",
}


LAW = "5 U.S.C. ch. 61 subch. II; 5 CFR 610 subpart D"


HOLIDAY_CITE = "Art. 4 §1.b"


# Hours a holiday is worth: 8 on a flexible or standard schedule (5 U.S.C. 6124), the day's scheduled hours on a
# compressed schedule (5 CFR 610.406(a)), a part-timer's scheduled hours up to 8 (5 CFR 610.405).
HOLIDAY_FLEXIBLE_MINUTES = 8 * 60


# The 5-4/9 is eight 9-hour days and one 8-hour day (the text gives 80 hours on 5 + 4 days, §2.c(1)(c)).
FIVE_FOUR_NINE_LONG, FIVE_FOUR_NINE_SHORT = 9 * 60, 8 * 60


WEEKDAYS = ("Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat")


PART_TIME_READING = "schedules.part_time_requirement"


COMPRESSED_OT_READING = "schedules.compressed_overtime"


@dataclass(frozen=True)
class Pattern:
    """One layout of a fixed schedule: minutes scheduled on each of the 14 days (day 0 is the period's Sunday)."""

    kind: str
    minutes: tuple[int, ...]
    label: str

    @property
    def days_off(self) -> tuple[int, ...]:
        """Weekdays (Mon–Fri) with nothing scheduled, as day indexes."""
        return tuple(i for i in range(PERIOD_DAYS) if i % 7 not in (0, 6) and self.minutes[i] == 0)


@dataclass(frozen=True)
class Schedule:
    """An employee's schedule: its type, part-time hours, a compressed layout and maxi-flex core days (None = not given)."""

    kind: str = "variable-week"
    part_time_hours: float | None = None
    layout: Pattern | None = None
    core_days: tuple[int, ...] | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise InvalidInput(f"'{self.kind}' is not a schedule type", cite="Art. 4 §1.a", fix="Choose one of: " + ", ".join(KINDS))
        if self.part_time_hours is not None:
            h = self.part_time_hours
            if not 0 < h < 80 or abs(h * 4 - round(h * 4)) > 1e-9:
                raise OutOfRange(f"a part-time biweekly requirement must be more than 0 and less than 80 hours, in quarter hours "
                                 f"(got {h:g})", cite="Art. 4 §2.c(1)(b)", fix="Give the hours of the biweekly pay period, e.g. 40")
            if self.kind in COMPRESSED or self.kind == "flexiplace-opt-out":
                raise InvalidInput(f"the {LABELS[self.kind]} is a full-time schedule", cite=CITES[self.kind],
                                   fix="For a part-time employee choose standard, variable-week or maxiflex with the part-time hours")
        if self.layout is not None and self.layout.kind != self.kind:
            raise InvalidInput(f"a {self.layout.kind} layout does not fit a {self.kind} schedule", cite=CITES[self.kind],
                               fix="Pick a layout from allowed_patterns() for this schedule type")
        if self.core_days is not None:
            bad = [d for d in self.core_days if not 0 <= d < PERIOD_DAYS or d % 7 in (0, 6)]
            if bad:
                raise InvalidInput("core days must be weekdays of the pay period", cite="Art. 4 §2.a(1)", fix="Name Monday–Friday days")
            if self.kind == "maxiflex" and len(set(self.core_days)) >= 10:
                raise InvalidInput("maxi-flex has core time on fewer than ten workdays; core time on all ten is a variable week",
                                   cite="Art. 4 §2.a(1)", fix="Choose fewer core days, or the variable-week schedule")

    @property
    def flexible(self) -> bool:
        return self.kind in FLEXIBLE

    @property
    def part_time(self) -> bool:
        return self.part_time_hours is not None

    @property
    def label(self) -> str:
        return LABELS[self.kind] + (f", part-time {self.part_time_hours:g} h" if self.part_time else "")


@dataclass(frozen=True)
class HolidayNote:
    """A holiday in the pay period: the day off it gives this employee and the hours it takes off the requirement."""

    day: dt.date
    name: str
    minutes: int
    observed_on: dt.date | None = None
    note: str = ""
    law: str = ""


@dataclass(frozen=True)
class Requirement:
    """The basic work requirement of one pay period, day by day: scheduled minutes after holidays, holiday minutes."""

    period_start: dt.date
    nominal: tuple[int, ...]
    scheduled: tuple[int, ...]
    holiday: tuple[int, ...]
    holidays: tuple[HolidayNote, ...]
    outside: tuple[HolidayNote, ...] = ()

    @property
    def nominal_minutes(self) -> int:
        return sum(self.nominal)

    @property
    def minutes(self) -> int:
        return sum(self.scheduled)


def parse_kind(text: str) -> str:
    """A schedule type from what people type ("5-4/9", "4-10", "variable week")."""
    s = " ".join(str(text).strip().lower().replace("_", "-").split()).replace(" ", "-")
    aliases = {"5-4/9": "compressed-5-4-9", "5-4-9": "compressed-5-4-9", "4-10": "compressed-4-10", "four-day-week": "compressed-4-10",
               "variable": "variable-week", "maxi-flex": "maxiflex", "flexiplace": "flexiplace-opt-out"}
    s = aliases.get(s, s)
    if s not in KINDS:
        raise InvalidInput(f"'{text}' is not a schedule type", cite="Art. 4 §1.a", fix="Choose one of: " + ", ".join(KINDS))
    return s


def parse_core_days(text: str) -> tuple[int, ...]:
    """'Tue,Wed,Thu' (both weeks) or 'Mon1,Fri2' (one week) → day indexes of the pay period."""
    out: list[int] = []
    for part in filter(None, (p.strip() for p in str(text).replace(";", ",").split(","))):
        name, week = part[:3].title(), part[3:].strip()
        if name not in WEEKDAYS[1:6] or week not in ("", "1", "2"):
            raise InvalidInput(f"'{part}' is not a weekday of the pay period", cite="Art. 4 §2.a(1)",
                               fix="Write days as Mon, Tue, … (both weeks) or Mon1, Tue2 (one week)")
        wd = WEEKDAYS.index(name)
        out += [wd + 7 * (int(week) - 1)] if week else [wd, wd + 7]
    return tuple(sorted(set(out)))


@lru_cache(maxsize=None)
def allowed_patterns(kind: str) -> tuple[Pattern, ...]:
    """Every layout a fixed schedule may take (§2.c(1)(c)): 90 for the 5-4/9, 25 for the four-day week, 1 otherwise."""
    kind = parse_kind(kind)
    out: list[Pattern] = []
    if kind == "compressed-5-4-9":
        # 5 days in one week, 4 the next (§2.c(1)(c)); any weekday of the 4-day week is the day off; eight 9-hour
        # days and one 8-hour day make the 80 hours → 2 weeks × 5 days off × 9 places for the 8-hour day = 90.
        for five in (0, 1):
            for off in range(1, 6):
                work = [i for i in range(PERIOD_DAYS) if i % 7 in range(1, 6) and not (i // 7 != five and i % 7 == off)]
                for short in work:
                    mins = [0] * PERIOD_DAYS
                    for i in work:
                        mins[i] = FIVE_FOUR_NINE_SHORT if i == short else FIVE_FOUR_NINE_LONG
                    label = (f"5 days in week {five + 1}, 4 in week {2 - five} (off {WEEKDAYS[off]} of week {2 - five}); "
                             f"8 hours on {WEEKDAYS[short % 7]} of week {short // 7 + 1}, 9 hours on the others")
                    out.append(Pattern(kind, tuple(mins), label))
    elif kind == "compressed-4-10":
        # Four 10-hour days each week (§2.c(1)(c)): one day off in each week → 5 × 5 = 25.
        for off1 in range(1, 6):
            for off2 in range(1, 6):
                mins = [600 if i % 7 in range(1, 6) and i % 7 != (off1 if i < 7 else off2) else 0 for i in range(PERIOD_DAYS)]
                out.append(Pattern(kind, tuple(mins), f"10 hours a day, off {WEEKDAYS[off1]} of week 1 and {WEEKDAYS[off2]} of week 2"))
    elif kind in ("standard", "flexiplace-opt-out"):
        mins = tuple(480 if i % 7 in range(1, 6) else 0 for i in range(PERIOD_DAYS))
        tour = "an 8½-hour tour with a half-hour lunch" if kind == "flexiplace-opt-out" else "the same hours each day"
        out.append(Pattern(kind, mins, f"8 hours Monday to Friday, {tour}"))
    else:
        raise InvalidInput(f"a {LABELS[kind].lower()} has no fixed layout: any hours within the 6:00 a.m.–7:00 p.m. band, "
                           "core hours on its core days, 80 hours a pay period", cite=CITES[kind],
                           fix="Layouts exist for standard, compressed-5-4-9, compressed-4-10 and flexiplace-opt-out")
    return tuple(out)


def default_pattern(kind: str) -> Pattern:
    """The usual layout: 5-4/9 with every other Friday off (8 hours on the first Friday); 4-10 with Fridays off."""
    pats = allowed_patterns(kind)
    if kind == "compressed-5-4-9":
        return next(p for p in pats if p.days_off == (12,) and p.minutes[5] == FIVE_FOUR_NINE_SHORT)
    if kind == "compressed-4-10":
        return next(p for p in pats if p.days_off == (5, 12))
    return pats[0]


def nominal_minutes(schedule: Schedule, layout: Pattern | None = None) -> tuple[int, ...]:
    """Minutes scheduled on each day before holidays: the layout, 8 hours on weekdays, or a part-timer's even share."""
    if schedule.kind in COMPRESSED:
        return (layout or schedule.layout or default_pattern(schedule.kind)).minutes
    weekdays = [i for i in range(PERIOD_DAYS) if i % 7 in range(1, 6)]
    if schedule.part_time_hours is None:
        return tuple(480 if i in weekdays else 0 for i in range(PERIOD_DAYS))
    total = int(round(schedule.part_time_hours * 60))
    share, extra = divmod(total, len(weekdays))  # an even share each weekday; leftover minutes on the first days
    out = [0] * PERIOD_DAYS
    for n, i in enumerate(weekdays):
        out[i] = share + (1 if n < extra else 0)
    return tuple(out)


def holidays_near(period_start: dt.date, contract: Contract) -> dict[dt.date, str]:
    """Holidays and closures of the pay period and the week on either side (where an "in lieu of" day can come from)."""
    end = period_start + dt.timedelta(days=PERIOD_DAYS - 1)
    return contract.calendar.holidays_between(period_start - dt.timedelta(days=7), end + dt.timedelta(days=7))


def requirement(schedule: Schedule, period_start: dt.date, contract: Contract, layout: Pattern | None = None, *,
                found: dict[dt.date, str] | None = None) -> Requirement:
    """The pay period's requirement after holidays, with each holiday's hours and any "in lieu of" day (§1.b, law)."""
    nominal = list(nominal_minutes(schedule, layout))
    sched, hol = list(nominal), [0] * PERIOD_DAYS
    found = holidays_near(period_start, contract) if found is None else found
    notes: list[HolidayNote] = []
    outside: list[HolidayNote] = []
    for day, name in found.items():
        if day.weekday() >= 5:
            continue  # a weekend holiday is observed on the Friday before or Monday after: that date is also listed
        i = (day - period_start).days
        fixed = schedule.kind in COMPRESSED
        if 0 <= i < PERIOD_DAYS and nominal[i] > 0:
            mins = nominal[i] if fixed else min(nominal[i], HOLIDAY_FLEXIBLE_MINUTES)
            law = "5 CFR 610.406(a)" if fixed else ("5 CFR 610.405" if schedule.part_time else "5 U.S.C. 6124")
            words = _holiday_words(schedule, mins)
            if name.startswith("Closure:"):  # an office closure the user added: the scheduled hours are excused
                mins, law, words = nominal[i], "5 U.S.C. 6329a", "an office closure: the hours scheduled that day are excused"
            notes.append(HolidayNote(day, name, mins, None, words, law))
            hol[i], sched[i] = mins, 0
            continue
        if not fixed or nominal[i % PERIOD_DAYS] > 0 or name.startswith("Closure:"):
            continue  # only a holiday on a compressed schedule's regular day off moves; an office closure does not
        # A holiday on a compressed schedule's day off: the "in lieu of" holiday (5 U.S.C. 6103(b); 5 CFR 610.406).
        sunday = (day - dt.timedelta(days=1)) in found and (day - dt.timedelta(days=1)).weekday() == 6 and "observed" in name
        j = _in_lieu_day(nominal, i, after=sunday)
        if j is None:
            continue
        lieu = period_start + dt.timedelta(days=j)
        note = (f"{name} falls on the regular day off {day.strftime('%a %m-%d')}: the "
                + ("next scheduled workday (the holiday itself is a Sunday)" if sunday else "scheduled workday immediately before it")
                + f", {lieu.strftime('%a %m-%d')}, is the \"in lieu of\" holiday; the agency may designate another day "
                  "to prevent an adverse agency impact (5 U.S.C. 6103(d))")
        law = "5 U.S.C. 6103(b); Executive Order 11582" if sunday else "5 U.S.C. 6103(b)"
        if 0 <= j < PERIOD_DAYS:
            if hol[j]:
                continue
            notes.append(HolidayNote(lieu, f"{name} (in lieu of {day.strftime('%a %m-%d')})", nominal[j], day, note, law))
            hol[j], sched[j] = nominal[j], 0
        elif 0 <= i < PERIOD_DAYS:
            outside.append(HolidayNote(lieu, f"{name} (in lieu of {day.strftime('%a %m-%d')})", 0, day,
                                       note + "; that day is in another pay period", law))
    return Requirement(period_start, tuple(nominal), tuple(sched), tuple(hol), tuple(sorted(notes, key=lambda n: n.day)), tuple(outside))


def _in_lieu_day(nominal: list[int], i: int, *, after: bool) -> int | None:
    """The scheduled workday before day i (after it for a Sunday holiday), on the 14-day pattern repeated."""
    step = 1 if after else -1
    for k in range(1, 15):
        j = i + step * k
        if nominal[j % PERIOD_DAYS] > 0:
            return j
    return None


def _holiday_words(schedule: Schedule, minutes: int) -> str:
    if schedule.kind in COMPRESSED:
        return "the hours of the compressed schedule on that day"
    if schedule.part_time:
        return "the hours the part-time employee was scheduled to work that day, not more than 8"
    return "a holiday is 8 hours on a flexible or standard schedule"


def infer_layout(kind: str, timesheet: Timesheet, contract: Contract) -> tuple[Pattern, int]:
    """The allowed layout closest to the hours worked and on leave each day; also how many layouts tie with it."""
    pats = allowed_patterns(kind)
    accounted = [e.worked_minutes + e.leave_minutes for e in timesheet.entries]
    best: list[tuple[int, int, Pattern]] = []
    default = default_pattern(kind)
    found = holidays_near(timesheet.period_start, contract)
    for n, p in enumerate(pats):
        req = requirement(Schedule(kind, layout=p), timesheet.period_start, contract, found=found)
        score = sum(abs(a - s) for a, s in zip(accounted, req.scheduled))
        best.append((score, 0 if p == default else n + 1, p))
    best.sort(key=lambda t: (t[0], t[1]))
    ties = sum(1 for t in best if t[0] == best[0][0])
    return best[0][2], ties


def usual_entries(schedule: Schedule, period_start: dt.date, contract: Contract) -> Timesheet:
    """A timesheet of the usual days for this schedule (holidays and days off blank): a starting point to edit."""
    req = requirement(schedule, period_start, contract)
    entries = []
    for i, mins in enumerate(req.scheduled):
        day = period_start + dt.timedelta(days=i)
        if mins <= 0:
            entries.append(DayEntry(day))
            continue
        start = 7 * 60 if mins > 8 * 60 else 8 * 60
        lunch = 30 if mins > 5 * 60 else 0
        ls = 12 * 60 if lunch else None
        entries.append(DayEntry(day, start, start + mins + lunch, ls, (ls + lunch) if ls else None))
    return Timesheet(period_start, tuple(entries))


def describe(schedule: Schedule, contract: Contract) -> str:
    """One paragraph: what this schedule type is under the contract, with its citation."""
    k = schedule.kind
    words = {
        "variable-week": "core time on each workday; hours may vary by day and by week; 80 hours a pay period; credit hours",
        "maxiflex": "core time on fewer than ten workdays; only for offices that already had it (grandfathered, §1.a); "
                    "80 hours a pay period; credit hours",
        "standard": "8 hours each workday, Monday to Friday; no credit hours",
        "compressed-5-4-9": "80 hours on 5 days one week and 4 the next (eight 9-hour days and one 8-hour day); no credit hours",
        "compressed-4-10": "40 hours on 4 days each week (10-hour days); no credit hours",
        "flexiplace-opt-out": "a flexiplace employee who opts out of flexitime works an 8½-hour tour agreed with the supervisor "
                              f"({contract.value('schedules.flexiplace_tour_hours'):g} hours with a half-hour lunch); no credit hours",
    }[k]
    return f"{schedule.label} ({CITES[k]}): {words}."
