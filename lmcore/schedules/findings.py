"""Findings of a pay period's hours: each a date, the rule's citation, a plain message with the rule's words, a severity.

Severities: "violation" (the hours break a rule: time not counted, not paid or charged), "warning" (needs the
supervisor's approval or attention), "info" (how the numbers were reached). Built from the arrays of work_hours.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Mapping

from .timesheet import LEAVE_KINDS, fmt_clock

if TYPE_CHECKING:
    from ..contract.book import Contract
    from .kinds import Pattern, Requirement, Schedule
    from .timesheet import Timesheet
    from .hours import Rules

SEVERITIES = ("violation", "warning", "info")


@dataclass(frozen=True)
class ScheduleFinding:
    """One finding about the hours: the day (None for the whole pay period), the rule, what it means, how serious."""

    date: dt.date | None
    cite: str
    message: str
    severity: str
    law: str | None = None

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


def day_findings(ts: Timesheet, schedule: Schedule, req: Requirement, rules: Rules, d: Mapping[str, Any],
                 band_day: Any, core_day: Any, contract: Contract, supervisor_end: int | None) -> list[ScheduleFinding]:
    """The findings of each day: band, premium pay, notice, core hours, lunch, overtime, fixed-schedule hours, leave."""
    out: list[ScheduleFinding] = []
    b0, b1 = rules.band
    c0, c1 = rules.core
    hol_names = {n.day: n.name for n in req.holidays}
    cal = contract.calendar
    for i, e in enumerate(ts.entries):
        day, total, o = e.day, int(d["total"][i]), e.ordered_minutes
        worked = e.start is not None
        if worked and band_day[i] and (e.start < b0 or e.end > b1):  # type: ignore[operator]
            parts = ([f"started at {fmt_clock(e.start)}, before {fmt_clock(b0)}"] if e.start < b0 else []) + (  # type: ignore[operator]
                [f"worked until {fmt_clock(e.end)}, after {fmt_clock(b1)}"] if e.end > b1 else [])  # type: ignore[operator]
            unc = int(d["uncovered"][i])
            tail = (f"{hrs(unc)} outside the band do not count (only ordered overtime counts there)" if unc
                    else "the time outside the band was ordered, so it counts")
            out.append(ScheduleFinding(day, "Art. 4 §5", f"You {' and '.join(parts)}: employees on the day shift \"may begin work as "
                                       f"early as 6:00 a.m. and may work as late as 7:00 p.m.\"; {tail}.",
                                       "violation" if unc else "info"))
        elif worked and not band_day[i]:
            why = hol_names.get(day) or cal.skip_reason(day) or "a day off"
            unc = int(d["uncovered"][i])
            if unc:
                out.append(ScheduleFinding(day, "Art. 4 §5", f"You worked {hrs(total)} on {why}: the flexible band is \"Monday "
                                           f"through Friday\" workdays, so {hrs(unc)} do not count unless the work was ordered.",
                                           "violation"))
        late = int(d["after_premium"][i])
        if late > o:
            out.append(ScheduleFinding(day, "Art. 4 §5", f"{hrs(late - o)} after {fmt_clock(rules.premium_after)} were not approved "
                                       "overtime: \"Employees will not receive premium pay for hours worked past 6:00 p.m. unless "
                                       "such work is approved overtime.\"", "info"))
        limit = int(float(contract.value("schedules.notify_supervisor_over_hours")) * 60)
        # §5 notice: "personal plans" to work over 8 hours — voluntary time on a flexible schedule (a fixed day is the schedule).
        if schedule.flexible and worked and total - o > limit and (supervisor_end is None or e.end > supervisor_end):  # type: ignore[operator]
            rule = ("Employees \"will verbally inform their supervisor(s) of their personal plans to work both more than eight (8) "
                    f"hours and beyond the end of the official work day of the immediate supervisor\" by the end of core hours "
                    f"({fmt_clock(c1)}) that day")
            if supervisor_end is None:
                out.append(ScheduleFinding(day, "Art. 4 §5", f"You worked {hrs(total)}, until {fmt_clock(e.end)}; if that was past "  # type: ignore[arg-type]
                                           f"the end of your supervisor's official work day: {rule}.", "info"))
            else:
                out.append(ScheduleFinding(day, "Art. 4 §5", f"You worked {hrs(total)}, until {fmt_clock(e.end)}, past your "  # type: ignore[arg-type]
                                           f"supervisor's day ending {fmt_clock(supervisor_end)}: {rule}.", "warning"))
        absent = int(d["core_absence"][i])
        if core_day[i] and absent > 0:
            cover = e.leave_minutes if e.leave_kind not in (None, "awol") else 0
            core = f"core hours ({fmt_clock(c0)}–{fmt_clock(c1)})"
            if cover >= absent:
                what = LEAVE_KINDS[e.leave_kind or "annual"]
                out.append(ScheduleFinding(day, "Art. 4 §2.b(2)", f"Away {hrs(absent)} of {core}, covered by {what}: \"With the "
                                           "supervisor's approval, an employee may use credit hours or leave during core hours.\"",
                                           "warning"))
            else:
                out.append(ScheduleFinding(day, "Art. 4 §2.b(2)", f"{hrs(absent - cover)} of {core} not covered by presence, leave "
                                           "or credit hours: core hours are \"when an employee must be present for work\".", "violation"))
        if e.lunch_start is not None and e.lunch_end is not None:
            lo = _m(contract, "schedules.lunch_earliest_start")
            hi = _m(contract, "schedules.lunch_latest_end")
            if e.lunch_start < lo or e.lunch_end > hi:
                out.append(ScheduleFinding(day, "Art. 5 §10", f"Lunch {fmt_clock(e.lunch_start)}–{fmt_clock(e.lunch_end)} is outside "
                                           "the lunch window: \"Employees' normal lunch break will begin no earlier than 11:00 a.m. "
                                           "and conclude no later than 2:00 p.m.\"", "warning"))
        out += _overtime(day, i, e, schedule, rules, d, req)
        if e.leave_kind == "awol":
            out.append(ScheduleFinding(day, "Art. 4 §2.b(1)", f"{hrs(e.leave_minutes)} AWOL: not paid, and \"time spent in Absent Without "
                                       "Leave (AWOL) status will not count toward the basic work requirement\".", "violation"))
        elif e.leave_minutes and req.scheduled[i] == 0:
            why = hol_names.get(day) or cal.skip_reason(day) or "a day with no scheduled hours"
            out.append(ScheduleFinding(day, "Art. 4 §8", f"{hrs(e.leave_minutes)} of {LEAVE_KINDS[e.leave_kind or 'annual']} on "
                                       f"{why}: leave is charged only for hours you had to work, so it is not charged.", "warning"))
        if schedule.kind == "flexiplace-opt-out" and worked:
            tour = int(round(float(contract.value("schedules.flexiplace_tour_hours")) * 60))
            if e.end - e.start != tour:  # type: ignore[operator]
                out.append(ScheduleFinding(day, "Art. 10 §6.A", f"A tour of {hrs(e.end - e.start)} ({fmt_clock(e.start)}–"  # type: ignore[operator]
                                           f"{fmt_clock(e.end)}): a flexiplace employee who opts out of flexitime works "  # type: ignore[arg-type]
                                           "\"an 8 1/2 hour tour of duty\" agreed with the supervisor.", "warning"))
    return out


def _overtime(day: dt.date, i: int, e: Any, schedule: Schedule, rules: Rules, d: Mapping[str, Any], req: Requirement) -> list[ScheduleFinding]:
    """Overtime, ordered time that is not overtime, and a fixed schedule's unordered extra time."""
    out = []
    ot, o, beyond = int(d["overtime"][i]), e.ordered_minutes, int(d["beyond"][i])
    cite = "Art. 4 §2.c(2)" if rules.compressed else "Art. 4 §2.b(3)"
    if ot:
        why = ("beyond the hours of the compressed schedule that day (" + hrs(req.scheduled[i]) + ")" if rules.compressed
               else "ordered in advance and over 8 hours that day or 40 that week")
        unordered = " (not ordered: counted under the all-hours reading)" if rules.compressed and ot > o else ""
        out.append(ScheduleFinding(day, cite, f"{hrs(ot)} overtime, {why}{unordered}; overtime \"does not include credit hours\".", "info"))
    if o > ot:
        worked = int(d["total"][i])
        if o > worked:
            out.append(ScheduleFinding(day, cite, f"{hrs(o)} of overtime were ordered but only {hrs(worked)} were worked that day.", "warning"))
        rest = min(o, worked) - ot
        if rest > 0:
            why = (f"did not go beyond the compressed schedule's {hrs(req.scheduled[i])}" if rules.compressed
                   else "did not go over 8 hours that day or 40 that week")
            out.append(ScheduleFinding(day, cite, f"{hrs(rest)} of ordered time {why}: it is not overtime and counts toward the "
                                       "basic work requirement (ordered time is not voluntary, so never credit hours).", "info"))
    if beyond:
        if rules.compressed:
            what = f"the compressed schedule's {hrs(req.scheduled[i])}" if req.scheduled[i] else "the compressed schedule (a day off)"
            msg = (f"{hrs(beyond)} beyond {what} were not ordered or approved: not paid as "
                   "overtime under the default reading, and compressed schedules earn no credit hours (those are for the "
                   "flexible schedules of §2.a).")
        else:
            msg = (f"{hrs(beyond)} beyond the day's {hrs(req.scheduled[i])} were not ordered: not overtime (\"officially ordered in "
                   f"advance\", §2.b(3)), and a {schedule.label.lower()} earns no credit hours (those are for the flexible schedules of §2.a).")
        out.append(ScheduleFinding(day, cite, msg, "warning"))
    return out


