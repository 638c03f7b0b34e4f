"""Evaluate one biweekly pay period's timesheet under a schedule type: hours, credit hours, overtime, pay, findings.

`evaluate(timesheet, "variable-week")` → a `PayPeriodResult`; `compare(timesheet)` evaluates the same hours under
every schedule type side by side; `evaluate_periods` chains pay periods through the credit-hour ledger;
`evaluate_many` runs the same arithmetic on arrays of many pay periods at once (no findings text).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Mapping, Sequence

import numpy as np

from ..contract.readings import Choice
from ..errors import InvalidInput, LmcoreError
from .credit_hours import LedgerRow, check_balance
from .findings import Day, ScheduleFinding, day_findings, hrs, sort_findings
from .hours import Rules, day_hours, period_hours
from .kinds import (COMPRESSED, COMPRESSED_OT_READING, HOLIDAY_PREMIUM_READING, IN_LIEU_READING, KINDS, LABELS, MON_FRI,
                    PART_TIME_READING, SHIFT_READING, Pattern, Schedule, check_layout, parse_kind)
from .period_findings import period_findings
from .requirement import HolidayNote, Requirement, infer_layout, requirement
from .terms import Terms
from .timesheet import PERIOD_DAYS, Timesheet, TimesheetError, check_period_start, fmt_hhmm, parse_clock, read_timesheet
from .tours import checked_schedule

if TYPE_CHECKING:
    from ..contract.book import Contract
    from ..contract.law import Law

# Leave kinds used in increments the contract sets (the rest are recorded to the minute).
INCREMENTS = {"credit": "schedules.credit_increment", "annual": "leave.annual_increment", "sick": "leave.sick_increment"}


@dataclass(frozen=True)
class DayResult:
    """One day of the pay period, in hours: scheduled (after holidays), worked, counted, overtime, leave."""

    day: dt.date
    scheduled: float | None  # None: a part-timer's day, when the tour was not given
    holiday: str | None
    worked: float
    counted: float
    overtime: float
    uncounted: float
    leave: float
    leave_kind: str | None
    core_day: bool = False
    running: float | None = 0.0  # hours ahead (+) or behind (−) the requirement by the end of this day: counted work + leave − scheduled
    holiday_work: float = 0.0


@dataclass(frozen=True)
class PayPeriodResult:
    """What a pay period's hours mean under a schedule: decimal hours, the credit-hour ledger line, and the findings."""

    schedule: Schedule
    period_start: dt.date
    period_end: dt.date
    worked_hours: float
    regular_hours: float
    overtime_hours: float
    leave_hours: float
    paid_leave_hours: float
    lwop_hours: float
    awol_hours: float
    holiday_hours: float
    basic_requirement: float
    nominal_requirement: float
    credit_hours_in: float
    credit_hours_earned: float
    credit_hours_used: float
    credit_hours_balance: float
    credit_hours_forfeited: float
    credit_hours_cap: float
    shortfall_hours: float
    uncompensated_hours: float
    pay_hours: float
    days: tuple[DayResult, ...]
    holidays: tuple[HolidayNote, ...]
    findings: tuple[ScheduleFinding, ...]
    layout: Pattern | None = None
    interpretations: tuple[Choice, ...] = field(default=())
    holiday_work_hours: float = 0.0
    holiday_premium_hours: float = 0.0

    @property
    def ledger_row(self) -> LedgerRow:
        return LedgerRow(self.period_start, self.credit_hours_in, self.credit_hours_earned, self.credit_hours_used,
                         self.credit_hours_balance, self.credit_hours_forfeited)

    def by_severity(self, severity: str) -> tuple[ScheduleFinding, ...]:
        return tuple(f for f in self.findings if f.severity == severity)

    def headline(self) -> str:
        """One sentence: requirement, hours, credit hours earned and carried, overtime."""
        return (f"{self.schedule.label}, pay period {self.period_start:%a %Y-%m-%d} – {self.period_end:%a %Y-%m-%d}: worked "
                f"{self.worked_hours:.2f} h and {self.leave_hours:.2f} h leave against a basic work requirement of "
                f"{self.basic_requirement:.2f} h; credit hours earned {self.credit_hours_earned:.2f}, used {self.credit_hours_used:.2f}, "
                f"balance {self.credit_hours_balance:.2f} (forfeited {self.credit_hours_forfeited:.2f}); overtime "
                f"{self.overtime_hours:.2f} h; "
                + (f"holiday work {self.holiday_work_hours:.2f} h; " if self.holiday_work_hours else "")
                + f"pay hours {self.pay_hours:.2f}.")

    def explain(self) -> str:
        """The answer in words, every finding with its citation, and the readings used."""
        lines = [self.headline()]
        lines += [str(f) for f in self.findings]
        lines += [f"Reading used: {c}" for c in self.interpretations]
        return "\n".join(lines)

    def to_dict(self) -> dict[str, object]:
        r = lambda x: round(float(x), 2)  # noqa: E731 - decimal hours, to the hundredth as timesheets show them
        return {
            "schedule": self.schedule.kind, "part_time_hours": self.schedule.part_time_hours,
            "period_start": self.period_start.isoformat(), "period_end": self.period_end.isoformat(),
            "worked_hours": r(self.worked_hours), "leave_hours": r(self.leave_hours), "basic_requirement": r(self.basic_requirement),
            "credit_hours_earned": r(self.credit_hours_earned), "credit_hours_balance": r(self.credit_hours_balance),
            "credit_hours_forfeited": r(self.credit_hours_forfeited), "overtime_hours": r(self.overtime_hours),
            "credit_hours_in": r(self.credit_hours_in), "credit_hours_used": r(self.credit_hours_used),
            "credit_hours_cap": r(self.credit_hours_cap), "regular_hours": r(self.regular_hours),
            "paid_leave_hours": r(self.paid_leave_hours), "lwop_hours": r(self.lwop_hours), "awol_hours": r(self.awol_hours),
            "holiday_hours": r(self.holiday_hours), "nominal_requirement": r(self.nominal_requirement),
            "shortfall_hours": r(self.shortfall_hours), "uncompensated_hours": r(self.uncompensated_hours), "pay_hours": r(self.pay_hours),
            "layout": self.layout.label if self.layout else None,
            "tour": self.schedule.tour.label if self.schedule.tour else None, "shift": self.schedule.shift,
            "core_hours": "-".join(fmt_hhmm(m) for m in self.schedule.core_hours) if self.schedule.core_hours else None,
            "holiday_work_hours": r(self.holiday_work_hours), "holiday_premium_hours": r(self.holiday_premium_hours),
            "holidays": [{"date": n.day.isoformat(), "name": n.name, "hours": r(n.minutes / 60), "law": n.law} for n in self.holidays],
            "findings": [f.to_dict() for f in self.findings],
            "interpretations": [c.to_dict() for c in self.interpretations],
        }


