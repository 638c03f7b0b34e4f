"""The leave-year calendar: biweekly pay periods, leave years (5 U.S.C. 6302(a)) and the use-or-lose request date.

A leave year begins on the first day of the first full biweekly pay period in a calendar year, so it has 26
pay periods, or 27 when the pay-period grid drifts back to January 1 (leave years 2000, 2012, 2023, 2034).
The grid is fixed by one known pay-period start (law parameter leave_year.pay_period_anchor, 2026-01-11).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..calendar import to_date
from ..contract.readings import Choice
from ..deadlines import fmt_day
from ..errors import OutOfRange

if TYPE_CHECKING:
    from ..contract.book import Contract
    from ..contract.law import Law
    from ..safe_date import SafeDate

LEAVE_YEAR_LAW = "5 U.S.C. 6302(a)"
FIRST_YEAR, LAST_YEAR = 1971, 2098  # the workday calendar covers 1971–2099; a leave year ends in January of the next
READ_PAY_PERIOD = "leave.restoration_pay_period"
READ_LAST_DAY = "leave.restoration_last_day"


@dataclass(frozen=True)
class PayPeriod:
    """One biweekly pay period of a leave year: number 1 to 26 (or 27), Sunday to Saturday two weeks later."""

    number: int
    start: dt.date

    @property
    def end(self) -> dt.date:
        return self.start + dt.timedelta(days=13)

    def __str__(self) -> str:
        return f"pay period {self.number}: {fmt_day(self.start)} to {fmt_day(self.end)}"


@dataclass(frozen=True)
class LeaveYear:
    """Leave year `year`: from the first day of the first full pay period in that calendar year to the day before the next."""

    year: int
    start: dt.date
    end: dt.date
    pay_periods: tuple[PayPeriod, ...]
    anchor: dt.date
    cite: str = LEAVE_YEAR_LAW

    @property
    def last_pay_period(self) -> PayPeriod:
        return self.pay_periods[-1]

    def period_of(self, day: Any) -> PayPeriod:
        """The pay period a day falls in."""
        day = to_date(day, "date")
        if not self.start <= day <= self.end:
            raise OutOfRange(f"{day.isoformat()} is not in leave year {self.year} ({self.start} to {self.end})", cite=self.cite,
                             fix="Use leave_year_of(day) to find its leave year")
        return self.pay_periods[(day - self.start).days // 14]

    def remaining(self, as_of: Any) -> tuple[PayPeriod, ...]:
        """Pay periods not yet ended on `as_of` (the one containing it included): the ones still to earn leave."""
        day = to_date(as_of, "as-of date")
        return tuple(p for p in self.pay_periods if p.end >= day)

    def explain(self) -> str:
        n = len(self.pay_periods)
        extra = " (a 27-pay-period year: the grid reached January 1)" if n == 27 else ""
        return (f"Leave year {self.year}: {fmt_day(self.start)} to {fmt_day(self.end)}, {n} pay periods{extra}. "
                f"It begins on the first day of the first full biweekly pay period in {self.year} ({self.cite}).")

    def to_dict(self) -> dict[str, object]:
        return {"year": self.year, "start": self.start.isoformat(), "end": self.end.isoformat(), "cite": self.cite,
                "pay_periods": [{"number": p.number, "start": p.start.isoformat(), "end": p.end.isoformat()} for p in self.pay_periods],
                "anchor": self.anchor.isoformat(), "explanation": self.explain()}


def pay_period_anchor(law: Law | None = None, anchor: Any = None) -> dt.date:
    """The known first day of a biweekly pay period: the given one, or the law file's (one grid for all of lmcore)."""
    if anchor is not None:
        return to_date(anchor, "pay-period anchor")
    from ..contract.law import load_law

    return (law or load_law()).param("leave_year.pay_period_anchor").as_date()


def first_pay_period_start(year: int, anchor: dt.date) -> dt.date:
    """The first pay period that starts on or after January 1 of `year` (a period starting on January 1 is full)."""
    jan1 = dt.date(year, 1, 1)
    return jan1 + dt.timedelta(days=(anchor - jan1).days % 14)


