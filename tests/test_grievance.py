"""The employee grievance path (Art. 43 §7, §10, §12): every date worked out by hand on a wall calendar.

Holidays used: Veterans Day Wed 2026-11-11, Thanksgiving Thu 2026-11-26, Christmas Fri 2026-12-25,
New Year's Day Fri 2027-01-01, Martin Luther King Jr. Day Mon 2027-01-18, Washington's Birthday Mon 2027-02-15,
Columbus Day Mon 2026-10-12. The event day is never counted; the first workday after it is day 1.
"""
from __future__ import annotations

import datetime as dt


from lmcore.grievance import Grievance, timeline

D = dt.date
AS_OF = D(2026, 11, 23)
EMPLOYEE_NAMES = ["step1_filing", "step1_meeting", "step1_decision", "step2_appeal", "step2_meeting",
                  "step2_decision", "arbitration_invocation"]


def dues(t):
    return {m.name: m.due for m in t.milestones}


def statuses(t):
    return {m.name: m.status for m in t.milestones}


def test_step1_filing_skips_thanksgiving_and_projects_the_rest(contract):
    """Art. 43 §7.a(1), §7.a(3), §7.b(1), §7.b(4), §10: nothing done yet, every later date projected."""
    t = timeline(Grievance(learned=D(2026, 11, 18)), contract, AS_OF)
    assert t.names == EMPLOYEE_NAMES
    assert dues(t) == {
        # learned Wed 11-18; Thu 11-19 = day 1; Thu 11-26 Thanksgiving skipped → day 20 = Thu 12-17
        "step1_filing": D(2026, 12, 17),
        # 5 workdays after Thu 12-17: Fri 18, Mon 21, Tue 22, Wed 23, Thu 24 → Thu 12-24
        "step1_meeting": D(2026, 12, 24),
        # 5 after Thu 12-24: Fri 12-25 Christmas skipped; Mon 28, 29, 30, Thu 31, Fri 1-1 New Year skipped → Mon 1-4
        "step1_decision": D(2027, 1, 4),
        # no timely decision: 10 after Mon 1-4: 5, 6, 7, 8, 11, 12, 13, 14, 15, Mon 1-18 MLK skipped → Tue 1-19
        "step2_appeal": D(2027, 1, 19),
        # 10 after Tue 1-19: 20, 21, 22, 25, 26, 27, 28, 29, Feb 1, Tue 2 → Tue 2-2
        "step2_meeting": D(2027, 2, 2),
        # 5 after Tue 2-2: 3, 4, 5, 8, Tue 9 → Tue 2-9
        "step2_decision": D(2027, 2, 9),
        # 25 after Tue 2-9: 10, 11, 12 (3), Mon 2-15 Washington's Birthday skipped, 16-19 (7), 22-26 (12),
        # Mar 1-5 (17), 8-12 (22), 15, 16, Wed 17 (25) → Wed 3-17
        "arbitration_invocation": D(2027, 3, 17),
    }
    assert statuses(t) == {n: ("open" if n == "step1_filing" else "projected") for n in EMPLOYEE_NAMES}
    first = t.milestone("step1_filing")
    assert first.cite == "Art. 43 §7.a(1)" and first.actor == "Grievant or Union"
    assert first.consequence_cite == "Art. 43 §12"
    assert [d for d, _ in first.deadline.skipped_by_name()] == [D(2026, 11, 26)]
    assert t.milestone("step1_decision").consequence_cite == "Art. 43 §7.a(5)"
    assert t.milestone("step2_decision").consequence_cite == "Art. 43 §7.b(4)"
    assert t.terminated is None


def full_chain(**more):
    dates = dict(learned=D(2026, 11, 18), filed=D(2026, 11, 30), step1_meeting=D(2026, 12, 4),
                 step1_decision=D(2026, 12, 10), step2_appeal=D(2026, 12, 22), step2_meeting=D(2027, 1, 6),
                 step2_decision=D(2027, 1, 12))
    return Grievance(**{**dates, **more})


