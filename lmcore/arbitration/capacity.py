"""Questions asked of the simulator: the exact policy against the earliest-deadline-first
baseline, and the fewest reserved dates a month that keep hearings on time (Art. 44 §3.a), said in plain words
for a caseload given a year or a month."""
from __future__ import annotations

import math
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


MONTHS_IN = {"year": 12, "month": 1}  # a caseload "a year" or "a month", in months (the calendar's, not the contract's)
ON_TIME_TARGET = 0.95  # the simulator's default planning target: Article 44 sets each hearing's limit, not a share
TARGET_WORDS = ("a planning target of this simulator, not a rule of the contract: Article 44 sets each hearing's "
                "limit (§3.c–§3.e), not a share of hearings to meet")


@dataclass(frozen=True)
class Caseload:
    """Cases invoked to arbitration, given a year or a month (fractions allowed); `per_month` converts exactly."""

    cases: float
    per: str = "month"

    def __post_init__(self) -> None:
        from ..errors import InvalidInput, OutOfRange

        if self.per not in MONTHS_IN:
            raise InvalidInput(f"a caseload '{self.per}'", cite="Art. 44 §3.b", fix="Give the cases a year or a month")
        if not (isinstance(self.cases, (int, float)) and math.isfinite(self.cases)) or self.cases < 0:
            raise OutOfRange(f"{self.cases} cases {self.period}", cite="Art. 44 §3.b", fix="Give 0 cases or more")

    @property
    def period(self) -> str:
        return f"a {self.per}"

    @property
    def per_month(self) -> float:
        """Cases a month: 30 a year is 2.5 a month (a division, never rounded)."""
        return self.cases / MONTHS_IN[self.per]

    def words(self) -> str:
        """"30 cases a year (2.5 a month)", "2.5 cases a month"."""
        one = f"{_num(self.cases)} {'case' if self.cases == 1 else 'cases'} {self.period}"
        return one if self.per == "month" else f"{one} ({_num(self.per_month, about=True)} a month)"


def _num(x: float, about: bool = False) -> str:
    """A count as people write it: 30, 2.5, and "about 0.83" where two decimals do not hold it exactly."""
    if abs(x - round(x, 2)) < 1e-9:
        return f"{round(x, 2):g}"
    return f"{'about ' if about else ''}{x:.2f}"


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

    def sentence(self, caseload: Caseload, arbitrators: int) -> str:
        """The answer in one plain sentence, the caseload as it was given (a year or a month)."""
        pct = f"{_num(self.target * 100)} %"
        if caseload.cases == 0:
            return (f"With {caseload.words()} there is no hearing to hold; the panel still reserves the monthly minimum "
                    f"(Art. 44 §3.a): {_dates(self.dates_per_month or 1)} a month per arbitrator.")
        if self.dates_per_month is None:
            best = max(self.tried, key=lambda t: (t[1], -t[0]))
            return (f"With {caseload.words()}, no number of reserved dates up to {max(k for k, _ in self.tried)} a month per "
                    f"arbitrator holds {pct} of hearings on time (at best {_pct(self.best_share)}, with {_dates(best[0])} "
                    "each): the monthly meeting (Art. 44 §3.b) comes too late for some cases with the short limits (§3.d, §3.e).")
        return (f"With {caseload.words()}, each arbitrator must reserve {_dates(self.dates_per_month)} a month "
                f"({self.panel_dates_per_month} for the panel of {arbitrators}) to hold {pct} of hearings on time "
                f"(Art. 44 §3.a–§3.e): {_pct(self.share or 0.0)} on time in this sample.")

    def to_dict(self) -> dict[str, Any]:
        return {"target": self.target, "dates_per_month": self.dates_per_month, "panel_dates_per_month": self.panel_dates_per_month,
                "on_time_share": None if self.share is None else round(self.share, 4),
                "tried": [{"dates_per_month": k, "on_time_share": round(s, 4)} for k, s in self.tried],
                "best_share": round(self.best_share, 4), "explanation": self.explain()}


def _dates(k: int) -> str:
    return f"{k} date" if k == 1 else f"{k} dates"


def _pct(share: float) -> str:
    return f"{share * 100:.1f} %"


def on_time_curve(config: SimConfig, contract: Contract | None = None, *, k_max: int = 12,
                  **kw: Any) -> tuple[tuple[int, float], ...]:
    """(k, on-time share) for every k from the panel's §3.a minimum to k_max, on the same invocations: the
    capacity chart's points (non-decreasing in k, as the simulator guarantees)."""
    from ..contract.loading import load_contract
    from .caseload import synthetic_invocations
    from .simulator import simulate

    contract = contract or load_contract()
    kw["panel"] = _panel(config, contract, kw.get("panel"))
    if kw.get("cases") is None:
        kw["cases"] = synthetic_invocations(config, contract)
    out: list[tuple[int, float]] = []
    for k in range(least_dates(kw["panel"], config, contract), k_max + 1):
        if out and out[-1][1] == 1.0:  # every hearing on time already: more dates cannot lower it (simulator's guarantee)
            out.append((k, 1.0))
            continue
        r = simulate(replace(config, dates_per_month=k), contract, **kw)
        out.append((k, float(r.on_time.mean()) if len(r.hearing) else 1.0))
    return tuple(out)


def capacity_on_curve(curve: tuple[tuple[int, float], ...], target: float, arbitrators: int) -> CapacityAnswer:
    """The capacity answer read off a full curve (the first k at or above the target): the page draws the curve
    anyway, so it needs no separate search."""
    if not curve:
        raise ValueError("an empty curve")
    best = max(s for _, s in curve)
    k = next((k for k, s in curve if s >= target), None)
    if k is None:
        return CapacityAnswer(target, None, None, None, curve, best)
    return CapacityAnswer(target, k, k * arbitrators, dict(curve)[k], curve, best)


def least_dates(panel: Any, config: SimConfig, contract: Contract) -> int:
    """The fewest dates a month each arbitrator can reserve and still give the panel §3.a's monthly minimum."""
    from .simulator import reserved_minimum

    least, _ = reserved_minimum(contract)
    return max(1, -(-least // len(panel.roster("regular", config.checked().start))))


def _panel(config: SimConfig, contract: Contract, panel: Any) -> Any:
    from .panel import example_names, make_panel

    return panel or make_panel(example_names(contract), config.checked().start, contract)


def capacity(config: SimConfig, contract: Contract | None = None, *, target: float = ON_TIME_TARGET, k_max: int = 20,
             **kw: Any) -> CapacityAnswer:
    """Binary search over k (valid because the on-time share never falls as k grows) on the same invocations."""
    from ..errors import OutOfRange
    from .caseload import synthetic_invocations
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

    panel = kw["panel"] = _panel(config, contract, kw.get("panel"))
    n_arb = len(panel.roster("regular", config.checked().start))
    lo, hi = least_dates(panel, config, contract), k_max
    if share(k_max) < target:
        return CapacityAnswer(target, None, None, None, tuple(sorted(seen.items())), seen[k_max])
    while lo < hi:
        mid = (lo + hi) // 2
        lo, hi = (lo, mid) if share(mid) >= target else (mid + 1, hi)
    return CapacityAnswer(target, lo, lo * n_arb, seen[lo], tuple(sorted(seen.items())), max(seen.values()))
