"""Findings of a pay period's hours: each a date, the rule's citation, a plain message with the rule's words, a severity.

Severities: "violation" (the hours break a rule: time not counted, not paid or charged), "warning" (needs the
supervisor's approval or attention), "info" (how the numbers were reached). Built from the arrays of hours.py.
The rule's words are the loaded contract's (a parameter's quote, or the sentence of the cited section through
terms.words) and its numbers are `Terms`: another unit's contract folder gets its own words and numbers.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Mapping

from .kinds import SHIFT_READING
from .terms import quoted, words
from .timesheet import LEAVE_KINDS, fmt_clock

if TYPE_CHECKING:
    from ..contract.book import Contract
    from .hours import Rules
    from .kinds import Schedule
    from .requirement import Requirement
    from .terms import Terms
    from .timesheet import Timesheet

SEVERITIES = ("violation", "warning", "info")
CREDIT = "Art. 4 §2.b(1)"


@dataclass(frozen=True)
class ScheduleFinding:
    """One finding about the hours: the day (None for the whole pay period), the rule, what it means, how serious."""

    date: dt.date | None
    cite: str
    message: str
    severity: str
    law: str | None = None
    beyond_schedule: bool = False  # unordered hours beyond a fixed schedule: neither overtime nor credit hours

    def to_dict(self) -> dict[str, object]:
        return {"date": self.date.isoformat() if self.date else None, "cite": self.cite, "message": self.message,
                "severity": self.severity, "law": self.law}

    def __str__(self) -> str:
        day = self.date.strftime("%a %Y-%m-%d") if self.date else "Pay period"
        return f"[{self.severity}] {day} ({self.cite}{'; ' + self.law if self.law else ''}): {self.message}"


def hrs(minutes: Any) -> str:
    """600 → '10 h'; 75 → '1.25 h'; 20 → '0.33 h (20 min)'."""
    m = int(minutes)
    text = f"{m / 60:.2f}".rstrip("0").rstrip(".") + " h"
    return text if m % 15 == 0 else f"{text} ({m // 60} h {m % 60} min)" if m >= 60 else f"{text} ({m} min)"


def param_words(t: Terms, key: str) -> str:
    """A parameter's words in quotation marks (schedules.KEY, or law:GROUP.KEY)."""
    return quoted(t.quote(key if key.startswith("law:") else f"schedules.{key}"))


@dataclass(frozen=True)
class Day:
    """What day_findings needs besides the arrays: the rules, the numbers and words, the requirement, band and core days."""

    schedule: Schedule
    req: Requirement
    rules: Rules
    terms: Terms
    contract: Contract
    band_day: Any
    core_day: Any
    supervisor_end: int | None = None


