"""The contract's joint committees: who sits on them, how often they meet, and a meeting calendar that keeps
each "at least quarterly" rule (Art. 35 §3–§4, Art. 36 §2.a). Committees that meet only on request get no dates.

The contract sets how often a committee meets, never on which day. Every meeting date here rests on a meeting
day (a MeetingPattern) that is lmcore's assumption or the user's setting, and says so (`Meeting.assumed`)."""
from __future__ import annotations

import calendar as _cal
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from ..calendar import to_date
from ..deadlines import fmt_day
from ..errors import ContractFileError, InvalidDate, InvalidInput
from ..contract.readings import Choice

if TYPE_CHECKING:
    from ..contract.book import Contract
    from ..exports import CalendarEvent

Meets = Literal["quarterly", "at_least_quarterly", "on_request", "as_issues_arise", "not_stated"]
QUARTERLY, MEETING_DAYS = "committees.quarterly", "committees.meeting_days"
_ORD = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th", -1: "last"}
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@dataclass(frozen=True)
class Committee:
    """A joint committee: its members per side and how often the contract says it meets, in its own words."""

    key: str
    name: str
    cite: str
    members: str
    members_per_side: int | None
    meets: Meets
    quote: str
    note: str = ""
    meetings_per_year: int | None = None

    @property
    def scheduled(self) -> bool:
        """True when the contract fixes a rhythm (quarterly) that a calendar can keep."""
        return self.meets in ("quarterly", "at_least_quarterly")

    def frequency(self) -> str:
        rhythm = rhythm_words(self.meetings_per_year or 4)
        return {
            "quarterly": f"meets {rhythm}",
            "at_least_quarterly": f"meets at least {rhythm}",
            "on_request": "meets at the request of either party (no fixed dates)",
            "as_issues_arise": "deals with issues as they arise (no fixed dates)",
            "not_stated": "no meeting schedule stated in the contract",
        }[self.meets]

    def to_dict(self) -> dict[str, object]:
        return {"key": self.key, "name": self.name, "cite": self.cite, "members": self.members,
                "members_per_side": self.members_per_side, "meets": self.meets, "frequency": self.frequency(),
                "quote": self.quote, "note": self.note}


MEETS = ("quarterly", "at_least_quarterly", "on_request", "as_issues_arise", "not_stated")


def committees(contract: Contract) -> tuple[Committee, ...]:
    """Every joint committee the contract sets up, in the order of the articles (parameter committees.joint)."""
    table = contract.param("committees.joint")
    found = []
    for row in table.value:
        key = str(row.get("key", ""))
        bad = next((f for f in ("key", "name", "cite", "members", "meets", "quote") if not str(row.get(f, "")).strip()), None)
        if bad or row["meets"] not in MEETS:
            raise ContractFileError(f"parameters.yaml: key 'committees.joint', row '{key}': "
                                    + (f"'{bad}' is missing" if bad else f"meets '{row['meets']}' is not one of {', '.join(MEETS)}"),
                                    cite=table.cite, fix="Correct the row")
        members = contract.param(str(row["members_key"])) if row.get("members_key") else None
        meetings = contract.param(str(row["meetings_key"])) if row.get("meetings_key") else None
        note = str(row.get("note", ""))
        if key == "agency_lmrc" and "committees.osec_as_one_agency" in contract.parameters:
            osec, osec_meets = contract.param("committees.osec_as_one_agency"), contract.param("committees.osec_lmrc_meetings_per_year")
            note = (f"{note} {osec.label}: {osec.value:g} ({osec.cite}); that Agency's committee meets {rhythm_words(int(osec_meets.value))}, "
                    "convened by the Director of Employee and Labor-Management Relations.").strip()
        c = Committee(key, str(row["name"]), str(row["cite"]), str(row["members"]).replace("{n}", f"{members.value:g}" if members else "?"),
                      int(members.value) if members else None, row["meets"], str(row["quote"]), note,
                      int(meetings.value) if meetings else None)
        contract.section(c.cite)
        if " ".join(c.quote.split()) not in " ".join(contract.section(c.cite).text.split()):
            raise ContractFileError(f"parameters.yaml: key 'committees.joint', row '{key}': the words are not at {c.cite}: \"{c.quote[:60]}\"",
                                    cite=c.cite, fix="Copy the quote from that section")
        found.append(c)
    return tuple(found)


def committee(key: str, contract: Contract) -> Committee:
    for c in committees(contract):
        if c.key == key:
            return c
    known = ", ".join(c.key for c in committees(contract))
    raise InvalidInput(f"no committee named '{key}'", fix=f"Known committees: {known}")


