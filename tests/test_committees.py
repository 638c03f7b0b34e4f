"""Joint committees (Art. 4 §4, Art. 10 §13, Art. 30 §3, Art. 35 §3–§4, Art. 36 §2.a, Transit Subsidy ¶6) and the
quarterly meeting calendar. Expected days are read off a wall calendar; the comments show them."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lmcore import InvalidDate, InvalidInput
from lmcore.bargaining.committees import MeetingPattern, add_months, check_quarterly, committee, committees, schedule
from lmcore.exports import to_ics

D = dt.date


def test_every_committee_with_size_and_rhythm(contract):
    by_key = {c.key: c for c in committees(contract)}
    assert set(by_key) == {"agency_flexitime", "department_flexitime", "flexiplace", "technology_team", "agency_lmrc",
                           "department_lmrc", "departmental_bargaining", "transit_oversight"}
    assert (by_key["agency_lmrc"].members_per_side, by_key["agency_lmrc"].meets) == (5, "at_least_quarterly")  # Art. 35 §3
    assert (by_key["department_lmrc"].members_per_side, by_key["department_lmrc"].meets) == (5, "at_least_quarterly")  # Art. 35 §4
    assert (by_key["flexiplace"].members, by_key["flexiplace"].cite) == ("up to 5 from each party", "Art. 10 §13")
    assert by_key["departmental_bargaining"].meets == "quarterly"  # Art. 36 §2.a "shall meet quarterly"
    assert by_key["technology_team"].meets == "on_request"  # Art. 30 §3 "at the request of either party"
    assert by_key["agency_flexitime"].meets == "on_request"  # Art. 4 §4.a
    assert by_key["transit_oversight"].meets == "as_issues_arise"  # Transit Subsidy ¶6
    for c in by_key.values():  # every quote is the contract's own words at that citation
        assert " ".join(c.quote.split()) in " ".join(contract.section(c.cite).text.split())


def test_on_request_committees_get_no_invented_dates_art30_3(contract):
    with pytest.raises(InvalidInput, match=r"at the request of either party.*Art\. 30 §3"):
        schedule("technology_team", D(2027, 1, 1), D(2027, 12, 31), contract)
    with pytest.raises(InvalidInput, match="no committee named"):
        committee("social_club", contract)


def test_department_lmrc_second_tuesday_of_each_quarter_art35_4(contract):
    # 2nd Tuesday of Jan/Apr/Jul/Oct 2027: Jan 1 is a Friday → Tue 5, 12; Apr 1 Thu → 6, 13; Jul 1 Thu → 6, 13; Oct 1 Fri → 5, 12
    days = [m.day for m in schedule("department_lmrc", D(2027, 1, 1), D(2027, 12, 31), contract)]
    assert days == [D(2027, 1, 12), D(2027, 4, 13), D(2027, 7, 13), D(2027, 10, 12)]


def test_meeting_on_a_holiday_moves_to_the_next_workday_art35_3(contract):
    # 2nd Monday of the quarter's 1st month, 2027: Jan 11, Apr 12, Jul 12, Oct 11 = Columbus Day → Tue Oct 12
    ms = schedule("agency_lmrc", D(2027, 1, 1), D(2027, 12, 31), contract, MeetingPattern(weekday=0, week=2, month=1))
    assert [m.day for m in ms] == [D(2027, 1, 11), D(2027, 4, 12), D(2027, 7, 12), D(2027, 10, 12)]
    assert ms[-1].planned == D(2027, 10, 11) and "Columbus Day" in ms[-1].moved
    # 1st Monday of the 3rd month: Mar 1, Jun 7, Sep 6 = Labor Day → Tue Sep 7, Dec 6
    ms = schedule("agency_lmrc", D(2027, 1, 1), D(2027, 12, 31), contract, MeetingPattern(weekday=0, week=1, month=3))
    assert [m.day for m in ms] == [D(2027, 3, 1), D(2027, 6, 7), D(2027, 9, 7), D(2027, 12, 6)]


def test_move_stays_inside_the_quarter_art35_3(contract):
    # last Friday of December 2027 is Fri 12-31, New Year's Day (observed); the next workday (Mon 2028-01-03) is in
    # the next quarter, so the meeting moves back to Thu 2027-12-30
    ms = schedule("department_lmrc", D(2027, 10, 1), D(2027, 12, 31), contract, MeetingPattern(weekday=4, week=-1, month=3))
    assert [m.day for m in ms] == [D(2027, 12, 30)]


def test_stricter_three_month_reading_art35_3(contract):
    strict = contract.with_interpretations({"committees.quarterly": "every_three_months"})
    # 2nd Tuesdays: Jan 12; Apr 13 is more than 3 months after Jan 12 (limit Mon Apr 12) → Apr 12;
    # Jul 13 > Apr 12 + 3 months = Jul 12 → Mon Jul 12; Oct 12 ≤ Jul 12 + 3 months = Oct 12 → stays
    ms = schedule("department_lmrc", D(2027, 1, 1), D(2027, 12, 31), strict)
    assert [m.day for m in ms] == [D(2027, 1, 12), D(2027, 4, 12), D(2027, 7, 12), D(2027, 10, 12)]
    assert "more than three months" in ms[1].moved


def test_first_partial_quarter_is_kept_only_after_the_start_art35_3(contract):
    # start Wed 2026-12-23 (an effective date): Q4 2026's 2nd Tuesday (Oct 13) is before it → first meeting Tue 2027-01-12
    ms = schedule("department_lmrc", D(2026, 12, 23), D(2027, 3, 31), contract)
    assert [m.day for m in ms] == [D(2027, 1, 12)]
    with pytest.raises(InvalidDate, match="before the first day"):
        schedule("department_lmrc", D(2027, 3, 31), D(2027, 1, 1), contract)


def test_check_finds_a_missing_quarter_and_a_holiday_meeting_art35_4(contract):
    result = check_quarterly("department_lmrc", [D(2027, 1, 18), D(2027, 4, 13), D(2027, 10, 12)], D(2027, 1, 1), D(2027, 12, 31), contract)
    assert not result.ok
    assert "No meeting in 2027 Q3 (2027-07-01 to 2027-09-30)." in result.problems
    assert any("Mon 2027-01-18 is not a workday" in p and "Martin Luther King" in p for p in result.problems)
    assert "Art. 35 §4" in result.explain()


def test_check_under_the_gap_reading_art35_4(contract):
    strict = contract.with_interpretations({"committees.quarterly": "every_three_months"})
    # Jan 12 → Apr 13: three months after Jan 12 is Apr 12, so Apr 13 is one day too late
    r = check_quarterly("department_lmrc", [D(2027, 1, 12), D(2027, 4, 13), D(2027, 7, 13), D(2027, 10, 12)], D(2027, 1, 1), D(2027, 12, 31), strict)
    assert "No meeting from Tue 2027-01-12 to Mon 2027-04-12 (more than three months)." in r.problems
    assert check_quarterly("department_lmrc", [D(2027, 1, 12), D(2027, 4, 12), D(2027, 7, 12), D(2027, 10, 12)],
                           D(2027, 1, 1), D(2027, 12, 31), strict).ok


def test_pattern_must_be_a_workday_and_real_week():
    with pytest.raises(InvalidInput, match="Monday–Friday"):
        MeetingPattern(weekday=5)
    with pytest.raises(InvalidInput, match="week 5"):
        MeetingPattern(week=5)
    with pytest.raises(InvalidInput, match="month 13"):
        MeetingPattern(month=13)
    assert MeetingPattern(1, 2, 1).describe() == "the 2nd Tuesday of the 1st month of each quarter"


def test_pattern_month_must_lie_in_the_quarter_art35_4(contract):
    """A quarter has three months: the 4th month of a quarter is refused when the calendar is built."""
    with pytest.raises(InvalidInput, match="month 4 of a 3-month meeting period"):
        schedule("department_lmrc", D(2027, 1, 1), D(2027, 12, 31), contract, MeetingPattern(month=4))


def test_add_months_end_of_month():
    assert add_months(D(2026, 11, 30), 3) == D(2027, 2, 28)  # 2027 is not a leap year
    assert add_months(D(2027, 11, 30), 3) == D(2028, 2, 29)
    assert add_months(D(2027, 1, 12), 3) == D(2027, 4, 12)


def test_meetings_export_to_ics(contract):
    ms = schedule("department_lmrc", D(2027, 1, 1), D(2027, 12, 31), contract)
    ics = to_ics([m.to_event() for m in ms]).decode()
    assert ics.count("BEGIN:VEVENT") == 4
    assert "DTSTART;VALUE=DATE:20270112" in ics
    assert "2027 Q1" in ics


@settings(max_examples=40, deadline=None)
@given(st.dates(min_value=D(2026, 1, 1), max_value=D(2034, 12, 31)), st.integers(100, 1500),
       st.integers(0, 4), st.sampled_from([1, 2, 3, 4, -1]), st.integers(1, 3), st.booleans())
def test_schedule_always_keeps_the_quarterly_rule(contract, start, days, weekday, week, month, strict):
    c = contract.with_interpretations({"committees.quarterly": "every_three_months"}) if strict else contract
    end = start + dt.timedelta(days=days)
    ms = schedule("department_lmrc", start, end, c, MeetingPattern(weekday, week, month))
    assert all(c.calendar.is_workday(m.day) and start <= m.day <= end for m in ms)
    assert check_quarterly("department_lmrc", [m.day for m in ms], start, end, c).ok


# -- meeting days are assumed, never the contract's ------------------------------------------------------------
def test_every_scheduled_meeting_is_marked_assumed_art35_4(contract):
    ms = schedule("department_lmrc", D(2027, 1, 1), D(2027, 12, 31), contract)
    assert all(m.assumed for m in ms)
    assert "lmcore's assumed meeting day, the 2nd Tuesday of the 1st month of each quarter" in ms[0].assumption
    assert "(assumed date)" in ms[0].to_event().title
    mine = schedule("department_lmrc", D(2027, 1, 1), D(2027, 3, 31), contract, MeetingPattern.parse("last Friday of month 3"))
    assert [m.day for m in mine] == [D(2027, 3, 26)] and "the meeting day you set" in mine[0].assumption


@pytest.mark.parametrize("text, pattern", [
    ("2nd Tuesday", MeetingPattern(1, 2, 1)), ("last Friday of month 3", MeetingPattern(4, -1, 3)),
    ("1st Monday of the 2nd month", MeetingPattern(0, 1, 2)), ("Third thursday, month 1", MeetingPattern(3, 3, 1)),
])
def test_meeting_day_in_words(text, pattern):
    assert MeetingPattern.parse(text) == pattern


@pytest.mark.parametrize("text", ["2nd Saturday", "fifth Monday", "Tuesday", "2nd Tuesday of month", "2nd Tuesday of June", ""])
def test_meeting_day_that_cannot_be_read(text):
    with pytest.raises(InvalidInput, match="not a meeting day"):
        MeetingPattern.parse(text)


def test_gap_counted_from_the_last_meeting_held_art36_2a(contract):
    """Under the gap reading: last session Mon 2027-02-08 → the next is due by Sat 05-08 → Fri 2027-05-07 (the pattern's
    Mon 05-10 is too late); then 05-07 + 3 months = Sat 08-07 → Fri 2027-08-06 (pattern Mon 08-09)."""
    strict = contract.with_interpretations({"committees.quarterly": "every_three_months"})
    ms = schedule("departmental_bargaining", D(2027, 2, 9), D(2027, 8, 31), strict, last_held=D(2027, 2, 8))
    assert [m.day for m in ms] == [D(2027, 5, 7), D(2027, 8, 6)]


def test_contract_calendar_marks_assumed_dates_and_can_do_without_them_art35_3(contract, capsys):
    from lmcore.bargaining.contract_calendar import contract_calendar
    from lmcore.cli import main

    cal = contract_calendar(D(2026, 11, 23), contract, 1)
    assumed = [e for e in cal.entries if e.assumed]
    assert {e.kind for e in assumed} == {"committee", "bargaining"}
    assert all(not e.assumed for e in cal.entries if e.kind in ("duration", "arbitration"))
    assert len(cal.assumptions) == 3 and "[assumed]" in cal.text()
    assert "(assumed date)" in cal.to_ics().decode()
    none = contract.with_interpretations({"committees.meeting_days": "none"})
    bare = contract_calendar(D(2026, 11, 23), none, 1)
    assert not any(e.assumed for e in bare.entries)
    assert "Departmental Mid-Term Bargaining Committee" in [u.name for u in bare.unscheduled]
    assert main(["contract-calendar", "--ratified", "2026-11-23", "--years", "1", "--meeting-day",
                 "departmental_bargaining=1st Tuesday of month 3", "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    q1 = next(e for e in d["entries"] if e["title"] == "Departmental mid-term bargaining session begins (2027 Q1)")
    assert q1["date"] == "2027-03-02" and q1["assumed"] is True and "the meeting day you set" in q1["assumption"]
    assert main(["contract-calendar", "--ratified", "2026-11-23", "--meeting-day", "social_club=2nd Tuesday"]) == 2
