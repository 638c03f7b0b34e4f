"""Annual leave accrual (5 U.S.C. 6303): the rate for the years of service (6303(a)) and, from a service computation
date (SCD, as on the leave and earnings statement), the rate of every pay period of a leave year — a higher rate
takes effect with the pay period after the one in which the service is completed (6303(c)).

Every number (4, 6, 10, 8 hours; 3 and 15 years; the one-pay-period delay) comes from the law file.
"""
from __future__ import annotations

import calendar as _cal
import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..calendar import to_date
from ..contract.readings import Choice
from ..deadlines import fmt_day
from ..errors import InvalidDate, InvalidInput, OutOfRange
from ..rulings import hours_value
from .year import LeaveYear, PayPeriod

if TYPE_CHECKING:
    from ..contract.book import Contract
    from ..contract.law import Law

MAX_YEARS_OF_SERVICE = 80
READ_COMPLETED = "leave.service_completed_on"
ACCRUAL_LAW = "5 U.S.C. 6303(a)"
_BANDS = ("annual_leave.band_middle_from_years", "annual_leave.band_senior_from_years")


def _law(law: Law | None) -> Law:
    from ..contract.law import load_law

    return law or load_law()


@dataclass(frozen=True)
class AccrualRate:
    """Hours of annual leave a full-time employee earns each full pay period at some years of service."""

    years_of_service: float
    hours: float
    last_pay_period_hours: float
    band: str
    cite: str
    quote: str

    def for_period(self, period: PayPeriod, year: LeaveYear) -> float:
        return self.last_pay_period_hours if period.number == len(year.pay_periods) else self.hours

    def year_total(self, year: LeaveYear) -> float:
        """The whole year's leave, which Art. 5 §1.b credits at the beginning of the leave year."""
        return sum(self.for_period(p, year) for p in year.pay_periods)


def accrual_rate(years_of_service: Any, law: Law | None = None) -> AccrualRate:
    """The accrual band for the years of service: 4 h under 3 years, 6 h (10 h in the last pay period), 8 h from 15."""
    law = _law(law)
    years = hours_value(years_of_service, "years of service", ACCRUAL_LAW)
    if years > MAX_YEARS_OF_SERVICE:
        raise OutOfRange(f"{years:g} years of service is more than a career can hold", cite=ACCRUAL_LAW,
                         fix=f"Give the years of creditable service, 0 to {MAX_YEARS_OF_SERVICE}")
    mid, senior = (law.value(k) for k in _BANDS)
    if years < mid:
        p = law.param("annual_leave.accrual_under_3")
        return AccrualRate(years, p.value, p.value, f"less than {mid:g} years", p.cite, p.quote)
    if years < senior:
        p, last = law.param("annual_leave.accrual_3_to_15"), law.param("annual_leave.accrual_3_to_15_last")
        return AccrualRate(years, p.value, last.value, f"{mid:g} but less than {senior:g} years", p.cite, p.quote)
    p = law.param("annual_leave.accrual_15_plus")
    return AccrualRate(years, p.value, p.value, f"{senior:g} or more years", p.cite, p.quote)


# -- the service computation date ---------------------------------------------------------------------
def anniversary(scd: dt.date, years: int) -> dt.date:
    """The same month and day `years` after the SCD (an SCD of February 29 has its anniversary on March 1 in other years)."""
    year = scd.year + years
    if (scd.month, scd.day) == (2, 29) and not _cal.isleap(year):
        return dt.date(year, 3, 1)
    return scd.replace(year=year)


def service_completed_on(scd: dt.date, years: int, contract: Contract) -> dt.date:
    """The day `years` of service are completed (interpretation leave.service_completed_on)."""
    anniv = anniversary(scd, years)
    return anniv - dt.timedelta(days=1) if contract.choice(READ_COMPLETED) == "day_before_anniversary" else anniv


def years_between(scd: dt.date, day: dt.date) -> float:
    """Years of service from the SCD to `day`, to two decimals (whole years completed plus the part-year)."""
    whole = day.year - scd.year - ((day.month, day.day) < (scd.month, scd.day))
    start = anniversary(scd, whole)
    nxt = anniversary(scd, whole + 1)
    return round(whole + (day - start).days / (nxt - start).days, 2)


