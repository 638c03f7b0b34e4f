"""Findings of the whole pay period: the schedule's own rules, the requirement and its holidays, fixed-day shortfalls,
credit hours earned, borrowed and forfeited, and how the pay hours add up (Art. 4 §1.a, §1.b, §2, §7, §8)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Mapping

from .findings import CITES_FIXED, CREDIT, ScheduleFinding, charged, hrs, param_words
from .kinds import MON_FRI, PART_TIME_READING, SHIFT_READING
from .terms import quoted, words

if TYPE_CHECKING:
    from .findings import Day
    from .kinds import Pattern
    from .timesheet import Timesheet


def period_findings(ts: Timesheet, c: Day, d: Mapping[str, Any], tot: Mapping[str, int],
                    layout: tuple[Pattern, int, bool] | None) -> list[ScheduleFinding]:
    """The findings of the whole pay period, each with the rule's words from the loaded contract and law files."""
    schedule, req, rules, t, contract = c.schedule, c.req, c.rules, c.terms, c.contract
    out: list[ScheduleFinding] = []
    k = schedule.kind
    if k == "maxiflex":
        rule = quoted(words(contract, "Art. 4 §1.a", "grandfathered"))
        out.append(ScheduleFinding(None, "Art. 4 §1.a", "Maxi-flex is open only to employees of offices that already had it"
                                   + (f": {rule}." if rule else " (grandfathered)."), "info"))
        if schedule.core_days is None and not schedule.part_time:
            out.append(ScheduleFinding(None, "Art. 4 §2.a(1)", f"No core days given: maxi-flex has core time on fewer than "
                                       f"{t.maxiflex_core_days_under} workdays, set by the office; core hours were not checked.", "info"))
        elif schedule.core_days is not None:
            out.append(ScheduleFinding(None, "Art. 4 §2.a(1)", f"Core time on {len(schedule.core_days)} workdays of the pay period, "
                                       f"fewer than the {t.maxiflex_core_days_under} of a variable week.", "info"))
    if schedule.shift == "other":
        reading = contract.choice(SHIFT_READING)
        how = ("no band applies: hours count on the days of the tour" if reading == "no_day_shift_band"
               else "the day shift's band and core hours are applied")
        out.append(ScheduleFinding(None, "Art. 4 §9", f"Another shift: {quoted(words(contract, 'Art. 4 §9', 'shifts'))}, but §5 sets "
                                   f"hours only for the day shift; {how} ({contract.reading_words(SHIFT_READING)}).", "info"))
    if schedule.core_hours is not None:
        a, b = schedule.core_hours
        out.append(ScheduleFinding(None, "Art. 4 §2.b(2)", f"Core hours as the office set them, {hrs(b - a)} a day: "
                                   f"{param_words(t, 'core_start')}.", "info"))
    if layout is not None:
        pat, ties, inferred = layout
        how = "read from the timesheet (the allowed layout closest to the hours worked)" if inferred else "as given"
        extra = f"; {ties} layouts fit equally well, give the layout to be sure" if inferred and ties > 1 else ""
        split = ("; the text gives the 5-4/9 its hours and days but no day's length: the usual whole-hour split is used "
                 "(give your own tour for another)" if k == "compressed-5-4-9" and schedule.tour is None else "")
        out.append(ScheduleFinding(None, "Art. 4 §2.c(1)(c)", f"Layout {how}: {pat.label}{extra}{split}.", "info"))
        hours, days = sum(pat.minutes), pat.workdays
        if schedule.part_time:
            rule = ("Art. 4 §2.c(1)(b)", f"a part-time compressed schedule: {hrs(hours)}, less than "
                    f"{hrs(t.compressed_part_time_under)}, scheduled for {days} workdays, less than {t.compressed_part_time_days_under}")
        else:
            rule = ("Art. 4 §2.c(1)(a)", f"a full-time compressed schedule: {hrs(hours)} (the biweekly requirement is "
                    f"{hrs(t.compressed_full_time)}), scheduled for {days} workdays, less than {t.compressed_full_time_days_under}")
        out.append(ScheduleFinding(None, rule[0], rule[1][0].upper() + rule[1][1:] + ".", "info"))
    if k in ("standard", "flexiplace-opt-out"):
        day = t.workweek // len(MON_FRI)
        out.append(ScheduleFinding(None, "Art. 4 §1.a", f"A standard day: the {hrs(t.workweek)} basic workweek on 5 days, Monday "
                                   f"through Friday ({hrs(day)} a day), and {param_words(t, 'law:hours_of_work.basic_workday_hours')} "
                                   f"({hrs(t.workday)}).", "info", "5 CFR 610.111(a)(1); 5 U.S.C. 6101(a)(3)"))
    if schedule.part_time:
        out += _part_time(c)
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
            short = max(int(req.scheduled[i]) - int(d["counted"][i]) - charged(e), 0)
            if short:
                out.append(ScheduleFinding(e.day, CITES_FIXED.get(k, "Art. 4 §1.a"), f"{hrs(short)} of the day's scheduled "
                                           f"{hrs(req.scheduled[i])} were neither worked nor covered by leave.", "violation"))
    out += _credit(c, tot)
    if tot["excess_leave"]:
        out.append(ScheduleFinding(None, "Art. 4 §8", f"{hrs(tot['excess_leave'])} of leave recorded beyond the hours to account for: "
                                   "leave is charged only against the basic work requirement, so it is not charged or paid.", "warning"))
    work = (f" + {hrs(tot['holiday_work'])} holiday work (with {hrs(tot['holiday_premium'])} of holiday premium pay on top, "
            "5 U.S.C. 5546(b))" if tot["holiday_work"] else "")
    rule = quoted(words(contract, "Art. 4 §8", "paid for the number of hours"))
    out.append(ScheduleFinding(None, "Art. 4 §8", f"Pay hours {hrs(tot['pay'])}: {hrs(tot['regular'])} worked toward the requirement"
                               f" + {hrs(tot['overtime'])} overtime + {hrs(tot['paid_leave'])} paid leave (credit hours used count as "
                               f"leave; leave without pay does not) + {hrs(tot['holiday'])} holiday{work}."
                               + (f" {rule}." if rule else ""), "info"))
    return out


