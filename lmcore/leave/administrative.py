"""Administrative leave (Art. 5 §7): voting, a trip to vote and registering (§7.d), civil defense (§7.e), military
funerals (§7.f), blood donation (§7.g) and the CPA examination (§7.i(2)).

Art. 5 §7.a breaks off mid-sentence ("Administrative leave can only be"): every answer here carries that flaw,
and lmcore adds no limit of its own in its place.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..calendar import to_date
from ..contract.loading import contract_or_default
from ..deadlines import fmt_day
from ..errors import InvalidInput, OutOfRange
from ..rulings import Ruling, hours_value, whole_number

if TYPE_CHECKING:
    from ..contract.book import Contract

BROKEN_7A = "Art. 5 §7.a"


def _flaws(contract: Contract) -> tuple[str, ...]:
    return tuple(str(f) for f in contract.flaws_for(BROKEN_7A))


def minutes_of_day(value: Any, what: str) -> int:
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
    windows: tuple[float, float] = (3.0, 3.0)
    exceptional: str = ""

    @property
    def hours(self) -> float:
        return self.minutes / 60

    def answer(self) -> str:
        if not self.eligible:
            before, after = self.windows
            return (f"No administrative leave to vote: the polls are open at least {before:g} hours before or {after:g} hours after "
                    f"work ({self.cite}).")
        return f"{_dur(self.minutes)} ({self.hours:.2f} hours) of administrative leave to vote: {self.how} ({self.cite})."

    def explain(self) -> str:
        lines = [self.answer()] + [f"- {r}" for r in self.reasons]
        if self.exceptional:
            lines.append(self.exceptional)
        lines.append(f'Rule: "{self.quote}"')
        lines += [f"Flaw in the text: {f}" for f in self.flaws]
        return "\n".join(lines)

    def to_dict(self) -> dict[str, object]:
        return {"eligible": self.eligible, "minutes": self.minutes, "hours": round(self.hours, 4), "how": self.how,
                "polls": f"{_hhmm(self.polls_open)}-{_hhmm(self.polls_close)}", "tour": f"{_hhmm(self.work_start)}-{_hhmm(self.work_end)}",
                "reasons": list(self.reasons), "cite": self.cite, "quote": self.quote, "flaws": list(self.flaws),
                "answer": self.answer(), "explanation": self.explain()}


# The four times voting leave is worked out from, in voting_leave's order, each as its messages name it.
VOTING_TIMES = ("polls opening time", "polls closing time", "start of the tour of duty", "end of the tour of duty")


def voting_leave(polls_open: Any, polls_close: Any, work_start: Any, work_end: Any, *,
                 contract: Contract | None = None) -> VotingLeave:
    """Leave to vote from the polling hours and the day's tour of duty (Art. 5 §7.d(1)); times as 'HH:MM'."""
    contract = contract_or_default(contract)
    p, most = contract.param("leave.voting_hours"), contract.param("leave.voting_max")
    before_p, after_p = contract.param("leave.voting_polls_before_work"), contract.param("leave.voting_polls_after_work")
    need_before, need_after = (int(round(float(x.value) * 60)) for x in (before_p, after_p))
    window = int(round(float(p.value) * 60))
    po, pc, ws, we = (minutes_of_day(v, what) for v, what in zip((polls_open, polls_close, work_start, work_end), VOTING_TIMES))
    if pc <= po:
        raise InvalidInput(f"the polls close ({_hhmm(pc)}) no later than they open ({_hhmm(po)})", cite=p.cite, fix="Give the opening time, then the closing time")
    if we <= ws:
        raise InvalidInput(f"the tour of duty ends ({_hhmm(we)}) no later than it starts ({_hhmm(ws)})", cite=p.cite,
                           fix="Give a tour within one day (a tour past midnight is not handled)")
    before, after = ws - po, pc - we
    reasons = [f"Polls {_hhmm(po)}–{_hhmm(pc)}; tour of duty {_hhmm(ws)}–{_hhmm(we)}.",
               f"Open before work: {_dur(max(before, 0))} (the rule looks for {_dur(need_before)}); open after work: "
               f"{_dur(max(after, 0))} (the rule looks for {_dur(need_after)})."]
    quote = contract.section(p.cite).text.removeprefix("(1) ")
    exceptional = (f"Exceptional circumstances may justify more, but not more than {most.value:g} full day"
                   f"{'s' if most.value != 1 else ''} ({most.cite}).")
    windows = (float(before_p.value), float(after_p.value))
    if before >= need_before or after >= need_after:
        reasons.append(f"Open at least {_dur(need_before)} before or {_dur(need_after)} after work: the employee can vote on personal time.")
        return VotingLeave(po, pc, ws, we, False, 0, None, tuple(reasons), p.cite, quote, _flaws(contract), windows, exceptional)
    late = min(po + window - ws, we - ws)   # report up to 3 h after the polls open (never more than the whole tour)
    early = min(we - (pc - window), we - ws)  # leave up to 3 h before the polls close
    reasons.append(f"Report {_dur(window)} after the polls open ({_hhmm(po + window)}): {_dur(late)} off.")
    reasons.append(f"Leave {_dur(window)} before the polls close ({_hhmm(pc - window)}): {_dur(early)} off.")
    if late < early:
        how = f"report for work at {_hhmm(ws + late)}"
    elif early < late:
        how = f"leave work at {_hhmm(we - early)}"
    else:
        how = f"report at {_hhmm(ws + late)} or leave at {_hhmm(we - early)} (the same time off)"
    reasons.append(f"Whichever requires the lesser amount of time off: {_dur(min(late, early))}.")
    return VotingLeave(po, pc, ws, we, True, min(late, early), how, tuple(reasons), p.cite, quote, _flaws(contract), windows, exceptional)