def leave_year(year: int, *, law: Law | None = None, anchor: Any = None) -> LeaveYear:
    """Leave year `year` on the pay-period grid of the law file (or of `anchor`, any known pay-period start)."""
    if isinstance(year, bool) or not isinstance(year, int) or not FIRST_YEAR <= year <= LAST_YEAR:
        raise OutOfRange(f"leave year {year!r} is outside the years lmcore's calendar covers", cite=LEAVE_YEAR_LAW,
                         fix=f"Give a year from {FIRST_YEAR} to {LAST_YEAR}")
    a = pay_period_anchor(law, anchor)
    start = first_pay_period_start(year, a)
    nxt = first_pay_period_start(year + 1, a)
    periods = tuple(PayPeriod(i + 1, start + dt.timedelta(days=14 * i)) for i in range((nxt - start).days // 14))
    return LeaveYear(year, start, nxt - dt.timedelta(days=1), periods, a)


def leave_year_of(day: Any, *, law: Law | None = None, anchor: Any = None) -> LeaveYear:
    """The leave year a date falls in (early January may still belong to the previous year's leave year)."""
    day = to_date(day, "date")
    ly = leave_year(day.year, law=law, anchor=anchor)
    return ly if day >= ly.start else leave_year(day.year - 1, law=law, anchor=anchor)


@dataclass(frozen=True)
class RestorationDeadline:
    """The last day to ask in writing for use-or-lose leave, so that leave lost later can be restored (Art. 5 §1.e, condition (1))."""

    leave_year: LeaveYear
    pay_period: PayPeriod
    last_day: dt.date
    day_before_pay_period: dt.date
    last_workday: dt.date
    cite: str
    quote: str
    law: str
    law_quote: str
    interpretations: tuple[Choice, ...] = field(default=())
    periods_before: int | None = None  # the N of "the N-th pay period before the end of the leave year"

    @property
    def which(self) -> str:
        """'the third pay period before the end of the leave year', with the number of the parameters file."""
        return f"the {ordinal_word(self.periods_before)} pay period before the end of the leave year" if self.periods_before else \
            f"pay period {self.pay_period.number}"

    def is_open(self, on: Any) -> bool:
        """True while a request made on this day still meets condition (1)."""
        return to_date(on, "date") <= self.last_day

    def explain(self) -> str:
        ly, pp = self.leave_year, self.pay_period
        from_end = len(ly.pay_periods) - pp.number + 1
        lines = [
            f"Request use-or-lose leave in writing by {fmt_day(self.last_day)} ({self.cite}; {self.law}).",
            f"Leave year {ly.year} ends {fmt_day(ly.end)} after {len(ly.pay_periods)} pay periods; {self.which} "
            f"is pay period {pp.number} ({fmt_day(pp.start)} to {fmt_day(pp.end)}), number {from_end} counting back from the last.",
            f"The request must come before {fmt_day(pp.start)}, so the last day is {fmt_day(self.day_before_pay_period)}; "
            f"the last workday before it is {fmt_day(self.last_workday)}.",
            f'Rule: "{self.quote}"',
            f'Law: "{self.law_quote}"',
        ]
        lines += [f"Reading used: {c}" for c in self.interpretations]
        return "\n".join(lines)

    def to_dict(self) -> dict[str, object]:
        return {"leave_year": self.leave_year.year, "leave_year_start": self.leave_year.start.isoformat(),
                "leave_year_end": self.leave_year.end.isoformat(), "pay_periods": len(self.leave_year.pay_periods),
                "pay_period": self.pay_period.number, "pay_period_start": self.pay_period.start.isoformat(),
                "last_day": self.last_day.isoformat(), "day_before_pay_period": self.day_before_pay_period.isoformat(),
                "last_workday": self.last_workday.isoformat(), "cite": self.cite, "quote": self.quote, "law": self.law,
                "interpretations": [c.to_dict() for c in self.interpretations], "explanation": self.explain()}


def restoration_request_deadline(year: int, contract: Contract | None = None, *, law: Law | None = None,
                                 anchor: Any = None) -> RestorationDeadline:
    """Last day to request use-or-lose leave in writing in leave year `year` (Art. 5 §1.e(1); 5 CFR 630.308(a))."""
    from ..contract.law import load_law
    from ..contract.loading import load_contract

    contract = contract or load_contract()
    law = law or load_law()
    p = contract.param("leave.restoration_request_pay_periods")
    ly = leave_year(year, law=law, anchor=anchor)
    n = int(p.value)
    # Counting back with the last pay period as the first (the date agencies publish), or one more for the strict reading.
    back = n if contract.choice(READ_PAY_PERIOD) == "last_counts_as_first" else n + 1
    pp = ly.pay_periods[len(ly.pay_periods) - back]
    day_before = pp.start - dt.timedelta(days=1)
    last_workday = contract.calendar.add_workdays(pp.start, -1)
    last_day = day_before if contract.choice(READ_LAST_DAY) == "day_before_pay_period" else last_workday
    lp = law.param("annual_leave.restoration_scheduling")
    return RestorationDeadline(ly, pp, last_day, day_before, last_workday, cite="Art. 5 §1.e", quote=p.quote,
                               law=f"{lp.cite}; {LEAVE_YEAR_LAW}", law_quote=lp.quote,
                               interpretations=contract.used(READ_PAY_PERIOD, READ_LAST_DAY), periods_before=n)


def restoration_safe_date(year: int, contract: Contract, *, law: Law | None = None, anchor: Any = None) -> SafeDate:
    """The safe last day to request use-or-lose leave (issue 16): the request is the employee's own act, so the earliest
    day over the readings of §1.e that move it (which pay period is the third before the end; the Saturday or the last
    workday before it; the closures a last workday skips)."""
    from ..contract.book import CALENDAR_READINGS
    from ..safe_date import OWN, Survey

    used = (READ_PAY_PERIOD, READ_LAST_DAY, *CALENDAR_READINGS)
    survey = Survey(contract, lambda c: ({"last_day": restoration_request_deadline(year, c, law=law, anchor=anchor).last_day}, used))
    return survey.safe("last_day", OWN, ())


def ordinal_word(n: int | None) -> str:
    """'third' for 3 (as the contract writes it), '11th' above ten."""
    words = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", 6: "sixth", 7: "seventh", 8: "eighth", 9: "ninth", 10: "tenth"}
    if n is None:
        return ""
    return words.get(n, f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}")


__all__ = ["LeaveYear", "PayPeriod", "RestorationDeadline", "first_pay_period_start", "leave_year", "leave_year_of",
           "restoration_request_deadline"]
