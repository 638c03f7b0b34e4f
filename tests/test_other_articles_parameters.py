"""Every number of the leave, flexiplace, space, committees, bargaining, facilities, duration, transit and child care
groups of parameters.yaml feeds an answer: a copy of the contract folder with that one value changed gives another
answer through lmcore's public API (or the parameter says in the file why it is informational). Then hand-worked
cases on changed copies: the new number reaches the date, the amount and the words of the message."""
from __future__ import annotations

import datetime as dt
import json
from typing import Any, Callable

import pytest
import yaml

from lmcore import LmcoreError, load_contract
from lmcore.bargaining import Agreement, plan
from lmcore.bargaining.committees import committees, schedule
from lmcore.bargaining.contract_calendar import contract_calendar
from lmcore.bargaining.facilities import (Building, bulletin_boards, entitlements, meeting_room_request_due, visitor_parking_request_due,
                                          working_space)
from lmcore.bargaining.levels import bargaining_level
from lmcore.contract.loading import BUNDLED
from lmcore.flexiplace import (arrangement_type, clocks, equipment_notice, inability_shown_from, inspection_notice, recall_notice,
                               termination_notice)
from lmcore.flexiplace.forms import work_agreement
from lmcore.leave import (advance_sick_leave, appointed_union_leave, blood_donation, charge_for_absence, child_rearing_leave,
                          civil_defense, cpa_exam, extended_lwop, leave_restriction, medical_certificate, military_funeral,
                          project_year_end, registration_leave, restoration_check, restoration_request_deadline, voting_leave,
                          voting_trip)
from lmcore.subsidies import Child, childcare_subsidy, transit_subsidy
from modified_contract import copy_with

D = dt.date
GROUPS = ("leave", "flexiplace", "space", "committees", "bargaining", "facilities", "duration", "transit", "childcare")


def show(fn: Callable[[Any], Any], contract: Any) -> str:
    """The public answer as text: its JSON form (or explanation), or the one-line error it raises."""
    try:
        r = fn(contract)
    except LmcoreError as exc:
        return f"error: {exc}"
    if isinstance(r, (list, tuple)):
        return "\n".join(show(lambda _c, x=x: x, contract) for x in r)
    for attr in ("to_dict", "explain"):
        if hasattr(r, attr):
            try:
                out = getattr(r, attr)()
            except TypeError:
                out = getattr(r, attr)(contract)
            return json.dumps(out, default=str, sort_keys=True) if attr == "to_dict" else out
    return repr(r)


def _row_changed(key: str, i: int, **cells: Any) -> list[dict[str, Any]]:
    """The bundled table `key` with row i's cells changed (a table parameter's value in another unit's folder)."""
    rows = [dict(r) for r in load_contract().value(key)]
    rows[i].update(cells)
    return rows


