"""The leave-year calendar (5 U.S.C. 6302(a)) and the use-or-lose request date (Art. 5 §1.e; 5 CFR 630.308(a)).

The pay-period grid is checked against dates OPM and agencies published (see the law file's `source`)."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lmcore.errors import OutOfRange
from lmcore.leave.year import FIRST_YEAR, LAST_YEAR
from lmcore.leave import leave_year, leave_year_of, restoration_request_deadline

D = dt.date


def test_leave_year_2026_runs_jan_11_to_jan_9():
    """5 U.S.C. 6302(a): first full biweekly pay period of 2026 starts Sun 2026-01-11 (Jan 1 is a Thursday, the grid
    Sunday before it is Dec 28, whose period is not full in 2026); 2026-01-11 + 26 × 14 = Sun 2027-01-10 → ends Sat 2027-01-09."""
    ly = leave_year(2026)
    assert (ly.start, ly.end, len(ly.pay_periods)) == (D(2026, 1, 11), D(2027, 1, 9), 26)
    assert ly.pay_periods[0].end == D(2026, 1, 24) and ly.last_pay_period.start == D(2026, 12, 27)


@pytest.mark.parametrize("year, start, end, periods, request_by, source", [
    (2000, D(2000, 1, 2), D(2001, 1, 13), 27, D(2000, 12, 2), "OPM memo Feb 16, 2000: schedule before December 3, 2000"),
    (2011, D(2011, 1, 2), D(2011, 12, 31), 26, D(2011, 11, 19), "OPM memo 2011: schedule by Nov. 19"),
    (2012, D(2012, 1, 1), D(2013, 1, 12), 27, D(2012, 12, 1), "OPM CPM 2012-08: schedule by December 1, 2012"),
    (2020, D(2020, 1, 5), D(2021, 1, 2), 26, D(2020, 11, 21), "Army (Anniston): deadline Nov. 21, 2020"),
    (2025, D(2025, 1, 12), D(2026, 1, 10), 26, D(2025, 11, 29), "Interior Business Center: November 29, 2025"),
])
def test_published_leave_years_and_scheduling_deadlines(contract, year, start, end, periods, request_by, source):
    """The anchor 2026-01-11 reproduces every published date (Art. 5 §1.e; 5 CFR 630.308(a))."""
    ly = leave_year(year)
    assert (ly.start, ly.end, len(ly.pay_periods)) == (start, end, periods), source
    assert restoration_request_deadline(year, contract).last_day == request_by, source


def test_restoration_date_2026_is_saturday_nov_28():
    """Art. 5 §1.e(1): pay periods of 2026 counted back from the last: PP26 Dec 27, PP25 Dec 13, PP24 Sun Nov 29 (the
    third); the request must come before it → Sat 2026-11-28; the last workday before is Fri 11-27 (Thanksgiving is Thu 11-26)."""
    r = restoration_request_deadline(2026)
    assert (r.pay_period.number, r.pay_period.start) == (24, D(2026, 11, 29))
    assert (r.last_day, r.day_before_pay_period, r.last_workday) == (D(2026, 11, 28), D(2026, 11, 28), D(2026, 11, 27))
    assert r.cite == "Art. 5 §1.e" and "5 CFR 630.308(a)" in r.law
    assert r.is_open(D(2026, 11, 28)) and not r.is_open(D(2026, 11, 29))
    assert "Sat 2026-11-28" in r.explain() and r.to_dict()["last_day"] == "2026-11-28"


def test_restoration_date_in_a_27_pay_period_year():
    """Leave year 2023 (Jan 1 2023 is a Sunday on the grid): 27 periods, ends Sat 2024-01-13; PP27 Dec 31, PP26 Dec 17,
    PP25 Sun Dec 3 → request by Sat 2023-12-02 (Art. 5 §1.e)."""
    r = restoration_request_deadline(2023)
    assert len(r.leave_year.pay_periods) == 27 and r.pay_period.number == 25 and r.last_day == D(2023, 12, 2)


def test_strict_reading_is_one_pay_period_earlier(contract):
    """leave.restoration_pay_period = three_before_last: three back from PP26 not counting it → PP23 Sun 11-15 → Sat 11-14."""
    c = contract.with_interpretations({"leave.restoration_pay_period": "three_before_last"})
    r = restoration_request_deadline(2026, c)
    assert (r.pay_period.number, r.last_day) == (23, D(2026, 11, 14))
    assert not r.interpretations[0].is_default


def test_last_workday_reading_skips_a_closure(contract):
    """leave.restoration_last_day = last_workday: before Sun 11-29 → Sat, Fri 11-27 closed (weather), Thu 11-26 Thanksgiving
    → Wed 2026-11-25."""
    c = contract.with_closures({D(2026, 11, 27): "Weather closure"}).with_interpretations({"leave.restoration_last_day": "last_workday"})
    assert restoration_request_deadline(2026, c).last_day == D(2026, 11, 25)


def test_pay_period_of_a_day():
    """2026-11-23 is 316 days after 2026-01-11; 316 // 14 = 22 → PP23 (Sun 11-15 to Sat 11-28)."""
    pp = leave_year(2026).period_of(D(2026, 11, 23))
    assert (pp.number, pp.start, pp.end) == (23, D(2026, 11, 15), D(2026, 11, 28))
    with pytest.raises(OutOfRange, match="not in leave year 2026"):
        leave_year(2026).period_of(D(2027, 1, 10))


@pytest.mark.parametrize("as_of, left", [
    (D(2026, 11, 23), 4),   # PP23 (ends Sat 11-28), 24, 25, 26
    (D(2026, 11, 28), 4),   # PP23's last day: it has not ended yet
    (D(2026, 11, 29), 3),   # PP24, 25, 26
    (D(2027, 1, 9), 1),     # the last day of the leave year: PP26 only
])
def test_pay_periods_still_to_earn(as_of, left):
    assert len(leave_year(2026).remaining(as_of)) == left


@pytest.mark.parametrize("day, year", [
    (D(2026, 1, 5), 2025),   # before Sun 2026-01-11: still leave year 2025 (ends 2026-01-10)
    (D(2026, 1, 10), 2025),
    (D(2026, 1, 11), 2026),
    (D(2027, 1, 9), 2026),
    (D(2027, 1, 10), 2027),
])
def test_leave_year_of_early_january(day, year):
    assert leave_year_of(day).year == year


@pytest.mark.parametrize("bad", [1970, 2099, True, "2026"])
def test_leave_year_outside_the_calendar(bad):
    with pytest.raises(OutOfRange, match=r"5 U\.S\.C\. 6302\(a\)"):
        leave_year(bad)


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=FIRST_YEAR, max_value=LAST_YEAR - 1))
def test_leave_year_properties(contract, year):
    """Every leave year starts on a Sunday between Jan 1 and Jan 14 of its year, has 26 or 27 whole pay periods,
    ends the day before the next begins, and its request date is 42 days (3 pay periods) before its end, a Saturday."""
    ly, nxt = leave_year(year), leave_year(year + 1)
    assert ly.start.year == year and ly.start.day <= 14 and ly.start.weekday() == 6
    assert len(ly.pay_periods) in (26, 27) and ly.end + dt.timedelta(days=1) == nxt.start
    assert all(b.start - a.start == dt.timedelta(days=14) for a, b in zip(ly.pay_periods, ly.pay_periods[1:]))
    assert ly.last_pay_period.end == ly.end
    r = restoration_request_deadline(year, contract)
    assert r.last_day == ly.end - dt.timedelta(days=42) and r.last_day.weekday() == 5