def test_every_step_done_on_time_across_christmas_and_new_year(contract):
    """Art. 43 §7.a(3), §7.b(1), §7.b(4), §10 counted from the actual dates."""
    t = timeline(full_chain(), contract, D(2027, 1, 20))
    assert dues(t) == {
        "step1_filing": D(2026, 12, 17),
        # filed Mon 11-30: Tue 12-1, 2, 3, 4, Mon 12-7 → day 5 = Mon 12-7
        "step1_meeting": D(2026, 12, 7),
        # meeting Fri 12-4: Mon 7, 8, 9, 10, Fri 12-11 → day 5 = Fri 12-11
        "step1_decision": D(2026, 12, 11),
        # decision received Thu 12-10: Fri 11, Mon 14-Fri 18 (6), Mon 21, 22, 23, Thu 24 → day 10 = Thu 12-24
        "step2_appeal": D(2026, 12, 24),
        # appeal Tue 12-22: 23, 24, (Fri 25 Christmas), 28, 29, 30, 31, (Fri 1-1 New Year), Jan 4, 5, 6, Thu 7 → Thu 1-7
        "step2_meeting": D(2027, 1, 7),
        # meeting Wed 1-6: Thu 7, Fri 8, Mon 11, Tue 12, Wed 13 → Wed 1-13
        "step2_decision": D(2027, 1, 13),
        # decision Tue 1-12: 13, 14, 15 (3), (Mon 1-18 MLK), 19-22 (7), 25-29 (12), Feb 1-5 (17), 8-12 (22),
        # (Mon 2-15 Washington's Birthday), 16, 17, Thu 18 (25) → Thu 2-18
        "arbitration_invocation": D(2027, 2, 18),
    }
    assert statuses(t) == {**{n: "done_on_time" for n in EMPLOYEE_NAMES[:-1]}, "arbitration_invocation": "open"}
    assert t.milestone("step2_appeal").deadline.rule == "grievance.step2_appeal"
    assert t.at_hand.name == "arbitration_invocation"


def test_missing_step1_decision_opens_the_no_decision_clock(contract):
    """Art. 43 §7.a(5), §7.b(1): no decision → 10 workdays after the reply was due (from the due date)."""
    g = Grievance(learned=D(2026, 11, 2), filed=D(2026, 11, 4), step1_meeting=D(2026, 11, 10))
    t = timeline(g, contract, AS_OF)
    # filed Wed 11-4: Thu 5, Fri 6, Mon 9, Tue 10, (Wed 11-11 Veterans Day), Thu 12 → meeting due Thu 11-12
    assert t.milestone("step1_meeting").due == D(2026, 11, 12)
    # meeting Tue 11-10: (Wed 11 Veterans Day), Thu 12, Fri 13, Mon 16, Tue 17, Wed 18 → decision due Wed 11-18
    assert t.milestone("step1_decision").due == D(2026, 11, 18)
    assert t.milestone("step1_decision").status == "missed"  # as of Mon 11-23 nothing came
    appeal = t.milestone("step2_appeal")
    # from Wed 11-18: Thu 19, Fri 20, Mon 23, Tue 24, Wed 25, (Thu 26 Thanksgiving), Fri 27, Mon 30, Dec 1, 2, Thu 3
    assert (appeal.due, appeal.status) == (D(2026, 12, 3), "open")
    assert appeal.deadline.rule == "grievance.step2_appeal_no_decision"
    assert "after the grievance reply was due" in appeal.deadline.quote
    assert "grievance.reply_due_start" in {c.id for c in appeal.interpretations}
    # the Step 2 dates stay projected (the appeal is not filed yet)
    assert t.milestone("step2_meeting").status == "projected"
    assert t.at_hand.name == "step2_appeal"  # the step to act on: the appeal, not the missed decision


