"""The arbitration scheduling simulator (Art. 44 §1.c, §3.a, §3.b): hand-worked small runs, determinism,
monotonicity in reserved dates, the exact assignment against EDF, metrics and bad input. Small cases only.
"""
from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lmcore.arbitration import milestones
from lmcore.arbitration import (SimConfig, capacity, compare_policies, invocations_from, meeting_dates, reserved_dates,
                                simulate, synthetic_invocations)
from lmcore.arbitration.simulator import _exact
from lmcore.errors import InvalidDate, InvalidInput, OutOfRange
from lmcore.arbitration import EXAMPLE_NAMES, make_panel

D = dt.date


def days(*ds):
    return np.array(ds, dtype="datetime64[D]")


# -- hand-worked ------------------------------------------------------------------------------------------
@pytest.fixture
def one_arbitrator(contract):
    return make_panel(["Ann Arbiter"], D(2025, 11, 2), contract, size=1)


# meetings on the 8th: Fri 2027-01-08, Mon 2027-02-08. Three expedited cases invoked Mon 01-11, Tue 01-12, Wed 01-13
# are reviewed at the Feb 8 meeting; their limits (+30 calendar days) are Wed 02-10, Thu 02-11, Fri 02-12.
# The arbitrator's dates after that meeting: Thu 02-11, Fri 02-12, Tue 02-16 (Mon 02-15 is Washington's Birthday).
CASES = [("A", "expedited", D(2027, 1, 11)), ("B", "expedited", D(2027, 1, 12)), ("C", "expedited", D(2027, 1, 13))]
RESERVED = {"Ann Arbiter": [D(2027, 1, 21), D(2027, 1, 22), D(2027, 2, 11), D(2027, 2, 12), D(2027, 2, 16)]}
CFG = SimConfig(months=1, start=D(2027, 1, 1), meeting_day=8, tail_months=2)


def test_edf_loses_two_hearings_that_the_exact_assignment_saves_art44_3b_3e(contract, one_arbitrator):
    edf = simulate(replace(CFG, policy="edf"), contract, panel=one_arbitrator, cases=CASES, reserved=RESERVED)
    # EDF: A (limit 02-10, already hopeless) takes 02-11, B takes 02-12 (limit 02-11), C takes 02-16 (limit 02-12)
    assert list(edf.hearing) == list(days("2027-02-11", "2027-02-12", "2027-02-16"))
    assert list(edf.hearing_by) == list(days("2027-02-10", "2027-02-11", "2027-02-12"))
    assert edf.on_time.sum() == 0
    ex = simulate(CFG, contract, panel=one_arbitrator, cases=CASES, reserved=RESERVED)
    # exact: B 02-11 and C 02-12 on time, the hopeless A goes last to 02-16
    assert list(ex.hearing) == list(days("2027-02-16", "2027-02-11", "2027-02-12"))
    assert ex.on_time.tolist() == [False, True, True]
    assert list(ex.meeting) == list(days("2027-02-08", "2027-02-08", "2027-02-08"))
    # the Jan 21-22 dates came before any case was reviewed: unused
    assert [(r.month, r.reserved, r.used) for r in ex.months()[:2]] == [("2027-01", 2, 0), ("2027-02", 3, 3)]


def test_case_milestones_follow_from_the_hearing_date(contract, one_arbitrator):
    ex = simulate(CFG, contract, panel=one_arbitrator, cases=CASES, reserved=RESERVED)
    b = {c.case_id: c for c in ex.cases()}["B"]
    # hearing Thu 2027-02-11; §5.a 14 workdays before: Wed 10(1) Tue 9(2) Mon 8(3) Fri 5(4) Thu 4(5) Wed 3(6) Tue 2(7)
    # Mon 1(8) Fri 1-29(9) Thu 28(10) Wed 27(11) Tue 26(12) Mon 25(13) Fri 22(14) → Fri 2027-01-22
    assert b.prehearing_meeting == D(2027, 1, 22)
    # §8.c: 5 calendar days after the hearing → Tue 2027-02-16
    assert b.decision == D(2027, 2, 16) and b.days_to_hearing == 30 and b.on_time
    # the same dates as the explained, one-case calculation
    s = milestones(b.invoked, "expedited", contract, hearing=b.hearing)
    assert (s["exchange_meeting"].due, s["arbitrability_notice"].due, s["hearing_by"].due) == \
        (b.exchange_meeting, b.arbitrability_notice, b.hearing_by)
    # the §5.a meeting (01-22) was due before the Feb 8 meeting set the date: counted for planners
    assert ex.prehearing_before_meeting() == 3


