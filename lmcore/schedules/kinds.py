"""Work schedules of Art. 4: the schedule types, an employee's schedule, and the day layouts of the fixed ones.

Flexible schedules (variable week, maxi-flex: §2.a) let hours vary within the band and earn credit hours;
fixed schedules (standard 8-hour days, compressed 5-4/9 and four-day week: §1.a, §2.c; the 8½-hour tour of a
flexiplace employee who opts out of flexitime: Art. 10 §6.A) do not. Every day length and count comes from the
contract and law files through `Terms` (the 5-4/9's 9- and 8-hour days are the 80 hours of §2.c(1)(c) split
over its 5 + 4 days as evenly as whole hours allow, since the text gives no day's length).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations, product
from typing import TYPE_CHECKING

from ..errors import InvalidInput, OutOfRange
from .terms import WEEK
from .timesheet import PERIOD_DAYS, fmt_hhmm, shown

if TYPE_CHECKING:
    from ..contract.book import Contract
    from .terms import Terms


KINDS = ("standard", "variable-week", "maxiflex", "compressed-5-4-9", "compressed-4-10", "flexiplace-opt-out")


FLEXIBLE = ("variable-week", "maxiflex")


COMPRESSED = ("compressed-5-4-9", "compressed-4-10")


SHIFTS = ("day", "other")


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


WEEKDAYS = ("Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat")


MON_FRI = range(1, 6)


PART_TIME_READING = "schedules.part_time_requirement"


COMPRESSED_OT_READING = "schedules.compressed_overtime"


IN_LIEU_READING = "schedules.in_lieu_next_to_holiday"


HOLIDAY_PREMIUM_READING = "schedules.compressed_holiday_premium"


SHIFT_READING = "schedules.other_shifts"


@dataclass(frozen=True)
class Pattern:
    """One layout of a fixed schedule: minutes scheduled on each of the 14 days (day 0 is the period's Sunday)."""

    kind: str
    minutes: tuple[int, ...]
    label: str

    @property
    def days_off(self) -> tuple[int, ...]:
        """Weekdays (Mon–Fri) with nothing scheduled, as day indexes."""
        return tuple(i for i in range(PERIOD_DAYS) if i % WEEK in MON_FRI and self.minutes[i] == 0)

    @property
    def workdays(self) -> int:
        return sum(1 for m in self.minutes if m > 0)


@dataclass(frozen=True)
class Tour:
    """Minutes scheduled on each of the 14 days of a pay period (day 0 is its Sunday), as the user wrote them."""

    minutes: tuple[int, ...]
    text: str = ""

    @property
    def total(self) -> int:
        return sum(self.minutes)

    @property
    def workdays(self) -> int:
        return sum(1 for m in self.minutes if m > 0)

    def week(self, w: int) -> tuple[int, ...]:
        return self.minutes[w * WEEK:(w + 1) * WEEK]

    @property
    def label(self) -> str:
        """'Mon 5 h, Tue 5 h (both weeks)' or 'week 1: Mon 9 h, …; week 2: …'."""
        def one(week: tuple[int, ...]) -> str:
            return ", ".join(f"{WEEKDAYS[d]} {m / 60:g} h" for d, m in enumerate(week) if m) or "no hours"
        if self.week(0) == self.week(1):
            return f"{one(self.week(0))} (both weeks)"
        return f"week 1: {one(self.week(0))}; week 2: {one(self.week(1))}"


@dataclass(frozen=True)
class Schedule:
    """An employee's schedule: type, part-time hours, a fixed layout or own tour, maxi-flex core days, shift, core hours.

    `tour` is the hours scheduled each day (a part-timer's tour, or a compressed schedule of one's own, `tours.py`);
    `shift` is "day" (§5's band) or "other" (§9); `core_hours` the office's own core band when its committee set one
    (§2.b(2)). Checks that need the contract's numbers are made by `tours.checked_schedule` before any answer.
    """

    kind: str = "variable-week"
    part_time_hours: float | None = None
    layout: Pattern | None = None
    core_days: tuple[int, ...] | None = None
    tour: Tour | None = None
    shift: str = "day"
    core_hours: tuple[int, int] | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise InvalidInput(f"'{shown(self.kind)}' is not a schedule type", cite="Art. 4 §1.a", fix="Choose one of: " + ", ".join(KINDS))
        if self.part_time_hours is not None:
            h = self.part_time_hours
            if not (h == h and 0 < h < 24 * PERIOD_DAYS) or abs(h * 60 - round(h * 60)) > 1e-6:
                raise OutOfRange(f"a part-time biweekly requirement must be a positive number of hours in whole minutes (got {h:g})",
                                 cite="Art. 4 §7.a", fix="Give the hours of the biweekly pay period, e.g. 40", field="part_time")
        if self.layout is not None and self.layout.kind != self.kind:
            raise InvalidInput(f"a {self.layout.kind} layout does not fit a {self.kind} schedule", cite=CITES[self.kind],
                               fix="Pick a layout from allowed_patterns() for this schedule type")
        if self.layout is not None and self.tour is not None and self.layout.minutes != self.tour.minutes:
            raise InvalidInput("both a layout and a tour were given", cite=CITES[self.kind],
                               fix="Give one: a numbered layout of `lmcore schedule patterns`, or the tour of hours each day")
        if self.core_days is not None:
            if self.kind != "maxiflex":
                raise InvalidInput(f"core days are chosen only on a maxi-flex schedule, not on a {LABELS[self.kind].lower()}",
                                   cite="Art. 4 §2.a(1)", fix="Leave out the core days, or choose the maxiflex schedule", field="core_days")
            bad = [d for d in self.core_days if not 0 <= d < PERIOD_DAYS or d % WEEK not in MON_FRI]
            if bad:
                raise InvalidInput("core days must be weekdays of the pay period", cite="Art. 4 §2.a(1)", fix="Name Monday–Friday days")
        if self.shift not in SHIFTS:
            raise InvalidInput(f"'{shown(self.shift)}' is not a shift", cite="Art. 4 §9", fix="Choose day or other")
        if self.core_hours is not None:
            if self.kind not in FLEXIBLE:
                raise InvalidInput(f"core hours belong to the flexible schedules, not to a {LABELS[self.kind].lower()}",
                                   cite="Art. 4 §2.b(2)", fix="Leave out the core hours, or choose variable-week or maxiflex")
            a, b = self.core_hours
            if not 0 <= a < b <= 24 * 60:
                raise InvalidInput("core hours must run from a start to a later end on the same day", cite="Art. 4 §2.b(2)",
                                   fix="Write them as HH:MM-HH:MM, e.g. 09:30-14:30")

    @property
    def flexible(self) -> bool:
        return self.kind in FLEXIBLE

    @property
    def compressed(self) -> bool:
        return self.kind in COMPRESSED

    @property
    def part_time(self) -> bool:
        return self.part_time_hours is not None

    @property
    def label(self) -> str:
        return LABELS[self.kind] + (f", part-time {self.part_time_hours:g} h" if self.part_time else "") + (
            ", evening or night shift" if self.shift == "other" else "")


def parse_kind(text: str) -> str:
    """A schedule type from what people type ("5-4/9", "4-10", "variable week")."""
    s = " ".join(str(text).strip().lower().replace("_", "-").split()).replace(" ", "-")
    aliases = {"5-4/9": "compressed-5-4-9", "5-4-9": "compressed-5-4-9", "4-10": "compressed-4-10", "four-day-week": "compressed-4-10",
               "variable": "variable-week", "maxi-flex": "maxiflex", "flexiplace": "flexiplace-opt-out"}
    s = aliases.get(s, s)
    if s not in KINDS:
        raise InvalidInput(f"'{shown(text)}' is not a schedule type", cite="Art. 4 §1.a", fix="Choose one of: " + ", ".join(KINDS))
    return s


def parse_core_days(text: str) -> tuple[int, ...]:
    """'Tue,Wed,Thu' (both weeks) or 'Mon1,Fri2' (one week) → day indexes of the pay period."""
    out: list[int] = []
    for part in filter(None, (p.strip() for p in str(text).replace(";", ",").split(","))):
        name, week = part[:3].title(), part[3:].strip()
        if name not in WEEKDAYS[1:6] or week not in ("", "1", "2"):
            raise InvalidInput(f"'{shown(part)}' is not a weekday of the pay period", cite="Art. 4 §2.a(1)",
                               fix="Write days as Mon, Tue, … (both weeks) or Mon1, Tue2 (one week)")
        wd = WEEKDAYS.index(name)
        out += [wd + WEEK * (int(week) - 1)] if week else [wd, wd + WEEK]
    if not out:
        raise InvalidInput("no core days given", cite="Art. 4 §2.a(1)", fix="Name the core days, e.g. Tue,Wed,Thu")
    return tuple(sorted(set(out)))


def parse_core_hours(text: str) -> tuple[int, int]:
    """'09:30-14:30' → (570, 870): the office's core hours when its Agency committee set them (§2.b(2))."""
    from .timesheet import parse_clock

    start, sep, end = str(text).strip().partition("-")
    if not sep:
        raise InvalidInput(f"'{shown(text)}' is not a band of core hours", cite="Art. 4 §2.b(2)",
                           fix="Write it as HH:MM-HH:MM, e.g. 09:30-14:30")
    a, b = parse_clock(start, "core hours start", "Art. 4 §2.b(2)"), parse_clock(end, "core hours end", "Art. 4 §2.b(2)")
    if b <= a:
        raise InvalidInput(f"'{shown(text)}' is not a band of core hours", cite="Art. 4 §2.b(2)", fix="Write it as HH:MM-HH:MM, e.g. 09:30-14:30")
    return a, b


def _terms(terms: Terms | None) -> Terms:
    if terms is not None:
        return terms
    from ..contract.loading import load_contract
    from .terms import Terms

    return Terms.of(load_contract())


def even_days(total: int, days: int) -> list[int]:
    """`total` minutes over `days` days as evenly as whole hours allow (whole minutes when the total is not whole hours)."""
    unit = 60 if total % 60 == 0 else 1
    q, r = divmod(total // unit, days)
    return [(q + 1) * unit] * r + [q * unit] * (days - r)


def allowed_patterns(kind: str, terms: Terms | None = None) -> tuple[Pattern, ...]:
    """Every layout a fixed schedule may take (§2.c(1)(c)): 90 for the 5-4/9, 25 for the four-day week, 1 otherwise."""
    return _patterns(parse_kind(kind), _terms(terms))


@lru_cache(maxsize=64)
def _patterns(kind: str, t: Terms) -> tuple[Pattern, ...]:
    out: list[Pattern] = []
    weekdays = [[w * WEEK + d for d in MON_FRI] for w in range(2)]
    if kind == "compressed-5-4-9":
        # "five (5) days in one week and four (4) days the next" (§2.c(1)(c)): either week may be the long one, any
        # weekdays of each week are the days off, and the 80 hours fall as evenly as whole hours allow (eight 9-hour
        # days and one 8-hour day); the shorter days may be any of the days worked → 2 × 5 × 9 = 90 layouts.
        lengths = even_days(t.five_four_nine_hours, sum(t.five_four_nine_days))
        long, short = lengths[0], lengths[-1]
        n_short = lengths.count(short) if short != long else 0
        for first, second in dict.fromkeys([t.five_four_nine_days, t.five_four_nine_days[::-1]]):
            for off1 in combinations(weekdays[0], len(MON_FRI) - first):
                for off2 in combinations(weekdays[1], len(MON_FRI) - second):
                    work = [i for i in weekdays[0] + weekdays[1] if i not in off1 + off2]
                    for shorts in combinations(work, n_short):
                        mins = [0] * PERIOD_DAYS
                        for i in work:
                            mins[i] = short if i in shorts else long
                        out.append(Pattern(kind, tuple(mins), _label_549(first, second, off1 + off2, shorts, long, short)))
    elif kind == "compressed-4-10":
        # Four days each week, forty hours each week (§2.c(1)(c)): one weekday off in each week → 5 × 5 = 25 layouts.
        day = even_days(t.four_day_week_hours, t.four_day_week_days)
        for off1, off2 in product(combinations(weekdays[0], len(MON_FRI) - t.four_day_week_days),
                                  combinations(weekdays[1], len(MON_FRI) - t.four_day_week_days)):
            mins = [0] * PERIOD_DAYS
            for w, off in enumerate((off1, off2)):
                for i, m in zip([i for i in weekdays[w] if i not in off], day):
                    mins[i] = m
            hours = "/".join(f"{m / 60:g}" for m in dict.fromkeys(day))
            out.append(Pattern(kind, tuple(mins), f"{hours} hours a day, off {_names(off1)} of week 1 and {_names(off2)} of week 2"))
    elif kind in ("standard", "flexiplace-opt-out"):
        day = t.workweek // len(MON_FRI)  # the 40-hour basic workweek on 5 days, Monday through Friday (5 CFR 610.111; 6101(a)(3))
        mins = tuple(day if i % WEEK in MON_FRI else 0 for i in range(PERIOD_DAYS))
        tour = (f"a {t.flexiplace_tour / 60:g}-hour tour with a {t.flexiplace_lunch} minute unpaid break"
                if kind == "flexiplace-opt-out" else "the same hours each day")
        out.append(Pattern(kind, mins, f"{day / 60:g} hours Monday to Friday, {tour}"))
    else:
        raise InvalidInput(f"a {LABELS[kind].lower()} has no fixed layout: any hours within the {fmt_hhmm(t.band[0])}–"
                           f"{fmt_hhmm(t.band[1])} band, core hours on its core days, {t.full_time(kind) / 60:g} hours a pay period",
                           cite=CITES[kind], fix="Layouts exist for standard, compressed-5-4-9, compressed-4-10 and flexiplace-opt-out")
    return tuple(out)


def _names(days: tuple[int, ...]) -> str:
    return " and ".join(WEEKDAYS[d % WEEK] for d in days) or "no day"


def _label_549(first: int, second: int, off: tuple[int, ...], shorts: tuple[int, ...], long: int, short: int) -> str:
    weeks = [first, second]
    big = 0 if first >= second else 1
    offs = "; ".join(f"off {_names(tuple(d for d in off if d // WEEK == w))} of week {w + 1}" for w in range(2)
                     if any(d // WEEK == w for d in off))
    text = f"{weeks[big]} days in week {big + 1}, {weeks[1 - big]} in week {2 - big} ({offs})"
    if shorts:
        where = " and ".join(f"{WEEKDAYS[i % WEEK]} of week {i // WEEK + 1}" for i in shorts)
        text += f"; {short / 60:g} hours on {where}, {long / 60:g} hours on the others"
    else:
        text += f"; {long / 60:g} hours each day"
    return text


def default_pattern(kind: str, terms: Terms | None = None) -> Pattern:
    """The usual layout: days off at the end of the week (every other Friday for the 5-4/9, Fridays for the 4-10),
    and a 5-4/9's shorter day on the last day of its longer week (Friday of week 1)."""
    pats = allowed_patterns(kind, terms)
    if kind not in COMPRESSED:
        return pats[0]

    def key(p: Pattern) -> tuple[int, ...]:
        shorts = [i for i, m in enumerate(p.minutes) if 0 < m < max(p.minutes)]
        return (-sum(d // WEEK for d in p.days_off), -sum(d % WEEK for d in p.days_off),  # days off late: week 2, Friday
                -sum(i % WEEK for i in shorts), sum(i // WEEK for i in shorts))             # short day late in week 1

    return min(pats, key=key)


def check_layout(pattern: Pattern, t: Terms, part_time: bool) -> None:
    """A compressed layout must be 'scheduled for less than ten (10) workdays' with the §2.c(1) hours (a) or (b)."""
    total, days = sum(pattern.minutes), pattern.workdays
    if part_time:
        if total >= t.compressed_part_time_under:
            raise OutOfRange(f"a part-time compressed schedule has less than {t.compressed_part_time_under / 60:g} hours a pay period "
                             f"(this one has {total / 60:g})", cite="Art. 4 §2.c(1)(b)", fix="Give the part-time tour's hours")
        if days >= t.compressed_part_time_days_under:
            raise OutOfRange(f"a part-time compressed schedule is scheduled for less than {t.compressed_part_time_days_under} workdays "
                             f"(this one has {days})", cite="Art. 4 §2.c(1)(b)",
                             fix="Choose standard, variable-week or maxiflex for a part-time tour on every workday")
        return
    if total != t.compressed_full_time:
        raise OutOfRange(f"a full-time compressed schedule has {t.compressed_full_time / 60:g} hours a pay period (this layout has "
                         f"{total / 60:g})", cite="Art. 4 §2.c(1)(a)", fix="Give a tour of the full biweekly requirement")
    if days >= t.compressed_full_time_days_under:
        raise OutOfRange(f"a compressed schedule is scheduled for less than {t.compressed_full_time_days_under} workdays (this layout "
                         f"has {days})", cite="Art. 4 §2.c(1)(a)", fix="Choose a standard or flexible schedule for work on every workday")


def describe(schedule: Schedule, contract: Contract, terms: Terms | None = None) -> str:
    """One paragraph: what this schedule type is under the contract, with its citation and its numbers."""
    from .terms import Terms

    t = terms or Terms.of(contract)
    k = schedule.kind
    lengths = even_days(t.five_four_nine_hours, sum(t.five_four_nine_days))
    day_words = " and ".join(f"{lengths.count(m)} day{'s' if lengths.count(m) > 1 else ''} of {m / 60:g} hours"
                             for m in dict.fromkeys(lengths))
    words = {
        "variable-week": f"core time on each workday; hours may vary by day and by week; {t.full_time(k) / 60:g} hours a pay period; "
                         "credit hours",
        "maxiflex": f"core time on fewer than {t.maxiflex_core_days_under} workdays; only for offices that already had it "
                    f"(grandfathered, §1.a); {t.full_time(k) / 60:g} hours a pay period; credit hours",
        "standard": f"{t.workweek // len(MON_FRI) / 60:g} hours each workday, Monday to Friday; no credit hours",
        "compressed-5-4-9": f"{t.five_four_nine_hours / 60:g} hours on {t.five_four_nine_days[0]} days one week and "
                            f"{t.five_four_nine_days[1]} the next ({day_words}: the text gives no day's length, so the hours fall "
                            "as evenly as whole hours allow; give your own tour for another split); no credit hours",
        "compressed-4-10": f"{t.four_day_week_hours / 60:g} hours on {t.four_day_week_days} days each week; no credit hours",
        "flexiplace-opt-out": f"a flexiplace employee who opts out of flexitime works an {t.flexiplace_tour / 60:g}-hour tour agreed "
                              f"with the supervisor ({t.workday / 60:g} hours' work and a {t.flexiplace_lunch}-minute break); "
                              "no credit hours",
    }[k]
    return f"{schedule.label} ({CITES[k]}): {words}."


__all__ = ["CITES", "COMPRESSED", "FLEXIBLE", "KINDS", "LABELS", "Pattern", "SHIFTS", "Schedule", "Tour", "WEEKDAYS", "allowed_patterns",
           "check_layout", "default_pattern", "describe", "even_days", "parse_core_days", "parse_core_hours", "parse_kind"]