_ORDINALS = {"1st": 1, "first": 1, "2nd": 2, "second": 2, "3rd": 3, "third": 3, "4th": 4, "fourth": 4, "last": -1}


def rhythm_words(per_year: int) -> str:
    """How often, in words, a committee meeting `per_year` times meets ("quarterly" for 4)."""
    return {1: "yearly", 2: "twice a year", 4: "quarterly", 12: "monthly"}.get(per_year, f"{per_year} times a year")


@dataclass(frozen=True)
class MeetingPattern:
    """A standing choice of meeting day — e.g. the 2nd Tuesday of the 1st month of each quarter. The contract sets
    none: `chosen_by` says whether it is lmcore's assumption or the user's setting."""

    weekday: int = 1
    week: int = 2
    month: int = 1
    chosen_by: Literal["lmcore", "user"] = "user"

    def __post_init__(self) -> None:
        if self.weekday not in range(5):
            raise InvalidInput(f"weekday {self.weekday} is not Monday–Friday (0–4)", fix="Meetings are held on workdays: pick 0 (Monday) to 4 (Friday)")
        if self.week not in _ORD:
            raise InvalidInput(f"week {self.week} is not 1, 2, 3, 4 or -1 (the last)", fix="Pick which week of the month")
        if self.month not in range(1, 13):
            raise InvalidInput(f"month {self.month} is not a month of a meeting period (1 to 12)", fix="Pick 1 for the period's first month")

    @classmethod
    def parse(cls, text: str) -> MeetingPattern:
        """A meeting day in words: "2nd Tuesday", "last Friday of month 3", "1st Monday of the 2nd month"."""
        words = str(text).strip().lower().replace(",", " ").split()
        words = [w for w in words if w not in ("of", "the", "each", "quarter", "period")]
        fix = 'Write it like "2nd Tuesday" or "last Friday of month 3" (the month of each quarter, 1 to 3)'
        if len(words) < 2 or words[0] not in _ORDINALS or words[1].capitalize() not in _DAYS[:5]:
            raise InvalidInput(f"'{text}' is not a meeting day lmcore can read", fix=fix)
        month = 1
        rest = words[2:]
        if rest == ["month"] or len(rest) > 2:
            raise InvalidInput(f"'{text}' is not a meeting day lmcore can read", fix=fix)
        if len(rest) == 2:
            a, b = rest
            n = b if a == "month" else a if b == "month" else None
            n = {"1st": "1", "2nd": "2", "3rd": "3"}.get(n or "", n)
            if n is None or not n.isdigit():
                raise InvalidInput(f"'{text}' is not a meeting day lmcore can read", fix=fix)
            month = int(n)
        elif rest:
            raise InvalidInput(f"'{text}' is not a meeting day lmcore can read", fix=fix)
        return cls(_DAYS.index(words[1].capitalize()), _ORDINALS[words[0]], month)

    def describe(self, period_months: int = 3) -> str:
        period = {3: "quarter", 6: "half-year", 12: "year"}.get(period_months, f"{period_months}-month period")
        head = f"the {_ORD[self.week]} {_DAYS[self.weekday]}"
        return head + (" of each month" if period_months == 1 else f" of the {_ORD.get(self.month, f'{self.month}th')} month of each {period}")

    def day_in(self, year: int, first_month: int) -> dt.date:
        """The pattern's day in the period that starts with `first_month` of `year`."""
        month = first_month + self.month - 1
        days = [d for d in _cal.Calendar().itermonthdates(year, month) if d.month == month and d.weekday() == self.weekday]
        return days[-1] if self.week == -1 else days[self.week - 1]


# lmcore's own choice where the parties have fixed no day (the contract sets none): apart so the committees do not
# clash; sessions start on a Monday so five workdays fit in one week. Shown as assumed wherever used.
DEFAULT_PATTERNS = {
    "department_lmrc": MeetingPattern(weekday=1, week=2, month=1, chosen_by="lmcore"),
    "agency_lmrc": MeetingPattern(weekday=3, week=3, month=1, chosen_by="lmcore"),
    "departmental_bargaining": MeetingPattern(weekday=0, week=2, month=2, chosen_by="lmcore"),
}


