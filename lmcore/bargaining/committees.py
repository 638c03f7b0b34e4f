"""The contract's joint committees: who sits on them, how often they meet, and a meeting calendar that keeps
each "at least quarterly" rule (Art. 35 §3–§4, Art. 36 §2.a). Committees that meet only on request get no dates."""
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
QUARTERLY = "committees.quarterly"
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
        return {
            "quarterly": "meets quarterly",
            "at_least_quarterly": "meets at least quarterly",
            "on_request": "meets at the request of either party (no fixed dates)",
            "as_issues_arise": "deals with issues as they arise (no fixed dates)",
            "not_stated": "no meeting schedule stated in the contract",
        }[self.meets]

    def to_dict(self) -> dict[str, object]:
        return {"key": self.key, "name": self.name, "cite": self.cite, "members": self.members,
                "members_per_side": self.members_per_side, "meets": self.meets, "frequency": self.frequency(),
                "quote": self.quote, "note": self.note}


def committees(contract: Contract) -> tuple[Committee, ...]:
    """Every joint committee the contract sets up, in the order of the articles."""
    p = contract.param
    lmrc_a, lmrc_d = p("committees.agency_lmrc_meetings_per_year"), p("committees.department_lmrc_meetings_per_year")
    bargain = p("bargaining.departmental_meetings_per_year")
    flexiplace = p("flexiplace.committee_members")
    found = (
        Committee("agency_flexitime", "Agency Flexitime Committee (each Agency)", "Art. 4 §4.a", "equal numbers from each party",
                  None, "on_request", "The Committee will meet at any time at the request of either party."),
        Committee("department_flexitime", "Departmental Flexitime Committee", "Art. 4 §4.b", "equal members from each party",
                  None, "not_stated", "There shall be a committee at the Departmental level composed of equal members from each party to oversee implementation and functioning of the plan."),
        Committee("flexiplace", "Flexiplace Committee", flexiplace.cite, f"up to {flexiplace.value} from each party",
                  int(flexiplace.value), "not_stated", flexiplace.quote, "It does not address individual issues or concerns."),
        Committee("technology_team", "Technology Team", "Art. 30 §3", "equal representation from the Department and Local 12",
                  None, "on_request", "The Department and Local 12 shall form a Technology Team with equal representation from the Department and Local 12, which will meet at the request of either party."),
        Committee("agency_lmrc", "Agency Labor-Management Relations Committee (each Agency)", lmrc_a.cite,
                  f"{p('committees.agency_lmrc_members').value} permanent members from each party", int(p("committees.agency_lmrc_members").value),
                  "at_least_quarterly", lmrc_a.quote,
                  "Unless agreed otherwise. The Office of the Secretary's components count as one Agency; the Director of "
                  "Employee and Labor-Management Relations convenes its quarterly meeting.", int(lmrc_a.value)),
        Committee("department_lmrc", "Department Labor-Management Relations Committee", lmrc_d.cite,
                  f"{p('committees.department_lmrc_members').value} permanent members from each party", int(p("committees.department_lmrc_members").value),
                  "at_least_quarterly", lmrc_d.quote, "", int(lmrc_d.value)),
        Committee("departmental_bargaining", "Departmental Mid-Term Bargaining Committee", bargain.cite,
                  f"up to {p('committees.bargaining_committee_members').value} from each party at any session (Art. 36 §1)",
                  int(p("committees.bargaining_committee_members").value), "quarterly", bargain.quote,
                  "Additional sessions may be held upon mutual agreement of the parties.", int(bargain.value)),
        Committee("transit_oversight", "Transit subsidy oversight and monitoring committee", "Transit Subsidy ¶6", "joint (size not stated)",
                  None, "as_issues_arise", "to deal with issues or problems as they arise",
                  "No role in individual discipline or adverse actions about the transit subsidy."),
    )
    flat = " ".join(contract.text.raw.split())
    for c in found:
        contract.section(c.cite)
        if " ".join(c.quote.split()) not in flat:
            raise ContractFileError(f"committee '{c.key}': the words are not in the contract text: \"{c.quote[:60]}\"", cite=c.cite)
    return found


def committee(key: str, contract: Contract) -> Committee:
    for c in committees(contract):
        if c.key == key:
            return c
    known = ", ".join(c.key for c in committees(contract))
    raise InvalidInput(f"no committee named '{key}'", fix=f"Known committees: {known}")


@dataclass(frozen=True)
class MeetingPattern:
    """A standing choice of meeting day: e.g. the 2nd Tuesday of the 1st month of each quarter."""

    weekday: int = 1
    week: int = 2
    month: int = 1

    def __post_init__(self) -> None:
        if self.weekday not in range(5):
            raise InvalidInput(f"weekday {self.weekday} is not Monday–Friday (0–4)", fix="Meetings are held on workdays: pick 0 (Monday) to 4 (Friday)")
        if self.week not in _ORD:
            raise InvalidInput(f"week {self.week} is not 1, 2, 3, 4 or -1 (the last)", fix="Pick which week of the month")
        if self.month not in (1, 2, 3):
            raise InvalidInput(f"month {self.month} is not the 1st, 2nd or 3rd month of a quarter", fix="Pick 1, 2 or 3")

    def describe(self) -> str:
        return f"the {_ORD[self.week]} {_DAYS[self.weekday]} of the {_ORD[self.month]} month of each quarter"

    def day_in(self, year: int, quarter: int) -> dt.date:
        month = 3 * (quarter - 1) + self.month
        days = [d for d in _cal.Calendar().itermonthdates(year, month) if d.month == month and d.weekday() == self.weekday]
        return days[-1] if self.week == -1 else days[self.week - 1]