# (new value, the answer it must change). Inputs are chosen so the change matters.
PROBES: dict[str, tuple[Any, Callable[[Any], Any]]] = {
    # Art. 5
    "leave.annual_increment": (20, lambda c: charge_for_absence(20, "annual", c)),
    "leave.carryover_cap": (250, lambda c: project_year_end(230, D(2026, 11, 23), 5, 16, contract=c)),
    "leave.restoration_above_cap": (250, lambda c: restoration_check(2026, D(2026, 11, 1), True, "illness", False, contract=c)),
    "leave.restoration_request_pay_periods": (4, lambda c: restoration_request_deadline(2026, c)),
    "leave.sick_increment": (20, lambda c: charge_for_absence(20, "sick", c)),
    "leave.medical_certificate_after": (4, lambda c: medical_certificate(D(2026, 11, 16), D(2026, 11, 19), contract=c)),
    "leave.advance_sick_max": (31, lambda c: advance_sick_leave(35, D(2026, 11, 16), D(2026, 11, 27), contract=c)),
    "leave.advance_sick_after": (12, lambda c: advance_sick_leave(5, D(2026, 11, 16), D(2026, 11, 27), contract=c)),
    "leave.restriction_max": (6, lambda c: leave_restriction(D(2027, 1, 15), contract=c)),
    "leave.restriction_extension_max": (5, lambda c: leave_restriction(D(2027, 1, 15), 4, [5], contract=c)),
    "leave.union_appointed_leave": (2, lambda c: appointed_union_leave(D(2027, 1, 4), contract=c)),
    "leave.union_appointed_leave_max": (3, lambda c: appointed_union_leave(D(2027, 1, 4), contract=c)),
    "leave.union_appointed_leave_max_people": (4, lambda c: appointed_union_leave(D(2027, 1, 4), on_leave_now=3, contract=c)),
    "leave.lwop_extended_max": (2, lambda c: extended_lwop(D(2027, 1, 4), D(2028, 1, 10), contract=c)),
    "leave.voting_polls_before_work": (1, lambda c: voting_leave("07:00", "19:00", "08:30", "17:00", contract=c)),
    "leave.voting_polls_after_work": (1, lambda c: voting_leave("07:00", "19:00", "08:30", "17:00", contract=c)),
    "leave.voting_hours": (2, lambda c: voting_leave("07:00", "19:00", "08:30", "17:00", contract=c)),
    "leave.voting_max": (2, lambda c: voting_leave("07:00", "19:00", "08:30", "17:00", contract=c)),
    "leave.voting_travel_days": (2, lambda c: voting_trip(1.5, contract=c)),
    "leave.voting_travel_charge_after": (2, lambda c: voting_trip(1.5, contract=c)),
    "leave.registration_round_trip_days": (2, lambda c: registration_leave(1.5, nonworkday_possible=True, contract=c)),
    "leave.civil_defense_hours": (41, lambda c: civil_defense(50, contract=c)),
    "leave.military_funeral_hours": (5, lambda c: military_funeral(contract=c)),
    "leave.blood_donation_hours": (5, lambda c: blood_donation(D(2026, 11, 19), contract=c)),
    "leave.blood_donation_per_month": (2, lambda c: blood_donation(D(2026, 11, 19), 4, [D(2026, 11, 2)], contract=c)),
    "leave.cpa_exam_workdays": (4, lambda c: cpa_exam(D(2026, 11, 23), contract=c)),
    "leave.child_rearing_max": (3, lambda c: child_rearing_leave(D(2027, 1, 4), D(2029, 6, 1), contract=c)),
    # Art. 10
    "flexiplace.informal_days": (2, lambda c: arrangement_type(False, False, 1.5, contract=c)),
    "flexiplace.decision": (20, lambda c: clocks(D(2026, 11, 23), contract=c)),
    "flexiplace.start": (45, lambda c: clocks(D(2026, 11, 23), agreement_completed=D(2026, 12, 1), contract=c)),
    "flexiplace.tour_hours": (9, lambda c: work_agreement({"flexitime": False, "tour_from": "08:00", "tour_to": "16:30"}, contract=c)),
    "flexiplace.equipment_notice": (48, lambda c: equipment_notice("2026-12-02 09:00", contract=c)),
    "flexiplace.recall_notice": (48, lambda c: recall_notice("2026-12-02 09:00", contract=c)),
    "flexiplace.inability_shown_after": (120, lambda c: inability_shown_from(D(2026, 11, 23), c)),
    "flexiplace.termination_notice": (7, lambda c: termination_notice(D(2026, 12, 14), contract=c)),
    "flexiplace.committee_members": (4, lambda c: committees(c)),
    "flexiplace.inspection_notice": (48, lambda c: inspection_notice("2026-12-02 09:00", contract=c)),
    # Art. 29, 35, 36
    "space.working_space_min": (64, lambda c: working_space(62, c)),
    "space.negotiation_request": (7, lambda c: plan(D(2026, 11, 23), "space", "agency", c)),
    "committees.agency_lmrc_members": (6, lambda c: committees(c)),
    "committees.agency_lmrc_meetings_per_year": (12, lambda c: schedule("agency_lmrc", D(2027, 1, 1), D(2027, 12, 31), c)),
    "committees.osec_as_one_agency": (2, lambda c: bargaining_level("organizational_change", 0, 3, c)),
    "committees.osec_lmrc_meetings_per_year": (12, lambda c: committees(c)),
    "committees.department_lmrc_members": (6, lambda c: committees(c)),
    "committees.department_lmrc_meetings_per_year": (2, lambda c: schedule("department_lmrc", D(2027, 1, 1), D(2027, 12, 31), c)),
    "committees.org_change_negotiation_request": (7, lambda c: plan(D(2026, 11, 23), "organizational_change", "agency", c)),
    "committees.org_change_departmental_level_agencies": (2, lambda c: bargaining_level("organizational_change", 2, 0, c)),
    "committees.bargaining_committee_members": (7, lambda c: committees(c)),
    "bargaining.departmental_meetings_per_year": (6, lambda c: schedule("departmental_bargaining", D(2027, 1, 1), D(2027, 12, 31), c)),
    "bargaining.agenda_notice": (45, lambda c: plan(D(2026, 11, 23), "space", "department", c)),
    "bargaining.agenda_meeting": (7, lambda c: plan(D(2026, 11, 23), "space", "department", c)),
    "bargaining.session_max_days": (3, lambda c: plan(D(2026, 11, 23), "space", "department", c)),
    "bargaining.agency_negotiations_start": (20, lambda c: plan(D(2026, 11, 23), "space", "agency", c)),
    "bargaining.agency_session_max_days": (3, lambda c: plan(D(2026, 11, 23), "space", "agency", c)),
    "bargaining.agency_level_agencies": (2, lambda c: bargaining_level("space", 2, 0, c)),
    # Art. 46
    "facilities.kiosks": (6, lambda c: bulletin_boards([Building("Union Center Plaza", kiosk=True)], c)),
    "facilities.fpb_bulletin_boards": (3, lambda c: bulletin_boards([Building("Frances Perkins Building", fpb=True)], c)),
    "facilities.bulletin_boards_per_building": (2, lambda c: bulletin_boards([Building("Techworld")], c)),
    "facilities.parking_permits": (4, lambda c: visitor_parking_request_due(D(2026, 12, 9), c)),
    "facilities.visitor_parking_notice": (2, lambda c: visitor_parking_request_due(D(2026, 12, 9), c)),
    "facilities.meeting_room_request": (5, lambda c: meeting_room_request_due(D(2026, 12, 9), c)),
    "facilities.regulation_copies": (2, lambda c: entitlements(c)),
    "facilities.meeting_room_start": ("12:00", lambda c: meeting_room_request_due(D(2026, 12, 9), c, start_time="11:50")),
    "facilities.meeting_room_end": ("14:00", lambda c: meeting_room_request_due(D(2026, 12, 9), c, end_time="13:45")),
    "facilities.full_day_rooms": ("Thursday", lambda c: meeting_room_request_due(D(2026, 12, 3), c, full_day=True)),
    "committees.joint": (_row_changed("committees.joint", 0, meets="quarterly"), lambda c: committees(c)),
    # Art. 47
    "duration.effective_after_ratification": (60, lambda c: contract_calendar(D(2026, 11, 23), c, 3)),
    "duration.term": (4, lambda c: contract_calendar(D(2026, 11, 23), c, 5)),
    "duration.renewal_period": (2, lambda c: contract_calendar(D(2026, 11, 23), c, 6)),
    "duration.reopener_notice_earliest": (120, lambda c: contract_calendar(D(2026, 11, 23), c, 3)),
    "duration.reopener_notice_latest": (45, lambda c: contract_calendar(D(2026, 11, 23), c, 3)),
    "duration.ground_rules_meeting": (15, lambda c: contract_calendar(D(2026, 11, 23), c, 3)),
    # Transit Subsidy, Child Care Subsidy
    "transit.monthly_subsidy": (120, lambda c: transit_subsidy(150, c)),
    "transit.converter_bonus": (10, lambda c: transit_subsidy(150, c, converted_months_ago=2)),
    "transit.converter_months": (2, lambda c: transit_subsidy(150, c, converted_months_ago=2)),
    "transit.certification_per_month": (2, lambda c: contract_calendar(D(2026, 11, 23), c, 1)),
    "childcare.bands": (_row_changed("childcare.bands", 3, percent=45), lambda c: childcare_subsidy(45000, 700, c)),
    "childcare.max_child_age": (12, lambda c: childcare_subsidy(45000, 900, c, children=[Child(13)])),
    "childcare.max_disabled_child_age": (17, lambda c: childcare_subsidy(45000, 900, c, children=[Child(18, disabled=True)])),
    "childcare.tax_threshold": (3000, lambda c: childcare_subsidy(20000, 500, c, tax_year=2025)),
    "childcare.tax_threshold_married_separate": (1000, lambda c: childcare_subsidy(20000, 500, c, tax_year=2025, married_filing_separately=True)),
    "childcare.tax_threshold_law_2026": (5500, lambda c: childcare_subsidy(20000, 500, c, tax_year=2026)),
    "childcare.tax_threshold_married_separate_law_2026": (2000, lambda c: childcare_subsidy(20000, 500, c, tax_year=2026, married_filing_separately=True)),
}


