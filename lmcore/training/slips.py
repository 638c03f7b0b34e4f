"""The slip detector: for a wrong answer, recompute the rule under the plausible wrong ways of counting (the event
day counted, a holiday counted, calendar days for workdays, the wrong start, another reading of the text…) and name
the ones that give exactly the trainee's answer, most specific first."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from ..deadlines import fmt_day
from ..errors import LmcoreError
from .answers import same

if TYPE_CHECKING:
    from ..calendar import WorkdayCalendar
    from ..contract.book import Contract
    from ..deadlines import Deadline
    from .outcome import Outcome
    from .scenario import Scenario

# Other time limits of the contract a count is easily confused with (workdays or calendar days).
OTHER_AMOUNTS = (3, 5, 10, 14, 15, 20, 25, 30, 90)
_COUNT_AFTER = "count.event_on_nonworkday"
# Each kind of slip in a few plain words, for a trainer's table or chart (the slip itself says it in full).
KIND_WORDS = {
    "event_day_counted": "counted the day of the event",
    "holiday_counted": "counted a holiday or closure as a workday",
    "holidays_counted": "counted the holidays as workdays",
    "calendar_days": "counted calendar days, not workdays",
    "workdays": "counted workdays, not calendar days",
    "not_moved": "did not move the last day off a weekend or holiday",
    "wrong_start": "counted from the wrong event",
    "wrong_amount": "used another time limit",
    "other_limit": "used only one of two limits",
    "reading": "used another reading of the text",
    "one_short": "stopped one workday too soon",
    "one_over": "counted one workday too many",
    "stopped_on_nonworkday": "ended the count on a day off",
    "transcripts_split": "split the transcript costs",
    "holiday_not_deducted": "did not take the holiday off the basic work requirement",
    "pay_period_start": "gave the day the pay period begins",
    "no_accrual": "left out the leave still to be earned",
    "cost_cap_missed": "did not limit the subsidy to the cost",
    "monthly_cap_missed": "missed the monthly limit",
    "cap_not_percentage": "gave the monthly limit, not the percentage",
}


def kind_words(kind: str | None) -> str:
    """A slip kind in plain words ('counted the day of the event'); an unknown kind as its words, never its id."""
    if not kind:
        return "no common slip"
    return KIND_WORDS.get(kind, kind.replace("_", " "))


@dataclass(frozen=True)
class Slip:
    """A likely mistake behind a wrong answer: its kind, in words for the trainee, and the answer it produces."""

    kind: str
    words: str
    value: Any

    def to_dict(self, answer_type: str) -> dict[str, Any]:
        from .answers import plain

        return {"kind": self.kind, "words": self.words, "value": plain(self.value, answer_type)}


def detect(scenario: Scenario, outcome: Outcome, answer: Any, contract: Contract) -> tuple[Slip, ...]:
    """Every slip that turns the rule's own answer into `answer`; empty when the answer is right or no slip explains it."""
    t = scenario.answer_type
    if same(outcome.value, answer, t):
        return ()
    found = [Slip(a.kind, a.words, a.value) for a in outcome.alternatives if same(a.value, answer, t)]
    generic: list[Slip] = []
    if t == "date" and outcome.deadline is not None and isinstance(answer, dt.date):
        specific, generic = counting_slips(outcome.deadline, answer, scenario.contract_for(contract), outcome.starts)
        found += specific
    found += reading_slips(scenario, outcome, answer, contract)
    if not found:  # "one day too few" says less than a named mistake: only when nothing more specific explains it
        found = generic
    out: list[Slip] = []
    for s in _merge_holidays(found):
        if s.words not in {x.words for x in out}:
            out.append(s)
    return tuple(out)


def _merge_holidays(slips: list[Slip]) -> list[Slip]:
    """Several single holidays that each explain the answer become one slip naming them all."""
    single = [s for s in slips if s.kind == "holiday_counted"]
    if len(single) < 2:
        return slips
    names = "; ".join(s.words.removeprefix("you counted ").removesuffix(" as a workday") for s in single)
    merged = Slip("holiday_counted", f"you counted one of these as a workday: {names}", single[0].value)
    out, done = [], False
    for s in slips:
        if s.kind != "holiday_counted":
            out.append(s)
        elif not done:
            out.append(merged)
            done = True
    return out