@dataclass(frozen=True)
class Meeting:
    """One meeting: the day, which committee, the period it serves, why it moved off the pattern, and — when the day
    rests on a meeting day the contract does not set — that it is assumed, and on what."""

    day: dt.date
    committee: str
    name: str
    period: str
    cite: str
    planned: dt.date
    moved: str | None = None
    assumed: bool = False
    assumption: str | None = None

    def explain(self) -> str:
        text = f"{self.name}: {fmt_day(self.day)} ({self.period}; {self.cite})."
        if self.moved:
            text += f" {self.moved}"
        if self.assumed:
            text += f" Assumed date: {self.assumption}"
        return text

    def to_event(self) -> CalendarEvent:
        from ..exports import CalendarEvent

        tag = " (assumed date)" if self.assumed else ""
        return CalendarEvent(self.day, f"{self.name} meeting, {self.period}{tag}", self.explain(), self.cite)

    def to_dict(self) -> dict[str, object]:
        return {"date": self.day.isoformat(), "committee": self.committee, "name": self.name, "period": self.period,
                "cite": self.cite, "planned": self.planned.isoformat(), "moved": self.moved, "assumed": self.assumed,
                "assumption": self.assumption}


def given_meeting(day: dt.date, key: str, contract: Contract) -> Meeting:
    """A meeting on a day the user gave (a session the parties scheduled): not assumed."""
    c = committee(key, contract)
    day = to_date(day, f"{c.name} meeting date")
    if (why := contract.calendar.skip_reason(day)) is not None:
        raise InvalidDate(f"a {c.name} meeting on {fmt_day(day)} falls on a day that is not a workday ({why})", cite=c.cite,
                          fix="Give the day the meeting is held (a workday)")
    per = period_months(c)
    return Meeting(day, c.key, c.name, _period_name(day.year, _period_start(day, per), per), c.cite, day)


def add_months(day: dt.date, n: int) -> dt.date:
    """The same day n calendar months later (the month's last day when it is shorter: Nov 30 + 3 → Feb 28/29)."""
    y, m = divmod(day.month - 1 + n, 12)
    year, month = day.year + y, m + 1
    return dt.date(year, month, min(day.day, _cal.monthrange(year, month)[1]))


def period_months(c: Committee) -> int:
    """Months in one meeting period: 12 / meetings a year (3 for quarterly); a rhythm a calendar can keep."""
    n = c.meetings_per_year or 0
    if n < 1 or 12 % n:
        raise ContractFileError(f"the {c.name} meets {n} times a year; a meeting calendar needs a number that divides the year "
                                "(1, 2, 3, 4, 6 or 12)", cite=c.cite, fix="Correct its meetings_per_year in parameters.yaml")
    return 12 // n


def _period_start(day: dt.date, months: int) -> int:
    """First month (1–12) of the meeting period that contains `day`."""
    return (day.month - 1) // months * months + 1


def _period_name(year: int, first_month: int, months: int) -> str:
    k = (first_month - 1) // months + 1
    if months == 3:
        return f"{year} Q{k}"
    if months == 6:
        return f"{year} H{k}"
    if months == 12:
        return str(year)
    if months == 1:
        return f"{year}-{first_month:02d}"
    return f"{year} period {k} of {12 // months}"


def _periods(start: dt.date, end: dt.date, months: int) -> list[tuple[int, int]]:
    """(year, first month) of every meeting period from the one containing `start` to the one containing `end`."""
    out, (y, m) = [], (start.year, _period_start(start, months))
    while (y, m) <= (end.year, _period_start(end, months)):
        out.append((y, m))
        y, m = (y + 1, 1) if m + months > 12 else (y, m + months)
    return out


