"""Administrative leave (Art. 5 §7): voting (§7.d), civil defense (§7.e), military funerals (§7.f), blood donation
(§7.g) and the CPA examination (§7.i(2)).

Art. 5 §7.a breaks off mid-sentence ("Administrative leave can only be"): every answer here carries that flaw,
and lmcore adds no limit of its own in its place.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..calendar import to_date
from ..deadlines import fmt_day
from ..errors import InvalidInput, OutOfRange
from ..rulings import Ruling, hours_value, whole_number

if TYPE_CHECKING:
    from ..contract.book import Contract

BROKEN_7A = "Art. 5 §7.a"


def _contract(contract: Contract | None) -> Contract:
    from ..contract.loading import load_contract

    return contract or load_contract()


def _flaws(contract: Contract) -> tuple[str, ...]:
    return tuple(str(f) for f in contract.flaws_for(BROKEN_7A))


def _minutes(value: Any, what: str) -> int:
    """Minutes after midnight from 'HH:MM' or a datetime.time."""
    if isinstance(value, dt.time):
        return value.hour * 60 + value.minute
    text = str(value).strip()
    if re.fullmatch(r"\d:\d\d", text):
        text = "0" + text  # 7:30 → 07:30
    try:
        t = dt.time.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"the {what} '{value}' is not a time of day", cite="Art. 5 §7.d(1)", fix="Write it as HH:MM, e.g. 07:00 or 19:30") from None
    return t.hour * 60 + t.minute


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _dur(minutes: int) -> str:
    h, m = divmod(minutes, 60)
    return f"{h} h {m:02d} min" if h else f"{m} min"


@dataclass(frozen=True)
class VotingLeave:
    """Administrative leave to vote: enough to report 3 h after the polls open or leave 3 h before they close, the lesser."""

    polls_open: int
    polls_close: int
    work_start: int
    work_end: int
    eligible: bool
    minutes: int
    how: str | None
    reasons: tuple[str, ...]
    cite: str
    quote: str
    flaws: tuple[str, ...]

    @property
    def hours(self) -> float:
        return self.minutes / 60

    def answer(self) -> str:
        if not self.eligible:
            return f"No administrative leave to vote: the polls are open at least 3 hours before or after work ({self.cite})."
        return f"{_dur(self.minutes)} ({self.hours:.2f} hours) of administrative leave to vote: {self.how} ({self.cite})."

    def explain(self) -> str:
        lines = [self.answer()] + [f"- {r}" for r in self.reasons]
        lines.append("Exceptional circumstances may justify more, never more than a full day (§7.d(2)).")
        lines.append(f'Rule: "{self.quote}"')
        lines += [f"Flaw in the text: {f}" for f in self.flaws]
        return "\n".join(lines)

    def to_dict(self) -> dict[str, object]:
        return {"eligible": self.eligible, "minutes": self.minutes, "hours": round(self.hours, 4), "how": self.how,
                "polls": f"{_hhmm(self.polls_open)}-{_hhmm(self.polls_close)}", "tour": f"{_hhmm(self.work_start)}-{_hhmm(self.work_end)}",
                "reasons": list(self.reasons), "cite": self.cite, "quote": self.quote, "flaws": list(self.flaws),
                "answer": self.answer(), "explanation": self.explain()}


def voting_leave(polls_open: Any, polls_close: Any, work_start: Any, work_end: Any, *,
                 contract: Contract | None = None) -> VotingLeave:
    """Leave to vote from the polling hours and the day's tour of duty (Art. 5 §7.d(1)); times as 'HH:MM'."""
    contract = _contract(contract)
    p = contract.param("leave.voting_hours")
    window = int(round(contract.value("leave.voting_polls_before_work") * 60))
    po, pc = _minutes(polls_open, "polls opening time"), _minutes(polls_close, "polls closing time")
    ws, we = _minutes(work_start, "start of the tour of duty"), _minutes(work_end, "end of the tour of duty")
    if pc <= po:
        raise InvalidInput(f"the polls close ({_hhmm(pc)}) no later than they open ({_hhmm(po)})", cite=p.cite, fix="Give the opening time, then the closing time")
    if we <= ws:
        raise InvalidInput(f"the tour of duty ends ({_hhmm(we)}) no later than it starts ({_hhmm(ws)})", cite=p.cite,
                           fix="Give a tour within one day (a tour past midnight is not handled)")
    before, after = ws - po, pc - we
    reasons = [f"Polls {_hhmm(po)}–{_hhmm(pc)}; tour of duty {_hhmm(ws)}–{_hhmm(we)}.",
               f"Open before work: {_dur(max(before, 0))}; open after work: {_dur(max(after, 0))} (the rule looks for {window // 60} hours)."]
    quote = contract.section(p.cite).text.removeprefix("(1) ")
    if before >= window or after >= window:
        reasons.append("At least 3 hours before or after work: the employee can vote on personal time.")
        return VotingLeave(po, pc, ws, we, False, 0, None, tuple(reasons), p.cite, quote, _flaws(contract))
    late = min(po + window - ws, we - ws)   # report 3 h after the polls open (never more than the whole tour)
    early = min(we - (pc - window), we - ws)  # leave 3 h before the polls close
    reasons.append(f"Report {window // 60} h after the polls open ({_hhmm(po + window)}): {_dur(late)} off.")
    reasons.append(f"Leave {window // 60} h before the polls close ({_hhmm(pc - window)}): {_dur(early)} off.")
    if late < early:
        how = f"report for work at {_hhmm(ws + late)}"
    elif early < late:
        how = f"leave work at {_hhmm(we - early)}"
    else:
        how = f"report at {_hhmm(ws + late)} or leave at {_hhmm(we - early)} (the same time off)"
    reasons.append(f"Whichever requires the lesser amount of time off: {_dur(min(late, early))}.")
    return VotingLeave(po, pc, ws, we, True, min(late, early), how, tuple(reasons), p.cite, quote, _flaws(contract))


