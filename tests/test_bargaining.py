"""Bargaining time frames (Art. 29 §4.a, Art. 35 §5.d, Art. 36 §2–§4) and meeting rooms (Art. 46 §7).
Every expected date is counted by hand on a wall calendar; the comment shows the count."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lmcore import InvalidDate, InvalidInput, OutOfRange
from lmcore.bargaining import (Agreement, agency_negotiations_start_by, agenda_meeting_due, agenda_notice_due,
                               meeting_room_request_due, plan, request_due, session_last_day)
from lmcore.cli import main

D = dt.date


# -- the Union's request to negotiate (Art. 29 §4.a, Art. 35 §5.d) ----------------------------------------
def test_space_request_skips_thanksgiving_art29_4a(contract):
    # received Mon 2026-11-23; day 1 Tue 11-24, 2 Wed 11-25, Thu 11-26 Thanksgiving skipped, 3 Fri 11-27, 4 Mon 11-30, 5 Tue 12-01
    d = request_due(D(2026, 11, 23), "space", contract)
    assert d.due == D(2026, 12, 1)
    assert d.cite == "Art. 29 §4.a"
    assert (D(2026, 11, 26), "Thanksgiving Day") in d.skipped_by_name()
    assert "Thanksgiving" in d.explain()


def test_org_change_request_skips_veterans_day_art35_5d(contract):
    # received Wed 2026-11-04; 1 Thu 11-05, 2 Fri 11-06, 3 Mon 11-09, 4 Tue 11-10, Wed 11-11 Veterans Day skipped, 5 Thu 11-12
    d = request_due(D(2026, 11, 4), "organizational_change", contract)
    assert d.due == D(2026, 11, 12)
    assert d.cite == "Art. 35 §5.d"


def test_plan_received_on_saturday_art29_4a(contract):
    # received Sat 2026-11-21; default: Mon 11-23 is day 1, Tue 2, Wed 3, Thu 11-26 skipped, Fri 4, Mon 11-30 = day 5
    assert request_due(D(2026, 11, 21), "space", contract).due == D(2026, 11, 30)
    # deemed received Mon 11-23: Tue 1, Wed 2, Fri 3, Mon 11-30 4, Tue 12-01 5
    alt = contract.with_interpretations({"count.event_on_nonworkday": "deemed_received_next_workday"})
    assert request_due(D(2026, 11, 21), "space", alt).due == D(2026, 12, 1)


def test_unknown_kind_of_change_is_a_cited_error(contract):
    with pytest.raises(InvalidInput, match="Art. 29 §4.a"):
        request_due(D(2026, 11, 23), "reorganisation", contract)


# -- Agency-level negotiations (Art. 36 §3) and agreed changes (Art. 36 §4) -------------------------------
def test_agency_negotiations_begin_within_15_workdays_art36_3(contract):
    # received Mon 2026-11-23: Tue 24 (1), Wed 25 (2), Thu 26 Thanksgiving skipped, Fri 27 (3), Mon 30 (4), Tue 12-01 (5),
    # Wed 2 (6), Thu 3 (7), Fri 4 (8), Mon 7 (9), Tue 8 (10), Wed 9 (11), Thu 10 (12), Fri 11 (13), Mon 14 (14), Tue 12-15 (15)
    d = agency_negotiations_start_by(D(2026, 11, 23), contract)
    assert d.due == D(2026, 12, 15)
    assert d.cite == "Art. 36 §3"


def test_agreed_extension_of_the_start_art36_4(contract):
    # 15th workday Tue 12-15 (above); extended to 20: Wed 16 (16), Thu 17 (17), Fri 18 (18), Mon 21 (19), Tue 12-22 (20)
    d = agency_negotiations_start_by(D(2026, 11, 23), contract, [Agreement("bargaining.agency_negotiations_start", 20)])
    assert d.due == D(2026, 12, 22)
    assert "as agreed: 20 instead of 15, Art. 36 §4" in d.label


def test_agreement_on_request_window_needs_the_broader_reading_art36_4(contract):
    """Art. 36 §4 reaches 'time frames specified in this Article'; the request window is in Art. 29."""
    agreed = [Agreement("space.negotiation_request", 10)]
    with pytest.raises(InvalidInput, match=r"Art\. 36 §4.*bargaining\.waiver_scope"):
        request_due(D(2026, 11, 23), "space", contract, agreed)
    broad = contract.with_interpretations({"bargaining.waiver_scope": "also_request_windows"})
    # day 5 Tue 12-01 (above); Wed 2 (6), Thu 3 (7), Fri 4 (8), Mon 7 (9), Tue 12-08 (10)
    d = request_due(D(2026, 11, 23), "space", broad, agreed)
    assert d.due == D(2026, 12, 8)
    assert "bargaining.waiver_scope" in [c.id for c in d.interpretations]


def test_waived_start_has_no_due_date_art36_4(contract):
    p = plan(D(2026, 11, 23), "space", "agency", contract, start=D(2027, 1, 11),
             agreements=(Agreement("bargaining.agency_negotiations_start"),))
    start = p.item("start")
    assert start.deadline is None and start.due is None
    assert start.standard.due == D(2026, 12, 15)  # what the contract alone would say
    assert "waived" in start.explain(contract)
    with pytest.raises(InvalidInput, match="waived"):
        agency_negotiations_start_by(D(2026, 11, 23), contract, [Agreement("bargaining.agency_negotiations_start")])


def test_negative_agreed_days_are_refused_art36_4(contract):
    with pytest.raises(OutOfRange, match="Art. 36 §4"):
        agency_negotiations_start_by(D(2026, 11, 23), contract, [Agreement("bargaining.agency_negotiations_start", -3)])


def test_agency_plan_dates_art36_3(contract):
    p = plan(D(2026, 11, 23), "space", "agency", contract)
    assert p.answer() == "Request negotiations by 2026-12-01 (Art. 29 §4.a)"
    assert p.item("start").due == D(2026, 12, 15)
    # session starts Tue 12-15 = day 1; Wed 16 (2), Thu 17 (3), Fri 18 (4), Mon 12-21 (5)
    assert p.item("session_end").due == D(2026, 12, 21)
    assert p.findings == ()


def test_late_request_and_late_start_are_named_art36_3(contract):
    p = plan(D(2026, 11, 23), "space", "agency", contract, requested_on=D(2026, 12, 2), start=D(2026, 12, 16))
    assert any("after the last day, Tue 2026-12-01" in f for f in p.findings)
    assert any("after the latest start Tue 2026-12-15" in f for f in p.findings)


def test_request_before_receipt_is_an_error_art29_4a(contract):
    with pytest.raises(InvalidDate, match="before the plan was received"):
        plan(D(2026, 11, 23), "space", "agency", contract, requested_on=D(2026, 11, 20))


def test_unknown_level_is_an_error_art36_1(contract):
    with pytest.raises(InvalidInput, match="Art. 36 §1"):
        plan(D(2026, 11, 23), "space", "regional", contract)


# -- Departmental mid-term negotiations (Art. 36 §2) -----------------------------------------------------
def test_agenda_notice_30_calendar_days_before_moves_off_saturday_art36_2b(contract):
    # start Mon 2027-03-08; 8 days back is Sun 02-28, 22 more is Sat 2027-02-06 (30 days) → backward to Fri 02-05
    d = agenda_notice_due(D(2027, 3, 8), contract)
    assert d.due == D(2027, 2, 5)
    assert [c.id for c in d.interpretations] == ["bargaining.agenda_notice_nonworkday"]
    plain = contract.with_interpretations({"bargaining.agenda_notice_nonworkday": "none"})
    assert agenda_notice_due(D(2027, 3, 8), plain).due == D(2027, 2, 6)


def test_agenda_meeting_5_workdays_before_art36_2b(contract):
    # start Mon 2027-03-08: Fri 03-05 (1), Thu 03-04 (2), Wed 03-03 (3), Tue 03-02 (4), Mon 2027-03-01 (5)
    assert agenda_meeting_due(D(2027, 3, 8), contract).due == D(2027, 3, 1)
    strict = contract.with_interpretations({"count.days_before_event": "full_workdays_between"})
    assert agenda_meeting_due(D(2027, 3, 8), strict).due == D(2027, 2, 26)  # one workday earlier: Fri 02-26


def test_agenda_meeting_skips_veterans_day_art36_2b(contract):
    # start Tue 2027-11-16: Mon 11-15 (1), Fri 11-12 (2), Thu 11-11 Veterans Day skipped, Wed 11-10 (3), Tue 11-09 (4), Mon 11-08 (5)
    assert agenda_meeting_due(D(2027, 11, 16), contract).due == D(2027, 11, 8)


def test_session_of_five_workdays_skips_veterans_day_art36_2b(contract):
    # Mon 2027-11-08 day 1, Tue 2, Wed 3, Thu 11-11 Veterans Day skipped, Fri 11-12 day 4, Mon 2027-11-15 day 5
    d = session_last_day(D(2027, 11, 8), contract)
    assert d.due == D(2027, 11, 15)
    assert "bargaining.session_days" in [c.id for c in d.interpretations]
    cal_days = contract.with_interpretations({"bargaining.session_days": "calendar_days"})
    assert session_last_day(D(2027, 11, 8), cal_days).due == D(2027, 11, 12)  # Mon 8 + 4 calendar days


def test_session_cannot_start_on_a_saturday_art36_2b(contract):
    with pytest.raises(InvalidDate, match=r"Sat 2027-11-06.*Art\. 36 §2\.b"):
        session_last_day(D(2027, 11, 6), contract)


def test_department_plan_finds_next_quarterly_session_art36_2(contract):
    """More than one Agency → the Departmental committee (Art. 35 §5.e), which meets quarterly (Art. 36 §2.a)."""
    p = plan(D(2026, 11, 23), "organizational_change", "department", contract)
    # request due Tue 2026-12-01 (Art. 35 §5.d: 5 workdays from Mon 11-23, Thanksgiving skipped). The default session day is
    # the 2nd Monday of each quarter's 2nd month: Q4 2026 (Mon 11-09) is past; Q1 2027: Feb 1 is a Monday → Mon 2027-02-08.
    assert p.request.due == D(2026, 12, 1)
    assert p.session is not None and p.session.day == D(2027, 2, 8)
    # agenda notice: Feb 8 − 30 days = Sat 2027-01-09 → Fri 01-08, still after the request (12-01)
    assert p.item("agenda_notice").due == D(2027, 1, 8)
    # agenda meeting: Fri 02-05 (1), Thu 04 (2), Wed 03 (3), Tue 02 (4), Mon 2027-02-01 (5)
    assert p.item("agenda_meeting").due == D(2027, 2, 1)
    # session Mon 02-08 (1) … Fri 2027-02-12 (5)
    assert p.item("session_end").due == D(2027, 2, 12)


def test_department_plan_after_the_notice_day_moves_to_next_quarter_art36_2b(contract):
    # asked Mon 2027-01-11: the Feb 8 session's notice day (Fri 01-08) has passed. Q2: May 2027 starts on a Saturday,
    # Mondays May 3 and May 10 → Mon 2027-05-10; its notice day May 10 − 30 = Sat 04-10 → Fri 2027-04-09.
    p = plan(D(2027, 1, 4), "organizational_change", "department", contract, requested_on=D(2027, 1, 11))
    assert p.session.day == D(2027, 5, 10)
    assert p.item("agenda_notice").due == D(2027, 4, 9)


def test_department_plan_with_own_start_names_a_missed_notice_art36_2b(contract):
    p = plan(D(2026, 11, 23), "space", "department", contract, start=D(2026, 12, 14))
    # Dec 14 − 30 days = Sat 11-14 → Fri 2026-11-13, before the request day (12-01): named as a finding
    assert p.item("agenda_notice").due == D(2026, 11, 13)
    assert any("needs a later session" in f for f in p.findings)


# -- Union meeting rooms (Art. 46 §7) --------------------------------------------------------------------
def test_room_request_three_workdays_ahead_art46_7(contract):
    # meeting Wed 2026-12-02: Tue 12-01 (1), Mon 11-30 (2), Fri 2026-11-27 (3)
    r = meeting_room_request_due(D(2026, 12, 2), contract)
    assert r.deadline.due == D(2026, 11, 27)
    assert (r.rooms, r.hours, r.cite) == ("Room N-4437 A and B", "11:45–13:30", "Art. 46 §7")


def test_room_request_skips_thanksgiving_art46_7(contract):
    # meeting Mon 2026-11-30: Fri 11-27 (1), Thu 11-26 Thanksgiving skipped, Wed 11-25 (2), Tue 2026-11-24 (3)
    assert meeting_room_request_due(D(2026, 11, 30), contract).deadline.due == D(2026, 11, 24)


def test_full_wednesday_rooms_art46_7(contract):
    r = meeting_room_request_due(D(2026, 12, 2), contract, full_day_wednesday=True)
    assert r.rooms == "Room N-4437 A, B and C" and r.deadline.due == D(2026, 11, 27)
    assert "facilities.wednesday_room_notice" in [c.id for c in r.deadline.interpretations]
    loose = contract.with_interpretations({"facilities.wednesday_room_notice": "no_fixed_notice"})
    assert meeting_room_request_due(D(2026, 12, 2), loose, full_day_wednesday=True).deadline is None
    with pytest.raises(InvalidInput, match=r"not a Wednesday.*Art\. 46 §7"):
        meeting_room_request_due(D(2026, 12, 3), contract, full_day_wednesday=True)


def test_room_hours_are_checked_art46_7(contract):
    assert meeting_room_request_due(D(2026, 12, 2), contract, start_time="11:45", end_time="13:30").deadline is not None
    with pytest.raises(OutOfRange, match="outside 11:45–13:30"):
        meeting_room_request_due(D(2026, 12, 2), contract, start_time="11:00")
    with pytest.raises(InvalidInput, match="ends"):
        meeting_room_request_due(D(2026, 12, 2), contract, start_time="13:00", end_time="12:00")
    with pytest.raises(InvalidInput, match="not a time"):
        meeting_room_request_due(D(2026, 12, 2), contract, start_time="noon")


# -- properties ------------------------------------------------------------------------------------------
@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=D(2026, 1, 1), max_value=D(2032, 12, 31)))
def test_request_is_always_the_fifth_workday_art29_4a(contract, received):
    d = request_due(received, "space", contract)
    cal = contract.calendar
    assert cal.is_workday(d.due)
    assert cal.workdays_between(received, d.due) == 5
    assert len(d.counted) == 5


@settings(max_examples=40, deadline=None)
@given(st.dates(min_value=D(2026, 1, 1), max_value=D(2032, 12, 31)))
def test_agenda_notice_keeps_at_least_30_days_art36_2b(contract, start):
    d = agenda_notice_due(start, contract)
    cal = contract.calendar
    assert (start - d.due).days >= 30
    assert cal.is_workday(d.due)
    # the latest workday on or before day 30: every day after it up to day 30 is a weekend, holiday or closure
    # (Christmas 2025 with the executive-order closures of 12-24 and 12-26 makes that four days, not a weekend)
    day30 = start - dt.timedelta(days=30)
    assert not any(cal.is_workday(d.due + dt.timedelta(days=i)) for i in range(1, (day30 - d.due).days + 1))


# -- command line -----------------------------------------------------------------------------------------
def test_cli_bargaining_json(capsys):
    assert main(["bargaining", "--received", "2026-11-23", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["request_due"] == "2026-12-01"
    assert out["items"][1]["due"] == "2026-12-15"


def test_cli_bargaining_bad_date_is_cited(capsys):
    assert main(["bargaining", "--received", "2026-02-30"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Art. 29 §4.a" in err


# -- the dashboard ---------------------------------------------------------------------------------------
def test_dashboard_answer_is_the_request_due_date(contract):
    from lmcore.ui.contract_calendar import build_app

    app = build_app(contract, as_of=D(2026, 11, 23), params={"received": "2026-11-04", "kind": "org", "ratified": "2026-11-23"})
    assert "lmcore-ready" in app.widget._dom_classes
    # received Wed 2026-11-04 → Thu 11-12 (Veterans Day skipped; see test_org_change_request_skips_veterans_day_art35_5d)
    assert "2026-11-12" in app.answer.value and "Art. 35 §5.d" in app.answer.value
    assert "download=\"contract_calendar.ics\"" in app.cal_out.value
    bad = build_app(contract, as_of=D(2026, 11, 23), params={"received": "2026-13-01"})
    assert "is not a date" in bad.received.error.value and "2026-12-01" in bad.answer.value  # falls back to as_of
    bad.agreed_rule.value = "space.negotiation_request"
    bad.agreed_days.widget.value = "9"
    assert "Art. 36 §4" in bad.agreed_days.error.value and "2026-12-01" in bad.answer.value


def test_agreed_shorter_agenda_notice_catches_an_earlier_session_art36_4(contract):
    """Art. 36 §4: the 30-day agenda notice (§2.b) may be waived or changed by mutual agreement."""
    # asked Mon 2027-01-11: the Feb 8 session needs notice by Fri 01-08 (30 days) — missed. Agreed 20 days: Feb 8 − 20 =
    # Tue 2027-01-19 (a workday), on or after the request → the Feb 8 session is still reachable.
    agreed = (Agreement("bargaining.agenda_notice", 20),)
    p = plan(D(2027, 1, 4), "organizational_change", "department", contract, requested_on=D(2027, 1, 11), agreements=agreed)
    assert p.session.day == D(2027, 2, 8)
    assert p.item("agenda_notice").due == D(2027, 1, 19)
    assert p.item("agenda_notice").standard.due == D(2027, 1, 8)
    waived = plan(D(2027, 1, 4), "organizational_change", "department", contract, requested_on=D(2027, 1, 11),
                  agreements=(Agreement("bargaining.agenda_notice"),))
    assert waived.session.day == D(2027, 2, 8) and waived.item("agenda_notice").due is None


def test_agreement_that_does_not_apply_is_named_art36_4(contract):
    p = plan(D(2026, 11, 23), "space", "department", contract, agreements=(Agreement("bargaining.agency_negotiations_start", 20),))
    assert any("does not apply to negotiations at this level" in f for f in p.findings)


# -- dates the contract does not set are assumed (Art. 35 §3–§4, Art. 36 §2.a) ------------------------------
def test_session_and_its_agenda_dates_are_assumed_art36_2a(contract):
    """The session of Mon 2027-02-08 rests on lmcore's assumed day (2nd Monday of each quarter's 2nd month): it and the
    three dates counted from it say so; the request window (Art. 29 §4.a) does not rest on it."""
    d = plan(D(2026, 11, 23), "space", "department", contract).to_dict(contract)
    assert d["assumed"] is True and d["session"]["assumed"] is True
    assert "lmcore's assumed meeting day, the 2nd Monday of the 2nd month of each quarter" in d["session"]["assumption"]
    assert [(i["key"], i["assumed"]) for i in d["items"]] == [("request", False), ("agenda_notice", True), ("agenda_meeting", True),
                                                            ("session_end", True)]
    assert "Assumed date: counted from the session of Mon 2027-02-08" in d["explanation"]
    agency = plan(D(2026, 11, 23), "space", "agency", contract).to_dict(contract)
    assert agency["assumed"] is False  # Art. 36 §3 counts from receipt: no assumed day


def test_sessions_the_user_gives_are_not_assumed_art36_2a(contract):
    """Scheduled sessions Mon 2027-01-25 and Mon 2027-03-15: asked Tue 2026-12-01. Jan 25 − 30 days = Sat 2026-12-26,
    rolled back past Fri 12-25 (Christmas Day) to Thu 2026-12-24, on or after 12-01: the item goes to the Jan 25
    session, and nothing is assumed."""
    from lmcore.bargaining.committees import given_meeting

    sessions = tuple(given_meeting(d, "departmental_bargaining", contract) for d in (D(2027, 1, 25), D(2027, 3, 15)))
    p = plan(D(2026, 11, 23), "space", "department", contract, sessions=sessions)
    assert p.session.day == D(2027, 1, 25) and not p.session.assumed
    assert p.item("agenda_notice").due == D(2026, 12, 24)
    assert not any(i.assumed for i in p.items)
    with pytest.raises(InvalidDate, match="not a workday"):
        given_meeting(D(2027, 1, 23), "departmental_bargaining", contract)


def test_session_day_setting_art36_2a(contract):
    """The user's day, '1st Tuesday of month 3': Q1 2027 → Tue 2027-03-02, marked as the day the user set."""
    from lmcore.bargaining.committees import MeetingPattern

    p = plan(D(2026, 11, 23), "space", "department", contract, session_pattern=MeetingPattern.parse("1st Tuesday of month 3"))
    assert p.session.day == D(2027, 3, 2) and "the meeting day you set" in p.session.assumption


