"""Sick leave (Art. 5 §2), leave restriction (§3), leaves of absence (§4, §5, §12) and family members (§14)."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lmcore.errors import InvalidDate, InvalidInput, OutOfRange
from lmcore.leave import (RELATIONS, advance_sick_leave, appointed_union_leave, child_rearing_leave,
                          elected_union_leave, extended_lwop, family_member, leave_restriction, medical_certificate,
                          period_end)

D = dt.date


# -- §2.e medical certificate ----------------------------------------------------------------------------
def test_certificate_after_four_workdays_across_a_weekend(contract):
    """Art. 5 §2.e: Thu 11-19 (1), Fri 11-20 (2), Sat/Sun skipped, Mon 11-23 (3), Tue 11-24 (4): more than 3 → required
    from the 4th workday, Tue 2026-11-24."""
    c = medical_certificate(D(2026, 11, 19), D(2026, 11, 24), contract=contract)
    assert (len(c.workdays), c.required, c.required_from) == (4, True, D(2026, 11, 24))
    assert c.cite == "Art. 5 §2.e" and "ordinarily required" in c.answer()


def test_no_certificate_for_exactly_three_workdays_over_thanksgiving(contract):
    """Wed 11-25 (1), Thu 11-26 Thanksgiving skipped, Fri 11-27 (2), weekend skipped, Mon 11-30 (3): 3, not more → none."""
    c = medical_certificate(D(2026, 11, 25), D(2026, 11, 30), contract=contract)
    assert (len(c.workdays), c.required, c.required_from) == (3, False, None)
    assert any("Thanksgiving" in (s.reason or "") for s in c.steps)


def test_a_closure_is_not_a_workday_of_absence(contract):
    """With Fri 11-20 closed (snow): Thu 11-19 (1), Mon 11-23 (2), Tue 11-24 (3) → 3 → none required."""
    c = medical_certificate(D(2026, 11, 19), D(2026, 11, 24), contract=contract.with_closures({D(2026, 11, 20): "Snow"}))
    assert (len(c.workdays), c.required) == (3, False)


def test_weekend_only_absence_and_leave_restriction(contract):
    """A Saturday–Sunday absence has 0 workdays; under a leave restriction a certificate may be required for any absence (§2.e, §3)."""
    assert len(medical_certificate(D(2026, 11, 21), D(2026, 11, 22), contract=contract).workdays) == 0
    r = medical_certificate(D(2026, 11, 23), D(2026, 11, 23), under_restriction=True, contract=contract)
    assert r.to_dict()["required"] is True and "whatever its length" in r.answer()


def test_certificate_dates_in_the_wrong_order(contract):
    with pytest.raises(InvalidDate, match=r"ends .* before it begins .*Art\. 5 §2\.e"):
        medical_certificate(D(2026, 11, 24), D(2026, 11, 19), contract=contract)


# -- §2.f advanced sick leave -----------------------------------------------------------------------------
def test_advance_capped_at_30_days(contract):
    """Art. 5 §2.f: 35 days asked, absence Thu 11-19 to Sun 11-22 = 4 calendar days > 3 → 30 days = 240 hours."""
    f = advance_sick_leave(35, D(2026, 11, 19), D(2026, 11, 22), contract=contract)
    assert (f.amount, f.ok) == (30, True) and "240 hours" in f.answer


def test_advance_needs_more_than_three_consecutive_days(contract):
    """Thu 11-19 to Sat 11-21 = 3 calendar days: not beyond 3 → no advance; read as workdays, Thu–Sun is only 2 → none."""
    assert advance_sick_leave(10, D(2026, 11, 19), D(2026, 11, 21), contract=contract).amount == 0
    c = contract.with_interpretations({"leave.advance_sick_absence_days": "workdays"})
    assert advance_sick_leave(10, D(2026, 11, 19), D(2026, 11, 22), contract=c).amount == 0
    assert advance_sick_leave(10, D(2026, 11, 19), D(2026, 11, 22), contract=contract).amount == 10


@pytest.mark.parametrize("flag", ["permanent", "medical_certificate", "serious"])
def test_advance_conditions(contract, flag):
    assert advance_sick_leave(5, D(2026, 11, 16), D(2026, 11, 27), contract=contract, **{flag: False}).ok is False


def test_no_advance_when_future_accrual_doubtful_and_no_zero_requests(contract):
    assert advance_sick_leave(5, D(2026, 11, 16), D(2026, 11, 27), future_accrual_doubtful=True, contract=contract).amount == 0
    with pytest.raises(OutOfRange, match=r"Art\. 5 §2\.f"):
        advance_sick_leave(0, D(2026, 11, 16), D(2026, 11, 27), contract=contract)


# -- §3.c leave restriction ------------------------------------------------------------------------------
def test_four_month_restriction_ends_the_day_before(contract):
    """Art. 5 §3.c: from Tue 2026-12-01, 4 months → the day before 2027-04-01 = Wed 2027-03-31."""
    plan = leave_restriction(D(2026, 12, 1), 4, contract=contract)
    assert [(p.start, p.end) for p in plan.periods] == [(D(2026, 12, 1), D(2027, 3, 31))]


def test_extensions_follow_back_to_back_from_october_31(contract):
    """Oct 31 + 4 months: no Feb 31 → ends Sun 2027-02-28; extension 1 Mar 1 → Jun 30; extension 2 (2 months) Jul 1 → Aug 31."""
    plan = leave_restriction(D(2026, 10, 31), 4, [4, 2], contract=contract)
    assert [(p.start, p.end, p.months) for p in plan.periods] == [
        (D(2026, 10, 31), D(2027, 2, 28), 4), (D(2027, 3, 1), D(2027, 6, 30), 4), (D(2027, 7, 1), D(2027, 8, 31), 2)]
    assert plan.end == D(2027, 8, 31) and plan.in_force(D(2027, 3, 1)).number == 1 and plan.in_force(D(2027, 9, 1)) is None


@pytest.mark.parametrize("start, end", [
    (D(2027, 10, 31), D(2028, 2, 29)),  # no Feb 31 in 2028 → last day of February (a leap year)
    (D(2027, 10, 29), D(2028, 2, 28)),  # Feb 29 2028 exists → the day before it
    (D(2026, 1, 15), D(2026, 5, 14)),
])
def test_month_ends(contract, start, end):
    assert leave_restriction(start, 4, contract=contract).end == end


def test_same_date_reading(contract):
    """leave.restriction_month_end = same_date: Jan 15 + 4 months ends May 15."""
    c = contract.with_interpretations({"leave.restriction_month_end": "same_date"})
    assert leave_restriction(D(2026, 1, 15), 4, contract=c).end == D(2026, 5, 15)


def test_restriction_longer_than_four_months_is_refused(contract):
    """Art. 5 §3.c: 'no longer than four (4) months' — 6 months is refused, with the way to do it."""
    with pytest.raises(OutOfRange, match=r"no longer than 4 months, not 6 \(Art\. 5 §3\.c\).*4 then 2"):
        leave_restriction(D(2026, 12, 1), 6, contract=contract)


@pytest.mark.parametrize("months, extensions, error, words", [
    (4, [5], OutOfRange, "extension 1 .* 5 months"),
    (0, [], OutOfRange, "less than 1"),
    (2.5, [], InvalidInput, "whole number"),
    (4, ["x"], InvalidInput, "not a number"),
])
def test_bad_restriction_lengths(contract, months, extensions, error, words):
    with pytest.raises(error, match=words):
        leave_restriction(D(2026, 12, 1), months, extensions, contract=contract)


@settings(max_examples=120, deadline=None)
@given(start=st.dates(D(1972, 1, 1), D(2090, 12, 31)), months=st.integers(1, 4), ext=st.lists(st.integers(1, 4), max_size=4))
def test_restriction_periods_chain_and_never_exceed_their_months(contract, start, months, ext):
    """Periods are back to back, and each is shorter than the same date one month beyond its length."""
    plan = leave_restriction(start, months, ext, contract=contract)
    for p in plan.periods:
        assert p.start <= p.end < period_end(p.start, p.months + 1)
        assert (p.end - p.start).days < 124  # 4 months are at most 123 days (Jul 1 – Oct 31)
    for a, b in zip(plan.periods, plan.periods[1:]):
        assert b.start == a.end + dt.timedelta(days=1)


# -- §4, §5, §12 leaves of absence -------------------------------------------------------------------------
def test_appointed_union_leave_one_year_then_two(contract):
    """Art. 5 §4.c: from Mon 2027-03-01: 1 year ends Tue 2028-02-29 (leap); 2 years end Wed 2029-02-28; 2 on leave → a place."""
    f = appointed_union_leave(D(2027, 3, 1), on_leave_now=2, contract=contract)
    assert f.ok and f.date("first grant ends") == D(2028, 2, 29) and f.date("latest end") == D(2029, 2, 28)


def test_no_more_than_three_on_appointed_leave(contract):
    assert appointed_union_leave(D(2027, 3, 1), on_leave_now=3, contract=contract).ok is False
    with pytest.raises(OutOfRange, match=r"Art\. 5 §4\.c"):
        appointed_union_leave(D(2027, 3, 1), on_leave_now=-1, contract=contract)


def test_elected_officer_leave_follows_the_term(contract):
    """Art. 5 §4.b: concurrent with the term of office, renewed on re-election — no one- or two-year limit."""
    f = elected_union_leave(D(2026, 1, 1), D(2029, 12, 31), contract=contract)
    assert f.ok and f.date("ends") == D(2029, 12, 31)
    with pytest.raises(InvalidDate):
        elected_union_leave(D(2026, 1, 1), D(2025, 12, 31), contract=contract)


@pytest.mark.parametrize("fn, end_ok, end_late", [
    (extended_lwop, D(2027, 11, 30), D(2027, 12, 1)),         # §5.b: 1 year from 2026-12-01 ends 2027-11-30
    (child_rearing_leave, D(2028, 11, 30), D(2028, 12, 1)),   # §12.a: 2 years end 2028-11-30
])
def test_extended_absences_limits(contract, fn, end_ok, end_late):
    assert fn(D(2026, 12, 1), end_ok, contract=contract).ok
    late = fn(D(2026, 12, 1), end_late, contract=contract)
    assert not late.ok and "1 day too long" in late.reasons[0] and late.date("latest end") == end_ok


# -- §14 family member ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("relation, item", [
    ("spouse", "a"), ("parent_of_spouse", "a"), ("child", "b"), ("adopted_child", "b"), ("spouse_of_child", "b"),
    ("parent", "c"), ("sibling", "d"), ("spouse_of_sibling", "d"),
])
def test_family_members_of_14_a_to_d(contract, relation, item):
    f = family_member(relation, contract=contract)
    assert f.ok and f.cite == f"Art. 5 §14.{item}"


def test_item_e_needs_the_close_association(contract):
    """Art. 5 §14.e: related by blood or affinity AND a close association equivalent to a family relationship."""
    assert family_member("other_blood_or_affinity", True, contract=contract).ok
    assert not family_member("other_blood_or_affinity", False, contract=contract).ok
    assert not family_member("unrelated", True, contract=contract).ok


def test_unknown_relation(contract):
    with pytest.raises(InvalidInput, match=r"Art\. 5 §14"):
        family_member("cousin", contract=contract)
    assert "spouse" in RELATIONS