def numeric_parameters() -> list[str]:
    data = yaml.safe_load((BUNDLED / "parameters.yaml").read_text(encoding="utf-8"))["parameters"]
    return [f"{g}.{n}" for g in GROUPS for n, m in data[g].items()
            if isinstance(m["value"], (int, float)) and not isinstance(m["value"], bool)]


def test_every_numeric_parameter_is_probed_or_informational(contract):
    """No number of these groups is left out: each has a probe below, or the file marks it informational with a reason."""
    for key in numeric_parameters():
        p = contract.param(key)
        assert key in PROBES or (p.informational and len(p.informational) > 20), key
        assert not (key in PROBES and p.informational), f"{key} is probed yet marked informational"
    informational = [k for k in numeric_parameters() if contract.param(k).informational]
    assert informational == ["flexiplace.annual_appraisal_period", "flexiplace.technical_advisor_per_agency",
                             "flexiplace.stairs_handrail_min_steps"]


@pytest.mark.parametrize("key", sorted(PROBES))
def test_changing_the_number_changes_the_answer(key, contract, tmp_path):
    value, probe = PROBES[key]
    assert contract.value(key) != value
    before, after = show(probe, contract), show(probe, copy_with(tmp_path, {key: value}))
    assert before != after, f"{key}: {value} instead of {contract.value(key)} changed nothing"


