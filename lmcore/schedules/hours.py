"""The arithmetic of a pay period's hours, vectorised: arrays of shape (N, 14), one row per pay period, in minutes.

Day by day: time worked (less lunch), the part inside the day shift's band (Art. 4 §5), ordered work on a holiday
(holiday work: basic pay plus holiday premium pay, 5 U.S.C. 5546(b) — never credit hours, §2.b(1)), overtime
(§2.b(3): ordered and over 8 hours a day or 40 a week, holiday hours counted in the week, 5 CFR 550.132; §2.c(2):
beyond the compressed schedule), work that counts toward the basic work requirement, and absence from core hours
(§2.b(2)). Per pay period: leave charged, credit hours earned (§2.b(1)), shortfall and pay hours (§8).
One implementation serves one timesheet and 10,000.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Mapping

import numpy as np

from .credit_hours import earned_minutes, settle

if TYPE_CHECKING:
    from ..contract.book import Contract
    from .kinds import Schedule
    from .terms import Terms

PAID_KINDS = ("annual", "sick", "comp", "admin")
ALL_DAY = (0, 48 * 60)  # no band: every minute of a tour that begins that day (and may run past midnight)


@dataclass(frozen=True)
class Rules:
    """The numbers of Art. 4 a computation needs (from `Terms`), and the schedule's kind of rules."""

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
    day_shift_band: bool = True
    holiday_minimum: int = 0

    @classmethod
    def of(cls, schedule: Schedule, contract: Contract, terms: Terms | None = None) -> Rules:
        from .credit_hours import cap_minutes
        from .kinds import COMPRESSED, COMPRESSED_OT_READING, PART_TIME_READING, SHIFT_READING
        from .terms import Terms

        t = terms or Terms.of(contract)
        day_band = schedule.shift == "day" or contract.choice(SHIFT_READING) == "day_shift_band"
        return cls(
            band=t.band if day_band else ALL_DAY,
            core=schedule.core_hours or t.core,
            premium_after=t.premium_after,
            ot_daily=t.ot_daily,
            ot_weekly=t.ot_weekly,
            increment=t.increment,
            fixed=not schedule.flexible,
            compressed=schedule.kind in COMPRESSED,
            daily_requirement=schedule.flexible and schedule.part_time and contract.choice(PART_TIME_READING) == "per_day",
            all_hours_overtime=contract.choice(COMPRESSED_OT_READING) == "all_hours_beyond_schedule",
            cap=cap_minutes(schedule, contract, t),
            day_shift_band=day_band,
            holiday_minimum=t.holiday_minimum,
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
              rules: Rules, holiday: Any = 0, premium: Any = 0) -> dict[str, np.ndarray]:
    """Every day's minutes: total, holiday work, in the band, overtime, uncounted, counted toward the requirement, core absence.

    `holiday` is the minutes each day's holiday excuses, `premium` the most of them that earn holiday premium pay.
    """
    s, e, ls, le, o = t["start"], t["end"], t["lunch_start"], t["lunch_end"], t["ordered"]
    total = (e - s) - (le - ls)
    holiday = np.broadcast_to(np.asarray(holiday, dtype=np.int64), total.shape)
    # Ordered work on a holiday is holiday work: it takes the place of the excused hours (5 U.S.C. 6124 excuses only
    # those "relieved or prevented from working") and is paid apart, never as credit hours or toward the requirement.
    hw = np.minimum(np.minimum(total, o), holiday)
    rest, o_rest = total - hw, o - hw
    b0, b1 = rules.band
    inband = np.where(band_day, overlap(s, e, b0, b1) - overlap(ls, le, b0, b1), 0)
    outside = total - inband
    if rules.compressed:  # §2.c(2): hours beyond those of the compressed schedule that day
        excess = np.maximum(rest - sched, 0)
        ot = excess if rules.all_hours_overtime else np.minimum(o_rest, excess)
    else:  # §2.b(3): ordered in advance and over 8 hours in the day, or over 40 in the week (holiday hours count, 5 CFR 550.132)
        ot_day = np.minimum(o_rest, np.maximum(total - rules.ot_daily, 0))
        ot = ot_day + _weekly_overtime(rest - ot_day + holiday, o_rest - ot_day, rules.ot_weekly)
    authorised = np.maximum(o_rest, ot)
    uncovered = np.clip(outside - hw - authorised, 0, rest - ot)  # outside the band and not ordered: not counted
    counted = rest - ot - uncovered
    ordered_regular = np.clip(o_rest - ot, 0, counted)
    # A fixed schedule's unordered time beyond the day's hours is neither overtime nor credit hours; ordered time
    # that is not overtime (a part-timer's extra hours) is paid as worked.
    beyond = np.maximum(counted - ordered_regular - sched, 0) if rules.fixed else np.zeros_like(counted)
    counted = counted - beyond
    on_holiday = holiday > 0
    premium_hours = np.minimum(np.where(on_holiday, hw + ordered_regular, 0), np.broadcast_to(np.asarray(premium), total.shape))
    premium_hours = np.where(premium_hours > 0, np.maximum(premium_hours, rules.holiday_minimum), 0)  # 5 U.S.C. 5546(c)
    c0, c1 = rules.core
    core_absence = np.where(core_day, (c1 - c0) - overlap(s, e, c0, c1), 0)
    late = np.where(band_day & rules.day_shift_band, overlap(s, e, rules.premium_after, b1) - overlap(ls, le, rules.premium_after, b1), 0)
    return {"total": total, "inband": inband, "outside": outside, "overtime": ot, "uncovered": uncovered, "beyond": beyond,
            "counted": counted, "voluntary": counted - ordered_regular, "ordered_regular": ordered_regular,
            "core_absence": core_absence, "after_premium": late, "holiday_work": hw, "excused": holiday - hw,
            "holiday_premium": premium_hours}