def test_no_assumed_day_reading_art36_2a(contract):
    """committees.meeting_days = none: without a start or sessions there is no Departmental date to count from."""
    none = contract.with_interpretations({"committees.meeting_days": "none"})
    with pytest.raises(InvalidInput, match="sets no day"):
        plan(D(2026, 11, 23), "space", "department", none)
    assert plan(D(2026, 11, 23), "space", "department", none, start=D(2027, 2, 8)).item("agenda_meeting").due == D(2027, 2, 1)


def test_three_month_gap_from_one_anchor_in_bargaining_and_the_calendar_art36_2a(contract, capsys):
    """The Fri 2027-05-07 / Mon 2027-05-10 disagreement. Under committees.quarterly = every_three_months the gap runs from
    session to session. Ratified Mon 2026-11-23 → effective Wed 2026-12-23; Q4 2026's Mon 11-09 is before it; Q1: Mon
    2027-02-08 (within 3 months of 12-23); Q2: Mon 05-10 is past 02-08 + 3 months = Sat 05-08 → the last workday by then,
    Fri 2027-05-07. `bargaining` used to start the gap at the request date instead (no session was held then) and said
    05-10. Received Sat 2027-02-20: request due Fri 02-26 (Mon 02-22 is day 1); May 7's notice (Wed 04-07) and meeting
    (Fri 04-30: May 6, 5, 4, 3, Apr 30) are after it."""
    strict = contract.with_interpretations({"committees.quarterly": "every_three_months"})
    p = plan(D(2027, 2, 20), "space", "department", strict, effective=D(2026, 12, 23))
    assert p.session.day == D(2027, 5, 7)
    assert (p.item("agenda_notice").due, p.item("agenda_meeting").due) == (D(2027, 4, 7), D(2027, 4, 30))
    assert plan(D(2027, 2, 20), "space", "department", strict, last_session=D(2027, 2, 8)).session.day == D(2027, 5, 7)
    with pytest.raises(InvalidInput, match="depends on when the last was held"):
        plan(D(2027, 2, 20), "space", "department", strict)
    # the same through both commands
    args = ["-i", "committees.quarterly=every_three_months", "--json"]
    assert main(["bargaining", "--received", "2027-02-20", "--level", "department", "--ratified", "2026-11-23", *args]) == 0
    assert json.loads(capsys.readouterr().out)["session"]["date"] == "2027-05-07"
    assert main(["contract-calendar", "--ratified", "2026-11-23", "--years", "1", *args]) == 0
    entries = json.loads(capsys.readouterr().out)["entries"]
    q2 = next(e for e in entries if e["title"] == "Departmental mid-term bargaining session begins (2027 Q2)")
    assert q2["date"] == "2027-05-07" and q2["assumed"] is True
    # under the default reading (a session in every calendar quarter) both say Mon 2027-05-10
    assert plan(D(2027, 2, 20), "space", "department", contract).session.day == D(2027, 5, 10)


