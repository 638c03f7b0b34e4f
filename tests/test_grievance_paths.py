"""Other grievance paths, counted by hand: merit staffing (§7.a(2), §7.b(2)), Union institutional (§8.b),
Union-filed consolidated (§8.c), Department (§9), stays of removals (§14, Art. 44 §3.d) and arbitrability (§11)."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

from lmcore.grievance import Grievance, add_months, timeline

D = dt.date


def dues(t):
    return {m.name: m.due for m in t.milestones}


def test_merit_staffing_starts_at_step2(contract):
    """Art. 43 §7.a(2), §7.b(2): filed at Step 2 with the servicing HR Officer within 20 workdays; no Step 1."""
    t = timeline(Grievance(learned=D(2026, 11, 18), path="merit-staffing", filed=D(2026, 11, 30)), contract, D(2026, 12, 1))
    assert t.names == ["step2_filing", "step2_meeting", "step2_decision", "arbitration_invocation"]
    assert t.milestone("step2_filing").cite == "Art. 43 §7.b(2)"
    assert dues(t) == {
        "step2_filing": D(2026, 12, 17),  # as Step 1: 20 workdays after Wed 11-18, Thanksgiving skipped
        # filed Mon 11-30: Tue 12-1 .. Fri 12-4 (4), Mon 7-Fri 11 (9), Mon 14 (10) → Mon 12-14
        "step2_meeting": D(2026, 12, 14),
        # 5 after Mon 12-14: 15, 16, 17, 18, Mon 21 → Mon 12-21 (projected)
        "step2_decision": D(2026, 12, 21),
        # 25 after Mon 12-21: 22, 23, 24 (3), (Fri 25), 28-31 (7), (Jan 1), 4-8 (12), 11-15 (17), (MLK 18),
        # 19-22 (21), 25, 26, 27, Thu 28 (25) → Thu 2027-01-28
        "arbitration_invocation": D(2027, 1, 28),
    }
    assert any("§7.a(2)" in n for n in t.notes)


def test_union_institutional_counts_from_the_occurrence(contract):
    """Art. 43 §8.b(1), §8.b(3): 20 workdays from the occurrence; 10 to resolve; invoke within the next 25."""
    g = Grievance(learned=D(2026, 11, 30), occurred=D(2026, 11, 18), path="union-institutional",
                  agencies="multiple", filed=D(2026, 11, 30))
    t = timeline(g, contract, D(2026, 12, 1))
    assert t.names == ["institutional_filing", "institutional_resolution", "arbitration_invocation"]
    assert dues(t) == {
        "institutional_filing": D(2026, 12, 17),  # from the occurrence Wed 11-18, not the learning Mon 11-30
        # receipt Mon 11-30: 10 workdays → Mon 12-14 (as the merit staffing meeting above)
        "institutional_resolution": D(2026, 12, 14),
        # next 25 after Mon 12-14: 15-18 (4), 21-24 (8), (Christmas), 28-31 (12), (New Year), Jan 4-8 (17),
        # 11-15 (22), (MLK), 19, 20, Thu 21 (25) → Thu 2027-01-21
        "arbitration_invocation": D(2027, 1, 21),
    }
    assert t.milestone("institutional_resolution").actor == "OELMR"
    assert t.milestone("institutional_resolution").cite == "Art. 43 §8.b(1)"
    # the resolution period ends on a fixed date, so the invocation date is certain (open, not projected)
    assert [m.status for m in t.milestones] == ["done_on_time", "open", "open"]
    single = timeline(replace(g, agencies="single"), contract, D(2026, 12, 1))
    assert dues(single) == dues(t)
    assert single.milestone("institutional_resolution").cite == "Art. 43 §8.b(2)"
    assert single.milestone("institutional_resolution").actor == "Administrative Officer"


def test_union_institutional_with_learned_only_says_so(contract):
    """Art. 43 §8.b(3): without an occurrence date the learned date is used as the occurrence, with a note."""
    t = timeline(Grievance(learned=D(2026, 11, 18), path="union-institutional"), contract, D(2026, 11, 23))
    assert t.milestone("institutional_filing").due == D(2026, 12, 17)
    assert any("occurrence" in n and "§8.b(3)" in n for n in t.notes)


def test_resolved_institutional_grievance_needs_no_invocation(contract):
    g = Grievance(learned=D(2026, 11, 18), path="union-institutional", filed=D(2026, 11, 30), resolved=D(2026, 12, 10))
    t = timeline(g, contract, D(2026, 12, 11))
    assert t.names == ["institutional_filing", "institutional_resolution"]
    assert t.milestone("institutional_resolution").status == "done_on_time"  # resolved by Mon 12-14
    assert any("Resolved" in n for n in t.notes)


def test_union_filed_grievances_consolidated_across_agencies(contract):
    """Art. 43 §8.c(2)(c): consolidated at Step 2 with OELMR; 10 workdays from the consolidation, then 25."""
    g = Grievance(learned=D(2026, 11, 18), consolidation="multi-agency", filed=D(2026, 11, 30),
                  consolidated=D(2026, 12, 1))
    t = timeline(g, contract, D(2026, 12, 1))
    assert t.names == ["step1_filing", "consolidated_resolution", "arbitration_invocation"]
    # consolidated Tue 12-1: Wed 2 .. Fri 4 (3), Mon 7-Fri 11 (8), Mon 14, Tue 15 (10) → Tue 12-15
    assert t.milestone("consolidated_resolution").due == D(2026, 12, 15)
    # 25 after Tue 12-15: 16, 17, 18 (3), 21-24 (7), 28-31 (11), Jan 4-8 (16), 11-15 (21), (MLK), 19, 20, 21,
    # Fri 22 (25) → Fri 2027-01-22
    inv = t.milestone("arbitration_invocation")
    assert (inv.due, inv.cite, inv.status) == (D(2027, 1, 22), "Art. 43 §8.c(2)(c)", "open")
    # not consolidated yet: projected from the filing
    t2 = timeline(Grievance(learned=D(2026, 11, 18), consolidation="multi-agency", filed=D(2026, 11, 30)), contract, D(2026, 12, 1))
    assert t2.milestone("consolidated_resolution").status == "projected"
    # single-supervisor consolidation keeps the Section 7 steps (§8.c(1), §8.c(2)(a))
    t3 = timeline(Grievance(learned=D(2026, 11, 18), consolidation="single-agency"), contract, D(2026, 11, 23))
    assert t3.names[:3] == ["step1_filing", "step1_meeting", "step1_decision"]
    assert t3.milestone("step1_decision").actor.startswith("Agency Administrative Officer")


def test_department_grievance_across_new_year_2028(contract):
    """Art. 43 §9 with New Year's Day 2028 observed Fri 2027-12-31 and Christmas observed Fri 2027-12-24."""
    g = Grievance(learned=D(2027, 12, 15), path="department", filed=D(2027, 12, 20))
    t = timeline(g, contract, D(2027, 12, 20))
    assert t.names == ["department_filing", "department_resolution", "arbitration_invocation"]
    assert dues(t) == {
        # Wed 12-15 + 20 workdays (Fri 12-24 and Fri 12-31 skipped) → Fri 2028-01-14
        "department_filing": D(2028, 1, 14),
        # receipt Mon 12-20: Tue 21, Wed 22, Thu 23, (Fri 24), Mon 27, 28, 29, Thu 30 (7), (Fri 31), Mon 1-3,
        # Tue 4, Wed 5 (10) → Wed 2028-01-05
        "department_resolution": D(2028, 1, 5),
        # next 25 after Wed 1-5: Thu 6, Fri 7 (2), 10-14 (7), (Mon 1-17 MLK), 18-21 (11), 24-28 (16), 31 (17),
        # Feb 1-4 (21), 7, 8, 9, Thu 10 (25) → Thu 2028-02-10
        "arbitration_invocation": D(2028, 2, 10),
    }
    assert t.milestone("department_filing").actor == "Director of OELMR"
    assert t.milestone("arbitration_invocation").actor.startswith("Department")
    assert t.milestone("department_resolution").consequence_cite == "Art. 43 §9"


