"""What a scheduling run found: every case's designation, meeting and hearing date, the
on-time share by kind and month (Art. 44 §3.a–§3.e)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np

from .kinds import KINDS

if TYPE_CHECKING:
    from ..contract.book import Contract
    from .caseload import Invocations, SimConfig


NAT = np.datetime64("NaT", "D")
POLICY_WORDS = {"exact": "Exact assignment", "edf": "Earliest deadline first"}  # the policies in words, for people


@dataclass(frozen=True)
class KindStats:
    """On-time share and days from invocation to hearing for one case type (or 'all')."""

    kind: str
    cases: int
    on_time: int
    scheduled: int
    mean_days: float | None
    median_days: float | None
    max_days: int | None

    @property
    def share(self) -> float | None:
        return self.on_time / self.cases if self.cases else None

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "cases": self.cases, "on_time": self.on_time, "scheduled": self.scheduled,
                "on_time_share": None if self.share is None else round(self.share, 4),
                "mean_days_to_hearing": self.mean_days, "median_days_to_hearing": self.median_days,
                "max_days_to_hearing": self.max_days}


@dataclass(frozen=True)
class MonthRow:
    """One month: the meeting, cases invoked and heard, the backlog at month end, reserved dates and their use."""

    month: str
    meeting: dt.date | None  # None in a month without a scheduling meeting (fewer than 12 a year, §3.b)
    invoked: int
    heard: int
    backlog: int
    reserved: int
    used: int

    @property
    def utilisation(self) -> float | None:
        return self.used / self.reserved if self.reserved else None

    def to_dict(self) -> dict[str, Any]:
        u = self.utilisation
        return {"month": self.month, "meeting": self.meeting.isoformat() if self.meeting else None,
                "invoked": self.invoked, "heard": self.heard,
                "backlog": self.backlog, "reserved": self.reserved, "used": self.used,
                "utilisation": None if u is None else round(u, 4)}


@dataclass(frozen=True)
class ScheduledCase:
    """One case as scheduled: its arbitrator, meeting, hearing date, limit and the milestones that follow."""

    case_id: str
    kind: str
    invoked: dt.date
    arbitrator: str
    meeting: dt.date | None
    hearing: dt.date | None
    hearing_by: dt.date
    on_time: bool
    prehearing_meeting: dt.date | None
    exchange_meeting: dt.date | None
    arbitrability_notice: dt.date | None
    decision: dt.date | None

    @property
    def days_to_hearing(self) -> int | None:
        return None if self.hearing is None else (self.hearing - self.invoked).days

    def to_dict(self) -> dict[str, Any]:
        iso = lambda d: d.isoformat() if d else None  # noqa: E731
        return {"case_id": self.case_id, "kind": self.kind, "invoked": iso(self.invoked), "arbitrator": self.arbitrator,
                "meeting": iso(self.meeting), "hearing": iso(self.hearing), "hearing_by": iso(self.hearing_by),
                "on_time": self.on_time, "days_to_hearing": self.days_to_hearing,
                "prehearing_meeting": iso(self.prehearing_meeting), "exchange_meeting": iso(self.exchange_meeting),
                "arbitrability_notice": iso(self.arbitrability_notice), "decision": iso(self.decision)}


def _day(x: np.datetime64) -> dt.date | None:
    return None if np.isnat(x) else x.item()


@dataclass(frozen=True, eq=False)
class SimResult:
    """A finished run: arrays per case (in order of receipt) and the reserved dates, with the metrics derived from them."""

    config: SimConfig
    policy: str
    arbitrators: tuple[str, ...]
    invocations: Invocations
    arbitrator: np.ndarray
    meeting: np.ndarray
    hearing: np.ndarray
    hearing_by: np.ndarray
    reserved: dict[str, np.ndarray]
    meetings: np.ndarray
    contract: Contract

    @property
    def kind(self) -> np.ndarray:
        return self.invocations.kind

    @property
    def invoked(self) -> np.ndarray:
        return self.invocations.invoked

    @cached_property
    def on_time(self) -> np.ndarray:
        return ~np.isnat(self.hearing) & (self.hearing <= self.hearing_by)

    @cached_property
    def milestones(self) -> dict[str, np.ndarray]:
        """Dates that follow from each hearing date (§5.a, §5.b, §9, §8.c), vectorised; NaT where unscheduled."""
        c, ok = self.contract, ~np.isnat(self.hearing)
        out = {k: np.full(len(self.hearing), NAT) for k in ("prehearing_meeting", "exchange_meeting", "arbitrability_notice", "decision")}
        if ok.any():
            h = self.hearing[ok]
            out["prehearing_meeting"][ok] = c.deadlines("arbitration.prehearing_meeting", h)
            out["exchange_meeting"][ok] = c.deadlines("arbitration.exchange_meeting", h)
            out["arbitrability_notice"][ok] = np.minimum(
                c.deadlines("arbitration.arbitrability_notice_after_invocation", self.invoked[ok]),
                c.deadlines("arbitration.arbitrability_notice_before_hearing", h))
            exp = ok & (self.kind == "expedited")
            if exp.any():
                out["decision"][exp] = c.deadlines("arbitration.expedited_decision", self.hearing[exp])
        return out

    @property
    def days_to_hearing(self) -> np.ndarray:
        """Calendar days from invocation to hearing (NaN where no hearing date could be set)."""
        d = (self.hearing - self.invoked).astype("timedelta64[D]").astype(float)
        d[np.isnat(self.hearing)] = np.nan
        return d

    def share(self, kind: str | None = None) -> float | None:
        mask = np.ones(len(self.hearing), bool) if kind is None else self.kind == kind
        return float(self.on_time[mask].mean()) if mask.any() else None

    def stats(self) -> tuple[KindStats, ...]:
        rows = [self._stats(k, self.kind == k) for k in KINDS if (self.kind == k).any()]
        return tuple(rows) + (self._stats("all", np.ones(len(self.hearing), bool)),)

    def _stats(self, kind: str, mask: np.ndarray) -> KindStats:
        days = self.days_to_hearing[mask]
        days = days[~np.isnan(days)]
        return KindStats(kind, int(mask.sum()), int(self.on_time[mask].sum()), len(days),
                         round(float(days.mean()), 1) if len(days) else None,
                         float(np.median(days)) if len(days) else None, int(days.max()) if len(days) else None)

    def prehearing_before_meeting(self) -> int:
        """Cases whose §5.a meeting was due on or before the monthly meeting that set the hearing date."""
        pre, ok = self.milestones["prehearing_meeting"], ~np.isnat(self.hearing)
        return int(np.sum(ok & (pre <= self.meeting)))

    def months(self) -> tuple[MonthRow, ...]:
        """Month by month, from the first month to the last hearing (or the end of the invocations)."""
        m0 = np.datetime64(self.config.start, "M")
        heard = self.hearing[~np.isnat(self.hearing)]
        last = max(self.config.months, int((heard.astype("datetime64[M]") - m0).astype(int).max()) + 1 if len(heard) else 0)
        met = {int((m.astype("datetime64[M]") - m0).astype(int)): m.item() for m in self.meetings}
        last = min(last, max(met) + 1 if met else 0)
        inv_m = (self.invoked.astype("datetime64[M]") - m0).astype(int)
        hear_m = np.where(np.isnat(self.hearing), 10**6, (self.hearing.astype("datetime64[M]") - m0).astype(int))
        res = np.concatenate(list(self.reserved.values())) if self.reserved else np.array([], "datetime64[D]")
        res_m = (res.astype("datetime64[M]") - m0).astype(int)
        rows = []
        for i in range(last):
            rows.append(MonthRow(str(m0 + i), met.get(i), int(np.sum(inv_m == i)), int(np.sum(hear_m == i)),
                                 int(np.sum((inv_m <= i) & (hear_m > i))), int(np.sum(res_m == i)), int(np.sum(hear_m == i))))
        return tuple(rows)

    def utilisation(self) -> float | None:
        """Reserved dates used over the months of invocations (the tail that clears the backlog left out)."""
        rows = self.months()[: self.config.months]
        reserved = sum(r.reserved for r in rows)
        return sum(r.used for r in rows) / reserved if reserved else None

    def cases(self) -> list[ScheduledCase]:
        ms = self.milestones
        return [ScheduledCase(str(self.invocations.case_id[i]), str(self.kind[i]), self.invoked[i].item(), str(self.arbitrator[i]),
                              _day(self.meeting[i]), _day(self.hearing[i]), self.hearing_by[i].item(), bool(self.on_time[i]),
                              _day(ms["prehearing_meeting"][i]), _day(ms["exchange_meeting"][i]),
                              _day(ms["arbitrability_notice"][i]), _day(ms["decision"][i])) for i in range(len(self.hearing))]

    def calendar_month(self, year: int, month: int) -> dict[dt.date, list[tuple[str, str | None]]]:
        """Day → [(arbitrator, case id heard or None if the reserved date is free)] for one month."""
        month_ = np.datetime64(f"{year:04d}-{month:02d}", "M")
        booked = {(str(a), h.item()): str(c) for a, h, c in zip(self.arbitrator, self.hearing, self.invocations.case_id)
                  if not np.isnat(h) and h.astype("datetime64[M]") == month_}
        out: dict[dt.date, list[tuple[str, str | None]]] = {}
        for name, days in self.reserved.items():
            for d in days[days.astype("datetime64[M]") == month_]:
                out.setdefault(d.item(), []).append((name, booked.get((name, d.item()))))
        return dict(sorted(out.items()))

    def to_dict(self, include_cases: bool = False) -> dict[str, Any]:
        cfg = self.config
        out: dict[str, Any] = {
            "policy": self.policy, "seed": cfg.seed, "months": cfg.months, "start": cfg.start.isoformat(),
            "dates_per_month": cfg.dates_per_month, "placement": cfg.placement, "arbitrators": list(self.arbitrators),
            "rates": {"regular": cfg.rate_regular, "expedited": cfg.rate_expedited, "stayed": cfg.rate_stayed},
            "cases": len(self.hearing), "on_time_share": None if not len(self.hearing) else round(float(self.on_time.mean()), 4),
            "by_kind": [s.to_dict() for s in self.stats()],
            "on_time_by_kind": {s.kind: None if s.share is None else round(s.share, 4) for s in self.stats()},
            "days_to_hearing": {s.kind: {"mean": s.mean_days, "median": s.median_days, "max": s.max_days} for s in self.stats()},
            "utilisation": None if self.utilisation() is None else round(self.utilisation(), 4),
            "backlog": [r.backlog for r in self.months()],
            "prehearing_due_before_scheduling": self.prehearing_before_meeting(),
            "monthly": [r.to_dict() for r in self.months()],
            "cites": {"designation": "Art. 44 §1.c", "reserved_dates": "Art. 44 §3.a", "monthly_meeting": "Art. 44 §3.b",
                      "hearing_limits": ["Art. 44 §3.c", "Art. 44 §3.d", "Art. 44 §3.e"]},
            "interpretations": [c.to_dict() for c in self.contract.used("arbitration.hearing_limit_roll")],
        }
        if include_cases:
            out["case_list"] = [c.to_dict() for c in self.cases()]
        return out

    def summary(self) -> str:
        parts = [f"{s.kind} {s.on_time}/{s.cases} on time" + (f" ({s.share:.0%})" if s.share is not None else "")
                 for s in self.stats()]
        u = self.utilisation()
        return (f"{POLICY_WORDS[self.policy]} · {self.config.dates_per_month} reserved date(s) a month per arbitrator · "
                + "; ".join(parts)
                + (f"; utilisation {u:.0%}" if u is not None else ""))