def check_scd(scd: Any, as_of: dt.date) -> dt.date:
    """A service computation date: a real date, not after the day it is used for, within a career."""
    day = to_date(scd, "service computation date")
    if day > as_of:
        raise InvalidDate(f"the service computation date {day.isoformat()} is after {as_of.isoformat()}: service has not begun by then",
                          cite=ACCRUAL_LAW, fix="Give the SCD printed on the leave and earnings statement (it is in the past)")
    if years_between(day, as_of) > MAX_YEARS_OF_SERVICE:
        raise OutOfRange(f"a service computation date of {day.isoformat()} gives more than {MAX_YEARS_OF_SERVICE} years of service",
                         cite=ACCRUAL_LAW, fix="Check the year of the SCD")
    return day


# -- the rate of each pay period ------------------------------------------------------------------------
@dataclass(frozen=True)
class RateChange:
    """A higher accrual rate reached during the leave year: the service completed, and the first pay period at the new rate."""

    years: float
    completed_on: dt.date
    completed_in: dt.date
    takes_effect: dt.date
    first_period: int
    rate: AccrualRate
    cite: str
    quote: str

    def explain(self) -> str:
        return (f"{self.years:g} years of service are completed on {fmt_day(self.completed_on)}, in the pay period that began "
                f"{fmt_day(self.completed_in)}; the {self.rate.hours:g}-hour rate ({self.rate.band}) starts with the next pay period, "
                f"number {self.first_period}, on {fmt_day(self.takes_effect)} ({self.cite}).")

    def to_dict(self) -> dict[str, object]:
        return {"years": self.years, "completed_on": self.completed_on.isoformat(), "completed_in_pay_period_starting": self.completed_in.isoformat(),
                "takes_effect": self.takes_effect.isoformat(), "first_pay_period": self.first_period, "hours": self.rate.hours,
                "last_pay_period_hours": self.rate.last_pay_period_hours, "band": self.rate.band, "cite": self.cite,
                "explanation": self.explain()}


@dataclass(frozen=True)
class PeriodAccrual:
    """One pay period's accrual: the hours earned and the rate band they come from."""

    period: PayPeriod
    hours: float
    rate: AccrualRate
    last: bool

    def to_dict(self) -> dict[str, object]:
        return {"number": self.period.number, "start": self.period.start.isoformat(), "end": self.period.end.isoformat(),
                "hours": self.hours, "band": self.rate.band, "last_pay_period": self.last}


@dataclass(frozen=True)
class AccrualSchedule:
    """The accrual of every pay period of one leave year, for an SCD (rates may change) or for fixed years of service."""

    leave_year: LeaveYear
    periods: tuple[PeriodAccrual, ...]
    changes: tuple[RateChange, ...]
    scd: dt.date | None
    cite: str
    interpretations: tuple[Choice, ...] = field(default=())

    def of(self, period: PayPeriod) -> PeriodAccrual:
        return self.periods[period.number - 1]

    def hours(self, period: PayPeriod) -> float:
        return self.of(period).hours

    def total(self, periods: tuple[PayPeriod, ...]) -> float:
        return float(sum(self.hours(p) for p in periods))

    def runs(self, periods: tuple[PayPeriod, ...]) -> list[tuple[float, list[PayPeriod]]]:
        """Consecutive pay periods at the same hours: [(4.0, [pp 18, 19, 20]), (6.0, [pp 21…25]), (10.0, [pp 26])]."""
        out: list[tuple[float, list[PayPeriod]]] = []
        for p in periods:
            h = self.hours(p)
            if out and out[-1][0] == h:
                out[-1][1].append(p)
            else:
                out.append((h, [p]))
        return out

    def describe(self, periods: tuple[PayPeriod, ...]) -> list[str]:
        """One line per run of pay periods at the same rate, with the arithmetic."""
        lines = []
        for h, ps in self.runs(periods):
            first, last = ps[0], ps[-1]
            which = f"pay period {first.number}" if len(ps) == 1 else f"pay periods {first.number}–{last.number}"
            band = self.of(first)
            extra = " (the last pay period of the leave year)" if band.last and len(ps) == 1 else ""
            lines.append(f"{which} ({fmt_day(first.start)} to {fmt_day(last.end)}){extra}: {len(ps)} × {h:g} hours = {len(ps) * h:g} hours "
                         f"({band.rate.band} of service, {band.rate.cite})")
        return lines

    def to_dict(self, periods: tuple[PayPeriod, ...] | None = None) -> list[dict[str, object]]:
        chosen = self.periods if periods is None else tuple(self.of(p) for p in periods)
        return [a.to_dict() for a in chosen]

    def by_rate(self, periods: tuple[PayPeriod, ...]) -> list[dict[str, object]]:
        """How many pay periods accrue at each number of hours (JSON: accrual_by_rate)."""
        groups: dict[float, list[int]] = {}
        for p in periods:
            groups.setdefault(self.hours(p), []).append(p.number)
        return [{"hours": h, "pay_periods": n, "count": len(n), "total": h * len(n)} for h, n in groups.items()]


