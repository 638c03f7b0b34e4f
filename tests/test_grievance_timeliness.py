"""Timeliness of the grievant's steps and of a stay (issue 13 §2): a late stay request stays nothing (Art. 43 §14.a),
an appeal or invocation before the decision is received or overdue is premature (§7.b(1), §10, §8.b, §9), a late
filer step carries the §12 consequence (§11, §13.a), and where a three-month stay ends is a reading.
Every date counted by hand on a wall calendar; the event day is never counted.

Holidays used: Veterans Day Wed 2026-11-11, Thanksgiving Thu 2026-11-26, Christmas Fri 2026-12-25, New Year's Day
Fri 2027-01-01, Martin Luther King Jr. Day Mon 2027-01-18, Washington's Birthday Mon 2027-02-15.
"""
from __future__ import annotations

import datetime as dt

from lmcore.grievance import Grievance, timeline

D = dt.date
# An employee grievance recorded up to the Step 2 meeting (tests/test_grievance.py::full_chain):
# the Step 2 decision is due 5 workdays after the meeting Wed 2027-01-06: Thu 7, Fri 8, Mon 11, Tue 12, Wed 1-13.
UP_TO_STEP2 = dict(learned=D(2026, 11, 18), filed=D(2026, 11, 30), step1_meeting=D(2026, 12, 4),
                   step1_decision=D(2026, 12, 10), step2_appeal=D(2026, 12, 22), step2_meeting=D(2027, 1, 6))


# -- a late stay request stays nothing (Art. 43 §14.a) --------------------------------------------------------------
def test_late_stay_filing_is_an_ordinary_grievance_section_14a(contract):
    """§14.a "Upon timely filing … within five (5) workdays": filed late, no stay, Step 1 not waived, no stay end."""
    # removal decision received Mon 2027-01-04: Tue 5 (1), Wed 6, Thu 7, Fri 8 (4), Mon 1-11 (5) → stay due Mon 1-11;
    # grieved Fri 2027-01-15, after it
    t = timeline(Grievance(learned=D(2027, 1, 4), path="removal-stay", filed=D(2027, 1, 15)), contract, D(2027, 1, 18))
    assert t.stay == "lost" and t.to_dict()["stay"] == "lost"
    assert t.names == ["stay_filing", "step1_filing", "step1_meeting", "step1_decision", "step2_appeal", "step2_meeting",
                       "step2_decision", "arbitration_invocation"]  # Step 1 is back, no stay_ends
    stay = t.milestone("stay_filing")
    assert (stay.due, stay.status, stay.consequence_cite, stay.consequence_applies) == (
        D(2027, 1, 11), "done_late", "Art. 43 §14.a", True)
    # as an ordinary grievance: 20 workdays after Mon 1-4: Jan 5-8 (4), 11-15 (9), (Mon 1-18 MLK), 19-22 (13),
    # 25-29 (18), Mon 2-1 (19), Tue 2-2 (20) → filed Fri 1-15 is on time
    first = t.milestone("step1_filing")
    assert (first.due, first.status) == (D(2027, 2, 2), "done_on_time")
    # Step 1 meeting: 5 workdays after the filing Fri 1-15: (Mon 1-18 MLK), Tue 19 (1), 20, 21, Fri 22 (4), Mon 1-25 (5)
    assert t.milestone("step1_meeting").due == D(2027, 1, 25)
    assert t.terminated is None
    note = next(n for n in t.notes if n.startswith("No stay"))
    assert "Mon 2027-01-11" in note and "upon timely filing" in note and "Art. 44 §3.c" in note


def test_late_stay_hearing_is_due_in_90_days_not_30_art44_3c(contract):
    """Art. 44 §3.c (90 calendar days), not §3.d (30): nothing was stayed."""
    g = Grievance(learned=D(2027, 1, 4), path="removal-stay", filed=D(2027, 1, 15), step1_meeting=D(2027, 1, 20),
                  step1_decision=D(2027, 1, 20), step2_appeal=D(2027, 1, 27), step2_meeting=D(2027, 2, 3),
                  step2_decision=D(2027, 2, 5), invoked=D(2027, 2, 10))
    t = timeline(g, contract, D(2027, 2, 11))
    hearing = t.milestone("arbitration_hearing")
    # invoked Wed 2-10: Feb 11-28 (18), March (49), April (79), May 1-11 (90) → Tue 2027-05-11, a workday
    assert (hearing.due, hearing.cite) == (D(2027, 5, 11), "Art. 44 §3.c")
    assert "stayed" not in hearing.label and "Except for cases in which a personnel action has been stayed" in hearing.deadline.quote
    assert "stay_ends" not in t.names


