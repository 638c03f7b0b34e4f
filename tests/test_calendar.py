"""WorkdayCalendar: federal holidays (OPM observed dates), closures, workday arithmetic, scalar and vectorised.

Expected dates are counted by hand on a wall calendar; the comment beside each shows the count.
Counting convention (DESIGN.md, interpretation count.event_on_nonworkday; 5 CFR 2429.21): the start day is
not counted, the first workday after it is day 1.
"""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lmcore import InvalidDate, InvalidInput, OutOfRange, WorkdayCalendar

D = dt.date


def test_step1_filing_count_skips_thanksgiving_art43_7a1(calendar):
    # learned Wed 2026-11-18; day 1 = Thu 11-19 … day 5 = Wed 11-25; Thu 11-26 Thanksgiving skipped;
    # Fri 11-27 = day 6; Dec 1–4 = days 8–11; Dec 7–11 = 12–16; Mon 12-14 = 17 … Thu 12-17 = day 20
    assert calendar.add_workdays(D(2026, 11, 18), 20) == D(2026, 12, 17)


def test_new_years_day_2028_observed_friday_dec_31(calendar):
    # 2028-01-01 is a Saturday → observed Fri 2027-12-31 (5 U.S.C. 6103(b); E.O. 11582)
    assert calendar.skip_reason(D(2027, 12, 31)) == "New Year's Day (observed)"
    # Wed 12-29 start; Thu 12-30 = day 1; Fri 12-31 skipped; Mon 2028-01-03 = day 2; Tue 01-04 = day 3
    assert calendar.add_workdays(D(2027, 12, 29), 3) == D(2028, 1, 4)


def test_christmas_2026_on_friday(calendar):
    # Wed 2026-12-23; Thu 12-24 = day 1 (a workday: no closure ordered for it); Fri 12-25 Christmas;
    # Sat, Sun; Mon 12-28 = day 2
    assert calendar.add_workdays(D(2026, 12, 23), 2) == D(2026, 12, 28)


def test_juneteenth_2027_observed_friday(calendar):
    # 2027-06-19 is a Saturday → observed Fri 06-18. Thu 06-17 + 1: Fri skipped, weekend → Mon 06-21
    assert calendar.add_workdays(D(2027, 6, 17), 1) == D(2027, 6, 21)
    assert "Juneteenth" in calendar.skip_reason(D(2027, 6, 18))


def test_juneteenth_not_a_holiday_before_2021(calendar):
    # Juneteenth became a federal holiday in 2021 (Pub. L. 117-17): Fri 2020-06-19 was a workday
    assert calendar.is_workday(D(2020, 6, 19))
    assert not calendar.is_workday(D(2021, 6, 18))  # 2021-06-19 Saturday → observed Fri 06-18


def test_weekend_event_next_workday_is_day_1(calendar):
    # learned Sat 2026-11-21: the first workday after it, Mon 11-23, is day 1
    assert calendar.add_workdays(D(2026, 11, 21), 1) == D(2026, 11, 23)
    # alternative reading: deemed received Mon 11-23, so day 1 is Tue 11-24
    assert calendar.add_workdays(D(2026, 11, 21), 1, nonworkday_start="deemed_received_next_workday") == D(2026, 11, 24)


def test_backward_count_skips_veterans_day(calendar):
    # 5 workdays before Wed 2026-11-18: Tue 17 (1), Mon 16 (2), Fri 13 (3), Thu 12 (4),
    # Wed 11 Veterans Day skipped, Tue 11-10 (5)
    assert calendar.add_workdays(D(2026, 11, 18), -5) == D(2026, 11, 10)


def test_backward_from_saturday(calendar):
    # 1 workday before Sat 2026-11-21 is Fri 11-20
    assert calendar.add_workdays(D(2026, 11, 21), -1) == D(2026, 11, 20)