def voting_trip(trip_days: Any, *, beyond_commuting: bool = True, absentee_permitted: bool = False,
                contract: Contract | None = None) -> Ruling:
    """Time off for a trip to a voting place beyond commuting distance, when absentee voting is not allowed
    (Art. 5 §7.d(3)): a day without charge; any time beyond it is annual leave, then LWOP; a liberal policy past a day."""
    contract = contract_or_default(contract)
    free, liberal = contract.param("leave.voting_travel_charge_after"), contract.param("leave.voting_travel_days")
    days = hours_value(trip_days, "days needed for the trip to vote", free.cite, allow_zero=False)
    quote = contract.section(free.cite).text.removeprefix("(3) ")
    if not beyond_commuting or absentee_permitted:
        why = ("the voting place is within normal commuting distance" if not beyond_commuting
               else "the employee may vote by absentee ballot")
        return Ruling("Time off for a trip to vote:", "none under §7.d(3)", False, free.cite, quote,
                      (f"§7.d(3) applies only when the voting place is beyond normal commuting distance and absentee voting is not "
                       f"permitted; here {why}. The general rule of §7.d(1) applies.",), 0.0, "days", _flaws(contract))
    excused = min(days, float(free.value))
    charged = days - excused
    reasons = [f"{days:g} day{'s' if days != 1 else ''} needed for the trip; up to {free.value:g} day{'s' if free.value != 1 else ''} "
               f"without charge → {excused:g}."]
    if charged:
        reasons.append(f"Time off in excess of {free.value:g} day{'s' if free.value != 1 else ''}: {charged:g} day{'s' if charged != 1 else ''} "
                       "charged to annual leave, or to leave without pay once annual leave is exhausted.")
    if days > liberal.value:
        reasons.append(f"More than {liberal.value:g} day{'s' if liberal.value != 1 else ''} is required: the Department observes a liberal "
                       f"policy in granting the necessary leave ({liberal.cite}).")
    answer = f"{excused:g} day{'s' if excused != 1 else ''} of administrative leave" + (f", {charged:g} charged to annual leave (then LWOP)" if charged else "")
    return Ruling("Time off for a trip to vote:", answer, True, free.cite, quote, tuple(reasons), excused, "days", _flaws(contract))