def _schedule(schedule: Schedule | str, part_time_hours: float | None) -> Schedule:
    if isinstance(schedule, Schedule):
        if part_time_hours is not None and schedule.part_time_hours != part_time_hours:
            return replace(schedule, part_time_hours=part_time_hours)
        return schedule
    return Schedule(parse_kind(schedule), part_time_hours)


def _core_days(schedule: Schedule, req: Requirement) -> np.ndarray:
    """Days whose core hours must be covered (§2.b(2)): every band day of a full-time variable week, a maxi-flex's core
    days, the tour's days when the office's core hours are given for a part-timer (§7.c); none otherwise."""
    band = np.array(req.band)
    if schedule.kind not in ("variable-week", "maxiflex"):
        return np.zeros(PERIOD_DAYS, dtype=bool)
    if schedule.part_time or schedule.shift == "other":
        return band & np.array(req.on) if schedule.core_hours is not None else np.zeros(PERIOD_DAYS, dtype=bool)
    if schedule.kind == "variable-week":
        return band & np.isin(np.arange(PERIOD_DAYS) % 7, list(MON_FRI))
    if schedule.core_days is None:
        return np.zeros(PERIOD_DAYS, dtype=bool)
    return band & np.isin(np.arange(PERIOD_DAYS), schedule.core_days)


