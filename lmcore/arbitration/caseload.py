"""The cases a scheduling run works on: its settings (`SimConfig`) and the invocations,
synthetic (seeded) or real (Art. 44 §1.c, §3.b)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import numpy as np

from ..calendar import to_date
from ..errors import InvalidInput, OutOfRange
from .kinds import KINDS, check_kind

if TYPE_CHECKING:
    from ..contract.book import Contract


POLICIES = ("exact", "edf")


PLACEMENTS = ("rotation", "spread")


@dataclass(frozen=True)
class SimConfig:
    """What to simulate: months of invocations at these monthly rates, k reserved dates per arbitrator a month."""

    months: int = 12
    seed: int = 0
    rate_regular: float = 4.0
    rate_expedited: float = 2.0
    rate_stayed: float = 0.0
    dates_per_month: int = 1
    start: dt.date = dt.date(2027, 1, 1)
    placement: str = "rotation"
    policy: str = "exact"
    meeting_day: int = 1
    tail_months: int = 24

    def checked(self) -> SimConfig:
        """The same config with the start moved to the first of its month, or a clear error."""
        if not 1 <= int(self.months) <= 240:
            raise OutOfRange(f"{self.months} months", cite="Art. 44 §3.b", fix="Simulate 1 to 240 months")
        for name in ("rate_regular", "rate_expedited", "rate_stayed"):
            r = float(getattr(self, name))
            if not 0 <= r <= 1000:
                raise OutOfRange(f"{name.replace('_', ' ')} {r} a month", cite="Art. 44 §3.b", fix="Give 0 to 1000 cases a month")
        if not 1 <= int(self.dates_per_month) <= 23:
            raise OutOfRange(f"{self.dates_per_month} reserved dates a month for each arbitrator", cite="Art. 44 §3.a",
                             fix="Reserve at least one date a month (§3.a) and at most one per workday (23)")
        if self.placement not in PLACEMENTS:
            raise InvalidInput(f"unknown placement '{self.placement}'", cite="Art. 44 §3.a", fix="Use rotation or spread")
        if self.policy not in POLICIES:
            raise InvalidInput(f"unknown policy '{self.policy}'", cite="Art. 44 §3.b", fix="Use exact or edf")
        if not 1 <= int(self.meeting_day) <= 28:
            raise OutOfRange(f"meeting day {self.meeting_day}", cite="Art. 44 §3.b", fix="Give a day of the month from 1 to 28")
        if not 0 <= int(self.tail_months) <= 240:
            raise OutOfRange(f"{self.tail_months} tail months", cite="Art. 44 §3.b", fix="Give 0 to 240")
        start = to_date(self.start, "first month")
        return replace(self, start=start.replace(day=1), months=int(self.months), dates_per_month=int(self.dates_per_month))


@dataclass(frozen=True, eq=False)
class Invocations:
    """Cases invoked to arbitration: ids, kinds ('regular', 'expedited', 'stayed') and dates, in order of receipt."""

    case_id: np.ndarray
    kind: np.ndarray
    invoked: np.ndarray

    def __len__(self) -> int:
        return len(self.case_id)


def synthetic_invocations(config: SimConfig, contract: Contract) -> Invocations:
    """A seeded stream: Poisson counts per month and kind, each case invoked on a random workday of its month."""
    cfg = config.checked()
    rng = np.random.default_rng(cfg.seed)
    rates = {"regular": cfg.rate_regular, "expedited": cfg.rate_expedited, "stayed": cfg.rate_stayed}
    ids, kinds, days = [], [], []
    for y, m in months_of_run(cfg.start, cfg.months):
        work = month_workdays(contract, y, m)
        for kind in KINDS:
            n = int(rng.poisson(rates[kind]))
            days.append(np.sort(rng.choice(work, size=n)))
            kinds += [kind] * n
    invoked = np.concatenate(days) if days else np.array([], dtype="datetime64[D]")
    order = np.argsort(invoked, kind="stable")
    kind_arr = np.array(kinds, dtype=object)[order]
    ids = [f"{k[0].upper()}{i + 1:04d}" for i, k in enumerate(kind_arr)]
    return Invocations(np.array(ids, dtype=object), kind_arr, invoked[order])


def invocations_from(cases: Iterable[tuple[str, str, Any]]) -> Invocations:
    """Real cases as (case id, kind, invocation date) rows."""
    rows = sorted(((str(c), check_kind(k), to_date(d, f"invocation date of case {c}")) for c, k, d in cases),
                  key=lambda r: r[2])
    if len({r[0] for r in rows}) != len(rows):
        raise InvalidInput("two cases have the same id", cite="Art. 44 §1.c", fix="Give each case its own id")
    return Invocations(np.array([r[0] for r in rows], dtype=object), np.array([r[1] for r in rows], dtype=object),
                       np.array([r[2] for r in rows], dtype="datetime64[D]"))


def months_of_run(start: dt.date, n: int) -> list[tuple[int, int]]:
    return [(start.year + (start.month - 1 + i) // 12, (start.month - 1 + i) % 12 + 1) for i in range(n)]


def month_workdays(contract: Contract, y: int, m: int) -> np.ndarray:
    first = np.datetime64(f"{y:04d}-{m:02d}-01", "D")
    days = np.arange(first, (first.astype("datetime64[M]") + 1).astype("datetime64[D]"))
    return days[contract.calendar.is_workday(days)]