def counting_slips(d: Deadline, answer: dt.date, contract: Contract,
                   starts: tuple[tuple[str, dt.date], ...] = ()) -> tuple[list[Slip], list[Slip]]:
    """(specific, generic) slips of a counted deadline that give `answer`: the specific ones name the mistake."""
    cal = contract.calendar
    n, start = d.amount, d.start
    day_roll = "forward" if contract.choices.get(_COUNT_AFTER) == "deemed_received_next_workday" else "backward"
    specific: list[Slip] = []
    generic: list[Slip] = []

    def hit(kind: str, text: str, value: Any, into: list[Slip]) -> None:
        if value == answer:
            into.append(Slip(kind, text, value))

    unit = "workday" if d.unit == "workdays" else "calendar day"
    if n and (d.unit != "workdays" or cal.is_workday(start)):  # counting the event day changes nothing when it is not a workday
        step = n - 1 if n > 0 else n + 1
        if d.unit == "workdays":
            value = cal.add_workdays(start, step)
        else:
            value = cal.add_calendar_days(start, step, roll=d.roll)  # type: ignore[arg-type]
        hit("event_day_counted", f"you counted the day of the event ({fmt_day(start)}) as day 1; the count starts with the "
            f"{'next' if n > 0 else 'previous'} {unit}", value, specific)
    named = [(s.day, s.reason or "") for s in d.skipped if s.day.weekday() < 5]
    if d.unit == "calendar_days" and d.roll != "none" and d.steps:
        plain = d.steps[-1].day
        named = sorted((day, cal.skip_reason(day) or "") for day in _between(plain, d.due) if day.weekday() < 5 and not cal.is_workday(day))
    for day, reason in named:
        value = _recount(cal, d, day_roll, without={day})
        hit("holiday_counted", f"you counted {_name(reason)} ({fmt_day(day)}) as a workday", value, specific)
    if len(named) > 1:
        value = _recount(cal, d, day_roll, without={x for x, _ in named})
        hit("holidays_counted", "you skipped the weekends but counted the holidays (" + "; ".join(
            f"{_name(r)} {fmt_day(x)}" for x, r in named) + ") as workdays", value, specific)
    if d.unit == "workdays":
        hit("calendar_days", f"you counted {abs(n)} calendar days; this rule counts workdays (Monday to Friday, less holidays "
            "and closures)", start + dt.timedelta(days=n), specific)
        hit("calendar_days", f"you counted {abs(n)} calendar days (and moved off the weekend); this rule counts workdays",
            cal.add_calendar_days(start, n, roll="forward" if n > 0 else "backward"), specific)
    else:
        hit("workdays", f"you counted {abs(n)} workdays; this rule counts calendar days", cal.add_workdays(start, n), specific)
        if d.roll != "none" and d.steps and d.steps[-1].day != d.due:
            plain = d.steps[-1].day
            hit("not_moved", f"you stopped on the last calendar day, {fmt_day(plain)} ({cal.skip_reason(plain)}); this rule moves "
                f"it {d.roll} to a workday", plain, specific)
    for label, day in starts:
        value = cal.add_workdays(day, n) if d.unit == "workdays" else cal.add_calendar_days(day, n, roll=d.roll)  # type: ignore[arg-type]
        hit("wrong_start", f"you counted from {label} ({fmt_day(day)}); this count runs from {fmt_day(start)}", value, specific)
    sign = 1 if n >= 0 else -1
    for m in OTHER_AMOUNTS:
        if m == abs(n):
            continue
        value = cal.add_workdays(start, sign * m) if d.unit == "workdays" else cal.add_calendar_days(start, sign * m, roll=d.roll)  # type: ignore[arg-type]
        hit("wrong_amount", f"you counted {m} {unit}s; this rule gives {abs(n)}", value, specific)
    if d.unit == "workdays":
        hit("one_short", "you stopped one workday too soon", cal.add_workdays(d.due, -sign), generic)
        hit("one_over", "you counted one workday too many", cal.add_workdays(d.due, sign), generic)
        reason = cal.skip_reason(answer)
        if reason and min(start, d.due) <= answer <= max(start, d.due) + dt.timedelta(days=7):
            what = "at the weekend" if answer.weekday() >= 5 else f"on {_name(reason)}"
            generic.append(Slip("stopped_on_nonworkday", f"you stopped {what}: {fmt_day(answer)} is not a workday ({reason}), "
                                "and a count of workdays never ends on one", answer))
    return specific, generic


def reading_slips(scenario: Scenario, outcome: Outcome, answer: Any, contract: Contract) -> list[Slip]:
    """The answer is right under another reading of the text than the one the scenario assumes."""
    from .asks import spec_for

    spec = spec_for(scenario.rule)
    base = scenario.contract_for(contract)
    out: list[Slip] = []
    seen: set[str] = set()
    for c in outcome.readings:
        if c.id in seen or c.id not in base.interpretations:
            continue
        seen.add(c.id)
        interp = base.interpretations[c.id]
        for option, described in interp.options.items():
            if option == c.choice:
                continue
            try:
                value = spec.compute(dict(scenario.facts), scenario.question.ask, scenario.question.of,
                                     base.with_interpretations({c.id: option})).value
            except LmcoreError:
                continue
            if same(value, answer, scenario.answer_type):
                out.append(Slip("reading", f"you used another reading of the text ({c.id} = {option}): \"{described}\" — "
                                f"this scenario assumes \"{c.description}\"", value))
    return out


def _recount(cal: WorkdayCalendar, d: Deadline, day_roll: str, *, without: set[dt.date]) -> dt.date:
    """The same count with some holidays or closures treated as workdays (the trainee's calendar)."""
    nonwork = sorted((set(cal.holidays) | set(cal.closures)) - without)
    bdc = np.busdaycalendar(weekmask="1111100", holidays=np.array(nonwork, dtype="datetime64[D]"))
    if d.unit == "calendar_days":
        plain = d.steps[-1].day if d.steps else d.due
        return np.busday_offset(np.datetime64(plain, "D"), 0, roll=d.roll, busdaycal=bdc).item()
    roll = day_roll if d.amount > 0 else "forward"
    return np.busday_offset(np.datetime64(d.start, "D"), d.amount, roll=roll, busdaycal=bdc).item()


def _between(a: dt.date, b: dt.date) -> list[dt.date]:
    lo, hi = min(a, b), max(a, b)
    return [lo + dt.timedelta(days=i) for i in range((hi - lo).days + 1)]


def _name(reason: str) -> str:
    """'Thanksgiving Day' from a skip reason; a closure keeps its words."""
    return reason.split(" (")[0] if reason else "a holiday"


__all__ = ["KIND_WORDS", "OTHER_AMOUNTS", "Slip", "kind_words", "counting_slips", "detect", "reading_slips"]