def check_increments(ts: Timesheet, contract: Contract) -> None:
    """Leave used in the increments the contract sets: credit hours (Art. 4 §2.b(1)), annual and sick leave (Art. 5)."""
    for e in ts.entries:
        key = INCREMENTS.get(e.leave_kind or "")
        if not e.leave_minutes or key is None or key not in contract.parameters:
            continue
        p = contract.param(key)
        step = int(p.value)
        if e.leave_minutes % step:
            raise TimesheetError(e.row, "leave_hours", f"{e.leave_minutes / 60:g} hours of {e.leave_kind} leave is not in "
                                 f"{step}-minute increments (\"{p.quote.rstrip('.')}\")", day=e.day, cite=p.cite,
                                 fix=f"Give hours such as {step / 60:g}, {2 * step / 60:g} or {3 * step / 60:g}")


def _prepare(schedule: Schedule, ts: Timesheet, contract: Contract, t: Terms) -> tuple[Schedule, tuple[Pattern, int, bool] | None]:
    """The schedule settled against the contract's numbers, with a full-time compressed layout read from the hours if not given."""
    sched = checked_schedule(schedule, t)
    if sched.kind not in COMPRESSED:
        return sched, None
    if sched.layout is None:
        pat, ties = infer_layout(sched.kind, ts, contract, t)
        check_layout(pat, t, part_time=False)  # the contract's layouts must still make its compressed schedule (§2.c(1)(a))
        return replace(sched, layout=pat), (pat, ties, True)
    return sched, (sched.layout, 1, False)


