"""Bulk mode: a table of grievances → every due date and status at once (vectorised; timed in benchmarks/)."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from lmcore.errors import InvalidDate, InvalidInput
from lmcore.grievance.bulk import bulk_deadlines

AS_OF = dt.date(2026, 11, 23)


def test_bulk_hand_worked_rows(contract):
    """Row 0: nothing filed yet; row 1: filed and met, no decision (Art. 43 §7.a(1), §7.a(3), §7.b(1))."""
    frame = pd.DataFrame({
        "learned": ["2026-11-18", "2026-11-02"],
        "filed": [None, "2026-11-04"],
        "step1_meeting": [None, "2026-11-10"],
    })
    out = bulk_deadlines(frame, contract, AS_OF)
    # row 0: Wed 11-18 + 20 workdays, Thanksgiving skipped → Thu 12-17 (open); decision projected Mon 2027-01-04
    assert out.loc[0, "step1_filing_due"] == pd.Timestamp("2026-12-17") and out.loc[0, "step1_filing_status"] == "open"
    assert out.loc[0, "step1_decision_due"] == pd.Timestamp("2027-01-04")
    assert out.loc[0, "step1_decision_status"] == "projected"
    # row 1: meeting Tue 11-10 → decision due Wed 11-18 (Veterans Day Wed 11-11 skipped), missed by Mon 11-23;
    # appeal within 10 workdays after Wed 11-18 (Thanksgiving skipped) → Thu 12-3, open
    assert out.loc[1, "step1_decision_due"] == pd.Timestamp("2026-11-18")
    assert out.loc[1, "step1_decision_status"] == "missed"
    assert out.loc[1, "step2_appeal_due"] == pd.Timestamp("2026-12-03") and out.loc[1, "step2_appeal_status"] == "open"
    assert {c["id"] for c in out.attrs["interpretations"]} >= {"grievance.reply_due_start", "grievance.late_decision_clock"}


def test_bulk_mixed_paths_keep_the_index(contract):
    frame = pd.DataFrame({"learned": ["2026-11-18"] * 3, "path": ["employee", "department", "merit-staffing"]},
                         index=["a", "b", "c"])
    out = bulk_deadlines(frame, contract, AS_OF)
    assert list(out.index) == ["a", "b", "c"]
    assert out.loc["b", "department_filing_due"] == pd.Timestamp("2026-12-17")
    assert pd.isna(out.loc["a", "department_filing_due"])
    assert out.loc["c", "step2_filing_due"] == pd.Timestamp("2026-12-17")
    # merit staffing and employee share the Step 2 columns: the employee's is projected later (after Step 1)
    assert out.loc["a", "step2_meeting_due"] > out.loc["c", "step2_meeting_due"]


def test_bulk_bad_rows_are_named(contract):
    with pytest.raises(InvalidDate, match=r"Step 1 decision date is before the step it follows in 1 row\(s\), first at row 1"):
        bulk_deadlines(pd.DataFrame({"learned": ["2026-11-02", "2026-11-02"], "filed": ["2026-11-04", "2026-11-04"],
                                     "step1_meeting": ["2026-11-10", "2026-11-10"],
                                     "step1_decision": ["2026-11-12", "2026-11-09"]}), contract, AS_OF)
    with pytest.raises(InvalidDate, match="after the 'as of' date"):
        bulk_deadlines(pd.DataFrame({"learned": ["2026-12-01"]}), contract, AS_OF)
    with pytest.raises(InvalidDate, match="column 'filed'"):
        bulk_deadlines(pd.DataFrame({"learned": ["2026-11-02"], "filed": ["2026-02-30"]}), contract, AS_OF)
    with pytest.raises(InvalidInput, match="no 'learned' column"):
        bulk_deadlines(pd.DataFrame({"filed": ["2026-11-02"]}), contract, AS_OF)
    with pytest.raises(InvalidInput, match="unknown column"):
        bulk_deadlines(pd.DataFrame({"learned": ["2026-11-02"], "colour": ["red"]}), contract, AS_OF)
    with pytest.raises(InvalidInput, match="unknown path"):
        bulk_deadlines(pd.DataFrame({"learned": ["2026-11-02"], "path": ["nowhere"]}), contract, AS_OF)
    with pytest.raises(InvalidInput, match="given but an earlier filing or appeal date is missing"):
        bulk_deadlines(pd.DataFrame({"learned": ["2026-11-02"], "step1_meeting": ["2026-11-10"]}), contract, AS_OF)
    with pytest.raises(InvalidDate, match="learned date is missing"):
        bulk_deadlines(pd.DataFrame({"learned": [None, "2026-11-02"]}), contract, AS_OF)
