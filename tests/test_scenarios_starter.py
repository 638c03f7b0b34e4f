"""The starter set of scenarios (issue 18) is a set of hand-written tests of the rules: every trainer's answer was
counted by hand from the contract text and a calendar (the `working:` of each scenario shows the count), and lmcore
must reach the same answer. Scenarios where lmcore is known to be wrong until another engineer's fix lands are marked
xfail(strict=True): they turn red the moment the fix lands, so the mark is removed then."""
from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from lmcore import load_contract
from lmcore.training import check_scenario, load_scenarios

CONTRACT = load_contract()
LIBRARY = load_scenarios(contract=CONTRACT)

# Scenario id → the known wrong answer of lmcore it exposes, and which fix turns it green.
KNOWN_WRONG: dict[str, str] = {}  # every starter scenario agrees with lmcore since the fixes of issue 13 landed


def _params():
    for s in LIBRARY.scenarios:
        marks = [pytest.mark.xfail(strict=True, reason=KNOWN_WRONG[s.id])] if s.id in KNOWN_WRONG else []
        yield pytest.param(s, id=s.id, marks=marks)


@pytest.mark.parametrize("scenario", list(_params()))
def test_trainer_answer_equals_lmcore(scenario):
    """Each scenario's `expected:` (counted by hand, see its `working:`) is what lmcore computes."""
    problem = check_scenario(scenario, CONTRACT)
    assert problem is None, problem.message


def test_known_wrong_ids_exist():
    """Every xfail above names a real scenario (a renamed one must not silently drop its mark)."""
    assert set(KNOWN_WRONG) <= {s.id for s in LIBRARY.scenarios}


@pytest.mark.parametrize("scenario", LIBRARY.scenarios, ids=lambda s: s.id)
def test_working_shows_the_answer(scenario):
    """The hand count in `working:` ends at the answer written in `expected:` (they cannot drift apart)."""
    w = scenario.working or ""
    assert len(w) > 60, "every starter scenario shows its working"
    e = scenario.expected
    if scenario.answer_type == "date":
        assert e.isoformat() in w or f"{e:%m-%d}" in w, f"{e} is not in the working"
    elif scenario.answer_type == "number":
        assert f"{e:,.2f}" in w or f"{e:.2f}" in w, f"{e:.2f} is not in the working"
    elif scenario.answer_type == "yes/no":
        last = w.rsplit("→", 1)[-1].strip().lower()
        assert last.startswith(("yes", "grievable") if e else ("no", "not")), f"the working ends with '{last}'"


def test_starter_set_covers_the_articles_tracks_and_readings():
    """At least 40 scenarios across Arts. 4, 5, 10, 29/35/36, 43, 44 and the subsidies; both tracks; 5+ readings."""
    s = LIBRARY.scenarios
    assert len(s) >= 40
    articles = Counter(x.article.split(" §")[0].split(" ¶")[0] for x in s)
    for art in ("Art. 4", "Art. 5", "Art. 10", "Art. 43", "Art. 44", "Transit Subsidy", "Child Care Subsidy"):
        assert articles[art] >= 1, art
    assert articles["Art. 29"] + articles["Art. 35"] + articles["Art. 36"] >= 3
    tracks = Counter(x.track for x in s)
    assert tracks["steward"] >= 10 and tracks["manager"] >= 10 and tracks["both"] >= 5
    assert sum(1 for x in s if x.readings) >= 5
    # around the holidays the brief names: Thanksgiving, Christmas/New Year, the 2025 closures, Juneteenth
    text = " ".join((x.working or "") for x in s)
    for words in ("Thanksgiving", "Christmas", "New Year", "closure", "Juneteenth"):
        assert words in text, words
    assert any(d.year == 2025 and d.month == 12 for x in s for d in x.facts.values() if isinstance(d, dt.date))


def test_every_set_has_both_tracks_or_says_why():
    """A trainer can run each set for stewards and for managers."""
    for st in LIBRARY.sets:
        assert any(x.for_track("steward") for x in st.scenarios), st.id
        assert any(x.for_track("manager") for x in st.scenarios), st.id
