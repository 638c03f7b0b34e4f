"""The contract's own labor-management forums (Art. 4 §4, Art. 10 §12–§13, Art. 29 §3, Art. 30 §3, Art. 35, Art. 36,
Art. 44 §3.b, the transit committee) with what the text requires of each, and a tracker: given the meetings held,
is the requirement met and when is the next meeting due? The committees come from lmcore.bargaining.committees
(reused, not repeated); the numbers and their words from parameters.yaml."""
from __future__ import annotations

import calendar as _cal
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..calendar import to_date
from ..deadlines import fmt_day
from ..errors import ContractFileError, InvalidDate, InvalidInput
from .data import load

if TYPE_CHECKING:
    from ..contract.book import Contract
    from ..contract.readings import Choice

QUARTERLY_READING = "committees.quarterly"
_PER_YEAR = {"quarterly": 4, "monthly": 12}
_NO_DATES = {
    "on_request": "meets at the request of either party: no due date",
    "as_issues_arise": "deals with issues or problems as they arise: no due date",
    "periodic": "should meet periodically: the contract states no interval, so no due date",
    "on_event": "meets when the event occurs (a proposed change, a coming bargaining session): no standing due date",
    "encouraged": "encouraged, not required: no due date",
    "not_stated": "no meeting schedule stated in the contract: no due date",
}


@dataclass(frozen=True)
class Forum:
    """A committee or forum the contract sets up: who sits on it, how often it meets, in the contract's words."""

    id: str
    name: str
    cite: str
    members: str
    rhythm: str
    quote: str
    parameter: str | None = None
    committee: str | None = None
    note: str = ""
    unless_agreed: bool = False

    @property
    def scheduled(self) -> bool:
        """True when the text fixes a rhythm (quarterly, monthly) a due date can be counted from."""
        return self.rhythm in _PER_YEAR

    def requirement(self) -> str:
        what = {"quarterly": "a meeting every quarter", "monthly": "a meeting every month"}.get(self.rhythm) or _NO_DATES[self.rhythm]
        extra = " (unless the parties agree otherwise)" if self.unless_agreed else ""
        return f"{self.name}: {what}{extra} ({self.cite}): \"{self.quote}\""

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "cite": self.cite, "members": self.members, "rhythm": self.rhythm,
                "scheduled": self.scheduled, "quote": self.quote, "parameter": self.parameter, "committee": self.committee,
                "note": self.note, "unless_agreed": self.unless_agreed, "requirement": self.requirement()}


def forum_requirements(contract: Contract, folder: Any = None) -> tuple[Forum, ...]:
    """Every forum of the contract, in the order of the data file; each quote checked against the contract text."""
    from ..bargaining.committees import committees

    by_key = {c.key: c for c in committees(contract)}
    flat = " ".join(contract.text.raw.split())
    out = []
    for i, f in enumerate(load(folder).model.forums):
        where = f"partnership.yaml: key 'forums.{i}"
        c = by_key.get(f.committee) if f.committee else None
        if f.committee and c is None:
            raise ContractFileError(f"{where}.committee': no committee '{f.committee}' in lmcore.bargaining.committees",
                                    fix=f"Known: {', '.join(by_key)}")
        p = contract.param(f.parameter) if f.parameter else None
        if p is not None and _PER_YEAR.get(f.rhythm) != int(p.value):
            raise ContractFileError(f"{where}.rhythm': '{f.rhythm}' does not match {f.parameter} = {p.value} meetings a year",
                                    cite=p.cite, fix="Make the rhythm and the parameter agree")
        own_words = p is not None and (c is None or f.name is not None)
        quote = f.quote or (p.quote if own_words else None) or (c.quote if c else None)
        cite = f.cite or (p.cite if own_words else None) or (c.cite if c else None)
        name, members = f.name or (c.name if c else None), f.members or (c.members if c else None)
        if not (quote and cite and name and members):
            raise ContractFileError(f"{where}': a forum needs a name, citation, members and the contract's words",
                                    fix="Give them, or name a committee of lmcore.bargaining.committees")
        contract.section(cite)
        if " ".join(quote.split()) not in flat:
            raise ContractFileError(f"{where}.quote': the words are not in the contract text: \"{quote[:70]}\"", cite=cite,
                                    fix="Copy the quote exactly from the contract")
        note = f.note or (c.note if c else "")
        out.append(Forum(f.id, name, cite, members, f.rhythm, " ".join(quote.split()), f.parameter, f.committee, note, f.unless_agreed))
    return tuple(out)


