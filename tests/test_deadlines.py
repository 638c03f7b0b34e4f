"""Deadlines a steward can defend (issue 13 §2, §3): half-day closings are workdays, a calendar-day limit names day N
and every day its roll passes over, a quote keeps the condition of its rule, and a deadline lists exactly the
readings that decide it — each cited with the rule it was used for.
"""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from lmcore import WorkdayCalendar

D = dt.date
HALF_DAYS = (D(2002, 12, 24), D(2009, 12, 24), D(2015, 12, 24))  # executive orders 13281, 13523, 13713


# -- half-day closings are workdays ---------------------------------------------------------------------------------
def test_half_day_closings_are_workdays_in_every_count(contract):
    """Thu 2015-12-24 (E.O. 13713 closed offices for the afternoon) is a workday, counted and named."""
    cal = contract.calendar
    for day in HALF_DAYS:
        assert cal.is_workday(day) and cal.skip_reason(day) is None
        assert "half-day closing" in cal.day_note(day)
    # scalar: Wed 12-23 + 1 = Thu 12-24 itself; vectorised and Series the same; counted between
    assert cal.add_workdays(D(2015, 12, 23), 1) == D(2015, 12, 24)
    assert cal.add_workdays(np.array(["2015-12-23"], dtype="datetime64[D]"), 1)[0] == np.datetime64("2015-12-24")
    assert cal.add_workdays(pd.Series(pd.to_datetime(["2015-12-23"])), 1).iloc[0] == pd.Timestamp("2015-12-24")
    # Wed 12-23 → Mon 12-28: Thu 24 (1), Fri 25 Christmas, weekend, Mon 28 (2)
    assert cal.workdays_between(D(2015, 12, 23), D(2015, 12, 28)) == 2
    assert bool(np.is_busday(np.datetime64("2015-12-24"), busdaycal=cal.busdaycalendar))
    assert D(2015, 12, 24) not in cal.executive_order_days


def test_step1_filing_counts_christmas_eve_2015_and_says_so_art43_7a1(contract):
    # learned Thu 2015-12-10: Fri 11 (1), 14-18 (6), 21, 22, 23 (9), Thu 24 half-day (10), Fri 25 Christmas skipped,
    # 28-31 (14), Fri 2016-01-01 New Year's Day skipped, Jan 4-8 (19), Mon 2016-01-11 (20)
    d = contract.deadline("grievance.step1_filing", D(2015, 12, 10))
    assert d.due == D(2016, 1, 11)
    step = next(s for s in d.steps if s.day == D(2015, 12, 24))
    assert step.counted and step.number == 10 and "half-day closing" in step.note
    assert d.day_notes()[0][0] == D(2015, 12, 24)
    assert "Counted as a workday: Thu 2015-12-24 Christmas Eve (half-day closing)" in d.explain()
    data = d.to_dict()
    assert data["notes"][0]["date"] == "2015-12-24" and "half-day" in data["notes"][0]["note"]
    assert {"date": "2015-12-24", "reason": None} not in data["skipped"]
    assert [x["date"] for x in data["skipped"]] == ["2015-12-25", "2016-01-01"]


@given(st.integers(min_value=1, max_value=30))
@settings(max_examples=30, deadline=None)
def test_a_count_over_a_half_day_never_skips_it(n):
    cal = _calendar()
    for day in HALF_DAYS:
        start = cal.add_workdays(day, -n)  # n workdays before the half day, so it is inside the count
        steps = cal.explain(start, cal.add_workdays(start, n))
        assert next(s for s in steps if s.day == day).counted


_CAL: list[WorkdayCalendar] = []


def _calendar() -> WorkdayCalendar:
    if not _CAL:
        _CAL.append(WorkdayCalendar())
    return _CAL[0]


# -- calendar-day limits name day N and the days passed over --------------------------------------------------------
def test_hearing_limit_day_90_on_a_sunday_rolls_back_over_christmas_art44_3c(contract):
    """Invoked Mon 2026-09-28: Sep 29-30 (2), Oct (33), Nov (63), Dec 27 (90) → day 90 is Sun 2026-12-27;
    the reading arbitration.hearing_limit_roll (backward) passes over Sun 12-27, Sat 12-26 and Fri 12-25 (Christmas
    Day) → Thu 2026-12-24."""
    d = contract.deadline("arbitration.hearing_regular", D(2026, 9, 28))
    assert d.last_counted == D(2026, 12, 27) and d.due == D(2026, 12, 24)
    assert d.skipped_by_name() == [(D(2026, 12, 27), "Sunday"), (D(2026, 12, 26), "Saturday"),
                                   (D(2026, 12, 25), "Christmas Day")]
    text = d.explain()
    assert ("Day 90 is Sun 2026-12-27, not a workday (Sunday); moving back, Sat 2026-12-26 (Saturday) and "
            "Fri 2026-12-25 (Christmas Day) are passed over too → Thu 2026-12-24.") in text
    assert d.to_dict()["skipped"] == [{"date": "2026-12-27", "reason": "Sunday"}, {"date": "2026-12-26", "reason": "Saturday"},
                                      {"date": "2026-12-25", "reason": "Christmas Day"}]
    assert d.depends_on == ("arbitration.hearing_limit_roll",)