# Defaults chosen so the committees do not clash; sessions start on a Monday so five workdays fit in one week.
DEFAULT_PATTERNS = {
    "department_lmrc": MeetingPattern(weekday=1, week=2, month=1),
    "agency_lmrc": MeetingPattern(weekday=3, week=3, month=1),
    "departmental_bargaining": MeetingPattern(weekday=0, week=2, month=2),
}


@dataclass(frozen=True)
class Meeting:
    """One scheduled meeting: the day, which committee, the quarter it serves and why it moved off the pattern."""

    day: dt.date
    committee: str
    name: str
    period: str
    cite: str
    planned: dt.date
    moved: str | None = None

    def explain(self) -> str:
        text = f"{self.name}: {fmt_day(self.day)} ({self.period}; {self.cite})."
        if self.moved:
            text += f" {self.moved}"
        return text

    def to_event(self) -> CalendarEvent:
        from ..exports import CalendarEvent

        return CalendarEvent(self.day, f"{self.name} meeting, {self.period}", self.explain(), self.cite)

    def to_dict(self) -> dict[str, object]:
        return {"date": self.day.isoformat(), "committee": self.committee, "name": self.name, "period": self.period,
                "cite": self.cite, "planned": self.planned.isoformat(), "moved": self.moved}


def add_months(day: dt.date, n: int) -> dt.date:
    """The same day n calendar months later (the month's last day when it is shorter: Nov 30 + 3 → Feb 28/29)."""
    y, m = divmod(day.month - 1 + n, 12)
    year, month = day.year + y, m + 1
    return dt.date(year, month, min(day.day, _cal.monthrange(year, month)[1]))


def _quarter(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def _quarters(start: dt.date, end: dt.date) -> list[tuple[int, int]]:
    out, (y, q) = [], _quarter(start)
    while (y, q) <= _quarter(end):
        out.append((y, q))
        y, q = (y + 1, 1) if q == 4 else (y, q + 1)
    return out


def schedule(key: str, start: dt.date, end: dt.date, contract: Contract, pattern: MeetingPattern | None = None) -> tuple[Meeting, ...]:
    """Meetings of a quarterly committee from start to end (inclusive), on the pattern's day moved off
    weekends, holidays and closures, meeting the quarterly rule under interpretation committees.quarterly."""
    c = committee(key, contract)
    if not c.scheduled:
        raise InvalidInput(f"the {c.name} {c.frequency()}; lmcore does not invent dates for it", cite=c.cite,
                           fix="Schedule it when a party asks; only quarterly committees get a calendar")
    start, end = to_date(start, "first day"), to_date(end, "last day")
    if end < start:
        raise InvalidDate(f"the last day {end} is before the first day {start}", cite=c.cite, fix="Swap the two dates")
    if c.meetings_per_year != 4:
        raise ContractFileError(f"the {c.name} meets {c.meetings_per_year} times a year; the calendar knows only quarterly rhythms", cite=c.cite)
    pattern = pattern or DEFAULT_PATTERNS.get(key, MeetingPattern())
    cal, gap = contract.calendar, contract.choice(QUARTERLY) == "every_three_months"
    out: list[Meeting] = []
    limit = add_months(start, 3)
    for y, q in _quarters(start, end):
        planned = pattern.day_in(y, q)
        day, moved = _off_nonworkdays(cal, planned, (y, q))
        if gap and day > limit:
            day = cal.add_calendar_days(limit, 0, roll="backward")
            moved = (f"The {pattern.describe()} ({fmt_day(planned)}) is more than three months after the last meeting "
                     f"or the start; moved to {fmt_day(day)}, the last workday by {fmt_day(limit)}.")
        if day < start or day > end:
            continue
        out.append(Meeting(day, c.key, c.name, f"{y} Q{q}", c.cite, planned, moved))
        limit = add_months(day, 3)
    return tuple(out)


def _off_nonworkdays(cal, planned: dt.date, quarter: tuple[int, int]) -> tuple[dt.date, str | None]:
    """Move a planned day that is not a workday to the next workday (the previous one if that leaves the quarter)."""
    reason = cal.skip_reason(planned)
    if reason is None:
        return planned, None
    day = cal.add_calendar_days(planned, 0, roll="forward")
    if _quarter(day) != quarter:
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
    start, end = to_date(start, "first day"), to_date(end, "last day")
    days = sorted(to_date(d, "meeting date") for d in meetings)
    cal, problems = contract.calendar, []
    for d in days:
        if (r := cal.skip_reason(d)) is not None:
            problems.append(f"{fmt_day(d)} is not a workday ({r}).")
    if contract.choice(QUARTERLY) == "every_three_months":
        prev = start
        for d in [d for d in days if start <= d <= end] + [None]:
            limit = add_months(prev, 3)
            if (d is None and limit < end) or (d is not None and d > limit):
                problems.append(f"No meeting from {fmt_day(prev)} to {fmt_day(limit)} (more than three months).")
            if d is not None:
                prev = d
    else:
        have = {_quarter(d) for d in days}
        for y, q in _quarters(start, end):
            first, last = dt.date(y, 3 * q - 2, 1), add_months(dt.date(y, 3 * q - 2, 1), 3) - dt.timedelta(days=1)
            if first >= start and last <= end and (y, q) not in have:
                problems.append(f"No meeting in {y} Q{q} ({first.isoformat()} to {last.isoformat()}).")
    return QuarterlyCheck(not problems, tuple(problems), c.cite, contract.used(QUARTERLY)[0])