def evaluate(timesheet: Any, schedule: Schedule | str = "variable-week", contract: Contract | None = None, *,
             carry_in: float = 0.0, part_time_hours: float | None = None, supervisor_day_end: str | None = None,
             period_start: Any = None, law: Law | None = None) -> PayPeriodResult:
    """A pay period's hours under a schedule type, every finding cited (Art. 4, Art. 5 §10, Art. 10 §6.A)."""
    if contract is None:
        from ..contract.loading import load_contract

        contract = load_contract()
    t = Terms.of(contract, law)
    ts = timesheet if isinstance(timesheet, Timesheet) else read_timesheet(timesheet, period_start)
    sched, layout_info = _prepare(_schedule(schedule, part_time_hours), ts, contract, t)
    check_increments(ts, contract)
    req = requirement(sched, ts.period_start, contract, terms=t)
    rules = Rules.of(sched, contract, t)
    if rules.daily_requirement and not req.days_known:
        raise InvalidInput("the per-day reading of §7.b needs the hours scheduled on each day: the tour", cite="Art. 4 §7.b",
                           fix="Give the tour (the hours of each day), e.g. Mon=5,Tue=5,Wed=5,Thu=5", field="tour")
    balance_in = check_balance(carry_in, rules.cap, increment=t.increment)
    sup_end = parse_clock(supervisor_day_end, "supervisor's day end", "Art. 4 §5") if supervisor_day_end is not None else None
    band = np.array(req.band)
    core = _core_days(sched, req)
    arrays = {k: v[None, :] for k, v in ts.arrays().items()}
    scheduled = np.array(req.scheduled, dtype=np.int64)[None, :]
    holiday = np.array(req.holiday, dtype=np.int64)[None, :]
    d2 = day_hours(arrays, band[None, :], scheduled, core[None, :], rules, holiday, np.array(req.premium, dtype=np.int64)[None, :])
    tot2 = period_hours(arrays, d2, scheduled, holiday, balance_in, rules, np.array(req.on)[None, :], req.minutes)
    d = {k: v[0] for k, v in d2.items()}
    tot = {k: int(np.asarray(v).reshape(-1)[0]) for k, v in tot2.items()}
    ctx = Day(sched, req, rules, t, contract, band, core, sup_end)
    found = day_findings(ts, ctx, d) + period_findings(ts, ctx, d, tot, layout_info)
    h = lambda m: m / 60  # noqa: E731
    hol_names = {n.day: n.name for n in req.holidays}
    ahead = np.cumsum(d["counted"] + [e.leave_minutes if e.leave_kind not in (None, "awol") else 0 for e in ts.entries]
                      - np.array(req.scheduled))
    known = req.days_known
    days = tuple(DayResult(e.day, h(req.scheduled[i]) if known else None, hol_names.get(e.day), h(int(d["total"][i])),
                           h(int(d["counted"][i])), h(int(d["overtime"][i])), h(int(d["uncovered"][i]) + int(d["beyond"][i])),
                           h(e.leave_minutes), e.leave_kind, bool(core[i]), h(int(ahead[i])) if known else None,
                           h(int(d["holiday_work"][i]))) for i, e in enumerate(ts.entries))
    return PayPeriodResult(
        schedule=sched, period_start=ts.period_start, period_end=ts.period_end,
        worked_hours=h(tot["worked"]), regular_hours=h(tot["regular"]), overtime_hours=h(tot["overtime"]),
        leave_hours=h(tot["leave"]), paid_leave_hours=h(tot["paid_leave"]), lwop_hours=h(tot["lwop"]), awol_hours=h(tot["awol"]),
        holiday_hours=h(tot["holiday"]), basic_requirement=h(tot["requirement"]), nominal_requirement=h(req.nominal_minutes),
        credit_hours_in=h(tot["balance_in"]), credit_hours_earned=h(tot["earned"]), credit_hours_used=h(tot["used"]),
        credit_hours_balance=h(tot["carried"]), credit_hours_forfeited=h(tot["forfeited"]), credit_hours_cap=h(rules.cap),
        shortfall_hours=h(tot["shortfall"]), uncompensated_hours=h(tot["uncompensated"]), pay_hours=h(tot["pay"]),
        days=days, holidays=req.holidays, findings=sort_findings(found), layout=sched.layout,
        interpretations=_readings(sched, ts, req, tot, contract),
        holiday_work_hours=h(tot["holiday_work"]), holiday_premium_hours=h(tot["holiday_premium"]),
    )


def _readings(schedule: Schedule, ts: Timesheet, req: Requirement, tot: Mapping[str, int], contract: Contract) -> tuple[Choice, ...]:
    """The readings this answer relied on, or that could have changed it."""
    ids = []
    if schedule.part_time:
        ids.append(PART_TIME_READING)
    if schedule.kind in COMPRESSED:
        ids.append(COMPRESSED_OT_READING)
        if any(n.reading == IN_LIEU_READING for n in (*req.holidays, *req.outside)):
            ids.append(IN_LIEU_READING)
        if tot["holiday_work"]:
            ids.append(HOLIDAY_PREMIUM_READING)
    if schedule.shift == "other":
        ids.append(SHIFT_READING)
    if set(ts.days) & contract.calendar.executive_order_days:
        ids.append("calendar.executive_order_closures")
    return contract.used(*[i for i in ids if i in contract.interpretations])


def evaluate_periods(timesheets: Sequence[Any], schedule: Schedule | str, contract: Contract | None = None, *,
                     carry_in: float = 0.0, **options: Any) -> tuple[PayPeriodResult, ...]:
    """Several pay periods in a row: each period's balance carried becomes the next one's balance brought in."""
    out: list[PayPeriodResult] = []
    bal = carry_in
    for ts in timesheets:
        res = evaluate(ts, schedule, contract, carry_in=bal, **options)
        out.append(res)
        bal = res.credit_hours_balance
    return tuple(out)