def test_agreed_session_end_keeps_the_contracts_own_date_art36_4(contract):
    """Session Mon 2027-02-08: the contract's five workdays end Fri 02-12; agreed three: Mon (1), Tue (2), Wed 2027-02-10 (3)."""
    p = plan(D(2026, 11, 23), "space", "department", contract, agreements=(Agreement("bargaining.session_max_days", 3),))
    end = p.item("session_end").to_dict()
    assert (end["due"], end["contract_due"]) == ("2027-02-10", "2027-02-12")


# -- inputs that make no sense together (issue 14) ------------------------------------------------------------
def test_start_before_the_plan_was_received_is_an_error_art36_3(contract):
    with pytest.raises(InvalidDate, match="before the final plan was received"):
        plan(D(2026, 11, 23), "space", "agency", contract, start=D(2026, 11, 20))
    with pytest.raises(InvalidDate, match="before the final plan was received"):
        plan(D(2026, 11, 23), "space", "department", contract, start=D(2026, 11, 16))
    with pytest.raises(InvalidDate, match="before the Union asked for them"):
        plan(D(2026, 11, 23), "space", "agency", contract, requested_on=D(2026, 11, 27), start=D(2026, 11, 25))


def test_waived_notice_never_puts_the_agenda_meeting_before_the_request_art36_2b(contract):
    """Received Mon 2027-02-01, asked Fri 02-05, agenda notice waived (Art. 36 §4). The Mon 02-08 session's agenda meeting
    would be due Mon 02-01 (Fri 5, Thu 4, Wed 3, Tue 2, Mon 1), before the request: the item goes to Q2, Mon 2027-05-10
    (agenda meeting Mon 05-03). With the start fixed at 02-08 the plan says the meeting came before the request."""
    waived = (Agreement("bargaining.agenda_notice"),)
    p = plan(D(2027, 2, 1), "space", "department", contract, requested_on=D(2027, 2, 5), agreements=waived)
    assert p.session.day == D(2027, 5, 10) and p.item("agenda_meeting").due == D(2027, 5, 3)
    fixed = plan(D(2027, 2, 1), "space", "department", contract, requested_on=D(2027, 2, 5), agreements=waived, start=D(2027, 2, 8))
    assert any("finalize the agenda" in f and "Mon 2027-02-01" in f and "before the item was asked for" in f for f in fixed.findings)