def test_reply_due_start_first_day_late_reading(contract):
    """Interpretation grievance.reply_due_start = first_day_late: day 1 is one workday later (Art. 43 §7.b(1))."""
    c = contract.with_interpretations({"grievance.reply_due_start": "first_day_late"})
    g = Grievance(learned=D(2026, 11, 2), filed=D(2026, 11, 4), step1_meeting=D(2026, 11, 10))
    # first day late = Thu 11-19; then Fri 20, Mon 23, 24, 25, (26), 27, 30, Dec 1, 2, 3, Fri 4 → Fri 12-4
    assert timeline(g, c, AS_OF).milestone("step2_appeal").due == D(2026, 12, 4)


def test_late_step1_decision_cautious_and_generous_readings(contract):
    """A decision received after it was due (Art. 43 §7.b(1)): grievance.late_decision_clock."""
    g = Grievance(learned=D(2026, 11, 2), filed=D(2026, 11, 4), step1_meeting=D(2026, 11, 10),
                  step1_decision=D(2026, 11, 20))
    t = timeline(g, contract, AS_OF)
    assert t.milestone("step1_decision").status == "done_late"  # due Wed 11-18, came Fri 11-20
    # default from_reply_due: still 10 workdays from Wed 11-18 → Thu 12-3 (as above)
    assert t.milestone("step2_appeal").due == D(2026, 12, 3)
    generous = contract.with_interpretations({"grievance.late_decision_clock": "from_receipt"})
    # from receipt Fri 11-20: Mon 23, 24, 25, (26), Fri 27, Mon 30, Dec 1, 2, 3, 4, Mon 12-7 → day 10 = Mon 12-7
    assert timeline(g, generous, AS_OF).milestone("step2_appeal").due == D(2026, 12, 7)


def test_no_meeting_held_decision_due_readings(contract):
    """No Step 1 meeting (Art. 43 §7.a(3)): grievance.reply_due_without_meeting."""
    g = Grievance(learned=D(2026, 11, 2), filed=D(2026, 11, 4))
    t = timeline(g, contract, AS_OF)
    assert statuses(t)["step1_meeting"] == "missed"  # due Thu 11-12
    # default: as if met on Thu 11-12: Fri 13, Mon 16, 17, 18, Thu 19 → decision due Thu 11-19 (missed by 11-23)
    assert (t.milestone("step1_decision").due, t.milestone("step1_decision").status) == (D(2026, 11, 19), "missed")
    # appeal: 10 after Thu 11-19: Fri 20, Mon 23, 24, 25, (Thanksgiving), Fri 27, Mon 30, Dec 1, 2, 3, Fri 4 → 12-4
    assert t.milestone("step2_appeal").due == D(2026, 12, 4)
    alt = contract.with_interpretations({"grievance.reply_due_without_meeting": "meeting_deadline"})
    t2 = timeline(g, alt, AS_OF)
    assert t2.milestone("step1_decision").due == D(2026, 11, 12)  # when the meeting time ran out
    # appeal: 10 after Thu 11-12: Fri 13, Mon 16-Fri 20 (6), Mon 23, 24, 25, (Thanksgiving), Fri 27 → Fri 11-27
    assert t2.milestone("step2_appeal").due == D(2026, 11, 27)


def test_oelmr_notice_on_late_step1_decision(contract):
    """Art. 43 §7.a(5): OELMR ensures a decision within 3 workdays of the Union's notice (grievance.oelmr_notice)."""
    g = Grievance(learned=D(2026, 11, 2), filed=D(2026, 11, 4), step1_meeting=D(2026, 11, 10),
                  step1_oelmr_notice=D(2026, 11, 19))
    t = timeline(g, contract, AS_OF)
    assert t.names[:5] == ["step1_filing", "step1_meeting", "step1_decision", "step1_oelmr_decision", "step2_appeal"]
    oelmr = t.milestone("step1_oelmr_decision")
    # notice Thu 11-19: Fri 20, Mon 23, Tue 24 → Tue 11-24; still open on Mon 11-23
    assert (oelmr.due, oelmr.status, oelmr.actor, oelmr.cite) == (D(2026, 11, 24), "open", "OELMR", "Art. 43 §7.a(5)")
    # default from_oelmr_decision, none yet: 10 after Tue 11-24: 25, (26), 27, 30, Dec 1, 2, 3, 4, 7, 8, Wed 9
    appeal = t.milestone("step2_appeal")
    assert (appeal.due, appeal.status) == (D(2026, 12, 9), "projected")
    cautious = contract.with_interpretations({"grievance.oelmr_notice": "original_clock"})
    # the original clock: 10 workdays after Wed 11-18 → Thu 12-3, and certain (the first reply was missed)
    appeal = timeline(g, cautious, AS_OF).milestone("step2_appeal")
    assert (appeal.due, appeal.status) == (D(2026, 12, 3), "open")