def test_rotation_placement_of_reserved_dates_art44_3a(contract):
    names = make_panel(EXAMPLE_NAMES, D(2025, 11, 2), contract).roster("regular")
    cfg = SimConfig(start=D(2027, 1, 1), dates_per_month=1)
    r = reserved_dates(names, cfg, contract, 2)
    # Jan meeting Mon 01-04; workdays after it go round the roster: Tue 5 Abernathy, Wed 6 Feldman, Thu 7 Garcia,
    # Fri 8 Nakamura, Mon 11 Okafor, Tue 12 Whitfield. In February (meeting Mon 02-01) the turn moves one place:
    # Tue 2 Feldman, Wed 3 Garcia, Thu 4 Nakamura, Fri 5 Okafor, Mon 8 Whitfield, Tue 9 Abernathy.
    assert list(r["Ruth Abernathy"]) == list(days("2027-01-05", "2027-02-09"))
    assert list(r["Robert Whitfield"]) == list(days("2027-01-12", "2027-02-08"))
    # two dates each: the second round starts at the 7th workday after the meeting: Wed 13 (Abernathy) ..
    # Tue 19 (Nakamura, Mon 18 MLK skipped), Thu 21 (Whitfield)
    r2 = reserved_dates(names, replace(cfg, dates_per_month=2), contract, 1)
    assert list(r2["Ruth Abernathy"]) == list(days("2027-01-05", "2027-01-13"))
    assert list(r2["Helen Nakamura"]) == list(days("2027-01-08", "2027-01-19"))
    assert list(r2["Robert Whitfield"]) == list(days("2027-01-12", "2027-01-21"))


@pytest.mark.parametrize("placement", ["rotation", "spread"])
def test_more_reserved_dates_are_a_superset(contract, placement):
    names = make_panel(EXAMPLE_NAMES, D(2025, 11, 2), contract).roster("regular")
    for k in range(1, 8):
        a = reserved_dates(names, SimConfig(dates_per_month=k, placement=placement), contract, 6)
        b = reserved_dates(names, SimConfig(dates_per_month=k + 1, placement=placement), contract, 6)
        for n in names:
            assert set(a[n].tolist()) <= set(b[n].tolist())
            assert len(b[n]) == 6 * (k + 1) and all(contract.calendar.is_workday(b[n]))


def test_meetings_first_workday_art44_3b(contract):
    # 2027: Jan 1 New Year → Mon 01-04; May 1 Sat → Mon 05-03; Aug 1 Sun → Mon 08-02
    m = meeting_dates(contract, D(2027, 1, 1), 8)
    assert list(m[[0, 4, 7]]) == list(days("2027-01-04", "2027-05-03", "2027-08-02"))


def test_designation_rotates_in_the_simulator_art44_1c(contract):
    panel = make_panel(["Ann Able", "Bob Baker"], D(2025, 11, 2), contract, size=2)
    cases = [("R1", "regular", D(2027, 1, 5)), ("E1", "expedited", D(2027, 1, 5)), ("R2", "regular", D(2027, 1, 6)),
             ("S1", "stayed", D(2027, 1, 7))]
    r = simulate(SimConfig(months=1, dates_per_month=2), contract, panel=panel, cases=cases)
    assert dict(zip(r.invocations.case_id, r.arbitrator)) == {"R1": "Ann Able", "E1": "Ann Able", "R2": "Bob Baker",
                                                             "S1": "Ann Able"}


# -- determinism, monotonicity, exactness ---------------------------------------------------------------------
SMALL = SimConfig(months=6, seed=3, rate_regular=5, rate_expedited=3, rate_stayed=0.5)


def test_same_seed_same_run(contract):
    a, b = simulate(SMALL, contract), simulate(SMALL, contract)
    assert a.to_dict(include_cases=True) == b.to_dict(include_cases=True)
    c = synthetic_invocations(replace(SMALL, seed=4), contract)
    assert len(c) != len(a.hearing) or not np.array_equal(c.invoked, a.invoked)


