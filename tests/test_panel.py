"""The panel of arbitrators (Art. 44 §1): rosters, rotation, removal windows, replacements and strikes, by hand.

Example panel, alphabetical by surname: Abernathy, Feldman, Garcia, Nakamura, Okafor, Whitfield.
"""
from __future__ import annotations

import datetime as dt

import pytest

from lmcore.errors import InvalidDate, InvalidInput, OutOfRange
from lmcore.bargaining.duration import effective_date
from lmcore.arbitration import EXAMPLE_NAMES, alternate_strikes, make_panel, notice_window

D = dt.date
SURNAMES = ["Abernathy", "Feldman", "Garcia", "Nakamura", "Okafor", "Whitfield"]
FULL = dict(zip(SURNAMES, ["Ruth Abernathy", "Susan Feldman", "Thomas Garcia", "Helen Nakamura", "Daniel Okafor",
                           "Robert Whitfield"]))


@pytest.fixture
def panel(contract):
    # ratified Fri 2025-10-03 + 30 calendar days: Oct 4..31 = 28, Nov 1..2 = 2 → effective Sun 2025-11-02
    return make_panel(EXAMPLE_NAMES, effective_date(D(2025, 10, 3), contract).due, contract)


def designate_many(panel, kind, days):
    names = []
    for i, day in enumerate(days):
        panel, d = panel.designate(f"{kind[0]}{i}", kind, day)
        names.append(d.arbitrator.split()[-1])
    return panel, names


def test_effective_date_art47_1(contract):
    assert effective_date(D(2025, 10, 3), contract).due == D(2025, 11, 2)
    # read as workdays: 30 workdays after Fri 2025-10-03, Columbus Day Mon 10-13 and Veterans Day Tue 11-11 skipped:
    # Oct 6-10 (5), 14-17 (9), 20-24 (14), 27-31 (19), Nov 3-7 (24), Mon 10 (25), 12-14 (28), Mon 17 (29), Tue 18 (30)
    c = contract.with_interpretations({"duration.effective_days": "workdays"})
    assert effective_date(D(2025, 10, 3), c).due == D(2025, 11, 18)


def test_rosters_are_alphabetical_by_surname_art44_1a(panel):
    assert [n.split()[-1] for n in panel.roster("regular")] == SURNAMES
    assert panel.roster("expedited") == panel.roster("regular")


def test_alphabetical_as_written_is_a_reading(contract):
    c = contract.with_interpretations({"arbitration.alphabetical_order": "as_written"})
    p = make_panel(EXAMPLE_NAMES, D(2025, 11, 2), c)
    assert p.roster("regular")[:3] == ("Daniel Okafor", "Helen Nakamura", "Robert Whitfield")


def test_rotation_per_roster_art44_1c(panel):
    # eight regular cases go round the roster and start again; the expedited roster keeps its own pointer
    days = [D(2026, 1, 5) + dt.timedelta(days=i) for i in range(8)]
    panel, names = designate_many(panel, "regular", days)
    assert names == SURNAMES + ["Abernathy", "Feldman"]
    panel, d = panel.designate("E1", "expedited", D(2026, 1, 20))
    assert d.arbitrator == FULL["Abernathy"] and d.roster == "expedited" and d.cite == "Art. 44 §1.c"
    panel, d = panel.designate("S1", "stayed", D(2026, 1, 21))  # a stayed removal is a regular-roster case
    assert (d.roster, d.arbitrator) == ("regular", FULL["Garcia"])
    assert panel.next_arbitrator("regular") == FULL["Nakamura"]


