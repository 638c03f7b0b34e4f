"""Modifications (Art. 43 §13), the completed-form rule (§6.b) and continuing conditions (§7.a(1)), by hand."""
from __future__ import annotations

import datetime as dt

from lmcore.grievance import Extension, Grievance, Waiver, timeline

D = dt.date
STEP1 = dict(learned=D(2026, 11, 18), filed=D(2026, 11, 30), step1_meeting=D(2026, 12, 4), step1_decision=D(2026, 12, 10))


def test_step2_waived_goes_from_step1_decision_to_arbitration(contract):
    """§13.b: Step 2 waived in writing; §10's 25 workdays run from the Step 1 decision."""
    t = timeline(Grievance(**STEP1, waivers=(Waiver("step2"),)), contract, D(2026, 12, 11))
    assert t.names == ["step1_filing", "step1_meeting", "step1_decision", "arbitration_invocation"]
    # decision Thu 12-10: Fri 11 (1), 14-18 (6), 21-24 (10), (Christmas), 28-31 (14), (New Year), Jan 4-8 (19),
    # 11-15 (24), (MLK 1-18), Tue 19 (25) → Tue 2027-01-19
    assert t.milestone("arbitration_invocation").due == D(2027, 1, 19)
    assert any("§13.b" in n for n in t.notes)


def test_step2_waiver_signed_later_moves_the_clock(contract):
    """grievance.waiver_start: from the later of the decision and the written waiver (default), or the event only."""
    g = Grievance(**STEP1, waivers=(Waiver("step2", D(2026, 12, 14)),))
    # waiver signed Mon 12-14: 15-18 (4), 21-24 (8), 28-31 (12), Jan 4-8 (17), 11-15 (22), (MLK), 19, 20, Thu 21 (25)
    assert timeline(g, contract, D(2026, 12, 15)).milestone("arbitration_invocation").due == D(2027, 1, 21)
    alt = contract.with_interpretations({"grievance.waiver_start": "original_event"})
    assert timeline(g, alt, D(2026, 12, 15)).milestone("arbitration_invocation").due == D(2027, 1, 19)


def test_step1_waived_after_filing(contract):
    """§13.b: Step 1 waived (signed Tue 12-1) after filing Mon 11-30: the Step 2 meeting runs from the waiver."""
    g = Grievance(learned=D(2026, 11, 18), filed=D(2026, 11, 30), waivers=(Waiver("step1", D(2026, 12, 1)),))
    t = timeline(g, contract, D(2026, 12, 1))
    assert t.names == ["step2_filing", "step2_meeting", "step2_decision", "arbitration_invocation"]
    assert t.milestone("step2_filing").cite == "Art. 43 §7.a(1)"  # the filing limit is still Step 1's
    # from Tue 12-1: Wed 2, 3, 4 (3), 7-11 (8), Mon 14, Tue 15 (10) → Tue 12-15
    assert t.milestone("step2_meeting").due == D(2026, 12, 15)
    alt = contract.with_interpretations({"grievance.waiver_start": "original_event"})
    # from the filing Mon 11-30 → Mon 12-14
    assert timeline(g, alt, D(2026, 12, 1)).milestone("step2_meeting").due == D(2026, 12, 14)


def test_both_steps_waived(contract):
    """§13.b: both steps waived: invoke arbitration within 25 workdays of the filing."""
    g = Grievance(learned=D(2026, 11, 18), filed=D(2026, 11, 30), waivers=(Waiver("step1"), Waiver("step2")))
    t = timeline(g, contract, D(2026, 12, 1))
    assert t.names == ["filing", "arbitration_invocation"]
    # filed Mon 11-30: Dec 1-4 (4), 7-11 (9), 14-18 (14), 21-24 (18), 28-31 (22), Jan 4, 5, Wed 6 (25)
    assert t.milestone("arbitration_invocation").due == D(2027, 1, 6)