def test_oelmr_decision_received_in_time(contract):
    """The decision OELMR obtained, received Mon 11-23 (Art. 43 §7.a(5), §7.b(1))."""
    g = Grievance(learned=D(2026, 11, 2), filed=D(2026, 11, 4), step1_meeting=D(2026, 11, 10),
                  step1_oelmr_notice=D(2026, 11, 19), step1_decision=D(2026, 11, 23))
    t = timeline(g, contract, AS_OF)
    assert statuses(t)["step1_decision"] == "done_late"  # the supervisor's reply was due Wed 11-18
    assert statuses(t)["step1_oelmr_decision"] == "done_on_time"  # OELMR's limit was Tue 11-24
    # from receipt Mon 11-23: Tue 24, Wed 25, (Thanksgiving), Fri 27, Mon 30, Dec 1, 2, 3, 4, Mon 7, Tue 8 → Tue 12-8
    assert t.milestone("step2_appeal").due == D(2026, 12, 8)


def test_missing_step2_decision_and_oelmr_at_step2(contract):
    """Art. 43 §7.b(4), §10: no Step 2 decision → invoke within 25 workdays of when it was due."""
    g = full_chain(step2_decision=None)
    t = timeline(g, contract, D(2027, 1, 20))
    assert t.milestone("step2_decision").status == "missed"  # due Wed 1-13
    # 25 after Wed 1-13: 14, 15 (2), (MLK 1-18), 19-22 (6), 25-29 (11), Feb 1-5 (16), 8-12 (21), (2-15), 16, 17,
    # 18, Fri 19 (25) → Fri 2-19
    inv = t.milestone("arbitration_invocation")
    assert (inv.due, inv.status) == (D(2027, 2, 19), "open")
    g2 = full_chain(step2_decision=None, step2_oelmr_notice=D(2027, 1, 14))
    t2 = timeline(g2, contract, D(2027, 1, 20))
    # notice Thu 1-14: Fri 15, (MLK), Tue 19, Wed 20 → OELMR decision due Wed 1-20
    assert t2.milestone("step2_oelmr_decision").due == D(2027, 1, 20)
    assert t2.milestone("step2_oelmr_decision").cite == "Art. 43 §7.b(4)"
    # then 25 after Wed 1-20: 21, 22 (2), 25-29 (7), Feb 1-5 (12), 8-12 (17), (2-15), 16-19 (21), 22, 23, 24,
    # Thu 25 (25) → Thu 2-25 (projected: the OELMR decision may still come)
    assert (t2.milestone("arbitration_invocation").due, t2.milestone("arbitration_invocation").status) == (D(2027, 2, 25), "projected")


def test_missed_filing_ends_the_grievance(contract):
    """Art. 43 §12: failure to proceed in a timely fashion ends the grievance; later dates stay projected."""
    t = timeline(Grievance(learned=D(2026, 10, 1)), contract, AS_OF)
    # learned Thu 10-1: Fri 2 (1), Mon 5-Fri 9 (6), (Mon 10-12 Columbus Day), 13-16 (10), 19-23 (15), 26-30 (20)
    assert (t.milestone("step1_filing").due, t.milestone("step1_filing").status) == (D(2026, 10, 30), "missed")
    assert t.terminated.name == "step1_filing" and t.at_hand.name == "step1_filing"
    assert "Art. 43 §12" in t.notes[0] and "§13.a" in t.notes[0]
    assert all(m.status == "projected" for m in t.milestones[1:])