def test_removal_window_art44_1d(contract, panel):
    # anniversary Mon 2026-11-02; window opens 30 calendar days before = Sat 2026-10-03 (opens reading: none);
    # it closes the day before, Sun 11-01 → last workday before it (closes reading: backward) = Fri 2026-10-30
    anniv, opens, closes = notice_window(panel.effective, D(2026, 10, 15), contract)
    assert (anniv, opens.due, closes.due) == (D(2026, 11, 2), D(2026, 10, 3), D(2026, 10, 30))
    assert closes.interpretations[0].id == "arbitration.removal_window_closes_nonworkday"
    panel.give_notice("Thomas Garcia", "union", D(2026, 10, 3), contract)  # first day of the window: valid


@pytest.mark.parametrize("day,window", [
    (D(2026, 10, 2), ("2026-10-03", "2026-10-30")),   # a day early
    (D(2026, 10, 31), ("2026-10-03", "2026-10-30")),  # Saturday after the last workday of the window
    (D(2026, 11, 2), ("2027-10-03", "2027-11-01")),   # the anniversary itself: next window is a year on
    (D(2026, 3, 2), ("2026-10-03", "2026-10-30")),
])
def test_removal_notice_outside_the_window_is_a_cited_error(contract, panel, day, window):
    with pytest.raises(OutOfRange) as e:
        panel.give_notice("Thomas Garcia", "department", day, contract)
    assert e.value.cite == "Art. 44 §1.d"
    assert all(w in str(e.value) for w in window)


def test_window_opening_reading_can_be_switched(contract, panel):
    # opens forward: Sat 2026-10-03 → Mon 2026-10-05, so a notice on Saturday is too early
    c = contract.with_interpretations({"arbitration.removal_window_opens_nonworkday": "forward"})
    with pytest.raises(OutOfRange):
        panel.give_notice("Thomas Garcia", "union", D(2026, 10, 3), c)


def test_removed_arbitrators_keep_their_cases_and_get_no_new_ones_art44_1d(contract, panel):
    # R0 Abernathy, R1 Feldman, R2 Garcia (Oct 14-15); on Fri 10-16 Feldman and Nakamura are given notice
    panel, names = designate_many(panel, "regular", [D(2026, 10, 14), D(2026, 10, 15), D(2026, 10, 15)])
    assert names == ["Abernathy", "Feldman", "Garcia"]
    panel, n1 = panel.give_notice("Susan Feldman", "union", D(2026, 10, 16), contract)
    panel, n2 = panel.give_notice("helen nakamura", "department", D(2026, 10, 16), contract)
    # replacement due: Fri 10-16 + 30 = Sun 11-15 (Oct 17..31 = 15, Nov 1..15 = 15) → backward → Fri 2026-11-13
    assert n1.replacement_due.due == D(2026, 11, 13) and n1.anniversary == D(2026, 11, 2)
    # from the notice day on, both are skipped: after Garcia come Okafor, Whitfield, Abernathy, Garcia
    days = [D(2026, 10, 16), D(2026, 10, 19), D(2026, 10, 20), D(2026, 10, 21)]
    p2 = panel
    names = []
    for i, day in enumerate(days):
        p2, d = p2.designate(f"R{3 + i}", "regular", day)
        names.append(d.arbitrator.split()[-1])
    assert names == ["Okafor", "Whitfield", "Abernathy", "Garcia"]
    assert [d.case_id for d in p2.cases_of("Susan Feldman")] == ["r1"]
    assert p2.roster("regular", D(2026, 10, 16)) == tuple(FULL[s] for s in ("Abernathy", "Garcia", "Okafor", "Whitfield"))
    # the day before the notice they were still on the roster
    assert len(p2.roster("regular", D(2026, 10, 15))) == 6
    status = {r["name"]: r["state"] for r in p2.status(D(2026, 11, 3))}
    assert status["Susan Feldman"].startswith("removed 2026-11-02")


