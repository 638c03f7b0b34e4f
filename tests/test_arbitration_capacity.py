"""The capacity answer of the arbitration simulator (issue 17 item 13; Art. 44 §3.a–§3.e): a caseload a year or a
month, the fewest reserved dates a month per arbitrator holding a planning target of hearings on time, in plain
words. Numbers are hand-worked on a one-arbitrator panel; the rest are properties (fixed seeds, hypothesis)."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace
from itertools import pairwise

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lmcore.arbitration import (
    ON_TIME_TARGET,
    Caseload,
    SimConfig,
    capacity,
    invocations_from,
    make_panel,
    on_time_curve,
    simulate,
    synthetic_invocations,
)
from lmcore.arbitration.capacity import capacity_on_curve, least_dates
from lmcore.errors import InvalidInput, OutOfRange

D = dt.date


@pytest.fixture(scope="module")
def one_arbitrator(contract):
    return make_panel(["Ann Arbiter"], D(2025, 11, 2), contract, size=1)


# -- the caseload, a year or a month ---------------------------------------------------------------------------------
@pytest.mark.parametrize("cases, per, month, words", [
    (30, "year", 2.5, "30 cases a year (2.5 a month)"),          # 30 / 12 = 2.5 exactly
    (2.5, "month", 2.5, "2.5 cases a month"),
    (1, "year", 1 / 12, "1 case a year (about 0.08 a month)"),    # 1 / 12 = 0.0833…
    (0, "year", 0.0, "0 cases a year (0 a month)"),
])
def test_a_caseload_a_year_is_divided_by_twelve_exactly(cases, per, month, words):
    c = Caseload(cases, per)
    assert c.per_month == month and c.words() == words


@pytest.mark.parametrize("cases, per, error", [(-1, "year", OutOfRange), (float("nan"), "month", OutOfRange),
                                                (3, "week", InvalidInput)])
def test_a_bad_caseload_is_a_cited_error(cases, per, error):
    with pytest.raises(error) as e:
        Caseload(cases, per)
    assert e.value.cite == "Art. 44 §3.b"


# -- hand-worked: one arbitrator -----------------------------------------------------------------------------------
# January 2027: Fri 01-01 is New Year's Day, so the January meeting (§3.b, first workday of the month) is Mon 01-04 and
# the February meeting Mon 02-01. Five expedited cases invoked after the January meeting, Tue 01-05, Wed 01-06,
# Mon 01-11, Tue 01-12, Wed 01-13, are all reviewed on Mon 02-01; their limits (+30 calendar days, §3.e) are
# Thu 02-04, Fri 02-05, Wed 02-10, Thu 02-11, Fri 02-12 (all workdays: no reading of a weekend limit needed).
# One arbitrator reserving k dates a month takes the first k workdays after the meeting: Tue 02-02, Wed 02-03, Thu 02-04,
# Fri 02-05, Mon 02-08, … Cases beyond the k February dates wait for March: late.
#   k = 2: 02-02, 02-03 → 2 of 5 on time (40 %); k = 3: + 02-04 → 3 (60 %); k = 4: + 02-05 → 4 (80 %);
#   k = 5: + 02-08 → sorted dates 2, 3, 4, 5, 8 against sorted limits 4, 5, 10, 11, 12: all 5 on time (100 %).
# k = 1 is not tried: one date a month for the whole panel is below §3.a's minimum (one expedited and one regular date).
FIVE = [(f"E{i}", "expedited", D(2027, 1, d)) for i, d in enumerate((5, 6, 11, 12, 13), 1)]
JAN = SimConfig(months=1, start=D(2027, 1, 1), tail_months=3)


def test_one_arbitrator_five_expedited_cases_hand_worked_art44_3a_3b_3e(contract, one_arbitrator):
    cases = invocations_from(FIVE)
    curve = on_time_curve(JAN, contract, k_max=6, panel=one_arbitrator, cases=cases)
    assert curve == ((2, 0.4), (3, 0.6), (4, 0.8), (5, 1.0), (6, 1.0))
    at5 = simulate(replace(JAN, dates_per_month=5), contract, panel=one_arbitrator, cases=cases)
    assert at5.on_time.all() and sorted(at5.hearing.tolist()) == [D(2027, 2, d) for d in (2, 3, 4, 5, 8)]
    for target, k in ((ON_TIME_TARGET, 5), (0.8, 4), (0.5, 3), (0.3, 2)):
        assert capacity(JAN, contract, target=target, k_max=12, panel=one_arbitrator, cases=cases).dates_per_month == k
    cap = capacity(JAN, contract, k_max=12, panel=one_arbitrator, cases=cases)
    assert cap.sentence(Caseload(5, "month"), 1) == (
        "With 5 cases a month, each arbitrator must reserve 5 dates a month (5 for the panel of 1) to hold 95 % of "
        "hearings on time (Art. 44 §3.a–§3.e): 100.0 % on time in this sample.")


def test_one_case_a_month_one_arbitrator_needs_the_section_3a_minimum(contract, one_arbitrator):
    """1 regular case a month (invoked Tue 01-05, Wed 02-03, Wed 03-03: each heard at the next month's meeting + 1
    workday, well inside 90 days, §3.c): the answer is §3.a's floor for one arbitrator, 2 dates a month (one
    expedited, one regular date: one date a month is refused), not 1."""
    cases = invocations_from([("R1", "regular", D(2027, 1, 5)), ("R2", "regular", D(2027, 2, 3)),
                              ("R3", "regular", D(2027, 3, 3))])
    cfg = replace(JAN, months=3)
    assert least_dates(one_arbitrator, cfg, contract) == 2
    cap = capacity(cfg, contract, k_max=12, panel=one_arbitrator, cases=cases)
    assert (cap.dates_per_month, cap.share) == (2, 1.0)
    assert cap.sentence(Caseload(12, "year"), 1).startswith(
        "With 12 cases a year (1 a month), each arbitrator must reserve 2 dates a month (2 for the panel of 1)")
    with pytest.raises(OutOfRange):
        simulate(replace(cfg, dates_per_month=1), contract, panel=one_arbitrator, cases=cases)


def test_no_cases_need_only_the_section_3a_minimum(contract):
    """0 cases: nothing to hear, every k holds 100 %; the six arbitrators' 1 date a month each already meets §3.a."""
    cfg = SimConfig(months=3, rate_regular=0, rate_expedited=0)
    cap = capacity(cfg, contract, k_max=6)
    assert cap.dates_per_month == 1
    assert cap.sentence(Caseload(0, "year"), 6) == ("With 0 cases a year (0 a month) there is no hearing to hold; the panel "
                                                   "still reserves the monthly minimum (Art. 44 §3.a): 1 date a month per "
                                                   "arbitrator.")