@pytest.mark.parametrize("placement", ["rotation", "spread"])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_more_dates_never_make_a_case_later_under_edf(contract, seed, placement):
    cfg = replace(SMALL, seed=seed, rate_regular=8, placement=placement, policy="edf")
    cases = synthetic_invocations(cfg, contract)
    far = np.datetime64("2200-01-01")
    prev = None
    for k in range(1, 5):
        r = simulate(replace(cfg, dates_per_month=k), contract, cases=cases)
        h = np.where(np.isnat(r.hearing), far, r.hearing)
        if prev is not None:
            assert np.all(h <= prev[0]) and r.on_time.sum() >= prev[1]
            for kind in ("regular", "expedited", "stayed"):
                assert (r.on_time & (r.kind == kind)).sum() >= (prev[2] & (r.kind == kind)).sum()
        prev = (h, r.on_time.sum(), r.on_time)


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10**6), reg=st.floats(0, 14), exp=st.floats(0, 8), k=st.integers(1, 5),
       placement=st.sampled_from(["rotation", "spread"]), day=st.integers(1, 28))
def test_on_time_share_is_monotone_and_exact_beats_edf(contract, seed, reg, exp, k, placement, day):
    cfg = SimConfig(months=4, seed=seed, rate_regular=reg, rate_expedited=exp, rate_stayed=0.5, placement=placement,
                    meeting_day=day, tail_months=6)
    cases = synthetic_invocations(cfg, contract)
    lo = compare_policies(replace(cfg, dates_per_month=k), contract, cases=cases)
    hi = compare_policies(replace(cfg, dates_per_month=k + 1), contract, cases=cases)
    assert hi.exact.on_time.sum() >= lo.exact.on_time.sum()
    assert hi.edf.on_time.sum() >= lo.edf.on_time.sum()
    assert lo.exact.on_time.sum() >= lo.edf.on_time.sum() and all(v >= 0 for v in lo.difference().values())


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_exact_assignment_matches_brute_force(data):
    n = data.draw(st.integers(1, 6))
    base = np.datetime64("2027-03-01")
    due = base + np.array(data.draw(st.lists(st.integers(0, 12), min_size=n, max_size=n)), dtype="timedelta64[D]")
    slots = base + np.array(sorted(data.draw(st.sets(st.integers(0, 15), min_size=n, max_size=n))), dtype="timedelta64[D]")
    rows, cols = _exact(due, slots)
    got = int(np.sum(slots[cols] <= due[rows]))
    best = max(sum(slots[j] <= due[i] for i, j in enumerate(p)) for p in itertools.permutations(range(n)))
    assert got == best and sorted(cols.tolist()) == list(range(n))


# -- metrics ---------------------------------------------------------------------------------------------------
def test_monthly_metrics_add_up(contract):
    r = simulate(replace(SMALL, rate_regular=9, dates_per_month=1), contract)
    rows = r.months()
    backlog = 0
    for row in rows:
        backlog += row.invoked - row.heard
        assert row.backlog == backlog and 0 <= row.used <= row.reserved
    assert sum(row.heard for row in rows) == int((~np.isnat(r.hearing)).sum())
    stats = {s.kind: s for s in r.stats()}
    assert stats["all"].cases == sum(s.cases for k, s in stats.items() if k != "all") == len(r.hearing)
    assert stats["all"].on_time == int(r.on_time.sum())
    d = r.to_dict()
    assert d["on_time_share"] == round(stats["all"].on_time / stats["all"].cases, 4)
    assert 0 <= d["utilisation"] <= 1 and d["cites"]["monthly_meeting"] == "Art. 44 §3.b"


def test_calendar_month_lists_reserved_dates_and_hearings(contract, one_arbitrator):
    ex = simulate(CFG, contract, panel=one_arbitrator, cases=CASES, reserved=RESERVED)
    assert ex.calendar_month(2027, 2) == {D(2027, 2, 11): [("Ann Arbiter", "B")], D(2027, 2, 12): [("Ann Arbiter", "C")],
                                          D(2027, 2, 16): [("Ann Arbiter", "A")]}
    assert ex.calendar_month(2027, 1) == {D(2027, 1, 21): [("Ann Arbiter", None)], D(2027, 1, 22): [("Ann Arbiter", None)]}