def day_findings(ts: Timesheet, c: Day, d: Mapping[str, Any]) -> list[ScheduleFinding]:
    """The findings of each day: band, premium pay, notice, core hours, lunch, holiday work, overtime, fixed hours, leave."""
    out: list[ScheduleFinding] = []
    schedule, req, rules, t = c.schedule, c.req, c.rules, c.terms
    b0, b1 = rules.band
    c0, c1 = rules.core
    hol_names = {n.day: n.name for n in req.holidays}
    cal = c.contract.calendar
    for i, e in enumerate(ts.entries):
        day, total, o = e.day, int(d["total"][i]), e.ordered_minutes
        worked = e.start is not None
        unc = int(d["uncovered"][i])
        if worked and c.band_day[i] and rules.day_shift_band and (e.start < b0 or e.end > b1):  # type: ignore[operator]
            parts = ([f"started at {fmt_clock(e.start)}, before {fmt_clock(b0)}"] if e.start < b0 else []) + (  # type: ignore[operator]
                [f"worked until {fmt_clock(e.end)}, after {fmt_clock(b1)}"] if e.end > b1 else [])  # type: ignore[operator]
            tail = (f"{hrs(unc)} outside the band do not count (only ordered overtime counts there)" if unc
                    else "the time outside the band was ordered, so it counts")
            out.append(ScheduleFinding(day, "Art. 4 §5", f"You {' and '.join(parts)}: {param_words(t, 'band_start')}; {tail}.",
                                       "violation" if unc else "info"))
        elif worked and not c.band_day[i] and unc:
            why = hol_names.get(day) or cal.skip_reason(day) or "a day off"
            rule = (f"the band is {param_words(t, 'band_start')}" if rules.day_shift_band
                    else f"on another shift the hours count on the days of the tour ({c.contract.reading_words(SHIFT_READING)})")
            out.append(ScheduleFinding(day, "Art. 4 §5" if rules.day_shift_band else "Art. 4 §9",
                                       f"You worked {hrs(total)} on {why}: {rule}, so {hrs(unc)} do not count unless the work "
                                       "was ordered.", "violation"))
        late = int(d["after_premium"][i])
        if late > o:
            out.append(ScheduleFinding(day, "Art. 4 §5", f"{hrs(late - o)} after {fmt_clock(rules.premium_after)} were not approved "
                                       f"overtime: {param_words(t, 'premium_pay_after')}.", "info"))
        # §5 notice: "personal plans" to work over 8 hours — voluntary time on a flexible schedule (a fixed day is the schedule).
        if schedule.flexible and worked and total - o > t.notify_over and (c.supervisor_end is None or e.end > c.supervisor_end):  # type: ignore[operator]
            rule = f"{param_words(t, 'notify_supervisor_over_hours')} by the end of core hours ({fmt_clock(c1)}) that day"
            if c.supervisor_end is None:
                out.append(ScheduleFinding(day, "Art. 4 §5", f"You worked {hrs(total)}, until {fmt_clock(e.end)}; if that was past "  # type: ignore[arg-type]
                                           f"the end of your supervisor's official work day: {rule}.", "info"))
            else:
                out.append(ScheduleFinding(day, "Art. 4 §5", f"You worked {hrs(total)}, until {fmt_clock(e.end)}, past your "  # type: ignore[arg-type]
                                           f"supervisor's day ending {fmt_clock(c.supervisor_end)}: {rule}.", "warning"))
        out += _core(day, i, e, c, d)
        if e.lunch_start is not None and e.lunch_end is not None and rules.day_shift_band:
            lo, hi = t.lunch
            if e.lunch_start < lo or e.lunch_end > hi:
                out.append(ScheduleFinding(day, "Art. 5 §10", f"Lunch {fmt_clock(e.lunch_start)}–{fmt_clock(e.lunch_end)} is outside "
                                           f"the lunch window {fmt_clock(lo)}–{fmt_clock(hi)}: "
                                           f"{param_words(t, 'lunch_earliest_start')}.", "warning"))
        out += _holiday_work(day, i, c, d)
        out += _overtime(day, i, e, c, d)
        if e.leave_kind == "awol":
            out.append(ScheduleFinding(day, CREDIT, f"{hrs(e.leave_minutes)} AWOL: not paid, and "
                                       f"{quoted(words(c.contract, CREDIT, 'AWOL')) or 'AWOL does not count toward the requirement'}.",
                                       "violation"))
        elif e.leave_minutes and not req.on[i]:
            why = hol_names.get(day) or cal.skip_reason(day) or "a day with no scheduled hours"
            out.append(ScheduleFinding(day, "Art. 4 §8", f"{hrs(e.leave_minutes)} of {LEAVE_KINDS[e.leave_kind or 'annual']} on "
                                       f"{why}: leave is charged only for hours you had to work, so it is not charged.", "warning"))
        if schedule.kind == "flexiplace-opt-out" and worked and e.end - e.start != t.flexiplace_tour:  # type: ignore[operator]
            out.append(ScheduleFinding(day, "Art. 10 §6.A", f"A tour of {hrs(e.end - e.start)} ({fmt_clock(e.start)}–"  # type: ignore[operator]
                                       f"{fmt_clock(e.end)}): a flexiplace employee who opts out of flexitime works "  # type: ignore[arg-type]
                                       f"{param_words(t, 'flexiplace_tour_hours')}.", "warning"))
    return out


def _core(day: dt.date, i: int, e: Any, c: Day, d: Mapping[str, Any]) -> list[ScheduleFinding]:
    """Absence from core hours (§2.b(2)): covered by leave or credit hours (approval needed) or not covered."""
    absent = int(d["core_absence"][i])
    if not c.core_day[i] or absent <= 0:
        return []
    c0, c1 = c.rules.core
    cover = e.leave_minutes if e.leave_kind not in (None, "awol") else 0
    core = f"core hours ({fmt_clock(c0)}–{fmt_clock(c1)})"
    if cover >= absent:
        what = LEAVE_KINDS[e.leave_kind or "annual"]
        rule = quoted(words(c.contract, "Art. 4 §2.b(2)", "approval"))
        return [ScheduleFinding(day, "Art. 4 §2.b(2)", f"Away {hrs(absent)} of {core}, covered by {what}" + (f": {rule}." if rule else "."),
                                "warning")]
    rule = quoted(words(c.contract, "Art. 4 §2.b(2)", "must be present"))
    return [ScheduleFinding(day, "Art. 4 §2.b(2)", f"{hrs(absent - cover)} of {core} not covered by presence, leave or credit hours"
                            + (f": {rule}." if rule else "."), "violation")]


