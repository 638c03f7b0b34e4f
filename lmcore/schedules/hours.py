"""The arithmetic of a pay period's hours, vectorised: arrays of shape (N, 14), one row per pay period, in minutes.

Day by day: time worked (less lunch), the part inside the 6:00 a.m.–7:00 p.m. band (Art. 4 §5), overtime
(§2.b(3): ordered and over 8 hours a day or 40 a week; §2.c(2): beyond the compressed schedule), work that
counts toward the basic work requirement, and absence from core hours (§2.b(2)). Per pay period: leave charged,
credit hours earned (§2.b(1)), shortfall and pay hours (§8). One implementation serves one timesheet and 10,000.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Mapping

import numpy as np

from .credit_hours import earned_minutes, settle

if TYPE_CHECKING:
    from ..contract.book import Contract
    from .kinds import Schedule

PAID_KINDS = ("annual", "sick", "comp", "admin")


def _minutes(contract: Contract, key: str) -> int:
    h, m = str(contract.value(key)).split(":")
    return int(h) * 60 + int(m)


@dataclass(frozen=True)
class Rules:
    """The numbers of Art. 4 a computation needs, read from the contract, and the schedule's kind of rules."""

    band: tuple[int, int]
    core: tuple[int, int]
    premium_after: int
    ot_daily: int
    ot_weekly: int
    increment: int
    fixed: bool
    compressed: bool
    daily_requirement: bool
    all_hours_overtime: bool
    cap: int

    @classmethod
    def of(cls, schedule: Schedule, contract: Contract) -> Rules:
        from .credit_hours import cap_minutes
        from .kinds import COMPRESSED, COMPRESSED_OT_READING, PART_TIME_READING

        return cls(
            band=(_minutes(contract, "schedules.band_start"), _minutes(contract, "schedules.band_end")),
            core=(_minutes(contract, "schedules.core_start"), _minutes(contract, "schedules.core_end")),
            premium_after=_minutes(contract, "schedules.premium_pay_after"),
            ot_daily=int(float(contract.value("schedules.overtime_daily")) * 60),
            ot_weekly=int(float(contract.value("schedules.overtime_weekly")) * 60),
            increment=int(contract.value("schedules.credit_increment")),
            fixed=not schedule.flexible,
            compressed=schedule.kind in COMPRESSED,
            daily_requirement=schedule.flexible and schedule.part_time and contract.choice(PART_TIME_READING) == "per_day",
            all_hours_overtime=contract.choice(COMPRESSED_OT_READING) == "all_hours_beyond_schedule",
            cap=cap_minutes(schedule, contract),
        )


def overlap(s: Any, e: Any, a: Any, b: Any) -> Any:
    """Minutes of [s, e) inside [a, b)."""
    return np.clip(np.minimum(e, b) - np.maximum(s, a), 0, None)


def _weekly_overtime(hours: np.ndarray, ordered_left: np.ndarray, cap: int) -> np.ndarray:
    """Ordered minutes that fall past 40 hours in each week (days 0–6, 7–13), given to the days in date order."""
    shape = hours.shape
    h = hours.reshape(*shape[:-1], 2, 7)
    left = ordered_left.reshape(*shape[:-1], 2, 7)
    week_ot = np.minimum(left.sum(-1), np.maximum(h.sum(-1) - cap, 0))
    before = np.cumsum(left, -1) - left
    return np.clip(week_ot[..., None] - before, 0, left).reshape(shape)


def day_hours(t: Mapping[str, np.ndarray], band_day: np.ndarray, sched: np.ndarray, core_day: np.ndarray,
              rules: Rules) -> dict[str, np.ndarray]:
    """Every day's minutes: total, in the band, overtime, uncounted, counted toward the requirement, core absence."""
    s, e, ls, le, o = t["start"], t["end"], t["lunch_start"], t["lunch_end"], t["ordered"]
    total = (e - s) - (le - ls)
    b0, b1 = rules.band
    inband = np.where(band_day, overlap(s, e, b0, b1) - overlap(ls, le, b0, b1), 0)
    outside = total - inband
    if rules.compressed:  # §2.c(2): hours beyond those of the compressed schedule that day
        excess = np.maximum(total - sched, 0)
        ot = excess if rules.all_hours_overtime else np.minimum(o, excess)
    else:  # §2.b(3): ordered in advance and over 8 hours in the day, or over 40 in the week
        ot_day = np.minimum(o, np.maximum(total - rules.ot_daily, 0))
        ot = ot_day + _weekly_overtime(total - ot_day, o - ot_day, rules.ot_weekly)
    authorised = np.maximum(o, ot)
    uncovered = np.clip(outside - authorised, 0, total - ot)  # outside the band and not ordered: not counted
    counted = total - ot - uncovered
    beyond = np.maximum(counted - sched, 0) if rules.fixed else np.zeros_like(counted)
    counted = counted - beyond  # a fixed schedule's unordered extra time is neither overtime nor credit hours
    ordered_regular = np.clip(o - ot, 0, counted)
    c0, c1 = rules.core
    core_absence = np.where(core_day, (c1 - c0) - overlap(s, e, c0, c1), 0)
    late = np.where(band_day, overlap(s, e, rules.premium_after, b1) - overlap(ls, le, rules.premium_after, b1), 0)
    return {"total": total, "inband": inband, "outside": outside, "overtime": ot, "uncovered": uncovered, "beyond": beyond,
            "counted": counted, "voluntary": counted - ordered_regular, "ordered_regular": ordered_regular,
            "core_absence": core_absence, "after_premium": late}