def test_child_care_table_rows_are_read(contract, tmp_path):
    """Child Care Subsidy ¶b: the $40,000–$49,999 row at 45% instead of 40%: 45% of $900 = $405, over the $350 cap → $350;
    at $700: 40% = $280 before, 45% = $315 after."""
    bands = [dict(r) for r in contract.value("childcare.bands")]
    bands[3]["percent"] = 45
    other = copy_with(tmp_path, {"childcare.bands": bands})
    assert childcare_subsidy(45000, 700, contract).monthly_subsidy == 280
    assert childcare_subsidy(45000, 700, other).monthly_subsidy == 315


# -- hand-worked cases on changed copies -------------------------------------------------------------------
def test_agenda_notice_of_45_days_art36_2b(tmp_path):
    """Art. 36 §2.b with 45 days instead of 30: start Mon 2027-03-08; 7 days back is Mon 03-01, 28 more is Mon 02-01,
    10 more is Fri 2027-01-22 (45 days), a workday → due Fri 2027-01-22; the message says 45."""
    from lmcore.bargaining import agenda_notice_due

    d = agenda_notice_due(D(2027, 3, 8), copy_with(tmp_path, {"bargaining.agenda_notice": 45}))
    assert d.due == D(2027, 1, 22)
    assert "Counted 45 calendar days before Mon 2027-03-08" in d.explain()


def test_full_day_rooms_on_another_weekday_art46_7(tmp_path, contract):
    """The full-day rooms on Thursdays: Thu 2026-12-03 is accepted (3 workdays before: Mon 11-30), Wed 2026-12-02 refused
    with the Thursday named; the bundled contract refuses the Thursday."""
    other = copy_with(tmp_path, {"facilities.full_day_rooms": "Thursday"})
    r = meeting_room_request_due(D(2026, 12, 3), other, full_day=True)
    assert (r.rooms, r.deadline.due) == ("Room N-4437 A, B and C", D(2026, 11, 30))
    with pytest.raises(LmcoreError, match="is not a Thursday"):
        meeting_room_request_due(D(2026, 12, 2), other, full_day=True)
    with pytest.raises(LmcoreError, match="is not a Wednesday"):
        meeting_room_request_due(D(2026, 12, 3), contract, full_day=True)


def test_lunch_room_hours_come_from_the_file_art46_7(tmp_path):
    """Room hours 12:00–14:00: a 13:45 end is inside, 11:50 outside, and the message names 12:00–14:00."""
    other = copy_with(tmp_path, {"facilities.meeting_room_start": "12:00", "facilities.meeting_room_end": "14:00"})
    assert meeting_room_request_due(D(2026, 12, 9), other, start_time="12:00", end_time="13:45").hours == "12:00–14:00"
    with pytest.raises(LmcoreError, match="outside 12:00–14:00"):
        meeting_room_request_due(D(2026, 12, 9), other, start_time="11:50")