def test_executive_order_closures_of_december_2025():
    with_eo = WorkdayCalendar(first_year=2020, last_year=2030)
    without = WorkdayCalendar(first_year=2020, last_year=2030, executive_order_closures=False)
    # Tue 2025-12-23 + 3: Wed 24 closed (E.O.), Thu 25 Christmas, Fri 26 closed (E.O.); Mon 29, Tue 30, Wed 31
    assert with_eo.add_workdays(D(2025, 12, 23), 3) == D(2025, 12, 31)
    # without the E.O. closures: Wed 24 (1), Thu 25 Christmas, Fri 26 (2), Mon 29 (3)
    assert without.add_workdays(D(2025, 12, 23), 3) == D(2025, 12, 29)
    assert D(2025, 12, 24) in with_eo.executive_order_days


def test_inauguration_day_for_dc_area():
    dc = WorkdayCalendar(first_year=2030, last_year=2035, inauguration_day=True)
    other = WorkdayCalendar(first_year=2030, last_year=2035)
    # 2033-01-20 is a Thursday: a holiday in the Washington, DC area only (5 U.S.C. 6103(c))
    assert dc.add_workdays(D(2033, 1, 19), 1) == D(2033, 1, 21)
    assert other.add_workdays(D(2033, 1, 19), 1) == D(2033, 1, 20)
    assert dc.skip_reason(D(2033, 1, 20)) == "Inauguration Day"


def test_inauguration_day_on_saturday_is_not_moved():
    # 2029-01-20 is a Saturday: no weekday off (5 U.S.C. 6103(c) moves only a Sunday inauguration)
    dc = WorkdayCalendar(first_year=2029, last_year=2029, inauguration_day=True)
    assert dc.is_workday(D(2029, 1, 19)) and dc.is_workday(D(2029, 1, 22))


def test_user_closure_is_skipped_by_name(calendar):
    snow = calendar.with_closures({D(2026, 11, 23): "Snow closure"})
    # Mon 11-23 closed: day 1 = Thu 11-19, day 2 = Fri 11-20, day 3 = Tue 11-24 … day 20 moves to Fri 12-18
    assert snow.add_workdays(D(2026, 11, 18), 20) == D(2026, 12, 18)
    assert snow.skip_reason(D(2026, 11, 23)) == "Closure: Snow closure"
    assert calendar.add_workdays(D(2026, 11, 18), 20) == D(2026, 12, 17)  # the original is unchanged


def test_workdays_between_counts_end_not_start(calendar):
    # Wed 11-18 → Thu 12-17 2026: the 20 workdays counted above
    assert calendar.workdays_between(D(2026, 11, 18), D(2026, 12, 17)) == 20
    assert calendar.workdays_between(D(2026, 12, 17), D(2026, 11, 18)) == -20
    assert calendar.workdays_between(D(2026, 11, 18), D(2026, 11, 18)) == 0


def test_calendar_days_with_roll(calendar):
    # Wed 2026-11-25 + 30 calendar days = Fri 12-25, Christmas
    assert calendar.add_calendar_days(D(2026, 11, 25), 30) == D(2026, 12, 25)
    assert calendar.add_calendar_days(D(2026, 11, 25), 30, roll="forward") == D(2026, 12, 28)
    assert calendar.add_calendar_days(D(2026, 11, 25), 30, roll="backward") == D(2026, 12, 24)
    # Nov has 30 days: 11-18 + 12 = 11-30, + 18 more = 12-18
    assert calendar.add_calendar_days(D(2026, 11, 18), 30) == D(2026, 12, 18)


def test_explain_names_each_skipped_day(calendar):
    steps = calendar.explain(D(2026, 11, 18), D(2026, 12, 17))
    skipped = {s.day: s.reason for s in steps if not s.counted}
    assert skipped[D(2026, 11, 26)] == "Thanksgiving Day"
    assert skipped[D(2026, 11, 21)] == "Saturday"
    assert [s.number for s in steps if s.counted] == list(range(1, 21))
    assert steps[-1].day == D(2026, 12, 17) and steps[-1].number == 20