def fixed_schedule(year: LeaveYear, rate: AccrualRate) -> AccrualSchedule:
    """Every pay period at one rate (years of service given as a number: no change is computed)."""
    n = len(year.pay_periods)
    periods = tuple(PeriodAccrual(p, rate.for_period(p, year), rate, p.number == n) for p in year.pay_periods)
    return AccrualSchedule(year, periods, (), None, rate.cite)


def service_schedule(year: LeaveYear, scd: dt.date, contract: Contract, law: Law | None = None) -> AccrualSchedule:
    """The rate of each pay period of `year` for an employee with this SCD: each higher rate from the pay period after
    the one in which 3 (or 15) years of service are completed (5 U.S.C. 6303(c), law parameter rate_change_delay)."""
    law = _law(law)
    delay = law.param("annual_leave.rate_change_delay")
    steps = int(delay.value)
    n = len(year.pay_periods)
    effective: list[tuple[float, dt.date, dt.date, dt.date]] = []  # (years, completed on, its pay period's start, new rate from)
    matters = False  # would the other reading of "completed" move a change into another pay period?
    for key in _BANDS:
        years = law.value(key)
        done = service_completed_on(scd, int(years), contract)
        pp_start = _period_start(done, year.anchor)
        effective.append((years, done, pp_start, pp_start + dt.timedelta(days=14 * steps)))
        anniv = anniversary(scd, int(years))
        other = anniv if done != anniv else anniv - dt.timedelta(days=1)
        starts = {pp_start + dt.timedelta(days=14 * steps), _period_start(other, year.anchor) + dt.timedelta(days=14 * steps)}
        matters |= len(starts) > 1 and any(year.start < d <= year.end for d in starts)

    def rate_on(day: dt.date) -> AccrualRate:
        reached = [y for y, _, _, start in effective if start <= day]
        return accrual_rate(max(reached) if reached else 0, law)

    periods = tuple(PeriodAccrual(p, (r := rate_on(p.start)).for_period(p, year), r, p.number == n) for p in year.pay_periods)
    changes = tuple(RateChange(y, done, pp, start, (start - year.start).days // 14 + 1, accrual_rate(y, law), delay.cite, delay.quote)
                    for y, done, pp, start in effective if year.start < start <= year.end)
    return AccrualSchedule(year, periods, changes, scd, f"{ACCRUAL_LAW}; {delay.cite}", contract.used(READ_COMPLETED) if matters else ())


def _period_start(day: dt.date, anchor: dt.date) -> dt.date:
    """First day (a Sunday) of the biweekly pay period that contains `day`, on the grid of `anchor`."""
    return anchor + dt.timedelta(days=14 * ((day - anchor).days // 14))


def schedule_for(year: LeaveYear, day: dt.date, years_of_service: Any, scd: Any, contract: Contract,
                 law: Law | None = None) -> tuple[AccrualSchedule, AccrualRate]:
    """The year's schedule and the rate on `day`, from exactly one of an SCD or the years of service."""
    law = _law(law)
    if (years_of_service is None) == (scd is None):
        raise InvalidInput("the accrual rate needs the service computation date or the years of service" if scd is None
                           else "give the service computation date or the years of service, not both", cite=ACCRUAL_LAW,
                           fix="The SCD (as on the leave and earnings statement) lets lmcore change the rate when "
                               f"{' or '.join(f'{law.value(k):g}' for k in _BANDS)} years are completed")
    if scd is None:
        rate = accrual_rate(years_of_service, law)
        return fixed_schedule(year, rate), rate
    start = check_scd(scd, day)
    sched = service_schedule(year, start, contract, law)
    now = sched.of(year.period_of(day)).rate
    return sched, AccrualRate(years_between(start, day), now.hours, now.last_pay_period_hours, now.band, now.cite, now.quote)


__all__ = ["AccrualRate", "AccrualSchedule", "PeriodAccrual", "RateChange", "accrual_rate", "anniversary", "check_scd",
           "fixed_schedule", "schedule_for", "service_completed_on", "service_schedule", "years_between"]