def test_stay_not_requested_in_time_is_lost_but_the_grievance_is_not_ended(contract):
    """Nothing filed by Wed 2027-01-13 (stay due Mon 1-11): no stay; Step 1 filing still open until Tue 2-2 (§7.a(1))."""
    t = timeline(Grievance(learned=D(2027, 1, 4), path="removal-stay"), contract, D(2027, 1, 13))
    assert t.stay == "lost"
    assert (t.milestone("stay_filing").status, t.milestone("step1_filing").status) == ("missed", "open")
    assert t.milestone("step1_filing").due == D(2027, 2, 2) and t.terminated is None
    # still in time: decision received Mon 1-4, as of Fri 1-8 → the stay can still be had (due Mon 1-11)
    open_ = timeline(Grievance(learned=D(2027, 1, 4), path="removal-stay"), contract, D(2027, 1, 8))
    assert open_.stay == "open" and "stay_ends" in open_.names and "step1_filing" not in open_.names


# -- where three months of stay end (reading grievance.removal_stay_end) -------------------------------------------
def test_stay_end_reading_last_day_stayed_or_first_day_effective_section_14a(contract):
    # received Wed 2027-01-13: Thu 14 (1), Fri 15 (2), (MLK), Tue 19, Wed 20, Thu 1-21 (5); grieved Fri 1-15 in time
    g = Grievance(learned=D(2027, 1, 13), path="removal-stay", filed=D(2027, 1, 15))
    t = timeline(g, contract, D(2027, 1, 20))
    end = t.milestone("stay_ends")
    # default: three months beginning Fri 1-15 end the day before the same date → last day stayed Wed 2027-04-14;
    # the removal may take effect Thu 04-15
    assert end.due == D(2027, 4, 14)
    assert any("may take effect from Thu 2027-04-15" in n for n in end.notes)
    assert "grievance.removal_stay_end" in end.depends_on
    through = contract.with_interpretations({"grievance.removal_stay_end": "same_date"})
    end2 = timeline(g, through, D(2027, 1, 20)).milestone("stay_ends")
    assert end2.due == D(2027, 4, 15) and any("from Fri 2027-04-16" in n for n in end2.notes)


def test_stay_from_november_30_ends_on_february_28_under_either_reading(contract):
    """No February 30: the stay ends on the month's last day, Sun 2027-02-28, and the readings agree (not listed)."""
    # received Mon 2026-11-23; grieved Mon 11-30 (Tue 24, Wed 25, Thanksgiving, Fri 27, Mon 30 = 4th workday)
    g = Grievance(learned=D(2026, 11, 23), path="removal-stay", filed=D(2026, 11, 30))
    end = timeline(g, contract, D(2026, 12, 1)).milestone("stay_ends")
    assert end.due == D(2027, 2, 28) and any("from Mon 2027-03-01" in n for n in end.notes)
    assert "grievance.removal_stay_end" not in end.depends_on


# -- premature steps (§7.b(1), §10, §8.b) ---------------------------------------------------------------------------
def test_invocation_before_the_step2_decision_is_received_or_due_is_premature_section_10(contract):
    t = timeline(Grievance(**UP_TO_STEP2, invoked=D(2027, 1, 11)), contract, D(2027, 1, 20))
    inv = t.milestone("arbitration_invocation")
    # no decision; it was due Wed 1-13 (missed by 1-20): 25 workdays after it: Thu 14, Fri 15 (2), (MLK), 19-22 (6),
    # 25-29 (11), Feb 1-5 (16), 8-12 (21), (Mon 2-15), Tue 16, 17, 18, Fri 2-19 (25) → window closes Fri 2-19
    assert (inv.status, inv.due, inv.consequence_applies) == ("premature", D(2027, 2, 19), True)
    words = inv.notes[0]
    assert words.startswith("Premature: done Mon 2027-01-11, before the Step 2 decision was received or overdue")
    assert "Upon receipt of the Step 2 decision or if no decision is rendered in a timely fashion" in words
    assert "from Thu 2027-01-14" in words and "no later than Fri 2027-02-19" in words and "§11" in words
    assert "premature" in t.notes[0]
    # the hearing counts from the recorded invocation, and says it holds only if that invocation is accepted
    assert any("holds only if" in n for n in t.milestone("arbitration_hearing").notes)
    assert t.to_dict()["milestones"][6]["status"] == "premature"


def test_invocation_on_the_decision_s_due_day_is_premature_the_day_after_is_not(contract):
    """On Wed 1-13 the decision may still come that day: not yet 'not rendered in a timely fashion'."""
    on_due = timeline(Grievance(**UP_TO_STEP2, invoked=D(2027, 1, 13)), contract, D(2027, 1, 20))
    after = timeline(Grievance(**UP_TO_STEP2, invoked=D(2027, 1, 14)), contract, D(2027, 1, 20))
    assert on_due.milestone("arbitration_invocation").status == "premature"
    assert after.milestone("arbitration_invocation").status == "done_on_time"


def test_invocation_upon_receipt_is_on_time_before_a_later_receipt_is_premature(contract):
    same_day = timeline(Grievance(**UP_TO_STEP2, step2_decision=D(2027, 1, 11), invoked=D(2027, 1, 11)), contract,
                        D(2027, 1, 20))
    # decision received Mon 1-11: 25 workdays: 12-15 (4), (MLK), 19-22 (8), 25-29 (13), Feb 1-5 (18), 8-12 (23),
    # (Mon 2-15), Tue 16, Wed 2-17 (25)
    inv = same_day.milestone("arbitration_invocation")
    assert (inv.status, inv.due) == ("done_on_time", D(2027, 2, 17))
    # invoked Mon 1-11, the decision came Tue 1-12 (before its due Wed 1-13): the invocation came first — premature
    early = timeline(Grievance(**UP_TO_STEP2, step2_decision=D(2027, 1, 12), invoked=D(2027, 1, 11)), contract,
                     D(2027, 1, 20))
    assert early.milestone("arbitration_invocation").status == "premature"