def _part_time(c: Day) -> list[ScheduleFinding]:
    schedule, contract = c.schedule, c.contract
    out = []
    reading = contract.choice(PART_TIME_READING)
    what = ("the hours to work or account for in the pay period (§7.a)" if reading == "per_pay_period"
            else "the hours scheduled on each day (§7.b)")
    out.append(ScheduleFinding(None, "Art. 4 §7.a", f"Part-time basic work requirement read as {what}; the contract gives two "
                               f"definitions (§7.a and §7.b): switch {contract.reading_words(PART_TIME_READING)} to compare.", "info"))
    if schedule.tour is not None:
        out.append(ScheduleFinding(None, "Art. 4 §7.b", f"Tour: {schedule.tour.label}.", "info"))
    elif not c.req.days_known:
        out.append(ScheduleFinding(None, "Art. 4 §7.a", "No tour given: the pay period's hours are known but not each day's, which no "
                                   "answer here needed (no holiday in the pay period); give the tour to check the days.", "info"))
    if schedule.flexible and schedule.core_hours is None:
        rule = quoted(words(contract, "Art. 4 §7.c", "not necessarily apply"))
        out.append(ScheduleFinding(None, "Art. 4 §7.c", (f"{rule}: " if rule else "") + "core hours were not checked.", "info"))
    return out


def _credit(c: Day, tot: Mapping[str, int]) -> list[ScheduleFinding]:
    """Credit hours earned (§2.b(1)), a shortfall, borrowing refused, and a balance over the carry-over cap."""
    schedule, req, rules, t = c.schedule, c.req, c.rules, c.terms
    out = []
    if schedule.flexible:
        if tot["earned"] or tot["remainder"]:
            rest = (f"; the {hrs(tot['remainder'])} left over do not make a whole {t.increment}-minute increment and earn nothing"
                    if tot["remainder"] else "")
            out.append(ScheduleFinding(None, CREDIT, f"Credit hours earned: {hrs(tot['earned'])} voluntarily worked beyond the basic work "
                                       f"requirement of {hrs(req.minutes)} ({param_words(t, 'credit_increment')}){rest}.", "info"))
        if tot["shortfall"] - tot["borrowed"] > 0:
            out.append(ScheduleFinding(None, CREDIT, f"{hrs(tot['shortfall'] - tot['borrowed'])} of the basic work requirement "
                                       f"({hrs(req.minutes)}) were neither worked nor covered by leave or credit hours.", "violation"))
    if tot["borrowed"]:
        rule = quoted(words(c.contract, CREDIT, "borrow"))
        out.append(ScheduleFinding(None, CREDIT, f"{hrs(tot['credit_requested'])} of credit hours used but only "
                                   f"{hrs(tot['balance_in'] + tot['earned'])} on hand" + (f": {rule}" if rule else "")
                                   + f"; {hrs(tot['borrowed'])} are not covered.", "violation"))
    if tot["forfeited"]:
        who = param_words(t, "credit_carryover_part_time_fraction" if schedule.part_time else "credit_carryover_full_time")
        out.append(ScheduleFinding(None, CREDIT, f"Balance {hrs(tot['carried'] + tot['forfeited'])} is over the carry-over cap of "
                                   f"{hrs(rules.cap)} ({who}): {hrs(tot['forfeited'])} forfeited unless used this pay period.", "warning"))
    return out


__all__ = ["period_findings"]
