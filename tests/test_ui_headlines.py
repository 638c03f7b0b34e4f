"""Headlines say what matters (issue 17 items 5 and 6): work schedules name the unordered hours beyond a compressed
schedule; leave gives the restoration request-by date and whether it has passed; flexiplace the decision date and
the request it is for; a non-default reading in use is named; the grievance page leads with its status after a
missed or late grievant-side step and stops projecting later steps once the grievance has ended (Art. 43 §12)."""
from __future__ import annotations

import datetime as dt
import html
import re

import pytest

import lmcore
from lmcore.ui import flexiplace, grievance, leave, schedules

AS_OF = dt.date(2026, 11, 23)


def text(value: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", value)).split())


@pytest.fixture(scope="module")
def contract():
    return lmcore.load_contract()


def test_schedules_headline_names_unordered_hours_beyond_a_compressed_day_art4_2c2():
    """Compressed 5-4/9: Mon 11-16 is a 9-hour day (08:00–17:30, lunch 12:00–12:30). Worked to 18:30 → 10 h, 1 h beyond
    the schedule, not ordered: under the default reading it is neither overtime nor credit hours (Art. 4 §2.c(2))."""
    app = schedules.build_app(as_of=AS_OF, params={"schedule": "compressed-5-4-9"})
    row = app.rows[1]
    assert "Mon 11-16" in row.label.value and [t.value for t in row.times] == ["08:00", "17:30", "12:00", "12:30"]
    row.times[1].value = "18:30"
    answer = text(app.answer.value)
    beyond = answer.index("Mon 11-16: 1 h beyond the compressed schedule's 9 h were not ordered or approved")
    assert beyond < answer.index("Compressed 5-4/9, pay period")  # before the long sentence of totals
    assert "compressed schedules earn no credit hours" in answer


def test_schedules_headline_says_when_the_overtime_reading_is_switched():
    app = schedules.build_app(as_of=AS_OF, params={"schedule": "compressed-5-4-9"})
    app.readings["schedules.compressed_overtime"].widget.value = "all_hours_beyond_schedule"
    app.rows[1].times[1].value = "18:30"
    answer = text(app.answer.value)
    assert "Not the default reading of the text: Overtime on a compressed schedule" in answer
    assert "all_hours" not in answer


def test_leave_headline_gives_the_request_by_date_and_whether_it_passed_art5_1e(contract):
    """Leave year 2026 ends Sat 2027-01-09 (the pay period that ends then begins Sun 2026-12-27); the third pay period
    before the end begins Sun 2026-11-29, so use-or-lose leave must be requested by Sat 2026-11-28 — still open on
    Mon 11-23, passed on Mon 11-30."""
    open_app = leave.build_app(contract, as_of=AS_OF, params={"balance": "300", "service": "5", "planned": "0"})
    assert "request it in writing by Sat 2026-11-28 (still open" in text(open_app.answer.value)
    late = leave.build_app(contract, as_of=dt.date(2026, 11, 30), params={"balance": "300", "service": "5", "planned": "0"})
    assert "request it in writing by Sat 2026-11-28 (passed" in text(late.answer.value)


def test_flexiplace_headline_names_the_request_and_the_decision_date_art10_5a(contract):
    """Request Thu 2026-12-10 + 15 calendar days = Fri 12-25, Christmas; the default reading moves it back to Thu 12-24."""
    app = flexiplace.build_app(contract, as_of=AS_OF, params={"requested": "2026-12-10"})
    answer = text(app.answer.value)
    assert answer.startswith("Decision due 2026-12-24 (Thursday) on the flexiplace request of Thu 2026-12-10 (Art. 10 §5.A)")
    assert "Not the default reading" not in answer
    rid = "flexiplace.decision_due_nonworkday"
    other = next(k for k in contract.interpretations[rid].options if k != contract.interpretations[rid].default)
    app.readings.set(rid, other)
    assert "Not the default reading of the text: Flexiplace decision due on a weekend or holiday" in text(app.answer.value)


def test_grievance_that_missed_step1_ends_and_later_steps_are_not_projected_art43_12(contract, tmp_path):
    """Learned Thu 2026-10-01: day 20 = Fri 10-30 (10-02 = 1; Columbus Day Mon 10-12 skipped); nothing filed by
    Mon 11-23 → the grievance ended (§12). The page says so first and shows no Step 2 or arbitration dates."""
    app = grievance.build_app(contract, as_of=AS_OF, params={"learned": "2026-10-01", "path": "employee"}, caselog=tmp_path / "g.sqlite")
    answer = text(app.answer.value)
    assert answer.startswith("⚠ Status: ended. File the grievance at Step 1 was due Fri 2026-10-30 and is not recorded.")
    assert "(Art. 43 §12)" in answer
    assert [v for _, v in app.explain_pick.options] == ["step1_filing"]
    assert "Appeal to Step 2" not in app.table.value and "projected" not in app.table.value


def test_grievance_filed_late_is_untimely_and_later_dates_hold_only_if_accepted_art43_12(contract, tmp_path):
    """Due Fri 2026-10-30, filed Mon 11-02: untimely; the later dates still show, said to hold only if accepted."""
    app = grievance.build_app(contract, as_of=AS_OF, params={"learned": "2026-10-01", "filed": "2026-11-02", "path": "employee"},
                              caselog=tmp_path / "g.sqlite")
    answer = text(app.answer.value)
    assert answer.startswith("⚠ Status: untimely. File the grievance at Step 1 was done late (Mon 2026-11-02; the last day was Fri 2026-10-30)")
    assert "The later dates hold only if the late step is accepted." in answer
    assert "Appeal to Step 2" in app.table.value


def test_an_open_grievance_has_no_status_warning(contract, tmp_path):
    app = grievance.build_app(contract, as_of=AS_OF, params={"learned": "2026-11-18", "path": "employee"}, caselog=tmp_path / "g.sqlite")
    assert "Status:" not in text(app.answer.value) and len(app.explain_pick.options) == len(app.timeline.milestones)