def _holiday_work(day: dt.date, i: int, c: Day, d: Mapping[str, Any]) -> list[ScheduleFinding]:
    """Ordered work on a holiday or closure: holiday work (5 U.S.C. 5546(b)), not credit hours (§2.b(1)) or the requirement."""
    hw = int(d["holiday_work"][i])
    if not hw:
        return []
    t, req = c.terms, c.req
    name = next((n.name for n in req.holidays if n.day == day), "the holiday")
    excused, premium = int(d["excused"][i]), int(d["holiday_premium"][i])
    credit = quoted(words(c.contract, CREDIT, "voluntarily"))
    if name.startswith("Closure:"):
        return [ScheduleFinding(day, "Art. 4 §8", f"{hrs(hw)} of ordered work on {name}: paid as hours worked, not credit hours "
                                f"({credit or 'credit hours are for voluntary time'}); the closure excuses the other {hrs(excused)}.",
                                "info", "5 U.S.C. 6329a")]
    minimum = f", at least {hrs(t.holiday_minimum)} for any work ordered ({param_words(t, 'law:holiday_work.minimum_hours')})" \
        if premium == t.holiday_minimum and hw < t.holiday_minimum else ""
    cap = (f"up to the compressed day's {hrs(int(c.req.premium[i]))}" if c.rules.compressed and c.req.premium[i] != t.holiday_premium_max
           else f"up to {hrs(t.holiday_premium_max)} of non-overtime holiday work")
    return [ScheduleFinding(day, "Art. 4 §1.b", f"{hrs(hw)} of ordered work on {name} are holiday work: the basic rate plus holiday "
                            f"premium pay for {hrs(premium)} (5 U.S.C. 5546(b): {cap}{minimum}), not credit hours — "
                            f"{credit or 'credit hours are for voluntary time'} "
                            f"(§2.b(1)) — and not toward the basic work requirement. The holiday's paid time off is for an employee "
                            f"\"relieved or prevented from working\" (5 U.S.C. 6124): {hrs(excused)} of it stay excused.", "info",
                            "5 U.S.C. 5546(b); 5 U.S.C. 6124")]


def _overtime(day: dt.date, i: int, e: Any, c: Day, d: Mapping[str, Any]) -> list[ScheduleFinding]:
    """Overtime, ordered time that is not overtime, and a fixed schedule's unordered extra time."""
    out = []
    rules, req, t = c.rules, c.req, c.terms
    ot, beyond = int(d["overtime"][i]), int(d["beyond"][i])
    o = e.ordered_minutes - int(d["holiday_work"][i])
    cite = "Art. 4 §2.c(2)" if rules.compressed else "Art. 4 §2.b(3)"
    rule = quoted(words(c.contract, cite, "Overtime")) if rules.compressed else param_words(t, "overtime_daily")
    limits = f"ordered in advance and over {hrs(rules.ot_daily)} that day or {hrs(rules.ot_weekly)} that week"
    if ot:
        why = ("beyond the hours of the compressed schedule that day (" + hrs(req.scheduled[i]) + ")" if rules.compressed else limits)
        unordered = " (not ordered: counted under the all-hours reading)" if rules.compressed and ot > o else ""
        out.append(ScheduleFinding(day, cite, f"{hrs(ot)} overtime, {why}{unordered}: {rule}.",
                                   "info"))
    if o > ot:
        worked = int(d["total"][i]) - int(d["holiday_work"][i])
        if o > worked:
            out.append(ScheduleFinding(day, cite, f"{hrs(e.ordered_minutes)} of overtime were ordered but only {hrs(int(d['total'][i]))} "
                                       "were worked that day.", "warning"))
        rest = min(o, worked) - ot
        if rest > 0:
            why = (f"did not go beyond the compressed schedule's {hrs(req.scheduled[i])}" if rules.compressed
                   else f"did not go over {hrs(rules.ot_daily)} that day or {hrs(rules.ot_weekly)} that week")
            out.append(ScheduleFinding(day, cite, f"{hrs(rest)} of ordered time {why}: it is not overtime and counts toward the "
                                       "basic work requirement (ordered time is not voluntary, so never credit hours).", "info"))
    if beyond:
        flexible = "those are for the flexible schedules of §2.a"
        if rules.compressed:
            what = f"the compressed schedule's {hrs(req.scheduled[i])}" if req.scheduled[i] else "the compressed schedule (a day off)"
            msg = (f"{hrs(beyond)} beyond {what} were not ordered or approved: not paid as overtime under the default reading, "
                   f"and compressed schedules earn no credit hours ({flexible}).")
        else:
            msg = (f"{hrs(beyond)} beyond the day's {hrs(req.scheduled[i])} were not ordered: not overtime ({param_words(t, 'overtime_daily')}), and a "
                   f"{c.schedule.label.lower()} earns no credit hours ({flexible}).")
        out.append(ScheduleFinding(day, cite, msg, "warning", beyond_schedule=True))
    return out


CITES_FIXED = {"standard": "Art. 4 §1.a", "compressed-5-4-9": "Art. 4 §2.c(1)(c)", "compressed-4-10": "Art. 4 §2.c(1)(c)",
               "flexiplace-opt-out": "Art. 10 §6.A"}


def charged(e: Any) -> int:
    """The leave of a day that is charged against its hours (AWOL is not leave)."""
    return e.leave_minutes if e.leave_kind not in (None, "awol") else 0


def sort_findings(items: list[ScheduleFinding]) -> tuple[ScheduleFinding, ...]:
    """Pay-period findings first, then by date; within a day, violations before warnings before information."""
    return tuple(sorted(items, key=lambda f: (f.date is not None, f.date or dt.date.min, SEVERITIES.index(f.severity))))


__all__ = ["CITES_FIXED", "CREDIT", "Day", "SEVERITIES", "ScheduleFinding", "charged", "day_findings", "hrs", "param_words",
           "sort_findings"]
