"""Annual leave (Art. 5 §1): accrual by years of service (5 U.S.C. 6303(a)), the year-end projection against the
240-hour carry-over limit (§1.e), repayment on early separation (§1.b), 15-minute increments (§1.d) and the
conditions for restoring lost leave (§1.e).
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..calendar import to_date
from ..contract.loading import contract_or_default
from ..contract.readings import Choice
from ..deadlines import fmt_day
from ..errors import InvalidInput, OutOfRange
from ..rulings import Ruling, hours_value
from .accrual import MAX_YEARS_OF_SERVICE, AccrualRate, AccrualSchedule, accrual_rate, schedule_for
from .year import LeaveYear, PayPeriod, RestorationDeadline, leave_year_of, restoration_request_deadline

if TYPE_CHECKING:
    from ..contract.book import Contract
    from ..contract.law import Law

READ_BASIS = "leave.balance_basis"
_INCREMENTS = {"annual": "leave.annual_increment", "sick": "leave.sick_increment"}


def _law(law: Law | None) -> Law:
    from ..contract.law import load_law

    return law or load_law()


# -- increments (§1.d, §2.d) -----------------------------------------------------------------------
def check_increment(hours: Any, kind: str = "annual", contract: Contract | None = None, what: str = "leave") -> float:
    """Hours of leave used: not negative and a whole number of 15-minute increments (Art. 5 §1.d / §2.d)."""
    p = contract_or_default(contract).param(_INCREMENTS[kind])
    x = hours_value(hours, f"{what} hours", p.cite)
    step = p.value / 60
    if not math.isclose(x / step, round(x / step), abs_tol=1e-9):
        lower, upper = math.floor(x / step) * step, math.ceil(x / step) * step
        raise InvalidInput(f"{what.capitalize()}: {x:g} hours is not a whole number of {p.value}-minute increments", cite=p.cite,
                           fix=f"{kind.capitalize()} leave is used in steps of {step:g} hours: use {lower:g} or {upper:g}")
    return x


def charge_for_absence(minutes: Any, kind: str = "annual", contract: Contract | None = None) -> Ruling:
    """The leave charged for an absence of `minutes`: rounded up to the next 15-minute increment (Art. 5 §1.d / §2.d)."""
    p = contract_or_default(contract).param(_INCREMENTS[kind])
    m = hours_value(minutes, "minutes of absence", p.cite)
    blocks = math.ceil(round(m, 9) / p.value)
    hours = blocks * p.value / 60
    return Ruling(f"{kind.capitalize()} leave charged for {m:g} minutes away:", f"{hours:.2f} hours", True, p.cite, p.quote,
                   (f"{m:g} minutes make {blocks} increment{'s' if blocks != 1 else ''} of {p.value} minutes (a part-increment counts whole).",),
                   amount=hours, unit="hours")


# -- the year-end projection (§1.e) ----------------------------------------------------------------
@dataclass(frozen=True)
class Projection:
    """Today's balance carried to the end of the leave year: what carries over and what is lost above 240 hours."""

    as_of: dt.date
    leave_year: LeaveYear
    balance: float
    planned: float
    rate: AccrualRate
    periods: tuple[PayPeriod, ...]
    accrual: float
    year_end: float
    ceiling: float
    to_lose: float
    to_keep: float
    restoration: RestorationDeadline
    cite: str
    quote: str
    notes: tuple[str, ...] = ()
    interpretations: tuple[Choice, ...] = field(default=())
    schedule: AccrualSchedule | None = None

    @property
    def restoration_open(self) -> bool:
        return self.restoration.is_open(self.as_of)

    def answer(self) -> str:
        """One line with the numbers a steward needs (the dashboards' main answer)."""
        y = self.leave_year
        head = f"Projected balance at the end of leave year {y.year} ({fmt_day(y.end)}): {self.year_end:.2f} hours"
        if self.to_lose > 0:
            return (f"{head}; {self.to_lose:.2f} hours to lose above the {self.ceiling:g}-hour limit unless used or restored, "
                    f"{self.to_keep:.2f} hours to keep ({self.cite}).")
        return f"{head}; 0.00 hours to lose, {self.to_keep:.2f} hours to keep ({self.cite})."

    def request_by(self) -> str:
        """The restoration request-by date (Art. 5 §1.e) and whether it has passed on the as-of date."""
        r = self.restoration
        state = "still open" if self.restoration_open else "passed"
        return f"To have lost leave restored, request it in writing by {fmt_day(r.last_day)} ({state}; {r.cite}; {r.law})."

    def period_hours(self, period: PayPeriod) -> float:
        """Hours a pay period still to come adds (its rate, which may have changed during the year)."""
        return self.schedule.hours(period) if self.schedule else self.rate.for_period(period, self.leave_year)

    def timeline(self) -> list[tuple[dt.date, float]]:
        """Balance after each remaining pay period's accrual, planned leave not yet taken out (for the chart)."""
        points, bal = [(self.as_of, self.balance)], self.balance
        if self.accrual:
            for p in self.periods:
                bal += self.period_hours(p)
                points.append((p.end, bal))
        return points

    def explain(self) -> str:
        n = len(self.periods)
        lines = [self.answer()]
        if self.accrual and self.schedule is not None:
            lines.append(f"Accrual still to come: {n} pay period{'s' if n != 1 else ''} not yet ended on {fmt_day(self.as_of)}, "
                         f"{self.accrual:g} hours in all ({self.schedule.cite}):")
            lines += [f"  {x}" for x in self.schedule.describe(self.periods)]
            lines += [f"  Rate change: {c.explain()}" for c in self.schedule.changes if c.takes_effect > self.as_of]
        elif self.accrual:
            last = ""
            if self.rate.last_pay_period_hours != self.rate.hours:
                last = f", the last pay period of the year {self.rate.last_pay_period_hours:g}"
            lines.append(f"Accrual still to come: {n} pay period{'s' if n != 1 else ''} not yet ended on {fmt_day(self.as_of)} "
                         f"× {self.rate.hours:g} hours{last} = {self.accrual:g} hours ({self.rate.cite}, {self.rate.band} of service).")
        else:
            lines.append("No accrual added: the balance already holds the whole year's leave credited at the start of the year (Art. 5 §1.b).")
        lines.append(f"{self.balance:g} + {self.accrual:g} accrued − {self.planned:g} planned = {self.year_end:g} hours at year end; "
                     f"carry-over limit {self.ceiling:g} hours.")
        lines.append(self.request_by())
        lines += list(self.notes)
        lines.append(f'Rule: "{self.quote}"')
        lines += [f"Reading used: {c}" for c in self.interpretations]
        return "\n".join(lines)

    def to_dict(self) -> dict[str, object]:
        sched = self.schedule
        return {"as_of": self.as_of.isoformat(), "leave_year": self.leave_year.year, "leave_year_end": self.leave_year.end.isoformat(),
                "balance": self.balance, "planned": self.planned, "years_of_service": self.rate.years_of_service,
                "scd": sched.scd.isoformat() if sched and sched.scd else None,
                "accrual_rate": self.rate.hours, "accrual_last_pay_period": self.rate.last_pay_period_hours,
                "pay_periods_remaining": len(self.periods), "accrual": self.accrual,
                "accrual_periods": sched.to_dict(self.periods) if sched else [],
                "accrual_by_rate": sched.by_rate(self.periods) if sched else [],
                "rate_changes": [c.to_dict() for c in sched.changes if c.takes_effect > self.as_of] if sched else [],
                "year_end_balance": self.year_end,
                "ceiling": self.ceiling, "to_lose": self.to_lose, "to_keep": self.to_keep,
                "restoration_request_by": self.restoration.last_day.isoformat(), "restoration_open": self.restoration_open,
                "cite": self.cite, "law": self.rate.cite, "notes": list(self.notes),
                "interpretations": [c.to_dict() for c in self.interpretations], "answer": self.answer(), "explanation": self.explain()}