def test_vectorised_numpy_and_pandas_match_scalar(calendar):
    starts = [D(2026, 11, 18), D(2026, 11, 21), D(2027, 12, 29)]
    arr = calendar.add_workdays(np.array(starts, dtype="datetime64[D]"), 20)
    assert arr.dtype == np.dtype("datetime64[D]")
    assert [a.item() for a in arr] == [calendar.add_workdays(s, 20) for s in starts]
    series = pd.Series(pd.to_datetime(starts), index=["a", "b", "c"])
    out = calendar.add_workdays(series, 20)
    assert list(out.index) == ["a", "b", "c"]
    assert [t.date() for t in out] == [calendar.add_workdays(s, 20) for s in starts]
    assert list(calendar.is_workday(series)) == [True, False, True]


def test_per_row_counts_can_mix_directions(calendar):
    starts = np.array(["2026-11-18", "2026-11-18"], dtype="datetime64[D]")
    out = calendar.add_workdays(starts, np.array([20, -5]))
    assert list(out.astype(object)) == [D(2026, 12, 17), D(2026, 11, 10)]


@pytest.mark.parametrize("bad", ["2026-02-30", "2026-13-01", "next tuesday", ""])
def test_impossible_dates_are_clear_errors(calendar, bad):
    with pytest.raises(InvalidDate, match="YYYY-MM-DD"):
        calendar.add_workdays(bad, 5)


def test_dates_outside_known_years_are_errors(calendar):
    with pytest.raises(OutOfRange, match="outside the years this calendar knows"):
        calendar.add_workdays(D(2150, 1, 2), 5)
    with pytest.raises(OutOfRange):
        calendar.add_workdays(D(2099, 12, 30), 10)  # the result runs past 2099


def test_missing_dates_and_fractional_counts_are_errors(calendar):
    with pytest.raises(InvalidDate, match="missing"):
        calendar.add_workdays(pd.Series(pd.to_datetime(["2026-11-18", None])), 3)
    with pytest.raises(InvalidInput, match="whole number"):
        calendar.add_workdays(D(2026, 11, 18), 2.5)


# -- properties -----------------------------------------------------------------------------------
dates = st.dates(min_value=D(1980, 1, 1), max_value=D(2090, 12, 31))
counts = st.integers(min_value=-400, max_value=400).filter(lambda n: n != 0)


@given(dates, counts)
@settings(max_examples=300, deadline=None)
def test_due_date_is_always_a_workday(calendar_prop, start, n):
    assert calendar_prop.is_workday(calendar_prop.add_workdays(start, n))


@given(dates, counts)
@settings(max_examples=300, deadline=None)
def test_workdays_between_inverts_add_workdays(calendar_prop, start, n):
    assert calendar_prop.workdays_between(start, calendar_prop.add_workdays(start, n)) == n


@given(dates, st.integers(min_value=1, max_value=400))
@settings(max_examples=300, deadline=None)
def test_add_then_subtract_round_trips_from_a_workday(calendar_prop, start, n):
    start = calendar_prop.add_workdays(start, 1)  # make the start a workday
    assert calendar_prop.add_workdays(calendar_prop.add_workdays(start, n), -n) == start


@given(st.lists(dates, min_size=1, max_size=50), counts)
@settings(max_examples=100, deadline=None)
def test_vectorised_equals_scalar_on_random_input(calendar_prop, starts, n):
    out = calendar_prop.add_workdays(np.array(starts, dtype="datetime64[D]"), n)
    assert [d.item() for d in out] == [calendar_prop.add_workdays(s, n) for s in starts]


@given(dates, counts)
@settings(max_examples=200, deadline=None)
def test_explain_counts_exactly_n_workdays(calendar_prop, start, n):
    due = calendar_prop.add_workdays(start, n)
    steps = calendar_prop.explain(start, due)
    assert sum(s.counted for s in steps) == abs(n)
    assert all(calendar_prop.is_workday(s.day) == s.counted for s in steps)


@pytest.fixture(scope="module")
def calendar_prop():
    return WorkdayCalendar()
