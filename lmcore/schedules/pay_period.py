"""Evaluate one biweekly pay period's timesheet under a schedule type: hours, credit hours, overtime, pay, findings.

`evaluate(timesheet, "variable-week")` → a `PayPeriodResult`; `compare(timesheet)` evaluates the same hours under
every schedule type side by side; `evaluate_periods` chains pay periods through the credit-hour ledger;
`evaluate_many` runs the same arithmetic on arrays of many pay periods at once (no findings text).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Mapping, Sequence

import numpy as np

from .credit_hours import LedgerRow, check_balance
from ..contract.readings import Choice
from .findings import ScheduleFinding, day_findings, hrs, period_findings, sort_findings
from .kinds import (COMPRESSED, COMPRESSED_OT_READING, KINDS, LABELS, PART_TIME_READING, HolidayNote, Pattern,
                    Requirement, Schedule, infer_layout, parse_kind, requirement)
from .timesheet import PERIOD_DAYS, Timesheet, blank_timesheet, parse_hhmm, read_timesheet
from .hours import Rules, day_hours, period_hours

if TYPE_CHECKING:
    from ..contract.book import Contract


@dataclass(frozen=True)
class DayResult:
    """One day of the pay period, in hours: scheduled (after holidays), worked, counted, overtime, leave."""

    day: dt.date
    scheduled: float
    holiday: str | None
    worked: float
    counted: float
    overtime: float
    uncounted: float
    leave: float
    leave_kind: str | None
    core_day: bool = False
    running: float = 0.0  # hours ahead (+) or behind (−) the requirement by the end of this day: counted work + leave − scheduled


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
                f"{self.overtime_hours:.2f} h; pay hours {self.pay_hours:.2f}.")

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
            "holidays": [{"date": n.day.isoformat(), "name": n.name, "hours": r(n.minutes / 60), "law": n.law} for n in self.holidays],
            "findings": [f.to_dict() for f in self.findings],
            "interpretations": [c.to_dict() for c in self.interpretations],
        }


def _schedule(schedule: Schedule | str, part_time_hours: float | None) -> Schedule:
    if isinstance(schedule, Schedule):
        if part_time_hours is not None and schedule.part_time_hours != part_time_hours:
            return Schedule(schedule.kind, part_time_hours, schedule.layout, schedule.core_days)
        return schedule
    return Schedule(parse_kind(schedule), part_time_hours)


def _context(schedule: Schedule, ts: Timesheet, req: Requirement, contract: Contract) -> tuple[np.ndarray, np.ndarray]:
    """Band days (workdays that are not this employee's holiday) and core days (§2.b(2)) of the period."""
    days = np.array(ts.days, dtype="datetime64[D]")
    band = np.asarray(contract.calendar.is_workday(days)) & (np.array(req.holiday) == 0)
    if schedule.kind == "variable-week" and not schedule.part_time:
        core = band.copy()
    elif schedule.kind == "maxiflex" and not schedule.part_time and schedule.core_days is not None:
        core = band & np.isin(np.arange(PERIOD_DAYS), schedule.core_days)
    else:
        core = np.zeros(PERIOD_DAYS, dtype=bool)
    return band, core


def evaluate(timesheet: Any, schedule: Schedule | str = "variable-week", contract: Contract | None = None, *,
             carry_in: float = 0.0, part_time_hours: float | None = None, supervisor_day_end: str | None = None,
             period_start: Any = None) -> PayPeriodResult:
    """A pay period's hours under a schedule type, every finding cited (Art. 4, Art. 5 §10, Art. 10 §6.A)."""
    if contract is None:
        from ..contract.loading import load_contract

        contract = load_contract()
    sched = _schedule(schedule, part_time_hours)
    ts = timesheet if isinstance(timesheet, Timesheet) else read_timesheet(timesheet, period_start)
    layout_info = None
    if sched.kind in COMPRESSED:
        if sched.layout is None:
            pat, ties = infer_layout(sched.kind, ts, contract)
            sched = Schedule(sched.kind, sched.part_time_hours, pat, sched.core_days)
            layout_info = (pat, ties, True)
        else:
            layout_info = (sched.layout, 1, False)
    req = requirement(sched, ts.period_start, contract)
    rules = Rules.of(sched, contract)
    balance_in = check_balance(carry_in, rules.cap)
    sup_end = parse_hhmm(supervisor_day_end, column="supervisor's day end") if supervisor_day_end else None
    band, core = _context(sched, ts, req, contract)
    arrays = {k: v[None, :] for k, v in ts.arrays().items()}
    scheduled = np.array(req.scheduled, dtype=np.int64)[None, :]
    d2 = day_hours(arrays, band[None, :], scheduled, core[None, :], rules)
    tot2 = period_hours(arrays, d2, scheduled, np.array(req.holiday, dtype=np.int64)[None, :], balance_in, rules)
    d = {k: v[0] for k, v in d2.items()}
    tot = {k: int(np.asarray(v).reshape(-1)[0]) for k, v in tot2.items()}
    found = day_findings(ts, sched, req, rules, d, band, core, contract, sup_end)
    found += period_findings(ts, sched, req, rules, d, tot, contract, layout_info)
    h = lambda m: m / 60  # noqa: E731
    hol_names = {n.day: n.name for n in req.holidays}
    ahead = np.cumsum(d["counted"] + [e.leave_minutes if e.leave_kind not in (None, "awol") else 0 for e in ts.entries]
                      - np.array(req.scheduled))
    days = tuple(DayResult(e.day, h(req.scheduled[i]), hol_names.get(e.day), h(int(d["total"][i])), h(int(d["counted"][i])),
                           h(int(d["overtime"][i])), h(int(d["uncovered"][i]) + int(d["beyond"][i])), h(e.leave_minutes), e.leave_kind,
                           bool(core[i]), h(int(ahead[i]))) for i, e in enumerate(ts.entries))
    return PayPeriodResult(
        schedule=sched, period_start=ts.period_start, period_end=ts.period_end,
        worked_hours=h(tot["worked"]), regular_hours=h(tot["regular"]), overtime_hours=h(tot["overtime"]),
        leave_hours=h(tot["leave"]), paid_leave_hours=h(tot["paid_leave"]), lwop_hours=h(tot["lwop"]), awol_hours=h(tot["awol"]),
        holiday_hours=h(tot["holiday"]), basic_requirement=h(tot["requirement"]), nominal_requirement=h(req.nominal_minutes),
        credit_hours_in=h(tot["balance_in"]), credit_hours_earned=h(tot["earned"]), credit_hours_used=h(tot["used"]),
        credit_hours_balance=h(tot["carried"]), credit_hours_forfeited=h(tot["forfeited"]), credit_hours_cap=h(rules.cap),
        shortfall_hours=h(tot["shortfall"]), uncompensated_hours=h(tot["uncompensated"]), pay_hours=h(tot["pay"]),
        days=days, holidays=req.holidays, findings=sort_findings(found), layout=sched.layout,
        interpretations=_readings(sched, ts, contract),
    )


def _readings(schedule: Schedule, ts: Timesheet, contract: Contract) -> tuple[Choice, ...]:
    ids = []
    if schedule.part_time and PART_TIME_READING in contract.interpretations:
        ids.append(PART_TIME_READING)
    if schedule.kind in COMPRESSED and COMPRESSED_OT_READING in contract.interpretations:
        ids.append(COMPRESSED_OT_READING)
    cal = contract.calendar
    if set(ts.days) & cal.executive_order_days and "calendar.executive_order_closures" in contract.interpretations:
        ids.append("calendar.executive_order_closures")
    return contract.used(*ids)


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
            part_time_hours: float | None = None) -> tuple[PayPeriodResult, ...]:
    """The same hours under each schedule type (a part-timer's only under the types open to part-time employees)."""
    if contract is None:
        from ..contract.loading import load_contract

        contract = load_contract()
    ts = timesheet if isinstance(timesheet, Timesheet) else read_timesheet(timesheet)
    out = []
    for k in kinds:
        if part_time_hours is not None and (k in COMPRESSED or k == "flexiplace-opt-out"):
            continue
        out.append(evaluate(ts, Schedule(k, part_time_hours), contract, carry_in=carry_in))
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
                  *, carry_in: Any = 0) -> dict[str, np.ndarray]:
    """Bulk: (N, 14) minute arrays of N pay periods starting on `period_start` → totals in minutes, shape (N,).

    Keys in: start, end, lunch_start, lunch_end, ordered, and leave minutes by kind (annual, sick, credit, comp, admin,
    lwop, awol; missing kinds are zero). Same arithmetic as evaluate(), without findings. Compressed needs a layout.
    """
    if contract is None:
        from ..contract.loading import load_contract

        contract = load_contract()
    sched = _schedule(schedule, None)
    if sched.kind in COMPRESSED and sched.layout is None:
        from .kinds import default_pattern

        sched = Schedule(sched.kind, sched.part_time_hours, default_pattern(sched.kind), sched.core_days)
    n = np.asarray(arrays["start"]).shape[0]
    zeros = np.zeros((n, PERIOD_DAYS), dtype=np.int64)
    t = {k: np.asarray(arrays.get(k, zeros), dtype=np.int64) for k in
         ("start", "end", "lunch_start", "lunch_end", "ordered", "annual", "sick", "credit", "comp", "admin", "lwop", "awol")}
    req = requirement(sched, period_start, contract)
    band, core = _context(sched, blank_timesheet(period_start), req, contract)
    rules = Rules.of(sched, contract)
    scheduled = np.broadcast_to(np.array(req.scheduled, dtype=np.int64), (n, PERIOD_DAYS))
    d = day_hours(t, np.broadcast_to(band, (n, PERIOD_DAYS)), scheduled, np.broadcast_to(core, (n, PERIOD_DAYS)), rules)
    holiday = np.broadcast_to(np.array(req.holiday, dtype=np.int64), (n, PERIOD_DAYS))
    return period_hours(t, d, scheduled, holiday, np.broadcast_to(np.asarray(carry_in, dtype=np.int64), (n,)), rules)


__all__ = ["DayResult", "PayPeriodResult", "compare", "comparison_table", "evaluate", "evaluate_many", "evaluate_periods", "hrs"]