def period_hours(t: Mapping[str, np.ndarray], d: Mapping[str, np.ndarray], sched: np.ndarray, holiday: np.ndarray,
                 balance_in: Any, rules: Rules, on: Any = None, total_requirement: Any = None) -> dict[str, np.ndarray]:
    """A pay period's totals in minutes (arrays of shape (N,)): requirement, leave charged, credit hours, shortfall, pay.

    `on` marks the days with hours to account for (default: a scheduled day); `total_requirement` the pay period's
    requirement when each day's is not known (a part-timer without a tour, §7.a).
    """
    on = sched > 0 if on is None else np.broadcast_to(np.asarray(on, dtype=bool), sched.shape)
    paid_rec = sum(t[k] for k in PAID_KINDS)
    paid, credit, lwop = (np.where(on, x, 0) for x in (paid_rec, t["credit"], t["lwop"]))
    off_day_leave = (paid_rec + t["credit"] + t["lwop"]) - (paid + credit + lwop)
    counted = d["counted"]
    if rules.fixed:  # a fixed schedule: each day's hours are worked or covered by leave, day by day
        room = np.maximum(sched - counted, 0)
        inc = rules.increment  # leave is charged in whole increments: a 9-minute gap takes 15 minutes of leave
        room_inc = -(-room // inc) * inc
        p = np.minimum(paid, room_inc)
        c = np.minimum(credit, room_inc - p)
        w = np.minimum(lwop, room_inc - p - c)
        short = np.maximum(room - p - c - w, 0)
        earned = rem = from_work = np.zeros_like(counted)
        excess = (paid - p) + (credit - c) + (lwop - w)
        requirement = sched.sum(-1)
    else:  # a flexible schedule: the pay period as a whole (or each day, under the per-day part-time reading)
        keep = rules.daily_requirement
        requirement = sched.sum(-1) if total_requirement is None else np.broadcast_to(np.asarray(total_requirement), counted.shape[:-1])
        R = sched if keep else np.asarray(requirement)[..., None]
        C, V, P, U, Lw = (x if keep else x.sum(-1, keepdims=True) for x in (counted, d["voluntary"], paid, credit, lwop))
        surplus = C + P + U + Lw - R
        pos = np.maximum(surplus, 0)
        # credit hours only from time "voluntarily worked in excess of" the requirement (§2.b(1)): ordered time that is not
        # overtime counts toward the requirement but never makes the voluntary time beyond it
        from_work = np.minimum(np.minimum(pos, V), np.maximum(V + P + U + Lw - R, 0))
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
    excused = d["excused"].sum(-1)
    holiday_work = d["holiday_work"].sum(-1)
    paid_leave = total["p"] + np.asarray(st.used)
    out = {
        "worked": d["total"].sum(-1), "regular": regular, "overtime": overtime, "counted": counted_sum,
        "requirement": np.asarray(requirement), "holiday": excused, "holiday_off": holiday.sum(-1), "holiday_work": holiday_work,
        "holiday_premium": d["holiday_premium"].sum(-1),
        "leave": paid_rec.sum(-1) + t["credit"].sum(-1) + t["lwop"].sum(-1),
        "paid_leave": paid_leave, "lwop": total["w"], "awol": t["awol"].sum(-1), "credit_requested": total["c"],
        "earned": total["earned"], "remainder": total["rem"], "used": np.asarray(st.used), "borrowed": np.asarray(st.borrowed),
        "balance_in": np.asarray(st.balance_in), "carried": np.asarray(st.carried), "forfeited": np.asarray(st.forfeited),
        "shortfall": total["short"] + np.asarray(st.borrowed), "excess_leave": total["excess"], "off_day_leave": off_day_leave.sum(-1),
        "uncompensated": d["uncovered"].sum(-1) + d["beyond"].sum(-1) + total["rem"],
    }
    out["pay"] = regular + overtime + paid_leave + excused + holiday_work
    return out


__all__ = ["ALL_DAY", "PAID_KINDS", "Rules", "day_hours", "overlap", "period_hours"]