def test_replacement_enters_both_rosters_alphabetically_art44_1e(contract, panel):
    panel, names = designate_many(panel, "regular", [D(2026, 10, 14)])  # Abernathy
    panel, _ = panel.give_notice("Susan Feldman", "union", D(2026, 10, 16), contract)
    panel, rep = panel.replace_arbitrator("Susan Feldman", "Anna Baker", D(2026, 11, 9), contract)
    assert rep.on_time and rep.due.due == D(2026, 11, 13) and rep.method == "mutual"
    on = D(2026, 11, 9)
    for roster in ("regular", "expedited"):
        assert [n.split()[-1] for n in panel.roster(roster, on)] == ["Abernathy", "Baker", "Garcia", "Nakamura", "Okafor",
                                                                    "Whitfield"]
    # the last regular case went to Abernathy, so Baker — next in alphabetical order — is next in rotation
    panel, d = panel.designate("R9", "regular", on)
    assert d.arbitrator == "Anna Baker" and d.position == 2
    # the day before joining, Baker is not on the rosters
    assert "Anna Baker" not in panel.roster("regular", D(2026, 11, 8))


def test_late_replacement_is_flagged_not_refused(contract, panel):
    panel, _ = panel.give_notice("Susan Feldman", "union", D(2026, 10, 16), contract)
    panel, rep = panel.replace_arbitrator("Susan Feldman", "Anna Baker", D(2026, 11, 16), contract)
    assert rep.on_time is False and "LATE" in rep.explain()


def test_replacement_by_strikes_art44_1b(contract, panel):
    names = ["Carmen Ortiz", "David Lindqvist", "Grace Whitaker", "Henry Osei", "Irene Castellano", "Martin Brody",
             "Naomi Feldstein"]
    res = alternate_strikes(names, names, names[::-1], contract, first="union")
    panel, _ = panel.give_notice("Susan Feldman", "union", D(2026, 10, 16), contract)
    panel, rep = panel.replace_arbitrator("Susan Feldman", "", D(2026, 10, 20), contract, strike=res)
    assert rep.newcomer == res.selected == "Henry Osei" and rep.method == "strike"
    with pytest.raises(InvalidInput) as e:
        panel.replace_arbitrator("Helen Nakamura", "Zed", D(2026, 10, 20), contract, strike=res)
    assert e.value.cite == "Art. 44 §1.e"  # Nakamura was never given notice


def test_panel_errors_are_cited(contract, panel):
    with pytest.raises(InvalidInput) as e:
        panel.give_notice("Nobody Known", "union", D(2026, 10, 16), contract)
    assert e.value.cite == "Art. 44 §1.a" and "Ruth Abernathy" in e.value.fix
    with pytest.raises(InvalidInput):
        panel.give_notice("Thomas Garcia", "arbitrator", D(2026, 10, 16), contract)
    p2, _ = panel.give_notice("Thomas Garcia", "union", D(2026, 10, 16), contract)
    with pytest.raises(InvalidInput):
        p2.give_notice("Thomas Garcia", "department", D(2026, 10, 20), contract)
    with pytest.raises(InvalidDate):
        p2.replace_arbitrator("Thomas Garcia", "Anna Baker", D(2026, 10, 15), contract)
    with pytest.raises(InvalidInput):
        p2.replace_arbitrator("Thomas Garcia", "Ruth Abernathy", D(2026, 10, 20), contract)
    p3, _ = p2.designate("R1", "regular", D(2026, 10, 20))
    with pytest.raises(InvalidDate):
        p3.designate("R0", "regular", D(2026, 10, 19))
    with pytest.raises(InvalidInput):
        panel.roster("appeals")


def test_panel_size_art44_1a(contract):
    with pytest.raises(OutOfRange) as e:
        make_panel(EXAMPLE_NAMES[:5], D(2025, 11, 2), contract)
    assert e.value.cite == "Art. 44 §1.a" and "mutual agreement" in e.value.fix
    assert len(make_panel(EXAMPLE_NAMES[:5], D(2025, 11, 2), contract, size=5).roster()) == 5
    with pytest.raises(InvalidInput):
        make_panel(["A One", "a one"], D(2025, 11, 2), contract, size=2)