def test_two_boards_per_building_art46_2c(tmp_path):
    """Two boards in each building without a kiosk: FPB 2 (its own) + Techworld 2 + Union Center Plaza 0 (kiosk) = 4."""
    other = copy_with(tmp_path, {"facilities.bulletin_boards_per_building": 2})
    r = bulletin_boards([Building("FPB", fpb=True), Building("Techworld"), Building("Union Center Plaza", kiosk=True)], other)
    assert r.amount == 4 and "Techworld: 2 (2 in each building" in r.explain()


def test_visitor_parking_two_days_ahead_art46_4b(tmp_path, contract):
    """Need on Wed 2026-12-09: one day ahead is Tue 12-08; two days ahead Mon 12-07."""
    assert visitor_parking_request_due(D(2026, 12, 9), contract).deadline.due == D(2026, 12, 8)
    assert visitor_parking_request_due(D(2026, 12, 9), copy_with(tmp_path, {"facilities.visitor_parking_notice": 2})).deadline.due == D(2026, 12, 7)


def test_voting_windows_before_and_after_are_two_numbers_art5_7d1(tmp_path, contract):
    """Polls 07:00–19:00, tour 08:30–17:00: open 1 h 30 before and 2 h after work. With 3 h each (bundled): leave 1 h
    (leave at 16:00). With the after-work window at 2 h, 2 h after is enough: no leave, and the answer says '2 hours after'."""
    assert voting_leave("07:00", "19:00", "08:30", "17:00", contract=contract).minutes == 60
    r = voting_leave("07:00", "19:00", "08:30", "17:00", contract=copy_with(tmp_path, {"leave.voting_polls_after_work": 2}))
    assert not r.eligible and "at least 3 hours before or 2 hours after" in r.answer()


def test_monthly_committee_art35_4(tmp_path):
    """Department LMR Committee meeting 12 times a year: the 2nd Tuesday of every month of 2027, Jan 12 … Dec 14."""
    other = copy_with(tmp_path, {"committees.department_lmrc_meetings_per_year": 12})
    ms = schedule("department_lmrc", D(2027, 1, 1), D(2027, 12, 31), other)
    assert len(ms) == 12 and (ms[0].day, ms[-1].day) == (D(2027, 1, 12), D(2027, 12, 14))
    assert ms[4].period == "2027-05" and "of each month" in ms[0].assumption
    assert "meets at least monthly" in next(c for c in committees(other) if c.key == "department_lmrc").frequency()


def test_longer_restriction_and_messages_art5_3c(tmp_path):
    """Six months' restriction from Fri 2027-01-15 (the default length is the file's limit) ends Wed 2027-07-14; a 7-month
    first period is refused with '6 months' in the message."""
    other = copy_with(tmp_path, {"leave.restriction_max": 6})
    assert leave_restriction(D(2027, 1, 15), contract=other).end == D(2027, 7, 14)
    with pytest.raises(LmcoreError, match="no longer than 6 months"):
        leave_restriction(D(2027, 1, 15), 7, contract=other)


def test_flexiplace_messages_carry_the_files_numbers_art10(tmp_path):
    """20-day decisions and 7-workday termination notice: the answers say 20 and 7, never 15 and 5."""
    other = copy_with(tmp_path, {"flexiplace.decision": 20, "flexiplace.termination_notice": 7})
    assert "(20 days + 5 agreed)" in clocks(D(2026, 11, 23), extended_by=5, contract=other).answer()
    t = termination_notice(D(2026, 12, 14), D(2026, 12, 10), contract=other)
    assert "7 workdays before" in t.answer() and "less than 7." in t.answer()


def test_five_year_term_art47_2(tmp_path):
    """A five-year term: ratified Mon 2026-11-23, effective Wed 2026-12-23, expires the day before the 5th anniversary,
    Mon 2031-12-22; the calendar's default length is the term, and the entry is called the five-year term."""
    other = copy_with(tmp_path, {"duration.term": 5})
    cal = contract_calendar(D(2026, 11, 23), other)
    assert cal.years == 5
    assert {e.title: e.day for e in cal.entries}["Expiration of the five-year term"] == D(2031, 12, 22)


def test_agreed_change_outside_bargaining_is_refused_for_any_unit(tmp_path):
    """Issue 14: --agreed grievance.step1_filing=5 is a time limit of Art. 43, not a bargaining time frame (Art. 36 §4)."""
    with pytest.raises(LmcoreError, match=r"grievance\.step1_filing.*Art\. 43 §7\.a\(1\).*not a time frame"):
        plan(D(2026, 11, 23), "space", "agency", load_contract(), agreements=(Agreement("grievance.step1_filing", 5),))
