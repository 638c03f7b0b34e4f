"""Duration of the Agreement (Art. 47), arbitrator removal windows (Art. 44 §1.d) and the contract calendar.
Expected dates are counted by hand; the comments show the count."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lmcore import InvalidDate, OutOfRange
from lmcore.cli import main
from lmcore.bargaining.contract_calendar import contract_calendar
from lmcore.bargaining.duration import (anniversary, effective_date, expiration, ground_rules_meeting_due,
                                        removal_window, reopener_window, terms)

D = dt.date


# -- effective date (Art. 47 §1) --------------------------------------------------------------------------
def test_effective_30_calendar_days_after_ratification_art47_1(contract):
    # ratified Mon 2026-11-23: Nov 30 is day 7, Dec 23 is day 7 + 23 = 30 → Wed 2026-12-23
    d = effective_date(D(2026, 11, 23), contract)
    assert d.due == D(2026, 12, 23)
    assert d.cite == "Art. 47 §1"
    # day 30 is a workday, so whether a non-workday effective date moves decides nothing here (issue 13 §3)
    assert [c.id for c in d.interpretations][:1] == ["duration.effective_days"]


def test_effective_date_on_a_saturday_stays_art47_1(contract):
    # ratified Thu 2026-12-03: Dec 31 is day 28, Sat 2027-01-02 is day 30
    assert effective_date(D(2026, 12, 3), contract).due == D(2027, 1, 2)
    fwd = contract.with_interpretations({"duration.effective_date_nonworkday": "forward"})
    assert effective_date(D(2026, 12, 3), fwd).due == D(2027, 1, 4)  # Sat → Sun → Mon 2027-01-04


def test_effective_date_in_workdays_reading_art47_1(contract):
    wd = contract.with_interpretations({"duration.effective_days": "workdays"})
    # from Mon 2026-11-23: day 15 Tue 12-15 (Thanksgiving skipped); 16 Wed 16, 17 Thu 17, 18 Fri 18, 19 Mon 21, 20 Tue 22,
    # 21 Wed 23, 22 Thu 24, Fri 12-25 Christmas skipped, 23 Mon 28, 24 Tue 29, 25 Wed 30, 26 Thu 31,
    # Fri 2027-01-01 New Year's Day skipped, 27 Mon 01-04, 28 Tue 05, 29 Wed 06, 30 Thu 2027-01-07
    d = effective_date(D(2026, 11, 23), wd)
    assert d.due == D(2027, 1, 7) and d.unit == "workdays"
    assert [n for _, n in d.skipped_by_name()] == ["Thanksgiving Day", "Christmas Day", "New Year's Day"]


def test_bad_ratification_date_is_an_error_art47_1(contract):
    with pytest.raises(InvalidDate):
        effective_date("2026-02-30", contract)


# -- term and expiration (Art. 47 §2) ---------------------------------------------------------------------
def test_three_year_term_expires_the_day_before_the_third_anniversary_art47_2(contract):
    # effective Wed 2026-12-23; third anniversary Sun 2029-12-23; last day in force Sat 2029-12-22
    e = expiration(D(2026, 12, 23), contract)
    assert e.day == D(2029, 12, 22) and e.cite == "Art. 47 §2"
    assert expiration(D(2026, 12, 23), contract, renewals=1).day == D(2030, 12, 22)  # then year to year
    alt = contract.with_interpretations({"duration.expiration_date": "anniversary"})
    assert expiration(D(2026, 12, 23), alt).day == D(2029, 12, 23)
    with pytest.raises(OutOfRange, match="Art. 47 §2"):
        expiration(D(2026, 12, 23), contract, renewals=-1)


def test_february_29_anniversaries_art47_2(contract):
    # ratified 2028-01-30: Jan 31 is day 1, Feb 29 is day 30 → effective Tue 2028-02-29 (a leap day)
    eff = effective_date(D(2028, 1, 30), contract).due
    assert eff == D(2028, 2, 29)
    a1 = anniversary(eff, 1, contract)
    assert a1.day == D(2029, 2, 28) and a1.interpretations[0].id == "duration.feb29_anniversary"
    # third anniversary 2031-02-28 (no Feb 29 in 2031) → last day in force Thu 2031-02-27
    assert expiration(eff, contract).day == D(2031, 2, 27)
    mar1 = contract.with_interpretations({"duration.feb29_anniversary": "mar1"})
    assert anniversary(eff, 1, mar1).day == D(2029, 3, 1)
    assert expiration(eff, mar1).day == D(2031, 2, 28)  # the day before Sat 2031-03-01
    assert anniversary(eff, 4, contract).day == D(2032, 2, 29)  # 2032 is a leap year
    with pytest.raises(OutOfRange, match="Art. 44 §1.d"):
        anniversary(eff, 0, contract)


# -- reopener window and ground rules (Art. 47 §2) --------------------------------------------------------
def test_reopener_window_90_to_60_days_before_expiration_art47_2(contract):
    # expires Sat 2029-12-22: Nov 22 is 30 days back, Oct 23 is 60 (Oct has 31 days), Sep 23 is 90 (Sep has 30)
    w = reopener_window(D(2029, 12, 22), contract)
    assert (w.opens.due, w.closes.due) == (D(2029, 9, 23), D(2029, 10, 23))  # Sun 09-23 kept (reading "none")
    assert w.contains(D(2029, 10, 1)) and not w.contains(D(2029, 10, 24))
    fwd = contract.with_interpretations({"duration.reopener_opens_nonworkday": "forward"})
    assert reopener_window(D(2029, 12, 22), fwd).opens.due == D(2029, 9, 24)  # Sun → Mon


def test_reopener_window_closing_on_a_saturday_moves_back_art47_2(contract):
    # ratified Fri 2026-11-27 → effective Sun 2026-12-27 → expires Wed 2029-12-26; 60 days back: Nov 26 (30), Sat Oct 27 (60)
    eff = effective_date(D(2026, 11, 27), contract).due
    exp = expiration(eff, contract).day
    assert (eff, exp) == (D(2026, 12, 27), D(2029, 12, 26))
    w = reopener_window(exp, contract)
    assert w.closes.due == D(2029, 10, 26)  # Sat → Fri (reading "backward": received at least 60 days ahead)
    assert w.opens.due == D(2029, 9, 27)  # Oct 27 − 30 = Thu 09-27 (90 days)
    plain = contract.with_interpretations({"duration.reopener_closes_nonworkday": "none"})
    assert reopener_window(exp, plain).closes.due == D(2029, 10, 27)


def test_ground_rules_meeting_within_10_workdays_art47_2(contract):
    # notice Tue 2029-10-23: Wed 24 (1), Thu 25 (2), Fri 26 (3), Mon 29 (4), Tue 30 (5), Wed 31 (6), Thu 11-01 (7),
    # Fri 11-02 (8), Mon 11-05 (9), Tue 2029-11-06 (10)
    assert ground_rules_meeting_due(D(2029, 10, 23), contract, expires=D(2029, 12, 22)).due == D(2029, 11, 6)
    # notice Mon 2029-10-01: Tue 2 (1) … Fri 5 (4), Mon 10-08 Columbus Day skipped, Tue 9 (5) … Tue 2029-10-16 (10)
    assert ground_rules_meeting_due(D(2029, 10, 1), contract).due == D(2029, 10, 16)


def test_notice_outside_the_window_is_refused_art47_2(contract):
    with pytest.raises(OutOfRange, match=r"outside the reopener window.*Art\. 47 §2"):
        ground_rules_meeting_due(D(2029, 10, 24), contract, expires=D(2029, 12, 22))  # 59 days before
    with pytest.raises(OutOfRange, match="outside the reopener window"):
        ground_rules_meeting_due(D(2029, 9, 22), contract, expires=D(2029, 12, 22))  # 91 days before


def test_terms_run_year_to_year_after_three_years_art47_2(contract):
    ts = terms(D(2026, 12, 23), D(2031, 12, 31), contract)
    assert [t.expires.day for t in ts] == [D(2029, 12, 22), D(2030, 12, 22), D(2031, 12, 22)]
    assert ts[1].starts == D(2029, 12, 23)


# -- arbitrator removal window (Art. 44 §1.d) -------------------------------------------------------------
def test_removal_window_30_days_before_each_anniversary_art44_1d(contract):
    # anniversary 1 of Wed 2026-12-23 is Thu 2027-12-23; Nov 23 is 30 days before (Nov has 30 days); last day Wed 12-22
    a = anniversary(D(2026, 12, 23), 1, contract)
    w = removal_window(a.day, contract)
    assert (a.day, w.opens.due, w.closes.due) == (D(2027, 12, 23), D(2027, 11, 23), D(2027, 12, 22))
    assert w.cite == "Art. 44 §1.d"


def test_removal_window_edges_on_holidays_and_weekends_art44_1d(contract):
    # anniversary 2: Sat 2028-12-23; 30 days before = Thu 2028-11-23, Thanksgiving: kept under "none", Fri 11-24 under "forward"
    w = removal_window(D(2028, 12, 23), contract)
    assert w.opens.due == D(2028, 11, 23)
    fwd = contract.with_interpretations({"arbitration.removal_window_opens_nonworkday": "forward"})
    assert removal_window(D(2028, 12, 23), fwd).opens.due == D(2028, 11, 24)
    # anniversary 3: Sun 2029-12-23; its last day Sat 12-22 → Fri 2029-12-21 (reading "backward")
    w3 = removal_window(D(2029, 12, 23), contract)
    assert w3.closes.due == D(2029, 12, 21)
    plain = contract.with_interpretations({"arbitration.removal_window_closes_nonworkday": "none"})
    assert removal_window(D(2029, 12, 23), plain).closes.due == D(2029, 12, 22)


# -- the contract calendar ----------------------------------------------------------------------------------
def test_contract_calendar_three_years(contract):
    cal = contract_calendar(D(2026, 11, 23), contract, years=3)
    assert cal.effective.due == D(2026, 12, 23) and cal.until == D(2029, 12, 23)
    by_title = {e.title: e.day for e in cal.entries}
    assert by_title["Ratified by the Union membership"] == D(2026, 11, 23)
    assert by_title["Agreement takes effect"] == D(2026, 12, 23)
    assert by_title["Reopener notice window opens (term)"] == D(2029, 9, 23)
    assert by_title["Reopener notice window closes (term)"] == D(2029, 10, 23)
    assert by_title["Ground-rules meeting by, if notice is given on the last day (term)"] == D(2029, 11, 6)
    assert by_title["Expiration of the three-year term"] == D(2029, 12, 22)
    assert by_title["Arbitrator removal notice window opens (anniversary 1)"] == D(2027, 11, 23)
    # Department LMRC: 2nd Tuesday of Jan/Apr/Jul/Oct, 2027 Q1 to 2029 Q4 = 12 meetings; 2029 Q4: Oct 1 is a Monday → Tue 10-09
    dept = [e for e in cal.entries if e.title.startswith("Department Labor-Management Relations Committee")]
    assert len(dept) == 12 and dept[-1].day == D(2029, 10, 9)
    # Q4 2029 mid-term session: 2nd Monday of November = 11-12, Veterans Day (observed) → Tue 2029-11-13
    assert by_title["Departmental mid-term bargaining session begins (2029 Q4)"] == D(2029, 11, 13)
    assert [e.day for e in cal.entries] == sorted(e.day for e in cal.entries)
    assert {u.cite for u in cal.unscheduled} >= {"Art. 30 §3", "Art. 4 §4.a", "Transit Subsidy ¶6", "Art. 10 §13"}
    ics = cal.to_ics().decode()
    assert ics.count("BEGIN:VEVENT") == len(cal.entries)
    assert "Thu 2027-12-23" in cal.text()


def test_contract_calendar_years_must_be_sensible(contract):
    with pytest.raises(OutOfRange, match="Art. 47 §2"):
        contract_calendar(D(2026, 11, 23), contract, years=0)
    with pytest.raises(OutOfRange):
        contract_calendar(D(2026, 11, 23), contract, years=31)


@settings(max_examples=30, deadline=None)
@given(st.dates(min_value=D(2020, 1, 1), max_value=D(2060, 12, 31)))
def test_windows_always_stay_inside_the_rules(contract, ratified):
    eff = effective_date(ratified, contract).due
    assert (eff - ratified).days == 30
    exp = expiration(eff, contract).day
    w = reopener_window(exp, contract)
    assert (exp - w.opens.due).days == 90  # opening kept on its calendar day
    assert 60 <= (exp - w.closes.due).days <= 64 and contract.calendar.is_workday(w.closes.due)
    a = anniversary(eff, 1, contract).day
    r = removal_window(a, contract)
    assert (a - r.opens.due).days == 30 and r.closes.due < a and contract.calendar.is_workday(r.closes.due)
    # the last workday before the anniversary: every day between is a weekend, holiday or closure (Christmas 2025 with
    # the executive-order closures of 12-24 and 12-26 puts six days between, not a long weekend's five)
    assert not any(contract.calendar.is_workday(r.closes.due + dt.timedelta(days=i)) for i in range(1, (a - r.closes.due).days))


# -- command line -----------------------------------------------------------------------------------------
def test_cli_contract_calendar_json_and_ics(capsys, tmp_path):
    path = tmp_path / "contract.ics"
    assert main(["contract-calendar", "--ratified", "2026-11-23", "--years", "1", "--ics", str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["effective"] == "2026-12-23" and out["until"] == "2027-12-23"
    assert path.read_bytes().startswith(b"BEGIN:VCALENDAR")


def test_cli_contract_calendar_bad_input_is_cited(capsys):
    assert main(["contract-calendar", "--ratified", "2026-02-30"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Art. 47 §1" in err
    assert main(["contract-calendar", "--ratified", "2026-11-23", "--years", "0"]) == 2
    assert "Art. 47 §2" in capsys.readouterr().err
