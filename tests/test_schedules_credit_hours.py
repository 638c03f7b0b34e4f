"""Credit hours (Art. 4 §2.b(1)) and pay (§8): the ledger by hand, then properties over random pay periods (hypothesis)."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schedule_sheets import EIGHT, WEEK1, WEEK2, days, row, sheet

from lmcore.schedules.credit_hours import cap_minutes, check_balance, earned_minutes, ledger, settle
from lmcore.errors import InvalidInput, OutOfRange
from lmcore.schedules import evaluate, evaluate_many, evaluate_periods
from lmcore.schedules import Schedule, Terms, default_pattern, parse_tour
from lmcore.schedules.tours import checked_schedule
from lmcore.schedules import PERIOD_DAYS, DayEntry, Timesheet

PP = dt.date(2026, 11, 15)


def test_fifteen_minute_increments_art4_2b1(contract):
    # "fifteen (15) minute increments": 14 min → 0; 15 → 15; 44 → 30; 80 → 75; a shortfall earns nothing
    inc = int(contract.value("schedules.credit_increment"))
    assert [earned_minutes(m, inc) for m in (14, 15, 44, 80, -30)] == [0, 15, 30, 75, 0]


def test_caps_full_time_and_part_time_art4_2b1(contract):
    assert cap_minutes(Schedule("variable-week"), contract) == 24 * 60
    assert cap_minutes(Schedule("variable-week", 40), contract) == 600     # 40 h × ¼ = 10 h
    assert cap_minutes(Schedule("maxiflex", 30), contract) == 450          # 30 h × ¼ = 7 h 30
    # 24.5 h × ¼ = 6 h 7.5 min; credit hours come in 15-minute increments, so "not more than" that is 6 h
    assert cap_minutes(Schedule("standard", 24.5), contract) == 360


def test_balance_brought_in_is_checked_art4_2b1():
    assert check_balance(2.5, 1440) == 150
    with pytest.raises(OutOfRange, match="more than the 24"):
        check_balance(24.25, 1440)
    with pytest.raises(OutOfRange):
        check_balance(-1, 1440)
    with pytest.raises(InvalidInput, match="15-minute"):
        check_balance(1.1, 1440)


def test_settle_no_borrowing_and_cap():
    s = settle(60, 30, 150, 1440)  # 1 h in + 30 min earned; 2 h 30 asked for → 1 h 30 used, 1 h refused, nothing left
    assert (s.used, s.borrowed, s.carried, s.forfeited) == (90, 60, 0, 0)
    s = settle(1380, 120, 0, 1440)  # 23 h + 2 h = 25 h → 24 h carried, 1 h forfeited
    assert (s.carried, s.forfeited) == (1440, 60)


def test_multi_pay_period_ledger_art4_2b1():
    rows = ledger([(dt.date(2026, 11, 15), 10, 0), (dt.date(2026, 11, 29), 8, 2), (dt.date(2026, 12, 13), 0, 20)], 24, 5)
    # PP1: 5 + 10 = 15 carried. PP2: 15 + 8 − 2 = 21 carried. PP3: 21 on hand, 20 used → 1 carried
    assert [(r.balance_in, r.earned, r.used, r.carried, r.forfeited) for r in rows] == [
        (5, 10, 0, 15, 0), (15, 8, 2, 21, 0), (21, 0, 20, 1, 0)]
    rows = ledger([(dt.date(2026, 11, 15), 6, 0), (dt.date(2026, 11, 29), 0, 30)], 24, 20)
    # PP1: 20 + 6 = 26 → carried 24, forfeited 2. PP2: 30 asked, 24 on hand → 24 used, 6 refused (no borrowing)
    assert [(r.carried, r.forfeited, r.used, r.borrowed_refused) for r in rows] == [(24, 2, 0, 0), (0, 0, 24, 6)]


def test_evaluate_periods_chains_the_balance(contract):
    # the hand-worked variable week of the pay-period tests twice: 1.25 h earned each time (Thanksgiving in the first only)
    p1 = sheet(row("2026-11-16", ("07:00", "16:15", "12:00", "12:30")), *days(WEEK1[1:], EIGHT), *days(WEEK2, EIGHT))
    # 11-29 – 12-12: 10 workdays × 8 h = 80 h, plus 45 minutes on Mon 11-30 → 0.75 h earned
    dec = ["2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04", "2026-12-07", "2026-12-08", "2026-12-09",
           "2026-12-10", "2026-12-11"]
    p2 = sheet(row(dec[0], ("07:00", "16:15", "12:00", "12:30")), *days(dec[1:], EIGHT))
    r1, r2 = evaluate_periods([p1, p2], "variable-week", contract, carry_in=22.5)
    # PP1: Mon 8 h 45 → 45 min over 72 h → 0.75 h; 22.5 + 0.75 = 23.25 carried. PP2: 23.25 + 0.75 = 24 → at the cap
    assert (r1.credit_hours_earned, r1.credit_hours_balance) == (0.75, 23.25)
    assert (r2.credit_hours_in, r2.credit_hours_earned, r2.credit_hours_balance, r2.credit_hours_forfeited) == (23.25, 0.75, 24, 0)


# -- properties over random pay periods ----------------------------------------------------------------------------------
@st.composite
def pay_periods(draw):
    entries = []
    for i in range(PERIOD_DAYS):
        day = PP + dt.timedelta(days=i)
        if draw(st.booleans()) or i % 7 in (0, 6) and draw(st.booleans()):
            entries.append(DayEntry(day))
            continue
        start = draw(st.integers(5 * 60, 12 * 60))
        end = draw(st.integers(start + 1, min(start + 13 * 60, 23 * 60 + 59)))
        lunch = None
        if end - start > 60 and draw(st.booleans()):
            ls = draw(st.integers(start, end - 31))
            lunch = (ls, draw(st.integers(ls + 1, min(ls + 90, end))))
        kind = draw(st.sampled_from([None, "annual", "sick", "credit", "lwop", "awol", "admin"]))
        leave = draw(st.integers(0, 16)) * 15 if kind else 0
        ordered = draw(st.sampled_from([0, 0, 30, 60, 120]))
        entries.append(DayEntry(day, start, end, *(lunch or (None, None)), leave, kind if leave else None, ordered))
    return Timesheet(PP, tuple(entries))


SCHEDULES = [Schedule("variable-week"), Schedule("maxiflex", core_days=(2, 3, 9, 10)), Schedule("standard"),
             Schedule("compressed-5-4-9", layout=default_pattern("compressed-5-4-9")), Schedule("compressed-4-10"),
             Schedule("flexiplace-opt-out"), Schedule("variable-week", tour=parse_tour("Mon=4,Tue=4,Wed=4,Thu=4,Fri=4")),
             Schedule("standard", tour=parse_tour("W1:Mon=8,Tue=4.5;W2:Wed=8,Thu=4")),
             Schedule("compressed-4-10", tour=parse_tour("W1:Mon=8,Tue=8,Wed=8,Thu=8;W2:Mon=8,Tue=8,Wed=8,Thu=6")),
             Schedule("variable-week", shift="other")]


@pytest.fixture(scope="module")
def readings(contract):
    """The contract under each part-time reading (built once: a contract copy rebuilds its calendar)."""
    return {r: contract.with_interpretations({"schedules.part_time_requirement": r}) for r in ("per_pay_period", "per_day")}


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(ts=pay_periods(), sched=st.sampled_from(SCHEDULES), carry=st.integers(0, 96), per_day=st.booleans())
def test_balance_within_cap_and_pay_adds_up(readings, ts, sched, carry, per_day):
    c = readings["per_day" if per_day else "per_pay_period"]
    cap = cap_minutes(checked_schedule(sched, Terms.of(c)), c)  # a tour makes the schedule part-time: a quarter of the tour's hours
    res = evaluate(ts, sched, c, carry_in=min(carry * 15, cap) / 60)
    m = lambda h: round(h * 60)  # noqa: E731 - exact minutes
    # §2.b(1): never negative, never above the carry-over cap, whole 15-minute increments, no borrowing
    assert 0 <= m(res.credit_hours_balance) <= cap
    assert m(res.credit_hours_earned) % 15 == 0 and m(res.credit_hours_used) % 15 == 0 and res.credit_hours_forfeited >= 0
    assert m(res.credit_hours_used) <= m(res.credit_hours_in) + m(res.credit_hours_earned)
    assert m(res.credit_hours_balance) + m(res.credit_hours_forfeited) == \
        m(res.credit_hours_in) + m(res.credit_hours_earned) - m(res.credit_hours_used)
    if not sched.flexible:
        assert res.credit_hours_earned == 0
    # every minute worked is regular, overtime, credit hours earned, holiday work or uncounted
    assert m(res.worked_hours) == m(res.regular_hours) + m(res.overtime_hours) + m(res.credit_hours_earned) \
        + m(res.uncompensated_hours) + m(res.holiday_work_hours)
    # §8: pay = hours worked (less banked credit hours and uncounted time) + paid leave (LWOP excluded) + holidays not worked
    assert m(res.pay_hours) == m(res.worked_hours) - m(res.credit_hours_earned) - m(res.uncompensated_hours) \
        + m(res.paid_leave_hours) + m(res.holiday_hours)
    # a holiday's hours are either excused or worked as ordered holiday work, never both (5 U.S.C. 6124; 5546(b))
    assert m(res.holiday_hours) + m(res.holiday_work_hours) <= m(res.nominal_requirement - res.basic_requirement) + 0
    if res.holiday_work_hours:
        assert res.holiday_premium_hours >= min(res.holiday_work_hours, 2)
    assert m(res.paid_leave_hours) <= m(res.leave_hours) - m(res.lwop_hours)
    # nothing counted toward the requirement beyond it, except on a fixed schedule where it is per day
    assert m(res.regular_hours) + m(res.paid_leave_hours) + m(res.lwop_hours) + m(res.shortfall_hours) >= m(res.basic_requirement) - 1


@settings(max_examples=25, deadline=None)
@given(tss=st.lists(pay_periods(), min_size=3, max_size=3),
       sched=st.sampled_from([s for s in SCHEDULES if not (s.compressed and s.layout is None and s.tour is None)]))
def test_bulk_arithmetic_matches_one_by_one(contract, tss, sched):
    # (a compressed schedule whose layout is read from each timesheet is left out: the bulk form needs one layout)
    arrays = {k: np.stack([ts.arrays()[k] for ts in tss]) for k in tss[0].arrays()}
    bulk = evaluate_many(arrays, sched, PP, contract, carry_in=[0, 60, 120])
    for n, ts in enumerate(tss):
        one = evaluate(ts, sched, contract, carry_in=n)
        assert bulk["earned"][n] == round(one.credit_hours_earned * 60)
        assert bulk["carried"][n] == round(one.credit_hours_balance * 60)
        assert bulk["pay"][n] == round(one.pay_hours * 60) and bulk["overtime"][n] == round(one.overtime_hours * 60)