def test_a_calendar_day_limit_on_a_workday_names_day_n_and_lists_no_roll_reading(contract):
    # invoked Tue 2026-09-29: day 90 = Mon 2026-12-28, a workday: nothing to roll, no reading decides it
    d = contract.deadline("arbitration.hearing_regular", D(2026, 9, 29))
    assert d.due == D(2026, 12, 28) and d.skipped_by_name() == [] and d.interpretations == ()
    assert "Day 90 is Mon 2026-12-28, a workday" in d.explain()
    # not moved (the reading none): Wed 2026-11-25 + 30 = Fri 12-25 Christmas, and it stays there
    none = contract.with_interpretations({"arbitration.hearing_limit_roll": "none"})
    d = none.deadline("arbitration.hearing_expedited", D(2026, 11, 25))
    assert d.due == D(2026, 12, 25) and "Day 30 is Fri 2026-12-25, not a workday (Christmas Day); the date stays" in d.explain()
    assert d.interpretations[0].id == "arbitration.hearing_limit_roll" and not d.interpretations[0].is_default


# -- quotes keep their conditions -----------------------------------------------------------------------------------
def test_hearing_quotes_keep_the_condition_that_makes_them_apply_art44_3c_3d(contract):
    assert contract.param("arbitration.hearing_stayed").quote.startswith(
        "Arbitration hearings in cases in which a personnel action has been stayed")
    assert contract.param("arbitration.hearing_regular").quote.startswith(
        "Except for cases in which a personnel action has been stayed")
    assert contract.param("grievance.removal_stay_duration").quote.startswith("Upon timely filing of a grievance")


# -- the readings that decide a date --------------------------------------------------------------------------------
def test_a_reading_is_listed_only_when_it_decides_the_date_and_cites_the_rule_used_for(contract):
    # learned on a workday (Wed 2026-11-18): how a non-workday event is counted cannot move the date
    assert contract.deadline("grievance.step1_filing", D(2026, 11, 18)).interpretations == ()
    # learned Sat 2026-11-21: Mon 11-23 is day 1 (default) or Tue 11-24 (deemed received Monday): it decides
    sat = contract.deadline("grievance.step1_meeting", D(2026, 11, 21))
    assert sat.depends_on == ("count.event_on_nonworkday",)
    assert sat.interpretations[0].cite == "Art. 43 §7.a(3)"  # the Step 1 meeting's rule, not §7.a(1) where it is defined
    # "N workdays before" always decides (the N-th or the (N+1)-th workday before)
    pre = contract.deadline("arbitration.prehearing_meeting", D(2026, 12, 17))
    assert pre.depends_on == ("count.days_before_event",) and pre.interpretations[0].cite == "Art. 44 §5.a"
    # Mon 2025-12-22 + 5 workdays spans the E.O. closures of 12-24 and 12-26: that reading decides it
    assert contract.deadline("grievance.step1_meeting", D(2025, 12, 22)).depends_on == ("calendar.executive_order_closures",)


def test_readings_for_closes_over_combinations(contract):
    """Learned Wed 2025-12-24 (an E.O. closure): the E.O. reading decides whether it is a workday, and then the
    non-workday reading decides day 1 — the safe-date set holds both."""
    d = contract.deadline("grievance.step1_meeting", D(2025, 12, 24))
    assert set(d.depends_on) == {"count.event_on_nonworkday", "calendar.executive_order_closures"}
    no_eo = contract.with_interpretations({"calendar.executive_order_closures": "exclude"})
    assert no_eo.deadline("grievance.step1_meeting", D(2025, 12, 24)).depends_on == ("calendar.executive_order_closures",)
    assert set(no_eo.readings_for("grievance.step1_meeting", D(2025, 12, 24))) == {
        "count.event_on_nonworkday", "calendar.executive_order_closures"}


def test_plain_counts_list_the_deciding_readings_too(contract):
    assert contract.count(D(2026, 11, 18), 20).interpretations == ()
    assert contract.count(D(2026, 11, 21), 20).depends_on == ("count.event_on_nonworkday",)
    assert contract.count(D(2026, 11, 25), 30, unit="calendar_days", roll="forward").due == D(2026, 12, 28)
