"""The forum tracker (issue 18): given the meetings held, is each requirement of the contract met and when is the next
meeting due? Every due date below is counted by hand from the text and a calendar."""
from __future__ import annotations

import datetime as dt

import pytest

from lmcore import load_contract
from lmcore.errors import InvalidDate, InvalidInput
from lmcore.partnership import forum_status, forum_statuses

C = load_contract()
D = dt.date


def test_quarterly_met_and_next_due_end_of_quarter():
    """Art. 35 §4 "at least quarterly" (calendar quarters): meetings in Q1, Q2, Q3 2026; none yet in Q4 on Mon 11-23 →
    due by Thu 2026-12-31, a workday (New Year's Day 2027 is Fri 01-01)."""
    s = forum_status("department_lmrc", ["2026-02-10", "2026-05-12", "2026-08-11"], "2026-11-23", C)
    assert s.met is True and s.next_due == D(2026, 12, 31) and s.period == "2026 Q4" and s.problems == ()
    assert s.reading.id == "committees.quarterly" and s.reading.choice == "calendar_quarter"
    assert "next meeting due by Thu 2026-12-31" in s.answer()


def test_quarterly_missed_quarter():
    """No meeting from 2026-04-01 to 2026-06-30: the requirement was not met."""
    s = forum_status("department_lmrc", ["2026-02-10", "2026-08-11"], "2026-11-23", C)
    assert s.met is False
    assert s.problems == ("No meeting in 2026 Q2 (2026-04-01 to 2026-06-30).",)


def test_quarterly_already_met_this_quarter():
    """A Q4 meeting on Wed 2026-10-14 moves the next one to Q1 2027: due by Wed 2027-03-31."""
    s = forum_status("agency_lmrc", ["2026-01-20", "2026-04-21", "2026-07-21", "2026-10-14"], "2026-11-23", C)
    assert s.met is True and s.next_due == D(2027, 3, 31) and s.period == "2027 Q1"


def test_quarter_ending_on_the_observed_new_year():
    """Q4 2027 ends Fri 2027-12-31, the observed New Year's Day 2028 (Jan 1 is a Saturday) → due by Thu 2027-12-30."""
    s = forum_status("department_lmrc", ["2027-02-09", "2027-05-11", "2027-07-20"], "2027-11-01", C, since="2027-01-01")
    assert s.next_due == D(2027, 12, 30) and s.period_end == D(2027, 12, 31)
    assert "not a workday" in s.explain()


def test_a_partial_first_quarter_is_not_required():
    """The Agreement takes effect Sun 2026-11-15: Q4 2026 is not a full quarter, so the first meeting is due in Q1 2027,
    by Wed 2027-03-31 (reading committees.quarterly: from the first full quarter)."""
    s = forum_status("department_lmrc", [], "2026-11-23", C, since="2026-11-15")
    assert s.met is True and s.next_due == D(2027, 3, 31)


def test_every_three_months_reading():
    """Reading every_three_months: meetings 02-10, 05-07, 08-04 2026 each within three months of the last; the next is
    due by Wed 2026-11-04 (08-04 + 3 months). On 2026-10-20 that is still ahead; on 11-23 it was missed."""
    strict = C.with_interpretations({"committees.quarterly": "every_three_months"})
    held = ["2026-02-10", "2026-05-07", "2026-08-04"]
    ahead = forum_status("department_lmrc", held, "2026-10-20", strict)
    assert ahead.met is True and ahead.next_due == D(2026, 11, 4)
    late = forum_status("department_lmrc", held, "2026-11-23", strict)
    assert late.met is False and late.problems == ("No meeting from Tue 2026-08-04 to Wed 2026-11-04 (more than three months).",)


def test_every_three_months_due_day_on_a_holiday():
    """Reading every_three_months: last meeting Tue 2026-08-11 → three months = Wed 11-11, Veterans Day → due Tue 11-10."""
    strict = C.with_interpretations({"committees.quarterly": "every_three_months"})
    s = forum_status("department_lmrc", ["2026-08-11"], "2026-09-01", strict, since="2026-07-01")
    assert s.next_due == D(2026, 11, 10) and s.period_end == D(2026, 11, 11)


def test_monthly_case_review():
    """Art. 44 §3.b "on a monthly basis": September and October 2026 met; November not yet on 11-23 → due Mon 11-30."""
    s = forum_status("arbitration_case_review", ["2026-09-15", "2026-10-13"], "2026-11-23", C, since="2026-09-01")
    assert s.met is True and s.next_due == D(2026, 11, 30) and s.period == "November 2026"
    missed = forum_status("arbitration_case_review", ["2026-09-15"], "2026-11-23", C, since="2026-09-01")
    assert missed.met is False and missed.problems == ("No meeting in October 2026 (2026-10-01 to 2026-10-31).",)


def test_monthly_due_at_a_weekend_month_end():
    """December 2026 met (12-08); January 2027 ends Sun 01-31 → due by Fri 2027-01-29."""
    s = forum_status("arbitration_case_review", ["2026-12-08"], "2027-01-05", C, since="2026-12-01")
    assert s.met is True and s.next_due == D(2027, 1, 29)


def test_a_meeting_on_a_saturday_is_named_but_still_counts():
    s = forum_status("department_lmrc", ["2026-02-14"], "2026-04-02", C)
    assert s.met is True and s.problems == ("Sat 2026-02-14 is not a workday (Saturday).",)


def test_unless_agreed_otherwise():
    """Art. 35 §3: the Agency committee meets at least quarterly "unless agreed to otherwise"; §4 has no such clause."""
    s = forum_status("agency_lmrc", [], "2026-11-23", C, agreed_otherwise=True)
    assert s.met is None and s.next_due is None and "agreed otherwise" in s.answer()
    with pytest.raises(InvalidInput, match="no 'unless agreed to otherwise' clause"):
        forum_status("department_lmrc", [], "2026-11-23", C, agreed_otherwise=True)


def test_forums_with_no_fixed_rhythm_get_no_invented_date():
    """Art. 30 §3: the Technology Team "will meet at the request of either party"."""
    s = forum_status("technology_team", ["2026-03-03"], "2026-11-23", C)
    assert s.met is None and s.next_due is None and "request of either party" in s.answer()


def test_bad_tracker_input():
    with pytest.raises(InvalidDate, match="after the as-of date"):
        forum_status("department_lmrc", ["2026-12-01"], "2026-11-23", C)
    with pytest.raises(InvalidDate, match="tracking start"):
        forum_status("department_lmrc", [], "2026-11-23", C, since="2026-12-01")
    with pytest.raises(InvalidInput, match="no forum named 'lunch_club'"):
        forum_status("lunch_club", [], "2026-11-23", C)


def test_all_forums_at_once():
    rows = forum_statuses({"department_lmrc": ["2026-10-06"]}, "2026-11-23", C)
    by = {r.forum.id: r for r in rows}
    assert len(rows) >= 12 and by["department_lmrc"].next_due == D(2027, 3, 31)
    assert by["agency_lmrc"].met is False  # no meeting recorded in Q1–Q3 2026
    assert all("answer" in r.to_dict() for r in rows)
