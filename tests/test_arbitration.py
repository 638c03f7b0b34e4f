"""Art. 44 deadlines of an invoked case, case types (§7) and the cost split (§2, §3.f), worked out by hand.

Holidays used below: Thanksgiving Thu 2026-11-26, Christmas Fri 2026-12-25, New Year's Day Fri 2027-01-01,
Martin Luther King Jr. Day Mon 2027-01-18, Washington's Birthday Mon 2027-02-15.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lmcore.arbitration import KINDS, MILESTONES, classify, milestones, split_costs
from lmcore.errors import InvalidDate, InvalidInput, OutOfRange

D = dt.date


def dues(s):
    return {m.name: m.due for m in s.milestones}


# -- regular (§3.c) ---------------------------------------------------------------------------------
def test_regular_hearing_limit_rolls_back_from_washingtons_birthday_art44_3c(contract):
    # invoked Tue 2026-11-17; +90 calendar days: Nov 18..30 = 13, Dec = 31 (44), Jan = 31 (75), Feb 1..15 = 15 (90)
    # → Mon 2027-02-15 Washington's Birthday; hearing_limit_roll=backward (weekend before) → Fri 2027-02-12
    s = milestones(D(2026, 11, 17), "regular", contract)
    hb = s["hearing_by"]
    assert hb.due == D(2027, 2, 12) and hb.cite == "Art. 44 §3.c"
    assert hb.deadline.interpretations[0].id == "arbitration.hearing_limit_roll"
    # no hearing date: the prehearing meetings count back from the last allowed day, Fri 2027-02-12
    # §5.a: Thu 11(1) Wed 10(2) Tue 9(3) Mon 8(4) Fri 5(5) Thu 4(6) Wed 3(7) Tue 2(8) Mon 1(9) Fri 1-29(10)
    #       Thu 28(11) Wed 27(12) Tue 26(13) Mon 25(14) → Mon 2027-01-25
    # §5.b: Thu 11(1) Wed 10(2) Tue 9(3) Mon 8(4) Fri 5(5) → Fri 2027-02-05
    assert dues(s)["prehearing_meeting"] == D(2027, 1, 25)
    assert dues(s)["exchange_meeting"] == D(2027, 2, 5)
    assert "no hearing date given" in s["prehearing_meeting"].basis
    assert "decision" not in dues(s)


@pytest.mark.parametrize("roll,due", [("none", D(2027, 2, 15)), ("forward", D(2027, 2, 16)), ("backward", D(2027, 2, 12))])
def test_hearing_limit_roll_is_switchable_art44_3c(contract, roll, due):
    # day 90 after Tue 2026-11-17 is Mon 2027-02-15 (Washington's Birthday): none keeps it, forward → Tue 02-16
    c = contract.with_interpretations({"arbitration.hearing_limit_roll": roll})
    assert milestones(D(2026, 11, 17), "regular", c)["hearing_by"].due == due


def test_regular_with_hearing_and_record_across_mlk_and_new_year_art44_5_8e_9(contract):
    # invoked Tue 2026-11-17, hearing Tue 2027-01-19, record closed Fri 2027-02-12
    s = milestones(D(2026, 11, 17), "regular", contract, hearing=D(2027, 1, 19), record_closed=D(2027, 2, 12))
    d = dues(s)
    # §5.a 14 workdays before Tue 01-19: Mon 01-18 MLK skipped; Fri 15(1) Thu 14(2) Wed 13(3) Tue 12(4) Mon 11(5)
    #   Fri 8(6) Thu 7(7) Wed 6(8) Tue 5(9) Mon 4(10); Fri 01-01 New Year skipped; Thu 12-31(11) Wed 30(12)
    #   Tue 29(13) Mon 28(14) → Mon 2026-12-28
    assert d["prehearing_meeting"] == D(2026, 12, 28)
    # §5.b 5 workdays before: MLK skipped; Fri 15(1) Thu 14(2) Wed 13(3) Tue 12(4) Mon 11(5) → Mon 2027-01-11
    assert d["exchange_meeting"] == D(2027, 1, 11)
    # §9: 20 workdays after Tue 11-17: Wed 18(1) Thu 19(2) Fri 20(3) Mon 23(4) Tue 24(5) Wed 25(6), Thanksgiving
    #   Thu 26 skipped, Fri 27(7) Mon 30(8) Tue 12-1(9) Wed 2(10) Thu 3(11) Fri 4(12) Mon 7(13) Tue 8(14) Wed 9(15)
    #   Thu 10(16) Fri 11(17) Mon 14(18) Tue 15(19) Wed 16(20) → Wed 2026-12-16;
    #   10 workdays before the hearing = Mon 2027-01-04 (Fri 15 .. Mon 4, MLK skipped); the earlier binds
    m = s["arbitrability_notice"]
    assert m.due == D(2026, 12, 16) and m.other.due == D(2027, 1, 4)
    # §8.e: Fri 2027-02-12 + 30 calendar days: Feb 13..28 = 16, Mar 1..14 = 14 → Sun 2027-03-14, decision_roll=none
    assert d["decision"] == D(2027, 3, 14) and s["decision"].cite == "Art. 44 §8.e"
    assert s["hearing_by"].on_time is True and s.flaws == ()


@pytest.mark.parametrize("roll,due", [("none", D(2027, 3, 14)), ("forward", D(2027, 3, 15)), ("backward", D(2027, 3, 12))])
def test_award_roll_is_a_separate_reading_art44_8e(contract, roll, due):
    # Sun 2027-03-14 is the 30th day after the record closed Fri 2027-02-12
    c = contract.with_interpretations({"arbitration.decision_roll": roll})
    s = milestones(D(2026, 11, 17), "regular", c, record_closed=D(2027, 2, 12))
    assert s["decision"].due == due
    assert s["hearing_by"].due == D(2027, 2, 12)  # the hearing reading is untouched


# -- expedited (§3.e, §8.c) -------------------------------------------------------------------------
def test_expedited_limit_on_christmas_rolls_back_art44_3e(contract):
    # invoked Wed 2026-11-25; +30: Nov 26..30 = 5, Dec 1..25 = 25 → Fri 2026-12-25 Christmas → backward Thu 12-24
    s = milestones(D(2026, 11, 25), "expedited", contract)
    d = dues(s)
    assert d["hearing_by"] == D(2026, 12, 24) and s["hearing_by"].cite == "Art. 44 §3.e"
    # §5.a 14 before Thu 12-24: Wed 23(1) Tue 22(2) Mon 21(3) Fri 18(4) Thu 17(5) Wed 16(6) Tue 15(7) Mon 14(8)
    #   Fri 11(9) Thu 10(10) Wed 9(11) Tue 8(12) Mon 7(13) Fri 4(14) → Fri 2026-12-04
    assert d["prehearing_meeting"] == D(2026, 12, 4)
    # §5.b 5 before: Wed 23(1) Tue 22(2) Mon 21(3) Fri 18(4) Thu 17(5) → Thu 2026-12-17
    assert d["exchange_meeting"] == D(2026, 12, 17)
    # §9: 20 workdays after Wed 11-25 (Thanksgiving Thu 26 skipped: Fri 27 is day 1) → Thu 12-24;
    #   10 before the hearing: Wed 23(1) .. Thu 10(10) → Thu 2026-12-10, which binds
    assert d["arbitrability_notice"] == D(2026, 12, 10)
    assert s["arbitrability_notice"].other.due == D(2026, 12, 24)
    assert [w for w, c in s.notes if c == "Art. 44 §7.e(2)"]  # no transcript, no briefs


def test_expedited_decision_five_calendar_days_art44_8c(contract):
    # hearing Tue 2026-12-22 + 5 calendar days → Sun 2026-12-27 (decision_roll=none: the arbitrator writes any day)
    s = milestones(D(2026, 11, 25), "expedited", contract, hearing=D(2026, 12, 22))
    assert s["decision"].due == D(2026, 12, 27) and s["decision"].cite == "Art. 44 §8.c"
    c = contract.with_interpretations({"arbitration.decision_roll": "forward"})
    # forward: Sun 12-27 → Mon 2026-12-28
    assert milestones(D(2026, 11, 25), "expedited", c, hearing=D(2026, 12, 22))["decision"].due == D(2026, 12, 28)


# -- stayed removals (§3.d, Art. 43 §14) --------------------------------------------------------------
def test_stayed_removal_skips_new_year_and_shows_the_section13_flaw_art44_3d(contract):
    # invoked Fri 2026-12-04; +30: Dec 5..31 = 27, Jan 1..3 = 3 → Sun 2027-01-03; back: Sat 01-02,
    # Fri 01-01 New Year's Day → Thu 2026-12-31
    s = milestones(D(2026, 12, 4), "stayed", contract, hearing=D(2026, 12, 29))
    d = dues(s)
    assert d["hearing_by"] == D(2026, 12, 31) and s["hearing_by"].cite == "Art. 44 §3.d"
    assert s.roster == "regular"
    # §5.a 14 before Tue 12-29: Mon 28(1), Fri 25 Christmas skipped, Thu 24(2) Wed 23(3) Tue 22(4) Mon 21(5)
    #   Fri 18(6) Thu 17(7) Wed 16(8) Tue 15(9) Mon 14(10) Fri 11(11) Thu 10(12) Wed 9(13) Tue 8(14) → Tue 12-08
    assert d["prehearing_meeting"] == D(2026, 12, 8)
    # §5.b: Mon 28(1) Thu 24(2) Wed 23(3) Tue 22(4) Mon 21(5) → Mon 2026-12-21
    assert d["exchange_meeting"] == D(2026, 12, 21)
    # §9: 20 after Fri 12-04 → Tue 2027-01-05 (Christmas and New Year skipped); 10 before the hearing:
    #   Mon 28(1) Thu 24(2) Wed 23(3) Tue 22(4) Mon 21(5) Fri 18(6) Thu 17(7) Wed 16(8) Tue 15(9) Mon 14(10) → binds
    assert d["arbitrability_notice"] == D(2026, 12, 14)
    assert s["arbitrability_notice"].other.due == D(2027, 1, 5)
    assert [f.id for f in s.flaws] == ["art44_cites_section13_for_stays"]
    assert "Art. 43 §14" in s.flaws[0].reading
    assert s["hearing_by"].on_time is True
    assert "decision" not in d  # the award runs from the close of the record, not given


def test_late_hearing_is_reported_not_hidden_art44_3e(contract):
    # expedited invoked Wed 2026-11-25, limit Thu 12-24; a hearing on Tue 2026-12-29 is 5 calendar days late
    s = milestones(D(2026, 11, 25), "expedited", contract, hearing=D(2026, 12, 29))
    assert s["hearing_by"].on_time is False
    assert "5 calendar day(s) after the limit" in s["hearing_by"].note


def test_hearing_too_soon_for_an_arbitrability_notice_art44_9(contract):
    # invoked Mon 2026-11-30, hearing Fri 12-04: 10 workdays before it: Thu 3(1) Wed 2(2) Tue 1(3) Mon 30(4)
    # Fri 27(5), Thanksgiving Thu 26 skipped, Wed 25(6) Tue 24(7) Mon 23(8) Fri 20(9) Thu 19(10) → before invocation
    s = milestones(D(2026, 11, 30), "expedited", contract, hearing=D(2026, 12, 4))
    assert s["arbitrability_notice"].due == D(2026, 11, 19)
    assert "could not be given in time" in s["arbitrability_notice"].note


# -- bad input -----------------------------------------------------------------------------------------
def test_hearing_before_invocation_is_a_cited_error(contract):
    with pytest.raises(InvalidDate) as e:
        milestones(D(2026, 11, 18), "regular", contract, hearing=D(2026, 11, 1))
    assert e.value.cite == "Art. 44 §3.c" and "2026-11-01" in str(e.value) and e.value.field == "hearing"


def test_record_closed_before_hearing_and_for_expedited_are_errors(contract):
    with pytest.raises(InvalidDate) as e:
        milestones(D(2026, 11, 18), "regular", contract, hearing=D(2027, 1, 5), record_closed=D(2027, 1, 4))
    assert e.value.cite == "Art. 44 §8.e"
    with pytest.raises(InvalidInput) as e:
        milestones(D(2026, 11, 18), "expedited", contract, hearing=D(2026, 12, 1), record_closed=D(2026, 12, 1))
    assert e.value.cite == "Art. 44 §7.e(2)"


def test_unknown_kind_and_bad_date(contract):
    with pytest.raises(InvalidInput) as e:
        milestones(D(2026, 11, 18), "urgent", contract)
    assert "urgent" in str(e.value) and e.value.cite
    with pytest.raises(InvalidDate):
        milestones("2026-02-30", "regular", contract)


# -- case types (§7) ---------------------------------------------------------------------------------------
def test_listed_subjects_go_to_expedited_art44_7b(contract):
    t = classify(["awol", "leave_restriction"], contract)
    assert (t.kind, t.roster) == ("expedited", "expedited")
    assert {c for _, c in t.reasons} == {"Art. 44 §7.b(3)", "Art. 44 §7.b(2)"}


def test_excluded_subjects_never_expedited_even_by_consent_art44_7d(contract):
    t = classify(["suspension_14_days_or_less", "discrimination"], contract, mutual_consent=True)
    assert t.kind == "regular"
    assert ("Mutual consent (§7.c) cannot override §7.d", "Art. 44 §7.d") in t.reasons
    assert any(c == "Art. 44 §7.d(1)" for _, c in t.reasons)


def test_other_subjects_expedited_only_by_mutual_consent_art44_7c(contract):
    assert classify(["suspension_over_14_days"], contract).kind == "regular"
    assert classify(["suspension_over_14_days"], contract, mutual_consent=True).kind == "expedited"


def test_stayed_removal_case_type_carries_the_flaw_art43_14(contract):
    t = classify([], contract, stayed=True)
    assert t.kind == "stayed" and t.roster == "regular"
    assert [f.id for f in t.flaws] == ["art44_cites_section13_for_stays"]


def test_unknown_subject_is_an_error(contract):
    with pytest.raises(InvalidInput) as e:
        classify(["parking"], contract)
    assert e.value.cite == "Art. 44 §7.b" and "awol" in e.value.fix


# -- costs (§2, §3.f) --------------------------------------------------------------------------------------
def test_cost_split_art44_2_and_3f(contract):
    # fees 2,400 + expenses 350 split 50/50 (§2.a): 1,375 each; transcript 400 to the Department (§2.b);
    # cancellation fee 300 asked for by the Union (§3.f) → Union 1,675.00, Department 1,775.00, total 3,450.00
    s = split_costs(contract, fees="2,400.00", expenses=350, transcripts=400, cancellation_fee=300,
                    cancellation_requested_by="union")
    assert (s.union, s.department, s.total) == (Decimal("1675.00"), Decimal("1775.00"), Decimal("3450.00"))
    assert [ln.cite for ln in s.lines] == ["Art. 44 §2.a", "Art. 44 §2.a", "Art. 44 §2.b", "Art. 44 §3.f"]


def test_odd_cent_is_split_exactly(contract):
    # $0.01 in equal proportions is half a cent each, shown rather than rounded away
    s = split_costs(contract, fees="0.01")
    assert s.union == s.department == Decimal("0.005")


def test_cost_errors_name_the_rule(contract):
    with pytest.raises(InvalidInput) as e:
        split_costs(contract, cancellation_fee=100)
    assert e.value.cite == "Art. 44 §3.f"
    with pytest.raises(OutOfRange):
        split_costs(contract, fees=-5)
    with pytest.raises(InvalidInput):
        split_costs(contract, expenses="lots")


# -- properties of the calendar maths -------------------------------------------------------------------------
days = st.dates(min_value=D(2026, 1, 1), max_value=D(2032, 12, 31))


@settings(max_examples=150, deadline=None)
@given(invoked=days, kind=st.sampled_from(KINDS))
def test_hearing_limit_is_the_last_workday_within_the_limit(contract, invoked, kind):
    limit = 90 if kind == "regular" else 30
    s = milestones(invoked, kind, contract)
    hb = s["hearing_by"].due
    cal = contract.calendar
    assert cal.is_workday(hb) and hb <= invoked + dt.timedelta(days=limit)
    # every day after it up to the limit is a weekend, holiday or closure
    assert all(not cal.is_workday(hb + dt.timedelta(days=i)) for i in range(1, (invoked + dt.timedelta(days=limit) - hb).days + 1))


@settings(max_examples=150, deadline=None)
@given(invoked=days, gap=st.integers(1, 120), kind=st.sampled_from(KINDS))
def test_prehearing_milestones_order_and_counts(contract, invoked, gap, kind):
    hearing = invoked + dt.timedelta(days=gap)
    s = milestones(invoked, kind, contract, hearing=hearing)
    cal, d = contract.calendar, dues(s)
    # the meeting is the 14th (5th) workday before the hearing: 13 (4) workdays lie strictly between them
    inside = int(cal.workdays_between(d["prehearing_meeting"], hearing)) - bool(cal.is_workday(hearing))
    assert inside == 13
    assert int(cal.workdays_between(d["exchange_meeting"], hearing)) - bool(cal.is_workday(hearing)) == 4
    assert d["prehearing_meeting"] < d["exchange_meeting"] < hearing
    a = s["arbitrability_notice"]
    assert a.due == min(a.due, a.other.due) and {a.due, a.other.due} == {
        cal.add_workdays(invoked, 20), cal.add_workdays(hearing, -10)}
    assert set(d) <= set(MILESTONES)


# -- issue 13: rules read from the contract, §5 meetings before the invocation --------------------------------------
def test_prehearing_meeting_before_the_invocation_is_flagged_art44_5a(contract):
    """Invoked Wed 2026-11-25, expedited hearing set for Fri 12-04: 14 workdays before it is Fri 2026-11-13
    (Dec 3, 2, 1, Nov 30 (4), 27 (5), (Thanksgiving), 25, 24, 23 (8), 20-16 (13), Fri 11-13 (14)) — before the invocation."""
    s = milestones(D(2026, 11, 25), "expedited", contract, hearing=D(2026, 12, 4))
    pre = s["prehearing_meeting"]
    assert (pre.due, pre.feasible) == (D(2026, 11, 13), False)
    assert "less than 14 workdays after the invocation" in pre.note and pre.to_dict()["feasible"] is False
    # 5 workdays before Fri 12-4: Thu 3, Wed 2, Tue 1, Mon 11-30, Fri 11-27 (Thanksgiving skipped): after the invocation
    assert (s["exchange_meeting"].due, s["exchange_meeting"].feasible) == (D(2026, 11, 27), True)
    assert s["arbitrability_notice"].feasible is False
    # the regular track gives time: all feasible
    assert all(m.feasible for m in milestones(D(2026, 11, 25), "regular", contract).milestones)


def test_suspension_length_decides_the_track_art44_7b1(contract):
    """§7.b(1): suspensions of fourteen (14) days or less are expedited; longer ones need consent (§7.c)."""
    assert classify([], contract, suspension_days=14).kind == "expedited"
    assert classify([], contract, suspension_days=15).kind == "regular"
    assert classify([], contract, suspension_days=15, mutual_consent=True).kind == "expedited"
    t = classify([], contract, suspension_days=3)
    assert t.subjects[0].label == "Suspension of 14 days or less"
    with pytest.raises(InvalidInput, match="not a 'suspension_over_14_days' subject"):
        classify(["suspension_over_14_days"], contract, suspension_days=5)
    with pytest.raises(OutOfRange):
        classify([], contract, suspension_days=0)


def test_joint_cancellation_request_and_the_transcript_share_art44_2b_3f(contract):
    # $300 fee, both parties asked: each pays $150 under either reading (§2.a shares are equal): no reading listed
    s = split_costs(contract, cancellation_fee=300, cancellation_requested_by="both")
    assert (s.union, s.department, s.interpretations) == (Decimal("150"), Decimal("150"), ())
    assert s.lines[0].cite == "Art. 44 §3.f" and "Both parties asked" in s.lines[0].rule
    # the Department asked alone: it pays all of it; transcripts go to management whoever asked (§2.b)
    s = split_costs(contract, cancellation_fee=300, cancellation_requested_by="department", transcripts=120)
    assert (s.union, s.department) == (Decimal("0"), Decimal("420"))
    assert s.lines[0].rule.startswith("Management will pay for such transcripts")
    with pytest.raises(InvalidInput, match="union, department or both"):
        split_costs(contract, cancellation_fee=300, cancellation_requested_by="arbitrator")


def test_expedited_notes_name_the_contract_s_numbers_art44_7e(contract):
    notes = milestones(D(2026, 11, 25), "expedited", contract).notes
    assert notes[0] == ('The hearing takes 1 day: "An expedited arbitration hearing will be conducted in one (1) day."',
                        "Art. 44 §7.e(1)")
    assert notes[1][0].startswith("Each party has up to 3 hours:")


def test_readings_of_a_counted_back_meeting_include_the_hearing_limit_s(contract):
    """With no hearing date, §5.a counts back from the last day for the hearing, so the hearing-limit roll decides it
    too (invoked Mon 2026-09-28: day 90 Sun 12-27 rolls back to Thu 12-24, see tests/test_deadlines.py)."""
    s = milestones(D(2026, 9, 28), "regular", contract)
    pre = s["prehearing_meeting"].deadline
    assert set(pre.depends_on) == {"arbitration.hearing_limit_roll", "count.days_before_event"}
    assert {c.id: c.cite for c in pre.interpretations} == {"arbitration.hearing_limit_roll": "Art. 44 §3.c",
                                                          "count.days_before_event": "Art. 44 §5.a"}