def compare(timesheet: Any, contract: Contract | None = None, *, kinds: Sequence[str] = KINDS, carry_in: float = 0.0,
            part_time_hours: float | None = None, tour: Any = None, law: Law | None = None) -> tuple[PayPeriodResult, ...]:
    """The same hours under each schedule type (a part-timer's under the types open to that tour: no flexiplace opt-out,
    and compressed ones only when the tour is one)."""
    if contract is None:
        from ..contract.loading import load_contract

        contract = load_contract()
    ts = timesheet if isinstance(timesheet, Timesheet) else read_timesheet(timesheet)
    out = []
    part_time = part_time_hours is not None or tour is not None
    for k in kinds:
        if part_time and k == "flexiplace-opt-out":
            continue
        try:
            res = evaluate(ts, Schedule(k, part_time_hours, tour=tour), contract, carry_in=carry_in, law=law)
        except LmcoreError:
            if part_time and k in COMPRESSED:
                continue  # this tour is not a compressed schedule of that kind (§2.c(1))
            raise
        out.append(res)
    return tuple(out)


def comparison_table(results: Sequence[PayPeriodResult]) -> list[dict[str, object]]:
    """Rows for a side-by-side table: one schedule type per row."""
    return [{
        "schedule": LABELS[r.schedule.kind], "requirement": round(r.basic_requirement, 2), "worked": round(r.worked_hours, 2),
        "counted": round(r.regular_hours + r.credit_hours_earned, 2), "credit_earned": round(r.credit_hours_earned, 2),
        "overtime": round(r.overtime_hours, 2), "uncounted": round(r.uncompensated_hours, 2), "short": round(r.shortfall_hours, 2),
        "pay": round(r.pay_hours, 2), "violations": len(r.by_severity("violation")), "warnings": len(r.by_severity("warning")),
    } for r in results]


def evaluate_many(arrays: Mapping[str, np.ndarray], schedule: Schedule | str, period_start: dt.date, contract: Contract | None = None,
                  *, carry_in: Any = 0, law: Law | None = None) -> dict[str, np.ndarray]:
    """Bulk: (N, 14) minute arrays of N pay periods starting on `period_start` → totals in minutes, shape (N,).

    Keys in: start, end, lunch_start, lunch_end, ordered, and leave minutes by kind (annual, sick, credit, comp, admin,
    lwop, awol; missing kinds are zero). Same arithmetic as evaluate(), without findings. Compressed needs a layout.
    """
    if contract is None:
        from ..contract.loading import load_contract

        contract = load_contract()
    t = Terms.of(contract, law)
    check_period_start(period_start)
    sched = checked_schedule(_schedule(schedule, None), t)
    if sched.kind in COMPRESSED and sched.layout is None:
        from .kinds import default_pattern

        sched = replace(sched, layout=default_pattern(sched.kind, t))
    n = np.asarray(arrays["start"]).shape[0]
    zeros = np.zeros((n, PERIOD_DAYS), dtype=np.int64)
    days = {k: np.asarray(arrays.get(k, zeros), dtype=np.int64) for k in
            ("start", "end", "lunch_start", "lunch_end", "ordered", "annual", "sick", "credit", "comp", "admin", "lwop", "awol")}
    req = requirement(sched, period_start, contract, terms=t)
    rules = Rules.of(sched, contract, t)
    band, core = np.array(req.band), _core_days(sched, req)
    full = (n, PERIOD_DAYS)
    scheduled = np.broadcast_to(np.array(req.scheduled, dtype=np.int64), full)
    holiday = np.broadcast_to(np.array(req.holiday, dtype=np.int64), full)
    d = day_hours(days, np.broadcast_to(band, full), scheduled, np.broadcast_to(core, full), rules, holiday,
                  np.broadcast_to(np.array(req.premium, dtype=np.int64), full))
    return period_hours(days, d, scheduled, holiday, np.broadcast_to(np.asarray(carry_in, dtype=np.int64), (n,)), rules,
                        np.broadcast_to(np.array(req.on), full), req.minutes)


__all__ = ["DayResult", "PayPeriodResult", "compare", "comparison_table", "evaluate", "evaluate_many", "evaluate_periods", "hrs"]
