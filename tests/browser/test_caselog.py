""""My case log" on the grievance dashboard in a real browser: the section opens the log once shown, a steward types
a case name, clicks save, and "My cases" lists it with the due date lmcore predicts. The server's kernels use a
temporary log (LMCORE_CASELOG, set by the voila_server fixture), never the real home."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from lmcore.grievance import Grievance, timeline

from .conftest import error_outputs, screenshot, wait_for_chart

pytestmark = pytest.mark.browser

AS_OF = dt.date(2026, 11, 23)  # the notebook's pinned "today"


def test_save_a_case_and_see_its_next_deadline(open_dashboard, contract):
    """Art. 43 §7.a(1): learned Wed 2026-11-18; day 1 = Thu 11-19; Thu 11-26 Thanksgiving skipped → day 20 = Thu 12-17."""
    due = timeline(Grievance(learned=dt.date(2026, 11, 18)), contract, AS_OF).at_hand.due
    assert due == dt.date(2026, 12, 17)
    dash = open_dashboard("grievance_timeline", "learned=2026-11-18&path=employee")
    page = dash.page
    wait_for_chart(page)  # the timeline chart, drawn after the page (issue 17 items 15-16)
    table = page.locator(".lmcore-caselog-table")
    table.scroll_into_view_if_needed()
    expect(table).not_to_contain_text("opens when this page is shown", timeout=30_000)  # the view opened the log
    name = "Smith <b>overtime</b> 2026-014"
    box = page.locator(".lmcore-caselog-name input").first
    box.fill(name)
    page.locator(".lmcore-caselog-save").first.click()
    row = table.locator("tr").filter(has_text=name)
    expect(row).to_contain_text(f"{due:%a %Y-%m-%d}", timeout=30_000)  # the name shown as typed: escaped, not bold
    expect(row).to_contain_text("File the grievance at Step 1")
    expect(row).to_contain_text("Art. 43 §7.a(1)")
    assert table.locator("b b").count() == 0  # the typed <b> did not become markup
    expect(page.locator(".lmcore-caselog")).to_contain_text(re.compile(r"Saved “Smith <b>overtime</b> 2026-014”"))
    expect(box).to_have_value(name)
    assert error_outputs(page) == []
    screenshot(page, "grievance_caselog")