def forum(key: str, contract: Contract) -> Forum:
    found = {f.id: f for f in forum_requirements(contract)}
    if key not in found:
        raise InvalidInput(f"no forum named '{key}'", fix=f"Known forums: {', '.join(found)}")
    return found[key]


@dataclass(frozen=True)
class ForumStatus:
    """A forum's record as of a day: is the requirement met so far, and by when is the next meeting due?"""

    forum: Forum
    as_of: dt.date
    since: dt.date
    held: tuple[dt.date, ...]
    met: bool | None
    next_due: dt.date | None
    period: str | None
    period_end: dt.date | None
    problems: tuple[str, ...]
    reading: Choice | None = None
    agreed_otherwise: bool = False

    @property
    def last_meeting(self) -> dt.date | None:
        return max(self.held) if self.held else None

    def answer(self) -> str:
        f = self.forum
        if self.next_due is None:
            why = "the parties agreed otherwise" if self.agreed_otherwise else _NO_DATES.get(f.rhythm, "")
            return f"{f.name}: {why} ({f.cite})."
        state = {True: "requirement met so far", False: "requirement NOT met"}[bool(self.met)]
        return f"{f.name}: {state}; next meeting due by {fmt_day(self.next_due)} ({self.period}; {f.cite})."

    def explain(self) -> str:
        f = self.forum
        lines = [self.answer(), f"Rule: \"{f.quote}\""]
        held = ", ".join(fmt_day(d) for d in self.held) or "none recorded"
        lines.append(f"Meetings held since {fmt_day(self.since)}: {held}.")
        if self.period_end is not None and self.next_due is not None and self.period_end != self.next_due:
            lines.append(f"The period ends {fmt_day(self.period_end)}, not a workday; the last workday before it is {fmt_day(self.next_due)}.")
        lines += [f"- {p}" for p in self.problems]
        if f.note:
            lines.append(f.note)
        if self.reading is not None:
            lines.append(f"Reading used: {self.reading}")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {"forum": self.forum.id, "name": self.forum.name, "cite": self.forum.cite, "rhythm": self.forum.rhythm,
                "as_of": self.as_of.isoformat(), "since": self.since.isoformat(), "held": [d.isoformat() for d in self.held],
                "last_meeting": self.last_meeting.isoformat() if self.last_meeting else None, "met": self.met,
                "next_due": self.next_due.isoformat() if self.next_due else None, "period": self.period,
                "period_end": self.period_end.isoformat() if self.period_end else None, "problems": list(self.problems),
                "reading": self.reading.to_dict() if self.reading else None, "answer": self.answer(), "explanation": self.explain()}


def forum_status(key: str, held: Sequence[Any], as_of: Any, contract: Contract, *, since: Any = None,
                 agreed_otherwise: bool = False) -> ForumStatus:
    """The record of one forum on `as_of`, counting from `since` (default: January 1 of the as-of year): every
    period that has ended since then must have had a meeting; the next one is due by the last workday of the
    period it falls in (quarterly under the reading committees.quarterly; monthly for Art. 44 §3.b)."""
    return _status(forum(key, contract), held, as_of, contract, since, agreed_otherwise)


def _status(f: Forum, held: Sequence[Any], as_of: Any, contract: Contract, since: Any, agreed_otherwise: bool) -> ForumStatus:
    as_of = to_date(as_of, "as-of date")
    since = to_date(since, "date the requirement applies from") if since is not None else dt.date(as_of.year, 1, 1)
    if since > as_of:
        raise InvalidDate(f"the tracking start {since} is after the as-of date {as_of}", cite=f.cite, fix="Swap the two dates")
    days = tuple(sorted(to_date(d, "meeting date") for d in held))
    late = [d for d in days if d > as_of]
    if late:
        raise InvalidDate(f"a meeting on {late[0]} is after the as-of date {as_of}: it has not been held yet", cite=f.cite,
                          fix="Record meetings once they are held", field="held")
    if agreed_otherwise and not f.unless_agreed:
        raise InvalidInput(f"the {f.name} has no 'unless agreed to otherwise' clause", cite=f.cite, fix="Leave it out")
    if not f.scheduled or agreed_otherwise:
        return ForumStatus(f, as_of, since, days, None, None, None, None, (), None, agreed_otherwise)
    if f.rhythm == "monthly":
        return _monthly(f, days, as_of, since, contract)
    return _quarterly(f, days, as_of, since, contract)