def test_removal_stay_across_juneteenth_observed_friday(contract):
    """Art. 43 §14.a: grieve within 5 workdays of the removal decision; Step 1 waived; Art. 44 §3.d hearing."""
    g = Grievance(learned=D(2027, 6, 14), path="removal-stay", filed=D(2027, 6, 22))
    t = timeline(g, contract, D(2027, 6, 23))
    assert t.names == ["stay_filing", "step2_meeting", "step2_decision", "arbitration_invocation",
                       "arbitrability_notice", "arbitration_hearing", "stay_ends"]
    assert dues(t) == {
        # decision received Mon 6-14: Tue 15, Wed 16, Thu 17, (Fri 6-18 Juneteenth observed), Mon 21, Tue 22
        "stay_filing": D(2027, 6, 22),
        # filed Tue 6-22: 23, 24, 25 (3), 28-Jul 2 (8), (Mon 7-5 Independence Day observed), Tue 6, Wed 7 (10)
        "step2_meeting": D(2027, 7, 7),
        # 5 after Wed 7-7: Thu 8, Fri 9, Mon 12, Tue 13, Wed 14
        "step2_decision": D(2027, 7, 14),
        # 25 after Wed 7-14: 15, 16 (2), 19-23 (7), 26-30 (12), Aug 2-6 (17), 9-13 (22), 16, 17, Wed 18 (25)
        "arbitration_invocation": D(2027, 8, 18),
        # 20 after invocation: 19, 20 (2), 23-27 (7), 30, 31, Sep 1-3 (12), (Labor Day 9-6), 7-10 (16), 13-16 (20)
        # = Thu 9-16; but at least 10 workdays before the latest hearing Fri 9-17: Thu 16 (1), 15, 14, 13,
        # Fri 10 (5), 9, 8, Tue 7 (8), (Mon 6 Labor Day), Fri 3 (9), Thu 9-2 (10) → the earlier, Thu 9-2
        "arbitrability_notice": D(2027, 9, 2),
        # 30 calendar days after Wed 8-18 = Fri 9-17 (a workday)
        "arbitration_hearing": D(2027, 9, 17),
        # three months beginning with the filing Tue 6-22: the last day stayed is Tue 9-21 (the day before the
        # same date, grievance.removal_stay_end); the removal may take effect Wed 9-22
        "stay_ends": D(2027, 9, 21),
    }
    hearing = t.milestone("arbitration_hearing")
    assert hearing.cite == "Art. 44 §3.d"
    assert [f.id for f in hearing.flaws] == ["art44_cites_section13_for_stays"]
    assert "Section 13" in hearing.explain() and "§14" in hearing.explain()
    assert t.milestone("stay_filing").status == "done_on_time"
    assert any("§14.a" in n for n in t.notes)


