"""The contract calendar dashboard in a real browser: a prepared link, the ICS download link, bad input.
Expected dates are counted by hand (Art. 29 §4.a: the receipt day is not counted)."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import screenshot

pytestmark = pytest.mark.browser


def test_prepared_link_request_due_art29_4a(open_dashboard):
    # received Mon 2026-11-23: Tue 24 (1), Wed 25 (2), Thu 26 Thanksgiving skipped, Fri 27 (3), Mon 30 (4), Tue 12-01 (5)
    dash = open_dashboard("contract_calendar", "received=2026-11-23&kind=space&level=agency&ratified=2026-11-23")
    assert "2026-12-01" in dash.answer_text() and "Art. 29 §4.a" in dash.answer_text()
    link = dash.page.locator("a[download='contract_calendar.ics']")
    expect(link).to_have_count(1)
    assert link.get_attribute("href").startswith("data:text/calendar")
    expect(dash.page.locator(".lmcore-app")).to_contain_text("Agreement takes effect")
    screenshot(dash.page, "contract_calendar")


def test_bad_date_in_link_is_named_beside_the_field(open_dashboard):
    dash = open_dashboard("contract_calendar", "received=2026-13-01")
    expect(dash.page.locator(".lmcore-error").first).to_contain_text("is not a date")


def test_assumed_session_dates_are_marked_art36_2a(open_dashboard):
    """Department level: the session of Mon 2027-02-08 rests on lmcore's assumed day (2nd Monday of the quarter's 2nd
    month); its agenda notice (Fri 2027-01-08), agenda meeting (Mon 02-01) and last day (Fri 02-12) carry the mark,
    and so do the committee meetings of the calendar; the request date (Tue 2026-12-01) does not."""
    dash = open_dashboard("contract_calendar", "received=2026-11-23&kind=space&level=department&ratified=2026-11-23")
    app = dash.page.locator(".lmcore-app")
    expect(app).to_contain_text("2027-01-08")
    marked = dash.page.locator("tr", has=dash.page.locator("span.lmcore-assumed"))
    expect(marked.first).to_be_visible()
    rows = " ".join(marked.all_inner_texts())
    for day in ("2027-01-08", "2027-02-01", "2027-02-12"):
        assert day in rows
    request_row = dash.page.locator("tr", has_text="Union requests negotiations").first
    assert "assumed" not in request_row.inner_text()
    expect(app).to_contain_text("The contract says how often the committees meet, never on which day")
