"""Arbitration scheduling simulator (Art. 44 §1.c, §3.a, §3.b): invocations → designated arbitrator → a hearing
date set at the monthly OELMR–Local 12 meeting on one of that arbitrator's reserved dates.

How a run works (each step is a reading of the text, shown to the user):
- each arbitrator reserves k workdays a month ("k dates a month each"); every panel member sits on both rosters
  (§1.a), so a reserved date can hear a regular or an expedited case; §3.a's minimum (one date a month for each)
  is met whenever the panel has at least two dates a month;
- cases are designated in rotation on receipt (§1.c) and reviewed at the first monthly meeting on or after the
  invocation (§3.b), which gives every one of them a hearing date strictly after the meeting;
- at a meeting an arbitrator's new cases take that arbitrator's next free reserved dates. The baseline orders them
  earliest deadline first (EDF); the exact policy solves the assignment (scipy's linear_sum_assignment) that meets
  the most hearing limits, then the least total lateness.
Both policies only ever fill an arbitrator's next free dates, so with more reserved dates (a superset) every
meeting's dates are the same or earlier: EDF never makes any case later, and the exact policy never meets fewer
limits. More reserved dates never lower the on-time share.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from ..calendar import to_date
from ..errors import InvalidDate, InvalidInput, OutOfRange
from .caseload import (
    Invocations,
    SimConfig,
    invocations_from,
    month_workdays,
    months_of_run,
    synthetic_invocations,
)
from .kinds import HEARING_RULE, KINDS, ROSTER
from .results import SimResult  # noqa: E402

if TYPE_CHECKING:
    from ..contract.book import Contract
    from .panel import Panel


NAT = np.datetime64("NaT", "D")


_LATE = 1_000_000  # cost of a missed hearing limit, far above any number of days late


_TIE = 10_000_000  # scale that keeps the tie-break (≤ cases² at one meeting) below one day late


def month_starts(contract: Contract, start: dt.date, n: int, day: int = 1) -> np.ndarray:
    """The first workday on or after `day` of each of n months."""
    firsts = np.array([f"{y:04d}-{m:02d}-{day:02d}" for y, m in months_of_run(start, n)], dtype="datetime64[D]")
    return np.busday_offset(firsts, 0, roll="forward", busdaycal=contract.calendar.busdaycalendar)


def meeting_every(contract: Contract) -> int:
    """Months from one OELMR–Local 12 scheduling meeting to the next (§3.b: 12 a year, "on a monthly basis")."""
    p = contract.param("arbitration.case_review_meetings_per_year")
    per_year = p.value
    if not float(per_year).is_integer() or int(per_year) < 1 or 12 % int(per_year):
        raise InvalidInput(f"{per_year} scheduling meetings a year cannot be spread evenly over the months", cite=p.cite,
                           fix="Set arbitration.case_review_meetings_per_year to 1, 2, 3, 4, 6 or 12")
    return 12 // int(per_year)


def meeting_dates(contract: Contract, start: dt.date, n: int, day: int = 1) -> np.ndarray:
    """The OELMR–Local 12 scheduling meetings in n months from `start` (§3.b): the first workday on or after `day` of
    every month (every second, third … month when the contract sets fewer than 12 a year)."""
    return month_starts(contract, start, n, day)[::meeting_every(contract)]


def reserved_minimum(contract: Contract) -> tuple[int, str]:
    """The fewest hearing dates a month the panel must reserve, and the rule in words (§3.a)."""
    exp, reg = (int(contract.value(f"arbitration.reserved_dates_{k}")) for k in ("expedited", "regular"))
    return exp + reg, f"Reserve at least {exp} date(s) a month for expedited and {reg} for regular arbitration"


def reserved_dates(names: tuple[str, ...], config: SimConfig, contract: Contract, n_months: int) -> dict[str, np.ndarray]:
    """Policy "k dates a month each" (§3.a). The k-date schedule is the first k of a fixed order, so k+1 ⊇ k.

    rotation: the arbitrators take turns day by day from the first workday after the meeting (who goes first
    rotates each month); spread: each arbitrator's dates are spread evenly over the month (van der Corput order).
    """
    cfg, n = config.checked(), len(names)
    meets = month_starts(contract, cfg.start, n_months, cfg.meeting_day)
    out: dict[str, list[np.datetime64]] = {a: [] for a in names}
    for mi, (y, m) in enumerate(months_of_run(cfg.start, n_months)):
        work = month_workdays(contract, y, m)
        cand = np.concatenate([work[work > meets[mi]], work[work < meets[mi]]])
        size, k = len(cand), min(cfg.dates_per_month, len(cand))
        for a, name in enumerate(names):
            taken: set[int] = set()
            for j in range(k):
                if cfg.placement == "rotation":
                    idx = (j * n + (a - mi) % n) % size
                else:
                    idx = int(((_vdc(j) + ((a + mi) % n) / n) % 1.0) * size)
                while idx in taken:
                    idx = (idx + 1) % size
                taken.add(idx)
            out[name] += list(cand[sorted(taken)])
    return {a: np.array(sorted(v), dtype="datetime64[D]") for a, v in out.items()}


def _vdc(j: int) -> float:
    """The j-th van der Corput number in base 2 (0, 1/2, 1/4, 3/4, ...): evenly spread, and each prefix too."""
    x, denom = 0.0, 1.0
    while j:
        denom *= 2
        x += (j & 1) / denom
        j >>= 1
    return x


def _check_reserved(reserved: Mapping[str, Iterable[Any]], panel: Panel, contract: Contract, cfg: SimConfig,
                    n_months: int) -> dict[str, np.ndarray]:
    """Reserved dates given by hand: every name on the panel, every date a workday, two dates a month at least (§3.a)."""
    out = {panel.member(name).name: np.array(sorted(to_date(d, f"reserved date of {name}") for d in days),
                                             dtype="datetime64[D]") for name, days in reserved.items()}
    for name, days in out.items():
        bad = days[~contract.calendar.is_workday(days)] if len(days) else days
        if len(bad):
            day = bad[0].item()
            raise InvalidDate(f"{name}'s reserved date {day.isoformat()} is not a workday ({contract.calendar.skip_reason(day)})",
                              cite="Art. 44 §6", fix="Reserve workdays: hearings are on the Department's premises")
    allm = np.concatenate(list(out.values())) if out else np.array([], dtype="datetime64[D]")
    least, words = reserved_minimum(contract)
    for y, m in months_of_run(cfg.start, cfg.months):
        month = np.datetime64(f"{y:04d}-{m:02d}", "M")
        if int(np.sum(allm.astype("datetime64[M]") == month)) < least:
            raise OutOfRange(f"fewer than {least} reserved dates in {y:04d}-{m:02d}", cite="Art. 44 §3.a", fix=words)
    return {a: out.get(a, np.array([], dtype="datetime64[D]")) for a in panel.roster("regular", cfg.start)}


def simulate(config: SimConfig | None = None, contract: Contract | None = None, *, panel: Panel | None = None,
             cases: Invocations | Iterable[tuple[str, str, Any]] | None = None,
             reserved: Mapping[str, Iterable[Any]] | None = None) -> SimResult:
    """Run the monthly meetings over a stream of invocations; deterministic for a given config (and seed)."""
    from ..contract.loading import load_contract
    from .panel import example_names, make_panel

    cfg = (config or SimConfig()).checked()
    contract = contract or load_contract()
    panel = panel or make_panel(example_names(contract), cfg.start, contract)
    inv = synthetic_invocations(cfg, contract) if cases is None else (
        cases if isinstance(cases, Invocations) else invocations_from(cases))
    last = inv.invoked.max().item() if len(inv) else cfg.start
    horizon = max(cfg.months, (last.year - cfg.start.year) * 12 + last.month - cfg.start.month + 1)
    n_months = horizon + cfg.tail_months + 1
    names = panel.roster("regular", cfg.start)
    least, words = reserved_minimum(contract)
    if reserved is None and len(names) * cfg.dates_per_month < least:
        raise OutOfRange(f"{len(names) * cfg.dates_per_month} reserved date(s) a month for the whole panel, fewer than "
                         f"{least}", cite="Art. 44 §3.a", fix=words)
    dates = (_check_reserved(reserved, panel, contract, cfg, n_months) if reserved is not None
             else reserved_dates(names, cfg, contract, n_months))
    meets = meeting_dates(contract, cfg.start, n_months, cfg.meeting_day)
    n = len(inv)
    arb = np.empty(n, dtype=object)
    for roster in ("regular", "expedited"):
        mask = np.array([ROSTER[k] == roster for k in inv.kind], dtype=bool)
        arb[mask] = np.array(panel.rotation(roster, int(mask.sum()), cfg.start), dtype=object)
    due = np.full(n, NAT)
    for kind in KINDS:
        mask = inv.kind == kind
        if mask.any():
            due[mask] = contract.deadlines(HEARING_RULE[kind], inv.invoked[mask])
    meeting_idx = np.searchsorted(meets, inv.invoked, side="left")
    hearing = _assign(cfg.policy, arb, meeting_idx, meets, due, inv.invoked, dates)
    meeting = np.where(meeting_idx < len(meets), meets[np.minimum(meeting_idx, len(meets) - 1)], NAT)
    return SimResult(cfg, cfg.policy, names, inv, arb, meeting, hearing, due, dates, meets, contract)


def _assign(policy: str, arb: np.ndarray, meeting_idx: np.ndarray, meets: np.ndarray, due: np.ndarray,
            invoked: np.ndarray, dates: dict[str, np.ndarray]) -> np.ndarray:
    """Each meeting gives each arbitrator's new cases that arbitrator's next free reserved dates."""
    hearing = np.full(len(arb), NAT)
    arb_code = np.array([list(dates).index(a) for a in arb], dtype=np.int64) if len(arb) else np.zeros(0, np.int64)
    order = np.lexsort((np.arange(len(arb)), meeting_idx, arb_code))
    bounds = np.flatnonzero(np.diff(arb_code[order]) | np.diff(meeting_idx[order])) + 1
    last: dict[int, np.datetime64] = {}
    for group in np.split(order, bounds) if len(order) else []:
        a, t = int(arb_code[group[0]]), int(meeting_idx[group[0]])
        if t >= len(meets):
            continue  # invoked after the last meeting simulated: never scheduled (counted late)
        days = dates[list(dates)[a]]
        floor = max(meets[t], last.get(a, meets[t]))
        i = int(np.searchsorted(days, floor, side="right"))
        slots = days[i:i + len(group)]
        if not len(slots):
            continue
        rows, cols = _edf(due[group], invoked[group], slots) if policy == "edf" else _exact(due[group], slots)
        hearing[group[rows]] = slots[cols]
        last[a] = slots[cols].max()
    return hearing


def _edf(due: np.ndarray, invoked: np.ndarray, slots: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Earliest deadline first: sort by hearing limit (then invocation), give the dates in order."""
    rows = np.lexsort((np.arange(len(due)), invoked, due))[: len(slots)]
    return rows, np.arange(len(rows))


def _exact(due: np.ndarray, slots: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The assignment that meets the most hearing limits, then the least total days late (linear_sum_assignment)."""
    from scipy.optimize import linear_sum_assignment

    late = (slots[None, :] - due[:, None]).astype(np.int64)
    # Among equally good assignments, keep earliest-deadline cases on the earlier dates (a tie-break worth < 1 day).
    rank = np.argsort(np.lexsort((np.arange(len(due)), due))).astype(np.int64)
    tie = rank[:, None] * np.arange(len(slots), dtype=np.int64)[None, :]
    cost = np.where(late > 0, _LATE + late, 0) * _TIE - tie
    rows, cols = linear_sum_assignment(cost)
    return rows, cols