def test_removal_stay_step2_waived_and_late_filing(contract):
    """§14.a: Step 2 may also be waived; a late stay filing loses the stay (not §12 termination)."""
    g = Grievance(learned=D(2027, 6, 14), path="removal-stay", filed=D(2027, 6, 22), waivers=(_waiver("step2"),))
    t = timeline(g, contract, D(2027, 6, 23))
    assert t.names == ["stay_filing", "arbitration_invocation", "arbitrability_notice", "arbitration_hearing", "stay_ends"]
    # 25 after Tue 6-22: 23, 24, 25 (3), 28-Jul 2 (8), (Jul 5), 6-9 (12), 12-16 (17), 19-23 (22), 26, 27, Wed 28
    assert t.milestone("arbitration_invocation").due == D(2027, 7, 28)
    late = timeline(Grievance(learned=D(2027, 6, 14), path="removal-stay"), contract, D(2027, 6, 23))
    f = late.milestone("stay_filing")
    assert (f.status, f.consequence_cite) == ("missed", "Art. 43 §14.a")
    assert late.terminated is None


def test_removal_stay_start_reading_and_month_ends(contract):
    """grievance.removal_stay_start, and three months to a shorter month's last day (Art. 43 §14.a)."""
    alt = contract.with_interpretations({"grievance.removal_stay_start": "from_decision_receipt"})
    t = timeline(Grievance(learned=D(2027, 6, 14), path="removal-stay", filed=D(2027, 6, 22)), alt, D(2027, 6, 23))
    assert t.milestone("stay_ends").due == D(2027, 9, 13)  # three months beginning Mon 6-14: last day stayed Mon 9-13
    assert add_months(D(2026, 11, 30), 3) == D(2027, 2, 28)
    assert add_months(D(2027, 11, 30), 3) == D(2028, 2, 29)  # leap year
    assert add_months(D(2027, 10, 31), 3) == D(2028, 1, 31)


