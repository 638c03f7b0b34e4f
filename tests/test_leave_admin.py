"""Administrative leave (Art. 5 §7): voting (§7.d(1)), civil defense (§7.e), military funerals (§7.f), blood
donation (§7.g), the CPA examination (§7.i(2)); every answer carries the broken sentence of §7.a."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lmcore.cli import main
from lmcore.leave import blood_donation, civil_defense, cpa_exam, military_funeral, registration_leave, voting_leave, voting_trip
from lmcore.errors import InvalidInput, OutOfRange

D = dt.date


@pytest.mark.parametrize("polls, tour, minutes, how", [
    # polls open 1 h 30 before work, close 2 h after: report at 10:00 = 1 h 30 off; leave at 16:00 = 1 h off → 1 h
    (("07:00", "19:00"), ("08:30", "17:00"), 60, "leave work at 16:00"),
    # 1 h before, 2 h 30 after: report at 10:00 = 2 h off; leave at 16:30 = 30 min off → 30 min
    (("07:00", "19:30"), ("08:00", "17:00"), 30, "leave work at 16:30"),
    # 2 h 59 before, 2 h 30 after: report at 09:01 = 1 min off; leave at 17:00 = 30 min off → 1 min
    (("06:01", "20:00"), ("09:00", "17:30"), 1, "report for work at 09:01"),
    # 2 h before, 2 h after: report at 10:00 = 1 h; leave at 16:00 = 1 h → the same
    (("07:00", "19:00"), ("09:00", "17:00"), 60, "report at 10:00 or leave at 16:00"),
])
def test_voting_leave_is_the_lesser_time_off(contract, polls, tour, minutes, how):
    """Art. 5 §7.d(1): report up to 3 h after the polls open or leave up to 3 h before they close, whichever is less."""
    v = voting_leave(*polls, *tour, contract=contract)
    assert (v.eligible, v.minutes) == (True, minutes) and how in v.how


@pytest.mark.parametrize("polls, tour", [
    (("06:00", "20:00"), ("09:00", "17:30")),  # exactly 3 h before work (edge): open "at least three hours before"
    (("07:00", "20:00"), ("08:00", "17:00")),  # exactly 3 h after work (edge)
    (("07:00", "20:00"), ("08:00", "16:30")),  # 3 h 30 after
])
def test_no_voting_leave_when_polls_open_three_hours_outside_work(contract, polls, tour):
    v = voting_leave(*polls, *tour, contract=contract)
    assert (v.eligible, v.minutes) == (False, 0)


def test_voting_answers_carry_the_7a_flaw_and_accept_h_mm(contract):
    """Art. 5 §7.a breaks off at 'Administrative leave can only be': shown with every administrative leave answer."""
    v = voting_leave("7:00", "19:00", "8:30", "17:00", contract=contract)
    assert v.minutes == 60 and any("Administrative leave can only be" in f for f in v.flaws)
    assert "Flaw in the text" in v.explain() and v.to_dict()["hours"] == 1.0


@pytest.mark.parametrize("args, words", [
    (("19:00", "07:00", "08:30", "17:00"), "polls close"),
    (("07:00", "19:00", "17:00", "08:30"), "tour of duty ends"),
    (("7", "19:00", "08:30", "17:00"), "not a time of day"),
    (("07:00", "25:00", "08:30", "17:00"), "not a time of day"),
])
def test_bad_voting_times(contract, args, words):
    with pytest.raises(InvalidInput, match=rf"{words}.*Art\. 5 §7\.d\(1\)"):
        voting_leave(*args, contract=contract)


@settings(max_examples=150, deadline=None)
@given(po=st.integers(0, 1438), length=st.integers(1, 1439), ws=st.integers(0, 1438), tour=st.integers(1, 1439))
def test_voting_leave_bounds(contract, po, length, ws, tour):
    """Never more than the tour; none when the polls are open ≥ 3 h before or after; else at most the shorter of the two."""
    pc, we = min(po + length, 1439), min(ws + tour, 1439)
    if pc <= po or we <= ws:
        return
    hm = lambda m: f"{m // 60:02d}:{m % 60:02d}"  # noqa: E731
    v = voting_leave(hm(po), hm(pc), hm(ws), hm(we), contract=contract)
    assert 0 <= v.minutes <= we - ws
    assert v.eligible == (ws - po < 180 and pc - we < 180)
    if v.eligible:
        assert v.minutes == min(po + 180 - ws, we - (pc - 180), we - ws)


# -- §7.g blood donation ---------------------------------------------------------------------------------------
def test_blood_donation_once_a_calendar_month(contract):
    """Art. 5 §7.g: up to 4 hours, not more than once in a calendar month: Nov 2 used → none on Nov 23; Oct 30 → 4 h."""
    assert blood_donation(D(2026, 11, 23), 5, [D(2026, 11, 2)], contract=contract).amount == 0
    assert blood_donation(D(2026, 11, 23), 5, [D(2026, 10, 30)], contract=contract).amount == 4
    assert blood_donation(D(2026, 11, 23), 3, contract=contract).amount == 3
    assert blood_donation(D(2026, 11, 23), 4, [D(2026, 11, 23)], contract=contract).amount == 4  # the same donation
    with pytest.raises(OutOfRange, match=r"Art\. 5 §7\.g"):
        blood_donation(D(2026, 11, 23), -1, contract=contract)


@pytest.mark.parametrize("asked, used, allowed", [(16, 30, 10), (16, 0, 16), (50, 0, 40), (8, 40, 0)])
def test_civil_defense_40_hours_a_calendar_year(contract, asked, used, allowed):
    """Art. 5 §7.e(1): 40 hours a calendar year: 40 − 30 used = 10 left, so 16 asked → 10."""
    assert civil_defense(asked, used, contract=contract).amount == allowed


def test_civil_defense_limits(contract):
    assert civil_defense(8, 0, full_time=False, contract=contract).amount == 0  # full-time employees only
    with pytest.raises(OutOfRange, match=r"more than the 40 hours.*Art\. 5 §7\.e\(1\)"):
        civil_defense(8, 41, contract=contract)


@pytest.mark.parametrize("asked, veteran, allowed", [(6, True, 4), (3, True, 3), (4, False, 0)])
def test_military_funeral_four_hours(contract, asked, veteran, allowed):
    """Art. 5 §7.f: up to four (4) hours, for veterans or members of their honor or ceremonial groups."""
    assert military_funeral(asked, veteran_or_honor_group=veteran, contract=contract).amount == allowed


def test_cpa_exam_three_workdays_over_thanksgiving(contract):
    """Art. 5 §7.i(2): 4 asked → 3: Wed 11-25, (Thu 11-26 Thanksgiving), Fri 11-27, (weekend), Mon 11-30."""
    f = cpa_exam(D(2026, 11, 25), 4, contract=contract)
    assert f.amount == 3 and (f.date("first"), f.date("last")) == (D(2026, 11, 25), D(2026, 11, 30))


def test_cpa_exam_from_a_saturday_and_when_not_related(contract):
    """A Saturday start moves to Mon 11-30; the days are Mon 11-30, Tue 12-01, Wed 12-02."""
    assert cpa_exam(D(2026, 11, 28), 3, contract=contract).date("last") == D(2026, 12, 2)
    assert cpa_exam(D(2026, 11, 25), 3, accounting_related=False, contract=contract).amount == 0
    with pytest.raises(OutOfRange, match=r"Art\. 5 §7\.i\(2\)"):
        cpa_exam(D(2026, 11, 25), 0, contract=contract)


# -- a trip to vote and registering (§7.d(3), §7.d(4)) --------------------------------------------------------
def test_voting_trip_one_day_then_annual_leave_art5_7d3(contract):
    """A 2½-day trip: 1 day without charge; 'Time off in excess of one (1) day' (1½ days) is annual leave, then LWOP;
    more than one day is required, so the liberal policy applies. A ¾-day trip: ¾ day, nothing charged, no liberal policy."""
    r = voting_trip(2.5, contract=contract)
    assert r.amount == 1 and "1.5 charged to annual leave (then LWOP)" in r.answer
    assert any("liberal policy" in x for x in r.reasons)
    short = voting_trip(0.75, contract=contract)
    assert short.amount == 0.75 and "charged" not in short.answer and not any("liberal" in x for x in short.reasons)


def test_voting_trip_needs_distance_and_no_absentee_ballot_art5_7d3(contract):
    assert voting_trip(2, absentee_permitted=True, contract=contract).amount == 0
    assert "within normal commuting distance" in voting_trip(2, beyond_commuting=False, contract=contract).explain()


def test_registration_exception_needs_both_conditions_art5_7d4(contract):
    """No time off only if registering can be done on a non-workday AND within a one-day round trip."""
    assert registration_leave(0.5, nonworkday_possible=True, contract=contract).ok is False
    assert registration_leave(1, nonworkday_possible=True, contract=contract).ok is False  # a one-day round trip is "within"
    assert registration_leave(1.5, nonworkday_possible=True, contract=contract).ok is True
    assert registration_leave(0.5, nonworkday_possible=False, contract=contract).ok is True
    assert registration_leave(0.5, in_person_required=False, contract=contract).ok is False


def test_voting_leave_names_both_windows_and_the_full_day_cap_art5_7d(contract):
    """Polls open 3 h 30 before work: enough on personal time; the answer names 3 hours before / 3 hours after and
    the explanation the full-day cap of §7.d(2)."""
    v = voting_leave("05:00", "19:00", "08:30", "17:00", contract=contract)
    assert not v.eligible and "at least 3 hours before or 3 hours after work" in v.answer()
    assert "not more than 1 full day (Art. 5 §7.d(2))" in v.explain()


def test_defaults_are_the_limits_of_the_file(contract):
    """Without an amount asked, the most the rule allows: 4 hours (§7.f, §7.g), 3 workdays (§7.i(2))."""
    assert military_funeral(contract=contract).amount == 4
    assert blood_donation(D(2026, 11, 19), contract=contract).amount == 4
    assert cpa_exam(D(2026, 11, 23), contract=contract).amount == 3


def test_cli_voting_trip_and_registration(capsys):
    assert main(["leave", "voting-trip", "--trip-days", "2.5", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["amount"] == 1
    assert main(["leave", "registration", "--round-trip-days", "0.5", "--nonworkday-possible", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["ok"] is False
    assert main(["leave", "voting-trip", "--trip-days", "-1"]) == 2
    assert capsys.readouterr().err.count("\n") == 1