def test_out_of_reach_says_so_in_words(contract):
    """Every case expedited and a target of 100 %: a case invoked just after a meeting waits a month for the next one
    (§3.b) and its 30 days (§3.e) run out first for some of them, whatever the number of dates."""
    cfg = SimConfig(months=6, seed=1, rate_regular=0, rate_expedited=12)
    cap = capacity(cfg, contract, target=1.0, k_max=6)
    text = cap.sentence(Caseload(144, "year"), 6)
    assert cap.dates_per_month is None
    assert text.startswith("With 144 cases a year (12 a month), no number of reserved dates up to 6 a month per "
                           "arbitrator holds 100 % of hearings on time") and "§3.b" in text


# -- properties ----------------------------------------------------------------------------------------------------
@settings(max_examples=12, deadline=None)
@given(seed=st.integers(0, 10**6), per_month=st.floats(0, 12), share=st.floats(0, 1),
       target=st.sampled_from([0.5, 0.8, 0.9, 0.95, 1.0]))
def test_the_curve_never_falls_and_capacity_is_its_first_k_at_target(contract, seed, per_month, share, target):
    """More reserved dates never lower the on-time share; the binary search finds the first k of the full curve."""
    cfg = SimConfig(months=4, seed=seed, rate_regular=per_month * (1 - share), rate_expedited=per_month * share,
                    tail_months=6)
    cases = synthetic_invocations(cfg, contract)
    curve = on_time_curve(cfg, contract, k_max=8, cases=cases)
    shares = [s for _, s in curve]
    assert all(a <= b for a, b in pairwise(shares))
    cap = capacity(cfg, contract, target=target, k_max=8, cases=cases)
    first = next((k for k, s in curve if s >= target), None)
    assert cap.dates_per_month == first == capacity_on_curve(curve, target, 6).dates_per_month