def project_year_end(balance: Any, as_of: Any, years_of_service: Any = None, planned: Any = 0.0, *, scd: Any = None,
                     contract: Contract | None = None, law: Law | None = None) -> Projection:
    """Year-end balance = today's balance + accrual of the pay periods not yet ended − planned leave (Art. 5 §1.e).
    With `scd` (the service computation date) each pay period accrues at the rate the service has reached by then
    (5 U.S.C. 6303(c)); with `years_of_service` the whole projection keeps today's rate."""
    contract, law = contract_or_default(contract), _law(law)
    cap = contract.param("leave.carryover_cap")
    day = to_date(as_of, "as-of date")
    bal = hours_value(balance, "annual leave balance", cap.cite)
    plan = check_increment(planned, "annual", contract, what="planned annual leave")
    year = leave_year_of(day, law=law)
    sched, rate = schedule_for(year, day, years_of_service, scd, contract, law)
    basis = contract.choice(READ_BASIS)
    periods = year.remaining(day) if basis == "accrued_to_date" else ()
    accrual = sched.total(periods)
    if plan > bal + accrual:
        raise OutOfRange(f"{plan:g} hours of planned leave is more than the {bal + accrual:g} hours available by year end",
                         cite=cap.cite, fix="Lower the planned leave, or check the balance")
    end = bal + accrual - plan
    notes = _band_notes(rate, day, year, law) if periods and scd is None else ()
    ids = (READ_BASIS, "leave.restoration_pay_period", "leave.restoration_last_day")
    used = contract.used(*ids) + sched.interpretations
    return Projection(day, year, bal, plan, rate, periods, accrual, end, float(cap.value), max(0.0, end - cap.value),
                      min(end, float(cap.value)), restoration_request_deadline(year.year, contract, law=law), cap.cite, cap.quote,
                      notes, used, sched if scd is not None else None)


