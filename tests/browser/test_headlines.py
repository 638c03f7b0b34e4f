"""Headlines in a real browser (issue 17 items 5 and 6): the grievance page leads with the grievance's status after a
missed or late Step 1 filing and no longer projects later steps once it has ended (Art. 43 §12); the leave page's
headline gives the restoration request-by date and whether it has passed; the flexiplace headline gives the
decision date and the request it is for. Each case is worked by hand in its docstring."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_missed_step1_filing_ends_the_timeline_art43_12(open_dashboard):
    """Learned Thu 2026-10-01: 10-02 = day 1; Columbus Day Mon 10-12 skipped; day 20 = Fri 10-30. Nothing filed by the
    page's as-of date → status ended, and no Step 2 or arbitration step is projected in the table."""
    dash = open_dashboard("grievance_timeline", "learned=2026-10-01&path=employee")
    answer = dash.page.locator(".lmcore-answer").first
    expect(answer).to_contain_text("Status: ended. File the grievance at Step 1 was due Fri 2026-10-30 and is not recorded.")
    status_top = dash.page.locator(".lmcore-status").first.bounding_box()["y"]
    assert status_top <= answer.bounding_box()["y"] + 5  # the status is the answer's first line
    table = dash.page.locator("table.lmcore-table")
    expect(table).to_contain_text("File the grievance at Step 1")
    expect(table).not_to_contain_text("Appeal to Step 2")
    expect(table).not_to_contain_text("projected")


def test_late_step1_filing_is_untimely_art43_12(open_dashboard):
    """Due Fri 2026-10-30, filed Mon 11-02: untimely; the later dates hold only if the late filing is accepted."""
    dash = open_dashboard("grievance_timeline", "learned=2026-10-01&filed=2026-11-02&path=employee")
    answer = dash.page.locator(".lmcore-answer").first
    expect(answer).to_contain_text("Status: untimely. File the grievance at Step 1 was done late (Mon 2026-11-02; "
                                   "the last day was Fri 2026-10-30)")
    expect(answer).to_contain_text("The later dates hold only if the late step is accepted.")


def test_flexiplace_headline_names_request_and_decision_date_art10_5a(open_dashboard):
    """Request Thu 2026-12-10 + 15 calendar days = Fri 12-25 (Christmas) → the default reading: Thu 12-24."""
    dash = open_dashboard("flexiplace", "requested=2026-12-10")
    expect(dash.page.locator(".lmcore-answer").first).to_contain_text(
        "Decision due 2026-12-24 (Thursday) on the flexiplace request of Thu 2026-12-10 (Art. 10 §5.A)")


def test_leave_headline_gives_the_request_by_date_art5_1e(open_dashboard):
    """Leave year 2026 ends Sat 2027-01-09; the third pay period before its end begins Sun 2026-11-29 → request by
    Sat 2026-11-28, and the headline says whether that has passed."""
    dash = open_dashboard("leave_planner", "balance=300&service=5&planned=0")
    expect(dash.page.locator(".lmcore-request-by").first).to_contain_text("request it in writing by Sat 2026-11-28 (")