def test_step2_appeal_before_the_step1_decision_is_premature_section_7b1(contract):
    # meeting Fri 12-4 → decision due Mon 7, 8, 9, 10, Fri 12-11; appealed Tue 12-8 with no decision
    g = Grievance(learned=D(2026, 11, 18), filed=D(2026, 11, 30), step1_meeting=D(2026, 12, 4), step2_appeal=D(2026, 12, 8))
    appeal = timeline(g, contract, D(2026, 12, 9)).milestone("step2_appeal")
    # window: 10 workdays after Fri 12-11: Dec 14-18 (5), 21-24 (9), (Fri 12-25 Christmas), Mon 12-28 (10)
    assert (appeal.status, appeal.due) == ("premature", D(2026, 12, 28))
    assert "Step 1 decision was received or overdue (it was due Fri 2026-12-11)" in appeal.notes[0]


def test_institutional_invocation_before_10_workdays_is_premature_section_8b2(contract):
    """§8.b(2): "If the matter has not been resolved after ten (10) workdays of the receipt …, Local 12 may invoke"."""
    # filed Wed 2026-11-04: Thu 5 (1), Fri 6, Mon 9, Tue 10 (4), (Wed 11-11 Veterans Day), Thu 12 (5), Fri 13,
    # Mon 16, 17, 18 (9), Thu 11-19 (10) → the time to resolve ends Thu 11-19; invoking from Fri 11-20
    base = dict(learned=D(2026, 11, 2), filed=D(2026, 11, 4), path="union-institutional")
    status = {day: timeline(Grievance(**base, invoked=day), contract, D(2026, 11, 23)).milestone("arbitration_invocation")
              for day in (D(2026, 11, 18), D(2026, 11, 19), D(2026, 11, 20))}
    assert [m.status for m in status.values()] == ["premature", "premature", "done_on_time"]
    # the next 25 workdays: Fri 11-20 (1), 23, 24, 25 (4), (Thanksgiving), Fri 27 (5), Nov 30-Dec 4 (10), 7-11 (15),
    # 14-18 (20), 21-24 (24), (Fri 12-25 Christmas), Mon 12-28 (25)
    assert {m.due for m in status.values()} == {D(2026, 12, 28)}
    assert "time to resolve the matter ran out (Thu 2026-11-19)" in status[D(2026, 11, 18)].notes[0]


# -- a late filer step carries §12 (and §11) ------------------------------------------------------------------------
def test_late_step2_appeal_carries_the_section_12_consequence(contract):
    # decision received Thu 12-10: Fri 11, Dec 14-18 (6), 21, 22, 23, Thu 12-24 (10) → appeal due Thu 12-24; Mon 12-28
    g = Grievance(learned=D(2026, 11, 18), filed=D(2026, 11, 30), step1_meeting=D(2026, 12, 4),
                  step1_decision=D(2026, 12, 10), step2_appeal=D(2026, 12, 28))
    t = timeline(g, contract, D(2026, 12, 29))
    appeal = t.milestone("step2_appeal")
    assert (appeal.due, appeal.status, appeal.consequence_applies) == (D(2026, 12, 24), "done_late", True)
    words = appeal.notes[0]
    assert words.startswith("Done Mon 2026-12-28, after the last day (Thu 2026-12-24): under Art. 43 §12")
    assert "§13.a" in words and "20 workdays after invocation" in words and "10 workdays before the hearing (§11)" in words
    assert "Consequence: The grievance ends" in appeal.explain()  # not "If missed:" — it applies
    assert t.notes[0].startswith("Appeal to Step 2 was done late (Mon 2026-12-28; the last day was Thu 2026-12-24)")
    # the Step 2 meeting counts from the late appeal (10 workdays: Dec 29-31 (3), (New Year), Jan 4-8 (8), 11, Tue 1-12)
    meeting = t.milestone("step2_meeting")
    assert meeting.due == D(2027, 1, 12)
    assert any('holds only if the step "Appeal to Step 2" (done late, Mon 2026-12-28) is accepted' in n for n in meeting.notes)


def test_a_late_management_step_does_not_end_the_grievance(contract):
    """A late Step 1 decision is done late, with its own consequence (§7.a(5)), not §12."""
    g = Grievance(learned=D(2026, 11, 2), filed=D(2026, 11, 4), step1_meeting=D(2026, 11, 10), step1_decision=D(2026, 11, 20))
    t = timeline(g, contract, D(2026, 11, 23))
    dec = t.milestone("step1_decision")
    assert (dec.status, dec.consequence_cite) == ("done_late", "Art. 43 §7.a(5)")
    assert not any("§12" in n for n in t.notes)