def _band_notes(rate: AccrualRate, day: dt.date, year: LeaveYear, law: Law) -> tuple[str, ...]:
    """Say so when the employee may pass 3 or 15 years before the year ends (the projection keeps today's rate)."""
    years_left = (year.end - day).days / 365.25
    change = law.param("annual_leave.rate_change_delay")
    for key in ("annual_leave.band_middle_from_years", "annual_leave.band_senior_from_years"):
        edge = law.value(key)
        if rate.years_of_service < edge <= rate.years_of_service + years_left:
            return (f"You may complete {edge:g} years of service before the leave year ends; the higher rate starts with the pay period "
                    f"after the one in which you complete it ({change.cite}). This projection keeps today's rate: give the service "
                    "computation date (SCD) instead of the years of service to count the change.",)
    return ()


def project_many(balances: Any, years_of_service: Any, as_of: Any, planned: Any = 0.0, *,
                 contract: Contract | None = None, law: Law | None = None) -> dict[str, Any]:
    """project_year_end for a whole roster at once (numpy arrays): accrual, year-end balance and hours to lose per row."""
    import numpy as np

    contract, law = contract_or_default(contract), _law(law)
    cap = contract.param("leave.carryover_cap")
    inc = contract.param("leave.annual_increment")
    bal = np.asarray(balances, dtype=float)
    yrs = np.broadcast_to(np.asarray(years_of_service, dtype=float), bal.shape)
    plan = np.broadcast_to(np.asarray(planned, dtype=float), bal.shape)
    for arr, what, cite in ((bal, "annual leave balance", cap.cite), (yrs, "years of service", "5 U.S.C. 6303(a)"),
                            (plan, "planned annual leave", inc.cite)):
        bad = np.flatnonzero(~np.isfinite(arr) | (arr < 0))
        if bad.size:
            raise OutOfRange(f"row {bad[0]}: the {what} must be a number of zero or more, not {arr.flat[bad[0]]!r}", cite=cite,
                             fix="Correct that row")
    steps = plan * 60 / inc.value
    bad = np.flatnonzero(~np.isclose(steps, np.round(steps)))
    if bad.size:
        raise InvalidInput(f"row {bad[0]}: {plan.flat[bad[0]]:g} hours of planned leave is not a whole number of "
                           f"{inc.value}-minute increments", cite=inc.cite, fix="Use steps of 0.25 hours")
    day = to_date(as_of, "as-of date")
    year = leave_year_of(day, law=law)
    n = len(year.remaining(day)) if contract.choice(READ_BASIS) == "accrued_to_date" else 0
    mid, senior = law.value("annual_leave.band_middle_from_years"), law.value("annual_leave.band_senior_from_years")
    rate = np.where(yrs < mid, law.value("annual_leave.accrual_under_3"),
                    np.where(yrs < senior, law.value("annual_leave.accrual_3_to_15"), law.value("annual_leave.accrual_15_plus")))
    last = np.where((yrs >= mid) & (yrs < senior), law.value("annual_leave.accrual_3_to_15_last"), rate)
    accrual = (rate * (n - 1) + last) if n else np.zeros_like(bal)  # the last pay period of the year is always still to come
    end = bal + accrual - plan
    short = np.flatnonzero(end < 0)
    if short.size:
        i = short[0]
        raise OutOfRange(f"row {i}: {plan.flat[i]:g} hours of planned leave is more than the {bal.flat[i] + accrual.flat[i]:g} "
                         "hours available by year end", cite=cap.cite, fix="Lower the planned leave, or check the balance")
    return {"leave_year": year.year, "pay_periods_remaining": n, "accrual": accrual, "year_end": end,
            "to_lose": np.maximum(end - cap.value, 0.0), "cite": cap.cite}