def period_hours(t: Mapping[str, np.ndarray], d: Mapping[str, np.ndarray], sched: np.ndarray, holiday: np.ndarray,
                 balance_in: Any, rules: Rules) -> dict[str, np.ndarray]:
    """A pay period's totals in minutes (arrays of shape (N,)): requirement, leave charged, credit hours, shortfall, pay."""
    on = sched > 0  # leave is charged only against hours the employee had to account for that day
    paid_rec = sum(t[k] for k in PAID_KINDS)
    paid, credit, lwop = (np.where(on, x, 0) for x in (paid_rec, t["credit"], t["lwop"]))
    off_day_leave = (paid_rec + t["credit"] + t["lwop"]) - (paid + credit + lwop)
    counted = d["counted"]
    if rules.fixed:  # a fixed schedule: each day's hours are worked or covered by leave, day by day
        room = np.maximum(sched - counted, 0)
        inc = rules.increment  # leave is charged in whole 15-minute increments: a 9-minute gap takes 15 minutes of leave
        room_inc = -(-room // inc) * inc
        p = np.minimum(paid, room_inc)
        c = np.minimum(credit, room_inc - p)
        w = np.minimum(lwop, room_inc - p - c)
        short = np.maximum(room - p - c - w, 0)
        earned = rem = from_work = np.zeros_like(counted)
        excess = (paid - p) + (credit - c) + (lwop - w)
    else:  # a flexible schedule: the pay period as a whole (or each day, under the per-day part-time reading)
        keep = rules.daily_requirement
        C, V, P, U, Lw, R = (x if keep else x.sum(-1, keepdims=True) for x in (counted, d["voluntary"], paid, credit, lwop, sched))
        surplus = C + P + U + Lw - R
        pos = np.maximum(surplus, 0)
        from_work = np.minimum(pos, V)
        earned = earned_minutes(from_work, rules.increment)
        rem = from_work - earned
        excess = pos - from_work  # leave beyond the requirement: not charged (LWOP first, then credit hours, then paid)
        excess = excess // rules.increment * rules.increment  # whole increments only: leave is charged in quarter hours
        cut_w = np.minimum(Lw, excess)
        cut_u = np.minimum(U, excess - cut_w)
        cut_p = np.minimum(P, excess - cut_w - cut_u)
        p, c, w = P - cut_p, U - cut_u, Lw - cut_w
        excess = cut_w + cut_u + cut_p  # what was actually left uncharged (ordered work past the requirement is paid as worked)
        short = np.maximum(-surplus, 0)
    total = {k: v.sum(-1) for k, v in {"p": p, "c": c, "w": w, "short": short, "earned": earned, "rem": rem,
                                       "from_work": from_work, "excess": excess}.items()}
    st = settle(balance_in, total["earned"], total["c"], rules.cap)
    counted_sum = counted.sum(-1)
    regular = counted_sum - total["from_work"]
    overtime = d["overtime"].sum(-1)
    hol = holiday.sum(-1)
    paid_leave = total["p"] + np.asarray(st.used)
    out = {
        "worked": d["total"].sum(-1), "regular": regular, "overtime": overtime, "counted": counted_sum,
        "requirement": sched.sum(-1), "holiday": hol, "leave": paid_rec.sum(-1) + t["credit"].sum(-1) + t["lwop"].sum(-1),
        "paid_leave": paid_leave, "lwop": total["w"], "awol": t["awol"].sum(-1), "credit_requested": total["c"],
        "earned": total["earned"], "remainder": total["rem"], "used": np.asarray(st.used), "borrowed": np.asarray(st.borrowed),
        "balance_in": np.asarray(st.balance_in), "carried": np.asarray(st.carried), "forfeited": np.asarray(st.forfeited),
        "shortfall": total["short"] + np.asarray(st.borrowed), "excess_leave": total["excess"], "off_day_leave": off_day_leave.sum(-1),
        "uncompensated": d["uncovered"].sum(-1) + d["beyond"].sum(-1) + total["rem"],
    }
    out["pay"] = regular + overtime + paid_leave + hol
    return out


__all__ = ["PAID_KINDS", "Rules", "day_hours", "overlap", "period_hours"]
