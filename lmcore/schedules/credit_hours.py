"""Credit hours (Art. 4 §2.b(1)): earned and used in whole increments, no borrowing, a carry-over cap.

"Credit hours are earned for the time voluntarily worked in excess of an employee's basic work requirement.
Employees may not "borrow" credit hours in advance between pay periods." Full-time employees carry over up to
24 hours; part-time employees not more than one-fourth of their biweekly basic work requirement. AWOL time does
not count toward the requirement. Minutes throughout (integers), so every sum is exact; numpy arrays for bulk use.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Sequence

import numpy as np

from ..errors import InvalidInput, OutOfRange
from .timesheet import shown

if TYPE_CHECKING:
    from ..contract.book import Contract
    from .kinds import Schedule
    from .terms import Terms

CITE = "Art. 4 §2.b(1)"


def increment_minutes(contract: Contract) -> int:
    """The increment (15 minutes) in which credit hours are earned and used."""
    return int(contract.value("schedules.credit_increment"))


def cap_minutes(schedule: Schedule, contract: Contract, terms: Terms | None = None) -> int:
    """The most credit hours that may be carried into the next pay period, in minutes (§2.b(1))."""
    from .terms import Terms

    t = terms or Terms.of(contract)
    if schedule.part_time_hours is None:
        return t.carry_full_time
    # "not more than one-fourth": the most whole increments within a quarter (30.5 h → 7 h 37.5 → 7 h 30)
    return int(schedule.part_time_hours * 60 * t.carry_part_time_fraction + 1e-9) // t.increment * t.increment


def earned_minutes(surplus: Any, increment: int) -> Any:
    """Whole increments in a surplus of minutes (a part-increment is not earned): 80 → 75, 14 → 0 in 15-minute steps."""
    s = np.maximum(np.asarray(surplus, dtype=np.int64), 0)
    out = s // increment * increment
    return int(out) if np.ndim(out) == 0 else out


def _increment(increment: int | None) -> int:
    if increment is not None:
        return increment
    from ..contract.loading import load_contract

    return increment_minutes(load_contract())


def check_balance(hours: Any, cap: int, what: str = "credit-hour balance brought in", increment: int | None = None) -> int:
    """A balance typed by a user, in minutes: whole increments (the contract's) from 0 to the carry-over cap."""
    increment = _increment(increment)
    try:
        text = str(hours).strip()
        h = float(hours) if isinstance(hours, (int, float)) else float(text) if len(text) <= 40 else float("x")
    except (TypeError, ValueError):
        raise InvalidInput(f"the {what} '{shown(hours)}' is not a number of hours", cite=CITE,
                           fix="Give hours such as 0, 2.5 or 24", field="carry_in") from None
    if not np.isfinite(h) or h < 0:
        raise OutOfRange(f"the {what} cannot be {shown(hours)}", cite=CITE, field="carry_in",
                         fix=f"Give 0 to {cap / 60:g} hours (credit hours cannot be borrowed, and no more than {cap / 60:g} carry over)")
    if h * 60 > cap:
        raise OutOfRange(f"the {what} {h:g} hours is more than the {cap / 60:g} hours that may be carried over", cite=CITE, field="carry_in",
                         fix=f"A balance above {cap / 60:g} hours would have been forfeited: give {cap / 60:g} or less")
    steps = h * 60 / increment
    if abs(steps - round(steps)) > 1e-9:
        raise InvalidInput(f"the {what} {h:g} hours is not in {increment}-minute increments", cite=CITE, field="carry_in",
                           fix=f"Credit hours are earned and used in {increment}-minute increments: give {increment / 60:g}, "
                               f"{2 * increment / 60:g}, {3 * increment / 60:g}, …")
    return int(round(h * 60))


@dataclass(frozen=True)
class Settlement:
    """One pay period's credit hours, in minutes: balance in, earned, used (and any borrowing refused), carried, forfeited."""

    balance_in: Any
    earned: Any
    requested: Any
    used: Any
    borrowed: Any
    carried: Any
    forfeited: Any


def settle(balance_in: Any, earned: Any, requested: Any, cap: Any) -> Settlement:
    """Apply one pay period: use only what is on hand (balance in + earned this period), cap what carries over."""
    b, e, r = (np.asarray(x, dtype=np.int64) for x in (balance_in, earned, requested))
    used = np.minimum(r, b + e)
    balance = b + e - used
    carried = np.minimum(balance, np.asarray(cap, dtype=np.int64))
    vals = (b, e, r, used, r - used, carried, balance - carried)
    if all(np.ndim(v) == 0 for v in vals):
        vals = tuple(int(v) for v in vals)  # type: ignore[assignment]
    return Settlement(*vals)


@dataclass(frozen=True)
class LedgerRow:
    """One line of the credit-hour ledger, in hours."""

    period_start: dt.date
    balance_in: float
    earned: float
    used: float
    carried: float
    forfeited: float
    borrowed_refused: float = 0.0

    def to_dict(self) -> dict[str, object]:
        return {"period_start": self.period_start.isoformat(), "balance_in": self.balance_in, "earned": self.earned,
                "used": self.used, "carried": self.carried, "forfeited": self.forfeited, "borrowed_refused": self.borrowed_refused}


def ledger(periods: Sequence[tuple[dt.date, float, float]], cap_hours: float, balance_in: float = 0.0,
           increment: int | None = None) -> tuple[LedgerRow, ...]:
    """Several pay periods in a row: (period start, hours earned, hours used) each → balance in, earned, used, carried, forfeited."""
    increment = _increment(increment)
    cap = int(round(cap_hours * 60))
    bal = check_balance(balance_in, cap, increment=increment)
    rows = []
    for start, earned_h, used_h in periods:
        if not all(np.isfinite(x) and 0 <= x <= 24 * 14 for x in (earned_h, used_h)):
            raise OutOfRange(f"credit hours earned {earned_h:g} and used {used_h:g} must be 0 to {24 * 14} hours a pay period",
                             cite=CITE, fix="Give the hours of one pay period")
        e, u = int(round(earned_h * 60)), int(round(used_h * 60))
        if e % increment or u % increment:
            raise InvalidInput(f"credit hours earned {earned_h:g} and used {used_h:g} must be in {increment}-minute increments",
                               cite=CITE, fix=f"Give hours such as {increment / 60:g} or {2 * increment / 60:g}")
        s = settle(bal, e, u, cap)
        rows.append(LedgerRow(start, bal / 60, e / 60, s.used / 60, s.carried / 60, s.forfeited / 60, s.borrowed / 60))
        bal = int(s.carried)
    return tuple(rows)


__all__ = ["CITE", "LedgerRow", "Settlement", "cap_minutes", "check_balance", "earned_minutes", "increment_minutes", "ledger", "settle"]
