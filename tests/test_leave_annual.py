"""Annual leave (Art. 5 §1): accrual by service (5 U.S.C. 6303(a)), the year-end projection against 240 hours
(§1.e), repayment on early separation (§1.b), 15-minute increments (§1.d) and the restoration conditions (§1.e).

Leave year 2026: Sun 2026-01-11 to Sat 2027-01-09, 26 pay periods; on Mon 2026-11-23 pay periods 23 (to Sat 11-28),
24, 25 and 26 have not ended: 4 still to earn; the use-or-lose request date is Sat 2026-11-28."""
from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lmcore.leave import (accrual_rate, charge_for_absence, check_increment, project_many, project_year_end,
                          restoration_check, separation_repayment)
from lmcore.errors import InvalidInput, OutOfRange
from lmcore.leave import leave_year

D = dt.date
AS_OF = D(2026, 11, 23)


@pytest.mark.parametrize("years, per_period, last", [
    (0, 4, 4), (2.99, 4, 4),          # less than 3 years: ½ day
    (3, 6, 10), (14.99, 6, 10),       # 3 but less than 15: ¾ day, 1¼ in the last pay period
    (15, 8, 8), (40, 8, 8),           # 15 or more: 1 day
])
def test_accrual_bands_and_their_edges(years, per_period, last):
    """5 U.S.C. 6303(a)(1)–(3): the rate changes exactly at 3 and 15 years."""
    r = accrual_rate(years)
    assert (r.hours, r.last_pay_period_hours) == (per_period, last)


def test_whole_year_credit_of_art5_1b():
    """Art. 5 §1.b credits the year's leave at its start: 26 periods → 26×4 = 104; 25×6 + 10 = 160; 26×8 = 208.
    Leave year 2023 has 27: 27×4 = 108; 26×6 + 10 = 166; 27×8 = 216."""
    y26, y23 = leave_year(2026), leave_year(2023)
    assert [accrual_rate(n).year_total(y26) for n in (1, 5, 20)] == [104, 160, 208]
    assert [accrual_rate(n).year_total(y23) for n in (1, 5, 20)] == [108, 166, 216]


@pytest.mark.parametrize("bad, error", [(-1, OutOfRange), (81, OutOfRange), ("ten", InvalidInput), (float("nan"), InvalidInput)])
def test_bad_years_of_service(bad, error):
    with pytest.raises(error, match=r"5 U\.S\.C\. 6303\(a\)"):
        accrual_rate(bad)


@pytest.mark.parametrize("balance, years, planned, accrual, year_end, lose, keep", [
    (200, 5, 0, 28, 228, 0, 228),       # 6+6+6+10 = 28; 200 + 28 = 228 < 240
    (230, 5, 16, 28, 242, 2, 240),      # 230 + 28 − 16 = 242 → 2 over 240
    (250, 16, 0, 32, 282, 42, 240),     # 4 × 8 = 32; 250 + 32 = 282 → 42 over
    (230, 1, 0, 16, 246, 6, 240),       # 4 × 4 = 16; 230 + 16 = 246 → 6 over
    (212, 5, 0, 28, 240, 0, 240),       # exactly 240: nothing lost (edge)
    (212.25, 5, 0, 28, 240.25, 0.25, 240),  # a quarter hour over
])
def test_projection_on_nov_23(contract, balance, years, planned, accrual, year_end, lose, keep):
    """Art. 5 §1.e: leave accrued beyond 240 hours is lost at the end of the leave year (Sat 2027-01-09)."""
    p = project_year_end(balance, AS_OF, years, planned, contract=contract)
    assert (p.accrual, p.year_end, p.to_lose, p.to_keep) == (accrual, year_end, lose, keep)
    assert p.leave_year.end == D(2027, 1, 9) and len(p.periods) == 4
    assert f"{year_end:.2f} hours" in p.answer() and f"{lose:.2f} hours to lose" in p.answer()


@pytest.mark.parametrize("as_of, accrual", [
    (D(2026, 11, 28), 28),  # Sat, last day of PP23: PP23–26 still to earn: 6+6+6+10
    (D(2026, 11, 29), 22),  # Sun, PP24 starts: 6+6+10
    (D(2027, 1, 9), 10),    # last day of the leave year: PP26 only, the 10-hour period
    (D(2027, 1, 5), 10),    # early January belongs to leave year 2026
])
def test_projection_counts_pay_periods_not_yet_ended(contract, as_of, accrual):
    assert project_year_end(100, as_of, 5, contract=contract).accrual == accrual


def test_credited_for_year_reading_adds_nothing(contract):
    """leave.balance_basis = credited_for_year (Art. 5 §1.b read as 'the balance already holds the year'): 230 − 16 = 214."""
    c = contract.with_interpretations({"leave.balance_basis": "credited_for_year"})
    p = project_year_end(230, AS_OF, 5, 16, contract=c)
    assert (p.accrual, p.year_end, p.to_lose) == (0, 214, 0)
    assert p.interpretations[0].choice == "credited_for_year"


