"""The contract folder is the rule book (issue 13 §1) for Arts. 43 and 44: for every number in the `grievance:` and
`arbitration:` groups of parameters.yaml, a copy of the folder with that number changed gives another answer of
lmcore's public API — the answer named beside the parameter below. A parameter no answer depends on must say so
(`informational: "<reason>"`); none of these groups needs it.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from lmcore.arbitration import EXAMPLE_NAMES, SimConfig, alternate_strikes, classify, make_panel, meeting_dates
from lmcore.arbitration import milestones, notice_window, simulate, split_costs
from lmcore.errors import LmcoreError
from lmcore.grievance import Grievance, Situation, screen, timeline

D = dt.date
GROUPS = ("grievance", "arbitration")
EFFECTIVE = D(2025, 10, 31)
# A grievance recorded step by step (the dates of tests/test_grievance.py::full_chain, all on time).
CHAIN = dict(learned=D(2026, 11, 18), filed=D(2026, 11, 30), step1_meeting=D(2026, 12, 4), step1_decision=D(2026, 12, 10),
             step2_appeal=D(2026, 12, 22), step2_meeting=D(2027, 1, 6), step2_decision=D(2027, 1, 12))


def attempt(f: Callable[[], Any]) -> Any:
    """The answer, or the one-line error lmcore gives instead (an error is an answer too)."""
    try:
        return f()
    except LmcoreError as exc:
        return f"error: {exc}"


def due(name: str, as_of: dt.date = D(2027, 3, 1), **g: Any) -> Callable[[Any], Any]:
    """The due date of one milestone of a grievance timeline."""
    return lambda c: timeline(Grievance(**g), c, as_of).milestone(name).due


def chain(*keys: str, **more: Any) -> dict[str, Any]:
    return {**{k: CHAIN[k] for k in ("learned", *keys)}, **more}


def arb(name: str, kind: str = "regular", **kw: Any) -> Callable[[Any], Any]:
    """The due date of one milestone of an invoked arbitration (Art. 44)."""
    return lambda c: milestones(D(2026, 11, 25), kind, c, **kw)[name].due


def findings(s: Situation) -> Callable[[Any], Any]:
    return lambda c: attempt(lambda: [f.text for f in screen(s, c).findings])


def strikes(c: Any) -> Any:
    names = ["A Ash", "B Birch", "C Cedar", "D Dogwood", "E Elm", "F Fir", "G Gum"]
    return attempt(lambda: len(alternate_strikes(names, names, names[::-1], c, first="union").steps))


def replacement_due(c: Any) -> Any:
    panel = make_panel(EXAMPLE_NAMES, EFFECTIVE, c)
    return panel.give_notice("Thomas Garcia", "union", D(2026, 10, 9), c)[1].replacement_due.due


def simulated(c: Any) -> Any:
    two = make_panel(["Ann Adams", "Bea Brown"], D(2027, 1, 1), c, size=2)
    return attempt(lambda: simulate(SimConfig(months=2, dates_per_month=1, rate_regular=1, rate_expedited=1), c,
                                    panel=two).summary())


# key: (the value in the copy, the answer that must change). None keeps the default change: value + 1.
PROBES: dict[str, tuple[Any, Callable[[Any], Any]]] = {
    "grievance.step1_filing": (None, due("step1_filing", learned=CHAIN["learned"])),
    "grievance.step1_meeting": (None, due("step1_meeting", **chain("filed"))),
    "grievance.step1_decision": (None, due("step1_decision", **chain("filed", "step1_meeting"))),
    "grievance.step1_oelmr_decision": (None, due("step1_oelmr_decision", D(2026, 12, 15),
                                                 **chain("filed", "step1_meeting", step1_oelmr_notice=D(2026, 12, 14)))),
    "grievance.step2_appeal": (None, due("step2_appeal", **chain("filed", "step1_meeting", "step1_decision"))),
    "grievance.step2_appeal_no_decision": (None, due("step2_appeal", D(2026, 12, 15), **chain("filed", "step1_meeting"))),
    "grievance.merit_staffing_filing": (None, due("step2_filing", learned=CHAIN["learned"], path="merit-staffing")),
    "grievance.step2_meeting": (None, due("step2_meeting", **chain("filed", "step1_meeting", "step1_decision", "step2_appeal"))),
    "grievance.step2_decision": (None, due("step2_decision", **chain("filed", "step1_meeting", "step1_decision",
                                                                     "step2_appeal", "step2_meeting"))),
    "grievance.step2_oelmr_decision": (None, due("step2_oelmr_decision", D(2027, 1, 15),
                                                 **chain("filed", "step1_meeting", "step1_decision", "step2_appeal",
                                                         "step2_meeting", step2_oelmr_notice=D(2027, 1, 14)))),
    "grievance.union_grievance_signatures": (2, findings(Situation(filer="union", signatures=1))),
    "grievance.institutional_resolution": (None, due("institutional_resolution", D(2026, 11, 23), learned=D(2026, 11, 2),
                                                     filed=D(2026, 11, 4), path="union-institutional", agencies="multiple")),
    "grievance.institutional_invocation": (None, due("arbitration_invocation", D(2026, 11, 23), learned=D(2026, 11, 2),
                                                     filed=D(2026, 11, 4), path="union-institutional", agencies="multiple")),
    "grievance.institutional_single_agency_resolution": (None, due("institutional_resolution", D(2026, 11, 23),
                                                                   learned=D(2026, 11, 2), filed=D(2026, 11, 4),
                                                                   path="union-institutional")),
    "grievance.institutional_single_agency_invocation": (None, due("arbitration_invocation", D(2026, 11, 23),
                                                                   learned=D(2026, 11, 2), filed=D(2026, 11, 4),
                                                                   path="union-institutional")),
    "grievance.institutional_filing": (None, due("institutional_filing", D(2026, 11, 23), learned=D(2026, 11, 2),
                                                 path="union-institutional")),
    "grievance.consolidation_min_employees": (3, findings(Situation(filer="union", consolidation="single-agency", employees=2))),
    "grievance.consolidated_agencies_more_than": (2, findings(Situation(filer="union", consolidation="multi-agency",
                                                                         agency_count=2))),
    "grievance.consolidated_resolution": (None, due("consolidated_resolution", **chain("filed", consolidated=D(2026, 12, 2),
                                                                                       consolidation="multi-agency"))),
    "grievance.consolidated_invocation": (None, due("arbitration_invocation", **chain("filed", consolidated=D(2026, 12, 2),
                                                                                      consolidation="multi-agency"))),
    "grievance.department_filing": (None, due("department_filing", D(2026, 11, 23), learned=D(2026, 11, 2), path="department")),
    "grievance.department_resolution": (None, due("department_resolution", D(2026, 11, 23), learned=D(2026, 11, 2),
                                                  filed=D(2026, 11, 4), path="department")),
    "grievance.department_invocation": (None, due("arbitration_invocation", D(2026, 11, 23), learned=D(2026, 11, 2),
                                                  filed=D(2026, 11, 4), path="department")),
    "grievance.arbitration_invocation": (None, due("arbitration_invocation", **CHAIN)),
    "grievance.arbitrability_notice_after_invocation": (None, due("arbitrability_notice", D(2027, 2, 5), **CHAIN,
                                                                  invoked=D(2027, 2, 4))),
    "grievance.arbitrability_notice_before_hearing": (None, due("arbitrability_notice", D(2027, 2, 5), **CHAIN,
                                                                invoked=D(2027, 2, 4), hearing=D(2027, 3, 10))),
    "grievance.removal_stay_filing": (None, due("stay_filing", D(2027, 1, 14), learned=D(2027, 1, 13), path="removal-stay")),
    "grievance.removal_stay_service_years": (11, lambda c: screen(Situation(subject="removal", service_years=10), c).path),
    "grievance.removal_stay_duration": (None, due("stay_ends", D(2027, 1, 20), learned=D(2027, 1, 13), filed=D(2027, 1, 15),
                                                  path="removal-stay")),
    "arbitration.panel_size": (7, lambda c: attempt(lambda: len(make_panel(EXAMPLE_NAMES, EFFECTIVE, c).members))),
    "arbitration.fmcs_list_size": (8, strikes),
    "arbitration.strike_remaining": (2, strikes),
    "arbitration.removal_notice_window": (None, lambda c: notice_window(EFFECTIVE, D(2026, 9, 1), c)[1].due),
    "arbitration.replacement": (None, replacement_due),
    "arbitration.fee_share": (60, lambda c: split_costs(c, fees=1000).union),
    "arbitration.transcripts_department_share": (50, lambda c: split_costs(c, transcripts=400).department),
    "arbitration.cancellation_fee_requester_share": (80, lambda c: split_costs(c, cancellation_fee=300,
                                                                                 cancellation_requested_by="union").union),
    "arbitration.reserved_dates_expedited": (2, simulated),
    "arbitration.reserved_dates_regular": (2, simulated),
    "arbitration.case_review_meetings_per_year": (6, lambda c: len(meeting_dates(c, D(2027, 1, 1), 12))),
    "arbitration.hearing_regular": (None, arb("hearing_by")),
    # 30 and 31 days after Wed 11-25 both roll back to Thu 12-24 (Fri 12-25 Christmas, Sat 12-26): try 40 (Mon 2027-01-04)
    "arbitration.hearing_stayed": (40, arb("hearing_by", "stayed")),
    "arbitration.hearing_expedited": (40, arb("hearing_by", "expedited")),
    "arbitration.prehearing_meeting": (None, arb("prehearing_meeting", hearing=D(2027, 1, 20))),
    "arbitration.exchange_meeting": (None, arb("exchange_meeting", hearing=D(2027, 1, 20))),
    "arbitration.expedited_suspension_max_days": (10, lambda c: classify([], c, suspension_days=14).kind),
    "arbitration.expedited_hearing_days": (2, lambda c: milestones(D(2026, 11, 25), "expedited", c).notes),
    "arbitration.expedited_hours_per_side": (4, lambda c: milestones(D(2026, 11, 25), "expedited", c).notes),
    "arbitration.expedited_decision": (None, arb("decision", "expedited", hearing=D(2026, 12, 22))),
    "arbitration.regular_award": (None, arb("decision", record_closed=D(2027, 1, 29))),
    "arbitration.arbitrability_notice_after_invocation": (None, arb("arbitrability_notice")),
    "arbitration.arbitrability_notice_before_hearing": (None, arb("arbitrability_notice", hearing=D(2026, 12, 22))),
}


def numeric_keys(contract: Any) -> list[str]:
    return [k for k, p in contract.parameters.items() if k.split(".")[0] in GROUPS
            and isinstance(p.value, (int, float)) and not isinstance(p.value, bool)]


def copy_with(tmp_path: Any, key: str, value: Any) -> Any:
    """A copy of the bundled folder with one number changed (in its quote and text too), loaded as another unit's would be."""
    from modified_contract import copy_with as copy

    return copy(tmp_path, {key: value})