def test_everyone_removed_leaves_no_one_to_designate(contract):
    p = make_panel(["Ann Arbiter"], D(2025, 11, 2), contract, size=1)
    p, _ = p.give_notice("Ann Arbiter", "union", D(2026, 10, 20), contract)
    with pytest.raises(OutOfRange):
        p.designate("R1", "regular", D(2026, 10, 21))


def test_notice_window_after_a_feb29_effective_date(contract, panel):
    # effective Tue 2028-02-29; first anniversary in 2029 (no Feb 29): Wed 2029-02-28 (duration.feb29_anniversary=feb28);
    # window: 30 calendar days before = Mon 2029-01-29 .. Tue 2029-02-27
    anniv, opens, closes = notice_window(D(2028, 2, 29), D(2029, 2, 1), contract)
    assert (anniv, opens.due, closes.due) == (D(2029, 2, 28), D(2029, 1, 29), D(2029, 2, 27))


# -- the strike procedure (§1.b) -----------------------------------------------------------------------
LIST = ["Adams", "Brown", "Clark", "Davis", "Evans", "Fox", "Green"]


def test_who_strikes_first_decides_between_the_last_two_art44_1b(contract):
    union = LIST                                     # Union: A B C D E F G (A most wanted)
    dept = ["Brown", "Adams", "Clark", "Davis", "Evans", "Fox", "Green"]  # Department: B A C D E F G
    # Union first: U strikes Green, D Fox, U Evans, D Davis, U Clark, D (between Adams, Brown) strikes Adams → Brown
    r = alternate_strikes(LIST, union, dept, contract, first="union")
    assert [(s.party, s.struck) for s in r.steps] == [("union", "Green"), ("department", "Fox"), ("union", "Evans"),
                                                      ("department", "Davis"), ("union", "Clark"), ("department", "Adams")]
    assert r.selected == "Brown" and r.steps[-1].remaining == ("Brown",)
    # Department first: D Green, U Fox, D Evans, U Davis, D Clark, U strikes Brown → Adams
    r = alternate_strikes(LIST, union, dept, contract, first="department")
    assert r.selected == "Adams" and len(r.steps) == 6
    assert r.choice.id == "arbitration.first_striker" and r.choice.choice == "department" and not r.choice.is_default


def test_coin_toss_is_replayable_by_seed(contract):
    # default reading coin_toss; random.Random(0).random() = 0.844… ≥ 0.5 → Department; Random(1) = 0.134… → Union
    assert alternate_strikes(LIST, LIST, LIST[::-1], contract, seed=0).first == "department"
    r = alternate_strikes(LIST, LIST, LIST[::-1], contract, seed=1)
    assert r.first == "union" and "seed 1" in r.coin
    assert r.choice.is_default and r.choice.choice == "coin_toss"


def test_same_first_choice_is_noted(contract):
    r = alternate_strikes(LIST, LIST, ["Adams"] + LIST[1:][::-1], contract, first="union")
    assert r.agreed == "Adams" and "could simply agree" in r.explain()


def test_strike_input_errors_art44_1b(contract):
    with pytest.raises(InvalidInput) as e:
        alternate_strikes(LIST[:6], LIST[:6], LIST[:6], contract)
    assert e.value.cite == "Art. 44 §1.b" and "7" in str(e.value)
    with pytest.raises(InvalidInput) as e:
        alternate_strikes(LIST, LIST[:6], LIST, contract)
    assert "Green is missing" in str(e.value)
    with pytest.raises(InvalidInput) as e:
        alternate_strikes(LIST, LIST, LIST[:6] + ["Zimmer"], contract)
    assert "'Zimmer' is not on the list" in str(e.value) and "Department" in str(e.value)
    with pytest.raises(InvalidInput):
        alternate_strikes(LIST, LIST, LIST, contract, first="arbitrator")