def test_capacity_is_the_fewest_dates_reaching_the_target(contract):
    cfg = replace(SMALL, rate_regular=10, rate_expedited=4)
    cap = capacity(cfg, contract, target=0.9, k_max=8)
    assert cap.dates_per_month is not None and cap.panel_dates_per_month == 6 * cap.dates_per_month
    cases = synthetic_invocations(cfg, contract)
    at = simulate(replace(cfg, dates_per_month=cap.dates_per_month), contract, cases=cases).on_time.mean()
    assert at >= 0.9 and abs(at - cap.share) < 1e-12
    if cap.dates_per_month > 1:
        assert simulate(replace(cfg, dates_per_month=cap.dates_per_month - 1), contract, cases=cases).on_time.mean() < 0.9


def test_capacity_can_be_out_of_reach(contract):
    # every case expedited and a target of 100%: cases invoked just after a meeting cannot be heard in 30 days
    cap = capacity(SimConfig(months=6, seed=1, rate_regular=0, rate_expedited=12), contract, target=1.0, k_max=6)
    assert cap.dates_per_month is None and "§3.b" in cap.explain() and cap.best_share < 1.0


# -- bad input ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("change,error,cite", [
    (dict(dates_per_month=0), OutOfRange, "Art. 44 §3.a"), (dict(months=0), OutOfRange, "Art. 44 §3.b"),
    (dict(policy="random"), InvalidInput, "Art. 44 §3.b"), (dict(rate_regular=-1), OutOfRange, "Art. 44 §3.b"),
    (dict(placement="weekly"), InvalidInput, "Art. 44 §3.a"), (dict(meeting_day=31), OutOfRange, "Art. 44 §3.b"),
])
def test_bad_config_is_a_cited_error(contract, change, error, cite):
    with pytest.raises(error) as e:
        simulate(replace(SimConfig(months=1), **change), contract)
    assert e.value.cite == cite


def test_one_date_a_month_for_the_whole_panel_is_too_few_art44_3a(contract, one_arbitrator):
    with pytest.raises(OutOfRange) as e:
        simulate(CFG, contract, panel=one_arbitrator, cases=CASES)
    assert e.value.cite == "Art. 44 §3.a"
    # two dates a month: after the Feb 8 meeting Tue 02-09 and Wed 02-10, then Tue 03-09 (March meeting Mon 03-08).
    # Two limits can be met; the least lateness leaves C (limit 02-12) to 03-09, 25 days late.
    r = simulate(replace(CFG, dates_per_month=2), contract, panel=one_arbitrator, cases=CASES)
    assert list(r.hearing) == list(days("2027-02-09", "2027-02-10", "2027-03-09"))


def test_bad_reserved_dates(contract, one_arbitrator):
    with pytest.raises(InvalidInput) as e:
        simulate(CFG, contract, panel=one_arbitrator, cases=CASES, reserved={"Nobody": [D(2027, 1, 21)]})
    assert e.value.cite == "Art. 44 §1.a"
    with pytest.raises(OutOfRange) as e:
        simulate(CFG, contract, panel=one_arbitrator, cases=CASES, reserved={"Ann Arbiter": [D(2027, 1, 21)]})
    assert e.value.cite == "Art. 44 §3.a" and "2027-01" in str(e.value)
    with pytest.raises(InvalidDate) as e:  # Mon 2027-01-18 is Martin Luther King Jr. Day
        simulate(CFG, contract, panel=one_arbitrator, cases=CASES, reserved={"Ann Arbiter": [D(2027, 1, 18), D(2027, 1, 19)]})
    assert "Martin Luther King" in str(e.value)


def test_bad_cases(contract):
    with pytest.raises(InvalidInput):
        invocations_from([("A", "regular", D(2027, 1, 5)), ("A", "regular", D(2027, 1, 6))])
    with pytest.raises(InvalidInput):
        invocations_from([("A", "urgent", D(2027, 1, 5))])
    with pytest.raises(InvalidDate):
        invocations_from([("A", "regular", "2027-13-01")])