def test_agreed_change_to_another_articles_time_limit_is_an_error_art36_4(contract, capsys):
    with pytest.raises(InvalidInput, match=r"not a time frame of these negotiations"):
        plan(D(2026, 11, 23), "space", "agency", contract, agreements=(Agreement("grievance.step1_filing", 5),))
    with pytest.raises(InvalidInput, match="not a time frame"):
        plan(D(2026, 11, 23), "space", "agency", contract, agreements=(Agreement("bargaining.departmental_meetings_per_year", 5),))
    assert main(["bargaining", "--received", "2026-11-23", "--agreed", "grievance.step1_filing=5"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Art. 43 §7.a(1)" in err and "Art. 36 §4" in err


# -- which level (Art. 35 §3, §5.e; Art. 36 §2.a, §3) --------------------------------------------------------------
def test_level_from_the_agencies_affected_art35_5e(contract):
    """1 Agency + 2 Office of the Secretary components (one Agency, Art. 35 §3) = 2 > 1 → Departmental; the two
    components alone = 1 → Agency level; a --level that disagrees is an error."""
    p = plan(D(2026, 11, 23), "organizational_change", None, contract, agencies=1, osec_components=2)
    assert p.level == "department" and "= 2; more than 1" in p.level_reasons[0]
    assert plan(D(2026, 11, 23), "organizational_change", None, contract, osec_components=2).level == "agency"
    with pytest.raises(InvalidInput, match="bargained at the Departmental level, not the Agency level"):
        plan(D(2026, 11, 23), "organizational_change", "agency", contract, agencies=2)
    with pytest.raises(OutOfRange, match="affects no Agency"):
        plan(D(2026, 11, 23), "space", None, contract, agencies=0)


def test_osec_components_in_a_space_change_are_a_reading_art36_3(contract):
    """Space (Art. 29, Art. 36 §3): two OSEC components count as one Agency by default, as two under each_component."""
    assert plan(D(2026, 11, 23), "space", None, contract, osec_components=2).level == "agency"
    each = contract.with_interpretations({"bargaining.osec_components_for_space": "each_component"})
    p = plan(D(2026, 11, 23), "space", None, each, osec_components=2)
    assert p.level == "department" and "bargaining.osec_components_for_space" in [c.id for c in p.interpretations]


def test_cli_level_options(capsys):
    assert main(["bargaining", "--received", "2026-11-23", "--kind", "organizational_change", "--agencies", "3", "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["level"] == "department" and d["level_reasons"]
    assert main(["bargaining", "--received", "2026-11-23", "--agencies", "two"]) == 2
    assert capsys.readouterr().err.count("\n") == 1
