"""The grievance dashboard shows the safe date beside the date (issue 16), in words, in a real browser."""
from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from .conftest import error_outputs, screenshot

pytestmark = pytest.mark.browser


def test_grievance_page_shows_the_safe_date_beside_the_date(open_dashboard, contract):
    """Art. 43 §7.a(3): filed Sat 2026-11-21, the meeting within 5 workdays. Reading in use (next_workday_is_day_1):
    Mon 11-23 = 1, 11-24 = 2, 11-25 = 3, Thanksgiving 11-26 skipped, 11-27 = 4, Mon 11-30 = 5. Under
    deemed_received_next_workday the filing counts as Mon 11-23: 11-24 = 1, 11-25 = 2, 11-27 = 3, 11-30 = 4, Tue 12-01
    = 5. The meeting is the supervisor's: the safe date is the later, Tue 12-01, named with its reading in words."""
    from lmcore.ui.grievance import build_app

    query = "learned=2026-11-18&filed=2026-11-21&path=employee&as_of=2026-11-23"
    dash = open_dashboard("grievance_timeline", query)
    assert error_outputs(dash.page) == []
    safe = dash.page.locator(".lmcore-answer .lmcore-safe-date").first
    expect(safe).to_contain_text("Safe date Tue 2026-12-01", timeout=60_000)
    words = " ".join(safe.inner_text().split())
    assert "under the reading 'The event is treated as happening on the next workday" in words
    assert "a day later than Mon 2026-11-30" in words and "count." not in words  # the reading in words, not its id
    # the same words lmcore gives for the same link
    app = build_app(contract, dt.date(2026, 11, 23), {"learned": "2026-11-18", "filed": "2026-11-21", "path": "employee",
                                                        "as_of": "2026-11-23"})
    assert app.timeline.at_hand.safe.words in words
    # and the table puts the safe date under the due date
    expect(dash.page.locator("table.lmcore-table .lmcore-safe-date").first).to_contain_text("safe date Tue 2026-12-01")
    screenshot(dash.page, "grievance_safe_date")
