"""Credit hours (Art. 4 §2.b(1)): earned and used in 15-minute increments, no borrowing, a carry-over cap.

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

if TYPE_CHECKING:
    from ..contract.book import Contract
    from .kinds import Schedule

CITE = "Art. 4 §2.b(1)"


def increment_minutes(contract: Contract) -> int:
    """The 15-minute increment in which credit hours are earned and used."""
    return int(contract.value("schedules.credit_increment"))


def cap_minutes(schedule: Schedule, contract: Contract) -> int:
    """The most credit hours that may be carried into the next pay period, in minutes (§2.b(1))."""
    if schedule.part_time_hours is None:
        return int(round(float(contract.value("schedules.credit_carryover_full_time")) * 60))
    fraction = float(contract.value("schedules.credit_carryover_part_time_fraction"))
    # "not more than one-fourth": the most whole 15-minute increments within a quarter (30.5 h → 7 h 37.5 → 7 h 30)
    inc = increment_minutes(contract)
    return int(schedule.part_time_hours * 60 * fraction + 1e-9) // inc * inc


def earned_minutes(surplus: Any, increment: int = 15) -> Any:
    """Whole increments in a surplus of minutes (a part-increment is not earned): 80 → 75, 14 → 0."""
    s = np.maximum(np.asarray(surplus, dtype=np.int64), 0)
    out = s // increment * increment
    return int(out) if np.ndim(out) == 0 else out


def check_balance(hours: Any, cap: int, what: str = "credit-hour balance brought in") -> int:
    """A balance typed by a user, in minutes: a number of quarter hours from 0 to the carry-over cap."""
    try:
        h = float(hours)
    except (TypeError, ValueError):
        raise InvalidInput(f"the {what} '{hours}' is not a number of hours", cite=CITE, fix="Give hours such as 0, 2.5 or 24") from None
    if not np.isfinite(h) or h < 0:
        raise OutOfRange(f"the {what} cannot be {hours}", cite=CITE, fix="Give zero or more hours (credit hours cannot be borrowed)")
    if abs(h * 4 - round(h * 4)) > 1e-9:
        raise InvalidInput(f"the {what} {h:g} hours is not in 15-minute increments", cite=CITE,
                           fix="Credit hours are earned and used in quarter hours: give 0.25, 0.5, 0.75, …")
    m = int(round(h * 60))
    if m > cap:
        raise OutOfRange(f"the {what} {h:g} hours is more than the {cap / 60:g} hours that may be carried over", cite=CITE,
                         fix=f"A balance above {cap / 60:g} hours would have been forfeited: give {cap / 60:g} or less")
    return m


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


def ledger(periods: Sequence[tuple[dt.date, float, float]], cap_hours: float, balance_in: float = 0.0) -> tuple[LedgerRow, ...]:
    """Several pay periods in a row: (period start, hours earned, hours used) each → balance in, earned, used, carried, forfeited."""
    cap = int(round(cap_hours * 60))
    bal = check_balance(balance_in, cap)
    rows = []
    for start, earned_h, used_h in periods:
        e, u = int(round(earned_h * 60)), int(round(used_h * 60))
        if e % 15 or u % 15 or e < 0 or u < 0:
            raise InvalidInput(f"credit hours earned {earned_h:g} and used {used_h:g} must be quarter hours, zero or more",
                               cite=CITE, fix="Give hours such as 0.25, 0.5, 0.75")
        s = settle(bal, e, u, cap)
        rows.append(LedgerRow(start, bal / 60, e / 60, s.used / 60, s.carried / 60, s.forfeited / 60, s.borrowed / 60))
        bal = int(s.carried)
    return tuple(rows)


__all__ = ["CITE", "LedgerRow", "Settlement", "cap_minutes", "check_balance", "earned_minutes", "increment_minutes", "ledger", "settle"]
