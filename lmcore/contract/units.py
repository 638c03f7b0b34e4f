"""The unit each contract parameter must have: what the code that reads the parameter counts in (issue 14).

A rule is written for one unit — a grievance time limit counts workdays, a flexiplace decision calendar days, a
leave restriction months — so a hand-edited `unit:` that the code would read the wrong way is refused on load, in
any bargaining unit's folder (its keys are the ones lmcore's rules read). A key listed under two units is read
correctly in either. A parameter lmcore's code does not read yet is checked for its shape only; `tests/
test_contract_files.py` fails when a bundled parameter is missing here, so a new rule declares its unit with it.
"""
from __future__ import annotations

# unit → the parameters read in that unit (group.name, as in parameters.yaml)
READ_AS: dict[str, tuple[str, ...]] = {
    "age_years": (
        "childcare.max_child_age", "childcare.max_disabled_child_age",
    ),
    "calendar_days": (
        "flexiplace.decision", "flexiplace.start", "bargaining.agenda_notice", "arbitration.removal_notice_window",
        "arbitration.replacement", "arbitration.hearing_regular", "arbitration.hearing_stayed",
        "arbitration.hearing_expedited", "arbitration.expedited_decision", "arbitration.regular_award",
        "duration.effective_after_ratification", "duration.reopener_notice_earliest", "duration.reopener_notice_latest",
        "facilities.visitor_parking_notice",
    ),
    "count": (
        "leave.union_appointed_leave_max_people", "flexiplace.technical_advisor_per_agency", "flexiplace.committee_members",
        "flexiplace.stairs_handrail_min_steps", "committees.agency_lmrc_members", "committees.osec_as_one_agency",
        "committees.department_lmrc_members", "committees.org_change_departmental_level_agencies",
        "committees.bargaining_committee_members", "grievance.union_grievance_signatures",
        "grievance.consolidation_min_employees", "grievance.consolidated_agencies_more_than", "arbitration.panel_size",
        "arbitration.fmcs_list_size", "arbitration.strike_remaining", "facilities.kiosks", "facilities.fpb_bulletin_boards",
        "facilities.parking_permits", "facilities.regulation_copies", "bargaining.agency_level_agencies",
        "facilities.bulletin_boards_per_building",
    ),
    "days": (
        "leave.advance_sick_max", "leave.advance_sick_after", "leave.voting_max", "leave.voting_travel_days",
        "leave.voting_travel_charge_after", "leave.registration_round_trip_days", "flexiplace.informal_days",
        "flexiplace.inability_shown_after", "bargaining.session_max_days", "bargaining.agency_session_max_days",
        "arbitration.expedited_suspension_max_days", "arbitration.expedited_hearing_days",
    ),
    "fraction": (
        "schedules.credit_carryover_part_time_fraction",
    ),
    "hours": (
        "schedules.basic_work_requirement", "schedules.variable_week_basic_work_requirement",
        "schedules.credit_carryover_full_time", "schedules.core_hours_per_day", "schedules.overtime_daily",
        "schedules.overtime_weekly", "schedules.compressed_full_time_hours", "schedules.compressed_part_time_hours_under",
        "schedules.compressed_5_4_9_hours", "schedules.four_day_week_hours", "schedules.notify_supervisor_over_hours",
        "schedules.office_day_hours", "schedules.flexiplace_tour_hours", "leave.carryover_cap",
        "leave.restoration_above_cap", "leave.voting_polls_before_work", "leave.voting_polls_after_work",
        "leave.voting_hours", "leave.civil_defense_hours", "leave.military_funeral_hours", "leave.blood_donation_hours",
        "flexiplace.tour_hours", "flexiplace.equipment_notice", "flexiplace.recall_notice", "flexiplace.inspection_notice",
        "arbitration.expedited_hours_per_side",
    ),
    "meetings_per_year": (
        "committees.agency_lmrc_meetings_per_year", "committees.osec_lmrc_meetings_per_year",
        "committees.department_lmrc_meetings_per_year", "bargaining.departmental_meetings_per_year",
        "arbitration.case_review_meetings_per_year",
    ),
    "minutes": (
        "schedules.credit_increment", "leave.annual_increment", "leave.sick_increment",
    ),
    "months": (
        "leave.restriction_max", "leave.restriction_extension_max", "grievance.removal_stay_duration",
        "transit.converter_months",
    ),
    "pay_periods": (
        "leave.restoration_request_pay_periods",
    ),
    "per_month": (
        "leave.blood_donation_per_month", "arbitration.reserved_dates_expedited", "arbitration.reserved_dates_regular",
        "transit.certification_per_month",
    ),
    "percent": (
        "arbitration.fee_share", "arbitration.transcripts_department_share", "arbitration.cancellation_fee_requester_share",
    ),
    "square_feet": (
        "space.working_space_min",
    ),
    "table": (
        "childcare.bands", "committees.joint",
    ),
    "time_of_day": (
        "schedules.core_start", "schedules.core_end", "schedules.band_start", "schedules.band_end",
        "schedules.premium_pay_after", "schedules.lunch_earliest_start", "schedules.lunch_latest_end",
        "facilities.meeting_room_start", "facilities.meeting_room_end",
    ),
    "usd": (
        "childcare.tax_threshold", "childcare.tax_threshold_married_separate", "childcare.tax_threshold_law_2026",
        "childcare.tax_threshold_married_separate_law_2026",
    ),
    "usd_per_month": (
        "transit.monthly_subsidy", "transit.converter_bonus",
    ),
    "weekday": (
        "facilities.full_day_rooms",
    ),
    "workdays": (
        "schedules.flexible_schedule_workdays", "schedules.compressed_full_time_workdays_under",
        "schedules.compressed_part_time_workdays_under",
        "schedules.compressed_days_week1", "schedules.compressed_days_week2", "schedules.four_day_week_days",
        "leave.medical_certificate_after", "leave.cpa_exam_workdays", "flexiplace.termination_notice",
        "space.negotiation_request", "committees.org_change_negotiation_request", "bargaining.agenda_meeting",
        "bargaining.agency_negotiations_start", "grievance.step1_filing", "grievance.step1_meeting",
        "grievance.step1_decision", "grievance.step1_oelmr_decision", "grievance.step2_appeal",
        "grievance.step2_appeal_no_decision", "grievance.merit_staffing_filing", "grievance.step2_meeting",
        "grievance.step2_decision", "grievance.step2_oelmr_decision", "grievance.institutional_resolution",
        "grievance.institutional_invocation", "grievance.institutional_single_agency_resolution",
        "grievance.institutional_single_agency_invocation", "grievance.institutional_filing",
        "grievance.consolidated_resolution", "grievance.consolidated_invocation", "grievance.department_filing",
        "grievance.department_resolution", "grievance.department_invocation", "grievance.arbitration_invocation",
        "grievance.arbitrability_notice_after_invocation", "grievance.arbitrability_notice_before_hearing",
        "grievance.removal_stay_filing", "arbitration.prehearing_meeting", "arbitration.exchange_meeting",
        "arbitration.arbitrability_notice_after_invocation", "arbitration.arbitrability_notice_before_hearing",
        "facilities.meeting_room_request", "duration.ground_rules_meeting",
    ),
    "years": (
        "leave.union_appointed_leave", "leave.union_appointed_leave_max", "leave.lwop_extended_max",
        "leave.child_rearing_max", "flexiplace.annual_appraisal_period", "grievance.removal_stay_service_years",
        "duration.term", "duration.renewal_period",
    ),}


def expected_units() -> dict[str, frozenset[str]]:
    """key → the units its readers accept."""
    out: dict[str, set[str]] = {}
    for unit, keys in READ_AS.items():
        for key in keys:
            out.setdefault(key, set()).add(unit)
    return {k: frozenset(v) for k, v in out.items()}


EXPECTED_UNITS = expected_units()