def _m(contract: Contract, key: str) -> int:
    h, m = str(contract.value(key)).split(":")
    return int(h) * 60 + int(m)


def period_findings(ts: Timesheet, schedule: Schedule, req: Requirement, rules: Rules, d: Mapping[str, Any],
                    tot: Mapping[str, int], contract: Contract, layout: tuple[Pattern, int, bool] | None) -> list[ScheduleFinding]:
    """The findings of the whole pay period: requirement and holidays, fixed-day shortfalls, credit hours, pay."""
    out: list[ScheduleFinding] = []
    k = schedule.kind
    if k == "maxiflex":
        out.append(ScheduleFinding(None, "Art. 4 §1.a", "Maxi-flex is open only to employees \"who were previously working in an office "
                                   "that operated under a Maxi-Flex Schedule\" (grandfathered), while they remain in that office.", "info"))
        if schedule.core_days is None and not schedule.part_time:
            out.append(ScheduleFinding(None, "Art. 4 §2.a(1)", "No core days given: maxi-flex has core time on fewer than ten "
                                       "workdays, set by the office; core hours were not checked.", "info"))
    if layout is not None:
        pat, ties, inferred = layout
        how = "read from the timesheet (the allowed layout closest to the hours worked)" if inferred else "as given"
        extra = f"; {ties} layouts fit equally well, give the layout to be sure" if inferred and ties > 1 else ""
        out.append(ScheduleFinding(None, "Art. 4 §2.c(1)(c)", f"Layout {how}: {pat.label}{extra}.", "info"))
    if schedule.part_time:
        reading = contract.choice("schedules.part_time_requirement")
        words = ("the hours to work or account for in the pay period (§7.a)" if reading == "per_pay_period"
                 else "the hours scheduled on each day (§7.b)")
        out.append(ScheduleFinding(None, "Art. 4 §7.a", f"Part-time basic work requirement read as {words}; the contract gives two "
                                   "definitions (§7.a and §7.b): switch the reading schedules.part_time_requirement to compare.", "info"))
        if schedule.flexible:
            out.append(ScheduleFinding(None, "Art. 4 §7.c", "\"Core hours will not necessarily apply to part-time employees\": "
                                       "core hours were not checked.", "info"))
    base = req.nominal_minutes
    if req.holidays:
        less = " and ".join(f"{n.name} {hrs(n.minutes)}" for n in req.holidays)
        laws = "; ".join(dict.fromkeys(n.law for n in req.holidays))
        out.append(ScheduleFinding(None, "Art. 4 §1.b", f"Basic work requirement {hrs(base)} less {less} = {hrs(req.minutes)}.", "info", laws))
    for n in req.holidays:
        what = "closed" if n.name.startswith("Closure:") else "a holiday"
        out.append(ScheduleFinding(n.day, "Art. 4 §1.b", f"{n.name}: {what}, {hrs(n.minutes)} off the basic work requirement "
                                   f"({n.note}).", "info", n.law))
    for n in req.outside:
        out.append(ScheduleFinding(n.observed_on, "Art. 4 §1.b", n.note + ".", "info", n.law))
    if rules.fixed:
        for i, e in enumerate(ts.entries):
            short = max(int(req.scheduled[i]) - int(d["counted"][i]) - _charged(e), 0)
            if short:
                out.append(ScheduleFinding(e.day, CITES_FIXED.get(k, "Art. 4 §1.a"), f"{hrs(short)} of the day's scheduled "
                                           f"{hrs(req.scheduled[i])} were neither worked nor covered by leave.", "violation"))
    cap = hrs(rules.cap)
    cite = "Art. 4 §2.b(1)"
    if schedule.flexible:
        if tot["earned"] or tot["remainder"]:
            rest = (f"; the {hrs(tot['remainder'])} left over do not make a whole 15-minute increment and earn nothing"
                    if tot["remainder"] else "")
            out.append(ScheduleFinding(None, cite, f"Credit hours earned: {hrs(tot['earned'])} voluntarily worked beyond the basic work "
                                       f"requirement of {hrs(req.minutes)} (\"earned ... in fifteen (15) minute increments\"){rest}.", "info"))
        if tot["shortfall"] - tot["borrowed"] > 0:
            out.append(ScheduleFinding(None, cite, f"{hrs(tot['shortfall'] - tot['borrowed'])} of the basic work requirement "
                                       f"({hrs(req.minutes)}) were neither worked nor covered by leave or credit hours.", "violation"))
    if tot["borrowed"]:
        out.append(ScheduleFinding(None, cite, f"{hrs(tot['credit_requested'])} of credit hours used but only "
                                   f"{hrs(tot['balance_in'] + tot['earned'])} on hand: \"Employees may not 'borrow' credit hours in "
                                   f"advance\"; {hrs(tot['borrowed'])} are not covered.", "violation"))
    if tot["forfeited"]:
        who = "full-time employees may carry over up to twenty-four (24) credit hours" if not schedule.part_time else \
            "part-time employees may carry over not more than one-fourth of the hours in their biweekly basic work requirement"
        out.append(ScheduleFinding(None, cite, f"Balance {hrs(tot['carried'] + tot['forfeited'])} is over the carry-over cap of {cap} "
                                   f"(\"{who}\"): {hrs(tot['forfeited'])} forfeited unless used this pay period.", "warning"))
    if tot["excess_leave"]:
        out.append(ScheduleFinding(None, "Art. 4 §8", f"{hrs(tot['excess_leave'])} of leave recorded beyond the hours to account for: "
                                   "leave is charged only against the basic work requirement, so it is not charged or paid.", "warning"))
    out.append(ScheduleFinding(None, "Art. 4 §8", f"Pay hours {hrs(tot['pay'])}: {hrs(tot['regular'])} worked toward the requirement"
                               f" + {hrs(tot['overtime'])} overtime + {hrs(tot['paid_leave'])} paid leave (credit hours used count as "
                               f"leave; leave without pay does not) + {hrs(tot['holiday'])} holiday. \"Employees will be paid for the "
                               "number of hours worked plus the amount of leave used (except Leave Without Pay).\"", "info"))
    return out


CITES_FIXED = {"standard": "Art. 4 §1.a", "compressed-5-4-9": "Art. 4 §2.c(1)(c)", "compressed-4-10": "Art. 4 §2.c(1)(c)",
               "flexiplace-opt-out": "Art. 10 §6.A"}


def _charged(e: Any) -> int:
    return e.leave_minutes if e.leave_kind not in (None, "awol") else 0


def sort_findings(items: list[ScheduleFinding]) -> tuple[ScheduleFinding, ...]:
    """Pay-period findings first, then by date; within a day, violations before warnings before information."""
    return tuple(sorted(items, key=lambda f: (f.date is not None, f.date or dt.date.min, SEVERITIES.index(f.severity))))


__all__ = ["SEVERITIES", "ScheduleFinding", "day_findings", "hrs", "period_findings", "sort_findings"]