# -- repayment on early separation (§1.b) -------------------------------------------------------------
def separation_repayment(separation: Any, taken: Any, years_of_service: Any = None, carried_over: Any = 0.0,
                         hourly_rate: Any = None, *, scd: Any = None, contract: Contract | None = None, law: Law | None = None) -> Ruling:
    """Leave to pay back on leaving DOL before the leave year ends: leave taken above what was accrued by then (Art. 5 §1.b).
    With `scd` each pay period that ended accrued at the rate the service had reached (5 U.S.C. 6303(c))."""
    contract, law = contract_or_default(contract), _law(law)
    cite = "Art. 5 §1.b"
    quote = contract.section(cite).text.split(" ", 1)[1]
    cap = contract.param("leave.carryover_cap")
    day = to_date(separation, "separation date")
    used = check_increment(taken, "annual", contract, what="annual leave taken this leave year")
    carried = hours_value(carried_over, "leave carried over into this leave year", cite)
    if carried > cap.value:
        raise OutOfRange(f"{carried:g} hours cannot have been carried over into the leave year: at most {cap.value:g} hours carry over",
                         cite=cap.cite, fix=f"Give the carry-over, at most {cap.value:g} hours (restored leave is kept apart)")
    year = leave_year_of(day, law=law)
    sched, rate = schedule_for(year, day, years_of_service, scd, contract, law)
    done = tuple(p for p in year.pay_periods if p.end <= day)
    accrued = sched.total(done)
    owed = max(0.0, used - carried - accrued)
    if scd is None:
        how = [f"{len(done)} full pay period{'s' if len(done) != 1 else ''} had ended × {rate.hours:g} hours = {accrued:g} hours accrued ({rate.cite})."]
    else:
        how = [f"{len(done)} full pay period{'s' if len(done) != 1 else ''} had ended, {accrued:g} hours accrued ({sched.cite}):"]
        how += sched.describe(done)
    reasons = [f"Leave year {year.year} began {fmt_day(year.start)}; by {fmt_day(day)} " + how[0], *how[1:],
               f"Taken {used:g} − carried over {carried:g} − accrued {accrued:g} = {used - carried - accrued:g} → {owed:g} hours to pay back."]
    amount_text = f"{owed:.2f} hours"
    if hourly_rate is not None:
        pay = hours_value(hourly_rate, "hourly rate of pay", cite)
        reasons.append(f"{owed:g} hours × ${pay:,.2f} an hour = ${owed * pay:,.2f}.")
        amount_text += f" (${owed * pay:,.2f})"
    used_readings = sched.interpretations
    return Ruling("Annual leave to pay back on separation:", amount_text, owed == 0, cite, quote, tuple(reasons), owed, "hours",
                  interpretations=used_readings)


# -- restoration conditions (§1.e) -----------------------------------------------------------------
RESTORATION_REASONS = ("illness", "business exigency")


def restoration_check(leave_year: int, requested_on: Any, approved_in_writing: bool, lost_because: str,
                      could_reschedule: bool, *, contract: Contract | None = None, law: Law | None = None) -> Ruling:
    """Can leave lost above 240 hours be restored? All three conditions of Art. 5 §1.e must hold."""
    contract = contract_or_default(contract)
    p = contract.param("leave.restoration_above_cap")
    deadline = restoration_request_deadline(leave_year, contract, law=law)
    if lost_because not in (*RESTORATION_REASONS, "other"):
        raise InvalidInput(f"'{lost_because}' is not a reason §1.e knows", cite="Art. 5 §1.e",
                           fix="Say 'illness', 'business exigency' or 'other'")
    reasons = []
    ok1 = requested_on is not None and deadline.is_open(requested_on)
    when = f"on {fmt_day(to_date(requested_on, 'request date'))}" if requested_on is not None else "not requested in writing"
    reasons.append(f"(1) requested in writing before {deadline.which}, i.e. by "
                   f"{fmt_day(deadline.last_day)}: {when} → {'met' if ok1 else 'not met'}.")
    ok2 = bool(approved_in_writing) and lost_because in RESTORATION_REASONS
    reasons.append(f"(2) approved by the supervisor in writing and not used due to illness or business exigency: "
                   f"{'approved' if approved_in_writing else 'not approved'} in writing, lost because of {lost_because} → {'met' if ok2 else 'not met'}.")
    ok3 = not could_reschedule
    reasons.append(f"(3) cannot be rescheduled during the rest of the leave year → {'met' if ok3 else 'not met'}.")
    ok = ok1 and ok2 and ok3
    section = " ".join(contract.section(p.cite).text.split())
    quote = section[section.index(" ".join(p.quote.split())):]
    return Ruling(f"Can leave lost above {p.value:g} hours in leave year {leave_year} be restored?",
                   "Yes, all three conditions are met" if ok else "No, not every condition is met", ok, p.cite,
                   quote, tuple(reasons), interpretations=deadline.interpretations)


__all__ = ["MAX_YEARS_OF_SERVICE", "AccrualRate", "Projection", "accrual_rate", "charge_for_absence", "check_increment", "project_many", "project_year_end",
           "restoration_check", "separation_repayment"]