def registration_leave(round_trip_days: Any, *, in_person_required: bool = True, nonworkday_possible: bool = False,
                       contract: Contract | None = None) -> Ruling:
    """Time off to register to vote in person (Art. 5 §7.d(4)): on the same basis as voting, but none when registering
    can be done on a non-workday within a one-day round trip of home."""
    contract = contract_or_default(contract)
    p = contract.param("leave.registration_round_trip_days")
    trip = hours_value(round_trip_days, "round trip to the place of registration, in days", p.cite)
    quote = contract.section(p.cite).text.removeprefix("(4) ")
    if not in_person_required:
        return Ruling("Time off to register to vote:", "none under §7.d(4)", False, p.cite, quote,
                      ("§7.d(4) is for jurisdictions that require registration in person.",), flaws=_flaws(contract))
    near = trip <= p.value
    reasons = [f"Registration {'can' if nonworkday_possible else 'cannot'} be done on a non-workday; the round trip takes {trip:g} "
               f"day{'s' if trip != 1 else ''} ({'within' if near else 'more than'} {p.value:g}-day round trip)."]
    if nonworkday_possible and near:
        reasons.append("Both exceptions hold: no time off to register is granted.")
        return Ruling("Time off to register to vote:", "none", False, p.cite, quote, tuple(reasons), 0.0, "days", _flaws(contract))
    reasons.append("Time off may be granted on substantially the same basis as for voting (§7.d(1)–(3)).")
    return Ruling("Time off to register to vote:", "may be granted, as for voting", True, p.cite, quote, tuple(reasons),
                  flaws=_flaws(contract))


def blood_donation(donation_day: Any, hours_requested: Any = None, earlier_donations: Any = (), *,
                   contract: Contract | None = None) -> Ruling:
    """Up to 4 hours on the day of the donation, not more than once in a calendar month (Art. 5 §7.g); without
    `hours_requested`, the most the rule allows is asked for."""
    contract = contract_or_default(contract)
    hrs, often = contract.param("leave.blood_donation_hours"), contract.param("leave.blood_donation_per_month")
    day = to_date(donation_day, "donation date")
    asked = hours_value(hrs.value if hours_requested is None else hours_requested, "hours asked for the donation", hrs.cite)
    same_month = sorted(d for d in (to_date(x, "earlier donation date") for x in earlier_donations or ())
                        if (d.year, d.month) == (day.year, day.month) and d != day)
    reasons = [f"Leave is on the day of the donation, {fmt_day(day)}; up to {hrs.value:g} hours."]
    if len(same_month) >= often.value:
        times = "once" if often.value == 1 else f"{often.value:g} times"
        reasons.append(f"Donation leave was already used in {day:%B %Y} (on {', '.join(fmt_day(d) for d in same_month)}): "
                       f"not more than {times} in a calendar month.")
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
    contract = contract_or_default(contract)
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


def military_funeral(hours_requested: Any = None, *, veteran_or_honor_group: bool = True, contract: Contract | None = None) -> Ruling:
    """Up to 4 hours to serve as pallbearer, firing squad or guard of honor at a military funeral (Art. 5 §7.f)."""
    contract = contract_or_default(contract)
    p = contract.param("leave.military_funeral_hours")
    asked = hours_value(p.value if hours_requested is None else hours_requested, "hours asked for the funeral", p.cite)
    allowed = min(asked, float(p.value)) if veteran_or_honor_group else 0.0
    reasons = (("A veteran of a war, campaign or expedition with a campaign badge, or a member of a veterans' honor or ceremonial group."
                if veteran_or_honor_group else "Only veterans (or members of their honor or ceremonial groups) qualify."),
               f"{asked:g} hours asked; up to {p.value:g} → {allowed:g}.")
    return Ruling("Leave for a military funeral:", f"{allowed:g} hours", allowed > 0, p.cite, p.quote, reasons, allowed, "hours", _flaws(contract))


def cpa_exam(first_day: Any, workdays: Any = None, *, accounting_related: bool = True, contract: Contract | None = None) -> Ruling:
    """Up to 3 workdays to sit the CPA examination, if accounting relates directly to current duties (Art. 5 §7.i(2))."""
    contract = contract_or_default(contract)
    p = contract.param("leave.cpa_exam_workdays")
    day = to_date(first_day, "first day of the examination")
    asked = whole_number(p.value if workdays is None else workdays, "workdays asked for the examination", p.cite, low=1)
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


__all__ = ["VOTING_TIMES", "VotingLeave", "blood_donation", "civil_defense", "cpa_exam", "military_funeral", "minutes_of_day",
           "registration_leave", "voting_leave", "voting_trip"]
