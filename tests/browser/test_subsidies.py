"""The subsidies dashboard in a real browser: prepared links and bad input beside the field.
Expected amounts are worked by hand (Child Care Subsidy ¶b, Transit Subsidy ¶4)."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import screenshot, wait_for_chart

pytestmark = pytest.mark.browser
INCOME = "input[placeholder='e.g. 45000']"


def test_prepared_link_child_care_childcare_b(open_dashboard):
    # $45,000 is in the $40,000–$49,999 row: 40% × $900 = $360, not to exceed $350 → $350.00
    dash = open_dashboard("subsidies", "income=45000&cost=900")
    assert "$350.00" in dash.answer_text() and "Child Care Subsidy ¶b" in dash.answer_text()
    wait_for_chart(dash.page)  # the subsidy curve, drawn after the page (issue 17 items 15-16)
    expect(dash.page.locator(".lmcore-app img").first).to_be_visible()
    screenshot(dash.page, "subsidies")


def test_negative_income_shows_beside_the_field_childcare_b(open_dashboard):
    dash = open_dashboard("subsidies", "income=45000&cost=900")
    box = dash.page.locator(INCOME)
    box.fill("-5")
    box.press("Enter")
    row = dash.field_box(INCOME)
    expect(row.locator(".lmcore-error")).to_contain_text("cannot be negative")
    expect(box).to_have_value("-5")


def test_prepared_link_transit_transit_4(open_dashboard):
    # $80 a month of commuting: min($100, $80) = $80.00 (¶4)
    dash = open_dashboard("subsidies", "transit_cost=80")
    assert "$80.00" in dash.answer_text() and "Transit Subsidy ¶4" in dash.answer_text()