def test_extension_by_workdays(contract):
    """§13.a: the Step 2 appeal time extended by 5 workdays in writing."""
    g = Grievance(**STEP1, extensions=(Extension("step2_appeal", workdays=5, agreed_on=D(2026, 12, 11)),))
    m = timeline(g, contract, D(2026, 12, 11)).milestone("step2_appeal")
    # 15 after Thu 12-10: ... day 10 Thu 12-24, (Fri 25), Mon 28 (11), 29, 30, Thu 31 (14), (Fri 1-1), Mon 1-4 (15)
    assert m.due == D(2027, 1, 4)
    assert m.deadline.amount == 15 and "extended by 5 workdays" in m.deadline.label
    assert any("§13.a" in n and "Fri 2026-12-11" in n for n in m.notes)


def test_extension_to_an_agreed_date_revives_a_missed_filing(contract):
    """§13.a: a missed filing (due Fri 10-30) extended in writing to Tue 12-1 is open again."""
    missed = timeline(Grievance(learned=D(2026, 10, 1)), contract, D(2026, 11, 23))
    assert missed.milestone("step1_filing").status == "missed"
    g = Grievance(learned=D(2026, 10, 1), extensions=(Extension("step1_filing", until=D(2026, 12, 1)),))
    t = timeline(g, contract, D(2026, 11, 23))
    f = t.milestone("step1_filing")
    assert (f.due, f.status, f.cite, f.deadline.cite) == (D(2026, 12, 1), "open", "Art. 43 §7.a(1)", "Art. 43 §13.a")
    assert "mutual written agreement" in f.deadline.quote
    assert t.terminated is None
    # 5 workdays after Tue 12-1: Wed 2, 3, 4, Mon 7, Tue 8 → meeting due Tue 12-8 (projected)
    assert t.milestone("step1_meeting").due == D(2026, 12, 8)


def test_completed_form_starts_the_response_clock(contract):
    """§6.b: filed (for timeliness) when first received; the response time runs from the completed form."""
    g = Grievance(learned=D(2026, 11, 18), filed=D(2026, 11, 30), form_completed=D(2026, 12, 3))
    t = timeline(g, contract, D(2026, 12, 3))
    assert t.milestone("step1_filing").status == "done_on_time"  # filed Mon 11-30, due Thu 12-17
    # completed form Thu 12-3: Fri 4, Mon 7, 8, 9, Thu 10 → Thu 12-10
    assert t.milestone("step1_meeting").due == D(2026, 12, 10)
    assert any("§6.b" in n for n in t.notes)
    alt = contract.with_interpretations({"grievance.response_clock_start": "first_receipt"})
    # from the filing Mon 11-30 → Mon 12-7
    assert timeline(g, alt, D(2026, 12, 3)).milestone("step1_meeting").due == D(2026, 12, 7)


def test_continuing_condition_has_no_filing_deadline(contract):
    """§7.a(1): a continuing condition may be grieved at any time while it lasts."""
    t = timeline(Grievance(learned=D(2026, 6, 1), continuing=True), contract, D(2026, 11, 23))
    f = t.milestone("step1_filing")
    assert (f.due, f.status, f.deadline) == (None, "open", None)
    assert t.terminated is None
    # projected as if filed Mon 11-23: Tue 24, Wed 25, (Thanksgiving), Fri 27, Mon 30, Tue 12-1 → Tue 12-1
    assert t.milestone("step1_meeting").due == D(2026, 12, 1)
    assert "continuing condition" in f.explain()


def test_closure_added_by_the_user_moves_dates(contract):
    """A weather closure (not a workday) is skipped like a holiday."""
    c = contract.with_closures({D(2026, 12, 1): "Snow"})
    # learned Wed 11-18: the 20 workdays skip Thanksgiving and Tue 12-1 → Fri 12-18
    f = timeline(Grievance(learned=D(2026, 11, 18)), c, D(2026, 11, 23)).milestone("step1_filing")
    assert f.due == D(2026, 12, 18)
    assert (D(2026, 12, 1), "Closure: Snow") in f.deadline.skipped_by_name()