def blood_donation(donation_day: Any, hours_requested: Any = 4, earlier_donations: Any = (), *,
                   contract: Contract | None = None) -> Ruling:
    """Up to 4 hours on the day of the donation, not more than once in a calendar month (Art. 5 §7.g)."""
    contract = _contract(contract)
    hrs, often = contract.param("leave.blood_donation_hours"), contract.param("leave.blood_donation_per_month")
    day = to_date(donation_day, "donation date")
    asked = hours_value(hours_requested, "hours asked for the donation", hrs.cite)
    same_month = sorted(d for d in (to_date(x, "earlier donation date") for x in earlier_donations or ())
                        if (d.year, d.month) == (day.year, day.month) and d != day)
    reasons = [f"Leave is on the day of the donation, {fmt_day(day)}; up to {hrs.value:g} hours."]
    if len(same_month) >= often.value:
        reasons.append(f"Donation leave was already used in {day:%B %Y} (on {', '.join(fmt_day(d) for d in same_month)}): "
                       "not more than once in a calendar month.")
        allowed = 0.0
    else:
        allowed = min(asked, float(hrs.value))
        reasons.append(f"No other donation leave in {day:%B %Y}.")
        if asked > hrs.value:
            reasons.append(f"{asked:g} hours asked; at most {hrs.value:g}.")
    return Ruling("Administrative leave to donate blood:", f"{allowed:g} hours" if allowed else "none this month", bool(allowed),
                   hrs.cite, contract.section(hrs.cite).text.split("\n", 1)[1], tuple(reasons), allowed, "hours", _flaws(contract))


def civil_defense(hours_requested: Any, used_this_year: Any = 0, *, full_time: bool = True,
                  contract: Contract | None = None) -> Ruling:
    """Civil defense training and tests: up to 40 hours a calendar year, full-time employees (Art. 5 §7.e(1))."""
    contract = _contract(contract)
    p = contract.param("leave.civil_defense_hours")
    asked = hours_value(hours_requested, "hours asked for civil defense", p.cite)
    used = hours_value(used_this_year, "hours already used this calendar year", p.cite)
    if used > p.value:
        raise OutOfRange(f"{used:g} hours used is more than the {p.value:g} hours a calendar year allows", cite=p.cite,
                         fix=f"Give the hours used this calendar year, at most {p.value:g}")
    if not full_time:
        return Ruling("Civil defense leave:", "none: only full-time employees", False, p.cite, contract.section(p.cite).text.removeprefix("(1) "),
                       ("§7.e(1) covers full-time employees.",), 0.0, "hours", _flaws(contract))
    left = p.value - used
    allowed = min(asked, left)
    reasons = (f"{p.value:g} hours a calendar year − {used:g} used = {left:g} left; {asked:g} asked → {allowed:g}.",
               "Evidence from State or local civil defense officials is needed (§7.e(2)).")
    return Ruling("Civil defense leave:", f"{allowed:g} hours", allowed > 0, p.cite, contract.section(p.cite).text.removeprefix("(1) "),
                   reasons, allowed, "hours", _flaws(contract))


def military_funeral(hours_requested: Any = 4, *, veteran_or_honor_group: bool = True, contract: Contract | None = None) -> Ruling:
    """Up to 4 hours to serve as pallbearer, firing squad or guard of honor at a military funeral (Art. 5 §7.f)."""
    contract = _contract(contract)
    p = contract.param("leave.military_funeral_hours")
    asked = hours_value(hours_requested, "hours asked for the funeral", p.cite)
    allowed = min(asked, float(p.value)) if veteran_or_honor_group else 0.0
    reasons = (("A veteran of a war, campaign or expedition with a campaign badge, or a member of a veterans' honor or ceremonial group."
                if veteran_or_honor_group else "Only veterans (or members of their honor or ceremonial groups) qualify."),
               f"{asked:g} hours asked; up to {p.value:g} → {allowed:g}.")
    return Ruling("Leave for a military funeral:", f"{allowed:g} hours", allowed > 0, p.cite, p.quote, reasons, allowed, "hours", _flaws(contract))


def cpa_exam(first_day: Any, workdays: Any = 3, *, accounting_related: bool = True, contract: Contract | None = None) -> Ruling:
    """Up to 3 workdays to sit the CPA examination, if accounting relates directly to current duties (Art. 5 §7.i(2))."""
    contract = _contract(contract)
    p = contract.param("leave.cpa_exam_workdays")
    day = to_date(first_day, "first day of the examination")
    asked = whole_number(workdays, "workdays asked for the examination", p.cite, low=1)
    n = min(asked, int(p.value)) if accounting_related else 0
    cal = contract.calendar
    days = [cal.add_workdays(day, 0)]  # the first day itself, or the next workday
    while len(days) < n:
        days.append(cal.add_workdays(days[-1], 1))
    reasons = [f"{asked} workday{'s' if asked != 1 else ''} asked; up to {p.value:g}." if accounting_related
               else "Accounting is not directly related to the employee's current duties."]
    if n:
        reasons.append("Workdays: " + ", ".join(fmt_day(d) for d in days[:n]) + ".")
    return Ruling("Administrative leave for the CPA examination:", f"{n} workday{'s' if n != 1 else ''}", n > 0, p.cite, p.quote,
                   tuple(reasons), float(n), "workdays", _flaws(contract),
                   dates=(("first", days[0]), ("last", days[n - 1])) if n else ())


__all__ = ["VotingLeave", "blood_donation", "civil_defense", "cpa_exam", "military_funeral", "voting_leave"]