def test_late_filing_is_done_late(contract):
    """A filing recorded after its due date is 'done late' (Art. 43 §7.a(1), §12)."""
    t = timeline(Grievance(learned=D(2026, 10, 1), filed=D(2026, 11, 2)), contract, AS_OF)
    assert t.milestone("step1_filing").status == "done_late"  # due Fri 10-30


def test_weekend_events(contract):
    """Events on a weekend (count.event_on_nonworkday): a Saturday event makes Monday day 1 (Art. 43 §7.a(1))."""
    sat = timeline(Grievance(learned=D(2026, 11, 21)), contract, AS_OF)
    fri = timeline(Grievance(learned=D(2026, 11, 20)), contract, AS_OF)
    # Sat 11-21 and Fri 11-20 both: Mon 23 (1), 24, 25, (26), 27, Mon 30 (5), Dec 1-4 (9), 7-11 (14), 14-18 (19), Mon 21
    assert sat.milestone("step1_filing").due == fri.milestone("step1_filing").due == D(2026, 12, 21)
    deemed = contract.with_interpretations({"count.event_on_nonworkday": "deemed_received_next_workday"})
    # deemed received Mon 11-23 → day 1 Tue 11-24 → day 20 Tue 12-22
    assert timeline(Grievance(learned=D(2026, 11, 21)), deemed, AS_OF).milestone("step1_filing").due == D(2026, 12, 22)
    # a grievance postmarked Sun 11-22 (§6.c): meeting within 5 workdays: Mon 23, 24, 25, (26), Fri 27, Mon 30
    t = timeline(Grievance(learned=D(2026, 11, 18), filed=D(2026, 11, 22)), contract, AS_OF)
    assert t.milestone("step1_filing").status == "done_on_time"
    assert t.milestone("step1_meeting").due == D(2026, 11, 30)


def test_new_years_day_2028_observed_friday(contract):
    """Art. 43 §7.a(1) across Christmas (obs. Fri 2027-12-24) and New Year's Day 2028 (obs. Fri 2027-12-31)."""
    t = timeline(Grievance(learned=D(2027, 12, 15)), contract, D(2027, 12, 20))
    # Wed 12-15: Thu 16, Fri 17, Mon 20, 21, 22, Thu 23 (6), (Fri 24), Mon 27, 28, 29, Thu 30 (10), (Fri 31),
    # Mon 2028-01-03 (11), 4, 5, 6, 7 (15), 10, 11, 12, 13, Fri 14 (20)
    f = t.milestone("step1_filing")
    assert f.due == D(2028, 1, 14)
    weekday_holidays = [d for d, _ in f.deadline.skipped_by_name() if d.weekday() < 5]
    assert weekday_holidays == [D(2027, 12, 24), D(2027, 12, 31)]
    assert "New Year's Day (observed)" in f.explain()


def test_explanations_name_the_days_and_the_consequence(contract):
    """Each milestone explains itself: counted days, holidays by name, the rule's words, the consequence."""
    t = timeline(Grievance(learned=D(2026, 11, 18)), contract, AS_OF)
    text = t.milestone("step1_filing").explain()
    assert "Thu 2026-12-17" in text and "Thanksgiving Day" in text and "twenty (20) workdays" in text
    assert "Art. 43 §12" in text and "Status: open" in text
    d = t.to_dict()
    assert [m["name"] for m in d["milestones"]] == EMPLOYEE_NAMES
    assert d["milestones"][0]["deadline"]["due"] == "2026-12-17"
    # learned on a Wednesday: how a non-workday event is counted cannot move any date, so it is not listed;
    # when the reply was due starts the projected Step 2 appeal count, so it is
    assert {c["id"] for c in d["interpretations"]} == {"grievance.reply_due_start"}