def test_every_number_of_arts_43_and_44_is_read_or_marked_informational(contract):
    """No parameter of these groups is left unread (issue 13 §1): each has a probe here or says why none depends on it."""
    keys = set(numeric_keys(contract))
    informational = {k for k in keys if contract.param(k).informational}
    assert keys - informational == set(PROBES), sorted((keys - informational) ^ set(PROBES))
    assert not informational  # every number of Arts. 43 and 44 feeds an answer


@pytest.mark.parametrize("key", sorted(PROBES))
def test_changing_the_number_in_a_copied_folder_changes_the_answer(contract, tmp_path, key):
    new, answer = PROBES[key]
    value = contract.value(key)
    new = value + 1 if new is None else new
    assert new != value
    before, after = answer(contract), answer(copy_with(tmp_path, key, new))
    assert before != after, (key, before)


def test_messages_take_their_numbers_from_the_copied_folder(contract, tmp_path):
    """Consequence messages and screening routes name the contract's own numbers, never ones typed in code."""
    c = copy_with(tmp_path, "grievance.step2_appeal_no_decision", 12)
    t = timeline(Grievance(learned=CHAIN["learned"]), c, D(2026, 11, 23))
    assert "(12 workdays after the reply was due" in t.milestone("step1_decision").consequence
    c = copy_with(tmp_path / "b", "grievance.removal_stay_filing", 7)
    assert "grieve within 7 workdays" in screen(Situation(subject="removal", service_years=12), c).route
    c = copy_with(tmp_path / "c", "grievance.removal_stay_service_years", 15)
    note = next(f.text for f in screen(Situation(subject="removal", service_years=12), c).findings if f.cite == "Art. 43 §14.a")
    assert "less than 15 years of Federal service" in note
