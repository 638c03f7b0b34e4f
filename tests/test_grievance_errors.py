"""Bad input gives a clear error that names the step and the section (never a silent wrong answer)."""
from __future__ import annotations

import datetime as dt

import pytest

from lmcore.errors import InvalidDate, InvalidInput, OutOfRange
from lmcore.grievance import Extension, Grievance, Waiver, timeline
from lmcore.grievance import Situation, screen

D = dt.date
AS_OF = D(2026, 12, 31)


def run(contract, **kw):
    return timeline(Grievance(**{"learned": D(2026, 11, 18), **kw}), contract, kw.pop("as_of", AS_OF))


def test_decision_before_meeting(contract):
    """Art. 43 §7.a(3): the decision comes at the end of the meeting or after it."""
    with pytest.raises(InvalidDate) as e:
        run(contract, filed=D(2026, 11, 20), step1_meeting=D(2026, 11, 25), step1_decision=D(2026, 11, 24))
    assert "Step 1 decision date (2026-11-24) is before the Step 1 meeting date (2026-11-25)" in str(e.value)
    assert e.value.cite == "Art. 43 §7.a(3)" and e.value.field == "step1_decision"


def test_step2_decision_before_step2_meeting(contract):
    with pytest.raises(InvalidDate, match=r"Step 2 decision date .* before the Step 2 meeting date .*Art\. 43 §7\.b\(4\)"):
        run(contract, filed=D(2026, 11, 20), step1_decision=D(2026, 11, 24), step2_appeal=D(2026, 11, 30),
            step2_meeting=D(2026, 12, 10), step2_decision=D(2026, 12, 9))


def test_filing_before_learning(contract):
    with pytest.raises(InvalidDate, match=r"filing date .* before the date the violation was learned of .*§7\.a\(1\)"):
        run(contract, filed=D(2026, 11, 17))


def test_done_after_as_of(contract):
    """A step cannot be marked as done after the 'as of' date."""
    with pytest.raises(InvalidDate) as e:
        timeline(Grievance(learned=D(2026, 11, 18), filed=D(2026, 11, 30)), contract, D(2026, 11, 23))
    assert "filing date (2026-11-30) is after the 'as of' date (2026-11-23)" in str(e.value)
    assert e.value.cite == "Art. 43 §6.b"


def test_learned_after_as_of(contract):
    with pytest.raises(InvalidDate, match="after the 'as of' date"):
        timeline(Grievance(learned=D(2026, 12, 1)), contract, D(2026, 11, 23))


def test_impossible_dates_name_the_step():
    with pytest.raises(InvalidDate) as e:
        Grievance.from_mapping({"learned": "2026-11-18", "step1_meeting": "2026-02-30"})
    assert "'2026-02-30' is not a real calendar date" in str(e.value) and e.value.cite == "Art. 43 §7.a(3)"
    assert e.value.field == "step1_meeting"
    with pytest.raises(InvalidInput, match="learned"):
        Grievance.from_mapping({"filed": "2026-11-18"})
    with pytest.raises(InvalidInput, match="unknown grievance field 'flied'"):
        Grievance.from_mapping({"learned": "2026-11-18", "flied": "2026-11-18"})


def test_dates_outside_the_calendar(contract):
    with pytest.raises(OutOfRange, match="outside the years"):
        timeline(Grievance(learned=D(2150, 1, 5)), contract, D(2150, 1, 6))


def test_later_step_without_the_filing(contract):
    """A Step 1 meeting needs a filing date (§7.a(3) counts from the filing)."""
    with pytest.raises(InvalidInput) as e:
        run(contract, step1_meeting=D(2026, 11, 25))
    assert "Step 1 meeting date is given but not the filing date" in str(e.value)
    assert e.value.cite == "Art. 43 §7.a(1)" and e.value.field == "filed"
    with pytest.raises(InvalidInput, match="Step 2 meeting date is given but not the Step 2 appeal date"):
        run(contract, filed=D(2026, 11, 20), step2_meeting=D(2026, 12, 10))


def test_dates_that_do_not_belong_to_the_path(contract):
    with pytest.raises(InvalidInput, match=r"Step 1 meeting date does not apply to the merit-staffing path"):
        run(contract, path="merit-staffing", filed=D(2026, 11, 20), step1_meeting=D(2026, 11, 24))
    with pytest.raises(InvalidInput, match="not the date arbitration was invoked"):
        run(contract, hearing=D(2027, 3, 1))
    with pytest.raises(InvalidInput, match="unknown grievance path 'staffing'"):
        run(contract, path="staffing")


def test_oelmr_notice_before_the_decision_was_late(contract):
    """Art. 43 §7.a(5): OELMR is notified only when no decision came in time (due Wed 11-18 here)."""
    g = dict(learned=D(2026, 11, 2), filed=D(2026, 11, 4), step1_meeting=D(2026, 11, 10))
    with pytest.raises(InvalidDate, match=r"not after the day the decision was due \(2026-11-18\).*§7\.a\(5\)"):
        timeline(Grievance(**g, step1_oelmr_notice=D(2026, 11, 18)), contract, AS_OF)
    with pytest.raises(InvalidDate, match=r"Step 1 decision date .* before the date the Union notified OELMR"):
        timeline(Grievance(**g, step1_decision=D(2026, 11, 16), step1_oelmr_notice=D(2026, 11, 19)), contract, AS_OF)


def test_bad_modifications(contract):
    with pytest.raises(InvalidInput, match="no milestone 'step3_appeal'"):
        run(contract, extensions=(Extension("step3_appeal", workdays=5),))
    with pytest.raises(OutOfRange, match="at least one workday"):
        run(contract, extensions=(Extension("step1_filing", workdays=0),))
    with pytest.raises(InvalidInput, match="either more workdays or a new due date"):
        run(contract, extensions=(Extension("step1_filing"),))
    with pytest.raises(InvalidInput, match="not a time limit of Article 43"):
        run(contract, path="removal-stay", extensions=(Extension("stay_ends", workdays=5),))
    with pytest.raises(InvalidDate, match="agreed new due date .* before the day its count starts"):
        run(contract, extensions=(Extension("step1_filing", until=D(2026, 11, 10)),))
    with pytest.raises(InvalidInput, match="Step 1 is already waived on the merit-staffing path"):
        run(contract, path="merit-staffing", waivers=(Waiver("step1"),))
    with pytest.raises(InvalidInput, match="no Step 1 or Step 2 to waive"):
        run(contract, path="department", waivers=(Waiver("step2"),))
    with pytest.raises(InvalidDate, match="written waiver of step2 .* after the 'as of' date"):
        run(contract, waivers=(Waiver("step2", D(2027, 1, 5)),))


def test_bad_screening_answers():
    with pytest.raises(InvalidInput, match="'boss' is not a known filer"):
        screen(Situation(filer="boss"))
    with pytest.raises(OutOfRange, match="years of Federal service"):
        screen(Situation(subject="removal", service_years=-1))