def test_projection_names_the_request_date_and_whether_it_passed(contract):
    """Art. 5 §1.e(1): request by Sat 2026-11-28; open on 11-23, passed on 11-29."""
    assert project_year_end(230, AS_OF, 5, contract=contract).restoration_open
    late = project_year_end(230, D(2026, 11, 29), 5, contract=contract)
    assert not late.restoration_open and "passed" in late.explain()
    d = project_year_end(230, AS_OF, 5, 16, contract=contract).to_dict()
    assert (d["restoration_request_by"], d["year_end_balance"], d["to_lose"], d["cite"]) == ("2026-11-28", 242.0, 2.0, "Art. 5 §1.e")


def test_band_change_before_year_end_is_noted(contract):
    """47 days (0.13 years) left on 11-23: 2.95 years reaches 3 before 2027-01-09 (5 U.S.C. 6303(c)); 2.8 does not."""
    assert "6303(c)" in project_year_end(100, AS_OF, 2.95, contract=contract).explain()
    assert project_year_end(100, AS_OF, 2.8, contract=contract).notes == ()


def test_timeline_steps_with_each_pay_period(contract):
    """Chart data: 230 on 11-23, +6 at the end of PP23 (Sat 11-28), PP24 (12-12), PP25 (12-26), +10 at PP26 (2027-01-09)."""
    pts = project_year_end(230, AS_OF, 5, contract=contract).timeline()
    assert pts == [(AS_OF, 230), (D(2026, 11, 28), 236), (D(2026, 12, 12), 242), (D(2026, 12, 26), 248), (D(2027, 1, 9), 258)]


@pytest.mark.parametrize("kwargs, error, words", [
    (dict(balance=-1), OutOfRange, r"cannot be negative.*Art\. 5 §1\.e"),
    (dict(planned=-4), OutOfRange, r"cannot be negative.*Art\. 5 §1\.d"),
    (dict(planned=1.1), InvalidInput, r"15-minute increments.*Art\. 5 §1\.d.*use 1 or 1\.25"),
    (dict(planned=300), OutOfRange, r"more than the 258 hours available"),
    (dict(balance="lots"), InvalidInput, r"not a number"),
    (dict(balance=float("inf")), InvalidInput, r"finite"),
    (dict(as_of="2026-02-30"), Exception, r"not a real calendar date"),
])
def test_bad_projection_input(contract, kwargs, error, words):
    args = dict(balance=230, as_of=AS_OF, years_of_service=5, planned=0) | kwargs
    with pytest.raises(error, match=words):
        project_year_end(args["balance"], args["as_of"], args["years_of_service"], args["planned"], contract=contract)


@settings(max_examples=100, deadline=None)
@given(balance=st.integers(0, 2000).map(lambda q: q / 4), years=st.floats(0, 45), planned_q=st.integers(0, 400))
def test_projection_arithmetic(contract, balance, years, planned_q):
    """year end = balance + accrual − planned; what is lost and what is kept add up to it; lost = max(0, end − 240)."""
    planned = planned_q / 4
    accrual = 16 if years < 3 else 28 if years < 15 else 32  # 4 pay periods left on 11-23: 4×4; 6+6+6+10; 4×8
    if planned > balance + accrual:
        with pytest.raises(OutOfRange, match="more than the"):
            project_year_end(balance, AS_OF, years, planned, contract=contract)
        return
    p = project_year_end(balance, AS_OF, years, planned, contract=contract)
    assert p.accrual == accrual
    assert math.isclose(p.year_end, balance + p.accrual - planned)
    assert math.isclose(p.to_lose + p.to_keep, p.year_end)
    assert math.isclose(p.to_lose, max(0.0, p.year_end - 240))


@pytest.mark.parametrize("hours", [0, 0.25, 7.75, 8, 100.5])
def test_whole_quarter_hours_are_accepted(hours):
    """Art. 5 §1.d: increments of fifteen (15) minutes (.25 hours)."""
    assert check_increment(hours) == hours


@pytest.mark.parametrize("minutes, charged", [(0, 0), (1, 0.25), (15, 0.25), (16, 0.5), (20, 0.5), (61, 1.25), (480, 8)])
def test_absence_is_charged_in_quarter_hours(minutes, charged):
    """Art. 5 §1.d: 20 minutes away = 2 increments of 15 → 0.50 hours (a part increment counts whole)."""
    assert charge_for_absence(minutes).amount == charged


def test_sick_leave_increment_cites_2d():
    """Art. 5 §2.d: sick leave is also used in 15-minute increments."""
    assert charge_for_absence(20, "sick").cite == "Art. 5 §2.d"
    with pytest.raises(InvalidInput, match=r"Art\. 5 §2\.d"):
        check_increment(0.1, "sick")