def schedule(key: str, start: dt.date, end: dt.date, contract: Contract, pattern: MeetingPattern | None = None, *,
             last_held: dt.date | None = None) -> tuple[Meeting, ...]:
    """Meetings of a quarterly committee from start to end (inclusive), on the pattern's day moved off weekends,
    holidays and closures, keeping the rhythm under interpretation committees.quarterly. Every date is assumed (the
    contract sets no day). Under the gap reading the gap runs from meeting to meeting: from `last_held` (a meeting
    already held) or, without one, from `start` (the effective date) — the one rule bargaining and the contract
    calendar share."""
    c = committee(key, contract)
    if not c.scheduled:
        raise InvalidInput(f"the {c.name} {c.frequency()}; lmcore does not invent dates for it", cite=c.cite,
                           fix="Schedule it when a party asks; only quarterly committees get a calendar")
    start, end = to_date(start, "first day"), to_date(end, "last day")
    if end < start:
        raise InvalidDate(f"the last day {end} is before the first day {start}", cite=c.cite, fix="Swap the two dates")
    if contract.choice(MEETING_DAYS) == "none":
        raise InvalidInput(f"the contract sets no day for the {c.name} ({c.frequency()}), and under "
                           f"{contract.reading_words(MEETING_DAYS, 'none')} no day is assumed in its place", cite=c.cite,
                           fix=f"Give the meeting dates the parties set, or switch to {contract.reading_words(MEETING_DAYS, 'assume_day')}")
    months = period_months(c)
    pattern = pattern or DEFAULT_PATTERNS.get(key, MeetingPattern(chosen_by="lmcore"))
    if pattern.month > months:
        raise InvalidInput(f"month {pattern.month} of a {months}-month meeting period does not exist", cite=c.cite,
                           fix=f"Pick a month from 1 to {months}")
    who = "lmcore's assumed meeting day" if pattern.chosen_by == "lmcore" else "the meeting day you set"
    assumption = (f"it rests on {who}, {pattern.describe(months)}; the contract says only that the committee "
                  f"{c.frequency()} ({c.cite}) and sets no day.")
    cal, gap = contract.calendar, contract.choice(QUARTERLY) == "every_three_months"
    anchor = last_held if last_held is not None else start
    limit = add_months(anchor, months)
    out: list[Meeting] = []
    for y, m in _periods(anchor, end, months):
        if last_held is not None and (y, m) == (last_held.year, _period_start(last_held, months)):
            continue  # that period's meeting has been held
        planned = pattern.day_in(y, m)
        if planned < anchor:
            continue
        day, moved = _off_nonworkdays(cal, planned, (y, m), months)
        if day < anchor:
            continue
        if gap and day > limit:
            day = cal.add_calendar_days(limit, 0, roll="backward")
            moved = (f"The {pattern.describe(months)} ({fmt_day(planned)}) is more than {_months(months)} after the last meeting "
                     f"or the start; moved to {fmt_day(day)}, the last workday by {fmt_day(limit)}.")
        limit = add_months(day, months)
        if start <= day <= end:
            out.append(Meeting(day, c.key, c.name, _period_name(y, m, months), c.cite, planned, moved, True, assumption))
    return tuple(out)


def _months(n: int) -> str:
    return {1: "one month", 2: "two months", 3: "three months", 4: "four months", 6: "six months", 12: "twelve months"}.get(n, f"{n} months")


def _off_nonworkdays(cal, planned: dt.date, period: tuple[int, int], months: int) -> tuple[dt.date, str | None]:
    """Move a planned day that is not a workday to the next workday (the previous one if that leaves the period)."""
    reason = cal.skip_reason(planned)
    if reason is None:
        return planned, None
    day = cal.add_calendar_days(planned, 0, roll="forward")
    if (day.year, _period_start(day, months)) != period:
        day = cal.add_calendar_days(planned, 0, roll="backward")
    return day, f"{fmt_day(planned)} is {reason}; moved to {fmt_day(day)}."


@dataclass(frozen=True)
class QuarterlyCheck:
    """Whether a list of meeting dates keeps the quarterly rule, and where it does not."""

    ok: bool
    problems: tuple[str, ...]
    cite: str
    reading: Choice

    def explain(self) -> str:
        head = "The meetings keep the quarterly rule" if self.ok else "The meetings do not keep the quarterly rule"
        lines = [f"{head} ({self.cite})."] + [f"- {p}" for p in self.problems] + [f"Reading used: {self.reading}"]
        return "\n".join(lines)


def check_quarterly(key: str, meetings: list[dt.date], start: dt.date, end: dt.date, contract: Contract) -> QuarterlyCheck:
    """Check meeting dates against "at least quarterly" from start to end: every full calendar quarter has one
    (or, under the stricter reading, no gap over three months); meetings on non-workdays are named too."""
    c = committee(key, contract)
    months = period_months(c)
    start, end = to_date(start, "first day"), to_date(end, "last day")
    days = sorted(to_date(d, "meeting date") for d in meetings)
    cal, problems = contract.calendar, []
    for d in days:
        if (r := cal.skip_reason(d)) is not None:
            problems.append(f"{fmt_day(d)} is not a workday ({r}).")
    if contract.choice(QUARTERLY) == "every_three_months":
        prev = start
        for d in [d for d in days if start <= d <= end] + [None]:
            limit = add_months(prev, months)
            if (d is None and limit < end) or (d is not None and d > limit):
                problems.append(f"No meeting from {fmt_day(prev)} to {fmt_day(limit)} (more than {_months(months)}).")
            if d is not None:
                prev = d
    else:
        have = {(d.year, _period_start(d, months)) for d in days}
        for y, m in _periods(start, end, months):
            first = dt.date(y, m, 1)
            last = add_months(first, months) - dt.timedelta(days=1)
            if first >= start and last <= end and (y, m) not in have:
                problems.append(f"No meeting in {_period_name(y, m, months)} ({first.isoformat()} to {last.isoformat()}).")
    return QuarterlyCheck(not problems, tuple(problems), c.cite, contract.used(QUARTERLY)[0])
