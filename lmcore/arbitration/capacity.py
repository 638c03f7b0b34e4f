"""Questions asked of the simulator: the exact policy against the earliest-deadline-first
baseline, and the fewest reserved dates a month that keep hearings on time (Art. 44 §3.a)."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from .results import SimResult

if TYPE_CHECKING:
    from ..contract.book import Contract
    from .caseload import SimConfig


@dataclass(frozen=True)
class PolicyComparison:
    """The same cases scheduled by the EDF baseline and by the exact assignment: how many more limits exact meets."""

    exact: SimResult
    edf: SimResult

    def difference(self) -> dict[str, int]:
        e, b = {s.kind: s.on_time for s in self.exact.stats()}, {s.kind: s.on_time for s in self.edf.stats()}
        return {k: e[k] - b[k] for k in e}

    def to_dict(self) -> dict[str, Any]:
        out = self.exact.to_dict()
        out["baseline_edf"] = {"on_time_share": self.edf.to_dict()["on_time_share"],
                               "by_kind": [s.to_dict() for s in self.edf.stats()]}
        out["difference_on_time"] = self.difference()
        return out


def compare_policies(config: SimConfig, contract: Contract | None = None, **kw: Any) -> PolicyComparison:
    """Run the exact policy and the EDF baseline on the same invocations."""
    from .simulator import simulate

    return PolicyComparison(simulate(replace(config, policy="exact"), contract, **kw),
                            simulate(replace(config, policy="edf"), contract, **kw))


@dataclass(frozen=True)
class CapacityAnswer:
    """The fewest reserved dates a month (per arbitrator) keeping the on-time share at or above the target."""

    target: float
    dates_per_month: int | None
    panel_dates_per_month: int | None
    share: float | None
    tried: tuple[tuple[int, float], ...]
    best_share: float

    def explain(self) -> str:
        if self.dates_per_month is None:
            return (f"No number of reserved dates up to {max(k for k, _ in self.tried)} a month keeps {self.target:.0%} of "
                    f"hearings within their limit (best {self.best_share:.1%}): the monthly meeting (§3.b) comes too late "
                    "for some of the cases with the short limits (§3.d, §3.e).")
        return (f"{self.dates_per_month} reserved date(s) a month per arbitrator ({self.panel_dates_per_month} for the panel) "
                f"keep {self.share:.1%} of hearings within their limit (target {self.target:.0%}; Art. 44 §3.a–§3.e).")

    def to_dict(self) -> dict[str, Any]:
        return {"target": self.target, "dates_per_month": self.dates_per_month, "panel_dates_per_month": self.panel_dates_per_month,
                "on_time_share": None if self.share is None else round(self.share, 4),
                "tried": [{"dates_per_month": k, "on_time_share": round(s, 4)} for k, s in self.tried],
                "best_share": round(self.best_share, 4), "explanation": self.explain()}


def capacity(config: SimConfig, contract: Contract | None = None, *, target: float = 0.95, k_max: int = 20,
             **kw: Any) -> CapacityAnswer:
    """Binary search over k (valid because the on-time share never falls as k grows) on the same invocations."""
    from ..errors import OutOfRange
    from .caseload import synthetic_invocations
    from .panel import example_names, make_panel
    from .simulator import simulate

    if not 0 < target <= 1:
        raise OutOfRange(f"target share {target}", cite="Art. 44 §3.a", fix="Give a share between 0 and 1, e.g. 0.95")
    from ..contract.loading import load_contract

    contract = contract or load_contract()
    if kw.get("cases") is None:
        kw["cases"] = synthetic_invocations(config, contract)
    seen: dict[int, float] = {}

    def share(k: int) -> float:
        if k not in seen:
            r = simulate(replace(config, dates_per_month=k), contract, **kw)
            seen[k] = float(r.on_time.mean()) if len(r.hearing) else 1.0
        return seen[k]

    panel = kw.get("panel") or make_panel(example_names(contract), config.start, contract)
    n_arb = len(panel.roster("regular", config.checked().start))
    if share(k_max) < target:
        return CapacityAnswer(target, None, None, None, tuple(sorted(seen.items())), seen[k_max])
    lo, hi = 1, k_max
    while lo < hi:
        mid = (lo + hi) // 2
        lo, hi = (lo, mid) if share(mid) >= target else (mid + 1, hi)
    return CapacityAnswer(target, lo, lo * n_arb, seen[lo], tuple(sorted(seen.items())), max(seen.values()))