def test_repayment_on_separation_june_5(contract):
    """Art. 5 §1.b: separating Fri 2026-06-05; PP1 Jan 11–24 … PP10 ends Sat May 30 (Jan 24 + 9×14); PP11 (May 31–Jun 13)
    is not complete → 10 × 6 = 60 h accrued. Taken 100 − carried over 20 − 60 = 20 h; × $40 = $800."""
    f = separation_repayment(D(2026, 6, 5), 100, 5, 20, 40, contract=contract)
    assert (f.amount, f.ok) == (20, False) and "$800.00" in f.answer


@pytest.mark.parametrize("day, owed", [
    (D(2026, 5, 30), 20),  # Sat, last day of PP10: 10 periods complete → 60 accrued → 100 − 20 − 60 = 20
    (D(2026, 5, 29), 26),  # Fri: only 9 complete → 54 → 26
])
def test_repayment_counts_only_completed_pay_periods(contract, day, owed):
    assert separation_repayment(day, 100, 5, 20, contract=contract).amount == owed


def test_nothing_to_repay_when_taken_within_accrual(contract):
    """Taken 70 ≤ carried 20 + accrued 60 → nothing to pay back."""
    f = separation_repayment(D(2026, 6, 5), 70, 5, 20, contract=contract)
    assert (f.amount, f.ok) == (0, True)


def test_restoration_conditions_all_met(contract):
    """Art. 5 §1.e (1)–(3): requested by Sat 2026-11-28, approved in writing, lost to illness, cannot be rescheduled."""
    f = restoration_check(2026, D(2026, 11, 28), True, "illness", False, contract=contract)
    assert f.ok and all("→ met" in r for r in f.reasons)


@pytest.mark.parametrize("requested, approved, reason, reschedule, failed", [
    (D(2026, 11, 29), True, "illness", False, "(1)"),           # a day late
    (None, True, "business exigency", False, "(1)"),            # never requested in writing
    (D(2026, 11, 2), False, "illness", False, "(2)"),           # not approved in writing
    (D(2026, 11, 2), True, "other", False, "(2)"),              # lost for another reason
    (D(2026, 11, 2), True, "illness", True, "(3)"),             # could still be rescheduled
])
def test_restoration_conditions_not_met(contract, requested, approved, reason, reschedule, failed):
    f = restoration_check(2026, requested, approved, reason, reschedule, contract=contract)
    assert not f.ok and any(r.startswith(failed) and r.endswith("not met.") for r in f.reasons)


def test_restoration_reason_must_be_known(contract):
    with pytest.raises(InvalidInput, match=r"Art\. 5 §1\.e"):
        restoration_check(2026, D(2026, 11, 2), True, "vacation", False, contract=contract)


def test_roster_projection_matches_the_hand_worked_rows(contract):
    """project_many: the four rows of test_projection_on_nov_23 at once (28, 28, 32, 16 accrued; 0, 2, 42, 6 lost)."""
    r = project_many([200, 230, 250, 230], [5, 5, 16, 1], AS_OF, [0, 16, 0, 0], contract=contract)
    assert r["accrual"].tolist() == [28, 28, 32, 16] and r["to_lose"].tolist() == [0, 2, 42, 6]
    assert r["year_end"].tolist() == [228, 242, 282, 246] and r["pay_periods_remaining"] == 4


@pytest.mark.parametrize("balances, planned, error, words", [
    ([200, -1], 0, OutOfRange, r"row 1: the annual leave balance"),
    ([200, 10], [0, 1.1], InvalidInput, r"row 1: 1\.1 hours.*Art\. 5 §1\.d"),
    ([200, 10], [0, 50], OutOfRange, r"row 1: 50 hours of planned leave is more than the 38"),
])
def test_roster_bad_rows_are_named(contract, balances, planned, error, words):
    with pytest.raises(error, match=words):
        project_many(balances, 5, AS_OF, planned, contract=contract)


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(st.tuples(st.integers(0, 1200), st.floats(0, 45), st.integers(0, 80)), min_size=1, max_size=8),
       as_of=st.dates(dt.date(2025, 1, 12), dt.date(2027, 12, 31)))
def test_roster_projection_equals_one_by_one(contract, rows, as_of):
    """The vectorised roster gives exactly what project_year_end gives for each employee."""
    bal = [b / 4 for b, _, _ in rows]
    yrs = [y for _, y, _ in rows]
    plan = [min(p / 4, b / 4) for b, _, p in rows]
    r = project_many(bal, yrs, as_of, plan, contract=contract)
    for i in range(len(rows)):
        p = project_year_end(bal[i], as_of, yrs[i], plan[i], contract=contract)
        assert (r["accrual"][i], r["year_end"][i], r["to_lose"][i]) == (p.accrual, p.year_end, p.to_lose)