def forum_statuses(meetings: Mapping[str, Sequence[Any]], as_of: Any, contract: Contract, *, since: Any = None) -> tuple[ForumStatus, ...]:
    """Every forum's record (the ones with no meetings recorded too), in the data file's order."""
    forums = forum_requirements(contract)
    known = {f.id for f in forums}
    bad = [k for k in meetings if k not in known]
    if bad:
        raise InvalidInput(f"no forum named '{bad[0]}'", fix=f"Known forums: {', '.join(sorted(known))}")
    return tuple(_status(f, meetings.get(f.id, ()), as_of, contract, since, False) for f in forums)


def _last_workday(contract: Contract, day: dt.date) -> dt.date:
    return contract.calendar.add_calendar_days(day, 0, roll="backward")


def _quarter_end(year: int, q: int) -> dt.date:
    m = 3 * q
    return dt.date(year, m, _cal.monthrange(year, m)[1])


def _quarterly(f: Forum, days: tuple[dt.date, ...], as_of: dt.date, since: dt.date, contract: Contract) -> ForumStatus:
    from ..bargaining.committees import add_months, check_quarterly

    reading = contract.used(QUARTERLY_READING)[0]
    end = as_of - dt.timedelta(days=1)  # the as-of day itself is not over: its quarter is judged once it has ended
    problems: tuple[str, ...] = ()
    if end >= since:
        check = check_quarterly(f.committee or "agency_lmrc", list(days), since, end, contract)
        problems = check.problems
    if contract.choice(QUARTERLY_READING) == "every_three_months":
        last = max([d for d in days if d >= since], default=since)
        limit = add_months(last, 3)
        period = f"within three months of {'the last meeting' if last in days else 'the tracking start'}, {fmt_day(last)}"
        return ForumStatus(f, as_of, since, days, _met(problems), _last_workday(contract, limit), period, limit, problems, reading)
    y, q = as_of.year, (as_of.month - 1) // 3 + 1
    first = dt.date(y, 3 * q - 2, 1)
    if any(first <= d <= as_of for d in days) or first < since:  # met this quarter, or it is not a full quarter yet
        y, q = (y + 1, 1) if q == 4 else (y, q + 1)
    period_end = _quarter_end(y, q)
    return ForumStatus(f, as_of, since, days, _met(problems), _last_workday(contract, period_end), f"{y} Q{q}", period_end,
                       problems, reading)


def _monthly(f: Forum, days: tuple[dt.date, ...], as_of: dt.date, since: dt.date, contract: Contract) -> ForumStatus:
    problems = [f"{fmt_day(d)} is not a workday ({r})." for d in days if (r := contract.calendar.skip_reason(d))]
    have = {(d.year, d.month) for d in days}
    y, m = since.year, since.month
    while (y, m) < (as_of.year, as_of.month):
        first, last = dt.date(y, m, 1), dt.date(y, m, _cal.monthrange(y, m)[1])
        if first >= since and (y, m) not in have:
            problems.append(f"No meeting in {first:%B %Y} ({first.isoformat()} to {last.isoformat()}).")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    y, m = as_of.year, as_of.month
    if (y, m) in have or dt.date(y, m, 1) < since:
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    period_end = dt.date(y, m, _cal.monthrange(y, m)[1])
    return ForumStatus(f, as_of, since, days, _met(problems), _last_workday(contract, period_end), f"{period_end:%B %Y}",
                       period_end, tuple(problems))


def _met(problems: Sequence[str]) -> bool:
    """Met unless a period went without a meeting (a meeting held on a non-workday is named, but still a meeting)."""
    return not any(p.startswith("No meeting") for p in problems)


__all__ = ["Forum", "ForumStatus", "forum", "forum_requirements", "forum_status", "forum_statuses"]