def test_arbitrability_notice_after_invocation_and_before_hearing(contract):
    """Art. 43 §11 (and Art. 44 §9): no later than 20 workdays after invocation, at least 10 before the hearing."""
    base = dict(learned=D(2026, 11, 18), filed=D(2026, 11, 30), step1_meeting=D(2026, 12, 4),
                step1_decision=D(2026, 12, 10), step2_appeal=D(2026, 12, 22), step2_meeting=D(2027, 1, 6),
                step2_decision=D(2027, 1, 12), invoked=D(2027, 2, 4))
    t = timeline(Grievance(**base), contract, D(2027, 2, 5))
    assert t.names[-3:] == ["arbitration_invocation", "arbitrability_notice", "arbitration_hearing"]
    # 90 calendar days after Thu 2-4: Feb 28 (24), Mar 31 (55), Apr 30 (85), May 5 (90) → Wed 2027-05-05
    assert t.milestone("arbitration_hearing").due == D(2027, 5, 5)
    assert t.milestone("arbitration_hearing").cite == "Art. 44 §3.c"
    # 20 after Thu 2-4: Fri 5 (1), 8-12 (6), (Mon 2-15), 16-19 (10), 22-26 (15), Mar 1-5 (20) → Fri 3-5;
    # 10 workdays before the latest hearing Wed 5-5 is Wed 4-21, later, so Fri 3-5 applies
    note = t.milestone("arbitrability_notice")
    assert (note.due, note.cite, note.actor) == (D(2027, 3, 5), "Art. 43 §11", "Either party")
    # a hearing scheduled for Wed 3-10: 10 before = Tue 9, Mon 8, Fri 5, 4, 3, 2, Mon 1 (7), Fri 2-26, 25, Wed 2-24
    t2 = timeline(Grievance(**base, hearing=D(2027, 3, 10)), contract, D(2027, 2, 5))
    note2 = t2.milestone("arbitrability_notice")
    assert (note2.due, note2.status) == (D(2027, 2, 24), "open")
    assert t2.milestone("arbitration_hearing").status == "open"
    assert any("Scheduled for Wed 2027-03-10" in n for n in t2.milestone("arbitration_hearing").notes)
    # a hearing set for Thu 2-11, 5 workdays after invocation: the 10-workday notice is impossible, and said so
    t4 = timeline(Grievance(**base, hearing=D(2027, 2, 11)), contract, D(2027, 2, 5))
    assert any("less than 10 workdays after the invocation" in n for n in t4.milestone("arbitrability_notice").notes)
    dept = contract.with_interpretations({"grievance.arbitrability_notice_party": "department_only"})
    assert timeline(Grievance(**base), dept, D(2027, 2, 5)).milestone("arbitrability_notice").actor == "The Department (Art. 44 §9)"
    # expedited arbitration: hearing within 30 calendar days (Art. 44 §3.e): Thu 2-4 + 30 = Sat 3-6 → the
    # hearing limit roll (arbitration.hearing_limit_roll, default backward) moves it to Fri 3-5
    t3 = timeline(Grievance(**base, expedited=True), contract, D(2027, 2, 5))
    assert t3.milestone("arbitration_hearing").cite == "Art. 44 §3.e"
    assert t3.milestone("arbitration_hearing").due == contract.deadline("arbitration.hearing_expedited", D(2027, 2, 4)).due


def _waiver(step, on=None):
    from lmcore.grievance import Waiver

    return Waiver(step, on)