@settings(max_examples=25, deadline=None)
@given(base=st.lists(st.tuples(st.sampled_from(["regular", "expedited", "stayed"]), st.integers(0, 89)), min_size=1,
                     max_size=8),
       extra=st.lists(st.tuples(st.sampled_from(["regular", "expedited", "stayed"]), st.integers(0, 89)), min_size=1,
                      max_size=6),
       k=st.integers(2, 4))
def test_more_cases_never_put_a_case_on_time_sooner(contract, one_arbitrator, base, extra, k):
    """More cases never raise the number of the first cases heard on time: with one arbitrator and the earliest
    deadline first order, added cases only take dates, so every first case is heard on the same date or later.
    (The share of all cases can still rise when an added case is itself on time.)"""
    def rows(items, tag):
        return [(f"{tag}{i}", kind, D(2027, 1, 1) + dt.timedelta(days=d)) for i, (kind, d) in enumerate(items)]

    cfg = SimConfig(months=3, start=D(2027, 1, 1), tail_months=12, dates_per_month=k, policy="edf")
    few = simulate(cfg, contract, panel=one_arbitrator, cases=rows(base, "A"))
    more = simulate(cfg, contract, panel=one_arbitrator, cases=rows(base, "A") + rows(extra, "B"))
    ids = list(more.invocations.case_id)
    first = np.array([ids.index(c) for c in few.invocations.case_id])
    late_never = np.datetime64("9999-12-31")
    assert np.all(np.where(np.isnat(more.hearing[first]), late_never, more.hearing[first])
                  >= np.where(np.isnat(few.hearing), late_never, few.hearing))
    assert more.on_time[first].sum() <= few.on_time.sum()


def _walk(w):
    yield w
    for c in getattr(w, "children", ()) or ():
        yield from _walk(c)


# -- the page ------------------------------------------------------------------------------------------------------
def test_the_page_takes_cases_a_year_and_answers_in_words_first(contract):
    """30 cases a year are 2.5 a month (30 / 12); the capacity sentence comes first in the simulator's answer, names
    the planning target as the simulator's, and the charts carry their axes; months read "Jan 2027"."""
    from lmcore.ui.arbitration import build_app, page

    a = build_app(contract, as_of=D(2026, 11, 23), params={"caseload": "30", "per": "year"})
    cfg = a.sim.exact.config
    assert cfg.rate_regular + cfg.rate_expedited == pytest.approx(2.5)
    assert a.sim_out.value.startswith('<p class="lmcore-capacity"')
    assert "With 30 cases a year (2.5 a month), each arbitrator must reserve" in a.sim_out.value
    assert "planning target of this simulator, not a rule of the contract" in a.sim_out.value
    # the same cases a month give the same answer as a year's worth / 12
    b = build_app(contract, as_of=D(2026, 11, 23), params={"caseload": "2.5", "per": "month"})
    assert b.cap.dates_per_month == a.cap.dates_per_month and b.sentence.startswith("With 2.5 cases a month, each")
    assert a.month.options[0] == ("Jan 2027", "2027-01")
    html = [w.value for w in _walk(a.widget) if isinstance(getattr(w, "value", None), str)]
    link = next(i for i, t in enumerate(html) if f'<a href="#{page.SIMULATOR_ID}">Jump to the scheduling simulator</a>' in t)
    heading = next(i for i, t in enumerate(html) if f'<h3 id="{page.SIMULATOR_ID}">Scheduling simulator' in t)
    assert link < 5 < heading  # the link near the top of the page, the heading further down


def test_the_page_withholds_the_answer_for_a_caseload_it_cannot_take(contract):
    """Negative, not a number, or more than the simulator's bound (60 a month, 720 a year): the message beside the box,
    the typed text kept, no answer. The bound follows the period: 700 is fine a year, not a month."""
    from lmcore.ui.arbitration import build_app

    a = build_app(contract, as_of=D(2026, 11, 23), params={})
    for typed in ("-1", "abc", "721"):
        a.caseload.widget.value = typed
        assert a.caseload.widget.value == typed and a.caseload.error.value and a.sim_out.value == ""
        assert "1 field needs attention" in a.sim_error.value and a.cap_plot.layout.display == "none"
    a.caseload.widget.value = "700"
    assert "With 700 cases a year (about 58.33 a month)" in a.sim_out.value
    a.per.value = "month"
    assert "from 0 to 60 for the cases a month" in a.caseload.error.value and a.sim_out.value == ""
    a.caseload.widget.value = "2.5"
    assert a.sentence.startswith("With 2.5 cases a month")
