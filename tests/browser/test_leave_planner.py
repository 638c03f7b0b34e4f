"""The leave planner in a real browser: a link with a service computation date changes the accrual rate mid-year
(5 U.S.C. 6303(c)); hand-counted in tests/test_leave_accrual.py."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import wait_for_chart

pytestmark = pytest.mark.browser


def test_scd_link_projects_the_rate_change_5usc6303c(open_dashboard):
    """balance 100 on Mon 2026-06-01 with SCD 2023-07-20: pp 11–14 at 4 h, pp 15–25 at 6 h, pp 26 at 10 h = 92 → 192.00."""
    dash = open_dashboard("leave_planner", "balance=100&scd=2023-07-20&as_of=2026-06-01")
    assert "192.00 hours" in dash.answer_text()
    expect(dash.page.locator(".lmcore-app")).to_contain_text("pay periods 15–25")
    wait_for_chart(dash.page)  # the leave year's chart, drawn after the page (issue 17 items 15-16)
